"""Benchmark probe: counts real PDF and DOCX renders in every process of a build, workers included.

scripts/bench_kits.py puts this folder on PYTHONPATH and sets TB_BENCH_RENDER_LOG, so
Python imports it at start-up in the build and in any worker process it spawns. When
weasyprint.document or docx.document is imported, the method that writes a PDF or a
DOCX is wrapped to append one line to the log: "pdf" or "docx", then the topicbank
module that asked for it (a kit's DOCX comes from topicbank.kits, the Word template of
the "Chuẩn bị buổi sinh hoạt" page from topicbank.meeting). A kit served from the cache
never calls them, so the count is the number of kits really rendered, whatever the kit
code logs. Without the environment variable it does nothing.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys

_LOG = os.environ.get("TB_BENCH_RENDER_LOG")
_TARGETS = {"weasyprint.document": ("Document", "write_pdf", "pdf"), "docx.document": ("Document", "save", "docx")}


def _caller() -> str:
    """The topicbank module nearest up the stack ("-" if none)."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if name.startswith("topicbank."):
            return name
        frame = frame.f_back
    return "-"


def _record(kind: str) -> None:
    with open(_LOG, "a", encoding="utf-8") as log:  # O_APPEND: lines from parallel workers do not mix
        log.write(f"{kind} {_caller()}\n")


def _wrap(module: object, class_name: str, method_name: str, kind: str) -> None:
    cls = getattr(module, class_name)
    original = getattr(cls, method_name)

    def counted(self, *args, **kwargs):
        _record(kind)
        return original(self, *args, **kwargs)

    setattr(cls, method_name, counted)


class _Loader(importlib.abc.Loader):
    def __init__(self, inner: importlib.abc.Loader, target: tuple[str, str, str]) -> None:
        self.inner, self.target = inner, target

    def create_module(self, spec):
        return self.inner.create_module(spec)

    def exec_module(self, module) -> None:
        self.inner.exec_module(module)
        _wrap(module, *self.target)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name not in _TARGETS:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader, _TARGETS[name])
        return spec


if _LOG:
    sys.meta_path.insert(0, _Finder())
