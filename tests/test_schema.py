"""The record models accept what editors may write, and the committed JSON Schema matches them.

The second half checks every record file of map/ and demo/map/ against the
committed JSON Schema with the `jsonschema` library, independently of the
pydantic models: what editors' YAML tooling reads must agree with the data.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from generator.data.jsonschema import SCHEMAS, schema_text
from generator.data.schema import (
    Accessibility,
    Exception_,
    Organisation,
    Rule,
    Service,
    ServiceAtLocation,
    TimeRange,
)

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schema"
FIXTURE = ROOT / "tests" / "fixtures" / "minimal" / "map"
MAP_FOLDERS = [ROOT / "map", ROOT / "demo" / "map", FIXTURE]


def error_messages(model, data) -> list[str]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [error["msg"] for error in info.value.errors()]


# --- valid variations -------------------------------------------------------------


def weekly(**fields):
    return {"repeat": "weekly", "days": ["mo"], "times": ["09:00-12:00"], **fields}


@pytest.mark.parametrize(("written", "stored"), [
    (["ma", "di", "wo", "do", "vr", "za", "zo"], ["mo", "tu", "we", "th", "fr", "sa", "su"]),
    (["mo", "tu", "we", "th", "fr", "sa", "su"], ["mo", "tu", "we", "th", "fr", "sa", "su"]),
    (["Ma", " DI "], ["mo", "tu"]),
])
def test_weekdays_in_dutch_or_english(written, stored):
    assert Rule.model_validate(weekly(days=written)).days == stored


def test_unknown_weekday():
    assert "'maandag' is geen dag" in error_messages(Rule, weekly(days=["maandag"]))[0]


@pytest.mark.parametrize(("written", "shown"), [
    ("09:00-12:00", "09:00-12:00"),
    ("9:00-12:00", "09:00-12:00"),
    ("09:00 - 12:30", "09:00-12:30"),
    ("00:00-23:59", "00:00-23:59"),
])
def test_time_ranges(written, shown):
    assert str(TimeRange.model_validate(written)) == shown


@pytest.mark.parametrize(("written", "message"), [
    ("25:00-26:00", "25:00 is geen bestaand uur"),
    ("09:60-10:00", "09:60 is geen bestaand uur"),
    ("12:00-09:00", "het einde moet na het begin liggen"),
    ("09:00-09:00", "het einde moet na het begin liggen"),
    ("9u-12u", "is geen tijdvak"),
    ("09:00", "is geen tijdvak"),
])
def test_invalid_time_ranges(written, message):
    assert message in error_messages(TimeRange, written)[0]


def test_touching_time_ranges_do_not_overlap():
    rule = Rule.model_validate(weekly(times=["13:00-16:00", "09:00-13:00"]))
    assert [str(t) for t in rule.times] == ["13:00-16:00", "09:00-13:00"]


def test_overlapping_time_ranges():
    messages = error_messages(Rule, weekly(times=["09:00-12:00", "11:00-13:00"]))
    assert messages == ["de tijdvakken 09:00-12:00 en 11:00-13:00 overlappen"]


def test_monthly_and_every_other_week():
    monthly = Rule.model_validate(weekly(repeat="monthly", weeks=[1, -1]))
    assert monthly.weeks == [1, -1]
    fortnight = Rule.model_validate(weekly(repeat="every_other_week", start="2026-01-05"))
    assert fortnight.start == dt.date(2026, 1, 5)
    assert "weeks hoort alleen bij repeat: monthly" in error_messages(Rule, weekly(weeks=[1]))[0]
    assert "start hoort alleen bij repeat: every_other_week" in error_messages(Rule, weekly(start="2026-01-05"))[0]


def test_exceptions():
    assert Exception_.model_validate({"date": "2026-12-24", "closed": True}).closed
    assert Exception_.model_validate({"date": "2026-12-24", "times": ["09:00-12:00"]}).times
    assert "geef óf closed" in error_messages(Exception_, {"date": "2026-12-24"})[0]


@pytest.mark.parametrize("hours", ["unknown", " unknown "])
def test_unknown_hours(hours):
    assert ServiceAtLocation.model_validate({"location": "huis", "hours": hours}).hours is None


def test_empty_hours_must_say_unknown():
    messages = error_messages(ServiceAtLocation, {"location": "huis", "hours": None})
    assert messages == ["leeg; schrijf 'unknown' als dit (nog) niet bekend is"]


SERVICE = {"id": "hulp", "name": "Hulp", "description": "Hulp bij alles.", "access": "unknown"}


def test_unknown_and_known_languages():
    assert Service.model_validate({**SERVICE, "languages": "unknown"}).languages is None
    assert Service.model_validate({**SERVICE, "languages": ["NL", "fr", "vgt"]}).languages == ["nl", "fr", "vgt"]
    assert Service.model_validate(SERVICE).languages is None  # not written: not known either
    assert "geen bekende taalcode" in error_messages(Service, {**SERVICE, "languages": ["xx"]})[0]


@pytest.mark.parametrize(("written", "stored"), [
    (True, "yes"), (False, "no"), ("yes", "yes"), ("no", "no"), ("limited", "limited"), ("unknown", "unknown"),
])
def test_accessibility_levels(written, stored):
    assert Accessibility.model_validate({"wheelchair": written}).wheelchair == stored


def test_accessibility_defaults_to_unknown():
    assert Accessibility.model_validate({}).lift == "unknown"


def test_unquoted_yes_no_in_accessibility_from_yaml():
    data = yaml.safe_load("wheelchair: yes\nlift: no\ntoilet: Yes\nparking: 'no'\n")
    record = Accessibility.model_validate(data)
    assert (record.wheelchair, record.lift, record.toilet, record.parking) == ("yes", "no", "yes", "no")


def test_records_are_strict_and_frozen():
    service = Service.model_validate(SERVICE)
    with pytest.raises(ValidationError):
        service.name = "Anders"
    assert error_messages(Service, {**SERVICE, "phone": []}) == ["Extra inputs are not permitted"]


def test_fixture_organisation_round_trip():
    data = yaml.safe_load((FIXTURE / "organisations" / "team-geld.yaml").read_text(encoding="utf-8"))
    org = Organisation.model_validate(data)
    place = org.services[0].locations[0]
    assert [rule.repeat for rule in place.hours] == ["monthly", "every_other_week"]
    assert org.services[0].hours is None and org.services[0].languages is None


# --- JSON Schema ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_in_sync(name):
    """Run `sociale-kaart schema schema` after changing a model, and commit the result."""
    committed = (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(SCHEMAS[name]), f"schema/{name}.schema.json is out of date"


def test_no_stale_schema_files():
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.json")) == sorted(f"{n}.schema.json" for n in SCHEMAS)


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def as_json(value):
    """YAML 1.1 data as a YAML tool hands it to a JSON Schema validator.

    PyYAML makes dates of unquoted 2026-01-15; JSON has no dates, so they become
    ISO strings (the schema says "format": "date"). Unquoted yes/no stay
    booleans: the committed schema accepts them where the checker does (the
    accessibility levels), and rejects them where text is expected, as the
    checker does.
    """
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def record_files() -> list[tuple[Path, str]]:
    """Every record file of the map folders, with the schema it must follow."""
    files = []
    for root in MAP_FOLDERS:
        files += [(path, "organisation") for path in sorted(root.glob("organisations/*.yaml"))]
        files += [(path, "location") for path in sorted(root.glob("locations/*.yaml"))]
        files += [(root / f"{name}.yaml", name) for name in ("themes", "closures", "site")]
        if (root / "mentoring.yaml").exists():
            files.append((root / "mentoring.yaml", "mentoring"))
    return files


RECORD_FILES = record_files()


def test_every_map_has_record_files():
    for root in MAP_FOLDERS:
        assert (root / "site.yaml").is_file(), root
        assert any(path.parent == root / "organisations" for path, _ in RECORD_FILES), root


@pytest.mark.parametrize(("path", "name"), RECORD_FILES,
                         ids=[path.relative_to(ROOT).as_posix() for path, _ in RECORD_FILES])
def test_record_file_follows_json_schema(path, name):
    data = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(data)]
    assert errors == []


def test_json_schema_accepts_unquoted_yes_no_in_accessibility():
    data = yaml.safe_load((FIXTURE / "locations" / "huis.yaml").read_text(encoding="utf-8"))
    assert data["accessibility"]["wheelchair"] is True  # written unquoted in the fixture
    assert validator("location").is_valid(as_json(data))


@pytest.mark.parametrize(("change", "path"), [
    (lambda d: d.update(phone="x"), "phone"),
    (lambda d: d.update(themes="onthaal"), "themes"),
    (lambda d: d["services"][0].update(access="walkin"), "services.0.access"),
    (lambda d: d["services"][0]["locations"][0]["hours"][0].update(days=["maandag"]),
     "services.0.locations.0.hours.0.days.0"),
    (lambda d: d["services"][0]["locations"][0]["hours"][0].update(times=["9u-12u"]),
     "services.0.locations.0.hours.0.times.0"),
    (lambda d: d.update(name=False), "name"),
    (lambda d: d.pop("description"), ""),
])
def test_json_schema_rejects_mistakes(change, path):
    """The schema is not vacuous: it catches the mistakes YAML tooling can see."""
    data = as_json(yaml.safe_load((FIXTURE / "organisations" / "huis.yaml").read_text(encoding="utf-8")))
    assert validator("organisation").is_valid(data)
    change(data)
    errors = list(validator("organisation").iter_errors(data))
    # The error is reported at the changed value or at a group that holds it
    # (unknown fields at their group, a bad hours rule at the 'unknown'-or-list choice).
    assert any(path.startswith(".".join(map(str, e.absolute_path))) for e in errors)
