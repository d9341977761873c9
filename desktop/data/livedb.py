"""The user's live database: first-run copy from the bundle, upgrades, read-only fallback."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop.data import schema
from desktop.data.store import Store, StoreError

log = logging.getLogger(__name__)


@dataclass
class Opened:
    store: Store
    notice: str = ""  # one sentence for the status bar when something unusual happened
    read_only: bool = False


def _copy_atomically(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".copying")
    shutil.copyfile(src, tmp)
    os.chmod(tmp, 0o644)
    os.replace(tmp, dest)


def _set_aside(path: Path, suffix: str) -> Path:
    target = path.with_name(path.name + suffix)
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}{suffix}{n}")
    os.replace(path, target)
    return target


def _digest(path: Path) -> tuple[str, str]:
    with Store.open(path, read_only=True) as store:
        meta = store.meta()
    return meta.get("sources_sha256", ""), meta.get("is_demo", "0")


def _update_reference_tables(live: Path, bundled: Path) -> None:
    """Bring the bundled guidance and providers into a refreshed (non-demo) live copy."""
    conn = sqlite3.connect(live)
    try:
        conn.execute("ATTACH DATABASE ? AS b", (bundled.resolve().as_uri() + "?mode=ro",))
        with conn:
            conn.execute("DELETE FROM guidance_sections")
            conn.execute("INSERT INTO guidance_sections SELECT * FROM b.guidance_sections")
            conn.execute("DELETE FROM providers WHERE origin = 'bundled'")
            conn.execute("INSERT OR REPLACE INTO providers SELECT * FROM b.providers")
            conn.execute(
                "INSERT OR REPLACE INTO meta SELECT key, value FROM b.meta "
                "WHERE key IN ('sources_sha256', 'bundle_version')"
            )
        conn.execute("DETACH DATABASE b")
    finally:
        conn.close()


def open_live(live: Path, bundled: Path) -> Opened:
    """Open the user's copy, making or repairing it from the bundle; never leave the user empty.

    Raises schema.SchemaTooNew when the live copy was written by a newer app (the user
    must decide), and StoreError when even the bundled copy cannot be opened.
    """
    notice = ""
    if live.exists():
        if schema.migrate_file(live):  # an older format that keeps its services (schema v1 → v2)
            log.info("upgraded %s to data format %s", live, schema.SCHEMA_VERSION)
        try:
            store = Store.open(live)
        except schema.SchemaTooNew:
            raise
        except schema.SchemaTooOld:
            aside = _set_aside(live, ".old")
            notice = f"Your data was in an older format and has been replaced by the bundled data (kept as {aside.name})."
        except StoreError as exc:
            log.error("live database unusable: %s", exc)
            aside = _set_aside(live, ".corrupt")
            notice = f"Your data file was damaged and has been replaced by the bundled data (kept as {aside.name})."
        else:
            try:
                bundled_digest, _ = _digest(bundled)
            except (StoreError, schema.SchemaError):
                return Opened(store)
            meta = store.meta()
            if meta.get("sources_sha256") == bundled_digest or store.read_only:
                return Opened(store)
            store.close()
            if meta.get("is_demo") == "1":
                _set_aside(live, ".bak")
                log.info("bundled data changed: replacing the demo copy")
            else:
                _update_reference_tables(live, bundled)
                log.info("bundled guidance and providers updated in the live copy")
                return Opened(Store.open(live), "Guidance and providers were updated.")
    try:
        _copy_atomically(bundled, live)
        return Opened(Store.open(live), notice)
    except OSError as exc:
        log.warning("cannot write %s (%s): opening the bundled copy read-only", live, exc)
        store = Store.open(bundled, read_only=True, immutable=True)
        return Opened(
            store,
            f"Your data folder cannot be written ({live.parent}); showing the bundled data, read-only.",
            read_only=True,
        )
