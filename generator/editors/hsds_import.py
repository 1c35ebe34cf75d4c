"""An Open Referral HSDS 3.0 export read back into organisation and location records.

Reads what this project publishes under data/ (services.json with nested
organisations, locations and schedules, and the x_ extensions of profile.json),
or another publisher's HSDS 3.0 services.json. The x_ fields give back what
plain HSDS cannot say; without them nothing is guessed: no access, languages or
hours known means ``unknown``, an organisation without a theme is a problem.

What even our own export does not carry is listed in NOT_CARRIED (the import says it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..data.dataset import Dataset
from ..data.errors import display_path
from ..data.schema import SLUG
from .cells import slug
from .hsds_shape import SERVICE, RecordProblem, parse, shape_problems
from .records import ACCESSIBILITY
from .sheet_limits import regular_file
from .spreadsheet import Imported

STATUS = {"active": "active", "temporarily closed": "temporarily_closed", "inactive": "ended", "defunct": "ended"}
REPEAT = {("WEEKLY", 1): "weekly", ("WEEKLY", 2): "every_other_week", ("MONTHLY", 1): "monthly"}
BYDAY = re.compile(r"^(-?\d+)?(MO|TU|WE|TH|FR|SA|SU)$")
NOT_CARRIED = [
    "de bronnen van gebouwen (HSDS kent geen bron per locatie; de import zet het exportbestand als bron)",
    "map/themes.yaml (alleen de id's van de thema's; de thema's moeten al in themes.yaml staan)",
    "map/site.yaml, map/closures.yaml (sluitingsdagen) en map/mentoring.yaml",
    "zonder de x_-velden van dit project: soort (stad of partner), toegang, thema's, "
    "toegankelijkheid per onderdeel en 'onbekend' als toestand",
]
MAX_HSDS_BYTES = 1_000_000_000  # a whole export in one JSON file; only a FIFO or device is the danger
LINKS = {"id", "service_id", "location_id", "service_at_location_id", "organization_id", "opens_at", "closes_at",
         "description"}


def services_file(source: Path) -> Path:
    """services.json beside index.json, in the folder, or the file itself."""
    folder = source if source.is_dir() else source.parent
    if source.is_file() and source.name != "index.json":
        return source
    return folder / "services.json"


def import_hsds(source: Path, current: Dataset, today: dt.date, themes: Path | None = None) -> Imported:
    """The records of an HSDS export; problems for what cannot be written without guessing.

    ``themes``: the user's mapping of taxonomy terms (name, code or id) to theme ids.
    """
    path = services_file(source)
    tabular = (path.parent / "services.csv").is_file() or (path.parent / "datapackage.json").is_file()
    if tabular and not path.is_file():
        raise ValueError(f"{display_path(path.parent)}: de tabelvorm (CSV) van HSDS wordt niet ingelezen; "
                         "gebruik de JSON-vorm (services.json met de organisaties, gebouwen en roosters erin)")
    if not path.is_file():
        raise ValueError(f"{path} bestaat niet; geef een HSDS-map met services.json, of index.json")
    services = read_json(path)
    index = path.parent / "index.json"
    about = read_json(index) if index.is_file() else None
    publisher = about.get("name") if isinstance(about, dict) and isinstance(about.get("name"), str) else None
    reader = HsdsReader(path.name, current, provenance(path.name, publisher, today), theme_mapping(themes))
    imported = reader.read(services_in(services, path.name))
    imported.publisher = publisher
    return imported


def services_in(data: Any, file: str) -> list[tuple[str, Any]]:
    """The services of an export file with their JSON paths: a list, a paginated list ('contents'),
    one service, one organisation with its services, or one service_at_location with its service."""
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        found = [pair for i, item in enumerate(data["contents"]) for pair in services_in_item(item, f"contents[{i}]")]
    elif isinstance(data, list):
        found = [pair for i, item in enumerate(data) for pair in services_in_item(item, f"[{i}]")]
    else:
        found = services_in_item(data, "")
    if isinstance(data, dict) and data and all(str(key).endswith(".csv") for key in data):
        raise ValueError(f"{file}: de tabelvorm (CSV) van HSDS wordt niet ingelezen; gebruik de JSON-vorm "
                         "(services.json met de organisaties, gebouwen en roosters erin)")
    if not found and data:
        raise ValueError(f"{file}: bevat geen HSDS-diensten (een dienst, een organisatie met haar diensten, of een "
                         "lijst daarvan); alleen diensten met hun organisatie worden ingelezen")
    return found


def services_in_item(item: Any, path: str) -> list[tuple[str, Any]]:
    if not isinstance(item, dict):
        return [(path, item)]  # the shape check names it
    if isinstance(item.get("services"), list) and "organization" not in item:  # an organization with its services
        org = {key: value for key, value in item.items() if key != "services"}
        return [(f"{path}.services[{i}]".lstrip("."), {**service, "organization": org} if isinstance(service, dict)
                 else service) for i, service in enumerate(item["services"])]
    if isinstance(item.get("service"), dict) and isinstance(item.get("location"), dict):  # a service_at_location
        place = {key: value for key, value in item.items() if key != "service"}
        return [(f"{path}.service".lstrip("."), {**item["service"], "service_at_locations": [place]})]
    is_location = "location_type" in item or "addresses" in item
    if not is_location and any(key in item for key in ("organization", "schedules", "service_at_locations")):
        return [(path, item)]
    return []


def theme_mapping(path: Path | None) -> dict[str, str]:
    """The --themes file: one 'term: theme-id' per line (YAML), read with the map's own limits."""
    if path is None:
        return {}
    from ..data.load import load_file

    doc, problems = load_file(path)
    if problems or doc is None or not isinstance(doc.data, dict):
        detail = "; ".join(str(problem) for problem in problems) or "schrijf per regel 'term: thema-id'"
        raise ValueError(f"{display_path(path)}: is geen lijst van termen en thema's ({detail})")
    return {str(term): str(theme) for term, theme in doc.data.items()}


