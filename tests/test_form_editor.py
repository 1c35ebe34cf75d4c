"""The form editor's configuration and bundle, and the YAML round trip through Decap.

- schema/cms-config.yml is what `sociale-kaart schema` generates now;
- every field of every record model is in the form;
- the bundle the build copies is byte for byte the npm package pinned in package-lock.json;
- every record file of map/ and demo/map/, read and written back by the form's own
  code (generator/editors/cms_yaml.mjs, as `sociale-kaart format`), loads to the same
  records, field for field.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from generator.data.cmsconfig import SETTINGS_FILES, cms_config, cms_config_text
from generator.data.jsonschema import SCHEMAS
from generator.data.load import load_file, parse_text
from generator.data.schema import Location, Organisation, Site, Source
from generator.editors.formatting import format_map
from generator.resources import browser_code

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "node_modules" / "decap-cms" / "dist"
MAPS = [ROOT / "map", ROOT / "demo" / "map"]


def site_of(folder: Path) -> Site:
    return Site.model_validate(load_file(folder / "site.yaml")[0].data)


def test_committed_config_is_current():
    """Run `sociale-kaart schema` after changing generator/data/schema.py."""
    committed = (ROOT / "schema" / "cms-config.yml").read_text(encoding="utf-8")
    assert committed == cms_config_text(site_of(ROOT / "map"))


def names(fields: list[dict]) -> list[str]:
    return [field["name"] for field in fields]


def nested(fields: list[dict]) -> dict[str, list[dict]]:
    return {field["name"]: field["fields"] for field in fields if "fields" in field}


def check_fields(model, fields: list[dict]) -> None:
    assert names(fields) == list(model.model_fields), model.__name__
    for name, sub in nested(fields).items():
        check_fields(_model(model.model_fields[name].annotation), sub)


def _model(annotation):
    from generator.data.messages import _model_in

    return _model_in(annotation)


def test_every_field_of_every_model_is_in_the_form_in_order():
    config = cms_config(site_of(ROOT / "map"))
    collections = {c["name"]: c for c in config["collections"]}
    check_fields(Organisation, collections["organisations"]["fields"])
    check_fields(Location, collections["locations"]["fields"])
    files = {f["name"]: f for f in collections["settings"]["files"]}
    for name, _label, model in SETTINGS_FILES:
        check_fields(model, files[name]["fields"])
    assert {"organisation", "location", *files} >= set(SCHEMAS)


def source_form(config: dict) -> dict[str, dict]:
    organisations = next(c for c in config["collections"] if c["name"] == "organisations")
    sources = next(f for f in organisations["fields"] if f["name"] == "sources")
    return {field["name"]: field for field in sources["fields"]}


def test_a_confirmation_can_be_entered_in_the_form():
    """Issue 20: the form offers confirmed_by, and its date field takes what check takes."""
    fields = source_form(cms_config(site_of(ROOT / "map")))
    assert fields["confirmed_by"]["label"] == "Bevestigd door"
    assert "nooit gegevens van een burger" in fields["confirmed_by"]["hint"]
    assert fields["read"]["widget"] == "sk_date" and fields["read"]["max"] == "today"
    pattern = re.compile(fields["date"]["pattern"][0])
    for written, accepted in [("2026-12-02", True), ("2017", True), ("unknown", True),
                              ("02-12-2026", False), ("december 2026", False)]:
        assert bool(pattern.match(written)) is accepted, written
        entry = {"url": "https://example.org/a", "supports": "uren", "date": written}
        try:
            Source.model_validate(entry)
            checked = True
        except ValueError:
            checked = False
        assert checked is accepted, written


def test_collections_and_paths_follow_site_yaml():
    config = cms_config(site_of(ROOT / "demo" / "map"))
    collections = {c["name"]: c for c in config["collections"]}
    assert collections["organisations"]["folder"] == "demo/map/organisations"
    assert collections["organisations"]["slug"] == "{{fields.id}}"
    assert collections["locations"]["folder"] == "demo/map/locations"
    assert [f["file"] for f in collections["settings"]["files"]] == [
        f"demo/map/{name}.yaml" for name in ("site", "themes", "closures", "mentoring")]
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {"name": "github_token", "repo": "sociale-kaart/sociale-kaart", "branch": "main",
                                 "squash_merges": True}


def test_bundle_is_the_pinned_npm_package():
    """Git holds no bundle: the build takes it from node_modules/decap-cms (npm ci), the pinned version."""
    if not DIST.exists() and not os.environ.get("CI"):
        pytest.skip("npm ci has not run")
    shipped = {path.name for path in DIST.iterdir() if path.name.endswith(("decap-cms.js", "decap-cms.js.LICENSE.txt"))}
    assert {path.name for path in browser_code("decap-cms")} == shipped
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    version = json.loads((DIST.parent / "package.json").read_text(encoding="utf-8"))["version"]
    assert lock["packages"]["node_modules/decap-cms"]["version"] == version
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert not [name for name in tracked.splitlines() if name.endswith((".min.js", "decap-cms.js", "qrcode.js"))
                or ("/vendor/" in name and name.endswith(".js"))]


def test_missing_node_modules_is_a_dutch_message(monkeypatch, tmp_path):
    """A checkout without `npm ci`: the build stops before it starts, with what to do."""
    from mkdocs.exceptions import PluginError

    from generator import resources
    from generator.assemble.failures import check_browser_code

    monkeypatch.setattr(resources, "BUNDLED", tmp_path / "bundled")
    monkeypatch.setattr(resources, "CHECKOUT", tmp_path)
    with pytest.raises(PluginError) as stopped:
        check_browser_code()
    assert str(stopped.value) == ("De site is niet gebouwd: de browsercode van decap-cms ontbreekt "
                                  "(node_modules/decap-cms); voer eerst 'npm ci' uit in "
                                  f"{tmp_path} en bouw dan opnieuw.")


def record_files() -> list[tuple[Path, type]]:
    files = []
    for root in MAPS:
        files += [(path, Organisation) for path in sorted(root.glob("organisations/*.yaml"))]
        files += [(path, Location) for path in sorted(root.glob("locations/*.yaml"))]
        files += [(root / f"{name}.yaml", model) for name, _label, model in SETTINGS_FILES]
    return files


def leaves(value) -> int:
    if isinstance(value, dict):
        return sum(leaves(item) for item in value.values())
    if isinstance(value, list):
        return sum(leaves(item) for item in value) or 1
    return 1


def test_round_trip_through_the_form_editors_yaml():
    """The form reads and writes YAML 1.2 with the CMS's `yaml` package (as `sociale-kaart format`
    does, generator/editors/cms_yaml.mjs); check reads the result as the same records."""
    if not (ROOT / "node_modules" / "yaml").exists() and not os.environ.get("CI"):
        pytest.skip("npm ci has not run")
    models = dict(record_files())
    compared = 0
    for root in MAPS:
        for result in format_map(root):
            before, after = (parse_text(text, result.path) for text in (result.before, result.after))
            assert before[1] == [] and after[1] == [], (result.path, after[1])
            model = models[result.path]
            old, new = (model.model_validate(doc.data).model_dump(mode="json") for doc, _ in (before, after))
            assert new == old, result.path
            compared += leaves(old)
    print(f"round trip: {len(models)} files, {compared} values compared")
    assert len(models) >= 50 and compared > 1000


def test_build_writes_the_form_editor_once(demo_site):
    admin = demo_site / "admin"
    assert (admin / "decap-cms.js").read_bytes() == (DIST / "decap-cms.js").read_bytes()
    assert list(demo_site.rglob("decap-cms.js")) == [admin / "decap-cms.js"]
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert 'src="decap-cms.js"' in page and not re.search(r'(src|href)="https://', page)  # loads nothing elsewhere
    assert "collections/organisations" not in page  # the config is in config.yml
    assert "folder: demo/map/organisations" in (admin / "config.yml").read_text(encoding="utf-8")


SAMPLES = {
    "Phone": ("number", ["015 12 34 56", "0800 20 800", "+32 15 12 34 56", "(015) 12.34.56", "1718", "abc", "12",
                         "015 12 34 5", "+32", "0800-20-800x"]),
    "Organisation": ("website", ["https://www.mechelen.be", "http://a.be/x?y=1", "www.mechelen.be", "https://",
                                 "ftp://a.be", "https://mechelen"]),
    "Site": ("editorial_email", ["info@mechelen.be", "A.B@Stad.BE", "info@mechelen", "info mechelen.be", "@a.be"]),
    "Theme": ("id", ["huis-van-het-kind", "geld2", "Huis", "huis_kind", "-huis", "huis--kind"]),
}


def form_field_of(config: dict, path: list[str]) -> dict:
    fields = {c["name"]: c for c in config["collections"]}["organisations"]["fields"]
    field: dict = {}
    for name in path:
        field = next(f for f in fields if f["name"] == name)
        fields = field.get("fields") or ([field["field"]] if "field" in field else [])
    return field


def accepted_by_check(kind, value: str) -> bool:
    from pydantic import TypeAdapter, ValidationError

    try:
        TypeAdapter(kind).validate_python(value)
    except ValidationError:
        return False
    return True


def field_type(model, name: str):
    """The field's type with its validators (pydantic keeps those in the FieldInfo)."""
    from typing import Annotated

    info = model.model_fields[name]
    return Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation


