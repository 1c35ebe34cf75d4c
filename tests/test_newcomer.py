"""Another municipality starts: the wheel installed in a fresh virtual environment, no checkout in sight.

One wheel and one environment for the whole module (creating it is most of the
cost: about a minute and a half on a busy machine). Every command and its output
is kept in test-artifacts/newcomer.txt.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ARTIFACTS, ROOT, SOURCE_DATE_EPOCH

from generator.resources import FOLDERS

SERVICES = [
    {"organisatie": "Huurdersbond Nieuwdorp", "beschrijving organisatie": "De Huurdersbond helpt huurders.",
     "dienst": "Advies over uw huurcontract", "beschrijving dienst": "Wij lezen uw huurcontract na.",
     "thema's": "wonen", "toegang": "op afspraak", "gebouw": "Huis van de Huurder", "adres": "Kerkstraat 4",
     "postcode": "9998", "gemeente": "Nieuwdorp", "dagen": "di", "uren": "09:00-12:00",
     "gecontroleerd op": "15-10-2026"},
    {"organisatie": "Huurdersbond Nieuwdorp", "dienst": "Hulp bij de huurwaarborg",
     "beschrijving dienst": "Wij helpen u de huurwaarborg terug te krijgen.", "thema's": "Wonen, geld",
     "gecontroleerd op": "15-10-2026"},
    {"organisatie": "Repair Café Nieuwdorp", "beschrijving organisatie": "Vrijwilligers herstellen samen met u.",
     "dienst": "Herstelcafé", "beschrijving dienst": "Breng uw kapotte spullen mee.", "thema's": "onthaal",
     "talen": "nl", "gecontroleerd op": "01-10-2026"},
]

FILL = """
import json, sys
from openpyxl import load_workbook
book = load_workbook("sociale-kaart.xlsx")
sheet = book["Diensten"]
headers = [cell.value for cell in sheet[1]]
for row in json.loads(sys.argv[1]):
    sheet.append([row.get(header) for header in headers])
book.save("sociale-kaart.xlsx")
"""


class Newcomer:
    """Runs commands with the fresh environment's programs, in a folder far from the checkout; keeps a log."""

    def __init__(self, base: Path, venv: Path):
        self.base, self.bin, self.log = base, venv / "bin", []
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
        self.env = {**env, "PATH": f"{self.bin}{os.pathsep}{env.get('PATH', '')}", "NO_MKDOCS_2_WARNING": "1",
                    "SOURCE_DATE_EPOCH": str(SOURCE_DATE_EPOCH)}

    def run(self, *argv: str, cwd: Path | None = None, shown: str | None = None) -> str:
        result = subprocess.run([str(self.bin / argv[0]), *argv[1:]], cwd=cwd or self.base, env=self.env,
                                capture_output=True, text=True, timeout=600, check=False)
        self.log.append(f"$ {shown or shlex.join(argv)}\n{result.stdout}{result.stderr}")
        assert result.returncode == 0, self.log[-1]
        return result.stdout + result.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "--disable-pip-version-check", "-w", str(folder), str(ROOT)], check=True, timeout=300)
    return next(folder.glob("sociale_kaart-*.whl"))


@pytest.fixture(scope="module")
def newcomer(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Newcomer:
    base = tmp_path_factory.mktemp("newcomer")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    str(wheel)], check=True, timeout=900)
    assert not (base / "generator").exists() and ROOT not in base.parents
    return Newcomer(base, venv)


def test_the_wheel_carries_every_shared_file(wheel: Path) -> None:
    """Whatever is added to site_templates/, overrides/, docs/, demo/map/ or schema/ is packaged too."""
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in FOLDERS:
        source = ROOT / folder
        files = [source] if source.is_file() else [p for p in source.rglob("*") if p.is_file()]
        for path in files:
            assert f"generator/bundled/{path.relative_to(ROOT).as_posix()}" in names, path
    templates = [p for p in (ROOT / "generator" / "editors" / "templates").rglob("*") if p.is_file()]
    assert templates and all(p.relative_to(ROOT).as_posix() in names for p in templates)


