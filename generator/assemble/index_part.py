"""What Pagefind reads of a built page: the language, the title and the indexed part."""

from __future__ import annotations

import re

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
