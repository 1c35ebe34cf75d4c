"""`sociale-kaart format`: map files in exactly the form the form editor saves them.

The writer is the form editor's own code (generator/editors/cms_yaml.mjs runs
the CMS's YAML package and generator/assemble/form_editor.js), so these tests
need Node.js and `npm ci`, like the form editor's tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from generator.data.dataset import load_dataset
from generator.editors.cli import main
from generator.editors.formatting import comment_lines, format_map

DEMO_MAP = ROOT / "demo" / "map"

pytestmark = pytest.mark.skipif(not (ROOT / "node_modules" / "decap-cms-core").exists() and not os.environ.get("CI"),
                                reason="npm ci has not run")


@pytest.fixture
def formatted_demo(tmp_path: Path) -> Path:
    """A copy of the demo map, formatted once."""
    folder = Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))
    assert main(["format", str(folder)]) == 0
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_format_check_lists_the_files_to_format_in_dutch_and_writes_nothing(tmp_path: Path, capsys) -> None:
    folder = Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))
    centre = folder / "organisations" / "dienstencentrum.yaml"
    text = centre.read_text(encoding="utf-8")
    centre.write_text(text.replace("\nthemes:", "\n# een opmerking\nthemes:", 1), encoding="utf-8")
    comments = comment_lines(text) + 1
    before = {path: path.read_bytes() for path in folder.rglob("*.yaml")}
    code, out = run(capsys, "format", "--check", str(folder))
    assert code == 1
    lines = "1 regel" if comments == 1 else f"{comments} regels"
    assert f"{centre}: niet in de vorm van het formulier (zonder de opmerkingen (#) op {lines}:" in out
    assert "niet in de vorm waarin het formulier ze bewaart. Herstel met: sociale-kaart format" in out
    assert {path: path.read_bytes() for path in folder.rglob("*.yaml")} == before


def test_format_keeps_every_value_and_then_check_passes(formatted_demo: Path, capsys) -> None:
    old, new = load_dataset(DEMO_MAP), load_dataset(formatted_demo)
    for kind in ("organisations", "locations"):
        assert {key: record.model_dump() for key, record in getattr(new, kind).items()} == {
            key: record.model_dump() for key, record in getattr(old, kind).items()}
    assert new.site.model_dump() == old.site.model_dump() and new.closures == old.closures
    code, out = run(capsys, "format", "--check", str(formatted_demo))
    assert code == 0 and "in de vorm van het formulier" in out, out


def test_a_round_trip_through_the_cms_writer_changes_no_byte(formatted_demo: Path) -> None:
    results = format_map(formatted_demo)
    assert len(results) >= 10 and all(result.after == result.before for result in results)


@pytest.mark.parametrize(("old", "new"), [
    ("    access: walk_in\n", "    access: appointment\n"),
    ("assured_date: ", "assured_date: 2026-01-05\nx: "),
    ("number: ", "number: 015 99 88 77\nx: "),
])
def test_a_one_field_edit_in_the_form_is_a_one_line_diff(formatted_demo: Path, old: str, new: str) -> None:
    """Edit one value the way the form would store it: the CMS writes exactly that one line changed."""
    path = next(p for p in sorted((formatted_demo / "organisations").glob("*.yaml")) if old in p.read_text("utf-8"))
    text = path.read_text(encoding="utf-8")
    if new.endswith("x: "):  # replace the value after the key, keep the rest of the file
        start = text.index(old) + len(old)
        end = text.index("\n", start)
        edited = text[:start] + new.split("\n")[0].removeprefix(old) + text[end:]
    else:
        edited = text.replace(old, new, 1)
    assert sum(a != b for a, b in zip(text.splitlines(), edited.splitlines(), strict=True)) == 1
    path.write_text(edited, encoding="utf-8")
    written = next(result for result in format_map(formatted_demo) if result.path == path)
    assert written.after == edited


def test_format_refuses_a_map_with_problems(tmp_path: Path, capsys) -> None:
    folder = Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))
    centre = folder / "organisations" / "dienstencentrum.yaml"
    centre.write_text(centre.read_text(encoding="utf-8").replace("access: walk_in", "access: walkin", 1), "utf-8")
    before = centre.read_bytes()
    code, out = run(capsys, "format", str(folder))
    assert code == 1 and "'walkin' is geen toegelaten waarde" in out and "1 probleem gevonden." in out
    assert centre.read_bytes() == before


def test_format_without_node_says_what_it_needs(tmp_path: Path) -> None:
    folder = Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))
    env = {**os.environ, "PATH": str(tmp_path / "nothing")}  # the interpreter by its full path
    done = subprocess.run([sys.executable, "-m", "generator.editors.cli", "format", str(folder)],
                          env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "Niet gelukt: format heeft Node.js nodig" in done.stdout


@pytest.mark.parametrize("folder", ["map", "demo/map"])
def test_the_real_and_demo_maps_are_in_the_form_editors_form(folder: str) -> None:
    """A round trip of every map file through the form editor's own writer changes no byte."""
    changed = [str(result.path) for result in format_map(ROOT / folder) if result.changed]
    assert changed == [], f"run: sociale-kaart format {folder}"
