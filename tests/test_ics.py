"""The iCalendar feeds say exactly what the site's agenda says (demo data, one year)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import recurring_ical_events
from icalendar import Calendar

from generator.data.dataset import load_dataset
from generator.publish.ics import horizon, house_calendar, service_calendars, write_calendars
from generator.when.agenda import house_schedules, schedule_occurrences, service_schedules

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo():
    return load_dataset(ROOT / "demo" / "map")


def expand(cal: Calendar) -> set[tuple]:
    """(date, start, end) of every event of a feed in the horizon, local time."""
    start, end = horizon(TODAY)
    events = recurring_ical_events.of(cal).between(start, end + dt.timedelta(days=1))
    return {(e["DTSTART"].dt.date(), e["DTSTART"].dt.time(), e["DTEND"].dt.time()) for e in events}


def expected(data, schedules) -> set[tuple]:
    start, end = horizon(TODAY)
    return {(o.date, o.opens, o.closes) for item in schedules
            for o in schedule_occurrences(data, item, start, end) if not o.closed}


@pytest.fixture(scope="module")
def feeds(demo, tmp_path_factory) -> Path:
    """The feeds as the build writes them (site/agenda/)."""
    folder = tmp_path_factory.mktemp("agenda")
    write_calendars(demo, folder, TODAY)
    return folder


def read(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def test_every_service_feed_matches_the_agenda(demo, feeds):
    assert len(list(feeds.glob("*--*.ics"))) >= 10
    for org in demo.organisations.values():
        for service in org.services:
            path = feeds / f"{org.id}--{service.id}.ics"
            want = expected(demo, list(service_schedules(org, service)))
            got = expand(read(path)) if path.exists() else set()
            assert got == want, path.name


def test_house_feed_matches_the_agenda(demo, feeds):
    got = expand(read(feeds / "huis.ics"))
    assert got == expected(demo, house_schedules(demo))
    assert (dt.date(2026, 12, 25), dt.time(9), dt.time(11, 30)) not in got  # Kerstmis
    assert (dt.date(2026, 12, 18), dt.time(9), dt.time(11, 30)) in got  # extra zitdag


def test_written_feeds_are_what_icalendar_itself_writes(demo, feeds):
    """write_calendars serializes events itself (fast); icalendar's objects are the reference."""
    reference = {**{name: cal.to_ical() for name, cal in service_calendars(demo, TODAY).items()},
                 "huis.ics": house_calendar(demo, TODAY).to_ical()}
    assert sorted(reference) == sorted(path.name for path in feeds.iterdir())
    for name, data in reference.items():
        assert (feeds / name).read_bytes() == data, name


def test_feeds_use_rrules_a_timezone_and_no_unknown_service(demo, tmp_path):
    write_calendars(demo, tmp_path, TODAY)
    text = (tmp_path / "huis.ics").read_text()
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Brussels" in text
    assert "FREQ=MONTHLY" in text and "EXDATE" in text
    assert "BYDAY=2WE" in text and "BYDAY=-1FR" in text and "BYDAY=5TH" in text
    assert "INTERVAL=2" in (tmp_path / "dienstencentrum--digitaal-spreekuur.ics").read_text()
    assert not (tmp_path / "sociaal-verhuurkantoor--svk-inschrijving.ics").exists()


def test_feeds_are_deterministic(demo, tmp_path):
    write_calendars(demo, tmp_path / "a", TODAY)
    write_calendars(demo, tmp_path / "b", TODAY)
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
    assert "DTSTAMP:20261123T000000Z" in (tmp_path / "a" / "huis.ics").read_text()


def test_calendar_text_never_carries_a_control_character():
    """RFC 5545 forbids control characters in TEXT (check refuses them in map/; this is the last guard)."""
    from generator.publish.ics import _text

    assert _text("Hulp\vbij\x1c geld\x7f") == "Hulpbij geld"
    assert _text("regel\r\nnieuw; ja\x0c") == "regel\\nnieuw\\; ja"
