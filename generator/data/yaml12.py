"""YAML 1.2 core schema rules for plain (unquoted) scalars, for load.py.

The form editor (Decap CMS) reads and writes YAML 1.2; PyYAML resolves plain
scalars by YAML 1.1 rules, where ``13:30`` is the number 810, ``yes``/``no``
are booleans and ``2019-11-19 10:00:00`` is a timestamp. With these rules both
read a file alike, and hand editors lose those surprises too. Dates stay text
here; the record models parse ISO dates (``assured_date: 2026-03-01``).

Kept apart from load.py so that the resolver can be swapped or merged alone.
"""

from __future__ import annotations

import math
import re

BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
NULL_TAG = "tag:yaml.org,2002:null"

CORE_TAGS = {NULL_TAG, BOOL_TAG, INT_TAG, FLOAT_TAG}

# The core schema's regular expressions (YAML 1.2.2, section 10.3.2).
CORE = (
    (NULL_TAG, re.compile(r"^(?:~|null|Null|NULL|)$")),
    (BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")),
    (INT_TAG, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")),
    (FLOAT_TAG, re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                           r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")),
)


def _first_characters() -> dict[str, tuple]:
    """The resolvers by first character, as PyYAML's resolver table is laid out."""
    table: dict[str, list] = {}
    starts = {NULL_TAG: "~nN", BOOL_TAG: "tTfF", INT_TAG: "-+0123456789", FLOAT_TAG: "-+.0123456789"}
    for tag, regexp in CORE:
        for char in starts[tag]:
            table.setdefault(char, []).append((tag, regexp))
    table[""] = [(NULL_TAG, CORE[0][1])]  # the empty value
    # '<<' stays a merge key, so that load.py can refuse it as before.
    table["<"] = [("tag:yaml.org,2002:merge", re.compile(r"^<<$"))]
    return {char: tuple(resolvers) for char, resolvers in table.items()}


IMPLICIT = _first_characters()


def construct(tag: str, text: str) -> object:
    """The value of a plain scalar that ``IMPLICIT`` tagged (or an explicit core tag)."""
    if tag == NULL_TAG:
        return None
    if tag == BOOL_TAG:
        return text.lower() == "true"
    if tag == INT_TAG:
        return _integer(text)
    if tag == FLOAT_TAG:
        return _float(text)
    raise ValueError(tag)


def _integer(text: str) -> int:
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def _float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return -math.inf if lowered.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    return float(text)
