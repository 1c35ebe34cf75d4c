"""Which pages the site has, and what each one shows. Renders nothing."""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..data.dataset import Dataset
from ..data.schema import WEEKDAYS, Organisation, Rule, Service, ServiceAtLocation
from ..when.agenda import HouseCalendar
from ..when.clock import build_date
from ..when.schedule import still_valid
from .describe import MONTHS
from .facets import FILTERS, organisation_facets, when_in_house
from .sheet import sheet_parts
from .worklist import active, form_path, stale_before, work_list


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, which template draws it, with what."""

    uri: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    source: str | None = None  # the YAML file behind the page, for the edit link
    search_type: str | None = None  # the 'Soort pagina' search filter; None: not indexed
    form: str | None = None  # the record's form in the form editor, relative to the site root

    @property
    def tab(self) -> str | None:
        """The URL of the navigation tab of a page in a folder ('organisaties/x.md' → 'organisaties/')."""
        folder = posixpath.dirname(self.uri)
        return f"{folder}/" if folder else None

    @property
    def root(self) -> str:
        """Relative path from this page's URL to the site root (directory URLs; a '.html' file
        such as a verification sheet is at its own path)."""
        depth = self.uri.count("/") + (1 if self.uri.endswith(".md") and not self.uri.endswith("index.md") else 0)
        return "../" * depth


class Later:
    """A context value computed only when the page is drawn (the build draws pages in parallel)."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        self.function, self.args = function, args

    def __call__(self) -> Any:
        return self.function(*self.args)


@dataclass(frozen=True)
class Slot:
    """A service in the house on a weekday, by one rule."""

    organisation: Organisation
    service: Service
    place: ServiceAtLocation
    rule: Rule


# The client's list of services ("Meegeven"): drawn in the browser, never indexed.
LIST_URI = "lijst.md"
SHEET_FOLDER = "controleblad"  # the verification sheets, one '<id>.html' each


def org_uri(org_id: str) -> str:
    return f"organisaties/{org_id}.md"


def sheet_uri(org_id: str) -> str:
    """A verification sheet is a file of its own, not a folder with an index.html (9,375 folders
    at 10,000 organisations cost the build more than writing the sheets)."""
    return f"{SHEET_FOLDER}/{org_id}.html"


def theme_uri(theme_id: str) -> str:
    return f"themas/{theme_id}.md"


def url(uri: str) -> str:
    """The directory URL of a page source: 'organisaties/x.md' → 'organisaties/x/'; a file
    that is no page source (a verification sheet, 'controleblad/x.html') is its own URL."""
    if not uri.endswith(".md"):
        return uri
    if uri == "index.md":
        return ""
    if uri.endswith("/index.md"):
        return uri[: -len("index.md")]
    return uri[: -len(".md")] + "/"


def sorted_orgs(orgs: Iterator[Organisation] | list[Organisation]) -> list[Organisation]:
    """Organisations in Dutch alphabetical order (case-insensitive), id as tie-break."""
    return sorted(orgs, key=lambda org: (org.name.casefold(), org.id))


def theme_members(orgs: list[Organisation], theme_id: str) -> list[tuple[Organisation, list]]:
    """(organisation, its services in the theme) for a theme page: active ones first, then the
    temporarily closed, the stopped last (a citizen should not pick a stopped one first)."""
    members = [(org, theme_services(org, theme_id)) for org in orgs if theme_id in org_themes(org)]
    order = {"active": 0, "temporarily_closed": 1, "ended": 2}
    return sorted(members, key=lambda member: order[member[0].status])


def theme_services(org: Organisation, theme_id: str) -> list:
    """An organisation's services in a theme: a service's own themes, or else its organisation's."""
    return [service for service in org.services if theme_id in (service.themes or org.themes)]


def org_themes(org: Organisation) -> list[str]:
    """The theme ids of an organisation and of all its services, without repeats."""
    themes = list(org.themes)
    for service in org.services:
        themes += [t for t in service.themes if t not in themes]
    return themes


def week_slots(data: Dataset, today: dt.date) -> dict[str, list[Slot]]:
    """Per weekday, the services in the house by their schedule rules, sorted by time."""
    week: dict[str, list[Slot]] = {day: [] for day in WEEKDAYS}
    for org in data.organisations.values():
        if org.status == "ended":
            continue
        for service, place in house_places(data, org):
            for rule in place.hours or []:
                if current_or_soon(rule, today):
                    for day in rule.days:
                        week[day].append(Slot(org, service, place, rule))
    for slots in week.values():
        slots.sort(key=lambda s: (min(t.opens for t in s.rule.times), s.organisation.name.casefold(), s.service.id))
    return week


def current_or_soon(rule: Rule, today: dt.date, soon: dt.timedelta = dt.timedelta(weeks=4)) -> bool:
    """A rule for the week overview: valid today, or starting within a few weeks."""
    started = rule.valid_from is None or rule.valid_from <= today + soon
    return started and still_valid(rule, today)


def house_places(data: Dataset, org: Organisation) -> Iterator[tuple[Service, ServiceAtLocation]]:
    """The (service, place) pairs of an organisation that are in the house building."""
    for service in org.services:
        for place in service.locations:
            if place.location == data.site.house_location:
                yield service, place


