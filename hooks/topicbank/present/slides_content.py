"""A theme entry to the list of slides both decks show (PPTX and browser), split so nothing overflows.

Order: title, objectives, one or more slides per `##` section, one slide per quote,
discussion questions, the commitment asked of each member, cited documents and their validity.
Geometry lives here too, so the PPTX writer and the splitter agree on every box.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import labels
from ..body import parse_body
from ..model import Bank, Entry
from ..render.text import vn_date
from .markdown_blocks import Item, Run, Section, body_sections
from .text_fit import Box, largest_fitting_size, paragraph_height_pt

SLIDE_WIDTH_IN, SLIDE_HEIGHT_IN = 40 / 3, 7.5  # exactly 16:9 (12192000 × 6858000 EMU)
TITLE_BOX = Box(0.6, 0.35, 12.133, 1.15)
BODY_BOX = Box(0.6, 1.7, 12.133, 5.15)
QUOTE_BOX = Box(1.1, 1.7, 11.133, 3.9)
QUOTE_SOURCE_BOX = Box(1.1, 5.75, 11.133, 1.05)
COVER_TITLE_BOX = Box(0.8, 1.2, 11.733, 2.9)
COVER_LINES_BOX = Box(0.8, 4.45, 11.733, 2.3)
FOOTER_BOX = Box(0.6, 6.95, 12.133, 0.4)

TITLE_SIZES = (32, 28, 24, 22, 20)
COVER_TITLE_SIZES = (40, 36, 32, 28, 24, 22)
QUOTE_SIZES = (32, 28, 26, 24, 22, 20)
BODY_PT = 24
COVER_LINE_PT = 22
QUOTE_SOURCE_PT = 18
FOOTER_PT = 12
PARAGRAPH_GAP_PT = 8  # space before every paragraph but the first
BULLET_INDENT_IN = 0.4
CELL_BLANK = "CHI BỘ ……………………………"
CONTINUED = " (tiếp)"

_SENTENCE_END = re.compile(r"(?<=[.!?;:…])\s+")


@dataclass(frozen=True)
class Slide:
    kind: str  # "cover", "list", "quote"
    title: str
    items: tuple[Item, ...] = ()
    lines: tuple[str, ...] = ()  # cover: cell, series, months
    source: str = ""  # quote: where it comes from
    notes: str = ""
    title_pt: int = TITLE_SIZES[0]
    body_pt: int = BODY_PT


@dataclass(frozen=True)
class Deck:
    entry_id: str
    title: str
    slides: tuple[Slide, ...]


# -- measuring --------------------------------------------------------------------------------

def item_height_pt(item: Item, font_pt: int, box: Box = BODY_BOX) -> float:
    indent = BULLET_INDENT_IN * 72 * (1 + item.level) if item.indented else 0.0
    return paragraph_height_pt(item.label + item.text, font_pt, box.width_pt - indent, item.bold)


def items_height_pt(items: list[Item] | tuple[Item, ...], font_pt: int, box: Box = BODY_BOX) -> float:
    return _stacked_pt([item_height_pt(item, font_pt, box) for item in items])


def _stacked_pt(heights: list[float]) -> float:
    """Paragraphs of these heights one under the other, with the gaps between them."""
    if not heights:
        return 0.0
    return sum(heights) + PARAGRAPH_GAP_PT * (len(heights) - 1)


# Word widths are estimated, not shaped: keep a tenth of the box free, so a slide whose text wraps a little later
# than estimated (narrow letters, square-bracketed placeholders, the browser's fallback font) still fits.
FIT_MARGIN = 0.9


def _fits(items: list[Item], font_pt: int, box: Box = BODY_BOX) -> bool:
    return items_height_pt(items, font_pt, box) <= box.height_pt * FIT_MARGIN


# -- splitting --------------------------------------------------------------------------------

def _pieces(item: Item, pattern: re.Pattern[str]) -> list[list[Run]]:
    """The item's runs cut after each match of pattern (sentence ends, or spaces)."""
    pieces: list[list[Run]] = [[]]
    for run in item.runs:
        parts = pattern.split(run.text)
        for index, part in enumerate(parts):
            if part:
                pieces[-1].append(Run(part + (" " if index < len(parts) - 1 else ""), run.bold, run.italic))
            if index < len(parts) - 1:
                pieces.append([])
    return [piece for piece in pieces if piece]


