"""The facts of a verification sheet ("Klopt dit nog?"): what the map says about an organisation.

A fact with value None is not known: the sheet prints an empty line for it, for
the partner to fill in. The wording is the site's own (describe.py), so the
partner checks what citizens read.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.dataset import Dataset
from ..data.languages import LANGUAGES
from ..data.schema import Location, Organisation, Rule, Service, ServiceAtLocation
from . import describe


@dataclass(frozen=True)
class Fact:
    label: str
    value: str | None  # None: not known yet


@dataclass(frozen=True)
class Part:
    """One block of the sheet: the organisation itself, one of its services, or a building."""

    title: str
    facts: list[Fact]
    heading: str = ""  # 'Organisatie', 'Dienst: …', 'Gebouw: …'


def rules_text(rules: list[Rule] | None) -> str | None:
    """The rules as the site says them, each with its label ('Zitdag pensioenen: Elke dinsdag: …')."""
    if rules is None:
        return None
    return "; ".join(f"{rule.label}: {describe.rule_text(rule)}" if rule.label else describe.rule_text(rule)
                     for rule in rules)


def source_text(source) -> str:
    """Where a source is (its web address, the file an import read, or who confirmed it) and how
    old it says it is; web addresses without https:// (the sheet is one A4)."""
    where = (source.url or "").replace("https://", "", 1) or (f"bestand {source.file}" if source.file else "") or (
        f"bevestigd door {source.confirmed_by}" if source.confirmed_by else "")
    return ", ".join(filter(None, [where, describe.source_date_text(source, short=True)]))


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
    return Part(org.name, facts, "Organisatie")


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
    return Part(service.name, facts, f"Dienst: {service.name}")


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
    note = f" Opmerking: {place.note}" if place.note else ""  # in the same row: the sheet fits on A4
    if place.hours is None:
        return [Fact("Waar", f"{where}.{note}" if note else where), Fact("Wanneer", None)]
    return [Fact("Waar en wanneer", f"{where}. {rules_text(place.hours)}.{note}")]


def accessibility_text(location: Location) -> str | None:
    """'Rolstoeltoegankelijk: ja; Lift: nee. Nog niet bevestigd: Aangepast toilet, …' (None: nothing known)."""
    levels = {label: getattr(location.accessibility, part) for part, label in describe.ACCESSIBILITY_PARTS.items()}
    known = "; ".join(f"{label}: {describe.LEVELS[level]}" for label, level in levels.items() if level != "unknown")
    unknown = ", ".join(label for label, level in levels.items() if level == "unknown")
    text = ". ".join(filter(None, [known, f"Nog niet bevestigd: {unknown}" if known and unknown else "",
                                   location.accessibility.description]))
    return text or None


def building_facts(data: Dataset, org: Organisation) -> list[Fact]:
    """The accessibility of each building where the organisation's services are, one row each."""
    ids = dict.fromkeys(place.location for service in org.services for place in service.locations)
    return [Fact(f"Toegankelijkheid {data.locations[location].name}", accessibility_text(data.locations[location]))
            for location in ids if location in data.locations]


def sheet_parts(data: Dataset, org: Organisation) -> list[Part]:
    """The organisation and its buildings, then each service in the order of the file."""
    first = organisation_part(data, org)
    first = Part(first.title, first.facts + building_facts(data, org), first.heading)
    return [first, *(service_part(data, service) for service in org.services)]
