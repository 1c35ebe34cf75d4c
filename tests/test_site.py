"""End-to-end checks of the built demo site (demo/map → HTML), page kind by page kind.

One demo build per session (the `demo_site` fixture, build date 2026-11-23).
Expectations come from the demo YAML read directly, not from the generator.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from conftest import ROOT
from sitehtml import ParsedPage, file_for, parse

from generator.data.languages import LANGUAGES

DEMO_MAP = ROOT / "demo" / "map"
REPOSITORY = "https://github.com/sociale-kaart/sociale-kaart"
SITE_NAME = "Sociale kaart Verzinnegem (fictief voorbeeld)"
SITE_URL = urlsplit("http://127.0.0.1:8000/")  # demo/mkdocs.yml site_url (tests set the port)
HOUSE_PHONE = "099 00 00 01"
SAMEN_STERK_ESCAPED = "Vzw &lt;Samen&gt; &amp; *Sterk* _Verzinnegem_"
SAMEN_STERK_TEXT = "Vzw <Samen> & *Sterk* _Verzinnegem_"
HELP = "vraag het aan het onthaal van Sociaal Huis Verzinnegem"


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


ORGS = {p.stem: _load(p) for p in sorted((DEMO_MAP / "organisations").glob("*.yaml"))}
THEMES = {t["id"]: t for t in _load(DEMO_MAP / "themes.yaml")["themes"]}
MENTORING = _load(DEMO_MAP / "mentoring.yaml")


@pytest.fixture(scope="session")
def page(demo_site: Path):
    """page('/organisaties/x/') → the parsed HTML of that page (cached)."""

    @functools.cache
    def get(url_path: str) -> ParsedPage:
        path = file_for(demo_site, url_path)
        assert path.is_file(), f"{url_path}: no {path}"
        return parse(path, demo_site)

    return get


@pytest.fixture(scope="session")
def all_pages(demo_site: Path) -> list[ParsedPage]:
    return [parse(p, demo_site) for p in sorted(demo_site.rglob("*.html"))]


def raw(demo_site: Path, url_path: str) -> str:
    return file_for(demo_site, url_path).read_text(encoding="utf-8")


def org_themes(org: dict) -> set[str]:
    themes = set(org["themes"])
    for service in org.get("services", []):
        themes |= set(service.get("themes", []))
    return themes


# --- home -------------------------------------------------------------------------------------


def test_home(page):
    home = page("/")
    assert home.title == f"Sociaal Huis Verzinnegem - {SITE_NAME}"
    assert home.h1 == "Sociaal Huis Verzinnegem"
    assert "Dit is een verzonnen voorbeeld." in home.content
    assert "Kom langs: Sociaal Huis Verzinnegem, Kerkstraat 1, 9999 Verzinnegem." in home.content
    tel = home.find("a", href="tel:099000001", inside="sk-home")
    assert [a.text for a in tel] == [HOUSE_PHONE]
    assert home.link_to("/week/"), "no link to the week overview"
    assert home.link_to("/organisaties/"), "no link to all organisations"
    assert home.link_to("/organisaties/sociaal-huis/"), "no link to the house's opening hours"


def test_home_theme_tiles_link_every_theme(page, demo_site):
    home = page("/")
    tiles = home.find("a", inside="sk-tiles")
    assert [a.attrs["href"] for a in tiles] == [f"themas/{tid}/" for tid in THEMES]
    for tid, theme in THEMES.items():
        (tile,) = home.link_to(f"/themas/{tid}/")
        assert tile.text == f"{theme['name']} {theme['description']}"
    built = {p.parent.name for p in (demo_site / "themas").glob("*/index.html")}
    assert built == set(THEMES)


# --- organisation pages ---------------------------------------------------------------------


@pytest.mark.parametrize("org_id", sorted(ORGS))
def test_every_organisation_page(page, org_id):
    org = ORGS[org_id]
    html = page(f"/organisaties/{org_id}/")
    assert html.h1 == org["name"]
    assert html.title == f"{org['name']} - {SITE_NAME}"
    for service in org["services"]:
        section = html.one("section", "sk-service", id=service["id"])
        assert service["name"] in section.text
        assert "Afspraak nodig?" in section.text
    for source in org["sources"]:
        if "confirmed_by" in source:  # a confirmation names who gave it, and when
            provenance = html.one("section", "sk-provenance").text
            assert f"{source['supports']}: bevestigd door {source['confirmed_by']} op " in provenance
            continue
        links = html.find("a", href=source["url"], rel="noopener", inside="sk-provenance")
        assert [a.text for a in links] == [source["supports"]], source
    assert "Laatst nagekeken door de redactie op " in html.one("p", "sk-assured").text
    assert (ROOT / "demo" / "map" / "organisations" / f"{org_id}.yaml").is_file()
    assert html.one("p", "sk-correction").text.startswith("Klopt er iets niet? Mail het naar de redactie")
    assert not html.find("a", href=f"{REPOSITORY}/edit/main/demo/map/organisations/{org_id}.yaml")
    assert not html.find("a", rel="edit"), "citizens see no pencil (it led to a sign-in)"
    if org.get("email"):
        assert html.find("a", href=f"mailto:{org['email']}")
    for phone in org.get("phones", []):
        digits = "".join(c for c in phone["number"] if c.isdigit() or c == "+")
        assert [a.text for a in html.find("a", href=f"tel:{digits}", inside="sk-contact")] == [phone["number"]]
    for theme_id in org["themes"]:
        assert html.link_to(f"/themas/{theme_id}/")


def test_organisation_page_sociaal_huis(page):
    html = page("/organisaties/sociaal-huis/")
    onthaal = html.one("section", "sk-service", id="onthaal").text
    assert "Afspraak nodig? Binnenlopen zonder afspraak" in onthaal
    assert "Talen Nederlands, Frans en Engels" in onthaal
    assert "Elke maandag, dinsdag, woensdag en vrijdag: 09:00–12:00 en 13:30–16:00" in onthaal
    assert "Elke donderdag: 09:00–12:00 en 13:30–19:00 (Op donderdag open tot 19 uur)" in onthaal
    # A closed exception after the build date (2026-11-23) is shown with its note.
    assert "Gesloten op vrijdag 27 november 2026 (Personeelsdag, het onthaal is de hele dag dicht)" in onthaal
    assert "Andere uren op woensdag 23 december 2026: 09:00–12:00 (Alleen in de voormiddag open)" in onthaal
    telefoon = html.one("section", "sk-service", id="telefoon").text
    assert "Afspraak nodig? Alleen telefonisch" in telefoon
    assert "Elke vrijdag: 08:30–12:30 (Op vrijdag alleen in de voormiddag)" in telefoon
    assert html.find("a", href="mailto:sociaalhuis@example.org")
    assert "Telefoonnummer en telefoonuren (1 september 2026)" in html.one("section", "sk-provenance").text
    assert "Laatst nagekeken door de redactie op 12 oktober 2026." in html.content


def test_languages_have_dutch_names(page):
    assert "Talen Nederlands, Arabisch, Oekraïens en Perzisch (Farsi)" in page("/organisaties/samen-sterk/").content
    assert "Talen Nederlands, Frans en Vlaamse Gebarentaal" in page("/organisaties/op-maat/").content
    assert "Talen Nederlands, Frans en Duits" in page("/organisaties/pensioenpunt/").content
    dutch_names = set(LANGUAGES.values())
    for org_id in ORGS:
        html = page(f"/organisaties/{org_id}/")
        for dt in html.find("dt", inside="sk-facts"):
            if dt.text != "Talen":
                continue
            dd = html.elements[html.elements.index(dt) + 1]
            assert dd.tag == "dd"
            if dd.text != "Nog niet bevestigd.":
                assert set(re.split(r", | en ", dd.text)) <= dutch_names, (org_id, dd.text)


def test_status_alert_temporarily_closed(page):
    html = page("/organisaties/op-maat/")
    alert = html.one("div", "sk-alert")
    assert "warning" in alert.classes
    assert alert.text.startswith("Tijdelijk gesloten Het spreekuur in De Linde is dicht tot en met 31 januari 2027")
    assert "Talen" in html.content and "Alleen op afspraak" in html.content


def test_status_ended(page):
    html = page("/organisaties/kledingwinkel/")
    alert = html.one("div", "sk-alert").text
    assert alert.startswith("Gestopt Kledingwinkel Het Oude Kastje is gestopt op 30 juni 2026.")
    # Its hours ended on 30 June 2026: an ended rule is not shown (build date 23 November 2026).
    assert "13:30–16:30" not in html.content
    assert "Er zijn geen huidige dagen en uren." in html.content
    assert "Kledingwinkel Het Oude Kastje (Gestopt)" in page("/organisaties/").content
    assert "sk-alert" not in raw_classes(page("/organisaties/sociaal-huis/"))


def raw_classes(html: ParsedPage) -> set[str]:
    return {c for e in html.elements for c in e.classes}


def test_unknown_hours_at_a_location(page):
    """sociaal-verhuurkantoor/svk-inschrijving: hours unknown, access and languages unknown."""
    html = page("/organisaties/sociaal-verhuurkantoor/")
    service = html.one("section", "sk-service", id="svk-inschrijving")
    assert "Dagen en uren: nog niet bevestigd." in service.text
    assert f"Bel {HOUSE_PHONE} of {HELP}." in service.text
    assert "Afspraak nodig? Nog niet bevestigd of u een afspraak nodig hebt." in service.text
    assert "Talen Nog niet bevestigd." in service.text
    assert "sk-hours" not in raw_classes(html), "a service with unknown hours must never look open"
    unknown = html.one("p", "sk-unknown")
    assert unknown.text == f"Dagen en uren: nog niet bevestigd. Bel {HOUSE_PHONE} of {HELP}."
    assert html.find("a", href="tel:099000001")


def test_unknown_service_level_hours(page):
    """steunpunt-zelfstandigen/hulplijn-zelfstandigen: no location, hours unknown."""
    html = page("/organisaties/steunpunt-zelfstandigen/")
    service = html.one("section", "sk-service", id="hulplijn-zelfstandigen")
    assert "Waar en wanneer: nog niet bevestigd." in service.text
    assert f"Bel {HOUSE_PHONE} of {HELP}." in service.text
    assert "Telefoon 099 00 00 14 (Hulplijn)" in service.text
    assert "Wanneer:" not in service.text
    assert "Wanneer de hulplijn bereikbaar is, staat niet op de website" in html.one("p", "sk-data-note").text


def test_free_phone_wording_only_for_free_numbers(all_pages):
    """The demo house number is an ordinary one (its service says so): never 'Bel gratis'."""
    assert "U betaalt een gewoon gesprek." in ORGS["sociaal-huis"]["services"][1]["description"]
    for html in all_pages:
        assert f"gratis {HOUSE_PHONE}" not in html.content, html.url


def test_monthly_rule_and_exceptions_after_build_date(page):
    html = page("/organisaties/pensioenpunt/")
    service = html.one("section", "sk-service", id="pensioen-zitdag").text
    assert "De 2de woensdag van de maand: 09:00–12:00" in service
    assert "Andere uren op woensdag 13 januari 2027: 13:30–16:30 (Uitzonderlijk in de namiddag)" in service
    # 11 November 2026 is before the build date: no longer shown.
    assert "11 november 2026" not in service
    assert "Waar: Sociaal Huis Verzinnegem, Kerkstraat 1, 9999 Verzinnegem, 1ste verdieping, Bureau 1.10" in service


def test_closed_exception_text_before_the_day(monkeypatch):
    """Built before 11 November 2026, the pensioenpunt page says the zitdag is cancelled."""
    from generator.data.dataset import load_dataset
    from generator.site.pages import plan_pages
    from generator.site.render import render_all

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1793491200")  # 2026-11-01 00:00 UTC
    pages = plan_pages(load_dataset(DEMO_MAP))
    text = render_all(ROOT / "site_templates", pages)["organisaties/pensioenpunt.md"]
    assert "<li>Gesloten op woensdag 11 november 2026 (Geen zitdag op 11 november)</li>" in text


def test_every_other_week_rule(page):
    html = page("/organisaties/huis-van-het-kind/")
    service = html.one("section", "sk-service", id="consultatie-baby").text
    assert "Om de twee weken op dinsdag (vanaf 1 september 2026): 13:30–16:30" in service
    assert "Gesloten op dinsdag 22 december 2026 (Geen consultatie op 22 december)" in service


# --- themes, organisations index -------------------------------------------------------------


@pytest.mark.parametrize("theme_id", sorted(THEMES))
def test_theme_page_lists_its_organisations(page, theme_id):
    html = page(f"/themas/{theme_id}/")
    assert html.h1 == THEMES[theme_id]["name"]
    assert html.title == f"{THEMES[theme_id]['name']} - {SITE_NAME}"
    cards = html.find("li", "sk-card")
    linked = {t.split("/")[2] for t in html.link_targets() if re.fullmatch(r"/organisaties/[^/]+/", t)}
    expected = {oid for oid, org in ORGS.items() if theme_id in org_themes(org)}
    assert linked == expected
    assert len(cards) == len(expected)
    if not expected:
        assert "Er staan nog geen organisaties bij dit thema." in html.content
    assert html.link_to("/themas/")


def test_theme_wonen(page):
    html = page("/themas/wonen/")
    names = [li.text.split(" Verzinnegem is een verzonnen gemeente")[0] for li in html.find("li", "sk-card")]
    # Leefloon is on the theme through a service (energiehulp), not the organisation.
    assert names == ["Sociaal Verhuurkantoor Verzinnegem", "Team Leefloon en Financiële Hulp", "Woonloket Verzinnegem"]


def test_organisations_index(page):
    html = page("/organisaties/")
    assert html.h1 == "Alle organisaties"
    assert f"{len(ORGS)} organisaties en teams, van A tot Z." in html.content
    links = [a for a in html.find("a") if re.fullmatch(r"\.\./organisaties/[^/]+/", a.attrs.get("href", ""))]
    assert [a.attrs["href"].split("/")[2] for a in links] == sorted(
        ORGS, key=lambda oid: (ORGS[oid]["name"].casefold(), oid))
    assert [a.text for a in links] == [ORGS[a.attrs["href"].split("/")[2]]["name"] for a in links]
    assert "Vzw Op Maat (Tijdelijk gesloten)" in html.content


def test_themes_index(page):
    html = page("/themas/")
    assert {t for t in html.link_targets() if t.startswith("/themas/") and t != "/themas/"} == {
        f"/themas/{tid}/" for tid in THEMES}


# --- week overview ---------------------------------------------------------------------------


def test_fixed_rules_overview(page):
    html = page("/week/vaste-regels/")
    assert html.h1 == "Vaste zitdagen per weekdag"
    assert "Gemaakt op 23 november 2026." in html.content
    days = [th.text for th in html.find("th", scope="row")]
    assert days == ["Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag"]
    rows = [tr.text for tr in html.find("tr")][1:]
    pension = [r for r in rows if "Pensioenpunt Verzinnegem" in r]
    assert pension == ["Woensdag 09:00–12:00 Pensioenpunt Verzinnegem: Zitdag over uw pensioen (Bureau 1.10) "
                       "de 2de woensdag van de maand"]
    assert html.link_to("/organisaties/pensioenpunt/#pensioen-zitdag")
    assert any(r.endswith("Ziekenfonds De Zorgzame: Zitdag van het ziekenfonds (Spreekkamer A) "
                          "de laatste vrijdag van de maand") for r in rows)
    assert any("Advies over wonen (Loket 3) elke week, van 1 september 2026 tot en met 30 juni 2027" in r
               for r in rows)
    # Not in the house, or ended: not in the week.
    for name in ("Kledingwinkel", "Vzw Op Maat", "Huis van het Kind", "Samen", "Steunpunt"):
        assert not any(name in r for r in rows), name
    # Each weekday row group is sorted by opening time.
    assert sum(1 for r in rows if "Sociaal Huis Verzinnegem: Onthaal" in r) == 5


@pytest.mark.parametrize("path", ["/week/", "/week/2026-11-30/", "/week/vaste-regels/"])
def test_week_unknown_hours_section(page, path):
    html = page(path)
    assert "In het huis, maar dagen nog niet bevestigd" in [h.text for h in html.find("h2")]
    assert f"Wanneer precies, is nog niet bevestigd. Bel {HOUSE_PHONE} of {HELP}." in html.content
    (link,) = html.link_to("/organisaties/sociaal-verhuurkantoor/#svk-inschrijving")
    assert link.text == "Sociaal Verhuurkantoor Verzinnegem"
    # Service-level unknown hours without a place in the house are not listed.
    assert not html.link_to("/organisaties/steunpunt-zelfstandigen/")


# --- mentoring, over deze kaart, bronnen ------------------------------------------------------


def test_mentoring_index(page):
    html = page("/voor-besturen/")
    assert html.h1 == MENTORING["title"]
    for block in MENTORING["building_blocks"]:
        (link,) = html.link_to(f"/voor-besturen/{block['id']}/")
        assert link.text == block["name"]
    assert "Laatst nagekeken door de redactie op 20 oktober 2026." in html.content
    assert not html.find("a", rel="edit")


@pytest.mark.parametrize("block", MENTORING["building_blocks"], ids=lambda b: b["id"])
def test_building_block_links_to_organisations(page, block):
    html = page(f"/voor-besturen/{block['id']}/")
    assert html.h1 == block["name"]
    assert html.link_to("/voor-besturen/")
    for org_id in block.get("organisations", []):
        (link,) = html.link_to(f"/organisaties/{org_id}/")
        assert link.text == ORGS[org_id]["name"]
    assert not html.find("a", rel="edit")


def test_mentoring_is_one_tap_from_home(page):
    (link,) = [a for a in page("/").link_to("/voor-besturen/") if a.text == "Voor besturen en andere gemeenten"]
    assert link


@pytest.mark.parametrize("block", MENTORING["building_blocks"], ids=lambda b: b["id"])
def test_a_team_page_links_to_the_blocks_that_describe_it(page, block):
    for org_id in block.get("organisations", []):
        (link,) = page(f"/organisaties/{org_id}/").link_to(f"/voor-besturen/{block['id']}/")
        assert link.text == block["name"]


def test_the_whole_guide_on_one_page_in_order_with_sources(page, demo_site):
    assert page("/voor-besturen/").link_to("/voor-besturen/hele-gids/")
    html = page("/voor-besturen/hele-gids/")
    headings = [h.text for h in html.find("h2")]
    names = [block["name"] for block in MENTORING["building_blocks"]]
    assert [h for h in headings if h in names] == names
    text = raw(demo_site, "/voor-besturen/hele-gids/")
    for block in MENTORING["building_blocks"]:
        for source in block.get("sources", []):
            assert source in text
    for source in MENTORING["sources"]:
        assert source["url"] in text
    assert "data-pagefind-body" not in text  # the block pages are indexed, not this copy


def test_over_deze_kaart(page):
    html = page("/over-deze-kaart/")
    assert html.h1 == "Over deze kaart"
    assert "Deze site laadt niets van andere websites" in html.content
    assert html.link_to("/bronnen/")
    assert not html.find("a", rel="edit")


def test_bronnen(page):
    html = page("/bronnen/")
    assert html.h1 == "Bronnen"
    headings = [h.text for h in html.find("h2")]
    for org_id, org in ORGS.items():
        assert org["name"] in headings
        assert html.link_to(f"/organisaties/{org_id}/")
        for source in org["sources"]:
            assert "url" not in source or html.find("a", href=source["url"])
    assert html.content.count("Laatst nagekeken door de redactie op") == len(ORGS)


# --- escaping --------------------------------------------------------------------------------


def test_name_escaped_exactly_as_typed(demo_site, page):
    text = raw(demo_site, "/organisaties/samen-sterk/")
    assert f"<h1>{SAMEN_STERK_ESCAPED}</h1>" in text
    assert f"<title>{SAMEN_STERK_ESCAPED} - {SITE_NAME}</title>" in text
    html = page("/organisaties/samen-sterk/")
    assert html.h1 == SAMEN_STERK_TEXT  # the parser decodes entities: the reader sees what was typed
    assert html.title == f"{SAMEN_STERK_TEXT} - {SITE_NAME}"
    header_topics = [e.text for e in html.find("div", "md-header__topic")]
    assert SAMEN_STERK_TEXT in header_topics
    # The literal <b> and &amp; of the description are shown, not interpreted.
    assert "Bij &lt;b&gt;Samen Sterk&lt;/b&gt; ontmoeten buren" in text
    assert "koffie &amp;amp; een babbel" in text
    assert "Bij <b>Samen Sterk</b> ontmoeten buren" in html.content
    assert "koffie &amp; een babbel" in html.content
    assert not html.find("b")


def test_name_escaped_everywhere_it_appears(demo_site, all_pages):
    seen = 0
    for html in all_pages:
        text = html.path.read_text(encoding="utf-8")
        if "Sterk*" not in text:
            continue
        seen += 1
        assert "<Samen>" not in text, html.url
        assert not re.search(r"<(em|strong)>(Sterk|Verzinnegem)</\1>", text), html.url
        for element in html.elements:
            if element.tag in ("em", "strong", "b", "i"):
                assert "Sterk" not in element.text and element.text != "Samen", (html.url, element)
        assert SAMEN_STERK_ESCAPED in text, html.url
    # samen-sterk, organisations index, 2 theme pages, bronnen
    assert seen >= 5


# --- links and requests ----------------------------------------------------------------------


def _same_site(url: str) -> bool:
    parts = urlsplit(url)
    same_host = (parts.scheme, parts.hostname) == (SITE_URL.scheme, SITE_URL.hostname)
    return (not parts.scheme and not parts.netloc) or same_host


# Pages for editors, where a link to the form belongs; every other page is a citizen's.
EDITORS_PAGES = ("/admin/", "/werklijst/", "/controleblad/", "/redactie/")


def test_no_citizen_page_links_to_the_form_editor(all_pages):
    """Citizens never see a sign-in: they get "Klopt er iets niet?", editors the work list and guide."""
    citizens = [html for html in all_pages if not html.url.startswith(EDITORS_PAGES)]
    assert len(citizens) > 30
    links = [(html.url, element.attrs["href"]) for html in citizens for element in html.elements
             if "admin/" in element.attrs.get("href", "")]
    assert links == []
    assert all(html.find("p", "sk-correction") for html in citizens if html.url.startswith("/organisaties/")
               and html.url.count("/") == 3)


def test_internal_links_resolve(demo_site, all_pages):
    assert len(all_pages) > 30
    broken = []
    checked = 0
    for html in all_pages:
        for element in html.elements:
            for attr in ("href", "src", "action"):
                value = element.attrs.get(attr)
                if value is None or (attr == "action" and value == ""):
                    continue
                if value.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
                    continue
                if not _same_site(value):
                    continue
                resolved = urlsplit(urljoin(f"{SITE_URL.scheme}://{SITE_URL.netloc}{html.url}", value))
                if resolved.path.startswith("/admin/") and not (demo_site / "admin").is_dir():
                    continue  # the form editor: a separate part of the site (issue 15), not in this build
                target = file_for(demo_site, resolved.path)
                checked += 1
                if not target.is_file():
                    broken.append(f"{html.url}:{element.line}: <{element.tag} {attr}={value!r}> → {target}")
                elif (resolved.fragment and target.suffix == ".html" and not resolved.fragment.startswith("/")
                      and resolved.fragment not in parse(target, demo_site).ids):  # '#/…': the form editor's routes
                    broken.append(f"{html.url}:{element.line}: {value!r}: no id {resolved.fragment!r}")
    assert checked > 500
    assert not broken, "\n".join(broken)


RESOURCE_TAGS = {"script", "img", "iframe", "source", "video", "audio", "embed", "object", "track", "input"}


def test_no_third_party_resources_in_html(all_pages):
    """Nothing the browser fetches by itself points to another host (fonts, CSS, scripts, images)."""
    offenders = []
    for html in all_pages:
        for element in html.elements:
            if element.tag == "link":
                rel = element.attrs.get("rel", "").lower().split()
                if "canonical" in rel and _same_site(element.attrs.get("href", "")):
                    continue
                values = [element.attrs.get("href", ""), element.attrs.get("imagesrcset", "")]
            elif element.tag in RESOURCE_TAGS:
                values = [element.attrs.get(a, "") for a in ("src", "srcset", "data", "poster")]
            else:
                values = []
            values.append(element.attrs.get("style", ""))
            for value in values:
                if re.search(r"(https?:)?//(?!127\.0\.0\.1:\d+/)", value):
                    offenders.append(f"{html.url}:{element.line}: <{element.tag}> {value}")
        assert "fonts.googleapis" not in html.path.read_text(encoding="utf-8"), html.url
        assert "fonts.gstatic" not in html.path.read_text(encoding="utf-8"), html.url
    assert not offenders, "\n".join(offenders)


def test_no_third_party_resources_in_css(demo_site):
    for css in demo_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text), css
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), css


def test_no_repository_widget_that_calls_github(all_pages):
    """Material's 'source' component fetches stars/forks from api.github.com in the visitor's browser."""
    for html in all_pages:
        assert not [e for e in html.elements if e.attrs.get("data-md-component") == "source"], html.url


def test_free_phone_recognises_belgian_free_numbers():
    from generator.site.render import free_phone

    assert free_phone("0800 20 800")
    assert free_phone("+32 800 20 800")
    assert not free_phone("099 00 00 01")
    assert not free_phone("015 12 34 56")
