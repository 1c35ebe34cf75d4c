"""Open data: the map as an HSDS 3.0 export (JSON, NDJSON, CSV) and its JSON Schemas.

Shaped after Open Referral HSDS 3.0 (https://docs.openreferral.org/en/v3.0/).
Ids are uuid5 values of the record ids, so they stay the same from build to
build; files are written with sorted keys and a stable order, and carry no
build time, so two exports of the same data are byte-identical.

The data files (services.json, services.ndjson, services/<id>.json,
organizations.json) are compact JSON: UTF-8, sorted keys, no indentation, one
record per line. index.json and profile.json are indented, for people.

What HSDS cannot say (accessibility levels, "unknown" as a state, office-day
details, exceptions, assured_date of records other than services) is carried
in fields whose names start with ``x_``, declared in ``profile.json``.

Never imports MkDocs.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

import orjson

from ..data.dataset import Dataset
from ..data.jsonschema import write_schemas
from ..data.languages import LANGUAGES
from ..data.schema import Exception_, Location, Organisation, Phone, Rule, Service, ServiceAtLocation, Source
from ..site.describe import ACCESS, LEVELS, exception_text, rule_text
from .small_files import SmallFiles

HSDS_VERSION = "3.0"
# Fixed forever: changing it changes every id in the export.
NAMESPACE = uuid.UUID("eabc24db-979d-57f3-b0a5-9d8fab93b0dd")
STATUS = {"active": "active", "temporarily_closed": "temporarily closed", "ended": "inactive"}
FREQ = {"weekly": "WEEKLY", "every_other_week": "WEEKLY", "monthly": "MONTHLY"}
PROFILE_FILE = "profile.json"

_NAMESPACE_BYTES = NAMESPACE.bytes
# RFC 4122 variant bits 10: the 17th hex digit of the digest becomes one of 8, 9, a, b
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}
_PREFIXES: dict[str, Any] = {}  # municipality → sha1 of namespace + "municipality/"


def uid(data: Dataset, *parts: str) -> str:
    """A stable uuid5 for a record: municipality + record kind + record ids."""
    if not parts:
        return uuid5(data.site.municipality)
    digest = _PREFIXES.get(data.site.municipality) or _prefix(data, ())
    digest = digest.copy()
    digest.update("/".join(parts).encode("utf-8"))
    return _uuid_text(digest.hexdigest())


def _prefix(data: Dataset, key: tuple[str, ...]) -> Any:
    """The sha1 of namespace + "municipality/key.../": copy it and add the rest of a record's name."""
    municipality = data.site.municipality
    base = _PREFIXES.get(municipality)
    if base is None:
        base = _PREFIXES[municipality] = hashlib.sha1(_NAMESPACE_BYTES + f"{municipality}/".encode())
    if not key:
        return base
    base = base.copy()
    base.update("".join(f"{part}/" for part in key).encode("utf-8"))
    return base


def _sub_id(prefix: Any, rest: str) -> str:
    """The uid of a record named by ``_prefix`` plus ``rest``."""
    digest = prefix.copy()
    digest.update(rest.encode("utf-8"))
    return _uuid_text(digest.hexdigest())


def uuid5(name: str) -> str:
    """``str(uuid.uuid5(NAMESPACE, name))``, without building UUID objects (a test compares the two)."""
    return _uuid_text(hashlib.sha1(_NAMESPACE_BYTES + name.encode("utf-8")).hexdigest())


def _uuid_text(d: str) -> str:
    """The uuid5 text of a sha1 hex digest: version 5 in the 13th hex digit, RFC 4122 variant."""
    return f"{d[:8]}-{d[8:12]}-5{d[13:16]}-{_VARIANT[d[16]]}{d[17:20]}-{d[20:32]}"


_KEEP_FALSY = frozenset({str, int, bool, float})  # "", 0, False: values, not gaps


def clean(fields: dict) -> dict:
    """``fields`` without None values and empty lists/dicts (HSDS strings may not be null).

    Shallow: the objects here are built bottom-up, each nested dict cleaned when made.
    """
    return {key: value for key, value in fields.items()
            if value or value.__class__ in _KEEP_FALSY
            or (value is not None and not isinstance(value, (list, dict)))}


def iso(day: Any) -> str | None:
    """A date as YYYY-MM-DD, or None."""
    return day.isoformat() if day else None


