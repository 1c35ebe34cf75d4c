"""Hatch build hook: the browser code from node_modules/ into the wheel and the sdist.

Git holds no built bundle (issue 26). `npm ci` installs the pinned packages; this
hook copies the files that generator/resources.py's BROWSER_CODE names into the
wheel under generator/bundled/node_modules/ (where the installed package finds
them) and into the sdist under node_modules/ (so a wheel built from the sdist
carries them too). An editable install reads node_modules/ in the checkout itself.
A tree without node_modules/ (pip installing from a git URL, as a municipality's
publish workflow does) gets `npm ci` run here first, when npm is there.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _resources(root: Path):
    """generator/resources.py, loaded alone (it imports nothing but pathlib)."""
    spec = importlib.util.spec_from_file_location("_sk_resources", root / "generator" / "resources.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _npm_ci(root: Path) -> None:
    """Install the pinned packages of package-lock.json, if this tree has one and npm is there."""
    if (root / "package-lock.json").is_file() and shutil.which("npm"):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=root, check=False)


class BrowserCodeHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if version == "editable":
            return
        root = Path(self.root)
        resources = _resources(root)
        prefix = "generator/bundled/" if self.target_name == "wheel" else ""
        if not all(resources.browser_files(root, package) for package in resources.BROWSER_CODE):
            _npm_ci(root)
        for package in resources.BROWSER_CODE:
            files = resources.browser_files(root, package)
            if not files:
                raise SystemExit(f"De browsercode van {package} ontbreekt in node_modules/. "
                                 "Voer eerst 'npm ci' uit en bouw het pakket dan opnieuw.")
            for path in files:
                build_data["force_include"][str(path)] = prefix + path.relative_to(root).as_posix()
