"""Pydantic's errors become one Dutch line each, with a hint only when it helps."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.data.load import parse_text
from generator.data.messages import fields_at, problems_from
from generator.data.schema import Address, ClosureDay, Closures, Organisation, Service

SERVICE = "id: hulp\nname: Hulp\ndescription: Hulp bij alles.\n"


def problems(model, text: str) -> list[str]:
    doc, syntax = parse_text(text, Path("x.yaml"))
    assert syntax == []
    with pytest.raises(ValidationError) as info:
        model.model_validate(doc.data)
    return [str(p) for p in problems_from(info.value, doc, model)]


def test_unknown_field_with_suggestion():
    assert problems(Service, SERVICE + "access: walk_in\nphone: []\n") == [
        "x.yaml:5: phone: onbekend veld. Bedoelde u 'phones'?"
    ]


def test_unknown_field_without_suggestion():
    assert problems(Service, SERVICE + "access: walk_in\nbanaan: 1\n") == ["x.yaml:5: banaan: onbekend veld"]


def test_choice_with_suggestion():
    assert problems(Service, SERVICE + "access: Walk_in\n") == [
        "x.yaml:4: access: 'Walk_in' is geen toegelaten waarde; kies uit: "
        "walk_in, appointment, phone_only, referral, unknown. Bedoelde u 'walk_in'?"
    ]


def test_unquoted_no_as_a_choice_gets_no_misleading_hint():
    # 'no' is not a choice either: telling the editor to quote it would not help.
    assert problems(Service, SERVICE + "access: no\n") == [
        "x.yaml:4: access: 'no' is geen toegelaten waarde; kies uit: "
        "walk_in, appointment, phone_only, referral, unknown"
    ]


def test_empty_choice():
    assert problems(Service, SERVICE + "access:\n") == [
        "x.yaml:4: access: dit veld is leeg; kies uit: walk_in, appointment, phone_only, referral, unknown"
    ]


def test_list_given_for_a_choice():
    assert problems(Service, SERVICE + "access: [walk_in, appointment]\n") == [
        "x.yaml:4: access: hier hoort één waarde; kies uit: walk_in, appointment, phone_only, referral, unknown"
    ]


def test_empty_text():
    assert problems(ClosureDay, "date: 2026-12-24\nname:\n") == ["x.yaml:2: name: dit veld is leeg; hier hoort tekst"]


def test_blank_text():
    assert problems(ClosureDay, "date: 2026-12-24\nname: '  '\n") == ["x.yaml:2: name: mag niet leeg zijn"]


def test_unquoted_true_where_text_is_expected():
    assert problems(ClosureDay, "date: 2026-12-24\nname: true\n") == [
        "x.yaml:2: name: hier hoort tekst. YAML leest true zonder aanhalingstekens als een ja/nee-waarde; "
        "schrijf 'true'."
    ]


def test_unquoted_date_is_fine_as_text():
    doc, _ = parse_text("date: 2026-12-24\nname: 2026-12-24\n", Path("x.yaml"))
    assert ClosureDay.model_validate(doc.data).name == "2026-12-24"


def test_number_where_a_date_is_expected():
    assert problems(ClosureDay, "date: 12\nname: Feest\n") == [
        "x.yaml:1: date: geen geldige datum; schrijf jaar-maand-dag, bv. 2026-03-01"
    ]


def test_date_with_a_time():
    assert problems(ClosureDay, "date: 2026-12-24 10:00:00\nname: Feest\n") == [
        "x.yaml:1: date: hier hoort een datum zonder uur, bv. 2026-03-01"
    ]


def test_number_where_yes_or_no_is_expected_gets_no_quote_hint():
    text = "belgian_public_holidays: 12\nflemish_public_service_days: true\nconfirmed: true\n"
    assert problems(Closures, text) == ["x.yaml:1: belgian_public_holidays: hier hoort true (ja) of false (nee)"]


def test_empty_list():
    text = "street: Markt 1\npostal_code: '2800'\ncity: [ ]\n"
    assert problems(Address, text) == ["x.yaml:3: city: hier hoort tekst"]


def test_required_top_level_field_is_reported_where_the_data_starts():
    messages = problems(ClosureDay, "# comment\n\ndate: 2026-12-24\n")
    assert messages == ["x.yaml:3: name: dit veld is verplicht maar ontbreekt"]


def test_fields_at():
    assert "phones" in fields_at(Organisation, ("services", 0))
    assert "hours" in fields_at(Organisation, ("services", 0, "locations", 0))
    assert "repeat" in fields_at(Organisation, ("services", 0, "locations", 0, "hours", 0))
    assert fields_at(Organisation, ("nothing",)) == []
