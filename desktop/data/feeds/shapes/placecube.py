"""Placecube Open Place Directory (Bristol and others): ORUK 3.0 plus ``pc_*`` extensions.

List entries are bare (``/services/{id}`` has the detail). Extensions read here:
``pc_targetAudience`` [{audienceType}] (who the service is for: 'Care leavers'),
``pc_metadata`` {date_modified, date_assured, assured_by}, ``assured_date``,
``attending_access`` and ``pc_attendingAccess_additionalInfo`` (how to get in). Ages of
-1 mean unknown; placeholder e-mails ('Unknown-…@noemail.invalid') are refused by the
e-mail check. The feed also carries 1.0-style children (``service_taxonomys``,
``eligibilitys``), which the shared Open Referral pieces read.
"""

from __future__ import annotations

from typing import Any

from desktop.data.feeds.record import ServiceRecord
from desktop.data.feeds.shapes import Shape
from desktop.data.feeds.shapes.openreferral import COMMON_KEYS, base, finish
from desktop.data.feeds.shapes.parts import Context, iso_date, names, plain, rich
from desktop.data.feeds.shapes.terms import Terms

KNOWN = COMMON_KEYS | {
    "alert", "assured_date", "assurer_email", "additional_urls", "pc_targetAudience",
    "pc_metadata", "attending_access", "attending_type", "deliverable_type",
    "pc_attendingAccess_additionalInfo", "link_taxonomy", "eligibility",
}  # fmt: skip
ATTENDING = {"referral": True, "membership": True, "publicly": False, "public": False}


def read(raw: dict[str, Any], ctx: Context) -> ServiceRecord:
    dropped: list[tuple[str, str]] = []
    fields = base(raw, ctx, dropped)
    fields["audiences"] = names(raw.get("pc_targetAudience"), "audienceType", "name")
    meta = raw.get("pc_metadata")
    if not isinstance(meta, dict):
        meta = {}
    modified = raw.get("last_modified") or meta.get("date_modified")
    fields["last_modified"] = iso_date(modified, dropped, "last updated")
    assured = raw.get("assured_date") or meta.get("date_assured")
    fields["assured_date"] = iso_date(assured, dropped, "checked on")[:10]
    access = plain(raw.get("attending_access"))
    more = rich(raw.get("pc_attendingAccess_additionalInfo"))
    how = [fields["how_to_access"], _access_sentence(access), more]
    fields["how_to_access"] = "\n".join(t for t in dict.fromkeys(how) if t)
    if access.lower() in ATTENDING:
        fields["referral_needed"] = ATTENDING[access.lower()]
    return finish(fields, raw, ctx, dropped, [], Terms(ctx))


def _access_sentence(access: str) -> str:
    return {
        "referral": "By referral.",
        "membership": "Members only.",
        "publicly": "Open to the public.",
        "public": "Open to the public.",
        "appointment": "By appointment.",
    }.get(access.lower(), access)


SHAPE = Shape("placecube", "Placecube Open Place Directory (ORUK 3.0 with pc_ fields)", read, KNOWN)
