"""A Deck to a standalone HTML page that presents full screen in the browser, offline, with no third-party script.

The page is not a MkDocs page (so not in the site search): it is written after the build
into trinh-chieu/<id>/index.html. Without JavaScript every slide shows, one under the other;
deck.js turns that into a one-slide-at-a-time presentation (keys, buttons, swipe).
Box geometry comes from slides_content, so the browser splits and places text like the PPTX.
The page is fragments/deck.html; here each slide becomes the plain values it lays out. The page has no
inline style: the boxes and the few font sizes the text fitting can choose are classes in
assets/css/deck.css, whose generated block is deck_rules() (tests/test_slides.py checks they agree).
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from ..render.jinja import Markup, render
from .markdown_blocks import Item, Run
from .slides_content import (BODY_BOX, BODY_PT, COVER_LINE_PT, COVER_LINES_BOX, COVER_TITLE_BOX, COVER_TITLE_SIZES,
                             FOOTER_BOX, FOOTER_PT, QUOTE_BOX, QUOTE_SIZES, QUOTE_SOURCE_BOX, QUOTE_SOURCE_PT,
                             SLIDE_HEIGHT_IN, SLIDE_WIDTH_IN, TITLE_BOX, TITLE_SIZES, Deck, Slide)
from .text_fit import Box

POINT_IN_SLIDE_WIDTHS = 100 / (SLIDE_WIDTH_IN * 72)  # 1 pt as a share of the slide width, in "su" (1/100 width)
ASSETS = "../../assets"  # from trinh-chieu/<id>/index.html
DECK_TEMPLATE = "deck.html"


def deck_html(deck: Deck, theme_href: str, pptx_href: str | None, template_dirs: tuple[Path, ...] = ()) -> str:
    """The whole page (fragments/deck.html). theme_href and pptx_href are relative to the deck page."""
    total = len(deck.slides)
    slides = [_slide(slide, number, total) for number, slide in enumerate(deck.slides, start=1)]
    return render(DECK_TEMPLATE, template_dirs, deck=deck, slides=slides, total=total, theme_href=theme_href,
                  pptx_href=pptx_href, assets=ASSETS, description=description(deck, total),
                  source_size="", footer_size="") + "\n"


def description(deck: Deck, total: int) -> str:
    """The page's meta description."""
    return (f"Trình chiếu chuyên đề «{deck.title}» cho buổi sinh hoạt chi bộ: {total} trang, chiếu toàn màn hình "
            "trong trình duyệt, có ghi chú người trình bày, dùng được khi không có mạng.")


# Each box with its usual font size (the fitting's first choice), both in the box's rule of deck.css: a slide names a
# size class only for a box the fitting made smaller, not on every slide of every deck.
BOXES: dict[str, tuple[Box, int]] = {
    "deck-title": (TITLE_BOX, TITLE_SIZES[0]), "deck-body": (BODY_BOX, BODY_PT), "deck-quote": (QUOTE_BOX, QUOTE_SIZES[0]),
    "deck-source": (QUOTE_SOURCE_BOX, QUOTE_SOURCE_PT), "deck-cover-title": (COVER_TITLE_BOX, COVER_TITLE_SIZES[0]),
    "deck-cover-lines": (COVER_LINES_BOX, COVER_LINE_PT), "deck-footer": (FOOTER_BOX, FOOTER_PT)}


def geometry_css() -> str:
    """Absolute boxes in percent of the slide, the same boxes the PPTX uses, each with its usual font size."""
    return "".join(f".{name}{{{_box_css(box)};font-size:{_em(points)}}}" for name, (box, points) in BOXES.items())


def _box_css(box: Box) -> str:
    return (f"left:{box.left / SLIDE_WIDTH_IN:.3%};top:{box.top / SLIDE_HEIGHT_IN:.3%};"
            f"width:{box.width / SLIDE_WIDTH_IN:.3%};height:{box.height / SLIDE_HEIGHT_IN:.3%}")


def _size_class(points: int) -> str:
    return f"deck-pt-{points}"


def _em(points: int) -> str:
    return f"{points * POINT_IN_SLIDE_WIDTHS:.3f}em"


def _size_of(box: str, points: int) -> str:
    """The size class a box needs: none at its usual size (its rule in deck.css has it)."""
    return "" if BOXES[box][1] == points else _size_class(points)


# Every font size a slide can be given (the fitting picks among these), each a class of deck.css.
FONT_SIZES_PT = tuple(sorted({*TITLE_SIZES, *COVER_TITLE_SIZES, *QUOTE_SIZES, BODY_PT, COVER_LINE_PT, QUOTE_SOURCE_PT,
                              FOOTER_PT}))


def deck_rules() -> str:
    """The generated block of assets/css/deck.css: the boxes, then one class per font size (in slide units), after
    them so that a size class wins over a box's usual size."""
    sizes = "\n".join(f".deck-pt-{points}{{font-size:{_em(points)}}}" for points in FONT_SIZES_PT)
    return geometry_css().replace("}", "}\n") + sizes + "\n"


@dataclass(frozen=True)
class Paragraph:
    """One item of a slide's body: its classes (bullet, numbered, continued, level), its runs, and the runs as
    HTML (each escaped as the fragments escape a value, inside <em> and <strong> as it is italic and bold):
    made here because a deck has some 30 runs, and in the template each cost five expressions."""

    classes: str
    label: str
    runs: tuple[Run, ...]
    html: Markup


@dataclass(frozen=True)
class SlideView:
    kind: str
    number: int
    label: str  # "Trang 2/9: Mục đích, yêu cầu": deck.js names the slide so; for a site's own deck.html
    title: str
    title_class: str
    title_size: str  # a class of deck.css, deck-pt-<points>, or "" at the box's usual size
    body_size: str
    lines: tuple[str, ...]  # the cover's lines
    items: tuple[Paragraph, ...]
    source: str  # a quote's source
    notes: tuple[str, ...]  # the presenter's notes, one paragraph each


def _slide(slide: Slide, number: int, total: int) -> SlideView:
    title_class = "deck-cover-title" if slide.kind == "cover" else "deck-title"
    body_class = {"cover": "deck-cover-lines", "quote": "deck-quote"}.get(slide.kind, "deck-body")
    return SlideView(
        kind=slide.kind, number=number, label=f"Trang {number}/{total}: {slide.title}", title=slide.title,
        title_class=title_class, title_size=_size_of(title_class, slide.title_pt),
        body_size=_size_of(body_class, COVER_LINE_PT if slide.kind == "cover" else slide.body_pt), lines=tuple(slide.lines),
        items=tuple(_paragraph(item) for item in slide.items), source=slide.source,
        notes=tuple(line for line in slide.notes.split("\n") if line.strip()))


def _paragraph(item: Item) -> Paragraph:
    """Bullets and continuations are classes, so a list split across slides keeps its look."""
    classes = []  # every paragraph of a body is an item (deck.css): only what sets it apart is a class
    if item.bullet and item.number is None:
        classes.append("deck-bullet")
    if item.number is not None:
        classes.append("deck-numbered")
    if item.continuation:
        classes.append("deck-continued")
    if item.level:
        classes.append("deck-level-1")
    return Paragraph(" ".join(classes), item.label, tuple(item.runs), _runs_html(item.runs))


def _runs_html(runs: tuple[Run, ...]) -> Markup:
    parts = []
    for run in runs:
        text = html.escape(run.text, quote=True)  # what render/jinja.py's finalize does to a value
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.italic:
            text = f"<em>{text}</em>"
        parts.append(text)
    return Markup("".join(parts))
