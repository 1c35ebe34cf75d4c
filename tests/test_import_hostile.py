"""`sociale-kaart import` against hostile or unlucky input (issue 25): ids that climb out of map/,
a full or read-only disk, a source file's name that tries to add a YAML field, HSDS JSON
that is not what it says. Each ends in Dutch lines, map/ as it was, nothing written elsewhere."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, small_tmpfs
from conftest import run_cli as run

from generator.data.dataset import load_dataset
from generator.editors.columns import COLUMNS

DEMO_MAP = ROOT / "demo" / "map"
HEADERS = [column.header for column in COLUMNS]


@pytest.fixture(autouse=True)
def build_day(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def plain_service(**changes) -> dict:
    service = {
        "id": "s1", "name": "Budgetbegeleiding", "description": "Hulp bij uw budget.", "status": "active",
        "assured_date": "2026-09-01", "x_themes": ["geld"],
        "organization": {"id": "o1", "name": "Budgetpunt", "description": "Helpt met geld."},
    }
    return {**service, **changes}


def export(folder: Path, services: list | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = services if isinstance(services, str) else json.dumps(services)
    (folder / "services.json").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("where", ["organization", "location"])
def test_an_id_that_climbs_out_of_the_map_is_refused_and_a_dry_run_writes_nothing(where, tmp_path, capsys):
    target = Path(shutil.copytree(DEMO_MAP, tmp_path / "project" / "map"))
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "important.yaml").write_text("van iemand anders\n", encoding="utf-8")
    climb = f"../../../{'../' * len(tmp_path.parts)}{victim}/important".replace("//", "/")
    service = plain_service()
    if where == "organization":
        service["organization"]["x_record_id"] = climb
    else:
        service["service_at_locations"] = [{"location": {"name": "Elders", "x_record_id": climb,
                                                         "addresses": [{"address_1": "Straat 1"}]}}]
    before = snapshot(target)
    for flags in ([], ["--write"]):
        code, out = run(capsys, "import", str(export(tmp_path / "export", [service])), "--map", str(target), *flags)
        assert code == 1, out
        assert "is geen geldige id; gebruik kleine letters, cijfers en koppeltekens" in out
        assert f"x_record_id: '{climb}'" not in out or "Er is niets geschreven" in out
    assert (victim / "important.yaml").read_text(encoding="utf-8") == "van iemand anders\n"
    assert sorted(p.name for p in victim.iterdir()) == ["important.yaml"]
    assert snapshot(target) == before


HOSTILE = {
    "nesting": ("[" * 100_000 + "]" * 100_000, "is dieper genest dan een HSDS-export ooit is"),
    "NaN name": ('[{"id": "s1", "name": NaN, "organization": {"id": "o1", "name": "X"}}]',
                 "bevat NaN; dat is geen JSON-waarde"),
    "id is a list": (json.dumps([plain_service(organization={"id": ["o1"], "name": "Budgetpunt"})]),
                     "services.json: [0].organization.id: hoort tekst te zijn, niet een lijst"),
    "no name": (json.dumps([plain_service(organization={"id": "o1"})]),
                "services.json: [0].organization.name: ontbreekt; dit veld is nodig"),
    "nested themes": (json.dumps([plain_service(x_themes=[["geld"]])]),
                      "services.json: [0].x_themes[0]: hoort tekst te zijn, niet een lijst"),
    "name without letters": (json.dumps([plain_service(organization={"id": "o1", "name": "???"})]),
                             "services.json: [0].organization.name: '???' geeft geen id"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_hsds_json_gets_a_dutch_line_not_a_traceback(case, tmp_path, capsys):
    text, expected = HOSTILE[case]
    target = Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))
    before = snapshot(target)
    code, out = run(capsys, "import", str(export(tmp_path / "export", text)), "--map", str(target), "--write")
    assert code != 0 and expected in out, out
    assert "Traceback" not in out and snapshot(target) == before


def sheet_rows(count: int) -> list[list[str]]:
    rows = []
    for n in range(count):
        values = {"organisatie": f"Vereniging {n:02d}", "beschrijving organisatie": "Helpt buren. " * 20,
                  "dienst": "Onthaal", "beschrijving dienst": "U bent welkom.", "thema's": "wonen",
                  "gecontroleerd op": "15-10-2026"}
        rows.append([values.get(header, "") for header in HEADERS])
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADERS, *rows])
    return path


def test_a_full_disk_writes_nothing_and_says_so_in_dutch(tmp_path, capsys):
    """40 new files on a disk with room for about 20: before, 23 were written and the last cut off."""
    sheet = write_csv(tmp_path / "lijst.csv", sheet_rows(40))
    pages = sum(-(-p.stat().st_size // 4096) for p in DEMO_MAP.rglob("*") if p.is_file())
    with small_tmpfs(tmp_path / "disk", f"{(pages + 20) * 4}k") as disk:
        target = Path(shutil.copytree(DEMO_MAP, disk / "map"))
        before = snapshot(target)
        code, out = run(capsys, "import", str(sheet), "--map", str(target), "--write")
        assert code == 1, out
        assert f"Schrijven in {target} is mislukt: de schijf is vol; maak ruimte vrij." in out
        assert "Er is niets geschreven; map/ is ongewijzigd." in out
        assert snapshot(target) == before
        assert not list(target.rglob(".*")), "a file written aside was left behind"
        assert run(capsys, "check", str(target))[0] == 0


def test_a_read_only_map_writes_nothing_and_says_so_in_dutch(tmp_path, capsys):
    sheet = write_csv(tmp_path / "lijst.csv", sheet_rows(2))
    with small_tmpfs(tmp_path / "disk", "4m") as disk:
        target = Path(shutil.copytree(DEMO_MAP, disk / "map"))
        before = snapshot(target)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        code, out = run(capsys, "import", str(sheet), "--map", str(target), "--write")
        assert code == 1 and "de map staat op een schijf waarop niet geschreven mag worden" in out, out
        code, out = run(capsys, "new", "organisation", "nieuw-huis", "--map", str(target))
        assert code == 1 and out.startswith(f"Niet gelukt: {target}/organisations/nieuw-huis.yaml kon niet "
                                            "geschreven worden: de map staat op een schijf"), out
        assert snapshot(target) == before


def test_a_full_temporary_folder_is_named_and_nothing_is_written(tmp_path, capsys, monkeypatch):
    sheet = write_csv(tmp_path / "lijst.csv", sheet_rows(2))
    target = Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))
    before = snapshot(target)
    with small_tmpfs(tmp_path / "tmp", "8k") as temp:
        monkeypatch.setenv("TMPDIR", str(temp))
        import tempfile
        monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
        code, out = run(capsys, "import", str(sheet), "--map", str(target), "--write")
    assert code == 1, out
    assert f"De import kon niet nagekeken worden in de tijdelijke map ({temp}): de schijf is vol" in out
    assert "TMPDIR=" in out and snapshot(target) == before


def test_a_line_break_in_the_source_files_name_adds_no_field(tmp_path, capsys):
    name = "lijst\nalert: Gesloten wegens fraude\n\u2028status: ended\n.csv"
    sheet = write_csv(tmp_path / name, sheet_rows(1))
    target = Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))
    code, out = run(capsys, "import", str(sheet), "--map", str(target), "--write")
    assert code == 0, out
    text = (target / "organisations" / "vereniging-00.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == ("# Ingelezen met sociale-kaart import uit lijst\\u000aalert: Gesloten wegens "
                                    "fraude\\u000a\\u2028status: ended\\u000a.csv op 2026-11-23. Kijk na en vul aan "
                                    "wat ontbreekt.")
    org = load_dataset(target).organisations["vereniging-00"]
    assert org.alert is None and org.status == "active"
    assert org.sources[-1].file == name


# --- spreadsheets: what Excel and LibreOffice really write, and files that never end ---------


def demo_map(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))


def test_csv_line_breaks_inside_a_cell_stay_in_the_cell(tmp_path, capsys):
    """Alt+Enter in Excel is a line break inside a quoted cell; U+2028 is a character, not a row."""
    rows = sheet_rows(2)
    description = HEADERS.index("beschrijving dienst")
    rows[0][description] = "Eerste regel.\nTweede regel."
    rows[1][description] = "Voor wie\u2028het nodig heeft."
    target = demo_map(tmp_path)
    code, out = run(capsys, "import", str(write_csv(tmp_path / "lijst.csv", rows)), "--map", str(target), "--write")
    assert code == 0, out
    data = load_dataset(target)
    assert data.organisations["vereniging-00"].services[0].description == "Eerste regel.\nTweede regel."
    assert data.organisations["vereniging-01"].services[0].description == "Voor wie\u2028het nodig heeft."


def test_excels_separator_line_is_understood(tmp_path, capsys):
    path = tmp_path / "lijst.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("sep=;\r\n")
        csv.writer(handle, delimiter=";").writerows([HEADERS, *sheet_rows(1)])
    code, out = run(capsys, "import", str(path), "--map", str(demo_map(tmp_path)))
    assert code == 0 and "- Nieuwe organisatie: Vereniging 00" in out, out


def test_a_utf16_csv_is_named_as_such(tmp_path, capsys):
    path = tmp_path / "lijst.csv"
    path.write_bytes("\t".join(HEADERS).encode("utf-16"))
    code, out = run(capsys, "import", str(path), "--map", str(demo_map(tmp_path)))
    assert code == 1 and out.count("\n") == 1 and "\x00" not in out, out
    assert f"{path}: dit bestand is opgeslagen als UTF-16 (Unicode-tekst); bewaar het opnieuw als 'CSV UTF-8" in out


def test_two_columns_with_the_same_name_are_a_problem(tmp_path, capsys):
    path = tmp_path / "lijst.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[*HEADERS, "organisatie"], *[[*r, "Andere naam"] for r in sheet_rows(1)]])
    code, out = run(capsys, "import", str(path), "--map", str(demo_map(tmp_path)))
    assert code == 1, out
    column = chr(ord("A") + len(HEADERS))
    assert out.startswith(f"{path}:{column}1: organisatie: deze kolom staat twee keer (ook in kolom A); "
                          "houd er één over")


def test_a_hidden_first_sheet_is_not_read_and_the_import_says_so(tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    old = book.active
    old.title = "Oud"
    old.append(HEADERS)
    old.append(sheet_rows(1)[0])
    old.sheet_state = "veryHidden"
    new = book.create_sheet("Lijst")
    new.append(HEADERS)
    for values in sheet_rows(3)[1:]:
        new.append(values)
    book.save(tmp_path / "lijst.xlsx")
    code, out = run(capsys, "import", str(tmp_path / "lijst.xlsx"), "--map", str(demo_map(tmp_path)))
    assert code == 0, out
    assert "Vereniging 00" not in out and "- Nieuwe organisatie: Vereniging 01" in out
    assert "Let op: het verborgen blad 'Oud' is niet ingelezen; alleen het blad 'Lijst'." in out


def test_a_stray_cell_far_away_is_refused_at_once(tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEADERS)
    book.active.append(sheet_rows(1)[0])
    book.active["XFD1048576"] = "x"
    book.save(tmp_path / "lijst.xlsx")
    code, out = run(capsys, "import", str(tmp_path / "lijst.xlsx"), "--map", str(demo_map(tmp_path)))
    assert code == 1 and "het blad loopt tot cel XFD1048576 (1048576 rijen, 16384 kolommen)" in out, out


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(suffix, tmp_path, capsys):
    import zipfile

    path = tmp_path / f"bom{suffix}"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        with archive.open("content.xml", "w") as member:
            for _ in range(150):
                member.write(b"\0" * 1_000_000)
    assert path.stat().st_size < 1_000_000
    code, out = run(capsys, "import", str(path), "--map", str(demo_map(tmp_path)))
    assert code == 1 and "het rekenblad is uitgepakt groter dan 100 MB (150 MB)" in out, out


def test_a_fifo_or_a_device_is_refused_without_reading(tmp_path, capsys):
    fifo = tmp_path / "lijst.csv"
    os.mkfifo(fifo)  # reading it would wait forever for a writer
    (tmp_path / "nul.xlsx").symlink_to("/dev/zero")
    for source in (fifo, tmp_path / "nul.xlsx"):
        code, out = run(capsys, "import", str(source), "--map", str(demo_map(tmp_path)))
        assert code == 1 and "is geen gewoon bestand (maar bv. een apparaat of een pijp)" in out, out
        shutil.rmtree(tmp_path / "map")


def test_a_long_list_takes_linear_time(tmp_path, capsys):
    """3,000 rows (before: slug() called for every earlier row of every row, 11 million times)."""
    import time

    from generator.editors import records

    calls = 0
    original = records.slug

    def counted(name: str) -> str:
        nonlocal calls
        calls += 1
        return original(name)

    path = write_csv(tmp_path / "lijst.csv", sheet_rows(3000))
    records.slug = counted
    try:
        started = time.monotonic()
        from generator.editors.records import import_sheet
        from generator.editors.sheets import read_sheet

        imported = import_sheet(read_sheet(path, "lijst.csv"), {"wonen": "wonen"}, {}, dt.date(2026, 11, 23))
    finally:
        records.slug = original
    assert len(imported.organisations) == 3000 and not imported.problems
    assert calls < 10 * 3000, calls
    assert time.monotonic() - started < 60
