"""Pages the ID-team and citizens can act on (issue 13), in headless Chromium on the demo
and on the real site: the home page on a 360 × 740 phone, weeks with dates, services one can
land on, search that opens the answer, the navigation, the house's own page, scripts only
where they run. Fixed build date 2026-11-23 (conftest); the browser clock is fixed per test.

Screenshots at 360 and 1280 px go to test-artifacts/desk-<site>-<page>-<width>.png.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

BRUSSELS = ZoneInfo("Europe/Brussels")
PHONE = {"width": 360, "height": 740}
DESK = {"width": 1280, "height": 900}
TUESDAY_MORNING = dt.datetime(2026, 12, 1, 10, 0, tzinfo=BRUSSELS)
SITES = ["demo", "real"]
# Per site: an organisation page with a service that has hours, and a search word.
ORGANISATION = {"demo": ("organisaties/woonloket/", "woonadvies"),
                "real": ("organisaties/sociaal-huis/", "telefoon")}
SEARCH = {"demo": "huurwaarborg", "real": "huurwaarborg"}
# A service with hours on Fridays (25 December 2026 is a Friday).
CLOSURE = {"demo": ("organisaties/sociaal-huis/", "onthaal"), "real": ("organisaties/sociaal-huis/", "telefoon")}
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


@pytest.fixture(params=SITES)
def site(request) -> tuple[str, str]:
    """(name, base URL) of the demo or the real site, served on 127.0.0.1."""
    fixture = "demo_server" if request.param == "demo" else "real_server"
    return request.param, request.getfixturevalue(fixture)


@contextmanager
def open_tab(browser, viewport: dict, when: dt.datetime = TUESDAY_MORNING):
    """A page in a fresh context with the clock fixed at `when`; records requests and script errors."""
    context = browser.new_context(viewport=viewport, locale="nl-BE", service_workers="block")
    try:
        tab = context.new_page()
        tab.requests, tab.errors = [], []
        tab.on("request", lambda request: tab.requests.append(request.url))
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        tab.clock.set_fixed_time(when)
        yield tab
    finally:
        context.close()


def shoot(tab, artifacts, name: str, kind: str, viewport: dict) -> None:
    tab.screenshot(path=str(artifacts / f"desk-{name}-{kind}-{viewport['width']}.png"), full_page=True)


def foreign(tab, base: str) -> list[str]:
    host = urlsplit(base).netloc
    return [url for url in tab.requests if not url.startswith("data:") and urlsplit(url).netloc != host]


# --- 1. the home page for both audiences ------------------------------------------------------


def test_home_on_a_phone_shows_the_themes_first_and_sums_up_the_unknown(browser, site, artifacts):
    name, base = site
    with open_tab(browser, PHONE) as tab:
        tab.goto(base, wait_until="networkidle")
        heading = tab.locator("h2", has_text="Waarover gaat uw vraag?")
        assert heading.bounding_box()["y"] < 900
        tab.locator("#sk-today .sk-today-when").wait_for()
        box = tab.locator("#sk-today").inner_text()
        assert "dinsdag 1 december" in box
        summary = tab.locator("#sk-today .sk-today-unknown")
        one_line = r"\d+ (spreekuur heeft|spreekuren hebben) nog geen bevestigde uren: zie het weekoverzicht\."
        assert re.fullmatch(one_line, summary.inner_text())
        assert summary.locator("a").get_attribute("href").endswith("week/#nog-niet-bevestigd")
        assert "uren nog niet bevestigd" not in box  # no list of unknowns, one line
        shoot(tab, artifacts, name, "home", PHONE)
        assert tab.errors == [] and foreign(tab, base) == []


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["360", "1280"])
def test_home_does_not_shift_when_today_fills_in_late(browser, site, artifacts, viewport):
    """vandaag.js held back (a slow network): the page must not jump when it arrives."""
    name, base = site
    with open_tab(browser, viewport) as tab:
        def slow(route):
            tab.wait_for_timeout(800)
            route.continue_()
        tab.route("**/assets/vandaag.js", slow)
        tab.goto(base, wait_until="networkidle")
        tab.locator("#sk-today .sk-today-when").wait_for()
        assert tab.evaluate(LAYOUT_SHIFT) < 0.1
        if viewport is DESK:
            shoot(tab, artifacts, name, "home", DESK)


# --- 2. weeks with dates --------------------------------------------------------------------


def day_text(tab, iso: str) -> str:
    return tab.locator(f"#dag-{iso}").inner_text()


def test_demo_week_of_a_second_wednesday_and_another_week(browser, demo_server, artifacts):
    with open_tab(browser, DESK, dt.datetime(2026, 12, 9, 9, 30, tzinfo=BRUSSELS)) as tab:
        tab.goto(demo_server + "week/2026-12-07/", wait_until="networkidle")
        assert tab.locator("article h1").inner_text() == "Wie is er in het huis? 7 – 13 december 2026"
        assert "Pensioenpunt Verzinnegem: Zitdag over uw pensioen" in day_text(tab, "2026-12-09")
        assert "sk-is-today" in tab.locator("#dag-2026-12-09").get_attribute("class")
        tab.goto(demo_server + "week/2026-11-30/", wait_until="networkidle")
        assert "woensdag 2 december 2026" in day_text(tab, "2026-12-02")
        assert "Pensioenpunt" not in tab.locator("article").inner_text()  # 2 December: the 1st Wednesday
        # Every other week (Huis van het Kind is not in the house) and a closed exception:
        tab.goto(demo_server + "week/2026-12-28/", wait_until="networkidle")
        assert "Woonloket Verzinnegem: Advies over wonen" in day_text(tab, "2026-12-28")
        assert "Advies over wonen" not in day_text(tab, "2026-12-29")  # closed that day
        assert "Het huis is gesloten (Oudejaarsdag)." in day_text(tab, "2026-12-31")


def test_week_pages_switch_and_show_closures(browser, site, artifacts):
    name, base = site
    with open_tab(browser, PHONE, dt.datetime(2026, 12, 22, 10, 0, tzinfo=BRUSSELS)) as tab:
        tab.goto(base + "week/", wait_until="networkidle")
        assert tab.locator("article h1").inner_text() == "Wie is er in het huis? 23 – 29 november 2026"
        links = tab.locator(".sk-week-switch a")
        assert links.count() == 7  # the agenda's eight weeks, this one not a link
        tab.locator(".sk-week-switch a", has_text="21 december").click()
        tab.wait_for_url("**/week/2026-12-21/")
        tab.locator("#dag-2026-12-25").wait_for()
        closed = day_text(tab, "2026-12-25")
        # the real map's closing days are not confirmed (map/closures.yaml), and it says so (issue 20)
        caveat = "; sluitingsdag niet bevestigd" if name == "real" else ""
        assert f"Het huis is gesloten (Kerstmis{caveat})." in closed
        assert "sk-is-today" in tab.locator("#dag-2026-12-22").get_attribute("class")
        shoot(tab, artifacts, name, "week", PHONE)
        tab.set_viewport_size(DESK)
        shoot(tab, artifacts, name, "week", DESK)
        if name == "real":  # no confirmed session hours in the real data: none are invented
            assert tab.locator(".sk-day-list").count() == 0
            assert tab.locator("#nog-niet-bevestigd").is_visible()


def test_printed_week_has_its_dates_and_fills_a4(browser, demo_server, artifacts):
    with open_tab(browser, DESK) as tab:
        tab.goto(demo_server + "week/2026-11-30/", wait_until="networkidle")
        tab.emulate_media(media="print")
        assert tab.locator("article h1").inner_text().endswith("30 november – 6 december 2026")
        assert not tab.locator(".sk-week-switch").is_visible()
        pdf = tab.pdf(format="A4")
        (artifacts / "desk-demo-week-print.pdf").write_bytes(pdf)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == 1, f"a week of the demo takes {pages} A4 pages"


# --- 3. organisation pages ------------------------------------------------------------------


def test_service_today_lines_anchor_and_route(browser, site, artifacts):
    name, base = site
    path, service = ORGANISATION[name]
    for viewport in (PHONE, DESK):
        with open_tab(browser, viewport) as tab:
            tab.goto(f"{base}{path}#{service}", wait_until="networkidle")
            section = tab.locator(f"section#{service}")
            box = section.bounding_box()
            assert 0 <= box["y"] < viewport["height"], "the anchor does not open the service"
            line = section.locator(".sk-service-today").first
            expected = {"demo": "Nu open, vandaag 09:00–12:00 en 13:30–16:00.",
                        "real": "Nu open, vandaag 08:30–12:30 en 13:30–17:00."}[name]
            assert line.inner_text() == expected
            route = tab.locator(".sk-route a").first
            assert route.get_attribute("href").startswith("https://www.openstreetmap.org/directions?to=")
            assert foreign(tab, base) == []  # a link, nothing loaded from OpenStreetMap
            tab.goto(f"{base}{path}", wait_until="networkidle")
            shoot(tab, artifacts, name, "organisation", viewport)


def test_service_today_on_a_closure_day_and_unknown_hours(browser, site):
    name, base = site
    with open_tab(browser, DESK, dt.datetime(2026, 12, 25, 10, 0, tzinfo=BRUSSELS)) as tab:
        path, service = CLOSURE[name]
        tab.goto(f"{base}{path}", wait_until="networkidle")
        line = tab.locator(f"section#{service} .sk-service-today").first.inner_text()
        caveat = "; sluitingsdag niet bevestigd" if name == "real" else ""  # map/closures.yaml (issue 20)
        assert line.startswith(f"Vandaag gesloten (Kerstmis{caveat}). Volgende keer: maandag 28 december"), line
        unknown = {"demo": "organisaties/sociaal-verhuurkantoor/", "real": "organisaties/id-team/"}[name]
        tab.goto(base + unknown, wait_until="networkidle")
        assert tab.locator(".sk-service-today").first.inner_text() == "Vandaag: uren nog niet bevestigd."


def test_expired_rules_are_gone_and_closure_texts_agree(browser, demo_server):
    with open_tab(browser, DESK) as tab:
        tab.goto(demo_server + "organisaties/woonloket/", wait_until="networkidle")
        hours = tab.locator("section#woonadvies .sk-hours li").all_inner_texts()
        assert len(hours) == 3 and not any("2026-06-30" in h or "30 juni 2026" in h for h in hours), hours
        assert not any("augustus 2026" in h for h in hours)  # last summer's hours ended
        closed = tab.locator("section#woonadvies .sk-exceptions").inner_text()
        assert closed == "Gesloten op dinsdag 29 december 2026 (Teamdag, het Woonloket is die dag dicht)"


# --- 4. search that lands on the answer -----------------------------------------------------


def header_search(tab, base: str, words: str) -> None:
    tab.goto(base, wait_until="networkidle")
    tab.fill("#sk-header-q", words)
    tab.press("#sk-header-q", "Enter")
    tab.wait_for_selector(".sk-result")
    tab.wait_for_load_state("networkidle")


def test_search_result_opens_the_service(browser, site, artifacts):
    name, base = site
    for viewport in (PHONE, DESK):
        with open_tab(browser, viewport) as tab:
            header_search(tab, base, SEARCH[name])
            first = tab.locator(".sk-result").first
            assert first.bounding_box()["y"] < viewport["height"] - 60, "first result below the fold"
            shoot(tab, artifacts, name, "search", viewport)
            link = first.locator(".sk-result-title a")
            href = link.get_attribute("href")
            assert re.search(r"/organisaties/[^/]+/#[a-z0-9-]+$", href) and "#sk-dienst-" not in href, href
            anchor = href.rsplit("#", 1)[1]
            link.click()
            tab.wait_for_url(f"**#{anchor}")
            section = tab.locator(f"section#{anchor}")
            section.wait_for()
            tab.wait_for_timeout(300)
            assert 0 <= section.bounding_box()["y"] < viewport["height"]


def test_search_ranks_organisations_first_and_keeps_field_boundaries(browser, site):
    _, base = site
    with open_tab(browser, DESK) as tab:
        header_search(tab, base, "huurwaarborg")
        kinds = [bool(li.locator(".sk-result-kind").count()) for li in tab.locator(".sk-result").all()]
        assert kinds[0] is False, "a non-organisation page ranks first"
        assert kinds == sorted(kinds), "an organisation ranks below another kind of page"
        header_search(tab, base, "rolstoel")
        excerpts = tab.locator(".sk-result-excerpt").all_inner_texts()
        assert len(excerpts) <= 3, excerpts  # the building's text counts once, on the house's page
        assert not any(re.search(r"toegankelijk(nog|ja|nee|beperkt)", e, re.I) for e in excerpts), excerpts


# --- 5. navigation --------------------------------------------------------------------------

ACTIVE_TAB = {"": "Start", "themas/wonen/": "Thema's", "organisaties/id-team/": "Organisaties",
              "week/2026-12-07/": "Weekoverzicht", "agenda/": "Weekoverzicht", "zoeken/": "Zoeken",
              "voor-besturen/": "Over", "over-deze-kaart/": "Over", "bronnen/": "Over"}


def test_six_tabs_the_right_one_active_title_and_footer(browser, site):
    name, base = site
    with open_tab(browser, DESK) as tab:
        for path, title in ACTIVE_TAB.items():
            if name == "demo" and path == "organisaties/id-team/":
                path = "organisaties/leefloon/"
            tab.goto(base + path, wait_until="domcontentloaded")
            tabs = tab.locator(".md-tabs__item").all_inner_texts()
            assert len(tabs) <= 6, tabs
            assert tab.locator(".md-tabs__item--active").all_inner_texts() == [title], path
        footer = tab.locator(".md-footer").inner_text()
        street = {"demo": "Kerkstraat 1, 9999 Verzinnegem", "real": "Lange Schipstraat 27, 2800 Mechelen"}[name]
        assert street in footer
        assert {"demo": "Bel 099 00 00 01", "real": "Bel gratis 0800 20 800"}[name] in footer
        for page_name in ("Bronnen", "Gegevens aanpassen", "Voor besturen", "Andere gemeenten"):
            assert tab.locator(".md-footer a", has_text=page_name).count() == 1
    with open_tab(browser, PHONE) as tab:
        tab.goto(base, wait_until="networkidle")
        title = tab.locator(".md-header__topic").first
        cut = title.evaluate("e => [...e.querySelectorAll('*'), e].some("
                             "n => n.getClientRects().length && n.scrollWidth > n.clientWidth + 1)")
        assert not cut, "the site title is cut at 360 px"
        assert title.bounding_box()["height"] <= tab.locator(".md-header").bounding_box()["height"]


# --- 6. the house's own page ----------------------------------------------------------------


def test_house_page_address_route_walk_in_and_accessibility(browser, site):
    name, base = site
    with open_tab(browser, DESK) as tab:
        tab.goto(base + "organisaties/sociaal-huis/", wait_until="networkidle")
        house = tab.locator(".sk-house")
        text = house.inner_text()
        street = {"demo": "Kerkstraat 1, 9999 Verzinnegem", "real": "Lange Schipstraat 27, 2800 Mechelen"}[name]
        assert street in text and house.locator(".sk-route a").count() == 2
        assert "Zonder afspraak binnenlopen" in text
        walk_in = {"demo": "Sociaal Huis Verzinnegem: Onthaal", "real": "ID-team (onthaal van het Sociaal Huis)"}
        assert walk_in[name] in text
        accessibility = house.locator("details.sk-accessibility")
        assert accessibility.get_attribute("open") is not None and accessibility.is_visible()
        level = {"demo": "ja", "real": "nog niet bevestigd"}[name]
        assert accessibility.locator("dd").first.inner_text() == level
        if name == "real":
            assert "Hoe komt u er? Nog niet bevestigd." in text  # not found in a public source


# --- 8. scripts where they are used ---------------------------------------------------------


def test_search_code_only_on_the_search_page(browser, site):
    name, base = site
    with open_tab(browser, DESK) as tab:
        for path in ("", ORGANISATION[name][0], "week/"):
            tab.goto(base + path, wait_until="networkidle")
        assert not [url for url in tab.requests if url.endswith("/zoeken.js")]
        tab.locator(".md-tabs__link", has_text="Zoeken").click()
        tab.wait_for_url("**/zoeken/")
        tab.fill("#sk-q", "pensioen")
        tab.wait_for_selector(".sk-result")
        assert [url for url in tab.requests if url.endswith("/zoeken.js")]
        assert tab.errors == []
