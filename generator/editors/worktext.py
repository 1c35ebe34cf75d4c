"""The work list as text for the terminal: `sociale-kaart werklijst`.

What is unknown is decided in generator/site/worklist.py (the site's work list
page uses the same); this module only words it for a terminal.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import yaml

from ..data.dataset import Dataset
from ..site.describe import plural
from ..site.worklist import REST, Work, completeness, contact, line_of


def site_url_beside(map_dir: Path) -> str | None:
    """site_url of the mkdocs.yml next to the map folder (map/../mkdocs.yml), for links to the form."""
    config = map_dir.parent / "mkdocs.yml"
    if not config.is_file():
        return None
    loader = type("ConfigLoader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("!", _tagged)
    try:
        url = (yaml.load(config.read_text(encoding="utf-8"), loader) or {}).get("site_url")
    except (yaml.YAMLError, AttributeError):
        return None
    return url if isinstance(url, str) and url else None


def _tagged(loader: yaml.SafeLoader, tag: str, node: yaml.Node):
    """MkDocs' !ENV [NAME, default] as MkDocs reads it; other tags as nothing."""
    if tag == "ENV" and isinstance(node, yaml.SequenceNode):
        *names, default = loader.construct_sequence(node)
        return next((os.environ[name] for name in names if name in os.environ), default)
    return None


def rest_summary(work: Work) -> str:
    """The less useful gaps in a few words: 'talen (2), kostprijs (2), telefoonnummer'."""
    counts = Counter(gap.short for gap in work.gaps if gap.rank == REST)
    return ", ".join(short if count == 1 else f"{short} ({count})" for short, count in counts.items())


def record_lines(data: Dataset, work: Work, site_url: str | None) -> Iterator[str]:
    """One record: its name and file, whom to ask, the useful gaps with their line, the rest in one line."""
    yield f"{work.record.name} ({work.path})"
    yield f"  vragen aan: {contact(data, work.record).text}"
    for gap in work.gaps:
        if gap.rank < REST:
            about = f" ({gap.subject})" if gap.subject else ""
            yield f"  regel {line_of(data, work, gap)}: {gap.what}{about}"
    if rest := rest_summary(work):
        yield f"  verder: {rest}"
    if site_url:
        yield f"  formulier: {site_url}{work.form}"


def worklist_lines(data: Dataset, works: list[Work], site_url: str | None) -> Iterator[str]:
    """The whole work list, then the completeness figures."""
    orgs = sum(work.collection == "organisations" for work in works)
    gaps = sum(len(work.gaps) for work in works)
    yield (f"Werklijst: {plural(gaps, 'open punt', 'open punten')} bij "
           f"{plural(orgs, 'organisatie', 'organisaties')} en "
           f"{plural(len(works) - orgs, 'locatie', 'locaties')}, de nuttigste eerst.")
    for work in works:
        yield ""
        yield from record_lines(data, work, site_url)
    yield ""
    yield "Volledigheid:"
    yield from (f"- {figure}" for figure in completeness(data))
