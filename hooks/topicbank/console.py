"""Console helpers shared by the commands: Vietnamese on any console, and argparse in Vietnamese."""
from __future__ import annotations

import argparse
import sys


def utf8_console() -> None:
    """A Windows console may default to a legacy code page that cannot print Vietnamese."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


class VietnameseParser(argparse.ArgumentParser):
    """argparse with its own words (usage, options, errors) in Vietnamese."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "đối số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="in hướng dẫn này rồi thoát")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Cách dùng:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "Cách dùng:", 1)

    def error(self, message: str) -> None:  # type: ignore[override]
        words = {"the following arguments are required": "thiếu đối số bắt buộc",
                 "unrecognized arguments": "không hiểu đối số", "invalid choice": "lựa chọn không có",
                 "expected one argument": "cần một giá trị", "invalid": "không hợp lệ", "choose from": "chọn một trong"}
        for english, vietnamese in words.items():
            message = message.replace(english, vietnamese)
        self.print_usage(sys.stderr)
        self.exit(2, f"Lỗi: {message}\n")