def unknown_in_house(data: Dataset) -> list[tuple[Organisation, Service]]:
    """Services in the house whose days are not known."""
    found = []
    for org in sorted_orgs(data.organisations.values()):
        if org.status != "ended":
            found += [(org, service) for service, place in house_places(data, org) if place.hours is None]
    return found


def plan_pages(data: Dataset) -> list[Page]:
    """Every generated page of the site, in a stable order."""
    today = build_date()
    orgs = sorted_orgs(data.organisations.values())
    house = data.organisations[data.site.house_organisation]
    common = {"data": data, "house": house, "today": today}
    calendar = HouseCalendar(data, today)  # shared by the pages that show the house's dates
    unknown = Later(functools.cache(lambda: unknown_in_house(data)))  # worked out once, by the first page drawn
    pages = [
        Page("index.md", "home.html.j2", data.site.name, {**common, "calendar": calendar, "unknown": unknown}),
        Page("organisaties/index.md", "organisations.html.j2", "Alle organisaties", {**common, "orgs": orgs}),
        Page("themas/index.md", "themes.html.j2", "Thema's", {**common}),
        *week_pages(common, calendar, unknown),
        Page("week/vaste-regels.md", "week_rules.html.j2", "Vaste zitdagen per weekdag",
             {**common, "week": Later(week_slots, data, today), "unknown": unknown}),
        Page("agenda.md", "agenda.html.j2", "Agenda",
             {**common, "calendar": calendar, "weeks": Later(calendar.agenda_weeks), "unknown": unknown}),
        Page("bronnen.md", "sources.html.j2", "Bronnen", {**common, "orgs": orgs}),
        Page("zoeken.md", "search.html.j2", "Zoeken", {**common, "filters": list(FILTERS.items())}),
        Page(LIST_URI, "list.html.j2", "Lijst voor deze cliënt", {**common}),
    ]
    for theme in data.themes.values():
        context = {**common, "theme": theme, "members": theme_members(orgs, theme.id)}
        pages.append(Page(theme_uri(theme.id), "theme.html.j2", theme.name, context))
    house_location = data.site.house_location
    for org in orgs:
        search = {"facets": organisation_facets(org, data.themes, data.locations, house_location),
                  "when": when_in_house(org, house_location)}
        pages.append(Page(org_uri(org.id), "organisation.html.j2", org.name,
                          {**common, "org": org, "search": search}, data.source_path(org), "Organisatie",
                          form_path("organisations", org.id)))
    if data.mentoring is not None:
        pages += mentoring_pages(data, common)
    pages.append(Page("werklijst.md", "worklist.html.j2", "Werklijst: wat ontbreekt nog?",
                      {**common, "work": Later(work_list, data, stale_before(today))}))
    return pages


def sheet_pages(data: Dataset) -> Iterator[Page]:
    """A verification sheet ("Klopt dit nog?") per organisation still on the map.

    Not MkDocs pages: a printed sheet needs none of the theme, and drawing
    Material around each one would double the cost of the organisation pages.
    The build writes them as standalone HTML files (generator/publish/verification_sheets.py).
    """
    today = build_date()
    house = data.organisations[data.site.house_organisation]
    for org in sorted_orgs(active(data)):
        context = {"data": data, "house": house, "today": today, "org": org, "parts": sheet_parts(data, org)}
        yield Page(sheet_uri(org.id), "verification_sheet.html.j2", f"Klopt dit nog? {org.name}",
                   context, data.source_path(org), None, form_path("organisations", org.id))


def week_uri(monday: dt.date, first: dt.date) -> str:
    """'week.md' for the week of the build date, 'week/2026-11-30.md' for the weeks after it."""
    return "week.md" if monday == first else f"week/{monday.isoformat()}.md"


def week_pages(common: dict[str, Any], calendar: HouseCalendar, unknown: Later) -> list[Page]:
    """One page per week the agenda covers, each date with who is in the house (or closed)."""
    links = [(monday, url(week_uri(monday, calendar.monday))) for monday in calendar.mondays]
    return [Page(week_uri(monday, calendar.monday), "week.html.j2", f"Week van {monday.day} {MONTHS[monday.month - 1]}",
                 {**common, "monday": monday, "sunday": monday + dt.timedelta(days=6),
                  "days": Later(calendar.week, monday), "weeks": links,
                  "unknown": unknown})
            for monday in calendar.mondays]


MENTORING_FOLDER = "voor-besturen/"  # every page of the mentoring section; absent without mentoring.yaml
WHOLE_GUIDE_URI = f"{MENTORING_FOLDER}hele-gids.md"


def mentoring_pages(data: Dataset, common: dict[str, Any]) -> list[Page]:
    """The 'Voor besturen' section: an overview and one page per building block."""
    mentoring = data.mentoring
    source = data.source_path(mentoring)
    context = {**common, "mentoring": mentoring}
    kind = "Voor besturen"
    pages = [Page(f"{MENTORING_FOLDER}index.md", "mentoring.html.j2", mentoring.title, context, source, kind)]
    for block in mentoring.building_blocks:
        pages.append(Page(f"{MENTORING_FOLDER}{block.id}.md", "building_block.html.j2", block.name,
                          {**context, "block": block}, source, kind))
    # The whole guide in one page, to print; not indexed: the block pages are, word for word.
    pages.append(Page(WHOLE_GUIDE_URI, "mentoring_whole.html.j2", f"{mentoring.title} (de hele gids)",
                      context, source))
    return pages
