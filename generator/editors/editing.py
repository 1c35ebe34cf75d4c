"""Editors' helpers behind the CLI: a new organisation file, and a new municipality's site.

Never imports MkDocs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..data.errors import machine_reason
from ..data.load import FileTooLarge, NotAFile, read_text
from ..resources import MissingResource, resource
from ..when.clock import build_date
from .columns import COLUMNS
from .empty_map import House, write_empty_map
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
        themes = yaml.safe_load(read_text(map_dir / "themes.yaml"))["themes"]  # never blocks on a FIFO
        return themes[0]["id"]
    except (OSError, KeyError, IndexError, TypeError, ValueError, yaml.YAMLError, NotAFile, FileTooLarge):
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


def scaffold_config(municipality: str, empty: bool) -> str:
    """The demo's mkdocs.yml for a site of its own: docs/, overrides/ and templates come from the package."""
    text = resource("demo/mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^# .*\n", "", text, count=1)
    text = re.sub(r"(?m)^\s*(custom_dir|templates): .*\n", "", text)
    text = text.replace("docs_dir: ../docs", "docs_dir: docs")
    header = (f"# Sociale kaart van {municipality}. Controleer met: sociale-kaart check map; "
              "bouw met: mkdocs build --strict\n")
    if not empty:
        return header + "# De gegevens in map/ zijn nog het fictieve voorbeeld (Verzinnegem): vervang ze.\n" + text
    text = re.sub(r"(?m)^site_name: .*$", f"site_name: Sociale kaart {municipality}", text)
    text = re.sub(r"(?m)^site_description: .*$", f"site_description: Hulp en diensten in {municipality}, "
                  "met openingsuren en adressen.", text)
    return header + re.sub(r"(?m)^  short_name: .*$", f"  short_name: Sociale kaart {municipality}", text)


def scaffold_site_yaml(text: str, repo: str | None) -> str:
    """The demo site.yaml for a new repository: map/ at the top, its own repository (or none)."""
    text = re.sub(r"(?m)^repository:.*$", f"repository: https://github.com/{repo}" if repo else "", text)
    return re.sub(r"(?m)^map_path:.*$", "map_path: map", text)


@dataclass(frozen=True)
class Scaffold:
    """What `init` was told: the folder, the municipality's name, the house, the repository."""

    folder: Path
    municipality: str
    empty: bool = False
    house: House = field(default_factory=House)
    repo: str | None = None


def init_municipality(scaffold: Scaffold) -> list[Path]:
    """A new site in ``folder``: mkdocs.yml, a map (the demo, or only the house), a README, CI,
    pre-commit, the spreadsheet. A full or read-only disk is a Dutch EditError.

    Pages, theme overrides and templates are not copied: the build takes them
    from the package, and a file the site adds with the same name wins.
    """
    folder = scaffold.folder
    usable_folder(folder)
    try:
        write_scaffold(scaffold)
    except MissingResource as error:
        raise EditError(str(error)) from None
    except OSError as error:
        raise EditError(f"{folder} kon niet geschreven worden: {machine_reason(error)}") from None
    return [folder / name for name in ("mkdocs.yml", "map", "docs", SPREADSHEET, *SITE_FILES.values())]


def usable_folder(folder: Path) -> None:
    """A folder that does not exist yet, or holds only hidden entries (a fresh `git clone`: .git)."""
    if folder.exists() and not folder.is_dir():
        raise EditError(f"{folder} is een bestand, geen map; kies een nieuwe map")
    if folder.is_dir() and any(not entry.name.startswith(".") for entry in folder.iterdir()):
        raise EditError(f"{folder} bestaat al en is niet leeg; kies een nieuwe map")
    if folder.is_dir() and (folder / ".github").exists():
        raise EditError(f"{folder} bevat al .github/; kies een nieuwe map")


def write_scaffold(scaffold: Scaffold) -> None:
    folder = scaffold.folder
    folder.mkdir(parents=True, exist_ok=True)
    if scaffold.empty:
        write_empty_map(folder / "map", scaffold.house, scaffold.municipality, build_date())
    else:
        shutil.copytree(resource("demo/map"), folder / "map")
        site = folder / "map" / "site.yaml"
        site.write_text(scaffold_site_yaml(site.read_text(encoding="utf-8"), scaffold.repo), encoding="utf-8")
    if scaffold.empty and scaffold.repo:
        site = folder / "map" / "site.yaml"
        site.write_text(site.read_text(encoding="utf-8") + f"repository: https://github.com/{scaffold.repo}\n",
                        encoding="utf-8")
    (folder / "mkdocs.yml").write_text(scaffold_config(scaffold.municipality, scaffold.empty), encoding="utf-8")
    (folder / "docs").mkdir()
    (folder / "docs" / ".gitkeep").write_text("", encoding="utf-8")  # MkDocs needs docs/; git keeps no empty folder
    fill = {"__NAME__": scaffold.municipality, "__VERSION__": own_version(),
            "__REPO__": scaffold.repo or "OWNER/NAAM"}
    for name, target in SITE_FILES.items():
        (folder / target).parent.mkdir(parents=True, exist_ok=True)
        text = (SITE_TEMPLATES / name).read_text(encoding="utf-8")
        for key, value in fill.items():
            text = text.replace(key, value)
        (folder / target).write_text(text, encoding="utf-8")
    write_template(folder / SPREADSHEET, COLUMNS)


def own_version() -> str:
    """The installed version of this package, for the pinned install line of requirements.txt."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sociale-kaart")
    except PackageNotFoundError:  # a checkout that was never installed
        return "0.1.0"


GITHUB_REMOTE = re.compile(r"^(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)"
                           r"([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?/?$")
REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


def repository_of(folder: Path, given: str | None) -> str | None:
    """OWNER/NAME: as given (--repo), else from `git remote get-url origin` where the folder is a clone."""
    if given:
        if not REPO.match(given):
            raise EditError(f"'{given}' is geen GitHub-repository; schrijf EIGENAAR/NAAM, bv. stad-lier/sociale-kaart")
        return given
    probe = folder if folder.is_dir() else folder.parent
    try:
        url = subprocess.run(["git", "-C", str(probe), "remote", "get-url", "origin"], capture_output=True,
                             text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    found = GITHUB_REMOTE.match(url)
    return found.group(1) if found else None
