"""A large site's search index is written in parts (generator/assemble/indexer.py, PartedIndex), so
that Pagefind never holds more than a few thousand pages at once; the search page merges the parts.

Forced on the small demo (a part every 8 pages), a search must find what the one-part demo finds.
Each part ranks by its own word statistics, so with parts this small the order of the results
may differ; the pages found may not. (Parts of thousands of similar pages rank alike.)"""

from __future__ import annotations

import functools
import http.server
import json
import threading

import pytest
from conftest import DEMO_CONFIG, _QuietHandler, mkdocs_build
from test_search import results

PART = 8
QUERIES = ["leefloon", "schulden energiefactuur", "pensioenen", "verwarming", "huur", "kinderopvang"]


@pytest.fixture(scope="module")
def parted_server(tmp_path_factory):
    """The demo built with its index in parts of PART pages, served on 127.0.0.1."""
    site = tmp_path_factory.mktemp("parted") / "site"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        result = mkdocs_build(DEMO_CONFIG, site, site_url=base,
                              extra_env={"SOCIALE_KAART_SEARCH_PART_PAGES": str(PART)})
        assert result.returncode == 0, result.stdout
        thread.start()
        yield site, base
    finally:
        server.shutdown() if thread.is_alive() else None
        server.server_close()


def fragments(folder) -> int:
    return sum(1 for _ in (folder / "fragment").iterdir())


def test_the_index_is_written_in_parts_and_lists_them(parted_server, demo_site):
    site, _ = parted_server
    parts = json.loads((site / "pagefind" / "sk-delen.json").read_text(encoding="utf-8"))["delen"]
    folders = [site / "pagefind"] + [site / "pagefind" / part for part in parts]
    assert len(folders) >= 3 and all(fragments(folder) <= PART for folder in folders)
    assert sum(fragments(folder) for folder in folders) == fragments(demo_site / "pagefind")
    assert json.loads((demo_site / "pagefind" / "sk-delen.json").read_text(encoding="utf-8")) == {"delen": []}


@pytest.mark.parametrize("query", QUERIES)
def test_a_search_over_the_parts_finds_what_one_index_finds(page, demo_server, parted_server, query):
    page.goto(demo_server + "zoeken/?q=" + query.replace(" ", "+"))
    expected = results(page)
    page.goto(parted_server[1] + "zoeken/?q=" + query.replace(" ", "+"))
    found = results(page)
    assert expected and sorted(found) == sorted(expected)
    assert not page.failures, page.failures


def test_filters_count_over_all_parts(page, demo_server, parted_server):
    counts = []
    for base in (demo_server, parted_server[1]):
        page.goto(base + "zoeken/?thema=Wonen")
        results(page)
        if page.get_attribute("#sk-filters-toggle", "aria-expanded") != "true":
            page.click("#sk-filters-toggle")
        page.wait_for_selector("#sk-filters input[name=thema][value=Wonen]", state="visible")
        page.wait_for_load_state("networkidle")  # every part's filter files are in
        counts.append(page.locator("#sk-filters").inner_text())
    assert counts[0] == counts[1]
