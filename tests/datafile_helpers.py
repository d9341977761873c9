"""Helpers for the central data file tests: a refreshed database as IT's machine holds it,
published to a folder standing in for the file share."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

from desktop.data import livefiles
from desktop.data.feeds import publish
from desktop.data.feeds.refresh_lock import lock_path
from tests.attack_helpers import mark_refreshed


def central_db(
    folder: Path,
    bundled: Path,
    *,
    as_of: str = "2026-11-20",
    imported: str = "2026-11-21T02:00:00+00:00",
    services: int | None = 30,
    name: str = "central.sqlite",
) -> Path:
    """The database IT refreshes centrally (``send-desk refresh … --db``): real, not demo."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    shutil.copyfile(bundled, path)
    path.chmod(0o644)
    mark_refreshed(path, services)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'data_as_of'", (as_of,))
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('imported_at', ?)", (imported,)
        )
        conn.execute(
            "UPDATE meta SET value = 'https://feeds.example.org/services' WHERE key = 'source'"
        )
    conn.close()
    return path


def published(share: Path, bundled: Path, **kw: object) -> Path:
    """A central database published into ``share`` with ``send-desk publish``'s code."""
    db = central_db(share.parent / "it", bundled, **kw)  # type: ignore[arg-type]
    share.mkdir(parents=True, exist_ok=True)
    return publish.publish(db, share).path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_checksum(db: Path) -> None:
    """A checksum beside ``db`` that matches whatever is in it (as a hand-made one would)."""
    livefiles.sibling(db, ".sha256").write_text(f"{sha256(db)}  {db.name}\n", encoding="ascii")


def meta(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT key, value FROM meta"))
    finally:
        conn.close()


def leftovers(live: Path) -> list[str]:
    """Working files a check must never leave behind (``.new``, the lock and its temporaries)."""
    names = [livefiles.new_path(live).name, lock_path(live).name]
    return sorted(n for n in os.listdir(live.parent) if n in names or ".lock." in n)
