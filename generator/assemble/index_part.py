"""What Pagefind reads of a built page (the language, the title and the indexed part), in page order."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

HTML_LANG = re.compile(r'<html lang="([^"]*)"')
TITLE = re.compile(r"<title>.*?</title>", re.S)
# overrides/main.html puts the indexed part of a page between these markers.
INDEX_START, INDEX_END = "<!--sk-index-->", "<!--/sk-index-->"


# An element Pagefind skips whole: data-pagefind-ignore bare or "all" (not "index", which keeps
# the filters inside). Our templates escape every value, so no "<" or ">" comes from the data.
IGNORED = re.compile(r'<([a-z][a-z0-9]*)\b[^>]*?\sdata-pagefind-ignore(?:="all")?(?=[\s>/])')
VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])
_TAG_PATTERNS: dict[str, re.Pattern] = {}


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
            f'{title.group(0) if title else ""}</head><body>{without_ignored(output[start:end])}</body></html>')


def without_ignored(html: str) -> str:
    """``html`` without the elements Pagefind would skip anyway (hours, sources, printed sheets).

    Three quarters of an organisation page's indexed part are such elements: Pagefind
    then parses 35 instead of 134 MB at 10,000 organisations (5 s less CPU) and holds
    a quarter of the memory while it waits. An element that holds a filter, metadata
    or an id (a sub-result anchor) stays: Pagefind reads those even inside it.
    """
    out, position = [], 0
    while match := IGNORED.search(html, position):
        head_end = html.index(">", match.end()) + 1
        end = _element_end(html, match.group(1), head_end)
        inside = html[head_end:end]
        if end < 0 or "data-pagefind-" in inside or ' id="' in inside:
            out.append(html[position:head_end])
            position = head_end
        else:
            out.append(html[position:match.start()])
            position = end
    out.append(html[position:])
    return "".join(out)


def _element_end(html: str, tag: str, after_start_tag: int) -> int:
    """Where the element whose start tag ends at ``after_start_tag`` ends (-1: never closed)."""
    if tag in VOID:
        return after_start_tag
    if (pattern := _TAG_PATTERNS.get(tag)) is None:
        pattern = _TAG_PATTERNS[tag] = re.compile(rf"<(/?){tag}\b[^>]*>")
    depth = 1
    for found in pattern.finditer(html, after_start_tag):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return found.end()
    return -1


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
