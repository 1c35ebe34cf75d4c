"""The spreadsheet's `dagen` and `uitzonderingen` cells read in the site's own words.

The inverse of generator/site/describe.py: whatever the site writes for a rule
("Elke dinsdag: 09:00–12:00", "de 1ste en 3de dinsdag van de maand", "om de twee
weken op donderdag (vanaf 3 september 2026)", "... (van 1 september 2026 tot en met
30 juni 2027)", with the label in brackets after it) or for an exception
("Gesloten op donderdag 24 december 2026 (personeelsdag)", "niet op 24 december",
"Andere uren op 23 december 2026: 09:00–12:00") reads back as that rule. The words
come from describe.py (day and month names, ordinals), so there is one vocabulary;
tests/test_import_wording.py writes every demo rule with describe.py and reads it back.
The old short form "di, do" still means every week on those days.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..data.schema import WEEKDAYS, Weekday
from ..site.describe import DAY_NAMES, MONTHS, ordinal

CODES = {name: code for code, name in DAY_NAMES.items()}
DAY = "(?:" + "|".join(DAY_NAMES.values()) + ")"
DAYS = rf"{DAY}(?:(?:,\s*|\s+en\s+|\s+){DAY})*"
ORDINALS = {ordinal(week): week for week in (1, 2, 3, 4, 5, -1)}
ORDINAL = r"(?:\d(?:ste|de|e)|laatste)"
DATE = rf"(?:{DAY}\s+)?\d{{1,2}}\s+(?:{'|'.join(MONTHS)})(?:\s+\d{{4}})?"
PATTERNS = [
    ("weekly", re.compile(rf"elke\s+(?P<days>{DAYS})")),
    ("monthly", re.compile(rf"de\s+(?P<weeks>{ORDINAL}(?:(?:,\s*|\s+en\s+){ORDINAL})*)\s+(?P<days>{DAYS})"
                           r"\s+van\s+de\s+maand")),
    ("every_other_week", re.compile(rf"om\s+de\s+twee\s+weken\s+op\s+(?P<days>{DAYS})")),
]
PERIODS = re.compile(rf"van\s+(?P<both_from>{DATE})\s+tot\s+en\s+met\s+(?P<both_to>{DATE})"
                     rf"|vanaf\s+(?P<from>{DATE})|tot\s+en\s+met\s+(?P<to>{DATE})")
TIMES_AFTER = re.compile(r":\s*(?P<times>\d{1,2}:\d{2}\s*[-–]\s*\d{1,2}:\d{2}"
                         r"(?:(?:\s*,\s*|\s+en\s+)\d{1,2}:\d{2}\s*[-–]\s*\d{1,2}:\d{2})*)")
WEEKDAY_LIST = TypeAdapter(list[Weekday])
EXAMPLES = ("'elke dinsdag', 'de 1ste en 3de dinsdag van de maand', "
            "'om de twee weken op donderdag (vanaf 3 september 2026)'")


class WordingError(ValueError):
    """The text is not a rule (or exception) the site could have written; the message says how."""


def rules_in(text: str, year_from: dt.date) -> list[dict[str, Any]]:
    """Every rule of a `dagen` cell (one per line or per ';'), without times unless written in it."""
    return [rule_in(part.strip(), year_from) for part in re.split(r"[;\n]", text) if part.strip()]


def rule_in(text: str, year_from: dt.date) -> dict[str, Any]:
    """One rule in the site's words: its repeat, days, weeks, start, period, times and label."""
    written = " ".join(text.split())
    lower = written[0].lower() + written[1:]
    times, lower = times_in(lower)
    for repeat, pattern in PATTERNS:
        if found := pattern.match(lower):
            rule = {"repeat": repeat, "days": day_codes(found.group("days"))}
            if repeat == "monthly":
                rule["weeks"] = week_numbers(found.group("weeks"))
            return {**rule, **rest_of_rule(lower[found.end():], repeat, year_from, written), **times}
    return {"repeat": "weekly", "days": short_days(written), **times}


def times_in(text: str) -> tuple[dict[str, list[str]], str]:
    """'…: 09:00–12:00 en 13:30–16:00' (as the site writes times) as times, and the text without them."""
    found = TIMES_AFTER.search(text)
    if not found:
        return {}, text
    spans = re.split(r"\s*,\s*|\s+en\s+", found.group("times"))
    return {"times": [re.sub(r"\s*[-–]\s*", "-", span) for span in spans]}, text[:found.start()] + text[found.end():]


