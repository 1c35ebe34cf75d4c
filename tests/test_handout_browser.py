"""'Meegeven' in real Chromium on the demo site (fixed clock): one service printed on one
sheet whose QR code leads back to it, a client's list kept in this tab only, printed and
handed over as one QR code that opens the list on a phone. Nothing goes to another host.

Printed sheets are real Chromium PDFs (page.pdf), counted with pypdf, drawn to PNG with
pypdfium2 and read back with zxing-cpp, as a phone camera would.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pypdfium2
import pytest
import zxingcpp
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader
from test_quality import WCAG

WHEN = dt.datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
NO_DIALOG = "window.print = () => { window.skPrinted = (window.skPrinted || 0) + 1; };"
SEVEN = ["woonloket/woonadvies", "pensioenpunt/pensioen-zitdag", "sociaal-verhuurkantoor/svk-inschrijving",
         "dienstencentrum/zorgadvies", "leefloon/energiehulp", "werkpunt/werkpunt-zitdag",
         "schuldhulp/budgetbegeleiding"]


def start(page, url: str) -> None:
    page.aborted = []  # requests a navigation cut short (Material's late sitemap.xml, the favicon)
    page.on("requestfailed", lambda request: request.failure == "net::ERR_ABORTED" and page.aborted.append(request.url))
    page.clock.set_fixed_time(WHEN)
    page.add_init_script(NO_DIALOG)
    page.goto(url, wait_until="networkidle")


def pdf_of(page) -> bytes:
    page.emulate_media(media="print")
    return page.pdf(prefer_css_page_size=True, print_background=True)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def pdf_text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def rendered(pdf: bytes, scale: float = 3):
    """Each PDF page as a PIL image, about 216 dpi (scale 3 × 72)."""
    return [page.render(scale=scale).to_pil() for page in pypdfium2.PdfDocument(pdf)]


def qr_texts(image) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def service(page, key: str):
    return page.locator(f'.sk-handout[data-sk-key="{key}"]').locator("xpath=..")


def keep(page, server: str, key: str) -> None:
    """Open the service's organisation page through the site and press "Bewaar voor deze cliënt"."""
    org, _ = key.split("/")
    if f"organisaties/{org}/" not in page.url:
        page.goto(server + f"organisaties/{org}/", wait_until="networkidle")
    button = service(page, key).locator("button", has_text="Bewaar voor deze cliënt")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"


def open_list(page) -> None:
    """Through the "Lijst (n)" control: Material's instant navigation, no page load."""
    page.locator(".sk-list-badge").click()
    page.wait_for_url("**/lijst/")
    page.locator(".sk-list-items > li").first.wait_for()
    page.wait_for_load_state("networkidle")


def show_qr(page) -> None:
    """The list's QR code for the client's phone opens under the actions at the top."""
    page.get_by_role("button", name="QR-code").click()
    page.locator(".sk-list-qr svg").wait_for()


def only_local(page, server: str) -> None:
    assert [url for url in page.requests if not url.startswith(server)] == []
    assert [failure for failure in page.failures if failure not in getattr(page, "aborted", [])] == []


def sent_nothing(page, before: int) -> None:
    """No request since `before` but the theme's own late loads of the page it is on."""
    late = [url for url in page.requests[before:] if not url.endswith(("/sitemap.xml", "/favicon.png"))]
    assert late == [], late


def test_one_service_prints_on_one_sheet_with_a_qr_code_of_its_address(page, demo_server, artifacts):
    start(page, demo_server + "organisaties/pensioenpunt/")
    section = service(page, "pensioenpunt/pensioen-zitdag")
    next_date = section.locator(".sk-next li").first.inner_text()
    assert next_date.startswith("woensdag 9 december 2026")
    section.get_by_role("button", name="Meegeven").click()
    assert page.evaluate("window.skPrinted") == 1
    pdf = pdf_of(page)
    (artifacts / "meegeven-een-dienst.pdf").write_bytes(pdf)
    assert page_count(pdf) == 1
    text = pdf_text(pdf)
    for fact in ("Pensioenpunt Verzinnegem", "Zitdag over uw pensioen", "woensdag 9 december 2026, 09:00–12:00",
                 "Kerkstraat 1, 9999 Verzinnegem, 1ste verdieping, Bureau 1.10", "Alleen op afspraak",
                 "Uw identiteitskaart", "Gratis", "099 00 00 12", "https://example.org/pensioenpunt"):
        assert fact in text, fact
    for elsewhere in ("Weekoverzicht", "Bronnen", "Contact", "Zoeken", "Meegeven", "Bewaar"):
        assert elsewhere not in text, f"{elsewhere!r} is printed"
    address = demo_server + "organisaties/pensioenpunt/#pensioen-zitdag"
    assert address in text
    (sheet,) = rendered(pdf)
    sheet.save(artifacts / "meegeven-een-dienst.png")
    assert qr_texts(sheet) == [address]
    only_local(page, demo_server)


