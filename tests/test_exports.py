"""The open-data export: valid against the official HSDS 3.0 schemas, deterministic, stable ids."""

from __future__ import annotations

import csv
import io
import json
import shutil
import uuid
from pathlib import Path

import orjson
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.data.dataset import load_dataset
from generator.data.schema import Rule
from generator.publish.exports import NAMESPACE, all_services, byday, one_line, uid, write_exports

ROOT = Path(__file__).resolve().parents[1]
HSDS = Path(__file__).resolve().parents[2] / "shared" / "hsds-3.0" / "schema"
MAPS = {"real": ROOT / "map", "demo": ROOT / "demo" / "map"}


@pytest.fixture(scope="module")
def registry() -> Registry:
    """All official HSDS schema files, by file name (how they $ref each other)."""
    if not HSDS.is_dir():
        pytest.fail(f"the official HSDS 3.0 schemas are missing: {HSDS}")
    resources = [(path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8")),
                                                    default_specification=DRAFT202012))
                 for path in sorted(HSDS.glob("*.json"))]
    return Registry().with_resources(resources)


def validator(registry: Registry, name: str) -> Draft202012Validator:
    schema = json.loads((HSDS / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module", params=sorted(MAPS))
def export(request, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp(f"export-{request.param}")
    write_exports(load_dataset(MAPS[request.param]), folder)
    return folder


def errors(v: Draft202012Validator, records: list[dict]) -> list[str]:
    return [f"{r.get('name')}: {e.json_path}: {e.message}" for r in records for e in v.iter_errors(r)]


def test_services_are_valid_hsds(export: Path, registry: Registry) -> None:
    services = json.loads((export / "services.json").read_text(encoding="utf-8"))
    assert services
    assert errors(validator(registry, "service.json"), services) == []


def test_one_file_per_service_and_ndjson(export: Path, registry: Registry) -> None:
    services = json.loads((export / "services.json").read_text(encoding="utf-8"))
    lines = (export / "services.ndjson").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == services
    for service in services:
        single = json.loads((export / "services" / f"{service['id']}.json").read_text(encoding="utf-8"))
        assert single == service
    assert len(list((export / "services").glob("*.json"))) == len(services)


def test_organizations_are_valid_hsds(export: Path, registry: Registry) -> None:
    organizations = json.loads((export / "organizations.json").read_text(encoding="utf-8"))
    assert errors(validator(registry, "organization.json"), organizations) == []


def test_validation_is_not_vacuous(export: Path, registry: Registry) -> None:
    """The registry resolves the nested $refs: a bad nested uuid is caught."""
    service = json.loads((export / "services.json").read_text(encoding="utf-8"))[0]
    service["organization"]["id"] = "not-a-uuid"
    assert errors(validator(registry, "service.json"), [service])


def test_root_profile_schemas_and_csv(export: Path) -> None:
    root = json.loads((export / "index.json").read_text(encoding="utf-8"))
    assert root["version"] == "3.0"
    assert root["profile"].endswith("profile.json")
    assert "extensions" in json.loads((export / "profile.json").read_text(encoding="utf-8"))
    assert (export / "schema" / "organisation.schema.json").is_file()
    for name, first in (("organisaties.csv", "id"), ("diensten.csv", "organisatie")):
        raw = (export / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        assert rows[0][0] == first and len(rows) > 1
        assert {len(row) for row in rows} == {len(rows[0])}


def test_exports_are_byte_identical(tmp_path: Path) -> None:
    data = load_dataset(MAPS["demo"])
    first, second = tmp_path / "a", tmp_path / "b"
    write_exports(data, first)
    write_exports(load_dataset(MAPS["demo"]), second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_ids_are_stable() -> None:
    """Fixed namespace: these ids must never change (links from other data would break)."""
    data = load_dataset(MAPS["demo"])
    assert uid(data, "organisation", "sociaal-huis") == uid(data, "organisation", "sociaal-huis")
    assert uid(data, "organisation", "dienstencentrum") == "6d5550b7-44fa-5ba7-b4c9-1d411ee4464c"
    real = load_dataset(MAPS["real"])
    assert uid(real, "organisation", "sociaal-huis") != uid(data, "organisation", "sociaal-huis")


def test_uid_is_uuid5() -> None:
    data = load_dataset(MAPS["demo"])
    town = data.site.municipality
    for parts in (("organisation", "sociaal-huis"), ("service", "a", "b", "rule", "0", "1"), ("location", "é")):
        assert uid(data, *parts) == str(uuid.uuid5(NAMESPACE, "/".join((town, *parts))))


def sorted_object(pairs: list[tuple[str, object]]) -> dict:
    keys = [key for key, _ in pairs]
    assert keys == sorted(keys)
    return dict(pairs)


def test_data_files_are_compact_json(export: Path) -> None:
    """One record per line, sorted keys, no indentation, UTF-8; a file per service is its ndjson line."""
    lines = (export / "services.ndjson").read_bytes().splitlines(keepends=True)
    array = (export / "services.json").read_bytes()
    assert array == b"[\n" + b",\n".join(line.rstrip(b"\n") for line in lines) + b"\n]\n"
    for line in lines:
        record = json.loads(line, object_pairs_hook=sorted_object)
        assert line.count(b"\n") == 1 and line.startswith(b'{"')
        assert (export / "services" / f"{record['id']}.json").read_bytes() == line
    organizations = (export / "organizations.json").read_bytes().splitlines()
    assert organizations[0] == b"[" and organizations[-1] == b"]"
    assert len(organizations) == len(json.loads((export / "organizations.json").read_bytes())) + 2


@pytest.mark.parametrize(("rule", "expected"), [
    ({"repeat": "weekly", "days": ["tu", "th"], "times": ["09:00-12:00"]}, "TU,TH"),
    ({"repeat": "monthly", "days": ["tu"], "weeks": [2, 4], "times": ["09:00-12:00"]}, "2TU,4TU"),
    ({"repeat": "monthly", "days": ["fr"], "weeks": [-1], "times": ["09:00-12:00"]}, "-1FR"),
])
def test_byday(rule: dict, expected: str) -> None:
    assert byday(Rule.model_validate(rule)) == expected


def test_schedule_shapes() -> None:
    services = all_services(load_dataset(MAPS["demo"]))
    schedules = [s for svc in services for sal in svc.get("service_at_locations", [])
                 for s in sal.get("schedules", [])]
    every_other = [s for s in schedules if s["x_repeat"] == "every_other_week"]
    assert every_other and all(s["interval"] == 2 and s["dtstart"] and s["freq"] == "WEEKLY" for s in every_other)
    assert any(s["freq"] == "MONTHLY" for s in schedules)


def test_built_site_has_the_export(demo_site: Path) -> None:
    assert (demo_site / "data" / "services.json").is_file()
    assert (demo_site / "data" / "diensten.csv").is_file()
    page = (demo_site / "over-deze-kaart" / "index.html").read_text(encoding="utf-8")
    assert 'href="../data/services.json"' in page


# --- outputs that stay safe wherever they are opened ----------------------------------------

HOSTILE = {
    "name: Team Geld": """name: '=HYPERLINK("http://evil","x")'""",
    "name: Budgetbegeleiding": """name: "+cmd|' /C calc'!A0\"""",
    "description: Samen uw budget opmaken.": 'description: "@SUM(1) en\\Lmeer\\Pnog"',
    "themes: [geld, wonen]": "themes: [geld, wonen]\nalternate_name: -2+3",
}


@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory) -> Path:
    """The minimal map with texts a spreadsheet would run and line separators a reader would split on."""
    root = tmp_path_factory.mktemp("hostile") / "map"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal" / "map", root)
    record = root / "organisations" / "team-geld.yaml"
    text = record.read_text(encoding="utf-8")
    for old, new in HOSTILE.items():
        assert old in text
        text = text.replace(old, new, 1)
    record.write_text(text, encoding="utf-8")
    folder = root.parent / "data"
    write_exports(load_dataset(root), folder)
    return folder


def test_no_csv_cell_is_a_formula(hostile_export: Path) -> None:
    """OWASP's CSV-injection advice: a cell starting with = + - @ tab or CR gets a leading '."""
    cells = [cell for name in ("organisaties.csv", "diensten.csv")
             for row in csv.reader(io.StringIO((hostile_export / name).read_text(encoding="utf-8-sig")))
             for cell in row]
    assert """'=HYPERLINK("http://evil","x")""" in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert "'-2+3" in cells
    assert any(cell.startswith("'@SUM(1)") for cell in cells)
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_an_ndjson_record_is_one_line_for_every_reader(hostile_export: Path) -> None:
    raw = (hostile_export / "services.ndjson").read_bytes()
    services = json.loads((hostile_export / "services.json").read_text(encoding="utf-8"))
    lines = raw.decode("utf-8").splitlines()  # Python splits on U+2028, U+2029 and U+0085 too
    assert len(lines) == len(services)
    assert [json.loads(line) for line in lines] == services
    assert "@SUM(1) en\u2028meer\u2029nog" in {service["description"] for service in services}
    assert b"\\u2028" in raw and "\u2028".encode() not in raw


def test_one_line_escapes_every_line_separator() -> None:
    encoded = orjson.dumps({"t": "a\u2028b\u2029c\x85d – e"})
    assert one_line(encoded) == b'{"t":"a\\u2028b\\u2029c\\u0085d \xe2\x80\x93 e"}'
    assert json.loads(one_line(encoded)) == json.loads(encoded)
