"""QR codes of service addresses, drawn at build time as small inline SVG.

zxing-cpp writes them (its encoder is zint, in C): about 0.4 ms a code,
where segno, pure Python, needs about 9 ms with its mask search. At 10,000
organisations (some 14,000 services) that is 5 s of build time instead of 2 minutes
(benchmarks/README.md has the measurement).
"""

from __future__ import annotations

import functools
import re

import zxingcpp
from markupsafe import Markup

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
PATH = re.compile(r'<path d="([^"]*)"')
SIZE = re.compile(r'<svg width="(\d+)"')


@functools.lru_cache(maxsize=4096)
def qr_svg(text: str) -> Markup:
    """An SVG QR code of `text` (error correction M), sized by CSS; one per text per build."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    svg = code.to_svg(add_quiet_zones=False)
    size = int(SIZE.search(svg).group(1)) + 2 * QUIET_ZONE
    path = PATH.search(svg).group(1)
    return Markup(
        f'<svg class="sk-qr" viewBox="-{QUIET_ZONE} -{QUIET_ZONE} {size} {size}" aria-hidden="true">'
        f'<rect x="-{QUIET_ZONE}" y="-{QUIET_ZONE}" width="{size}" height="{size}" fill="#fff"/>'
        f'<path d="{path}"/></svg>'
    )
