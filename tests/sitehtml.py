"""Reading built HTML pages with the standard library only (html.parser)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    line: int = 0
    ancestors: tuple[str, ...] = ()  # classes of the open elements around it

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


@dataclass
class ParsedPage:
    path: Path  # the HTML file
    url: str  # its URL path from the site root, e.g. '/organisaties/x/'
    elements: list[Element] = field(default_factory=list)  # every start tag, with its text
    content: str = ""  # visible text of the main article, whitespace collapsed
    ids: set[str] = field(default_factory=set)

    def find(self, tag: str, cls: str | None = None, *, inside: str | None = None, **attrs: str) -> list[Element]:
        """Elements by tag, class, attributes, and the class of an enclosing element."""
        return [e for e in self.elements if e.tag == tag
                and (cls is None or cls in e.classes)
                and (inside is None or inside in e.ancestors)
                and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def one(self, tag: str, cls: str | None = None, **attrs: str) -> Element:
        found = self.find(tag, cls, **attrs)
        assert len(found) == 1, f"{self.url}: expected one <{tag} class={cls} {attrs}>, found {len(found)}"
        return found[0]

    @property
    def title(self) -> str:
        return self.one("title").text

    @property
    def h1(self) -> str:
        return self.one("h1").text

    def links(self) -> list[Element]:
        return [e for e in self.elements if e.tag == "a" and "href" in e.attrs]

    def link_targets(self) -> set[str]:
        """Site paths ('/organisaties/x/') of every same-site <a href>, without fragment."""
        targets = set()
        for a in self.links():
            resolved = urlsplit(urljoin("http://site" + self.url, a.attrs["href"]))
            if resolved.netloc == "site":
                targets.add(resolved.path)
        return targets

    def link_to(self, site_path: str) -> list[Element]:
        """The <a> elements whose href resolves to site_path ('/week/', '/organisaties/x/#y')."""
        want = urlsplit(site_path)
        found = []
        for a in self.links():
            got = urlsplit(urljoin("http://site" + self.url, a.attrs["href"]))
            if got.netloc == "site" and got.path == want.path and (not want.fragment or got.fragment == want.fragment):
                found.append(a)
        return found


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[tuple[str, Element]] = []  # non-void elements being read
        self.skip = 0  # inside <script>/<style>
        self.content_depth = 0  # inside the main article
        self.content: list[str] = []
        self.ids: set[str] = set()

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> Element:
        ancestors = tuple(c for _, e in self.open for c in e.classes)
        return Element(tag, {k: v or "" for k, v in attrs}, line=self.getpos()[0], ancestors=ancestors)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self._element(tag, attrs)
        self.elements.append(element)
        if "id" in element.attrs:
            self.ids.add(element.attrs["id"])
        if tag in VOID:
            if tag == "br":
                self._add_text(" ")
            return
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "article" and (self.content_depth or "md-content__inner" in element.classes):
            self.content_depth += 1
        self.open.append((tag, element))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self._element(tag, attrs)
        self.elements.append(element)
        if "id" in element.attrs:
            self.ids.add(element.attrs["id"])

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        # Close up to the matching open tag (tolerates unclosed <p>, <li>, …).
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                for name, _ in self.open[index:]:
                    if name in ("script", "style"):
                        self.skip -= 1
                    if name == "article" and self.content_depth:
                        self.content_depth -= 1
                del self.open[index:]
                break
        if tag in ("p", "li", "dt", "dd", "h1", "h2", "h3", "tr", "td", "th", "div", "section", "summary"):
            self._add_text(" ")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        self._add_text(data)

    def _add_text(self, text: str) -> None:
        for _, element in self.open:
            element.text += text
        if self.content_depth:
            self.content.append(text)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse(path: Path, site: Path) -> ParsedPage:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    for element in parser.elements:
        element.text = normalise(element.text)
    relative = path.relative_to(site).as_posix()
    url = "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return ParsedPage(path, url, parser.elements, normalise("".join(parser.content)), parser.ids)


def file_for(site: Path, url_path: str) -> Path:
    """The file that serves a site path: directory URLs → index.html."""
    path = site / unquote(url_path).lstrip("/")
    if url_path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path
