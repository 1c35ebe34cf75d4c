"""The header search after Material's instant navigation, on the demo and on the real site built
for the local server's address (as published: instant navigation on), at a phone's and a desk's
width. Material keeps the header when it swaps pages, so the form must not keep an action that
is relative to the first page (issue 22: Home → "Wonen" → "huur" went to /themas/wonen/zoeken/).
"""

from __future__ import annotations

import pytest
from conftest import tab_collecting_errors
from test_search import results

VIEWPORTS = [{"width": 360, "height": 740}, {"width": 1280, "height": 800}]
# Per site: a search word that finds an organisation with a service.
WORD = {"demo": "huurwaarborg", "real": "huurwaarborg"}


@pytest.fixture(params=["demo", "real"])
def site(request) -> tuple[str, str]:
    """(name, base URL) of the demo or the real site, served on 127.0.0.1."""
    return request.param, request.getfixturevalue(f"{request.param}_server")


@pytest.fixture(params=VIEWPORTS, ids=lambda viewport: str(viewport["width"]))
def tab(browser, request):
    with tab_collecting_errors(browser, request.param) as page:
        yield page


def header_search(tab, word: str) -> None:
    """Type in the header's search field and send it, as a visitor does (Enter)."""
    field = tab.locator("#sk-header-q")
    field.fill(word)
    field.press("Enter")


def click_instantly(tab, locator) -> None:
    """Click a link and check that Material swapped the page instead of loading it."""
    tab.evaluate("window.skSameDocument = true")
    before = tab.url
    locator.click()
    tab.wait_for_function("url => location.href !== url", arg=before)
    tab.wait_for_load_state("networkidle")
    assert tab.evaluate("window.skSameDocument === true"), "instant navigation is off"


def test_header_search_after_instant_page_changes(site, tab):
    name, base = site
    tab.goto(base, wait_until="networkidle")
    click_instantly(tab, tab.locator(".sk-tiles a", has_text="Wonen"))
    assert tab.url == base + "themas/wonen/"
    header_search(tab, "huur")
    tab.wait_for_url(base + "zoeken/?q=huur")
    assert results(tab)
    header_search(tab, WORD[name])  # from the search page itself, after a full page load
    tab.wait_for_url(base + f"zoeken/?q={WORD[name]}")
    results(tab)
    click_instantly(tab, tab.locator(".sk-result-title a").first)
    assert tab.url.startswith(base + "organisaties/")
    header_search(tab, "pensioen")
    tab.wait_for_url(base + "zoeken/?q=pensioen")
    assert results(tab)
    assert not tab.errors, tab.errors
