"""File → Refresh Local Offer… and Restore previous data, driven through the dialog (offscreen)."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.data.feeds import refresh
from desktop.data.feeds.fetch import Limits
from desktop.ui import plain
from desktop.ui.main_window import MainWindow
from desktop.ui.refresh_dialog import RefreshDialog
from desktop.ui.refresh_menu import open_refresh_dialog, restore_previous
from tests.feedserver import serve
from tests.qt_helpers import open_main_window

DATA = Path(__file__).parent / "data"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def feed_file(tmp_path: Path, n: int, when: str = "2026-10-05") -> Path:
    rows = [
        {"id": f"r{i}", "name": f"Refreshed service {i}", "last_modified": when} for i in range(n)
    ]
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"total_pages": 1, "contents": rows}))
    return path


def run_dialog(qtbot, window: MainWindow, location: str) -> RefreshDialog:
    dialog = open_refresh_dialog(window, window.session, window.settings.policy)
    dialog.use_file.setChecked(True)
    dialog.file.setText(location)
    return dialog


def test_refresh_from_a_file_reloads_the_window(qtbot, window: MainWindow, tmp_path: Path) -> None:
    assert window.status_bar.demo_label.isVisible()
    dialog = run_dialog(qtbot, window, str(feed_file(tmp_path, 12)))
    with qtbot.waitSignal(dialog.data_replaced, timeout=10_000):
        dialog.start_button.click()
    assert window.local_offer.model.total == 12
    assert window.status_bar.count_label.text() == "12 services"
    assert window.status_bar.as_of_label.text() == "Data as of 2026-10-05"
    assert not window.status_bar.demo_label.isVisible()
    assert "Services imported: 12" in dialog.report.toPlainText()
    assert window.store.meta()["is_demo"] == "0"
    dialog.close()


def test_a_bad_file_shows_one_sentence_and_changes_nothing(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    before = digest(window.store.path)
    bad = tmp_path / "bad.json"
    bad.write_text("<html>oops</html>")
    dialog = run_dialog(qtbot, window, str(bad))
    with qtbot.waitSignal(dialog.refresh_failed, timeout=10_000):
        dialog.start_button.click()
    assert "has not changed" in dialog.status.text()
    assert "web page" in dialog.report.toPlainText()
    assert digest(window.store.path) == before
    assert window.status_bar.demo_label.isVisible()
    dialog.close()


def test_cancel_from_the_dialog(qtbot, window: MainWindow) -> None:
    before = digest(window.store.path)
    asked, release = threading.Event(), threading.Event()

    def slow():
        asked.set()
        release.wait(10)
        return 200, {}, (DATA / "oruk-v3-page1.json").read_bytes()

    with serve() as feed:
        feed.set("/services?page=1&per_page=200", slow)
        dialog = open_refresh_dialog(window, window.session, window.settings.policy)
        dialog.limits = Limits(timeout=5)
        dialog.use_url.setChecked(True)
        dialog.url.setText(feed.base)
        dialog.start_button.click()
        qtbot.waitUntil(asked.is_set, timeout=10_000)
        assert dialog.running() and not dialog.start_button.isEnabled()
        # Wait on the dialog's own signal: the worker's are emitted on another thread.
        with qtbot.waitSignal(dialog.refresh_failed, timeout=10_000) as blocker:
            dialog.cancel_button.click()
            release.set()
        assert dialog.task.wait(10_000)
    assert "cancelled" in blocker.args[0]
    assert "cancelled" in dialog.status.text()
    assert digest(window.store.path) == before
    assert not refresh.paths(window.store.path)[0].exists()
    dialog.close()


def test_declining_a_large_drop_keeps_the_data(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = run_dialog(qtbot, window, str(feed_file(tmp_path, 40)))
    with qtbot.waitSignal(dialog.data_replaced, timeout=10_000):
        dialog.start_button.click()
    before = digest(window.store.path)
    monkeypatch.setattr(RefreshDialog, "confirm_drop", lambda self, result: False)
    dialog.file.setText(str(feed_file(tmp_path, 5)))
    with (
        qtbot.assertNotEmitted(dialog.data_replaced),
        qtbot.waitSignal(dialog.refresh_failed, timeout=10_000),
    ):
        dialog.start_button.click()
    assert "less than half" in dialog.status.text()
    assert digest(window.store.path) == before
    assert window.local_offer.model.total == 40
    dialog.close()


def test_restore_previous_from_the_menu(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = run_dialog(qtbot, window, str(feed_file(tmp_path, 7)))
    with qtbot.waitSignal(dialog.data_replaced, timeout=10_000):
        dialog.start_button.click()
    dialog.close()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert restore_previous(window, window.session)
    assert window.store.is_demo and window.status_bar.demo_label.isVisible()
    assert window.local_offer.model.total > 7


def test_refresh_disabled_by_policy(qtbot, data_dir: Path, tmp_path: Path, monkeypatch) -> None:
    policy = tmp_path / "policy.ini"
    policy.write_text("[Policy]\nRefreshDisabled = 1\n")
    monkeypatch.setenv("SEND_DESK_POLICY", str(policy))
    win = open_main_window(qtbot)
    try:
        for action in (win.menu_actions.refresh, win.menu_actions.restore):
            assert not action.isEnabled()
            assert "managed by your organisation" in action.text()
    finally:
        win.close()
        win.store.close()


def test_stale_warning_after_a_refresh_of_old_data(
    qtbot, data_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    policy = tmp_path / "policy.ini"
    policy.write_text("[Policy]\nStaleAfterDays = 30\nRefreshUrl = https://example.org/oruk\n")
    monkeypatch.setenv("SEND_DESK_POLICY", str(policy))
    win = open_main_window(qtbot)
    try:
        dialog = run_dialog(qtbot, win, str(feed_file(tmp_path, 3, when="2020-01-01")))
        assert (
            dialog.use_policy.isEnabled() and dialog.policy_url.text() == "https://example.org/oruk"
        )
        with qtbot.waitSignal(dialog.data_replaced, timeout=10_000):
            dialog.start_button.click()
        assert "days old" in win.status_bar.notice_label.text()
        dialog.close()
    finally:
        win.close()
        win.store.close()


# -- the refresh lock -------------------------------------------------------------------------
def test_the_dialog_refuses_while_another_refresh_runs(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.data.feeds.refresh_lock import RefreshLock, lock_path

    dialog = run_dialog(qtbot, window, str(feed_file(tmp_path, 12)))
    with qtbot.waitSignal(dialog.data_replaced, timeout=10_000):
        dialog.start_button.click()
    before = digest(window.store.path)
    other = RefreshLock.acquire(window.store.path)  # e.g. `send-desk refresh` in a terminal
    with qtbot.waitSignal(dialog.refresh_failed, timeout=10_000) as blocker:
        dialog.start_button.click()
    assert blocker.args[0].startswith("Another refresh is running")
    assert blocker.args[0].endswith("your current data has not changed.")
    assert dialog.status.text() == blocker.args[0]
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(plain, "warn", lambda parent, title, text: messages.append(text))
    assert not restore_previous(window, window.session)
    assert messages and messages[0].startswith("Another refresh is running")
    assert digest(window.store.path) == before
    assert window.local_offer.model.total == 12
    other.release()
    assert restore_previous(window, window.session) and window.store.is_demo
    assert not lock_path(window.store.path).exists()
    dialog.close()


def test_a_prepared_refresh_never_handed_over_releases_the_lock(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    """The dialog closes after the worker finished but before its result arrived."""
    from desktop.data.feeds.refresh_lock import lock_path
    from desktop.ui.refresh_worker import RefreshTask

    live = window.store.path
    task = RefreshTask(live, str(feed_file(tmp_path, 3)))
    task.start()
    qtbot.waitUntil(lambda: bool(task.results) and not task.running(), timeout=10_000)
    assert task.results[0].pending and lock_path(live).exists()
    task.stop()  # what closing the dialog does
    assert not task.results[0].pending
    assert not lock_path(live).exists() and not refresh.paths(live)[0].exists()


def test_the_dialog_says_where_the_report_is(qtbot, window: MainWindow, tmp_path: Path) -> None:
    dialog = run_dialog(qtbot, window, str(feed_file(tmp_path, 4)))
    with qtbot.waitSignal(dialog.data_replaced, timeout=10_000):
        dialog.start_button.click()
    saved = dialog.report_path
    assert saved is not None and saved.parent == window.store.path.parent / "logs"
    assert f"The full report is saved in {saved}." in dialog.status.text()
    assert dialog.report.toPlainText().endswith(f"The full report is saved in {saved}.")
    assert "Outcome: Used" in saved.read_text()
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2")
    dialog.file.setText(str(bad))
    with qtbot.waitSignal(dialog.refresh_failed, timeout=10_000):
        dialog.start_button.click()
    assert dialog.report_path is not None and dialog.report_path != saved
    assert "has not changed" in dialog.status.text() and "saved in" not in dialog.status.text()
    assert str(dialog.report_path) in dialog.report.toPlainText()
    dialog.close()
