"""Checked spreadsheet rows grouped into organisation and location records (plain data, YAML-ready).

Rows with the same organisation name make one organisation; what an
organisation has once (its description, website, ...) may be filled in on any
of its rows, but not differently on two. Unknown stays unknown: an empty
'toegang', 'talen' or 'dagen' is written as ``unknown``, never guessed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..data.schema import Rule
from .cells import slug
from .sheets import Sheet
from .spreadsheet import ORG_FIELDS, Imported, Row, SheetImport

ACCESSIBILITY = ("wheelchair", "entrance", "lift", "toilet", "parking", "hearing_loop")


RULE_FIELDS = ("repeat", "days", "weeks", "start", "times", "valid_from", "valid_to", "label")
RULE = TypeAdapter(Rule)


def ordered(rule: dict) -> dict:
    """A rule's fields in the order of the editor guide (and of the demo's files)."""
    return {key: rule[key] for key in RULE_FIELDS if key in rule}


def rule_problems(rules: list[dict]) -> list[str]:
    """What the schema says of each rule (start not on one of the days, overlapping times, ...)."""
    found = []
    for rule in rules:
        try:
            RULE.validate_python(rule)
        except ValidationError as error:
            found.append(error.errors()[0]["msg"])
    return found


def import_sheet(sheet: Sheet, themes: dict[str, str], known_locations: dict[str, str], today: dt.date) -> Imported:
    """The records of a sheet, every problem, and the rows left out."""
    importer = SheetImport(sheet, themes, known_locations, today)
    RecordBuilder(importer, importer.run()).build()
    importer.result.skipped_rows.sort()
    importer.result.problems.sort()
    return importer.result


class RecordBuilder:
    """Builds ``importer.result``'s organisations and locations from its valid rows."""

    def __init__(self, importer: SheetImport, rows: list[Row]):
        self.importer, self.rows = importer, rows
        self.first_row: dict[str, Row] = {}  # organisation id → its first row
        self.location_rows: dict[str, Row] = {}
        self.services_above: dict[str, set[str]] = {}  # organisation id → its services on the rows read so far

    def build(self) -> None:
        result = self.importer.result
        for row in self.rows:
            fits = self.fits(row)
            self.services_above.setdefault(slug(row.values["organisatie"]), set()).add(slug(row.values["dienst"]))
            if not fits:
                result.skipped_rows.append(row.number)
                continue
            org_id = slug(row.values["organisatie"])
            org = result.organisations.setdefault(org_id, self.organisation(row))
            place = self.importer.sheet.place(row.cells["organisatie"].ref)
            result.origins.setdefault(f"organisations/{org_id}.yaml", place)
            self.add_service(org, row)
        for org_id, org in list(result.organisations.items()):
            if not org["description"]:
                self.no_description(org_id, org)
                continue
            org["themes"] = list(dict.fromkeys(t for service in org["services"] for t in service["themes"]))
            org["sources"].append(self.provenance(org.pop("_rows")))

    def no_description(self, org_id: str, org: dict) -> None:
        """An organisation without a description on any of its rows is left out."""
        first = self.first_row[org_id]
        cell = first.cells.get("beschrijving organisatie") or first.cells["organisatie"]
        self.importer.problem(cell, "beschrijving organisatie",
                              "leeg bij elke rij van deze organisatie; vul het minstens op één rij in")
        self.importer.result.skipped_rows.extend(org["_rows"])
        del self.importer.result.organisations[org_id]

    def fits(self, row: Row) -> bool:
        """False (with the problem said) when the row contradicts an earlier row."""
        org_id = slug(row.values["organisatie"])
        first = self.first_row.setdefault(org_id, row)
        problems = self.conflicts(first, row) if first is not row else []
        problems += self.location_conflicts(row) + self.half_hours(row)
        for header, message in problems:
            self.importer.problem(row.cells.get(header) or row.cells["organisatie"], header, message)
        return not problems

    def conflicts(self, first: Row, row: Row) -> list[tuple[str, str]]:
        if first.values["organisatie"] != row.values["organisatie"]:
            return [("organisatie", f"'{row.values['organisatie']}' en '{first.values['organisatie']}' "
                     f"(rij {first.number}) zijn dezelfde organisatie; schrijf de naam overal hetzelfde")]
        found = [(header, f"de organisatie staat ook op rij {first.number}, met een andere {header}; "
                  "maak de rijen gelijk of laat deze cel leeg")
                 for header in ORG_FIELDS if row.values.get(header) and first.values.get(header)
                 and row.values[header] != first.values[header]]
        if slug(row.values["dienst"]) in self.services_above.get(slug(row.values["organisatie"]), ()):
            found.append(("dienst", "deze dienst staat al eerder bij dezelfde organisatie; "
                          "geef elke dienst een eigen naam of verwijder de dubbele rij"))
        return found

    def half_hours(self, row: Row) -> list[tuple[str, str]]:
        """Days without times, times without days, or rules that the schema refuses (at the cell)."""
        rules, groups = row.values.get("dagen") or [], row.values.get("uren") or []
        if groups and not rules:
            return [("dagen", "vul ook de dagen in waarop deze uren gelden")]
        untimed = [rule for rule in rules if "times" not in rule]
        if untimed and not groups:
            return [("uren", "vul ook de uren in voor de dagen in de kolom dagen")]
        if groups and len(groups) not in (1, len(untimed)):
            return [("uren", f"{len(groups)} groepen uren (gescheiden met ;) voor {len(untimed)} regels in de "
                     "kolom dagen; geef één groep, of één per regel zonder uren")]
        found = [("dagen", message) for message in rule_problems(self.rules(row))]
        where = [h for h in ("zaal", "opmerking") if row.values.get(h) and not row.values.get("gebouw")]
        return found + [(h, "vul ook het gebouw in (een zaal of opmerking hoort bij een gebouw)") for h in where]

    @staticmethod
    def rules(row: Row) -> list[dict]:
        """The rules of 'dagen', each with its times (written in it, or from 'uren')."""
        rules, groups = row.values.get("dagen") or [], row.values.get("uren") or []
        untimed = iter(groups if len(groups) > 1 else groups * len(rules))
        return [rule if "times" in rule else {**rule, "times": next(untimed, [])} for rule in rules]

    def location_conflicts(self, row: Row) -> list[tuple[str, str]]:
        building = row.values.get("gebouw")
        if not building or slug(building) in self.importer.known_locations:
            return []
        first = self.location_rows.setdefault(slug(building), row)
        missing = [h for h in ("adres", "postcode", "gemeente") if not row.values.get(h) and first is row]
        found = [(h, "vul het adres van het gebouw in (het staat nog niet in map/locations)") for h in missing]
        found += [(h, f"het gebouw staat ook op rij {first.number}, met een andere {h}")
                  for h in ("adres", "postcode", "gemeente")
                  if first is not row and row.values.get(h) and row.values[h] != first.values.get(h)]
        if first is row and found:
            del self.location_rows[slug(building)]
        return found

    def organisation(self, row: Row) -> dict:
        values = row.values
        record = {"id": slug(values["organisatie"]), "name": values["organisatie"], "kind": "partner",
                  "description": None, "themes": []}
        record.update({key: values[h] for h, key in ORG_FIELDS.items() if values.get(h)})
        return {**record, "status": "active", "sources": [], "assured_date": values["gecontroleerd op"],
                "services": [], "_rows": []}

    def add_service(self, org: dict, row: Row) -> None:
        values = row.values
        for header, key in ORG_FIELDS.items():  # filled in on a later row of the organisation
            if values.get(header) and not org.get(key):
                org[key] = values[header]
        org["assured_date"] = min(org["assured_date"], values["gecontroleerd op"])
        org["_rows"].append(row.number)
        if values.get("bron") and all(s.get("url") != values["bron"] for s in org["sources"]):
            org["sources"].append({"url": values["bron"], "supports": f"Gegevens over {values['dienst']}",
                                   "read": values["gecontroleerd op"]})  # the day the row says it was checked
        org["services"].append(self.service(row))

    def service(self, row: Row) -> dict:
        values = row.values
        service: dict[str, Any] = {"id": slug(values["dienst"]), "name": values["dienst"],
                                   "description": values["beschrijving dienst"]}
        optional = {"audience": "doelgroep", "cost": "kostprijs", "required_documents": "meebrengen"}
        service.update({key: values[h] for key, h in optional.items() if values.get(h)})
        service.update({"access": values.get("toegang") or "unknown",
                        "languages": values.get("talen") or "unknown", "themes": values["thema's"]})
        hours, exceptions = self.hours(row), values.get("uitzonderingen") or []
        if building := values.get("gebouw"):
            location_id = self.importer.known_locations.get(slug(building), slug(building))
            place = {"location": location_id, "room": values.get("zaal"), "hours": hours,
                     "exceptions": exceptions, "note": values.get("opmerking")}
            service["locations"] = [{key: value for key, value in place.items() if value not in (None, [])}]
            self.add_location(location_id, row)
        else:
            service["hours"] = hours
            service.update({"exceptions": exceptions} if exceptions else {})
        return service

    def hours(self, row: Row) -> list[dict] | str:
        """The rules of 'dagen' with their times; unknown when 'dagen' is empty."""
        return [ordered(rule) for rule in self.rules(row)] or "unknown"

    def add_location(self, location_id: str, row: Row) -> None:
        if location_id in self.importer.known_locations.values() or location_id in self.importer.result.locations:
            return
        values = row.values
        place = self.importer.sheet.place(row.cells["gebouw"].ref)
        self.importer.result.origins[f"locations/{location_id}.yaml"] = place
        self.importer.result.locations[location_id] = {
            "id": location_id, "name": values["gebouw"],
            "address": {"street": values["adres"], "postal_code": values["postcode"], "city": values["gemeente"],
                        "country": "BE"},
            "accessibility": dict.fromkeys(ACCESSIBILITY, "unknown"),
            "sources": [self.provenance([row.number])], "assured_date": values["gecontroleerd op"],
        }

    def provenance(self, rows: list[int]) -> dict:
        """The source every imported record names: the file, the rows, the day of the import."""
        sheet = self.importer.sheet
        name = PurePath(sheet.file).name
        where = f", blad {sheet.name}" if sheet.name else ""
        numbers = ", ".join(str(n) for n in rows)
        label = "rij" if len(rows) == 1 else "rijen"
        supports = f"Ingelezen uit {name}{where}, {label} {numbers}"
        return {"file": name, "supports": supports, "date": self.importer.today}
