"""What a map file may not be, whatever an editor (or a hostile pull request) puts in it.

A record is a few kilobytes of text nested a few levels deep. A YAML file can
be much more: a 340-byte "alias bomb" (anchors referring to anchors) expands to
billions of values, 10,000 nested lists overflow Python's stack, escapes such
as "\\v" put invisible control characters in a text that the iCalendar feed
then carries. These limits stop all of that before it costs memory or time,
with a Dutch message at the line where it is. load.py calls them.

Each check is cheap for the files that pass: a look for the characters that
anchors, aliases and escapes need, before any detailed look.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml
import yaml.reader

from .errors import Problem, display_path

# The largest demo record is about 5 KB; a record with 50 services stays under 100 KB.
MAX_BYTES = 1_000_000
# A record nests at most 6 levels (services > locations > hours > times > ...).
MAX_DEPTH = 20
# Control characters (Unicode category Cc) but tab and newline: C0, DEL, C1 (incl. U+0085).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
CONTROL_NAMES = {"\x00": "nul-teken", "\x0b": "verticale tab", "\x0c": "nieuwe pagina", "\r": "regelterugloop",
                 "\x1b": "escape", "\x7f": "delete", "\x85": "NEL, volgende regel"}
# Characters that turn the reading direction around (bidi controls) or that no one sees
# (zero-width spaces and joiners, the byte order mark, fillers, tags): in a name, id or
# address they make one text look like another ("Trojan Source", homoglyph ids) or hide
# a difference a reviewer should see. Descriptions may hold them (Arabic text needs marks).
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
INVISIBLE = re.compile(f"[{BIDI}\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200d"
                       "\u2028\u2029\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0\U000e0000-\U000e007f]")
# Raw in a file, YAML lets only these control characters through (as line breaks);
# every other one needs a backslash escape inside double quotes.
RAW_CONTROLS = ("\x85",)

# An anchor or alias is '&' or '*' right before its name ("Huis & Thuis" is not one).
MAYBE_ANCHOR = re.compile(r"[&*][^\s,\[\]{}]")

TOO_LARGE = (f"het bestand is groter dan {MAX_BYTES // 1_000_000} MB; een record is nooit zo groot "
             "(staat er per ongeluk iets anders in?)")
TOO_DEEP = (f"de gegevens zijn hier dieper dan {MAX_DEPTH} niveaus genest; "
            "geen enkel veld heeft dat nodig (controleer de inspringing en de haakjes)")
ANCHOR = "ankers ('&naam') worden niet ondersteund; schrijf de waarde voluit"
ALIAS = "verwijzingen ('*naam') worden niet ondersteund; schrijf de waarde voluit"


def too_large(path: Path) -> Problem:
    return Problem(display_path(path), 1, "", TOO_LARGE)


def anchor_problems(text: str, path: Path) -> list[Problem]:
    """Every line with an anchor or an alias: refused, so that nothing can expand.

    Only files with '&' or '*' are looked at closer (with libyaml's parser, which
    does not expand aliases); a syntax error is left to the composer to report.
    """
    if ("&" not in text and "*" not in text) or not MAYBE_ANCHOR.search(text):
        return []
    found: dict[int, str] = {}
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.AliasEvent):
                found.setdefault(event.start_mark.line + 1, ALIAS)
            elif getattr(event, "anchor", None):
                found.setdefault(event.start_mark.line + 1, ANCHOR)
    except yaml.YAMLError:
        pass
    return [Problem(display_path(path), line, "", message) for line, message in sorted(found.items())]


def may_hold_controls(text: str) -> bool:
    """Whether a text value of this file could hold a control character (then every
    value is looked at in the full walk, see control_message)."""
    return "\\" in text or any(char in text for char in RAW_CONTROLS)


def control_message(value: str) -> str | None:
    """The problem with a text holding a control character, naming the first one; else None."""
    if (found := CONTROL.search(value)) is None:
        return None
    return _control_text(found.group())


def raw_control_problem(error: yaml.reader.ReaderError, text: str, path: Path) -> Problem | None:
    """A control character standing raw in the file (YAML's reader refuses it), at its line."""
    if not isinstance(error.character, int) or error.position is None:
        return None
    line = text.count("\n", 0, error.position) + 1
    return Problem(display_path(path), line, "", _control_text(chr(error.character)))


def _control_text(char: str) -> str:
    name = CONTROL_NAMES.get(char, "stuurteken")
    return (f"de tekst bevat een onzichtbaar stuurteken (U+{ord(char):04X}, {name}); "
            "verwijder het (alleen een gewone regelovergang en een tab mogen)")


def invisible_message(value: str) -> str | None:
    """The problem with a name, id or address holding a bidi control or an invisible
    character, naming the first one (never showing the text: it would turn the report
    line around); else None. Checks of map/ and of every import use this one rule."""
    if (found := INVISIBLE.search(value)) is None:
        return None
    char = found.group()
    kind = ("een teken dat de leesrichting omdraait" if re.match(f"[{BIDI}]", char)
            else "een onzichtbaar teken")
    name = unicodedata.name(char, "")
    return (f"bevat {kind} (U+{ord(char):04X}{', ' + name if name else ''}) op positie {found.start() + 1}; "
            "verwijder het (een naam, id of adres mag alleen zichtbare tekens bevatten)")
