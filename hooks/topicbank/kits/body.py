"""The entry's Markdown body for paper: HTML for the print page and PDF, simple blocks for Word."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown

# The handout's own title is h2 and its sections h3, so the body's ## becomes h3, and so on.
_HEADING = re.compile(r"<(/?)h([1-6])(\b[^>]*)>")


@functools.lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    # One converter per process, reset per body: building one (loading extensions) cost as much as converting.
    return markdown.Markdown(extensions=["tables", "attr_list", "footnotes", "sane_lists"], output_format="html")


def body_html(text: str) -> str:
    """Markdown to HTML, headings pushed one level down. The validator has refused unsafe markup already."""
    if not text.strip():
        return ""
    html = _converter().reset().convert(text)
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + 1)}{m.group(3) if not m.group(1) else ''}>",
                        html)


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    kind: str  # heading, paragraph, bullet, number, quote, table
    level: int = 0
    runs: list[Run] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # table cells, first row is the header

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


class _BlockParser(HTMLParser):
    """Flattens the small HTML Markdown produces into paragraphs, headings, list items and tables."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.lists: list[str] = []
        self.bold = self.italic = 0
        self.in_quote = 0
        self.table: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.link: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            self._open(Block("heading", level=int(tag[1]) - 1))
        elif tag == "p":
            self._open(Block("quote" if self.in_quote else "paragraph"))
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            self._open(Block("bullet" if self.lists and self.lists[-1] == "ul" else "number", level=len(self.lists)))
        elif tag == "blockquote":
            self.in_quote += 1
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "table":
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "a":
            self.link = dict(attrs).get("href")
        elif tag == "br":
            self.handle_data("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3", "h4", "h5", "h6", "p", "li"):
            self.current = None
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.current = None
        elif tag == "blockquote":
            self.in_quote -= 1
        elif tag in ("strong", "b"):
            self.bold -= 1
        elif tag in ("em", "i"):
            self.italic -= 1
        elif tag in ("td", "th") and self.cell is not None and self.table:
            self.table[-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "table" and self.table is not None:
            self.blocks.append(Block("table", rows=self.table))
            self.table = None
        elif tag == "a":
            if self.link and self.link.startswith(("http://", "https://")):
                self.handle_data(f" ({self.link})")
            self.link = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
            return
        if not data.strip() and self.current is None:
            return
        if self.current is None:  # loose text, e.g. inside a tight list item after a nested list
            self._open(Block("paragraph"))
        assert self.current is not None
        self.current.runs.append(Run(data, bold=self.bold > 0, italic=self.italic > 0))

    def _open(self, block: Block) -> None:
        self.blocks.append(block)
        self.current = block


def body_blocks(html: str) -> list[Block]:
    parser = _BlockParser()
    parser.feed(html)
    parser.close()
    return [block for block in parser.blocks if block.kind == "table" or block.text.strip()]