def test_unknown_hours_print_as_not_confirmed_with_whom_to_call(page, demo_server):
    start(page, demo_server + "organisaties/sociaal-verhuurkantoor/")
    page.get_by_role("button", name="Meegeven").first.click()
    pdf = pdf_of(page)
    assert page_count(pdf) == 1
    text = pdf_text(pdf)
    line = "Nog niet bevestigd: uren, afspraak, talen. Bel 099 00 00 01 of vraag het aan het onthaal"
    assert line in text, text  # one calm line, with the house's own number from map/
    assert text.count("iet bevestigd") == 1, text
    assert text.index("Kostprijs Gratis") < text.index(line)  # what is known comes first


def test_a_sheet_carries_its_print_date_and_the_dates_after_it(page, demo_server):
    """Printed weeks after the build: the date and "Volgende data" are those of the print day."""
    page.clock.set_fixed_time(dt.datetime(2026, 12, 20, 10, 0, tzinfo=ZoneInfo("Europe/Brussels")))
    page.add_init_script(NO_DIALOG)
    page.goto(demo_server + "organisaties/pensioenpunt/", wait_until="networkidle")
    section = service(page, "pensioenpunt/pensioen-zitdag")
    section.get_by_role("button", name="Meegeven").click()
    text = pdf_text(pdf_of(page))
    assert "Afgedrukt op 20 december 2026" in text, text
    assert "Volgende data: woensdag 13 januari 2027, 13:30–16:30 · woensdag 10 februari 2027, 09:00–12:00" in text, text
    assert "december 2026, 09:00" not in text  # the build's dates (from 23 November) are gone
    page.emulate_media(media="screen")
    section.get_by_role("button", name="Bewaar voor deze cliënt").click()
    keep(page, demo_server, "juridisch-advies/juridisch-eerste-advies")
    open_list(page)
    cards = page.locator(".sk-list-items .sk-next-line").all_inner_texts()
    assert cards[0].startswith("Volgende data: woensdag 13 januari 2027, 13:30–16:30"), cards
    assert "donderdag 31 december 2026: gesloten (Oudejaarsdag)" in cards[1], cards  # a closure day says why


def test_every_demo_service_fits_one_sheet(page, demo_server):
    start(page, demo_server + "organisaties/")
    orgs = page.locator(".md-content a[href*='organisaties/']").evaluate_all(
        "links => [...new Set(links.map(a => a.href))]")
    counted = {}
    for url in orgs:
        page.goto(url, wait_until="networkidle")
        for key in page.locator(".sk-handout").evaluate_all("els => els.map(e => e.dataset.skKey)"):
            service(page, key).get_by_role("button", name="Meegeven").click()
            counted[key] = page_count(pdf_of(page))
            page.emulate_media(media="screen")
            page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert len(counted) >= 20, counted
    assert {key: n for key, n in counted.items() if n != 1} == {}


