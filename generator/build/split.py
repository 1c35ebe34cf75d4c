"""How a large `mkdocs build` shares its pages with a second process (see parallel.py).

Both processes draw the generated pages outside the navigation: each takes the
next page nobody has taken yet (`Claims`), so neither waits while the other
still has work, whatever the pages cost. The parent also draws the long list
pages in the navigation and passes every page on to Pagefind. The open data is
written where a core would otherwise wait: the exports by an early helper
while the parent still reads the site, the rest by the page helper while
Pagefind writes its index.
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
# The open data writers (open_data.py) of the early helper, forked in on_files: the exports, about as
# long as MkDocs reads the site meanwhile on the other core. The page helper writes the rest at the end.
WRITTEN_FIRST = 1


def wanted(command: str | None, pages: int) -> bool:
    """Split only `mkdocs build` (never serve's threads), on a machine with more than one core."""
    enabled = os.environ.get("SOCIALE_KAART_PROCESSES", "2") != "1"
    threshold = int(os.environ.get("SOCIALE_KAART_PARALLEL_FROM", PARALLEL_FROM))
    return (enabled and command == "build" and pages >= threshold
            and hasattr(os, "fork") and (os.cpu_count() or 1) > 1)


def start_split(command: str | None, pages: int, writers: list[Callable[[], None]]) -> SplitBuild | None:
    """A split build when it pays (forking the early helper now), else None.

    Called in on_files: MkDocs empties the site folder after on_config, and the
    early helper writes into it."""
    return SplitBuild(writers[:WRITTEN_FIRST]) if wanted(command, pages) else None


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
    """The helper processes of one build: one writes the first open data from the start
    (forked in on_files, while MkDocs still reads the site), the other shares the pages."""

    def __init__(self, first: list[Callable[[], None]]) -> None:
        self.early = Helper(lambda report: _write_all(first))
        self.helper: Helper | None = None
        self.in_helper = False
        self.numbers: dict[str, int] = {}
        self.elsewhere: set[str] = set()  # the pages the helper took, as the parent meets them
        self.quiet = SkippedPagesFilter(self.elsewhere)

    def share(self, pages: list, work: Callable[[Claims, Report], int]) -> None:
        """Fork the helper that draws pages with this process (before any thread starts:
        it begins with everything MkDocs has read)."""
        self.numbers = {page.file.src_uri: number for number, page in enumerate(pages)}
        for page in pages:
            page.meta["template"] = SHARED
        self.claims = Claims()
        self.helper = Helper(lambda report: self._help(work, report))
        BUILD_LOG.addFilter(self.quiet)

    def forward(self, feed) -> None:
        """Pass the pages the helper draws to `feed` (once Pagefind runs)."""
        if self.helper is not None:
            self.helper.forward(feed)

    def _help(self, work: Callable[[Claims, Report], int], report: Report) -> int:
        """In the helper process: it draws every page it meets (the ones it took)."""
        self.in_helper = True
        return work(self.claims, report)

    def draws_here(self, uri: str) -> bool:
        """When MkDocs reaches a page: does this process draw it? (In the parent: if the helper has not taken it.)"""
        number = self.numbers.get(uri)
        if self.in_helper or number is None or self.claims.parent_takes(number):
            return True
        self.elsewhere.add(uri)
        return False

    def wait_for_pages(self) -> None:
        """Wait until every page the helper drew is in the feed (it then goes on with the open data)."""
        if self.helper is None:
            return
        self.helper.pages_in.wait()
        if self.helper.failure is not None:
            raise self.helper.failure
        if not self.helper.pages_done:  # it said why on stderr; on_build_error ends it
            raise PluginError("Het tweede bouwproces is gestopt voordat al zijn pagina's klaar waren; "
                              "zie de melding hierboven.")

    def finish(self) -> None:
        """Wait for the helpers; their warnings count, their failures fail the build."""
        started = time.perf_counter()
        early = self.early.wait()
        code = self.helper.wait() if self.helper is not None else 0
        log.debug("Gewacht op de andere bouwprocessen: %.1f s", time.perf_counter() - started)
        BUILD_LOG.removeFilter(self.quiet)
        if self.helper is not None and self.helper.failure is not None:
            raise self.helper.failure
        if early != 0:
            raise PluginError(f"Het schrijven van de open data is mislukt (code {early}); zie de melding hierboven.")
        if code == 2:
            log.warning("Waarschuwingen bij de pagina's uit het tweede bouwproces: zie hierboven.")
        elif code != 0:
            raise PluginError(f"Het tweede bouwproces is mislukt (code {code}); zie de melding hierboven.")

    def stop(self) -> None:
        """The build failed elsewhere: end the helpers now."""
        for helper in (self.early, self.helper):
            if helper is not None:
                helper.stop()
        BUILD_LOG.removeFilter(self.quiet)


def _write_all(writers: list[Callable[[], None]]) -> int:
    """In the early helper: run the writers; 0 when all went well (an error ends it otherwise)."""
    for write in writers:
        write()
    return 0


def draw_in_helper(claims: Claims, report: Report, pages: list, config, doc_files, nav, env,
                   writers: list[Callable[[], None]]) -> int:
    """In the helper process: draw the pages it takes, say so, then write the open data the
    early helper left (`writers` after the first); 2 if MkDocs warned meanwhile.

    That open data is written while Pagefind writes its index: that takes one core
    for several seconds (8 s at 10,000 pages) while the other would wait.
    """
    before = warning_count()
    started = time.perf_counter()
    drawn = 0
    while (number := claims.helper_takes()) < len(pages):
        _build_page(pages[number], config, doc_files, nav, env)
        drawn += 1
    report(PAGES_DONE, "", None)
    log.debug("Tweede bouwproces: %d pagina's getekend na %.1f s", drawn, time.perf_counter() - started)
    for write in writers[WRITTEN_FIRST:]:
        write()
    log.debug("Tweede bouwproces: klaar na %.1f s", time.perf_counter() - started)
    return 2 if warning_count() > before else 0
