"""Benchmark helpers for scripts/bench.py and scripts/bench_kits.py (see docs/hieu-nang.md)."""
