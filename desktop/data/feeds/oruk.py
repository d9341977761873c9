"""Open Referral UK service objects (ORUK 1.0 and 3.0) → normalised records. Pure, no I/O."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from desktop.data import phones
from desktop.data.emails import clean_email
from desktop.data.feeds.record import (
    ContactRecord,
    Location,
    NormaliseReport,
    ServiceRecord,
    SkipRecord,
    Term,
)
from desktop.data.phones import clean_phone
from desktop.data.postcodes import normalise_postcode
from desktop.data.records import CATEGORY_NAMES, Phone
from desktop.data.schedules import schedule_lines
from desktop.data.text import html_to_text
from desktop.data.urls import clean_url

HIDDEN_STATUSES = {"inactive", "defunct"}

# Which taxonomy a term belongs to in the app: 'category' (education/health/social care) or 'need'.
_CATEGORY_ALIASES = {
    "education": "education",
    "health": "health",
    "social care": "social-care",
    "social-care": "social-care",
    "socialcare": "social-care",
}
_NEED_TAXONOMIES = re.compile(r"(?i)need|send|esdneeds|disab")


def _s(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)):
        return str(value)
    return ""


def _list(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    if isinstance(value, dict):
        return [value]
    return []


def _age(value: Any) -> int | None:
    try:
        age = int(float(value))
    except (TypeError, ValueError):
        return None
    return age if 0 <= age <= 120 else None


def _coord(value: Any, limit: float) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if -limit <= number <= limit else None


def _phones(items: Any) -> list[Phone]:
    out = []
    for phone in _list(items):
        number = clean_phone(phone.get("number"))
        if number:
            ext = _s(phone.get("extension"))
            out.append(Phone(number, phones.e164(number), ext))
    return out


def _contacts(raw: dict[str, Any]) -> list[ContactRecord]:
    contacts: list[ContactRecord] = []
    for contact in _list(raw.get("contacts")):
        name = _s(contact.get("name")) or _s(contact.get("title"))
        email = clean_email(contact.get("email"))
        numbers = tuple(_phones(contact.get("phones")))
        if numbers or email:
            contacts.append(ContactRecord(name=name, email=email, phones=numbers))
    return list(dict.fromkeys(contacts))


def _terms(raw: dict[str, Any]) -> list[Term]:
    found: list[dict[str, Any]] = []
    for attr in _list(raw.get("attributes")):  # ORUK 3.0
        term = attr.get("taxonomy_term")
        if isinstance(term, dict):
            found.append(term)
    for link in _list(raw.get("service_taxonomys")):  # ORUK 1.0
        term = link.get("taxonomy")
        if isinstance(term, dict):
            found.append(term)
    terms: list[Term] = []
    for term in found:
        name = _s(term.get("name"))
        if not name:
            continue
        taxonomy = _s(term.get("taxonomy")) or _s(term.get("vocabulary"))
        code = _s(term.get("code"))
        category = _CATEGORY_ALIASES.get(name.lower()) or _CATEGORY_ALIASES.get(code.lower())
        if category:
            terms.append(
                Term(f"category:{category}", "category", category, CATEGORY_NAMES[category])
            )
        elif _NEED_TAXONOMIES.search(taxonomy):
            term_id = _s(term.get("id")) or name.lower()
            terms.append(Term(f"need:{term_id}", "need", code, name))
        else:
            term_id = _s(term.get("id")) or name.lower()
            terms.append(Term(f"{taxonomy or 'term'}:{term_id}", taxonomy or "term", code, name))
    unique = {t.id: t for t in terms}
    return list(unique.values())


def _cost(raw: dict[str, Any]) -> tuple[bool, str]:
    options = _list(raw.get("cost_options"))
    texts: list[str] = []
    free = False
    for option in options:
        amount = option.get("amount")
        desc = _s(option.get("amount_description")) or _s(option.get("option"))
        try:
            is_zero = amount is not None and float(amount) == 0
        except (TypeError, ValueError):
            is_zero = False
        if is_zero or desc.lower() in {"free", "no cost", "free of charge"}:
            free = True
        if desc:
            texts.append(desc)
        elif amount is not None:
            texts.append(f"£{amount}")
    fees = _s(raw.get("fees_description")) or _s(raw.get("fees"))
    if fees:
        texts.append(fees)
        if fees.lower() in {"free", "no cost", "free of charge"}:
            free = True
    if raw.get("free") is True:
        free = True
    if free and not texts:
        texts.append("Free")
    return free, "; ".join(dict.fromkeys(texts))


def _locations(raw: dict[str, Any]) -> list[Location]:
    found: list[Location] = []
    for link in _list(raw.get("service_at_locations")):
        location = link.get("location") if isinstance(link.get("location"), dict) else link
        if not isinstance(location, dict):
            continue
        addresses = _list(location.get("addresses")) or _list(location.get("physical_addresses"))
        address_text, postcode, town = "", "", ""
        for address in addresses:
            parts = [
                _s(address.get(k))
                for k in ("address_1", "address_2", "city", "state_province", "postal_code")
            ]
            address_text = ", ".join(p for p in parts if p)
            postcode = normalise_postcode(address.get("postal_code"))
            town = _s(address.get("city"))
            if address_text:
                break
        lat = _coord(location.get("latitude"), 90)
        lon = _coord(location.get("longitude"), 180)
        if lat is None or lon is None:
            lat = lon = None
        if address_text or lat is not None:
            found.append(
                Location(_s(location.get("name")), address_text, town, postcode, lat, lon)
            )
    return found


def _schedule(raw: dict[str, Any]) -> str:
    schedules = _list(raw.get("schedules")) + _list(raw.get("regular_schedules"))
    return "\n".join(schedule_lines(schedules))


def _ages(raw: dict[str, Any]) -> tuple[int | None, int | None, str]:
    lo, hi = _age(raw.get("minimum_age")), _age(raw.get("maximum_age"))
    eligibility_texts = []
    for elig in _list(raw.get("eligibilitys")) + _list(raw.get("eligibility")):
        lo = lo if lo is not None else _age(elig.get("minimum_age"))
        hi = hi if hi is not None else _age(elig.get("maximum_age"))
        text = _s(elig.get("eligibility"))
        if text:
            eligibility_texts.append(text)
    if isinstance(raw.get("eligibility_description"), str):
        eligibility_texts.append(raw["eligibility_description"].strip())
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return lo, hi, html_to_text("\n".join(t for t in eligibility_texts if t))


def _organisation(raw: dict[str, Any]) -> str:
    org = raw.get("organization") or raw.get("organisation")
    if isinstance(org, dict):
        return _s(org.get("name"))
    return _s(org)


def _area(raw: dict[str, Any]) -> str:
    names = [
        _s(a.get("name")) or _s(a.get("service_area")) for a in _list(raw.get("service_areas"))
    ]
    return ", ".join(n for n in dict.fromkeys(names) if n)


def normalise_service(raw: Any) -> ServiceRecord:
    """One ORUK service object → a ServiceRecord. Raises SkipRecord when it cannot be used."""
    if not isinstance(raw, dict):
        raise SkipRecord("not an object")
    service_id = _s(raw.get("id"))
    name = html_to_text(raw.get("name")).replace("\n", " ")
    if not service_id:
        raise SkipRecord(f"no id (name: {name or 'none'})")
    if not name:
        raise SkipRecord(f"{service_id}: no name")
    free, cost_text = _cost(raw)
    lo, hi, eligibility = _ages(raw)
    return ServiceRecord(
        id=service_id,
        name=name,
        organisation=_organisation(raw),
        description=html_to_text(raw.get("description")),
        status=(_s(raw.get("status")) or "active").lower(),
        url=clean_url(raw.get("url")),
        email=clean_email(raw.get("email")),
        fees_text=cost_text,
        is_free=free,
        min_age=lo,
        max_age=hi,
        area=_area(raw),
        locations=_locations(raw),
        schedule=_schedule(raw),
        eligibility=eligibility,
        last_modified=_s(raw.get("last_modified")),
        contacts=_contacts(raw),
        phones=_phones(raw.get("phones")),  # ORUK 1.0 and some feeds hang phones off the service
        terms=_terms(raw),
    )


def normalise_all(
    raws: Iterable[Any], report: NormaliseReport | None = None
) -> Iterator[ServiceRecord]:
    """Normalise many services: skipped records and hidden statuses are counted, never fatal.

    Duplicate ids are resolved by the caller's store (the last one wins); this only counts them.
    """
    report = report if report is not None else NormaliseReport()
    seen: set[str] = set()
    for raw in raws:
        report.read += 1
        try:
            record = normalise_service(raw)
        except SkipRecord as exc:
            report.skipped.append(f"record {report.read:,}: {exc}")
            continue
        if record.status in HIDDEN_STATUSES:
            report.hidden += 1
            report.hidden_ids.append(record.id)
            continue
        if record.id in seen:
            report.duplicates += 1
            report.duplicate_ids.append(record.id)
        seen.add(record.id)
        report.kept += 1
        yield record


def page_items(document: Any) -> list[Any]:
    """The service objects in one JSON document: a bare list or an ORUK 1.0/3.0 page envelope."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in ("contents", "content", "items", "data", "services"):
            if isinstance(document.get(key), list):
                return document[key]
        if "id" in document and "name" in document:
            return [document]
    raise ValueError("not an Open Referral UK services list or page")
