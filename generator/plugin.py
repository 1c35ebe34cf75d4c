"""The MkDocs plugin: `mkdocs build` turns map/ into pages. The only module that imports MkDocs."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .dataset import load_dataset
from .errors import DataError
from .exports import write_exports
from .freshness import log_stale
from .describe import build_date
from .ics import write_calendars
from .pages import plan_pages
from .render import render_all
from .search import index_site

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class SocialeKaartConfig(Config):
    # Not named "data": Config is a UserDict and that name breaks it.
    map = c.Type(str, default="map")
    templates = c.Type(str, default="site_templates")
    in_nav = c.ListOfItems(c.Type(str), default=[])


class SocialeKaartPlugin(BasePlugin[SocialeKaartConfig]):
    """Loads and checks map/ before anything is written, then adds the generated pages."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Present so that MkDocs keeps one plugin instance across `serve` rebuilds."""

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
        pages = plan_pages(data)
        self.sources = {page.uri: page.source for page in pages if page.source}
        self.edit_base = f"{data.site.repository}/edit/{data.site.edit_branch}/" if data.site.repository else None
        self.rendered = render_all(self.templates_dir, pages)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for uri, content in self.rendered.items():
            inclusion = InclusionLevel.UNDEFINED if uri in self.config.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, uri, content=content, inclusion=inclusion))
        return files

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
        # No repo_url in mkdocs.yml: Material would then call api.github.com from every page.
        if self.edit_base and not page.file.generated_by:
            page.edit_url = f"{self.edit_base}docs/{page.file.src_uri}"
        elif self.edit_base and page.file.src_uri in self.sources:
            page.edit_url = self.edit_base + self.sources[page.file.src_uri]
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Open data (HSDS 3.0, CSV) next to the site: site/data/.
        write_exports(self.dataset, Path(config.site_dir) / "data", (config.site_url or "") + "data/")
        # iCalendar feeds per service and for the house: site/agenda/*.ics.
        write_calendars(self.dataset, Path(config.site_dir) / "agenda", build_date())
        pages = index_site(Path(config.site_dir))
        log.info("Pagefind: %d pagina's geïndexeerd", pages)

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        server.watch(str(self.map_dir))
        server.watch(str(self.templates_dir))
        return server
