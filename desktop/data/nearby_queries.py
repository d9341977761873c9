"""Store queries near a postcode: the search a postcode means, where it is, nearest first.

Called through ``Store.plan_search``, ``Store.locate`` and ``Store.search_nearest``; the
reasoning (which area, how far) is in ``nearby`` and stays pure.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from desktop.data import nearby
from desktop.data.nearby import AreaChoice, Origin, SearchPlan
from desktop.data.records import ServiceSummary

if TYPE_CHECKING:
    from desktop.data.store import Store

_IN_UK = (
    f"s.latitude BETWEEN {nearby.UK_LATITUDE[0]} AND {nearby.UK_LATITUDE[1]} "
    f"AND s.longitude BETWEEN {nearby.UK_LONGITUDE[0]} AND {nearby.UK_LONGITUDE[1]}"
)
_POSITION_WHERE = {
    "postcode": "s.postcode = ?",
    "sector": "s.postcode LIKE ? ESCAPE '\\'",
    "district": "(s.postcode = ? OR s.postcode LIKE ? ESCAPE '\\')",
}


def plan_search(store: Store, text: str, filters: dict[str, Any]) -> SearchPlan:
    """What the search box and filters mean.

    A whole postcode typed among the words is the area when no area is chosen (the words
    are searched without it); a postcode area that finds nothing widens to its sector,
    then its district, and the plan says which was used.
    """
    filters = dict(filters)
    if not filters.get("area"):
        rest, code = nearby.split_postcode(text)
        if code:
            text, filters["area"] = rest, code
    levels = nearby.wider_areas(filters.get("area") or "")
    if len(levels) < 2:
        return SearchPlan(text, filters)
    asked = levels[0][0]
    for code, level in levels:
        count = store.count_services(text, **{**filters, "area": code})
        if count:
            return SearchPlan(
                text, {**filters, "area": code}, AreaChoice(asked, code, level, count)
            )
    return SearchPlan(text, {**filters, "area": asked}, AreaChoice(asked, asked, levels[0][1]))


def locate(store: Store, postcode: str) -> Origin | None:
    """Where ``postcode`` is, estimated from the services the data places at it, else in its
    sector, else in its district; None when none of them has a position (or it is no postcode)."""
    positions: dict[str, list[tuple[float, float]]] = {}
    for code, level in nearby.wider_areas(postcode):
        if level == "postcode":
            params: list[Any] = [code]
        elif level == "sector":
            params = [f"{code}__"]
        else:
            params = [code, f"{code} %"]
        rows = store.conn.execute(
            f"SELECT s.latitude, s.longitude FROM services s WHERE {_POSITION_WHERE[level]} "
            f"AND {_IN_UK}",
            params,
        ).fetchall()
        positions[code] = [(float(a), float(b)) for a, b in rows]
        if rows:
            break
    return nearby.estimate_origin(postcode, positions)


def search_nearest(
    store: Store,
    text: str,
    origin: Origin,
    filters: dict[str, Any],
    limit: int,
    offset: int,
    *,
    columns: str,
    rank: str,
) -> list[tuple[ServiceSummary, float | None]]:
    """Matching services, nearest to ``origin`` first (services with no usable position
    last, in their usual order), each with its distance in miles (None: not known).

    Ordered in SQL by the flat-earth squared distance (longitude scaled by the cosine of
    the latitude): the same order as the great-circle distance over a council's area, and
    plain arithmetic, so it needs no maths functions in SQLite. The page's distances are
    then computed properly (haversine) in Python. ``columns`` are the summary's columns
    and ``rank`` the bm25 expression, as ``Store.search_services`` uses them.
    """
    body, params, ranked = store._query(text, filters)
    scale = math.cos(math.radians(origin.latitude)) ** 2
    lat, lon = origin.latitude, origin.longitude
    distance = (
        f"CASE WHEN {_IN_UK} THEN (s.latitude - ?) * (s.latitude - ?) "
        "+ (s.longitude - ?) * (s.longitude - ?) * ? ELSE 0 END"
    )
    usual = rank if ranked else "s.name COLLATE NOCASE"
    sql = (
        f"SELECT {columns}, s.latitude, s.longitude {body} "
        f"ORDER BY CASE WHEN {_IN_UK} THEN 0 ELSE 1 END, {distance}, {usual}, s.rid "
        "LIMIT ? OFFSET ?"
    )
    rows = store.conn.execute(sql, [*params, lat, lat, lon, lon, scale, limit, offset])
    out = []
    for r in rows:
        summary = ServiceSummary(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7])
        out.append((summary, origin.miles_to(r[8], r[9])))
    return out
