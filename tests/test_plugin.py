"""The installable plugin: a site that only installs topicbank and lists it in mkdocs.yml gets the whole bank.

The slow test installs the package from the working tree into a fresh venv (pinned requirements from the
registry, then `pip install .`, which builds a wheel: what a committee's site does) and builds a ten-line
site with the national bank and one local entry. The others check each option's Vietnamese message.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

TEN_LINE_SITE = """\
site_name: Ngân hàng chuyên đề của Đảng bộ ví dụ
docs_dir: docs
theme:
  name: material
  language: vi
plugins:
  - search
  - topicbank:
      banks: [national, topics]
"""

LOCAL_THEME = """\
---
kind: theme
title: Chuyên đề riêng của đảng bộ ví dụ
summary: Một chuyên đề của ngân hàng địa phương, dựng trên ngân hàng chung.
status: draft
series: xay-dung-dang
months: [5]
duration_minutes: 60
audience: [nong-thon]
references: [huong-dan-42-hd-btctw-2025]
objectives:
  - Thử ngân hàng nhiều lớp.
questions:
  - Chi bộ ta làm gì?
  - Mỗi đảng viên làm gì?
actions:
  - Mỗi đảng viên nhận một việc.
quiz:
  - question: Câu hỏi thử?
    choices: [A, B]
    answer: A
    source: Nguồn thử
sources:
  - title: Nguồn thử
    url: https://example.org/nguon-thu
---

## Nội dung

Chuyên đề **địa phương**.
"""


def write_site(folder: Path, config: str = TEN_LINE_SITE, entry: str | None = LOCAL_THEME) -> Path:
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (folder / "topics").mkdir(exist_ok=True)
    if entry is not None:
        (folder / "topics" / "chuyen-de-rieng.md").write_text(entry, encoding="utf-8")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def mkdocs_build(folder: Path, python: str = sys.executable, *extra: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("TOPICBANK_")}
    return subprocess.run([python, "-m", "mkdocs", "build", "--strict", *extra], cwd=folder, capture_output=True,
                          text=True, env=env, timeout=900)


@pytest.mark.slow
def test_ten_line_site_in_a_fresh_venv_builds_the_national_bank_and_its_own(tmp_path: Path) -> None:
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    python = str(environment / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-r", str(ROOT / "requirements" / "site.txt")], check=True, timeout=900)
    subprocess.run([*pip, "--no-deps", str(ROOT)], check=True, timeout=900)  # a wheel, not the checkout
    located = subprocess.run([python, "-c", "import topicbank; print(topicbank.__file__)"], capture_output=True,
                             text=True, check=True, cwd=tmp_path).stdout
    assert str(environment) in located and str(ROOT) not in located

    site = write_site(tmp_path / "tinh")
    result = mkdocs_build(site, python)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    built = site / "site"
    for path in ["muc/chuyen-de-rieng/index.html", "muc/huong-dan-42-hd-btctw-2025/index.html",
                 "bo-tai-lieu/chuyen-de-rieng/index.html", "bo-tai-lieu/chuyen-de-rieng/chuyen-de-rieng.pdf",
                 "bo-tai-lieu/chuyen-de-rieng/chuyen-de-rieng.docx", "trinh-chieu/chuyen-de-rieng/index.html",
                 "trinh-chieu/chuyen-de-rieng/chuyen-de-rieng.pptx", "search/tb-index.js", "topics.json",
                 "ban-ngoai-tuyen.zip", "assets/css/site.css", "assets/fonts/noto-serif-400-normal.woff2"]:
        assert (built / path).is_file(), path
    ids = {record["id"] for record in _records(built / "topics.json")}
    assert {"chuyen-de-rieng", "huong-dan-42-hd-btctw-2025", "chi-thi-50-ct-tw-2025"} <= ids
    assert "chuyen-de-rieng" in (built / "search" / "tb-index.js").read_text(encoding="utf-8")
    page = (built / "muc" / "huong-dan-42-hd-btctw-2025" / "index.html").read_text(encoding="utf-8")
    assert "Chuyên đề riêng của đảng bộ ví dụ" in page  # the national document lists the local theme citing it
    assert "tb-edit" not in page and "/edit/" not in page  # no edit_url: no edit links
    with zipfile.ZipFile(built / "ban-ngoai-tuyen.zip") as archive:
        assert "ban-ngoai-tuyen/muc/chuyen-de-rieng/index.html" in archive.namelist()


def _records(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["topics"] if isinstance(data, dict) else data


BAD_OPTIONS = [
    ("formats: [pfd]", "formats", "pfd"),
    ("formats_on_serve: [html, slides]", "formats_on_serve", "slides"),
    ("workers: x", "workers", "x"),
    ("workers: 0", "workers", "0"),
    ("banks: [national, khong-co]", "banks", "khong-co"),
    ("offline_zip: maybe", "offline_zip", "maybe"),
    ("edit_url: github.com/x", "edit_url", "github.com/x"),
]


@pytest.mark.parametrize(("line", "option", "value"), BAD_OPTIONS)
def test_a_wrong_option_stops_the_build_with_one_vietnamese_message(tmp_path: Path, line: str, option: str,
                                                                     value: str) -> None:
    config = TEN_LINE_SITE.replace("      banks: [national, topics]\n",
                                   "      banks: [national, topics]\n" if line.startswith("banks") else
                                   f"      banks: [national, topics]\n      {line}\n")
    if line.startswith("banks"):
        config = config.replace("      banks: [national, topics]\n", f"      {line}\n")
    result = mkdocs_build(write_site(tmp_path, config))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert f"Tùy chọn `{option}` của plugin topicbank" in output and value in output and "Cách sửa:" in output


def test_edit_url_gives_edit_and_new_entry_links_for_the_sites_own_entries_only(tmp_path: Path) -> None:
    config = TEN_LINE_SITE + "      edit_url: https://github.com/vi-du/ngan-hang/edit/main/\n      formats: [html]\n"
    site = write_site(tmp_path, config)
    result = mkdocs_build(site, sys.executable)
    assert result.returncode == 0, result.stderr[-3000:]
    own = (site / "site" / "muc" / "chuyen-de-rieng" / "index.html").read_text(encoding="utf-8")
    assert "https://github.com/vi-du/ngan-hang/edit/main/topics/chuyen-de-rieng.md" in own
    national = (site / "site" / "muc" / "huong-dan-42-hd-btctw-2025" / "index.html").read_text(encoding="utf-8")
    assert "github.com/vi-du/ngan-hang/edit" not in national  # the national bank is not this site's to edit
    themes = (site / "site" / "chuyen-de" / "index.html").read_text(encoding="utf-8")
    assert "https://github.com/vi-du/ngan-hang/new/main/topics/" in themes


# The adapter is these modules, and the two commands that read mkdocs.yml or run MkDocs (`topicbank build`,
# `validate`'s banks from mkdocs.yml); everything else in the package is the core, which another generator or a
# test can drive without MkDocs (site.SiteBuild).
MKDOCS_SIDE = {"plugin.py", "mkdocs_site.py", "config.py", "commands/banks.py", "commands/build.py"}


def test_only_the_adapter_imports_mkdocs():
    import ast

    package = ROOT / "hooks" / "topicbank"
    importing = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            if any(name == "mkdocs" or name.startswith("mkdocs.") or name.startswith("material") for name in names):
                importing.add(path.relative_to(package).as_posix())
    assert importing == MKDOCS_SIDE, f"the core must not import MkDocs or Material: {sorted(importing - MKDOCS_SIDE)}"


def test_at_exit_garbage_is_collected_then_everything_is_frozen() -> None:
    # A handler registered before the plugin loads runs after the plugin's own (atexit runs them last in, first
    # out): by then the garbage cycle has been collected (its finaliser ran) and the objects left are frozen.
    script = """
