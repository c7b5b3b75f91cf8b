"""How much room a text needs on a slide, estimated from Arial's glyph widths.

The PPTX names Arial (LibreOffice substitutes the metric-compatible Liberation Sans),
so a per-character width table is close enough to decide where slides must split.
We err on the wide side: a slide split one bullet early is better than a bullet cut off.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

POINTS_PER_INCH = 72
LINE_HEIGHT = 1.2  # single line spacing in Arial is about 1.15 em; rounded up
SAFETY = 1.03  # widths are averages; leave a margin for kerning and font substitution
TEXT_INSET_IN = 0.1  # python-pptx / PowerPoint default left and right inset of a text box

# Arial advance widths in em (rounded up), by base letter; Vietnamese diacritics do not widen a letter.
_NARROW = {ch: 0.24 for ch in "iljI.,:;'!|·"}
_SEMI = {ch: 0.32 for ch in "ftr()[]-/\"“”‘’"}
_WIDE = {ch: 0.84 for ch in "mwMW%"}
_SPACE = 0.28
_DIGIT = 0.56
_UPPER = 0.70
_LOWER = 0.54
_OTHER = 0.6


@dataclass(frozen=True)
class Box:
    """A text box on a 16:9 slide, in inches."""

    left: float
    top: float
    width: float
    height: float

    @property
    def width_pt(self) -> float:
        return (self.width - 2 * TEXT_INSET_IN) * POINTS_PER_INCH

    @property
    def height_pt(self) -> float:
        # PowerPoint's default top and bottom insets are 0.05 in each
        return (self.height - 0.1) * POINTS_PER_INCH


@lru_cache(maxsize=4096)
def char_em(char: str) -> float:
    base = unicodedata.normalize("NFD", char)[0]
    for table in (_NARROW, _SEMI, _WIDE):
        if base in table:
            return table[base]
    if base == " ":
        return _SPACE
    if base.isdigit():
        return _DIGIT
    if base.isalpha():
        return _UPPER if base.isupper() else _LOWER
    return _OTHER


@lru_cache(maxsize=65536)
def text_em(text: str) -> float:
    # Called per word while paginating every theme; Vietnamese syllables repeat, so a cache hits almost always.
    return sum(char_em(char) for char in text)


def text_width_pt(text: str, font_pt: float, bold: bool = False) -> float:
    width = text_em(text) * font_pt * SAFETY
    return width * 1.06 if bold else width


@lru_cache(maxsize=2048)  # a theme's paragraphs and the pieces split from them: enough, and bounded
def line_count(text: str, font_pt: float, width_pt: float, bold: bool = False) -> int:
    """Lines a paragraph wraps to, breaking at spaces like a word processor. Memoised: paginating measures the
    items already on a slide again with each item it tries to add."""
    lines, current = 1, 0.0
    space = text_width_pt(" ", font_pt, bold)
    for word in text.split():
        word_width = text_em(word) * font_pt * SAFETY  # text_width_pt, written out: it runs for every word
        if bold:
            word_width *= 1.06
        if current and current + space + word_width > width_pt:
            lines += 1
            current = 0.0
        if word_width > width_pt:  # one very long word (a URL) wraps by itself
            lines += int(word_width // width_pt)
            word_width %= width_pt
        current += (space if current else 0.0) + word_width
    return lines


def paragraph_height_pt(text: str, font_pt: float, width_pt: float, bold: bool = False) -> float:
    return line_count(text, font_pt, width_pt, bold) * font_pt * LINE_HEIGHT


def largest_fitting_size(text: str, box: Box, sizes: tuple[int, ...], bold: bool = False) -> int | None:
    """The first (largest) font size at which text fits the box, or None."""
    for size in sizes:
        if paragraph_height_pt(text, size, box.width_pt, bold) <= box.height_pt:
            return size
    return None