def _chunk(item: Item, runs: list[Run], first: bool) -> Item:
    if runs:
        runs = runs[:-1] + [Run(runs[-1].text.rstrip(), runs[-1].bold, runs[-1].italic)]
    return Item(tuple(runs), bullet=item.bullet and first, number=item.number if first else None,
                level=item.level, continuation=item.continuation or (item.bullet and not first))


def split_item(item: Item, font_pt: int, box: Box = BODY_BOX) -> list[Item]:
    """An item too tall for an empty slide, cut at sentence ends (or, failing that, at words)."""
    if _fits([item], font_pt, box):
        return [item]
    for pattern in (_SENTENCE_END, re.compile(r"\s+")):
        pieces = _pieces(item, pattern)
        if len(pieces) < 2:
            continue
        groups: list[list[Run]] = [[]]
        for piece in pieces:
            if groups[-1] and not _fits([_chunk(item, groups[-1] + piece, len(groups) == 1)], font_pt, box):
                groups.append([])
            groups[-1] += piece
        chunks = [_chunk(item, runs, index == 0) for index, runs in enumerate(groups)]
        if all(_fits([chunk], font_pt, box) for chunk in chunks):
            return chunks
    return [item]  # only a single word taller than the box; the overflow test would catch it


def paginate(items: list[Item], font_pt: int = BODY_PT, box: Box = BODY_BOX) -> list[list[Item]]:
    """Items packed into as few slides as fit, in order. Each piece is measured once (the slide's items are not
    measured again with each piece tried); the test is _fits' own."""
    pages: list[list[Item]] = []
    current: list[Item] = []
    heights: list[float] = []  # of the items in current
    for item in items:
        for piece in split_item(item, font_pt, box):
            height = item_height_pt(piece, font_pt, box)
            if current and not _stacked_pt(heights + [height]) <= box.height_pt * FIT_MARGIN:
                pages.append(current)
                current, heights = [], []
            current.append(piece)
            heights.append(height)
    if current:
        pages.append(current)
    return pages


def fitted_title_pt(title: str, box: Box = TITLE_BOX, sizes: tuple[int, ...] = TITLE_SIZES) -> int:
    return largest_fitting_size(title, box, sizes, bold=True) or sizes[-1]


# -- the deck ---------------------------------------------------------------------------------

