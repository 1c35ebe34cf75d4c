"""The date the site is built for, the one clock every stage reads."""

from __future__ import annotations

import datetime as dt
import os
import re

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
# MkDocs writes the build time into sitemap.xml.gz, whose header holds it in 32 bits.
LATEST_EPOCH = 2**32 - 1


class ClockError(Exception):
    """SOURCE_DATE_EPOCH holds something that is not a build time; the message is Dutch."""


def build_date() -> dt.date:
    """The date the site is built for: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = checked_epoch()
    if epoch is None:
        return dt.date.today()
    return dt.datetime.fromtimestamp(epoch, dt.UTC).date()


def checked_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as seconds, None when unset; ClockError for anything else.

    The build calls this before it starts: MkDocs reads the same variable with int()
    and would crash on it at the very end, after the whole site was built.
    """
    raw = os.environ.get(EPOCH_VARIABLE)
    if raw is None:
        return None
    if not re.fullmatch(r"[0-9]{1,10}", raw) or int(raw) > LATEST_EPOCH:
        shown = repr(raw) if raw.isprintable() else ascii(raw)
        raise ClockError(f"{EPOCH_VARIABLE} is {shown}: dat is geen bouwtijd. Geef een geheel aantal seconden "
                         f"sinds 1970 (0 tot {LATEST_EPOCH}, bv. 1795392000), of laat de variabele weg.")
    return int(raw)