_SORTED = orjson.OPT_SORT_KEYS


def dumps(value: Any) -> bytes:
    """Compact JSON: sorted keys, UTF-8, no indentation (orjson)."""
    return orjson.dumps(value, option=_SORTED)


class SharedParts:
    """The parts many services share (organizations, locations), each built and encoded once."""

    def __init__(self, data: Dataset):
        self.data = data
        self.organizations: dict[str, bytes] = {}
        self.locations: dict[str, orjson.Fragment] = {}
        self._rule_texts: dict[int, tuple[Rule, str]] = {}
        self._rules: dict[int, tuple[Rule, dict, list[tuple[str, str]]]] = {}
        self._location_ids: dict[str, str] = {}
        self._organization_fragments: dict[str, orjson.Fragment] = {}
        self._organization_ids: dict[str, str] = {}

    def organization(self, org: Organisation) -> bytes:
        """The JSON of an organization (services.json and organizations.json both hold it)."""
        known = self.organizations.get(org.id)
        if known is None:
            parent = org.parent_organisation
            known = self.organizations[org.id] = dumps(organization_fields(
                self.data, org, self.organization_id(org.id), self.organization_id(parent) if parent else None))
        return known

    def organization_fragment(self, org: Organisation) -> orjson.Fragment:
        """``organization`` ready to go into a service."""
        known = self._organization_fragments.get(org.id)
        if known is None:
            known = self._organization_fragments[org.id] = orjson.Fragment(self.organization(org))
        return known

    def rule_text(self, rule: Rule) -> str:
        """``describe.rule_text``, once per rule (services.json and diensten.csv both say it)."""
        known = self._rule_texts.get(id(rule))
        if known is None or known[0] is not rule:
            known = self._rule_texts[id(rule)] = (rule, rule_text(rule))
        return known[1]

    def rule(self, rule: Rule) -> tuple[dict, list[tuple[str, str]]]:
        """The fields every schedule of a rule has, and its time ranges as HH:MM texts."""
        known = self._rules.get(id(rule))
        if known is None or known[0] is not rule:
            known = self._rules[id(rule)] = (rule, clean({
                "freq": FREQ[rule.repeat], "byday": byday(rule), "wkst": "MO",
                "interval": 2 if rule.repeat == "every_other_week" else 1,
                "dtstart": iso(rule.start), "valid_from": iso(rule.valid_from), "valid_to": iso(rule.valid_to),
                "description": self.rule_text(rule), "notes": rule.label, "x_repeat": rule.repeat,
            }), [(times.opens.isoformat("minutes"), times.closes.isoformat("minutes")) for times in rule.times])
        return known[1], known[2]

    def location_id(self, loc_id: str) -> str:
        known = self._location_ids.get(loc_id)
        if known is None:
            known = self._location_ids[loc_id] = uid(self.data, "location", loc_id)
        return known

    def organization_id(self, org_id: str) -> str:
        known = self._organization_ids.get(org_id)
        if known is None:
            known = self._organization_ids[org_id] = uid(self.data, "organisation", org_id)
        return known

    def location(self, loc_id: str) -> orjson.Fragment:
        known = self.locations.get(loc_id)
        if known is None:
            known = self.locations[loc_id] = orjson.Fragment(dumps(location(self.data, self.data.locations[loc_id])))
        return known


# --- HSDS objects -------------------------------------------------------------
# Each dict is cleaned (``clean``) as it is made, so that no record holds a null or an empty list.


def byday(rule: Rule) -> str:
    """iCal BYDAY: 'TU,TH', or with month occurrences '2TU,4TU' / '-1FR'."""
    days = [day.upper() for day in rule.days]
    if rule.repeat != "monthly":
        return ",".join(days)
    return ",".join(f"{week}{day}" for week in rule.weeks or [] for day in days)


def schedules(data: Dataset, rules: list[Rule] | None, key: tuple[str, ...] | Any, links: dict,
              parts: SharedParts | None = None) -> list[dict]:
    """One HSDS schedule per rule and time range (HSDS has one opens_at per schedule).

    ``key`` names the record the rules belong to: its parts, or their ``_prefix``.
    """
    if not rules:
        return []
    parts = parts or SharedParts(data)
    prefix = _prefix(data, key) if isinstance(key, tuple) else key
    result = []
    for i, rule in enumerate(rules or ()):
        common, ranges = parts.rule(rule)
        for j, (opens, closes) in enumerate(ranges):
            result.append({"id": _sub_id(prefix, f"rule/{i}/{j}"), **links, **common,
                           "opens_at": opens, "closes_at": closes})
    return result


