"""The real data (map/) and the fictional demo (demo/map/) pass `sociale-kaart check`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def sociale_kaart() -> str:
    script = Path(sys.executable).with_name("sociale-kaart")
    found = str(script) if script.exists() else shutil.which("sociale-kaart")
    assert found, "the sociale-kaart command is not installed (pip install -e .)"
    return found


@pytest.mark.parametrize("folder", ["map", "demo/map"])
def test_check_passes(folder):
    result = subprocess.run([sociale_kaart(), "check", folder], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"{folder}: geen problemen gevonden (")
    assert result.stderr == ""
