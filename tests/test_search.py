"""Pagefind search on the built demo site, in headless Chromium over HTTP.

Types queries, clicks filters, reloads from the URL, and checks what a desk
worker would see: result titles, card facts, counts, the URL state.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit


def results(page) -> list[str]:
    """Titles of the result cards once the status line has been written."""
    page.wait_for_selector("#sk-status")
    # The status line first asks for a word; a search's answer counts results or finds none.
    page.wait_for_function(
        "() => /resulta|Niets gevonden|werkt hier niet/.test(document.querySelector('#sk-status')?.textContent)")
    page.wait_for_load_state("networkidle")
    return page.locator(".sk-result-title").all_inner_texts()


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def assert_local_only(page, demo_server: str) -> None:
    assert page.requests and all(url.startswith(demo_server) for url in page.requests), page.requests
    assert not page.failures, page.failures


def test_header_search_on_any_page_leads_to_results(page, demo_server):
    # Idle first: a search sent while Material still fetches its sitemap aborts that request.
    page.goto(demo_server + "organisaties/leefloon/", wait_until="networkidle")
    page.fill("#sk-header-q", "leefloon")
    page.press("#sk-header-q", "Enter")
    page.wait_for_url("**/zoeken/?q=leefloon")
    assert "Team Leefloon en Financiële Hulp" in results(page)
    assert page.input_value("#sk-q") == "leefloon"
    assert_local_only(page, demo_server)


def test_dutch_stemming_finds_singular_for_plural(page, demo_server):
    # "pensioenen" occurs nowhere in the demo; Dutch stemming maps it to "pensioen".
    page.goto(demo_server + "zoeken/")
    page.fill("#sk-q", "pensioenen")
    page.wait_for_function("() => location.search.includes('pensioenen')")
    assert "Pensioenpunt Verzinnegem" in results(page)


def test_browsing_with_filters_only_and_state_in_url(page, demo_server):
    page.goto(demo_server + "zoeken/")
    page.wait_for_function("() => document.querySelector('#sk-status')?.textContent.includes('Typ een woord')")
    page.click("#sk-filters-toggle")  # closed until asked for: the filter files cost bytes
    page.check("#sk-filters input[name=thema][value='Wonen']")
    page.wait_for_function("() => location.search.includes('thema=Wonen')")
    page.check("#sk-filters input[name=toegang][value='zonder afspraak']")
    page.wait_for_function("() => location.search.includes('toegang=')")
    titles = results(page)
    assert titles == ["Woonloket Verzinnegem"]
    facts = page.locator(".sk-result-facts").first.inner_text()
    assert "Thema: Wonen" in facts and "In het huis:" in facts and "zonder afspraak" in facts
    assert query_of(page) == {"thema": ["Wonen"], "toegang": ["zonder afspraak"]}


def test_filters_are_restored_from_a_shared_url(page, demo_server):
    page.goto(demo_server + "zoeken/?thema=Wonen&dag=dinsdag")
    titles = results(page)
    assert "Woonloket Verzinnegem" in titles
    assert page.is_checked("#sk-filters input[name=thema][value='Wonen']")
    assert page.is_checked("#sk-filters input[name=dag][value='dinsdag']")


def test_unknown_is_an_explicit_filter_value(page, demo_server):
    page.goto(demo_server + "zoeken/?toegang=onbekend")
    assert results(page) == ["Sociaal Verhuurkantoor Verzinnegem"]
    label = page.locator("label[for='sk-f-toegang-onbekend']").inner_text()
    assert label == "onbekend (1)"
    page.goto(demo_server + "zoeken/?taal=onbekend")
    assert "Sociaal Verhuurkantoor Verzinnegem" in results(page)


def test_page_type_filter_separates_mentoring_pages(page, demo_server):
    page.goto(demo_server + "zoeken/?type=Voor+besturen")
    titles = results(page)
    assert titles and all(title not in ("Woonloket Verzinnegem",) for title in titles)
    assert page.locator(".sk-result-kind").first.inner_text() == "Voor besturen"


def test_search_works_after_instant_navigation(page, demo_server):
    page.goto(demo_server)
    page.evaluate("window.skMarker = 'same document'")
    page.click(".md-tabs >> text=Zoeken")
    page.wait_for_url("**/zoeken/")
    assert page.evaluate("window.skMarker") == "same document"  # no full page load happened
    # Nothing asked yet: no list of every page (that would load the whole index on a big map).
    page.wait_for_function("() => document.querySelector('#sk-status').textContent.includes('Typ een woord')")
    assert page.locator(".sk-result").count() == 0
    page.fill("#sk-q", "verzinnegem")
    page.press("#sk-q", "Enter")
    assert len(results(page)) == 10
    assert page.locator("#sk-more").is_visible()
    page.click("#sk-more")
    page.wait_for_function("() => document.querySelectorAll('.sk-result').length > 10")
    assert_local_only(page, demo_server)


def test_a_word_search_loads_no_filter_files_until_the_panel_is_opened(page, demo_server):
    # Filter values and counts cost bytes on large maps (every filter file), so a search for
    # words keeps the panel closed; one button opens it, with the counts of these results.
    page.goto(demo_server + "zoeken/?q=wonen")
    titles = results(page)
    assert "Woonloket Verzinnegem" in titles
    toggle = page.locator("#sk-filters-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "sk-filters"
    assert not page.locator("#sk-filters").is_visible()
    assert page.locator("#sk-filters-hint").is_visible()
    # Only the filter file that keeps staff pages out: it lists only them, small on any map.
    filter_files = [url for url in page.requests if "/pagefind/filter/" in url]
    assert len(filter_files) == 1 and len(page.request.get(filter_files[0]).body()) < 400, filter_files
    assert not [url for url in page.requests if "pagefind-worker" in url]  # main thread, no worker script
    toggle.click()
    page.wait_for_selector("#sk-filters input[name=thema][value='Wonen']")
    assert toggle.get_attribute("aria-expanded") == "true"
    label = page.locator("label[for='sk-f-thema-Wonen']").inner_text()
    assert label.startswith("Wonen (") and label != "Wonen (0)"
    assert page.locator(".sk-result-title").all_inner_texts() == titles  # results kept as they were
    page.check("#sk-filters input[name=thema][value='Wonen']")
    page.wait_for_function("() => location.search.includes('thema=Wonen')")
    assert "Woonloket Verzinnegem" in results(page)
    assert query_of(page) == {"q": ["wonen"], "thema": ["Wonen"]}
    assert "1 gekozen" in toggle.inner_text()
    toggle.click()  # closing hides the panel but keeps the chosen filter
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#sk-filters").is_visible()
    assert query_of(page) == {"q": ["wonen"], "thema": ["Wonen"]}
    assert_local_only(page, demo_server)


def test_upcoming_dates_hours_and_sources_are_not_indexed(page, demo_server):
    # They repeat on every page and only make the index and each shown result's fragment larger
    # (issue 24: Pagefind's memory grows with every indexed word); days are found with the day
    # filter instead. The place ("Waar") and the documents to bring stay searchable.
    page.goto(demo_server + "zoeken/?q=pensioen")
    results(page)
    content = page.evaluate("""async () => {
        const pf = await import(new URL("../pagefind/pagefind.js", location.href).href);
        const found = await pf.search("pensioen");
        for (const result of found.results) {
            const data = await result.data();
            if (data.url.endsWith("/organisaties/pensioenpunt/")) return data.content;
        }
    }""")
    assert content and "Waar: Sociaal Huis Verzinnegem" in content
    assert "Wanneer" not in content and "Wat neemt u mee" not in content and "Niet vermeld" not in content
    assert "Volgende data" not in content and "Laatst nagekeken" not in content and "Bronnen" not in content


# The 12 queries of the desk walk (issue 22).
DESK_QUERIES = ["schuld", "schulden", "energie", "energiefactuur", "huur", "OCMW", "tolk", "budgetbeheer",
                "rolstoel", "leefloon", "kinderopvang", "pensioen"]
STAFF_KINDS = {"Voor besturen", "Voor medewerkers"}


def cards(page) -> list[tuple[str, str, str]]:
    """(title, link, kind line) of every result card shown."""
    results(page)
    return page.eval_on_selector_all(".sk-result", """items => items.map(item => [
        item.querySelector('.sk-result-title a').textContent,
        item.querySelector('.sk-result-title a').getAttribute('href'),
        item.querySelector('.sk-result-kind')?.textContent || ''])""")


def test_several_words_find_the_services_of_each_word_best_first(page, demo_server):
    # Pagefind alone gives only pages with every word: here only the energy service.
    page.goto(demo_server + "zoeken/?q=schulden+energiefactuur")
    first_two = cards(page)[:2]
    assert {title for title, _, _ in first_two} == {"Team Budget en Schulden", "Team Leefloon en Financiële Hulp"}
    links = {title: link for title, link, _ in first_two}
    assert links["Team Budget en Schulden"].endswith("/organisaties/schuldhulp/#budgetbegeleiding")
    assert links["Team Leefloon en Financiële Hulp"].endswith("/organisaties/leefloon/#energiehulp")


def test_a_themes_search_words_reach_its_services_and_are_not_shown(page, demo_server):
    # "verwarming" is only a search word of the theme Geld en schulden (demo/map/themes.yaml).
    page.goto(demo_server + "zoeken/?q=verwarming")
    found = {title: link for title, link, _ in cards(page)}
    assert found["Team Leefloon en Financiële Hulp"].split("#")[1] in ("leefloon-aanvraag", "energiehulp")
    # Nor quoted in a result's excerpt ("Zoekwoorden: schuld, schulden, …"): citizens read the services' words.
    for query in ("verwarming", "schulden energiefactuur"):
        page.goto(demo_server + f"zoeken/?q={query}")
        results(page)
        excerpts = page.locator(".sk-result-excerpt").all_inner_texts()
        assert not [text for text in excerpts if "Zoekwoorden" in text or "verwarming" in text], excerpts
    page.goto(demo_server + "organisaties/leefloon/")
    assert page.locator(".sk-search-words").count() == 2  # one per service, each hidden
    assert not page.locator(".sk-search-words").first.is_visible()
    assert "verwarming" not in page.locator("article.sk-organisation").inner_text()


def test_no_staff_page_for_the_desk_queries_unless_asked(page, real_server):
    for word in DESK_QUERIES:
        page.goto(real_server + f"zoeken/?q={word}")
        found = cards(page)
        assert not [kind for _, _, kind in found if kind in STAFF_KINDS], (word, found)
        # A result for an organisation opens the service that matched.
        assert all("#" in link for _, link, kind in found if not kind), (word, found)
    page.check("#sk-staff")  # "Ook pagina's voor medewerkers", on the last query's page
    page.wait_for_function("() => location.search.includes('medewerkers=ja')")
    page.goto(real_server + "zoeken/?q=tolk&medewerkers=ja")  # the switch is kept in the URL
    assert page.is_checked("#sk-staff")
    assert [(title, kind) for title, _, kind in cards(page)] == [("Gegevens aanpassen (voor de redactie)",
                                                                 "Voor medewerkers")]
