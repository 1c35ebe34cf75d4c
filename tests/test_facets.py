"""The "Dag in het huis" filter: unknown is "onbekend", never "niet in het huis" (issue 20, item 6)."""

from __future__ import annotations

from generator.data.schema import Service
from generator.site.facets import _days_in_house


def service(*places: dict) -> Service:
    return Service.model_validate({"id": "s", "name": "S", "description": "D", "access": "unknown",
                                   "locations": list(places)})


ELSEWHERE = {"location": "wijkhuis", "hours": "unknown"}
HOUSE = {"location": "huis", "hours": [{"repeat": "weekly", "days": ["tu"], "times": ["09:00-12:00"]}]}


def test_a_service_without_a_place_is_unknown_not_outside_the_house():
    assert _days_in_house([service()], "huis") == ["onbekend"]
    assert _days_in_house([service(ELSEWHERE), service()], "huis") == ["onbekend"]
    assert _days_in_house([service(HOUSE), service()], "huis") == ["dinsdag", "onbekend"]


def test_only_services_known_to_be_elsewhere_are_not_in_the_house():
    assert _days_in_house([service(ELSEWHERE)], "huis") == ["niet in het huis"]
    assert _days_in_house([service(HOUSE)], "huis") == ["dinsdag"]
