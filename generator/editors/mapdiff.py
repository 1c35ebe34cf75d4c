"""What changes for citizens between two versions of a map folder, in plain Dutch.

Used by `sociale-kaart diff`, e.g. to describe a pull request. Never imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
from pathlib import Path

from pydantic import BaseModel

from ..data.cmslabels import FIELD_LABELS
from ..data.dataset import Dataset
from ..data.schema import Location, Organisation, Service
from ..site.describe import ACCESS_SHORT, ACCESSIBILITY_PARTS, LEVELS, STATUS, date_text, rule_text

UNCONFIRMED = "uren nog niet bevestigd"

# Fields with their own sentences (below); every other field of a record is
# named by field_changes, so a reviewer sees every change, not only the hours.
OWN_SENTENCES = {("Organisation", "status"), ("Organisation", "services"), ("Service", "access"),
                 ("Service", "hours"), ("ServiceAtLocation", "hours"), ("ServiceAtLocation", "location"),
                 ("Location", "address"), *(("Accessibility", part) for part in ACCESSIBILITY_PARTS)}
# Lists whose items come and go in their own sentences; field_changes names what changes inside one.
OWN_ARRIVALS = {("Organisation", "phones"), ("Service", "locations")}
# How the items of a list of records are told apart between two versions.
ITEM_KEYS = {"Source": lambda item: getattr(item, "url", None) or getattr(item, "file", None)
             or getattr(item, "confirmed_by", None) or item.supports[:40],
             "Phone": lambda item: item.number, "Exception_": lambda item: item.date.isoformat(),
             "ServiceAtLocation": lambda item: item.location, "ClosureDay": lambda item: item.date.isoformat()}
# Labels that read better inside a sentence than the form's question.
IN_A_SENTENCE = {"data_note": "uitleg over wat niet bevestigd is", "supports": "wat de bron bevestigt",
                 "application_process": "hoe aanvragen", "transportation": "hoe er geraken",
                 "label": "omschrijving"}
LONG = 60


def hours_lines(data: Dataset, service: Service) -> set[str]:
    """Every hours rule of a service as one line, with the building when there is one."""
    places = [("", service.hours)] if service.hours is not None or not service.locations else []
    places += [(f" ({data.locations[sal.location].name})", sal.hours) for sal in service.locations
               if sal.location in data.locations]
    lines = set()
    for where, rules in places:
        if rules is None:
            lines.add(UNCONFIRMED + where)
        lines.update(plain(rule_text(rule)) + where for rule in rules or [])
    return lines


def labelled_rules(data: Dataset, service: Service) -> dict[str, str]:
    """Each hours rule's line (as in hours_lines) with its label, for rules that have one."""
    places = [("", service.hours)] + [(f" ({data.locations[sal.location].name})", sal.hours)
                                      for sal in service.locations if sal.location in data.locations]
    return {plain(rule_text(rule)) + where: rule.label or "" for where, rules in places for rule in rules or []}


def label_changes(label: str, old_data: Dataset, before: Service, new_data: Dataset, after: Service) -> list[str]:
    """A rule whose days and hours stay but whose label ('Zitdag pensioenen') changes."""
    old, new = labelled_rules(old_data, before), labelled_rules(new_data, after)
    return [value_change(f"{label[:-1]} ({line})", "omschrijving", old[line], new[line])
            for line in sorted(set(old) & set(new)) if old[line] != new[line]]


def plain(text: str) -> str:
    """'Elke dinsdag: 09:00–12:00' → 'elke dinsdag 09:00–12:00', to fit inside a sentence."""
    text = text.replace(": ", " ", 1)
    return text[:1].lower() + text[1:]


def service_changes(name: str, old: tuple[Dataset, Service], new: tuple[Dataset, Service]) -> list[str]:
    """Access and hours changes of one service that exists in both versions."""
    (old_data, before), (new_data, after) = old, new
    label = f"{name}, {after.name}:"
    changes = []
    if before.access != after.access:
        changes.append(f"{label} toegang was {ACCESS_SHORT[before.access]}, wordt {ACCESS_SHORT[after.access]}")
    old_lines, new_lines = hours_lines(old_data, before), hours_lines(new_data, after)
    changes += [f"{label} {line} vervalt" for line in sorted(old_lines - new_lines)]
    changes += [f"{label} {line} is nieuw" for line in sorted(new_lines - old_lines)]
    changes += label_changes(label, old_data, before, new_data, after)
    return changes + field_changes(f"{name}, {after.name}", before, after)


