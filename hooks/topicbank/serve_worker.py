"""Under `mkdocs serve`: the outputs' writer (kits, slides, meeting data, search index) as one long-lived process.

A build forks a writer for the outputs, which works while MkDocs renders the pages (background.py). Under serve a
fork is unsafe: MkDocs's web server and file watcher run in threads, and a forked child inherits their locks in
whatever state they are. So the first build starts a fresh interpreter ("spawn") that lives as long as the server.
Before each build's pages it gets the settings and the site folder, loads the banks itself and writes the outputs
while MkDocs renders pages. Being the same process from one save to the next, it keeps what did not change, as the
server does: each file's parse (load.read_entry), its checks, the deck pages (present/output.py), and what it
wrote: the folders only outputs write are set aside before MkDocs empties the site (page_cache.py), put back here,
and a file that would get the same bytes is not written again (files.KeptFolders).

Its log lines travel back with its answer, and the build logs them, so `--strict` counts its warnings. If it
fails or dies, the build fails with its message, and the next build starts a new one. If it dies before its first
answer (it cannot start: a script that runs MkDocs without `if __name__ == "__main__":` makes the new interpreter
run that script again), the build writes the outputs itself, now and in later builds (WorkerGone).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from . import files
from .outputs import OutputError
from .page_cache import delete_in_background
from .settings import BuildSettings

LOGGER = "mkdocs.plugins.topicbank"


@dataclass(frozen=True)
class Job:
    settings: BuildSettings
    use_directory_urls: bool
    site_dir: Path
    kept_dir: Path  # where the rebuild set aside the folders below (page_cache.empty_site_dir_quickly)
    keep: tuple[str, ...]  # the site's folders only the outputs write


class _Collector(logging.Handler):
    """The worker's log records, kept to be sent back with its answer."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.levelno, record.getMessage()))


def _serve(connection: Connection) -> None:
    """The worker's loop: one job, one answer (error or None, log lines), until the build process goes away."""
    from .background import run_outputs
    from .site import BankError, SiteBuild

    quiet = logging.getLogger(f"{LOGGER}.worker-load")  # the banks' warnings: the build has logged them already
    quiet.propagate = False
    quiet.addHandler(logging.NullHandler())
    log = logging.getLogger(f"{LOGGER}.worker")
    log.propagate = False
    log.setLevel(logging.INFO)
    memory = files.serve_memory = files.KeptFolders()
    while True:
        try:
            job: Job = connection.recv()
        except EOFError:
            return
        collector = _Collector()
        log.addHandler(collector)
        try:
            build = SiteBuild(job.settings, quiet)
            bank = build.load(job.use_directory_urls)
            memory.begin(_restore(job, bool(memory.digests)))
            run_outputs(build.outputs, bank, job.site_dir, build.site.urls, log)
            memory.finish()
            error = None
        except (OutputError, BankError) as failure:  # a bank saved again since the build loaded it can fail here
            error = str(failure)
        except BaseException:  # noqa: BLE001 - any failure must reach the build, never hang it
            error = traceback.format_exc()
        finally:
            log.removeHandler(collector)
        if error:
            memory.digests.clear()  # what is on disk is unknown now: the next build writes every file
        connection.send((error, collector.lines))


def _restore(job: Job, wrote_before: bool) -> list[Path]:
    """Put back the folders set aside by the rebuild, if this worker wrote them (it knows their files); the
    rest of what was set aside is deleted in the background."""
    restored = []
    if wrote_before and job.kept_dir.is_dir():
        for folder in job.keep:
            source, target = job.kept_dir / folder, job.site_dir / folder
            if source.is_dir() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
                restored.append(target)
    if job.kept_dir.exists():
        delete_in_background(job.kept_dir)
    return restored


class WorkerGone(OutputError):
    """The worker died before it ever answered: it cannot run here, and the build writes the outputs itself."""


class OutputsWorker:
    """Lives in the plugin, from one `mkdocs serve` build to the next. submit() hands a build's outputs to the
    worker (starting it when needed); the returned WorkerRun's wait() returns when they are written."""

    def __init__(self) -> None:
        self.process: multiprocessing.process.BaseProcess | None = None
        self.connection: Connection | None = None
        self.answered = False  # it has answered once: it can run here
        self.unusable = False  # it died before its first answer: do not start it again

    def submit(self, job: Job, log: logging.Logger) -> WorkerRun:
        if self.process is None or not self.process.is_alive():
            self._start()
        assert self.connection is not None
        self.connection.send(job)
        return WorkerRun(self, log)

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        mine, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs,), name="topicbank-outputs", daemon=True)
        self.process.start()
        theirs.close()
        self.connection = mine

    def stop(self) -> None:
        if self.connection is not None:
            self.connection.close()
        if self.process is not None and self.process.is_alive():
            self.process.terminate()
            self.process.join()
        self.process = self.connection = None


class WorkerRun:
    """One build's outputs in the worker: wait() as BackgroundOutputs.wait(), cancel() stops the worker."""

    def __init__(self, worker: OutputsWorker, log: logging.Logger) -> None:
        self.worker = worker
        self.log = log

    def wait(self) -> None:
        assert self.worker.connection is not None
        try:
            error, lines = self.worker.connection.recv()
        except (EOFError, OSError):  # the worker died without a word (killed, out of memory, could not start)
            code = self.worker.process.exitcode if self.worker.process is not None else None
            self.worker.stop()
            if not self.worker.answered:
                self.worker.unusable = True
                raise WorkerGone(f"Tiến trình dựng đầu ra phụ không chạy được (mã {code}).") from None
            raise OutputError(f"tiến trình dựng đầu ra phụ dừng bất thường (mã {code})") from None
        self.worker.answered = True
        for level, message in lines:
            self.log.log(level, message)
        if error:
            raise OutputError(error)

    def cancel(self) -> None:
        self.worker.stop()
