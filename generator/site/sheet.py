"""The facts of a verification sheet ("Klopt dit nog?"): what the map says about an organisation.

A fact with value None is not known: the sheet prints an empty line for it, for
the partner to fill in. The wording is the site's own (describe.py), so the
partner checks what citizens read.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.dataset import Dataset
from ..data.languages import LANGUAGES
from ..data.schema import Organisation, Rule, Service, ServiceAtLocation
from . import describe


@dataclass(frozen=True)
class Fact:
    label: str
    value: str | None  # None: not known yet


@dataclass(frozen=True)
class Part:
    """One block of the sheet: the organisation itself, or one of its services."""

    title: str
    facts: list[Fact]


def rules_text(rules: list[Rule] | None) -> str | None:
    return None if rules is None else "; ".join(describe.rule_text(rule) for rule in rules)


def phones_text(phones) -> str | None:
    texts = [f"{p.number} ({p.description})" if p.description else p.number for p in phones]
    return ", ".join(texts) or None


def organisation_part(data: Dataset, org: Organisation) -> Part:
    facts = [Fact("Naam", org.name)]
    if org.alternate_name:
        facts.append(Fact("Ook bekend als", org.alternate_name))
    facts += [
        Fact("Wat doet u?", org.description),
        Fact("Thema's", describe.join([data.themes[theme].name for theme in org.themes])),
        Fact("Telefoon", phones_text(org.phones)),
        Fact("E-mail", org.email),
        Fact("Website", org.website),
    ]
    if org.status != "active" or org.alert:
        facts.append(Fact("Let op", " ".join(filter(None, [describe.STATUS[org.status], org.alert]))))
    return Part(org.name, facts)


def service_part(data: Dataset, service: Service) -> Part:
    facts = [
        Fact("Wat", service.description),
        Fact("Voor wie", service.audience),
        Fact("Afspraak nodig?", None if service.access == "unknown" else describe.ACCESS[service.access]),
    ]
    if service.application_process:
        facts.append(Fact("Hoe", service.application_process))
    facts += [
        Fact("Wat neemt u mee", "; ".join(service.required_documents) or None),
        Fact("Kostprijs", service.cost),
        Fact("Talen", None if service.languages is None
             else describe.join([LANGUAGES.get(code, code) for code in service.languages])),
    ]
    if service.phones:
        facts.append(Fact("Telefoon", phones_text(service.phones)))
    facts += when_facts(data, service)
    return Part(service.name, facts)


def when_facts(data: Dataset, service: Service) -> list[Fact]:
    """Where and when, per place; one empty line when neither is known."""
    if not service.locations:
        if service.hours is None:
            return [Fact("Waar en wanneer", None)]
        return [Fact("Wanneer", rules_text(service.hours))]
    return [fact for place in service.locations for fact in place_facts(data, place)]


def place_facts(data: Dataset, place: ServiceAtLocation) -> list[Fact]:
    location = data.locations[place.location]
    where = ", ".join(filter(None, [location.name, location.address.street, place.floor, place.room]))
    if place.hours is None:
        return [Fact("Waar", where), Fact("Wanneer", None)]
    return [Fact("Waar en wanneer", f"{where}. {rules_text(place.hours)}")]  # one row: the sheet fits on A4


def sheet_parts(data: Dataset, org: Organisation) -> list[Part]:
    """The organisation, then each service, in the order of the file."""
    return [organisation_part(data, org), *(service_part(data, service) for service in org.services)]
