"""A build reads and checks the entry files in two processes (reading.py): what it finds must be what one
process finds, in the same order."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from topicbank import load_banks
from topicbank.reading import SPLIT_FROM
from topicbank.settings import BankSource

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from benchlib.generator import write_bank  # noqa: E402


def test_two_processes_find_what_one_finds(tmp_path: Path) -> None:
    bank = tmp_path / "topics"
    files = write_bank(bank, SPLIT_FROM + 50, ROOT)
    broken = sorted(files)[-1]  # in the second half: read by the forked process
    broken.write_text(broken.read_text(encoding="utf-8").replace("\nstatus: draft", "\nstatus: draft\ntieu_de: x", 1),
                      encoding="utf-8")
    sources = [BankSource("topics", bank)]
    today = dt.date(2026, 12, 1)
    one, two = (load_banks(sources, tmp_path, today=today, workers=workers) for workers in (1, 2))
    assert [item.format() for item in two.problems] == [item.format() for item in one.problems]
    assert any(item.code == "unknown-field" and item.path.endswith(broken.name) for item in two.problems)
    assert [(raw.id, raw.bank, raw.data, raw.lines, raw.body) for raw in two.raw_entries] == [
        (raw.id, raw.bank, raw.data, raw.lines, raw.body) for raw in one.raw_entries]
    # the units the bank's citation check reads were found while reading, half of them in the forked process, and
    # are those of the very entries it checks (citations.entry_units keeps them by path and entry)
    from topicbank import citations

    for raw in two.raw_entries:
        kept_entry, kept_units = citations._last_units[raw.path]
        assert kept_entry is raw and kept_units == list(citations._units(raw))
    assert any(units for _, units in citations._last_units.values())  # the bank cites documents by number
