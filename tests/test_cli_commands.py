"""The editors' commands: new, stale, diff (folders and git), init (a scaffold that builds strictly)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, mkdocs_build

from generator.editors.cli import main

DEMO_MAP = ROOT / "demo" / "map"


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """A writable copy of the demo map."""
    return Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_new_organisation_passes_check_and_never_overwrites(demo_copy: Path, capsys) -> None:
    code, out = run(capsys, "new", "organisation", "buurtwerk", "--map", str(demo_copy))
    assert code == 0, out
    path = demo_copy / "organisations" / "buurtwerk.yaml"
    text = path.read_text(encoding="utf-8")
    assert "hours: unknown" in text and "access: unknown" in text and "TODO" not in text
    assert run(capsys, "check", str(demo_copy))[0] == 0
    code, out = run(capsys, "new", "organisation", "buurtwerk", "--map", str(demo_copy))
    assert code == 1 and "niet overschreven" in out
    assert path.read_text(encoding="utf-8") == text


def test_new_rejects_a_bad_id(demo_copy: Path, capsys) -> None:
    code, out = run(capsys, "new", "organisation", "Geen Id", "--map", str(demo_copy))
    assert code == 1 and "geen geldige id" in out


def test_stale_lists_old_records(capsys, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23
    code, out = run(capsys, "stale", "--older-than", "12m", str(DEMO_MAP))
    assert code == 0
    assert "werkpunt.yaml" in out and "sociaal-verhuurkantoor.yaml" in out
    assert "dienstencentrum.yaml" not in out
    assert "2 records langer dan 12 maanden" in out
    code, out = run(capsys, "stale", "--older-than", "40d", str(DEMO_MAP))
    assert code == 0 and "dienstencentrum.yaml" not in out and "kledingwinkel.yaml" in out


def test_stale_rejects_a_bad_age(capsys) -> None:
    code, out = run(capsys, "stale", "--older-than", "een jaar", str(DEMO_MAP))
    assert code == 2 and "12m" in out


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def change_demo(folder: Path) -> None:
    """Drop the Tuesday/Thursday hours of 'zorgadvies', change access, remove an organisation."""
    org = folder / "organisations" / "dienstencentrum.yaml"
    text = org.read_text(encoding="utf-8")  # hand-written (a flow list) or formatted (a block list)
    days = re.search(r"days: \[tu, th\]\n|days:\n( +)- tu\n +- th\n", text)
    org.write_text(text.replace(days[0], f"days:\n{days[1]}- th\n" if days[1] else "days: [th]\n"), encoding="utf-8")
    edit(org, "    access: appointment\n", "    access: walk_in\n")
    (folder / "organisations" / "kledingwinkel.yaml").unlink()


def test_diff_names_changed_phone_numbers(demo_copy: Path, capsys) -> None:
    edit(demo_copy / "organisations" / "pensioenpunt.yaml", "  - number: 099 00 00 12\n", "  - number: 099 00 00 13\n")
    code, out = run(capsys, "diff", str(DEMO_MAP), str(demo_copy))
    assert code == 0, out
    assert "Pensioenpunt Verzinnegem: telefoonnummer 099 00 00 12 vervalt" in out
    assert "Pensioenpunt Verzinnegem: nieuw telefoonnummer 099 00 00 13" in out


def test_diff_of_two_folders(tmp_path: Path, demo_copy: Path, capsys) -> None:
    change_demo(demo_copy)
    code, out = run(capsys, "diff", str(DEMO_MAP), str(demo_copy))
    assert code == 0, out
    assert "Organisatie verdwijnt van de kaart: Kledingwinkel Het Oude Kastje" in out
    assert "Advies over zorg en hulp thuis: toegang was op afspraak, wordt zonder afspraak" in out
    assert "elke dinsdag en donderdag 09:00–12:00 (Dienstencentrum De Linde) vervalt" in out
    assert "elke donderdag 09:00–12:00 (Dienstencentrum De Linde) is nieuw" in out
    assert run(capsys, "diff", str(DEMO_MAP), str(DEMO_MAP)) == (0, "Geen wijzigingen voor burgers.\n")


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def demo_repo(tmp_path: Path) -> Path:
    """A git repository with the demo map as its first commit."""
    repo = tmp_path / "repo"
    shutil.copytree(DEMO_MAP, repo / "map")
    git(repo, "init", "-q")
    git(repo, "add", "map")
    git(repo, "commit", "-q", "-m", "eerste versie")
    return repo


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_of_two_git_revisions(tmp_path: Path, capsys, monkeypatch) -> None:
    repo = demo_repo(tmp_path)
    change_demo(repo / "map")
    git(repo, "commit", "-q", "-a", "-m", "wijziging")
    monkeypatch.chdir(repo)
    code, out = run(capsys, "diff", "--git", "HEAD~1", "HEAD")
    assert code == 0, out
    assert "Kledingwinkel Het Oude Kastje" in out and "vervalt" in out
    code, out = run(capsys, "diff", "--git", "HEAD~1", "geen-versie")
    assert code == 2 and "geen-versie" in out


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_git_names_every_changed_field(tmp_path: Path, capsys, monkeypatch) -> None:
    """Room, floor, note, rule label and sources: a reviewer sees each, with old and new value."""
    repo = demo_repo(tmp_path)
    org = repo / "map" / "organisations" / "dienstencentrum.yaml"
    edit(org, "room: Bureau zorg", "room: Bureau 2")
    edit(org, "floor: 1ste verdieping", "floor: 2de verdieping")
    edit(org, "room: Cafetaria\n", "room: Cafetaria\n        note: Achteraan links\n")
    edit(org, "label: Vanaf januari 2027 ook op zaterdag", "label: Ook op zaterdag")
    edit(org, "supports: Kortere uren op 30 december 2026", "supports: Kortere uren op 31 december 2026")
    edit(org, "sources:\n", "sources:\n  - file: ledenlijst.xlsx\n    read: 2026-11-20\n    supports: Openingsuren\n")
    edit(repo / "map" / "locations" / "wijkhuis-noord.yaml", "\nname: ", "\nname: Het ")
    git(repo, "commit", "-q", "-a", "-m", "wijziging")
    monkeypatch.chdir(repo)
    code, out = run(capsys, "diff", "--git", "HEAD~1", "HEAD")
    assert code == 0, out
    who = "Lokaal Dienstencentrum De Linde"
    for line in [
        f"{who}, Advies over zorg en hulp thuis (dienstencentrum-de-linde): lokaal was 'Bureau zorg', wordt 'Bureau 2'",
        "(dienstencentrum-de-linde): verdieping was '1ste verdieping', wordt '2de verdieping'",
        f"{who}, Cafetaria en ontmoeting (dienstencentrum-de-linde): opmerking ingevuld: 'Achteraan links'",
        "omschrijving was 'Vanaf januari 2027 ook op zaterdag', wordt 'Ook op zaterdag'",
        f"{who}: bronnen: 'ledenlijst.xlsx' is nieuw",
        f"{who} (https://example.org/verzinnegem/de-linde/kalender): wat de bron bevestigt was 'Kortere uren op "
        "30 december 2026', wordt 'Kortere uren op 31 december 2026'",
        ": naam was 'Wijkhuis Noord', wordt 'Het Wijkhuis Noord'",
    ]:
        assert line in out, (line, out)
    assert "Traceback" not in out and len(out.splitlines()) >= 7


def test_init_scaffold_builds_strictly(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "gemeente"
    code, out = run(capsys, "init", str(folder))
    assert code == 0, out
    for name in ("map/site.yaml", "mkdocs.yml", "sociale-kaart.xlsx", "README.md", ".github/workflows/publish.yml",
                 ".pre-commit-config.yaml", "requirements.txt", ".gitignore"):
        assert (folder / name).is_file(), name
    # Pages, overrides and templates come from the package (tests/test_newcomer.py: from the wheel).
    assert [p.name for p in (folder / "docs").iterdir()] == [".gitkeep"]
    assert not (folder / "overrides").exists() and not (folder / "site_templates").exists()
    site = (folder / "map" / "site.yaml").read_text(encoding="utf-8")
    assert "fictional: true" in site and "map_path: map" in site
    result = mkdocs_build(folder / "mkdocs.yml", tmp_path / "site", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert (tmp_path / "site" / "data" / "services.json").is_file()
    about = (tmp_path / "site" / "over-deze-kaart" / "index.html").read_text(encoding="utf-8")
    assert "in het Sociaal Huis Verzinnegem:" in about and "{{" not in about
    code, out = run(capsys, "init", str(folder))
    assert code == 1 and "niet leeg" in out


def test_init_writes_a_workflow_that_checks_builds_and_publishes(tmp_path: Path, capsys) -> None:
    assert run(capsys, "init", str(tmp_path / "gemeente"))[0] == 0
    workflow = yaml.safe_load((tmp_path / "gemeente" / ".github" / "workflows" / "publish.yml").read_text("utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = [step.get("run", "") for step in steps]
    assert "sociale-kaart check map" in runs and "mkdocs build --strict" in runs
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in steps)
    hooks = yaml.safe_load((tmp_path / "gemeente" / ".pre-commit-config.yaml").read_text("utf-8"))
    assert hooks["repos"][0]["hooks"][0]["entry"] == "sociale-kaart check map"
    readme = (tmp_path / "gemeente" / "README.md").read_text("utf-8")
    assert "sociale-kaart check map" in readme and "mkdocs build --strict" in readme
