"""A new municipality from zero (issue 23): `init --empty`, mentoring left out, an import that
fills an emptied or new map, the README and CI that init writes, `init` onto a file."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, mkdocs_build
from conftest import run_cli as run

from generator.data.dataset import load_dataset
from generator.editors.columns import COLUMNS

HEADERS = [column.header for column in COLUMNS]
HOUSE = ["--municipality", "Lier", "--name", "Sociaal Huis Lier", "--street", "Kerkstraat 1", "--postal-code",
         "2500", "--phone", "03 800 00 00"]


@pytest.fixture(autouse=True)
def build_day(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23


def sheet(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADERS, *[[row.get(h, "") for h in HEADERS] for row in rows]])
    return path


ROW = {"organisatie": "Huurdersbond Lier", "beschrijving organisatie": "Helpt huurders.", "dienst": "Huuradvies",
       "beschrijving dienst": "Wij lezen uw contract na.", "thema's": "wonen", "gecontroleerd op": "15-10-2026"}


def test_init_empty_has_only_the_house_and_placeholders_that_check_reports(tmp_path, capsys):
    code, out = run(capsys, "init", "--empty", str(tmp_path / "lier"))
    assert code == 0 and "map/ (alleen het huis)" in out, out
    code, out = run(capsys, "check", str(tmp_path / "lier" / "map"))
    assert code == 1
    assert "map/organisations/huis.yaml:10: phones.number: nog niet ingevuld ('VUL IN: het telefoonnummer')" in out
    assert "address.street: nog niet ingevuld ('VUL IN: straat en huisnummer')" in out
    code, out = run(capsys, "init", "--empty", str(tmp_path / "lier2"), *HOUSE)
    assert code == 0, out
    data = load_dataset(tmp_path / "lier2" / "map")
    assert list(data.organisations) == ["huis"] and data.mentoring is None and data.closures.days == []
    assert data.site.name == "Sociaal Huis Lier" and data.site.municipality == "Lier" and not data.site.fictional
    assert not data.closures.confirmed and data.organisations["huis"].services[0].locations[0].hours is None  # unknown


def test_init_writes_the_municipalitys_name_a_pinned_version_and_the_form_editor(tmp_path, capsys):
    from importlib.metadata import version

    clone = tmp_path / "lier"
    subprocess.run(["git", "init", "-q", str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "remote", "add", "origin", "git@github.com:stad-lier/kaart.git"],
                   check=True)
    code, out = run(capsys, "init", "--empty", str(clone), *HOUSE)
    assert code == 0 and "Het formulier bewaart wijzigingen in github.com/stad-lier/kaart." in out, out
    readme = (clone / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Sociale kaart van Lier\n")
    assert "## Het formulier (`/admin/`)" in readme and "github.com/stad-lier/kaart" in readme
    requirements = (clone / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert f"sociale-kaart=={version('sociale-kaart')}" in requirements and "git+" not in "".join(requirements)
    workflow = (clone / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert "pip install -r requirements.txt" in workflow
    site = yaml.safe_load((clone / "map" / "site.yaml").read_text(encoding="utf-8"))
    assert site["repository"] == "https://github.com/stad-lier/kaart"
    assert run(capsys, "init", str(tmp_path / "verzinnegem"), "--repo", "stad-x/y")[0] == 0
    assert "repository: https://github.com/stad-x/y" in (tmp_path / "verzinnegem" / "map" / "site.yaml").read_text()
    assert "# Sociale kaart van Verzinnegem" in (tmp_path / "verzinnegem" / "README.md").read_text()


def test_init_onto_an_existing_file_says_so(tmp_path, capsys):
    (tmp_path / "lier").write_text("mijn notities\n", encoding="utf-8")
    code, out = run(capsys, "init", str(tmp_path / "lier"))
    assert code == 1 and out.startswith(f"Niet gelukt: {tmp_path / 'lier'} is een bestand, geen map"), out
    assert (tmp_path / "lier").read_text(encoding="utf-8") == "mijn notities\n"
    code, out = run(capsys, "init", str(tmp_path / "lier" / "sub"))
    assert code == 1 and "Niet gelukt:" in out and "Traceback" not in out, out


def test_an_import_fills_an_emptied_map(tmp_path, capsys):
    """The map is judged after the import: without the house's file it is invalid, the import adds it back."""
    assert run(capsys, "init", "--empty", str(tmp_path / "lier"), *HOUSE)[0] == 0
    target = tmp_path / "lier" / "map"
    house = (target / "organisations" / "huis.yaml").read_text(encoding="utf-8")
    (target / "organisations" / "huis.yaml").unlink()
    assert run(capsys, "check", str(target))[0] == 1
    rows = [ROW, {**ROW, "organisatie": "Huis", "beschrijving organisatie": "Het huis.", "dienst": "Onthaal",
                  "beschrijving dienst": "Loop binnen.", "thema's": "onthaal", "gebouw": "Sociaal Huis Lier"}]
    code, out = run(capsys, "import", str(sheet(tmp_path / "lijst.csv", rows)), "--map", str(target), "--write")
    assert code == 0, out
    assert "- Nieuwe organisatie: Huurdersbond Lier" in out and "- Nieuwe organisatie: Huis" in out
    assert run(capsys, "check", str(target))[0] == 0
    assert house != (target / "organisations" / "huis.yaml").read_text(encoding="utf-8")


