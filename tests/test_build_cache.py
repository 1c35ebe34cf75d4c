"""What a build keeps for the next one in `.cache/sociale-kaart/` (QR codes, compiled templates)
costs time only: the next build uses it and publishes the same bytes, an edited template is
drawn anew, and a damaged, unwritable or full cache never costs the site or shows a traceback.
Each case builds a fresh project made by `sociale-kaart init`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import mkdocs_build, small_tmpfs

from generator.assemble.template_cache import FOLDER
from generator.editors.cli import main
from generator.resources import resource


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "gemeente"
    assert main(["init", str(folder)]) == 0
    return folder


def built(project: Path, site: str) -> dict[str, bytes]:
    """Build into `site` (in the project): every file of it outside pagefind/, which must have
    been built cleanly. Pagefind's filter files come out in another order on every run (with
    or without a cache), so its index is left out of the comparison."""
    result = mkdocs_build(project / "mkdocs.yml", project / site, cwd=project)
    assert result.returncode == 0, result.stdout
    assert "Traceback" not in result.stdout
    folder = project / site
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != "pagefind"}


def cached_templates(project: Path) -> list[Path]:
    return sorted((project / FOLDER).glob("*.cache"))


def test_the_next_build_uses_the_cache_and_publishes_the_same_site(project):
    first = built(project, "site-1")
    kept = cached_templates(project)
    assert len(kept) > 20  # the site's templates and Material's
    stamps = {path: path.stat().st_mtime_ns for path in kept}
    assert built(project, "site-2") == first
    assert {path: path.stat().st_mtime_ns for path in cached_templates(project)} == stamps  # read, not made again


def test_an_edited_template_is_drawn_anew(project):
    own = project / "site_templates"
    own.mkdir()
    shutil.copy(resource("site_templates") / "home.html.j2", own / "home.html.j2")
    built(project, "site-1")
    home = own / "home.html.j2"
    home.write_text(home.read_text(encoding="utf-8") + "<p>Nieuw op de startpagina.</p>\n", encoding="utf-8")
    assert b"Nieuw op de startpagina." in built(project, "site-2")["index.html"]


def test_a_damaged_cache_costs_time_not_the_site(project):
    first = built(project, "site-1")
    for path in cached_templates(project):
        path.write_bytes(b"\x00 niet wat Jinja schreef")
    (project / ".cache" / "sociale-kaart" / "qr-codes.sqlite").write_bytes(b"geen SQLite")
    assert built(project, "site-2") == first


def test_a_cache_that_cannot_be_made_costs_time_not_the_site(project):
    (project / ".cache").write_text("een bestand waar de map zou komen", encoding="utf-8")
    first = built(project, "site-1")
    assert built(project, "site-2") == first


def test_a_full_disk_under_the_cache_costs_time_not_the_site(project):
    with small_tmpfs(project / FOLDER, "8k"):
        (project / FOLDER / "vol").write_bytes(b"x" * 8192)  # fill it: every template's file fails
        built(project, "site-1")
        assert not cached_templates(project)
