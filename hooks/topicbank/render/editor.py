"""The editing form's pages: the guide (soan-thao/, a page of the site) and the form itself (soan-thao/bieu-mau/).

The form is Sveltia CMS, vendored in assets/vendor/@sveltia/cms/ (pinned in package.json, copied by
scripts/vendor_js.py); its configuration comes from cms_config.py. The form's page stands outside the
site's theme (the CMS fills the window), so it is written as a file after the build, with config.yml.
"""
from __future__ import annotations

import json
import posixpath
from pathlib import Path

from ..model import Bank
from ..resources import ASSETS_DIR
from ..templates import Template
from .cms_config import APP_DIR, EDITOR_SRC, CmsConfig, Repository, content_security_policy
from .jinja import render
from .text import GeneratedPage, Urls, yaml_string

CMS_DIR = "assets/vendor/@sveltia/cms"
CMS_JS = f"{CMS_DIR}/sveltia-cms.js"
CMS_LOCALE = f"{CMS_DIR}/vi.json"
EDITOR_JS = "assets/js/editor.js"
APP_PAGE = f"{APP_DIR}/index.html"
CONFIG_FILE = f"{APP_DIR}/config.yml"
CONTRIBUTING_SRC = "dong-gop/index.md"


def theme_folders(bank: Bank, bank_folder: str) -> dict[str, str]:
    """Series -> the folder of the bank its new themes go to, the rule of `topicbank new --series`
    (commands.new_topic.theme_folder) read from the entries: the folder named like the series when it
    holds entries, else the folder where most of the series' themes are, else a new one named like it."""
    prefix = bank_folder.strip("/") + "/"
    folders: dict[str, dict[str, int]] = {}
    existing = set()
    for entry in bank.entries:
        if not entry.path.startswith(prefix) or "/" not in entry.path[len(prefix):]:
            continue
        folder = posixpath.dirname(entry.path[len(prefix):])
        existing.add(folder)
        if entry.kind == "theme" and entry.series:
            counts = folders.setdefault(entry.series, {})
            counts[folder] = counts.get(folder, 0) + 1
    chosen = {}
    for series in bank.vocabulary.labels("series"):
        counts = folders.get(series, {})
        chosen[series] = series if series in existing or not counts else max(counts, key=lambda f: (counts[f], f))
    return chosen


def cms_version() -> str:
    """The vendored Sveltia CMS's version, as scripts/vendor_js.py recorded it."""
    versions = ASSETS_DIR / "vendor" / "VERSIONS.json"
    try:
        return json.loads(versions.read_text(encoding="utf-8")).get("@sveltia/cms", "")
    except (OSError, ValueError):
        return ""


class EditorPages:
    def __init__(self, bank: Bank, urls: Urls, templates: dict[str, Template], editable_banks: tuple[str, ...],
                 edit_url: str | None, template_dirs: tuple[Path, ...] = ()) -> None:
        self.urls = urls
        self.template_dirs = template_dirs
        self.repository = Repository.from_edit_url(edit_url)
        # The last of the site's own banks, where "Thêm … mới" puts a new entry too.
        self.bank_folder = editable_banks[-1] if editable_banks else None
        self.config = None
        if self.bank_folder is not None:
            self.config = CmsConfig(bank, templates, self.bank_folder, self.repository,
                                    theme_folders(bank, self.bank_folder))

    @property
    def available(self) -> bool:
        """A site built only on the shipped national bank has nothing of its own to edit."""
        return self.config is not None

    def guide_page(self) -> GeneratedPage:
        assert self.config is not None
        app_url = f"{APP_DIR}/"
        html = render("editor/guide.html", self.template_dirs, repository=self.repository, folder=self.config.folder,
                      app=self.urls.href(EDITOR_SRC, app_url), app_path=app_url, version=cms_version(),
                      contributing=self.urls.href(EDITOR_SRC, self.urls.page_url(CONTRIBUTING_SRC)))
        front = (f'---\ntitle: "Soạn bằng biểu mẫu"\ndescription: '
                 f'{yaml_string("Thêm hoặc sửa một mục của ngân hàng bằng biểu mẫu, không cần viết YAML.")}\n---\n')
        return GeneratedPage(EDITOR_SRC, front, lambda _body: html.rstrip("\n"))

    def files(self) -> dict[str, bytes]:
        """soan-thao/bieu-mau/index.html and config.yml, relative to the site folder."""
        assert self.config is not None
        configured = self.repository is not None
        up = "../../"  # from soan-thao/bieu-mau/ to the site's root
        page = render("editor/app.html", self.template_dirs, csp=content_security_policy(configured),
                      configured=configured, editor_js=up + EDITOR_JS,
                      # read by editor.js relative to its own address (assets/js/)
                      cms_js=posixpath.relpath(CMS_JS, "assets/js"), locale=posixpath.relpath(CMS_LOCALE, "assets/js"),
                      app_path=f"{APP_DIR}/", guide=up + self.urls.page_url(EDITOR_SRC))
        return {APP_PAGE: page.encode("utf-8"), CONFIG_FILE: self.config.yaml().encode("utf-8")}


__all__ = ["APP_PAGE", "CONFIG_FILE", "EditorPages"]