def test_a_sheet_into_a_folder_that_does_not_exist_needs_the_house(tmp_path, capsys):
    rows = [ROW, {**ROW, "organisatie": "Sociaal Huis Lier", "beschrijving organisatie": "Het huis.",
                  "dienst": "Onthaal", "beschrijving dienst": "Loop binnen.", "thema's": "onthaal",
                  "gebouw": "Sociaal Huis Lier", "adres": "Kerkstraat 1", "postcode": "2500", "gemeente": "Lier"}]
    source = sheet(tmp_path / "lijst.csv", rows)
    target = tmp_path / "nieuw" / "map"
    code, out = run(capsys, "import", str(source), "--map", str(target), "--write")
    assert code == 1 and "de map bestaat nog niet; zeg welke organisatie het huis is met --house ID" in out, out
    assert not target.exists()
    code, out = run(capsys, "import", str(source), "--map", str(target), "--write", "--house", "sociaal-huis-lier")
    assert code == 0 and "Nieuwe kaart: het huis is Sociaal Huis Lier (map/site.yaml)" in out, out
    data = load_dataset(target)
    assert data.site.municipality == "Lier" and data.site.house_location == "sociaal-huis-lier"


def test_the_demo_export_becomes_a_new_map(demo_site, tmp_path, capsys):
    target = tmp_path / "bestaat-niet" / "map"
    code, out = run(capsys, "import", str(demo_site / "data" / "index.json"), "--map", str(target))
    assert code == 0 and not target.exists(), out
    code, out = run(capsys, "import", str(demo_site / "data" / "index.json"), "--map", str(target), "--write")
    assert code == 0 and "Nieuwe kaart: het huis is Sociaal Huis Verzinnegem" in out, out
    demo = load_dataset(ROOT / "demo" / "map")
    assert sorted(load_dataset(target).organisations) == sorted(demo.organisations)


@pytest.mark.slow  # two real builds
def test_without_mentoring_the_scaffold_builds_and_warnings_are_dutch(tmp_path, capsys):
    folder = tmp_path / "gemeente"
    assert run(capsys, "init", str(folder))[0] == 0
    (folder / "map" / "mentoring.yaml").unlink()
    (folder / "docs" / "extra.md").write_text("# Extra\n\n[Weg](weg.md)\n", encoding="utf-8")
    result = mkdocs_build(folder / "mkdocs.yml", tmp_path / "site", cwd=tmp_path)
    assert result.returncode == 1
    assert "docs/extra.md linkt naar 'weg.md', maar die pagina bestaat niet; verbeter de link" in result.stdout
    assert "deze pagina's staan in docs/ maar niet onder nav in mkdocs.yml" in result.stdout
    assert "voor-besturen" not in result.stdout and "is not found" not in result.stdout
    (folder / "docs" / "extra.md").unlink()
    result = mkdocs_build(folder / "mkdocs.yml", tmp_path / "site", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert not (tmp_path / "site" / "voor-besturen").exists()
    assert "voor-besturen" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    shutil.rmtree(tmp_path / "site")
