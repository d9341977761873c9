"""Review F2, F11 and F12: locked is "in use", read-only upgrades open, damaged pages are found.

Case 234 (a healthy database locked for a few seconds was replaced by demo data), cases
31–33 and 82–85 (an upgrade over a read-only refreshed copy crashed), cases 58, 86, 87 (a
partly damaged database stopped the GUI and hung ``--smoke``).
"""

from __future__ import annotations

import re
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from desktop import logs
from desktop.cli import main
from desktop.data import livedb, livefiles, store
from desktop.data.livedb import open_live
from desktop.data.store import DatabaseInUse
from desktop.errors import ExitCode
from tests.attack_helpers import (
    DB_NAME,
    corrupt_pages,
    digest,
    make_live,
    mark_refreshed,
    no_traceback,
    one_sentence,
    run_cli,
    unprivileged,
)


@pytest.fixture
def short_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "BUSY_TIMEOUT", 0.2)


def hold_exclusive(path: Path) -> sqlite3.Connection:
    """What an anti-virus scan, a backup tool or a second instance does to the file."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    return conn


# -- F2 --------------------------------------------------------------------------------------
def test_case_234_a_locked_healthy_database_is_in_use_never_damaged(
    data_dir: Path, bundled_db: Path, short_retry: None, capsys: pytest.CaptureFixture[str]
) -> None:
    live = make_live(data_dir, bundled_db)
    mark_refreshed(live, services=50)
    before = digest(live)
    holder = hold_exclusive(live)
    try:
        assert main(["info"]) == ExitCode.IN_USE
        err = capsys.readouterr().err
        assert one_sentence(err) == (
            f"The data file {live} is in use by another program (perhaps a backup, a virus "
            "scan or another copy of the app): wait a moment and try again. Nothing was changed."
        )
        assert no_traceback(err)
        with pytest.raises(DatabaseInUse):
            open_live(live, bundled_db, data_dir=data_dir)
    finally:
        holder.rollback()
        holder.close()
    assert digest(live) == before
    assert not livefiles.kept_copies(live)  # nothing was set aside
    assert main(["info"]) == ExitCode.OK  # and once released, the data is all there
    assert re.search(r"^services\s+50$", capsys.readouterr().out, re.M)


def test_a_locked_database_refuses_a_refresh_as_in_use(
    data_dir: Path, bundled_db: Path, tmp_path: Path, short_retry: None, capsys
) -> None:
    live = make_live(data_dir, bundled_db)
    feed = tmp_path / "feed.json"
    feed.write_text('[{"id": "a", "name": "A"}]')
    assert main(["info"]) == ExitCode.OK
    capsys.readouterr()
    before = digest(live)
    holder = hold_exclusive(live)
    try:
        assert main(["refresh", str(feed)]) == ExitCode.IN_USE
    finally:
        holder.rollback()
        holder.close()
    err = capsys.readouterr().err
    assert "in use by another program" in err and no_traceback(err)
    assert digest(live) == before and not livefiles.kept_copies(live)


def test_a_locked_copy_postpones_the_guidance_update(
    data_dir: Path, bundled_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = make_live(data_dir, bundled_db)
    mark_refreshed(live)
    conn = sqlite3.connect(live)
    conn.execute("UPDATE meta SET value = 'older bundle' WHERE key = 'sources_sha256'")
    conn.commit()
    conn.close()
    before = digest(live)

    def busy(live: Path, bundled: Path) -> None:
        error = sqlite3.OperationalError("database is locked")
        error.sqlite_errorcode, error.sqlite_errorname = 5, "SQLITE_BUSY"
        raise error

    monkeypatch.setattr(livedb, "_update_reference_tables", busy)
    opened = open_live(live, bundled_db, data_dir=data_dir)
    opened.store.close()
    assert "will be added next time" in opened.notice
    assert digest(live) == before


# -- F11 -------------------------------------------------------------------------------------
def make_outdated_read_only(data_dir: Path, bundled: Path) -> Path:
    live = make_live(data_dir, bundled)
    mark_refreshed(live, services=12)
    conn = sqlite3.connect(live)
    conn.execute("UPDATE meta SET value = 'x' WHERE key = 'sources_sha256'")
    conn.commit()
    conn.close()
    live.chmod(0o444)
    return live


@pytest.mark.parametrize("command", [["info"], ["search", "club"]])
def test_cases_31_33_a_read_only_refreshed_copy_opens_read_only_after_an_upgrade(
    data_dir: Path, bundled_db: Path, command: list[str]
) -> None:
    live = make_outdated_read_only(data_dir, bundled_db)
    before = digest(live)
    result = run_cli(command, data_dir, bundled_db, prefix=unprivileged())
    assert result.returncode == ExitCode.OK, result.stderr
    assert no_traceback(result.stdout, result.stderr)
    if command == ["info"]:
        assert f"{live} (read-only)" in result.stdout
        assert "Your data file is read-only, so this version's guidance" in result.stdout
    assert digest(live) == before


def test_cases_82_84_refresh_and_restore_keep_a_read_only_copy_read_only(
    data_dir: Path, bundled_db: Path, tmp_path: Path
) -> None:
    """Every command died on the read-only upgraded copy; refresh and restore now work (the
    folder is writable) and the live file stays read-only."""
    live = make_outdated_read_only(data_dir, bundled_db)
    before = digest(live)
    export = tmp_path / "feed.json"
    export.write_text('[{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]')
    result = run_cli(["refresh", str(export), "--force"], data_dir, bundled_db, prefix=unprivileged())
    assert result.returncode == ExitCode.OK, result.stderr
    assert no_traceback(result.stdout, result.stderr)
    assert digest(live) != before and stat.S_IMODE(live.stat().st_mode) == 0o444
    result = run_cli(["restore-previous"], data_dir, bundled_db, prefix=unprivileged())
    assert result.returncode == ExitCode.OK, result.stderr
    assert digest(live) == before and stat.S_IMODE(live.stat().st_mode) == 0o444


def test_case_32_the_gui_smoke_test_opens_a_read_only_refreshed_copy(
    data_dir: Path, bundled_db: Path
) -> None:
    live = make_outdated_read_only(data_dir, bundled_db)
    before = digest(live)
    result = run_cli(["--smoke"], data_dir, bundled_db, prefix=unprivileged())
    assert result.returncode == ExitCode.OK, result.stderr
    assert "smoke test passed" in result.stdout and "12 services" in result.stdout
    assert no_traceback(result.stderr) and digest(live) == before


# -- F12 -------------------------------------------------------------------------------------
def damaged_live(data_dir: Path, bundled: Path) -> tuple[Path, str]:
    live = make_live(data_dir, bundled)
    corrupt_pages(live, "services", slice(3, 5))
    return live, digest(live)


def test_case_86_search_over_a_damaged_page_sets_the_file_aside(
    data_dir: Path, bundled_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    live, damaged = damaged_live(data_dir, bundled_db)
    assert main(["info"]) == ExitCode.OK  # info never reads the damaged pages
    capsys.readouterr()
    assert main(["search", "--limit", "50000"]) == ExitCode.OK
    out, err = capsys.readouterr()
    assert no_traceback(out, err)
    assert one_sentence(err) == (
        "Your data file was damaged and has been replaced by the bundled data (kept as "
        f"{DB_NAME}.corrupt-1; File → Restore previous data lists it)."
    )
    assert "69 services found" in out
    assert digest(data_dir / f"{DB_NAME}.corrupt-1") == damaged
    assert digest(live) == digest(bundled_db)


def test_cases_58_87_smoke_over_a_damaged_page_neither_hangs_nor_crashes(
    data_dir: Path, bundled_db: Path
) -> None:
    _, damaged = damaged_live(data_dir, bundled_db)
    result = run_cli(["--smoke"], data_dir, bundled_db, timeout=60)
    assert result.returncode == ExitCode.OK, result.stderr
    assert "smoke test passed" in result.stdout and no_traceback(result.stderr)
    assert digest(data_dir / f"{DB_NAME}.corrupt-1") == damaged
    log = (data_dir / "logs" / "send-desk.log").read_text(encoding="utf-8")
    assert "QThread: Destroyed while thread" not in log


def test_the_gui_window_over_a_damaged_page_shows_the_notice(
    qtbot, data_dir: Path, bundled_db: Path
) -> None:
    from desktop.app import _open_window
    from desktop.config import load_settings
    from desktop.data.livedb import replace_damaged

    live, damaged = damaged_live(data_dir, bundled_db)
    settings = load_settings()
    opened = open_live(live, bundled_db, data_dir=data_dir)
    holder = [opened]

    def recover(exc: BaseException):
        holder[0].store.close()
        holder[0] = replace_damaged(live, bundled_db, data_dir=data_dir, reason=str(exc))
        return holder[0]

    window = _open_window(settings, opened, recover)
    qtbot.addWidget(window)
    try:
        assert "Your data file was damaged" in window.status_bar.notice_label.text()
        assert window.local_offer.model.total == 69
    finally:
        window.close()
        holder[0].store.close()
    assert digest(data_dir / f"{DB_NAME}.corrupt-1") == damaged


def test_a_damaged_page_met_later_is_checked_at_the_next_start(
    qapp, data_dir: Path, bundled_db: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """The exception hook notes the damage (no dialog offscreen); the next start checks."""
    live, damaged = damaged_live(data_dir, bundled_db)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(logs, "uncaught", [])
    logs.install_excepthook(None, dialog=False)
    logs.watch_for_damage(live)
    conn = sqlite3.connect(live)
    try:
        conn.execute("SELECT group_concat(description) FROM services").fetchall()
    except sqlite3.DatabaseError:
        sys.excepthook(*sys.exc_info())
    finally:
        conn.close()
    err = capsys.readouterr().err
    assert one_sentence(err).startswith("Your data file is damaged: restart the app")
    assert livefiles.check_marker(live).exists()
    opened = open_live(live, bundled_db, data_dir=data_dir)  # the next start
    opened.store.close()
    assert "damaged" in opened.notice and not livefiles.check_marker(live).exists()
    assert digest(data_dir / f"{DB_NAME}.corrupt-1") == damaged


def test_a_sound_file_with_a_check_note_is_kept(data_dir: Path, bundled_db: Path) -> None:
    live = make_live(data_dir, bundled_db)
    before = digest(live)
    livedb.mark_for_check(live)
    opened = open_live(live, bundled_db, data_dir=data_dir)
    opened.store.close()
    assert opened.notice == "" and digest(live) == before
    assert not livefiles.check_marker(live).exists() and not livefiles.kept_copies(live)
