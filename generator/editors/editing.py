"""Editors' helpers behind the CLI: a new organisation file, and a new municipality.

Never imports MkDocs.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from ..when.clock import build_date

TEMPLATE = Path(__file__).parent / "templates" / "organisation.yaml"
REPOSITORY = Path(__file__).resolve().parents[2]
SCAFFOLD_FOLDERS = {"demo/map": "map", "docs": "docs", "overrides": "overrides", "site_templates": "site_templates"}


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
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def scaffold_config(folder: Path) -> str:
    """demo/mkdocs.yml adapted to a folder holding map/, docs/, overrides/, site_templates/."""
    text = (REPOSITORY / "demo" / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^# .*\n", "", text, count=1)
    text = text.replace("../", "")
    header = (f"# Sociale kaart van {folder.name}. Bouw met: mkdocs build --strict -f {folder}/mkdocs.yml\n"
              "# De gegevens in map/ zijn nog het fictieve voorbeeld (Verzinnegem): vervang ze.\n")
    return header + text


def scaffold_site_yaml(text: str) -> str:
    """The demo site.yaml for a new repository: map/ at the top, no link to our repository."""
    text = re.sub(r"(?m)^repository:.*\n", "", text)
    return re.sub(r"(?m)^map_path:.*$", "map_path: map", text)


def init_municipality(folder: Path) -> list[Path]:
    """Copy the demo map, docs, overrides and templates into ``folder``, with a mkdocs.yml."""
    if folder.exists() and any(folder.iterdir()):
        raise EditError(f"{folder} bestaat al en is niet leeg; kies een nieuwe map")
    missing = [src for src in SCAFFOLD_FOLDERS if not (REPOSITORY / src).is_dir()]
    if missing:
        raise EditError(f"niet gevonden in {REPOSITORY}: {', '.join(missing)}")
    folder.mkdir(parents=True, exist_ok=True)
    for src, dst in SCAFFOLD_FOLDERS.items():
        shutil.copytree(REPOSITORY / src, folder / dst)
    site = folder / "map" / "site.yaml"
    site.write_text(scaffold_site_yaml(site.read_text(encoding="utf-8")), encoding="utf-8")
    (folder / "mkdocs.yml").write_text(scaffold_config(folder), encoding="utf-8")
    return [folder / dst for dst in SCAFFOLD_FOLDERS.values()] + [folder / "mkdocs.yml"]
