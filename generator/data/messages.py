"""Turn pydantic's validation errors into Dutch problems with file:line."""

from __future__ import annotations

import datetime as dt
import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import Problem
from .load import Document, Loc

TYPE_MESSAGES = {
    "missing": "dit veld is verplicht maar ontbreekt",
    "string_type": "hier hoort tekst",
    "int_type": "hier hoort een geheel getal",
    "int_parsing": "hier hoort een geheel getal",
    "int_from_float": "hier hoort een geheel getal",
    "bool_type": "hier hoort true (ja) of false (nee)",
    "bool_parsing": "hier hoort true (ja) of false (nee)",
    "list_type": "hier hoort een lijst: regels die beginnen met '- ', of [a, b]",
    "dict_type": "hier horen velden (naam: waarde) onder elkaar",
    "model_type": "hier horen velden (naam: waarde) onder elkaar",
    "model_attributes_type": "hier horen velden (naam: waarde) onder elkaar",
    "date_type": "geen geldige datum; schrijf jaar-maand-dag, bv. 2026-03-01",
    "date_parsing": "geen geldige datum; schrijf jaar-maand-dag, bv. 2026-03-01",
    "date_from_datetime_parsing": "geen geldige datum; schrijf jaar-maand-dag, bv. 2026-03-01",
    "date_from_datetime_inexact": "hier hoort een datum zonder uur, bv. 2026-03-01",
    "too_short": "mag niet leeg zijn; geef minstens één waarde",
    "greater_than_equal": "dit getal is te klein",
    "less_than_equal": "dit getal is te groot",
}

YAML_TYPES = {bool: "een ja/nee-waarde", int: "een getal", float: "een kommagetal", dt.date: "een datum"}

# Only where text is expected does putting the value between quotes help.
TEXT_EXPECTED = {"string_type"}


def problems_from(error: ValidationError, doc: Document, model: type[BaseModel]) -> list[Problem]:
    """One Dutch problem per pydantic error, located in ``doc``."""
    return [_problem(detail, doc, model) for detail in error.errors()]


def _problem(detail: ErrorDetails, doc: Document, model: type[BaseModel]) -> Problem:
    loc: Loc = tuple(detail["loc"])
    kind = detail["type"]
    if kind == "nl":
        return doc.problem(loc, detail["msg"])
    if kind == "extra_forbidden":
        return doc.problem(loc, "onbekend veld", _suggest(str(loc[-1]), fields_at(model, loc[:-1])))
    if kind == "literal_error":
        return _literal_problem(detail, doc, loc)
    given = detail.get("input")
    if kind.startswith("date_") and isinstance(given, (int, float)):
        kind = "date_parsing"  # pydantic would read a number as seconds since 1970
    message = TYPE_MESSAGES.get(kind, f"ongeldige waarde ({detail['msg']})")
    if given is None:
        return doc.problem(loc, f"dit veld is leeg; {message}")
    return doc.problem(loc, message, _yaml_surprise(doc, loc, given) if kind in TEXT_EXPECTED else "")


def _literal_problem(detail: ErrorDetails, doc: Document, loc: Loc) -> Problem:
    choices = [c.strip(" '") for c in detail["ctx"]["expected"].replace(" or ", ", ").split(",")]
    given = detail["input"]
    typed = _as_typed(doc, loc, given)
    if given is None:
        return doc.problem(loc, f"dit veld is leeg; kies uit: {', '.join(choices)}")
    if isinstance(given, (list, dict)):
        return doc.problem(loc, f"hier hoort één waarde; kies uit: {', '.join(choices)}")
    message = f"'{typed}' is geen toegelaten waarde; kies uit: {', '.join(choices)}"
    hint = _yaml_surprise(doc, loc, given) if typed in choices else _suggest(typed, choices)
    return doc.problem(loc, message, hint)


def _as_typed(doc: Document, loc: Loc, value: Any) -> str:
    return doc.plain.get(loc, str(value))


def _suggest(word: str, choices: list[str]) -> str:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"Bedoelde u '{match[0]}'?" if match else ""


def _yaml_surprise(doc: Document, loc: Loc, value: Any) -> str:
    """Explain what YAML made of an unquoted value, when that caused the error."""
    typed = doc.plain.get(loc)
    if typed is None:
        return ""
    what = next((name for base, name in YAML_TYPES.items() if isinstance(value, base)), "geen tekst")
    return f"YAML leest {typed} zonder aanhalingstekens als {what}; schrijf '{typed}'."


def fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed at ``loc`` inside ``model`` (for suggestions)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        target = _model_in(current)
        if target is None or part not in target.model_fields:
            return []
        current = target.model_fields[part].annotation
    target = _model_in(current)
    return list(target.model_fields) if target else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as list[Rule] | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
