"""`sociale-kaart format`: every map file in exactly the form the form editor saves it.

Then a one-field edit in the form is a one- or two-line diff that a reviewer can
read, instead of the whole file rewritten on its first save. The form's own
code does the writing (``cms_yaml.mjs``: the CMS's YAML reader and writer with
its options, and our preSave handler from ``generator/assemble/form_editor.js``),
so the two cannot drift apart; it needs Node.js and the form editor's npm
packages (``npm ci``), like the form editor's tests.

The CMS keeps no comments: a ``#`` line in a hand-written file is gone after the
first save in the form. ``format`` does the same, and says per file how many
comment lines it left out, so that nothing disappears unnoticed.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..data.cmsconfig import SETTINGS_FILES, cms_config
from ..data.dataset import load_dataset
from ..data.errors import display_path
from ..data.load import parse_text

# The form editor that saves the map: "decap" (Decap CMS 3.x, yaml 1.x, its
# default options) or "sveltia" (Sveltia CMS, yaml 2.x, lineWidth 0). The one
# setting to change when the form editor changes.
FORM_EDITOR = "decap"

SCRIPT = Path(__file__).with_name("cms_yaml.mjs")
FORM_EDITOR_JS = Path(__file__).resolve().parents[1] / "assemble" / "form_editor.js"
CHECKOUT = Path(__file__).resolve().parents[2]


class FormatError(Exception):
    """Format cannot run (no Node.js, no npm packages) or would change a value; in Dutch."""


@dataclass(frozen=True)
class Formatted:
    """One map file: its path, its text now and in the form's form."""

    path: Path
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def comments_dropped(self) -> int:
        return comment_lines(self.before) - comment_lines(self.after)


def comment_lines(text: str) -> int:
    """Whole-line comments (a ``#`` after a value is rare in the map and counted by nobody)."""
    return sum(1 for line in text.splitlines() if line.lstrip().startswith("#"))


def map_files(root: Path) -> list[tuple[Path, str, str]]:
    """(file, collection, entry) for every file the form edits, as the form names them."""
    files = [(path, folder, path.stem) for folder in ("organisations", "locations")
             for path in sorted((root / folder).glob("*.yaml"))]
    files += [(root / f"{name}.yaml", "settings", name) for name, _label, _model in SETTINGS_FILES]
    return [entry for entry in files if entry[0].is_file()]


def format_map(root: Path) -> list[Formatted]:
    """Every map file in the form's form; the map must pass `check` (raises DataError)."""
    data = load_dataset(root)
    files = map_files(root)
    texts = cms_texts(files, {"collections": cms_config(data.site)["collections"]})
    results = [Formatted(path, path.read_text(encoding="utf-8"), texts[str(path)]) for path, _c, _e in files]
    for result in results:
        same_values(result)
    return results


def cms_texts(files: list[tuple[Path, str, str]], fields: dict) -> dict[str, str]:
    """Run cms_yaml.mjs once for all files; its answer, or a FormatError in Dutch."""
    request = {"writer": FORM_EDITOR, "resolve_from": [str(Path.cwd()), str(CHECKOUT)],
               "form_editor_js": str(FORM_EDITOR_JS), "fields": fields,
               "files": [{"path": str(path), "collection": collection, "slug": slug}
                         for path, collection, slug in files]}
    try:
        done = subprocess.run(["node", str(SCRIPT)], input=json.dumps(request), capture_output=True,
                              text=True, encoding="utf-8", timeout=300)
    except FileNotFoundError as missing:
        raise FormatError("format heeft Node.js nodig (het programma node is niet gevonden)") from missing
    answer = json.loads(done.stdout or '{"error": "geen antwoord"}')
    if "error" in answer:
        raise FormatError(node_problem(answer))
    return answer["texts"]


def node_problem(answer: dict) -> str:
    """The script's failure as a sentence: packages missing, or a file the CMS cannot read."""
    if answer.get("code") == "MODULE_NOT_FOUND" or "Cannot find module" in answer["error"]:
        return ("format heeft de npm-pakketten van het formulier nodig: voer npm ci uit in de map met "
                f"package.json ({answer['error'].splitlines()[0]})")
    where = f"{display_path(Path(answer['path']))}: " if answer.get("path") else ""
    return f"{where}het formulier kan dit bestand niet lezen: {answer['error']}"


def same_values(result: Formatted) -> None:
    """Refuse a rewrite that would change what check reads (other than emptied fields)."""
    before, after = (parse_text(text, result.path)[0] for text in (result.before, result.after))
    if before is None or after is None or pruned(before.data) != pruned(after.data):
        raise FormatError(f"{display_path(result.path)}: format zou de gegevens veranderen; er is niets "
                          "geschreven. Meld dit aan wie de kaart onderhoudt.")


def pruned(value):
    """Without the empty texts, nulls and empty groups that the form leaves out on a save."""
    if isinstance(value, dict):
        kept = {key: pruned(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if item not in ("", None, {})}
    if isinstance(value, list):
        return [pruned(item) for item in value]
    return value


def write_formatted(results: list[Formatted]) -> list[Formatted]:
    """Write the files that change; the ones written."""
    changed = [result for result in results if result.changed]
    for result in changed:
        result.path.write_text(result.after, encoding="utf-8")
    return changed
