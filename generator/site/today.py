"""The data behind "Vandaag in het huis / nu open", embedded as JSON in pages.

Computed at build time for the coming year; docs/assets/vandaag.js evaluates it
in the visitor's browser for the current Europe/Brussels date and time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..data.dataset import Dataset
from ..data.schema import WEEKDAYS, Exception_, Rule
from ..when.agenda import TODAY_DAYS, Schedule, house_schedules
from ..when.schedule import closure_days
from .pages import org_uri, url


def rule_json(rule: Rule) -> dict[str, Any]:
    """A rule as vandaag.js reads it; days as numbers, Monday = 0."""
    return {
        "repeat": rule.repeat,
        "days": [WEEKDAYS.index(day) for day in rule.days],
        "weeks": rule.weeks or [],
        "start": rule.start.isoformat() if rule.start else None,
        "from": rule.valid_from.isoformat() if rule.valid_from else None,
        "to": rule.valid_to.isoformat() if rule.valid_to else None,
        "times": [[f"{t.opens:%H:%M}", f"{t.closes:%H:%M}"] for t in rule.times],
    }


def exceptions_json(items: list[Exception_], start: dt.date, end: dt.date) -> dict[str, Any]:
    """Date → null (closed) or the day's other times."""
    return {item.date.isoformat(): None if item.closed else [[f"{t.opens:%H:%M}", f"{t.closes:%H:%M}"]
                                                               for t in item.times or []]
            for item in items if start <= item.date <= end}


def schedule_json(item: Schedule, root: str, start: dt.date, end: dt.date) -> dict[str, Any]:
    """One house schedule: who, where to read more, and its rules and exceptions."""
    return {
        "org": item.organisation.name,
        "service": item.service.name,
        "url": f"{root}{url(org_uri(item.organisation.id))}#{item.service.id}",
        "rules": None if item.rules is None else [rule_json(rule) for rule in item.rules],
        "exceptions": exceptions_json(item.exceptions, start, end),
    }


def today_data(data: Dataset, today: dt.date, root: str = "") -> dict[str, Any]:
    """Everything vandaag.js needs for the coming year, built from the house schedules."""
    end = today + dt.timedelta(days=TODAY_DAYS)
    closed = closure_days(data.closures, today, end)
    return {
        "from": today.isoformat(),
        "to": end.isoformat(),
        "week": f"{root}week/",
        "closed": {day.isoformat(): name for day, name in closed.items()},
        "services": [schedule_json(item, root, today, end) for item in house_schedules(data)],
    }
