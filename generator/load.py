"""Read YAML files into plain data while remembering the line of every key.

PyYAML is used only to *compose* the node tree; turning nodes into values is
done here so that we can (1) keep line numbers, (2) refuse duplicate keys,
which YAML silently collapses, and (3) remember the exact text of unquoted
values that YAML turned into something else than a string (``9:30`` becomes
the number 570, ``no`` becomes false), so that messages can explain it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, display_path

Loc = tuple[str | int, ...]

# libyaml's composer is ~30x faster than PyYAML's pure-Python one and keeps marks.
COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR_TAG = "tag:yaml.org,2002:str"
SAFE_TAGS = {
    STR_TAG,
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


class RawInt(int):
    """An int that YAML read from an unquoted text; keeps that text."""

    raw: str


class RawFloat(float):
    """A float that YAML read from an unquoted text; keeps that text."""

    raw: str


@dataclass
class Document:
    """The data of one YAML file plus where each value stands in it."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    plain: dict[Loc, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return display_path(self.path)

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest known part of ``loc`` (where the data starts for the file itself)."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
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
    "found undefined alias": "verwijzing (*naam) naar een anker dat niet bestaat",
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
    name = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(name, 1, "", "het bestand is geen UTF-8-tekst; sla het op als UTF-8")]
    return parse_text(text, path)


def _compose(text: str) -> yaml.Node | None:
    """Compose with libyaml when present; on a syntax error, let PyYAML's own
    parser raise it, because its messages and marks are the ones rephrased here."""
    try:
        return yaml.compose(text, Loader=COMPOSER)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def parse_text(text: str, path: Path) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text; never raises for bad input."""
    name = display_path(path)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        return None, [Problem(name, syntax_line(error), "", syntax_message(error))]
    except yaml.YAMLError as error:  # e.g. a reader error for control characters
        return None, [Problem(name, 1, "", f"YAML kan dit bestand niet lezen ({error})")]
    if node is None:
        return None, [Problem(name, 1, "", "het bestand is leeg")]
    doc = Document(path, None)
    problems: list[Problem] = []
    doc.lines[()] = node.start_mark.line + 1
    doc.data = _value(node, (), doc, problems)
    return doc, problems


def _value(node: yaml.Node, loc: Loc, doc: Document, problems: list[Problem]) -> Any:
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, loc, doc, problems)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            doc.lines[loc + (index,)] = item.start_mark.line + 1
            items.append(_value(item, loc + (index,), doc, problems))
        return items
    return _scalar(node, loc, doc, problems)


def _mapping(node: yaml.MappingNode, loc: Loc, doc: Document, problems: list[Problem]) -> dict:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(doc.name, line, "", "een veldnaam moet gewone tekst zijn"))
            continue
        key = key_node.value
        if key_node.tag == "tag:yaml.org,2002:merge":
            problems.append(Problem(doc.name, line, key, "samenvoegen met '<<' wordt niet ondersteund; schrijf de velden uit"))
            continue
        if key in result:
            first = doc.lines[loc + (key,)]
            message = (f"dit veld staat twee keer in dezelfde groep (ook op regel {first}); "
                       "YAML zou de eerste waarde stil weggooien")
            problems.append(Problem(doc.name, line, field_path(loc + (key,)), message))
            continue
        doc.lines[loc + (key,)] = line
        result[key] = _value(value_node, loc + (key,), doc, problems)
    return result


def _scalar(node: yaml.ScalarNode, loc: Loc, doc: Document, problems: list[Problem]) -> Any:
    if node.tag not in SAFE_TAGS:
        problems.append(doc.problem(loc, f"het YAML-label '{node.tag}' wordt niet ondersteund; laat het weg"))
        return node.value
    if node.tag == STR_TAG:
        return node.value
    try:
        value = yaml.SafeLoader("").construct_object(node)
    except (ValueError, yaml.YAMLError):
        return node.value  # e.g. 2026-13-01: keep the text; the schema reports it
    if not node.style and not isinstance(value, str):  # plain: None (PyYAML) or '' (libyaml)
        doc.plain[loc] = node.value
    if type(value) is int:
        value = RawInt(value)
        value.raw = node.value
    elif type(value) is float:
        value = RawFloat(value)
        value.raw = node.value
    return value


def field_path(loc: Loc) -> str:
    """'services.locations.hours' for ('services', 0, 'locations', 1, 'hours').

    List positions are left out: the line number already points at the item.
    """
    return ".".join(part for part in loc if isinstance(part, str))
