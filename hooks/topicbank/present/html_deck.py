"""A Deck to a standalone HTML page that presents full screen in the browser, offline, with no third-party script.

The page is not a MkDocs page (so not in the site search): it is written after the build
into trinh-chieu/<id>/index.html. Without JavaScript every slide shows, one under the other;
deck.js turns that into a one-slide-at-a-time presentation (keys, buttons, swipe).
Box geometry comes from slides_content, so the browser splits and places text like the PPTX.
"""
from __future__ import annotations

from ..render.text import esc
from .markdown_blocks import Item, Run
from .slides_content import (BODY_BOX, COVER_LINE_PT, COVER_LINES_BOX, COVER_TITLE_BOX, FOOTER_BOX, FOOTER_PT,
                             QUOTE_BOX, QUOTE_SOURCE_BOX, QUOTE_SOURCE_PT, SLIDE_HEIGHT_IN, SLIDE_WIDTH_IN,
                             TITLE_BOX, Deck, Slide)
from .text_fit import Box

POINT_IN_SLIDE_WIDTHS = 100 / (SLIDE_WIDTH_IN * 72)  # 1 pt as a share of the slide width, in "su" (1/100 width)
ASSETS = "../../assets"  # from trinh-chieu/<id>/index.html


def deck_html(deck: Deck, theme_href: str, pptx_href: str | None) -> str:
    """The whole page. theme_href and pptx_href are relative to the deck page."""
    total = len(deck.slides)
    slides = "\n".join(_slide(slide, number, total) for number, slide in enumerate(deck.slides, start=1))
    download = (f'<a class="deck-link" href="{esc(pptx_href)}" download>Tải PowerPoint</a>' if pptx_href else "")
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Trình chiếu: {esc(deck.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{ASSETS}/css/fonts.css">
<link rel="stylesheet" href="{ASSETS}/css/deck.css">
<style>{geometry_css()}</style>
</head>
<body data-pagefind-ignore="all">
<a class="deck-skip" href="#deck-controls">Tới nút điều khiển</a>
<main id="deck" class="deck" aria-roledescription="trình chiếu" aria-label="Trình chiếu: {esc(deck.title)}">
<h1 class="deck-visually-hidden">Trình chiếu: {esc(deck.title)}</h1>
{slides}
</main>
<nav id="deck-controls" class="deck-controls" aria-label="Điều khiển trình chiếu">
<a class="deck-link" href="{esc(theme_href)}">Về trang chuyên đề</a>
{download}
<span class="deck-buttons">
<button type="button" data-deck="prev" aria-label="Trang trước" title="Trang trước (←)">‹ Trước</button>
<span class="deck-counter" aria-hidden="true"><span data-deck="current">1</span> / {total}</span>
<button type="button" data-deck="next" aria-label="Trang sau" title="Trang sau (→, cách)">Sau ›</button>
<button type="button" data-deck="notes" aria-pressed="false" title="Ghi chú người trình bày (N)">Ghi chú</button>
<button type="button" data-deck="fullscreen" aria-pressed="false" title="Toàn màn hình (F)">Toàn màn hình</button>
</span>
<p class="deck-help">Dùng phím mũi tên, Page Up/Page Down, phím cách hoặc vuốt để chuyển trang; F: toàn màn hình.</p>
</nav>
<p id="deck-status" class="deck-visually-hidden" aria-live="polite" aria-atomic="true"></p>
<script src="{ASSETS}/js/deck.js"></script>
</body>
</html>
"""


def geometry_css() -> str:
    """Absolute boxes in percent of the slide, the same boxes the PPTX uses."""
    rules = {"deck-title": TITLE_BOX, "deck-body": BODY_BOX, "deck-quote": QUOTE_BOX, "deck-source": QUOTE_SOURCE_BOX,
             "deck-cover-title": COVER_TITLE_BOX, "deck-cover-lines": COVER_LINES_BOX, "deck-footer": FOOTER_BOX}
    return "".join(f".{name}{{{_box_css(box)}}}" for name, box in rules.items())


def _box_css(box: Box) -> str:
    return (f"left:{box.left / SLIDE_WIDTH_IN:.3%};top:{box.top / SLIDE_HEIGHT_IN:.3%};"
            f"width:{box.width / SLIDE_WIDTH_IN:.3%};height:{box.height / SLIDE_HEIGHT_IN:.3%}")


def _size(points: int) -> str:
    return f"font-size:{points * POINT_IN_SLIDE_WIDTHS:.3f}em"


def _slide(slide: Slide, number: int, total: int) -> str:
    label = f"Trang {number}/{total}: {slide.title}"
    heading_tag = "h2"  # the page's h1 stays visible to screen readers whichever slide shows
    title_class = "deck-cover-title" if slide.kind == "cover" else "deck-title"
    parts = [f'<{heading_tag} class="deck-box {title_class}" style="{_size(slide.title_pt)}">'
             f"<span>{esc(slide.title)}</span></{heading_tag}>"]
    if slide.kind == "cover":
        lines = "".join(f"<p>{esc(line)}</p>" for line in slide.lines)
        parts.append(f'<div class="deck-box deck-cover-lines" style="{_size(COVER_LINE_PT)}">{lines}</div>')
    elif slide.kind == "quote":
        parts.append(f'<blockquote class="deck-box deck-quote" style="{_size(slide.body_pt)}">{_items(slide.items)}'
                     f'</blockquote><p class="deck-box deck-source" style="{_size(QUOTE_SOURCE_PT)}">'
                     f"{esc(slide.source)}</p>")
    else:
        parts.append(f'<div class="deck-box deck-body" style="{_size(slide.body_pt)}">{_items(slide.items)}</div>')
    if slide.kind != "cover":
        parts.append(f'<p class="deck-box deck-footer" style="{_size(FOOTER_PT)}" aria-hidden="true">{number} / {total}</p>')
    notes = "".join(f"<p>{esc(line)}</p>" for line in slide.notes.split("\n") if line.strip())
    aside = f'<aside class="deck-notes" aria-label="Ghi chú người trình bày">{notes}</aside>' if notes else ""
    return (f'<section class="deck-slide deck-slide-{slide.kind}" id="trang-{number}" role="group" '
            f'aria-roledescription="trang chiếu" aria-label="{esc(label)}">'
            f'<div class="deck-frame">{"".join(parts)}</div>{aside}</section>')


def _items(items: tuple[Item, ...]) -> str:
    """Items as paragraphs: bullets and continuations are classes, so a list split across slides keeps its look."""
    paragraphs = []
    for item in items:
        classes = ["deck-item"]
        if item.bullet and item.number is None:
            classes.append("deck-bullet")
        if item.number is not None:
            classes.append("deck-numbered")
        if item.continuation:
            classes.append("deck-continued")
        if item.level:
            classes.append("deck-level-1")
        label = f'<span class="deck-number">{esc(item.label)}</span>' if item.label else ""
        paragraphs.append(f'<p class="{" ".join(classes)}">{label}{"".join(_run(run) for run in item.runs)}</p>')
    return "".join(paragraphs)


def _run(run: Run) -> str:
    text = esc(run.text)
    if run.bold:
        text = f"<strong>{text}</strong>"
    if run.italic:
        text = f"<em>{text}</em>"
    return text
