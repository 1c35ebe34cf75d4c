"""The Jinja2 environment for site_templates/ and rendering of planned pages."""

from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Callable, Hashable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from ..data.dataset import Dataset, DatasetMemo
from ..data.languages import LANGUAGES
from ..data.schema import Record
from ..when import agenda
from ..when.agenda import Schedule, closure_place, closures_for
from ..when.schedule import current_rules
from ..when.source_age import caveats, record_age
from . import describe, jsonld, sheet, worklist
from .csp import SITE_POLICY
from .pages import Later, Page, org_uri, sheet_uri, theme_uri, url
from .qr import qr_svg
from .today import rooted, schedule_today, today_data

WORK_LIST_PAGE_LIMIT = 200  # records on the work list page; `sociale-kaart werklijst` shows them all


def tel(number: str) -> str:
    """The number for a tel: link: digits and a leading '+' only."""
    return "".join(c for c in number if c.isdigit() or c == "+")


def free_phone(number: str) -> bool:
    """A Belgian free number (0800 …): the only kind the site may call 'gratis'."""
    return tel(number).startswith(("0800", "+32800", "0032800"))


def mailto(address: str, subject: str = "", body: str = "") -> str:
    """A mailto: link with every part percent-encoded (RFC 6068): whatever an address or a
    page title holds, it cannot add a recipient or a header ('?bcc=', '&cc=') to the mail.
    `check` refuses such addresses already; this is the second lock."""
    query = "&".join(f"{name}={quote(value, safe='')}" for name, value in (("subject", subject), ("body", body))
                     if value)
    return f"mailto:{quote(address, safe='@')}" + (f"?{query}" if query else "")


def correction_mailto(address: str, page: Page, site_url: str) -> str:
    """A mailto: link prefilled with the page and the record a citizen writes about."""
    body = (f"Pagina: {site_url}{url(page.uri)}\nGegevens: {page.source or '-'}\n\n"
            "Wat klopt er niet? Wat is juist?\n\n")
    return mailto(address, f"Klopt er iets niet? {page.title}", body)


def house_facts(data: Dataset) -> dict[str, str | bool | None]:
    """The house's name, address and first phone number, for the theme's footer on every page."""
    house = data.organisations[data.site.house_organisation]
    address = data.locations[data.site.house_location].address
    phone = house.phones[0].number if house.phones else None
    return {"name": house.name, "street": address.street, "postal_code": address.postal_code,
            "city": address.city, "phone": phone, "phone_tel": tel(phone) if phone else None,
            "free": bool(phone) and free_phone(phone)}


class SiteEnvironment(Environment):
    """Jinja's environment, with each template's globals as one plain dict.

    Jinja iterates a template's globals on every include; as its usual ChainMap
    over the environment's globals that was a twentieth of an organisation page.
    The globals are all set before the first template is loaded (`environment`).
    """

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


class Fragments:
    """Small templates drawn once per set of values, then reused: `fragment(name, **values)`.

    A building's route links and accessibility stand under every service in it, the line
    on what to do when a fact is unknown under many: most services are in a few buildings.
    A fragment sees only the values it is given, so they are the key (a record by its
    identity, the entry keeps it, so its id is not reused; a list by its values).
    One cache per environment: per build.
    """

    def __init__(self, env: Environment, keys: ValueKeys) -> None:
        self.env = env
        self.keys = keys
        self.drawn: dict[tuple, tuple[dict[str, Any], Markup]] = {}

    def __call__(self, name: str, **values: Any) -> Markup:
        key = (name, *((field, self.keys.fragment_key(value)) for field, value in values.items()))
        found = self.drawn.get(key)
        if found is None:
            found = self.drawn[key] = (values, Markup(self.env.get_template(name).render(**values)))
        return found[1]

    def each(self, name: str, as_name: str, items: list, **values: Any) -> Markup:
        """The fragment for each item (passed as `as_name`), joined: a loop without Jinja's cost per item
        (the agenda and the week pages show the same line of a service on date after date).

        Fragments are Markup already: joined as plain strings, not escaped again one by one.
        """
        return Markup("".join([self(name, **{as_name: item}, **values) for item in items]))


@dataclass(frozen=True)
class Identity:
    """A record in a fragment's key, by identity (never equal to a value that is hashed)."""

    id: int


