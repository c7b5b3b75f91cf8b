"""A failed build leaves the published site untouched; two builds of one commit give the same bytes."""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import build_site
from topicbank.reproducible import ZIP_EPOCH, fixed_zip
from topicbank.staging import StagedSite

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "examples" / "valid"


def hashes(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def siblings(site: Path) -> list[str]:
    return sorted(path.name for path in site.parent.iterdir() if path != site)


# -- staging --------------------------------------------------------------------------------------


def test_staged_site_replaces_the_old_site_only_when_published(tmp_path: Path) -> None:
    final = tmp_path / "site"
    final.mkdir()
    (final / "cu.html").write_text("cũ", encoding="utf-8")
    staged = StagedSite(final)
    (staged.prepare() / "moi.html").write_text("mới", encoding="utf-8")
    assert [path.name for path in final.iterdir()] == ["cu.html"]  # nothing visible before publish
    staged.publish()
    assert [path.name for path in final.iterdir()] == ["moi.html"] and siblings(final) == []


def test_staged_site_discard_and_failed_swap_keep_the_old_site(tmp_path: Path) -> None:
    final = tmp_path / "site"
    final.mkdir()
    (final / "cu.html").write_text("cũ", encoding="utf-8")
    staged = StagedSite(final)
    staged.prepare()
    staged.discard()
    assert siblings(final) == [] and (final / "cu.html").exists()
    staged.prepare()
    shutil.rmtree(staged.staging)  # the second rename will fail
    with pytest.raises(OSError):
        staged.publish()
    assert (final / "cu.html").read_text(encoding="utf-8") == "cũ" and siblings(final) == []


def test_first_build_into_a_missing_folder(tmp_path: Path) -> None:
    staged = StagedSite(tmp_path / "chua-co")
    (staged.prepare() / "a.html").write_text("a", encoding="utf-8")
    staged.publish()
    assert (tmp_path / "chua-co" / "a.html").exists()


def staged_build(site: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """`topicbank build --strict` (what `scripts/dev.py build` runs): builds beside the site, swaps on success."""
    return subprocess.run([sys.executable, "-m", "topicbank.cli", "build", "--strict", "--site-dir", str(site)],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, **env}, timeout=900)


@pytest.mark.slow
def test_a_failed_build_leaves_the_published_site_untouched(tmp_path: Path) -> None:
    bank = tmp_path / "topics"
    shutil.copytree(VALID, bank)
    site = tmp_path / "out" / "site"
    env = {"TOPICBANK_BANKS": str(bank), "TOPICBANK_FORMATS": "html"}
    build_site = staged_build
    first = build_site(site, env)
    assert first.returncode == 0, first.stderr[-3000:]
    before = hashes(site)
    assert "muc/vi-du-huong-dan/index.html" in before

    # Fails in on_config: an invalid entry.
    (bank / "hong.md").write_text("---\nkind: theme\ntitle: [\n---\n", encoding="utf-8")
    early = build_site(site, env)
    assert early.returncode != 0 and "[yaml-syntax]" in early.stderr
    assert hashes(site) == before and siblings(site) == []

    # Fails after every page and output is written: --strict aborts on a broken link after post_build.
    (bank / "hong.md").unlink()
    guide = bank / "vi-du-huong-dan.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("Hướng dẫn ví dụ", "Hướng dẫn đã sửa")
                     + "\nXem [trang không có](khong-co.md).\n", encoding="utf-8")
    late = build_site(site, env)
    assert late.returncode != 0 and "strict mode" in late.stdout + late.stderr
    assert late.stderr.strip().splitlines()[-1].startswith("Dựng trang không thành công")  # last line: Vietnamese
    assert "Material for MkDocs reaches end of life" not in late.stdout + late.stderr  # no English banner
    assert "not included in the" not in late.stdout + late.stderr  # no list of pages outside the nav
    assert hashes(site) == before and siblings(site) == []

    # Fixed: the new build replaces the site.
    guide.write_text(guide.read_text(encoding="utf-8").replace("Xem [trang không có](khong-co.md).", ""),
                     encoding="utf-8")
    fixed = build_site(site, env)
    assert fixed.returncode == 0, fixed.stderr[-3000:]
    assert "Hướng dẫn đã sửa" in (site / "muc" / "vi-du-huong-dan" / "index.html").read_text(encoding="utf-8")
    assert siblings(site) == []


