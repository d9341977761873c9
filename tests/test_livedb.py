"""First run, read-only fallback, damaged and newer-schema databases."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.data import schema
from desktop.data.livedb import open_live
from desktop.data.store import NotADatabase


def test_first_run_copies_the_bundle(tmp_path: Path, bundled_db: Path) -> None:
    live = tmp_path / "data" / "send-desk.sqlite"
    opened = open_live(live, bundled_db)
    try:
        assert live.exists() and not opened.read_only and opened.notice == ""
        assert opened.store.path == live
        assert opened.store.count_services("") >= 60
    finally:
        opened.store.close()
    again = open_live(live, bundled_db)
    again.store.close()
    assert not live.with_name(live.name + ".bak").exists()


def test_unwritable_data_dir_falls_back_to_bundled_read_only(
    tmp_path: Path, bundled_db: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    opened = open_live(blocker / "send-desk.sqlite", bundled_db)
    try:
        assert opened.read_only
        assert "cannot be written" in opened.notice
        assert opened.store.path == bundled_db
        assert opened.store.count_services("") >= 60
    finally:
        opened.store.close()


def test_newer_schema_is_a_clear_error(tmp_path: Path, bundled_db: Path) -> None:
    live = tmp_path / "send-desk.sqlite"
    shutil.copyfile(bundled_db, live)
    live.chmod(0o644)
    conn = sqlite3.connect(live)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    before = live.read_bytes()
    with pytest.raises(schema.SchemaTooNew, match="newer version"):
        open_live(live, bundled_db)
    assert live.read_bytes() == before


def test_damaged_live_copy_is_set_aside_and_replaced(tmp_path: Path, bundled_db: Path) -> None:
    live = tmp_path / "send-desk.sqlite"
    damaged = b"SQLite format 3\x00" + b"\xff" * 8000  # SQLite's header, then garbage
    live.write_bytes(damaged)
    opened = open_live(live, bundled_db)
    try:
        assert "damaged" in opened.notice and "send-desk.sqlite.corrupt-1" in opened.notice
        assert opened.store.count_services("") >= 60
        assert (tmp_path / "send-desk.sqlite.corrupt-1").read_bytes() == damaged
    finally:
        opened.store.close()


def test_a_file_that_is_not_sqlite_is_never_replaced(tmp_path: Path, bundled_db: Path) -> None:
    live = tmp_path / "send-desk.sqlite"
    live.write_bytes(b"this is not a database" * 100)
    with pytest.raises(NotADatabase, match="not an SQLite file") as info:
        open_live(live, bundled_db)
    assert "left as it is" in str(info.value)
    assert live.read_bytes() == b"this is not a database" * 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["send-desk.sqlite"]


def test_older_schema_is_replaced_from_the_bundle(tmp_path: Path, bundled_db: Path) -> None:
    live = tmp_path / "send-desk.sqlite"
    shutil.copyfile(bundled_db, live)
    live.chmod(0o644)
    conn = sqlite3.connect(live)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    opened = open_live(live, bundled_db)
    try:
        assert "older format" in opened.notice
        assert opened.store.schema_version() == schema.SCHEMA_VERSION
    finally:
        opened.store.close()


def test_refreshed_copy_gets_new_guidance_but_keeps_its_services(
    tmp_path: Path, bundled_db: Path
) -> None:
    live = tmp_path / "send-desk.sqlite"
    shutil.copyfile(bundled_db, live)
    live.chmod(0o644)
    conn = sqlite3.connect(live)
    with conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'is_demo'")
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'sources_sha256'")
        conn.execute("UPDATE guidance_sections SET title = 'Stale title'")
        conn.execute("DELETE FROM services WHERE rid > 10")
    conn.close()
    opened = open_live(live, bundled_db)
    try:
        assert "updated" in opened.notice
        assert "Stale title" not in {s.title for s in opened.store.guidance_sections()}
        assert opened.store.count_services("") == 10
    finally:
        opened.store.close()
