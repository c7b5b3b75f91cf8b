"""One entry point that sets itself up: python3 scripts/dev.py serve | build | test [args…].

On first use it creates .venv and installs the pinned requirements.txt; when
requirements.txt changes it installs again. Works on Linux, macOS and Windows.
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
STAMP = VENV / "requirements.sha256"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_environment() -> Path:
    if sys.version_info < (3, 11):
        sys.exit("Cần Python 3.11 trở lên (Python 3.11+ is required).")
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    python = venv_python()
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    if not python.exists():
        print("Đang tạo môi trường .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Đang cài các gói đã ghim phiên bản (requirements.txt) …", flush=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-r", str(REQUIREMENTS)], check=True)
    STAMP.write_text(wanted + "\n")
    return python


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("serve", [])
    python = ensure_environment()
    commands = {
        "serve": [str(python), "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *rest],
        "build": [str(python), "-m", "mkdocs", "build", "--strict", *rest],
        "test": [str(python), "-m", "pytest", *rest],
    }
    if command not in commands:
        print(f"Lệnh không có: {command}. Dùng: serve, build hoặc test.")
        return 2
    return subprocess.run(commands[command], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
