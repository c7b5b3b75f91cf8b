"""An entry's Markdown body, converted once into the HTML the page shows and the blocks every output reads
(Word, slides, search, print).

    use_markdown(MarkdownSettings(extensions, configs))  # the site's mkdocs.yml, once a build (SiteBuild.load)
    convert_body(text)   # Converted: the page's HTML and its table of contents, as MkDocs would make them
    parse_body(text)     # Body: that HTML and its blocks

The body is converted with the site's own Markdown extensions, the ones MkDocs renders the page with, while the
files are read (reading.py, in both processes of a build): the page takes that HTML instead of converting the body
again (mkdocs_site.ConvertedPage), and the handout, the slides and the search index see the lists, emphasis,
tables and boxes exactly where the page shows them. A small HTMLParser walks the HTML into a flat list of blocks;
raw HTML the validator let through (safe tags only) is read like the rest.

The list is flat because every reader wants it flat: a list item is one block with its depth,
so Word, PowerPoint and plain text each indent it their own way.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import Any

import markdown

# Without a site (tests, the command line): MkDocs's own three, which it adds to every site's list, and those the
# print page used before it read the site's (sane_lists keeps a bullet list after a numbered one a list of its own).
DEFAULT_EXTENSIONS = ("toc", "tables", "fenced_code", "attr_list", "footnotes", "sane_lists")

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Run:
    """A piece of text with one look. Code spans are plain text: no output shows them differently."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None  # the href of the link this text belongs to


Cell = tuple[Run, ...]


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph", "item" (the text of a list item) or "table"
    runs: tuple[Run, ...] = ()
    level: int = 0  # heading: as written (## is 2); item: list depth, 1 for a top-level list
    number: int | None = None  # item of a numbered list: the number the page shows
    marker: bool = True  # item: False for a list item's later paragraphs (indented, no bullet or number)
    quote: bool = False  # inside a > quote
    rows: tuple[tuple[Cell, ...], ...] = ()  # table: the cells, first row the header

    @property
    def text(self) -> str:
        if self.kind == "table":
            return " ".join(cell_text(cell) for row in self.rows for cell in row)
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Body:
    html: str  # Python-Markdown's HTML, headings as written (## is h2)
    blocks: tuple[Block, ...] = ()

    @property
    def text(self) -> str:
        """The readable words in reading order, one space between blocks: what search indexes."""
        return _SPACE.sub(" ", " ".join(block.text for block in self.blocks)).strip()


def cell_text(cell: Cell) -> str:
    return "".join(run.text for run in cell).strip()


@dataclass(frozen=True)
class MarkdownSettings:
    """How the site converts Markdown: mkdocs.yml's markdown_extensions (names or Extension objects, MkDocs's own
    three included) and mdx_configs. Compared, never hashed: a config may hold functions (toc's slugify)."""

    extensions: tuple[Any, ...] = DEFAULT_EXTENSIONS
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Converted:
    html: str  # what MkDocs's Page.render would make of the body, headings as written (## is h2)
    toc_tokens: list[dict[str, Any]]  # Python-Markdown's table of contents, from which MkDocs makes page.toc


# This process's conversion: the settings, one converter reset per body (building one, which loads the extensions,
# costs as much as converting), and every body converted so far, by its text without the blank lines around it.
_settings = MarkdownSettings()
_converter: markdown.Markdown | None = None
_converted: dict[str, Converted] = {}


def use_markdown(settings: MarkdownSettings) -> None:
    """Convert with the site's settings from now on; what was converted with others is forgotten."""
    global _settings, _converter
    if settings == _settings:
        return  # `mkdocs serve` loads again after every save: what did not change is kept
    _settings, _converter = settings, None
    _converted.clear()
    parse_body.cache_clear()


def convert_body(text: str) -> Converted:
    """The body as MkDocs converts it on the entry's page, converted once per process (or received: remember)."""
    key = text.strip()
    found = _converted.get(key)
    if found is None:
        found = _converted[key] = _convert(key)
    return found


def converted(markdown_text: str) -> Converted | None:
    """The conversion of a page's Markdown, if this exact text was converted: MkDocs's front-matter reader leaves
    an entry's page with its body and one line end (render/entry_page.py), which is what _convert converts."""
    key = markdown_text.strip()
    return _converted.get(key) if markdown_text == key + "\n" else None


def remember(text: str, conversion: Converted) -> None:
    """A conversion another process made (reading.py), with this process's settings."""
    _converted.setdefault(text.strip(), conversion)


def _convert(key: str) -> Converted:
    global _converter
    if not key:
        return Converted("", [])
    if _converter is None:
        _converter = markdown.Markdown(extensions=list(_settings.extensions), extension_configs=_settings.configs)
    html = _converter.reset().convert(key + "\n")
    return Converted(html, list(getattr(_converter, "toc_tokens", [])))


@functools.lru_cache(maxsize=4096)
def parse_body(text: str) -> Body:
    """The body's HTML and blocks. Memoised by the text itself, so each body is parsed once per process
    however many outputs read it, and an edited body (serve, tests using dataclasses.replace) is parsed anew."""
    html = convert_body(text).html
    if not html:
        return Body("")
    walker = _Walker()
    walker.feed(html)
    walker.close()
    walker.end_block()
    return Body(html, tuple(walker.blocks))


# -- reading Python-Markdown's HTML ----------------------------------------------------------

_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Tags that end the text before them: each starts or ends a block of its own.
_BLOCK_TAGS = {"p", "li", "ul", "ol", "blockquote", "table", "pre", "div", "hr", "dl", "dt", "dd", *_HEADINGS}


