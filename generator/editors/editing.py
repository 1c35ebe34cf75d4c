"""Editors' helpers behind the CLI: a new organisation file, and a new municipality's site.

Never imports MkDocs.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from ..data.errors import machine_reason
from ..resources import MissingResource, resource
from ..when.clock import build_date
from .columns import COLUMNS
from .sheets import write_template

TEMPLATE = Path(__file__).parent / "templates" / "organisation.yaml"
SITE_TEMPLATES = Path(__file__).parent / "templates" / "site"
SITE_FILES = {"README.md": "README.md", "publish.yml": ".github/workflows/publish.yml",
              "pre-commit-config.yaml": ".pre-commit-config.yaml", "requirements.txt": "requirements.txt",
              "gitignore": ".gitignore"}
SPREADSHEET = "sociale-kaart.xlsx"


class EditError(Exception):
    """A problem to show the editor as is (in Dutch)."""


def first_theme(map_dir: Path) -> str:
    """The id of the first theme in themes.yaml, as a valid default for a new file."""
    try:
        themes = yaml.safe_load((map_dir / "themes.yaml").read_text(encoding="utf-8"))["themes"]
        return themes[0]["id"]
    except (OSError, KeyError, IndexError, TypeError, yaml.YAMLError):
        raise EditError(f"{map_dir}/themes.yaml ontbreekt of heeft geen thema's") from None


def new_organisation(map_dir: Path, org_id: str) -> Path:
    """Write map/organisations/<id>.yaml from the template; never overwrite."""
    if not re.match(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", org_id):
        raise EditError(f"'{org_id}' is geen geldige id; gebruik kleine letters, cijfers en koppeltekens")
    path = map_dir / "organisations" / f"{org_id}.yaml"
    if path.exists():
        raise EditError(f"{path} bestaat al; dat bestand wordt niet overschreven")
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace("__ID__", org_id).replace("__THEME__", first_theme(map_dir))
    text = text.replace("__TODAY__", build_date().isoformat())
    write_new_file(path, text)
    return path


def write_new_file(path: Path, text: str) -> None:
    """Write a file that must not exist yet; a full or read-only disk is a Dutch EditError, and a
    half-written file is removed (a later `check` would trip over it)."""
    created = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:
            created = True
            handle.write(text)
    except OSError as error:
        if created:
            path.unlink(missing_ok=True)
        raise EditError(f"{path} kon niet geschreven worden: {machine_reason(error)}") from None


def scaffold_config(folder: Path) -> str:
    """The demo's mkdocs.yml for a site of its own: docs/, overrides/ and templates come from the package."""
    text = resource("demo/mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^# .*\n", "", text, count=1)
    text = re.sub(r"(?m)^\s*(custom_dir|templates): .*\n", "", text)
    text = text.replace("docs_dir: ../docs", "docs_dir: docs")
    header = (f"# Sociale kaart van {folder.name}. Controleer met: sociale-kaart check map; "
              "bouw met: mkdocs build --strict\n"
              "# De gegevens in map/ zijn nog het fictieve voorbeeld (Verzinnegem): vervang ze.\n")
    return header + text


def scaffold_site_yaml(text: str) -> str:
    """The demo site.yaml for a new repository: map/ at the top, no link to our repository."""
    text = re.sub(r"(?m)^repository:.*\n", "", text)
    return re.sub(r"(?m)^map_path:.*$", "map_path: map", text)


def init_municipality(folder: Path) -> list[Path]:
    """A new site in ``folder``: mkdocs.yml, the demo map, a README, CI, pre-commit, the spreadsheet.

    Pages, theme overrides and templates are not copied: the build takes them
    from the package, and a file the site adds with the same name wins.
    """
    if folder.exists() and any(folder.iterdir()):
        raise EditError(f"{folder} bestaat al en is niet leeg; kies een nieuwe map")
    try:
        demo = resource("demo/map")
    except MissingResource as error:
        raise EditError(str(error)) from None
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(demo, folder / "map")
    site = folder / "map" / "site.yaml"
    site.write_text(scaffold_site_yaml(site.read_text(encoding="utf-8")), encoding="utf-8")
    (folder / "mkdocs.yml").write_text(scaffold_config(folder), encoding="utf-8")
    (folder / "docs").mkdir()
    (folder / "docs" / ".gitkeep").write_text("", encoding="utf-8")  # MkDocs needs docs/; git keeps no empty folder
    for name, target in SITE_FILES.items():
        (folder / target).parent.mkdir(parents=True, exist_ok=True)
        text = (SITE_TEMPLATES / name).read_text(encoding="utf-8").replace("__NAME__", folder.name)
        (folder / target).write_text(text, encoding="utf-8")
    write_template(folder / SPREADSHEET, COLUMNS)
    return [folder / name for name in ("mkdocs.yml", "map", "docs", SPREADSHEET, *SITE_FILES.values())]
