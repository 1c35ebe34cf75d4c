"""The shape of the HSDS 3.0 fields the importer reads, checked before anything is read.

Another publisher's export (or a hostile file) can put a list where a name
belongs, a number where an id belongs, or nest lists a hundred thousand deep.
The reader trusts the types below; every field that has another type is a
problem at its JSON path (``services.json: [0].organization.name: ...``), and
a wrong record is left out, never read half. Fields the importer does not read
are not looked at. Ids that become file names follow the map's own id rule.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..data.schema import Slug

TEXT, NUMBER, FLAG = "tekst", "getal", "waar of onwaar"
RECORD_ID = "id"  # text that becomes a file name: the map's id rule (schema.Slug)
REQUIRED = "!"  # a key ending in "!" must be there

PHONE = {"number!": TEXT, "description": TEXT}
SCHEDULE = {"freq": TEXT, "interval": NUMBER, "byday": TEXT, "byweekno": TEXT, "bymonthday": TEXT,
            "byyearday": TEXT, "until": TEXT, "count": NUMBER, "wkst": TEXT, "dtstart": TEXT, "valid_from": TEXT,
            "valid_to": TEXT, "opens_at": TEXT, "closes_at": TEXT, "description": TEXT, "notes": TEXT,
            "x_repeat": TEXT, "timezone": NUMBER, "attending_type": TEXT, "schedule_link": TEXT}
EXCEPTION = {"date!": TEXT, "closed": FLAG, "times": [TEXT], "note": TEXT}
ADDRESS = {"address_1": TEXT, "postal_code": TEXT, "city": TEXT, "country": TEXT}
ACCESSIBILITY_ = {"description": TEXT, "x_levels": {"*": TEXT}}
LOCATION = {"name!": TEXT, "description": TEXT, "transportation": TEXT, "x_record_id": RECORD_ID,
            "x_assured_date": TEXT, "addresses": [ADDRESS], "accessibility": [ACCESSIBILITY_]}
PLACE = {"x_room": TEXT, "x_floor": TEXT, "description": TEXT, "x_hours": TEXT, "location": LOCATION,
         "schedules": [SCHEDULE], "x_exceptions": [EXCEPTION]}
SOURCE = {"url": TEXT, "file": TEXT, "supports": TEXT, "date": TEXT}
ORGANIZATION = {"id": TEXT, "name!": TEXT, "alternate_name": TEXT, "x_kind": TEXT, "parent_organization_id": TEXT,
                "description": TEXT, "x_themes": [TEXT], "website": TEXT, "email": TEXT, "phones": [PHONE],
                "x_status": TEXT, "x_alert": TEXT, "x_data_note": TEXT, "x_sources": [SOURCE],
                "x_assured_date": TEXT, "x_record_id": RECORD_ID}
SERVICE = {"id": TEXT, "name!": TEXT, "description": TEXT, "status": TEXT, "assured_date": TEXT,
           "x_record_id": RECORD_ID, "eligibility_description": TEXT, "x_access": TEXT,
           "application_process": TEXT, "required_documents": [{"document!": TEXT}], "fees_description": TEXT,
           "languages": [{"code!": TEXT}], "x_languages": TEXT, "x_themes": [TEXT], "phones": [PHONE],
           "x_hours": TEXT, "schedules": [SCHEDULE], "x_exceptions": [EXCEPTION],
           "service_at_locations": [PLACE], "organization": ORGANIZATION,
           "attributes": [{"taxonomy_term": {"id": TEXT, "code": TEXT, "name": TEXT}}]}
TYPES = {TEXT: (str,), NUMBER: (int, float), FLAG: (bool,), RECORD_ID: (str,)}
SLUG_CHECK = TypeAdapter(Slug)


@dataclass(frozen=True, order=True)
class RecordProblem:
    """A problem in a record of the export, at its place: 'services.json: [0].organization.name: message'."""

    place: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.field}: {self.message}"


class JsonTooDeep(ValueError):
    """The file nests deeper than Python's JSON reader can follow."""


def parse(text: str, file: str) -> Any:
    """JSON as HSDS has it: NaN and Infinity are not JSON and are refused; so is endless nesting."""
    def refuse(word: str) -> Any:
        raise ValueError(f"{file} bevat {word}; dat is geen JSON-waarde (schrijf een getal of tekst)")

    try:
        return json.loads(text, parse_constant=refuse)
    except RecursionError:
        raise JsonTooDeep(f"{file} is dieper genest dan een HSDS-export ooit is; is het wel een HSDS-export?") \
            from None
    except json.JSONDecodeError as error:
        raise ValueError(f"{file}:{error.lineno}: is geen leesbare JSON ({error.msg})") from None


def shape_problems(value: Any, spec: Any, path: str, file: str) -> list[RecordProblem]:
    """Every field of ``value`` whose type differs from ``spec`` (the spec's depth bounds the walk)."""
    if value is None:
        return []
    if isinstance(spec, list):
        if not isinstance(value, list):
            return [RecordProblem(file, path, f"hoort een lijst te zijn, niet {kind_of(value)}")]
        return [p for i, item in enumerate(value) for p in shape_problems(item, spec[0], f"{path}[{i}]", file)]
    if isinstance(spec, dict):
        return object_problems(value, spec, path, file)
    if not isinstance(value, TYPES[spec]) or (spec != FLAG and isinstance(value, bool)):
        return [RecordProblem(file, path, f"hoort {spec} te zijn, niet {kind_of(value)}")]
    if spec == RECORD_ID:
        return id_problems(value, path, file)
    return []


def object_problems(value: Any, spec: dict, path: str, file: str) -> list[RecordProblem]:
    if not isinstance(value, dict):
        return [RecordProblem(file, path or "(bestand)", f"hoort een object ({{...}}) te zijn, niet {kind_of(value)}")]
    found = []
    for key, kind in spec.items():
        name = key.rstrip(REQUIRED)
        where = f"{path}.{name}" if path else name
        if name == "*":
            found += [p for k, v in value.items() for p in shape_problems(v, kind, f"{path}.{k}", file)]
        elif key.endswith(REQUIRED) and value.get(name) in (None, ""):
            found.append(RecordProblem(file, where, "ontbreekt; dit veld is nodig"))
        else:
            found += shape_problems(value.get(name), kind, where, file)
    return found


def id_problems(value: str, path: str, file: str) -> list[RecordProblem]:
    """An id that becomes a file name: the rule of every id in map/ (no '/', no '..')."""
    try:
        SLUG_CHECK.validate_python(value)
    except ValidationError as error:
        return [RecordProblem(file, path, error.errors()[0]["msg"])]
    return []


def kind_of(value: Any) -> str:
    names = {dict: "een object", list: "een lijst", str: "tekst", bool: "waar/onwaar", type(None): "leeg"}
    return names.get(type(value), "een getal")
