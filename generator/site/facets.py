"""Search filters and result-card fields of an organisation page (for Pagefind).

Every filter has a value for every organisation: what is not known gets the
explicit value "onbekend" instead of disappearing from the filter.
"""

from __future__ import annotations

from ..data.languages import LANGUAGES
from ..data.schema import WEEKDAYS, Location, Organisation, Service
from .describe import ACCESS_SHORT, DAY_NAMES, KINDS, LEVELS, days_text

UNKNOWN = "onbekend"
NOT_IN_HOUSE = "niet in het huis"

# Filter keys as they appear in URLs, with the Dutch label the search page shows.
FILTERS = {
    "thema": "Thema",
    "dag": "Dag in het huis",
    "toegang": "Afspraak nodig?",
    "rolstoel": "Rolstoeltoegankelijk",
    "taal": "Taal",
    "soort": "Soort organisatie",
    "type": "Soort pagina",
}


def organisation_facets(org: Organisation, themes: dict, locations: dict[str, Location],
                        house_location: str) -> dict[str, list[str]]:
    """Filter values of one organisation page, each list sorted and never empty."""
    services = org.services
    theme_ids = list(dict.fromkeys([*org.themes, *(t for s in services for t in s.themes)]))
    return {
        "thema": [themes[t].name for t in theme_ids],
        "dag": _days_in_house(services, house_location),
        "toegang": _sorted_or_unknown({ACCESS_SHORT[s.access] for s in services}),
        "rolstoel": _wheelchair(services, locations),
        "taal": _languages(services),
        "soort": [KINDS[org.kind]],
    }


def _sorted_or_unknown(values: set[str]) -> list[str]:
    return sorted(values) or [UNKNOWN]


def _days_in_house(services: list[Service], house_location: str) -> list[str]:
    """The days in the house; 'onbekend' where the days or the place itself are not known (a service
    without locations may well be in the house); 'niet in het huis' only when every service is
    known to be somewhere else."""
    places = [p for s in services for p in s.locations if p.location == house_location]
    place_unknown = any(not s.locations for s in services)
    if not places:
        return [UNKNOWN] if place_unknown else [NOT_IN_HOUSE]
    days = {day for p in places for rule in p.hours or [] for day in rule.days}
    names = [DAY_NAMES[day] for day in WEEKDAYS if day in days]
    return [*names, UNKNOWN] if place_unknown or any(p.hours is None for p in places) else names


def _wheelchair(services: list[Service], locations: dict[str, Location]) -> list[str]:
    levels = {locations[p.location].accessibility.wheelchair for s in services for p in s.locations}
    return _sorted_or_unknown({LEVELS[level] if level != "unknown" else UNKNOWN for level in levels})


def _languages(services: list[Service]) -> list[str]:
    names: set[str] = set()
    for service in services:
        if service.languages is None:
            names.add(UNKNOWN)
        else:
            names.update(LANGUAGES[code] for code in service.languages)
    return _sorted_or_unknown(names)


def when_in_house(org: Organisation, house_location: str) -> str:
    """Short 'when' for a result card: 'maandag en donderdag' or 'nog niet bevestigd'."""
    days = _days_in_house(org.services, house_location)
    if days == [NOT_IN_HOUSE]:
        return NOT_IN_HOUSE
    known = [key for key, name in DAY_NAMES.items() if name in days]
    return days_text(known) if known else "nog niet bevestigd"
