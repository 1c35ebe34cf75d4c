"""Spreadsheets (.xlsx, .ods, .csv) read into one shape: cells with their place, formulas, merges.

.xlsx is read with openpyxl, the one reader that shows a cell's formula (not only
its last result) and the merged ranges; .ods with python-calamine (openpyxl cannot
read it; for .ods calamine gives a formula's result but not the formula, and no merged
ranges: both are read from the file's content.xml);
.csv with the standard library (comma, semicolon or tab, as Excel writes it).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter, range_boundaries

PREFERRED_SHEET = "Diensten"
SUFFIXES = (".xlsx", ".ods", ".csv")


class SheetError(Exception):
    """The file cannot be read as a spreadsheet (in Dutch, for the editor)."""


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

    def place(self, ref: str) -> str:
        """Where a cell is, as the problems name it: 'file:sheet!B3' (CSV: 'file:B3')."""
        return f"{self.file}:{self.name}!{ref}" if self.name else f"{self.file}:{ref}"


def read_sheet(path: Path, shown_as: str) -> Sheet:
    """The sheet 'Diensten' of a spreadsheet, or its first sheet."""
    readers = {".xlsx": _read_xlsx, ".ods": _read_ods, ".csv": _read_csv}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise SheetError(f"{shown_as}: onbekend soort bestand; gebruik .xlsx, .ods of .csv")
    try:
        return reader(path, shown_as)
    except SheetError:
        raise
    except Exception as error:  # a broken or mislabelled file: every reader fails its own way
        raise SheetError(f"{shown_as}: kan het bestand niet lezen als rekenblad ({error})") from None


def _chosen(names: list[str]) -> str:
    return PREFERRED_SHEET if PREFERRED_SHEET in names else names[0]


def _read_xlsx(path: Path, shown_as: str) -> Sheet:
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=False)  # not read_only: that mode hides merged ranges
    sheet = book[_chosen(book.sheetnames)]
    rows = [[Cell(c.row, c.column, None if c.data_type == "f" else c.value,
                  str(getattr(c.value, "text", c.value)) if c.data_type == "f" else None) for c in row]
            for row in sheet.iter_rows()]
    merges = [Merge(str(r), r.min_row, r.max_row) for r in sheet.merged_cells.ranges]
    return Sheet(shown_as, sheet.title, rows, sorted(merges, key=lambda m: (m.first_row, m.ref)))


def _read_ods(path: Path, shown_as: str) -> Sheet:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    sheet = book.get_sheet_by_name(_chosen(book.sheet_names))
    values = sheet.to_python(skip_empty_area=False)
    merges, formulas = ods_layout(path, sheet.name)
    rows = [[Cell(r + 1, c + 1, None if value == "" else value, formulas.get((r + 1, c + 1)))
             for c, value in enumerate(row)] for r, row in enumerate(values)]
    return Sheet(shown_as, sheet.name, rows, merges)


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


def _read_csv(path: Path, shown_as: str) -> Sheet:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # what Excel on Windows writes as "CSV"
    first = text.splitlines()[0] if text else ""
    delimiter = max(";,\t", key=first.count)
    lines = list(csv.reader(text.splitlines(), delimiter=delimiter))
    rows = [[Cell(r + 1, c + 1, value if value.strip() else None) for c, value in enumerate(line)]
            for r, line in enumerate(lines)]
    return Sheet(shown_as, None, rows)


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
