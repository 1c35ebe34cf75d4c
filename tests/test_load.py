"""The YAML loader: line numbers, duplicate keys, and what YAML did to unquoted values."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.data.load import RawFloat, RawInt, load_file, parse_text
from generator.data.messages import problems_from
from generator.data.schema import Address

TEXT = """\
# a comment
id: x
services:
  - id: a
    locations:
      - location: huis
        hours:
          - repeat: weekly
            days: [mo, tu]
            times:
              - "09:00-12:00"
              - "13:00-16:00"
  - id: b
    themes: [geld,
             wonen]
"""


def parse(text: str):
    doc, problems = parse_text(text, Path("test.yaml"))
    return doc, problems


def test_lines_of_nested_keys_and_list_items():
    doc, problems = parse(TEXT)
    assert problems == []
    assert doc.lines[()] == 2  # where the data starts, after the comment
    assert doc.lines[("id",)] == 2
    assert doc.lines[("services",)] == 3
    assert doc.lines[("services", 0)] == 4
    assert doc.lines[("services", 0, "id")] == 4
    assert doc.lines[("services", 0, "locations", 0, "location")] == 6
    assert doc.lines[("services", 0, "locations", 0, "hours", 0)] == 8
    assert doc.lines[("services", 0, "locations", 0, "hours", 0, "days", 1)] == 9
    assert doc.lines[("services", 0, "locations", 0, "hours", 0, "times", 0)] == 11
    assert doc.lines[("services", 0, "locations", 0, "hours", 0, "times", 1)] == 12
    assert doc.lines[("services", 1)] == 13
    assert doc.lines[("services", 1, "themes", 0)] == 14
    assert doc.lines[("services", 1, "themes", 1)] == 15


def test_line_of_falls_back_to_the_deepest_known_part():
    doc, _ = parse(TEXT)
    # A missing field is reported at the line of the group it is missing from.
    assert doc.line_of(("services", 1, "description")) == 13
    assert doc.line_of(("services", 0, "locations", 0, "hours", 0, "valid_to")) == 8
    assert doc.line_of(("nothing",)) == 2
    assert doc.line_of(()) == 2


def test_problem_names_field_without_list_positions():
    doc, _ = parse(TEXT)
    problem = doc.problem(("services", 0, "locations", 0, "hours", 0, "times", 1), "fout")
    assert str(problem) == "test.yaml:12: services.locations.hours.times: fout"


def test_duplicate_key_is_reported_and_first_value_kept():
    doc, problems = parse("name: Eerste\ncity: Mechelen\nname: Tweede\n")
    assert doc.data == {"name": "Eerste", "city": "Mechelen"}
    assert [str(p) for p in problems] == [
        "test.yaml:3: name: dit veld staat twee keer in dezelfde groep (ook op regel 1); "
        "YAML zou de eerste waarde stil weggooien"
    ]


def test_nested_duplicate_key():
    _doc, problems = parse("services:\n  - id: a\n    name: A\n    id: b\n")
    assert len(problems) == 1
    assert problems[0].line == 4 and problems[0].field == "services.id"
    assert "ook op regel 2" in problems[0].message


def test_same_key_in_different_groups_is_fine():
    _, problems = parse("a:\n  id: x\nb:\n  id: x\nc: [{id: 1}, {id: 1}]\n")
    assert problems == []


def test_plain_scalar_memory():
    """Plain scalars are read by YAML 1.2 (core schema) rules, as the form editor reads them."""
    doc, problems = parse(
        'a: 9:30\nb: "9:30"\nc: no\nd: \'no\'\ne: 2026-01-01\nf: 0123\ng: 1.10\nh: tekst\ni:\n'
        'j: false\nk: 2019-11-19 10:00:00\nl: 0o17\n'
    )
    assert problems == []
    assert doc.data["a"] == "9:30" and ("a",) not in doc.plain  # YAML 1.1: the number 570
    assert doc.data["b"] == "9:30" and ("b",) not in doc.plain
    assert doc.data["c"] == "no" and ("c",) not in doc.plain  # YAML 1.1: false
    assert doc.data["d"] == "no" and ("d",) not in doc.plain
    assert doc.data["e"] == "2026-01-01"  # dates are text; the models parse them
    assert doc.data["f"] == 123 and doc.plain[("f",)] == "0123"  # YAML 1.1: octal 83
    assert doc.data["j"] is False and doc.plain[("j",)] == "false"
    assert doc.data["k"] == "2019-11-19 10:00:00"  # YAML 1.1: a timestamp
    assert doc.data["l"] == 15
    assert doc.data["g"] == 1.1 and doc.plain[("g",)] == "1.10"
    assert ("h",) not in doc.plain  # strings stay strings: nothing to remember
    assert doc.data["i"] is None and doc.plain[("i",)] == ""


def test_plain_memory_inside_lists():
    doc, _ = parse("languages: [nl, 12]\ntimes:\n  - 9.30\n")
    assert doc.plain[("languages", 1)] == "12"
    assert doc.plain[("times", 0)] == "9.30"
    assert ("languages", 0) not in doc.plain


def test_numbers_keep_their_text():
    doc, _ = parse("a: 2800\nb: 0123\nc: 1.10\nd: 1_000\n")
    assert isinstance(doc.data["a"], RawInt) and doc.data["a"].raw == "2800"
    assert isinstance(doc.data["b"], RawInt) and doc.data["b"].raw == "0123"
    assert isinstance(doc.data["c"], RawFloat) and doc.data["c"].raw == "1.10"
    assert doc.data["d"] == "1_000"  # YAML 1.2: text


def address(postal_code: str):
    """Validate an address whose postal code is written unquoted as given."""
    doc, problems = parse(f"street: Markt 1\npostal_code: {postal_code}\ncity: Mechelen\n")
    assert problems == []
    try:
        return Address.model_validate(doc.data), []
    except ValidationError as error:
        return None, [str(p) for p in problems_from(error, doc, Address)]


@pytest.mark.parametrize("written", ["2800", '"2800"', "'0123'", "9999"])
def test_number_accepted_as_text_when_nothing_is_lost(written):
    record, problems = address(written)
    assert problems == []
    assert record.postal_code == written.strip("'\"")
    assert type(record.postal_code) is str


@pytest.mark.parametrize(("written", "number"), [("0123", "123"), ("+2800", "2800"), ("0x1F", "31")])
def test_number_rejected_when_yaml_changed_it(written, number):
    record, problems = address(written)
    assert record is None
    assert problems == [
        f"test.yaml:2: postal_code: YAML leest {written} als het getal {number}; "
        f"zet de waarde tussen aanhalingstekens: '{written}'"
    ]


def test_syntax_error_is_a_problem_not_an_exception():
    doc, problems = parse("id: x\nname: 'open\n")
    assert doc is None
    assert [str(p) for p in problems] == ["test.yaml:2: (bestand): een aanhalingsteken wordt niet gesloten"]


def test_anchors_and_aliases_are_refused_at_their_lines():
    doc, problems = parse("a: &x 1\nb: *y\nc: 'R&D * 2'\n")
    assert doc is None
    assert [str(p) for p in problems] == [
        "test.yaml:1: (bestand): ankers ('&naam') worden niet ondersteund; schrijf de waarde voluit",
        "test.yaml:2: (bestand): verwijzingen ('*naam') worden niet ondersteund; schrijf de waarde voluit"]


@pytest.mark.parametrize("text", ["", "\n\n", "# alleen commentaar\n"])
def test_empty_file(text):
    doc, problems = parse(text)
    assert doc is None
    assert [str(p) for p in problems] == ["test.yaml:1: (bestand): het bestand is leeg"]


def test_python_tags_are_refused():
    doc, problems = parse("a: !!python/object:os.system ls\n")
    assert doc is not None
    assert "wordt niet ondersteund" in problems[0].message


def test_merge_keys_are_refused():
    _, problems = parse("base:\n  x: 1\nother:\n  <<: {x: 1}\n  y: 2\n")
    assert problems[0].line == 4
    assert "samenvoegen met '<<' wordt niet ondersteund" in problems[0].message


def test_complex_keys_are_refused():
    _, problems = parse("? [a, b]\n: c\n")
    assert problems[0].message == "een veldnaam moet gewone tekst zijn"


def test_impossible_date_is_kept_as_text():
    doc, problems = parse("date: 2026-02-30\n")
    assert problems == []
    assert doc.data["date"] == "2026-02-30"


def test_load_file_not_utf8(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes("name: Financiële hulp\n".encode("latin-1"))
    doc, problems = load_file(path)
    assert doc is None
    assert problems[0].line == 1
    assert "geen UTF-8-tekst" in problems[0].message


def test_load_file_reads_utf8(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("name: Financiële hulp\n", encoding="utf-8")
    doc, problems = load_file(path)
    assert problems == [] and doc.data == {"name": "Financiële hulp"}
