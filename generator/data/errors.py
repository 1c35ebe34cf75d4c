"""Problems found in the editors' data, and the one exception that carries them."""

from __future__ import annotations

import errno
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# Why the machine refused a write, in Dutch (the build and the importer say the same).
MACHINE_REASONS = {
    errno.ENOSPC: "de schijf is vol; maak ruimte vrij",
    errno.EDQUOT: "het schijfquotum is op; maak ruimte vrij",
    errno.EFBIG: "een bestand wordt groter dan het systeem toelaat",
    errno.EROFS: "de map staat op een schijf waarop niet geschreven mag worden",
    errno.EACCES: "geen toestemming om hier te schrijven",
    errno.EPERM: "geen toestemming om hier te schrijven",
}

# What a terminal or a CI log acts on instead of showing: line breaks, other control
# characters, bidi controls and invisible format characters, line and paragraph separators.
NOT_SHOWN = ("Cc", "Cf", "Zl", "Zp")


def shown(text: str) -> str:
    """``text`` with every character that would not be shown as itself escaped ('\\n',
    '\\u202e'): a file name (or a value) with a line break then cannot forge a line of
    the report, such as "geen problemen gevonden", nor turn one around."""
    if text.isprintable():
        return text
    return "".join(char.encode("unicode_escape").decode("ascii") if unicodedata.category(char) in NOT_SHOWN
                   else char for char in text)


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, phrased for an editor (in Dutch)."""

    path: str
    line: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        return shown(f"{self.path}:{self.line}: {self.field or '(bestand)'}: {self.sentence}")

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


def machine_reason(error: OSError) -> str:
    """Why the machine refused (a full disk, a read-only folder), in Dutch."""
    return MACHINE_REASONS.get(error.errno, error.strerror or str(error))


def printable(name: str) -> str:
    """A name (of a file, an id) on one line, with nothing hidden: line breaks (also U+2028 and
    U+0085, which YAML counts as line breaks), control, bidi and other invisible characters
    as escapes, so that a name can neither start a new line in a report or a YAML comment
    nor hide what it says."""
    if name.isprintable():
        return name
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in name)
