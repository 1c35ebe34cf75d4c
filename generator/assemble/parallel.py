"""Building part of a large site in a second process, and feeding Pagefind in a fixed order.

MkDocs builds pages one after the other on one core. For large maps the
plugin forks once, after every page is read and before any is written: the
copy (the helper) draws a share of the generated pages and writes the open data
and calendars, while the parent draws the rest. Pages reach Pagefind in
MkDocs' own page order whoever built them, so the index does not depend on
which process was faster.

Fork, not spawn: the helper starts with everything MkDocs already has (pages,
navigation, templates) at no cost. The plugin forks only for `mkdocs build`
(not for `serve`, whose server threads should not be forked) and only before
it starts any thread of its own.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import struct
import sys
import threading
import traceback
from collections.abc import Callable

from .failures import dutch_failure

# seq, length of url, length of html; then url and html (UTF-8).
_HEADER = struct.Struct("<III")
PAGES_DONE = 0xFFFFFFFF  # the seq of the report "no more pages from me" (then url and html are empty)

Report = Callable[[int, str, "str | None"], None]


class OrderedFeed:
    """Hands pages to `add(html, url)` in sequence order, holding back any that arrive early."""

    def __init__(self, add: Callable[[str, str], None]) -> None:
        self._add = add
        self._next = 0
        self._early: dict[int, tuple[str, str | None]] = {}
        self._lock = threading.Lock()

    def put(self, seq: int, url: str, html: str | None) -> None:
        """Page number `seq` is built; html None: it is not indexed."""
        with self._lock:
            self._early[seq] = (url, html)
            while self._next in self._early:
                url, html = self._early.pop(self._next)
                self._next += 1
                if html:
                    self._add(html, url)

    @property
    def waiting(self) -> int:
        return len(self._early)

    def flush(self) -> None:
        """Hand over what is still held back (pages after a gap: e.g. a `--dirty`
        build skips unchanged pages), in sequence order."""
        with self._lock:
            for seq in sorted(self._early):
                url, html = self._early.pop(seq)
                if html:
                    self._add(html, url)


def release_memory() -> None:
    """Collect what was let go and hand free heap back to the system (glibc keeps it otherwise).

    Unfreezes first: objects frozen before a fork are never collected while frozen."""
    gc.unfreeze()
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


class Helper:
    """A forked process running `work(report)`; its reports come back through a pipe."""

    def __init__(self, work: Callable[[Report], int]) -> None:
        read_end, write_end = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        # Out of the cycle collector's sight: neither process scans (and so copies) the pages,
        # navigation and map they share; reference counting still frees what is let go.
        gc.freeze()
        pid = os.fork()
        if pid == 0:  # the helper
            os.close(read_end)
            code = 1
            try:
                with os.fdopen(write_end, "wb", buffering=1 << 16) as out:
                    def report(seq: int, url: str, html: str | None) -> None:
                        url_bytes, html_bytes = url.encode(), (html or "").encode()
                        out.write(_HEADER.pack(seq, len(url_bytes), len(html_bytes)) + url_bytes + html_bytes)
                        if seq == PAGES_DONE:
                            out.flush()  # the parent waits for this one
                    code = work(report)
            except BaseException as error:  # a full disk: one Dutch line; a bug: its traceback
                if (message := dutch_failure(error)) is not None:
                    print(message, file=sys.stderr)
                else:
                    traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        os.close(write_end)
        self.pid = pid
        self._read_end = read_end
        self._thread: threading.Thread | None = None
        self.failure: Exception | None = None  # what went wrong forwarding (Pagefind stopped)
        self.pages_done = False  # the helper said it has no more pages
        self.pages_in = threading.Event()  # set then (its pages are all in the feed), or when it ended

    def forward(self, feed: OrderedFeed) -> None:
        """Pass the helper's reports to `feed`, from a thread of this process."""
        self._thread = threading.Thread(target=self._forward, args=(feed,), name="helper-pages", daemon=True)
        self._thread.start()

    def _forward(self, feed: OrderedFeed) -> None:
        """After a failure keep reading, so that the helper never blocks on a full pipe."""
        with os.fdopen(self._read_end, "rb") as source:
            while header := source.read(_HEADER.size):
                seq, url_size, html_size = _HEADER.unpack(header)
                if seq == PAGES_DONE:
                    self.pages_done = True
                    self.pages_in.set()
                    continue
                url = source.read(url_size).decode()
                html = source.read(html_size).decode()
                if self.failure is None:
                    try:
                        feed.put(seq, url, html or None)
                    except Exception as error:  # raised in the main thread by SplitBuild.finish
                        self.failure = error
        self.pages_in.set()

    def wait(self) -> int:
        """Wait for the helper; its exit code (0: all well)."""
        _, status = os.waitpid(self.pid, 0)
        if self._thread is not None:
            self._thread.join()
        return os.waitstatus_to_exitcode(status)

    def stop(self) -> None:
        """End the helper now (the build failed elsewhere)."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, 15)
        self.wait()
