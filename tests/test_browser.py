"""The demo site in headless Chromium over HTTP: pages render, nothing leaves 127.0.0.1.

Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

PAGES = {
    "home": ("", "Sociaal Huis Verzinnegem", ["Hoe krijgt u hulp?", "Waarover gaat uw vraag?", "Geld en schulden"]),
    "organisation": ("organisaties/samen-sterk/", "Vzw <Samen> & *Sterk* _Verzinnegem_",
                     ["Ontmoeting & hulp bij brieven", "Afspraak nodig?",
                      "Laatst nagekeken door de redactie op 23 oktober 2026."]),
    "theme": ("themas/wonen/", "Wonen", ["Sociaal Verhuurkantoor Verzinnegem", "Woonloket Verzinnegem"]),
    "week": ("week/", "Wie is er in het huis? 23 – 29 november 2026",
             ["maandag 23 november 2026", "In het huis, maar dagen nog niet bevestigd"]),
    "fixed-rules": ("week/vaste-regels/", "Vaste zitdagen per weekdag",
                    ["de 2de woensdag van de maand", "In het huis, maar dagen nog niet bevestigd"]),
}


@pytest.mark.parametrize("kind", PAGES)
def test_page_renders_without_third_party_requests(page, demo_server, artifacts, kind):
    path, heading, texts = PAGES[kind]
    response = page.goto(demo_server + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    h1 = page.locator("article h1").first
    assert h1.is_visible()
    assert h1.inner_text() == heading
    for text in texts:
        assert page.get_by_text(text, exact=False).first.is_visible(), text
    page.screenshot(path=str(artifacts / f"{kind}.png"), full_page=True)

    assert page.requests, "no requests recorded"
    server = urlsplit(demo_server).netloc
    foreign = [url for url in page.requests
               if not url.startswith("data:") and urlsplit(url).netloc != server]
    assert foreign == [], f"third-party requests: {foreign}"
    assert page.failures == []
    # The site's own CSS applied (Material's stylesheet loaded from the local server).
    assert any(url.endswith(".css") and "/assets/stylesheets/" in url for url in page.requests)


def test_escaped_name_is_shown_as_typed(page, demo_server):
    page.goto(demo_server + "organisaties/samen-sterk/", wait_until="networkidle")
    assert page.title().startswith("Vzw <Samen> & *Sterk* _Verzinnegem_ - ")
    assert page.locator("article h1 em, article h1 strong, article b").count() == 0
    assert page.get_by_text("Bij <b>Samen Sterk</b> ontmoeten buren", exact=False).is_visible()


def test_week_print_hides_the_header(page, demo_server, artifacts):
    page.goto(demo_server + "week/", wait_until="networkidle")
    header = page.locator(".md-header")
    assert header.is_visible()
    page.emulate_media(media="print")
    assert not header.is_visible()
    assert page.locator("article h1").first.is_visible()
    assert page.locator(".sk-day").first.is_visible()
    page.screenshot(path=str(artifacts / "week-print.png"), full_page=True)
