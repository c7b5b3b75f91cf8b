"""topicbank build [tùy chọn của mkdocs build…]: build into a fresh folder, and swap it in only on success.

So a failed build, including one that --strict aborts after every page is written, never leaves a
half-written or empty site where the site was. `mkdocs serve` and plain `mkdocs build` are untouched.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..staging import StagedSite


def site_dir_of(argv: list[str], config_file: Path) -> Path:
    """--site-dir/-d from the arguments, else mkdocs.yml's site_dir (MkDocs's own reading of it)."""
    for index, argument in enumerate(argv):
        if argument in {"-d", "--site-dir"} and index + 1 < len(argv):
            return Path(argv[index + 1])
        if argument.startswith("--site-dir="):
            return Path(argument.split("=", 1)[1])
    from mkdocs.config import load_config

    return Path(load_config(str(config_file)).site_dir)


def without_site_dir(argv: list[str]) -> list[str]:
    kept, skip = [], False
    for argument in argv:
        if skip:
            skip = False
        elif argument in {"-d", "--site-dir"}:
            skip = True
        elif not argument.startswith("--site-dir="):
            kept.append(argument)
    return kept


def main(argv: list[str]) -> int:
    config_file = Path("mkdocs.yml")
    for index, argument in enumerate(argv):
        if argument in {"-f", "--config-file"} and index + 1 < len(argv):
            config_file = Path(argv[index + 1])
    staged = StagedSite(site_dir_of(argv, config_file))
    staging = staged.prepare()
    command = [sys.executable, "-m", "mkdocs", "build", *without_site_dir(argv), "--site-dir", str(staging)]
    # Material's nine-line English banner would bury the Vietnamese messages of a failed build.
    result = subprocess.run(command, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        staged.discard()
        print(f"Dựng trang không thành công; trang cũ ở {staged.final} giữ nguyên.", file=sys.stderr)
        return result.returncode
    staged.publish()
    return 0
