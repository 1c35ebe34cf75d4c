"""The MkDocs plugin: `mkdocs build` turns map/ into pages. The only module that imports MkDocs."""

from __future__ import annotations

import logging
import os
import posixpath
import re
import time
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader, pass_context
from mkdocs.commands.build import _build_page
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from .dataset import load_dataset
from .errors import DataError
from .exports import write_exports
from .freshness import log_stale
from .describe import build_date
from .ics import write_calendars
from .indexer import StreamingIndex
from .pages import plan_pages
from .parallel import Helper, OrderedFeed
from .render import environment, front_matter, page_jsonld, render_body

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

ANCHOR = re.compile(r'\sid="([^"]+)"')
# What Pagefind reads of a page: the language, the title and the indexed part,
# which overrides/main.html puts between these markers.
HTML_LANG = re.compile(r'<html lang="([^"]*)"')
TITLE = re.compile(r"<title>.*?</title>", re.S)
INDEX_START, INDEX_END = "<!--sk-index-->", "<!--/sk-index-->"
# From this many generated pages on, `mkdocs build` draws part of them in a
# second process (generator/parallel.py); SOCIALE_KAART_PROCESSES=1 turns it off,
# SOCIALE_KAART_PARALLEL_FROM changes the threshold (tests use it on the small demo).
PARALLEL_FROM = 400
# The template of pages the helper process draws: nothing, in the parent.
ELSEWHERE = "sociale-kaart/built-by-helper.html"


class SocialeKaartConfig(Config):
    # Not named "data": Config is a UserDict and that name breaks it.
    map = c.Type(str, default="map")
    templates = c.Type(str, default="site_templates")
    in_nav = c.ListOfItems(c.Type(str), default=[])


def for_pagefind(output: str) -> str | None:
    """The part of a built page Pagefind indexes, as a small HTML document; None if not indexed.

    Pagefind reads only the element with data-pagefind-body (and <html lang>),
    so it gets that without Material's navigation, header and footer: less to
    send, parse and hold. A test checks that the index equals one made from
    the whole pages on disk.
    """
    start = output.find(INDEX_START)
    if start < 0:
        return None
    end = output.index(INDEX_END, start)
    lang = HTML_LANG.search(output)
    title = TITLE.search(output)
    return (f'<!doctype html><html lang="{lang.group(1) if lang else ""}"><head><meta charset="utf-8">'
            f'{title.group(0) if title else ""}</head><body>{output[start:end]}</body></html>')


class _SkippedPagesFilter(logging.Filter):
    """Drops MkDocs' "Page skipped" lines for pages the helper process draws."""

    def __init__(self, uris: set[str]) -> None:
        super().__init__()
        self.uris = uris

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Page skipped: '") and message.split("'")[1] in self.uris)


class SharedBlocks:
    """Theme blocks that come out the same on many generated pages, rendered once.

    Material draws the navigation drawer, the tabs, the footer, its
    configuration and its style and script links on every page. On a generated
    page outside the navigation (no previous/next page, no table of contents)
    these depend only on the page's folder (relative links) and its hidden
    sidebars, so
    overrides/main.html wraps them in ``{% call sk_shared("name") %}`` and the
    first rendering is reused for pages with the same key. Hand-written pages,
    pages in the navigation and pages with a table of contents are always
    rendered in full. SOCIALE_KAART_NO_SHARED_BLOCKS=1 turns this off (a test
    compares both builds byte for byte).
    """

    def __init__(self, planned: dict) -> None:
        self.planned = planned
        self.blocks: dict[tuple, str] = {}
        self.enabled = not os.environ.get("SOCIALE_KAART_NO_SHARED_BLOCKS")

    @pass_context
    def __call__(self, context, name: str, *, caller) -> str:
        page = context.get("page")
        if not (self.enabled and page is not None and page.file.generated_by
                and page.file.src_uri in self.planned and page.file.inclusion.is_not_in_nav()
                and not page.toc and page.previous_page is None and page.next_page is None):
            return caller()
        # Relative links depend on the page's folder, not only on its depth.
        key = (name, posixpath.dirname(page.url.rstrip("/")), tuple((page.meta or {}).get("hide") or ()))
        if key not in self.blocks:
            self.blocks[key] = caller()
        return self.blocks[key]


