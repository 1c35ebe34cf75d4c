"""The editors' pages of the built demo site: the work list, the completeness figures on
"Over deze kaart", the verification sheets, and the citizens' "Klopt er iets niet?"."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pypdfium2 as pdfium
import pytest
import yaml
import zxingcpp
from conftest import ROOT
from pypdf import PdfReader
from sitehtml import file_for, parse

from generator.data.dataset import load_dataset
from generator.site.pages import plan_pages, sheet_pages
from generator.site.render import environment, render_body

DEMO_MAP = ROOT / "demo" / "map"
REPOSITORY = "https://github.com/sociale-kaart/sociale-kaart"
ORGS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((DEMO_MAP / "organisations").glob("*.yaml"))}
ACTIVE = sorted(org_id for org_id, org in ORGS.items() if org.get("status") != "ended")


def page(site: Path, url_path: str):
    return parse(file_for(site, url_path), site)


def test_work_list_page(demo_site):
    html = page(demo_site, "/werklijst/")
    assert html.h1 == "Werklijst: wat ontbreekt nog?"
    assert "Dagen bekend voor 12 van 13 spreekuren in het huis." in html.content
    first = html.find("section", "sk-work")[0]
    assert first.attrs["id"] == "organisations-sociaal-verhuurkantoor"
    assert html.find("a", href="../admin/#/collections/organisations/entries/sociaal-verhuurkantoor")
    assert html.find("a", href="../admin/#/collections/locations/entries/wijkhuis-noord")
    svk = (DEMO_MAP / "organisations" / "sociaal-verhuurkantoor.yaml").read_text(encoding="utf-8").splitlines()
    hours = next(number for number, line in enumerate(svk, 1) if line.strip() == "hours: unknown")
    assert html.find("a", href=f"{REPOSITORY}/blob/main/demo/map/organisations/sociaal-verhuurkantoor.yaml#L{hours}")
    (whom,) = html.find("p", "sk-work-contact", inside="sk-work")[:1]
    assert whom.text == "Vragen aan: 099 00 00 05, info@svk.example.org"
    assert html.find("a", href="tel:099000005") and html.find("a", href="mailto:info@svk.example.org")
    assert html.find("a", href="../controleblad/sociaal-verhuurkantoor.html")
    assert "data-pagefind-body" not in file_for(demo_site, "/werklijst/").read_text(encoding="utf-8")


def test_editors_pages_are_not_in_the_citizens_navigation(demo_site):
    home = file_for(demo_site, "/").read_text(encoding="utf-8")
    tabs = home[home.index('class="md-tabs"'):home.index("</nav>", home.index('class="md-tabs"'))]
    assert "werklijst" not in tabs and "controleblad" not in tabs


def test_over_deze_kaart_shows_the_figures(demo_site):
    html = page(demo_site, "/over-deze-kaart/")
    assert "Talen bekend voor 19 van 22 diensten." in html.content
    assert "volledigheid }}" not in file_for(demo_site, "/over-deze-kaart/").read_text(encoding="utf-8")
    assert html.link_to("/werklijst/")


def test_correction_is_a_prefilled_email(demo_site):
    html = page(demo_site, "/organisaties/woonloket/")
    (link,) = html.find("a", inside="sk-correction")
    address = urlsplit(link.attrs["href"])
    assert (address.scheme, address.path) == ("mailto", "redactie@example.org")
    query = parse_qs(address.query)
    assert query["subject"] == [f"Klopt er iets niet? {ORGS['woonloket']['name']}"]
    body = query["body"][0]
    assert "/organisaties/woonloket/\n" in body and body.startswith("Pagina: http://127.0.0.1:")
    assert "Gegevens: demo/map/organisations/woonloket.yaml" in body
    assert html.link_to("/controleblad/woonloket.html"), "the staff's way to the sheet"


def test_without_editorial_address_the_desk_is_named():
    """The real map has no public editorial address (mechelen-facts.md): the desk and its free number."""
    data = load_dataset(ROOT / "map")
    assert data.site.editorial_email is None
    planned = next(p for p in plan_pages(data) if p.uri == "organisaties/bcpa.md")
    body = render_body(environment(ROOT / "site_templates", "https://kaart.example/"), planned)
    assert "mailto:" not in body
    assert ("Klopt er iets niet?\nMeld het aan het onthaal van Sociaal Huis Mechelen of bel gratis "
            '<a href="tel:080020800">0800 20 800</a>.') in body


@pytest.mark.parametrize("org_id", sorted(ORGS))
def test_a_verification_sheet_per_organisation(demo_site, org_id):
    path = demo_site / "controleblad" / f"{org_id}.html"
    if org_id not in ACTIVE:
        assert not path.exists(), "an ended organisation has nothing left to check"
        return
    html = page(demo_site, f"/controleblad/{org_id}.html")
    org = ORGS[org_id]
    assert html.h1 == f"Klopt dit nog? {org['name']}"
    text = " ".join(e.text for e in html.elements if e.tag == "main")
    for source in org["sources"]:
        assert " ".join(source["supports"].split()) in text
    assert html.find("a", href=f"../admin/#/collections/organisations/entries/{org_id}")
    assert html.find("a", href=f"{REPOSITORY}/blob/main/demo/map/organisations/{org_id}.yaml")
    assert not html.find("nav", "md-tabs") and not html.find("header")


def test_unknown_facts_get_an_empty_line(demo_site):
    html = page(demo_site, "/controleblad/sociaal-verhuurkantoor.html")
    unknown = [row.text for row in html.find("tr", "sk-sheet-unknown")]
    assert "Afspraak nodig? Nog niet bekend:" in unknown
    assert "Wanneer Nog niet bekend:" in unknown
    assert len(html.find("span", "sk-sheet-line")) == len(unknown) + 2  # and two to sign


def printed(page, url: str) -> bytes:
    page.goto(url, wait_until="networkidle")
    return page.pdf(format="A4", print_background=True)


@pytest.mark.parametrize("org_id", ACTIVE)
def test_each_sheet_prints_on_one_a4_without_screen_parts(page, demo_server, artifacts, org_id):
    pdf = printed(page, f"{demo_server}controleblad/{org_id}.html")
    (artifacts / f"sheet-{org_id}.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1, f"{org_id}: {len(reader.pages)} A4 pages"
    text = unicodedata.normalize("NFKC", reader.pages[0].extract_text())  # 'ﬂ' ligatures → 'fl'
    assert f"Klopt dit nog? {ORGS[org_id]['name']}" in " ".join(text.split())
    assert "Voor de redactie" not in text and "Afdrukken" not in text
    assert page.requests and all(url.startswith(demo_server) for url in page.requests)
    assert "Ingevuld door:" in text and "(None)" not in text


@pytest.mark.parametrize("org_id", ACTIVE)
def test_the_whole_table_is_inside_the_printed_page(page, demo_server, org_id):
    """Every cell's right border inside the A4 page's printable width (186 mm at 96 dpi)."""
    page.set_viewport_size({"width": 702, "height": 1000})
    page.emulate_media(media="print")
    page.goto(f"{demo_server}controleblad/{org_id}.html", wait_until="networkidle")
    widest = page.evaluate("() => Math.max(...[...document.querySelectorAll('table, th, td')]"
                           ".map(cell => cell.getBoundingClientRect().right))")
    assert widest <= page.evaluate("() => document.documentElement.clientWidth"), org_id


def test_the_printed_qr_code_opens_the_form_at_the_organisation(page, demo_server, artifacts):
    pdf = printed(page, f"{demo_server}controleblad/dienstencentrum.html")
    picture = pdfium.PdfDocument(pdf)[0].render(scale=4).to_pil().convert("L")
    picture.save(artifacts / "sheet-dienstencentrum.png")
    codes = [code.text for code in zxingcpp.read_barcodes(picture)]
    assert len(codes) == 1 and codes[0].startswith("http"), codes  # the site's own address (site_url)
    assert codes[0].endswith("/admin/#/collections/organisations/entries/dienstencentrum")


def test_sheet_print_preview(page, demo_server, artifacts):
    """A picture of the printed sheet, for people to look at (test-artifacts/sheet-print.png)."""
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(f"{demo_server}controleblad/huis-van-het-kind.html", wait_until="networkidle")
    page.emulate_media(media="print")
    page.screenshot(path=str(artifacts / "sheet-print.png"), full_page=True)
    assert not page.locator("nav.sk-screen").is_visible()


def sheet_html(data, org_id: str) -> str:
    """One organisation's sheet as the build writes it, with a site address (for the link and QR)."""
    page = next(p for p in sheet_pages(data) if p.context["org"].id == org_id)
    return render_body(environment(ROOT / "site_templates", "https://kaart.example/"), page)


