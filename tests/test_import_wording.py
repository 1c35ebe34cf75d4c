"""The spreadsheet speaks the site's language (issue 23 item 5): every rule and exception of the
demo, written with describe.py as the site writes it, imports as the same rule."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOT
from conftest import run_cli as run
from openpyxl import Workbook

from generator.data.dataset import load_dataset
from generator.editors.columns import COLUMNS
from generator.site.describe import exception_text, rule_text

HEADERS = [column.header for column in COLUMNS]
HOUSE = ["--municipality", "Verzinnegem", "--name", "Huis", "--street", "Markt 1", "--postal-code", "9999",
         "--phone", "099 00 00 00"]


@pytest.fixture(autouse=True)
def build_day(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23


def site_line(rule) -> str:
    """A rule as the organisation page shows it (the label in brackets after it)."""
    return rule_text(rule) + (f" ({rule.label})" if rule.label else "")


def demo_rows() -> tuple[list[dict], dict]:
    """One row per service and place of the demo with rules; and the rules expected back, by row key."""
    demo = load_dataset(ROOT / "demo" / "map")
    rows, expected = [], {}
    for org in demo.organisations.values():
        for service in org.services:
            for place in service.locations or [None]:
                hours = place.hours if place else service.hours
                if not hours:
                    continue
                exceptions = place.exceptions if place else service.exceptions
                row = {"organisatie": org.name, "beschrijving organisatie": "Uit het voorbeeld.",
                       "dienst": f"{service.name} {len(rows)}", "beschrijving dienst": "Uit het voorbeeld.",
                       "thema's": ", ".join(service.themes), "gecontroleerd op": dt.datetime(2026, 10, 15),
                       "dagen": "\n".join(site_line(rule) for rule in hours),
                       "uitzonderingen": "; ".join(exception_text(item) for item in exceptions) or None}
                if place:
                    loc = demo.locations[place.location]
                    row.update({"gebouw": loc.name, "adres": loc.address.street, "postcode": loc.address.postal_code,
                                "gemeente": loc.address.city, "zaal": place.room, "opmerking": place.note})
                rows.append(row)
                expected[row["dienst"]] = (hours, exceptions, place)
    return rows, expected


def test_every_demo_rule_in_the_sites_words_comes_back_equal(tmp_path, capsys):
    assert run(capsys, "init", "--empty", str(tmp_path / "kaart"), *HOUSE)[0] == 0
    rows, expected = demo_rows()
    assert len(rows) > 15 and any("van de maand" in row["dagen"] for row in rows)
    assert any("tot en met" in row["dagen"] for row in rows) and any(row["uitzonderingen"] for row in rows)
    book = Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append([row.get(header) for header in HEADERS])
    book.save(tmp_path / "lijst.xlsx")
    target = tmp_path / "kaart" / "map"
    code, out = run(capsys, "import", str(tmp_path / "lijst.xlsx"), "--map", str(target), "--write")
    assert code == 0, out
    back = {service.name: service for org in load_dataset(target).organisations.values() for service in org.services}
    for name, (hours, exceptions, place) in expected.items():
        got = back[name].locations[0] if place else back[name]
        assert got.hours == hours, name
        assert got.exceptions == exceptions, name
        if place:
            assert (got.room, got.note) == (place.room, place.note), name


def test_rules_the_demo_lacks_come_back_too():
    """Every other week, the last week of the month, only a start or an end of the period."""
    from generator.data.schema import Rule
    from generator.editors.rule_wording import rules_in

    rules = [Rule(repeat="every_other_week", days=["th"], start=dt.date(2026, 9, 3), times=["14:00-16:00"],
                  valid_to=dt.date(2027, 6, 30)),
             Rule(repeat="monthly", days=["mo", "fr"], weeks=[2, -1], times=["09:00-12:00", "13:00-15:00"],
                  valid_from=dt.date(2026, 9, 1), label="Niet in juli"),
             Rule(repeat="weekly", days=["sa"], times=["10:00-11:00"])]
    for rule in rules:
        assert [Rule.model_validate(back) for back in rules_in(site_line(rule), dt.date(2026, 11, 23))] == [rule]
    assert rules_in("om de twee weken op donderdag, vanaf 3 september 2026", dt.date(2026, 11, 23)) == [
        {"repeat": "every_other_week", "days": ["th"], "start": dt.date(2026, 9, 3)}]
    assert rules_in("di, do", dt.date(2026, 11, 23)) == [{"repeat": "weekly", "days": ["tu", "th"]}]


@pytest.mark.parametrize(("written", "message"), [
    ("1ste dinsdag", "Bedoelde u 'de 1ste dinsdag van de maand'?"),
    ("om de twee weken op donderdag", "zeg vanaf welke dag"),
    ("elke dinsdag tijdens de vakantie", "na de dagen begrijp ik 'tijdens de vakantie' niet"),
    ("om de twee weken op donderdag (vanaf 2 september 2026)", "valt niet op een van de dagen th"),
])
def test_a_rule_the_site_could_not_have_written_is_a_problem_at_its_cell(written, message, tmp_path, capsys):
    assert run(capsys, "init", "--empty", str(tmp_path / "kaart"), *HOUSE)[0] == 0
    book = Workbook()
    book.active.append(HEADERS)
    values = {"organisatie": "Buurtwerk", "beschrijving organisatie": "Helpt.", "dienst": "Onthaal",
              "beschrijving dienst": "Loop binnen.", "thema's": "onthaal", "dagen": written, "uren": "09:00-12:00",
              "gecontroleerd op": "15-10-2026"}
    book.active.append([values.get(header) for header in HEADERS])
    book.save(tmp_path / "lijst.xlsx")
    code, out = run(capsys, "import", str(tmp_path / "lijst.xlsx"), "--map", str(tmp_path / "kaart" / "map"))
    column = chr(ord("A") + HEADERS.index("dagen"))
    assert code == 1 and out.startswith(f"{tmp_path / 'lijst.xlsx'}:Sheet!{column}2: dagen: "), out
    assert message in out, out


def test_a_title_row_is_recognised_and_a_future_check_date_is_at_its_cell(tmp_path, capsys):
    assert run(capsys, "init", "--empty", str(tmp_path / "kaart"), *HOUSE)[0] == 0
    book = Workbook()
    book.active.append(["Diensten in Verzinnegem, lijst van oktober"])
    book.active.append(HEADERS)
    values = {"organisatie": "Buurtwerk", "beschrijving organisatie": "Helpt.", "dienst": "Onthaal",
              "beschrijving dienst": "Loop binnen.", "thema's": "onthaal", "gecontroleerd op": "15-10-2027"}
    book.active.append([values.get(header) for header in HEADERS])
    book.save(tmp_path / "lijst.xlsx")
    code, out = run(capsys, "import", str(tmp_path / "lijst.xlsx"), "--map", str(tmp_path / "kaart" / "map"))
    column = chr(ord("A") + HEADERS.index("gecontroleerd op"))
    assert code == 1 and out.splitlines()[0] == (f"{tmp_path / 'lijst.xlsx'}:Sheet!{column}3: gecontroleerd op: "
                                                 "de controledatum 15-10-2027 ligt in de toekomst"), out
    book.active[f"{column}3"] = "15-10-2026"
    book.save(tmp_path / "lijst.xlsx")
    code, out = run(capsys, "import", str(tmp_path / "lijst.xlsx"), "--map", str(tmp_path / "kaart" / "map"))
    assert code == 0, out
    assert ("Let op: de kolomnamen staan in rij 2, niet in rij 1; wat erboven staat ('Diensten in Verzinnegem, "
            "lijst van oktober') is als titel overgeslagen.") in out
