"""HSDS / ORUK 3.0 CSV data packages → nested 3.0 service objects for the ``oruk3`` reader.

Tables (any order in the package): ``services.csv`` (streamed), ``organizations.csv``,
``locations.csv``, ``service_at_location.csv``, ``addresses.csv``, ``phones.csv`` (linked
by service, location, organisation, contact or service-at-location), ``contacts.csv``,
``schedules.csv``, ``cost_options.csv``, ``service_areas.csv``, ``languages.csv``,
``accessibility.csv``, ``taxonomy_terms.csv`` with ``attributes.csv`` — and
``taxonomies.csv``/``taxonomy.csv``, which in 3.0 are the *vocabularies* the terms belong
to, not more terms (the official examples hold both).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from desktop.data.feeds.record import SkippedValue
from desktop.data.feeds.shapes import Shape, oruk3
from desktop.data.feeds.tabular import SERVICES, Package

Rows = list[dict[str, str]]
Nested = dict[str, Any]  # a row with other tables' rows nested in it
R = TypeVar("R", bound=Mapping[str, Any])


def by(rows: Iterable[R], column: str) -> dict[str, list[R]]:
    grouped: dict[str, list[R]] = defaultdict(list)
    for row in rows:
        if row.get(column):
            grouped[row[column]].append(row)
    return grouped


def ancestors(term: dict[str, Any], terms: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """A term's parents (at most five levels), so a child inherits its parent's category."""
    found: list[dict[str, Any]] = []
    parent = terms.get(term.get("parent_id", ""))
    while parent is not None and len(found) < 5 and parent is not term and parent not in found:
        found.append(parent)
        parent = terms.get(parent.get("parent_id", ""))
    return found


def places(
    package: Package,
) -> tuple[dict[str, Nested], dict[str, Nested], list[dict[str, Any]]]:
    """The organisations and locations by id, each with the phones linked to it, and every
    phone row (a service's own and a service-at-location's are picked out later)."""
    t = package.table
    orgs: dict[str, Nested] = {o["id"]: dict(o) for o in t("organizations.csv") if o.get("id")}
    locations: dict[str, Nested] = {
        loc["id"]: dict(loc) for loc in t("locations.csv") if loc.get("id")
    }
    phones = t("phones.csv")
    for column, owners in (("location_id", locations), ("organization_id", orgs)):
        for owner_id, numbers in by(phones, column).items():
            if owner_id in owners:
                owners[owner_id]["phones"] = numbers
    return orgs, locations, phones


def services(package: Package) -> Iterator[dict[str, Any] | SkippedValue]:
    t = package.table
    # Rows of strings, then nested: a location's rows gain its phones, addresses…
    orgs, locations, phones = places(package)
    for loc_id, rows in by(t("addresses.csv"), "location_id").items():
        if loc_id in locations:
            locations[loc_id]["addresses"] = rows
    for loc_id, rows in by(t(package.has("accessibility.csv", "accessibilities.csv")), "location_id").items():
        if loc_id in locations:
            locations[loc_id]["accessibility"] = rows
    languages = t("languages.csv")
    for loc_id, rows in by(languages, "location_id").items():
        if loc_id in locations:
            locations[loc_id]["languages"] = rows
    phones_by_contact = by(phones, "contact_id")
    contacts: list[Nested] = [
        {**c, "phones": phones_by_contact.get(c.get("id", ""), [])} for c in t("contacts.csv")
    ]
    links = t(package.has("service_at_location.csv", "service_at_locations.csv"))
    phones_by_link = by(phones, "service_at_location_id")
    vocabularies = {
        v["id"]: v.get("name", "")
        for v in t(package.has("taxonomies.csv", "taxonomy.csv"))
        if v.get("id")
    }
    terms: dict[str, Nested] = {}
    for term_row in t("taxonomy_terms.csv"):
        if term_row.get("id"):
            taxonomy_id = term_row.get("taxonomy_id", "")
            vocab = term_row.get("taxonomy") or vocabularies.get(taxonomy_id, "")
            terms[term_row["id"]] = {**term_row, "taxonomy": vocab}
    attributes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for attr in t("attributes.csv"):
        term = terms.get(attr.get("taxonomy_term_id", ""))
        owner = attr.get("link_id") or attr.get("service_id", "")
        if term is not None and owner:
            for one in [term, *ancestors(term, terms)]:
                attributes[owner].append({"taxonomy_term": one})
    children = {
        "contacts": by(contacts, "service_id"),
        "phones": by(phones, "service_id"),
        "schedules": by(t("schedules.csv"), "service_id"),
        "cost_options": by(t("cost_options.csv"), "service_id"),
        "service_areas": by(t("service_areas.csv"), "service_id"),
        "languages": by(languages, "service_id"),
    }
    yield from assemble(
        package, orgs, children, ("attributes", attributes), links, locations, phones_by_link
    )


def assemble(
    package: Package,
    orgs: Mapping[str, dict[str, Any]],
    children: Mapping[str, Mapping[str, list[dict[str, Any]]]],
    terms: tuple[str, Mapping[str, list[dict[str, Any]]]],
    links: Iterable[dict[str, Any]],
    locations: dict[str, dict[str, Any]],
    phones_by_link: dict[str, list[dict[str, Any]]],
) -> Iterator[dict[str, Any] | SkippedValue]:
    """Each row of services.csv as one nested service: its organisation, its child rows
    (``children``: key → rows by service id), its places and its taxonomy terms (``terms``:
    the key the shape's reader expects, and the terms by service id). Both CSV shapes."""
    key_of_terms, terms_by_service = terms
    links_by_service = by(links, "service_id")
    for row in package.rows(SERVICES):
        if isinstance(row, SkippedValue):
            yield row
            continue
        sid = row.get("id", "")
        service: dict[str, Any] = {k: v for k, v in row.items() if v}
        org = orgs.get(row.get("organization_id", ""))
        if org:
            service["organization"] = org
        for key, grouped in children.items():
            service[key] = grouped.get(sid, [])
        service["service_at_locations"] = at_locations(
            links_by_service.get(sid, []), locations, phones_by_link
        )
        service[key_of_terms] = terms_by_service.get(sid, [])
        yield service


def at_locations(
    links: list[dict[str, Any]],
    locations: dict[str, dict[str, Any]],
    phones_by_link: dict[str, list[dict[str, Any]]],
) -> list[dict[str, Any]]:
    """A service's service-at-location rows with their location, and the phones of that row.

    A phone linked by ``service_at_location_id`` belongs to this service at this place
    only: it is added to this service's copy of the location, never to the location
    itself, which other services share.
    """
    out = []
    for link in links:
        loc = locations.get(link.get("location_id", ""))
        if loc is None:
            continue
        own = phones_by_link.get(link.get("id", ""), [])
        if own:
            loc = {**loc, "phones": [*loc.get("phones", []), *own]}
        out.append({**link, "location": loc})
    return out


SHAPE = Shape("hsds3-csv", "HSDS / ORUK 3.0 CSV data package", oruk3.read, oruk3.KNOWN | {"organization_id"})
