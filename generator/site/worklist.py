"""What editors still have to find out: unknown facts, old sources and overdue checks, the most useful first.

One reading of "unknown" for the work list page, the verification sheets, the
completeness figures and `sociale-kaart werklijst`: a fact is on the list when
the site shows it as "nog niet bevestigd" or "niet vermeld", and a record when
the site shows its facts as "volgens een bron uit …; nog niet opnieuw
bevestigd". A record counts as checked only when a person confirmed it (a
``confirmed_by`` source) within the source age of site.yaml; its assured_date
(when the editors last went over it) is not a check. Never imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from ..data.dataset import Dataset
from ..data.schema import Location, Organisation, Service, Site
from ..when.clock import build_date
from ..when.freshness import DEFAULT_AGE, age_text, cutoff, log_stale
from ..when.source_age import record_age
from .describe import ACCESSIBILITY_PARTS, UNKNOWN

# How useful a fact is at the desk: the days of a service in the house first, then
# whether an appointment is needed, then an overdue check, then everything else.
HOUSE_DAYS, ACCESS, OVERDUE, REST = range(4)
PARTS = {"wheelchair": "rolstoel", "entrance": "ingang zonder trappen", "lift": "lift", "toilet": "aangepast toilet",
         "parking": "parking", "hearing_loop": "ringleiding"}
assert PARTS.keys() == ACCESSIBILITY_PARTS.keys()


@dataclass(frozen=True)
class Gap:
    """One fact to find out or confirm, and where it belongs in the record's file."""

    rank: int
    what: str  # 'dagen en uren in het huis nog niet bevestigd'
    subject: str  # the service it is about; '' for the record itself
    loc: tuple = ()
    short: str = ""  # 'talen': for a summary of the less useful gaps

    @property
    def text(self) -> str:
        """'Talen: nog niet bevestigd' (only the first letter raised: names keep their capitals)."""
        return self.what[:1].upper() + self.what[1:]


@dataclass(frozen=True)
class Work:
    """A record with its gaps, most useful first, and where an editor fills them."""

    record: Organisation | Location
    collection: str  # the form editor's collection: 'organisations' or 'locations'
    path: str  # 'map/organisations/x.yaml'
    gaps: tuple[Gap, ...]

    @property
    def form(self) -> str:
        return form_path(self.collection, self.record.id)


    @property
    def order(self) -> tuple:
        """Most useful first: best rank, then most gaps of that rank, then name."""
        best = self.gaps[0].rank
        return best, -sum(gap.rank == best for gap in self.gaps), self.record.name.casefold(), self.record.id


@dataclass(frozen=True)
class Contact:
    """Whom to ask about a record's gaps: a phone number and e-mail address on file, or the desk."""

    phone: str | None = None
    phone_note: str = ""  # 'Algemeen nummer', or the service the number belongs to
    email: str | None = None

    @property
    def text(self) -> str:
        """'015 12 34 56 (Algemeen nummer), info@example.org' or 'via het onthaal (…)'."""
        parts = [f"{self.phone} ({self.phone_note})" if self.phone and self.phone_note else self.phone,
                 self.email]
        known = ", ".join(part for part in parts if part)
        return known or "via het onthaal (geen telefoonnummer of e-mailadres bekend)"


def contact(data: Dataset, record: Organisation | Location) -> Contact:
    """An organisation: its own first phone number, else a service's, and its e-mail address.
    A building: the first organisation with a service there and a number or address on file."""
    if isinstance(record, Organisation):
        return organisation_contact(record)
    tenants = [org for org in active(data) if any(place.location == record.id
                                                  for service in org.services for place in service.locations)]
    known = [(org, found) for org in tenants if (found := organisation_contact(org)).text != Contact().text]
    if not known:
        return Contact()
    org, found = known[0]
    return Contact(found.phone, org.name if found.phone else "", found.email)


def organisation_contact(org: Organisation) -> Contact:
    phones = [(phone, phone.description or "") for phone in org.phones]
    phones += [(phone, service.name) for service in org.services for phone in service.phones]
    phone, note = phones[0] if phones else (None, "")
    return Contact(phone.number if phone else None, note, org.email)


def form_path(collection: str, record_id: str) -> str:
    """A record's form in the form editor (/admin/, a git-based CMS), relative to the site root."""
    return f"admin/#/collections/{collection}/entries/{record_id}"


def stale_before(today: dt.date | None = None) -> dt.date:
    """Records checked before this date are overdue (the same threshold as `sociale-kaart stale`)."""
    return cutoff(DEFAULT_AGE, today or build_date())