import atexit, gc
atexit.register(lambda: print("frozen" if gc.get_freeze_count() > 0 else "not frozen"))
import topicbank.plugin
class Cycle:
    def __del__(self):
        print("collected")
cycle = Cycle()
cycle.itself = cycle
del cycle
gc.disable()  # only the plugin's exit handler may collect it
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["collected", "frozen"]


def test_a_build_freezes_the_loaded_banks_until_it_ends(tmp_path: Path) -> None:
    # In one process, as a script that builds several sites would: the outputs start with the banks frozen, and
    # everything is back under the garbage collector once the build is over.
    site = write_site(tmp_path, TEN_LINE_SITE + "      formats: [html]\n      offline_zip: false\n")
    script = """
import gc, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
import topicbank.site
seen = []
start = topicbank.site.SiteBuild.start_outputs
def recording(self, *args):
    seen.append(gc.get_freeze_count())
    return start(self, *args)
topicbank.site.SiteBuild.start_outputs = recording
for _ in range(2):
    build(load_config(config_file="mkdocs.yml"))
    seen.append(gc.get_freeze_count())
print(" ".join("frozen" if count else "thawed" for count in seen))
"""
    env = {key: value for key, value in os.environ.items() if not key.startswith("TOPICBANK_")}
    result = subprocess.run([sys.executable, "-c", script], cwd=site, capture_output=True, text=True, timeout=600,
                            env={**env, "PYTHONPATH": str(ROOT / "hooks")})
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["frozen", "thawed", "frozen", "thawed"]
