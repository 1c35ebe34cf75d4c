"""GitHub workflow commands for `check`: each problem beside its line in a pull request.

Under GitHub Actions (``GITHUB_ACTIONS=true``) `check` also prints one
``::error file=…,line=…,title=…::…`` line per problem; GitHub shows it in the
log and as an annotation on that line in "Files changed", so an editor who
saved through the form sees the problem where it is, in Dutch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from ..data.errors import Problem


def under_github_actions(environ: Mapping[str, str] = os.environ) -> bool:
    """GitHub sets GITHUB_ACTIONS=true in every step of a workflow run."""
    return environ.get("GITHUB_ACTIONS") == "true"


def escape_data(text: str) -> str:
    """A command's message: GitHub reads %, CR and LF as escapes (its toolkit's escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: also : and , which would end the value (toolkit's escapeProperty)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """One ``::error`` line; the title names the field, the message is the Dutch sentence."""
    where = {"file": problem.path, "line": str(problem.line) if problem.line > 0 else "",
             "title": problem.field or "bestand"}
    properties = ",".join(f"{key}={escape_property(value)}" for key, value in where.items() if value)
    return f"::error {properties}::{escape_data(problem.sentence)}"


def annotations(problems: Iterable[Problem]) -> list[str]:
    return [annotation(problem) for problem in problems]