def service_gaps(data: Dataset, service: Service, loc: tuple) -> Iterator[Gap]:
    """The unknown facts of one service, in the order of their rank."""
    name = service.name
    unknown_hours = [(index, place) for index, place in enumerate(service.locations) if place.hours is None]
    for index, place in unknown_hours:
        if place.location == data.site.house_location:
            yield Gap(HOUSE_DAYS, "dagen en uren in het huis: nog niet bevestigd", name,
                      (*loc, "locations", index, "hours"), "dagen in het huis")
    if service.access == "unknown":
        yield Gap(ACCESS, "afspraak nodig of niet: nog niet bevestigd", name, (*loc, "access"), "afspraak")
    for index, place in unknown_hours:
        if place.location != data.site.house_location:
            where = data.locations[place.location].name
            yield Gap(REST, f"dagen en uren in {where}: nog niet bevestigd", name,
                      (*loc, "locations", index, "hours"), f"dagen in {where}")
    yield from rest_of_service(service, loc)


def rest_of_service(service: Service, loc: tuple) -> Iterator[Gap]:
    """The facts the service's section shows as not confirmed or not mentioned."""
    checks = [
        (not service.locations and service.hours is None, "waar en wanneer", "nog niet bevestigd", "locations"),
        (service.languages is None, "talen", "nog niet bevestigd", "languages"),
        (service.cost is None, "kostprijs", "nog niet bevestigd", "cost"),
        (service.audience is None, "voor wie", "niet vermeld", "audience"),
        (not service.required_documents, "wat neemt u mee", "niet vermeld", "required_documents"),
    ]
    for missing, short, state, key in checks:
        if missing:
            yield Gap(REST, f"{short}: {state}", service.name, (*loc, key), short)


# The words of a printed sheet's one line "Nog niet bevestigd: …", in this order.
SHEET_WORDS = {"waar en wanneer": "adres en uren", "afspraak": "afspraak", "kostprijs": "kostprijs", "talen": "talen"}
SHEET_ORDER = ("adres en uren", "uren", "afspraak", "kostprijs", "talen", "toegankelijkheid")


def unknown_on_sheet(data: Dataset, service: Service) -> list[str]:
    """What a printed sheet sums up in one calm line instead of saying it fact by fact: the
    service's gaps that are not confirmed (not what is merely not mentioned), the days of any
    place as one word, and the accessibility of its buildings."""
    words = {"uren" if gap.short.startswith("dagen") else SHEET_WORDS.get(gap.short, gap.short)
             for gap in service_gaps(data, service, ()) if gap.what.endswith(UNKNOWN)}
    levels = (data.locations[place.location].accessibility for place in service.locations)
    if any(getattr(level, part) == "unknown" for level in levels for part in PARTS):
        words.add("toegankelijkheid")
    return sorted(words, key=lambda word: SHEET_ORDER.index(word) if word in SHEET_ORDER else len(SHEET_ORDER))


def organisation_gaps(data: Dataset, org: Organisation, before: dt.date) -> list[Gap]:
    """Every gap of an organisation, most useful first."""
    gaps = [gap for index, service in enumerate(org.services)
            for gap in service_gaps(data, service, ("services", index))]
    gaps += unconfirmed(data, org)
    if org.assured_date < before:
        gaps.append(overdue(org.assured_date))
    if not org.phones and not any(service.phones for service in org.services):
        gaps.append(Gap(REST, "telefoonnummer: niet vermeld", "", ("phones",), "telefoonnummer"))
    return sorted(gaps, key=lambda gap: gap.rank)


def overdue(assured: dt.date) -> Gap:
    return Gap(OVERDUE, f"nakijken te laat: laatst nagekeken op {assured.isoformat()}, "
                        f"langer dan {age_text(DEFAULT_AGE)} geleden", "", ("assured_date",), "nakijken")


def unconfirmed(data: Dataset, record: Organisation | Location) -> list[Gap]:
    """A record whose newest source is too old: ask the organisation and note its answer as a source."""
    age = record_age(data, record)
    if age.current:
        return []
    return [Gap(OVERDUE, f"{age.caveat}: vraag het na en noteer het antwoord als bron (confirmed_by)", "",
                ("sources",), "bevestiging")]


