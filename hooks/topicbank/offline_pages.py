"""The offline copy's pages, zipped by the outputs' process once it has nothing else to do (background.py).

Until the outputs are written, the build zips each page itself, in a thread (offline_zip.PageStream). From then
on it sends each page to the outputs' process, which rewrites and compresses it: that process would otherwise
wait for the last page while the build's process does all the work. Which process zipped a page changes nothing
in the zip (offline_zip.py joins the parts by name).
"""
from __future__ import annotations

import queue
import threading
from multiprocessing.connection import Connection
from pathlib import Path

from .offline_zip import BACKGROUND_PAGES_PART, PageStream


class PageSender:
    """In the build: hands each page to a thread that sends it to the outputs' process, so MkDocs never waits on
    the pipe."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.pages: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._send, name="topicbank-pages", daemon=True)
        self.thread.start()

    def add(self, name: str, html: str) -> None:
        self.pages.put(name.encode("utf-8") + b"\0" + html.encode("utf-8", errors="xmlcharrefreplace"))  # as MkDocs
        # encodes the page it writes: the outputs' process zips these bytes as they are

    def _send(self) -> None:
        try:
            while (page := self.pages.get()) is not None:
                self.connection.send_bytes(page)
            self.connection.send_bytes(b"")  # the end: MkDocs has written every page
        except OSError:  # the outputs' process has gone (it failed, or was stopped): its wait() says why
            pass
        finally:
            self.connection.close()

    def finish(self) -> None:
        """Sends the end mark after the last page."""
        self.stop()
        self.thread.join(timeout=60)

    def stop(self) -> None:
        """Sends nothing more (a failed build stops the outputs' process itself)."""
        self.pages.put(None)


class PageZipper:
    """In the outputs' process: a thread that zips the pages the build sends, until the end mark."""

    def __init__(self, connection: Connection, site_dir: Path, base_path: str) -> None:
        self.connection, self.site_dir, self.base_path = connection, site_dir, base_path
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._zip, name="topicbank-pages", daemon=True)
        self.thread.start()

    def _zip(self) -> None:
        stream: PageStream | None = None
        try:
            while page := self.connection.recv_bytes():
                name, _, data = page.partition(b"\0")
                if stream is None:  # the first page comes once MkDocs has emptied the site folder
                    stream = PageStream(self.site_dir / BACKGROUND_PAGES_PART, self.base_path)
                stream.add_encoded_page(name.decode("utf-8"), data)
            if stream is not None:
                stream.close()
        except BaseException as error:  # noqa: BLE001 - reported by join()
            self.error = error
            if stream is not None:
                stream.discard()
        finally:
            self.connection.close()

    def join(self) -> None:
        """Waits for the end mark and the last write; raises what went wrong."""
        self.thread.join()
        if self.error is not None:
            raise self.error
