"""A spreadsheet with one service per row, turned into organisation and location records.

Every problem is collected (``file:sheet!cell: column: message``); a row with a
problem is left out, and the caller writes nothing while there are problems,
unless it was asked to import the valid rows only (--partial).
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter, range_boundaries

from . import cells
from .columns import COLUMNS, HEADERS
from .rule_wording import WordingError, exceptions_in, rules_in
from .sheets import Cell, Sheet

ORG_FIELDS = {"soort": "kind", "beschrijving organisatie": "description", "website": "website",
              "e-mail": "email", "telefoon": "phones"}
READERS = {"soort": cells.kind, "website": cells.url, "e-mail": cells.email, "telefoon": cells.phones,
           "toegang": cells.access, "talen": cells.languages, "uren": cells.time_groups,
           "bron": cells.url, "gecontroleerd op": cells.day}
WORDED = {"dagen": rules_in, "uitzonderingen": exceptions_in}  # in the site's own words (rule_wording.py)
LIST_COLUMNS = {"meebrengen": ";"}


@dataclass(frozen=True, order=True)
class CellProblem:
    """One problem in one cell (or row), in sheet order."""

    row: int
    column: int
    place: str
    header: str
    message: str

    def __str__(self) -> str:
        return f"{self.place}: {self.header}: {self.message}"


@dataclass
class Row:
    """The values of one data row, read and checked, by column header."""

    number: int
    values: dict[str, Any]
    cells: dict[str, Cell]
    ok: bool = True


@dataclass
class Imported:
    """Records to write (as plain data, YAML-ready), the problems, and the rows left out."""

    organisations: dict[str, dict] = field(default_factory=dict)
    locations: dict[str, dict] = field(default_factory=dict)
    problems: list = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)
    skipped_records: list[str] = field(default_factory=list)  # left out of an HSDS import
    rows_read: int = 0
    notes: list[str] = field(default_factory=list)  # said after the changes, e.g. what a format cannot carry
    publisher: str | None = None  # who published an HSDS export (its index.json): the house of a new map
    # Where each record comes from in the source ('lijst.xlsx:Diensten!A2', 'services.json: [0].organization'),
    # by its file in map/: a problem `check` finds in an imported record is said there.
    origins: dict[str, str] = field(default_factory=dict)


class SheetImport:
    """Reads one sheet; ``themes`` maps theme ids and names (lower case) to ids,
    ``known_locations`` the ids and names of the buildings already in map/."""

    def __init__(self, sheet: Sheet, themes: dict[str, str], known_locations: dict[str, str], today: dt.date):
        self.sheet, self.themes, self.known_locations, self.today = sheet, themes, known_locations, today
        self.result = Imported(notes=list(sheet.notes))
        self.headers: dict[int, str] = {}

    def problem(self, cell: Cell, header: str, message: str) -> None:
        self.result.problems.append(CellProblem(cell.row, cell.column, self.sheet.place(cell.ref), header, message))

    def run(self) -> list[Row]:
        """The valid rows; the problems of the others are in ``result``."""
        rows = [row for row in self.sheet.rows if row]
        rows = rows[self.title_rows(rows):]
        if not rows or not self.read_headers(rows[0]):
            return []
        bad = self.merged_rows() | self.empty_rows(rows[1:])
        parsed = [self.read_row(row) for row in rows[1:] if any(c.value is not None or c.formula for c in row)]
        good = [row for row in parsed if row.ok and row.number not in bad]
        self.result.rows_read = len(parsed)
        self.result.skipped_rows = [row.number for row in parsed if not (row.ok and row.number not in bad)]
        return good

    def title_rows(self, rows: list[list[Cell]]) -> int:
        """How many rows above the column names hold a title (said in a note); 0 when row 1 has them."""
        required = {column.header for column in COLUMNS if column.required}
        for index, row in enumerate(rows[:10]):
            if required <= {cells.text(cell.value).lower() for cell in row}:
                if index:
                    title = next((cells.text(c.value) for r in rows[:index] for c in r if c.value is not None), "")
                    self.result.notes.append(
                        f"Let op: de kolomnamen staan in rij {row[0].row}, niet in rij 1; wat erboven staat "
                        f"('{title}') is als titel overgeslagen.")
                return index
        return 0

    def read_headers(self, row: list[Cell]) -> bool:
        """Map column numbers to headers; unknown and missing columns are problems."""
        for cell in row:
            name = cells.text(cell.value).lower()
            if not name:
                continue
            if name in HEADERS and name in self.headers.values():
                first = next(column for column, header in self.headers.items() if header == name)
                self.problem(cell, name, f"deze kolom staat twee keer (ook in kolom {get_column_letter(first)}); "
                             "houd er één over, anders is niet duidelijk welke waarde geldt")
                continue
            if name in HEADERS:
                self.headers[cell.column] = name
                continue
            close = difflib.get_close_matches(name, HEADERS, n=1)
            hint = f" Bedoelde u '{close[0]}'?" if close else ""
            self.problem(cell, cells.text(cell.value), f"onbekende kolom; gebruik de kolommen van het sjabloon.{hint}")
        first = row[0]
        for column in COLUMNS:
            if column.required and column.header not in self.headers.values():
                self.problem(first, column.header, "deze kolom ontbreekt; voeg ze toe (zie het sjabloon)")
        return set(self.headers.values()) >= {c.header for c in COLUMNS if c.required}

    def merged_rows(self) -> set[int]:
        """Rows with merged cells: only the first row of a merge holds the value, so each row is unclear."""
        bad: set[int] = set()
        for merge in self.sheet.merges:
            column, row, _, _ = range_boundaries(merge.ref)
            cell = Cell(row, column, None)
            self.problem(cell, self.headers.get(cell.column, "(cellen)"),
                         f"samengevoegde cellen ({merge.ref}); maak ze los en vul de waarde in elke rij in")
            bad.update(range(merge.first_row, merge.last_row + 1))
        return bad

    def empty_rows(self, rows: list[list[Cell]]) -> set[int]:
        """An empty row between filled rows: perhaps a second list starts below it; it must go."""
        filled = {i for i, row in enumerate(rows) if any(c.value is not None or c.formula for c in row)}
        bad = set()
        for i in range(min(filled, default=0), max(filled, default=0)):
            if i not in filled:
                self.problem(rows[i][0] if rows[i] else Cell(i + 2, 1, None), "(rij)",
                             "lege rij tussen de gegevens; verwijder de rij")
                bad.add(rows[i][0].row if rows[i] else i + 2)
        return bad

    def read_row(self, row: list[Cell]) -> Row:
        """The checked values of a row; not ``ok`` when a cell has a problem."""
        values, by_header, failed = {}, {}, set()
        for cell in row:
            header = self.headers.get(cell.column)
            if header is None:
                continue
            by_header[header] = cell
            try:
                values[header] = self.value(header, cell)
            except cells.CellError as error:
                self.problem(cell, header, str(error))
                failed.add(header)
        for column in COLUMNS:  # what an organisation has once is checked per organisation (records.py)
            header = column.header
            if column.required and header not in ORG_FIELDS and not values.get(header) and header not in failed:
                cell = by_header.get(header, row[0])
                if not self.in_merge(cell):
                    self.problem(cell, header, "leeg; deze kolom is verplicht")
                failed.add(header)
        return Row(row[0].row, values, by_header, not failed)

    def in_merge(self, cell: Cell) -> bool:
        """A cell covered by a merged range (its emptiness is the merge's problem, said once)."""
        return any(m.first_row < cell.row <= m.last_row and m.covers(cell.column) for m in self.sheet.merges)

    def value(self, header: str, cell: Cell) -> Any:
        if cell.formula:
            raise cells.CellError(f"formule {cell.formula}; typ de waarde zelf in "
                                  "(kopieer de cel en plak ze als waarde)")
        if header == "thema's":
            return [self.theme(name) for name in cells.pieces(cell.value, ",")]
        if cell.value is None and header not in ("toegang", "talen"):
            return None
        if header in WORDED:
            try:
                return WORDED[header](cells.text(cell.value), self.today)
            except WordingError as error:
                raise cells.CellError(str(error)) from None
        if header == "gecontroleerd op" and (checked := cells.day(cell.value)) > self.today:
            raise cells.CellError(f"de controledatum {checked:%d-%m-%Y} ligt in de toekomst")
        if header in READERS:
            return READERS[header](cell.value)
        if header in LIST_COLUMNS:
            return cells.pieces(cell.value, LIST_COLUMNS[header])
        return cells.text(cell.value) or None

    def theme(self, name: str) -> str:
        if name.lower() not in self.themes:
            known = ", ".join(sorted(set(self.themes.values())))
            raise cells.CellError(f"'{name}' is geen thema van deze kaart; kies uit: {known} (zie map/themes.yaml)")
        return self.themes[name.lower()]
