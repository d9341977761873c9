"""Refresh: build beside, check, swap, restore — and the live file unchanged on every failure."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.data.feeds import refresh, writer
from desktop.data.feeds.fetch import Limits
from desktop.data.feeds.sources import Source
from desktop.data.store import Store
from tests.feedserver import serve

DATA = Path(__file__).parent / "data"
FAST = Limits(timeout=2.0, backoff=0.01, max_retry_wait=0.05, retries=0)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def services(n: int, prefix: str = "s") -> list[dict]:
    return [
        {
            "id": f"{prefix}{i}",
            "name": f"Service {i}",
            "last_modified": f"2026-10-0{1 + i % 9}T00:00:00Z",
        }
        for i in range(n)
    ]


def write_json(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document))
    return path


@pytest.fixture
def live(db_copy: Path) -> Path:
    """A live copy holding an organisation's own provider as well as the bundled ones."""
    conn = sqlite3.connect(db_copy)
    with conn:
        conn.execute(
            "INSERT INTO providers (id, name, kind, source, checked_on, origin) "
            "VALUES ('own-1', 'Our own contact', 'other', 'our list', '2026-11-01', 'organisation')"
        )
    conn.close()
    return db_copy


def test_refresh_from_a_file_keeps_guidance_and_every_provider(live: Path, tmp_path: Path) -> None:
    with Store.open(live, read_only=True) as before:
        old_meta, providers = before.meta(), len(before.providers())
        sections = len(before.guidance_sections())
    source = write_json(tmp_path / "feed.json", {"total_pages": 1, "contents": services(40)})
    result = refresh.refresh(live, Source(str(source)))
    assert result.service_count == 40
    with Store.open(live, read_only=True) as store:
        meta = store.meta()
        assert store.count_services("") == 40
        assert len(store.providers()) == providers
        assert "own-1" in {p.id for p in store.providers()}
        assert len(store.guidance_sections()) == sections
        assert store.search_services("Service 12")[0].id == "s12"
    assert meta["is_demo"] == "0" and meta["service_count"] == "40"
    assert meta["data_as_of"] == "2026-10-09" and meta["imported_at"]
    assert meta["source"] == str(source) and meta["publisher"] == "File: feed.json"
    assert meta["sources_sha256"] == old_meta["sources_sha256"]  # livedb keeps the services
    assert not refresh.paths(live)[0].exists()
    assert refresh.has_previous(live)


def test_restore_previous_swaps_back_and_forth(live: Path, tmp_path: Path) -> None:
    original = digest(live)
    source = write_json(tmp_path / "feed.json", services(40))
    refresh.refresh(live, Source(str(source)))
    refreshed = digest(live)
    meta = refresh.restore_previous(live)
    assert digest(live) == original and meta["is_demo"] == "1"
    refresh.restore_previous(live)
    assert digest(live) == refreshed


def test_restore_without_previous_data(live: Path) -> None:
    with pytest.raises(refresh.RefreshError, match="no previous data"):
        refresh.restore_previous(live)


def test_duplicates_last_wins_and_skips_are_reported(live: Path, tmp_path: Path) -> None:
    rows = [*services(3), {"id": "s1", "name": "Second copy"}, {"name": "No id"}, {"id": "x"}]
    result = refresh.refresh(live, Source(str(write_json(tmp_path / "f.json", rows))))
    assert result.service_count == 3 and result.report.duplicates == 1
    assert len(result.report.skipped) == 2
    report = "\n".join(result.report_lines())
    assert "skipped: record 5: no id (name: No id)" in report
    assert "skipped: record 6: x: no name" in report
    with Store.open(live, read_only=True) as store:
        assert store.service("s1").name == "Second copy"


def test_script_and_javascript_links_are_sanitised(live: Path, tmp_path: Path) -> None:
    rows = [
        {
            "id": "h",
            "name": "Club<script>alert(1)</script>",
            "description": '<p>Hi <a href="javascript:alert(2)">click</a><script>steal()</script></p>',
            "url": "javascript:alert(3)",
        }
    ]
    refresh.refresh(live, Source(str(write_json(tmp_path / "f.json", rows))))
    with Store.open(live, read_only=True) as store:
        detail = store.service("h")
    assert detail.name == "Club" and detail.description == "Hi click" and detail.url == ""


def test_a_large_drop_needs_force(live: Path, tmp_path: Path) -> None:
    refresh.refresh(live, Source(str(write_json(tmp_path / "big.json", services(40)))))
    before = digest(live)
    small = Source(str(write_json(tmp_path / "small.json", services(10))))
    with pytest.raises(refresh.NeedsConfirmation, match="less than half of the 40"):
        refresh.refresh(live, small)
    assert digest(live) == before and not refresh.paths(live)[0].exists()
    assert refresh.refresh(live, small, force=True).service_count == 10


