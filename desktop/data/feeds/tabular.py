"""An HSDS tabular data package (a .zip or a folder of CSV files) → ORUK 3.0-shaped services.

Nothing is extracted to disk: zip members are read in memory, and a member whose path
would leave the package (``../``, an absolute path) rejects the whole package. The
CSV tables are joined back into nested service objects that ``oruk.normalise_service``
reads like any API export.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

REQUIRED = {"services.csv": ("id", "name")}
# Other spellings in ORUK 1.0 packages → the HSDS 3.0 file name used here.
ALIASES = {
    "service_at_locations.csv": "service_at_location.csv",
    "physical_addresses.csv": "addresses.csv",
    "regular_schedules.csv": "schedules.csv",
    "taxonomy.csv": "taxonomy_terms.csv",
    "taxonomies.csv": "taxonomy_terms.csv",
    "service_taxonomy.csv": "attributes.csv",
    "eligibility.csv": "eligibilitys.csv",
}


class PackageError(ValueError):
    """The package cannot be read; the message says what is wrong with it."""


def _safe_member(name: str) -> str:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise PackageError(
            f"the zip file contains an unsafe path ({name}); it was not read. "
            "Ask the publisher for a clean export."
        )
    return path.name.lower()


def read_tables(source: Path, max_bytes: int) -> dict[str, list[dict[str, str]]]:
    """Every CSV of the package by its (lower-case, aliased) file name."""
    raw: dict[str, bytes] = {}
    if source.is_dir():
        names = {p.name.lower(): p for p in source.iterdir() if p.is_file()}
        if sum(p.stat().st_size for p in names.values()) > max_bytes:
            raise PackageError("the data package is larger than the size limit")
        raw = {n: p.read_bytes() for n, p in names.items() if n.endswith((".csv", ".json"))}
    else:
        try:
            with zipfile.ZipFile(source) as archive:
                members = archive.infolist()
                for info in members:  # check every path before reading any of them
                    _safe_member(info.filename)
                if sum(i.file_size for i in members) > max_bytes:
                    raise PackageError("the data package is larger than the size limit")
                for info in members:
                    name = _safe_member(info.filename)
                    if not info.is_dir() and name.endswith((".csv", ".json")):
                        raw[name] = archive.read(info)
        except zipfile.BadZipFile as exc:
            raise PackageError(f"{source.name} is not a readable zip file ({exc})") from exc
    if "services.csv" not in raw:
        raise PackageError("the data package has no services.csv")
    tables: dict[str, list[dict[str, str]]] = {}
    for name, data in raw.items():
        if not name.endswith(".csv"):
            continue
        text = data.decode("utf-8-sig", errors="replace")
        rows = list(csv.DictReader(io.StringIO(text)))
        tables[ALIASES.get(name, name)] = [
            {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
            for row in rows
        ]
        header = next(csv.reader(io.StringIO(text)), [])
        for column in REQUIRED.get(name, ()):
            if column not in {h.strip().lower() for h in header}:
                raise PackageError(f"{name} has no '{column}' column")
    return tables


def _by(rows: list[dict[str, str]], key: str) -> dict[str, list[dict[str, str]]]:
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if row.get(key):
            grouped[row[key]].append(row)
    return grouped


def services_from_package(source: Path, max_bytes: int) -> Iterator[dict[str, Any]]:
    t = read_tables(source, max_bytes)
    get = lambda name: t.get(name, [])  # noqa: E731
    orgs = {o.get("id", ""): o for o in get("organizations.csv")}
    locations = {loc.get("id", ""): dict(loc) for loc in get("locations.csv")}
    for loc_id, addresses in _by(get("addresses.csv"), "location_id").items():
        if loc_id in locations:
            locations[loc_id]["addresses"] = addresses  # type: ignore[assignment]
    phones_by_contact = _by(get("phones.csv"), "contact_id")
    phones_by_service = _by(get("phones.csv"), "service_id")
    contacts = _by(get("contacts.csv"), "service_id")
    links = _by(get("service_at_location.csv"), "service_id")
    schedules = _by(get("schedules.csv"), "service_id")
    costs = _by(get("cost_options.csv"), "service_id")
    areas = _by(get("service_areas.csv"), "service_id")
    eligibility = _by(get("eligibilitys.csv"), "service_id")
    terms = {term.get("id", ""): term for term in get("taxonomy_terms.csv")}
    attributes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for attr in get("attributes.csv"):
        service_id = attr.get("link_id") or attr.get("service_id", "")
        term = terms.get(attr.get("taxonomy_term_id") or attr.get("taxonomy_id", ""))
        if service_id and term:
            term = {**term, "taxonomy": term.get("taxonomy") or term.get("vocabulary", "")}
            attributes[service_id].append({"taxonomy_term": term})
    for row in get("services.csv"):
        sid = row.get("id", "")
        service: dict[str, Any] = dict(row)
        org = orgs.get(row.get("organization_id", ""))
        if org:
            service["organization"] = org
        service["contacts"] = [
            {**c, "phones": phones_by_contact.get(c.get("id", ""), [])}
            for c in contacts.get(sid, [])
        ]
        service["phones"] = phones_by_service.get(sid, [])
        service["service_at_locations"] = [
            {"location": locations[link["location_id"]]}
            for link in links.get(sid, [])
            if link.get("location_id") in locations
        ]
        service["schedules"] = schedules.get(sid, [])
        service["cost_options"] = costs.get(sid, [])
        service["service_areas"] = areas.get(sid, [])
        service["eligibilitys"] = eligibility.get(sid, [])
        service["attributes"] = attributes.get(sid, [])
        yield service
