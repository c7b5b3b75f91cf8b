"""Vietnamese folding: the one rule search and the finder use to match what people type.

Readers often type without diacritics ("nghi quyet", "bien ban") or without tones.
Folding lower-cases, removes every combining mark (tones and the circumflex, breve
and horn) and maps đ to d, so "Nghị quyết", "nghi quyêt" and "nghi quyet" meet.
docs/assets/js/folding.js does exactly the same in the browser; tests/test_search.py
checks that both agree.
"""
from __future__ import annotations

import re
import unicodedata

# Unicode letters and digits make words; everything else separates them, including
# ( “ ” « » – … and the Vietnamese quotation marks Material's English separator misses.
WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower-case `text` and strip its diacritics: "Đảng viên" -> "dang vien"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(char for char in decomposed if not unicodedata.category(char).startswith("M"))
    return unicodedata.normalize("NFC", stripped.replace("đ", "d"))


def words(text: str) -> list[str]:
    """The folded words of `text`, split on anything that is not a letter or digit."""
    return WORD.findall(fold(text))


def has_diacritics(text: str) -> bool:
    """True when folding changes the text, so an exact-diacritic match can rank first."""
    return fold(text) != text.lower()