class GeneratedPage(Page):
    """A generated page outside the navigation: nothing to read, no Markdown to convert.

    MkDocs would build a Markdown converter per page just to turn an empty
    source into an empty body; the body is drawn in on_page_context instead.
    """

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown, self.meta = "", {}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content, self.toc = "", get_toc([])
        self.present_anchor_ids, self.links_to_anchors = set(), {}


class SocialeKaartPlugin(BasePlugin[SocialeKaartConfig]):
    """Loads and checks map/ before anything is written, then adds the generated pages."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Also makes MkDocs keep one plugin instance across `serve` rebuilds."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Everything that can fail runs here, before MkDocs cleans site/,
        # so a broken dataset leaves the previous site untouched.
        base = Path(config.config_file_path).parent
        self.map_dir = (base / self.config.map).resolve()
        self.templates_dir = (base / self.config.templates).resolve()
        try:
            data = load_dataset(self.map_dir)
        except DataError as error:
            raise PluginError("De gegevens bevatten fouten; de site is niet gebouwd.\n" + error.report()) from None
        self.dataset = data
        log_stale(data, log)
        self.planned = {page.uri: page for page in plan_pages(data)}
        self.edit_base = f"{data.site.repository}/edit/{data.site.edit_branch}/" if data.site.repository else None
        self.env = environment(self.templates_dir)
        self.index = None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for uri in self.planned:
            inclusion = InclusionLevel.UNDEFINED if uri in self.config.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, uri, content="", inclusion=inclusion)
            files.append(file)
            if inclusion.is_not_in_nav():
                GeneratedPage(None, file, config)  # sets file.page
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Generated pages skip Markdown: their metadata is set here and their
        # HTML is rendered just before Material draws the page (on_page_context),
        # so no page body is held in memory longer than needed.
        if (planned := self._planned(page)) is not None:
            page.meta = front_matter(planned, with_jsonld=False)
        return markdown

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        self.nav = nav
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # Templates do not change during a build: no file check per include.
        env.auto_reload = False
        env.globals["sk_shared"] = SharedBlocks(self.planned)
        env.loader = ChoiceLoader([DictLoader({ELSEWHERE: ""}), env.loader])
        # The pages in the order MkDocs builds them; Pagefind gets them in this order.
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self.order = {file.src_uri: number for number, file in enumerate(doc_files)}
        self.helper, self.elsewhere, self.report = None, set(), None
        candidates = [file.page for file in doc_files if isinstance(file.page, GeneratedPage)]
        # Two of every three: the parent also draws the long list pages (agenda, A-Z,
        # week), copies the theme's files and passes every page on to Pagefind.
        share = [page for number, page in enumerate(candidates) if number % 3]
        if self._parallel(len(candidates)):
            # Fork before any thread starts. The helper draws its share of the generated
            # pages outside the navigation, then writes the open data and calendars.
            self.helper = Helper(lambda report: self._helper_work(report, share, config, doc_files, env))
            self.elsewhere = {page.file.src_uri for page in share}
            for page in share:
                page.meta["template"] = ELSEWHERE
            self._quiet = _SkippedPagesFilter(self.elsewhere)
            logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)
        # Pagefind indexes each page as it is written, in its own process.
        self.index = StreamingIndex(Path(config.site_dir) / "pagefind")
        self.feed = OrderedFeed(self.index.add)
        if self.helper is not None:
            self.helper.forward(self.feed)
        return env

    def _parallel(self, pages: int) -> bool:
        wanted = os.environ.get("SOCIALE_KAART_PROCESSES", "2") != "1"
        threshold = int(os.environ.get("SOCIALE_KAART_PARALLEL_FROM", PARALLEL_FROM))
        return (wanted and getattr(self, "command", None) == "build" and pages >= threshold
                and hasattr(os, "fork") and (os.cpu_count() or 1) > 1)

    def _helper_work(self, report, pages: list[Page], config: MkDocsConfig, doc_files, env) -> int:
        """In the helper process: draw `pages`, write the open data; 2 if MkDocs warned."""
        self.report = report
        counter = next((h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)), None)
        before = sum(n for _, n in counter.get_counts()) if counter else 0
        started = time.perf_counter()
        for page in pages:
            _build_page(page, config, doc_files, self.nav, env)
        log.debug("Tweede bouwproces: %d pagina's in %.1f s", len(pages), time.perf_counter() - started)
        self._write_open_data(config)
        log.debug("Tweede bouwproces: klaar na %.1f s", time.perf_counter() - started)
        after = sum(n for _, n in counter.get_counts()) if counter else 0
        return 2 if after > before else 0

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
        if (planned := self._planned(page)) is not None:
            page.content = render_body(self.env, planned)
            if ld := page_jsonld(planned):
                page.meta["jsonld"] = ld
            # For MkDocs' check of links to #anchors on this page.
            page.present_anchor_ids = set(ANCHOR.findall(page.content))
        # No repo_url in mkdocs.yml: Material would then call api.github.com from every page.
        if self.edit_base and not page.file.generated_by:
            page.edit_url = f"{self.edit_base}docs/{page.file.src_uri}"
        elif self.edit_base and planned is not None and planned.source:
            page.edit_url = self.edit_base + planned.source
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self._planned(page) is not None:
            page.content = None  # written; let it go
        uri = page.file.src_uri
        if self.report is not None:  # in the helper process
            self.report(self.order[uri], "/" + page.url, for_pagefind(output))
        elif uri not in self.elsewhere and uri in self.order:
            self.feed.put(self.order[uri], "/" + page.url, for_pagefind(output))
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.helper is not None:
            helper, self.helper = self.helper, None
            started = time.perf_counter()
            code = helper.wait()
            log.debug("Gewacht op het tweede bouwproces: %.1f s", time.perf_counter() - started)
            logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
            if code == 2:
                log.warning("Waarschuwingen bij de pagina's uit het tweede bouwproces: zie hierboven.")
            elif code != 0:
                raise PluginError(f"Het tweede bouwproces is mislukt (code {code}); zie de melding hierboven.")
        else:
            self._write_open_data(config)
        site = Path(config.site_dir)
        index, self.index = self.index, None
        self.feed.flush()
        started = time.perf_counter()
        index.finish()
        log.debug("Pagefind afgerond in %.1f s", time.perf_counter() - started)
        log.info("Pagefind: %d pagina's geïndexeerd", sum(1 for _ in (site / "pagefind" / "fragment").iterdir()))

    def _write_open_data(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        # Open data (HSDS 3.0, CSV) next to the site: site/data/.
        write_exports(self.dataset, site / "data", (config.site_url or "") + "data/")
        # iCalendar feeds per service and for the house: site/agenda/*.ics.
        write_calendars(self.dataset, site / "agenda", build_date())

    def on_build_error(self, *, error: Exception) -> None:
        if getattr(self, "helper", None) is not None:
            helper, self.helper = self.helper, None
            helper.stop()
            logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        if getattr(self, "index", None) is not None:
            index, self.index = self.index, None
            index.close()

    def _planned(self, page: Page):
        """The planned generated page behind an MkDocs page, or None for hand-written pages."""
        return self.planned.get(page.file.src_uri) if page.file.generated_by else None

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        server.watch(str(self.map_dir))
        server.watch(str(self.templates_dir))
        return server
