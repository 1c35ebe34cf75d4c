"""The MkDocs plugin: `mkdocs build` turns map/ into pages. Event wiring only.

Bad data stops the build in on_config, before anything is written (failures.py); the site
is built aside and swapped in whole (publish_site.py); the other pieces live next door.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..data.dataset import DatasetMemo
from ..parallel import release_memory
from ..resources import fill_in, placeholders
from ..site.csp import SITE_POLICY
from ..site.pages import MENTORING_FOLDER, plan_pages
from ..site.render import environment, front_matter, house_facts
from ..site.worklist import report_to_editors
from .failures import abort_in_dutch, check_browser_code, checked_clock, checked_dataset, warnings_in_dutch
from .generated_page import GeneratedPage, draw_body
from .index_part import OrderedFeed, for_pagefind
from .indexer import PartedIndex, part_pages
from .open_data import open_data_writers, run_all
from .publish_site import build_aside
from .qr_cache import cache_file, forget_codes, load_codes, save_codes
from .settings import SocialeKaartConfig
from .shared_blocks import SharedBlocks
from .site_folders import (
    add_browser_libraries,
    add_packaged_pages,
    nav_pages,
    with_packaged_folders,
    without_folder,
)
from .split import ELSEWHERE, SplitBuild, add_split_templates, draw_in_helper, wanted
from .template_cache import compiled_templates

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class SocialeKaartPlugin(BasePlugin[SocialeKaartConfig]):
    """Loads and checks map/ before anything is written, then adds the generated pages."""

    def on_startup(self, *, command: str, dirty: bool) -> None:  # also: one instance across serve rebuilds
        self.command, self.dirty = command, dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        checked_clock()
        base = Path(config.config_file_path).parent
        self.map_dir = (base / self.config.map).resolve()
        self.templates_dirs = with_packaged_folders(config, base, self.config.templates)
        warnings_in_dutch()
        self.dataset = checked_dataset(self.map_dir)
        check_browser_code()
        if self.dataset.mentoring is None and config.nav:  # mentoring is optional: no pages, no nav entries
            config.nav = without_folder(config.nav, MENTORING_FOLDER)
        self.planned = {page.uri: page for page in plan_pages(self.dataset)}
        self.compiled = compiled_templates(base)
        self.env = environment(self.templates_dirs, config.site_url or "", self.compiled)
        self.qr_cache = cache_file(base)
        load_codes(self.qr_cache)
        self.fill_ins = {**placeholders(self.dataset.site), **report_to_editors(self.dataset, log)}
        self.index, self.split, self.send, self.site_dir = None, None, None, config.site_dir
        self.aside = build_aside(config, getattr(self, "dirty", False), self.map_dir)
        self.open_data = open_data_writers(self.dataset, Path(config.site_dir), config.site_url or "", self.env)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for uri in self.planned:
            inclusion = InclusionLevel.UNDEFINED if uri in self.config.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(file := File.generated(config, uri, content="", inclusion=inclusion))
            if inclusion.is_not_in_nav():
                GeneratedPage(None, file, config)  # sets file.page
        add_packaged_pages(files, config, nav_pages(config))
        add_browser_libraries(files, config)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Generated pages: metadata (their HTML comes in on_page_context); others: names filled in."""
        if (planned := self._planned(page)) is not None:
            page.meta = front_matter(planned, with_jsonld=False)
            return markdown
        return fill_in(markdown, self.fill_ins)

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        self.nav = nav
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        env.auto_reload = False  # templates do not change during a build
        env.bytecode_cache = self.compiled  # Material's templates too
        self.theme_env = env
        env.globals["sk_shared"] = SharedBlocks(self.planned)
        env.globals["sk_house"] = house_facts(self.dataset)  # overrides/partials/footer.html
        env.globals["sk_csp"] = SITE_POLICY  # overrides/base.html
        add_split_templates(env)
        # The pages in the order MkDocs builds them; Pagefind gets them in this order.
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self.order = {file.src_uri: number for number, file in enumerate(doc_files)}
        candidates = [file.page for file in doc_files if isinstance(file.page, GeneratedPage)]
        # An index in one part: Pagefind works it out while the open data is written (after the
        # pages). In parts: the open data comes first, and its writer has ended before Pagefind's
        # memory peak (issue 24: 10,000 organisations in 1 GiB).
        self.open_data_last = len(self.order) <= part_pages()
        if wanted(getattr(self, "command", None), len(candidates)):  # forks: before Pagefind or any thread
            self.split = SplitBuild(candidates, lambda *io: self._helper_work(candidates, config, doc_files, env, *io))
        self.index = PartedIndex(Path(config.site_dir) / "pagefind")
        self.feed = OrderedFeed(self.index.add)
        if self.split is not None:
            self.split.forward(self.feed)
        return env

    def _helper_work(self, pages: list[Page], config: MkDocsConfig, doc_files, env, turns, writer_turns,
                     send) -> int:
        """In the helper process: the open data and the pages it takes; 2 if MkDocs warned."""
        self.send = send
        code = draw_in_helper(turns, writer_turns, send, pages, config, doc_files, self.nav, env, self.open_data,
                              open_data_first=not self.open_data_last)
        save_codes(self.qr_cache)
        return code

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
        planned = self._planned(page)
        if self.split is not None and not self.split.draws_here(page.file.src_uri):
            context["sk_layout"] = ELSEWHERE  # the helper draws this page: nothing to draw here
        elif planned is not None:
            draw_body(page, planned, self.env)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self._planned(page) is not None:
            page.content = None  # written; let it go
        uri = page.file.src_uri
        if self.send is not None:  # in the helper process
            self.send((self.order[uri], "/" + page.url, for_pagefind(output)))
        elif uri in self.order and not (self.split and uri in self.split.elsewhere):
            self.feed.put(self.order[uri], "/" + page.url, for_pagefind(output))
        return output

    @event_priority(-100)  # last: publishing must follow everything any plugin writes
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.split is not None:
            self.split.wait_for_pages()
        self.feed.flush()
        if self.open_data_last:  # every page is in: Pagefind works out the index meanwhile
            self.index.ask_for_files()
        self._open_data_written()
        index, self.index = self.index, None
        save_codes(self.qr_cache)
        self._let_go()
        log.info("Pagefind: %d pagina's geïndexeerd", index.finish())
        self.aside.publish()

    def _open_data_written(self) -> None:
        """Write the open data here; in a split build, what the helper has not taken (it took
        all of it before its pages on a large map), then wait for the helper to end."""
        if self.split is None:
            run_all(self.open_data)
            return
        run_all(self.open_data, self.split.writer_turns)
        split, self.split = self.split, None
        split.finish()

    def _let_go(self) -> None:
        """Free what the pages needed before Pagefind writes its index, the build's memory peak."""
        self.dataset = self.planned = self.env = self.open_data = self.fill_ins = self.nav = None
        for name in ("sk_shared", "sk_house"):  # they hold the plan and the map
            self.theme_env.globals.pop(name, None)
        DatasetMemo.forget_all()
        forget_codes()
        release_memory()

    @event_priority(-100)
    def on_build_error(self, *, error: Exception) -> None:
        """Stop the helpers, drop the unfinished build, say what failed in Dutch."""
        for part, stop in (("split", "stop"), ("index", "close"), ("aside", "discard")):
            if (running := getattr(self, part, None)) is not None:
                setattr(self, part, None)
                getattr(running, stop)()
        abort_in_dutch(error, getattr(self, "site_dir", ""), kept=not getattr(self, "dirty", False))

    def _planned(self, page: Page):
        """The planned generated page behind an MkDocs page, or None for hand-written pages."""
        return self.planned.get(page.file.src_uri) if page.file.generated_by else None

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        for folder in (self.map_dir, *self.templates_dirs):
            server.watch(str(folder))
        return server
