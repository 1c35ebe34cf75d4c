"""schema.org structured data (JSON-LD) for organisation pages.

Opening hours are given only for weekly rules: schema.org's
OpeningHoursSpecification cannot say "2nd Tuesday of the month".
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..data.dataset import Dataset
from ..data.schema import Organisation, Rule, Service, ServiceAtLocation

DAY_URIS = {"mo": "Monday", "tu": "Tuesday", "we": "Wednesday", "th": "Thursday",
            "fr": "Friday", "sa": "Saturday", "su": "Sunday"}


def script_json(value: Any) -> Markup:
    """JSON safe inside <script>: '<', '>', '&' and "'" as \\u escapes, other text as is."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(char, escape)
    return Markup(text)


def opening_hours(rules: list[Rule] | None) -> list[dict[str, Any]]:
    """OpeningHoursSpecification of the weekly rules."""
    found = []
    for rule in (r for r in rules or [] if r.repeat == "weekly"):
        for times in rule.times:
            spec = {"@type": "OpeningHoursSpecification", "dayOfWeek": [f"https://schema.org/{DAY_URIS[d]}"
                                                                         for d in rule.days],
                    "opens": f"{times.opens:%H:%M}", "closes": f"{times.closes:%H:%M}"}
            spec.update({"validFrom": rule.valid_from.isoformat()} if rule.valid_from else {})
            spec.update({"validThrough": rule.valid_to.isoformat()} if rule.valid_to else {})
            found.append(spec)
    return found


def place(data: Dataset, item: ServiceAtLocation) -> dict[str, Any]:
    """A schema.org Place with its postal address and the weekly hours there."""
    location = data.locations[item.location]
    address = location.address
    result = {"@type": "Place", "name": location.name,
              "address": {"@type": "PostalAddress", "streetAddress": address.street,
                          "postalCode": address.postal_code, "addressLocality": address.city,
                          "addressCountry": address.country}}
    hours = opening_hours(item.hours)
    return {**result, "openingHoursSpecification": hours} if hours else result


def service(data: Dataset, org: Organisation, item: Service) -> dict[str, Any]:
    """A GovernmentService offered by the organisation."""
    result = {"@type": "GovernmentService", "name": item.name, "description": item.description,
              "provider": {"@type": _org_type(org), "name": org.name}}
    if item.audience:
        result["audience"] = {"@type": "Audience", "audienceType": item.audience}
    if item.locations:
        result["availableChannel"] = [{"@type": "ServiceChannel", "serviceLocation": place(data, p)}
                                      for p in item.locations]
    return result


def _org_type(org: Organisation) -> str:
    return "GovernmentOrganization" if org.kind == "city_team" else "Organization"


def organisation(data: Dataset, org: Organisation) -> dict[str, Any]:
    """The JSON-LD document of an organisation page: the organisation and its services."""
    node = {"@type": _org_type(org), "name": org.name, "description": org.description}
    node.update({"url": org.website} if org.website else {})
    node.update({"email": org.email} if org.email else {})
    node.update({"telephone": org.phones[0].number} if org.phones else {})
    return {"@context": "https://schema.org", "@graph": [node, *(service(data, org, s) for s in org.services)]}
