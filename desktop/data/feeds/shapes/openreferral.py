"""Pieces of an Open Referral service that every ORUK/HSDS shape shares (1.0 and 3.0 names).

ORUK 1.0 and 3.0 (and the platforms built on them) differ mostly in what child arrays are
called: ``service_taxonomys`` or ``attributes``, ``regular_schedules`` or ``schedules``,
``physical_addresses`` or ``addresses``, ``eligibilitys`` or ages on the service. These
functions read both spellings, because real feeds mix them (Placecube's 3.0 feed carries
1.0-style children); each shape module decides which of them it calls.
"""

from __future__ import annotations

from typing import Any

from desktop.data.feeds.record import (
    Answer,
    ContactRecord,
    Cost,
    Link,
    Location,
    ServiceRecord,
    SkipRecord,
)
from desktop.data.feeds.shapes.parts import (
    Context,
    Dropped,
    age,
    age_range,
    coordinates,
    cost,
    email,
    geojson_point,
    ident,
    iso_date,
    items,
    names,
    phone_numbers,
    phone_objects,
    place,
    plain,
    rich,
    truthy,
    web,
)
from desktop.data.feeds.shapes.terms import Terms
from desktop.data.schedules import schedule_lines

FREE_WORDS = {"free", "no cost", "free of charge", "no charge", "£0", "0"}
MAX_NAME = 300


def identity(raw: Any, dropped: Dropped) -> tuple[str, str]:
    """The id and name every record needs; SkipRecord says which is missing."""
    if not isinstance(raw, dict):
        raise SkipRecord(f"not a service object ({type(raw).__name__})")
    service_id = ident(raw.get("id"))
    name_value = raw.get("name")
    name = plain(name_value, dropped, "name")[:MAX_NAME]
    if not service_id:
        shown = (name[:60] + "…") if len(name) > 60 else name
        raise SkipRecord(f"no id (name: {shown or 'none'})")
    if not name:
        why = "a name that is not text" if name_value not in (None, "") else "no name"
        raise SkipRecord(f"{service_id[:60]}: {why}")
    return service_id, name


def organisation(
    raw: dict[str, Any], dropped: Dropped, ctx: Context
) -> tuple[str, ContactRecord | None, list[Link]]:
    """The organisation's name, its own contact details (as a contact), and its website."""
    org = raw.get("organization", raw.get("organisation"))
    if isinstance(org, str):
        return plain(org), None, []
    if not isinstance(org, dict):
        return "", None, []
    name = plain(org.get("name"), dropped, "organisation")
    links: list[Link] = []
    site = org.get("url") or org.get("website")
    if site:
        url = web(site, dropped)
        if url:
            links.append(Link("Organisation website", url))
    numbers = phone_objects(org.get("phones"), dropped)
    address = email(org.get("email"), dropped, ctx)
    contact = None
    if numbers or address:
        contact = ContactRecord(name=name, title="Organisation", email=address, phones=tuple(numbers))
    return name, contact, links


def contacts(value: Any, dropped: Dropped, ctx: Context) -> list[ContactRecord]:
    """ORUK ``contacts[]`` (phones[] objects) and Outpost's contacts (a plain ``phone``)."""
    found: list[ContactRecord] = []
    for contact in items(value):
        if truthy(contact.get("visible")) is False:
            continue
        numbers = phone_objects(contact.get("phones"), dropped)
        numbers += [p for p in phone_numbers(contact.get("phone"), dropped) if p not in numbers]
        address = email(contact.get("email"), dropped, ctx)
        if not (numbers or address):
            continue  # a name alone gives the adviser nothing to act on
        name = plain(contact.get("name"), dropped, "contact")
        title = plain(contact.get("title")) or plain(contact.get("department"))
        record = ContactRecord(name=name, title=title, email=address, phones=tuple(numbers))
        if record not in found:
            found.append(record)
    return found


