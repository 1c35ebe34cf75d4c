"""iCalendar feeds: one per service with known hours, one for the whole house.

Each rule time range is one VEVENT with an RRULE (WEEKLY, MONTHLY;BYDAY=2TU,
WEEKLY;INTERVAL=2), UNTIL at the end of the horizon or the rule's valid_to,
EXDATE for closure days and days with an exception; exception times are
separate VEVENTs. Output is deterministic: UIDs from ids, DTSTAMP from the
build date.

Two ways to the same bytes: ``service_calendars`` / ``house_calendar`` give
icalendar ``Calendar`` objects; ``write_calendars`` writes the feeds of a large
map cheaply. It serializes the calendar frame (properties and the VTIMEZONE,
built by icalendar) once per build and every schedule's events once (a house
schedule is in its service's feed and in huis.ics), writing the simple VEVENT
lines directly with icalendar's value types (vText, vRecur) and folding. A test
checks that both give byte-identical feeds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from icalendar import Calendar, Event, Timezone, vRecur, vText
from icalendar.parser import Contentline

from ..data.dataset import Dataset
from ..data.limits import CONTROL
from ..data.schema import Rule, TimeRange
from ..when.agenda import (
    TODAY_DAYS,
    Schedule,
    active_orgs,
    closure_place,
    closures_for,
    has_known_hours,
    house_schedules,
    ics_name,
    service_schedules,
)
from ..when.schedule import TIMEZONE, rule_dates
from ..when.source_age import record_age
from .small_files import SmallFiles

FREQ = {"weekly": "WEEKLY", "monthly": "MONTHLY", "every_other_week": "WEEKLY"}
BYDAY = {"mo": "MO", "tu": "TU", "we": "WE", "th": "TH", "fr": "FR", "sa": "SA", "su": "SU"}
DOMAIN = "sociale-kaart"
TZID = "Europe/Brussels"


def horizon(today: dt.date) -> tuple[dt.date, dt.date]:
    """The period a feed covers: from the build date, one year ahead (closures are known that far)."""
    return today, today + dt.timedelta(days=TODAY_DAYS)


def recur(rule: Rule, until: dt.date) -> vRecur:
    """The RRULE of a rule, ending on ``until`` (local day end, written in UTC)."""
    return _recur(rule.repeat, tuple(rule.days), tuple(rule.weeks or ()), until)


def _recur(repeat: str, weekdays: tuple[str, ...], weeks: tuple[int, ...], until: dt.date) -> vRecur:
    days = [BYDAY[day] for day in weekdays]
    if repeat == "monthly":
        days = [f"{week}{day}" for day in days for week in weeks]
    value = {"FREQ": FREQ[repeat], "BYDAY": days, "WKST": "MO"}
    if repeat == "every_other_week":
        value["INTERVAL"] = 2
    value["UNTIL"] = dt.datetime.combine(until, dt.time(23, 59, 59), TIMEZONE).astimezone(dt.UTC)
    return vRecur(value)


@lru_cache(maxsize=4096)
def _rrule_line(repeat: str, weekdays: tuple[str, ...], weeks: tuple[int, ...], until: dt.date) -> bytes:
    """The serialized RRULE line of ``_recur``; few distinct ones in a map."""
    return _line(f"RRULE:{_recur(repeat, weekdays, weeks, until).to_ical().decode()}")


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


# --- what the events say (shared by both serializations) -----------------------


@dataclass(frozen=True)
class EventSpec:
    """The content of one VEVENT."""

    uid: str
    summary: str
    day: dt.date
    times: TimeRange
    rule: Rule | None = None  # a rule event: RRULE of this rule up to ``until``
    until: dt.date | None = None
    exdates: tuple[dt.date, ...] = ()
    description: str | None = None


def _stamp(today: dt.date) -> dt.datetime:
    return dt.datetime.combine(today, dt.time(), dt.UTC)


def _description(*parts: str | None) -> str | None:
    """An event's description: a rule's label or an exception's note, and the source age caveat."""
    return ". ".join(part for part in parts if part) or None


