"""Read a whole map/ folder into one validated, cross-referenced Dataset."""

from __future__ import annotations

import functools
import gc
import os
import stat
import threading
import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .errors import DataError, Problem, display_path
from .load import Document, load_file
from .mentoring import Mentoring, check_references
from .messages import problems_from
from .records import Records
from .schema import Closures, Location, Organisation, Site, Theme, ThemeList
from .validate import cross_check

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

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
        path = self.document(record).path
        return f"{self.site.map_path}/{_folder_in_map(path.parent, self.root)}{path.name}"


@functools.lru_cache(maxsize=64)
def _folder_in_map(folder: Path, root: Path) -> str:
    """A folder of map/ relative to its resolved root, with a trailing '/' ('' for the root).

    Resolved once per folder, not per file (a realpath is a few system calls per
    path part): the files read are never symlinks, only the folders may be.
    """
    relative = folder.resolve().relative_to(root).as_posix()
    return "" if relative == "." else relative + "/"


class DatasetMemo:
    """Results worked out once per dataset, kept for the latest dataset only: a new build
    (``mkdocs serve``) starts afresh and lets the old map go."""

    _all: weakref.WeakSet[DatasetMemo] = weakref.WeakSet()

    def __init__(self) -> None:
        self.data: Dataset | None = None
        self.found: dict = {}
        DatasetMemo._all.add(self)

    def get(self, data: Dataset, key: Hashable, compute: Callable[[], T]) -> T:
        if data is not self.data:
            self.data, self.found = data, {}
        if key not in self.found:
            self.found[key] = compute()
        return self.found[key]

    @classmethod
    def forget_all(cls) -> None:
        """Let go of every memo's dataset and results: the build is done with the map, and
        Pagefind's index write (the build's memory peak) should not find it still held."""
        for memo in list(cls._all):
            memo.data, memo.found = None, {}


Read = tuple[BaseModel | None, Document | None, list[Problem]]


def read_file(path: Path, model: type[BaseModel]) -> Read:
    """Parse and validate one file: its record (None when invalid), document and problems."""
    doc, problems = load_file(path)
    if doc is None:
        return None, None, problems
    try:
        record = model.model_validate(doc.data)
    except ValidationError as error:
        return None, None, problems + problems_from(error, doc, model)
    # Here, in whichever process reads the file: a second reader's records then arrive with
    # their few shared sets pickled once (pickle keeps shared objects shared in one message).
    share_field_sets(record)
    doc.let_go_of_data()
    return record, doc, problems


def _read_as(model: type[BaseModel], path: Path) -> Read:
    """``read_file`` with the model first: one picklable function per folder (read_all may send it on)."""
    return read_file(path, model)


ReadAll = Callable[[Callable[[Path], Read], list[Path]], list[Read]]


def read_one_by_one(read: Callable[[Path], Read], paths: list[Path]) -> list[Read]:
    """`read` for each path, in order: how load_dataset reads a folder unless told otherwise."""
    return [read(path) for path in paths]


