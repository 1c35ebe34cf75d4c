"""Map entries that are not what they seem (issue 25): a site.yaml (or any map file) that is a
FIFO, a device or a folder is reported and never read (#13); a file name with a line break or a
bidi control cannot forge or turn around a line of the report (#16)."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build_env, mkdocs_build

from generator.data.errors import Problem, shown
from generator.editors.cli import main

DEMO_MAP = ROOT / "demo" / "map"
FIFO = "dit is geen gewoon bestand maar een named pipe (FIFO); de kaart leest het niet"


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))


def check_in_a_process(folder: Path) -> subprocess.CompletedProcess[str]:
    """`sociale-kaart check` in its own process with a time limit: a read of a FIFO would block forever."""
    return subprocess.run([sys.executable, "-m", "generator", "check", str(folder)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=build_env())


@pytest.mark.parametrize("name", ["site.yaml", "themes.yaml", "mentoring.yaml", "organisations/woonloket.yaml",
                                  "locations/sociaal-huis.yaml", "organisations/nieuw.yaml"])
def test_a_fifo_in_the_map_is_reported_and_never_read(name, demo_copy):
    path = demo_copy / name
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    result = check_in_a_process(demo_copy)
    assert result.returncode == 1, result.stdout
    assert f"{path}:1: (bestand): {FIFO}" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_device_in_the_map_is_reported(demo_copy):
    path = demo_copy / "site.yaml"
    path.unlink()
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero: reading it never ends
    except PermissionError:
        pytest.skip("making a device needs root")
    result = check_in_a_process(demo_copy)
    assert result.returncode == 1
    assert f"{path}:1: (bestand): dit is geen gewoon bestand maar een apparaat" in result.stdout


def test_a_folder_named_site_yaml_is_reported(demo_copy, capsys):
    (demo_copy / "site.yaml").unlink()
    (demo_copy / "site.yaml").mkdir()
    assert main(["check", str(demo_copy)]) == 1
    assert "site.yaml:1: (bestand): dit is een map, geen bestand" in capsys.readouterr().out


def test_a_build_with_a_fifo_site_yaml_stops_in_dutch(tmp_path):
    project = tmp_path / "project"
    assert main(["init", str(project)]) == 0
    (project / "map" / "site.yaml").unlink()
    os.mkfifo(project / "map" / "site.yaml")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    output = result.stdout
    assert result.returncode == 1 and "Traceback" not in output, output
    assert FIFO in output and "de site is niet gebouwd" in output
    assert not (tmp_path / "site").exists()


# --- #16: names are escaped wherever they are printed ------------------------------------------

FORGED = "\nmap: geen problemen gevonden (16 organisaties, 3 locaties, 8 thema's).\n"


@pytest.mark.parametrize("name", [f"organisations/x{FORGED}.yaml", f"stray{FORGED}.yml",
                                  "organisations/x\u202elmth.yaml", "organisations/a\rb.yaml"])
def test_a_file_name_cannot_forge_or_turn_a_line_of_the_report(name, demo_copy, capsys):
    (demo_copy / name).write_text((DEMO_MAP / "organisations" / "woonloket.yaml").read_text(encoding="utf-8"),
                                  encoding="utf-8")
    assert main(["check", str(demo_copy)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert all(re.match(rf"{re.escape(str(demo_copy))}/\S.*:\d+: ", line) for line in lines[:-1]), out
    assert re.fullmatch(r"1 probleem gevonden\.|\d+ problemen gevonden\.", lines[-1])
    assert "\u202e" not in out and "\r" not in out
    assert shown(name) in out


def test_shown_escapes_only_what_would_not_be_shown():
    assert shown("Café · 't Huis – 09:00") == "Café · 't Huis – 09:00"
    assert shown("a\nb\tc\u202ed\u200be\x1b[31m") == "a\\nb\\tc\\u202ed\\u200be\\x1b[31m"
    problem = Problem("map/x\n.yaml", 3, "name", "fout\nmap: geen problemen", "hint\n")
    assert "\n" not in str(problem)
