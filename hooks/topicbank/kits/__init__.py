"""Printable meeting kits (print page, PDF, DOCX) for every theme and agenda. No MkDocs import."""
from __future__ import annotations

from .output import KitOutput

__all__ = ["KitOutput"]
