"""`check` under GitHub Actions: one ::error workflow command per problem, at its line, in Dutch."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from generator.data.errors import Problem
from generator.editors.annotations import annotation, escape_data, escape_property

DEMO_MAP = ROOT / "demo" / "map"


def broken_demo(folder: Path) -> Path:
    """The demo map with three mistakes in two files."""
    shutil.copytree(DEMO_MAP, folder / "map")
    centre = folder / "map" / "organisations" / "dienstencentrum.yaml"
    text = centre.read_text(encoding="utf-8")
    text = text.replace("    access: walk_in", "    access: walkin", 1)
    text = text.replace("    access: appointment", "    access: soms", 1)
    centre.write_text(text, encoding="utf-8")
    other = folder / "map" / "organisations" / "huis-van-het-kind.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("assured_date:", "assured_date: gisteren\nx_old:", 1),
                     encoding="utf-8")
    return folder


def run_check(folder: Path, github: bool) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GITHUB_ACTIONS": "true" if github else ""}
    return subprocess.run([sys.executable, "-m", "generator.editors.cli", "check", "map"], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=120)


def test_check_under_github_actions_annotates_every_problem_at_its_line(tmp_path: Path) -> None:
    folder = broken_demo(tmp_path)
    plain, github = run_check(folder, github=False), run_check(folder, github=True)
    assert plain.returncode == github.returncode == 1 and "Traceback" not in github.stderr
    assert "::error" not in plain.stdout
    report = [line for line in plain.stdout.splitlines() if line.startswith("map/")]
    commands = [line for line in github.stdout.splitlines() if line.startswith("::error ")]
    assert github.stdout.startswith(plain.stdout)  # the normal report stays, the commands follow
    assert len(report) >= 3 and len(commands) == len(report)
    for line, command in zip(report, commands, strict=True):
        path, number, field, _ = line.split(":", 3)
        match = re.fullmatch(r"::error file=([^,]+),line=(\d+),title=([^,:]+)::(.+)", command)
        assert match, command
        assert match[1] == path and match[2] == number and match[3] == escape_property(field.strip())
        assert match[4] in line  # the same Dutch sentence, without the place
    assert any("is geen toegelaten waarde" in command and "Bedoelde u 'walk_in'?" in command for command in commands)


def test_check_of_a_clean_map_prints_no_commands(tmp_path: Path) -> None:
    shutil.copytree(DEMO_MAP, tmp_path / "map")
    result = run_check(tmp_path, github=True)
    assert result.returncode == 0 and "::" not in result.stdout


def test_workflow_command_escaping_follows_github_rules() -> None:
    assert escape_data("100% klaar\r\nvolgende") == "100%25 klaar%0D%0Avolgende"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    problem = Problem("map/a, b.yaml", 3, "services[0].hours", "regel 1\nregel 2: 50%", "Kies: x, y.")
    assert annotation(problem) == ("::error file=map/a%2C b.yaml,line=3,title=services[0].hours"
                                   "::regel 1%0Aregel 2: 50%25. Kies: x, y.")
    assert annotation(Problem("map/x.yaml", 0, "", "leeg")) == "::error file=map/x.yaml,title=bestand::leeg"


def test_the_workflows_check_in_their_own_step_before_the_tests() -> None:
    for workflow in (ROOT / ".github" / "workflows" / "ci.yml",
                     ROOT / "generator" / "editors" / "templates" / "site" / "publish.yml"):
        text = workflow.read_text(encoding="utf-8")
        check = text.index("sociale-kaart check map")
        later = [text.find(step) for step in ("run: bash .ci/run", "run: mkdocs build") if step in text]
        assert later and all(check < index for index in later), workflow