def test_a_list_of_three_prints_on_one_page_and_survives_a_page_change(page, demo_server, artifacts):
    start(page, demo_server)
    for key in SEVEN[:3]:
        keep(page, demo_server, key)
    assert page.locator(".sk-list-badge").inner_text() == "Lijst (3)"
    open_list(page)
    titles = page.locator(".sk-list-items h2").all_inner_texts()
    assert titles == ["Advies over wonen", "Zitdag over uw pensioen", "Inschrijven voor een woning van het SVK"], titles
    page.get_by_label("Notitie (bv. vraag naar Ahmed)").nth(1).fill("vraag naar Ahmed")
    show_qr(page)
    page.screenshot(path=str(artifacts / "meegeven-lijst-scherm.png"), full_page=True)
    page.get_by_role("button", name="Afdrukken").click()
    pdf = pdf_of(page)
    (artifacts / "meegeven-lijst-3.pdf").write_bytes(pdf)
    assert page_count(pdf) == 1
    text = pdf_text(pdf)
    assert "Notitie: vraag naar Ahmed" in text
    for fact in ("Voor u meegegeven", "Afgedrukt op 30 november 2026 door Sociaal Huis Verzinnegem",
                 "Kerkstraat 1, 9999 Verzinnegem · Telefoon 099 00 00 01", "Hoe komt u er?"):
        assert fact in text, fact
    for screen_only in ("Lijst voor deze cliënt", "Afdrukken", "Lijst wissen", "Notitie (bv."):
        assert screen_only not in text, screen_only
    (sheet,) = rendered(pdf)
    sheet.save(artifacts / "meegeven-lijst-3.png")
    list_address = page.locator(".sk-list-link").get_attribute("href")
    assert sorted(qr_texts(sheet)) == sorted(
        [list_address] + [demo_server + "organisaties/" + key.replace("/", "/#") for key in SEVEN[:3]])
    only_local(page, demo_server)


@pytest.mark.parametrize("size", [(1280, 800), (360, 740)])
def test_the_list_actions_are_on_the_first_screen(page, demo_server, size):
    start(page, demo_server)
    for key in SEVEN[:3]:
        keep(page, demo_server, key)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_list(page)
    for name in ("Afdrukken", "QR-code", "Lijst wissen"):
        box = page.get_by_role("button", name=name, exact=True).bounding_box()
        assert box and box["y"] + box["height"] <= size[1], (name, box)
    # The cards use the page's width: not indented as list items, and on a phone the text is not
    # squeezed into a column of broken words beside each card's QR code (kept for paper).
    card = page.locator(".sk-list-items > li").first.bounding_box()
    assert abs(card["x"] - page.locator("h1").bounding_box()["x"]) <= 1, card
    name = page.locator(".sk-list-items .sk-sheet-org").first.bounding_box()
    assert name["width"] >= 0.75 * card["width"], (name, card)
    show_qr(page)
    box = page.locator(".sk-list-qr svg").bounding_box()
    assert box["y"] < size[1], box  # the code opens right under the actions


def test_a_list_of_seven_prints_on_at_most_three_pages(page, demo_server, artifacts):
    start(page, demo_server)
    for key in SEVEN:
        keep(page, demo_server, key)
    open_list(page)
    assert page.locator(".sk-list-items > li").count() == 7
    pdf = pdf_of(page)
    (artifacts / "meegeven-lijst-7.pdf").write_bytes(pdf)
    assert page_count(pdf) <= 3
    only_local(page, demo_server)


def test_the_list_is_this_tabs_only_and_lijst_wissen_empties_it(page, demo_server):
    start(page, demo_server)
    keep(page, demo_server, SEVEN[1])
    other = page.context.new_page()  # same browser, same site: a new tab starts empty
    other.goto(demo_server + "lijst/", wait_until="networkidle")
    assert other.locator(".sk-list-items > li").count() == 0
    assert other.locator(".sk-list-empty").is_visible()
    assert other.locator(".sk-list-badge").is_hidden()
    other.close()
    open_list(page)
    page.get_by_role("button", name="Lijst wissen").click()
    assert page.locator(".sk-list-items > li").count() == 0
    assert page.evaluate("sessionStorage.length") == 0
    page.goto(demo_server + "organisaties/pensioenpunt/", wait_until="networkidle")
    assert page.locator(".sk-list-badge").is_hidden()
    assert service(page, SEVEN[1]).locator("[data-sk-do=keep]").get_attribute("aria-pressed") == "false"


