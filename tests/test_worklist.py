"""The work list (what is unknown or overdue, most useful first) and the completeness figures:
the logic on the demo data, `sociale-kaart werklijst`, and the figures on "Over deze kaart"."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from generator.data.dataset import load_dataset
from generator.editors.cli import main
from generator.resources import fill_in
from generator.site.worklist import (
    ACCESS,
    HOUSE_DAYS,
    REST,
    completeness,
    contact,
    figures_placeholder,
    unknown_on_sheet,
    work_list,
)

DEMO_MAP = ROOT / "demo" / "map"
BUILD_DAY = dt.date(2026, 11, 23)  # SOURCE_DATE_EPOCH of the tests
BEFORE = dt.date(2025, 11, 23)  # twelve months earlier: checks older than this are overdue


@pytest.fixture(scope="module")
def demo():
    return load_dataset(DEMO_MAP)


@pytest.fixture
def at_build_day(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    monkeypatch.delenv("SITE_URL", raising=False)


def test_most_useful_first(demo):
    works = work_list(demo, BEFORE)
    ranks = [work.gaps[0].rank for work in works]
    assert ranks == sorted(ranks)
    first = works[0]
    assert first.record.id == "sociaal-verhuurkantoor"
    assert [gap.rank for gap in first.gaps[:2]] == [HOUSE_DAYS, ACCESS]
    assert first.gaps[0].subject == "Inschrijven voor een woning van het SVK"
    for work in works:
        assert [gap.rank for gap in work.gaps] == sorted(gap.rank for gap in work.gaps)


def test_every_unknown_the_site_shows_is_on_the_list(demo):
    """Demo facts written as unknown (or left out) appear; known ones do not."""
    gaps = {(work.record.id, gap.short, gap.subject) for work in work_list(demo, BEFORE) for gap in work.gaps}
    assert ("werkpunt", "nakijken", "") in gaps  # assured_date 2025-09-15
    assert ("juridisch-advies", "bevestiging", "") in gaps  # its one source is from 2019
    assert ("steunpunt-zelfstandigen", "waar en wanneer", "Hulplijn voor zelfstandigen") in gaps
    assert ("wijkhuis-noord", "bereikbaarheid", "") in gaps
    assert not any(org == "huis-van-het-kind" and short == "talen" for org, short, _ in gaps)
    assert all(getattr(work.record, "status", "active") != "ended" for work in work_list(demo, BEFORE))


def test_a_printed_sheet_sums_up_the_unknown_in_one_line(demo):
    services = {service.id: service for org in demo.organisations.values() for service in org.services}
    assert unknown_on_sheet(demo, services["svk-inschrijving"]) == ["uren", "afspraak", "talen"]
    assert unknown_on_sheet(demo, services["budgetbegeleiding"]) == ["toegankelijkheid"]  # De Linde: partly
    assert unknown_on_sheet(demo, services["pensioen-zitdag"]) == []
    # 'niet vermeld' (nothing to bring) is not something to confirm
    assert not services["woonadvies"].required_documents and unknown_on_sheet(demo, services["woonadvies"]) == []


def test_completeness_in_plain_dutch(demo):
    figures = [str(figure) for figure in completeness(demo)]
    assert figures == [
        "dagen bekend voor 12 van 13 spreekuren in het huis",
        "afspraak nodig of niet: bekend voor 21 van 22 diensten",
        "talen bekend voor 19 van 22 diensten",
        "kostprijs bekend voor 22 van 22 diensten",
        "toegankelijkheid van het huis: bekend voor 6 van 6 onderdelen",
        "door een persoon bevestigd in de laatste 3 jaar: 1 van 15 organisaties",
        "alleen volgens openbare bronnen van meer dan 3 jaar oud of zonder datum: 1 van 15 organisaties",
    ]


def test_real_map_figures_count_the_house():
    """The real map: 17 consultation hours in the house (issue 15: 19; issue 20: less SVK Bodukam, which
    ended when the social rental agencies merged into the woonmaatschappijen in 2023, and the DG Personen met
    een handicap, merged with the FOD Sociale Zekerheid it belongs to); the counts follow the data."""
    data = load_dataset(ROOT / "map")
    days = completeness(data)[0]
    assert (days.what, days.of, days.total) == ("dagen bekend voor", "spreekuren in het huis", 17)


def test_figures_fill_their_placeholder(demo):
    page = "# Over\n\n{{ volledigheid }}\n\nVerder.\n"
    filled = fill_in(page, figures_placeholder(demo))
    assert "\n- Dagen bekend voor 12 van 13 spreekuren in het huis.\n- Afspraak nodig" in filled
    assert filled.endswith("organisaties.\n\nVerder.\n")


def line_with(org_id: str, start: str) -> int:
    """The first line of a demo organisation's file that starts with ``start`` (hand-written or formatted)."""
    lines = (DEMO_MAP / "organisations" / f"{org_id}.yaml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.strip().startswith(start))


def test_werklijst_first_lines(capsys, at_build_day):
    assert main(["werklijst", str(DEMO_MAP)]) == 0
    lines = capsys.readouterr().out.splitlines()
    form = "http://127.0.0.1:8000/admin/#/collections/organisations/entries/"  # demo/mkdocs.yml site_url
    svk, werkpunt = "sociaal-verhuurkantoor", "werkpunt"
    jur = "juridisch-advies"
    assert lines[:19] == [
        "Werklijst: 22 open punten bij 9 organisaties en 2 locaties, de nuttigste eerst.",
        "",
        "Sociaal Verhuurkantoor Verzinnegem (demo/map/organisations/sociaal-verhuurkantoor.yaml)",
        "  vragen aan: 099 00 00 05, info@svk.example.org",
        f"  regel {line_with(svk, 'hours: unknown')}: dagen en uren in het huis: nog niet bevestigd "
        "(Inschrijven voor een woning van het SVK)",
        f"  regel {line_with(svk, 'access: unknown')}: afspraak nodig of niet: nog niet bevestigd "
        "(Inschrijven voor een woning van het SVK)",
        f"  regel {line_with(svk, 'assured_date:')}: nakijken te laat: laatst nagekeken op 2025-03-01, "
        "langer dan 12 maanden geleden",
        "  verder: talen",
        f"  formulier: {form}sociaal-verhuurkantoor",
        "",
        "Juridisch Spreekuur Verzinnegem (demo/map/organisations/juridisch-advies.yaml)",
        "  vragen aan: 099 00 00 11, juridisch@example.org",
        f"  regel {line_with(jur, 'sources:')}: volgens een bron uit 2019; nog niet opnieuw bevestigd: vraag het na "
        "en noteer het antwoord als bron (confirmed_by)",
        f"  formulier: {form}juridisch-advies",
        "",
        "Werkpunt Verzinnegem (demo/map/organisations/werkpunt.yaml)",
        "  vragen aan: 099 00 00 06, werkpunt@example.org",
        f"  regel {line_with(werkpunt, 'assured_date:')}: nakijken te laat: laatst nagekeken op 2025-09-15, "
        "langer dan 12 maanden geleden",
        "  verder: talen, wat neemt u mee",
    ]
    assert lines[-8:] == ["Volledigheid:", *(f"- {figure}" for figure in completeness(load_dataset(DEMO_MAP)))]


def test_whom_to_ask_is_the_number_on_file_or_the_desk(demo):
    org = demo.organisations["sociaal-verhuurkantoor"]
    assert contact(demo, org).text == "099 00 00 05, info@svk.example.org"
    described = org.model_copy(update={"phones": [org.phones[0].model_copy(update={"description": "Voormiddag"})]})
    assert contact(demo, described).text == "099 00 00 05 (Voormiddag), info@svk.example.org"
    service = org.services[0].model_copy(update={"phones": [org.phones[0].model_copy(update={"number": "099 11"})]})
    only_service = org.model_copy(update={"phones": [], "email": None, "services": [service]})
    assert contact(demo, only_service).text == f"099 11 ({service.name})"
    unknown = org.model_copy(update={"phones": [], "email": None,
                                     "services": [s.model_copy(update={"phones": []}) for s in org.services]})
    assert contact(demo, unknown).text == "via het onthaal (geen telefoonnummer of e-mailadres bekend)"
    building = demo.locations["dienstencentrum-de-linde"]
    assert contact(demo, building).text == "099 00 00 09 (Lokaal Dienstencentrum De Linde), delinde@example.org"
    assert contact(demo, building.model_copy(update={"id": "elders"})).text.startswith("via het onthaal")


def test_werklijst_site_url_option_and_no_mkdocs_yml(capsys, at_build_day, tmp_path: Path):
    assert main(["werklijst", str(DEMO_MAP), "--site-url", "https://kaart.example.org/"]) == 0
    out = capsys.readouterr().out
    assert "  formulier: https://kaart.example.org/admin/#/collections/locations/entries/wijkhuis-noord" in out
    copy = shutil.copytree(DEMO_MAP, tmp_path / "map")  # no mkdocs.yml beside it: no form links
    assert main(["werklijst", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "formulier:" not in out and f"regel {line_with('sociaal-verhuurkantoor', 'hours: unknown')}:" in out


def test_werklijst_on_a_broken_map_reports_problems(capsys, tmp_path: Path):
    copy = Path(shutil.copytree(DEMO_MAP, tmp_path / "map"))
    (copy / "site.yaml").write_text("name: [\n", encoding="utf-8")
    assert main(["werklijst", str(copy)]) == 1
    assert "site.yaml:" in capsys.readouterr().out


def test_rest_is_summarised_in_the_terminal(capsys, at_build_day):
    main(["werklijst", str(DEMO_MAP)])
    out = capsys.readouterr().out
    assert "Lokaal Dienstencentrum De Linde (demo/map/organisations/dienstencentrum.yaml)\n" \
           "  vragen aan: 099 00 00 09, delinde@example.org\n  verder: wat neemt u mee (3)\n" in out
    assert REST > ACCESS > HOUSE_DAYS
