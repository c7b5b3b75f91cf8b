"""Extra outputs built beside the site (kits, slides, calendar…), behind one small interface.

An output says, before pages are rendered, which links it will add to each entry
(so entry pages and topics.json can show them), and writes its files after the
site is built. This module imports no output: SiteBuild (site.py) assembles them, so a
new output is a new module listed there; nothing in load, checks or the page renderers changes.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # only for the annotations: this module must import no implementation (no import circle)
    import logging
    from pathlib import Path

    from .model import Bank
    from .render.text import Urls


class Output(Protocol):
    name: str

    def links(self, bank: Bank) -> dict[str, dict[str, str]]:
        """entry id -> {format: site URL}, under the group `name`."""

    def write(self, bank: Bank, site_dir: Path, urls: Urls, log: logging.Logger) -> None:
        """Write this output's files into the built site. Raise OutputError to fail the build."""


class OutputError(Exception):
    """An output could not be built; the message names the entry."""
