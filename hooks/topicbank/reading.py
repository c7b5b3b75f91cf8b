"""Each entry file read and checked on its own (load_banks then checks the bank as a whole).

    read_and_check(files, checker, workers=2)  # [(RawEntry or None, problems)], in the files' order
    read_and_check(files, checker, workers=2, convert_bodies=True)  # and each body converted (body.convert_body)

A build reads and checks its thousand files before anything else can start, on one core while the other waits:
with `workers` 2 (a build, not `mkdocs serve`), this process and a forked one take the files CHUNK by CHUNK, each
the next chunk when it is done with its last (a fixed split kept one of them waiting up to 0.8 s, as the machine
gave one or the other more time). The forked one sends back what it found, with the units the bank's citation
check will read (citations.entry_units, which depend on the entry alone: 1.1 s of a 4,000-entry load) and, for a
build of the site, each body's HTML: the pages and every output read that one conversion (1.2 s at 1,000
entries, shared the same way). Under serve the banks are loaded again after every save in one process, and what
an unchanged file gives is kept (load.read_entry keeps its parse, _check_entry its problems, body.convert_body its
HTML), so one process does it all.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .body import Converted, convert_body, remember
from .checks import EntryChecker
from .citations import Unit, entry_units, remember_units
from .load import RawEntry, read_entry
from .problems import Problem
from .schema import Schema, Vocabulary
from .settings import BankSource
from .turns import SharedTurns, turns

# Fewer files than this are read in one process: a second one costs more to start than it saves.
SPLIT_FROM = 200
# Files a process takes at a time: about 30 ms of work, so the two finish within that of each other.
CHUNK = 16


@dataclass(frozen=True)
class EntryFile:
    bank: BankSource
    path: Path
    shown: str  # the path contributors see (topics/x.md, national/x.md)


Checked = tuple[RawEntry | None, list[Problem]]


def read_and_check(files: list[EntryFile], checker: EntryChecker, workers: int = 1,
                   convert_bodies: bool = False) -> list[Checked]:
    rules = _rules_key(checker.schema, checker.vocabulary, checker.today)
    if workers < 2 or len(files) < SPLIT_FROM or "fork" not in multiprocessing.get_all_start_methods():
        checked = [_read_one(file, checker, rules) for file in files]
        if convert_bodies:
            for raw, _ in checked:
                if raw is not None:
                    convert_body(raw.body)
        return checked
    context = multiprocessing.get_context("fork")
    shared = SharedTurns(context, CHUNK)
    global _forked  # the forked process inherits these (and body.py's settings) rather than receiving them
    _forked = (files, checker, rules, convert_bodies, shared)
    found: list[Checked | None] = [None] * len(files)
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        second = pool.submit(_read_chunks)
        for index in _indexes(shared, len(files)):
            raw, problems = found[index] = _read_one(files[index], checker, rules)
            if raw is not None:  # needed later (the bank's citation check, the pages): found here, in parallel
                entry_units(raw)
                if convert_bodies:
                    convert_body(raw.body)
        for index, raw, problems, units, conversion in second.result():
            if raw is not None:
                remember_units(raw, units)
                if conversion is not None:
                    remember(raw.body, conversion)
            found[index] = (raw, problems)
    _forked = None
    assert all(item is not None for item in found)
    return found  # type: ignore[return-value]


_forked: tuple[list[EntryFile], EntryChecker, str, bool, SharedTurns] | None = None


def _indexes(shared: SharedTurns, total: int) -> Iterator[int]:
    """The indexes of the files this process reads: a chunk at a time, each the next chunk neither process took."""
    for chunk in turns(shared.take, total):
        yield from range(chunk.start, chunk.stop)


def _read_chunks() -> list[tuple[int, RawEntry | None, list[Problem], list[Unit], Converted | None]]:
    """In the forked process: read chunks until none is left, and give back what the build needs of each file."""
    assert _forked is not None
    files, checker, rules, convert_bodies, shared = _forked
    read = []
    for index in _indexes(shared, len(files)):
        raw, problems = _read_one(files[index], checker, rules)
        read.append((index, raw, problems, entry_units(raw) if raw is not None else [],
                     convert_body(raw.body) if raw is not None and convert_bodies else None))
    return read


def _read_one(file: EntryFile, checker: EntryChecker, rules: str) -> Checked:
    raw, problems = read_entry(file.path, file.shown)
    if raw is None:
        return None, problems
    raw.bank = file.bank.name
    return raw, problems + _check_entry(checker, rules, raw)


# `mkdocs serve` loads the banks again after every save. A file whose bytes did not change comes back as the same
# RawEntry object (load.read_entry), and its checks find the same problems under the same schema, vocabulary and
# day, so they are kept by the path contributors see. A new process starts empty.
_last_checks: dict[str, tuple[RawEntry, str, list[Problem]]] = {}


def _rules_key(schema: Schema, vocabulary: Vocabulary, today: dt.date) -> str:
    text = json.dumps([schema.document, vocabulary.lists, today.isoformat()], sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_entry(checker: EntryChecker, rules: str, raw: RawEntry) -> list[Problem]:
    last = _last_checks.get(raw.path)
    if last is not None and last[0] is raw and last[1] == rules:
        return list(last[2])
    problems = checker.check(raw)
    _last_checks[raw.path] = (raw, rules, list(problems))
    return problems
