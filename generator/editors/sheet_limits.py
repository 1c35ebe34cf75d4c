"""What a file to import may not be, whatever is in it (the twin of data/limits.py for map files).

A list of services is a few hundred rows of some twenty columns. A spreadsheet can
be much more: one stray cell at XFD1048576 makes a 5 KB .xlsx a rectangle of 17
billion cells, a 1.5 MB zip bomb unpacks to gigabytes, a FIFO or /dev/zero never
ends. These limits refuse all of that before it is read, with a Dutch line that
says which limit and what to do; the limits are far above any real list.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from openpyxl.utils import get_column_letter

MAX_FILE_BYTES = 20_000_000  # the file itself (a list of 2,000 services as .xlsx is about 300 KB)
MAX_UNPACKED_BYTES = 100_000_000  # all parts of an .xlsx or .ods archive, unpacked
MAX_ROWS = 10_000
MAX_COLUMNS = 100  # the template has 25
MAX_CELLS = 500_000
MAX_MERGES = 1_000  # each merged range is a problem anyway


class SheetError(Exception):
    """The file cannot be read as a spreadsheet (in Dutch, for the editor)."""


class LimitError(SheetError):
    """The file is over a limit; the message says which and what to do (in Dutch)."""


def regular_file(path: Path, shown_as: str, max_bytes: int = MAX_FILE_BYTES) -> int:
    """The size of ``path``, which must be a regular file: a FIFO, a device (/dev/zero) or a
    socket could be read forever, so it is refused without being opened."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise LimitError(f"{shown_as}: kan het bestand niet openen ({error.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise LimitError(f"{shown_as}: is geen gewoon bestand (maar bv. een apparaat of een pijp); "
                         "geef een bestand dat op de schijf staat")
    if info.st_size > max_bytes:
        raise LimitError(f"{shown_as}: het bestand is groter dan {max_bytes // 1_000_000} MB; "
                         "een lijst van diensten is nooit zo groot (staat er iets anders in?)")
    return info.st_size


def bounded_bytes(path: Path, shown_as: str) -> bytes:
    """The bytes of a regular file within the size limit (read no further than the limit,
    should the file grow while it is read)."""
    regular_file(path, shown_as)
    with open(path, "rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise LimitError(f"{shown_as}: het bestand is groter dan {MAX_FILE_BYTES // 1_000_000} MB")
    return raw


def check_archive(path: Path, shown_as: str) -> None:
    """An .xlsx or .ods is a zip archive: refuse one that unpacks to more than the limit."""
    regular_file(path, shown_as)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the reader says it cannot read the file
    if unpacked > MAX_UNPACKED_BYTES:
        raise LimitError(f"{shown_as}: het rekenblad is uitgepakt groter dan {MAX_UNPACKED_BYTES // 1_000_000} MB "
                         f"({unpacked // 1_000_000} MB); een lijst van diensten is nooit zo groot. "
                         "Kopieer alleen de lijst naar een nieuw rekenblad")


def check_size(rows: int, columns: int, shown_as: str) -> None:
    """The used area of a sheet (including cells that only have a format) within the limits."""
    if rows <= MAX_ROWS and columns <= MAX_COLUMNS and rows * columns <= MAX_CELLS:
        return
    far = f"{get_column_letter(max(1, min(columns, 16384)))}{rows}"
    raise LimitError(f"{shown_as}: het blad loopt tot cel {far} ({rows} rijen, {columns} kolommen); "
                     f"een lijst mag hoogstens {MAX_ROWS} rijen en {MAX_COLUMNS} kolommen hebben. "
                     "Verwijder de rijen en kolommen buiten de lijst (ook lege cellen met opmaak), "
                     "of kopieer alleen de lijst naar een nieuw blad")


def check_merges(count: int, shown_as: str) -> None:
    if count > MAX_MERGES:
        raise LimitError(f"{shown_as}: het blad heeft {count} samengevoegde cellen; maak ze los "
                         "en vul de waarde in elke rij in")
