"""The build's settings as plain values, and the Vietnamese checks of each option.

The MkDocs plugin reads its options once (config.py) and passes them here; every other part of the
core takes what it needs from a BuildSettings. Nothing in the core reads os.environ: a site that wants
an environment variable to set an option uses MkDocs's own `!ENV` tag in mkdocs.yml, which is why
list options also accept a comma-separated string and booleans accept "0"/"1".
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .body import MarkdownSettings
from .resources import NATIONAL, national_bank_dir

FORMATS = ("html", "pdf", "docx", "pptx")
FORMAT_LABELS = {"html": "trang in", "pdf": "PDF", "docx": "Word (DOCX)", "pptx": "PowerPoint (PPTX)"}


class SettingsError(Exception):
    """A wrong option value; the message is Vietnamese and names the option."""


@dataclass(frozen=True)
class BankSource:
    """One bank in the `banks` option: `national` (shipped in the package) or a folder of the site."""

    name: str  # as written in mkdocs.yml: "national" or the folder
    path: Path
    label: str | None = None
    shipped: bool = False  # True for the national bank: its files are not the site's to edit


@dataclass(frozen=True)
class BuildSettings:
    banks: tuple[BankSource, ...]
    site_root: Path  # the folder of mkdocs.yml: entry paths are shown relative to it
    config_file: Path | None = None  # mkdocs.yml, only to point a wrong `hide` id at its line
    formats: tuple[str, ...] = FORMATS  # what this run makes (under serve: formats_on_serve)
    offline_zip: bool = True
    cache_dir: Path = Path(".cache/topicbank")
    workers: int = 1
    edit_url: str | None = None  # e.g. https://github.com/OWNER/REPO/edit/main/
    organisation: str | None = None
    hide: tuple[str, ...] = ()
    outputs_in_background: bool = True
    serving: bool = False
    build_stamp: dt.datetime = field(default_factory=lambda: dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    build_stamp_known: bool = False  # True when build_stamp is SOURCE_DATE_EPOCH (the commit's time), not the fallback
    site_url: str | None = None  # mkdocs.yml's site_url (the published address, ending in "/"); None when not set
    site_name: str = ""  # mkdocs.yml's site_name
    # folders whose fragments (entry.html, kit/print.html…) replace the package's, first found wins:
    # the plugin passes <theme.custom_dir>/topicbank/
    template_dirs: tuple[Path, ...] = ()
    markdown: MarkdownSettings = field(default_factory=MarkdownSettings)  # mkdocs.yml's markdown_extensions

    @property
    def publisher(self) -> str:
        """Who the DOCX, PPTX and PDF files name as their creator: the organisation when set, else the site."""
        return self.organisation or self.site_name or "topicbank"

    @property
    def known_stamp(self) -> dt.datetime | None:
        """The commit's time for files that name a date (topics.json, DOCX, PPTX, PDF); None when unknown."""
        return self.build_stamp if self.build_stamp_known else None

    def formats_among(self, offered: tuple[str, ...]) -> tuple[str, ...]:
        """The slow formats an output offers that this run makes, in the output's own order."""
        return tuple(name for name in offered if name in self.formats)


# -- option checks: each returns the clean value or raises SettingsError naming the option -------------


def _fail(option: str, message: str, hint: str) -> SettingsError:
    return SettingsError(f"Tùy chọn `{option}` của plugin topicbank trong mkdocs.yml: {message} Cách sửa: {hint}")


def as_list(option: str, value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str):  # `!ENV [NAME, default]` gives a string: "html,pdf"
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, (list, tuple)):
        return list(value)
    raise _fail(option, f"cần một danh sách, nhưng đang là «{value}».", f"viết dạng `{option}: [a, b]`.")


def check_formats(option: str, value: Any) -> tuple[str, ...]:
    chosen = []
    for item in as_list(option, value):
        name = str(item).strip().lower()
        if name not in FORMATS:
            raise _fail(option, f"không có dạng «{item}».",
                        f"chỉ dùng các dạng {', '.join(FORMATS)} (ví dụ `{option}: [html, pdf]`).")
        if name not in chosen:
            chosen.append(name)
    return tuple(chosen)


def check_bool(option: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off", ""}:
        return False
    raise _fail(option, f"cần `true` hoặc `false`, nhưng đang là «{value}».", f"viết `{option}: true` hoặc `false`.")


def check_workers(option: str, value: Any) -> int | None:
    if value is None or (isinstance(value, str) and value.strip().lower() in {"", "null", "none"}):
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or int(text) < 1:
        raise _fail(option, f"cần một số nguyên dương (số tiến trình) hoặc `null`, nhưng đang là «{value}».",
                    f"viết `{option}: 2`, hoặc `{option}: null` để dùng mọi lõi của máy.")
    return int(text)


def check_text(option: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail(option, f"cần một chuỗi chữ, nhưng đang là «{value}».", f"viết `{option}: \"…\"`.")
    return value.strip() or None


def check_url(option: str, value: Any) -> str | None:
    text = check_text(option, value)
    if text is not None and not text.startswith(("https://", "http://")):
        raise _fail(option, f"cần một địa chỉ bắt đầu bằng https://, nhưng đang là «{text}».",
                    f"ví dụ `{option}: https://github.com/TÊN/KHO/edit/main/`, hoặc bỏ dòng này.")
    return text if text is None or text.endswith("/") else text + "/"


def check_ids(option: str, value: Any) -> tuple[str, ...]:
    return tuple(str(item).strip() for item in as_list(option, value) if str(item).strip())


def check_banks(option: str, value: Any, site_root: Path) -> tuple[BankSource, ...]:
    items = as_list(option, value)
    if not items:
        raise _fail(option, "chưa có ngân hàng nào.", f"viết `{option}: [{NATIONAL}, topics]`.")
    banks: list[BankSource] = []
    for item in items:
        label = None
        if isinstance(item, dict):
            unknown = set(item) - {"path", "label"}
            if unknown or "path" not in item:
                raise _fail(option, f"mỗi ngân hàng dạng bảng cần `path` (và có thể `label`), không có «{item}».",
                            "viết `- {path: topics, label: \"Đảng bộ tỉnh …\"}`.")
            label = check_text(f"{option}.label", item.get("label"))
            item = item["path"]
        name = str(item).strip()
        if name == NATIONAL:
            banks.append(BankSource(name, national_bank_dir(), label or "Ngân hàng chung", shipped=True))
            continue
        path = (site_root / name).resolve()
        if not path.is_dir():
            raise _fail(option, f"không có thư mục «{name}» (tìm ở {path}).",
                        f"tạo thư mục đó, sửa tên cho đúng, hoặc dùng `{NATIONAL}` cho ngân hàng chung.")
        banks.append(BankSource(name, path, label))
    if len({bank.path for bank in banks}) != len(banks):
        raise _fail(option, "một ngân hàng được ghi hai lần.", "mỗi ngân hàng chỉ ghi một lần.")
    return tuple(banks)


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)