def test_the_list_qr_code_opens_the_same_list_on_a_phone(page, browser, demo_server, artifacts):
    start(page, demo_server)
    for key in SEVEN[:3]:
        keep(page, demo_server, key)
    open_list(page)
    page.get_by_label("Notitie (bv. vraag naar Ahmed)").first.fill("vraag naar Ahmed")
    show_qr(page)
    link = page.locator(".sk-list-link").get_attribute("href")
    assert re.match(re.escape(demo_server) + r"lijst/#d=woonloket%2Fwoonadvies&t=", link), link
    page.locator(".sk-list-qr svg").screenshot(path=str(artifacts / "meegeven-lijst-qr.png"))
    from PIL import Image
    assert qr_texts(Image.open(artifacts / "meegeven-lijst-qr.png")) == [link]
    only_local(page, demo_server)

    phone = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, locale="nl-BE")
    try:
        tab = phone.new_page()
        requests: list[str] = []
        tab.on("request", lambda request: requests.append(request.url))
        tab.goto(link, wait_until="networkidle")
        tab.screenshot(path=str(artifacts / "meegeven-gsm.png"), full_page=True)
        assert tab.locator("h1").inner_text() == "Uw lijst van diensten"
        items = tab.locator(".sk-list-items > li").all_inner_texts()
        assert [item.splitlines()[0] for item in items] == [
            "Woonloket Verzinnegem: Advies over wonen", "Pensioenpunt Verzinnegem: Zitdag over uw pensioen",
            "Sociaal Verhuurkantoor Verzinnegem: Inschrijven voor een woning van het SVK"], items
        assert "Notitie: vraag naar Ahmed" in items[0]
        assert tab.evaluate("sessionStorage.length") == 0  # shown, not stored
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        tab.locator(".sk-list-items a").first.click()
        tab.wait_for_url("**/organisaties/woonloket/#woonadvies")
        assert [url for url in requests if not url.startswith(demo_server)] == []
        assert not any(link.split("#")[1] in url for url in requests)  # the list never left the phone
    finally:
        phone.close()


def test_keyboard_only_keep_annotate_reorder_and_clear(page, demo_server):
    start(page, demo_server + "organisaties/woonloket/")

    def tab_to(predicate: str, limit: int = 80) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"(el => {predicate})(document.activeElement)"):
                return
        pytest.fail(f"Tab never reached {predicate}")

    for _ in range(2):  # both services of the Woonloket
        tab_to("el.dataset.skDo === 'keep' && el.getAttribute('aria-pressed') === 'false'")
        page.keyboard.press("Enter")
    tab_to("el.classList.contains('sk-list-badge')", 200)
    page.keyboard.press("Enter")
    page.wait_for_url("**/lijst/")
    page.locator(".sk-list-items > li").first.wait_for()
    tab_to("el.id.startsWith('sk-note-')")
    page.keyboard.type("vraag naar Ahmed")
    tab_to("el.dataset.skDo === 'down'")
    page.keyboard.press("Enter")
    assert page.locator(".sk-list-items h2").all_inner_texts() == ["Hulp bij een huurwaarborg", "Advies over wonen"]
    assert page.evaluate("document.activeElement.dataset.skDo") == "up"  # focus stays on the moved item
    assert page.locator(".sk-list-items input").nth(1).input_value() == "vraag naar Ahmed"
    tab_to("el.textContent === 'Lijst wissen'")
    page.keyboard.press("Enter")
    assert page.locator(".sk-list-items > li").count() == 0


@pytest.mark.parametrize("filled", [False, True])
def test_the_list_view_has_no_wcag_violations(page, demo_server, filled):
    start(page, demo_server + ("" if filled else "lijst/"))
    if filled:
        for key in SEVEN[:2]:
            keep(page, demo_server, key)
        open_list(page)
        show_qr(page)
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()
    only_local(page, demo_server)


# ---- hostile input (issue 25 #6, #7): storage and the address give data, never markup ----

HOSTILE = "<img src=x onerror=\"window.skPwned=1;alert(1)\"><script>window.skPwned=2</script>"