def test_form_patterns_are_checks_rules():
    """The form refuses a value exactly when check does (Decap tests a pattern with RegExp.test)."""
    import re

    from generator.data import schema
    from generator.data.cmsconfig import PATTERNS

    by_rule = {schema._phone: "Phone", schema._url: "Organisation", schema._email: "Site", schema._slug: "Theme"}
    for rule, (pattern, message) in PATTERNS.items():
        model_name = by_rule[rule]
        name, values = SAMPLES[model_name]
        model = getattr(schema, model_name)
        for value in values:
            assert bool(re.search(pattern, value)) == accepted_by_check(field_type(model, name), value), (name, value)
        assert message and not message.endswith(".")


def test_time_pattern_and_order_follow_check():
    import re

    from generator.data.cmsconfig import TIME_RANGE
    from generator.data.schema import TimeRange

    for value in ["09:00-12:00", "9:00 - 12:30", "00:00-23:59", "25:00-26:99", "12:00-09:00", "12-13", "9u-12u",
                  "12:00-12:00", "23:60-23:61"]:
        shape = bool(re.search(TIME_RANGE[0], value))
        start, _, end = value.partition("-")
        ordered = shape and tuple(map(int, start.split(":"))) < tuple(map(int, end.split(":")))
        assert ordered == accepted_by_check(TimeRange, value), value


def test_form_needs_what_check_needs():
    config = cms_config(site_of(ROOT / "demo" / "map"))
    rule = form_field_of(config, ["services", "locations", "hours"])
    nested = {f["name"]: f for f in rule["fields"]}
    assert nested["times"]["min"] == 1 and nested["days"]["min"] == 1
    assert nested["times"]["field"]["widget"] == "sk_time_range"
    sources = form_field_of(config, ["sources"])
    assert sources["widget"] == "sk_records" and sources["min"] == 1
    assert set(sources["sk_one_of"]["fields"]) >= {"url", "file"}
    assert form_field_of(config, ["assured_date"]) == {
        "name": "assured_date", "label": "Laatst gecontroleerd op", "widget": "sk_date", "min": "2000-01-01",
        "max": "today", "hint": "De dag waarop iemand deze gegevens nagekeken heeft."}
    assert form_field_of(config, ["sources", "read"])["max"] == "today"  # a source's date: text (a year, unknown)
    for path in (["id"], ["website"], ["email"], ["phones", "number"], ["services", "id"]):
        assert form_field_of(config, path)["pattern"], path
