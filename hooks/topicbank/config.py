"""The plugin's options, typed like Material's TagsConfig; each value is checked by topicbank.settings.

    plugins:
      - search
      - topicbank:
          banks: [national, topics]      # in order; `national` is the bank shipped in the package
          formats: [html, pdf, docx, pptx]
          formats_on_serve: [html]
          offline_zip: true
          cache_dir: .cache/topicbank
          workers: null                  # null: one per core
          edit_url: null                 # e.g. https://github.com/OWNER/REPO/edit/main/
          organisation: null             # e.g. Đảng bộ tỉnh Hà Tĩnh
          hide: []                       # ids of earlier banks' entries to leave out

A wrong value stops the build with one Vietnamese message naming the option (never a traceback).
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig

from . import settings as checks
from .body import MarkdownSettings
from .resources import NATIONAL
from .render.calendar import build_stamp
from .settings import FORMATS, BuildSettings, SettingsError


class Checked(c.BaseConfigOption):
    """An option whose value is checked by one of topicbank.settings' functions (Vietnamese messages)."""

    def __init__(self, check: Callable[[str, Any], Any], default: Any) -> None:
        super().__init__()
        self.check = check
        self.default = default

    def run_validation(self, value: object) -> Any:
        try:
            return self.check(self._name, value)
        except SettingsError as error:
            raise c.ValidationError(str(error)) from None

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self._name = key_name


class TopicbankConfig(base.Config):
    # Folders are checked against the site's root in the plugin (it knows where mkdocs.yml is).
    banks = Checked(checks.as_list, [NATIONAL])
    formats = Checked(checks.check_formats, list(FORMATS))
    formats_on_serve = Checked(checks.check_formats, ["html"])
    offline_zip = Checked(checks.check_bool, True)
    outputs_in_background = Checked(checks.check_bool, True)
    cache_dir = Checked(checks.check_text, ".cache/topicbank")
    workers = Checked(checks.check_workers, None)
    edit_url = Checked(checks.check_url, None)
    organisation = Checked(checks.check_text, None)
    hide = Checked(checks.check_ids, [])


def settings_from(config: MkDocsConfig, options: TopicbankConfig, serving: bool) -> BuildSettings:
    """The options as plain values for the core; the bank folders are relative to mkdocs.yml."""
    site_root = Path(config.config_file_path).resolve().parent
    return BuildSettings(
        banks=checks.check_banks("banks", options.banks, site_root), site_root=site_root,
        config_file=Path(config.config_file_path),
        formats=options.formats_on_serve if serving else options.formats,
        offline_zip=options.offline_zip, cache_dir=site_root / options.cache_dir,
        workers=options.workers or checks.default_workers(), edit_url=options.edit_url,
        organisation=options.organisation, hide=options.hide,
        outputs_in_background=options.outputs_in_background, serving=serving,
        build_stamp=build_stamp(os.environ),  # SOURCE_DATE_EPOCH, the reproducible-builds convention
        build_stamp_known=os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit(),
        site_url=config.site_url or None, site_name=config.site_name,
        template_dirs=(Path(config.theme.custom_dir) / "topicbank",) if config.theme.custom_dir else (),
        markdown=markdown_settings(config),
    )


def markdown_settings(config: MkDocsConfig) -> MarkdownSettings:
    """The Markdown extensions MkDocs converts every page with (its own three included), and their options."""
    return MarkdownSettings(tuple(config.markdown_extensions), dict(config.mdx_configs or {}))


def nav_sources(nav: object) -> set[str] | None:
    """Every page that mkdocs.yml's nav names (None when the site lets MkDocs build the nav)."""
    if nav is None:
        return None
    found: set[str] = set()
    items = list(nav) if isinstance(nav, list) else [nav]
    while items:
        item = items.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            items.extend(item.values())
        elif isinstance(item, list):
            items.extend(item)
    return found


def deferred_script(path: str) -> ExtraScriptValue:
    """Our scripts run after the page is parsed (in order): they never hold up its first paint on a phone."""
    script = ExtraScriptValue(path)
    script.defer = True
    return script
