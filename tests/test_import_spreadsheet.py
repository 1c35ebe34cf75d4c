"""`sociale-kaart import` of spreadsheets: every mistake pinned, nothing written unless valid, all three formats."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from conftest import ROOT
from openpyxl import Workbook, load_workbook

from generator.editors.cli import main
from generator.editors.columns import COLUMNS

DEMO_MAP = ROOT / "demo" / "map"
HEADERS = [column.header for column in COLUMNS]


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))


@pytest.fixture(autouse=True)
def build_day(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23: the import date in sources


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def row(**values) -> list:
    """A sheet row from keyword values; 'beschrijving_dienst' stands for the column 'beschrijving dienst'."""
    named = {key.replace("_", " ").replace("themas", "thema's").replace("email", "e-mail"): value
             for key, value in values.items()}
    return [named.get(header) for header in HEADERS]


GOOD = {"organisatie": "Huurdersbond Verzinnegem", "beschrijving_organisatie": "Helpt huurders.",
        "website": "https://www.huurdersbond.example.org", "dienst": "Huuradvies",
        "beschrijving_dienst": "Wij lezen uw huurcontract na.", "themas": "wonen", "toegang": "op afspraak",
        "gebouw": "Sociaal Huis", "dagen": "di, do", "uren": "09:00-12:00",
        "gecontroleerd_op": dt.datetime(2026, 10, 15)}


def service(name: str, **changes) -> list:
    return row(**{**GOOD, "dienst": name, **changes})


def mistakes_workbook(path: Path) -> Path:
    """A sheet with one (or two) mistakes per row, and an unknown column."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Diensten"
    sheet.append([*HEADERS, "telefoonnummer"])
    rows = [
        service("Huuradvies"),                                          # 2: good
        service("Zonder naam", organisatie=None),                       # 3: missing name
        service("Sportkamp", themas="wonen, sport"),                    # 4: unknown theme
        service("Avondspreekuur", uren="9u-12u"),                       # 5: bad time
        service("Telefoonlijn", telefoon="12345"),                      # 6: bad phone
        service("Groepssessie"),                                        # 7: merged with 8
        service("Groepssessie 2", beschrijving_dienst=None),            # 8
        [None] * len(HEADERS),                                          # 9: empty row in the middle
        service("Huurwaarborg", gecontroleerd_op="12 maart 2026"),      # 10: date typed as text
        service("=A2", dienst=None),                                    # 11: formula (below)
        service("Inschrijving", website="https://www.andere.example.org"),  # 12: duplicate organisation
        service("Woonvragen", organisatie="huurdersbond verzinnegem"),  # 13: same organisation, other spelling
        service("Belpunt", telefoon=15123456),                          # 14: phone typed as a number
        service("Huisbezoek", toegang="soms"),                          # 15: unknown access
        service("Huuradvies"),                                          # 16: duplicate service
    ]
    for values in rows:
        sheet.append(values)
    sheet["G11"] = '=A2&" extra"'
    sheet.merge_cells("H7:H8")
    book.save(path)
    return path


EXPECTED = """\
{f}:Diensten!Z1: telefoonnummer: onbekende kolom; gebruik de kolommen van het sjabloon. Bedoelde u 'telefoon'?
{f}:Diensten!A3: organisatie: leeg; deze kolom is verplicht
{f}:Diensten!I4: thema's: 'sport' is geen thema van deze kaart; kies uit: geld, gezin, gezondheid, handicap, \
onthaal, pensioen, recht, werk, wonen, zelfstandigen (zie map/themes.yaml)
{f}:Diensten!T5: uren: '9u-12u' is geen tijdvak; schrijf begin en einde als uu:mm-uu:mm, bv. '09:00-12:00'
{f}:Diensten!F6: telefoon: '12345' is geen geldig telefoonnummer; schrijf het volledige nummer met zone, \
bv. '015 12 34 56' of '0800 20 800'
{f}:Diensten!H7: beschrijving dienst: samengevoegde cellen (H7:H8); maak ze los en vul de waarde in elke rij in
{f}:Diensten!A9: (rij): lege rij tussen de gegevens; verwijder de rij
{f}:Diensten!V10: gecontroleerd op: '12 maart 2026' is geen datum; typ de datum als dag-maand-jaar, bv. 15-10-2026
{f}:Diensten!G11: dienst: formule =A2&" extra"; typ de waarde zelf in (kopieer de cel en plak ze als waarde)
{f}:Diensten!D12: website: de organisatie staat ook op rij 2, met een andere website; \
maak de rijen gelijk of laat deze cel leeg
{f}:Diensten!A13: organisatie: 'huurdersbond verzinnegem' en 'Huurdersbond Verzinnegem' (rij 2) zijn dezelfde \
organisatie; schrijf de naam overal hetzelfde
{f}:Diensten!F14: telefoon: 15123456 staat als getal in de cel, zodat de 0 vooraan weg is; maak van de cel tekst \
en typ het nummer met zone, bv. 015 12 34 56
{f}:Diensten!K15: toegang: 'soms' is geen toegang; kies uit: zonder afspraak, op afspraak, telefonisch, \
via doorverwijzing (of laat leeg)
{f}:Diensten!G16: dienst: deze dienst staat al eerder bij dezelfde organisatie; geef elke dienst een eigen naam \
of verwijder de dubbele rij
14 problemen gevonden.
Er is niets geschreven: verbeter de fouten en probeer opnieuw (of gebruik --partial om alleen de rijen zonder \
fouten in te lezen).
"""


