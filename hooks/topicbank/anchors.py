"""Heading anchors that keep Vietnamese readable: "Đóng góp cho ngân hàng" -> "dong-gop-cho-ngan-hang".

Python-Markdown's toc extension strips accents with NFKD and a drop to ASCII, and đ has
no decomposition, so it is dropped: "ong-gop-cho-ngan-hang". This slugify folds with
the search's rule first (search/folding.fold: đ -> d, tones and other marks removed) and
is otherwise the toc extension's own, so headings without đ keep the anchors they had.
mkdocs.yml uses it as:

    markdown_extensions:
      - toc:
          slugify: !!python/name:topicbank.anchors.slugify
"""
from __future__ import annotations

import re
import unicodedata

from .search.folding import fold


def slugify(value: str, separator: str = "-") -> str:
    """The toc extension's slugify, with đ kept as d: "Điều 1. Phạm vi" -> "dieu-1-pham-vi"."""
    text = unicodedata.normalize("NFKD", fold(value)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(rf"[{re.escape(separator)}\s]+", separator, text)
