"""The site's data files, as one output: topics.json and its schema, the entry schema, the finder's data, the
calendar and the editing form's files. Pages read them; MkDocs does not make them.

An output like the kits (outputs.py), so a build writes them in the second process while MkDocs renders the
pages (background.py) rather than after the last page, and `mkdocs serve` in its worker.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

from ..files import write_site_file
from ..model import Bank
from ..schema import published_schema
from . import SiteSettings, editor_pages, topics_json
from .finding import finding_files
from .text import Urls
from .topics_api import TOPICS_PATH, TOPICS_SCHEMA_PATH, topics_schema

SCHEMA_URL = "schema/topic.schema.json"


class SiteDataOutput:
    name = "data"

    def __init__(self, site: SiteSettings, site_url: str | None, stamp: dt.datetime) -> None:
        self.site = site  # with every other output's links: topics.json lists them
        self.site_url = site_url
        self.stamp = stamp

    def links(self, bank: Bank) -> dict[str, dict[str, str]]:
        return {}  # nothing to link from an entry's page

    def write(self, bank: Bank, site_dir: Path, urls: Urls, log: logging.Logger) -> None:
        files = {TOPICS_PATH: topics_json(bank, self.site).encode("utf-8")}
        for path, document in ((SCHEMA_URL, published_schema(bank.schema, bank.vocabulary, self.site_url)),
                               (TOPICS_SCHEMA_PATH, topics_schema(bank, self.site_url))):
            files[path] = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        files |= finding_files(bank, self.site, self.site_url, self.stamp)
        editor = editor_pages(bank, self.site)
        if editor.available:
            files |= editor.files()
        for path, content in files.items():
            write_site_file(site_dir / path, content)
