"""What Pagefind reads of a built page (the language, the title and the indexed part), in page order."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

HTML_LANG = re.compile(r'<html lang="([^"]*)"')
TITLE = re.compile(r"<title>.*?</title>", re.S)
# overrides/main.html puts the indexed part of a page between these markers.
INDEX_START, INDEX_END = "<!--sk-index-->", "<!--/sk-index-->"


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


class OrderedFeed:
    """Hands pages to `add(html, url)` in sequence order, holding back any that arrive early.

    Pages reach Pagefind in MkDocs' own page order whichever build process drew
    them (split.py), so the index does not depend on which process was faster."""

    def __init__(self, add: Callable[[str, str], None]) -> None:
        self._add = add
        self._next = 0
        self._early: dict[int, tuple[str, str | None]] = {}
        self._lock = threading.Lock()

    def put(self, seq: int, url: str, html: str | None) -> None:
        """Page number `seq` is built; html None: it is not indexed."""
        with self._lock:
            self._early[seq] = (url, html)
            while self._next in self._early:
                url, html = self._early.pop(self._next)
                self._next += 1
                if html:
                    self._add(html, url)

    @property
    def waiting(self) -> int:
        return len(self._early)

    def flush(self) -> None:
        """Hand over what is still held back (pages after a gap: e.g. a `--dirty`
        build skips unchanged pages), in sequence order."""
        with self._lock:
            for seq in sorted(self._early):
                url, html = self._early.pop(seq)
                if html:
                    self._add(html, url)