def read_json(path: Path) -> Any:
    """A JSON file of the export, or a Dutch ValueError (not UTF-8, not JSON, NaN, endless nesting)."""
    regular_file(path, display_path(path), max_bytes=MAX_HSDS_BYTES)
    try:
        return parse(path.read_text(encoding="utf-8"), display_path(path))
    except UnicodeDecodeError:
        raise ValueError(f"{display_path(path)} is geen UTF-8-tekst; een HSDS-export is JSON in UTF-8") from None


def provenance(name: str, publisher: str | None, today: dt.date) -> dict:
    of = f" van {publisher}" if publisher else ""
    return {"file": name, "supports": f"Ingelezen uit de HSDS 3.0-export{of} ({name})", "date": today}


class HsdsReader:
    """Turns HSDS services (with their nested organization) into our records."""

    def __init__(self, file: str, current: Dataset, source: dict, mapping: dict[str, str] | None = None):
        self.file, self.current, self.source, self.mapping = file, current, source, mapping or {}
        self.assured: str | None = None  # of the service being read: for its buildings without their own
        self.result = Imported(notes=[f"Niet in HSDS, dus niet ingelezen: {item}" for item in NOT_CARRIED])
        self.record_ids: dict[str, str] = {}  # HSDS organization id → our record id
        self.org_paths: dict[str, str] = {}  # our record id → where its organization is first in the export

    def at(self, path: str, message: str) -> None:
        """A problem at a JSON path of the export file."""
        self.result.problems.append(RecordProblem(self.file, path, message))

    def read(self, items: list[tuple[str, Any]]) -> Imported:
        services = [item for path, item in items if self.well_shaped(item, path)]
        self.paths = {id(item): path for path, item in items}
        for item in services:
            org = item.get("organization") or {}
            self.record_ids[org.get("id") or ""] = org.get("x_record_id") or slug(org.get("name") or "")
        for item in services:
            try:
                self.add_service(item)
            except (KeyError, TypeError, AttributeError) as error:  # another publisher's shape
                self.at(self.paths.get(id(item)) or "(bestand)",
                        f"onverwachte vorm, niet volgens HSDS 3.0 ({error!r})")
        for org_id, org in list(self.result.organisations.items()):
            before = len(self.result.problems)
            self.finish(org)
            if len(self.result.problems) > before:  # never written; with --partial the rest is
                del self.result.organisations[org_id]
                self.result.skipped_records.append(f"organisatie '{org['name']}'")
        self.result.rows_read = len(services)
        self.result.problems.sort()
        return self.result

    def well_shaped(self, item: Any, path: str) -> bool:
        """Whether a service has the types the reader needs; else its problems, and it is left out."""
        problems = shape_problems(item, SERVICE, path, self.file)
        names = [(f"{path}.organization.name", (item.get("organization") or {}).get("name")),
                 (f"{path}.name", item.get("name"))] if not problems else []
        problems += [RecordProblem(self.file, where, f"'{name}' geeft geen id (geen letters of cijfers); "
                                   "geef een naam met letters of een x_record_id")
                     for where, name in names if name and not SLUG.match(slug(name))]
        self.result.problems.extend(problems)
        if problems:
            self.result.skipped_records.append(f"dienst {path}")
        return not problems

    def add_service(self, item: dict) -> None:
        org_json = item.get("organization") or {}
        org_id = self.record_ids.get(org_json.get("id", ""))
        path = self.paths.get(id(item), "")
        if not org_id:
            self.at(f"{path}.organization".lstrip("."), "de dienst hoort bij geen organisatie")
            return
        if org_id not in self.result.organisations:
            self.result.organisations[org_id] = self.organisation(org_id, org_json, item)
            self.org_paths[org_id] = f"{path}.organization".lstrip(".")
            self.result.origins[f"organisations/{org_id}.yaml"] = f"{self.file}: {path or '(bestand)'}"
        org = self.result.organisations[org_id]
        org["services"].append(self.service(item, org["name"], path))

    def organisation(self, org_id: str, org: dict, first_service: dict) -> dict:
        parent = org.get("parent_organization_id")
        return compact({
            "id": org_id, "name": org.get("name"), "alternate_name": org.get("alternate_name"),
            "kind": org.get("x_kind") or "partner",
            "parent_organisation": self.record_ids.get(parent) if parent else None,
            "description": org.get("description"), "themes": list(org.get("x_themes") or []),
            "website": org.get("website"), "email": org.get("email"), "phones": phones(org.get("phones")),
            "status": org.get("x_status") or STATUS.get(first_service.get("status"), "active"),
            "alert": org.get("x_alert"), "data_note": org.get("x_data_note"),
            "sources": [compact({**source, "date": source_date(source.get("date")), "read": day(source.get("read"))})
                        for source in org.get("x_sources") or []],
            "assured_date": day(org.get("x_assured_date") or first_service.get("assured_date")), "services": [],
        })

    def finish(self, org: dict) -> None:
        """Themes (from the services when the organisation has none), the import as a source, checks."""
        where = self.org_paths[org["id"]]
        if not org["themes"]:
            org["themes"] = list(dict.fromkeys(t for service in org["services"] for t in service.get("themes", [])))
        if not org["themes"]:
            self.at(f"{where}.x_themes", "de export zegt niet bij welk thema ze hoort (geen x_themes, geen term "
                         "uit --themes); geef met --themes BESTAND per term een thema (een regel 'term: thema-id', "
                         "bv. 'Counselling: gezondheid'), of lees de rest in met --partial")
        for theme in org["themes"]:
            if theme not in self.current.themes:
                self.at(f"{where}.x_themes", f"het thema '{theme}' staat niet in map/themes.yaml; voeg het daar toe")
        if not org.get("assured_date"):
            self.at(f"{where}.x_assured_date", "geen datum van de laatste controle (assured_date)")
        org["sources"].append(self.source)

    def service(self, item: dict, org_name: str, path: str) -> dict:
        what = f"{org_name}, dienst '{item.get('name')}'"
        self.assured = item.get("assured_date")
        languages = [language["code"] for language in item.get("languages") or []]
        known_languages = languages or ([] if item.get("x_languages") == "known" else "unknown")
        places = [self.place(sal, what, f"{path}.service_at_locations[{k}]".lstrip("."))
                  for k, sal in enumerate(item.get("service_at_locations") or [])]
        return compact({
            "id": item.get("x_record_id") or slug(item.get("name", "")), "name": item.get("name"),
            "description": item.get("description"), "audience": item.get("eligibility_description"),
            "access": item.get("x_access") or "unknown", "application_process": item.get("application_process"),
            "required_documents": [doc["document"] for doc in item.get("required_documents") or []],
            "cost": item.get("fees_description"), "languages": known_languages,
            "themes": self.themes_of(item, path), "phones": phones(item.get("phones")),
            "hours": self.hours(item, path, has_places=bool(places)), "exceptions": exceptions(item),
            "locations": places,
        })

    def hours(self, item: dict, path: str, has_places: bool = False) -> list[dict] | str | None:
        """The rules of ``item``'s schedules; 'unknown' unless the export says they are known."""
        state = item.get("x_hours")
        if state == "unknown" or (state is None and not item.get("schedules")):
            return None if has_places else "unknown"
        if state == "none":
            return []
        where = f"{path}.schedules".lstrip(".")
        return [rule for group in grouped(list(enumerate(item.get("schedules") or [])))
                if (rule := self.rule(group, where))]

    def rule(self, group: list[tuple[int, dict]], where: str) -> dict | None:
        """One rule from schedules alike but for their times; a field the map cannot carry is a
        problem that names it (the hours would otherwise come out wider than published)."""
        index, first = group[0]
        at = f"{where}[{index}]"
        refused = [(key, message) for key, message in SCHEDULE_REFUSED.items() if first.get(key) not in (None, "")]
        for key, message in refused:
            self.at(f"{at}.{key}", message)
        repeat = first.get("x_repeat") or REPEAT.get((first.get("freq"), first.get("interval") or 1))
        tokens = [BYDAY.match(token.strip()) for token in (first.get("byday") or "").split(",") if token.strip()]
        if not repeat or not tokens or not all(tokens):
            field = "freq" if not repeat else "byday"
            self.at(f"{at}.{field}", (
                f"'{first.get(field)}': geen herhaling die de kaart kent (wekelijks, om de twee weken, maandelijks "
                "op vaste weekdagen); vul deze uren daarna zelf in"))
            return None
        times = [clock_span(s, f"{where}[{i}]", self.result.problems, self.file) for i, s in group]
        if refused or None in times:
            return None
        return compact({
            "repeat": repeat, "days": list(dict.fromkeys(t.group(2).lower() for t in tokens)),
            "weeks": list(dict.fromkeys(int(t.group(1)) for t in tokens)) if repeat == "monthly" else None,
            "start": day(first.get("dtstart")) if repeat == "every_other_week" else None,
            "times": times, "valid_from": day(first.get("valid_from")),
            "valid_to": earliest(day(first.get("valid_to")), day(first.get("until"))),
            "label": first.get("notes") if "x_repeat" in first else label_of(first),
        })

    def themes_of(self, item: dict, path: str) -> list[str]:
        """x_themes, or the taxonomy terms of the service through the --themes mapping."""
        if item.get("x_themes"):
            return list(item["x_themes"])
        terms = [(f"{path}.attributes[{i}].taxonomy_term".lstrip("."), attribute.get("taxonomy_term") or {})
                 for i, attribute in enumerate(item.get("attributes") or [])]
        found = [] if terms or "*" not in self.mapping else [self.mapping["*"]]
        for where, term in terms:
            keys = [term.get(key) for key in ("name", "code", "id") if term.get(key)]
            theme = next((self.mapping[key] for key in keys if key in self.mapping), self.mapping.get("*"))
            if theme is None and self.mapping:
                self.at(where, (
                    f"de term '{keys[0] if keys else '?'}' staat niet in het bestand van --themes; voeg een regel "
                    f"'{keys[0] if keys else 'term'}: <thema-id>' toe"))
            elif theme is not None:
                found.append(theme)
        return list(dict.fromkeys(found))

    def place(self, sal: dict, what: str, path: str) -> dict:
        """A service_at_location: its building (a location record), room, floor, note, hours."""
        location = sal.get("location") or {}
        loc_id = location.get("x_record_id") or slug(location.get("name") or "")
        if loc_id not in self.result.locations:
            self.add_location(loc_id, location, f"{path}.location")
        room, floor = sal.get("x_room"), sal.get("x_floor")
        return compact({"location": loc_id, "room": room, "floor": floor,
                        "note": note(sal.get("description"), [floor, room]),
                        "hours": self.hours(sal, path),
                        "exceptions": exceptions(sal)})

    def add_location(self, loc_id: str, location: dict, path: str) -> None:
        address = (location.get("addresses") or [{}])[0]
        if not address.get("address_1"):
            self.at(f"{path}.addresses[0].address_1", (
                f"het gebouw '{location.get('name')}' heeft geen adres; een gebouw op de kaart heeft er een nodig"))
            return
        access = (location.get("accessibility") or [{}])[0]
        levels = {**dict.fromkeys(ACCESSIBILITY, "unknown"), **(access.get("x_levels") or {})}
        self.result.origins[f"locations/{loc_id}.yaml"] = f"{self.file}: {path}"
        self.result.locations[loc_id] = compact({
            "id": loc_id, "name": location.get("name"), "description": location.get("description"),
            "transportation": location.get("transportation"),
            "address": {"street": address["address_1"], "postal_code": address.get("postal_code"),
                        "city": address.get("city"), "country": address.get("country") or "BE"},
            "accessibility": compact({**levels, "description": access.get("description")}),
            "sources": [self.source], "assured_date": day(location.get("x_assured_date") or self.assured),
        })