def exceptions(items: list[Exception_]) -> list[dict]:
    """One-off changes (closed, or other hours) on one date: an extension."""
    return [clean({
        "date": item.date.isoformat(), "closed": item.closed,
        "times": [str(t) for t in item.times or ()], "note": item.note,
        "description": exception_text(item),
    }) for item in items]


def hours_fields(data: Dataset, rules: list[Rule] | None, items: list[Exception_],
                 key: tuple[str, ...] | Any, links: dict, places: bool = False,
                 parts: SharedParts | None = None) -> dict:
    """schedules plus the extensions x_hours ('known'/'unknown'/'none') and x_exceptions.

    A service with places keeps its hours there: no service-level x_hours then.
    """
    state = "unknown" if rules is None else ("known" if rules else "none")
    if places and rules is None:
        state = None
    return {"schedules": schedules(data, rules, key, links, parts), "x_hours": state,
            "x_exceptions": exceptions(items) if items else None}


def phones(data: Dataset, items: list[Phone], key: tuple[str, ...] | Any, links: dict) -> list[dict]:
    """HSDS phones of an organisation or service (``key`` as in ``schedules``)."""
    if not items:
        return []
    prefix = _prefix(data, key) if isinstance(key, tuple) else key
    return [clean({"id": _sub_id(prefix, f"phone/{i}"), **links, "number": phone.number,
                   "description": phone.description}) for i, phone in enumerate(items)]


def organization(data: Dataset, org: Organisation) -> dict:
    """An HSDS organization, with our status, sources and assured_date as extensions."""
    org_id = uid(data, "organisation", org.id)
    parent = uid(data, "organisation", org.parent_organisation) if org.parent_organisation else None
    return organization_fields(data, org, org_id, parent)


def organization_fields(data: Dataset, org: Organisation, org_id: str, parent: str | None) -> dict:
    """``organization`` with its id and its parent's id already made."""
    return clean({
        "id": org_id, "name": org.name, "alternate_name": org.alternate_name,
        "description": org.description, "email": org.email, "website": org.website,
        "parent_organization_id": parent,
        "phones": phones(data, org.phones, ("organisation", org.id), {"organization_id": org_id}),
        "x_record_id": org.id, "x_kind": org.kind, "x_status": org.status, "x_alert": org.alert,
        "x_data_note": org.data_note, "x_themes": list(org.themes),
        "x_assured_date": org.assured_date.isoformat(),
        "x_sources": [source_fields(s) for s in org.sources],
    })


def source_fields(source: Source) -> dict:
    """One of x_sources: its kind (url, file or confirmed_by), what it supports and its date
    (a day, a year, 'unknown') or the day it was read."""
    date = iso(source.date) if isinstance(source.date, dt.date) else source.date
    return clean({"url": source.url, "file": source.file, "confirmed_by": source.confirmed_by,
                  "supports": source.supports, "date": None if date is None else str(date),
                  "read": iso(source.read)})


def confirmed_on(org: Organisation) -> str | None:
    """HSDS service.assured_date, "the date the information was last checked": the newest day a
    person confirmed it (a confirmed_by source). Our record's compilation date is not a check, so
    without a confirmation the field is left out (it stays as x_assured_date on the organization)."""
    days = [source.date for source in org.sources if source.confirmed_by and isinstance(source.date, dt.date)]
    return iso(max(days)) if days else None


def location(data: Dataset, loc: Location) -> dict:
    """An HSDS location with its address and accessibility."""
    loc_id = uid(data, "location", loc.id)
    access = loc.accessibility
    levels = access.model_dump(exclude={"description"})
    details = "; ".join(f"{part}: {LEVELS[level]}" for part, level in levels.items())
    return clean({
        "id": loc_id, "location_type": "physical", "name": loc.name,
        "description": loc.description, "transportation": loc.transportation,
        "addresses": [clean({
            "id": uid(data, "location", loc.id, "address"), "location_id": loc_id,
            "address_1": loc.address.street, "city": loc.address.city, "state_province": "",
            "postal_code": loc.address.postal_code, "country": loc.address.country,
            "address_type": "physical",
        })],
        "accessibility": [clean({
            "id": uid(data, "location", loc.id, "accessibility"), "location_id": loc_id,
            "description": access.description, "details": details, "x_levels": clean(levels),
        })],
        "x_record_id": loc.id, "x_assured_date": loc.assured_date.isoformat(),
    })


