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
DARK_RUN = re.compile(rb"\x00+")  # zxing-cpp's module image: 0 is a dark module


@functools.lru_cache(maxsize=4096)
def qr_svg(text: str) -> Markup:
    """An SVG QR code of `text` (error correction M), sized by CSS; one per text per build."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    modules = memoryview(code.to_image(scale=1, add_quiet_zones=False))
    size = modules.shape[0] + 2 * QUIET_ZONE
    return Markup(
        f'<svg class="sk-qr" viewBox="-{QUIET_ZONE} -{QUIET_ZONE} {size} {size}" aria-hidden="true">'
        f'<rect x="-{QUIET_ZONE}" y="-{QUIET_ZONE}" width="{size}" height="{size}" fill="#fff"/>'
        f'<path stroke="#000" d="{dark_runs(modules.tobytes(), modules.shape[0])}"/></svg>'
    )


def dark_runs(modules: bytes, width: int) -> str:
    """The dark modules as one stroked line per run, each row's runs relative to the one before.

    About half the bytes of a rectangle per run ('M4 7.5h3m2 0h1' for two runs).
    """
    parts = []
    for y in range(width):
        end = None
        for run in DARK_RUN.finditer(modules, y * width, (y + 1) * width):
            x, length = run.start() - y * width, run.end() - run.start()
            parts.append(f"M{x} {y}.5h{length}" if end is None else f"m{x - end} 0h{length}")
            end = x + length
    return "".join(parts)
