"""The entry's body as HTML for the print page and PDF: the page's own conversion (body.convert_body), headings moved
down, without what the page adds for a reader on screen (each heading's id and its "#" permalink)."""
from __future__ import annotations

import re

from ..body import parse_body

# The handout's own title is h2 and its sections h3, so the body's ## becomes h3, and so on.
_HEADING = re.compile(r"<(/?)h([1-6])(\b[^>]*)>")
_ID = re.compile(r'\sid="[^"]*"')
# toc's permalink: <a class="headerlink" href="#id" title="…">#</a>, inside the heading. Paper cannot follow it,
# and the kit page's own ids must not meet the body's.
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>')


def body_html(text: str) -> str:
    """Markdown to HTML, headings pushed one level down. The validator has refused unsafe markup already."""
    html = _PERMALINK.sub("", parse_body(text).html)
    return _HEADING.sub(_moved_down, html)


def _moved_down(match: re.Match[str]) -> str:
    closing, level, attributes = match.group(1), int(match.group(2)), match.group(3)
    return f"<{closing}h{min(6, level + 1)}{'' if closing else _ID.sub('', attributes)}>"
