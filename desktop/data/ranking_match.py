"""Which services a search and its filters match, as sets (``docsets``): counts, filter counts
(facets) and the ranked search's membership test, without scanning the services table.

The text's sets come from the ranking index (a term's services are exactly those FTS5 finds
for it); a phrase's from its list, or from FTS5 when the data has no list for it; each
filter's from ``rank_filters`` (the area filter runs ``offer_sql``'s own SQL on the stored
area texts and on ``locations``). ``tests/test_ranking_match.py`` checks counts and facets
against the SQL of ``offer_sql`` on a corpus.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from desktop.data import offer_sql
from desktop.data.docsets import DocSet, Maybe, both, union
from desktop.data.ranking_extras import AGES
from desktop.data.ranking_index import Index
from desktop.data.ranking_plan import Alt, Plan, Token, Unit
from desktop.data.records import CATEGORY_NAMES, ServiceQuery


def _empty(index: Index) -> DocSet:
    return DocSet(index.nbytes, rids=())


def _ids(conn: sqlite3.Connection, sql: str, params: list[Any]) -> list[int]:
    (found,) = conn.execute(f"SELECT group_concat(rid) FROM ({sql})", params).fetchone()
    return list(map(int, found.split(","))) if found else []


# -- filters ---------------------------------------------------------------------------------
def _stored(index: Index, key: str) -> DocSet:
    found = index.filter_set(key)
    return _empty(index) if found is None else found


def area_set(index: Index, area: str) -> DocSet:
    key = ("area", area)
    found = index.recall(key)
    if found is None:
        params = offer_sql.area_params(area)
        texts = index.filter_rows(
            "key >= 'area:' AND key < 'area;' AND " + offer_sql.AREA_TEXT.format("substr(key, 6)"),
            params[:1],
        )
        places = _ids(index.conn, f"SELECT service_rid AS rid FROM ({offer_sql.AREA_PLACES})", params[1:])
        found = union([s for _k, s in texts] + [DocSet.of(index.nbytes, places)], index.nbytes)
        index.remember(key, found, index.nbytes)
    return found


def age_set(index: Index, age: int) -> DocSet:
    if age in AGES:
        return _stored(index, f"age:{age}")
    key = ("age", age)
    found = index.recall(key)
    if found is None:
        where, params = offer_sql.filter_where(ServiceQuery(age=age))
        rids = _ids(index.conn, f"SELECT s.rid FROM services s WHERE {' AND '.join(where)}", params)
        found = index.remember(key, DocSet.of(index.nbytes, rids), index.nbytes)
    return found


def filter_set(index: Index, query: ServiceQuery) -> Maybe:
    """The services the query's filters allow (None: no filter)."""
    out: Maybe = None
    if query.category:
        out = both(out, _stored(index, f"term:category:{query.category}"))
    if query.need:
        out = both(out, _stored(index, f"term:{query.need}"))
    if query.age is not None:
        out = both(out, age_set(index, query.age))
    if query.free_only:
        out = both(out, _stored(index, "free"))
    if query.area:
        out = both(out, area_set(index, query.area))
    return out


# -- the words ---------------------------------------------------------------------------------
def token_set(index: Index, token: Token) -> DocSet:
    if token.lo == token.hi:
        return index.docset(token.lo)
    if token.wide and len(token.text) <= 3:
        extra = index.extra(token.text + "*")
        if extra is not None:
            return index.docset(extra)
    key = ("prefix", token.lo, token.hi)
    found = index.recall(key)
    if found is None:
        found = union((index.docset(i) for i in range(token.lo, token.hi + 1)), index.nbytes)
        index.remember(key, found, index.nbytes)
    return found


def phrase_set(index: Index, unit: Unit) -> DocSet:
    extra = index.extra(unit.key)
    if extra is not None:
        return index.docset(extra)
    key = ("phrase", unit.fts)
    found = index.recall(key)
    if found is None:
        rids = _ids(
            index.conn,
            "SELECT rowid AS rid FROM services_fts WHERE services_fts MATCH ?",
            [unit.fts],
        )
        found = DocSet.of(index.nbytes, rids)
        index.remember(key, found, 64 + min(found.count() * 40, index.nbytes))
    return found


def unit_set(index: Index, unit: Unit) -> DocSet:
    if len(unit.tokens) == 1:
        return token_set(index, unit.tokens[0])
    return phrase_set(index, unit)


def alt_set(index: Index, alt: Alt) -> DocSet:
    sets = sorted((unit_set(index, u) for u in alt.units), key=DocSet.count)
    out = sets[0]
    for s in sets[1:]:
        out = out & s
    return out


def text_set(index: Index, plan: Plan) -> DocSet:
    """The services the words match (every piece), before filters."""
    if plan.empty:
        return _empty(index)
    pieces = [union((alt_set(index, a) for a in alts), index.nbytes) for alts in plan.pieces]
    pieces.sort(key=DocSet.count)
    out = pieces[0]
    for s in pieces[1:]:
        out = out & s
    return out


def matches(index: Index, plan: Plan | None, query: ServiceQuery) -> Maybe:
    """The services the words (None: no words) and the filters match (None: every one)."""
    words = None if plan is None else text_set(index, plan)
    return both(words, filter_set(index, query))


def count(index: Index, plan: Plan | None, query: ServiceQuery) -> int:
    found = matches(index, plan, query)
    return index.docs if found is None else found.count()


def _counted(base: Maybe, sets: list[tuple[str, DocSet]]) -> dict[str, int]:
    out = {}
    for key, s in sets:
        n = s.count() if base is None else base.count_and(s)
        if n:
            out[key] = n
    return out


def facets(index: Index, plan: Plan | None, query: ServiceQuery) -> dict[str, dict[str, int]]:
    """As ``offer_sql.facets``: each facet counted with every other filter but its own."""
    words = None if plan is None else text_set(index, plan)
    result: dict[str, dict[str, int]] = {}
    codes = sorted(f"category:{c}" for c in CATEGORY_NAMES)
    cats = [(key, s) for key in codes if (s := index.filter_set(f"term:{key}")) is not None]
    found = _counted(both(words, filter_set(index, query.without("category"))), cats)
    result["category"] = {key.split(":", 1)[1]: n for key, n in found.items()}
    needs = [
        (key[5:], s)
        for key, s in index.filter_rows("key >= 'term:need-area:' AND key < 'term:need;'", [])
        if key[5:].startswith(("need:", "need-area:"))
    ]
    result["need"] = _counted(both(words, filter_set(index, query.without("need"))), needs)
    names = index.filter_rows("key >= 'name:' AND key < 'name;'", [])
    base = both(words, filter_set(index, query.without("area")))
    areas: dict[str, int] = {}
    for key, n in _counted(base, names).items():
        name = key.split(":", 2)[2]
        areas[name] = areas.get(name, 0) + n
    result["area"] = dict(sorted(areas.items()))
    free = both(words, filter_set(index, query.but(free_only=True)))
    result["free"] = {"free": index.docs if free is None else free.count()}
    return result
