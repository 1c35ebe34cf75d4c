"""Compiled templates kept between builds in `.cache/sociale-kaart/templates/` beside mkdocs.yml.

Compiling the site's templates and Material's costs each build process about 0.3 s of CPU
(py-spy, 1,000 organisations: 10 % of the parent's samples, 13 % of the helper's, which
forks before any template is loaded), a tenth of a small build's wall time. Jinja keys each
file by the template's name and checks a hash of its source and the Python version's magic,
so an edited template, another Jinja or another Python compiles again. A cache only, like
the QR codes beside it (qr_cache.py): a folder or file that cannot be made, written or
read costs time, never a page and never a traceback (a full disk included).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket

from .qr_cache import FILE as QR_FILE

FOLDER = QR_FILE.parent / "templates"


class QuietBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache (each file written aside and renamed: both build processes may
    write the same template at once), with every file-system failure swallowed."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # an unreadable or damaged file: compile as without a cache
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def compiled_templates(config_dir: Path) -> QuietBytecodeCache | None:
    """The cache for the build of the mkdocs.yml in `config_dir` (None when its folder cannot be made)."""
    folder = config_dir / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return QuietBytecodeCache(str(folder))