def service_at_location(data: Dataset, key: tuple[str, ...] | Any, service_id: str, sal: ServiceAtLocation,
                        parts: SharedParts | None = None) -> dict:
    """Where and when: an office day of a service in one building (its location already encoded).

    ``key`` names the service: its parts, or their ``_prefix``.
    """
    parts = parts or SharedParts(data)
    sal_key = (_prefix(data, key) if isinstance(key, tuple) else key).copy()
    sal_key.update(f"at/{sal.location}".encode())
    sal_id = _uuid_text(sal_key.copy().hexdigest())
    sal_key.update(b"/")
    loc_id = parts.location_id(sal.location)
    links = {"service_id": service_id, "location_id": loc_id, "service_at_location_id": sal_id}
    description = ", ".join(part for part in (sal.floor, sal.room, sal.note) if part)
    return clean({
        "id": sal_id, "service_id": service_id, "location_id": loc_id,
        "description": description or None, "x_room": sal.room, "x_floor": sal.floor,
        "location": parts.location(sal.location),
        **hours_fields(data, sal.hours, sal.exceptions, sal_key, links, parts=parts),
    })


def service(data: Dataset, org: Organisation, svc: Service, parts: SharedParts | None = None) -> dict:
    """One HSDS service, fully nested: organization, locations, schedules, languages, ..."""
    return orjson.loads(service_json(data, org, svc, parts or SharedParts(data)))


def service_json(data: Dataset, org: Organisation, svc: Service, parts: SharedParts,
                 svc_id: str | None = None) -> bytes:
    """The compact JSON of ``service``, with a final newline (a line of services.ndjson)."""
    key = ("service", org.id, svc.id)
    svc_id = svc_id or uid(data, *key)
    links = {"service_id": svc_id}
    prefix = _prefix(data, key)
    fields = clean({
        "id": svc_id, "organization_id": parts.organization_id(org.id),
        "name": svc.name, "description": svc.description, "status": STATUS[org.status],
        "url": org.website, "email": org.email, "alert": org.alert,
        "eligibility_description": svc.audience, "application_process": svc.application_process,
        "fees_description": svc.cost, "assured_date": confirmed_on(org),
        "cost_options": ([{"id": _sub_id(prefix, "cost"), **links, "amount_description": svc.cost}]
                         if svc.cost else None),
        "required_documents": [{"id": _sub_id(prefix, f"document/{i}"), **links, "document": doc}
                               for i, doc in enumerate(svc.required_documents)],
        "languages": [{"id": _sub_id(prefix, f"language/{code}"), **links, "code": code, "name": LANGUAGES[code]}
                      for code in svc.languages or ()],
        "phones": phones(data, svc.phones, prefix, links),
        "service_at_locations": [service_at_location(data, prefix, svc_id, sal, parts) for sal in svc.locations],
        "organization": parts.organization_fragment(org),
        "x_record_id": svc.id, "x_access": svc.access, "x_access_text": ACCESS[svc.access],
        "x_languages": "unknown" if svc.languages is None else "known",
        "x_themes": list(svc.themes),
        **hours_fields(data, svc.hours, svc.exceptions, prefix, links, places=bool(svc.locations), parts=parts),
    })
    return one_line(orjson.dumps(fields, option=_SORTED | orjson.OPT_APPEND_NEWLINE))


# Characters that JSON allows raw but that some readers take for a line end (JavaScript
# before ES2019, Python's str.splitlines): escaped, an NDJSON record stays one line for all.
LINE_BREAKS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"), (b"\xc2\x85", b"\\u0085"))


def one_line(encoded: bytes) -> bytes:
    """JSON with U+2028, U+2029 and U+0085 escaped: the same value, one line for every reader."""
    if b"\xe2\x80" in encoded or b"\xc2\x85" in encoded:
        for raw, escaped in LINE_BREAKS:
            encoded = encoded.replace(raw, escaped)
    return encoded