def grouped(schedules: list[tuple[int, dict]]) -> Iterator[list[tuple[int, dict]]]:
    """Schedules of one rule are consecutive and alike but for their times (HSDS: one time per schedule)."""
    group: list[tuple[int, dict]] = []
    for index, schedule in schedules:
        if group and rule_key(group[0][1]) != rule_key(schedule):
            yield group
            group = []
        group.append((index, schedule))
    if group:
        yield group


SCHEDULE_REFUSED = {
    "byweekno": "weken van het jaar kan de kaart niet zeggen; dit rooster wordt niet ingelezen",
    "bymonthday": "dagen van de maand (de 2de, 3de, ...) kan de kaart niet zeggen; dit rooster wordt niet ingelezen",
    "byyearday": "dagen van het jaar kan de kaart niet zeggen; dit rooster wordt niet ingelezen",
    "count": "een aantal keren kan de kaart niet zeggen (wel een einddatum: until of valid_to)",
    "timezone": "een tijdzone als getal kan de kaart niet omrekenen; schrijf de uren in de tijd van Brussel",
    "attending_type": "hoe men deelneemt (ter plaatse of op afstand) kan de kaart niet zeggen bij uren",
    "schedule_link": "een link bij de uren kan de kaart niet tonen",
}
CLOCK = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$")


