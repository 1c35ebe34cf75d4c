"""Where the folders every site shares are: in the installed package, or in a checkout.

The repository keeps site_templates/, overrides/, docs/, demo/map/ and schema/ at
the top level: they are the source. A wheel carries copies of them under
generator/bundled/ (hatchling's force-include in pyproject.toml). An editable
install or a test run from a checkout has no generator/bundled/ and reads the
top-level folders. Package-neutral: the build and the editors both use it.
(An editable install also copies the folders into site-packages/generator/bundled/;
nothing reads that copy, because this module looks beside itself, in the checkout.)

Pages in docs/ may hold the placeholders below; the build replaces them with the
names in the site's own site.yaml, so a packaged page speaks of the municipality
that uses it, not of Mechelen.
"""

from __future__ import annotations

from pathlib import Path

BUNDLED = Path(__file__).resolve().parent / "bundled"
CHECKOUT = Path(__file__).resolve().parents[1]
FOLDERS = ("site_templates", "overrides", "docs", "demo/map", "demo/mkdocs.yml", "schema")


# Browser code the site serves, from the npm packages pinned in package-lock.json: git
# holds none of it. A checkout reads node_modules/ (filled by `npm ci`, which
# scripts/install runs); the wheel carries the same files under
# generator/bundled/node_modules/ (hatch_build.py copies them at build time).
BROWSER_CODE = {
    "decap-cms": ("dist/*decap-cms.js", "dist/decap-cms.js.LICENSE.txt"),  # the form editor, /admin/
    "qrcode-generator": ("dist/qrcode.js",),  # the client list's QR code, drawn in the browser
}


class MissingResource(Exception):
    """The package was installed without its shared folders (a broken build of the wheel)."""


def resource(name: str) -> Path:
    """The shared folder or file ``name`` (one of FOLDERS): the packaged copy, else the checkout's."""
    for base in (BUNDLED, CHECKOUT):
        if (base / name).exists():
            return base / name
    raise MissingResource(f"de map {name} ontbreekt in het pakket ({BUNDLED}); installeer sociale-kaart opnieuw")


def placeholders(site) -> dict[str, str]:
    """The placeholders a shared page may use, with this site's values (``site``: site.yaml's record)."""
    return {"{{ naam }}": site.name, "{{ gemeente }}": site.municipality,
            "{{ bronleeftijd }}": str(site.source_max_age_years)}


def fill_in(text: str, values: dict[str, str]) -> str:
    """``text`` with every placeholder replaced; other text, braces included, stays as it is."""
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def browser_files(root: Path, package: str) -> list[Path]:
    """The files of ``package`` named in BROWSER_CODE under ``root``/node_modules ([] if absent)."""
    folder = root / "node_modules" / package
    return sorted(path for pattern in BROWSER_CODE[package] for path in folder.glob(pattern))


def browser_code(package: str) -> list[Path]:
    """The browser files of ``package``: the packaged copy, else the checkout's node_modules/."""
    for base in (BUNDLED, CHECKOUT):
        if found := browser_files(base, package):
            return found
    raise MissingResource(f"de browsercode van {package} ontbreekt (node_modules/{package}); "
                          f"voer eerst 'npm ci' uit in {CHECKOUT} en bouw dan opnieuw")