def all_services(data: Dataset, parts: SharedParts | None = None) -> list[dict]:
    """Every service, ordered by organisation id and then as listed in the file."""
    parts = parts or SharedParts(data)
    return [service(data, org, svc, parts) for org_id, org in sorted(data.organisations.items())
            for svc in org.services]


# --- files --------------------------------------------------------------------


def json_text(value: Any) -> str:
    """Readable JSON (index.json, profile.json): sorted keys, two-space indent, UTF-8, final newline."""
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def root_document(data: Dataset, base_url: str) -> dict:
    """index.json: the HSDS API root ("/"), with the list of files."""
    return {
        "version": HSDS_VERSION, "profile": base_url + PROFILE_FILE,
        "name": data.site.name, "municipality": data.site.municipality,
        "fictional": data.site.fictional, "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "files": {
            "services": "services.json", "services_ndjson": "services.ndjson",
            "service": "services/{id}.json", "organizations": "organizations.json",
            "organisaties_csv": "organisaties.csv", "diensten_csv": "diensten.csv",
            "schemas": "schema/", "profile": PROFILE_FILE,
        },
    }


PROFILE = {
    "name": "Sociale kaart",
    "title": "HSDS 3.0-profiel van de sociale kaart",
    "version": HSDS_VERSION,
    "description": (
        "HSDS 3.0 with extensions. Fields starting with x_ are ours. Times (opens_at, closes_at) "
        "are local time in Europe/Brussels. 'Unknown' is a state, never a gap: a missing schedules "
        "list means no hours unless x_hours says 'unknown'. address.state_province is not recorded "
        "and left empty."
    ),
    "extensions": {
        "service.x_access": "walk_in | appointment | phone_only | referral | unknown",
        "service.x_access_text": "x_access in Dutch",
        "service.x_languages": "known | unknown: whether the languages list is confirmed",
        "service.x_themes": "ids of the life themes of the service",
        "service.x_record_id": "the id in the YAML source (map/organisations/<org>.yaml)",
        "*.x_hours": "known | unknown | none: whether the hours (schedules) are confirmed; "
                     "unknown means: do not present the service as open",
        "*.x_exceptions": "one-off changes on one date: {date, closed, times, note, description}",
        "schedule.x_repeat": "weekly | monthly | every_other_week (the office-day rule; "
                             "every_other_week is freq WEEKLY, interval 2, from dtstart)",
        "service_at_location.x_room / x_floor": "room and floor of the office day",
        "accessibility.x_levels": "wheelchair, entrance, lift, toilet, parking, hearing_loop: "
                                  "yes | limited | no | unknown",
        "organization.x_kind": "city_team | partner",
        "organization.x_status": "active | temporarily_closed | ended",
        "organization.x_sources": "sources: {url, file (an imported list) or confirmed_by (who confirmed it, "
                                  "and how), supports, date (a day, a year, or 'unknown') or read (day read)}",
        "organization.x_assured_date / location.x_assured_date": "date the editors last went over the record "
                                                                 "(not a confirmation; see service.assured_date)",
        "organization.x_alert / x_data_note / x_themes": "alert, note on the data, themes",
    },
    "mapping": {
        "organization.status ended": "service.status inactive",
        "organization.status temporarily_closed": "service.status 'temporarily closed'",
        "service.assured_date": "the newest day a person confirmed its organisation's data (a confirmed_by "
                                "source); absent when nobody has; no assurer_email is published",
        "service.cost_options": "one option; amount_description holds the cost text",
    },
}


CSV_ORGANISATIONS = ["id", "hsds_id", "naam", "andere_naam", "soort", "hoofdorganisatie", "status",
                     "website", "e-mail", "telefoon", "thema's", "laatst_gecontroleerd", "bronnen"]
CSV_SERVICES = ["organisatie", "id", "hsds_id", "naam", "beschrijving", "doelgroep", "toegang",
                "kostprijs", "talen", "locaties", "uren", "laatst_gecontroleerd"]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """CSV with a byte-order mark, so Excel reads the text as UTF-8 (é, ë); no cell is a formula."""
    with path.open("w", encoding="utf-8", newline="", buffering=1 << 20) as out:
        out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([[no_formula(cell) for cell in row] for row in rows])


