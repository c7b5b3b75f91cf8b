"""Outputs written by a second process while MkDocs renders pages: files, errors and warnings reach the build."""
from __future__ import annotations

import logging
import time
import zipfile
from pathlib import Path

import pytest
from mkdocs.utils import clean_directory

from topicbank.background import STAGING, BackgroundOutputs, OfflineStart, can_run_in_background
from topicbank.offline_zip import BACKGROUND_PAGES_PART
from topicbank.outputs import OutputError
from topicbank.render.text import Urls

pytestmark = pytest.mark.skipif(not can_run_in_background(), reason="needs fork and two cores")


class _Writes:
    name = "test"

    def links(self, bank: object) -> dict:
        return {}

    def write(self, bank: object, site_dir: Path, urls: Urls, log: logging.Logger) -> None:
        (site_dir / "from-child.txt").write_text(f"pid-free content {bank}", encoding="utf-8")


class _Fails(_Writes):
    def write(self, bank: object, site_dir: Path, urls: Urls, log: logging.Logger) -> None:
        raise OutputError("Không dựng được bộ tài liệu in của mục «x»")


class _Crashes(_Writes):
    def write(self, bank: object, site_dir: Path, urls: Urls, log: logging.Logger) -> None:
        raise KeyError("a bug")


class _Warns(_Writes):
    def write(self, bank: object, site_dir: Path, urls: Urls, log: logging.Logger) -> None:
        log.warning("một cảnh báo")


def _run(outputs: list, site_dir: Path, log: logging.Logger) -> None:
    background = BackgroundOutputs(outputs, "bank", site_dir, Urls(), log)  # type: ignore[arg-type]
    background.start()
    background.wait()


def test_child_writes_into_the_site(tmp_path: Path) -> None:
    _run([_Writes()], tmp_path, logging.getLogger("tb-test"))
    assert (tmp_path / "from-child.txt").read_text(encoding="utf-8") == "pid-free content bank"


def test_output_error_reaches_the_build(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="mục «x»"):
        _run([_Fails()], tmp_path, logging.getLogger("tb-test"))


def test_unexpected_exception_reaches_the_build_with_its_traceback(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="KeyError: 'a bug'"):
        _run([_Crashes()], tmp_path, logging.getLogger("tb-test"))


def test_child_warnings_are_relayed_so_strict_mode_sees_them(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("tb-test-warn")
    with caplog.at_level(logging.WARNING, logger="tb-test-warn"):
        _run([_Warns()], tmp_path, log)
    assert [record.getMessage() for record in caplog.records if record.name == "tb-test-warn"][-1].startswith(
        "Đầu ra phụ (bộ tài liệu, trình chiếu…) có 1 cảnh báo")


def test_files_written_before_mkdocs_empties_the_site_survive_it(tmp_path: Path) -> None:
    """A build forks the child right after loading the bank, before MkDocs empties the site folder: the child writes
    into a hidden folder, which MkDocs leaves alone, and moves its files in once told the folder is clean."""
    (tmp_path / "old-page.html").write_text("from the last build", encoding="utf-8")
    background = BackgroundOutputs([_Writes()], "bank", tmp_path, Urls(), logging.getLogger("tb-test"))  # type: ignore[arg-type]
    background.start()
    staged = tmp_path / STAGING / "from-child.txt"
    deadline = time.monotonic() + 30
    while not staged.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert staged.exists() and not (tmp_path / "from-child.txt").exists()  # it waits for the signal
    clean_directory(str(tmp_path))  # what MkDocs does after on_config
    background.site_cleaned()
    background.wait()
    assert (tmp_path / "from-child.txt").read_text(encoding="utf-8") == "pid-free content bank"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["from-child.txt"]


def test_a_cancelled_build_leaves_no_hidden_folder(tmp_path: Path) -> None:
    background = BackgroundOutputs([_Writes()], "bank", tmp_path, Urls(), logging.getLogger("tb-test"))  # type: ignore[arg-type]
    background.start()
    background.cancel()
    assert not (tmp_path / STAGING).exists()


class _WaitsForFlag(_Writes):
    def write(self, bank: object, site_dir: Path, urls: Urls, log: logging.Logger) -> None:
        flag = site_dir.parent / "go"  # site_dir is the hidden folder inside the site
        while not flag.exists():
            time.sleep(0.01)


def test_pages_go_to_the_child_once_it_has_written_the_outputs(tmp_path: Path) -> None:
    """Until the outputs are written the build zips its pages itself (take_page says no); then the child does."""
    background = BackgroundOutputs([_WaitsForFlag()], "bank", tmp_path, Urls(), logging.getLogger("tb-test"),  # type: ignore[arg-type]
                                   OfflineStart((), "/"))
    background.start()
    background.site_cleaned()
    background.static_files_copied()
    assert not background.take_page("muc/a/index.html", "<html>a</html>")
    (tmp_path / "go").write_text("", encoding="utf-8")
    deadline = time.monotonic() + 30
    while not background.take_page("muc/b/index.html", '<html><a href="../">b</a></html>'):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    background.wait()
    with zipfile.ZipFile(tmp_path / BACKGROUND_PAGES_PART) as archive:
        assert archive.namelist() == ["ban-ngoai-tuyen/muc/b/index.html"]
        assert archive.read("ban-ngoai-tuyen/muc/b/index.html") == b'<html data-tb-offline><a href="../index.html">b</a></html>'
