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

from collections.abc import Callable
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from . import settings as checks
from .resources import NATIONAL
from .settings import FORMATS, SettingsError


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
