"""Checks of single values within one document, shared by the cross-record and mentoring checks."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .errors import Problem
from .load import Document, Loc

if TYPE_CHECKING:
    from .schema import Source


def duplicates(doc: Document, locs: list[Loc], values: list, what: str) -> Iterator[Problem]:
    seen: dict = {}
    for loc, value in zip(locs, values, strict=True):
        if value in seen:
            first = doc.line_of(seen[value])
            yield doc.problem(loc, f"{what} ({value}) komt twee keer voor (ook op regel {first})")
        else:
            seen[value] = loc


def references(doc: Document, refs: Iterable[tuple[Loc, str]], known: set[str], what: str) -> Iterator[Problem]:
    for loc, ref in refs:
        if ref not in known:
            match = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
            hint = f"Bedoelde u '{match[0]}'?" if match else f"Bekende waarden: {', '.join(sorted(known)[:12])}."
            yield doc.problem(loc, f"{what} '{ref}'", hint)


def not_in_future(doc: Document, assured: dt.date) -> Iterator[Problem]:
    if assured > dt.date.today():
        yield doc.problem(("assured_date",), f"de controledatum {assured} ligt in de toekomst")


def sources_not_in_future(doc: Document, sources: Iterable[Source]) -> Iterator[Problem]:
    """A source cannot be read, published or confirmed after today: that date is a typing error."""
    for i, source in enumerate(sources):
        field = "read" if source.read else "date"
        day = source.read or source.date
        if isinstance(day, dt.date) and day > dt.date.today():
            yield doc.problem(("sources", i, field), f"de datum {day} ligt in de toekomst")
