"""Dated agenda of a whole map: who is in the house on which date, next dates, today data.

Builds on ``schedule`` (pure rule expansion) with the dataset's closures:
the house's own closure list applies to the house building; elsewhere only
the Belgian public holidays are assumed closed.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from ..data.dataset import Dataset, DatasetMemo, no_cycle_collection
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

    @cached_property
    def key(self) -> str:
        """A stable id: 'org--service--location' (kept: it is also the schedule's hash)."""
        return f"{self.organisation.id}--{self.service.id}--{self.location or 'dienst'}"

    def __hash__(self) -> int:
        """By its key (the records' lists cannot be hashed): a schedule can key a cache of its lines."""
        return hash(self.key)


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


def closure_place(data: Dataset, item: Schedule) -> str | None:
    """Whose closing days a schedule follows: its building's; the house organisation's own hours
    without a building (the phone line) follow the house's, so that one set of closing days is
    applied to everything the house itself offers."""
    if item.location is None and data.site.house_organisation in (item.organisation.id,
                                                                  item.organisation.parent_organisation):
        return data.site.house_location
    return item.location


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
    closures = closures_for(data, closure_place(data, item), start, end)
    return occurrences(item.rules, item.exceptions, closures, start, end)


class Line(NamedTuple):
    """A schedule's entries on one date, without the date: the same line recurs on other dates,
    so a page draws it once (it is a cheap, hashable key)."""

    schedule: Schedule
    spans: tuple[tuple[dt.time, dt.time], ...]  # ('09:00–12:00 en 13:30–16:00')
    notes: tuple[str, ...]  # each once, as Jinja's `unique` would (case-insensitive)


# One entry of a date: (schedule, opens, closes, note). No date: the same entry on another date
# is equal, so a page draws it once; and no Occurrence kept, so an agenda of 150,000 entries
# is a third of the objects for Python's cycle collector to walk for the rest of the build.
Entry = tuple[Schedule, dt.time, dt.time, "str | None"]


@dataclass(frozen=True)
class AgendaDay:
    """One date of the house agenda."""

    date: dt.date
    closed: str | None  # the closure name when the house is closed
    entries: list[Entry]  # by time, then organisation name and service

    @property
    def lines(self) -> list[Line]:
        """The day's entries with each schedule once, by first time."""
        grouped: dict[str, tuple[Schedule, list[Entry]]] = {}
        for entry in self.entries:
            grouped.setdefault(entry[0].key, (entry[0], []))[1].append(entry)
        return [Line(item, tuple([(opens, closes) for _, opens, closes, _ in entries]), _distinct_notes(entries))
                for item, entries in grouped.values()]


def _distinct_notes(entries: list[Entry]) -> tuple[str, ...]:
    """The notes of some entries, each once (the first spelling of notes that differ only in case)."""
    seen: dict[str, str] = {}
    for *_, note in entries:
        if note:
            seen.setdefault(note.lower(), note)
    return tuple(seen.values())


def house_agenda(data: Dataset, start: dt.date, weeks: int = AGENDA_WEEKS) -> list[AgendaDay]:
    """Per date from start, for some weeks: who is in the house, or that it is closed."""
    return house_days(data, start, start + dt.timedelta(weeks=weeks) - dt.timedelta(days=1))


def house_days(data: Dataset, start: dt.date, end: dt.date) -> list[AgendaDay]:
    """Per date from start to end (inclusive): who is in the house, or that it is closed.

    Every house schedule is in the house, so they share one list of closure days. A date's
    entries are by time, then organisation name and service: the schedules are put in name
    order once, so sorting a date's entries by time alone (a stable sort) keeps that order.
    """
    closed = closure_days(data.closures, start, end)
    by_day: dict[dt.date, list[Entry]] = {}
    for item in sorted(house_schedules(data), key=_name_key):
        for occ in occurrences(item.rules, item.exceptions, closed, start, end):
            if not occ.closed:
                by_day.setdefault(occ.date, []).append((item, occ.opens, occ.closes, occ.note))
    days = sorted(set(by_day) | {day for day in closed if day.weekday() < 5})
    return [AgendaDay(day, closed.get(day), sorted(by_day.get(day, []), key=_BY_TIME)) for day in days]


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week of a day."""
    return day - dt.timedelta(days=day.weekday())


class HouseCalendar:
    """The house agenda from the Monday of the build week to the end of the agenda, worked out once.

    The agenda page, the week pages and "today" on the home and agenda pages each show part of
    it. A date's entries do not depend on the stretch they are worked out for (rules, exceptions
    and closures are per date), so one computation serves them all; on a big map it is the
    costliest part of those pages. One calendar per page plan, so per build.
    """

    def __init__(self, data: Dataset, today: dt.date, weeks: int = AGENDA_WEEKS) -> None:
        self.data, self.today, self.weeks = data, today, weeks
        self.monday = week_start(today)
        self.last = today + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)

    @property
    def mondays(self) -> list[dt.date]:
        """The weeks the week pages cover, the build week first."""
        return [self.monday + dt.timedelta(weeks=number) for number in range(self.weeks)]

    @cached_property
    def by_date(self) -> dict[dt.date, AgendaDay]:
        with no_cycle_collection():  # about 150,000 entries at 10,000 organisations, all kept
            return {day.date: day for day in house_days(self.data, self.monday, self.last)}

    def agenda(self) -> list[AgendaDay]:
        """What `house_agenda` gives from the build date: the dates of the agenda page."""
        return [day for date, day in self.by_date.items() if date >= self.today]

    def agenda_weeks(self) -> list[tuple[dt.date, dt.date, list[AgendaDay]]]:
        """The agenda page's dates per week (Monday, Sunday, dates): a table per week, so that a
        phone lays out only the weeks on its screen (CSS content-visibility) and each table
        has its header in sight."""
        weeks: dict[dt.date, list[AgendaDay]] = {}
        for day in self.agenda():
            weeks.setdefault(week_start(day.date), []).append(day)
        return [(monday, monday + dt.timedelta(days=6), days) for monday, days in weeks.items()]

    def day(self, date: dt.date) -> AgendaDay | None:
        """One date, as `house_agenda` has it: None for a date with nothing on and not closed."""
        return self.by_date.get(date)

    def week(self, monday: dt.date) -> list[AgendaDay]:
        """Monday to Friday, and Saturday and Sunday when something is on; each date once."""
        days = [monday + dt.timedelta(days=offset) for offset in range(7)]
        found = [self.by_date.get(day) or AgendaDay(day, None, []) for day in days]
        return [day for day in found if day.date.weekday() < 5 or day.entries]


def _name_key(item: Schedule) -> tuple[str, str]:
    return item.organisation.name.casefold(), item.service.id


_BY_TIME = operator.itemgetter(1, 2)  # an entry's opening and closing time


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


def house_hours_known(data: Dataset) -> bool:
    """Whether the house organisation has confirmed hours in its own building (the home page's link
    to its page promises opening hours only then)."""
    return any(item.rules is not None and item.organisation.id == data.site.house_organisation
               for item in house_schedules(data))


def ics_name(org_id: str, service_id: str) -> str:
    """The calendar file of a service, in site/agenda/."""
    return f"{org_id}--{service_id}.ics"
