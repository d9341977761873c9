"""The central data file (policy DataFile) in the app: checked at start, and again when the
computer is back online, without ever holding up the window.

:class:`DataFileWatch` starts ``central.check`` ``START_DELAY_MS`` after the window is shown,
in a daemon Python thread rather than a QThread: reading a share that has gone away can
block in the operating system for tens of seconds and cannot be interrupted, and a daemon
thread can neither hold up quitting nor abort the process at exit the way a running
QThread does. The result comes back to the GUI thread through a queued signal; the swap
itself (``refresh.commit``) runs there with the window's Store closed
(``MainWindow.replace_data``), as after a refresh.

- Newer data: swapped in, the status bar says so (and shows the new data date). If the
  shortlist holds services or a dialog is open, the copy is dropped instead and a notice
  says the data will be used at the next start: nothing the adviser is working on changes
  under them.
- Offline, the share or server unreachable, a copy that broke off, a refresh running:
  nothing is said; the check is tried again after 1, 2, 5, 10, then every 15 minutes, and
  at once when the app becomes active again (a laptop opened and back on its network).
- A central file that cannot be used: a short notice stays in the status bar (what is
  wrong in a few words), with the full sentence as its tooltip and in the log.

"Back online" is noticed by trying again, not from the operating system's network events
(QNetworkInformation): that needs QtNetwork, which the build leaves out (docs/decisions.md).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from desktop.config import Settings
    from desktop.data.feeds.central import Check
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

START_DELAY_MS = 300  # after the window is shown: its first paint and queries come first
RETRY_MS = (60_000, 120_000, 300_000, 600_000, 900_000)  # then every 15 minutes
ACTIVE_GAP = 30.0  # seconds: becoming active again retries at once, but not more often
LATER = "Newer central Local Offer data will be used when the app next starts."
LATER_WHY = (
    "Newer Local Offer data from your organisation is ready. It was not put in place now, so "
    "that nothing you are working on (the shortlist, an open dialog) changes under you."
)


def problem_notice(found: Check) -> str:
    """The status bar's short form of a central file that cannot be used (the full sentence
    is its tooltip and in the log)."""
    if not found.reason:
        return found.sentence
    return f"Central Local Offer data not used ({found.reason}): tell IT."


def watch_data_file(window: MainWindow, settings: Settings) -> DataFileWatch | None:
    """Start watching the DataFile policy's central file for ``window``. None when the
    policy is not set, the data is read-only, or ``--db`` named another file (the app does
    not replace a file the user chose of its own accord; ``fetch-data --db`` does on request)."""
    if not settings.policy.data_file or window.store.read_only or settings.db_override:
        return None
    watch = DataFileWatch(window, settings.policy.data_file)
    watch.start_soon(START_DELAY_MS)
    return watch


class DataFileWatch(QObject):
    checked = Signal(object)  # each central.Check, after the window has acted on it
    _arrived = Signal(object)  # from the worker thread (queued to the GUI thread)

    def __init__(
        self,
        window: MainWindow,
        location: str,
        *,
        retry_ms: Sequence[int] = RETRY_MS,
        clock: Callable[[], float] = time.monotonic,
        check: Callable[..., Check] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.location = location
        self.retry_ms = tuple(retry_ms)
        self.clock = clock
        self._check = check
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._stopped = False
        self.failures = 0  # checks in a row that could not reach the central file
        self._last_start = -math.inf
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.timeout.connect(self.start)
        self._arrived.connect(self._on_arrived, Qt.ConnectionType.QueuedConnection)
        window.installEventFilter(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
            if isinstance(app, QApplication):
                app.applicationStateChanged.connect(self._on_state)

    # -- starting and stopping -----------------------------------------------------------------
    def start_soon(self, delay_ms: int) -> None:
        self.retry.start(max(0, delay_ms))

    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> bool:
        """Check now (in the worker thread); False when stopped or a check is running."""
        if self._stopped or self.running():
            return False
        self.retry.stop()
        self._last_start = self.clock()
        live, bundled = self.window.store.path, self.window.settings.bundled_db
        self._thread = threading.Thread(
            target=self._run, args=(live, bundled), name="datafile-check", daemon=True
        )
        self._thread.start()
        return True

    def stop(self) -> None:
        """No more checks; one running is cancelled and its result dropped (never waits)."""
        self._stopped = True
        self._cancel.set()
        self.retry.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            QTimer.singleShot(0, self._stop_if_closed)  # the close may yet be refused
        return False

    def _stop_if_closed(self) -> None:
        if not self.window.isVisible():
            self.stop()

    def _on_state(self, state: Qt.ApplicationState) -> None:
        """Active again (a laptop opened, back on its network): retry now, if waiting to."""
        if (
            state == Qt.ApplicationState.ApplicationActive
            and self.retry.isActive()
            and self.failures
            and self.clock() - self._last_start >= ACTIVE_GAP
        ):
            self.start()

    # -- the worker thread ----------------------------------------------------------------------
    def _run(self, live: Any, bundled: Any) -> None:
        from desktop.data.feeds import central, refresh

        check = self._check or central.check
        try:
            found = check(live, bundled, self.location, cancelled=self._cancel.is_set)
        except Exception as exc:  # a bug: reported as one, the data untouched
            log.exception("the central data check failed unexpectedly")
            found = central.Check(
                central.Kind.RETRY, f"unexpected error {exc!r}", log=["see the traceback above"]
            )
        try:
            self._arrived.emit(found)
        except RuntimeError:  # the window, and this watch with it, has been deleted
            if found.result is not None:
                refresh.discard(found.result, "Not used: the app closed.")

    # -- back on the GUI thread -----------------------------------------------------------------
    def _on_arrived(self, found: Check) -> None:
        from desktop.data.feeds import refresh
        from desktop.data.feeds.central import Kind

        for line in found.log:
            (log.warning if found.kind is Kind.PROBLEM else log.info)("%s", line)
        if self._stopped or not self.window.isVisible():
            if found.result is not None:
                refresh.discard(found.result, "Not used: the app closed.")
            return
        if found.kind is Kind.READY:
            self.failures = 0
            self._use(found)
        elif found.kind is Kind.PROBLEM:
            self.failures = 0
            self.window.set_notice(problem_notice(found), found.sentence)
        elif found.kind in (Kind.UNREACHABLE, Kind.RETRY, Kind.BUSY):
            self.retry.start(self.retry_ms[min(self.failures, len(self.retry_ms) - 1)])
            self.failures += 1
        elif found.kind in (Kind.UP_TO_DATE, Kind.NOT_NEWER):
            self.failures = 0
            self.window.show_status(
                "The Local Offer data is up to date with your organisation's copy."
            )
        self.checked.emit(found)

    def _busy(self) -> str:
        if self.window.local_offer.shortlist.services():
            return "the shortlist was not empty"
        if QApplication.activeModalWidget() is not None:
            return "a dialog was open"
        return ""

    def _use(self, found: Check) -> None:
        from desktop.data.feeds import refresh

        result = found.result
        assert result is not None
        busy = self._busy()
        if busy:
            refresh.discard(result, f"Not used now: {busy}; it is used at the next start.")
            self.window.set_notice(LATER, LATER_WHY)
            return
        try:
            self.window.replace_data(lambda: refresh.commit(result, force=True))
        except refresh.RefreshError as exc:
            log.warning("central data not put in place: %s", exc)
            self.window.set_notice(
                "Your organisation's Local Offer data could not be put in place. Your data "
                "has not changed.",
                str(exc),
            )
            return
        self.window.show_status(
            f"The Local Offer data was updated from your organisation's copy: "
            f"{result.service_count:,} services, data as of {found.data_as_of or 'unknown'}."
        )
