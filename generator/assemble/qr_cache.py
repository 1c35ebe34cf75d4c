"""QR codes kept between builds in one file, `.cache/sociale-kaart/qr-codes.sqlite` beside mkdocs.yml.

Drawing a code takes about 0.55 ms (site/qr.py), 8 s of CPU for the 14,380
services of 10,000 organisations, and the addresses hardly change between
builds. The file is a cache only: deleting it, or a file that cannot be read or
written, costs time, never a page (every code is then drawn as before, the same
bytes). Codes made with another zxing-cpp or another drawing are not used.
SQLite, because both build processes add the codes they drew (each opens its
own connection; it waits for the other's write).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from markupsafe import Markup

from ..site import qr

FILE = Path(".cache") / "sociale-kaart" / "qr-codes.sqlite"


def cache_file(config_dir: Path) -> Path:
    return config_dir / FILE


def load_codes(path: Path) -> None:
    """The codes of earlier builds, made the way this build makes them, into site/qr.py's DRAWN."""
    if not path.is_file():
        return
    with contextlib.suppress(sqlite3.Error), contextlib.closing(sqlite3.connect(path, timeout=30)) as db:
        rows = db.execute("SELECT text, svg FROM codes WHERE drawing = ?", (qr.DRAWING,))
        qr.DRAWN.update((text, Markup(svg)) for text, svg in rows)


def save_codes(path: Path) -> None:
    """Keep the codes this process drew (nothing when it drew none); a failure only costs time."""
    fresh = [(text, qr.DRAWING, str(qr.DRAWN[text])) for text in qr.FRESH]
    qr.FRESH.clear()
    if not fresh:
        return
    with contextlib.suppress(sqlite3.Error, OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.closing(sqlite3.connect(path, timeout=30)) as db, db:
            db.execute("CREATE TABLE IF NOT EXISTS codes (text TEXT, drawing TEXT, svg TEXT, "
                       "PRIMARY KEY (text, drawing))")
            db.execute("DELETE FROM codes WHERE drawing != ?", (qr.DRAWING,))
            db.executemany("INSERT OR IGNORE INTO codes VALUES (?, ?, ?)", fresh)


def forget_codes() -> None:
    """Let go of the codes in memory (the pages are drawn)."""
    qr.DRAWN.clear()
    qr.FRESH.clear()
