"""When a service is actually open: hours rules expanded to dated occurrences.

Pure functions of records. Times are local wall-clock times in Europe/Brussels;
``Occurrence.starts_at`` gives the timezone-aware moment. Closure days (public
holidays, Flemish public-service days, the house's own days) win over rules and
are reported as closed occurrences, so a page can say "gesloten: Kerstmis".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from dateutil import rrule as rr

from ..data.schema import WEEKDAYS, Closures, Exception_, Rule, TimeRange

TIMEZONE = ZoneInfo("Europe/Brussels")
RRULE_DAYS = dict(zip(WEEKDAYS, (rr.MO, rr.TU, rr.WE, rr.TH, rr.FR, rr.SA, rr.SU), strict=True))
FLEMISH_DAYS = {(7, 11): "Feestdag van de Vlaamse Gemeenschap", (11, 2): "Allerzielen",
                (11, 15): "Koningsdag"}

ClosureInput = Closures | Mapping[dt.date, str] | None


@dataclass(frozen=True, order=True)
class Occurrence:
    """One dated opening (or, with ``closed``, a rule day that does not take place)."""

    date: dt.date
    opens: dt.time | None = None
    closes: dt.time | None = None
    label: str | None = None
    closed: bool = False
    note: str | None = None  # closure name, or the note of an exception

    @property
    def starts_at(self) -> dt.datetime | None:
        """The opening moment, timezone-aware (Europe/Brussels)."""
        return dt.datetime.combine(self.date, self.opens, TIMEZONE) if self.opens else None

    @property
    def ends_at(self) -> dt.datetime | None:
        """The closing moment, timezone-aware (Europe/Brussels)."""
        return dt.datetime.combine(self.date, self.closes, TIMEZONE) if self.closes else None


def public_holidays(years: Iterable[int]) -> dict[dt.date, str]:
    """Belgian public holidays with their Dutch names (a new dict; computed once per set of years)."""
    return dict(_public_holidays(tuple(years)))


@lru_cache(maxsize=64)
def _public_holidays(years: tuple[int, ...]) -> tuple[tuple[dt.date, str], ...]:
    return tuple(holidays.country_holidays("BE", years=list(years), language="nl").items())


def flemish_days(years: Iterable[int]) -> dict[dt.date, str]:
    """The Flemish public-service days off: 11 July, 2 November, 15 November."""
    return {dt.date(year, month, day): name for year in years for (month, day), name in FLEMISH_DAYS.items()}


# closures.yaml says whether the house confirmed its closing days; until it has, every closure
# day says so where it is shown ("Het huis is gesloten (Allerzielen; sluitingsdag niet bevestigd)").
UNCONFIRMED_CLOSURE = "; sluitingsdag niet bevestigd"


def closure_days(closures: ClosureInput, start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """Every closure day between start and end (inclusive), with its name."""
    if closures is None:
        return {}
    if not isinstance(closures, Closures):
        return {day: name for day, name in closures.items() if start <= day <= end}
    years = range(start.year, end.year + 1)
    found: dict[dt.date, str] = {}
    if closures.flemish_public_service_days:
        found.update(flemish_days(years))
    if closures.belgian_public_holidays:
        found.update(public_holidays(years))
    found.update({item.date: item.name for item in closures.days})
    unconfirmed = "" if closures.confirmed else UNCONFIRMED_CLOSURE  # every surface shows the name
    return {day: name + unconfirmed for day, name in sorted(found.items()) if start <= day <= end}


def _pattern(rule: Rule) -> tuple:
    """The fields of a rule that decide on which days it falls (hashable)."""
    return rule.repeat, tuple(rule.days), tuple(rule.weeks or ()), rule.start


def _rrule(pattern: tuple, start: dt.date) -> rr.rrule:
    repeat, weekdays, weeks, rule_start = pattern
    days = [RRULE_DAYS[day] for day in weekdays]
    if repeat == "monthly":
        nth = [day(week) for day in days for week in weeks]
        return rr.rrule(rr.MONTHLY, byweekday=nth, dtstart=_midnight(start))
    if repeat == "every_other_week":
        return rr.rrule(rr.WEEKLY, interval=2, byweekday=days, dtstart=_midnight(rule_start), wkst=rr.MO)
    return rr.rrule(rr.WEEKLY, byweekday=days, dtstart=_midnight(start))


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def rule_dates(rule: Rule, start: dt.date, end: dt.date) -> list[dt.date]:
    """The dates a rule applies to between start and end (inclusive), within its validity."""
    first = max(start, rule.valid_from or start)
    last = min(end, rule.valid_to or end)
    if first > last:
        return []
    return list(_pattern_dates(_pattern(rule), first, last))


@lru_cache(maxsize=4096)
def _pattern_dates(pattern: tuple, first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    """The days of a rule pattern from first to last (inclusive); many rules share a pattern."""
    found = _rrule(pattern, first).between(_midnight(first), _midnight(last), inc=True)
    return tuple(moment.date() for moment in found)


def _timed(day: dt.date, times: list[TimeRange], label: str | None, note: str | None) -> list[Occurrence]:
    return [Occurrence(day, t.opens, t.closes, label, note=note) for t in sorted(times, key=lambda t: t.opens)]


def occurrences(rules: list[Rule] | None, exceptions: list[Exception_], closures: ClosureInput,
                start: dt.date, end: dt.date) -> list[Occurrence]:
    """Dated openings between start and end (inclusive), sorted.

    Unknown hours (None) give nothing. An exception on a date replaces that
    day's times (or closes it); a closure day gives one closed entry per rule day.
    """
    if rules is None:
        return []
    closed = closure_days(closures, start, end)
    changed = {item.date: item for item in exceptions if start <= item.date <= end}
    found: set[Occurrence] = set()
    for rule in rules:
        for day in rule_dates(rule, start, end):
            if day in closed:
                found.add(Occurrence(day, closed=True, note=closed[day]))
            elif day not in changed:
                found.update(_timed(day, rule.times, rule.label, None))
    for day, item in changed.items():
        if day not in closed and not item.closed:
            found.update(_timed(day, item.times or [], None, item.note))
    return sorted(found, key=_sort_key)


def _sort_key(item: Occurrence) -> tuple:
    return (item.date, item.opens or dt.time(), item.closes or dt.time(), item.label or "")


def open_occurrences(items: list[Occurrence]) -> list[Occurrence]:
    """Only the occurrences that take place (no closed entries)."""
    return [item for item in items if not item.closed]


def still_valid(rule: Rule, today: dt.date) -> bool:
    """A rule that has not ended before today (current, or starting later)."""
    return rule.valid_to is None or rule.valid_to >= today


def current_rules(rules: list[Rule], today: dt.date) -> list[Rule]:
    """The rules a page shows: current and coming ones, not those that ended."""
    return [rule for rule in rules if still_valid(rule, today)]


def is_unknown(rules: list[Rule] | None) -> bool:
    """Hours not (yet) confirmed: such a service is never shown as open."""
    return rules is None
