"""How a large `mkdocs build` shares its pages with a second process (see parallel.py).

Both processes draw the generated pages outside the navigation: each takes the
next page nobody has taken yet (`Claims`), so neither waits while the other
still has work, whatever the pages cost. The parent also draws the long list
pages in the navigation and passes every page on to Pagefind; the helper writes
the open data first (the parent draws meanwhile) and ends after its last page,
so that its memory is gone before Pagefind writes its index (the build's peak).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Callable

from jinja2 import ChoiceLoader, DictLoader
from mkdocs.commands.build import _build_page
from mkdocs.exceptions import PluginError

from .parallel import PAGES_DONE, Helper, Report
from .publish_site import warning_count

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
BUILD_LOG = logging.getLogger("mkdocs.commands.build")
# From this many generated pages on; SOCIALE_KAART_PROCESSES=1 turns it off,
# SOCIALE_KAART_PARALLEL_FROM changes the threshold (tests use it on the small demo).
PARALLEL_FROM = 400
# The template of the pages either process may draw: the theme's page, or nothing where the
# other process draws it (MkDocs picks a page's template before on_page_context can choose).
SHARED = "sociale-kaart/shared-page.html"
ELSEWHERE = "sociale-kaart/built-by-helper.html"
TEMPLATES = {SHARED: "{% extends sk_layout %}", ELSEWHERE: ""}
LAYOUT = "main.html"  # sk_layout of a page this process draws


def wanted(command: str | None, pages: int) -> bool:
    """Split only `mkdocs build` (never serve's threads), on a machine with more than one core."""
    enabled = os.environ.get("SOCIALE_KAART_PROCESSES", "2") != "1"
    threshold = int(os.environ.get("SOCIALE_KAART_PARALLEL_FROM", PARALLEL_FROM))
    return (enabled and command == "build" and pages >= threshold
            and hasattr(os, "fork") and (os.cpu_count() or 1) > 1)


def add_split_templates(env) -> None:
    """The shared page template and the empty one, in the theme's environment (before any fork)."""
    env.globals["sk_layout"] = LAYOUT
    env.loader = ChoiceLoader([DictLoader(TEMPLATES), env.loader])


class Claims:
    """Who draws which shared page: a counter both processes share (made before the fork).

    The parent meets the pages in build order and takes page n if nobody has taken
    it yet; the helper always takes the next untaken page. Every page is drawn
    exactly once, and both processes stay busy until the last page.
    """

    def __init__(self) -> None:
        self._next = multiprocessing.get_context("fork").Value("q", 0)  # with its own lock

    def parent_takes(self, number: int) -> bool:
        """In the parent, at page `number`: True if it is the parent's to draw."""
        with self._next.get_lock():
            if self._next.value <= number:
                self._next.value = number + 1
                return True
            return False

    def helper_takes(self) -> int:
        """In the helper: the number of the next page to draw (past the last: done)."""
        with self._next.get_lock():
            number = self._next.value
            self._next.value = number + 1
            return number


class SkippedPagesFilter(logging.Filter):
    """Drops MkDocs' "Page skipped" lines for pages the helper process draws."""

    def __init__(self, uris: set[str]) -> None:
        super().__init__()
        self.uris = uris

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Page skipped: '") and message.split("'")[1] in self.uris)


class SplitBuild:
    """The helper process of one build and the shared pages it took."""

    def __init__(self, pages: list, work: Callable[[Claims, Report], int]) -> None:
        self.numbers = {page.file.src_uri: number for number, page in enumerate(pages)}
        for page in pages:
            page.meta["template"] = SHARED
        self.claims = Claims()
        # Fork before any thread starts: the helper begins with everything MkDocs has read.
        self.helper = Helper(lambda report: work(self.claims, report))
        self.elsewhere: set[str] = set()  # the pages the helper took, as the parent meets them
        self.quiet = SkippedPagesFilter(self.elsewhere)
        BUILD_LOG.addFilter(self.quiet)

    def draws_here(self, uri: str) -> bool:
        """In the parent, when MkDocs reaches a page: does this process draw it?"""
        number = self.numbers.get(uri)
        if number is None or self.claims.parent_takes(number):
            return True
        self.elsewhere.add(uri)
        return False

    def wait_for_pages(self) -> None:
        """Wait until every page the helper drew is in the feed (it then goes on with the open data)."""
        self.helper.pages_in.wait()
        if self.helper.failure is not None:
            raise self.helper.failure
        if not self.helper.pages_done:  # it said why on stderr; on_build_error ends it
            raise PluginError("Het tweede bouwproces is gestopt voordat al zijn pagina's klaar waren; "
                              "zie de melding hierboven.")

    def finish(self) -> None:
        """Wait for the helper; its warnings count, its failure fails the build."""
        started = time.perf_counter()
        code = self.helper.wait()
        log.debug("Gewacht op het tweede bouwproces: %.1f s", time.perf_counter() - started)
        BUILD_LOG.removeFilter(self.quiet)
        if self.helper.failure is not None:
            raise self.helper.failure
        if code == 2:
            log.warning("Waarschuwingen bij de pagina's uit het tweede bouwproces: zie hierboven.")
        elif code != 0:
            raise PluginError(f"Het tweede bouwproces is mislukt (code {code}); zie de melding hierboven.")

    def stop(self) -> None:
        """The build failed elsewhere: end the helper now."""
        self.helper.stop()
        BUILD_LOG.removeFilter(self.quiet)


def draw_in_helper(claims: Claims, report: Report, pages: list, config, doc_files, nav, env,
                   writers: list[Callable[[], None]]) -> int:
    """In the helper process: write the open data, draw the pages it takes, say so; 2 if MkDocs warned.

    All open data comes first, although a core then waits while Pagefind writes its
    index (8 s at 10,000 pages): that write is the build's memory peak (Pagefind
    grows to a gigabyte), and this process holds its own copy of every page it
    touched until it ends (issue 24: the whole build in 1 GiB at 10,000).
    """
    before = warning_count()
    started = time.perf_counter()
    for write in writers:
        write()
    drawn = 0
    while (number := claims.helper_takes()) < len(pages):
        _build_page(pages[number], config, doc_files, nav, env)
        drawn += 1
    report(PAGES_DONE, "", None)
    log.debug("Tweede bouwproces: %d pagina's getekend na %.1f s", drawn, time.perf_counter() - started)
    return 2 if warning_count() > before else 0
