"""The 12 queries of the desk walk (issue 22) on a built site: the first results of each.

    python scripts/desk_queries.py SITE_FOLDER [extra URL parameters, e.g. '&medewerkers=ja']

Serves the folder on 127.0.0.1 (a free port), types nothing: opens /zoeken/?q=... in headless
Chromium and prints each query's status line and its first four cards (title <link>). Used to
compare search changes by eye (benchmarks/desk-queries.md); the tests pin what must hold.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading

from playwright.sync_api import sync_playwright

QUERIES = ["schuld", "schulden", "energie", "energiefactuur", "huur", "OCMW", "tolk", "budgetbeheer",
           "rolstoel", "leefloon", "kinderopvang", "pensioen", "schulden energiefactuur"]
ANSWERED = "/resulta|Niets gevonden|werkt hier niet/.test(document.querySelector('#sk-status')?.textContent)"
CARDS = "els => els.map(a => a.textContent + ' <' + a.getAttribute('href') + '>')"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


def first_results(page, base: str, query: str, extra: str) -> list[str]:
    page.goto(base + "zoeken/?q=" + query + extra)
    page.wait_for_function(ANSWERED)
    page.wait_for_load_state("networkidle")
    lines = [f"{query!r}: {page.inner_text('#sk-status')}"]
    return lines + ["    " + card for card in page.eval_on_selector_all(".sk-result-title a", CARDS)[:4]]


def main(site: str, extra: str = "") -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            try:
                page = browser.new_page()
                for query in QUERIES:
                    print("\n".join(first_results(page, f"http://127.0.0.1:{server.server_address[1]}/", query, extra)))
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
