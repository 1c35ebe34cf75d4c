"""Checks across records: ids match file names, references resolve, no duplicates.

These run on whatever could be read (``Records``), also when other files have
problems, so that an editor sees every problem in one run.
"""

from __future__ import annotations

from collections.abc import Iterator

from .errors import Problem
from .load import Document, Loc
from .records import Records
from .rules import duplicates, not_in_future, references, sources_not_in_future
from .schema import Exception_, Organisation, ThemeList


def cross_check(records: Records) -> list[Problem]:
    """Every problem that needs more than one record to see."""
    themes_file = records.singles.get("themes.yaml")
    themes = {theme.id for theme in themes_file.themes} if themes_file else None
    problems = list(_file_names(records))
    if themes_file:
        doc = records.single_docs["themes.yaml"]
        problems += duplicates(doc, [("themes", i, "id") for i in range(len(themes_file.themes))],
                                [theme.id for theme in themes_file.themes], "deze id")
        problems += _keywords(doc, themes_file)
    for org in records.organisations.values():
        problems += _organisation(org, records.document(org), records, themes)
    for location in records.locations.values():
        problems += not_in_future(records.document(location), location.assured_date)
        problems += sources_not_in_future(records.document(location), location.sources)
    if site := records.singles.get("site.yaml"):
        doc = records.single_docs["site.yaml"]
        problems += references(doc, [(("house_location",), site.house_location)],
                               records.location_ids, "onbekende locatie")
        problems += references(doc, [(("house_organisation",), site.house_organisation)],
                                records.organisation_ids, "onbekende organisatie")
    if closures := records.singles.get("closures.yaml"):
        problems += duplicates(records.single_docs["closures.yaml"],
                                [("days", i, "date") for i in range(len(closures.days))],
                                [day.date for day in closures.days], "deze datum")
    return problems


KEYWORD_LENGTH = 40


def _keywords(doc: Document, themes_file: ThemeList) -> Iterator[Problem]:
    """Search words of each theme: one word or a few each, none twice in one theme."""
    for i, theme in enumerate(themes_file.themes):
        locs = [("themes", i, "keywords", j) for j in range(len(theme.keywords))]
        yield from duplicates(doc, locs, [word.casefold() for word in theme.keywords], "dit zoekwoord")
        for loc, word in zip(locs, theme.keywords, strict=True):
            if "," in word or ";" in word:
                yield doc.problem(loc, f"'{word}' zijn meerdere zoekwoorden in één",
                                  "Zet elk zoekwoord apart in de lijst: [energie, verwarming].")
            elif len(word) > KEYWORD_LENGTH:
                yield doc.problem(loc, f"het zoekwoord is te lang ({len(word)} tekens, hoogstens {KEYWORD_LENGTH})",
                                  "Een zoekwoord is een woord of een paar woorden.")


def _file_names(records: Records) -> Iterator[Problem]:
    for stem, record in [*records.locations.items(), *records.organisations.items()]:
        if record.id != stem:
            yield records.document(record).problem(
                ("id",), f"de id '{record.id}' moet gelijk zijn aan de bestandsnaam ('{stem}')",
                f"Hernoem het bestand naar {record.id}.yaml of zet id: {stem}.",
            )


def _organisation(org: Organisation, doc: Document, records: Records, themes: set[str] | None) -> Iterator[Problem]:
    if themes is not None:
        refs = [(("themes", i), t) for i, t in enumerate(org.themes)]
        refs += [(("services", i, "themes", j), t)
                 for i, service in enumerate(org.services) for j, t in enumerate(service.themes)]
        yield from references(doc, refs, themes, "onbekend thema")
    if org.parent_organisation == org.id:
        yield doc.problem(("parent_organisation",), "een organisatie kan niet haar eigen moederorganisatie zijn")
    elif org.parent_organisation is not None:
        yield from references(doc, [(("parent_organisation",), org.parent_organisation)],
                               records.organisation_ids, "onbekende organisatie")
    yield from not_in_future(doc, org.assured_date)
    yield from sources_not_in_future(doc, org.sources)
    yield from duplicates(doc, [("services", i, "id") for i in range(len(org.services))],
                           [service.id for service in org.services], "deze dienst-id")
    for i, service in enumerate(org.services):
        base: Loc = ("services", i)
        yield from _exceptions(doc, base, service.exceptions)
        for j, place in enumerate(service.locations):
            yield from references(doc, [((*base, "locations", j, "location"), place.location)],
                                   records.location_ids, "onbekende locatie")
            yield from _exceptions(doc, (*base, "locations", j), place.exceptions)


def _exceptions(doc: Document, base: Loc, exceptions: list[Exception_]) -> Iterator[Problem]:
    locs = [(*base, "exceptions", i, "date") for i in range(len(exceptions))]
    yield from duplicates(doc, locs, [item.date for item in exceptions], "deze datum")


