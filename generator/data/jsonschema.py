"""The JSON Schema of the YAML record types, for editors' YAML tooling."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .mentoring import Mentoring
from .schema import Closures, Location, Organisation, Site, ThemeList

SCHEMAS: dict[str, type[BaseModel]] = {
    "organisation": Organisation,
    "location": Location,
    "themes": ThemeList,
    "closures": Closures,
    "site": Site,
    "mentoring": Mentoring,
}


def schema_text(model: type[BaseModel]) -> str:
    """The JSON Schema of one record type, as stable, sorted JSON."""
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write one <name>.schema.json per record type into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(model), encoding="utf-8")
        written.append(path)
    return written
