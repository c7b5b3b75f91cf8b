"""Search for Vietnamese as people type it: folding (Python and browser agree) and the index."""
from __future__ import annotations

from .folding import fold, has_diacritics, words
from .index import INDEX_PATH, search_index_js

__all__ = ["INDEX_PATH", "fold", "has_diacritics", "search_index_js", "words"]
