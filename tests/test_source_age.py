"""Issue 20: a source's age is visible. A fact whose newest source is older than
`source_max_age_years` (3) is shown as "volgens een bron uit 2019; nog niet opnieuw bevestigd"
on every surface that states it; a fact confirmed last month is shown without it.

The demo is built once with the fixed build date 2026-11-23 (conftest's SOURCE_DATE_EPOCH).
Its juridisch-advies rests on a fictional page from 2019; ziekenfonds was confirmed on the
phone on 2026-10-08.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sitehtml import file_for, parse

from generator.data.schema import Source
from generator.when.source_age import source_age

OLD = "volgens een bron uit 2019; nog niet opnieuw bevestigd"
TODAY = dt.date(2026, 11, 23)


def source(**fields) -> Source:
    return Source.model_validate({"supports": "uren", **fields})


def test_an_old_source_is_named_with_its_year():
    age = source_age([source(url="https://example.org/a", date=2017),
                      source(url="https://example.org/b", date="unknown")], TODAY, 3)
    assert age.caveat == "volgens een bron uit 2017; nog niet opnieuw bevestigd"
    assert source_age([source(url="https://example.org/b", date="unknown")], TODAY, 3).caveat == (
        "volgens een bron zonder datum; nog niet opnieuw bevestigd")


def test_a_confirmation_last_month_makes_an_old_fact_current():
    age = source_age([source(url="https://example.org/a", date=dt.date(2017, 3, 1)),
                      source(confirmed_by="Huurdersbond Mechelen, telefonisch", date=dt.date(2026, 10, 20))],
                     TODAY, 3)
    assert age.caveat == "" and age.confirmed == dt.date(2026, 10, 20)


def test_the_age_limit_comes_from_site_yaml():
    three_years_ago = [source(url="https://example.org/a", read=dt.date(2023, 11, 22))]
    assert source_age(three_years_ago, TODAY, 3).caveat
    assert not source_age(three_years_ago, TODAY, 4).caveat
    assert not source_age([source(url="https://example.org/a", read=dt.date(2023, 11, 23))], TODAY, 3).caveat


@pytest.fixture(scope="module")
def page(demo_site: Path):
    return lambda url_path: parse(file_for(demo_site, url_path), demo_site)


def caveats(html, inside: str | None = None) -> list[str]:
    return [e.text for e in html.find("span", "sk-source-age", inside=inside)]


def test_organisation_page_and_handout(page):
    html = page("/organisaties/juridisch-advies/")
    assert html.one("p", "sk-source-age").text.startswith("Volgens een bron uit 2019; nog niet opnieuw bevestigd.")
    sheet = html.find("p", "sk-sheet-age", inside="sk-handout")
    assert [p.text for p in sheet] == ["Volgens een bron uit 2019; nog niet opnieuw bevestigd."]
    assert "(2019-03-14)" not in html.content and "14 maart 2019" in html.one("section", "sk-provenance").text
    confirmed = page("/organisaties/ziekenfonds/")
    assert not confirmed.find("p", "sk-source-age") and not confirmed.find("p", "sk-sheet-age")
    provenance = confirmed.one("section", "sk-provenance").text
    assert "bevestigd door Onthaal van De Zorgzame, telefonisch op 8 oktober 2026" in provenance
    assert "gelezen op 8 oktober 2026" in provenance


def test_week_and_agenda_pages(page):
    week = page("/week/2026-11-30/")
    line = next(e for e in week.find("li") if "Juridisch Spreekuur" in e.text)
    assert line.text.endswith(f"({OLD})")
    agenda = page("/agenda/")
    cells = [e.text for e in agenda.find("td") if "Juridisch Spreekuur" in e.text]
    assert cells and all(cell.endswith(f"({OLD})") for cell in cells)
    for html in (page("/week/"), agenda):
        lines = [e.text for e in html.find("li") + html.find("td") if "Ziekenfonds De Zorgzame" in e.text]
        assert lines and not any("volgens een bron" in text for text in lines)


def unfolded(demo_site: Path, name: str) -> str:
    return re.sub(r"\r\n ", "", (demo_site / "agenda" / name).read_bytes().decode())


def test_calendar_feed_description(demo_site):
    for name in ("juridisch-advies--juridisch-eerste-advies.ics", "huis.ics"):
        text = unfolded(demo_site, name)
        assert "DESCRIPTION:Avondspreekuur op de 1ste woensdag. Volgens een bron uit 2019\\; " \
               "nog niet opnieuw bevestigd\r\n" in text, name
    assert "bron uit" not in unfolded(demo_site, "ziekenfonds--ziekenfonds-zitdag.ics")


def test_the_real_map_shows_its_own_summaries_and_old_sources(real_site):
    """Issue 20, item 9: a description no source supports is marked as the editors' own; the real
    map's partners from the 2017 list are shown as such, not as current."""
    html = parse(file_for(real_site, "/organisaties/huurdersbond/"), real_site)
    assert "(Beschrijving door de redactie: geen bron beschrijft wat deze organisatie doet.)" in html.content
    assert html.one("p", "sk-source-age").text.startswith("Volgens een bron uit 2019; nog niet opnieuw bevestigd.")
    ritmica = parse(file_for(real_site, "/organisaties/rth-ritmica/"), real_site)
    assert "Beschrijving door de redactie" not in ritmica.content
    assert "autismespectrumstoornis" in ritmica.content


def test_the_home_link_to_the_house_promises_only_what_its_page_holds(page, real_site):
    """Issue 20, item 10: no "Openingsuren" where no opening hours of the house are known."""
    real = parse(file_for(real_site, "/"), real_site)
    assert "Bereikbaarheid en toegankelijkheid (openingsuren nog niet bevestigd)" in real.content
    assert "Openingsuren en meer" not in real.content
    assert "Openingsuren, bereikbaarheid en toegankelijkheid" in page("/").content  # the demo's are known