def _rule_specs(item: Schedule, index: int, rule: Rule, text: str, closed: dict[dt.date, str],
                today: dt.date, caveat: str = "") -> list[EventSpec]:
    start, end = horizon(today)
    dates = rule_dates(rule, start, end)
    if not dates:
        return []
    skipped = set(closed) | {x.date for x in item.exceptions}
    exdates = tuple(d for d in dates if d in skipped)
    until = min(end, rule.valid_to or end)
    description = _description(rule.label, caveat)  # the label says e.g. "bron van 2019"
    return [EventSpec(f"{item.key}--r{index}--t{number}@{DOMAIN}", text, dates[0], times, rule, until, exdates,
                      description)
            for number, times in enumerate(sorted(rule.times, key=lambda t: t.opens))]


def _exception_specs(item: Schedule, text: str, closed: dict[dt.date, str], today: dt.date,
                     caveat: str = "") -> list[EventSpec]:
    start, end = horizon(today)
    specs = []
    for change in item.exceptions:
        if change.closed or change.date in closed or not start <= change.date <= end:
            continue
        for number, times in enumerate(sorted(change.times or [], key=lambda t: t.opens)):
            uid = f"{item.key}--x{change.date:%Y%m%d}--t{number}@{DOMAIN}"
            specs.append(EventSpec(uid, text, change.date, times, description=_description(change.note, caveat)))
    return specs


def schedule_specs(data: Dataset, item: Schedule, today: dt.date,
                   closed: dict[dt.date, str] | None = None) -> list[EventSpec]:
    """The events of one schedule (rule events, then exception events); nothing for unknown hours.

    ``closed`` is the closure days of the schedule's place in the horizon (looked up when None).
    """
    if item.rules is None:
        return []
    if closed is None:
        closed = closures_for(data, closure_place(data, item), *horizon(today))
    text = summary(item, data)
    caveat = record_age(data, item.organisation, today).caveat
    caveat = caveat[:1].upper() + caveat[1:]
    specs = [spec for index, rule in enumerate(item.rules)
             for spec in _rule_specs(item, index, rule, text, closed, today, caveat)]
    return specs + _exception_specs(item, text, closed, today, caveat)


# --- icalendar objects: the reference the written bytes are tested against ---------


def spec_event(spec: EventSpec, stamp: dt.datetime) -> Event:
    """The icalendar VEVENT of an event spec."""
    vevent = event(spec.uid, spec.summary, spec.day, spec.times, stamp)
    if spec.rule is not None:
        vevent.add("rrule", recur(spec.rule, spec.until))
    for day in spec.exdates:
        vevent.add("exdate", local(day, spec.times.opens))
    if spec.description:
        vevent.add("description", spec.description)
    return vevent


def schedule_events(data: Dataset, item: Schedule, today: dt.date) -> list[Event]:
    """Every VEVENT of one schedule; nothing for unknown hours."""
    stamp = _stamp(today)
    return [spec_event(spec, stamp) for spec in schedule_specs(data, item, today)]


@cache
def _vtimezone() -> Timezone:
    """The Europe/Brussels VTIMEZONE, built once (icalendar builds it from the tz database)."""
    return Timezone.from_tzid(TZID)