def test_the_wheel_carries_the_pinned_browser_code(wheel: Path) -> None:
    """The form editor and the QR encoder come from node_modules/ (npm ci) into the wheel, byte for byte."""
    from generator.resources import BROWSER_CODE, browser_files

    archive = zipfile.ZipFile(wheel)
    compared = 0
    for package in BROWSER_CODE:
        lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
        installed = json.loads((ROOT / "node_modules" / package / "package.json").read_text(encoding="utf-8"))
        assert installed["version"] == lock[f"node_modules/{package}"]["version"], package
        for path in browser_files(ROOT, package):
            name = f"generator/bundled/{path.relative_to(ROOT).as_posix()}"
            assert archive.read(name) == path.read_bytes(), name
            compared += 1
    assert compared > 90  # decap-cms.js, its ~95 chunks and licence, qrcode.js


def test_a_wheel_without_npm_ci_says_so_in_dutch(tmp_path: Path) -> None:
    """hatch_build.py on a tree without node_modules/: one Dutch line, no traceback."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    hook_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook_module)
    (tmp_path / "generator").mkdir()
    (tmp_path / "generator" / "resources.py").write_bytes((ROOT / "generator" / "resources.py").read_bytes())
    hook = hook_module.BrowserCodeHook(str(tmp_path), {}, None, None, str(tmp_path), "wheel")
    with pytest.raises(SystemExit) as stopped:
        hook.initialize("standard", {"force_include": {}})
    assert "Voer eerst 'npm ci' uit" in str(stopped.value)


def test_the_sdist_builds_the_same_wheel(wheel: Path, tmp_path: Path) -> None:
    """The sdist holds the top-level source folders, so a wheel built from it carries them too."""
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
                   cwd=ROOT, check=True, timeout=300, capture_output=True)
    sdist = next(tmp_path.glob("sociale_kaart-*.tar.gz"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "--disable-pip-version-check", "-w", str(tmp_path / "from-sdist"), str(sdist)],
                   check=True, timeout=300)
    rebuilt = next((tmp_path / "from-sdist").glob("sociale_kaart-*.whl"))
    assert sorted(zipfile.ZipFile(rebuilt).namelist()) == sorted(zipfile.ZipFile(wheel).namelist())


def test_a_municipality_starts_from_the_wheel(newcomer: Newcomer) -> None:
    site = newcomer.base / "gemeente"
    newcomer.run("sociale-kaart", "init", "gemeente")
    for name in ("mkdocs.yml", "map/site.yaml", "sociale-kaart.xlsx", "README.md", ".github/workflows/publish.yml",
                 ".pre-commit-config.yaml"):
        assert (site / name).is_file(), name
    assert not (site / "site_templates").exists() and not (site / "overrides").exists()
    newcomer.run("python", "-c", FILL, json.dumps(SERVICES), cwd=site,
                 shown="python fill.py  # three rows into sociale-kaart.xlsx")
    dry = newcomer.run("sociale-kaart", "import", "sociale-kaart.xlsx", cwd=site)
    assert "- Nieuwe organisatie: Huurdersbond Nieuwdorp" in dry and "er is niets geschreven" in dry
    assert not (site / "map" / "organisations" / "huurdersbond-nieuwdorp.yaml").exists()
    newcomer.run("sociale-kaart", "import", "sociale-kaart.xlsx", "--write", cwd=site)
    assert "geen problemen gevonden (18 organisaties, 4 locaties" in newcomer.run("sociale-kaart", "check", "map",
                                                                                  cwd=site)
    newcomer.run("mkdocs", "build", "--strict", cwd=site)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "newcomer.txt").write_text("\n".join(newcomer.log), encoding="utf-8")
    for org_id, service in [("huurdersbond-nieuwdorp", "Advies over uw huurcontract"),
                            ("huurdersbond-nieuwdorp", "Hulp bij de huurwaarborg"),
                            ("repair-cafe-nieuwdorp", "Herstelcafé")]:
        assert service in (site / "site" / "organisaties" / org_id / "index.html").read_text(encoding="utf-8")
    theme = (site / "site" / "themas" / "wonen" / "index.html").read_text(encoding="utf-8")
    assert "Huurdersbond Nieuwdorp" in theme
    about = (site / "site" / "over-deze-kaart" / "index.html").read_text(encoding="utf-8")
    assert "in het Sociaal Huis Verzinnegem:" in about and "Mechelen" not in about


def test_the_sites_own_files_win_over_the_packaged_ones(newcomer: Newcomer) -> None:
    site = newcomer.base / "eigen"
    newcomer.run("sociale-kaart", "init", "eigen")
    (site / "docs" / "over-deze-kaart.md").write_text("# Over deze kaart\n\nEigen tekst van {{ gemeente }}.\n",
                                                      encoding="utf-8")
    (site / "site_templates").mkdir()
    (site / "site_templates" / "_source.html.j2").write_text("EIGEN BRON {{ source.supports }}\n", encoding="utf-8")
    (site / "overrides" / "partials").mkdir(parents=True)
    (site / "overrides" / "partials" / "copyright.html").write_text("<p>EIGEN VOETTEKST</p>\n", encoding="utf-8")
    newcomer.run("mkdocs", "build", "--strict", cwd=site)
    about = (site / "site" / "over-deze-kaart" / "index.html").read_text(encoding="utf-8")
    assert "Eigen tekst van Verzinnegem." in about and "EIGEN VOETTEKST" in about
    org = (site / "site" / "organisaties" / "leefloon" / "index.html").read_text(encoding="utf-8")
    assert "EIGEN BRON" in org
    assert 'class="md-header' in org and "sociale-kaart.css" in org  # the packaged overrides and CSS still apply


MESSY = """
import sys
from openpyxl import Workbook
headers = sys.argv[1].split("|")
book = Workbook()
sheet = book.active
sheet.title = "Diensten"
sheet.append(["Sociale kaart Lier, lijst van oktober 2026"])  # a title row above the column names
sheet.append(headers)
rows = [
    {"organisatie": "Buurtwerk Lier", "beschrijving organisatie": "Buurtwerk helpt buren elkaar te helpen.",
     "dienst": "Zitdag", "beschrijving dienst": "Kom langs met uw vraag.", "thema's": "Onthaal",
     "gebouw": "Sociaal Huis Lier", "zaal": "Zaal 2", "opmerking": "Bel aan bij de zijdeur",
     "dagen": "De 1ste dinsdag van de maand: 09:00–12:00", "uitzonderingen": "niet op 1 december 2026",
     "gecontroleerd op": "15-10-2026"},
    {"organisatie": "Buurtwerk Lier", "dienst": "Koffie", "beschrijving dienst": "Een tas koffie en een babbel.",
     "thema's": "onthaal", "dagen": "om de twee weken op donderdag, vanaf 3 september 2026",
     "uren": "14:00-16:00", "gecontroleerd op": "15-10-2026"},
]
for row in rows:
    sheet.append([row.get(header) for header in headers])
