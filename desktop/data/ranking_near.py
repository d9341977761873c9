"""Nearest first for a search with words: the matches with a position by distance, equal
distances by score, then the rest by score (as ``nearby_queries.search_nearest`` orders them
in SQL when there are no words).

Distances are ``nearby_queries``' flat-earth squared distance, computed in Python from the
positions the ranking index keeps (``rank_arrays``) in the same operations and order as the
SQL, so both give the same floats.
"""

from __future__ import annotations

import math
from itertools import groupby

from desktop.data import ranking
from desktop.data.docsets import DocSet
from desktop.data.nearby import Origin
from desktop.data.ranking_index import Index
from desktop.data.records import ServiceQuery
from desktop.data.search_terms import Query


def nearest_rids(
    index: Index, parsed: Query, query: ServiceQuery, origin: Origin, limit: int, offset: int
) -> list[int]:
    found = ranking.matches_of(index, parsed, query)
    if found is None or not found.count():
        return []
    k = offset + limit
    placed = index.filter_set("placed") or DocSet(index.nbytes, rids=())
    lats, lons = index.positions()
    lat, lon = origin.latitude, origin.longitude
    scale = math.cos(math.radians(origin.latitude)) ** 2
    near = sorted(
        ((lats[r] - lat) * (lats[r] - lat) + (lons[r] - lon) * (lons[r] - lon) * scale, r)
        for r in (found & placed).members()
    )
    out: list[int] = []
    score = None
    for _distance, group in groupby(near, key=lambda pair: pair[0]):
        rids = [r for _d, r in group]
        if len(rids) > 1:  # equal distances: the usual order
            if score is None:
                score = ranking.scorer_for(index, parsed).score
            rids.sort(key=lambda r: (-score(r), r))
        out += rids
        if len(out) >= k:
            return out[offset:k]
    unplaced = index.filter_set("unplaced")
    if unplaced is not None:
        rest = found & unplaced
        if rest.count():
            out += ranking.top_in(index, parsed, rest, k - len(out))
    return out[offset:k]