def _address(location: dict[str, Any]) -> dict[str, Any]:
    """The physical address of a location: 3.0 ``addresses``, 1.0 ``physical_addresses``, flat."""
    listed = items(location.get("addresses")) or items(location.get("physical_addresses"))
    if not listed:
        return location
    physical = [a for a in listed if plain(a.get("address_type")).lower() != "postal"]
    for address in physical or listed:
        if address.get("address_1") or address.get("postal_code") or address.get("city"):
            return address
    return location


def location(loc: dict[str, Any], dropped: Dropped) -> Location | None:
    """One location (an ORUK location object, or an Outpost one with its address on it)."""
    address = _address(loc)
    masked = truthy(loc.get("mask_exact_address")) is True
    lat, lon = (None, None)
    if not masked:
        if loc.get("latitude") not in (None, "") or loc.get("longitude") not in (None, ""):
            lat, lon = coordinates(loc.get("latitude"), loc.get("longitude"), dropped)
        elif loc.get("geometry") is not None:
            lat, lon = geojson_point(loc.get("geometry"), dropped)
    return place(
        dropped,
        name=loc.get("name"),
        lines=[address.get(k) for k in ("address_1", "address_2", "address_3", "address_4")],
        town=address.get("city"),
        county=address.get("state_province"),
        postcode=address.get("postal_code"),
        lat=lat,
        lon=lon,
        masked=masked,
    )