def watch_dialogs(page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def assert_no_script_ran(page, dialogs: list[str]) -> None:
    assert dialogs == []
    assert page.evaluate("window.skPwned") is None
    assert page.locator(".sk-list-page img, .sk-list-page script").count() == 0


def store(page, server: str, value: str) -> None:
    """Write this origin's sessionStorage as another page of the origin could, then open the list."""
    page.goto(server + "lijst/", wait_until="networkidle")
    page.evaluate("value => sessionStorage.setItem('sociale-kaart-lijst', value)", value)
    page.reload(wait_until="networkidle")


def tamper(page, change: str) -> None:
    """Rewrite the stored list in place: `change` is a JS body over `items` and `html` (HOSTILE)."""
    page.evaluate("html => { const items = JSON.parse(sessionStorage.getItem('sociale-kaart-lijst')); "
                  + change + "; sessionStorage.setItem('sociale-kaart-lijst', JSON.stringify(items)); }", HOSTILE)


def test_a_list_in_the_old_html_format_is_skipped_with_a_line_and_can_be_cleared(page, demo_server):
    dialogs = watch_dialogs(page)
    start(page, demo_server)
    keep(page, demo_server, SEVEN[1])
    tamper(page, "items.unshift({key: 'woonloket/woonadvies', title: 'Oud', url: 'javascript:x', html, note: ''})")
    open_list(page)
    assert page.locator(".sk-list-items > li").count() == 1  # the good item stays
    assert "Eén dienst op deze lijst is in een oudere of onbekende vorm bewaard" in page.locator(
        ".sk-list-skipped").inner_text()
    assert_no_script_ran(page, dialogs)
    page.get_by_role("button", name="Lijst wissen").click()
    assert page.evaluate("sessionStorage.length") == 0
    assert page.locator(".sk-list-skipped").is_hidden() and page.locator(".sk-list-empty").is_visible()


@pytest.mark.parametrize("value", [
    "not json <img src=x onerror=alert(1)>", '{"html": "<img src=x onerror=alert(1)>"}', '"<b>x</b>"',
    '[{"key": "a/b", "html": "<img src=x onerror=alert(1)>"}, 7, null, "x"]',
])
def test_any_unreadable_list_shows_a_line_and_lijst_wissen_clears_it(page, demo_server, value):
    dialogs = watch_dialogs(page)
    start(page, demo_server)
    store(page, demo_server, value)
    assert page.locator(".sk-list-skipped").is_visible()
    assert page.locator(".sk-list-items > li").count() == 0
    assert_no_script_ran(page, dialogs)
    page.get_by_role("button", name="Lijst wissen").click()
    assert page.evaluate("sessionStorage.length") == 0 and page.locator(".sk-list-skipped").is_hidden()


def test_hostile_texts_in_a_current_item_are_shown_as_text(page, demo_server):
    dialogs = watch_dialogs(page)
    start(page, demo_server)
    keep(page, demo_server, SEVEN[1])
    tamper(page, """const item = items[0];
        Object.assign(item, {title: html, org: html, contact: html, service: html, description: html,
                             note: html.slice(0, 120), unknown: html});
        item.facts.push([html, html]);
        item.places[0].where = html;
        item.places[0].next.push(html)""")
    open_list(page)
    assert page.locator(".sk-list-items > li").count() == 1
    assert page.locator(".sk-list-items h2").inner_text() == HOSTILE
    assert_no_script_ran(page, dialogs)
    link = page.locator(".sk-list-link").get_attribute("href")
    assert link.startswith(demo_server + "lijst/#d=pensioenpunt%2Fpensioen-zitdag&t=%3Cimg")
    page.get_by_role("button", name="Lijst wissen").click()
    assert page.evaluate("sessionStorage.length") == 0


def test_a_hostile_list_address_runs_no_script(page, demo_server):
    dialogs = watch_dialogs(page)
    start(page, demo_server)
    from urllib.parse import quote
    page.goto(demo_server + "lijst/#d=pensioenpunt%2Fpensioen-zitdag&t=" + quote(HOSTILE) + "&n=" + quote(HOSTILE)
              + "&d=javascript%3Aalert(1)&t=x&d=" + quote("a/b\"><img src=x onerror=alert(1)>"),
              wait_until="networkidle")
    items = page.locator(".sk-list-items > li")
    assert items.count() == 1
    assert items.first.locator("a").inner_text() == HOSTILE
    assert items.first.locator("a").get_attribute("href") == demo_server + "organisaties/pensioenpunt/#pensioen-zitdag"
    assert_no_script_ran(page, dialogs)
    assert page.evaluate("sessionStorage.length") == 0


# ---- how many services fit a sheet, over every combination of the demo's services ----

MM = 96 / 25.4  # CSS pixels per millimetre
A4_CONTENT = (210 - 24) * MM, (297 - 24) * MM  # inside the 12 mm margins of @page
MEASURE = """() => {
    const top = el => el.getBoundingClientRect().top + window.scrollY;
    const items = [...document.querySelectorAll('.sk-list-items > li')];
    const gap = parseFloat(getComputedStyle(items[0]).marginBottom);
    const buildings = document.querySelector('.sk-list-buildings');
    const entries = [...buildings.querySelectorAll('li')];
    return {
        head: top(items[0]),
        gap: gap,
        cards: items.map(li => li.getBoundingClientRect().height),
        buildingsTitle: top(entries[0]) - (top(items.at(-1)) + items.at(-1).getBoundingClientRect().height + gap),
        buildings: entries.map(li => li.getBoundingClientRect().height + parseFloat(getComputedStyle(li).marginBottom)),
    };
}"""


def keep_every_service(page, server: str) -> list[dict]:
    """Keep every service of the demo, organisation by organisation; the stored records."""
    page.goto(server + "organisaties/", wait_until="networkidle")
    orgs = page.locator(".md-content a[href*='organisaties/']").evaluate_all(
        "links => [...new Set(links.map(a => a.href))]")
    for url in orgs:
        page.goto(url, wait_until="networkidle")
        page.locator(".sk-handout-buttons:not([hidden]) [data-sk-do=keep]").evaluate_all(
            "buttons => buttons.forEach(b => b.click())")
    return page.evaluate("JSON.parse(sessionStorage.getItem('sociale-kaart-lijst'))")


def print_measures(page, server: str, records: list[dict]) -> dict:
    """Heights in print media at the A4 text width: the header, each card, each building."""
    page.goto(server + "lijst/", wait_until="networkidle")
    page.set_viewport_size({"width": round(A4_CONTENT[0]), "height": 900})
    page.emulate_media(media="print")
    measured = page.evaluate(MEASURE)
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1280, "height": 900})
    buildings = [place["id"] for record in records for place in record["places"]
                 if place["id"] and (place["transport"] or place["access"])]
    measured["building_of"] = dict(zip(dict.fromkeys(buildings), measured["buildings"], strict=True))
    return measured


