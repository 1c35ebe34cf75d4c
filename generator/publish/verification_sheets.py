"""Verification sheets ("Klopt dit nog?") as standalone HTML files: site/controleblad/<id>.html."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

from ..data.dataset import Dataset
from ..site.pages import SHEET_FOLDER, sheet_pages
from ..site.render import render_body
from .small_files import SmallFiles


def write_sheets(data: Dataset, env: Environment, site_dir: Path) -> int:
    """Write one sheet per organisation still on the map, all in one folder; the number written."""
    count = 0
    with SmallFiles(site_dir / SHEET_FOLDER) as files:
        for page in sheet_pages(data):
            files.write(page.uri.rsplit("/", 1)[1], render_body(env, page).encode())
            count += 1
    return count