def value_key(value: Any) -> Hashable:
    """Records and lists of them as a hashable value: hours written alike give equal keys."""
    if isinstance(value, list):
        return tuple(map(value_key, value))
    if isinstance(value, Record):
        return (type(value), *(value_key(getattr(value, name)) for name in type(value).model_fields))
    return value


class ValueKeys:
    """value_key of the records' lists, worked out once per list: a service's hours are asked
    for three times (its hours, its next dates, its "open today" data). The records live
    through the build, and each list is kept with its key, so its id is not reused."""

    def __init__(self) -> None:
        self.found: dict[int, tuple[list, Hashable]] = {}

    def __call__(self, value: list | None) -> Hashable:
        if value is None:
            return None
        if (found := self.found.get(id(value))) is None:
            found = self.found[id(value)] = (value, value_key(value))
        return found[1]

    def fragment_key(self, value: Any) -> Hashable:
        """A value as part of a fragment's key: a record by its identity, a list by its values
        (hours written alike are drawn once), anything else itself."""
        if isinstance(value, Record):
            return Identity(id(value))
        return self(value) if isinstance(value, list) else value


class HoursMemo:
    """A schedule's next dates and its "open today" data, worked out once per set of hours.

    Both depend only on the rules, the exceptions and the closing days of the place (and
    the build date), and many services keep the same hours ('weekdays 9:00-12:00') in
    buildings that close on the same days (every building but the house: public holidays).
    The coming year's closing days stand for those of the shorter looks ahead, which are
    a part of them. One memo per environment: per build.
    """

    def __init__(self, env: Environment, keys: ValueKeys) -> None:
        self.env = env
        self.keys = keys
        self.found: dict[tuple, Any] = {}
        self.closed: dict[tuple, tuple] = {}  # (place, today) -> the coming year's closing days

    def _get(self, what: str, data: Dataset, item: Schedule, today: dt.date, work: Callable[[], Any]) -> Any:
        key = (what, today, self._closed(data, closure_place(data, item), today),
               self.keys(item.rules), self.keys(item.exceptions))
        if (found := self.found.get(key)) is None:
            found = self.found[key] = work()
        return found

    def _closed(self, data: Dataset, place: str | None, today: dt.date) -> tuple:
        if (found := self.closed.get((place, today))) is None:
            days = closures_for(data, place, today, today + dt.timedelta(days=agenda.TODAY_DAYS))
            found = self.closed[place, today] = tuple(days.items())
        return found

    def next_dates(self, data: Dataset, item: Schedule, today: dt.date) -> tuple:
        """agenda.next_dates as a tuple (a fragment's key: the list is drawn once per set of dates)."""
        return self._get("next", data, item, today, lambda: tuple(agenda.next_dates(data, item, today)))

    def today_json(self, data: Dataset, item: Schedule, today: dt.date) -> Markup:
        """schedule_today as the templates' `tojson` writes it (the same policies)."""
        policies = self.env.policies
        return self._get("today", data, item, today, lambda: htmlsafe_json_dumps(
            schedule_today(data, item, today), dumps=policies["json.dumps_function"], **policies["json.dumps_kwargs"]))


def search_words_once() -> Callable[[dict, list[str]], str]:
    """describe.search_words as the templates call it: once per set of themes (per build;
    most services share their themes' words with many others)."""
    found: dict[tuple, tuple[dict, str]] = {}

    def words(themes: dict, theme_ids: list[str]) -> str:
        key = (id(themes), *theme_ids)
        if key not in found:  # the themes are kept with the words, so their id is not reused
            found[key] = (themes, describe.search_words(themes, theme_ids))
        return found[key][1]
    return words


def today_once() -> Callable[..., dict]:
    """today_data as the templates call it, the house's coming year worked out once per
    environment (per build: the home and agenda pages both show it), each page its own links."""
    found = DatasetMemo()

    def for_page(data: Dataset, today: dt.date, root: str = "") -> dict:
        return rooted(found.get(data, today, lambda: today_data(data, today)), root)
    return for_page


