"""Keep the HTML our renderers generate out of Markdown: stash it before conversion, put it back after.

Generated pages are mostly HTML blocks (metadata, lists, quiz, links between entries).
Python-Markdown passes raw HTML blocks through unchanged, but only after parsing
each one twice with html.parser (its own block detector and MkDocs' link and anchor
collector): at 1,000 entries that was about a fifth of the whole build. Each
generated block becomes one placeholder paragraph, Markdown converts only what an
author wrote, and the blocks go back in verbatim. Author text (an entry's body) is
never stashed, so its raw HTML, if any, still goes through Markdown as before.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

_BLANK_LINES = re.compile(r"\n[ \t]*\n")
# Lines Python-Markdown treats as the start of a raw HTML block; a chunk is stashed only when every line is one.
_BLOCK_LINE = re.compile(r"</?(?:address|article|aside|blockquote|details|div|dl|fieldset|figure|footer|form|h[1-6]"
                         r"|header|hr|main|nav|ol|p|pre|section|table|ul|script)\b", re.IGNORECASE)
_ID = re.compile(r"""\sid=["']([^"']+)["']""")


@dataclass
class StashedPage:
    markdown: str
    blocks: dict[str, str] = field(default_factory=dict)  # placeholder paragraph -> HTML block

    def restore(self, html: str) -> str:
        """Put every stashed block back where Markdown left its placeholder paragraph."""
        for placeholder, block in self.blocks.items():
            html = html.replace(f"<p>{placeholder}</p>", block, 1)
        return html

    def anchor_ids(self) -> set[str]:
        """The ids in the stashed HTML, so links to them still count as valid anchors."""
        return {match for block in self.blocks.values() for match in _ID.findall(block)}


def stash_html(markdown: str, author_text: str = "") -> StashedPage:
    """Replace each generated HTML block (a chunk between blank lines whose every line opens or closes
    a block-level tag) by a placeholder paragraph.

    `author_text`, when given and found in the page, is left exactly as it is.
    """
    before, found, after = markdown.partition(author_text) if author_text else (markdown, "", "")
    if author_text and not found:
        before, after = markdown, ""
    page = StashedPage("")
    token = secrets.token_hex(4)
    parts = [_stash_chunks(before, page, token), found, _stash_chunks(after, page, token)]
    page.markdown = "".join(parts)
    return page


def _stash_chunks(text: str, page: StashedPage, token: str) -> str:
    pieces = []
    position = 0
    for separator in [*_BLANK_LINES.finditer(text), None]:
        end = separator.start() if separator else len(text)
        chunk = text[position:end]
        stripped = chunk.strip("\n")
        if stripped and all(_BLOCK_LINE.match(line) for line in stripped.split("\n")):
            placeholder = f"TBHTML{token}N{len(page.blocks)}"
            page.blocks[placeholder] = stripped
            chunk = chunk.replace(stripped, placeholder, 1)
        pieces.append(chunk)
        if separator:
            pieces.append(separator.group(0))
            position = separator.end()
    return "".join(pieces)