def location_gaps(data: Dataset, location: Location, before: dt.date) -> list[Gap]:
    """Unknown parts of a building's accessibility, its transport, an old source, an overdue check."""
    gaps = unconfirmed(data, location)
    gaps += [overdue(location.assured_date)] if location.assured_date < before else []
    unknown = [label for part, label in PARTS.items() if getattr(location.accessibility, part) == "unknown"]
    if unknown:
        gaps.append(Gap(REST, f"toegankelijkheid: nog niet bevestigd voor {', '.join(unknown)}", "",
                        ("accessibility",), "toegankelijkheid"))
    if location.transportation is None:
        gaps.append(Gap(REST, "bereikbaarheid (bus, tram, trein): niet vermeld", "", ("transportation",),
                        "bereikbaarheid"))
    return gaps


def work_list(data: Dataset, before: dt.date | None = None) -> list[Work]:
    """Every record with something to find out, the most useful first."""
    before = before or stale_before()
    found = [Work(org, "organisations", data.source_path(org), tuple(gaps))
             for org in active(data) if (gaps := organisation_gaps(data, org, before))]
    found += [Work(loc, "locations", data.source_path(loc), tuple(gaps))
              for loc in data.locations.values() if (gaps := location_gaps(data, loc, before))]
    return sorted(found, key=lambda work: work.order)


def active(data: Dataset) -> list[Organisation]:
    """The organisations still on the map: an ended one has nothing left to check."""
    return [org for org in data.organisations.values() if org.status != "ended"]


def line_of(data: Dataset, work: Work, gap: Gap) -> int:
    """The line of a gap in its file (reads the file's lines on first use)."""
    return data.document(work.record).line_of(gap.loc)


def github_file(site: Site, path: str, line: int | None = None) -> str | None:
    """The file on GitHub, at a line; None without a repository in site.yaml."""
    if not site.repository:
        return None
    return f"{site.repository}/blob/{site.edit_branch}/{path}" + (f"#L{line}" if line else "")


# --- completeness figures -----------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """'dagen bekend voor 0 van 19 spreekuren in het huis'."""

    known: int
    total: int
    what: str  # 'dagen bekend voor'
    of: str  # 'spreekuren in het huis'

    def __str__(self) -> str:
        return f"{self.what} {self.known} van {self.total} {self.of}"

    @property
    def sentence(self) -> str:
        text = str(self)
        return f"{text[0].upper()}{text[1:]}."


def completeness(data: Dataset) -> list[Figure]:
    """How much of what citizens ask is known, and how much a person confirmed lately, in plain Dutch.

    The last two figures can be checked in map/: count the organisations with a ``confirmed_by``
    source of the last ``source_max_age_years``, and those whose newest source is older (or undated).
    """
    orgs = active(data)
    services = [service for org in orgs for service in org.services]
    in_house = [place for service in services for place in service.locations
                if place.location == data.site.house_location]
    house = data.locations[data.site.house_location].accessibility
    ages = [record_age(data, org) for org in orgs]
    years = f"{data.site.source_max_age_years} jaar"
    return [
        Figure(sum(place.hours is not None for place in in_house), len(in_house),
               "dagen bekend voor", "spreekuren in het huis"),
        Figure(sum(s.access != "unknown" for s in services), len(services),
               "afspraak nodig of niet: bekend voor", "diensten"),
        Figure(sum(s.languages is not None for s in services), len(services), "talen bekend voor", "diensten"),
        Figure(sum(s.cost is not None for s in services), len(services), "kostprijs bekend voor", "diensten"),
        Figure(sum(getattr(house, part) != "unknown" for part in PARTS), len(PARTS),
               "toegankelijkheid van het huis: bekend voor", "onderdelen"),
        Figure(sum(age.confirmed is not None for age in ages), len(orgs),
               f"door een persoon bevestigd in de laatste {years}:", "organisaties"),
        Figure(sum(not age.current for age in ages), len(orgs),
               f"alleen volgens openbare bronnen van meer dan {years} oud of zonder datum:", "organisaties"),
    ]


def log_completeness(data: Dataset, log: logging.Logger) -> None:
    """One INFO line in the build log (info, not a warning: gaps must not stop a --strict build)."""
    log.info("Volledigheid: %s", "; ".join(str(figure) for figure in completeness(data)))


def figures_placeholder(data: Dataset) -> dict[str, str]:
    """'{{ volledigheid }}' in a hand-written page (docs/over-deze-kaart.md) → the figures as a
    Markdown list; filled in by the build like the other placeholders (generator/resources.py)."""
    return {"{{ volledigheid }}": "\n".join(f"- {figure.sentence}" for figure in completeness(data))}


def report_to_editors(data: Dataset, log: logging.Logger) -> dict[str, str]:
    """What a build tells editors: stale records and the figures in its log, and the figures'
    placeholder for the hand-written pages."""
    log_stale(data, log)
    log_completeness(data, log)
    return figures_placeholder(data)