def environment(templates: Path | list[Path], site_url: str = "",
                bytecode_cache: BytecodeCache | None = None) -> Environment:
    """Autoescaping, strict environment: every data value is escaped where it is rendered.

    ``templates`` may be several folders: the first that has a template wins.
    `site_url` (MkDocs' site_url, ending in '/') makes the absolute addresses a
    printed sheet shows and its QR code holds (without it a sheet has neither), and
    the links in prefilled e-mails. `bytecode_cache` keeps compiled templates between builds.
    """
    folders = templates if isinstance(templates, list) else [templates]
    env = SiteEnvironment(
        loader=FileSystemLoader([str(folder) for folder in folders]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: no file stat per include
        cache_size=-1,  # a plain dict of templates: a lookup per include, not an LRU with a lock
        bytecode_cache=bytecode_cache,
    )
    env.globals.update(
        describe=describe,
        languages=LANGUAGES,
        org_url=functools.lru_cache(maxsize=None)(lambda org_id: url(org_uri(org_id))),
        theme_url=functools.lru_cache(maxsize=None)(lambda theme_id: url(theme_uri(theme_id))),
        agenda=agenda,
        today_data=today_once(),
        search_words=search_words_once(),
        current_rules=current_rules,
        organisation_ld=jsonld.organisation,
        site_url=site_url,
        qr_svg=qr_svg,
        sheet_url=lambda org_id: url(sheet_uri(org_id)),
        source_text=sheet.source_text,
        worklist=worklist,
        work_list_limit=WORK_LIST_PAGE_LIMIT,
        correction_mailto=lambda address, page: correction_mailto(address, page, site_url),
        caveat=caveats(),
        source_age=record_age,
        content_security_policy=SITE_POLICY,  # standalone pages (verification sheets)
    )
    keys = ValueKeys()
    env.globals["fragment"] = Fragments(env, keys)
    hours = HoursMemo(env, keys)
    env.globals.update(next_dates=hours.next_dates, schedule_today_json=hours.today_json)
    env.filters.update(
        date=describe.date_text,
        lang=lambda code: LANGUAGES.get(code, code),
        tel=tel,
        mailto=mailto,
        script_json=jsonld.script_json,
    )
    env.tests.update(free_phone=free_phone)
    # Compact JSON in data attributes (the service lines' hours are on every organisation page).
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    return env


def front_matter(page: Page, with_jsonld: bool = True) -> dict:
    """The page's metadata, as front matter would give it to MkDocs and Material.

    The title is HTML-escaped because Material prints ``page.meta.title``
    without escaping. The JSON-LD of organisation pages can be left out and
    added later with `page_jsonld` (the plugin does so while drawing the page).
    """
    # The sidebar would only repeat the page itself; the toc cannot see HTML headings.
    front = {"title": html.escape(page.title, quote=False), "hide": ["navigation", "toc"]}
    if page.tab:
        front["sk_tab"] = page.tab  # overrides/partials/tabs-item.html marks that tab active
    front.update({"search_type": page.search_type} if page.search_type else {"search_exclude": True})
    if with_jsonld and (ld := page_jsonld(page)):
        front["jsonld"] = ld
    return front


def page_jsonld(page: Page) -> str | None:
    """schema.org JSON-LD of an organisation page, for <head>; None for other pages.

    In <head> (overrides/main.html), not in the content: Material's instant
    navigation re-runs scripts in the content and fails on JSON ones.
    """
    if page.template != "organisation.html.j2":
        return None
    return str(jsonld.script_json(jsonld.organisation(page.context["data"], page.context["org"])))


def render_body(env: Environment, page: Page) -> str:
    """The HTML of the page's article."""
    context = {key: value() if isinstance(value, Later) else value for key, value in page.context.items()}
    return env.get_template(page.template).render(page=page, root=page.root, **context)


def render_page(env: Environment, page: Page) -> str:
    """The page as a Markdown source: front matter, then the HTML body as one block.

    The plugin does not go through Markdown (it hands MkDocs the metadata and
    the HTML directly); this form is for plain MkDocs builds of the same pages
    (benchmarks) and for reading a page in tests. Markdown passes one HTML
    block through untouched, so '*' and '_' in names stay as typed.
    """
    front = yaml.safe_dump(front_matter(page), allow_unicode=True, sort_keys=True)
    return "---\n" + front + "---\n\n" + render_body(env, page)


def render_all(templates: Path, pages: list[Page]) -> dict[str, str]:
    """Every page's Markdown source, keyed by its path in the site."""
    env = environment(templates)
    return {page.uri: render_page(env, page) for page in pages}
