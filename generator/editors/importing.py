"""`sociale-kaart import`: records from a spreadsheet or an HSDS export, checked, then described or written.

The records are first written into a copy of map/ and checked there with the
same checks as `sociale-kaart check`; what would change is said with the
sentences of `sociale-kaart diff`. Only --write touches map/, and only after
the whole import is valid (or, with --partial, its valid rows).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..data.dataset import Dataset, load_dataset
from ..data.errors import DataError, Problem, count_sentence, display_path, machine_reason, printable
from ..data.schema import SLUG
from .cells import slug
from .mapdiff import diff_datasets
from .new_map import Known, NoHouse, new_map_files, what_is_there
from .spreadsheet import Imported
from .yaml_out import dump

HEADER = "# Ingelezen met sociale-kaart import uit {source} op {day}. Kijk na en vul aan wat ontbreekt.\n"


@dataclass
class Outcome:
    """What the command prints, and its exit code."""

    lines: list[str]
    code: int


def read_source(source: Path, current: Dataset | Known, today: dt.date, themes: Path | None = None) -> Imported:
    """The records of a spreadsheet file, or of an HSDS folder or index.json/services.json."""
    if source.is_dir() or source.suffix.lower() == ".json":
        from .hsds_import import import_hsds

        return import_hsds(source, current, today, themes)
    from .records import import_sheet
    from .sheets import read_sheet

    themes = {key.lower(): theme.id for theme in current.themes.values() for key in (theme.id, theme.name)}
    known = {key: loc.id for loc in current.locations.values() for key in (loc.id, slug(loc.name))}
    return import_sheet(read_sheet(source, display_path(source)), themes, known, today)


def run_import(source: Path, map_dir: Path, *, write: bool, partial: bool, today: dt.date,
               house: str | None = None, themes: Path | None = None) -> Outcome:
    """Read, check and describe an import; with ``write``, write it into ``map_dir``.

    The map is judged as it will be after the import, so a map with problems the import
    solves (an emptied map), or no map at all (then a new one around ``house``), can be filled.
    """
    current, known = what_is_there(map_dir)
    imported = read_source(source, known, today, themes)
    lines = [str(problem) for problem in imported.problems]
    if imported.problems and not partial:
        lines += [count_sentence(len(imported.problems)), "Er is niets geschreven: verbeter de fouten "
                  "en probeer opnieuw (of gebruik --partial om alleen de rijen zonder fouten in te lezen)."]
        return Outcome(lines, 1)
    if imported.problems:
        lines += [count_sentence(len(imported.problems)), left_out(imported)]
    if not imported.organisations and not imported.locations:
        return Outcome([*lines, "Niets in te lezen."], 1)
    return lines_of_change(source, map_dir, current, imported, write, today, lines, house)


def left_out(imported: Imported) -> str:
    """What --partial leaves out, said plainly."""
    if imported.skipped_records:
        return (f"Let op (--partial): dit wordt NIET ingelezen: {', '.join(imported.skipped_records)}. "
                "Alleen de rest wordt ingelezen.")
    rows = ", ".join(str(n) for n in imported.skipped_rows)
    return (f"Let op (--partial): deze rijen worden NIET ingelezen: {rows or 'geen'}. "
            "Alleen de rijen zonder fouten worden ingelezen.")


def lines_of_change(source: Path, map_dir: Path, current: Dataset | None, imported: Imported, write: bool,
                    today: dt.date, lines: list[str], house: str | None) -> Outcome:
    """Check the records in a copy of map/, say what changes, and write them when asked."""
    files = record_files(imported, source.name, today)
    if not map_dir.exists():
        try:
            settings, sentence = new_map_files(imported, house)
        except NoHouse as error:
            return Outcome([*lines, f"Niet gelukt: {error}. Er is niets geschreven."], 1)
        files, lines = {**settings, **files}, [*lines, sentence]
    try:
        new = checked_copy(map_dir, files)
    except DataError as error:
        found = [at_origin(problem, map_dir, imported.origins) for problem in error.problems]
        return Outcome([*lines, *found, count_sentence(len(found)), "Er is niets geschreven."], 1)
    changed = {relative: text for relative, text in files.items() if not same_file(map_dir / relative, text)}
    lines += [f"- {change}" for change in diff_datasets(current or nothing_in(new), new)] + imported.notes
    lines += [f"{'nieuw' if not (map_dir / r).exists() else 'vervangen'}: {map_dir / r}" for r in sorted(changed)]
    if not changed:
        return Outcome([*lines, "Geen wijzigingen: map/ bevat dit al."], 0)
    if replaced := sum((map_dir / relative).exists() for relative in changed):
        lines.append(f"Let op: {replaced} bestaande bestanden worden vervangen door de ingelezen versie; "
                     "wat daar met de hand in staat (ook commentaar) gaat dan verloren.")
    if not write:
        return Outcome([*lines, "Dit is een voorbeeld; er is niets geschreven. Schrijf het met --write."], 0)
    try:
        write_all(map_dir, changed)
    except OSError as error:
        return Outcome([*lines, f"Schrijven in {map_dir} is mislukt: {machine_reason(error)}. "
                        "Er is niets geschreven; map/ is ongewijzigd."], 1)
    return Outcome([*lines, f"Geschreven: {len(changed)} bestanden. Controleer met: sociale-kaart check {map_dir}"], 0)


def at_origin(problem: Problem, map_dir: Path, origins: dict[str, str]) -> str:
    """A problem in an imported record, said where the record comes from (the sheet's cell, the
    export's JSON path), with the line of the file it would become; other problems as they are."""
    for relative, origin in origins.items():
        if problem.path == display_path(map_dir / relative):
            return (f"{origin}: {problem.field or '(record)'}: {problem.message} "
                    f"(in {relative}, regel {problem.line}, dat niet geschreven is)")
    return str(problem)


def nothing_in(new: Dataset) -> Dataset:
    """A map with none of the records of ``new``: what a map with problems, or no map, is compared as
    (every imported record is then new)."""
    return dataclasses.replace(new, organisations={}, locations={}, documents={})


def checked_copy(map_dir: Path, files: dict[str, str]) -> Dataset:
    """The map as it would be after the import: a copy of it with the files, checked as `check` does.

    Problems name the files in ``map_dir``, where they would be written, not the copy.
    """
    try:
        with tempfile.TemporaryDirectory(prefix="sociale-kaart-import-") as temp:
            copy = Path(temp) / "map"
            copy_map(map_dir, copy)
            write_files(copy, files)
            try:
                return load_dataset(copy)
            except DataError as error:
                raise DataError([replace_folder(p, copy, map_dir) for p in error.problems]) from None
    except OSError as error:
        raise ImportFailure(f"De import kon niet nagekeken worden in de tijdelijke map ({tempfile.gettempdir()}): "
                            f"{machine_reason(error)}. Er is niets geschreven. Maak ruimte vrij of kies "
                            "een andere tijdelijke map met TMPDIR=...") from None


class _CopyFailed(Exception):
    """An OSError of one file, carried out of shutil.copytree (which would collect it with the rest)."""


def copy_map(map_dir: Path, copy: Path) -> None:
    """map/ copied as it is (symlinks stay symlinks, for the check to report); the first failure stops it."""
    def copy_file(source: str, target: str) -> None:
        try:
            shutil.copy2(source, target)
        except OSError as error:
            raise _CopyFailed(error) from None

    if not map_dir.is_dir():
        copy.mkdir()
        return
    try:
        shutil.copytree(map_dir, copy, symlinks=True, copy_function=copy_file)
    except _CopyFailed as failed:
        raise failed.args[0] from None


def replace_folder(problem: Problem, copy: Path, map_dir: Path) -> Problem:
    """A problem of the copy, named at the map folder (as display_path names the map folder)."""
    for old, new in ((display_path(copy), display_path(map_dir)), (str(copy), str(map_dir))):
        if problem.path.startswith(old):
            return dataclasses.replace(problem, path=new + problem.path[len(old):])
    return problem


class ImportFailure(ValueError):
    """The machine refused (a full or read-only folder): one Dutch sentence, nothing written."""


def write_files(folder: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")


def write_all(map_dir: Path, files: dict[str, str]) -> None:
    """Write every file aside first (a hidden name beside its place), then move each into place.

    A full disk or a read-only folder fails while writing aside: then the hidden
    files are removed and map/ is as it was. A move within a folder needs no room.
    """
    aside: dict[Path, Path] = {}
    try:
        for relative, text in files.items():
            target = map_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            hidden = target.with_name(f".{target.name}.import-{os.getpid()}")
            aside[hidden] = target
            with open(hidden, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
    except OSError:
        for hidden in aside:
            hidden.unlink(missing_ok=True)
        raise
    for hidden, target in aside.items():
        os.replace(hidden, target)


def same_file(path: Path, text: str) -> bool:
    return path.is_file() and path.read_text(encoding="utf-8") == text


def record_files(imported: Imported, source_name: str, today: dt.date) -> dict[str, str]:
    """The YAML text of every imported record, by its path inside map/."""
    header = HEADER.format(source=printable(source_name), day=today.isoformat())
    files = {}
    for folder, records in (("organisations", imported.organisations), ("locations", imported.locations)):
        for key, record in records.items():
            if not SLUG.match(key):  # the readers refuse such ids; a file name never leaves its folder
                raise ImportFailure(f"{printable(key)!r} is geen geldige id; er is niets geschreven")
            files[f"{folder}/{key}.yaml"] = header + dump(record)
    return files
