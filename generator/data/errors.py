"""Problems found in the editors' data, and the one exception that carries them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, phrased for an editor (in Dutch)."""

    path: str
    line: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field or '(bestand)'}: {self.sentence}"

    @property
    def sentence(self) -> str:
        """The message and its hint, without the place (a GitHub annotation shows the place)."""
        if not self.hint:
            return self.message
        stop = "" if self.message.endswith((".", "?", "!")) else "."
        return f"{self.message}{stop} {self.hint}"


class DataError(Exception):
    """Raised when the data has problems; carries all of them, sorted."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        """All problems, one per line, and a closing count."""
        lines = [str(p) for p in self.problems]
        lines.append(count_sentence(len(self.problems)))
        return "\n".join(lines)


def count_sentence(count: int) -> str:
    """'1 probleem gevonden.' / 'N problemen gevonden.'"""
    return "1 probleem gevonden." if count == 1 else f"{count} problemen gevonden."


def display_path(path: Path) -> str:
    """A path as an editor recognises it: relative to the working folder when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
