"""SOURCE_DATE_EPOCH that is no build time: one Dutch line and exit 1, before anything is built (issue 25 #10)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import DEMO_CONFIG, ROOT, build_env, mkdocs_build

from generator.when.clock import ClockError, build_date

NOT_A_TIME = ["abc", "1e9", "1.5", "99999999999999999999", "4294967296", "-1", "", " 1795392000", "١٢٣"]


@pytest.mark.parametrize("value", NOT_A_TIME)
def test_build_date_refuses_what_is_not_a_time_in_dutch(value, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(ClockError, match=r"SOURCE_DATE_EPOCH is .*geen bouwtijd"):
        build_date()


def test_build_date_reads_seconds_and_falls_back_to_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert build_date().isoformat() == "1970-01-01"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() is not None


@pytest.mark.parametrize("value", ["abc", "1e9", "1.5", "99999999999999999999", "-1", ""])
def test_a_build_with_a_bad_epoch_stops_at_once_in_dutch(value, tmp_path):
    result = mkdocs_build(DEMO_CONFIG, tmp_path / "site", extra_env={"SOURCE_DATE_EPOCH": value})
    output = result.stdout
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert f"SOURCE_DATE_EPOCH is {value!r}: dat is geen bouwtijd" in output
    assert "De site is niet gebouwd." in output
    assert not tmp_path.joinpath("site").exists() and list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.parametrize("command", [["stale", "demo/map"], ["werklijst", "demo/map"]])
def test_editor_commands_with_a_bad_epoch_say_so_in_dutch(command):
    result = subprocess.run([sys.executable, "-m", "generator", *command], cwd=ROOT, capture_output=True, text=True,
                            env={**build_env(), "SOURCE_DATE_EPOCH": "1.5"}, timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.strip() == ("Niet gelukt: SOURCE_DATE_EPOCH is '1.5': dat is geen bouwtijd. Geef een geheel "
                                     "aantal seconden sinds 1970 (0 tot 4294967295, bv. 1795392000), of laat de "
                                     "variabele weg.")
    assert result.stderr == ""
