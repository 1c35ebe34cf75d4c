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
"""

from __future__ import annotations

import base64
import json
import subprocess
import threading
from pathlib import Path

from pagefind.service import get_executable


class PagefindError(RuntimeError):
    """The Pagefind binary refused a request or stopped."""


class StreamingIndex:
    """One Pagefind index: `add` each page while building, then `finish`."""

    def __init__(self, output_path: Path) -> None:
        self.output_path = output_path
        binary = get_executable()
        if binary is None:
            raise PagefindError("Pagefind is niet geïnstalleerd (pip install 'pagefind[bin]').")
        self._process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._next_id = 0
        self._replies: dict[int, dict] = {}
        self._errors: list[str] = []
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._read, name="pagefind-replies", daemon=True)
        self._reader.start()
        reply = self._wait(self._send({"type": "NewIndex", "config": None}))
        self._index_id = reply["index_id"]

    def add(self, html: str, url: str) -> None:
        """Hand one built page to Pagefind without waiting for it to be indexed."""
        self._send({"type": "AddFile", "index_id": self._index_id, "url": url,
                    "file_contents": html, "file_path": None})

    def add_directory(self, path: Path) -> None:
        """Index every HTML file under ``path`` (Pagefind reads them itself), and wait for it."""
        self._wait(self._send({"type": "AddDir", "index_id": self._index_id, "path": str(path), "glob": None}))

    def finish(self) -> int:
        """Write the index to output_path once every page is in, stop the binary; pages indexed.

        Pagefind reads every page it is given; pages without data-pagefind-body
        are not indexed, so count the fragments it wrote.
        """
        try:
            self._wait(self._send({"type": "WriteFiles", "index_id": self._index_id,
                                   "output_path": str(self.output_path)}))
            with self._arrived:
                if self._errors:  # a page Pagefind could not read
                    raise PagefindError("Pagefind: " + "; ".join(self._errors))
        finally:
            self.close()
        return sum(1 for _ in (self.output_path / "fragment").iterdir())

    def close(self) -> None:
        """Stop the binary (also after a failed build).

        Closing its input lets Pagefind finish writing and exit by itself; a
        signal right after the WriteFiles reply could cut files it still writes.
        """
        if self._process.poll() is None:
            self._process.stdin.close()
            try:
                self._process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self._process.terminate()
        self._process.wait()
        self._reader.join()

    # ------------------------------------------------------------------ protocol

    def _send(self, payload: dict) -> int:
        self._next_id += 1
        message = {"message_id": self._next_id, "payload": payload}
        try:
            self._process.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
        except BrokenPipeError:
            raise PagefindError("Pagefind is onverwacht gestopt.") from None
        return self._next_id

    def _wait(self, message_id: int) -> dict:
        self._process.stdin.flush()
        with self._arrived:
            while message_id not in self._replies:
                if not self._reader.is_alive():
                    raise PagefindError("Pagefind is onverwacht gestopt.")
                self._arrived.wait(timeout=1)
            payload = self._replies.pop(message_id)
        if payload["type"] == "Error":
            raise PagefindError(f"Pagefind: {payload.get('message')}")
        return payload

    def _read(self) -> None:
        """Reader thread: decode replies; keep the ones someone waits for and every error."""
        buffer = b""
        stream = self._process.stdout
        while chunk := stream.read1(1 << 16):
            *messages, buffer = (buffer + chunk).split(b",")
            with self._arrived:
                for raw in messages:
                    reply = json.loads(base64.b64decode(raw))
                    payload = reply["payload"]
                    if payload["type"] == "Error":
                        self._errors.append(str(payload.get("message")))
                    if payload["type"] != "IndexedFile":  # NewIndex, WriteFiles, errors
                        self._replies[reply.get("message_id")] = payload
                self._arrived.notify_all()
        with self._arrived:
            self._arrived.notify_all()
