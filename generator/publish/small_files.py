"""Many small files into one folder: the service exports, the calendars, the verification sheets.

At 10,000 organisations the build writes some 36,000 of them. Through pathlib each costs a
path join, a stat-free but generic open and a text layer; here each is three system calls
(open relative to the folder, write, close) on bytes, and the folder is made and opened once.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


class SmallFiles:
    """`with SmallFiles(folder) as files: files.write("a.json", b"...")`; the folder is made if needed."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.dir_fd = os.open(folder, _FOLDER)

    def __enter__(self) -> SmallFiles:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        os.close(self.dir_fd)

    def write(self, name: str, content: bytes) -> None:
        """Write (or replace) the file `name` in the folder."""
        fd = os.open(name, _NEW_FILE, 0o666, dir_fd=self.dir_fd)
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