def location_objects(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """Every location object of a service: via service_at_locations, and a plain locations[]."""
    found: list[dict[str, Any]] = []
    for link in items(raw.get("service_at_locations")):
        loc = link.get("location")
        found.append(loc if isinstance(loc, dict) else link)
    found += items(raw.get("locations"))
    if len(found) < 2:
        return found
    unique: dict[str, dict[str, Any]] = {}
    for loc in found:
        unique.setdefault(ident(loc.get("id")) or str(id(loc)), loc)
    return list(unique.values())


def places(
    raw: dict[str, Any], dropped: Dropped, ctx: Context
) -> tuple[list[Location], list[str], list[str], list[ContactRecord]]:
    """Locations, their accessibility features and languages, and their own phones."""
    found: list[Location] = []
    access: list[str] = []
    langs: list[str] = []
    phone_contacts: list[ContactRecord] = []
    for loc in location_objects(raw):
        where = location(loc, dropped)
        if where is not None and where not in found:
            found.append(where)
        for key, fields in ACCESS_FIELDS:
            if loc.get(key):
                access += names(_with_details(loc[key]), *fields)
        if loc.get("languages"):
            langs += languages(loc["languages"])
        numbers = phone_objects(loc.get("phones"), dropped) if loc.get("phones") else []
        if numbers:
            label = (where.name if where else "") or plain(loc.get("name")) or "Venue"
            phone_contacts.append(ContactRecord(name=label, title="Venue", phones=tuple(numbers)))
        if loc.get("contacts"):
            phone_contacts += contacts(loc["contacts"], dropped, ctx)
    return found, list(dict.fromkeys(access)), list(dict.fromkeys(langs)), phone_contacts


# Accessibility lists on a location: Outpost, ORUK 1.0, HSDS 3.0 — and where each keeps the text.
ACCESS_FIELDS = (
    ("accessibilities", ("name",)),
    ("accessibility_for_disabilities", ("accessibility",)),
    ("accessibility", ("description", "details")),
)


def _with_details(entries: Any) -> Any:
    """HSDS 3.0 accessibility: 'Induction loop (Switch hearing aid to T.)', not the first half."""
    if not isinstance(entries, list):
        return entries
    out = []
    for entry in entries:
        if isinstance(entry, dict) and plain(entry.get("description")) and plain(entry.get("details")):
            entry = {"description": f"{plain(entry['description'])} ({plain(entry['details'])})"}
        out.append(entry)
    return out


def languages(value: Any) -> list[str]:
    return names(value, "name", "language")


def costs(raw: dict[str, Any], dropped: Dropped) -> tuple[list[Cost], str, bool]:
    """Every cost option, the free-text fees, and whether the service is free."""
    found: list[Cost] = []
    for option in items(raw.get("cost_options")):
        one = cost(
            dropped,
            amount=option.get("amount"),
            unit=option.get("cost_type") or option.get("amount_unit") or "",
            option=option.get("option"),
            description=option.get("amount_description"),
            currency=option.get("currency"),
        )
        if one is not None and one not in found:
            found.append(one)
    fees = plain(raw.get("fees_description")) or plain(raw.get("fees"))
    free = truthy(raw.get("free")) is True or fees.lower() in FREE_WORDS
    for c in found:
        if c.amount == 0 or (c.amount is None and c.description.lower() in FREE_WORDS):
            free = True
    return found, fees, free


def schedule(raw: dict[str, Any]) -> str:
    entries = items(raw.get("schedules")) + items(raw.get("regular_schedules"))
    if not entries:
        for link in items(raw.get("service_at_locations")):
            entries += items(link.get("schedules")) + items(link.get("regular_schedules"))
    try:
        return "\n".join(schedule_lines(entries))
    except (TypeError, ValueError, AttributeError):
        return ""


def areas(raw: dict[str, Any]) -> str:
    found = names(raw.get("service_areas"), "name", "service_area")
    return ", ".join(a for a in found if len(a) <= 120)


def eligibility_text(raw: dict[str, Any]) -> list[str]:
    texts = [plain(e.get("eligibility")) for e in items(raw.get("eligibilitys"))]
    texts += [plain(e.get("eligibility")) for e in items(raw.get("eligibility"))]
    if isinstance(raw.get("eligibility_description"), str):
        texts.append(rich(raw["eligibility_description"]))
    return [t for t in dict.fromkeys(texts) if t]


def send_statement(raw: dict[str, Any], dropped: Dropped) -> tuple[str, list[Answer], str]:
    offer = raw.get("local_offer")
    if not isinstance(offer, dict):
        return "", [], ""
    answers: list[Answer] = []
    survey = offer.get("survey_answers")
    for entry in items(survey):
        question, answer = plain(entry.get("question")), rich(entry.get("answer"))
        if question and answer:
            answers.append(Answer(question, answer))
    link = web(offer.get("link"), dropped, "SEND statement link") if offer.get("link") else ""
    return rich(offer.get("description"), dropped, "SEND statement"), answers, link


def extra_links(value: Any, dropped: Dropped) -> list[Link]:
    """Outpost ``links[]`` and HSDS 3.0 ``additional_urls[]``: {label, url}."""
    found: list[Link] = []
    for link in items(value):
        url = web(link.get("url"), dropped, "links")
        if url:
            label = plain(link.get("label")) or plain(link.get("title")) or "Link"
            if Link(label, url) not in found:
                found.append(Link(label, url))
    return found


# Fields every Open Referral reader understands (the coverage report lists any others).
COMMON_KEYS = frozenset(
    {
        "id", "name", "alternate_name", "description", "status", "url", "email",
        "organization", "organisation", "organization_id", "program_id", "contacts", "phones",
        "service_at_locations", "locations", "cost_options", "fees", "fees_description",
        "minimum_age", "maximum_age", "schedules", "regular_schedules", "service_areas",
        "eligibility_description", "languages", "last_modified", "interpretation_services",
        "application_process", "accreditations", "licenses", "wait_time", "funding",
        "fundings", "reviews", "metadata", "holiday_schedules", "required_documents",
        "payments_accepted", "attributes", "service_taxonomys", "eligibilitys",
        "local_offer",  # the SEND Local Offer statement (Outpost's field; some feeds add it)
    }
)  # fmt: skip


def base(raw: Any, ctx: Context, dropped: Dropped) -> dict[str, Any]:
    """The ServiceRecord fields every Open Referral shape fills the same way, as keywords."""
    service_id, name = identity(raw, dropped)
    org, org_contact, org_links = organisation(raw, dropped, ctx)
    locs, access, loc_langs, loc_contacts = places(raw, dropped, ctx)
    found_costs, fees, free = costs(raw, dropped)
    people = contacts(raw.get("contacts"), dropped, ctx)
    for link in items(raw.get("service_at_locations")):
        if link.get("contacts"):
            people += [c for c in contacts(link["contacts"], dropped, ctx) if c not in people]
    people += [c for c in loc_contacts if c not in people]
    if org_contact is not None and org_contact not in people:
        people.append(org_contact)
    statement, answers, statement_link = send_statement(raw, dropped)
    status = (plain(raw.get("status")) or "active").lower()
    alerts = ["This service is temporarily closed."] if status == "temporarily closed" else []
    return dict(
        id=service_id,
        name=name,
        organisation=org,
        description=rich(raw.get("description"), dropped, "description"),
        status=status,
        url=web(raw.get("url"), dropped),
        email=email(raw.get("email"), dropped, ctx),
        is_free=free,
        costs=found_costs,
        fees_text=fees,
        area=areas(raw),
        locations=locs,
        schedule=schedule(raw),
        accessibility=access,
        # 'Interpreters for Urdu and Polish' (HSDS interpretation_services) was read by no one
        languages=list(
            dict.fromkeys(languages(raw.get("languages")) + loc_langs + names(
                raw.get("interpretation_services")
            ))
        ),
        alerts=alerts,
        how_to_access=rich(raw.get("application_process")),
        links=org_links,
        contacts=people,
        phones=phone_objects(raw.get("phones"), dropped),
        send_statement=statement,
        send_answers=answers,
        send_link=statement_link,
    )


def ages(raw: dict[str, Any], dropped: Dropped) -> tuple[int | None, int | None]:
    """Ages on the service (3.0), else from eligibility records (1.0)."""
    lo, hi = age(raw.get("minimum_age"), dropped), age(raw.get("maximum_age"), dropped)
    for record in items(raw.get("eligibilitys")) + items(raw.get("eligibility")):
        if lo is None:
            lo = age(record.get("minimum_age"), dropped)
        if hi is None:
            hi = age(record.get("maximum_age"), dropped)
    return age_range(lo, hi, dropped)


def read_terms(raw: dict[str, Any], terms: Terms) -> None:
    """3.0 ``attributes[].taxonomy_term`` and 1.0 ``service_taxonomys[].taxonomy``."""
    for attribute in items(raw.get("attributes")):
        term = attribute.get("taxonomy_term")
        if isinstance(term, dict):
            terms.term(term)
    for link in items(raw.get("service_taxonomys")) + items(raw.get("link_taxonomy")):
        term = link.get("taxonomy")
        if isinstance(term, dict):
            terms.term(term)


def finish(
    fields: dict[str, Any],
    raw: dict[str, Any],
    ctx: Context,
    dropped: Dropped,
    notes: list[tuple[str, str]],
    terms: Terms,
) -> ServiceRecord:
    """The fields 1.0 and 3.0 read alike once the shape has added its own."""
    lo, hi = ages(raw, dropped)
    alert = plain(raw.get("alert"))
    if alert:
        fields["alerts"] = [alert, *fields["alerts"]]
    fields["links"] = fields["links"] + [
        link for link in extra_links(raw.get("additional_urls"), dropped)
        if link not in fields["links"]
    ]
    read_terms(raw, terms)
    terms.fallback_from_name(fields["name"], notes)
    fields.setdefault("last_modified", iso_date(raw.get("last_modified"), dropped, "last updated"))
    fields.setdefault("assured_date", iso_date(raw.get("assured_date"), dropped, "checked on")[:10])
    return ServiceRecord(
        **fields,
        min_age=lo,
        max_age=hi,
        eligibility="\n".join(eligibility_text(raw)),
        terms=terms.result(notes),
        dropped=dropped,
        notes=notes,
    )
