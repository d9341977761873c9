"""HSDS / ORUK 3.0 JSON: ``attributes`` → taxonomy terms, ages and ``alert`` on the service.

Also what an HSDS 3.0 CSV package is joined into (``hsds_csv``). 3.0 adds to 1.0:
``assured_date`` (a person checked the record), ``alert``, ``additional_urls`` and
location ``accessibility``; ages live on the service, not in eligibility records.
"""

from __future__ import annotations

from typing import Any

from desktop.data.feeds.record import ServiceRecord
from desktop.data.feeds.shapes import Shape
from desktop.data.feeds.shapes.openreferral import COMMON_KEYS, base, finish
from desktop.data.feeds.shapes.parts import Context
from desktop.data.feeds.shapes.terms import Terms

KNOWN = COMMON_KEYS | {"alert", "assured_date", "assurer_email", "additional_urls", "capacities"}


def read(raw: dict[str, Any], ctx: Context) -> ServiceRecord:
    dropped: list[tuple[str, str]] = []
    fields = base(raw, ctx, dropped)
    return finish(fields, raw, ctx, dropped, [], Terms(ctx))


SHAPE = Shape("oruk3", "HSDS / Open Referral UK 3.0 (JSON)", read, KNOWN)
