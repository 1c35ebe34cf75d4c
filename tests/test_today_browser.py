"""'Vandaag in het huis / nu open' in the browser, with a fixed clock (Europe/Brussels)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def today_text(page, server: str, when: dt.datetime, path: str = "") -> str:
    page.clock.set_fixed_time(when)
    page.goto(server + path, wait_until="networkidle")
    page.wait_for_selector("#sk-today .sk-today-when")
    return page.locator("#sk-today").inner_text()


def test_open_now_and_unknown_hours(page, demo_server):
    text = today_text(page, demo_server, dt.datetime(2026, 11, 30, 10, 0, tzinfo=BRUSSELS))
    assert "maandag 30 november" in text
    assert "Onthaal" in text or "onthaal" in text
    open_items = page.locator("#sk-today li.sk-open").all_inner_texts()
    assert any("Sociaal Huis Verzinnegem" in item and "nu open" in item for item in open_items), open_items
    shut = page.locator("#sk-today li.sk-shut").all_inner_texts()
    assert any("13:30–16:00" in item and "nu gesloten" in item for item in shut), shut
    # Services without confirmed hours: one line, not one entry each.
    assert "1 spreekuur heeft nog geen bevestigde uren: zie het weekoverzicht." in text
    assert not any("Verhuurkantoor" in t for t in page.locator("#sk-today li").all_inner_texts())
    assert page.failures == []


def test_closed_by_a_holiday(page, demo_server):
    text = today_text(page, demo_server, dt.datetime(2026, 12, 25, 10, 0, tzinfo=BRUSSELS))
    assert "Vandaag is het huis gesloten (Kerstmis)." in text
    assert "Ziekenfonds De Zorgzame" in text  # its last-Friday session does not take place
    assert page.locator("#sk-today li.sk-open").count() == 0


def test_closed_on_a_local_closure_day_on_the_agenda_page(page, demo_server):
    text = today_text(page, demo_server, dt.datetime(2026, 12, 31, 14, 30, tzinfo=BRUSSELS), "agenda/")
    assert "Vandaag is het huis gesloten (Oudejaarsdag)." in text
    assert "Juridisch Spreekuur Verzinnegem" in text  # 5th Thursday, closed


def test_without_javascript_the_week_overview_is_linked(browser, demo_server):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(demo_server, wait_until="load")
        link = tab.locator("#sk-today .sk-today-more a", has_text="weekoverzicht")
        assert link.is_visible()
        # The build date's day stands there, dated.
        assert "Op maandag 23 november 2026:" in tab.locator("#sk-today").inner_text()
    finally:
        context.close()


def test_today_works_after_instant_navigation(page, demo_server):
    """Reached through Material's instant navigation (no page load), the box still fills in."""
    page.clock.set_fixed_time("2026-11-30T10:00:00+01:00")
    page.goto(demo_server + "week/", wait_until="networkidle")
    page.evaluate("window.skMarker = 'same document'")
    page.click(".md-tabs >> text=Start")
    page.locator(".sk-today", has_text="nu open").first.wait_for()
    assert page.evaluate("window.skMarker") == "same document"
    assert not [f for f in page.failures if f.startswith("JS error")], page.failures


def test_instant_navigation_to_an_organisation_page_has_no_script_errors(page, demo_server):
    """JSON-LD sits in <head>: instant navigation re-runs content scripts and broke on JSON."""
    page.goto(demo_server + "organisaties/", wait_until="networkidle")
    page.evaluate("window.skMarker = 'same document'")
    page.click("text=Pensioenpunt Verzinnegem")
    page.locator("h1", has_text="Pensioenpunt Verzinnegem").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.skMarker") == "same document"
    assert not [f for f in page.failures if f.startswith("JS error")], page.failures