def calendar(name: str, events: list[Event]) -> Calendar:
    """A calendar with the Europe/Brussels VTIMEZONE and the given events."""
    cal = Calendar()
    cal.add("prodid", "-//sociale-kaart//agenda//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(_vtimezone())
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


# --- bytes, directly ----------------------------------------------------------------

_NAME_MARK = "SOCIALEKAARTCALNAME"


@cache
def _frame() -> tuple[bytes, bytes, bytes]:
    """(head, tail, end) of every feed, serialized by icalendar once.

    A feed is head + its X-WR-CALNAME line + tail (X-WR-TIMEZONE, VTIMEZONE) + events + end.
    """
    text = calendar(_NAME_MARK, []).to_ical()
    line = f"X-WR-CALNAME:{_NAME_MARK}\r\n".encode()
    head, rest = text.split(line)
    end = b"END:VCALENDAR\r\n"
    assert rest.endswith(end)
    return head, rest[: -len(end)], end


def _line(text: str) -> bytes:
    """One content line with its CRLF, folded as icalendar folds it (RFC 5545, 75 octets)."""
    data = text.encode()
    if len(data) < 75:
        return data + b"\r\n"
    if len(data) == len(text) and "\\" not in text and "^" not in text:
        # ASCII without escapes: icalendar's fold is plain 74-character pieces
        return "\r\n ".join(text[i:i + 74] for i in range(0, len(text), 74)).encode() + b"\r\n"
    return Contentline(text).to_ical() + b"\r\n"


_ESCAPED = frozenset("\\;,\n\r")


def _text(value: str) -> str:
    """A TEXT value escaped as icalendar's vText escapes it, without control characters
    (RFC 5545 forbids them; `check` refuses them in map/ already, this is the last guard)."""
    if CONTROL.search(value):
        value = CONTROL.sub("", value.replace("\r\n", "\n"))
    if _ESCAPED.isdisjoint(value):
        return value
    return vText(value).to_ical().decode()


def _local_value(day: dt.date, time: dt.time) -> str:
    return f"TZID={TZID}:{day:%Y%m%d}T{time:%H%M%S}"


def spec_bytes(spec: EventSpec, stamp: bytes) -> bytes:
    """The serialized VEVENT of an event spec: what icalendar writes for ``spec_event``."""
    times = spec.times
    parts = [b"BEGIN:VEVENT\r\n", _line(f"SUMMARY:{_text(spec.summary)}"),
             _line(f"DTSTART;{_local_value(spec.day, times.opens)}"),
             _line(f"DTEND;{_local_value(spec.day, times.closes)}"),
             stamp, _line(f"UID:{_text(spec.uid)}")]
    if spec.rule is not None:
        rule = spec.rule
        parts.append(_rrule_line(rule.repeat, tuple(rule.days), tuple(rule.weeks or ()), spec.until))
    opens = f"T{times.opens:%H%M%S}"
    parts.extend(_line(f"EXDATE;TZID={TZID}:{day:%Y%m%d}{opens}") for day in spec.exdates)
    if spec.description:
        parts.append(_line(f"DESCRIPTION:{_text(spec.description)}"))
    parts.append(b"END:VEVENT\r\n")
    return b"".join(parts)


def calendar_bytes(name: str, events: list[bytes]) -> bytes:
    """A whole feed from serialized events: what ``calendar(name, ...).to_ical()`` gives."""
    head, tail, end = _frame()
    return b"".join((head, _line(f"X-WR-CALNAME:{_text(name)}"), tail, *events, end))


def calendar_files(data: Dataset, today: dt.date) -> dict[str, bytes]:
    """Every feed (file name → bytes): the service feeds, then huis.ics."""
    start, end = horizon(today)
    stamp = _line(f"DTSTAMP:{_stamp(today):%Y%m%dT%H%M%S}Z")
    house = data.site.house_location
    closed: dict[str | None, dict[dt.date, str]] = {}
    found: dict[str, bytes] = {}
    in_house: list[bytes] = []
    for org in active_orgs(data):
        for service in org.services:
            events = []
            for item in service_schedules(org, service):
                place = closure_place(data, item)
                if place not in closed:
                    closed[place] = closures_for(data, place, start, end)
                chunk = b"".join(spec_bytes(spec, stamp)
                                 for spec in schedule_specs(data, item, today, closed[place]))
                events.append(chunk)
                if item.location == house:
                    in_house.append(chunk)
            if has_known_hours(org, service):
                found[ics_name(org.id, service.id)] = calendar_bytes(f"{org.name}: {service.name}", events)
    found["huis.ics"] = calendar_bytes(data.site.name, in_house)
    return found


def write_calendars(data: Dataset, folder: Path, today: dt.date) -> int:
    """Write site/agenda/*.ics; returns the number of files."""
    calendars = calendar_files(data, today)
    with SmallFiles(folder) as files:
        for name, text in calendars.items():
            files.write(name, text)
    return len(calendars)
