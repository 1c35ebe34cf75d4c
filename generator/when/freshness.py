"""Which records have not been checked for a while (assured_date too old).

Used by `sociale-kaart stale` and by the build, which mentions stale records.
Never imports MkDocs.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from dataclasses import dataclass

from ..data.dataset import Dataset
from ..when.clock import build_date

DEFAULT_AGE = "12m"
AGE = re.compile(r"^\s*(\d+)\s*([md])\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class StaleRecord:
    """One record whose assured_date lies before the cut-off date."""

    assured_date: dt.date
    path: str
    name: str


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the last day of the month when it does not exist)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def cutoff(age: str, today: dt.date) -> dt.date:
    """The cut-off date for an age like '12m' (months) or '90d' (days); ValueError otherwise."""
    match = AGE.match(age)
    if not match:
        raise ValueError(f"'{age}' is geen geldige leeftijd; schrijf bv. 12m (maanden) of 90d (dagen)")
    count, unit = int(match.group(1)), match.group(2).lower()
    return months_before(today, count) if unit == "m" else today - dt.timedelta(days=count)


def age_text(age: str) -> str:
    """'12m' → '12 maanden', '1d' → '1 dag'."""
    match = AGE.match(age)
    count, unit = int(match.group(1)), match.group(2).lower()
    words = ("maand", "maanden") if unit == "m" else ("dag", "dagen")
    return f"{count} {words[count != 1]}"


def stale_records(data: Dataset, before: dt.date) -> list[StaleRecord]:
    """Organisations, locations and the mentoring material checked before ``before``, oldest first."""
    records = [*data.organisations.values(), *data.locations.values()]
    if data.mentoring is not None:
        records.append(data.mentoring)
    found = [StaleRecord(r.assured_date, data.source_path(r), getattr(r, "name", None) or r.title)
             for r in records if r.assured_date < before]
    return sorted(found)


def log_stale(data: Dataset, log: logging.Logger, age: str = DEFAULT_AGE) -> list[StaleRecord]:
    """Mention stale records in the build output, as info.

    Info and not a warning: `mkdocs build --strict` fails on warnings, and data
    growing old must not stop the site from being published (that would keep
    corrections offline too).
    """
    stale = stale_records(data, cutoff(age, build_date()))
    if stale:
        log.info("Let op: %d record(s) zijn langer dan %s niet gecontroleerd (assured_date). "
                 "Bekijk ze met: sociale-kaart stale %s", len(stale), age_text(age), data.site.map_path)
        for record in stale:
            log.info("  %s: %s (laatst gecontroleerd op %s)", record.path, record.name, record.assured_date)
    return stale
