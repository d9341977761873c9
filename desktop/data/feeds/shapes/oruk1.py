"""ORUK 1.0 JSON (Porism and others): ``service_taxonomys``, ``eligibilitys``, Spring envelopes.

Also what an HSDS 1.1 CSV package is joined into (``hsds11_csv``). List entries may carry
only ``id``, ``name``, ``status`` and ``organization`` (the API source fetches
``/services/{id}`` for the rest); ages come from ``eligibilitys``; accessibility from a
location's ``accessibility_for_disabilities``; weekdays in ``regular_schedules``.
"""

from __future__ import annotations

from typing import Any

from desktop.data.feeds.record import ServiceRecord
from desktop.data.feeds.shapes import Shape
from desktop.data.feeds.shapes.openreferral import COMMON_KEYS, base, finish
from desktop.data.feeds.shapes.parts import Context
from desktop.data.feeds.shapes.terms import Terms

KNOWN = COMMON_KEYS | {"link_taxonomy", "eligibility", "deliverable_type", "attending_type"}


def read(raw: dict[str, Any], ctx: Context) -> ServiceRecord:
    dropped: list[tuple[str, str]] = []
    fields = base(raw, ctx, dropped)
    return finish(fields, raw, ctx, dropped, [], Terms(ctx))


SHAPE = Shape("oruk1", "Open Referral UK 1.0 (JSON)", read, KNOWN)
