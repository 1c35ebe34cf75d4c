"""The files a build publishes besides pages: open data in site/data/, calendars in site/agenda/,
verification sheets in site/controleblad/, the form editor in site/admin/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment

from ..data.dataset import Dataset
from ..parallel import Turns
from ..publish.exports import write_exports
from ..publish.ics import write_calendars
from ..publish.verification_sheets import write_sheets
from ..when.clock import build_date
from .form_editor import write_form_editor


def open_data_writers(dataset: Dataset, site_dir: Path, site_url: str, env: Environment) -> list[Callable[[], None]]:
    """HSDS 3.0 JSON and CSV under data/, an iCalendar feed per service under agenda/,
    a printable sheet per organisation under controleblad/ (drawn with ``env``), and the form
    editor under admin/ (its bundle copied once per build): one writer each, in this order.

    Separate writers, so that the two processes of a split build can share them (split.py).
    """
    return [lambda: write_exports(dataset, site_dir / "data", site_url + "data/"),
            lambda: write_calendars(dataset, site_dir / "agenda", build_date()),
            lambda: write_sheets(dataset, env, site_dir),
            lambda: write_form_editor(dataset.site, site_dir, site_url)]


def run_all(writers: list[Callable[[], None]], turns: Turns | None = None) -> None:
    """Run each writer; in a split build (`turns`), each one the other process has not taken.

    A function of its own, so that no loop variable outlives the loop holding the last
    writer and, through it, the whole map."""
    for number, write in enumerate(writers):
        if turns is None or turns.take(number):
            write()
