"""`sociale-kaart import` of HSDS 3.0: our own published export comes back as the same records."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from generator.data.dataset import load_dataset
from generator.editors.cli import main
from generator.editors.hsds_import import NOT_CARRIED

DEMO_MAP = ROOT / "demo" / "map"


@pytest.fixture(autouse=True)
def build_day(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_the_demo_export_round_trips_to_equal_records(demo_site: Path, tmp_path: Path, capsys) -> None:
    """Every field HSDS (with our x_ extensions) carries comes back; the export itself is named as a source."""
    target = Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))
    for folder in ("organisations", "locations"):
        for path in (target / folder).glob("*.yaml"):
            path.write_text(path.read_text(encoding="utf-8").replace("Verzinnegem is een verzonnen", "Verzonnen"),
                            encoding="utf-8")
    code, out = run(capsys, "import", str(demo_site / "data" / "index.json"), "--map", str(target), "--write")
    assert code == 0, out
    for item in NOT_CARRIED:
        assert f"Niet in HSDS, dus niet ingelezen: {item}" in out
    demo, back = load_dataset(DEMO_MAP), load_dataset(target)
    assert sorted(back.organisations) == sorted(demo.organisations)
    assert sorted(back.locations) == sorted(demo.locations)
    imported = {"file": "services.json", "url": None, "confirmed_by": None, "date": "2026-11-23", "read": None,
                "supports": "Ingelezen uit de HSDS 3.0-export van Sociaal Huis Verzinnegem (services.json)"}
    for key, org in demo.organisations.items():
        assert back.organisations[key].model_dump(exclude={"sources"}) == org.model_dump(exclude={"sources"}), key
        assert back.organisations[key].sources[:-1] == org.sources
        assert back.organisations[key].sources[-1].model_dump(mode="json") == imported
    for key, loc in demo.locations.items():
        assert back.locations[key].model_dump(exclude={"sources"}) == loc.model_dump(exclude={"sources"}), key


def test_another_publishers_plain_hsds_guesses_nothing(tmp_path: Path, capsys) -> None:
    """Without our x_ fields: access, languages and hours stay unknown; a missing theme is a problem."""
    service = {
        "id": "s1", "name": "Budgetbegeleiding", "description": "Hulp bij uw budget.", "status": "active",
        "assured_date": "2026-09-01",
        "organization": {"id": "o1", "name": "Budgetpunt", "description": "Helpt met geld."},
        "schedules": [{"id": "r1", "freq": "WEEKLY", "byday": "MO,WE", "opens_at": "09:00", "closes_at": "12:00"}],
    }
    export = tmp_path / "export"
    export.mkdir()
    (export / "services.json").write_text(json.dumps([service]), encoding="utf-8")
    target = Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))
    code, out = run(capsys, "import", str(export), "--map", str(target))
    assert code == 1
    assert out.splitlines()[0] == ("services.json: [0].organization.x_themes: de export zegt niet bij welk "
                                   "thema ze hoort (geen x_themes, geen term uit --themes); geef met --themes BESTAND "
                                   "per term een thema (een regel 'term: thema-id', bv. 'Counselling: gezondheid'), "
                                   "of lees de rest in met --partial")
    service["x_themes"] = ["geld"]
    (export / "services.json").write_text(json.dumps([service]), encoding="utf-8")
    code, out = run(capsys, "import", str(export), "--map", str(target), "--write")
    assert code == 0, out
    assert "- Nieuwe organisatie: Budgetpunt" in out
    org = load_dataset(target).organisations["budgetpunt"]
    assert org.kind == "partner" and org.themes == ["geld"]
    budget = org.services[0]
    assert budget.access == "unknown" and budget.languages is None
    assert [(rule.days, [str(t) for t in rule.times]) for rule in budget.hours] == [(["mo", "we"], ["09:00-12:00"])]
