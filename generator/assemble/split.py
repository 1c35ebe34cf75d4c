"""How a large `mkdocs build` shares its pages with a second process (generator/parallel.py).

The plugin forks once, after every page is read and before any is written (fork:
the helper starts with everything MkDocs has, pages, navigation, templates, at no
cost). Both processes draw the generated pages outside the navigation: each takes
the next page nobody has taken yet (`Turns`), so neither waits while the other
still has work, whatever the pages cost. The parent also draws the long list
pages in the navigation and passes every page on to Pagefind, in MkDocs' page
order (index_part.OrderedFeed); the helper sends each page it drew to the parent.
The open data writers are shared the same way (a second `Turns`). With the search
index in parts (a large map) the helper takes them all before its pages and ends
after its last page, so that its memory is gone before Pagefind writes the index
(the build's peak); with the index in one part both processes write them after the
pages, while Pagefind works out the index.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable

from jinja2 import ChoiceLoader, DictLoader
from mkdocs.commands.build import _build_page
from mkdocs.exceptions import PluginError

from ..parallel import Helper, Send, Turns, worth_forking
from .failures import dutch_failure
from .index_part import OrderedFeed
from .open_data import run_all
from .publish_site import warning_count

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
BUILD_LOG = logging.getLogger("mkdocs.commands.build")
# From this many generated pages on (SOCIALE_KAART_PROCESSES: see generator/parallel.py).
PARALLEL_FROM = 400
PAGES_DONE = None  # the helper's last message: all its pages are sent (its open data may still be going)
# The template of the pages either process may draw: the theme's page, or nothing where the
# other process draws it (MkDocs picks a page's template before on_page_context can choose).
SHARED = "sociale-kaart/shared-page.html"
ELSEWHERE = "sociale-kaart/built-by-helper.html"
TEMPLATES = {SHARED: "{% extends sk_layout %}", ELSEWHERE: ""}
LAYOUT = "main.html"  # sk_layout of a page this process draws


def wanted(command: str | None, pages: int) -> bool:
    """Split only `mkdocs build` (never serve's threads), when there is a second core and enough pages."""
    return command == "build" and worth_forking(pages, PARALLEL_FROM)


def add_split_templates(env) -> None:
    """The shared page template and the empty one, in the theme's environment (before any fork)."""
    env.globals["sk_layout"] = LAYOUT
    env.loader = ChoiceLoader([DictLoader(TEMPLATES), env.loader])


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

    def __init__(self, pages: list, work: Callable[[Turns, Turns, Send], int]) -> None:
        self.numbers = {page.file.src_uri: number for number, page in enumerate(pages)}
        for page in pages:
            page.meta["template"] = SHARED
        self.turns = Turns()
        self.writer_turns = Turns()  # the open data writers, shared the same way
        self.feed: OrderedFeed | None = None
        self.pages_done = False  # the helper said it has no more pages
        self.pages_in = threading.Event()  # set then (its pages are all in the feed), or when it ended
        # Fork before any thread starts: the helper begins with everything MkDocs has read.
        self.helper = Helper(in_dutch(lambda send: work(self.turns, self.writer_turns, send)))
        self.elsewhere: set[str] = set()  # the pages the helper took, as the parent meets them
        self.quiet = SkippedPagesFilter(self.elsewhere)
        BUILD_LOG.addFilter(self.quiet)

    def forward(self, feed: OrderedFeed) -> None:
        """Put the pages the helper draws into `feed` as they arrive (Pagefind runs by now)."""
        self.feed = feed
        self.helper.receive_in_thread(self._arrived, at_end=self.pages_in.set)

    def _arrived(self, message: tuple[int, str, str | None] | None) -> None:
        """A page the helper drew (seq, url, html), or PAGES_DONE."""
        if message is PAGES_DONE:
            self.pages_done = True
            self.pages_in.set()
        else:
            self.feed.put(*message)

    def draws_here(self, uri: str) -> bool:
        """In the parent, when MkDocs reaches a page: does this process draw it?"""
        number = self.numbers.get(uri)
        if number is None or self.turns.take(number):
            return True
        self.elsewhere.add(uri)
        return False

    def wait_for_pages(self) -> None:
        """Wait until every page the helper drew is in the feed (it then goes on with the open data)."""
        self.pages_in.wait()
        if self.helper.failure is not None:
            raise self.helper.failure
        if not self.pages_done:  # it said why on stderr; on_build_error ends it
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


def in_dutch(work: Callable[[Send], int]) -> Callable[[Send], int]:
    """The helper's work, with a failure the user can meet (a full disk) told in one Dutch line,
    not a traceback, and an interrupt left to the parent to report."""
    def run(send: Send) -> int:
        try:
            return work(send)
        except KeyboardInterrupt:
            return 1
        except Exception as error:
            if (message := dutch_failure(error)) is None:
                raise
            print(message, file=sys.stderr)
            return 1
    return run


def draw_in_helper(turns: Turns, writer_turns: Turns, send: Send, pages: list, config, doc_files, nav, env,
                   writers: list[Callable[[], None]], *, open_data_first: bool) -> int:
    """In the helper process: the pages it takes and the open data it takes; 2 if MkDocs warned.

    With a small index the open data comes after the pages, shared with the parent, while
    Pagefind works out the index. With the index in parts this process writes it first,
    although a core then waits while Pagefind writes its index (8 s at 10,000 pages):
    that write is the build's memory peak, and this process holds its own copy of every
    page it touched until it ends (issue 24: the whole build in 1 GiB at 10,000).
    """
    before = warning_count()
    started = time.perf_counter()
    if open_data_first:
        run_all(writers, writer_turns)
    drawn = 0
    while (number := turns.take_next()) < len(pages):
        _build_page(pages[number], config, doc_files, nav, env)
        drawn += 1
    send(PAGES_DONE)
    log.debug("Tweede bouwproces: %d pagina's getekend na %.1f s", drawn, time.perf_counter() - started)
    if not open_data_first:
        run_all(writers, writer_turns)
    return 2 if warning_count() > before else 0
