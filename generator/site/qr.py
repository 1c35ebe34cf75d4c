"""QR codes of service addresses, drawn at build time as small inline SVG.

zxing-cpp encodes them (its writer is zint, in C) in about 0.45 ms a code, and
the path takes 0.1 ms more; segno, pure Python, needs 9-11 ms a code with its
mask search. At 10,000 organisations (14,380 services) that is about 8 s of CPU
shared by the two build processes, instead of about 2.5 minutes
(benchmarks/README.md, "QR codes", has the measurement). A code depends only on
its text, the library and the drawing below, so the build keeps them between
builds (assemble/qr_cache.py) and draws only addresses it has not seen.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable

import zxingcpp
from markupsafe import Markup

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks
LIGHT, DARK = 0xFF, 0x00  # in zxing-cpp's module image
RUN = ord("x")  # what a module of the kind being split on becomes (anything else is a space)
ASCII_SPACE = frozenset(b" \t\n\r\x0b\x0c")  # what bytes.split() splits on
# Row marks: byte values that are neither a module nor a space nor RUN; the first ends the image.
MARKS = [value for value in range(1, 255) if value not in ASCII_SPACE and value != RUN]
END, ROW_MARKS = MARKS[0], [bytes((value,)) for value in MARKS[1:]]
ROW_OF_MARK = {value: y for y, value in enumerate(MARKS[1:])}
# bytes.translate tables: keep only the dark runs, or only the light runs and the row marks.
DARK_RUNS = bytes(RUN if value == DARK else ord(" ") for value in range(256))
LIGHT_RUNS = bytes(ord(" ") if value == DARK else RUN if value == LIGHT else value for value in range(256))


# What a kept code was made with: another zxing-cpp, or a change to the drawing, draws anew.
DRAWING = f"zxing-cpp {importlib.metadata.version('zxing-cpp')}, stroked runs 1"
DRAWN: dict[str, Markup] = {}  # text -> its code: drawn in this process, or kept from earlier builds
FRESH: list[str] = []  # the texts this process drew itself (to keep for the next build)


def qr_svg(text: str) -> Markup:
    """An SVG QR code of `text` (error correction M), sized by CSS; drawn once per text."""
    if (svg := DRAWN.get(text)) is None:
        svg = DRAWN[text] = draw_qr(text)
        FRESH.append(text)
    return svg


def draw_qr(text: str) -> Markup:
    """Encode and draw one code."""
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
    A loop over the modules in Python took about 0.2 ms a code; here C does the walking:
    with a mark before each row, the image is light (or marked) and dark runs in
    turn, each becomes one step of the path, and steps are looked up, not formatted.
    """
    marked = b"".join(map(bytes.__add__, ROW_MARKS[:width], rows(modules, width))) + bytes((END,))
    lights = marked.translate(LIGHT_RUNS).split()
    darks = marked.translate(DARK_RUNS).split()
    steps = [""] * (len(lights) + len(darks))
    steps[::2] = map(LIGHT_STEPS.__getitem__, lights)
    steps[1::2] = map(DARK_STEPS.__getitem__, darks)
    return "".join(steps)


def rows(modules: bytes, width: int) -> list[bytes]:
    return [modules[start:start + width] for start in range(0, width * width, width)]


def light_step(run: bytes) -> str:
    """The step over light modules: a gap in a row ('m2 0'), or a move to the next row's first run.

    A run with a row mark is the end of one row and the start of the next (all
    light rows in between have nothing to draw); after the last row it is nothing.
    """
    start = run.rstrip(bytes((RUN,)))
    if not start:
        return f"m{len(run)} 0"
    if start[-1] == END:
        return ""
    return f"M{len(run) - len(start)} {ROW_OF_MARK[start[-1]]}.5"


def dark_step(run: bytes) -> str:
    return f"h{len(run)}"


class Steps(dict):
    """Path steps by run, each worked out once per process (there are a few thousand)."""

    def __init__(self, step: Callable[[bytes], str]) -> None:
        super().__init__()
        self.step = step

    def __missing__(self, run: bytes) -> str:
        text = self[run] = self.step(run)
        return text


LIGHT_STEPS, DARK_STEPS = Steps(light_step), Steps(dark_step)
