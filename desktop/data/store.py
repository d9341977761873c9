"""Store: the one read API over the database, returning plain dataclasses.

Sealed: the connection is ``Store._conn`` and nothing outside the data layer's query modules
(``offer_sql``, ``ranking``, ``nearby_queries``, ``service_detail``) sees it. A search runs from
a typed ``records.ServiceQuery``; design §3's keyword methods are thin wrappers over it.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from desktop.data import offer_sql, schema
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
from desktop.data.records import (
    NEED_AREAS,
    GuidanceSection,
    Provider,
    ServiceQuery,
    ServiceSummary,
)
from desktop.data.search_terms import NO_TERMS, Query, SearchTerms

if TYPE_CHECKING:  # the ranking, nearby and suggestion code loads with the first search that
    # needs it: the start lists every service by name and counts them without it (~15 ms)
    from desktop.data import ranking
    from desktop.data.detail_records import ServiceDetail
    from desktop.data.nearby import Origin, SearchPlan
    from desktop.data.suggest import Suggestion, Vocabulary

# What a read can raise besides StoreInterrupted (a damaged page, a file gone): callers
# outside the data layer catch it by this name and never import sqlite3 for it.
DatabaseError = sqlite3.DatabaseError
P = ParamSpec("P")
R = TypeVar("R")


class StoreInterrupted(Exception):
    """A query was stopped by ``Store.interrupt()`` (a newer request replaced it).

    Deliberately not a ``UserError``: nothing went wrong that the user could act on, and no
    sentence is ever shown for it; the caller that interrupted drops the stale answer.
    """


def _interruptible(method: Callable[P, R]) -> Callable[P, R]:
    """Turn SQLite's SQLITE_INTERRUPT (told by its error code, never its text) into
    ``StoreInterrupted``; every other error passes as it is."""

    @functools.wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_INTERRUPT:
                raise StoreInterrupted(str(exc)) from exc
            raise

    return run


def fts_query(text: str, terms: SearchTerms = NO_TERMS) -> str:
    """User text → a safe FTS5 query: every word quoted, the last one a prefix, "quoted
    text" a phrase, words on the synonym list OR-groups (``search_terms``). '' if no words."""
    return terms.fts_query(text)


