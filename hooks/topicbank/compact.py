"""Pages without the theme's indentation: every run of white space that holds a line break becomes one line break.

Material's templates indent their nested macros deeply, so a third of an entry page was spaces and blank lines
(the navigation alone was 9 kB of an entry page's 30 kB at 1,000 entries). In HTML's normal flow a run of white
space that holds a line break shows exactly as one line break does, so the page looks and reads the same:
the text keeps every word break, and no white space between two tags disappears (it would join inline words).
Where white space is shown as written (`pre`, `textarea`) or is code (`script`, `style`), nothing is touched.
"""
from __future__ import annotations

import re

_KEPT_AS_WRITTEN = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# HTML's own white space only: \s would also take a no-break space (or another Unicode space), which shows.
# Spaces before a line break stay: rare, and matching them is slow.
_BROKEN_RUN = re.compile(r"\n[ \t\n\f\r]+")


def compact_whitespace(html: str) -> str:
    pieces: list[str] = []
    position = 0
    for kept in _KEPT_AS_WRITTEN.finditer(html):
        pieces.append(_BROKEN_RUN.sub("\n", html[position:kept.start()]))
        pieces.append(kept.group(0))
        position = kept.end()
    pieces.append(_BROKEN_RUN.sub("\n", html[position:]))
    return "".join(pieces)