@dataclass
class _ListItem:
    level: int
    number: int | None
    marked: bool = False  # its first block (with the bullet or number) is out


@dataclass
class _Table:
    rows: list[list[Cell]] = field(default_factory=list)
    cell: list[Run] | None = None


class _Walker(HTMLParser):
    """Python-Markdown's HTML as blocks. Text opens a block when it arrives, of the kind its place gives it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._runs: list[Run] | None = None  # the open block's runs
        self._block = Block("paragraph")  # the open block's kind, level, number, marker and quote; runs come last
        self._lists: list[list[int]] = []  # per open list: [last number] for ol, [] for ul
        self._items: list[_ListItem] = []
        self._heading: int | None = None
        self._quote = 0
        self._pre = 0
        self._bold = self._italic = 0
        self._links: list[tuple[str | None, bool]] = []  # (href, skipped)
        self._skip = 0  # inside a footnote's back-link or a heading's permalink (toc's "#"), which are no text
        self._table: _Table | None = None

    # -- tags ----------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _BLOCK_TAGS:
            self.end_block()
        if tag in _HEADINGS:
            self._heading = _HEADINGS[tag]
        elif tag == "ul":
            self._lists.append([])
        elif tag == "ol":
            self._lists.append([_start(attributes.get("start")) - 1])
        elif tag == "li":
            counter = self._lists[-1] if self._lists else []
            if counter:
                counter[0] += 1
            self._items.append(_ListItem(len(self._lists) or 1, counter[0] if counter else None))
        elif tag == "blockquote":
            self._quote += 1
        elif tag == "pre":
            self._pre += 1
        elif tag == "table":
            self._table = _Table()
        elif tag == "tr" and self._table is not None:
            self._table.rows.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._table.cell = []
        elif tag in ("strong", "b"):
            self._bold += 1
        elif tag in ("em", "i"):
            self._italic += 1
        elif tag == "a":
            css = attributes.get("class") or ""
            skipped = "footnote-backref" in css or "headerlink" in css
            self._links.append((attributes.get("href"), skipped))
            self._skip += int(skipped)
        elif tag == "br":
            self._add("\n", hard=True)
        elif tag == "img":
            self._add(attributes.get("alt") or "")  # paper and search cannot show the picture; its words stay

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.end_block()
        if tag in _HEADINGS:
            self._heading = None
        elif tag in ("ul", "ol") and self._lists:
            self._lists.pop()
        elif tag == "li" and self._items:
            self._items.pop()
        elif tag == "blockquote":
            self._quote = max(0, self._quote - 1)
        elif tag == "pre":
            self._pre = max(0, self._pre - 1)
        elif tag in ("td", "th") and self._table is not None and self._table.cell is not None:
            if self._table.rows:
                self._table.rows[-1].append(_trimmed(self._table.cell))
            self._table.cell = None
        elif tag == "table" and self._table is not None:
            rows = tuple(tuple(row) for row in self._table.rows if row)
            if rows:
                self.blocks.append(Block("table", rows=rows, quote=self._quote > 0))
            self._table = None
        elif tag in ("strong", "b"):
            self._bold = max(0, self._bold - 1)
        elif tag in ("em", "i"):
            self._italic = max(0, self._italic - 1)
        elif tag == "a" and self._links:
            _, skipped = self._links.pop()
            self._skip -= int(skipped)

    def handle_data(self, data: str) -> None:
        if not self._pre:
            data = data.replace("\n", " ")  # a soft line break in Markdown is a space on the page
            if self._runs and self._runs[-1].text == "\n":
                data = data.lstrip()  # the source's own line end after a hard break would start the next line
        self._add(data)

    # -- blocks --------------------------------------------------------------------------------

    def _add(self, text: str, hard: bool = False) -> None:
        if not text or self._skip:
            return
        link = self._links[-1][0] if self._links else None
        run = Run(text, bold=self._bold > 0, italic=self._italic > 0, link=link)
        if self._table is not None:
            if self._table.cell is not None:
                self._table.cell.append(run)
            return  # whitespace between a table's rows
        if self._runs is None:
            if hard or not text.strip():
                return  # whitespace between blocks, or a break with nothing before it
            self._open()
        assert self._runs is not None
        self._runs.append(run)

    def _open(self) -> None:
        quote = self._quote > 0
        if self._heading is not None:
            self._block = Block("heading", level=self._heading, quote=quote)
        elif self._items:
            item = self._items[-1]
            self._block = Block("item", level=item.level, number=None if item.marked else item.number,
                                marker=not item.marked, quote=quote)
        else:
            self._block = Block("paragraph", quote=quote)
        self._runs = []

    def end_block(self) -> None:
        runs, self._runs = self._runs, None
        if runs is None:
            return
        trimmed = _trimmed(runs)
        if trimmed:
            self.blocks.append(replace(self._block, runs=trimmed))
            if self._block.kind == "item" and self._items:
                self._items[-1].marked = True


def _trimmed(runs: list[Run]) -> tuple[Run, ...]:
    """Runs without the whitespace at either end of the block (or cell); runs left empty are dropped."""
    result = list(runs)
    while result and not result[0].text.strip():
        result.pop(0)
    while result and not result[-1].text.strip():
        result.pop()
    if not result:
        return ()
    first = result[0]
    result[0] = Run(first.text.lstrip(), first.bold, first.italic, first.link)
    last = result[-1]  # read after the first is trimmed: they are the same run when there is one
    result[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.link)
    return tuple(result)


def _start(value: str | None) -> int:
    try:
        return int(value or 1)
    except ValueError:
        return 1
