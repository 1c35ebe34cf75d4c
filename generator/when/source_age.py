"""How old the sources of a record are, and whether a person confirmed it lately.

A record (an organisation, a building) says only what its sources say, and the
site says how old they are. Its facts count as current while its newest dated
source is younger than ``source_max_age_years`` (map/site.yaml, default 3); past
that, every surface that states them (organisation page, week and agenda pages,
the handout, the calendar feeds) adds "volgens een bron uit 2017; nog niet
opnieuw bevestigd". A source has no link to single facts (``supports`` is free
text), so the age is the record's: its newest source, whatever it supports.

A record is *confirmed* only when a person confirmed it (a ``confirmed_by``
source) within the age; its ``assured_date`` (when the editors last went over
it) is not a confirmation. Never imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..data.dataset import Dataset, DatasetMemo
from ..data.schema import Source
from .clock import build_date
from .freshness import months_before

_MEMO = DatasetMemo()


@dataclass(frozen=True)
class SourceAge:
    """The newest day a record's sources speak for, and what that means today."""

    newest: dt.date | None  # None: no source has a date
    newest_year: int | None
    current: bool
    confirmed: dt.date | None  # the newest confirmation within the age

    @property
    def caveat(self) -> str:
        """'' for a current record; else what the site adds to every fact of it."""
        if self.current:
            return ""
        origin = f"een bron uit {self.newest_year}" if self.newest_year else "een bron zonder datum"
        return f"volgens {origin}; nog niet opnieuw bevestigd"


def oldest_current_day(today: dt.date, max_years: int) -> dt.date:
    """The first day a source may speak for and still count as current."""
    return months_before(today, 12 * max_years)


def source_age(sources: Iterable[Source], today: dt.date, max_years: int) -> SourceAge:
    """The age of a list of sources; a year counts as its last day (the most favourable reading)."""
    sources = list(sources)
    dated = [source for source in sources if source.day is not None]
    newest = max(dated, key=lambda source: source.day, default=None)
    limit = oldest_current_day(today, max_years)
    confirmed = [s.day for s in sources if s.confirmed_by and s.day and s.day >= limit]
    year = newest.day.year if newest else None
    return SourceAge(newest.day if newest else None, year, bool(newest and newest.day >= limit),
                     max(confirmed, default=None))


def record_age(data: Dataset, record, today: dt.date | None = None) -> SourceAge:
    """The age of an organisation's or building's sources on ``today`` (the build date), worked out once."""
    key = ("source_age", type(record).__name__, record.id, today)
    return _MEMO.get(data, key, lambda: source_age(record.sources, today or build_date(),
                                                   data.site.source_max_age_years))


def caveats() -> Callable[[object, int], str]:
    """``caveat(record, max_years)`` for the templates: the record's caveat on the build date, worked out
    once per record. Fragments (week and agenda lines) see no dataset, so the age limit is passed in."""
    found: dict[tuple[int, int], tuple[object, str]] = {}

    def caveat(record, max_years: int) -> str:
        key = (id(record), max_years)
        if key not in found:  # the record is kept with its text, so its id is not reused
            found[key] = (record, source_age(record.sources, build_date(), max_years).caveat)
        return found[key][1]
    return caveat
