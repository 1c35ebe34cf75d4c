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
from ..parallel import read_in_two
from ..resources import BROWSER_CODE, MissingResource, browser_code
from ..when.clock import ClockError, checked_epoch
from .indexer import PagefindError

KEPT = "De vorige versie van de site is ongewijzigd gebleven."


def checked_dataset(map_dir: Path) -> Dataset:
    """The checked map; bad data stops the build here, before anything is written."""
    try:
        return load_dataset(map_dir, read_in_two)
    except DataError as error:
        raise PluginError("De gegevens bevatten fouten; de site is niet gebouwd.\n" + error.report()) from None


def checked_clock() -> None:
    """A SOURCE_DATE_EPOCH that is no build time stops the build before anything runs
    (MkDocs itself would only trip over it when writing the sitemap, at the very end)."""
    try:
        checked_epoch()
    except ClockError as error:
        raise Abort(f"{error}\nDe site is niet gebouwd.") from None


def check_browser_code() -> None:
    """The browser code from npm is there (node_modules/ or the wheel's copy), before anything is built."""
    try:
        for package in BROWSER_CODE:
            browser_code(package)
    except MissingResource as error:
        raise PluginError(f"De site is niet gebouwd: {error}.") from None


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


# MkDocs' warnings that an editor can cause (a page removed, a link or anchor mistyped), in Dutch.
DUTCH_WARNINGS = [
    (re.compile(r"A reference to '(.*)' is included in the 'nav' configuration, which is not found in the "
                r"documentation files\."),
     "mkdocs.yml noemt onder nav de pagina '{0}', maar die bestaat niet in docs/; "
     "voeg de pagina toe of haal de regel uit nav"),
    (re.compile(r"The following pages exist in the docs directory, but are not included in the \"nav\" "
                r"configuration:\n  - (.*)", re.S),
     "deze pagina's staan in docs/ maar niet onder nav in mkdocs.yml; voeg ze toe onder 'Over': {0}"),
    (re.compile(r"Doc file '(.*)' contains a link '(.*)', but the target(?: '.*')? is not found among "
                r"documentation files\.(.*)", re.S),
     "docs/{0} linkt naar '{1}', maar die pagina bestaat niet; verbeter de link{2}"),
    (re.compile(r"Doc file '(.*)' contains a link '(.*)', but (?:the doc '.*' does not contain an anchor '(.*)'|"
                r"there is no such anchor on this page)\.(.*)", re.S),
     "docs/{0} linkt naar '{1}', maar dat stuk van de pagina bestaat niet; verbeter de link{3}"),
    (re.compile(r"Doc file '(.*)' contains an absolute link '(.*)', it was left as is\.(.*)", re.S),
     "docs/{0} linkt naar '{1}' vanaf de wortel van de site; schrijf een link naar het .md-bestand, "
     "bv. '../redactie.md'"),
    (re.compile(r"Doc file '(.*)' contains an unrecognized relative link '(.*)', it was left as is\.(.*)", re.S),
     "docs/{0} bevat de link '{1}', die naar geen pagina wijst; link naar een .md-bestand"),
]


class DutchWarnings(logging.Filter):
    """Says MkDocs' warnings about nav and links in Dutch (the English line is of no use to an editor)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            message = record.getMessage()
            for pattern, dutch in DUTCH_WARNINGS:
                if match := pattern.fullmatch(message):
                    groups = [group or "" for group in match.groups()]
                    groups = [dutch_hint(group) if "Did you mean" in group else group for group in groups]
                    record.msg, record.args = dutch.format(*groups), ()
                    break
        return True


def dutch_hint(text: str) -> str:
    """MkDocs' " Did you mean 'x'?" as ' (bedoelde u 'x'?)'."""
    found = re.search(r"Did you mean '(.*)'\?", text)
    return f" (bedoelde u '{found.group(1)}'?)" if found else ""


def warnings_in_dutch() -> None:
    """Install DutchWarnings on MkDocs' handlers (once per process): every warning passes them."""
    for handler in logging.getLogger("mkdocs").handlers:
        if not any(isinstance(f, DutchWarnings) for f in handler.filters):
            handler.addFilter(DutchWarnings())