def test_every_mistake_is_reported_at_once_and_nothing_is_written(tmp_path: Path, demo_copy: Path, capsys) -> None:
    sheet = mistakes_workbook(tmp_path / "lijst.xlsx")
    before = sorted(p.name for p in demo_copy.rglob("*"))
    code, out = run(capsys, "import", str(sheet), "--map", str(demo_copy), "--write")
    assert code == 1
    assert out == EXPECTED.format(f=sheet)
    assert sorted(p.name for p in demo_copy.rglob("*")) == before


def test_partial_imports_only_the_valid_rows_and_says_which_are_left_out(tmp_path, demo_copy, capsys) -> None:
    sheet = mistakes_workbook(tmp_path / "lijst.xlsx")
    code, out = run(capsys, "import", str(sheet), "--map", str(demo_copy), "--partial", "--write")
    assert code == 0, out
    assert "Let op (--partial): deze rijen worden NIET ingelezen: 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16." in out
    org = (demo_copy / "organisations" / "huurdersbond-verzinnegem.yaml").read_text(encoding="utf-8")
    assert "name: Huuradvies" in org and "Sportkamp" not in org
    assert run(capsys, "check", str(demo_copy))[0] == 0


def test_a_valid_sheet_is_described_first_and_written_only_with_write(tmp_path, demo_copy, capsys) -> None:
    book = Workbook()
    book.active.append(HEADERS)
    book.active.append(service("Huuradvies", telefoon="099 12 34 56", talen="nl, fr"))
    book.active.append(service("Huurwaarborg", gebouw="Buurthuis De Put", adres="Putstraat 3", postcode=9999,
                               gemeente="Verzinnegem", dagen=None, uren=None, toegang=None, website=None,
                               bron="https://www.huurdersbond.example.org/waarborg"))
    book.save(tmp_path / "lijst.xlsx")
    code, out = run(capsys, "import", str(tmp_path / "lijst.xlsx"), "--map", str(demo_copy))
    assert code == 0, out
    assert out.splitlines()[:3] == ["- Nieuwe organisatie: Huurdersbond Verzinnegem",
                                    "- Nieuw gebouw: Buurthuis De Put",
                                    f"nieuw: {demo_copy}/locations/buurthuis-de-put.yaml"]
    assert out.rstrip().endswith("Dit is een voorbeeld; er is niets geschreven. Schrijf het met --write.")
    assert not (demo_copy / "organisations" / "huurdersbond-verzinnegem.yaml").exists()
    assert run(capsys, "import", str(tmp_path / "lijst.xlsx"), "--map", str(demo_copy), "--write")[0] == 0
    assert run(capsys, "check", str(demo_copy))[0] == 0
    text = (demo_copy / "organisations" / "huurdersbond-verzinnegem.yaml").read_text(encoding="utf-8")
    provenance = "- file: lijst.xlsx\n  supports: Ingelezen uit lijst.xlsx, blad Sheet, rijen 2, 3\n  date: 2026-11-23"
    assert provenance in text
    assert "languages: unknown" in text and "hours: unknown" in text and "access: unknown" in text
    assert "assured_date: 2026-10-15" in text and "location: sociaal-huis" in text
    location = (demo_copy / "locations" / "buurthuis-de-put.yaml").read_text(encoding="utf-8")
    assert "postal_code: '9999'" in location and "wheelchair: unknown" in location


def test_an_import_over_edited_files_says_what_it_replaces(tmp_path, demo_copy, capsys) -> None:
    book = Workbook()
    book.active.append(HEADERS)
    book.active.append(service("Huuradvies"))
    book.save(tmp_path / "lijst.xlsx")
    assert run(capsys, "import", str(tmp_path / "lijst.xlsx"), "--map", str(demo_copy), "--write")[0] == 0
    path = demo_copy / "organisations" / "huurdersbond-verzinnegem.yaml"
    edited = path.read_text(encoding="utf-8").replace("access: appointment", "access: walk_in")
    path.write_text(edited, encoding="utf-8")
    code, out = run(capsys, "import", str(tmp_path / "lijst.xlsx"), "--map", str(demo_copy))
    assert code == 0
    assert ("- Huurdersbond Verzinnegem, Huuradvies: toegang was zonder afspraak, wordt op afspraak" in out
            and f"vervangen: {path}" in out and "1 bestaande bestanden worden vervangen" in out)
    assert path.read_text(encoding="utf-8") == edited


