"""The value of one spreadsheet cell, read as its column needs it, or a Dutch problem.

Values are checked with the schema's own value types (phone numbers, web
addresses, time ranges, days, languages), so a cell and a YAML field get the
same message for the same mistake.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..data.schema import Email, LanguageCode, PhoneNumber, TimeRangeText, Url
from ..site.describe import ACCESS_SHORT

KINDS = {"stad": "city_team", "partner": "partner", "city_team": "city_team"}
ACCESS = {**{text: code for code, text in ACCESS_SHORT.items()}, **{code: code for code in ACCESS_SHORT},
          "alleen telefonisch": "phone_only", "doorverwijzing": "referral", "": "unknown"}
DATE_TEXT = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ADAPTERS: dict[Any, TypeAdapter] = {}


class CellError(ValueError):
    """A cell's value cannot be used; the message says why and how to fix it."""


def text(value: Any) -> str:
    """A cell as text: numbers without a useless '.0', dates as dd-mm-yyyy."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value:%d-%m-%Y}"
    return str(value).strip()


def checked(kind: Any, value: str) -> Any:
    """``value`` through one of the schema's types; its Dutch message if it does not pass."""
    adapter = _ADAPTERS.get(kind) or _ADAPTERS.setdefault(kind, TypeAdapter(kind))
    try:
        return adapter.validate_python(value)
    except ValidationError as error:
        raise CellError(error.errors()[0]["msg"]) from None


def pieces(value: Any, separator: str) -> list[str]:
    return [piece.strip() for piece in text(value).split(separator) if piece.strip()]


def slug(name: str) -> str:
    """A record id from a name: 'Huis van het Kind' → 'huis-van-het-kind' (accents dropped)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def day(value: Any) -> dt.date:
    """A date cell; text only as 15-10-2026 or 2026-10-15 (a CSV file has nothing else)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    written = text(value)
    if match := DATE_TEXT.match(written):
        day_, month, year = (int(part) for part in match.groups())
        return _date(year, month, day_, written)
    if re.match(r"^\d{4}-\d{2}-\d{2}$", written):
        return _date(*(int(part) for part in written.split("-")), written)
    raise CellError(f"'{written}' is geen datum; typ de datum als dag-maand-jaar, bv. 15-10-2026")


def _date(year: int, month: int, day_: int, written: str) -> dt.date:
    try:
        return dt.date(year, month, day_)
    except ValueError:
        raise CellError(f"'{written}' is geen bestaande dag") from None


def phones(value: Any) -> list[dict]:
    """Phone numbers separated by ';'. A number stored as a number has lost its leading 0."""
    if isinstance(value, (int, float)):
        raise CellError(f"{text(value)} staat als getal in de cel, zodat de 0 vooraan weg is; "
                        "maak van de cel tekst en typ het nummer met zone, bv. 015 12 34 56")
    return [{"number": checked(PhoneNumber, number)} for number in pieces(value, ";")]


def times(value: Any) -> list[str]:
    if isinstance(value, (dt.time, dt.datetime)):
        raise CellError(f"{value:%H:%M} is één uur; schrijf van wanneer tot wanneer, bv. 09:00-12:00")
    return [str(checked(TimeRangeText, part.replace("–", "-"))) for part in pieces(value, ",")]


def time_groups(value: Any) -> list[list[str]]:
    """The times of each rule: '09:00-12:00, 13:00-16:00; 09:00-12:00' (one group per rule in 'dagen')."""
    if isinstance(value, (dt.time, dt.datetime)):
        return [times(value)]
    return [times(group) for group in re.split(r"[;\n]", text(value)) if group.strip()]


def access(value: Any) -> str:
    written = text(value).lower()
    if written not in ACCESS:
        choices = ", ".join(text for code, text in ACCESS_SHORT.items() if code != "unknown")
        raise CellError(f"'{text(value)}' is geen toegang; kies uit: {choices} (of laat leeg)")
    return ACCESS[written]


def kind(value: Any) -> str:
    written = text(value).lower() or "partner"
    if written not in KINDS:
        raise CellError(f"'{text(value)}' is geen soort; kies stad of partner (of laat leeg)")
    return KINDS[written]


def languages(value: Any) -> list[str] | str:
    codes = [checked(LanguageCode, part) for part in pieces(value, ",")]
    return codes or "unknown"


def url(value: Any) -> str:
    return checked(Url, text(value))


def email(value: Any) -> str:
    return checked(Email, text(value))
