"""A theme's Markdown body as sections of slide items (paragraphs and bullets with bold/italic runs).

The validator already refused raw HTML and level-1 headings in bodies, so a small
line-based reader is enough: `##` starts a section, `###` becomes a bold line,
lists and paragraphs become items, links keep their text (the URL goes to the notes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_INLINE = re.compile(r"(\*\*[^*]+?\*\*|__[^_]+?__|\*[^*\s][^*]*?\*|`[^`]+`)")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,3})[.)]\s+(.*)$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Item:
    """One paragraph on a slide: a bullet, a numbered point, or plain text (bullet=False)."""

    runs: tuple[Run, ...]
    bullet: bool = True
    number: int | None = None
    level: int = 0
    continuation: bool = False  # the rest of a bullet split across slides: indented, no marker

    @property
    def indented(self) -> bool:
        return self.bullet or self.continuation

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def label(self) -> str:
        return f"{self.number}. " if self.number is not None else ""

    @property
    def bold(self) -> bool:
        return bool(self.runs) and all(run.bold for run in self.runs if run.text.strip())


@dataclass
class Section:
    title: str
    items: list[Item] = field(default_factory=list)
    links: list[str] = field(default_factory=list)

    @property
    def plain_text(self) -> str:
        return "\n".join(f"{item.label}{item.text}" for item in self.items)


def inline_runs(markdown: str, links: list[str] | None = None) -> tuple[Run, ...]:
    """Bold, italic and code spans as runs; links keep their text and report their URL."""

    def keep_link_text(match: re.Match[str]) -> str:
        if links is not None:
            links.append(f"{match.group(1)}: {match.group(2)}")
        return match.group(1)

    text = _LINK.sub(keep_link_text, markdown)
    runs: list[Run] = []
    for piece in _INLINE.split(text):
        if not piece:
            continue
        if piece.startswith(("**", "__")) and len(piece) > 4:
            runs.append(Run(piece[2:-2], bold=True))
        elif piece.startswith("*") and len(piece) > 2:
            runs.append(Run(piece[1:-1], italic=True))
        elif piece.startswith("`") and len(piece) > 2:
            runs.append(Run(piece[1:-1]))
        else:
            runs.append(Run(piece.replace("\\", "")))
    return tuple(runs)


def parse_sections(body: str, first_title: str) -> list[Section]:
    """Split the body at `##` headings; text before the first heading gets first_title."""
    sections: list[Section] = [Section(first_title)]
    pending: list[str] = []
    pending_kind: tuple[str, int | None, int] | None = None  # (kind, number, level)

    def flush() -> None:
        nonlocal pending, pending_kind
        if pending and pending_kind:
            kind, number, level = pending_kind
            section = sections[-1]
            runs = inline_runs(" ".join(pending), section.links)
            if kind == "quote":
                runs = tuple(Run(run.text, run.bold, True) for run in runs)
            section.items.append(Item(runs, bullet=kind != "quote", number=number, level=level))
        pending, pending_kind = [], None

    for raw in body.split("\n"):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("## ") or stripped == "##":
            flush()
            sections.append(Section(stripped[2:].strip().strip("#").strip()))
            continue
        if stripped.startswith("#"):  # ### and deeper: a bold line of its own
            flush()
            heading = stripped.lstrip("#").strip()
            sections[-1].items.append(Item((Run(heading, bold=True),), bullet=False))
            continue
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if bullet or numbered:
            flush()
            if bullet:
                pending_kind = ("bullet", None, 1 if len(bullet.group(1)) >= 2 else 0)
                pending = [bullet.group(2)]
            else:
                assert numbered is not None
                pending_kind = ("number", int(numbered.group(2)), 1 if len(numbered.group(1)) >= 2 else 0)
                pending = [numbered.group(3)]
            continue
        if stripped.startswith(">"):
            if pending_kind is None or pending_kind[0] != "quote":
                flush()
                pending_kind = ("quote", None, 0)
            pending.append(stripped.lstrip(">").strip())
            continue
        if stripped.startswith("|"):
            flush()
            if not _TABLE_RULE.match(stripped):
                cells = [cell.strip() for cell in stripped.strip("|").split("|")]
                sections[-1].items.append(Item(inline_runs(" — ".join(c for c in cells if c), sections[-1].links)))
            continue
        if pending_kind is None:
            pending_kind = ("paragraph", None, 0)
        pending.append(stripped)
    flush()
    return [section for section in sections if section.items]
