"""The entry's body as HTML for the print page and PDF: the one parse every output shares, headings moved down."""
from __future__ import annotations

import re

from ..body import parse_body

# The handout's own title is h2 and its sections h3, so the body's ## becomes h3, and so on.
_HEADING = re.compile(r"<(/?)h([1-6])(\b[^>]*)>")


def body_html(text: str) -> str:
    """Markdown to HTML, headings pushed one level down. The validator has refused unsafe markup already."""
    html = parse_body(text).html
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + 1)}{m.group(3) if not m.group(1) else ''}>",
                        html)
