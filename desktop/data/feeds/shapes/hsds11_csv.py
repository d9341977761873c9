"""HSDS 1.1 CSV data packages (the 2019-era export, still in the wild) → ORUK 1.0 objects.

Differences from 3.0 that lose data when read as 3.0: ``services_at_location.csv``
(plural), ``physical_addresses.csv``, ``regular_schedules.csv`` (a weekday per row),
``eligibility.csv``, ``accessibility_for_disabilities.csv``, and categories as
``services_taxonomy.csv`` (service_id, taxonomy_id) into ``taxonomy.csv`` — which in 1.1
holds the *terms* (id, name, parent_id, vocabulary). Phones hang off services, locations,
organisations, contacts or service-at-location rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from desktop.data.feeds.record import SkippedValue
from desktop.data.feeds.shapes import Shape, oruk1
from desktop.data.feeds.shapes.hsds_csv import Nested, ancestors, assemble, by, places
from desktop.data.feeds.tabular import Package


def services(package: Package) -> Iterator[dict[str, Any] | SkippedValue]:
    t = package.table
    # Rows of strings, then nested: a location's rows gain its phones, addresses…
    orgs, locations, phones = places(package)
    addresses = t(package.has("physical_addresses.csv", "addresses.csv"))
    for loc_id, rows in by(addresses, "location_id").items():
        if loc_id in locations:
            locations[loc_id]["physical_addresses"] = rows
    access = t("accessibility_for_disabilities.csv")
    for loc_id, rows in by(access, "location_id").items():
        if loc_id in locations:
            locations[loc_id]["accessibility_for_disabilities"] = rows
    languages = t("languages.csv")
    for loc_id, rows in by(languages, "location_id").items():
        if loc_id in locations:
            locations[loc_id]["languages"] = rows
    links = t(package.has("services_at_location.csv", "service_at_location.csv"))
    phones_by_link = by(phones, "service_at_location_id")
    phones_by_contact = by(phones, "contact_id")
    contacts: list[Nested] = [
        {**c, "phones": phones_by_contact.get(c.get("id", ""), [])} for c in t("contacts.csv")
    ]
    terms = {term["id"]: term for term in t("taxonomy.csv") if term.get("id")}
    taxonomys: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for link in t(package.has("services_taxonomy.csv", "service_taxonomy.csv")):
        term = terms.get(link.get("taxonomy_id", ""))
        if term is not None and link.get("service_id"):
            for one in [term, *ancestors(term, terms)]:
                taxonomys[link["service_id"]].append({"taxonomy": one})
    children = {
        "contacts": by(contacts, "service_id"),
        "phones": by(phones, "service_id"),
        "regular_schedules": by(t(package.has("regular_schedules.csv", "schedules.csv")), "service_id"),
        "eligibilitys": by(t(package.has("eligibility.csv", "eligibilitys.csv")), "service_id"),
        "cost_options": by(t("cost_options.csv"), "service_id"),
        "service_areas": by(t(package.has("service_areas.csv", "service_area.csv")), "service_id"),
        "languages": by(languages, "service_id"),
    }
    yield from assemble(
        package, orgs, children, ("service_taxonomys", taxonomys), links, locations, phones_by_link
    )


SHAPE = Shape("hsds11-csv", "HSDS 1.1 CSV data package", oruk1.read, oruk1.KNOWN | {"organization_id"})