def clock_span(schedule: dict, at: str, problems: list, file: str) -> str | None:
    """'10:00:00' and '18:00:00' as '10:00-18:00'; a time with seconds other than :00 or with a zone
    is a problem at its path (a zone cannot become hours in Brussels: summer and winter time differ)."""
    spans = []
    for key in ("opens_at", "closes_at"):
        found = CLOCK.match(str(schedule.get(key) or ""))
        if not found or (found.group(3) or "00") != "00" or found.group(4):
            what = "geen tijd (uu:mm of uu:mm:ss)" if not found else (
                "een tijd met tijdzone kan de kaart niet omrekenen naar de tijd in Brussel (zomer- en wintertijd); "
                "schrijf de plaatselijke tijd" if found.group(4) else "seconden kan de kaart niet tonen")
            problems.append(RecordProblem(file, f"{at}.{key}", f"'{schedule.get(key)}': {what}"))
            return None
        spans.append(f"{found.group(1)}:{found.group(2)}")
    return "-".join(spans)


def earliest(*days: dt.date | None) -> dt.date | None:
    known = [value for value in days if value]
    return min(known) if known else None


def label_of(schedule: dict) -> str | None:
    """Another publisher's schedule description (and notes) kept as the rule's note."""
    parts = [schedule.get("description"), schedule.get("notes")]
    return " ".join(part.strip() for part in parts if part and part.strip()) or None


