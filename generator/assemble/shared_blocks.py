"""Theme blocks that come out the same on many generated pages, rendered once per folder."""

from __future__ import annotations

import os
import posixpath

from jinja2 import pass_context


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
        if not (self.enabled and page is not None and self._shareable(page)):
            return caller()
        # Relative links depend on the page's folder, not only on its depth.
        key = (name, posixpath.dirname(page.url.rstrip("/")), tuple((page.meta or {}).get("hide") or ()))
        if key not in self.blocks:
            self.blocks[key] = caller()
        return self.blocks[key]

    def _shareable(self, page) -> bool:
        """A generated page outside the navigation, without table of contents or neighbours."""
        return bool(page.file.generated_by and page.file.src_uri in self.planned
                    and page.file.inclusion.is_not_in_nav() and not page.toc
                    and page.previous_page is None and page.next_page is None)
