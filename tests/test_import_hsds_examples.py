"""HSDS 3.0 as others publish it (issue 23 item 6): each example file of the specification
(tests/fixtures/hsds-3.0-examples/, unmodified) imports, or is refused with a line that names the
field and its JSON path. What each becomes is pinned here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT
from conftest import run_cli as run

from generator.data.dataset import load_dataset

EXAMPLES = ROOT / "tests" / "fixtures" / "hsds-3.0-examples"
HOUSE = ["--municipality", "Lier", "--name", "Sociaal Huis Lier", "--street", "Kerkstraat 1", "--postal-code",
         "2500", "--phone", "03 800 00 00"]
REFUSED_FIELDS = ("attending_type", "bymonthday", "byweekno", "byyearday", "count", "schedule_link", "timezone")
NO_SERVICES = "bevat geen HSDS-diensten (een dienst, een organisatie met haar diensten, of een lijst daarvan)"
TABULAR = "de tabelvorm (CSV) van HSDS wordt niet ingelezen; gebruik de JSON-vorm"


@pytest.fixture(autouse=True)
def build_day(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23


@pytest.fixture
def lier(tmp_path: Path, capsys) -> Path:
    assert run(capsys, "init", "--empty", str(tmp_path / "lier"), *HOUSE)[0] == 0
    (tmp_path / "themes.yaml").write_text('"*": onthaal\n', encoding="utf-8")
    return tmp_path / "lier" / "map"


def imported(capsys, source: Path, target: Path, *flags: str) -> tuple[int, str]:
    return run(capsys, "import", str(source), "--map", str(target), "--themes",
               str(target.parent.parent / "themes.yaml"), *flags)


@pytest.mark.parametrize(("name", "prefix"), [("service_full.json", ""),
                                              ("organization_full.json", "services[0]."),
                                              ("service_at_location_full.json", "service.")])
def test_a_full_example_is_refused_by_every_schedule_field_the_map_cannot_carry(name, prefix, lier, capsys):
    code, out = imported(capsys, EXAMPLES / name, lier)
    assert code == 1, out
    for where in ("schedules[0]", "service_at_locations[0].schedules[0]"):
        for field in REFUSED_FIELDS:
            assert f"{name}: {prefix}{where}.{field}: " in out, (where, field)
    assert "14 problemen gevonden." in out and "Traceback" not in out


def test_the_paginated_service_list_imports_with_a_themes_file(lier, capsys):
    code, out = imported(capsys, EXAMPLES / "service_list.json", lier)
    assert code == 0 and "- Nieuwe organisatie: Example Organization Inc." in out, out
    code, out = run(capsys, "import", str(EXAMPLES / "service_list.json"), "--map", str(lier))
    assert code == 1 and out.startswith("service_list.json: contents[0].organization.x_themes: de export zegt niet "
                                        "bij welk thema ze hoort (geen x_themes, geen term uit --themes); geef met "
                                        "--themes BESTAND per term een thema"), out
    assert imported(capsys, EXAMPLES / "service_list.json", lier, "--write")[0] == 0
    org = load_dataset(lier).organisations["example-organization-inc"]
    assert org.themes == ["onthaal"] and org.services[0].hours is None and org.services[0].access == "unknown"


def test_the_service_at_location_list_names_the_building_without_an_address(lier, capsys):
    code, out = imported(capsys, EXAMPLES / "service_at_location_list.json", lier)
    assert code == 1 and out.splitlines()[0] == (
        "service_at_location_list.json: contents[0].service.service_at_locations[0].location.addresses[0].address_1: "
        "het gebouw 'MyCity Civic Center' heeft geen adres; een gebouw op de kaart heeft er een nodig"), out


@pytest.mark.parametrize("name", ["organization_list.json", "location.json", "base.json", "taxonomy.json",
                                  "taxonomy_list.json", "taxonomy_term.json", "taxonomy_term_list.json"])
def test_files_without_services_are_refused_in_one_line(name, lier, capsys):
    code, out = imported(capsys, EXAMPLES / name, lier)
    assert code != 0 and out == f"Niet gelukt: {name}: {NO_SERVICES}; alleen diensten met hun organisatie worden " \
                                "ingelezen\n", out


@pytest.mark.parametrize("name", ["tabular.json", "csv"])
def test_the_tabular_form_is_refused_in_one_line(name, lier, capsys):
    code, out = imported(capsys, EXAMPLES / name, lier)
    assert code != 0 and TABULAR in out and out.count("\n") == 1, out


def test_the_full_service_imports_once_its_schedules_say_what_the_map_can(lier, tmp_path, capsys):
    """Times with seconds, a US address as given, until as the end, the description as the rule's note;
    a quoted phone number is said at the export, with the file it would have become."""
    service = json.loads((EXAMPLES / "service_full.json").read_text(encoding="utf-8"))
    for schedule in [*service["schedules"], *service["service_at_locations"][0]["schedules"]]:
        for field in REFUSED_FIELDS:
            schedule.pop(field)
    (tmp_path / "service.json").write_text(json.dumps(service), encoding="utf-8")
    code, out = imported(capsys, tmp_path / "service.json", lier)
    assert code == 1 and out.splitlines()[0].startswith(
        "service.json: (bestand): phones.number: '\"+44 1234 234567\"' is geen geldig telefoonnummer"), out
    assert "(in organisations/example-organization-inc.yaml, regel 12, dat niet geschreven is)" in out
    for item in [service, *service["contacts"], service["organization"]]:
        for phone in item.get("phones", []):
            phone["number"] = "+44 1234 234567"
    (tmp_path / "service.json").write_text(json.dumps(service), encoding="utf-8")
    code, out = imported(capsys, tmp_path / "service.json", lier, "--write")
    assert code == 0, out
    data = load_dataset(lier)
    counselling = data.organisations["example-organization-inc"].services[0]
    rule = counselling.hours[0]
    assert (rule.repeat, rule.days, [str(t) for t in rule.times]) == ("weekly", ["th", "fr"], ["10:00-18:00"])
    assert str(rule.valid_to) == "2005-01-01" and rule.label.startswith("The service is available from 10 am")
    building = data.locations[counselling.locations[0].location]
    assert (building.address.country, building.address.postal_code) == ("US", "ABC 1234")


@pytest.mark.parametrize(("opens", "message"), [
    ("10:00Z", "'10:00Z': een tijd met tijdzone kan de kaart niet omrekenen naar de tijd in Brussel"),
    ("10:00+01:00", "'10:00+01:00': een tijd met tijdzone"),
    ("10:00:30", "'10:00:30': seconden kan de kaart niet tonen"),
])
def test_a_time_with_a_zone_or_seconds_is_refused_at_its_path(opens, message, lier, tmp_path, capsys):
    service = {"id": "s", "name": "Spreekuur", "description": "Kom langs.", "assured_date": "2026-10-01",
               "organization": {"id": "o", "name": "Buurtwerk", "description": "Helpt."},
               "schedules": [{"freq": "WEEKLY", "byday": "TU", "opens_at": opens, "closes_at": "12:00:00"}]}
    (tmp_path / "s.json").write_text(json.dumps(service), encoding="utf-8")
    code, out = imported(capsys, tmp_path / "s.json", lier)
    assert code == 1 and out.startswith(f"s.json: schedules[0].opens_at: {message}"), out