# providers columns copied into Provider fields of the same name (phones is JSON).
_PROVIDER_COLUMNS = (
    "id", "name", "kind", "description", "email", "website", "hours", "area", "source",
    "checked_on", "origin",
)  # fmt: skip


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool) -> None:
        self._conn = conn
        self.path = path
        self.read_only = read_only
        # The synonym list searches are expanded with (none until the caller gives one).
        self.terms: SearchTerms = NO_TERMS
        self._vocabulary: Vocabulary | None = None  # for suggestions, read on first use
        self._index: ranking.Index | None = None  # the ranking index's reader, on first use

    def use_terms(self, terms: SearchTerms) -> Store:
        """Expand every search, count and facet with ``terms`` (the app's synonym list)."""
        self.terms = terms
        return self

    def _ranking(self) -> ranking.Index:
        if self._index is None:
            from desktop.data import ranking

            self._index = ranking.Index(self._conn)
        return self._index

    def _words(self, text: str) -> Query | None:
        """The search's words as parsed with the synonym list (None: no words)."""
        parsed = self.terms.parse(text)
        return parsed or None

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
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- small tables --------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self._rows("SELECT key, value FROM meta")}

    def schema_version(self) -> int:
        """The file's data format (``PRAGMA user_version``; ``schema.SCHEMA_VERSION`` when current)."""
        return schema.version_of(self._conn)

    def service_count(self) -> int:
        """How many services the file holds (every one, no search)."""
        return int(self._conn.execute("SELECT count(*) FROM services").fetchone()[0])

    def interrupt(self) -> None:
        """Stop the query running on this Store, from any thread: it raises StoreInterrupted.
        (An interrupt that finds nothing running may land on the next query instead.)"""
        self._conn.interrupt()

    def _rows(self, sql: str, params: list[Any] | None = None) -> list[sqlite3.Row]:
        return offer_sql.rows(self._conn, sql, params or [])

    @property
    def is_demo(self) -> bool:
        return self.meta().get("is_demo") == "1"

    def guidance_sections(self) -> list[GuidanceSection]:
        rows = self._rows(
            "SELECT id, title, ord, summary, body, sources, checked_on FROM guidance_sections "
            "ORDER BY ord, id"
        )
        return [
            GuidanceSection(
                id=r["id"],
                title=r["title"],
                order=r["ord"],
                summary=r["summary"],
                body=r["body"],
                sources=tuple(json.loads(r["sources"])),
                checked_on=r["checked_on"],
            )
            for r in rows
        ]

    def providers(self) -> list[Provider]:
        rows = self._rows(
            f"SELECT {', '.join(_PROVIDER_COLUMNS)}, phones FROM providers "
            "ORDER BY name COLLATE NOCASE, id"
        )
        return [
            Provider(
                **{c: r[c] for c in _PROVIDER_COLUMNS}, phones=tuple(json.loads(r["phones"]))
            )
            for r in rows
        ]

    # -- Local Offer -----------------------------------------------------------------------------
    # Design §3's keyword API, kept as thin wrappers: each takes the words or a whole
    # ``ServiceQuery`` (then no keywords); an unknown keyword is a TypeError.
    @staticmethod
    def query_of(text: str | ServiceQuery, filters: dict[str, Any]) -> ServiceQuery:
        if isinstance(text, ServiceQuery):
            if filters:
                raise TypeError("give a ServiceQuery or keyword filters, not both")
            return text
        return ServiceQuery.of(text, **filters)

    @_interruptible
    def search_services(
        self,
        text: str | ServiceQuery,
        *,
        category: str | None = None,
        age: int | None = None,
        free_only: bool = False,
        area: str | None = None,
        need: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[ServiceSummary]:
        """Services matching the words (ranked; no words: all by name) and the filters.

        The order is total (ties broken by row id) so pages fetched with ``offset`` never
        repeat or skip a service.
        """
        if isinstance(text, ServiceQuery):
            given = dict(category=category, age=age, free_only=free_only, area=area, need=need)
            if given != dict(category=None, age=None, free_only=False, area=None, need=None):
                raise TypeError("give a ServiceQuery or keyword filters, not both")
            query = text
        else:
            query = ServiceQuery(text, category, age, free_only, area, need)
        return self.search(query, limit=limit, offset=offset)

    @_interruptible
    def search(self, query: ServiceQuery, *, limit: int = 50, offset: int = 0) -> list[ServiceSummary]:
        """``search_services`` for a typed query."""
        parsed = self._words(query.text)
        if parsed is None:
            return offer_sql.by_name(self._conn, query, limit, offset)
        from desktop.data import ranking

        return ranking.search(self._ranking(), query, parsed, limit, offset)

    @_interruptible
    def count_services(self, text: str | ServiceQuery = "", **filters: Any) -> int:
        query = self.query_of(text, filters)
        parsed = self._words(query.text)
        if parsed is None and not query.has_filters:
            return self.service_count()
        from desktop.data import ranking, ranking_match

        index = self._ranking()
        if parsed is None:
            return ranking_match.count(index, None, query)
        found = ranking.matches_of(index, parsed, query)
        return 0 if found is None else found.count()

    @_interruptible
    def facets(self, text: str | ServiceQuery, **filters: Any) -> dict[str, dict[str, int]]:
        """Counts per category, need and area, and of free services, for the current search.

        Each facet is counted with every other filter applied but not its own, so a user
        sees what choosing another value would give. Category keys are codes
        (``education``); need keys are term ids (``need:…``); ``free`` has one key, ``free``.
        """
        query = self.query_of(text, filters)
        parsed = self._words(query.text)
        from desktop.data import ranking, ranking_match

        index = self._ranking()
        plan = None if parsed is None else ranking.plan_of(index, parsed)
        return ranking_match.facets(index, plan, query)

    # -- near a postcode (desktop/data/nearby_queries.py) ------------------------------------
    def plan_search(self, text: str | ServiceQuery, **filters: Any) -> SearchPlan:
        """The search the box and filters mean: a whole postcode among the words becomes the
        area, and a postcode that finds nothing widens to its sector, then its district."""
        from desktop.data import nearby_queries

        return nearby_queries.plan_search(self, self.query_of(text, filters))

    def locate(self, postcode: str) -> Origin | None:
        """Where a postcode is, estimated from the data's own services near it (or None)."""
        from desktop.data import nearby_queries

        return nearby_queries.locate(self._conn, postcode)

    @_interruptible
    def search_nearest(
        self,
        text: str | ServiceQuery,
        origin: Origin | None = None,
        *,
        limit: int = 50,
        offset: int = 0,
        **filters: Any,
    ) -> list[tuple[ServiceSummary, float | None]]:
        """Like ``search_services``, nearest to ``origin`` (or the query's ``near``) first,
        each with its miles."""
        query = self.query_of(text, filters)
        origin = origin or query.near
        if origin is None:
            raise TypeError("search_nearest needs an origin (or a ServiceQuery with near)")
        parsed = self.terms.parse(query.text)
        from desktop.data import nearby_queries

        return nearby_queries.search_nearest(self._ranking(), query, parsed, origin, limit, offset)

    def suggest(self, text: str | ServiceQuery, **filters: Any) -> Suggestion | None:
        """A "Did you mean…?" from the index's own words, never one that finds nothing with
        the filters. The first call reads the whole index (0.6 s at 100,000 services): ask
        from a worker thread, and only when a search finds little."""
        query = self.query_of(text, filters)
        if self._vocabulary is None:
            from desktop.data.suggest import Vocabulary

            self._vocabulary = Vocabulary(
                self._conn, "services_fts", text_of=lambda rid, col: schema.fts_text(self._conn, rid, col)
            )
        words = (w for g in self.terms.groups for w in g.words)
        found = self._vocabulary.suggest(self.terms.parse(query.text), extra=words)
        if found is None:
            return None
        plan = self.plan_search(query.but(text=found.text))
        return found if self.count_services(plan.query) else None

    def area_names(self) -> list[str]:
        """Every area a service names, sorted: the area filter's choices (no counting)."""
        names: set[str] = set()
        for (areas,) in self._conn.execute("SELECT DISTINCT area FROM services"):
            names.update(filter(None, (a.strip() for a in (areas or "").split(","))))
        return sorted(names)

    def need_names(self) -> dict[str, str]:
        rows = self._rows(
            "SELECT id, name FROM taxonomy_terms WHERE vocabulary = 'need' ORDER BY name"
        )
        return {r["id"]: r["name"] for r in rows}

    def need_area_names(self) -> dict[str, str]:
        """The Code of Practice's four broad areas of need: term id → label, in its order."""
        return {f"need-area:{code}": label for code, label in NEED_AREAS.items()}

    def service(self, service_id: str) -> ServiceDetail | None:
        """One service with every part the feed gave (contacts, phones, locations, costs…)."""
        from desktop.data import service_detail

        return service_detail.load(self._conn, service_id)

    def read_service(self, service_id: str) -> bool:
        """Read every row ``service`` reads, building no record: whether the service exists.
        The start's check for a damaged page (``app.first_queries``), without loading the
        details' records (~4 ms) before the window shows."""
        from desktop.data import service_detail

        return service_detail.read(self._conn, service_id)