def predicted_pages(measured: dict, records: list[dict], order: list[int]) -> int:
    """Cards are never split (break-inside: avoid): each goes on the page where it still fits."""
    pages, used = 1, measured["head"]
    blocks = [measured["cards"][i] + measured["gap"] for i in order]
    seen = dict.fromkeys(p["id"] for i in order for p in records[i]["places"] if p["id"] in measured["building_of"])
    heights = [measured["building_of"][b] for b in seen]
    if heights:
        blocks += [measured["buildingsTitle"] + heights[0], *heights[1:]]
    for height in blocks:
        if used + height > A4_CONTENT[1] + 0.5 and used > 0:
            pages, used = pages + 1, 0
        used += height
    return pages


def real_pages(page, server: str, records: list[dict]) -> int:
    page.goto(server + "lijst/", wait_until="networkidle")
    page.evaluate("items => sessionStorage.setItem('sociale-kaart-lijst', JSON.stringify(items))", records)
    page.reload(wait_until="networkidle")
    page.locator(".sk-list-head-qr svg").wait_for(state="attached")
    count = page_count(pdf_of(page))
    page.emulate_media(media="screen")
    return count


def test_three_fit_one_page_and_seven_three_pages_in_99_percent_of_combinations(page, demo_server, artifacts):
    import itertools
    import random
    start(page, demo_server)
    records = keep_every_service(page, demo_server)
    assert len(records) >= 20
    measured = print_measures(page, demo_server, records)
    threes = list(itertools.combinations(range(len(records)), 3))
    three_pages = {combo: predicted_pages(measured, records, list(combo)) for combo in threes}
    rng = random.Random(22)
    sevens = [rng.sample(range(len(records)), 7) for _ in range(20000)]
    seven_pages = [predicted_pages(measured, records, order) for order in sevens]
    share3 = sum(n == 1 for n in three_pages.values()) / len(threes)
    share7 = sum(n <= 3 for n in seven_pages) / len(sevens)
    (artifacts / "meegeven-passend.txt").write_text(
        f"3 diensten op 1 blad: {share3:.2%} van {len(threes)} combinaties\n"
        f"7 diensten op 3 bladen: {share7:.2%} van {len(sevens)} willekeurige lijsten\n"
        f"hoogtes (px): kop {measured['head']:.0f}, kaarten {sorted(round(h) for h in measured['cards'])}\n")
    # The model against real PDFs: the tallest combinations, and a few at random.
    tallest3 = sorted(threes, key=lambda c: -sum(measured["cards"][i] for i in c))[:2]
    tallest7 = sorted(range(len(sevens)), key=lambda k: -sum(measured["cards"][i] for i in sevens[k]))[:1]
    for combo in tallest3 + rng.sample(threes, 2):
        assert real_pages(page, demo_server, [records[i] for i in combo]) == three_pages[combo], combo
    for k in tallest7 + rng.sample(range(len(sevens)), 2):
        assert real_pages(page, demo_server, [records[i] for i in sevens[k]]) == seven_pages[k], sevens[k]
    assert share3 >= 0.99 and share7 >= 0.99, (artifacts / "meegeven-passend.txt").read_text()


