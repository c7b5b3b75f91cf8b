"""The `topicbank` command: topicbank build | validate | new | report | new-bank.

Each subcommand is a small module under topicbank.commands with a `main(argv) -> int`; scripts/*.py
call the same functions, so nothing documented about them changes. Messages and help are in Vietnamese.
"""
from __future__ import annotations

import importlib
import sys

from .console import utf8_console

SUBCOMMANDS = {
    "build": ("topicbank.commands.build", "dựng trang vào thư mục mới, chỉ thay trang cũ khi dựng thành công"),
    "validate": ("topicbank.commands.validate", "kiểm tra mọi mục của ngân hàng, báo lỗi tại dòng"),
    "new": ("topicbank.commands.new_topic", "tạo mục mới từ mẫu"),
    "report": ("topicbank.commands.report", "báo cáo bảo trì cho người bảo trì"),
    "new-bank": ("topicbank.commands.new_bank", "tạo trang ngân hàng của một đảng bộ, dựng trên ngân hàng chung"),
}


def usage() -> str:
    lines = ["Cách dùng: topicbank LỆNH [tùy chọn…]", "", "Các lệnh:"]
    lines += [f"  {name:<10} {text}" for name, (_, text) in SUBCOMMANDS.items()]
    lines += ["", "Xem tùy chọn của một lệnh: topicbank LỆNH --help"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    utf8_console()
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in {"-h", "--help", "help"}:
        print(usage())
        return 0 if args else 2
    name, rest = args[0], args[1:]
    if name not in SUBCOMMANDS:
        print(f"Không có lệnh «{name}».\n\n{usage()}")
        return 2
    module = importlib.import_module(SUBCOMMANDS[name][0])
    return int(module.main(rest) or 0)


if __name__ == "__main__":
    sys.exit(main())