# -- failures leave the live file byte-for-byte unchanged -------------------------------------
BAD_FILES = {
    "truncated.json": ('{"contents": [{"id": "a", "name": "A"}, {"id": "b"', "cut short"),
    "wrong-type.json": ('"a string"', "not JSON"),
    "html.json": ("<html><body>Sorry</body></html>", "web page"),
    "no-services.json": ('{"total_pages": 1, "contents": [{"name": "no id"}]}', "no services"),
    "all-defunct.json": ('[{"id": "a", "name": "A", "status": "defunct"}]', "no services"),
    "empty.json": ("", "empty"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_leave_live_unchanged(live: Path, tmp_path: Path, name: str) -> None:
    text, message = BAD_FILES[name]
    before = digest(live)
    (tmp_path / name).write_text(text)
    with pytest.raises(refresh.RefreshError, match=message) as info:
        refresh.refresh(live, Source(str(tmp_path / name)))
    assert str(info.value).endswith("Your current data has not changed.")
    assert digest(live) == before
    assert not refresh.paths(live)[0].exists() and not refresh.has_previous(live)


def test_network_failures_leave_live_unchanged(live: Path) -> None:
    before = digest(live)
    with serve() as feed:
        feed.set("/services?page=1&per_page=500", (500, {}, b"oops"))
        with pytest.raises(refresh.RefreshError, match="error 500"):
            refresh.refresh(live, Source(feed.base, limits=FAST))
    assert digest(live) == before


def test_disk_full_while_writing(
    live: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = digest(live)
    calls = {"n": 0}
    real_flush = writer.ServiceWriter.flush

    def flush(self: writer.ServiceWriter) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            full = sqlite3.OperationalError("database or disk is full")
            full.sqlite_errorcode, full.sqlite_errorname = 13, "SQLITE_FULL"  # sorted by code
            raise full
        real_flush(self)

    monkeypatch.setattr(writer, "BATCH", 10)
    monkeypatch.setattr(writer.ServiceWriter, "flush", flush)
    source = Source(str(write_json(tmp_path / "f.json", services(50))))
    with pytest.raises(refresh.RefreshError, match="not enough free disk space"):
        refresh.refresh(live, source)
    assert digest(live) == before and not refresh.paths(live)[0].exists()


def test_disk_full_at_the_swap(live: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = digest(live)

    def no_space(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)  # (the swap is in kept/livefiles)
    with pytest.raises(refresh.RefreshError, match="not enough free disk space"):
        refresh.refresh(live, Source(str(write_json(tmp_path / "f.json", services(5)))))
    assert digest(live) == before and not refresh.paths(live)[0].exists()


def test_leftovers_from_an_interrupted_refresh_are_cleaned(live: Path, tmp_path: Path) -> None:
    new, _ = refresh.paths(live)
    new.write_bytes(b"half a database")
    refresh.refresh(live, Source(str(write_json(tmp_path / "f.json", services(3)))))
    assert not new.exists()


# -- the command line --------------------------------------------------------------------------
def test_cli_refresh_from_the_api_then_restore(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info"]) == 0
    with serve() as feed:
        for n in (1, 2):
            feed.set(
                f"/services?page={n}&per_page=500",
                json.loads((DATA / f"oruk-v3-page{n}.json").read_text()),
            )
        assert main(["refresh", feed.base]) == 0
    out = capsys.readouterr()
    assert "Services imported: 3" in out.out and "page 2/2" in out.err
    assert main(["restore-previous"]) == 0
    assert "Restored the previous data" in capsys.readouterr().out


def test_cli_refusals_and_usage(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(["refresh", str(tmp_path / "missing.json")]) == 1
    assert "has not changed" in capsys.readouterr().err
    assert main(["refresh"]) == 2
    policy = tmp_path / "policy.ini"
    policy.write_text("[Policy]\nRefreshDisabled = 1\n")
    monkeypatch.setenv("SEND_DESK_POLICY", str(policy))
    assert main(["refresh", str(DATA / "oruk-v3-page1.json")]) == 1
    assert "managed by your organisation" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["refresh", "--no-such-option"])
    assert info.value.code == 2


def test_a_killed_refresh_leaves_working_data(data_dir: Path, tmp_path: Path) -> None:
    """Kill the CLI while it waits for page 2: live data unchanged, the next refresh works."""
    assert main(["info"]) == 0
    live = data_dir / "send-desk.sqlite"
    before = digest(live)
    asked, release = threading.Event(), threading.Event()

    def stuck():
        asked.set()
        release.wait(10)
        return 500, {}, b""

    with serve() as feed:
        feed.set(
            "/services?page=1&per_page=500",
            json.loads((DATA / "oruk-v3-page1.json").read_text()) | {"last_page": False},
        )
        feed.set("/services?page=2&per_page=500", stuck)
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).parent.parent))
        proc = subprocess.Popen(
            [sys.executable, "-m", "desktop", "refresh", feed.base],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert asked.wait(30), "the refresh never asked for page 2"
            assert refresh.paths(live)[0].exists()  # it was building beside the live file
            proc.kill()
            proc.wait(10)
        finally:
            release.set()
    assert digest(live) == before
    with Store.open(live) as store:
        assert store.count_services("") > 0
    # page 1 alone is a partial feed (2 of 4 services): it needs --force
    assert main(["refresh", str(DATA / "oruk-v3-page1.json"), "--force"]) == 0
    assert not refresh.paths(live)[0].exists()
