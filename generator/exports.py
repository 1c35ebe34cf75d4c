"""Open data: the map as an HSDS 3.0 export (JSON, NDJSON, CSV) and its JSON Schemas.

Shaped after Open Referral HSDS 3.0 (https://docs.openreferral.org/en/v3.0/).
Ids are uuid5 values of the record ids, so they stay the same from build to
build; files are written with sorted keys and a stable order, and carry no
build time, so two exports of the same data are byte-identical.

What HSDS cannot say (accessibility levels, "unknown" as a state, office-day
details, exceptions, assured_date of records other than services) is carried
in fields whose names start with ``x_``, declared in ``profile.json``.

Never imports MkDocs.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import uuid
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from .dataset import Dataset
from .describe import ACCESS, LEVELS, exception_text, rule_text
from .jsonschema import write_schemas
from .languages import LANGUAGES
from .schema import Exception_, Location, Organisation, Phone, Rule, Service, ServiceAtLocation

HSDS_VERSION = "3.0"
# Fixed forever: changing it changes every id in the export.
NAMESPACE = uuid.UUID("eabc24db-979d-57f3-b0a5-9d8fab93b0dd")
STATUS = {"active": "active", "temporarily_closed": "temporarily closed", "ended": "inactive"}
FREQ = {"weekly": "WEEKLY", "every_other_week": "WEEKLY", "monthly": "MONTHLY"}
PROFILE_FILE = "profile.json"


def uid(data: Dataset, *parts: str) -> str:
    """A stable uuid5 for a record: municipality + record kind + record ids."""
    return uuid5("/".join((data.site.municipality, *parts)))


_NAMESPACE_BYTES = NAMESPACE.bytes


def uuid5(name: str) -> str:
    """``str(uuid.uuid5(NAMESPACE, name))``, without building UUID objects (a test compares the two)."""
    digest = hashlib.sha1(_NAMESPACE_BYTES + name.encode("utf-8")).hexdigest()
    # RFC 4122: version 5 in the 13th hex digit, variant bits 10 in the 17th
    return (f"{digest[:8]}-{digest[8:12]}-5{digest[13:16]}-"
            f"{'89ab'[int(digest[16], 16) & 3]}{digest[17:20]}-{digest[20:32]}")


class Pruned(dict):
    """A dict that is already pruned: ``prune`` keeps it as it is (shared parts, built once)."""


def prune(value: Any) -> Any:
    """Drop None values and empty lists/dicts, recursively (HSDS strings may not be null)."""
    if isinstance(value, Pruned):
        return value
    if isinstance(value, dict):
        found = {}
        for key, item in value.items():
            if item is None:
                continue
            if isinstance(item, (dict, list)):
                item = prune(item)
                if not item:
                    continue
            found[key] = item
        return found
    if isinstance(value, list):
        return [prune(item) if isinstance(item, (dict, list)) else item for item in value]
    return value


def iso(day: Any) -> str | None:
    """A date as YYYY-MM-DD, or None."""
    return day.isoformat() if day else None


class SharedParts:
    """The parts many services share (organizations, locations), each built and pruned once."""

    def __init__(self, data: Dataset):
        self.data = data
        self.organizations: dict[str, Pruned] = {}
        self.locations: dict[str, Pruned] = {}
        self._rule_texts: dict[int, tuple[Rule, str]] = {}

    def organization(self, org: Organisation) -> Pruned:
        if org.id not in self.organizations:
            self.organizations[org.id] = Pruned(organization(self.data, org))
        return self.organizations[org.id]

    def rule_text(self, rule: Rule) -> str:
        """``describe.rule_text``, once per rule (services.json and diensten.csv both say it)."""
        known = self._rule_texts.get(id(rule))
        if known is None or known[0] is not rule:
            known = self._rule_texts[id(rule)] = (rule, rule_text(rule))
        return known[1]

    def location(self, loc_id: str) -> Pruned:
        if loc_id not in self.locations:
            self.locations[loc_id] = Pruned(prune(location(self.data, self.data.locations[loc_id])))
        return self.locations[loc_id]


# --- HSDS objects -------------------------------------------------------------


def byday(rule: Rule) -> str:
    """iCal BYDAY: 'TU,TH', or with month occurrences '2TU,4TU' / '-1FR'."""
    days = [day.upper() for day in rule.days]
    if rule.repeat != "monthly":
        return ",".join(days)
    return ",".join(f"{week}{day}" for week in rule.weeks or [] for day in days)


def schedules(data: Dataset, rules: list[Rule] | None, key: tuple[str, ...], links: dict,
              parts: SharedParts | None = None) -> list[dict]:
    """One HSDS schedule per rule and time range (HSDS has one opens_at per schedule)."""
    describe = parts.rule_text if parts else rule_text
    result = []
    for i, rule in enumerate(rules or []):
        common = {
            **links, "freq": FREQ[rule.repeat], "byday": byday(rule), "wkst": "MO",
            "interval": 2 if rule.repeat == "every_other_week" else 1,
            "dtstart": iso(rule.start), "valid_from": iso(rule.valid_from), "valid_to": iso(rule.valid_to),
            "description": describe(rule), "notes": rule.label, "x_repeat": rule.repeat,
        }
        for j, times in enumerate(rule.times):
            result.append({"id": uid(data, *key, "rule", str(i), str(j)), **common,
                           "opens_at": f"{times.opens:%H:%M}", "closes_at": f"{times.closes:%H:%M}"})
    return result


def exceptions(items: list[Exception_]) -> list[dict]:
    """One-off changes (closed, or other hours) on one date: an extension."""
    return [{
        "date": item.date.isoformat(), "closed": item.closed,
        "times": [str(t) for t in item.times or []], "note": item.note,
        "description": exception_text(item),
    } for item in items]


def hours_fields(data: Dataset, rules: list[Rule] | None, items: list[Exception_],
                 key: tuple[str, ...], links: dict, places: bool = False, parts: SharedParts | None = None) -> dict:
    """schedules plus the extensions x_hours ('known'/'unknown'/'none') and x_exceptions.

    A service with places keeps its hours there: no service-level x_hours then.
    """
    state = "unknown" if rules is None else ("known" if rules else "none")
    if places and rules is None:
        state = None
    return {"schedules": schedules(data, rules, key, links, parts), "x_hours": state,
            "x_exceptions": exceptions(items)}


def phones(data: Dataset, items: list[Phone], key: tuple[str, ...], links: dict) -> list[dict]:
    """HSDS phones of an organisation or service."""
    return [{"id": uid(data, *key, "phone", str(i)), **links, "number": phone.number,
             "description": phone.description} for i, phone in enumerate(items)]


def organization(data: Dataset, org: Organisation) -> dict:
    """An HSDS organization, with our status, sources and assured_date as extensions."""
    org_id = uid(data, "organisation", org.id)
    parent = uid(data, "organisation", org.parent_organisation) if org.parent_organisation else None
    return prune({
        "id": org_id, "name": org.name, "alternate_name": org.alternate_name,
        "description": org.description, "email": org.email, "website": org.website,
        "parent_organization_id": parent,
        "phones": phones(data, org.phones, ("organisation", org.id), {"organization_id": org_id}),
        "x_record_id": org.id, "x_kind": org.kind, "x_status": org.status, "x_alert": org.alert,
        "x_data_note": org.data_note, "x_themes": list(org.themes),
        "x_assured_date": org.assured_date.isoformat(),
        "x_sources": [{"url": s.url, "supports": s.supports, "date": iso(s.date)} for s in org.sources],
    })


def location(data: Dataset, loc: Location) -> dict:
    """An HSDS location with its address and accessibility."""
    loc_id = uid(data, "location", loc.id)
    access = loc.accessibility
    levels = access.model_dump(exclude={"description"})
    details = "; ".join(f"{part}: {LEVELS[level]}" for part, level in levels.items())
    return {
        "id": loc_id, "location_type": "physical", "name": loc.name,
        "description": loc.description, "transportation": loc.transportation,
        "addresses": [{
            "id": uid(data, "location", loc.id, "address"), "location_id": loc_id,
            "address_1": loc.address.street, "city": loc.address.city, "state_province": "",
            "postal_code": loc.address.postal_code, "country": loc.address.country,
            "address_type": "physical",
        }],
        "accessibility": [{
            "id": uid(data, "location", loc.id, "accessibility"), "location_id": loc_id,
            "description": access.description, "details": details, "x_levels": levels,
        }],
        "x_record_id": loc.id, "x_assured_date": loc.assured_date.isoformat(),
    }


def service_at_location(data: Dataset, key: tuple[str, ...], service_id: str, sal: ServiceAtLocation,
                        parts: SharedParts | None = None) -> dict:
    """Where and when: an office day of a service in one building."""
    parts = parts or SharedParts(data)
    sal_key = (*key, "at", sal.location)
    sal_id = uid(data, *sal_key)
    loc_id = uid(data, "location", sal.location)
    links = {"service_id": service_id, "location_id": loc_id, "service_at_location_id": sal_id}
    description = ", ".join(part for part in (sal.floor, sal.room, sal.note) if part)
    return {
        "id": sal_id, "service_id": service_id, "location_id": loc_id,
        "description": description or None, "x_room": sal.room, "x_floor": sal.floor,
        "location": parts.location(sal.location),
        **hours_fields(data, sal.hours, sal.exceptions, sal_key, links, parts=parts),
    }


def service(data: Dataset, org: Organisation, svc: Service, parts: SharedParts | None = None) -> dict:
    """One HSDS service, fully nested: organization, locations, schedules, languages, ..."""
    return prune(_service_fields(data, org, svc, parts or SharedParts(data)))


def _service_fields(data: Dataset, org: Organisation, svc: Service, parts: SharedParts) -> dict:
    """``service`` before ``prune``."""
    key = ("service", org.id, svc.id)
    svc_id = uid(data, *key)
    links = {"service_id": svc_id}
    return {
        "id": svc_id, "organization_id": uid(data, "organisation", org.id),
        "name": svc.name, "description": svc.description, "status": STATUS[org.status],
        "url": org.website, "email": org.email, "alert": org.alert,
        "eligibility_description": svc.audience, "application_process": svc.application_process,
        "fees_description": svc.cost, "assured_date": org.assured_date.isoformat(),
        "cost_options": [{"id": uid(data, *key, "cost"), **links, "amount_description": svc.cost}] if svc.cost else [],
        "required_documents": [{"id": uid(data, *key, "document", str(i)), **links, "document": doc}
                               for i, doc in enumerate(svc.required_documents)],
        "languages": [{"id": uid(data, *key, "language", code), **links, "code": code, "name": LANGUAGES[code]}
                      for code in svc.languages or []],
        "phones": phones(data, svc.phones, key, links),
        "service_at_locations": [service_at_location(data, key, svc_id, sal, parts) for sal in svc.locations],
        "organization": parts.organization(org),
        "x_record_id": svc.id, "x_access": svc.access, "x_access_text": ACCESS[svc.access],
        "x_languages": "unknown" if svc.languages is None else "known",
        "x_themes": list(svc.themes),
        **hours_fields(data, svc.hours, svc.exceptions, key, links, places=bool(svc.locations), parts=parts),
    }


def all_services(data: Dataset, parts: SharedParts | None = None) -> list[dict]:
    """Every service, ordered by organisation id and then as listed in the file."""
    parts = parts or SharedParts(data)
    return [service(data, org, svc, parts) for org_id, org in sorted(data.organisations.items())
            for svc in org.services]


# --- files --------------------------------------------------------------------


def json_text(value: Any, memo: dict[int, tuple[Any, str]] | None = None, drop_empty: bool = False) -> str:
    """Stable JSON: sorted keys, two-space indent, UTF-8 text, final newline.

    Exactly ``json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)`` (of
    ``prune(value)`` with ``drop_empty``): the standard library encodes indented JSON in pure
    Python, so the plain JSON values of an export (dict, list, str, int, bool, None) are
    written here with its C string encoder instead, pruning on the way. ``memo`` keeps the
    text of ``Pruned`` parts for the next documents that hold them.
    """
    try:
        return _json(value, "\n", {} if memo is None else memo, drop_empty) + "\n"
    except (TypeError, ValueError, RecursionError):
        value = prune(value) if drop_empty else value
        return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


_SCALARS = {str: encode_basestring, type(None): lambda _: "null", bool: lambda v: "true" if v else "false",
            int: int.__repr__}
_EMPTY = ("{}", "[]")


def _json(value: Any, newline: str, memo: dict[int, tuple[Any, str]], drop_empty: bool) -> str:
    """The indented JSON of ``value``; ``newline`` is a newline plus the current indent.

    With ``drop_empty``, dict items that are None, or empty once pruned, are left out (``prune``).
    """
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        return scalar(value)
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, Pruned):
        known = memo.get(id(value))
        if known is None or known[0] is not value:
            known = memo[id(value)] = (value, _json(dict(value), "\n", memo, False))
        return known[1] if newline == "\n" else known[1].replace("\n", newline)
    inner = newline + "  "
    if isinstance(value, dict):
        items = []
        for key in sorted(value):
            if not isinstance(key, str):
                raise TypeError(key)  # json.dumps converts or refuses such keys
            item = value[key]
            scalar = _SCALARS.get(type(item))
            if scalar is None:
                text = _json(item, inner, memo, drop_empty)
                if drop_empty and text in _EMPTY:
                    continue
            elif drop_empty and item is None:
                continue
            else:
                text = scalar(item)
            items.append(f"{encode_basestring(key)}: {text}")
        return "{" + inner + ("," + inner).join(items) + newline + "}" if items else "{}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [scalar(item) if (scalar := _SCALARS.get(type(item))) else _json(item, inner, memo, drop_empty)
                 for item in value]
        return "[" + inner + ("," + inner).join(items) + newline + "]"
    if value is True or value is False:
        return "true" if value else "false"
    raise TypeError(type(value))  # floats, int subclasses, ...: json.dumps decides


_LINE_BREAK_AFTER_COMMA = re.compile(",\n *")
_LINE_BREAK = re.compile("\n *")


def compact_text(indented: str) -> str:
    """``json.dumps(value, sort_keys=True, ensure_ascii=False)`` from the ``json_text`` of the value.

    JSON strings hold no raw line breaks, so every line break (and the indent after it) is layout.
    """
    return _LINE_BREAK.sub("", _LINE_BREAK_AFTER_COMMA.sub(", ", indented.rstrip("\n")))


def json_list_text(items: list[str]) -> str:
    """``json_text`` of a list, from the ``json_text`` of each item."""
    if not items:
        return "[]\n"
    return "[\n  " + ",\n  ".join(item.rstrip("\n").replace("\n", "\n  ") for item in items) + "\n]\n"


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
        "organization.x_sources": "public sources: {url, supports, date}",
        "organization.x_assured_date / location.x_assured_date": "date the record was last checked",
        "organization.x_alert / x_data_note / x_themes": "alert, note on the data, themes",
    },
    "mapping": {
        "organization.status ended": "service.status inactive",
        "organization.status temporarily_closed": "service.status 'temporarily closed'",
        "service.assured_date": "assured_date of its organisation",
        "service.cost_options": "one option; amount_description holds the cost text",
    },
}


CSV_ORGANISATIONS = ["id", "hsds_id", "naam", "andere_naam", "soort", "hoofdorganisatie", "status",
                     "website", "e-mail", "telefoon", "thema's", "laatst_gecontroleerd", "bronnen"]
CSV_SERVICES = ["organisatie", "id", "hsds_id", "naam", "beschrijving", "doelgroep", "toegang",
                "kostprijs", "talen", "locaties", "uren", "laatst_gecontroleerd"]


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """CSV with a byte-order mark, so Excel reads the text as UTF-8 (é, ë)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()


