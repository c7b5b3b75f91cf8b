"""Each entry file read and checked on its own (load_banks then checks the bank as a whole).

    read_and_check(files, checker, workers=2)  # [(RawEntry or None, problems)], in the files' order
    read_and_check(files, checker, workers=2, convert_bodies=True)  # and each body converted (body.convert_body)

A build reads and checks its thousand files before anything else can start, on one core while the other waits:
with `workers` 2 (a build, not `mkdocs serve`), a forked process takes the last files (FORKED_SHARE) and sends back
what it found, in the same order, with the units the bank's citation check will read (citations.entry_units,
which depend on the entry alone: 1.1 s of a 4,000-entry load) and, for a build of the site, each body's HTML:
the pages and every output read that one conversion (1.2 s at 1,000 entries, shared the same way). Under
serve the banks are loaded again after every save in one process, and what an unchanged file gives is kept
(load.read_entry keeps its parse, _check_entry its problems, body.convert_body its HTML), so one process does it all.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
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

# Fewer files than this are read in one process: a second one costs more to start than it saves.
SPLIT_FROM = 200
# The forked process's share of the files: it starts later and sends back what it found (about 0.2 s of 1.5 s at
# 1,000 entries, pickled there and unpickled here), so an even split kept this process waiting.
FORKED_SHARE = 0.46


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
    ours = len(files) - int(len(files) * FORKED_SHARE)  # this process reads the first ones
    global _forked  # the forked process inherits the checker (and body.py's settings) rather than receiving them
    _forked = (checker, rules, convert_bodies)
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        second = pool.submit(_read_part, files[ours:])
        first = [_read_one(file, checker, rules) for file in files[:ours]]
        for raw, _ in first:  # needed later (the bank's citation check, the pages): found here, in parallel
            if raw is not None:
                entry_units(raw)
                if convert_bodies:
                    convert_body(raw.body)
        rest = []
        for raw, problems, units, conversion in second.result():
            if raw is not None:
                remember_units(raw, units)
                if conversion is not None:
                    remember(raw.body, conversion)
            rest.append((raw, problems))
        return first + rest


_forked: tuple[EntryChecker, str, bool] | None = None


def _read_part(files: list[EntryFile]) -> list[tuple[RawEntry | None, list[Problem], list[Unit], Converted | None]]:
    assert _forked is not None
    checker, rules, convert_bodies = _forked
    checked = [_read_one(file, checker, rules) for file in files]
    return [(raw, problems, entry_units(raw) if raw is not None else [],
             convert_body(raw.body) if raw is not None and convert_bodies else None) for raw, problems in checked]


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