# OWASP, "CSV Injection": a spreadsheet runs a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def no_formula(cell: str) -> str:
    """The cell as text a spreadsheet shows and never runs: a leading ' where OWASP advises it."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def organisation_row(data: Dataset, org: Organisation, org_id: str | None = None) -> list[str]:
    """The row of an organisation in organisaties.csv."""
    return [org.id, org_id or uid(data, "organisation", org.id), org.name, org.alternate_name or "", org.kind,
            org.parent_organisation or "", org.status, org.website or "", org.email or "",
            " | ".join(p.number for p in org.phones), ", ".join(org.themes),
            org.assured_date.isoformat(), " | ".join(s.reference for s in org.sources)]


def hours_cell(svc: Service, shared: SharedParts | None = None) -> str:
    """The hours of a service, in Dutch, per place."""
    describe = shared.rule_text if shared else rule_text
    parts = []
    service_level = [("", svc.hours)] if svc.hours is not None or not svc.locations else []
    for where, rules in service_level + [(sal.location + ": ", sal.hours) for sal in svc.locations]:
        if rules is None:
            parts.append(f"{where}onbekend")
        elif rules:
            parts.append(where + "; ".join(describe(rule) for rule in rules))
    return " | ".join(parts)


def service_row(org: Organisation, svc: Service, svc_id: str, parts: SharedParts | None = None) -> list[str]:
    """The row of a service in diensten.csv."""
    return [org.id, svc.id, svc_id, svc.name, svc.description,
            svc.audience or "", svc.access, svc.cost or "",
            "onbekend" if svc.languages is None else ", ".join(svc.languages),
            ", ".join(sal.location for sal in svc.locations), hours_cell(svc, parts), org.assured_date.isoformat()]


def write_exports(dataset: Dataset, folder: Path, base_url: str = "") -> list[Path]:
    """Write the open-data export into ``folder`` (e.g. site/data); return the paths written.

    ``base_url`` is where ``folder`` is published (ending in '/'), so that the
    root document can point at the profile with a full address.

    Streamed: each service is encoded once, and its line goes straight into
    services.json, services.ndjson and services/<id>.json.
    """
    written = write_schemas(folder / "schema")
    services_dir = folder / "services"
    # Only acyclic dicts and lists are made here: the cycle collector would walk the whole
    # data set again and again, for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        written += _write_data(dataset, folder, services_dir, base_url)
    finally:
        if collecting:
            gc.enable()
    return sorted(written, key=_path_order)


def _write_data(data: Dataset, folder: Path, services_dir: Path, base_url: str) -> list[Path]:
    """Every export file but the JSON Schemas; the paths written."""
    parts = SharedParts(data)
    organisations = sorted(data.organisations.items())
    service_names: list[str] = []
    service_rows_: list[list[str]] = []
    with (SmallFiles(services_dir) as service_files,
          open(folder / "services.json", "wb", buffering=1 << 20) as array,
          open(folder / "services.ndjson", "wb", buffering=1 << 20) as lines):
        separator = b"[\n"
        for _, org in organisations:
            for svc in org.services:
                svc_id = uid(data, "service", org.id, svc.id)
                line = service_json(data, org, svc, parts, svc_id)
                name = f"{svc_id}.json"
                service_files.write(name, line)
                service_names.append(name)
                lines.write(line)
                array.write(separator)
                array.write(memoryview(line)[:-1])
                separator = b",\n"
                service_rows_.append(service_row(org, svc, svc_id, parts))
        array.write(b"]\n" if separator == b"[\n" else b"\n]\n")
    organizations = [parts.organization(org) for _, org in organisations]
    (folder / "organizations.json").write_bytes(
        b"[\n" + b",\n".join(organizations) + b"\n]\n" if organizations else b"[]\n")
    (folder / "index.json").write_text(json_text(root_document(data, base_url)), encoding="utf-8")
    (folder / PROFILE_FILE).write_text(json_text(PROFILE), encoding="utf-8")
    write_csv(folder / "organisaties.csv", CSV_ORGANISATIONS,
              [organisation_row(data, org, parts.organization_id(org.id)) for _, org in organisations])
    write_csv(folder / "diensten.csv", CSV_SERVICES, service_rows_)
    names = ["services.json", "services.ndjson", "organizations.json", "index.json", PROFILE_FILE,
             "organisaties.csv", "diensten.csv"]
    return [folder / name for name in names] + [services_dir / name for name in service_names]


def _path_order(path: Path) -> tuple[str, ...]:
    """``sorted(paths)`` order, without pathlib's slower comparisons."""
    return path.parts