# -- reproducible builds --------------------------------------------------------------------------


def test_fixed_zip_keeps_content_and_drops_the_time() -> None:
    def office_file() -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr(zipfile.ZipInfo("word/document.xml", time.localtime()[:6]), "<w:document/>")
        return buffer.getvalue()

    first = office_file()
    time.sleep(2.1)  # zip times have a 2-second resolution
    second = office_file()
    assert first != second and fixed_zip(first) == fixed_zip(second)
    archive = zipfile.ZipFile(io.BytesIO(fixed_zip(first)))
    assert archive.namelist() == ["[Content_Types].xml", "word/document.xml"]
    assert archive.read("word/document.xml") == b"<w:document/>"
    assert {item.date_time for item in archive.infolist()} == {ZIP_EPOCH}


def dev_build_environment() -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    import dev

    return dev.build_environment()


def test_the_editable_package_gets_its_bytecode_as_an_installed_one() -> None:
    """scripts/dev.py compiles hooks/topicbank (with PYTHONDONTWRITEBYTECODE set, each build would compile it from
    source first), but not starter/, whose files are copied into new banks."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import importlib.util

    import dev

    module = ROOT / "hooks" / "topicbank" / "turns.py"
    bytecode = Path(importlib.util.cache_from_source(str(module)))
    bytecode.unlink(missing_ok=True)
    dev.compile_package(Path(sys.executable))
    assert bytecode.is_file() and bytecode.stat().st_mtime >= module.stat().st_mtime
    assert not list((ROOT / "hooks" / "topicbank" / "starter").rglob("__pycache__"))


@pytest.mark.slow
def test_two_builds_of_one_commit_are_byte_identical(tmp_path: Path) -> None:
    """The real bank, built twice from cold caches as on a fresh CI runner, with `scripts/dev.py build`'s environment.

    Every file is compared. PDF rendering is left out of these two builds only for time (about three
    minutes per cold build); the PDFs come from the same content-hash cache as the DOCX files."""
    env = dev_build_environment()
    assert env["SOURCE_DATE_EPOCH"].isdigit()
    sites = []
    for run in ("mot", "hai"):
        site = tmp_path / run / "site"
        run_env = {**env, "TOPICBANK_FORMATS": "html,docx,pptx", "TOPICBANK_CACHE_DIR": str(tmp_path / run / "cache"),
                   "SITE_URL": "https://example.org/nganhang/"}  # with an address: the sitemap and absolute links too
        result = build_site(site, run_env)
        assert result.returncode == 0, result.stderr[-3000:]
        sites.append(hashes(site))
        time.sleep(2.1)  # anything stamped with the clock (zip entries, dates) would now differ
    first, second = sites
    assert any(name.endswith(".docx") for name in first) and any(name.endswith(".pptx") for name in first)
    assert any(name.endswith(".gz") for name in first) and any(name.endswith(".ics") for name in first)
    assert "sitemap.xml" in first and "topics.json" in first
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


@pytest.mark.slow
def test_mkdocs_serve_still_builds_and_rebuilds(tmp_path: Path) -> None:
    """`mkdocs serve` builds into its own temporary folder, and rebuilds when an entry of the site's bank changes."""
    import socket
    import urllib.request

    bank = tmp_path / "topics"
    shutil.copytree(VALID, bank)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]  # livereload also watches
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "TOPICBANK_BANKS": str(bank)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def fetch(path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
            return response.read().decode("utf-8")

    def wait_for(path: str, text: str) -> bool:
        for _ in range(120):
            try:
                if text in fetch(path):
                    return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    try:
        assert wait_for("muc/vi-du-huong-dan/", "Hướng dẫn ví dụ")
        guide = bank / "vi-du-huong-dan.md"
        guide.write_text(guide.read_text(encoding="utf-8").replace("Hướng dẫn ví dụ", "Hướng dẫn sửa khi đang xem"),
                         encoding="utf-8")
        assert wait_for("muc/vi-du-huong-dan/", "Hướng dẫn sửa khi đang xem")
    finally:
        server.terminate()
        server.wait(timeout=30)
