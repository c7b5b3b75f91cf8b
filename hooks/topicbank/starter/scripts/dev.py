"""Hai lệnh của ngân hàng: python3 scripts/dev.py serve | test  (trên Windows: py scripts/dev.py …).

Lần đầu, lệnh tự tạo môi trường .venv và cài các gói đã ghim trong requirements.txt (có gói topicbank,
tức ngân hàng chung và công cụ dựng trang); khi requirements.txt đổi, lệnh cài lại.
  serve  dựng trang và mở tại http://127.0.0.1:8000, tự dựng lại khi sửa topics/
  test   kiểm tra mọi mục (topicbank validate) rồi dựng thử toàn bộ trang ở chế độ nghiêm (--strict)
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
REQUIREMENTS = ROOT / "requirements.txt"


def python_in_venv() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_environment() -> Path:
    if sys.version_info < (3, 11):
        sys.exit("Cần Python 3.11 trở lên.")
    python, stamp = python_in_venv(), VENV / "requirements.sha256"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return python
    if not python.exists():
        print("Đang tạo môi trường .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Đang cài các gói đã ghim phiên bản (requirements.txt) …", flush=True)
    result = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                             "-r", str(REQUIREMENTS)])
    if result.returncode != 0:
        sys.exit("Cài gói không thành công (xem thông báo ở trên).")
    stamp.write_text(wanted + "\n")
    return python


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "serve"
    python = str(ensure_environment())
    if command == "serve":
        return subprocess.run([python, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *argv[1:]],
                              cwd=ROOT).returncode
    if command == "test":
        checked = subprocess.run([python, "-m", "topicbank.cli", "validate"], cwd=ROOT)
        if checked.returncode != 0:
            return checked.returncode
        env = {**os.environ, "TOPICBANK_FORMATS": os.environ.get("TOPICBANK_FORMATS", "html")}
        return subprocess.run([python, "-m", "topicbank.cli", "build", "--strict", *argv[1:]], cwd=ROOT,
                              env=env).returncode
    print(f"Không có lệnh «{command}». Dùng: serve hoặc test.")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
