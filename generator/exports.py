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
import io
import json
import uuid
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
    return str(uuid.uuid5(NAMESPACE, "/".join((data.site.municipality, *parts))))


def prune(value: Any) -> Any:
    """Drop None values and empty lists/dicts, recursively (HSDS strings may not be null)."""
    if isinstance(value, dict):
        pruned = {key: prune(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in (None, [], {})}
    if isinstance(value, list):
        return [prune(item) for item in value]
    return value


def iso(day: Any) -> str | None:
    """A date as YYYY-MM-DD, or None."""
    return day.isoformat() if day else None


# --- HSDS objects -------------------------------------------------------------


def byday(rule: Rule) -> str:
    """iCal BYDAY: 'TU,TH', or with month occurrences '2TU,4TU' / '-1FR'."""
    days = [day.upper() for day in rule.days]
    if rule.repeat != "monthly":
        return ",".join(days)
    return ",".join(f"{week}{day}" for week in rule.weeks or [] for day in days)


def schedules(data: Dataset, rules: list[Rule] | None, key: tuple[str, ...], links: dict) -> list[dict]:
    """One HSDS schedule per rule and time range (HSDS has one opens_at per schedule)."""
    result = []
    for i, rule in enumerate(rules or []):
        for j, times in enumerate(rule.times):
            result.append({
                "id": uid(data, *key, "rule", str(i), str(j)), **links,
                "freq": FREQ[rule.repeat], "byday": byday(rule), "wkst": "MO",
                "interval": 2 if rule.repeat == "every_other_week" else 1,
                "dtstart": iso(rule.start), "valid_from": iso(rule.valid_from), "valid_to": iso(rule.valid_to),
                "opens_at": f"{times.opens:%H:%M}", "closes_at": f"{times.closes:%H:%M}",
                "description": rule_text(rule), "notes": rule.label,
                "x_repeat": rule.repeat,
            })
    return result


def exceptions(items: list[Exception_]) -> list[dict]:
    """One-off changes (closed, or other hours) on one date: an extension."""
    return [{
        "date": item.date.isoformat(), "closed": item.closed,
        "times": [str(t) for t in item.times or []], "note": item.note,
        "description": exception_text(item),
    } for item in items]


def hours_fields(data: Dataset, rules: list[Rule] | None, items: list[Exception_],
                 key: tuple[str, ...], links: dict, places: bool = False) -> dict:
    """schedules plus the extensions x_hours ('known'/'unknown'/'none') and x_exceptions.

    A service with places keeps its hours there: no service-level x_hours then.
    """
    state = "unknown" if rules is None else ("known" if rules else "none")
    if places and rules is None:
        state = None
    return {"schedules": schedules(data, rules, key, links), "x_hours": state,
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


def service_at_location(data: Dataset, key: tuple[str, ...], service_id: str, sal: ServiceAtLocation) -> dict:
    """Where and when: an office day of a service in one building."""
    sal_key = (*key, "at", sal.location)
    sal_id = uid(data, *sal_key)
    loc_id = uid(data, "location", sal.location)
    links = {"service_id": service_id, "location_id": loc_id, "service_at_location_id": sal_id}
    description = ", ".join(part for part in (sal.floor, sal.room, sal.note) if part)
    return {
        "id": sal_id, "service_id": service_id, "location_id": loc_id,
        "description": description or None, "x_room": sal.room, "x_floor": sal.floor,
        "location": location(data, data.locations[sal.location]),
        **hours_fields(data, sal.hours, sal.exceptions, sal_key, links),
    }


def service(data: Dataset, org: Organisation, svc: Service) -> dict:
    """One HSDS service, fully nested: organization, locations, schedules, languages, ..."""
    key = ("service", org.id, svc.id)
    svc_id = uid(data, *key)
    links = {"service_id": svc_id}
    return prune({
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
        "service_at_locations": [service_at_location(data, key, svc_id, sal) for sal in svc.locations],
        "organization": organization(data, org),
        "x_record_id": svc.id, "x_access": svc.access, "x_access_text": ACCESS[svc.access],
        "x_languages": "unknown" if svc.languages is None else "known",
        "x_themes": list(svc.themes),
        **hours_fields(data, svc.hours, svc.exceptions, key, links, places=bool(svc.locations)),
    })


def all_services(data: Dataset) -> list[dict]:
    """Every service, ordered by organisation id and then as listed in the file."""
    return [service(data, org, svc) for org_id, org in sorted(data.organisations.items())
            for svc in org.services]


# --- files --------------------------------------------------------------------


def json_text(value: Any) -> str:
    """Stable JSON: sorted keys, two-space indent, UTF-8 text, final newline."""
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


def hours_cell(svc: Service) -> str:
    """The hours of a service, in Dutch, per place."""
    parts = []
    service_level = [("", svc.hours)] if svc.hours is not None or not svc.locations else []
    for where, rules in service_level + [(sal.location + ": ", sal.hours) for sal in svc.locations]:
        if rules is None:
            parts.append(f"{where}onbekend")
        elif rules:
            parts.append(where + "; ".join(rule_text(rule) for rule in rules))
    return " | ".join(parts)


def service_rows(data: Dataset) -> list[list[str]]:
    """One row per service, for diensten.csv."""
    return [[org.id, svc.id, uid(data, "service", org.id, svc.id), svc.name, svc.description,
             svc.audience or "", svc.access, svc.cost or "",
             "onbekend" if svc.languages is None else ", ".join(svc.languages),
             ", ".join(sal.location for sal in svc.locations), hours_cell(svc), org.assured_date.isoformat()]
            for _, org in sorted(data.organisations.items()) for svc in org.services]


def export_files(data: Dataset, base_url: str = "") -> dict[str, str]:
    """Every export file (relative path → text), without the JSON Schemas."""
    services = all_services(data)
    files = {
        "index.json": json_text(root_document(data, base_url)),
        PROFILE_FILE: json_text(PROFILE),
        "services.json": json_text(services),
        "services.ndjson": "".join(json.dumps(s, sort_keys=True, ensure_ascii=False) + "\n" for s in services),
        "organizations.json": json_text([organization(data, org) for _, org in sorted(data.organisations.items())]),
        "organisaties.csv": csv_text(CSV_ORGANISATIONS, organisation_rows(data)),
        "diensten.csv": csv_text(CSV_SERVICES, service_rows(data)),
    }
    files.update({f"services/{s['id']}.json": json_text(s) for s in services})
    return files


def write_exports(dataset: Dataset, folder: Path, base_url: str = "") -> list[Path]:
    """Write the open-data export into ``folder`` (e.g. site/data); return the paths written.

    ``base_url`` is where ``folder`` is published (ending in '/'), so that the
    root document can point at the profile with a full address.
    """
    written = write_schemas(folder / "schema")
    for name, text in export_files(dataset, base_url).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return sorted(written)
