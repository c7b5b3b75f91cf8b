"""Which banks a command reads: the same layered bank as the build (mkdocs.yml), or --bank given several times.

    topicbank validate                      # the banks, hide list and site root of ./mkdocs.yml
    topicbank validate --bank national --bank topics
    topicbank validate --topics tests/examples/valid   # one folder (the older option, still accepted)
"""
from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .. import LoadResult, load_banks
from ..settings import BankSource, SettingsError, check_banks


@dataclass(frozen=True)
class ChosenBanks:
    banks: tuple[BankSource, ...]
    site_root: Path
    hide: tuple[str, ...] = ()
    config_file: Path | None = None

    @property
    def own(self) -> BankSource:
        """The bank new entries go to: the site's last own folder."""
        own = [bank for bank in self.banks if not bank.shipped]
        return own[-1] if own else self.banks[-1]


def add_bank_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bank", action="append", default=None, metavar="THƯ-MỤC",
                        help="một ngân hàng (national là ngân hàng chung); ghi nhiều lần theo thứ tự lớp")
    parser.add_argument("--topics", type=Path, default=None, help="một thư mục ngân hàng (cách ghi cũ của --bank)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                        help="tệp cấu hình của trang để đọc banks và hide (mặc định: mkdocs.yml)")


def chosen_banks(args: argparse.Namespace) -> ChosenBanks:
    """Raises SettingsError (Vietnamese) when a folder or the config is wrong."""
    cwd = Path.cwd()
    if args.bank or args.topics:
        names = list(args.bank or []) + ([str(args.topics)] if args.topics else [])
        return ChosenBanks(check_banks("--bank", names, cwd), cwd)
    if args.config.is_file():
        return _from_config(args.config)
    if (cwd / "topics").is_dir():
        return ChosenBanks(check_banks("--bank", ["topics"], cwd), cwd)
    raise SettingsError("Không tìm thấy mkdocs.yml hay thư mục topics/ ở đây. Cách sửa: chạy lệnh trong thư mục "
                        "của trang, hoặc chỉ ngân hàng bằng --bank THƯ-MỤC.")


def chosen_or_say_why(args: argparse.Namespace) -> ChosenBanks | None:
    """chosen_banks, or None after printing, as the other problems are printed, why no bank could be found."""
    try:
        return chosen_banks(args)
    except SettingsError as error:
        print(f"[no-topics] {error}")
        return None


def load_chosen(chosen: ChosenBanks, today: dt.date | None = None) -> LoadResult:
    """The layered bank exactly as the build reads it (same banks, same hide list)."""
    return load_banks(chosen.banks, chosen.site_root, today=today, hide=chosen.hide, config_file=chosen.config_file)


def _from_config(config_file: Path) -> ChosenBanks:
    """MkDocs's own reading of mkdocs.yml (so !ENV and defaults mean what they mean in a build)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        config = load_config(str(config_file))
    except ConfigurationError as error:
        raise SettingsError(f"{config_file}: không đọc được cấu hình ({error}).") from None
    plugin = config.plugins.get("topicbank")
    site_root = config_file.resolve().parent
    if plugin is None:
        raise SettingsError(f"{config_file}: trang không dùng plugin topicbank. Cách sửa: chỉ ngân hàng bằng --bank.")
    options = plugin.config
    return ChosenBanks(check_banks("banks", options.banks, site_root), site_root, tuple(options.hide),
                       config_file.resolve())