book.save("lijst.xlsx")
"""


def test_a_municipality_starts_empty_and_imports_its_own_messy_sheet(newcomer: Newcomer) -> None:
    """init --empty, a sheet with a title row, the site's rule wordings, a room, a note and an exception."""
    from generator.editors.columns import COLUMNS

    site = newcomer.base / "lier"
    newcomer.run("sociale-kaart", "init", "--empty", "lier", "--municipality", "Lier", "--name", "Sociaal Huis Lier",
                 "--street", "Kerkstraat 1", "--postal-code", "2500", "--phone", "03 800 00 00")
    newcomer.run("python", "-c", MESSY, "|".join(column.header for column in COLUMNS), cwd=site,
                 shown="python messy.py  # a title row, the site's wordings, room, note, exception")
    out = newcomer.run("sociale-kaart", "import", "lijst.xlsx", "--write", cwd=site)
    assert "de kolomnamen staan in rij 2, niet in rij 1" in out and "- Nieuwe organisatie: Buurtwerk Lier" in out
    assert "geen problemen gevonden (2 organisaties, 1 locatie" in newcomer.run("sociale-kaart", "check", "map",
                                                                               cwd=site)
    newcomer.run("mkdocs", "build", "--strict", cwd=site)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "newcomer-empty.txt").write_text("\n".join(newcomer.log), encoding="utf-8")
    page = (site / "site" / "organisaties" / "buurtwerk-lier" / "index.html").read_text(encoding="utf-8")
    assert "De 1ste dinsdag van de maand: 09:00–12:00" in page and "Elke dinsdag" not in page
    assert "Om de twee weken op donderdag (vanaf 3 september 2026): 14:00–16:00" in page
    assert "Zaal 2" in page and "Bel aan bij de zijdeur" in page
    assert not (site / "site" / "voor-besturen").exists()
