"""A theme's body blocks (topicbank.body) as sections of slide items: paragraphs and bullets with bold/italic runs.

`##` starts a section, `###` and deeper become a bold line, paragraphs, list items and table
rows become items, and links keep their text on the slide while their address goes to the notes.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..body import Block, Run, cell_text

__all__ = ["Item", "Run", "Section", "body_sections"]

TABLE_CELL_SEPARATOR = " — "


@dataclass(frozen=True)
class Item:
    """One paragraph on a slide: a bullet, a numbered point, or plain text (bullet=False)."""

    runs: tuple[Run, ...]
    bullet: bool = True
    number: int | None = None
    level: int = 0
    continuation: bool = False  # indented, no marker: the rest of a bullet split across slides, or its 2nd paragraph

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


def body_sections(blocks: Iterable[Block], first_title: str) -> list[Section]:
    """Split the blocks at `##` headings; blocks before the first heading get first_title."""
    sections: list[Section] = [Section(first_title)]
    for block in blocks:
        section = sections[-1]
        if block.kind == "heading" and block.level <= 2:
            sections.append(Section(block.text.strip()))
            continue
        for item in _items(block):
            section.items.append(item)
            section.links.extend(_links(item.runs))
    return [section for section in sections if section.items]


def _items(block: Block) -> list[Item]:
    if block.kind == "heading":  # ### and deeper: a bold line of its own
        return [Item((Run(block.text.strip(), bold=True),), bullet=False)]
    if block.kind == "table":  # one item a row, its cells side by side
        items = []
        for row in block.rows:
            runs: list[Run] = []
            for cell in (cell for cell in row if cell_text(cell)):
                runs += [Run(TABLE_CELL_SEPARATOR)] if runs else []
                runs += cell
            items.append(Item(tuple(runs)))
        return items
    runs = block.runs
    if block.quote:  # quoted words are set apart by italics, without a bullet
        return [Item(tuple(Run(run.text, run.bold, True, run.link) for run in runs), bullet=False)]
    # The browser deck styles one level of nesting; deeper lists share it rather than run off the slide.
    level = min(1, max(0, block.level - 1))
    if block.kind == "item" and not block.marker:
        return [Item(runs, bullet=False, level=level, continuation=True)]
    if block.kind == "item":
        return [Item(runs, number=block.number, level=level)]
    return [Item(runs)]  # a paragraph is a point of its own on a slide


def _links(runs: tuple[Run, ...]) -> list[str]:
    """`text: address` for each link in the runs (a link cut into bold and plain runs counts once)."""
    links: list[str] = []
    text, current = "", None
    for run in (*runs, Run("")):
        if run.link != current:
            if current and not current.startswith("#"):  # an anchor on the page means nothing in the notes
                links.append(f"{text}: {current}")
            text, current = "", run.link
        text += run.text
    return links
