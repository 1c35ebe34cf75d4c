"""Plain-Dutch wording of records: days, dates, hours rules, labels.

Pure functions of records; the templates call them so that no template needs
to know how a rule is phrased.
"""

from __future__ import annotations

import datetime as dt
import functools
from urllib.parse import quote

from ..data.schema import WEEKDAYS, Address, Exception_, Rule, Source, TimeRange

DAY_NAMES = dict(zip(WEEKDAYS, ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
                     strict=True))
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli",
          "augustus", "september", "oktober", "november", "december")

ACCESS = {
    "walk_in": "Binnenlopen zonder afspraak",
    "appointment": "Alleen op afspraak",
    "phone_only": "Alleen telefonisch",
    "referral": "Via uw maatschappelijk assistent of een doorverwijzing",
    "unknown": "Nog niet bevestigd of u een afspraak nodig hebt",
}
ACCESS_SHORT = {"walk_in": "zonder afspraak", "appointment": "op afspraak",
                "phone_only": "telefonisch",
                "referral": "via doorverwijzing", "unknown": "onbekend"}
LEVELS = {"yes": "ja", "limited": "beperkt", "no": "nee", "unknown": "nog niet bevestigd"}
ACCESSIBILITY_PARTS = {
    "wheelchair": "Rolstoeltoegankelijk",
    "entrance": "Toegang zonder trappen",
    "lift": "Lift",
    "toilet": "Aangepast toilet",
    "parking": "Parking voor personen met een handicap",
    "hearing_loop": "Ringleiding voor hoorapparaten",
}
KINDS = {"city_team": "Team van de stad", "partner": "Partner"}
STATUS = {"active": "", "temporarily_closed": "Tijdelijk gesloten", "ended": "Gestopt"}
UNKNOWN = "nog niet bevestigd"


def plural(count: int, one: str, many: str) -> str:
    """'1 dienst', '3 diensten'."""
    return f"{count} {one if count == 1 else many}"


def date_text(day: dt.date, weekday: bool = False) -> str:
    """'11 november 2026', or 'woensdag 11 november 2026'."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAY_NAMES[WEEKDAYS[day.weekday()]]} {text}" if weekday else text


def range_text(first: dt.date, last: dt.date) -> str:
    """'23 – 29 november 2026', '30 november – 6 december 2026', '28 december 2026 – 3 januari 2027'."""
    if first.year != last.year:
        return f"{date_text(first)} – {date_text(last)}"
    start = f"{first.day}" if first.month == last.month else f"{first.day} {MONTHS[first.month - 1]}"
    return f"{start} – {date_text(last)}"


def join(words: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} en {words[-1]}"


def search_words(themes: dict, theme_ids: list[str]) -> str:
    """The search words of these themes, each once, in the order written: the text the search
    index carries for a service (themes.yaml keywords), so a citizen's own word finds it."""
    words = dict.fromkeys(word for theme_id in theme_ids if theme_id in themes
                          for word in themes[theme_id].keywords)
    return ", ".join(words)


@functools.lru_cache(maxsize=4096)
def clock_text(time: dt.time) -> str:
    """'09:00'; remembered, as a map has few distinct times and strftime is slow (every page
    lists several, the next dates of each service repeat them)."""
    return f"{time:%H:%M}"


def span_text(opens: dt.time, closes: dt.time) -> str:
    """'09:00–12:00' (en dash between opening and closing)."""
    return f"{clock_text(opens)}–{clock_text(closes)}"


def spans_text(spans: tuple[tuple[dt.time, dt.time], ...]) -> str:
    """The times of one day's occurrences, (opens, closes) pairs: '09:00–12:00 en 13:30–16:00'."""
    return join([span_text(opens, closes) for opens, closes in spans])


def times_text(times: list[TimeRange]) -> str:
    """'09:00–12:00 en 13:30–16:00' (en dash between opening and closing)."""
    return join([span_text(t.opens, t.closes) for t in sorted(times, key=lambda t: t.opens)])


def ordinal(week: int) -> str:
    return "laatste" if week == -1 else f"{week}{'ste' if week in (1, 8) else 'de'}"


def days_text(days: list[str]) -> str:
    return join([DAY_NAMES[day] for day in WEEKDAYS if day in days])


def pattern_text(rule: Rule) -> str:
    """When the rule repeats, without times: 'elke dinsdag', 'de 2de en 4de dinsdag van de maand'."""
    days = days_text(rule.days)
    if rule.repeat == "monthly":
        weeks = sorted(rule.weeks or [], key=lambda w: (w == -1, w))
        return f"de {join([ordinal(w) for w in weeks])} {days} van de maand"
    if rule.repeat == "every_other_week":
        return f"om de twee weken op {days} (vanaf {date_text(rule.start)})"
    return f"elke {days}"


def period_text(rule: Rule) -> str:
    """'van 1 juli 2026 tot en met 31 augustus 2026', or ''."""
    if rule.valid_from and rule.valid_to:
        return f"van {date_text(rule.valid_from)} tot en met {date_text(rule.valid_to)}"
    if rule.valid_from:
        return f"vanaf {date_text(rule.valid_from)}"
    if rule.valid_to:
        return f"tot en met {date_text(rule.valid_to)}"
    return ""


def rule_text(rule: Rule) -> str:
    """One sentence: 'Elke maandag: 09:00–12:00 (van … tot en met …)'."""
    text = f"{pattern_text(rule)}: {times_text(rule.times)}"
    period = period_text(rule)
    text = f"{text} ({period})" if period else text
    return text[0].upper() + text[1:]


def exception_text(item: Exception_, closed_word: str = "Gesloten") -> str:
    """'Gesloten op woensdag 11 november 2026' or 'Andere uren op …: 09:00–11:00'."""
    when = date_text(item.date, weekday=True)
    text = f"{closed_word} op {when}" if item.closed else f"Andere uren op {when}: {times_text(item.times or [])}"
    return f"{text} ({item.note})" if item.note else text


def address_text(address: Address) -> str:
    """'Lange Schipstraat 27, 2800 Mechelen'."""
    return f"{address.street}, {address.postal_code} {address.city}"


def route_url(address: Address) -> str:
    """A plain link to an OpenStreetMap route to the address (nothing is loaded until it is followed)."""
    return "https://www.openstreetmap.org/directions?to=" + quote(f"{address_text(address)}, {address.country}")


def geo_uri(address: Address) -> str:
    """A geo: URI that opens the phone's own map app at the address (RFC 5870 with a query)."""
    return "geo:0,0?q=" + quote(f"{address_text(address)}, {address.country}")


def source_date_text(source: Source, short: bool = False) -> str:
    """How old a source says it is: '27 mei 2024', '2017', 'gelezen op 3 maart 2026', 'zonder datum';
    ``short`` writes days as 03-03-2026 (the one-page verification sheet)."""
    day = (lambda d: f"{d:%d-%m-%Y}") if short else date_text
    if source.read:
        return f"gelezen {day(source.read)}" if short else f"gelezen op {day(source.read)}"
    if isinstance(source.date, dt.date):
        return day(source.date)
    return str(source.date) if isinstance(source.date, int) else "zonder datum"
