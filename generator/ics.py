"""iCalendar feeds: one per service with known hours, one for the whole house.

Each rule time range is one VEVENT with an RRULE (WEEKLY, MONTHLY;BYDAY=2TU,
WEEKLY;INTERVAL=2), UNTIL at the end of the horizon or the rule's valid_to,
EXDATE for closure days and days with an exception; exception times are
separate VEVENTs. Output is deterministic: UIDs from ids, DTSTAMP from the
build date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar, Event, Timezone, vRecur

from .agenda import (TODAY_DAYS, Schedule, active_orgs, closures_for, has_known_hours, house_schedules,
                     ics_name, service_schedules)
from .dataset import Dataset
from .schedule import TIMEZONE, rule_dates
from .schema import Rule, TimeRange

FREQ = {"weekly": "WEEKLY", "monthly": "MONTHLY", "every_other_week": "WEEKLY"}
BYDAY = {"mo": "MO", "tu": "TU", "we": "WE", "th": "TH", "fr": "FR", "sa": "SA", "su": "SU"}
DOMAIN = "sociale-kaart"


def horizon(today: dt.date) -> tuple[dt.date, dt.date]:
    """The period a feed covers: from the build date, one year ahead (closures are known that far)."""
    return today, today + dt.timedelta(days=TODAY_DAYS)


def recur(rule: Rule, until: dt.date) -> vRecur:
    """The RRULE of a rule, ending on ``until`` (local day end, written in UTC)."""
    days = [BYDAY[day] for day in rule.days]
    if rule.repeat == "monthly":
        days = [f"{week}{day}" for day in days for week in rule.weeks or []]
    value = {"FREQ": FREQ[rule.repeat], "BYDAY": days, "WKST": "MO"}
    if rule.repeat == "every_other_week":
        value["INTERVAL"] = 2
    value["UNTIL"] = dt.datetime.combine(until, dt.time(23, 59, 59), TIMEZONE).astimezone(dt.timezone.utc)
    return vRecur(value)


def local(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, TIMEZONE)


def event(uid: str, summary: str, day: dt.date, times: TimeRange, stamp: dt.datetime) -> Event:
    """A VEVENT of one time range starting on ``day``."""
    item = Event()
    item.add("uid", uid)
    item.add("dtstamp", stamp)
    item.add("summary", summary)
    item.add("dtstart", local(day, times.opens))
    item.add("dtend", local(day, times.closes))
    return item


def summary(item: Schedule, data: Dataset) -> str:
    place = data.locations[item.location].name if item.location else None
    text = f"{item.organisation.name}: {item.service.name}"
    return f"{text} ({place})" if place else text


def rule_events(data: Dataset, item: Schedule, index: int, rule: Rule, stamp: dt.datetime,
                today: dt.date) -> list[Event]:
    """The VEVENTs of one rule: one per time range, with RRULE and EXDATEs."""
    start, end = horizon(today)
    dates = rule_dates(rule, start, end)
    if not dates:
        return []
    skipped = set(closures_for(data, item.location, start, end)) | {x.date for x in item.exceptions}
    until = min(end, rule.valid_to or end)
    events = []
    for number, times in enumerate(sorted(rule.times, key=lambda t: t.opens)):
        vevent = event(f"{item.key}--r{index}--t{number}@{DOMAIN}", summary(item, data), dates[0], times, stamp)
        vevent.add("rrule", recur(rule, until))
        for day in (d for d in dates if d in skipped):
            vevent.add("exdate", local(day, times.opens))
        events.append(vevent)
    return events


def exception_events(data: Dataset, item: Schedule, stamp: dt.datetime, today: dt.date) -> list[Event]:
    """Separate VEVENTs for exceptions with other times (not on closure days)."""
    start, end = horizon(today)
    closed = closures_for(data, item.location, start, end)
    events = []
    for change in item.exceptions:
        if change.closed or change.date in closed or not start <= change.date <= end:
            continue
        for number, times in enumerate(sorted(change.times or [], key=lambda t: t.opens)):
            uid = f"{item.key}--x{change.date:%Y%m%d}--t{number}@{DOMAIN}"
            vevent = event(uid, summary(item, data), change.date, times, stamp)
            if change.note:
                vevent.add("description", change.note)
            events.append(vevent)
    return events


def schedule_events(data: Dataset, item: Schedule, today: dt.date) -> list[Event]:
    """Every VEVENT of one schedule; nothing for unknown hours."""
    if item.rules is None:
        return []
    stamp = dt.datetime.combine(today, dt.time(), dt.timezone.utc)
    events = [e for index, rule in enumerate(item.rules) for e in rule_events(data, item, index, rule, stamp, today)]
    return events + exception_events(data, item, stamp, today)


def calendar(name: str, events: list[Event]) -> Calendar:
    """A calendar with the Europe/Brussels VTIMEZONE and the given events."""
    cal = Calendar()
    cal.add("prodid", "-//sociale-kaart//agenda//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Brussels")
    cal.add_component(Timezone.from_tzid("Europe/Brussels"))
    for item in events:
        cal.add_component(item)
    return cal


def service_calendars(data: Dataset, today: dt.date) -> dict[str, Calendar]:
    """One calendar per service with known hours, keyed by file name."""
    found = {}
    for org in active_orgs(data):
        for service in org.services:
            if has_known_hours(org, service):
                events = [e for item in service_schedules(org, service) for e in schedule_events(data, item, today)]
                found[ics_name(org.id, service.id)] = calendar(f"{org.name}: {service.name}", events)
    return found


def house_calendar(data: Dataset, today: dt.date) -> Calendar:
    """Everything in the house building, in one calendar."""
    events = [e for item in house_schedules(data) for e in schedule_events(data, item, today)]
    return calendar(data.site.name, events)


def write_calendars(data: Dataset, folder: Path, today: dt.date) -> int:
    """Write site/agenda/*.ics; returns the number of files."""
    folder.mkdir(parents=True, exist_ok=True)
    calendars = {**service_calendars(data, today), "huis.ics": house_calendar(data, today)}
    for name, cal in calendars.items():
        (folder / name).write_bytes(cal.to_ical())
    return len(calendars)