def rest_of_rule(rest: str, repeat: str, year_from: dt.date, written: str) -> dict[str, Any]:
    """The start (every other week), the period and the label after the pattern."""
    fields: dict[str, Any] = {}
    for found in PERIODS.finditer(rest):
        first, last = found.group("both_from") or found.group("from"), found.group("both_to") or found.group("to")
        if repeat == "every_other_week" and "start" not in fields and found.group("from"):
            fields["start"] = date_in(first, year_from)
            continue
        fields.update({key: date_in(value, year_from) for key, value in (("valid_from", first), ("valid_to", last))
                       if value})
    leftover = PERIODS.sub("", rest)
    labels = [part.strip() for part in re.findall(r"\(([^()]*)\)", leftover) if part.strip()]
    if re.sub(r"\([^()]*\)|[\s,.]", "", leftover):
        raise WordingError(f"'{written}': na de dagen begrijp ik '{leftover.strip(' ,.')}' niet; schrijf zoals de "
                           f"site het zegt, bv. {EXAMPLES}, en een periode als 'van 1 september 2026 tot en met "
                           "30 juni 2027'")
    if repeat == "every_other_week" and "start" not in fields:
        raise WordingError(f"'{written}': zeg vanaf welke dag, bv. 'om de twee weken op donderdag "
                           "(vanaf 3 september 2026)'")
    return {**fields, **({"label": labels[-1]} if labels else {})}


def day_codes(text: str) -> list[str]:
    named = re.findall(DAY, text)
    return [code for code in WEEKDAYS if DAY_NAMES[code] in named]


def week_numbers(text: str) -> list[int]:
    words = re.findall(ORDINAL, text)
    numbers = [ORDINALS.get(word, -1 if word == "laatste" else int(word[0])) for word in words]
    return sorted(dict.fromkeys(numbers), key=lambda week: (week == -1, week))


def short_days(written: str) -> list[str]:
    """The short form 'di, do' (every week), or the message that says how the site writes rules."""
    pieces = [piece.strip() for piece in written.split(",") if piece.strip()]
    try:
        return WEEKDAY_LIST.validate_python(pieces)
    except ValidationError:
        pass
    hint = ""
    if (weeks := re.findall(ORDINAL, written.lower())) and (days := re.findall(DAY, written.lower())):
        hint = f" Bedoelde u 'de {' en '.join(weeks)} {' en '.join(days)} van de maand'?"
    raise WordingError(f"'{written}' is geen dag of regel; schrijf de dagen als ma, di, ... of zoals de site "
                       f"het zegt, bv. {EXAMPLES}.{hint}")


def date_in(text: str, year_from: dt.date) -> dt.date:
    """'3 september 2026' (a weekday before it may be written); without a year: the first such day
    on or after ``year_from`` (the day the row was checked)."""
    parts = [part for part in text.split() if part not in CODES]
    day, month = int(parts[0]), MONTHS.index(parts[1]) + 1
    try:
        if len(parts) == 3:
            return dt.date(int(parts[2]), month, day)
        this_year = dt.date(year_from.year, month, day)
        return this_year if this_year >= year_from else dt.date(year_from.year + 1, month, day)
    except ValueError:
        raise WordingError(f"'{text}' is geen bestaande dag") from None


EXCEPTION = re.compile(rf"(?P<closed>gesloten\s+op|niet\s+op|dicht\s+op)\s+(?P<date>{DATE})"
                       rf"|andere\s+uren\s+op\s+(?P<other>{DATE})")


def exceptions_in(text: str, year_from: dt.date) -> list[dict[str, Any]]:
    """Every exception of an `uitzonderingen` cell (one per line or ';'), as the site writes them."""
    return [exception_in(part.strip(), year_from) for part in re.split(r"[;\n]", text) if part.strip()]


def exception_in(text: str, year_from: dt.date) -> dict[str, Any]:
    written = " ".join(text.split())
    lower = written.lower()
    times, lower = times_in(lower)
    found = EXCEPTION.match(lower)
    if not found:
        raise WordingError(f"'{written}' is geen uitzondering; schrijf bv. 'niet op 24 december 2026' of "
                           "'andere uren op 23 december 2026: 09:00-12:00'")
    notes = re.findall(r"\(([^()]*)\)", written)
    exception: dict[str, Any] = {"date": date_in(found.group("date") or found.group("other"), year_from)}
    if found.group("closed"):
        exception["closed"] = True
    elif not times:
        raise WordingError(f"'{written}': zeg welke uren, bv. 'andere uren op 23 december 2026: 09:00-12:00'")
    return {**exception, **times, **({"note": notes[-1].strip()} if notes else {})}
