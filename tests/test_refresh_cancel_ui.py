"""The refresh dialog against slow servers (review F14, cases 175, 177, 178): Cancel answers
within a second, closing never blocks the GUI, and a failed refresh says "offline" once."""

from __future__ import annotations

import hashlib
import socket
import threading
from pathlib import Path

import pytest
import shiboken6

from desktop.data.feeds import refresh
from desktop.data.feeds.fetch import OFFLINE, Limits
from desktop.data.feeds.refresh_lock import lock_path
from desktop.ui import refresh_worker
from desktop.ui.main_window import MainWindow
from desktop.ui.refresh_menu import open_refresh_dialog
from tests.feedserver import Trickle, serve
from tests.test_refresh_ui import feed_file


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def url_dialog(window: MainWindow, url: str):
    dialog = open_refresh_dialog(window, window.session, window.settings.policy)
    dialog.limits = Limits(timeout=30, deadline=60)
    dialog.use_url.setChecked(True)
    dialog.url.setText(url)
    return dialog


def test_cancel_against_a_one_byte_a_second_server(qtbot, window: MainWindow) -> None:
    """Case 175: Cancel left 'Cancelling…' on screen for good."""
    live = window.store.path
    before = digest(live)
    with serve() as feed:
        feed.set("/services", Trickle(every=1.0))
        dialog = url_dialog(window, feed.base)
        dialog.start_button.click()
        qtbot.waitUntil(feed.arrived.is_set, timeout=5000)
        with qtbot.waitSignal(dialog.refresh_failed, timeout=1000) as outcome:
            dialog.cancel_button.click()
            assert dialog.status.text() == "Cancelling…"
    assert outcome.args[0] == f"The refresh was cancelled. {refresh.UNCHANGED}"
    assert dialog.status.text() == outcome.args[0]
    assert digest(live) == before and not lock_path(live).exists()
    dialog.close()


@pytest.fixture
def held_prepare(monkeypatch: pytest.MonkeyPatch):
    """``refresh.prepare`` that, once it has built the new data (holding the lock), waits."""
    built, release = threading.Event(), threading.Event()
    real = refresh.prepare

    def prepare(live, source, now=None):
        result = real(live, source, now)
        built.set()
        release.wait(10)
        return result

    monkeypatch.setattr(refresh, "prepare", prepare)
    yield built, release
    release.set()


def test_closing_the_dialog_never_waits_for_the_worker(
    qtbot, window: MainWindow, tmp_path: Path, held_prepare
) -> None:
    """Case 178: closing called QThread.wait() with no bound and froze the window."""
    built, release = held_prepare
    live = window.store.path
    before = digest(live)
    dialog = open_refresh_dialog(window, window.session, window.settings.policy)
    dialog.use_file.setChecked(True)
    dialog.file.setText(str(feed_file(tmp_path, 5)))
    dialog.start_button.click()
    task = dialog.task
    qtbot.waitUntil(built.is_set, timeout=10_000)
    dialog.close()  # returns although the worker is blocked: it did not wait
    assert task.running() and lock_path(live).exists()
    assert task in refresh_worker._running  # kept alive after the dialog is gone
    release.set()
    qtbot.waitUntil(lambda: not task.running() and task not in refresh_worker._running)
    assert not lock_path(live).exists()  # the result was dropped and the lock released
    assert not refresh.paths(live)[0].exists()
    assert digest(live) == before
    assert window.store.is_demo and window.local_offer.model.total > 5


def test_a_dialog_deleted_with_its_window_abandons_its_refresh(
    qtbot, window: MainWindow, tmp_path: Path, held_prepare
) -> None:
    built, release = held_prepare
    live = window.store.path
    dialog = open_refresh_dialog(window, window.session, window.settings.policy)
    dialog.use_file.setChecked(True)
    dialog.file.setText(str(feed_file(tmp_path, 5)))
    dialog.start_button.click()
    task = dialog.task
    qtbot.waitUntil(built.is_set, timeout=10_000)
    shiboken6.delete(dialog)  # what quitting with the dialog open does to it
    assert task.abandoned
    release.set()
    qtbot.waitUntil(lambda: not task.running() and task not in refresh_worker._running)
    assert not lock_path(live).exists()


def test_closing_during_a_stalled_download_ends_the_worker_too(qtbot, window: MainWindow) -> None:
    """Case 177: the worker itself ends within a second once the dialog is closed."""
    live = window.store.path
    with serve() as feed:
        feed.set("/services", Trickle(pieces=0, hold=True))
        dialog = url_dialog(window, feed.base)
        dialog.start_button.click()
        task = dialog.task
        qtbot.waitUntil(feed.arrived.is_set, timeout=5000)
        dialog.close()
        qtbot.waitUntil(lambda: not task.running(), timeout=1000)
    qtbot.waitUntil(lambda: task not in refresh_worker._running)
    assert not lock_path(live).exists()


def test_a_refresh_with_no_network_says_offline_once(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_lookup(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    dialog = url_dialog(window, "https://council.example.org/api")
    with qtbot.waitSignal(dialog.refresh_failed, timeout=5000):
        dialog.start_button.click()
    assert dialog.status.text() == f"{OFFLINE} {refresh.UNCHANGED}"
    assert dialog.status.text().count("offline") == 1
    assert "Errno" not in dialog.report.toPlainText()
    dialog.close()
