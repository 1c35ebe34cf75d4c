"""What an import needs to know of the map it goes into, even when that map is not valid yet or
does not exist: the themes and buildings already there, and for a new map its own settings.

`import` judges the map as it will be after the import (the existing files plus the
imported ones), so it can fill a map that was emptied, or one that is not there yet.
A new map gets the house (``--house ID``, or the organisation that publishes the HSDS
export), the demo's general list of themes and the legal holidays (not yet confirmed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..data.dataset import Dataset, load_dataset, read_file
from ..data.errors import DataError
from ..data.schema import Location, Theme, ThemeList
from ..resources import resource
from .empty_map import closures, site_settings
from .spreadsheet import Imported
from .yaml_out import dump


@dataclass
class Known:
    """The themes and buildings the import can refer to (what Dataset has, for a map that is not valid)."""

    themes: dict[str, Theme] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)


class NoHouse(ValueError):
    """A new map needs its house; the message says how to name it."""


def what_is_there(map_dir: Path) -> tuple[Dataset | None, Known | Dataset]:
    """The valid map (or None), and what the import may refer to: the valid themes and buildings
    of a map with problems, the demo's themes for a map that does not exist yet."""
    if not map_dir.exists():
        return None, Known(themes=themes_of(resource("demo/map/themes.yaml")))
    try:
        current = load_dataset(map_dir)
        return current, current
    except DataError:
        locations = [read_file(path, Location)[0] for path in sorted((map_dir / "locations").glob("*.yaml"))]
        return None, Known(themes_of(map_dir / "themes.yaml"), {loc.id: loc for loc in locations if loc})


def themes_of(path: Path) -> dict[str, Theme]:
    record = read_file(path, ThemeList)[0] if path.is_file() else None
    return {theme.id: theme for theme in record.themes} if record else {}


def new_map_files(imported: Imported, house_id: str | None) -> tuple[dict[str, str], str]:
    """site.yaml, themes.yaml and closures.yaml of a new map around the imported records, and the
    sentence that says so."""
    org_id = house_id or next((key for key, org in imported.organisations.items()
                               if imported.publisher and org.get("name") == imported.publisher), None)
    if org_id not in imported.organisations:
        known = ", ".join(sorted(imported.organisations)[:12])
        raise NoHouse(f"de map bestaat nog niet; zeg welke organisatie het huis is met --house ID (een van: {known})"
                      if not house_id else f"--house {house_id}: die organisatie zit niet in de import; kies een van: "
                      f"{known}")
    house = imported.organisations[org_id]
    location_id = next((place["location"] for service in house.get("services", [])
                        for place in service.get("locations", [])), None)
    if location_id is None or location_id not in imported.locations:
        raise NoHouse(f"het huis '{house['name']}' heeft geen gebouw in de import; een nieuwe map heeft het gebouw "
                      "van het huis nodig")
    city = imported.locations[location_id]["address"].get("city") or house["name"]
    files = {"site.yaml": dump(site_settings(house["name"], city, org_id, location_id)),
             "themes.yaml": resource("demo/map/themes.yaml").read_text(encoding="utf-8"),
             "closures.yaml": dump(closures())}
    return files, (f"Nieuwe kaart: het huis is {house['name']} (map/site.yaml); de sluitingsdagen zijn de "
                   "wettelijke feestdagen, nog niet bevestigd (map/closures.yaml); de thema's zijn die van het "
                   "voorbeeld (map/themes.yaml).")
