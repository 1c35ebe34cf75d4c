"""The date the site is built for, the one clock every stage reads."""

from __future__ import annotations

import datetime as dt
import os


def build_date() -> dt.date:
    """The date the site is built for: SOURCE_DATE_EPOCH when set, so builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
