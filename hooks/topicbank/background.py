"""Run the extra outputs (kits, slides…) in a second process while MkDocs renders the pages.

MkDocs renders pages on one core; the outputs need only the Bank, so on a machine
with two cores they can be written at the same time instead of after. The child is
forked as soon as the bank is loaded (on_config), before MkDocs empties the site folder;
so it writes into a hidden folder inside it (STAGING: MkDocs leaves dot-folders alone),
and moves those files in once the build says the folder is clean (site_cleaned()).
Outputs use their own sub-folders. The child reports back only an error message and how
many warnings it logged, so `--strict` still fails the build on them. When the build makes
the offline copy, the child then starts it with the folders it wrote (offline_zip.py),
while MkDocs is still rendering pages; then it zips the pages the build sends it
(offline_pages.py).

Fork is required (the child inherits the loaded Bank); elsewhere, or with one
core, `run_outputs` is called in the build process, as before.
"""
from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import shutil
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event as EventType
from pathlib import Path

from .model import Bank
from .offline_pages import PageSender, PageZipper
from .offline_zip import HELPER_FOLDERS_PART, listed_files, start_offline_zip, zip_in_turns
from .outputs import Output, OutputError
from .render.text import Urls
from .turns import SharedTurns, turns


STAGING = ".tb-dau-ra"  # in the site folder: where the child writes until MkDocs has emptied the folder


def run_outputs(outputs: list[Output], bank: Bank, site_dir: Path, urls: Urls, log: logging.Logger) -> None:
    for output in outputs:
        output.write(bank, site_dir, urls, log)


def move_into(staging: Path, site_dir: Path) -> None:
    """Every file under `staging` moved to the same place under `site_dir` (whose folders MkDocs may be filling at
    the same time: only files are moved, folders are made as needed), then `staging` removed."""
    for folder, _, files in os.walk(staging):
        target = site_dir / Path(folder).relative_to(staging)
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            os.replace(Path(folder) / name, target / name)
    shutil.rmtree(staging)


class WarningCounter(logging.Handler):
    """Counts warnings as --strict does (the build and the outputs' child both need the count)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass(frozen=True)
class OfflineStart:
    """What the child needs to start the offline copy: the folders only outputs write, the site's path, and the
    static files' folder (complete once MkDocs has copied them: BackgroundOutputs.static_files_copied)."""
    folders: tuple[str, ...]
    base_path: str
    static: tuple[str, ...] = ()


def wait_for(event: EventType) -> None:
    """event.wait(), which gives up when the build has gone (killed before it could stop this process)."""
    parent = os.getppid()
    while not event.wait(1):
        if os.getppid() != parent:
            raise SystemExit("the build has gone")


class Turns(SharedTurns):
    """The files of the child's folders, which the two processes zip between them, each taking the next TURN in
    turn: the child from when it has written the outputs, the build from when MkDocs has written every page."""

    TURN = 16

    def __init__(self, context: multiprocessing.context.BaseContext) -> None:
        super().__init__(context, self.TURN)
        self.listed = context.Event()  # the child has listed the files (offline_zip.FOLDERS_LIST)


def _child(connection: Connection, outputs: list[Output], bank: Bank, site_dir: Path, urls: Urls,
           log: logging.Logger, offline: OfflineStart | None, site_cleaned: EventType, static_copied: EventType,
           done: EventType, shared: Turns, pages: tuple[Connection, Connection] | None) -> None:
    zipper = None
    if pages is not None and offline is not None:
        pages[1].close()  # the build's end: closed here, so a build that has gone reads as the pipe's end
        zipper = PageZipper(pages[0], site_dir, offline.base_path)
    counter = WarningCounter()
    top = log  # the logger whose handlers finally print `log`'s records (MkDocs stops propagation at "mkdocs")
    while top.propagate and top.parent is not None:
        top = top.parent
    top.addHandler(counter)
    try:
        (site_dir / STAGING).mkdir(parents=True, exist_ok=True)
        run_outputs(outputs, bank, site_dir / STAGING, urls, log)
        wait_for(site_cleaned)
        move_into(site_dir / STAGING, site_dir)
        if offline is not None:
            def take(total: int) -> slice | None:
                shared.listed.set()  # the list is written before the first turn
                return shared.take(total)

            start_offline_zip(site_dir, offline.folders, offline.base_path, offline.static,
                              lambda: wait_for(static_copied), take)
        done.set()  # the build sends its next pages here
        if zipper is not None:
            zipper.join()
        connection.send((None, counter.count))
    except OutputError as error:
        connection.send((str(error), counter.count))
    except BaseException:  # noqa: BLE001 - any failure must reach the build, never hang it
        connection.send((traceback.format_exc(), counter.count))
    finally:
        connection.close()


