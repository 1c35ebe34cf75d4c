"""Spreadsheets (.xlsx, .ods, .csv) read into one shape: cells with their place, formulas, merges.

.xlsx is read with openpyxl, the one reader that shows a cell's formula (not only
its last result) and the merged ranges; .ods with python-calamine (openpyxl cannot
read it; for .ods calamine gives a formula's result but not the formula, and no merged
ranges: both are read from the file's content.xml);
.csv with the standard library (comma, semicolon or tab, as Excel writes it).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter, range_boundaries

from .sheet_limits import SheetError, bounded_bytes, check_archive, check_merges, check_size, regular_file

PREFERRED_SHEET = "Diensten"
SUFFIXES = (".xlsx", ".ods", ".csv")


@dataclass(frozen=True)
class Cell:
    """One cell: 1-based row and column, its value, and its formula when it has one."""

    row: int
    column: int
    value: Any
    formula: str | None = None

    @property
    def ref(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"


@dataclass(frozen=True)
class Merge:
    """A merged range, e.g. B5:B7."""

    ref: str
    first_row: int
    last_row: int

    def covers(self, column: int) -> bool:
        first, _, last, _ = range_boundaries(self.ref)
        return first <= column <= last


@dataclass
class Sheet:
    """The rows of one sheet; ``name`` is None for a CSV file (it has no sheets)."""

    file: str
    name: str | None
    rows: list[list[Cell]]
    merges: list[Merge] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. the hidden sheets that were not read

    def place(self, ref: str) -> str:
        """Where a cell is, as the problems name it: 'file:sheet!B3' (CSV: 'file:B3')."""
        return f"{self.file}:{self.name}!{ref}" if self.name else f"{self.file}:{ref}"


def read_sheet(path: Path, shown_as: str) -> Sheet:
    """The sheet 'Diensten' of a spreadsheet, or its first sheet."""
    readers = {".xlsx": _read_xlsx, ".ods": _read_ods, ".csv": _read_csv}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise SheetError(f"{shown_as}: onbekend soort bestand; gebruik .xlsx, .ods of .csv")
    regular_file(path, shown_as)
    try:
        return reader(path, shown_as)
    except SheetError:
        raise
    except Exception as error:  # a broken or mislabelled file: every reader fails its own way
        raise SheetError(f"{shown_as}: kan het bestand niet lezen als rekenblad ({error})") from None


def _chosen(names: list[str], hidden: set[str], shown_as: str) -> tuple[str, list[str]]:
    """'Diensten', or the first sheet one can see; and a note for every hidden sheet passed over
    (a hidden sheet is easily forgotten: reading it would import what nobody looked at)."""
    visible = [name for name in names if name not in hidden]
    if not visible:
        raise SheetError(f"{shown_as}: elk blad is verborgen; maak het blad met de lijst zichtbaar")
    if PREFERRED_SHEET in hidden:
        raise SheetError(f"{shown_as}: het blad {PREFERRED_SHEET} is verborgen; maak het zichtbaar "
                         "(rechtsklik op een bladtab > Zichtbaar maken) of geef het een andere naam")
    chosen = PREFERRED_SHEET if PREFERRED_SHEET in visible else visible[0]
    skipped = [name for name in names if name in hidden and names.index(name) < names.index(chosen)]
    return chosen, [f"Let op: het verborgen blad '{name}' is niet ingelezen; alleen het blad '{chosen}'."
                    for name in skipped]


def _read_xlsx(path: Path, shown_as: str) -> Sheet:
    from openpyxl import load_workbook

    check_archive(path, shown_as)
    book = load_workbook(path, data_only=False)  # not read_only: that mode hides merged ranges
    hidden = {sheet.title for sheet in book.worksheets if sheet.sheet_state != "visible"}
    name, notes = _chosen(book.sheetnames, hidden, shown_as)
    sheet = book[name]
    check_size(sheet.max_row, sheet.max_column, shown_as)
    check_merges(len(sheet.merged_cells.ranges), shown_as)
    rows = [[Cell(c.row, c.column, None if c.data_type == "f" else c.value,
                  str(getattr(c.value, "text", c.value)) if c.data_type == "f" else None) for c in row]
            for row in sheet.iter_rows()]
    merges = [Merge(str(r), r.min_row, r.max_row) for r in sheet.merged_cells.ranges]
    return Sheet(shown_as, sheet.title, rows, sorted(merges, key=lambda m: (m.first_row, m.ref)), notes)


def _read_ods(path: Path, shown_as: str) -> Sheet:
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    check_archive(path, shown_as)
    book = CalamineWorkbook.from_path(str(path))
    hidden = {meta.name for meta in book.sheets_metadata if meta.visible != SheetVisibleEnum.Visible}
    name, notes = _chosen(book.sheet_names, hidden, shown_as)
    sheet = book.get_sheet_by_name(name)
    check_size(sheet.total_height, sheet.total_width, shown_as)
    values = sheet.to_python(skip_empty_area=False)
    merges, formulas = ods_layout(path, sheet.name)
    check_merges(len(merges), shown_as)
    rows = [[Cell(r + 1, c + 1, None if value == "" else value, formulas.get((r + 1, c + 1)))
             for c, value in enumerate(row)] for r, row in enumerate(values)]
    return Sheet(shown_as, sheet.name, rows, merges, notes)


TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def ods_layout(path: Path, sheet_name: str) -> tuple[list[Merge], dict[tuple[int, int], str]]:
    """The merged ranges and formulas of an .ods sheet, from its content.xml (calamine gives neither)."""
    import xml.etree.ElementTree as ET
    import zipfile

    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("content.xml"))
    table = next((t for t in root.iter(f"{TABLE}table") if t.get(f"{TABLE}name") == sheet_name), None)
    merges, formulas, row_number = [], {}, 1
    for row in table.iter(f"{TABLE}table-row") if table is not None else ():
        column = 1
        for cell in row:
            rows, columns = (int(cell.get(f"{TABLE}number-{what}-spanned", 1)) for what in ("rows", "columns"))
            if rows > 1 or columns > 1:
                ref = f"{get_column_letter(column)}{row_number}:{get_column_letter(column + columns - 1)}"
                merges.append(Merge(f"{ref}{row_number + rows - 1}", row_number, row_number + rows - 1))
            if formula := cell.get(f"{TABLE}formula"):
                formulas[(row_number, column)] = formula.removeprefix("of:")
            column += int(cell.get(f"{TABLE}number-columns-repeated", 1))
        row_number += int(row.get(f"{TABLE}number-rows-repeated", 1))
    return merges, formulas


SEPARATOR_LINE = re.compile(r"^sep=(.)\r?\n")  # Excel's first line when it is told which separator to use


def _read_csv(path: Path, shown_as: str) -> Sheet:
    """The rows of a CSV file, parsed as one text (a line break inside a quoted cell stays in
    its cell; U+2028 is a character, not a new row). Rows are numbered as Excel shows them."""
    text = csv_text(bounded_bytes(path, shown_as), shown_as)
    if separator := SEPARATOR_LINE.match(text):
        delimiter, text = separator.group(1), text[separator.end():]
    else:
        delimiter = max(";,\t", key=re.split(r"[\r\n]", text, maxsplit=1)[0].count)
    rows = []
    for r, line in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)):
        check_size(r + 1, len(line), shown_as)
        rows.append([Cell(r + 1, c + 1, value if value.strip() else None) for c, value in enumerate(line)])
    return Sheet(shown_as, None, rows)


def csv_text(raw: bytes, shown_as: str) -> str:
    """UTF-8 (with or without BOM), else what Excel on Windows writes as "CSV" (cp1252); UTF-16
    ("Unicode-tekst") is named, not read as 22 columns of NUL bytes."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        raise SheetError(f"{shown_as}: dit bestand is opgeslagen als UTF-16 (Unicode-tekst); bewaar het "
                         "opnieuw als 'CSV UTF-8 (door komma's gescheiden)' of als .xlsx en lees dat in")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def write_template(path: Path, columns: list) -> None:
    """The empty spreadsheet `init` writes: the sheet 'Diensten' with the headers, and 'Uitleg'."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = PREFERRED_SHEET
    sheet.append([column.header for column in columns])
    for cell, column in zip(sheet[1], columns, strict=True):
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(14, len(column.header) + 4)
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("Uitleg")
    guide.append(["kolom", "verplicht", "wat vult u in", "voorbeeld"])
    for column in columns:
        guide.append([column.header, "ja" if column.required else "nee", column.help, column.example])
    book.save(path)
