"""The files a build publishes besides pages: open data in site/data/, calendars in site/agenda/."""

from __future__ import annotations

from pathlib import Path

from ..data.dataset import Dataset
from ..publish.exports import write_exports
from ..publish.ics import write_calendars
from ..when.clock import build_date


def write_open_data(dataset: Dataset, site_dir: Path, site_url: str) -> None:
    """HSDS 3.0 JSON and CSV under data/, an iCalendar feed per service under agenda/."""
    write_exports(dataset, site_dir / "data", site_url + "data/")
    write_calendars(dataset, site_dir / "agenda", build_date())
