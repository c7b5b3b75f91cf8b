"""Bytes on disk to raw entries: encoding, BOM, line endings, NFC, front matter.

A raw entry is what the author wrote, with the line of every field; nothing is
checked against the contract here except what is needed to read the file at all.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Problem, problem
from .strict_yaml import Path as FieldPath
from .strict_yaml import parse_mapping

_YAML_CODES = {"syntax": "yaml-syntax", "tab": "yaml-tab", "tag": "yaml-tag",
               "duplicate-key": "yaml-duplicate-key", "not-a-mapping": "not-a-mapping",
               "curly-quotes": "yaml-curly-quotes", "inner-quote": "yaml-inner-quote"}


@dataclass
class RawEntry:
    """One topic file as written: front matter values with their lines, and the body."""

    id: str
    path: str  # as shown to contributors, relative to the repository
    source: Path
    data: dict[str, Any]
    lines: dict[FieldPath, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line of the body's first line in the file
    front_matter: str = ""  # the YAML text as written (line 2 of the file onwards), for line-based checks
    bank: str = ""  # the name of the bank it comes from (`national` or the site's folder)

    def line_of(self, *path: str | int) -> int:
        """The line of a field (or the nearest enclosing field), else the start of the file."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def is_entry_file(path: Path) -> bool:
    return path.suffix == ".md" and not path.name.startswith("_") and path.name != "README.md"


def entry_files(topics_dir: Path) -> list[Path]:
    """Every entry file below topics_dir, in a stable order; templates and folders named _x are skipped."""
    files = []
    for path in sorted(topics_dir.rglob("*.md")):
        relative = path.relative_to(topics_dir)
        if any(part.startswith("_") for part in relative.parts[:-1]):
            continue
        if is_entry_file(path):
            files.append(path)
    return files


# The last parse of each file, by the path contributors see: a long-lived process (`mkdocs serve`, which loads
# the banks again after every save) parses again only the files whose bytes changed. A new process starts empty.
_last_parse: dict[tuple[str, Path], tuple[bytes, RawEntry | None, list[Problem]]] = {}


def read_entry(source: Path, display_path: str) -> tuple[RawEntry | None, list[Problem]]:
    raw = source.read_bytes()
    last = _last_parse.get((display_path, source))
    if last is not None and last[0] == raw:
        return last[1], list(last[2])
    entry, problems = parse_entry(raw, source, display_path)
    _last_parse[(display_path, source)] = (raw, entry, list(problems))
    return entry, problems


def parse_entry(raw: bytes, source: Path, display_path: str) -> tuple[RawEntry | None, list[Problem]]:
    """Parse one file's bytes. Returns None as the entry when it cannot be read at all."""
    problems: list[Problem] = []
    text, decode_problem = _decode(raw, display_path)
    if decode_problem:
        return None, [decode_problem]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [problem("empty-file", display_path, 1)]
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        lines = _non_nfc_lines(text) or [1]  # one problem for the file: --fix-nfc mends every line at once
        problems.append(problem("not-nfc", display_path, lines[0], lines=_line_list(lines)))
        text = nfc

    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, problems + [problem("no-front-matter", display_path, 1)]
    closing = next((index for index in range(1, len(lines)) if lines[index].rstrip() == "---"), None)
    if closing is None:
        return None, problems + [problem("unclosed-front-matter", display_path, 1)]

    parsed = parse_mapping("\n".join(lines[1:closing]))
    for issue in parsed.issues:
        problems.append(problem(_YAML_CODES[issue.kind], display_path, issue.line + 1,
                                detail=issue.detail, tag=issue.detail, field=issue.detail, quote=issue.detail))
    if parsed.data is None:
        return None, problems
    entry = RawEntry(
        id=source.stem,
        path=display_path,
        source=source,
        data=parsed.data,
        lines={key: line + 1 for key, line in parsed.lines.items()},  # YAML starts on line 2
        body="\n".join(lines[closing + 1:]),
        body_line=closing + 2,
        front_matter="\n".join(lines[1:closing]),
    )
    return entry, problems


def _decode(raw: bytes, display_path: str) -> tuple[str, Problem | None]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return "", problem("encoding", display_path, line)


def _line_list(lines: list[int], shown: int = 15) -> str:
    """[3, 4, 8] -> "các dòng 3, 4, 8"; a long list ends with how many more."""
    text = ("dòng " if len(lines) == 1 else "các dòng ") + ", ".join(map(str, lines[:shown]))
    return text + (f" và {len(lines) - shown} dòng khác" if len(lines) > shown else "")


def _non_nfc_lines(text: str) -> list[int]:
    return [number for number, line in enumerate(text.split("\n"), start=1)
            if unicodedata.normalize("NFC", line) != line]
