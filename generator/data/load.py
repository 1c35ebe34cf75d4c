"""Read YAML files into plain data while remembering the line of every key.

PyYAML is used only to *compose* the node tree; turning nodes into values is
done here so that we can (1) keep line numbers, (2) refuse duplicate keys,
which YAML silently collapses, and (3) remember the exact text of unquoted
values that YAML turned into something else than a string (``9:30`` becomes
the number 570, ``no`` becomes false), so that messages can explain it.
"""

from __future__ import annotations

import functools
import operator
import os
import stat
from pathlib import Path
from typing import Any

import yaml
import yaml.reader
from yaml.resolver import Resolver

from . import limits, yaml12
from .errors import Problem, display_path

Loc = tuple[str | int, ...]

# libyaml's composer is ~30x faster than PyYAML's pure-Python one and keeps marks.
COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR_TAG = "tag:yaml.org,2002:str"
MERGE_TAG = "tag:yaml.org,2002:merge"
SAFE_TAGS = {
    STR_TAG,
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
# PyYAML's safe constructors of the scalar tags above are called directly: they
# only read the node, so one constructor serves every file.
_CONSTRUCTOR = yaml.SafeLoader("")


class RawInt(int):
    """An int that YAML read from an unquoted text; keeps that text."""

    raw: str


class RawFloat(float):
    """A float that YAML read from an unquoted text; keeps that text."""

    raw: str


_UNREAD: Any = object()  # Document.data not worked out yet


class Document:
    """The data of one YAML file plus where each value stands in it.

    ``lines`` and ``plain`` are only needed to report a problem, so for a file
    that was read without trouble they are worked out on first use, by
    composing its text again (see ``parse_text``).
    """

    def __init__(self, path: Path, data: Any = _UNREAD, lines: dict[Loc, int] | None = None,
                 plain: dict[Loc, str] | None = None, text: str | None = None) -> None:
        self.path = path
        self._data = data
        self._lines = lines
        self._plain = plain
        self._text = text
        self._name: str | None = None

    def __repr__(self) -> str:
        return f"Document(path={self.path!r})"

    def __getstate__(self) -> dict:
        """Pickled (by a second reading process, generator/parallel.py) as its path and text
        alone when it was read without trouble: its data and lines are worked out again
        should they be needed, which costs less than pickling them."""
        if self._lines is None:
            return {"path": self.path, "text": self._text}
        return self.__dict__

    def __setstate__(self, state: dict) -> None:
        if "_lines" in state:
            self.__dict__.update(state)
        else:
            self.__init__(state["path"], text=state["text"])

    @property
    def data(self) -> Any:
        """The plain data; for a document made from text alone (a file read by
        another process, which sent its record and text), worked out on first use."""
        if self._data is _UNREAD:
            node = _compose(self._text or "")
            try:
                self._data = None if node is None else _fast_value(node)
            except _Unusual:  # not sent that way, but the full walk always answers
                self._data = _value(node, (), Document(self.path, None, {}, {}, self._text), [])
        return self._data

    @data.setter
    def data(self, value: Any) -> None:
        self._data = value

    def let_go_of_data(self) -> None:
        """Its record holds the values now: the plain data is worked out again from the text
        should it be asked for, instead of every file's dicts and lists staying beside the
        records (about 45 MiB of the build's peak at 10,000 organisations, issue 24)."""
        if self._text is not None and self._lines is None:
            self._data = _UNREAD

    @property
    def lines(self) -> dict[Loc, int]:
        if self._lines is None:
            self._locate()
        return self._lines

    @property
    def plain(self) -> dict[Loc, str]:
        if self._plain is None:
            self._locate()
        return self._plain

    def _locate(self) -> None:
        """Fill ``lines`` and ``plain`` from the text (the same walk as a file with problems gets)."""
        self._lines, self._plain = {}, {}
        node = _compose(self._text or "")
        if node is not None:
            self._lines[()] = node.start_mark.line + 1
            _value(node, (), self, [])

    @property
    def name(self) -> str:
        if self._name is None:
            self._name = display_path(self.path)
        return self._name

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest known part of ``loc`` (where the data starts for the file itself)."""
        lines = self.lines
        for end in range(len(loc), -1, -1):
            if loc[:end] in lines:
                return lines[loc[:end]]
        return 1

    def problem(self, loc: Loc, message: str, hint: str = "") -> Problem:
        """A problem at ``loc`` in this file."""
        return Problem(self.name, self.line_of(loc), field_path(loc), message, hint)


# PyYAML's English syntax messages, rephrased for editors.
SYNTAX_MESSAGES = {
    "could not find expected ':'": "er ontbreekt een dubbele punt ':' na een veldnaam",
    "mapping values are not allowed here": (
        "een dubbele punt ':' staat op een plaats waar dat niet mag; "
        "zet de tekst tussen aanhalingstekens of controleer de inspringing"
    ),
    "did not find expected key": "de inspringing klopt niet (of een aanhalingsteken is niet gesloten)",
    "did not find expected '-' indicator": "de inspringing van deze lijst klopt niet",
    "expected <block end>, but found": "de inspringing klopt niet",
    "found character '\\t' that cannot start any token": (
        "er staat een tab; gebruik spaties om in te springen"
    ),
    "found unexpected end of stream": "een aanhalingsteken wordt niet gesloten",
    "found unknown escape character": "onbekende escape-code na '\\' in tekst tussen dubbele aanhalingstekens",
    "expected ',' or ']', but got": "een lijst tussen [ ] is niet goed gesloten",
    "expected ',' or '}', but got": "een groep tussen { } is niet goed gesloten",
    "expected a single document in the stream": "het bestand bevat meer dan één document ('---'); gebruik er één",
}


# For these errors PyYAML notices the mistake only further on (at the next line,
# or at the end of the file); the line where the key, quote or list *started*
# is the one the editor must fix.
REPORT_AT_START = (
    "could not find expected ':'",
    "found unexpected end of stream",
    "expected ',' or ']', but got",
    "expected ',' or '}', but got",
)


def syntax_line(error: yaml.MarkedYAMLError) -> int:
    """The line (1-based) to show for a YAML syntax error."""
    mark = error.problem_mark or error.context_mark
    if error.context_mark and any(key in (error.problem or "") for key in REPORT_AT_START):
        mark = error.context_mark
    return mark.line + 1 if mark else 1


def syntax_message(error: yaml.MarkedYAMLError) -> str:
    """A Dutch message for a YAML syntax error."""
    english = f"{error.context or ''} {error.problem or ''}"
    for key, dutch in SYNTAX_MESSAGES.items():
        if key in english:
            return dutch
    return f"YAML kan dit niet lezen ({(error.problem or error.context or '').strip()})"


def load_file(path: Path) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file. Returns the document, or None and the problems."""
    try:
        text = read_text(path)
    except UnicodeDecodeError:
        return None, [Problem(display_path(path), 1, "", "het bestand is geen UTF-8-tekst; sla het op als UTF-8")]
    except FileTooLarge:
        return None, [limits.too_large(path)]
    except NotAFile:
        return None, [Problem(display_path(path), 1, "", "dit is geen gewoon bestand; de kaart leest het niet")]
    return parse_text(text, path)


class NotAFile(Exception):
    """A FIFO, device or folder where a file should be: not read."""


class FileTooLarge(Exception):
    """More than limits.MAX_BYTES: not read any further."""


def read_text(path: Path) -> str:
    """``path.read_text(encoding="utf-8")``, without the cost of a text stream
    (a third of the time of reading a small file): the same text, line ends
    translated to ``\\n`` alike."""
    # Non-blocking: should a FIFO have taken the file's place since the folder was listed,
    # opening it does not wait for a writer; fstat then refuses it.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotAFile(path)
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            if size > limits.MAX_BYTES:
                raise FileTooLarge(path)
    finally:
        os.close(fd)
    text = b"".join(chunks).decode("utf-8")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


@functools.lru_cache(maxsize=16384)
def _resolve(kind: type, value: str, implicit: tuple[bool, bool]) -> str:
    """PyYAML's ``Resolver.resolve`` without path resolvers: the tag of a node.

    A function of its arguments only, so cached: keys and many values recur.
    """
    if kind is yaml.ScalarNode:
        if implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return tag
        return Resolver.DEFAULT_SCALAR_TAG
    if kind is yaml.SequenceNode:
        return Resolver.DEFAULT_SEQUENCE_TAG
    return Resolver.DEFAULT_MAPPING_TAG


# Plain scalars are resolved as YAML 1.2 (core schema) reads them, as the form editor does.
_IMPLICIT = yaml12.IMPLICIT


class _Composer(COMPOSER):  # type: ignore[misc, valid-type]
    """The composer, with PyYAML's tag resolution made cheaper.

    libyaml calls ``resolve`` for every node and ``descend_resolver`` /
    ``ascend_resolver`` around it. This composer has no path resolvers (nor
    has PyYAML's safe loader), so those two do nothing: C built-ins that
    ignore their arguments stand in for them, and ``resolve`` is the cached
    function above, so that most nodes cost no Python call at all.
    """

    yaml_path_resolvers: dict = {}
    descend_resolver = operator.is_  # (node, index) -> ignored
    ascend_resolver = tuple  # () -> ignored
    resolve = staticmethod(_resolve)


def _compose(text: str) -> yaml.Node | None:
    """Compose with libyaml when present; on a syntax error, let PyYAML's own
    parser raise it, because its messages and marks are the ones rephrased here."""
    try:
        return yaml.compose(text, Loader=_Composer)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def parse_text(text: str, path: Path) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text; never raises for bad input."""
    if refused := limits.anchor_problems(text, path):
        return None, refused  # before composing: an alias bomb is never expanded
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        return None, [Problem(display_path(path), syntax_line(error), "", syntax_message(error))]
    except yaml.reader.ReaderError as error:  # a control character, raw in the file
        if (problem := limits.raw_control_problem(error, text, path)) is not None:
            return None, [problem]
        return None, [Problem(display_path(path), 1, "", f"YAML kan dit bestand niet lezen ({error})")]
    except yaml.YAMLError as error:  # e.g. a reader error for control characters
        return None, [Problem(display_path(path), 1, "", f"YAML kan dit bestand niet lezen ({error})")]
    if node is None:
        return None, [Problem(display_path(path), 1, "", "het bestand is leeg")]
    try:
        # Most files are fine: read the values only; lines come later if needed.
        if not limits.may_hold_controls(text):
            return Document(path, _fast_value(node), text=text), []
    except _Unusual:
        pass
    doc = Document(path, None, lines={}, plain={}, text=text)
    problems: list[Problem] = []
    doc.lines[()] = node.start_mark.line + 1
    doc.data = _value(node, (), doc, problems)
    return doc, problems


class _Unusual(Exception):
    """Raised by the fast walk where the full walk would report a problem."""


def _fast_value(node: yaml.Node, depth: int = 0) -> Any:
    """What ``_value`` returns for a node tree in which it finds no problem.

    Raises _Unusual where ``_value`` would report one (or would need to look closer).
    """
    kind = node.__class__
    if kind is yaml.ScalarNode:
        if node.tag == STR_TAG:
            return node.value
        return _scalar(node, (), None, None)
    if depth > limits.MAX_DEPTH:
        raise _Unusual
    if kind is yaml.MappingNode:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not yaml.ScalarNode or key_node.tag == MERGE_TAG:
                raise _Unusual
            key = key_node.value
            if key in result:
                raise _Unusual
            result[key] = _fast_value(value_node, depth + 1)
        return result
    if kind is yaml.SequenceNode:
        return [_fast_value(item, depth + 1) for item in node.value]
    raise _Unusual


def _value(node: yaml.Node, loc: Loc, doc: Document, problems: list[Problem]) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return _checked_text(_scalar(node, loc, doc, problems), loc, doc, problems)
    if len(loc) > limits.MAX_DEPTH:
        return _too_deep(node, loc, doc, problems)
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, loc, doc, problems)
    items = []
    for index, item in enumerate(node.value):
        doc.lines[(*loc, index)] = item.start_mark.line + 1
        items.append(_value(item, (*loc, index), doc, problems))
    return items


def _checked_text(value: Any, loc: Loc, doc: Document, problems: list[Problem]) -> Any:
    """``value``, with a problem if it is a text holding a control character."""
    if isinstance(value, str) and (message := limits.control_message(value)):
        problems.append(doc.problem(loc, message))
    return value


def _too_deep(node: yaml.Node, loc: Loc, doc: Document, problems: list[Problem]) -> None:
    """Report nesting beyond limits.MAX_DEPTH once, at its line, and read no deeper."""
    problems.append(Problem(doc.name, node.start_mark.line + 1, field_path(loc), limits.TOO_DEEP))


def _mapping(node: yaml.MappingNode, loc: Loc, doc: Document, problems: list[Problem]) -> dict:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(doc.name, line, "", "een veldnaam moet gewone tekst zijn"))
            continue
        key = key_node.value
        if key_node.tag == MERGE_TAG:
            problems.append(Problem(doc.name, line, key,
                                    "samenvoegen met '<<' wordt niet ondersteund; schrijf de velden uit"))
            continue
        if key in result:
            first = doc.lines[(*loc, key)]
            message = (f"dit veld staat twee keer in dezelfde groep (ook op regel {first}); "
                       "YAML zou de eerste waarde stil weggooien")
            problems.append(Problem(doc.name, line, field_path((*loc, key)), message))
            continue
        doc.lines[(*loc, key)] = line
        result[key] = _value(value_node, (*loc, key), doc, problems)
    return result


def _scalar(node: yaml.ScalarNode, loc: Loc, doc: Document | None, problems: list[Problem] | None) -> Any:
    """The value of a scalar; without ``doc`` (the fast walk), raises _Unusual for a problem."""
    tag = node.tag
    if tag == STR_TAG:
        return node.value
    if tag not in SAFE_TAGS:
        if doc is None or problems is None:
            raise _Unusual
        problems.append(doc.problem(loc, f"het YAML-label '{tag}' wordt niet ondersteund; laat het weg"))
        return node.value
    try:
        value = _construct(tag, node)
    except (ValueError, yaml.YAMLError):
        return node.value  # e.g. 2026-13-01: keep the text; the schema reports it
    if doc is not None and not node.style and not isinstance(value, str):  # plain: None (PyYAML) or '' (libyaml)
        doc.plain[loc] = node.value
    if type(value) is int:
        value = RawInt(value)
        value.raw = node.value
    elif type(value) is float:
        value = RawFloat(value)
        value.raw = node.value
    return value


def _construct(tag: str, node: yaml.ScalarNode) -> Any:
    """Plain core scalars by YAML 1.2 rules; explicit 1.1 tags (!!timestamp) by PyYAML's."""
    if tag in yaml12.CORE_TAGS:
        return yaml12.construct(tag, node.value)
    return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)


def field_path(loc: Loc) -> str:
    """'services.locations.hours' for ('services', 0, 'locations', 1, 'hours').

    List positions are left out: the line number already points at the item.
    """
    return ".".join(part for part in loc if isinstance(part, str))
