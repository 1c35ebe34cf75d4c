"""Verification sheets ("Klopt dit nog?") as standalone HTML files: site/controleblad/<id>/index.html."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment

from ..data.dataset import Dataset
from ..site.pages import sheet_pages, url
from ..site.render import render_body


def write_sheets(data: Dataset, env: Environment, site_dir: Path) -> int:
    """Write one sheet per organisation still on the map; the number written."""
    count = 0
    for page in sheet_pages(data):
        folder = site_dir / url(page.uri)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(render_body(env, page), encoding="utf-8")
        count += 1
    return count