def test_csv_with_semicolons_as_excel_writes_it(tmp_path, demo_copy, capsys) -> None:
    lines = [";".join(HEADERS), ";".join(str(v or "") for v in service("Huuradvies", gecontroleerd_op="15-10-2026"))]
    (tmp_path / "lijst.csv").write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    assert run(capsys, "import", str(tmp_path / "lijst.csv"), "--map", str(demo_copy), "--write")[0] == 0
    wrong = lines[0] + "\n" + lines[1].replace("09:00-12:00", "9-12") + "\n"
    (tmp_path / "fout.csv").write_text(wrong, encoding="utf-8")
    code, out = run(capsys, "import", str(tmp_path / "fout.csv"), "--map", str(demo_copy))
    assert code == 1 and out.startswith(f"{tmp_path / 'fout.csv'}:T2: uren: '9-12' is geen tijdvak")


def ods(path: Path, rows: list[list], merge: tuple[int, int, int] | None = None,
        formula: tuple[int, int, str] | None = None) -> Path:
    """A minimal OpenDocument spreadsheet; ``merge`` = (row, column, rows spanned), ``formula`` =
    (row, column, formula), 0-based."""
    def cell(r: int, c: int, value) -> str:
        if formula and (r, c) == formula[:2]:
            return (f'<table:table-cell table:formula="of:{escape(formula[2], {chr(34): "&quot;"})}" '
                    'office:value-type="string">'
                    f'<text:p>{value}</text:p></table:table-cell>')
        if merge and (r, c) == merge[:2]:
            return (f'<table:table-cell table:number-rows-spanned="{merge[2]}" office:value-type="string">'
                    f'<text:p>{value}</text:p></table:table-cell>')
        if merge and c == merge[1] and merge[0] < r < merge[0] + merge[2]:
            return "<table:covered-table-cell/>"
        if value in (None, ""):
            return "<table:table-cell/>"
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    body = "".join("<table:table-row>" + "".join(cell(r, c, v) for c, v in enumerate(row)) + "</table:table-row>"
                   for r, row in enumerate(rows))
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="Diensten">{body}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


def test_ods_is_read_with_its_merged_cells_and_formulas(tmp_path, demo_copy, capsys) -> None:
    rows = [HEADERS, service("Huuradvies", gecontroleerd_op="15-10-2026"),
            service("Huurwaarborg", gecontroleerd_op="15-10-2026")]
    good = ods(tmp_path / "lijst.ods", rows)
    assert run(capsys, "import", str(good), "--map", str(demo_copy), "--write")[0] == 0
    text = (demo_copy / "organisations" / "huurdersbond-verzinnegem.yaml").read_text(encoding="utf-8")
    assert "name: Huurwaarborg" in text and "blad Diensten, rijen 2, 3" in text
    merged = ods(tmp_path / "samengevoegd.ods", rows, merge=(1, HEADERS.index("beschrijving dienst"), 2))
    code, out = run(capsys, "import", str(merged), "--map", str(demo_copy))
    assert code == 1
    assert f"{merged}:Diensten!H2: beschrijving dienst: samengevoegde cellen (H2:H3)" in out
    computed = ods(tmp_path / "formule.ods", rows, formula=(2, HEADERS.index("dienst"), '=[.G2]&" 2"'))
    code, out = run(capsys, "import", str(computed), "--map", str(demo_copy))
    assert code == 1
    assert out.splitlines()[0] == (f'{computed}:Diensten!G3: dienst: formule =[.G2]&" 2"; typ de waarde zelf in '
                                   "(kopieer de cel en plak ze als waarde)")


def test_the_template_has_every_column_and_each_is_documented_for_editors(tmp_path: Path) -> None:
    from generator.editors.sheets import write_template

    write_template(tmp_path / "sjabloon.xlsx", COLUMNS)
    book = load_workbook(tmp_path / "sjabloon.xlsx")
    assert [cell.value for cell in book["Diensten"][1]] == HEADERS
    assert [row[0] for row in book["Uitleg"].iter_rows(min_row=2, values_only=True)] == HEADERS
    guide = (ROOT / "docs" / "redactie.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Een lijst inlezen"):]
    assert [header for header in HEADERS if f"| `{header}` |" not in section] == []
