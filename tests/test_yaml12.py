"""Plain scalars are read as YAML 1.2 (the form editor's YAML) reads them; dates still validate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.data.load import parse_text
from generator.data.schema import ClosureDay, Source


def record(model, text: str):
    doc, problems = parse_text(text, Path("x.yaml"))
    assert problems == []
    return model.model_validate(doc.data)


def test_unquoted_timestamp_where_text_is_expected_stays_as_written():
    """Issue 12: never silently '2019-11-19T10:00:00'."""
    source = record(Source, "url: https://example.org/a\nsupports: 2019-11-19 10:00:00\ndate: 2019-11-19\n")
    assert source.supports == "2019-11-19 10:00:00"


@pytest.mark.parametrize("text", ["13:30", "yes", "no", "on", "off", "1_000"])
def test_yaml11_surprises_are_text(text):
    assert record(ClosureDay, f"date: 2026-12-24\nname: {text}\n").name == text


def test_unquoted_dates_are_still_parsed_and_checked():
    assert record(ClosureDay, "date: 2026-12-24\nname: Kerstavond\n").date == dt.date(2026, 12, 24)
    doc, _ = parse_text("date: 2026-13-01\nname: x\n", Path("x.yaml"))
    with pytest.raises(ValueError):
        ClosureDay.model_validate(doc.data)