def test_the_sheet_prints_every_kind_of_source():
    """A web address, the file an import read, a person who confirmed it (never '(None)')."""
    data = load_dataset(DEMO_MAP)
    org = data.organisations["dienstencentrum"]
    by_phone = org.sources[0].model_copy(update={"url": None, "confirmed_by": "Dienstencentrum De Linde, telefonisch",
                                                 "supports": "Uren bevestigd"})
    read = org.sources[0].model_copy(update={"url": None, "file": "lijst.xlsx", "supports": "Ingelezen"})
    org.sources.extend([read, by_phone])  # in place: the dataset knows its records by identity
    html = sheet_html(data, "dienstencentrum")
    assert "None" not in html
    address = org.sources[0].url.removeprefix("https://")  # without https://: the sheet is one A4
    assert f"<li>{org.sources[0].supports} ({address}, gelezen " in html
    assert "<li>Ingelezen (bestand lijst.xlsx" in html
    assert "<li>Uren bevestigd (bevestigd door Dienstencentrum De Linde, telefonisch" in html


def test_the_sheet_has_notes_labels_accessibility_and_the_confirmation_line():
    html = sheet_html(load_dataset(DEMO_MAP), "dienstencentrum")
    assert "Vanaf januari 2027 ook op zaterdag: Elke zaterdag: 10:00–12:00" in html  # the rule's label
    assert "Opmerking: Om de twee weken op donderdag. Breng uw toestel en uw wachtwoorden mee." in html
    assert "<th scope=\"row\">Toegankelijkheid Dienstencentrum De Linde</th>" in html
    assert "Rolstoeltoegankelijk: beperkt; Toegang zonder trappen: beperkt; Lift: ja." in html
    assert 'Ingevuld door: <span class="sk-sheet-line"></span> op:' in html
    assert 'bevestigd hebt (een bron "bevestigd door")' in html
    form = "https://kaart.example/admin/#/collections/organisations/entries/dienstencentrum"
    assert f"formulier ({form})" in html and '<svg class="sk-qr"' in html
    # nothing a script-src 'self' policy blocks: no handler attributes, scripts only as files
    assert "onclick" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)
