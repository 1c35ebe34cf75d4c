"""How a large `mkdocs build` shares its pages with a second process (see parallel.py).

The helper draws two of every three generated pages outside the navigation and
writes the open data and calendars; the parent draws the rest, the long list
pages in the navigation, and passes every page on to Pagefind.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable

from mkdocs.commands.build import _build_page
from mkdocs.exceptions import PluginError

from .parallel import Helper, Report
from .publish_site import warning_count

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
BUILD_LOG = logging.getLogger("mkdocs.commands.build")
# From this many generated pages on; SOCIALE_KAART_PROCESSES=1 turns it off,
# SOCIALE_KAART_PARALLEL_FROM changes the threshold (tests use it on the small demo).
PARALLEL_FROM = 400
# The template of pages the helper process draws: nothing, in the parent.
ELSEWHERE = "sociale-kaart/built-by-helper.html"


def wanted(command: str | None, pages: int) -> bool:
    """Split only `mkdocs build` (never serve's threads), on a machine with more than one core."""
    enabled = os.environ.get("SOCIALE_KAART_PROCESSES", "2") != "1"
    threshold = int(os.environ.get("SOCIALE_KAART_PARALLEL_FROM", PARALLEL_FROM))
    return (enabled and command == "build" and pages >= threshold
            and hasattr(os, "fork") and (os.cpu_count() or 1) > 1)


def helper_share(candidates: list) -> list:
    """Two of every three candidate pages, spread evenly over the build order."""
    return [page for number, page in enumerate(candidates) if number % 3]


class SkippedPagesFilter(logging.Filter):
    """Drops MkDocs' "Page skipped" lines for pages the helper process draws."""

    def __init__(self, uris: set[str]) -> None:
        super().__init__()
        self.uris = uris

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Page skipped: '") and message.split("'")[1] in self.uris)


class SplitBuild:
    """The helper process of one build and the pages the parent leaves to it."""

    def __init__(self, share: list, work: Callable[[Report], int]) -> None:
        # Fork before any thread starts: the helper begins with everything MkDocs has read.
        self.helper = Helper(work)
        self.elsewhere = {page.file.src_uri for page in share}
        for page in share:
            page.meta["template"] = ELSEWHERE
        self.quiet = SkippedPagesFilter(self.elsewhere)
        BUILD_LOG.addFilter(self.quiet)

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


def draw_in_helper(pages: list, config, doc_files, nav, env, then: Callable[[], None]) -> int:
    """In the helper process: draw `pages`, then run `then`; 2 if MkDocs warned meanwhile."""
    before = warning_count()
    started = time.perf_counter()
    for page in pages:
        _build_page(page, config, doc_files, nav, env)
    log.debug("Tweede bouwproces: %d pagina's in %.1f s", len(pages), time.perf_counter() - started)
    then()
    log.debug("Tweede bouwproces: klaar na %.1f s", time.perf_counter() - started)
    return 2 if warning_count() > before else 0
