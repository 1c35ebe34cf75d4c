"""Read a whole map/ folder into one validated, cross-referenced Dataset."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .errors import DataError, Problem, display_path
from .load import Document, load_file
from .messages import problems_from
from .schema import Closures, Location, Organisation, Site, Theme, ThemeList
from .mentoring import Mentoring, check_references
from .validate import cross_check

M = TypeVar("M", bound=BaseModel)

SINGLE_FILES = {"site.yaml": Site, "themes.yaml": ThemeList, "closures.yaml": Closures}
OPTIONAL_FILES = {"mentoring.yaml": Mentoring}
FOLDERS = {"locations": Location, "organisations": Organisation}


@dataclass(frozen=True)
class Dataset:
    """Everything in map/, validated. Records keep the document they came from."""

    root: Path
    site: Site
    themes: dict[str, Theme]
    closures: Closures
    locations: dict[str, Location]
    organisations: dict[str, Organisation]
    mentoring: Mentoring | None = None
    documents: dict[int, Document] = field(default_factory=dict, repr=False, compare=False)

    def document(self, record: BaseModel) -> Document:
        """The YAML document a top-level record was read from."""
        return self.documents[id(record)]

    def source_path(self, record: BaseModel) -> str:
        """The record's file as the repository names it, e.g. 'map/organisations/x.yaml'."""
        path = self.document(record).path.resolve()
        return f"{self.site.map_path}/{path.relative_to(self.root).as_posix()}"


class _Reader:
    """Collects records and problems while reading the files of one map folder."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.documents: dict[int, Document] = {}

    def read(self, path: Path, model: type[M]) -> M | None:
        doc, problems = load_file(path)
        self.problems.extend(problems)
        if doc is None:
            return None
        try:
            record = model.model_validate(doc.data)
        except ValidationError as error:
            self.problems.extend(problems_from(error, doc, model))
            return None
        self.documents[id(record)] = doc
        return record

    def missing(self, path: Path, what: str) -> None:
        """Report a missing file or folder; returns None in place of its record."""
        self.problems.append(Problem(display_path(path), 1, "", f"{what} ontbreekt"))


@dataclass
class Records:
    """What could be read from a map folder, even when some files have problems.

    Cross-record checks run on this, so that one run reports every problem:
    references to a file that exists but has its own problems are not reported
    again as unknown (hence the ``*_ids`` sets, taken from the file names).
    """

    root: Path
    singles: dict[str, BaseModel | None]
    single_docs: dict[str, Document]
    locations: dict[str, Location]
    organisations: dict[str, Organisation]
    location_ids: set[str]
    organisation_ids: set[str]
    documents: dict[int, Document]

    def document(self, record: BaseModel) -> Document:
        return self.documents[id(record)]


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while reading.

    Reading allocates millions of small objects that all stay alive (nodes,
    values, records); the collector would scan them again and again for
    cycles they do not have. Reference counting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_dataset(root: Path) -> Dataset:
    """Read and check every file under ``root``; raise DataError listing all problems."""
    with _no_cycle_collection():
        return _load_dataset(root)


def _load_dataset(root: Path) -> Dataset:
    if not root.is_dir():
        raise DataError([Problem(display_path(root), 1, "", "deze map bestaat niet")])
    reader = _Reader()
    singles = {}
    for name, model in SINGLE_FILES.items():
        path = root / name
        singles[name] = reader.read(path, model) if path.is_file() else reader.missing(path, "dit bestand")
    for name, model in OPTIONAL_FILES.items():
        singles[name] = reader.read(root / name, model) if (root / name).is_file() else None
    files = {name: sorted((root / name).glob("*.yaml")) for name in FOLDERS}
    folders = {name: _read_folder(reader, root / name, model, files[name]) for name, model in FOLDERS.items()}
    _stray_files(reader, root)
    records = Records(
        root=root.resolve(),
        singles=singles,
        single_docs={name: reader.documents[id(r)] for name, r in singles.items() if r is not None},
        locations=folders["locations"],
        organisations=folders["organisations"],
        location_ids={path.stem for path in files["locations"]},
        organisation_ids={path.stem for path in files["organisations"]},
        documents=reader.documents,
    )
    problems = reader.problems + cross_check(records)
    if mentoring := singles["mentoring.yaml"]:
        problems += check_references(mentoring, records.document(mentoring), records.organisation_ids)
    if problems:
        raise DataError(problems)
    return Dataset(
        root=records.root,
        site=singles["site.yaml"],
        themes={theme.id: theme for theme in singles["themes.yaml"].themes},
        closures=singles["closures.yaml"],
        locations=records.locations,
        organisations=records.organisations,
        mentoring=singles["mentoring.yaml"],
        documents=reader.documents,
    )


def _read_folder(reader: _Reader, folder: Path, model: type[M], paths: list[Path]) -> dict[str, M]:
    records: dict[str, M] = {}
    if not folder.is_dir():
        reader.missing(folder, "de map")
        return records
    for path in paths:
        record = reader.read(path, model)
        if record is not None:
            records[path.stem] = record
    return records


def _stray_files(reader: _Reader, root: Path) -> None:
    """Files that would silently be ignored: wrong extension, or in the wrong place."""
    # The order does not matter: DataError sorts the problems.
    for path in root.rglob("*"):
        if path.suffix not in (".yml", ".yaml") or path.name.startswith("."):
            continue
        relative = path.relative_to(root)
        if path.suffix == ".yaml" and len(relative.parts) == 2 and relative.parts[0] in FOLDERS:
            continue  # the common case, decided without a look at the disk
        if not path.is_file():
            continue
        if path.suffix == ".yml":
            reader.problems.append(Problem(display_path(path), 1, "", "gebruik de extensie .yaml, niet .yml; dit bestand wordt nu overgeslagen"))
        elif path.suffix == ".yaml" and not (
            str(relative) in SINGLE_FILES or str(relative) in OPTIONAL_FILES or relative.parts[0] in FOLDERS and len(relative.parts) == 2
        ):
            reader.problems.append(Problem(display_path(path), 1, "", "dit bestand staat op een onbekende plaats en wordt overgeslagen"))