# ---- "Versturen" (issue 22 item 6): the user's own app sends; the site sends nothing ----

NO_SHARE = "delete Navigator.prototype.share;"
SHARE = "Navigator.prototype.share = function (data) { window.skShared = data; return Promise.resolve(); };"


def link_parts(href: str) -> dict[str, list[str]]:
    from urllib.parse import parse_qs, urlsplit
    return parse_qs(urlsplit(href).query, keep_blank_values=True)


def test_versturen_without_web_share_offers_encoded_mail_and_sms_links(page, demo_server):
    page.add_init_script(NO_SHARE)
    start(page, demo_server + "organisaties/samen-sterk/")
    before = len(page.requests)
    page.get_by_role("button", name="Versturen").click()
    mail = page.get_by_role("link", name="Per e-mail")
    sms = page.get_by_role("link", name="Per sms")
    assert mail.is_visible() and sms.is_visible()
    assert page.get_by_role("button", name="Versturen").get_attribute("aria-expanded") == "true"
    mail_href, sms_href = mail.get_attribute("href"), sms.get_attribute("href")
    assert mail_href.startswith("mailto:?subject=") and sms_href.startswith("sms:?body=")
    parts = link_parts(mail_href)
    assert sorted(parts) == ["body", "subject"]  # the '&' of "Ontmoeting & hulp" adds no header
    body = parts["body"][0]
    for fact in ("Vzw <Samen> & *Sterk* _Verzinnegem_: Ontmoeting & hulp bij brieven",
                 "Waar: Wijkhuis Noord, Noorderplein 99, 9999 Verzinnegem", "Volgende data: zaterdag 5 december 2026",
                 demo_server + "organisaties/samen-sterk/#samen-sterk-ontmoeting"):
        assert fact in body, (fact, body)
    assert link_parts(sms_href)["body"] == [body]
    assert " " not in mail_href and "&" not in mail_href.split("&body=")[1]
    sent_nothing(page, before)  # nothing left the browser
    only_local(page, demo_server)


def test_versturen_of_the_list_uses_the_web_share_api_where_there_is_one(page, demo_server):
    page.add_init_script(SHARE)
    start(page, demo_server)
    for key in SEVEN[:2]:
        keep(page, demo_server, key)
    open_list(page)
    before = len(page.requests)
    page.get_by_role("button", name="Versturen").click()
    shared = page.evaluate("window.skShared")
    assert shared["title"] == "Voor u meegegeven"
    text = shared["text"]
    for fact in ("Woonloket Verzinnegem: Advies over wonen", "Pensioenpunt Verzinnegem: Zitdag over uw pensioen",
                 "Waar: Sociaal Huis Verzinnegem, Kerkstraat 1, 9999 Verzinnegem",
                 "Volgende data: maandag 30 november 2026",
                 demo_server + "organisaties/woonloket/#woonadvies",
                 demo_server + "organisaties/pensioenpunt/#pensioen-zitdag",
                 "De hele lijst: " + demo_server + "lijst/#d=woonloket%2Fwoonadvies"):
        assert fact in text, (fact, text)
    assert page.locator(".sk-list-send").is_hidden()  # the share sheet did it; no links needed
    sent_nothing(page, before)
