"""Store: the one read API over the database, returning plain dataclasses."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from desktop.data import nearby_queries, postcodes, schema, service_detail
from desktop.data.dbcheck import (  # noqa: F401 - the errors are part of the Store API
    BUSY_TIMEOUT,
    DatabaseDamaged,
    DatabaseInUse,
    NotADatabase,
    StoreError,
    check_contents,
    check_file,
    decode_text,
    open_error,
)
from desktop.data.nearby import Origin, SearchPlan
from desktop.data.records import (
    CATEGORY_NAMES,
    NEED_AREAS,
    GuidanceSection,
    Provider,
    ServiceDetail,
    ServiceSummary,
)
from desktop.data.search_terms import NO_TERMS, SearchTerms
from desktop.data.suggest import Suggestion, Vocabulary

_SUMMARY_COLUMNS = (
    "s.id, s.name, s.organisation, s.min_age, s.max_age, s.is_free, s.cost_text, s.area"
)


_WEIGHTS = ", ".join(str(w) for w in schema.FTS_WEIGHTS)


# How many best-ranked matches a filtered search looks at before falling back to them all.
TOP_SLICE = 2000


def fts_query(text: str, terms: SearchTerms = NO_TERMS) -> str:
    """User text → a safe FTS5 query: every word quoted, the last one a prefix, "quoted
    text" a phrase, words on the synonym list OR-groups (``search_terms``). '' if no words."""
    return terms.fts_query(text)


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only
        # The synonym list searches are expanded with (none until the caller gives one).
        self.terms: SearchTerms = NO_TERMS
        self._vocabulary: Vocabulary | None = None  # for suggestions, read on first use

    def use_terms(self, terms: SearchTerms) -> Store:
        """Expand every search, count and facet with ``terms`` (the app's synonym list)."""
        self.terms = terms
        return self

    def _match(self, text: str) -> str:
        return fts_query(text, self.terms)

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | Path,
        read_only: bool = False,
        *,
        immutable: bool = False,
        busy_timeout: float | None = None,
    ) -> Store:
        """Open ``path``, checking first that it is this app's database, in a schema it reads.

        Raises ``NotADatabase`` (not this app's file: leave it alone), ``DatabaseDamaged``,
        ``DatabaseInUse`` (locked by another program for ``busy_timeout`` seconds),
        ``schema.SchemaError`` (a newer or older format) or ``StoreError``.
        """
        path = Path(path)
        check_file(path)
        timeout = BUSY_TIMEOUT if busy_timeout is None else busy_timeout
        conn: sqlite3.Connection | None = None
        try:
            if read_only:
                uri = path.resolve().as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")
                conn = sqlite3.connect(uri, uri=True, timeout=timeout)
            else:
                conn = sqlite3.connect(path, timeout=timeout)
            conn.text_factory = decode_text  # text that is not UTF-8 never fails a query
            conn.execute(f"PRAGMA query_only = {int(read_only)}")
            check_contents(conn, path)
        except (schema.SchemaError, StoreError):
            if conn is not None:
                conn.close()
            raise
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            raise open_error(exc, path) from exc
        return cls(conn, path, read_only)

    def close(self) -> None:
        if self._vocabulary is not None:
            self._vocabulary.close()
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- small tables --------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    @property
    def is_demo(self) -> bool:
        return self.meta().get("is_demo") == "1"

    def guidance_sections(self) -> list[GuidanceSection]:
        rows = self.conn.execute(
            "SELECT id, title, ord, summary, body, sources, checked_on FROM guidance_sections "
            "ORDER BY ord, id"
        )
        return [
            GuidanceSection(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5])), r[6])
            for r in rows
        ]

    def providers(self) -> list[Provider]:
        rows = self.conn.execute(
            "SELECT id, name, kind, description, phones, email, website, hours, area, source, "
            "checked_on, origin FROM providers ORDER BY name COLLATE NOCASE, id"
        )
        return [Provider(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), *r[5:]) for r in rows]

    # -- Local Offer -----------------------------------------------------------------------------
    def _filters(
        self,
        category: str | None,
        age: int | None,
        free_only: bool,
        area: str | None,
        need: str | None,
    ) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        # A category is one of the 7 codes; a need is a feed need's term id ('need:…') or a
        # broad area ('need-area:CODE'). Both are terms of the service.
        for term_id in (f"category:{category}" if category else None, need or None):
            if term_id:
                where.append(
                    "EXISTS (SELECT 1 FROM service_terms st WHERE st.service_rid = s.rid "
                    "AND st.term_id = ?)"
                )
                params.append(term_id)
        if age is not None:
            where.append(
                "(s.min_age IS NULL OR s.min_age <= ?) AND (s.max_age IS NULL OR s.max_age >= ?)"
            )
            params += [age, age]
        if free_only:
            where.append("s.is_free = 1")
        if area:
            # An area name, a postcode district ("BV3"), sector ("BV3 1") or a whole
            # postcode ("BV3 6TE") of any
            # of the service's locations; typed text may hold LIKE's own wildcards, so they are
            # escaped (and postcodes are compared exactly).
            like = area.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            code = " ".join(area.upper().split())
            # A sector ('BV3 1') matches its whole postcodes ('BV3 1AA'); NULL matches nothing.
            is_sector = (
                bool(code)
                and not postcodes.is_full_postcode(code)
                and postcodes.sector(code) == code
            )
            where.append(
                "(',' || replace(s.area, ', ', ',') || ',' LIKE ? ESCAPE '\\' "
                "OR s.rid IN (SELECT l.service_rid FROM locations l "
                "WHERE l.district = ? AND (? = l.district OR l.postcode = ? "
                "OR l.postcode LIKE ?)))"
            )
            params += [f"%,{like},%", code.split(" ", 1)[0], code, code]
            params.append(f"{code}__" if is_sector else None)
        return where, params

    def _query(self, text: str, filters: dict[str, Any]) -> tuple[str, list[Any], bool]:
        where, params = self._filters(
            filters.get("category"),
            filters.get("age"),
            bool(filters.get("free_only")),
            filters.get("area"),
            filters.get("need"),
        )
        match = self._match(text)
        if match:
            source = "services_fts JOIN services s ON s.rid = services_fts.rowid"
            where.insert(0, "services_fts MATCH ?")
            params.insert(0, match)
        else:
            source = "services s"
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        return f"FROM {source}{clause}", params, bool(match)

    @staticmethod
    def _has_filters(filters: dict[str, Any]) -> bool:
        return any(
            filters.get(k) not in (None, "", False) for k in ("category", "age", "area", "need")
        ) or bool(filters.get("free_only"))

    def search_services(
        self,
        text: str,
        *,
        category: str | None = None,
        age: int | None = None,
        free_only: bool = False,
        area: str | None = None,
        need: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[ServiceSummary]:
        """Services matching ``text`` (bm25-ranked; empty text lists all by name) and filters.

        The order is total (ties broken by row id) so pages fetched with ``offset`` never
        repeat or skip a service.
        """
        filters = dict(category=category, age=age, free_only=free_only, area=area, need=need)
        match = self._match(text)
        rank = f"bm25(services_fts, {_WEIGHTS})"
        if match and not self._has_filters(filters):
            # Rank and cut in the FTS table alone, then fetch only the page's rows: the join
            # costs ``limit`` lookups instead of one per match.
            sql = (
                f"SELECT {_SUMMARY_COLUMNS} FROM (SELECT rowid AS rid, {rank} AS score "
                "FROM services_fts WHERE services_fts MATCH ? ORDER BY score, rowid "
                "LIMIT ? OFFSET ?) f JOIN services s ON s.rid = f.rid ORDER BY f.score, f.rid"
            )
            params: list[Any] = [match, limit, offset]
        else:
            rows = self._filtered_top_slice(match, filters, rank, limit, offset) if match else None
            if rows is not None:
                return [
                    ServiceSummary(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7])
                    for r in rows
                ]
            body, params, ranked = self._query(text, filters)
            order = f"{rank}, s.rid" if ranked else "s.name COLLATE NOCASE, s.rid"
            sql = f"SELECT {_SUMMARY_COLUMNS} {body} ORDER BY {order} LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        rows = self.conn.execute(sql, params).fetchall()
        return [ServiceSummary(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7]) for r in rows]

    def _filtered_top_slice(
        self, match: str, filters: dict[str, Any], rank: str, limit: int, offset: int
    ) -> list[Any] | None:
        """A filtered search answered from the best-ranked matches alone, or None.

        Rank in the FTS table alone, keep the top slice, and join and filter only those rows.
        When that yields a full page the answer is exact: the order is total, so any
        matching row outside the slice ranks below every row in it; so it is when the slice
        held every match. Otherwise (a narrow filter on a common word) the caller runs the
        full query.
        """
        where, params = self._filters(
            filters.get("category"),
            filters.get("age"),
            bool(filters.get("free_only")),
            filters.get("area"),
            filters.get("need"),
        )
        slice_size = max(TOP_SLICE, 8 * (offset + limit))
        sql = (
            f"SELECT {_SUMMARY_COLUMNS} FROM (SELECT rowid AS rid, {rank} AS score "
            "FROM services_fts WHERE services_fts MATCH ? ORDER BY score, rowid LIMIT ?) f "
            f"JOIN services s ON s.rid = f.rid WHERE {' AND '.join(where)} "
            "ORDER BY f.score, f.rid LIMIT ? OFFSET ?"
        )
        rows = self.conn.execute(sql, [match, slice_size, *params, limit, offset]).fetchall()
        if len(rows) == limit:
            return rows
        # A short page is still the answer when the slice held every match (counting
        # matches needs no ranking, so it is cheap).
        matches = self.conn.execute(
            "SELECT count(*) FROM services_fts WHERE services_fts MATCH ?", [match]
        ).fetchone()[0]
        return rows if matches <= slice_size else None

    def count_services(self, text: str = "", **filters: Any) -> int:
        match = self._match(text)
        if not self._has_filters(filters):
            if match:  # no join needed to count matches
                sql, params = (
                    "SELECT count(*) FROM services_fts WHERE services_fts MATCH ?",
                    [match],
                )
            else:
                sql, params = "SELECT count(*) FROM services", []
        else:
            body, params, _ = self._query(text, filters)
            sql = f"SELECT count(*) {body}"
        return int(self.conn.execute(sql, params).fetchone()[0])

    def facets(self, text: str, **filters: Any) -> dict[str, dict[str, int]]:
        """Counts per category, need and area, and of free services, for the current search.

        Each facet is counted with every other filter applied but not its own, so a user
        sees what choosing another value would give. Category keys are codes
        (``education``); need keys are term ids (``need:…``); ``free`` has one key, ``free``.
        """
        result: dict[str, dict[str, int]] = {}
        # Each facet is one range of term ids, read in index order: 'category:' … 'category;'
        # and, for needs, 'need-area:' … 'need;' (broad areas and the feed's needs together).
        for facet, lo, hi in (
            ("category", "category:", "category;"),
            ("need", "need-area:", "need;"),
        ):
            others = {k: v for k, v in filters.items() if k != facet}
            if self._match(text) or self._has_filters(others):
                body, params, _ = self._query(text, others)
                subset = f"AND st.service_rid IN (SELECT s.rid {body})"
            else:
                subset, params = "", []
            rows = self.conn.execute(
                "SELECT st.term_id, count(*) FROM service_terms st "
                f"WHERE st.term_id >= ? AND st.term_id < ? {subset} GROUP BY st.term_id",
                [lo, hi, *params],
            ).fetchall()
            if facet == "category":
                codes = {f"category:{c}": c for c in CATEGORY_NAMES}
                result[facet] = {codes[k]: n for k, n in rows if k in codes}
            else:  # the range also spans any other 'need…' vocabulary: keep only these two
                result[facet] = {k: n for k, n in rows if k.startswith(("need:", "need-area:"))}
        others = {k: v for k, v in filters.items() if k != "area"}
        body, params, _ = self._query(text, others)
        area_counts: dict[str, int] = {}
        # Group in SQL first: there are few distinct area strings, however many services.
        for areas, n in self.conn.execute(
            f"SELECT s.area, count(*) {body} GROUP BY s.area", params
        ):
            for name in filter(None, (a.strip() for a in (areas or "").split(","))):
                area_counts[name] = area_counts.get(name, 0) + n
        result["area"] = dict(sorted(area_counts.items()))
        others = {k: v for k, v in filters.items() if k != "free_only"}
        result["free"] = {"free": self.count_services(text, **{**others, "free_only": True})}
        return result

    # -- near a postcode (desktop/data/nearby_queries.py) ------------------------------------
    def plan_search(self, text: str, **filters: Any) -> SearchPlan:
        """The search the box and filters mean: a whole postcode among the words becomes the
        area, and a postcode that finds nothing widens to its sector, then its district."""
        return nearby_queries.plan_search(self, text, filters)

    def locate(self, postcode: str) -> Origin | None:
        """Where a postcode is, estimated from the data's own services near it (or None)."""
        return nearby_queries.locate(self, postcode)

    def search_nearest(
        self, text: str, origin: Origin, *, limit: int = 50, offset: int = 0, **filters: Any
    ) -> list[tuple[ServiceSummary, float | None]]:
        """Like ``search_services``, nearest to ``origin`` first, each with its miles."""
        rank = f"bm25(services_fts, {_WEIGHTS})"
        return nearby_queries.search_nearest(
            self, text, origin, filters, limit, offset, columns=_SUMMARY_COLUMNS, rank=rank
        )

    def suggest(self, text: str, **filters: Any) -> Suggestion | None:
        """A "Did you mean…?" from the index's own words, never one that finds nothing with
        ``filters``. The first call reads the whole index (0.6 s at 100,000 services): ask
        from a worker thread, and only when a search finds little."""
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(self.conn, "services_fts")
        words = (w for g in self.terms.groups for w in g.words)
        found = self._vocabulary.suggest(self.terms.parse(text), extra=words)
        if found is None:
            return None
        plan = self.plan_search(found.text, **filters)
        return found if self.count_services(plan.text, **plan.filters) else None

    def area_names(self) -> list[str]:
        """Every area a service names, sorted: the area filter's choices (no counting)."""
        names: set[str] = set()
        for (areas,) in self.conn.execute("SELECT DISTINCT area FROM services"):
            names.update(filter(None, (a.strip() for a in (areas or "").split(","))))
        return sorted(names)

    def need_names(self) -> dict[str, str]:
        rows = self.conn.execute(
            "SELECT id, name FROM taxonomy_terms WHERE vocabulary = 'need' ORDER BY name"
        )
        return dict(rows.fetchall())

    def need_area_names(self) -> dict[str, str]:
        """The Code of Practice's four broad areas of need: term id → label, in its order."""
        return {f"need-area:{code}": label for code, label in NEED_AREAS.items()}

    def service(self, service_id: str) -> ServiceDetail | None:
        """One service with every part the feed gave (contacts, phones, locations, costs…)."""
        return service_detail.load(self.conn, service_id)
