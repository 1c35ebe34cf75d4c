"""A site's own folders first, then the packaged ones: the way Material's custom_dir works.

A site made by `sociale-kaart init` holds only mkdocs.yml and map/. Every page
template, theme override, hand-written page, stylesheet and script it does not
have itself comes from the installed package (generator.resources); a file with
the same name in the site's own site_templates/, overrides/ or docs/ wins. New
files in the packaged folders are picked up as they come: nothing here lists them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ..resources import browser_code, resource


def with_packaged_folders(config: MkDocsConfig, base: Path, templates: str) -> list[Path]:
    """Add the theme overrides; the folders where page templates are looked up, in order.

    ``base`` is the folder of mkdocs.yml, ``templates`` the plugin's setting.
    """
    add_theme_overrides(config, base / "overrides")
    return template_folders((base / templates).resolve())


def template_folders(own: Path) -> list[Path]:
    """The site's own templates folder (if it has one), then the package's."""
    packaged = resource("site_templates")
    return [own] if own == packaged else [folder for folder in (own, packaged) if folder.is_dir()]


def add_theme_overrides(config: MkDocsConfig, own: Path) -> None:
    """The site's overrides/ (its custom_dir, or the folder beside mkdocs.yml), then the packaged
    overrides/, then Material's own templates."""
    dirs, custom = config.theme.dirs, config.theme.custom_dir
    if not custom and own.is_dir():
        dirs.insert(0, custom := str(own.resolve()))
    packaged = str(resource("overrides"))
    if packaged not in (str(Path(folder).resolve()) for folder in dirs):
        dirs.insert(1 if custom and dirs and dirs[0] == custom else 0, packaged)


def add_packaged_pages(files: Files, config: MkDocsConfig, in_nav: set[str]) -> None:
    """Add every file of the packaged docs/ that the site's docs_dir does not have itself."""
    packaged = resource("docs")
    if Path(config.docs_dir).resolve() == packaged:
        return
    for path in sorted(packaged.rglob("*")):
        uri = path.relative_to(packaged).as_posix()
        if path.is_file() and not path.name.startswith(".") and files.get_file_from_path(uri) is None:
            inclusion = InclusionLevel.UNDEFINED if uri in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, uri, abs_src_path=str(path), inclusion=inclusion))


# Browser libraries the pages load, from npm (generator/resources.py), and where.
LIBRARIES = {"qrcode-generator": "assets/vendor/qrcode-generator.js"}  # docs/assets/meegeven.js


def add_browser_libraries(files: Files, config: MkDocsConfig) -> None:
    """Serve each browser library at its address, unless the site's docs_dir has its own there."""
    for package, uri in LIBRARIES.items():
        (path,) = browser_code(package)
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(path)))


def nav_pages(config: MkDocsConfig) -> set[str]:
    """The pages named in mkdocs.yml's nav (a packaged page there is no orphan)."""
    found: set[str] = set()
    stack = list(config.nav or [])
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            found.add(item)
    return found


def without_folder(nav: Any, folder: str) -> Any:
    """mkdocs.yml's nav without the pages in ``folder`` (and without sections left empty): the
    pages of an optional part of the map (mentoring) that this map does not have."""
    if isinstance(nav, str):
        return None if nav.startswith(folder) else nav
    if isinstance(nav, list):
        kept = [item for item in (without_folder(entry, folder) for entry in nav) if item not in (None, [], {})]
        return kept
    if isinstance(nav, dict):
        kept = {title: without_folder(entry, folder) for title, entry in nav.items()}
        return {title: entry for title, entry in kept.items() if entry not in (None, [], {})} or None
    return nav