def organisation_rows(data: Dataset) -> list[list[str]]:
    """One row per organisation, for organisaties.csv."""
    return [[org.id, uid(data, "organisation", org.id), org.name, org.alternate_name or "", org.kind,
             org.parent_organisation or "", org.status, org.website or "", org.email or "",
             " | ".join(p.number for p in org.phones), ", ".join(org.themes),
             org.assured_date.isoformat(), " | ".join(s.url for s in org.sources)]
            for _, org in sorted(data.organisations.items())]


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


def service_rows(data: Dataset, parts: SharedParts | None = None) -> list[list[str]]:
    """One row per service, for diensten.csv."""
    return [[org.id, svc.id, uid(data, "service", org.id, svc.id), svc.name, svc.description,
             svc.audience or "", svc.access, svc.cost or "",
             "onbekend" if svc.languages is None else ", ".join(svc.languages),
             ", ".join(sal.location for sal in svc.locations), hours_cell(svc, parts), org.assured_date.isoformat()]
            for _, org in sorted(data.organisations.items()) for svc in org.services]


def export_files(data: Dataset, base_url: str = "") -> dict[str, str]:
    """Every export file (relative path → text), without the JSON Schemas.

    Each service is encoded once; services.json, services.ndjson and services/<id>.json
    are made from that text.
    """
    parts = SharedParts(data)
    memo: dict[int, tuple[Any, str]] = {}
    texts = []  # (service id, its JSON); each service dict is dropped once written
    for _, org in sorted(data.organisations.items()):
        for svc in org.services:
            fields = _service_fields(data, org, svc, parts)
            texts.append((fields["id"], json_text(fields, memo, drop_empty=True)))
    organizations = [parts.organization(org) for _, org in sorted(data.organisations.items())]
    files = {
        "index.json": json_text(root_document(data, base_url)),
        PROFILE_FILE: json_text(PROFILE),
        "services.json": json_list_text([text for _, text in texts]),
        "services.ndjson": "".join(compact_text(text) + "\n" for _, text in texts),
        "organizations.json": json_text(organizations, memo),
        "organisaties.csv": csv_text(CSV_ORGANISATIONS, organisation_rows(data)),
        "diensten.csv": csv_text(CSV_SERVICES, service_rows(data, parts)),
    }
    files.update({f"services/{svc_id}.json": text for svc_id, text in texts})
    return files


def write_exports(dataset: Dataset, folder: Path, base_url: str = "") -> list[Path]:
    """Write the open-data export into ``folder`` (e.g. site/data); return the paths written.

    ``base_url`` is where ``folder`` is published (ending in '/'), so that the
    root document can point at the profile with a full address.
    """
    written = write_schemas(folder / "schema")
    made: set[Path] = set()
    for name, text in export_files(dataset, base_url).items():
        path = folder / name
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return sorted(written)
