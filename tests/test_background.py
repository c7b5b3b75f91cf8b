"""Outputs written by a second process while MkDocs renders pages: files, errors and warnings reach the build."""
from __future__ import annotations

import logging
import time
import zipfile
from pathlib import Path

import pytest
from mkdocs.utils import clean_directory

from topicbank.background import STAGING, BackgroundOutputs, OfflineStart, Turns, can_run_in_background
from topicbank.offline import OFFLINE_ZIP
from topicbank.offline_zip import BACKGROUND_PAGES_PART, FOLDERS_PART, HELPER_FOLDERS_PART, write_offline_zip
from topicbank.outputs import OutputError
from topicbank.render.text import Urls
from topicbank.turns import turns

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


class _WritesMany(_Writes):
    def write(self, bank: object, site_dir: Path, urls: Urls, log: logging.Logger) -> None:
        (site_dir / "out").mkdir()
        for number in range(200):
            (site_dir / "out" / f"{number:03}.html").write_text(f'<a href="../x/">{number}</a>', encoding="utf-8")


def test_the_build_and_the_child_zip_the_childs_folders_in_turns(tmp_path: Path) -> None:
    """Once MkDocs has written every page, wait() zips the child's folders with it, a turn each: every file lands in
    exactly one of the two parts, and the joined copy holds each once, in name order."""
    background = BackgroundOutputs([_WritesMany()], "bank", tmp_path, Urls(), logging.getLogger("tb-test"),  # type: ignore[arg-type]
                                   OfflineStart(("out",), "/"))
    background.start()
    background.wait()
    parts = [zipfile.ZipFile(tmp_path / name).namelist() for name in (FOLDERS_PART, HELPER_FOLDERS_PART)
             if (tmp_path / name).exists()]
    names = [name for part in parts for name in part]
    assert sorted(names) == [f"ban-ngoai-tuyen/out/{number:03}.html" for number in range(200)]
    copy = write_offline_zip(tmp_path, zipped_folders=("out",))
    with zipfile.ZipFile(tmp_path / OFFLINE_ZIP) as archive:
        assert archive.namelist() == sorted(names) and copy.files == 200 and archive.testzip() is None
        assert archive.read("ban-ngoai-tuyen/out/007.html") == b'<a href="../x/index.html">7</a>'
    assert sorted(path.name for path in tmp_path.iterdir()) == [OFFLINE_ZIP, "out"]


def test_turns_hand_out_every_slice_once() -> None:
    import multiprocessing

    shared = Turns(multiprocessing.get_context("fork"))
    slices = list(turns(shared.take, 40))
    assert [(turn.start, turn.stop) for turn in slices] == [(0, 16), (16, 32), (32, 40)]
    assert shared.take(40) is None
