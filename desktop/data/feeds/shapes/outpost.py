"""Outpost / Scout directories (Buckinghamshire and other councils on the open-source platform).

Field names follow Outpost's public API serialisers, not ORUK: ``min_age``/``max_age`` and
age bands (``age_band_under_2`` … ``age_band_8_plus``, ``age_band_all``), ``free``,
``needs_referral``, ``updated_at``; ``contacts[]`` with a plain ``phone``; ``locations[]``
with the address on the location and a GeoJSON ``geometry`` ([longitude, latitude]),
``mask_exact_address`` (only the town and postcode district may be shown) and
``accessibilities[]``; ``taxonomies[]`` (name, slug); ``send_needs[]``; ``suitabilities[]``;
``cost_options[]`` (``amount`` as text, ``cost_type`` such as 'per hour');
``regular_schedules[]`` (``weekday`` as a word); ``links[]``; and ``local_offer`` — the
provider's own SEND statement (``description``, ``link``, ``survey_answers[]``).
"""

from __future__ import annotations

from typing import Any

from desktop.data.feeds.record import ServiceRecord
from desktop.data.feeds.shapes import Shape
from desktop.data.feeds.shapes.openreferral import base, extra_links
from desktop.data.feeds.shapes.parts import (
    Context,
    Dropped,
    age,
    age_range,
    iso_date,
    items,
    names,
    plain,
    truthy,
)
from desktop.data.feeds.shapes.terms import Terms

KNOWN = frozenset(
    {
        "id", "name", "description", "url", "email", "status", "min_age", "max_age",
        "age_band_under_2", "age_band_2", "age_band_3_4", "age_band_5_7", "age_band_8_plus",
        "age_band_all", "free", "needs_referral", "updated_at", "created_at", "visible_from",
        "visible_to", "organisation", "organization", "contacts", "locations",
        "service_at_locations", "regular_schedules", "cost_options", "links", "send_needs",
        "suitabilities", "taxonomies", "local_offer", "meta", "target_directories",
        "directories", "score", "distance_away", "temporarily_closed", "fees",
    }
)  # fmt: skip
# Age bands → (youngest, oldest); None means open-ended.
BANDS = {
    "age_band_under_2": (0, 1),
    "age_band_2": (2, 2),
    "age_band_3_4": (3, 4),
    "age_band_5_7": (5, 7),
    "age_band_8_plus": (8, None),
}


def ages(raw: dict[str, Any], dropped: Dropped) -> tuple[int | None, int | None]:
    """``min_age``/``max_age`` (-1 unknown), else the span of the ticked age bands."""
    lo, hi = age(raw.get("min_age"), dropped), age(raw.get("max_age"), dropped)
    if lo is not None or hi is not None:
        return age_range(lo, hi, dropped)
    if truthy(raw.get("age_band_all")) is True:
        return 0, None  # every age ("0+"), unlike no ages given at all ("Ages not given")
    ticked = [span for band, span in BANDS.items() if truthy(raw.get(band)) is True]
    if not ticked:
        return None, None
    youngest = min(span[0] for span in ticked)
    ends = [span[1] for span in ticked]
    oldest = None if None in ends else max(end for end in ends if end is not None)
    return youngest, oldest


def read(raw: dict[str, Any], ctx: Context) -> ServiceRecord:
    dropped: list[tuple[str, str]] = []
    notes: list[tuple[str, str]] = []
    fields = base(raw, ctx, dropped)
    if truthy(raw.get("temporarily_closed")) is True and not fields["alerts"]:
        fields["alerts"] = ["This service is temporarily closed."]
    terms = Terms(ctx)
    for taxonomy in items(raw.get("taxonomies")):
        terms.term(taxonomy, vocabulary="Outpost taxonomy")
    for need in items(raw.get("send_needs")):
        terms.term(need, need=True)
    audiences: list[str] = []
    for suitability in items(raw.get("suitabilities")):
        name = plain(suitability.get("name"))
        if name and ctx.crosswalk.need_areas(name):
            terms.need(name, plain(suitability.get("slug")))
        elif name and name not in audiences:
            audiences.append(name)
    terms.fallback_from_name(fields["name"], notes)
    lo, hi = ages(raw, dropped)
    fields["links"] += [x for x in extra_links(raw.get("links"), dropped) if x not in fields["links"]]
    return ServiceRecord(
        **fields,
        min_age=lo,
        max_age=hi,
        last_modified=iso_date(raw.get("updated_at"), dropped, "last updated"),
        audiences=audiences + names(raw.get("target_audience"), "name"),
        referral_needed=truthy(raw.get("needs_referral")),
        terms=terms.result(notes),
        dropped=dropped,
        notes=notes,
    )


SHAPE = Shape("outpost", "Outpost / Scout directory (Open Referral 1.0-style API)", read, KNOWN)
