"""Quality gates in headless Chromium on the demo site: accessibility (axe-core, WCAG 2.1
A/AA), keyboard use, no third-party requests, a 360 px phone, and print.

Each gate fails the run on any violation; screenshots go to test-artifacts/.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGE_KINDS = {
    "home": "",
    "organisation": "organisaties/huis-van-het-kind/",
    "escaped-organisation": "organisaties/samen-sterk/",
    "theme": "themas/wonen/",
    "organisations": "organisaties/",
    "week": "week/",
    "agenda": "agenda/",
    "search": "zoeken/?q=wonen&thema=Wonen",
    "mentoring": "voor-besturen/",
    "about": "over-deze-kaart/",
    "sources": "bronnen/",
    "worklist": "werklijst/",
    "verification-sheet": "controleblad/sociaal-verhuurkantoor.html",
}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


def open_page(page, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    if "zoeken/" in url:
        page.wait_for_selector(".sk-result")


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_wcag_violations(page, demo_server, axe, kind):
    open_page(page, demo_server + PAGE_KINDS[kind])
    result = axe.run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_phone_width_has_no_horizontal_scroll_and_no_third_party_requests(browser, demo_server, artifacts, kind):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1)
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    open_page(tab, demo_server + PAGE_KINDS[kind])
    tab.screenshot(path=str(artifacts / f"phone-{kind}.png"), full_page=True)
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0, f"{kind}: {overflow}px horizontal scroll at 360px"
    assert [url for url in requests if not url.startswith(demo_server)] == []


def test_keyboard_only_search_and_follow_a_result(page, demo_server):
    page.goto(demo_server, wait_until="networkidle")
    focused = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.id"))
        if focused[-1] == "sk-header-q":
            break
    assert focused[-1] == "sk-header-q", focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is not visible on the search box"
    page.keyboard.type("pensioen")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=pensioen")
    page.wait_for_selector(".sk-result")
    page.wait_for_load_state("networkidle")
    # The skip link after the search box jumps over the filters to the results.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('sk-skip')"):
            break
    else:
        pytest.fail("no skip link to the results")
    page.keyboard.press("Enter")  # focus moves to the first result
    active = page.evaluate("document.activeElement.outerHTML")
    assert page.evaluate("document.activeElement.textContent") == "Pensioenpunt Verzinnegem", active
    page.keyboard.press("Enter")
    page.wait_for_url("**/organisaties/pensioenpunt/#pensioen-zitdag")  # the service itself
    # Instant navigation changes the URL before it swaps the content in.
    page.locator("h1", has_text="Pensioenpunt Verzinnegem").first.wait_for()


@pytest.mark.parametrize("path", ["week/", "organisaties/pensioenpunt/"])
def test_print_hides_navigation_header_and_search(page, demo_server, artifacts, path):
    page.goto(demo_server + path, wait_until="networkidle")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".sk-header-search"):
        hidden = page.locator(selector).evaluate_all(
            "els => els.every(e => !e.offsetParent && getComputedStyle(e).display === 'none'"
            " || !e.getClientRects().length)")
        assert hidden, f"{selector} is visible in print on {path}"
    assert page.locator("h1").first.is_visible()
    pdf = page.pdf(format="A4")
    (artifacts / f"print-{path.strip('/').replace('/', '-')}.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