class _Reader:
    """Collects records and problems while reading the files of one map folder."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.documents: dict[int, Document] = {}

    def read(self, path: Path, model: type[M]) -> M | None:
        return self.add(read_file(path, model))

    def add(self, read: Read) -> BaseModel | None:
        """Keep what ``read_file`` found; returns the record."""
        record, doc, problems = read
        self.problems.extend(problems)
        if record is not None:
            self.documents[id(record)] = doc
        return record

    def missing(self, path: Path, what: str) -> None:
        """Report a missing file or folder; returns None in place of its record."""
        self.problems.append(Problem(display_path(path), 1, "", f"{what} ontbreekt"))


# Pydantic keeps, in every model, the set of the field names its data gave: some 119,000
# sets at 10,000 organisations (60 distinct), 19 MiB of the 278 MiB a loaded map takes, in
# each build process. Records are frozen (schema.Record), so equal sets can be one: Python
# frees the others as the map is read.
_FIELD_SETS: dict[frozenset[str], set[str]] = {}


def share_field_sets(model: BaseModel) -> None:
    """Give `model` and the models inside it the one shared set of their field names."""
    fields = model.__pydantic_fields_set__
    object.__setattr__(model, "__pydantic_fields_set__", _FIELD_SETS.setdefault(frozenset(fields), fields))
    for value in model.__dict__.values():
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(item, BaseModel):
                share_field_sets(item)


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while reading (or building other lasting data, e.g. the agenda).

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
            if threading.active_count() == 1:
                # Everything allocated meanwhile counts as young: the first
                # collection after enabling would scan it all (about 0.3 s at
                # 10,000 organisations) only to find it still alive. Move it out
                # of the collector's sight instead: reference counting still
                # frees it. (A one-off run, `check` or `mkdocs build`, only; a
                # long-running server with threads collects as usual.)
                gc.freeze()
            gc.enable()


def load_dataset(root: Path, read_all: ReadAll = read_one_by_one) -> Dataset:
    """Read and check every file under ``root``; raise DataError listing all problems.

    ``read_all`` reads the files of a folder (organisations, locations): one-off
    commands pass generator.parallel.read_in_two, which may use a second core."""
    with no_cycle_collection():
        return _load_dataset(root, read_all)


def _load_dataset(root: Path, read_all: ReadAll) -> Dataset:
    if not root.is_dir():
        raise DataError([Problem(display_path(root), 1, "", "deze map bestaat niet")])
    reader = _Reader()
    if root.is_symlink():
        raise DataError([_symlink(root)])
    singles = {}
    for name, model in SINGLE_FILES.items():
        path = root / name
        singles[name] = reader.read(path, model) if _regular(path) else _absent(reader, path)
    for name, model in OPTIONAL_FILES.items():
        singles[name] = reader.read(root / name, model) if _regular(root / name) else None
    files = {name: _yaml_files(root / name) for name in FOLDERS}
    folders = {name: _read_folder(reader, root / name, model, files[name], read_all)
               for name, model in FOLDERS.items()}
    _odd_entries(reader, root)
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


def _read_folder(reader: _Reader, folder: Path, model: type[M], paths: list[Path],
                 read_all: ReadAll) -> dict[str, M]:
    records: dict[str, M] = {}
    if not folder.is_dir():
        reader.missing(folder, "de map")
        return records
    for path, read in zip(paths, read_all(functools.partial(_read_as, model), paths), strict=True):
        record = reader.add(read)
        if record is not None:
            records[path.stem] = record
    return records


SYMLINK = ("dit is een symbolische koppeling (symlink); de kaart leest alleen gewone bestanden "
           "en mappen, en volgt zo'n koppeling nooit. Zet het bestand zelf hier")
YAML_FOLDER = "dit is een map, geen bestand; geef de map een naam zonder .yaml of .yml"
NOT_A_FILE = ("dit is geen gewoon bestand maar {kind}; de kaart leest het niet (het zou blijven wachten "
              "of eindeloos lezen). Zet hier een gewoon bestand")
SPECIAL_KINDS = ((stat.S_ISFIFO, "een named pipe (FIFO)"), (stat.S_ISCHR, "een apparaat"),
                 (stat.S_ISBLK, "een apparaat"), (stat.S_ISSOCK, "een socket"))


def special_file_kind(entry: os.DirEntry) -> str | None:
    """What a map entry is when it is neither a file, a folder nor a symlink (a FIFO,
    a device, a socket: reading one blocks or never ends); None for the usual ones."""
    if entry.is_file(follow_symlinks=False) or entry.is_dir(follow_symlinks=False):
        return None  # known from the folder listing, without a system call per file
    mode = entry.stat(follow_symlinks=False).st_mode
    return next((kind for test, kind in SPECIAL_KINDS if test(mode)), None)


def _symlink(path: Path) -> Problem:
    """The problem of a symlink, named as it stands in the map (resolving it would show its target)."""
    return Problem(str(Path(display_path(path.parent)) / path.name), 1, "", SYMLINK)


def _regular(path: Path) -> bool:
    """A regular file, not a symlink (a symlink could show a file from outside the map)."""
    return path.is_file() and not path.is_symlink()


def _absent(reader: _Reader, path: Path) -> None:
    """Report a missing file, unless something else stands there (reported by _odd_entries)."""
    if not os.path.lexists(path):
        reader.missing(path, "dit bestand")


def _yaml_files(folder: Path) -> list[Path]:
    """The regular .yaml files in ``folder``; symlinks and folders are left to _odd_entries."""
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if e.name.endswith(".yaml") and e.is_file(follow_symlinks=False)]
    except OSError:
        return []
    return [folder / name for name in sorted(names)]


def _walk(folder: str) -> Iterator[os.DirEntry]:
    """Everything under ``folder``, without following symlinks (a stack, not recursion:
    a pull request can nest folders deeper than Python's recursion limit)."""
    folders = [folder]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                yield entry
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)


def _odd_entries(reader: _Reader, root: Path) -> None:
    """Entries that would silently be ignored or could leak outside files: symlinks, folders
    named like YAML files, files with the wrong extension or in the wrong place."""
    # The order does not matter: DataError sorts the problems.
    for entry in _walk(str(root)):
        suffix = os.path.splitext(entry.name)[1]
        if entry.is_symlink():
            reader.problems.append(_symlink(Path(entry.path)))
        elif (kind := special_file_kind(entry)) is not None:
            reader.problems.append(Problem(display_path(Path(entry.path)), 1, "", NOT_A_FILE.format(kind=kind)))
        elif suffix in (".yml", ".yaml") and not entry.name.startswith(".") and entry.is_dir():
            reader.problems.append(Problem(display_path(Path(entry.path)), 1, "", YAML_FOLDER))
        elif suffix in (".yml", ".yaml") and not entry.name.startswith("."):
            _stray_file(reader, root, Path(entry.path))


def _stray_file(reader: _Reader, root: Path, path: Path) -> None:
    """A .yml file, or a .yaml file where no file is read."""
    relative = path.relative_to(root)
    if path.suffix == ".yaml" and len(relative.parts) == 2 and relative.parts[0] in FOLDERS:
        return  # the common case
    if path.suffix == ".yml":
        reader.problems.append(Problem(display_path(path), 1, "",
                                       "gebruik de extensie .yaml, niet .yml; dit bestand wordt nu overgeslagen"))
    elif not (str(relative) in SINGLE_FILES or str(relative) in OPTIONAL_FILES):
        reader.problems.append(Problem(display_path(path), 1, "",
                                       "dit bestand staat op een onbekende plaats en wordt overgeslagen"))
