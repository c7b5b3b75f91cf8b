"""Extra outputs built beside the site (kits, slides, calendar…), behind one small interface.

An output says, before pages are rendered, which links it will add to each entry
(so entry pages and topics.json can show them), and writes its files after the
site is built. A new output is a new module registered in `registered_outputs`;
nothing in load, checks or the page renderers changes.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from .model import Bank
from .render.text import EntryLinks, Urls


class Output(Protocol):
    name: str

    def links(self, bank: Bank) -> dict[str, dict[str, str]]:
        """entry id -> {format: site URL}, under the group `name`."""

    def write(self, bank: Bank, site_dir: Path, urls: Urls, log: logging.Logger) -> None:
        """Write this output's files into the built site. Raise OutputError to fail the build."""


def requested_formats(offered: tuple[str, ...], serve_default: tuple[str, ...] = (),
                      environ: Mapping[str, str] = os.environ) -> tuple[str, ...]:
    """Which of an output's slow formats this build makes. KITS_FORMATS (a comma list shared by every output,
    each ignoring the names it does not offer) picks them; unset, everything is made, except under
    `mkdocs serve` (TOPICBANK_SERVE=1, set by the hooks), where only the cheap `serve_default` keep reloads fast."""
    raw = environ.get("KITS_FORMATS")
    if raw is None:
        return serve_default if environ.get("TOPICBANK_SERVE") == "1" else offered
    wanted = {name.strip().lower() for name in raw.split(",")}
    return tuple(name for name in offered if name in wanted)


class OutputError(Exception):
    """An output could not be built; the message names the entry."""


def registered_outputs(repo_root: Path) -> list[Output]:
    """Every output this build produces, in order. Imported lazily so a slow dependency costs nothing when unused."""
    outputs: list[Output] = []
    from .kits import KitOutput  # printable meeting kits: print page, PDF, DOCX per theme and agenda (issue 4)

    outputs.append(KitOutput(repo_root))
    from .present.output import SlidesOutput  # browser deck + PPTX per theme (issue 9)

    outputs.append(SlidesOutput(repo_root))
    return outputs


def collect_links(outputs: list[Output], bank: Bank) -> dict[str, EntryLinks]:
    links: dict[str, EntryLinks] = {}
    for output in outputs:
        for entry_id, formats in output.links(bank).items():
            if formats:
                links.setdefault(entry_id, EntryLinks()).groups[output.name] = formats
    return links
