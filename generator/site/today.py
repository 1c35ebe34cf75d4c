"""The data behind "Vandaag in het huis / nu open", embedded as JSON in pages.

Computed at build time for the coming year; docs/assets/vandaag.js evaluates it
in the visitor's browser for the current Europe/Brussels date and time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..data.dataset import Dataset, DatasetMemo
from ..data.schema import WEEKDAYS, Exception_, Rule
from ..when.agenda import TODAY_DAYS, Schedule, closure_place, closures_for, house_schedules
from ..when.schedule import closure_days
from .describe import clock_text
from .pages import org_uri, url


def rule_json(rule: Rule) -> dict[str, Any]:
    """A rule as vandaag.js reads it; days as numbers, Monday = 0. Only the fields the rule
    uses (weeks of a monthly rule, start of an every-other-week rule, a validity period):
    this JSON is on every organisation page."""
    found = {"repeat": rule.repeat, "days": [WEEKDAYS.index(day) for day in rule.days],
             "times": [[clock_text(t.opens), clock_text(t.closes)] for t in rule.times]}
    optional = {"weeks": rule.weeks, "start": rule.start and rule.start.isoformat(),
                "from": rule.valid_from and rule.valid_from.isoformat(),
                "to": rule.valid_to and rule.valid_to.isoformat()}
    return found | {key: value for key, value in optional.items() if value}


def exceptions_json(items: list[Exception_], start: dt.date, end: dt.date) -> dict[str, Any]:
    """Date → null (closed) or the day's other times."""
    return {item.date.isoformat(): None if item.closed else [[clock_text(t.opens), clock_text(t.closes)]
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


def rooted(found: dict[str, Any], root: str) -> dict[str, Any]:
    """today_data of the site root for a page at `root`: only its links differ."""
    return {**found, "week": f"{root}{found['week']}",
            "services": [{**item, "url": root + item["url"]} for item in found["services"]]}


def schedule_today(data: Dataset, item: Schedule, today: dt.date) -> dict[str, Any]:
    """One schedule's rules, exceptions and closure days for the coming year: the data of the
    "vandaag / nu open / gesloten" line on a service (vandaag.js), the same kind as today_data.

    Only closure days on a weekday of one of its rules: on other days it is not open anyway
    (this keeps the JSON on every organisation page small).
    """
    end = today + dt.timedelta(days=TODAY_DAYS)
    weekdays = {WEEKDAYS.index(day) for rule in item.rules or [] for day in rule.days}
    closed = _closed_json(data, closure_place(data, item), today, end)
    return {
        "from": today.isoformat(),
        "to": end.isoformat(),
        "rules": [rule_json(rule) for rule in item.rules or []],
        "exceptions": exceptions_json(item.exceptions, today, end),
        "closed": {iso: name for iso, (weekday, name) in closed.items() if weekday in weekdays},
    }


_CLOSED = DatasetMemo()


def _closed_json(data: Dataset, location: str | None, start: dt.date, end: dt.date) -> dict[str, tuple[int, str]]:
    """Closure days of a place as 'date' → (weekday, name), worked out once per place and build."""
    def closed() -> dict[str, tuple[int, str]]:
        days = closures_for(data, location, start, end)
        return {day.isoformat(): (day.weekday(), name) for day, name in days.items()}
    return _CLOSED.get(data, (location, start, end), closed)
