"""Store queries near a postcode: the search a postcode means, where it is, nearest first.

Called through ``Store.plan_search``, ``Store.locate`` and ``Store.search_nearest``; the
reasoning (which area, how far) is in ``nearby`` and stays pure.
"""

from __future__ import annotations

import json
import math
import sqlite3
from typing import TYPE_CHECKING, Any

from desktop.data import nearby, offer_sql
from desktop.data.nearby import AreaChoice, Origin, SearchPlan
from desktop.data.records import ServiceQuery, ServiceSummary
from desktop.data.search_terms import Query

if TYPE_CHECKING:  # the ranking index loads with the first ranked search, not with a plan
    # (the Local Offer's first list, by name, plans its search at start: issue 16)
    from desktop.data.ranking_index import Index
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


def plan_search(store: Store, query: ServiceQuery) -> SearchPlan:
    """What the search box and filters mean.

    A whole postcode typed among the words is the area when no area is chosen (the words
    are searched without it); a postcode area that finds nothing widens to its sector,
    then its district, and the plan says which was used.
    """
    text, filters, near = query.text, query.filters(), query.near
    if not filters.get("area"):
        rest, code = nearby.split_postcode(text)
        if code:
            text, filters["area"] = rest, code
    levels = nearby.wider_areas(str(filters.get("area") or ""))
    if len(levels) < 2:
        return SearchPlan(text, filters, near=near)
    asked = levels[0][0]
    for code, level in levels:
        count = store.count_services(query.but(text=text, area=code, near=None))
        if count:
            return SearchPlan(
                text, {**filters, "area": code}, AreaChoice(asked, code, level, count), near
            )
    choice = AreaChoice(asked, asked, levels[0][1])
    return SearchPlan(text, {**filters, "area": asked}, choice, near)


def locate(conn: sqlite3.Connection, postcode: str) -> Origin | None:
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
        rows = conn.execute(
            f"SELECT s.latitude, s.longitude FROM services s WHERE {_POSITION_WHERE[level]} "
            f"AND {_IN_UK}",
            params,
        ).fetchall()
        positions[code] = [(float(a), float(b)) for a, b in rows]
        if rows:
            break
    return nearby.estimate_origin(postcode, positions)


def search_nearest(
    index: Index,
    query: ServiceQuery,
    parsed: Query,
    origin: Origin,
    limit: int,
    offset: int,
) -> list[tuple[ServiceSummary, float | None]]:
    """Matching services, nearest to ``origin`` first (services with no usable position
    last, in their usual order), each with its distance in miles (None: not known).

    Ordered by the flat-earth squared distance (longitude scaled by the cosine of the
    latitude): the same order as the great-circle distance over a council's area, and plain
    arithmetic, so it needs no maths functions in SQLite. The page's distances are then
    computed properly (haversine) in Python. Equal distances keep the usual order
    (``ranking``'s score, or the name when there are no words): in SQL without words, from
    the ranking index with them (``ranking_near``).
    """
    conn = index.conn
    if parsed:
        from desktop.data import ranking_near

        rids = ranking_near.nearest_rids(index, parsed, query, origin, limit, offset)
        if not rids:
            return []
        rows = offer_sql.rows(
            conn,
            f"SELECT s.rid, {offer_sql.SUMMARY_COLUMNS}, s.latitude, s.longitude FROM services s "
            "WHERE s.rid IN (SELECT value FROM json_each(?))",
            [json.dumps(rids)],
        )
        by_rid = {r["rid"]: r for r in rows}
        found = [by_rid[r] for r in rids if r in by_rid]
    else:
        body, params = offer_sql.body(query, "")
        scale = math.cos(math.radians(origin.latitude)) ** 2
        lat, lon = origin.latitude, origin.longitude
        distance = (
            f"CASE WHEN {_IN_UK} THEN (s.latitude - ?) * (s.latitude - ?) "
            "+ (s.longitude - ?) * (s.longitude - ?) * ? ELSE 0 END"
        )
        sql = (
            f"SELECT {offer_sql.SUMMARY_COLUMNS}, s.latitude, s.longitude {body} "
            f"ORDER BY CASE WHEN {_IN_UK} THEN 0 ELSE 1 END, {distance}, "
            "s.name COLLATE NOCASE, s.rid LIMIT ? OFFSET ?"
        )
        found = offer_sql.rows(conn, sql, [*params, lat, lat, lon, lon, scale, limit, offset])
    return [(offer_sql.summary(r), origin.miles_to(r["latitude"], r["longitude"])) for r in found]
