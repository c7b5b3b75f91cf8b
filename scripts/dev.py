"""One entry point that sets itself up: python3 scripts/dev.py serve | build | test | setup [args…].

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


def build_environment() -> dict[str, str]:
    """os.environ plus SOURCE_DATE_EPOCH from the last commit (unless set), so two builds of one commit are
    byte-identical: MkDocs stamps sitemap.xml.gz and page dates with it, the calendar its DTSTAMP."""
    env = dict(os.environ)
    if not env.get("SOURCE_DATE_EPOCH"):
        try:
            stamp = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                                   text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):  # no git, or not a clone: dates fall back to today
            stamp = ""
        if stamp.isdigit():
            env["SOURCE_DATE_EPOCH"] = stamp
    return env


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("serve", [])
    python = ensure_environment()
    commands = {
        "serve": [str(python), "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *rest],
        "build": [str(python), "-m", "mkdocs", "build", "--strict", *rest],
        "test": [str(python), "-m", "pytest", *rest],
        "setup": [str(python), "-c", "print('Môi trường .venv đã sẵn sàng.')"],
    }
    if command not in commands:
        print(f"Lệnh không có: {command}. Dùng: serve, build, test hoặc setup.")
        return 2
    return subprocess.run(commands[command], cwd=ROOT, env=build_environment()).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
