"""Every page of the real and the demo site is valid HTML: the Nu HTML Checker (vnu.jar from
the npm package vnu-jar, installed by `bash scripts/install --test`) reports no error."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(site: Path) -> tuple[int, list[str]]:
    """(number of pages checked, one line per error: page, line, message)."""
    assert VNU.is_file(), f"{VNU} is missing: run bash scripts/install --test"
    assert shutil.which("java"), "no Java runtime: run bash scripts/install --test"
    pages = sorted(str(path) for path in site.rglob("*.html"))
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(result.stderr)["messages"]
    errors = [f"{Path(m['url'].removeprefix('file:')).relative_to(site)}:{m.get('lastLine', '?')}: {m['message']}"
              for m in messages if m["type"] in ("error", "non-document-error")]
    return len(pages), errors


@pytest.mark.parametrize("which", ["demo_site", "real_site"])
def test_every_page_is_valid_html(request, which):
    site = request.getfixturevalue(which)
    checked, errors = vnu_errors(site)
    assert checked > 40, f"only {checked} pages checked"
    assert errors == [], f"{len(errors)} errors in {checked} pages:\n" + "\n".join(errors[:50])
