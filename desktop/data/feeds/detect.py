"""Which shape a feed takes, from the data itself (never configured by hand).

JSON feeds: the field names of the records decide (``pc_*`` → Placecube; ``send_needs``,
``local_offer``, ``min_age``, age bands, ``updated_at`` → Outpost; ``service_taxonomys``,
``eligibilitys``, ``regular_schedules`` → ORUK 1.0; ``attributes``, ``schedules``,
``assured_date``, service-level ``minimum_age`` → ORUK 3.0). A bare list entry (only
``id``, ``name``…) takes the shape already seen in the feed, else the page envelope's:
a Spring envelope (``content``, ``totalElements``, lower-case ``totalelements``) is ORUK
1.0 — or Outpost when it carries Outpost's own envelope fields — and an HSDS envelope
(``contents``, ``total_items``) is ORUK 3.0.

CSV packages: the file names decide. HSDS 1.1 exports use ``services_at_location.csv``,
``services_taxonomy.csv``, ``physical_addresses.csv``, ``regular_schedules.csv`` and a
``taxonomy.csv`` of terms; HSDS 3.0 uses ``service_at_location.csv``, ``attributes.csv``,
``addresses.csv``, ``schedules.csv`` and ``taxonomy_terms.csv``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

OUTPOST, PLACECUBE, ORUK1, ORUK3 = "outpost", "placecube", "oruk1", "oruk3"
HSDS3_CSV, HSDS11_CSV = "hsds3-csv", "hsds11-csv"

PLACECUBE_KEYS = frozenset({"pc_targetAudience", "pc_metadata", "pc_attendingAccess_additionalInfo"})
OUTPOST_KEYS = frozenset(
    {
        "send_needs", "local_offer", "min_age", "max_age", "age_band_all", "age_band_under_2",
        "age_band_2", "age_band_3_4", "age_band_5_7", "age_band_8_plus", "needs_referral",
        "updated_at", "suitabilities", "taxonomies", "target_directories",
    }
)  # fmt: skip
ORUK1_KEYS = frozenset(
    {"service_taxonomys", "eligibilitys", "regular_schedules", "holiday_schedules", "link_taxonomy"}
)
ORUK3_KEYS = frozenset(
    {"attributes", "schedules", "assured_date", "additional_urls", "alert", "minimum_age",
     "maximum_age", "last_modified"}
)  # fmt: skip
OUTPOST_ENVELOPE = frozenset({"interpreted_location", "perPage"})
SPRING_ENVELOPE = frozenset({"content", "totalElements", "totalelements", "totalPages", "totalpages"})
HSDS_ENVELOPE = frozenset({"contents", "total_items", "total_pages", "page_number", "first_page"})

HSDS11_FILES = frozenset(
    {"services_at_location.csv", "services_taxonomy.csv", "physical_addresses.csv",
     "regular_schedules.csv", "eligibility.csv", "accessibility_for_disabilities.csv"}
)  # fmt: skip
HSDS3_FILES = frozenset(
    {"service_at_location.csv", "attributes.csv", "addresses.csv", "schedules.csv",
     "taxonomy_terms.csv", "service_at_locations.csv"}
)  # fmt: skip


def shape_of_record(raw: dict[str, Any]) -> str:
    """The shape a record's own field names show, or '' when they show none (a bare entry).

    Placecube's ``pc_*`` fields decide at once. Otherwise the shape whose own field names
    the record uses most wins (Outpost, then 1.0, then 3.0 on a tie): a 3.0 record that
    also carries a ``local_offer`` statement is still 3.0.
    """
    keys = raw.keys()
    if not PLACECUBE_KEYS.isdisjoint(keys):
        return PLACECUBE
    outpost = len(OUTPOST_KEYS.intersection(keys))
    if isinstance(raw.get("locations"), list) and any(
        isinstance(loc, dict) and ("geometry" in loc or "mask_exact_address" in loc)
        for loc in raw["locations"]
    ):
        outpost += 1
    oruk1, oruk3 = len(ORUK1_KEYS.intersection(keys)), len(ORUK3_KEYS.intersection(keys))
    best = max(outpost, oruk1, oruk3)
    if not best:
        return ""
    return OUTPOST if outpost == best else ORUK1 if oruk1 == best else ORUK3


def shape_of_envelope(keys: Iterable[str]) -> str:
    found = set(keys)
    if found & OUTPOST_ENVELOPE:
        return OUTPOST
    if found & SPRING_ENVELOPE:
        return ORUK1
    if found & HSDS_ENVELOPE:
        return ORUK3
    return ""


def shape_of_package(names: Iterable[str]) -> str:
    """HSDS 1.1 or 3.0 from a package's (lower-case) CSV file names."""
    found = set(names)
    v11, v3 = len(found & HSDS11_FILES), len(found & HSDS3_FILES)
    if "taxonomy.csv" in found and "taxonomy_terms.csv" not in found:
        v11 += 1  # in 1.1 taxonomy.csv holds the terms; in 3.0 it holds the vocabularies
    return HSDS11_CSV if v11 > v3 else HSDS3_CSV


class Detector:
    """Decides each record's shape and counts them for the report.

    ``hint`` is what the source knows (a package's shape, the envelope's); a record whose
    fields show no shape takes the feed's first clear shape, else the hint, else 3.0.
    """

    def __init__(self, hint: str = "") -> None:
        self.hint = hint
        self.feed_shape = ""
        self.counts: Counter[str] = Counter()

    def shape_for(self, raw: dict[str, Any], envelope_hint: str = "") -> str:
        if envelope_hint in (HSDS3_CSV, HSDS11_CSV) or self.hint in (HSDS3_CSV, HSDS11_CSV):
            shape = envelope_hint if envelope_hint in (HSDS3_CSV, HSDS11_CSV) else self.hint
        else:
            shape = shape_of_record(raw)
            if shape:
                self.feed_shape = self.feed_shape or shape
            else:
                shape = self.feed_shape or envelope_hint or self.hint or ORUK3
        self.counts[shape] += 1
        return shape
