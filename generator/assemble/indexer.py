"""Pagefind fed page by page while MkDocs builds, so indexing runs beside page rendering.

MkDocs renders pages on one core; the Pagefind binary (pinned pagefind[bin]
1.5.2, run as `pagefind --service`, the mode its Python and Node wrappers use)
parses and indexes each page as soon as it is handed over, on the other core.
At the end only the index files are written.

Why not the wrapper (`pagefind.index.PagefindIndex`): it is asyncio-only and
sleeps 0.1 s before reading each reply, so one call per page costs ~0.1 s, and
driving it from a thread beside MkDocs costs the main thread a GIL hand-over per
page. Here the main thread writes requests straight into the binary's stdin and
a small reader thread collects replies. The messages are the wrapper's own: a
base64-encoded JSON object per message, followed by a comma, both ways.

Pagefind is a component that can fail: missing, stopping, hanging, writing
nothing. Every one of those ends in a PagefindError with a Dutch message, never
in a hang: requests are written without blocking (the binary may stop reading)
and every wait has a time limit, scaled to the number of pages where the work
is. The index counts as written only once the binary has exited by itself.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import fcntl
import json
import os
import select
import subprocess
import tempfile
import threading
import time
from pathlib import Path, PurePosixPath

from pagefind.service import get_executable

# Seconds Pagefind may take to answer one request or to read more input;
# SOCIALE_KAART_PAGEFIND_SECONDS changes it (the tests of a hanging Pagefind use 2).
ANSWER_SECONDS = 60.0
# Writing the index (and indexing a folder) takes longer for more pages: this much more
# per page (10,000 pages: 60 + 100 s; Pagefind itself needs a few seconds for them).
SECONDS_PER_PAGE = 0.01
PIPE_BYTES = 1 << 20  # Linux's default limit for a pipe (/proc/sys/fs/pipe-max-size)
STOPPED = "Pagefind is onverwacht gestopt"


class PagefindError(RuntimeError):
    """Pagefind is missing, stopped, stopped answering or wrote no index (a Dutch message)."""


def answer_seconds() -> float:
    return float(os.environ.get("SOCIALE_KAART_PAGEFIND_SECONDS", ANSWER_SECONDS))


def work_seconds(pages: int) -> float:
    """The time limit of a request whose work grows with the number of pages."""
    return answer_seconds() + SECONDS_PER_PAGE * pages


class StreamingIndex:
    """One Pagefind index: `add` each page while building, then `finish`."""

    def __init__(self, output_path: Path) -> None:
        self.output_path = output_path
        self.pages = 0
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (Pagefind's stderr, closed in close())
        try:
            self._process = _start_pagefind(self._log)
        except BaseException:
            self._log.close()
            raise
        self._stdin = self._process.stdin.fileno()
        _widen_pipe(self._stdin)
        os.set_blocking(self._stdin, False)  # a Pagefind that stops reading must not block the build
        self._next_id = 0
        self._replies: dict[int, dict] = {}
        self._errors: list[str] = []
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._read, name="pagefind-replies", daemon=True)
        self._reader.start()
        try:
            reply = self._wait(self._send({"type": "NewIndex", "config": None}), answer_seconds())
        except BaseException:
            self.close()
            raise
        self._index_id = reply["index_id"]
        self._files_asked: int | None = None  # the GetFiles message, once sent

    def add(self, html: str, url: str) -> None:
        """Hand one built page to Pagefind without waiting for it to be indexed."""
        self.pages += 1
        self._send({"type": "AddFile", "index_id": self._index_id, "url": url,
                    "file_contents": html, "file_path": None})

    def add_directory(self, path: Path) -> None:
        """Index every HTML file under ``path`` (Pagefind reads them itself), and wait for it."""
        self.pages += sum(1 for _ in path.rglob("*.html"))
        self._wait(self._send({"type": "AddDir", "index_id": self._index_id, "path": str(path), "glob": None}),
                   work_seconds(self.pages))

    def finish(self) -> int:
        """Write the index to output_path once every page is in; the number of pages indexed.

        Pagefind hands the index files over (GetFiles) and this process writes them:
        with WriteFiles, Pagefind 1.5.2 answers before its last writes reach the disk
        and exits as soon as its input closes, so a file could be cut short
        (pagefind-component-ui.js at 128 KiB of 171, seen here; fixed upstream after
        1.5.2, Pagefind pull request #1272). Pages without data-pagefind-body are not
        indexed, so count the fragments.
        """
        limit = work_seconds(self.pages)
        try:
            self.ask_for_files()
            reply = self._wait(self._files_asked, limit)
            with self._arrived:
                if self._errors:  # a page Pagefind could not read
                    raise PagefindError("Pagefind kon niet alles lezen: " + "; ".join(self._errors))
            self._await_exit(limit)
        finally:
            self.close()
        _write_index(self.output_path, reply.get("files") or [])
        return _written_pages(self.output_path)

    def ask_for_files(self) -> None:
        """Let Pagefind start working out the index (every page is in); `finish` waits for it."""
        if self._files_asked is None:
            self._files_asked = self._send({"type": "GetFiles", "index_id": self._index_id})

    def close(self) -> None:
        """Stop the binary (also after a failed build), without waiting long."""
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
        self._process.wait()
        self._reader.join()
        self._log.close()

    def _await_exit(self, limit: float) -> None:
        """Closing its input lets Pagefind exit by itself; its exit code says whether all went well."""
        self._process.stdin.close()
        try:
            code = self._process.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            self._process.kill()
            raise PagefindError(f"Pagefind stopt niet na het schrijven van de zoekindex (na {limit:.0f} s); "
                                "de zoekindex is misschien onvolledig") from None
        if code != 0:
            raise PagefindError(f"Pagefind is gestopt met foutcode {code}{self._said()}")

    # ------------------------------------------------------------------ protocol

    def _send(self, payload: dict) -> int:
        self._next_id += 1
        message = {"message_id": self._next_id, "payload": payload}
        self._write(base64.b64encode(json.dumps(message).encode()) + b",")
        return self._next_id

    def _write(self, data: bytes) -> None:
        """Write all of ``data``, waiting at most answer_seconds() each time the pipe is full."""
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(self._stdin, view):]
            except BlockingIOError:
                if not select.select([], [self._stdin], [], answer_seconds())[1]:
                    self._hung(answer_seconds())
            except OSError:  # a broken pipe: Pagefind has stopped
                self._process.wait()
                raise PagefindError(STOPPED + self._said()) from None

    def _wait(self, message_id: int, limit: float) -> dict:
        deadline = time.monotonic() + limit
        with self._arrived:
            while message_id not in self._replies:
                if not self._reader.is_alive():
                    raise PagefindError(STOPPED + self._said())
                if time.monotonic() > deadline:
                    self._hung(limit)
                self._arrived.wait(timeout=min(1.0, limit))
            payload = self._replies.pop(message_id)
        if payload["type"] == "Error":
            raise PagefindError(f"Pagefind meldt een fout: {payload.get('message')}")
        return payload

    def _hung(self, limit: float) -> None:
        self._process.kill()
        raise PagefindError(f"Pagefind antwoordt niet meer (na {limit:.0f} s gewacht); het is gestopt")

    def _said(self) -> str:
        """The last line Pagefind wrote on stderr, to add to a message."""
        if self._log.closed:
            return ""
        self._log.seek(0)
        lines = self._log.read().decode(errors="replace").strip().splitlines()
        return f" (Pagefind: {lines[-1][:300]})" if lines else ""

    def _read(self) -> None:
        """Reader thread: decode replies; keep the ones someone waits for and every error."""
        buffer = b""
        stream = self._process.stdout
        while chunk := stream.read1(1 << 16):
            *messages, buffer = (buffer + chunk).split(b",")
            with self._arrived:
                try:
                    for raw in messages:
                        self._keep(json.loads(base64.b64decode(raw)))
                except (ValueError, binascii.Error, KeyError, TypeError):
                    self._process.kill()  # not Pagefind's protocol: the waiting side reports it
                    break
                finally:
                    self._arrived.notify_all()
        with self._arrived:
            self._arrived.notify_all()

    def _keep(self, reply: dict) -> None:
        payload = reply["payload"]
        if payload["type"] == "Error":
            self._errors.append(str(payload.get("message")))
        if payload["type"] != "IndexedFile":  # NewIndex, GetFiles, errors
            self._replies[reply.get("message_id")] = payload


def _widen_pipe(fd: int) -> None:
    """Room for about 60 pages in the pipe to Pagefind (Linux; 64 KiB, four pages, otherwise):
    the build goes on while Pagefind catches up, instead of waiting for it page by page."""
    with contextlib.suppress(AttributeError, OSError):  # no F_SETPIPE_SZ, or above the system's limit
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _start_pagefind(log) -> subprocess.Popen:
    """`pagefind --service`, its stderr going to the file ``log``."""
    binary = get_executable()
    if binary is None:
        raise PagefindError("Pagefind is niet geïnstalleerd (pip install 'pagefind[bin]')")
    try:
        return subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=log)
    except OSError as error:
        raise PagefindError(f"Pagefind kan niet starten: {binary}: {error.strerror}") from None


def _write_index(output_path: Path, files: list[dict]) -> None:
    """The index files Pagefind handed over, each written whole under output_path."""
    folders: set[Path] = set()
    for file in files:
        relative = PurePosixPath(file["path"])
        if relative.is_absolute() or ".." in relative.parts:
            raise PagefindError(f"Pagefind gaf een bestand buiten de zoekindex: {file['path']}")
        target = output_path.joinpath(*relative.parts)
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_bytes(base64.b64decode(file["content"]))


def _written_pages(output_path: Path) -> int:
    """The pages in the written index; an error if Pagefind wrote none of it."""
    fragments = output_path / "fragment"
    if not (output_path / "pagefind-entry.json").is_file() or not fragments.is_dir():
        raise PagefindError("Pagefind heeft geen zoekindex geschreven (de map pagefind/ ontbreekt of is onvolledig)")
    return sum(1 for _ in fragments.iterdir())


# Pagefind holds about 100 KiB per page while it writes an index (1 GiB for the 10,000
# pages of the benchmark, more than the rest of the build together; issue 24). So a large
# site's index is written in parts of at most this many pages, one Pagefind after the
# other, and the search page merges them (Pagefind's mergeIndex, docs/assets/zoeken.js).
# SOCIALE_KAART_SEARCH_PART_PAGES changes it (the tests use parts on the small demo).
PART_PAGES = 4000
PARTS_FILE = "sk-delen.json"  # in pagefind/: the folders of the other parts, relative to it


def part_pages() -> int:
    return int(os.environ.get("SOCIALE_KAART_SEARCH_PART_PAGES", PART_PAGES))


class PartedIndex:
    """A StreamingIndex in parts: pagefind/ holds the first part_pages() pages, pagefind/deel-2/
    the next, and so on, each fed to its own Pagefind while the build goes on. At the end the
    parts are written one after the other, once the build's helper process has ended: only one
    Pagefind at a time holds a whole part's index in memory (the others wait with their pages,
    about a sixth of that). pagefind/sk-delen.json lists the other parts (empty: one part)."""

    def __init__(self, output_path: Path) -> None:
        self.output_path = output_path
        self._limit = part_pages()
        self._parts: list[StreamingIndex] = [StreamingIndex(output_path)]

    def add(self, html: str, url: str) -> None:
        """Hand one page to the current part, or to a new part once the current one is full."""
        if self._parts[-1].pages >= self._limit:
            self._parts.append(StreamingIndex(self.output_path / f"deel-{len(self._parts) + 1}"))
        self._parts[-1].add(html, url)

    def ask_for_files(self) -> None:
        """The first part starts working out its index; the others follow one by one in `finish`."""
        self._parts[0].ask_for_files()

    def finish(self) -> int:
        """Write every part, one after the other, and the list of parts; the number of pages indexed."""
        written = 0
        try:
            for part in self._parts:
                written += part.finish()
        finally:
            self.close()
        parts = [f"deel-{number}/" for number in range(2, len(self._parts) + 1)]
        (self.output_path / PARTS_FILE).write_text(json.dumps({"delen": parts}), encoding="utf-8")
        return written

    def close(self) -> None:
        """Stop every Pagefind still running (after a failed build)."""
        for part in self._parts:
            part.close()