def can_run_in_background() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


class BackgroundOutputs:
    """start() forks the writer; site_cleaned() lets it move its files into the site folder; wait() returns when it
    is done, raising OutputError if it failed."""

    def __init__(self, outputs: list[Output], bank: Bank, site_dir: Path, urls: Urls, log: logging.Logger,
                 offline: OfflineStart | None = None) -> None:
        self.arguments = (outputs, bank, site_dir, urls, log, offline)
        self.offline = offline  # the child starts the offline copy with these folders: the build adds the rest
        self.log = log
        self.process: multiprocessing.process.BaseProcess | None = None
        self.connection: Connection | None = None
        self.cleaned: EventType | None = None
        self.static_copied: EventType | None = None
        self.pages: PageSender | None = None  # with the offline copy: MkDocs's pages, for the child to zip
        self.done: EventType | None = None  # the child has written the outputs: it zips the pages from then on
        self.turns: Turns | None = None  # the child's folders, zipped by both once MkDocs has written every page

    def start(self) -> None:
        site_dir = self.arguments[2]
        if (site_dir / STAGING).exists():  # left by a build that was killed
            shutil.rmtree(site_dir / STAGING)
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        self.cleaned, self.static_copied, self.done = context.Event(), context.Event(), context.Event()
        self.turns = Turns(context)
        pages = context.Pipe(duplex=False) if self.offline else None  # (the child's end, the build's end)
        self.process = context.Process(target=_child, name="topicbank-outputs",
                                       args=(sender, *self.arguments, self.cleaned, self.static_copied, self.done,
                                             self.turns, pages))
        self.process.start()
        sender.close()
        self.connection = receiver
        if pages is not None:
            pages[0].close()
            self.pages = PageSender(pages[1])
        atexit.register(self.cancel)  # a build that fails before wait() must not leave the writer running

    def site_cleaned(self) -> None:
        """MkDocs has emptied the site folder: the child may move its files in."""
        if self.cleaned is not None:
            self.cleaned.set()

    def take_page(self, name: str, html: str) -> bool:
        """The page at `name` as MkDocs writes it, sent to the child to zip once it has written the outputs (it
        has nothing else to do then); False before that: the build zips it (offline_pages.py)."""
        if self.pages is None or self.done is None or not self.done.is_set():
            return False
        self.pages.add(name, html)
        return True

    def static_files_copied(self) -> None:
        """MkDocs has copied the static files (it renders the theme's templates and pages next)."""
        if self.static_copied is not None:
            self.static_copied.set()

    def wait(self) -> None:
        assert self.process is not None and self.connection is not None
        self.site_cleaned()  # every file is written by now: the child must never wait for a signal
        self.static_files_copied()
        if self.pages is not None:
            self.pages.finish()  # the end mark: MkDocs has written every page
        self._zip_a_share()
        try:
            error, warnings = self.connection.recv()
        except EOFError:  # the child died without a word (killed, out of memory)
            error, warnings = f"tiến trình dựng đầu ra phụ dừng bất thường (mã {self.process.exitcode})", 0
        finally:
            self.connection.close()
            self.process.join()
            atexit.unregister(self.cancel)
        if warnings:
            self.log.warning(f"Đầu ra phụ (bộ tài liệu, trình chiếu…) có {warnings} cảnh báo, xem ở trên.")
        if error:
            raise OutputError(error)

    def _zip_a_share(self) -> None:
        """MkDocs has written every page: rather than wait, zip the child's folders with it, in turns."""
        assert self.connection is not None
        if self.offline is None or self.turns is None:
            return
        while not self.turns.listed.wait(0.05):
            if self.connection.poll():  # the child has finished, or failed, without listing them
                return
        site_dir = self.arguments[2]
        names = listed_files(site_dir)
        zip_in_turns(site_dir, names, HELPER_FOLDERS_PART, self.offline.base_path, turns(self.turns.take, len(names)))

    def cancel(self) -> None:
        if self.pages is not None:
            self.pages.stop()
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()
        if self.process is not None:  # a failed build leaves no hidden folder in the site
            shutil.rmtree(self.arguments[2] / STAGING, ignore_errors=True)
