"""Indexing a site that is already built, in one go (benchmarks, tests).

The build itself hands pages to Pagefind while it writes them (plugin.py,
indexer.py); this indexes a finished site/ folder the same way Pagefind's
own command line does, through the same client.
"""

from __future__ import annotations

from pathlib import Path

from .indexer import StreamingIndex


def index_site(site_dir: Path) -> int:
    """Write site_dir/pagefind/ and return the number of pages in the index."""
    index = StreamingIndex(site_dir / "pagefind")
    try:
        index.add_directory(site_dir)
    except BaseException:
        index.close()
        raise
    return index.finish()
