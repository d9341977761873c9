"""The sealed Store: no connection outside it, a typed query, errors by code, schema v4 and its migrations."""

from __future__ import annotations

import ast
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.data import schema
from desktop.data.records import ServiceQuery
from desktop.data.store import Store, StoreInterrupted, _interruptible

ROOT = Path(__file__).resolve().parents[1]


def test_no_code_outside_the_store_reads_its_connection() -> None:
    offenders = []
    for path in [*ROOT.joinpath("desktop").rglob("*.py"), *ROOT.joinpath("tests").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("conn", "_conn"):
                base = node.value
                name = base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
                if "store" in name.lower() and path.name != "store.py":
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def test_a_misspelt_filter_is_an_error_never_ignored(store: Store) -> None:
    with pytest.raises(TypeError, match="ctaegory"):
        store.count_services("support", ctaegory="health")
    with pytest.raises(TypeError, match="free"):
        store.facets("support", free=True)
    with pytest.raises(TypeError):
        store.search_services("support", ctaegory="health")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        ServiceQuery.of("x", aeg=4)
    with pytest.raises(TypeError):
        ServiceQuery("x", age="seven")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        store.search_services(ServiceQuery("x"), category="health")


def test_the_typed_query_and_the_keywords_give_the_same_answers(store: Store) -> None:
    query = ServiceQuery("support", category="health", age=7)
    assert [r.id for r in store.search_services(query)] == [
        r.id for r in store.search_services("support", category="health", age=7)
    ]
    assert store.count_services(query) == store.count_services("support", category="health", age=7)
    assert store.facets(query) == store.facets("support", category="health", age=7)
    assert query.without("category").category is None and query.without("age").age is None
    assert ServiceQuery("x", area="", need="").filters()["area"] is None
    with pytest.raises(TypeError):
        query.without("colour")


def test_interrupts_are_told_by_their_error_code_not_their_text() -> None:
    def interrupted() -> None:
        exc = sqlite3.OperationalError("any words at all")
        exc.sqlite_errorcode = sqlite3.SQLITE_INTERRUPT  # type: ignore[attr-defined]
        raise exc

    def locked() -> None:
        exc = sqlite3.OperationalError("interrupted")  # the word alone means nothing
        exc.sqlite_errorcode = sqlite3.SQLITE_BUSY  # type: ignore[attr-defined]
        raise exc

    with pytest.raises(StoreInterrupted):
        _interruptible(interrupted)()
    with pytest.raises(sqlite3.OperationalError):
        _interruptible(locked)()


def test_schema_version_meta_and_count_come_through_the_store(store: Store) -> None:
    assert store.schema_version() == schema.SCHEMA_VERSION == 4
    assert store.service_count() == store.count_services("") > 0
    assert store.meta()["service_count"] == str(store.service_count())


def test_the_facets_thread_needs_no_sqlite3() -> None:
    source = (ROOT / "desktop" / "ui" / "local_offer" / "facets_worker.py").read_text(encoding="utf-8")
    assert "import sqlite3" not in source and '"interrupt"' not in source


@pytest.mark.parametrize("text", ["", "support", "therapy"])
def test_age_0_is_a_filter_like_any_other_age(store: Store, text: str) -> None:
    """0 == False in Python: an age of 0 once counted as no filter, so the count and the
    ranked page ignored it while the list by name and the facets applied it."""
    assert ServiceQuery(text, age=0).has_filters
    rows = store.search_services(text, age=0, limit=1000)
    assert all(r.min_age is None or r.min_age == 0 for r in rows)
    assert store.count_services(text, age=0) == len(rows)
    assert len(rows) < store.count_services(text)  # some bundled services start above 0


# Version 3's ranking tables (one row per posting), as the store branch wrote them.
_V3_TABLES = (
    "CREATE TABLE rank_terms (id INTEGER PRIMARY KEY, term TEXT, df INTEGER, tail INTEGER)",
    "CREATE TABLE rank_postings (term_id INTEGER, rid INTEGER, impact INTEGER, "
    "PRIMARY KEY (term_id, rid)) WITHOUT ROWID",
    "CREATE TABLE rank_heads (list_id INTEGER, neg INTEGER, rid INTEGER, "
    "PRIMARY KEY (list_id, neg, rid)) WITHOUT ROWID",
    "INSERT INTO rank_postings VALUES (1, 1, 5)",
)


@pytest.mark.parametrize("version", [2, 3])
def test_an_older_file_gets_its_ranking_index_and_keeps_its_services(
    db_copy: Path, tmp_path: Path, version: int
) -> None:
    old = tmp_path / f"v{version}.sqlite"
    shutil.copyfile(db_copy, old)
    with sqlite3.connect(old) as conn:
        for table in schema.RANKING_TABLES:
            conn.execute(f"DROP TABLE {table}")
        if version == 3:
            for statement in _V3_TABLES:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {version}")
        before = conn.execute("SELECT count(*) FROM services").fetchone()[0]
    conn.close()
    with pytest.raises(schema.SchemaTooOld):
        Store.open(old).close()
    assert schema.migrate_file(old)
    with sqlite3.connect(old) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert "rank_postings" not in tables and set(schema.RANKING_TABLES) <= tables
    with Store.open(old, read_only=True) as store, Store.open(db_copy, read_only=True) as same:
        assert store.schema_version() == 4 and store.service_count() == before
        assert [r.id for r in store.search_services("speech ther")] == [
            r.id for r in same.search_services("speech ther")
        ]


def test_an_upgrade_that_fails_leaves_the_older_file_exactly_as_it_was(
    db_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """v2 → v4 drops and remakes the FTS index: all of it, or none (found by review: the DROP
    used to be committed at once, so a failed build left a file no start could upgrade)."""
    from desktop.data import ranking_build

    old = tmp_path / "v2.sqlite"
    shutil.copyfile(db_copy, old)
    with sqlite3.connect(old) as conn:
        for table in schema.RANKING_TABLES:
            conn.execute(f"DROP TABLE {table}")
        conn.execute("PRAGMA user_version = 2")
    conn.close()
    before = old.read_bytes()

    def broken(_conn: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ranking_build, "build", broken)
    assert not schema.migrate_file(old)
    assert old.read_bytes() == before
    monkeypatch.undo()
    assert schema.migrate_file(old)  # and the next start can still upgrade it
    with Store.open(old, read_only=True) as store:
        assert store.schema_version() == schema.SCHEMA_VERSION and store.count_services("speech")


def test_a_current_file_without_its_ranking_index_is_damaged_at_open(
    db_copy: Path, tmp_path: Path
) -> None:
    """Its tables are made by ranking_build, not the schema's DDL: without this check such a
    file opened and its first search failed with a raw SQLite error."""
    from desktop.data.store import DatabaseDamaged

    broken = tmp_path / "no-rank.sqlite"
    shutil.copyfile(db_copy, broken)
    with sqlite3.connect(broken) as conn:
        conn.execute("DROP TABLE rank_info")
    conn.close()
    with pytest.raises(DatabaseDamaged, match="parts missing"):
        Store.open(broken).close()
