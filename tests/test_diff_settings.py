"""`sociale-kaart diff` reports changes of site.yaml and closures.yaml, and renamed records,
instead of "Geen wijzigingen voor burgers." (issue 25 #17)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from generator.editors.cli import main

DEMO_MAP = ROOT / "demo" / "map"


@pytest.fixture
def two_maps(tmp_path: Path) -> tuple[Path, Path]:
    old = Path(shutil.copytree(DEMO_MAP, tmp_path / "old"))
    return old, Path(shutil.copytree(DEMO_MAP, tmp_path / "new"))


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def diff(capsys, old: Path, new: Path) -> list[str]:
    assert main(["diff", str(old), str(new)]) == 0
    return capsys.readouterr().out.splitlines()


SETTINGS = {
    "the house's name": (
        "name: Sociaal Huis Verzinnegem", "name: Huis van Verzinnegem",
        "- Instellingen (site.yaml): Naam was 'Sociaal Huis Verzinnegem', wordt 'Huis van Verzinnegem'"),
    "the house's building and so its address": (
        "house_location: sociaal-huis", "house_location: dienstencentrum-de-linde",
        "- Instellingen (site.yaml): Gebouw van het huis was Sociaal Huis Verzinnegem (Kerkstraat 1, 9999 "
        "Verzinnegem), wordt Dienstencentrum De Linde (Lindelaan 12, 9999 Verzinnegem)"),
    "the sign-in of the form editor": (
        "edit_branch: main", "edit_branch: main\ncms_auth_url: https://aanmelden.example.org",
        "- Instellingen (site.yaml): Aanmeldhulp voor het formulier was niet ingesteld, "
        "wordt 'https://aanmelden.example.org'"),
    "where citizens mail": (
        "editorial_email: redactie@example.org", "editorial_email: kaart@example.org",
        "- Instellingen (site.yaml): E-mailadres van de redactie was 'redactie@example.org', "
        "wordt 'kaart@example.org'"),
}


@pytest.mark.parametrize("case", list(SETTINGS))
def test_diff_reports_a_changed_setting(case, two_maps, capsys):
    old, new = two_maps
    before, after, line = SETTINGS[case]
    edit(new, "site.yaml", before, after)
    assert diff(capsys, old, new) == [line]


def test_diff_reports_closure_days_and_renames(two_maps, capsys):
    old, new = two_maps
    source = "    source: https://example.org/verzinnegem/sluitingsdagen\n"
    edit(new, "closures.yaml", f"  - date: 2026-12-31\n    name: Oudejaarsdag\n{source}", "")
    edit(new, "organisations/woonloket.yaml", "name: Woonloket Verzinnegem", "name: Woonwinkel Verzinnegem")
    edit(new, "locations/wijkhuis-noord.yaml", "name: Wijkhuis Noord", "name: Buurthuis Noord")
    lines = diff(capsys, old, new)
    assert "- Het huis is niet meer gesloten op 31 december 2026 (Oudejaarsdag)" in lines
    assert "- Woonloket Verzinnegem heet voortaan Woonwinkel Verzinnegem" in lines
    assert "- Gebouw Wijkhuis Noord heet voortaan Buurthuis Noord" in lines


def test_diff_of_equal_maps_says_nothing_changes(two_maps, capsys):
    assert diff(capsys, *two_maps) == ["Geen wijzigingen voor burgers."]
