"""The mentoring material "Voor besturen": map/mentoring.yaml.

The Sociaal Huis mentors other local governments (in the Flemish programme
De Wisselaar). This file holds that material as data: the organisation model,
its building blocks (each linked to the organisations in map/organisations
that carry it out), the results, the lessons of the exchange, and what De
Wisselaar is.

Most of this text retells what a house says about itself. ``attribution``
says so in plain words ("Volgens het Sociaal Huis zelf"), so that the site
never presents a claim of the source as its own. Every ``sources`` list in a
section or building block holds web addresses that are listed, with what they
support, in the top-level ``sources``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema, model_validator

from .rules import duplicates, not_in_future, references, sources_not_in_future
from .schema import Name, Record, Slug, Source, Text, Url, fail

if TYPE_CHECKING:
    from .errors import Problem
    from .load import Document

SUMMARY_MAX = 200


def _paragraphs(value: Any) -> Any:
    """One folded text is one paragraph; a list is a list of paragraphs."""
    return [value] if isinstance(value, str) else value


Paragraphs = Annotated[
    list[Text],
    BeforeValidator(_paragraphs),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}),
]


def _one_sentence(value: str) -> str:
    if "\n" in value or len(value) > SUMMARY_MAX:
        raise fail(
            f"de samenvatting is te lang ({len(value)} tekens); schrijf één korte zin "
            f"van hoogstens {SUMMARY_MAX} tekens en zet de rest onder text"
        )
    return value


Summary = Annotated[Text, AfterValidator(_one_sentence), WithJsonSchema({"type": "string", "maxLength": SUMMARY_MAX})]


class Section(Record):
    """A titled part of the page: paragraphs and/or a list of points.

    ``attribution`` tells the reader whose account this is, e.g.
    "Volgens het Sociaal Huis Mechelen zelf."
    """

    title: Text
    text: Paragraphs = []
    items: list[Text] = []
    attribution: Text | None = None
    sources: list[Url] = []

    @model_validator(mode="after")
    def _not_empty(self) -> Section:
        if not self.text and not self.items:
            raise fail("geef text (alinea's), items (een lijst punten) of allebei")
        return self


class BuildingBlock(Record):
    """One building block of the organisation model, e.g. the ID-team.

    ``organisations`` are the ids of files in map/organisations/ that carry
    the block out; the site links to them.
    """

    id: Slug
    name: Name
    summary: Summary
    text: Paragraphs = Field(min_length=1)
    why: Text | None = None
    organisations: list[Slug] = []
    attribution: Text | None = None
    sources: list[Url] = []


class Mentoring(Record):
    """The mentoring material for other local governments: map/mentoring.yaml."""

    title: Text
    intro: Paragraphs = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    assured_date: dt.date
    model: Section
    building_blocks: list[BuildingBlock] = Field(min_length=1)
    why: Section
    intended_result: Section | None = None
    challenges: Section | None = None
    success_factors: Section | None = None
    tips: Section | None = None
    wisselaar: Section | None = None


SECTIONS = ("model", "why", "intended_result", "challenges", "success_factors", "tips", "wisselaar")


def check_references(mentoring: Mentoring, doc: Document, organisation_ids: set[str]) -> list[Problem]:
    """Problems in mentoring.yaml that need other data to see.

    Unknown organisation ids in building blocks, duplicate building-block ids,
    source addresses that are not listed under the top-level ``sources``, and
    an assured_date in the future.
    """
    blocks = mentoring.building_blocks
    problems = list(references(
        doc,
        [(("building_blocks", i, "organisations", j), org)
         for i, block in enumerate(blocks) for j, org in enumerate(block.organisations)],
        organisation_ids,
        "onbekende organisatie",
    ))
    problems += duplicates(doc, [("building_blocks", i, "id") for i in range(len(blocks))],
                            [block.id for block in blocks], "deze id")
    listed = {source.url for source in mentoring.sources}
    refs = [(("building_blocks", i, "sources", j), url)
            for i, block in enumerate(blocks) for j, url in enumerate(block.sources)]
    for name in SECTIONS:
        section = getattr(mentoring, name)
        if section is not None:
            refs += [((name, "sources", j), url) for j, url in enumerate(section.sources)]
    for loc, url in refs:
        if url not in listed:
            problems.append(doc.problem(
                loc, f"de bron '{url}' staat niet in de lijst sources bovenaan",
                "Zet ze daar eerst, met supports: (waarvoor de bron dient).",
            ))
    problems += not_in_future(doc, mentoring.assured_date)
    problems += sources_not_in_future(doc, mentoring.sources)
    return problems
