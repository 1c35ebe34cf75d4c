"""QR codes of service addresses, drawn at build time as small inline SVG.

zxing-cpp encodes them (its writer is zint, in C) in about 0.45 ms a code, and
the path takes 0.25 ms more; segno, pure Python, needs 9-11 ms a code with its
mask search. At 10,000 organisations (14,380 services) that is about 10 s of CPU
shared by the two build processes, instead of about 2.5 minutes
(benchmarks/README.md, "QR codes", has the measurement).
"""

from __future__ import annotations

import functools

import zxingcpp
from markupsafe import Markup

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
LIGHT = b"\xff"  # in zxing-cpp's module image; 0 is a dark module


@functools.lru_cache(maxsize=1024)
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
    Splitting a row on light modules is faster than a regular expression.
    """
    parts = []
    for y in range(width):
        x, end = 0, None
        for run in modules[y * width:(y + 1) * width].split(LIGHT):
            if run:
                parts.append(f"M{x} {y}.5h{len(run)}" if end is None else f"m{x - end} 0h{len(run)}")
                end = x + len(run)
            x += len(run) + 1
    return "".join(parts)