class SlideBuilder:
    """Builds the Deck for one theme; needs the bank only for labels and cited documents."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank

    def deck(self, entry: Entry) -> Deck:
        slides = [self._cover(entry)]
        slides += self._list_slides(labels.OBJECTIVES, [_plain(text) for text in entry.objectives],
                                    notes=entry.summary)
        for section in body_sections(parse_body(entry.body).blocks, labels.BODY):
            slides += self._section_slides(section)
        for quote in entry.quotes:
            slides += self._quote_slides(quote.text, quote.source)
        questions = [_plain(text, number=index) for index, text in enumerate(entry.questions, start=1)]
        slides += self._list_slides(labels.QUESTIONS, questions,
                                    notes="Mời đảng viên phát biểu, liên hệ với công việc và nơi cư trú của mình.")
        commitment = [Item((Run("Đề nghị mỗi đồng chí đăng ký và thực hiện:", bold=True),), bullet=False)]
        slides += self._list_slides(labels.ACTIONS,
                                    commitment + [_plain(text) for text in entry.actions],
                                    notes="Ghi việc mỗi đồng chí đăng ký vào biên bản; báo cáo kết quả ở kỳ sinh hoạt sau.")
        slides += self._closing(entry)
        return Deck(entry.id, entry.title, tuple(slides))

    def series_line(self, entry: Entry) -> str:
        if entry.series == "chi-thi-05" and entry.year:
            return f"Chuyên đề năm {entry.year} — Chỉ thị 05-CT/TW"
        label = self.bank.vocabulary.label("series", entry.series) if entry.series else "Chuyên đề sinh hoạt chi bộ"
        return f"{label} — năm {entry.year}" if entry.year else label

    def _cover(self, entry: Entry) -> Slide:
        months = ", ".join(f"tháng {month}" for month in entry.months)
        lines = [CELL_BLANK, self.series_line(entry)]
        if months:
            lines.append(f"Sinh hoạt gợi ý: {months}")
        notes = [entry.summary]
        if entry.duration_minutes:
            notes.append(f"Thời lượng gợi ý: {entry.duration_minutes} phút.")
        if entry.is_draft:
            notes.append("Bản nháp: đối chiếu lại với văn bản gốc trước khi trình bày.")
        return Slide("cover", entry.title, lines=tuple(lines), notes="\n".join(notes),
                     title_pt=fitted_title_pt(entry.title, COVER_TITLE_BOX, COVER_TITLE_SIZES))

    def _list_slides(self, title: str, items: list[Item], notes: str = "") -> list[Slide]:
        pages = paginate(items)
        full_notes = "\n".join(filter(None, [notes, "\n".join(f"{i.label}{i.text}" for i in items)]))
        return [Slide("list", title + (CONTINUED if index else ""), tuple(page), notes=full_notes,
                      title_pt=fitted_title_pt(title + (CONTINUED if index else "")))
                for index, page in enumerate(pages)]

    def _section_slides(self, section: Section) -> list[Slide]:
        notes = section.plain_text
        if section.links:
            notes += "\n\nLiên kết:\n" + "\n".join(section.links)
        pages = paginate(section.items)
        return [Slide("list", section.title + (CONTINUED if index else ""), tuple(page), notes=notes,
                      title_pt=fitted_title_pt(section.title + (CONTINUED if index else "")))
                for index, page in enumerate(pages)]

    def _quote_slides(self, text: str, source: str) -> list[Slide]:
        quoted = f"“{text.strip()}”"
        notes = f"Trích nguyên văn; đọc rõ nguồn: {source}."
        size = largest_fitting_size(quoted, QUOTE_BOX, QUOTE_SIZES)
        if size is not None:
            return [Slide("quote", labels.QUOTES, (_plain(quoted, italic=True, bullet=False),), source=f"— {source}",
                          notes=notes, body_pt=size)]
        parts = paginate([_plain(quoted, italic=True, bullet=False)], QUOTE_SIZES[-1], QUOTE_BOX)
        return [Slide("quote", labels.QUOTES + (CONTINUED if index else ""), tuple(page), source=f"— {source}",
                      notes=notes, body_pt=QUOTE_SIZES[-1]) for index, page in enumerate(parts)]

    def _closing(self, entry: Entry) -> list[Slide]:
        schema = self.bank.schema
        items: list[Item] = []
        notes: list[str] = []
        for document_id in entry.references:
            document = self.bank.get(document_id)
            if document is None:
                continue
            validity = schema.enum_label("validity", document.validity or "unknown")
            # titles often already say "Chỉ thị 05-CT/TW ngày 15/5/2016"; do not repeat what they say
            facts = ", ".join(part for part in (document.number, vn_date(document.issued))
                              if part and part not in document.title)
            runs = [Run(document.title), Run(f" ({facts})" if facts else ""), Run(f" — {validity}", bold=True)]
            replacement = self.bank.get(document.superseded_by) if document.superseded_by else None
            if replacement is not None:
                runs.append(Run(f", thay thế bởi {replacement.title}"))
            items.append(Item(tuple(run for run in runs if run.text)))
            notes.append(f"{document.title}: {document.number or ''}, {vn_date(document.issued)}, "
                         f"{document.issuer or ''}. Hiệu lực: {validity}.")
        title = labels.REFERENCES
        if not items:  # a theme that cites no document entry still names its sources
            title = labels.SOURCES
            items = [_plain(source.title) for source in entry.sources]
            notes = [f"{source.title}: {source.url or ''}" for source in entry.sources]
        return self._list_slides(title, items, notes="\n".join(notes))


def _plain(text: str, number: int | None = None, italic: bool = False, bullet: bool = True) -> Item:
    return Item((Run(text.strip(), italic=italic),), bullet=bullet, number=number)


def build_deck(entry: Entry, bank: Bank) -> Deck:
    return SlideBuilder(bank).deck(entry)
