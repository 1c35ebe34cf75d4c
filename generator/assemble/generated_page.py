"""Generated pages as MkDocs pages: no Markdown, the body drawn from site_templates/ when needed."""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..site.pages import Page as PlannedPage
from ..site.render import page_jsonld, render_body

ID_ATTRIBUTE = re.compile(r'id="([^"]+)"')  # a literal start: much faster to scan for than \sid="


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


def draw_body(page: Page, planned: PlannedPage, env) -> None:
    """Render the page's body just before Material draws the page, so no body waits in memory."""
    page.content = render_body(env, planned)
    if ld := page_jsonld(planned):
        page.meta["jsonld"] = ld
    page.present_anchor_ids = anchor_ids(page.content)


def anchor_ids(html: str) -> set[str]:
    """The id="…" attributes of a page, for MkDocs' check of links to #anchors on it."""
    return {match.group(1) for match in ID_ATTRIBUTE.finditer(html)
            if match.start() and html[match.start() - 1].isspace()}
