"""Structured data (schema.org JSON-LD) and the agenda page in the built demo site."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
TODAY = re.compile(r"id=\"sk-today\"[^>]*data-today='([^']*)'")


def org_pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "organisaties").glob("*/index.html"))


def test_every_organisation_page_has_parseable_json_ld(demo_site):
    pages = org_pages(demo_site)
    assert len(pages) >= 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = LD.findall(html)
        assert len(found) == 1, path
        assert "<" not in found[0] and "&" not in found[0], path
        doc = json.loads(found[0])
        assert doc["@context"] == "https://schema.org"
        types = [node["@type"] for node in doc["@graph"]]
        assert types[0] in ("GovernmentOrganization", "Organization") and "GovernmentService" in types


def test_json_ld_keeps_a_difficult_name_as_typed(demo_site):
    html = (demo_site / "organisaties" / "samen-sterk" / "index.html").read_text(encoding="utf-8")
    doc = json.loads(LD.findall(html)[0])
    assert doc["@graph"][0]["name"] == "Vzw <Samen> & *Sterk* _Verzinnegem_"
    service = doc["@graph"][1]
    place = service["availableChannel"][0]["serviceLocation"]
    assert place["@type"] == "Place" and place["address"]["@type"] == "PostalAddress"
    assert place["openingHoursSpecification"][0]["dayOfWeek"] == ["https://schema.org/Saturday"]


def test_monthly_rules_have_no_opening_hours_specification(demo_site):
    html = (demo_site / "organisaties" / "pensioenpunt" / "index.html").read_text(encoding="utf-8")
    doc = json.loads(LD.findall(html)[0])
    assert "openingHoursSpecification" not in json.dumps(doc)


def test_agenda_page_lists_dates_and_closures(demo_site):
    html = (demo_site / "agenda" / "index.html").read_text(encoding="utf-8")
    assert "Gesloten (Kerstmis)" in html and "Gesloten (Oudejaarsdag)" in html
    assert "vrijdag 18 december 2026" in html  # ziekenfonds extra session
    assert 'href="huis.ics"' in html or 'href="../agenda/huis.ics"' in html
    assert "Sociaal Verhuurkantoor Verzinnegem" in html  # listed as not yet confirmed
    data = json.loads(unescape(TODAY.findall(html)[0]))
    assert data["closed"]["2026-12-25"] == "Kerstmis"
    assert (demo_site / "agenda" / "huis.ics").is_file()


def test_organisation_page_has_next_dates_and_calendar_link(demo_site):
    html = (demo_site / "organisaties" / "ziekenfonds" / "index.html").read_text(encoding="utf-8")
    assert "Volgende data" in html
    assert "vrijdag 25 december 2026: gesloten (Kerstmis)" in html
    assert "ziekenfonds--ziekenfonds-zitdag.ics" in html and "Zet in uw agenda (.ics)" in html
    svk = (demo_site / "organisaties" / "sociaal-verhuurkantoor" / "index.html").read_text(encoding="utf-8")
    assert "Zet in uw agenda" not in svk


def test_home_page_embeds_today_data(demo_site):
    html = (demo_site / "index.html").read_text(encoding="utf-8")
    data = json.loads(unescape(TODAY.findall(html)[0]))
    assert data["from"] == "2026-11-23"
    unknown = [s for s in data["services"] if s["rules"] is None]
    assert [s["org"] for s in unknown] == ["Sociaal Verhuurkantoor Verzinnegem"]
