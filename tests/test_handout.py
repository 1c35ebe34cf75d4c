"""'Meegeven' without a browser: the QR codes drawn at build time, the list page in the plan,
the vendored QR encoder for the client's list (tests/test_handout_browser.py prints and scans)."""

from __future__ import annotations

import hashlib
import re

import zxingcpp
from conftest import ROOT
from PIL import Image, ImageDraw

from generator.data.dataset import load_dataset
from generator.site.pages import LIST_URI, plan_pages
from generator.site.qr import QUIET_ZONE, qr_svg
from generator.site.render import environment, render_body

# qrcode-generator 2.0.4 from npm (package-lock.json), dist/qrcode.js; the build serves it
# at assets/vendor/qrcode-generator.js (generator/assemble/site_folders.py).
NPM_QR = ROOT / "node_modules" / "qrcode-generator" / "dist" / "qrcode.js"
QR_SHA256 = "79ec86f82856005b1c887905cfccfcfbec3821ca61c7fd5a952faa5f778f791c"
ADDRESS = "https://sociale-kaart.example/organisaties/pensioenpunt/#pensioen-zitdag"


def draw(svg: str, scale: int = 8) -> Image.Image:
    """The SVG's stroked runs ('Mx y.5hW', then 'mDX 0hW' in the same row) drawn black on white."""
    size = int(re.search(r'viewBox="\S+ \S+ (\d+) ', svg).group(1))
    image = Image.new("L", (size * scale, size * scale), 255)
    pen = ImageDraw.Draw(image)
    x = y = 0
    for move, dx, dy, length in re.findall(r"([Mm])(\d+) (\d+)(?:\.5)?h(\d+)", svg):
        x, y = (int(dx), int(dy)) if move == "M" else (x + int(dx), y)
        left, top = (x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale
        pen.rectangle([left, top, left + int(length) * scale - 1, top + scale - 1], fill=0)
        x += int(length)
    return image


def test_a_service_qr_code_reads_back_as_its_address():
    codes = zxingcpp.read_barcodes(draw(str(qr_svg(ADDRESS))), formats=zxingcpp.BarcodeFormat.QRCode)
    assert [code.text for code in codes] == [ADDRESS]


def test_qr_codes_are_small_inline_svg_made_once_per_address():
    svg = qr_svg(ADDRESS)
    assert svg is qr_svg(ADDRESS)
    assert svg.startswith('<svg class="sk-qr" viewBox=') and "pensioenpunt" not in svg
    assert len(svg) < 4000


def test_the_list_page_is_planned_outside_search():
    pages = {page.uri: page for page in plan_pages(load_dataset(ROOT / "demo" / "map"))}
    assert pages[LIST_URI].template == "list.html.j2" and pages[LIST_URI].search_type is None


def test_every_service_carries_its_handout_and_qr_only_with_a_site_url():
    pages = plan_pages(load_dataset(ROOT / "demo" / "map"))
    page = next(p for p in pages if p.uri == "organisaties/woonloket.md")
    with_url = render_body(environment(ROOT / "site_templates", "https://kaart.example/"), page)
    assert re.findall(r'data-sk-key="([^"]+)"', with_url) == ["woonloket/woonadvies", "woonloket/huurwaarborg"]
    assert "https://kaart.example/organisaties/woonloket/#huurwaarborg" in with_url
    assert with_url.count('<svg class="sk-qr"') == 2
    without = render_body(environment(ROOT / "site_templates"), page)
    assert "sk-qr" not in without and without.count('data-sk-do="keep"') == 2


def test_the_served_qr_encoder_is_the_pinned_release(demo_site):
    served = demo_site / "assets" / "vendor" / "qrcode-generator.js"
    assert hashlib.sha256(served.read_bytes()).hexdigest() == QR_SHA256
    assert served.read_bytes() == NPM_QR.read_bytes()