def phone_changes(label: str, before: list, after: list) -> list[str]:
    """Numbers a citizen would call that are gone or new (the organisation's own)."""
    old, new = [p.number for p in before], [p.number for p in after]
    return ([f"{label}: telefoonnummer {number} vervalt" for number in old if number not in new]
            + [f"{label}: nieuw telefoonnummer {number}" for number in new if number not in old])


def status_text(status: str) -> str:
    return STATUS[status] or "open"


def organisation_changes(old: Dataset, new: Dataset, before: Organisation, after: Organisation) -> list[str]:
    """Status, services added/removed and service changes of one organisation."""
    changes = [f"{before.name} heet voortaan {after.name}"] if before.name != after.name else []
    if before.status != after.status:
        changes.append(f"{after.name}: was {status_text(before.status).lower()}, "
                       f"wordt {status_text(after.status).lower()}")
    changes += phone_changes(after.name, before.phones, after.phones)
    old_services = {s.id: s for s in before.services}
    new_services = {s.id: s for s in after.services}
    changes += [f"{after.name}: nieuwe dienst '{new_services[i].name}'" for i in new_services if i not in old_services]
    changes += [f"{after.name}: dienst '{old_services[i].name}' vervalt" for i in old_services if i not in new_services]
    for key in (i for i in new_services if i in old_services):
        changes += service_changes(after.name, (old, old_services[key]), (new, new_services[key]))
    return changes + field_changes(after.name, before, after)


def location_changes(before: Location, after: Location) -> list[str]:
    """Address and accessibility changes of one building."""
    changes = [f"Gebouw {before.name} heet voortaan {after.name}"] if before.name != after.name else []
    if before.address != after.address:
        changes.append(f"{after.name}: nieuw adres {after.address.street}, "
                       f"{after.address.postal_code} {after.address.city}")
    for part, label in ACCESSIBILITY_PARTS.items():
        was, now = getattr(before.accessibility, part), getattr(after.accessibility, part)
        if was != now:
            changes.append(f"{after.name}: {label.lower()} was {LEVELS[was]}, wordt {LEVELS[now]}")
    return changes + field_changes(after.name, before, after)


def field_label(model: str, name: str) -> str:
    """The field's Dutch name as the form shows it, lower case, to fit in a sentence."""
    if name in IN_A_SENTENCE:
        return IN_A_SENTENCE[name]
    label = (FIELD_LABELS.get((model, name)) or FIELD_LABELS.get(name) or (name,))[0]
    return label[:1].lower() + label[1:]


def value_text(value) -> str:
    """A value as a reviewer reads it: texts as they are, lists joined, dates as yyyy-mm-dd."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ", ".join(value_text(item) for item in value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return "" if value is None else str(value)


def value_change(who: str, label: str, before, after) -> str:
    """'X: lokaal was 'A', wordt 'B'' (or ingevuld / gewist; long texts only 'gewijzigd')."""
    old, new = value_text(before), value_text(after)
    if len(old) > LONG or len(new) > LONG:
        return f"{who}: {label} gewijzigd"
    if not old:
        return f"{who}: {label} ingevuld: '{new}'"
    return f"{who}: {label} gewist (was '{old}')" if not new else f"{who}: {label} was '{old}', wordt '{new}'"


def field_changes(who: str, before: BaseModel, after: BaseModel) -> list[str]:
    """Every changed field of two versions of one record that has no sentence of its own."""
    model, changes = type(after).__name__, []
    for name in type(after).model_fields:
        old, new = getattr(before, name), getattr(after, name)
        if old == new or (model, name) in OWN_SENTENCES:
            continue
        if isinstance(old, BaseModel) and isinstance(new, BaseModel):
            changes += field_changes(who, old, new)
        elif isinstance(old, list) and isinstance(new, list) and is_record_list(old + new):
            changes += item_changes(who, (model, name), old, new)
        else:
            changes.append(value_change(who, field_label(model, name), old, new))
    return changes


def is_record_list(value) -> bool:
    return isinstance(value, list) and bool(value) and type(value[0]).__name__ in ITEM_KEYS


def item_changes(who: str, field: tuple[str, str], before: list, after: list) -> list[str]:
    """Items of a list of records (sources, phones, exceptions, buildings): new, gone, changed."""
    kind = type((after or before)[0]).__name__
    old, new = ({ITEM_KEYS[kind](item): item for item in items} for items in (before, after))
    label = field_label(*field)
    changes = []
    if field not in OWN_ARRIVALS:
        changes += [f"{who}: {label}: '{key}' is nieuw" for key in new if key not in old]
        changes += [f"{who}: {label}: '{key}' vervalt" for key in old if key not in new]
    for key in (key for key in new if key in old):
        changes += field_changes(f"{who} ({key})", old[key], new[key])
    return changes


SETTINGS = "Instellingen (site.yaml)"


def setting_value(data: Dataset, field: str, value: object) -> str:
    """A setting as a reviewer recognises it: the house's building with its address, names for ids."""
    if value is None:
        return "niet ingesteld"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if field == "house_location" and (place := data.locations.get(str(value))):
        return f"{place.name} ({place.address.street}, {place.address.postal_code} {place.address.city})"
    if field == "house_organisation" and (org := data.organisations.get(str(value))):
        return org.name
    return f"'{value}'"


