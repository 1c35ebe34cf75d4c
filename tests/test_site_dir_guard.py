"""A site_dir that would take the project with it is refused before anything is deleted
(issue 25 #2): `ln -s . site; mkdocs build` used to replace map/, mkdocs.yml and .git with the
built site. Every case runs in a fresh project made by `sociale-kaart init` in a temporary folder."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import mkdocs_build
from test_failures import small_tmpfs

from generator.editors.cli import main

REFUSED = "Er is niets gebouwd of verwijderd."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "werk" / "gemeente"
    assert main(["init", str(folder)]) == 0
    (folder.parent / "buur").mkdir()  # a sibling folder: `site -> ..` used to delete it
    (folder.parent / "buur" / "werk.txt").write_text("niet weggooien", encoding="utf-8")
    return folder


def docs_elsewhere(project: Path) -> None:
    """docs/ outside the project, as a shared docs folder would be: MkDocs' own check (docs_dir
    inside site_dir) then no longer catches a site_dir that holds the project."""
    docs = project.parent.parent / "gedeelde-docs"
    docs.mkdir()
    (docs / ".gitkeep").write_text("", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: docs", f"docs_dir: {docs}"),
                      encoding="utf-8")


def everything(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(project: Path, site_dir: str = "site") -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of the project into ``site_dir`` (relative to the project); output in .stdout."""
    return mkdocs_build(project / "mkdocs.yml", project / site_dir, cwd=project)


CASES = {  # how the site folder is made or named -> what the message says of it
    "a symlink to the project": (lambda p: os.symlink(".", p / "site"), (), "is een symbolische koppeling"),
    "a symlink to the parent": (lambda p: os.symlink("..", p / "site"), (), "is een symbolische koppeling"),
    "a symlink to map/": (lambda p: os.symlink("map", p / "site"), (), "is een symbolische koppeling"),
    "the project folder": (docs_elsewhere, (".",), "is de map van het project zelf"),
    "a folder above the project": (docs_elsewhere, ("..",), "bevat het configuratiebestand mkdocs.yml"),
    "map/ itself": (None, ("map",), "bevat de map met de gegevens (map/)"),
    "a folder inside map/": (None, ("map/site",), "ligt in de map met de gegevens (map/)"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_an_unsafe_site_dir_is_refused_and_nothing_is_lost(case, project):
    make, site_dir, why = CASES[case]
    if make:
        make(project)
    before, neighbours = everything(project.parent.parent), sorted(os.listdir(project.parent))
    result = build(project, *site_dir)
    output = result.stdout
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "De map voor de site (" in output and f") {why}" in output, output
    assert REFUSED in output
    assert everything(project.parent.parent) == before  # mkdocs.yml, map/, the sibling: all still there
    assert sorted(os.listdir(project.parent)) == neighbours


def test_a_mount_point_is_refused(project):
    with small_tmpfs(project / "site", "1m"):
        result = build(project)
        assert result.returncode == 1
        assert "is een koppelpunt (mount point)" in result.stdout


def test_an_ordinary_site_dir_still_builds(project):
    result = build(project)
    assert result.returncode == 0, result.stdout
    assert (project / "site" / "index.html").is_file() and (project / "map" / "site.yaml").is_file()