def rule_key(schedule: dict) -> tuple:
    return tuple(sorted((key, str(value)) for key, value in schedule.items() if key not in LINKS))


def note(description: str | None, known: list[str | None]) -> str | None:
    """Our export writes 'floor, room, note' into description; give back the note."""
    prefix = ", ".join(part for part in known if part)
    if not description or description == prefix:
        return None
    return description[len(prefix) + 2:] if prefix and description.startswith(prefix + ", ") else description


def phones(items: list[dict] | None) -> list[dict]:
    return [compact({"number": p["number"], "description": p.get("description")}) for p in items or []]


def exceptions(item: dict) -> list[dict]:
    return [compact({"date": day(e["date"]), "closed": e.get("closed") or None, "times": e.get("times"),
                     "note": e.get("note")}) for e in item.get("x_exceptions") or []]


def day(value: str | None) -> dt.date | None:
    """An HSDS date (YYYY-MM-DD) as a date, so that the YAML holds a date, not a quoted text."""
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def source_date(value: str | None) -> dt.date | int | str | None:
    """A source's date as our export writes it: a day, a year (2017) or 'unknown'; check judges the rest."""
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return day(value) or value


def compact(fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` without None and empty optional lists, so that the YAML says only what is known."""
    keep_empty = {"hours", "languages", "themes", "sources", "services"}
    return {key: value for key, value in fields.items()
            if value is not None and (value != [] or key in keep_empty)}
