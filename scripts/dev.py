"""One entry point that sets itself up: python3 scripts/dev.py serve | build | test | setup [args…].

On first use it creates .venv, installs the pinned requirements (requirements/site.txt for serve and
build; requirements/test.txt adds what the tests need) and this package (`pip install -e .`); when
those files change it installs again. `test` also installs, on Debian as root, the programs the tests
drive (Chromium, poppler, LibreOffice), or says exactly what to install. Works on Linux, macOS, Windows.
The other scripts call `run_in_project_environment()` first, so they work from a fresh Python too.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
REQUIREMENTS = {"site": ROOT / "requirements" / "site.txt", "test": ROOT / "requirements" / "test.txt"}
# What the browser, kit and slide tests drive: (command, Debian package(s)).
TEST_PROGRAMS = [("chromium", ["chromium"]), ("pdftoppm", ["poppler-utils"]),
                 ("soffice", ["libreoffice-writer", "libreoffice-impress"]),
                 ("java", ["default-jre-headless"])]  # vnu, the HTML checker of tests/test_published.py


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _wanted(level: str) -> str:
    files = [REQUIREMENTS["site"], ROOT / "pyproject.toml"] + ([REQUIREMENTS["test"]] if level == "test" else [])
    return hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()


def ensure_environment(level: str = "site") -> Path:
    """.venv with the pinned packages of `level` ("site" or "test") and the package itself, installed once."""
    if sys.version_info < (3, 11):
        sys.exit("Cần Python 3.11 trở lên. Tải tại python.org rồi chạy lại lệnh này.")
    python = venv_python()
    stamp = VENV / f"requirements-{level}.sha256"
    wanted = _wanted(level)
    if python.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        compile_package(python)
        return python
    if not python.exists():
        print("Đang tạo môi trường .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print(f"Đang cài các gói đã ghim phiên bản ({REQUIREMENTS[level].relative_to(ROOT).as_posix()}) …", flush=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    try:
        subprocess.run([*pip, "-r", str(REQUIREMENTS[level])], check=True)
        subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)
    except subprocess.CalledProcessError:
        sys.exit("Cài gói không thành công (xem thông báo của pip ở trên). Kiểm tra kết nối tới PyPI rồi chạy lại.")
    stamp.write_text(wanted + "\n")
    if level == "test":  # the test set includes the site set
        (VENV / "requirements-site.sha256").write_text(_wanted("site") + "\n")
    compile_package(python)
    return python


def compile_package(python: Path) -> None:
    """Bytecode for the package's modules, as pip writes it for an installed package (and for MkDocs).

    The editable install runs hooks/topicbank from source; where PYTHONDONTWRITEBYTECODE is set (CI, containers),
    every build would compile all of it again first: about 0.1 s at the start of each build. compileall writes
    only what is missing or older than its source, so this is quick after the first time. Not starter/: its
    files are copied into new banks, not imported."""
    command = [str(python), "-m", "compileall", "-q", "-x", r"[/\\]starter[/\\]", str(ROOT / "hooks" / "topicbank")]
    subprocess.run(command, stdout=subprocess.DEVNULL, check=False)


def ensure_test_programs() -> None:
    """Chromium, poppler and LibreOffice: installed with apt-get when we may (root on Debian), else named."""
    missing = [(command, packages) for command, packages in TEST_PROGRAMS if shutil.which(command) is None]
    if not missing:
        return
    packages = [package for _, names in missing for package in names]
    can_install = os.name == "posix" and shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0
    if can_install:
        print(f"Đang cài chương trình cho kiểm thử: {' '.join(packages)} …", flush=True)
        quiet = {"stdout": subprocess.DEVNULL, "env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}}
        update = subprocess.run(["apt-get", "update", "-qq"], **quiet)
        install = subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], **quiet)
        if update.returncode == 0 and install.returncode == 0:
            return
    sys.exit("Kiểm thử cần các chương trình: " + ", ".join(command for command, _ in missing) + ".\n"
             f"Trên Debian/Ubuntu, cài bằng: sudo apt-get install --no-install-recommends {' '.join(packages)}\n"
             "(Chromium phải nằm ở /usr/bin/chromium, hoặc đặt biến CHROMIUM_PATH.)")


def build_environment() -> dict[str, str]:
    """os.environ plus SOURCE_DATE_EPOCH from the last commit (unless set), so two builds of one commit are
    byte-identical: MkDocs stamps sitemap.xml.gz and page dates with it, the calendar its DTSTAMP."""
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's nine-line English banner would bury our messages
    if not env.get("SOURCE_DATE_EPOCH"):
        try:
            stamp = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                                   text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):  # no git, or not a clone: dates fall back to today
            stamp = ""
        if stamp.isdigit():
            env["SOURCE_DATE_EPOCH"] = stamp
    return env


def run_in_project_environment(level: str = "site") -> None:
    """Called first by scripts/*.py: outside .venv, set it up and run the same script again inside it."""
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    python = ensure_environment(level)
    sys.exit(subprocess.run([str(python), *sys.argv], env=build_environment()).returncode)


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("serve", [])
    commands = {
        "serve": ["-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *rest],
        "build": ["-m", "topicbank.cli", "build", "--strict", *rest],  # into a new folder, swapped in on success
        "test": ["-m", "pytest", "-n", "2", *rest],  # two workers: the machines (CI's too) have two cores
        "setup": ["-c", "print('Môi trường .venv đã sẵn sàng.')"],
    }
    if command not in commands:
        print(f"Không có lệnh «{command}». Dùng: serve, build, test hoặc setup.")
        return 2
    python = ensure_environment("test" if command == "test" else "site")
    if command == "test":
        ensure_test_programs()
    return subprocess.run([str(python), *commands[command]], cwd=ROOT, env=build_environment()).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
