"""Dated agenda of a whole map: who is in the house on which date, next dates, today data.

Builds on ``schedule`` (pure rule expansion) with the dataset's closures:
the house's own closure list applies to the house building; elsewhere only
the Belgian public holidays are assumed closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from ..data.dataset import Dataset, DatasetMemo
from ..data.schema import Exception_, Organisation, Rule, Service, ServiceAtLocation
from .schedule import Occurrence, closure_days, occurrences, public_holidays

AGENDA_WEEKS = 8
TODAY_DAYS = 366


@dataclass(frozen=True)
class Schedule:
    """The hours of one service in one place (location None: the service's own hours)."""

    organisation: Organisation
    service: Service
    location: str | None
    rules: list[Rule] | None
    exceptions: list[Exception_]

    @property
    def key(self) -> str:
        """A stable id: 'org--service--location'."""
        return f"{self.organisation.id}--{self.service.id}--{self.location or 'dienst'}"


_CLOSURES = DatasetMemo()


def closures_for(data: Dataset, location: str | None, start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """Closure days of a place: the house's list in the house, else public holidays.

    Worked out once per place and period (every place of every service asks); not to be changed.
    """
    return _CLOSURES.get(data, (location, start, end), lambda: _closures_for(data, location, start, end))


def _closures_for(data: Dataset, location: str | None, start: dt.date, end: dt.date) -> dict[dt.date, str]:
    if location == data.site.house_location:
        return closure_days(data.closures, start, end)
    if not data.closures.belgian_public_holidays:
        return {}
    days = public_holidays(range(start.year, end.year + 1))
    return {day: name for day, name in days.items() if start <= day <= end}


def place_of(item: Schedule) -> ServiceAtLocation | None:
    """The service's place (room, floor) behind a schedule in a building; None for its own hours."""
    return next((place for place in item.service.locations if place.location == item.location), None)


def service_schedules(org: Organisation, service: Service) -> Iterator[Schedule]:
    """The schedules of a service: its own hours (when given) and one per place."""
    if service.hours is not None or service.exceptions:
        yield Schedule(org, service, None, service.hours, service.exceptions)
    for place in service.locations:
        yield Schedule(org, service, place.location, place.hours, place.exceptions)


def active_orgs(data: Dataset) -> list[Organisation]:
    """Organisations that have not ended, by id."""
    return [org for _, org in sorted(data.organisations.items()) if org.status != "ended"]


def house_schedules(data: Dataset) -> list[Schedule]:
    """Every schedule in the house building."""
    return [item for org in active_orgs(data) for service in org.services
            for item in service_schedules(org, service) if item.location == data.site.house_location]


def schedule_occurrences(data: Dataset, item: Schedule, start: dt.date, end: dt.date) -> list[Occurrence]:
    """The occurrences of one schedule, with the closures of its place."""
    closures = closures_for(data, item.location, start, end)
    return occurrences(item.rules, item.exceptions, closures, start, end)


@dataclass(frozen=True)
class AgendaDay:
    """One date of the house agenda."""

    date: dt.date
    closed: str | None  # the closure name when the house is closed
    entries: list[tuple[Schedule, Occurrence]]

    @property
    def by_schedule(self) -> list[tuple[Schedule, list[Occurrence]]]:
        """The day's entries with each schedule once ('09:00–12:00 en 13:30–16:00'), by first time."""
        grouped: dict[str, tuple[Schedule, list[Occurrence]]] = {}
        for item, occ in self.entries:
            grouped.setdefault(item.key, (item, []))[1].append(occ)
        return list(grouped.values())


def house_agenda(data: Dataset, start: dt.date, weeks: int = AGENDA_WEEKS) -> list[AgendaDay]:
    """Per date from start, for some weeks: who is in the house, or that it is closed."""
    end = start + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
    closed = closure_days(data.closures, start, end)
    by_day: dict[dt.date, list] = {}
    for item in house_schedules(data):
        for occ in schedule_occurrences(data, item, start, end):
            if not occ.closed:
                by_day.setdefault(occ.date, []).append((item, occ))
    days = sorted(set(by_day) | {day for day in closed if day.weekday() < 5})
    return [AgendaDay(day, closed.get(day), sorted(by_day.get(day, []), key=_entry_key)) for day in days]


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week of a day."""
    return day - dt.timedelta(days=day.weekday())


class HouseWeeks:
    """The house agenda of some weeks from a Monday, computed once for all week pages."""

    def __init__(self, data: Dataset, monday: dt.date, weeks: int = AGENDA_WEEKS) -> None:
        self.data, self.monday, self.weeks = data, monday, weeks

    @property
    def mondays(self) -> list[dt.date]:
        return [self.monday + dt.timedelta(weeks=number) for number in range(self.weeks)]

    @cached_property
    def by_date(self) -> dict[dt.date, AgendaDay]:
        return {day.date: day for day in house_agenda(self.data, self.monday, self.weeks)}

    def week(self, monday: dt.date) -> list[AgendaDay]:
        """Monday to Friday, and Saturday and Sunday when something is on; each date once."""
        days = [monday + dt.timedelta(days=offset) for offset in range(7)]
        found = [self.by_date.get(day) or AgendaDay(day, None, []) for day in days]
        return [day for day in found if day.date.weekday() < 5 or day.entries]


def _entry_key(entry: tuple[Schedule, Occurrence]) -> tuple:
    item, occ = entry
    return (occ.opens, occ.closes, item.organisation.name.casefold(), item.service.id)


NEXT_DATES_LOOKS = (14, 42, TODAY_DAYS)  # days ahead, tried in turn


def next_dates(data: Dataset, item: Schedule, today: dt.date, count: int = 5) -> list[Occurrence]:
    """The next few occurrences (closed ones included, so visitors see why) within a year.

    Occurrences are sorted by date, so those of a shorter period are the start of
    those of the year: look two weeks ahead first (enough for a service open most
    days), then six weeks (once a week), a whole year only if needed.
    """
    for days in NEXT_DATES_LOOKS:
        found = schedule_occurrences(data, item, today, today + dt.timedelta(days=days))
        if len(found) >= count:
            break
    return found[:count]


def has_known_hours(org: Organisation, service: Service) -> bool:
    """Whether an active service has confirmed hours anywhere (it then gets a calendar)."""
    return org.status != "ended" and any(item.rules is not None for item in service_schedules(org, service))


def ics_name(org_id: str, service_id: str) -> str:
    """The calendar file of a service, in site/agenda/."""
    return f"{org_id}--{service_id}.ics"
