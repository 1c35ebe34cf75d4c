"""The map `sociale-kaart init --empty` writes: only the house, nothing invented.

The house's name, address and phone come from the command line; what is not
given is written as a placeholder ("VUL IN: ...") that `check` reports, so the
map cannot be published with it. Hours, access and languages are unknown, the
closures are the legal holidays only and not yet confirmed by the house, and there
is no mentoring. The themes are the demo's (a general list of life themes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..data.schema import PLACEHOLDER
from ..resources import resource
from .cells import slug
from .records import ACCESSIBILITY
from .yaml_out import dump

HOUSE_ID = "huis"


@dataclass(frozen=True)
class House:
    """What the command line says of the house; None where it said nothing."""

    name: str | None = None
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    phone: str | None = None


def given(value: str | None, what: str) -> str:
    return value if value else f"{PLACEHOLDER} {what}"


def write_empty_map(map_dir: Path, house: House, municipality: str, today: dt.date) -> None:
    """site.yaml, themes.yaml, closures.yaml and the house as an organisation and a building."""
    (map_dir / "organisations").mkdir(parents=True)
    (map_dir / "locations").mkdir()
    (map_dir / "themes.yaml").write_text(resource("demo/map/themes.yaml").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    name = given(house.name, "de naam van het huis, bv. Sociaal Huis " + municipality)
    files = {
        "site.yaml": site_settings(name, municipality, HOUSE_ID, HOUSE_ID),
        "closures.yaml": closures(),
        f"organisations/{HOUSE_ID}.yaml": house_organisation(name, house, municipality, today),
        f"locations/{HOUSE_ID}.yaml": house_building(name, house, municipality, today),
    }
    for relative, record in files.items():
        (map_dir / relative).write_text(HEADER + dump(record), encoding="utf-8")


HEADER = ("# Geschreven door sociale-kaart init --empty. Wat met 'VUL IN' begint, vult u zelf in;\n"
          "# sociale-kaart check map zegt wat nog ontbreekt.\n")


def site_settings(name: str, municipality: str, organisation: str, location: str) -> dict:
    return {"name": name, "municipality": municipality, "house_location": location,
            "house_organisation": organisation, "fictional": False, "edit_branch": "main",
            "timezone": "Europe/Brussels", "map_path": "map"}


def closures() -> dict:
    """The legal holidays only, and not confirmed: the house has not said which days it closes."""
    return {"belgian_public_holidays": True, "flemish_public_service_days": False, "days": [], "confirmed": False}


def init_source(today: dt.date) -> dict:
    """The source of what was typed at `init`: the person who ran it."""
    return {"file": "sociale-kaart init", "supports": "Naam, adres en telefoon, ingegeven bij sociale-kaart init",
            "date": today}


def house_organisation(name: str, house: House, municipality: str, today: dt.date) -> dict:
    return {
        "id": HOUSE_ID, "name": name, "kind": "city_team",
        "description": f"{name} in {municipality}." if house.name else f"{PLACEHOLDER} wat het huis doet",
        "themes": ["onthaal"], "phones": [{"number": given(house.phone, "het telefoonnummer")}],
        "status": "active", "sources": [init_source(today)], "assured_date": today,
        "services": [{"id": "onthaal", "name": "Onthaal", "description": "Het onthaal.",
                      "access": "unknown", "languages": "unknown", "themes": ["onthaal"],
                      "locations": [{"location": HOUSE_ID, "hours": "unknown"}]}],
    }


def house_building(name: str, house: House, municipality: str, today: dt.date) -> dict:
    return {
        "id": HOUSE_ID, "name": name,
        "address": {"street": given(house.street, "straat en huisnummer"),
                    "postal_code": given(house.postal_code, "de postcode"),
                    "city": house.city or municipality, "country": "BE"},
        "accessibility": dict.fromkeys(ACCESSIBILITY, "unknown"),
        "sources": [init_source(today)], "assured_date": today,
    }


def municipality_name(folder: Path, given_name: str | None) -> str:
    """The municipality as given (--municipality), else the folder's name with a capital: 'lier' → 'Lier'."""
    if given_name:
        return given_name
    name = folder.resolve().name
    return name[:1].upper() + name[1:] if name == slug(name) else name
