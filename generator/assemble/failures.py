"""Failures a user can cause or meet during a build, in Dutch: bad data, a full disk,
a read-only folder, Pagefind.

MkDocs prints a traceback for any exception that is not its own; for these it
is of no use to the reader. `dutch_failure` says what happened in one line;
the plugin raises it as MkDocs' Abort (one clean message, exit code 1), the
helper process prints it.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.exceptions import Abort, PluginError

from ..data.dataset import Dataset, load_dataset
from ..data.errors import MACHINE_REASONS, DataError
from .indexer import PagefindError

KEPT = "De vorige versie van de site is ongewijzigd gebleven."


def checked_dataset(map_dir: Path) -> Dataset:
    """The checked map; bad data stops the build here, before anything is written."""
    try:
        return load_dataset(map_dir)
    except DataError as error:
        raise PluginError("De gegevens bevatten fouten; de site is niet gebouwd.\n" + error.report()) from None


def dutch_failure(error: BaseException, site: str | None = None) -> str | None:
    """One Dutch line for a failure of the machine or of Pagefind; None for anything else (a bug).

    Names the site folder when known: the file of a failed copy is its source.
    """
    if isinstance(error, PagefindError):
        return f"De zoekindex kon niet gemaakt worden: {error}."
    if isinstance(error, OSError) and error.errno is not None:
        reason = MACHINE_REASONS.get(error.errno, error.strerror or str(error))
        reason += " en bouw opnieuw" if reason.endswith("ruimte vrij") else ""
        where = site or error.filename
        return f"Schrijven van de site{f' in {where}' if where else ''} is mislukt: {reason}."
    return None


def abort_in_dutch(error: BaseException, site: str, kept: bool) -> None:
    """Raise MkDocs' Abort (one clean message, exit 1) for a failure of the machine or of
    Pagefind; return for anything else, which MkDocs reports itself."""
    if (message := dutch_failure(error, site)) is not None:
        raise Abort(message + ("\n" + KEPT if kept else "")) from None


def quiet_english_write_errors() -> None:
    """Install WriteErrorFilter on MkDocs' build logger (once per process)."""
    build_log = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, WriteErrorFilter) for f in build_log.filters):
        build_log.addFilter(WriteErrorFilter())


class WriteErrorFilter(logging.Filter):
    """Drops MkDocs' English "Error building page '…': [Errno 28] …" line (or '…': Pagefind …):
    the Dutch one follows."""

    OS_ERROR = re.compile(r"Error building page '[^']*': (\[Errno \d+\]|Pagefind )")

    def filter(self, record: logging.LogRecord) -> bool:
        return not self.OS_ERROR.match(record.getMessage())
