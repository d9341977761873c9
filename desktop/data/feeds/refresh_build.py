"""The build half of a refresh: the new database written beside the live one (``refresh``).

``build`` creates ``send-desk.sqlite.new``, copies every table that is not Local Offer data
from the live file, loads the feed's services, writes meta, builds the FTS and ranking
indexes and checks the result; ``refresh`` keeps the lock, the swap and the restore.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from desktop.data import schema
from desktop.data.feeds import writer
from desktop.data.feeds.refresh_checks import data_date, load, normaliser_for
from desktop.data.feeds.sources import Cancelled, Source

if TYPE_CHECKING:
    from desktop.data.feeds.refresh import RefreshResult

LOCAL_OFFER_TABLES = {"meta", *schema.LOCAL_OFFER_TABLES}


def _ro(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"


def _copy_reference_tables(conn: sqlite3.Connection, live: Path) -> None:
    """Copy every table that is not Local Offer data (guidance, all providers, …) across."""
    conn.execute("ATTACH DATABASE ? AS live", (_ro(live),))
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM live.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'services_fts%'"
        )
    ]
    for table in tables:
        if table in LOCAL_OFFER_TABLES:
            continue
        new_cols = [r[1] for r in conn.execute(f'PRAGMA main.table_info("{table}")')]
        old_cols = {r[1] for r in conn.execute(f'PRAGMA live.table_info("{table}")')}
        cols = ", ".join(f'"{c}"' for c in new_cols if c in old_cols)
        if cols:
            conn.execute(f'INSERT INTO main."{table}" ({cols}) SELECT {cols} FROM live."{table}"')
    conn.commit()
    conn.execute("DETACH DATABASE live")


def build(result: RefreshResult, source: Source, meta: dict[str, str], now: dt.datetime) -> None:
    """Fill ``result.new_path``: schema, reference tables, services, meta, indexes, checks."""
    from desktop.data.feeds.refresh import RefreshError
    conn = sqlite3.connect(result.new_path)
    try:
        conn.execute("PRAGMA journal_mode = MEMORY")
        conn.execute("PRAGMA synchronous = OFF")
        schema.create(conn)
        _copy_reference_tables(conn, result.live)
        db = sqlite_utils.Database(conn)
        normaliser = normaliser_for(source, result.report, result.warnings)
        with conn:
            service_writer = writer.ServiceWriter(db)
            records = normaliser.records(source.services())
            latest = load(records, service_writer.add, result.coverage, source.cancelled, now)
            service_writer.flush()
        result.coverage.shape = result.shape = normaliser.shape_label()
        result.coverage.unknown_fields = normaliser.unknown_fields
        result.listed_total, result.more_pages = source.listed_total, source.more_pages
        result.warnings.extend(source.warnings)
        if source.cancelled():
            raise Cancelled()
        result.service_count = writer.service_count(db)
        if result.service_count == 0:
            raise RefreshError("The export has no services the app can show, so it was not used.")
        result.data_as_of, result.data_as_of_source = data_date(source, latest)
        with conn:
            writer.write_meta(db, meta)  # keeps schema_version, bundle_version, sources_sha256
            writer.write_meta(
                db,
                {
                    "source": source.location,
                    "publisher": _publisher(source),
                    "data_as_of": result.data_as_of,
                    "imported_at": now.replace(microsecond=0).isoformat(),
                    "is_demo": "0",
                    "hidden_services": str(result.report.hidden),
                    "skipped_services": str(result.report.skipped_count),
                    "feed_shape": result.shape,
                },
            )
            writer.finish(db)
        check = conn.execute("PRAGMA integrity_check").fetchall()
        if check != [("ok",)]:
            raise RefreshError(f"The new database failed its integrity check ({check[0][0]}).")
        conn.execute("PRAGMA synchronous = FULL")
        conn.commit()
    finally:
        conn.close()
    with open(result.new_path, "rb+") as handle:
        os.fsync(handle.fileno())


def _publisher(source: Source) -> str:
    if source.is_url:
        from urllib.parse import urlsplit

        return urlsplit(source.location).hostname or source.location
    return f"File: {source.label}"