def site_changes(old: Dataset, new: Dataset) -> list[str]:
    """Every changed setting of site.yaml: the house's name and building (its address on every
    page), where citizens mail a correction, the form editor's sign-in, ... (any field, also
    one added later, under its form label)."""
    changes = []
    for field in type(new.site).model_fields:
        was, now = getattr(old.site, field, None), getattr(new.site, field, None)
        if was != now:
            label = FIELD_LABELS.get(("Site", field), FIELD_LABELS.get(field, (field, "")))[0]
            changes.append(f"{SETTINGS}: {label} was {setting_value(old, field, was)}, "
                           f"wordt {setting_value(new, field, now)}")
    return changes


def closure_changes(old: Dataset, new: Dataset) -> list[str]:
    """Days the house closes, added or no longer closed (closures.yaml)."""
    before = {day.date: day.name for day in old.closures.days}
    after = {day.date: day.name for day in new.closures.days}
    changes = [f"Het huis is gesloten op {date_text(day)} ({after[day]})" for day in sorted(after) if day not in before]
    changes += [f"Het huis is niet meer gesloten op {date_text(day)} ({before[day]})"
                for day in sorted(before) if day not in after]
    for field in ("belgian_public_holidays", "flemish_public_service_days", "confirmed"):
        if getattr(old.closures, field) != getattr(new.closures, field):
            label = FIELD_LABELS.get(field, (field, ""))[0]
            now = "ja" if getattr(new.closures, field) else "nee"
            changes.append(f"Sluitingsdagen (closures.yaml): {label}: {now}")
    return changes


def diff_datasets(old: Dataset, new: Dataset) -> list[str]:
    """Every change that matters to a citizen, one sentence each."""
    changes = site_changes(old, new) + closure_changes(old, new)
    changes += [f"Nieuwe organisatie: {org.name}" for key, org in sorted(new.organisations.items())
               if key not in old.organisations]
    changes += [f"Organisatie verdwijnt van de kaart: {org.name}" for key, org in sorted(old.organisations.items())
                if key not in new.organisations]
    for key in sorted(set(old.organisations) & set(new.organisations)):
        changes += organisation_changes(old, new, old.organisations[key], new.organisations[key])
    changes += [f"Nieuw gebouw: {loc.name}" for key, loc in sorted(new.locations.items()) if key not in old.locations]
    changes += [f"Gebouw verdwijnt: {loc.name}"
                for key, loc in sorted(old.locations.items()) if key not in new.locations]
    for key in sorted(set(old.locations) & set(new.locations)):
        changes += location_changes(old.locations[key], new.locations[key])
    return changes


def extract_revision(revision: str, map_path: str, target: Path, repo: Path = Path(".")) -> Path:
    """The map folder as it was in a git revision, unpacked into ``target``."""
    result = subprocess.run(["git", "archive", "--format=tar", revision, map_path], cwd=repo,
                            capture_output=True, check=False)
    if result.returncode != 0:
        raise ValueError(f"git kan {map_path} niet lezen in versie '{revision}': "
                         f"{result.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        archive.extractall(target, filter="data")
    return target / map_path
