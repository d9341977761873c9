"""Running ``refresh.prepare`` off the GUI thread: a worker QObject in its own QThread.

The worker opens its own SQLite connections (inside ``prepare``) in the worker thread;
the swap itself (``refresh.commit``) runs on the GUI thread once the window has closed
its Store, because Windows cannot replace a file that is open.

A prepared result holds the refresh lock until it is committed or discarded. The worker
discards it itself when the user cancelled in the meantime, and a task that is
abandoned (the dialog closed) discards whatever its worker produces.

Closing the dialog never blocks the GUI (review F14): :meth:`RefreshTask.abandon`
cancels and stops listening without waiting. The task is not a child of the dialog, so
it outlives it; it stays in ``_running`` until its thread ends, then drops the result
and releases the lock. At quit, each running task gets a bounded wait.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from desktop.data.feeds import refresh
from desktop.data.feeds.fetch import Limits
from desktop.data.feeds.sources import Progress, Source

log = logging.getLogger(__name__)


class RefreshWorker(QObject):
    progress = Signal(object)  # a Progress snapshot
    finished = Signal(object)  # a RefreshResult (prepared, not yet swapped in)
    failed = Signal(str)  # one sentence for the user
    report_saved = Signal(str)  # the path of the report on disk (before ``failed``)

    def __init__(self, live: Path, location: str, limits: Limits | None = None) -> None:
        super().__init__()
        self.live = Path(live)
        self.location = location
        self.limits = limits or Limits()
        self.taxonomy_map_file = ""  # policy TaxonomyMapFile (extra category map entries)
        self._cancel = threading.Event()
        self.results: list[refresh.RefreshResult] = []  # read by RefreshTask after the thread ends

    def cancel(self) -> None:
        self._cancel.set()

    def _emit_progress(self, progress: Progress) -> None:
        self.progress.emit(dataclasses.replace(progress))

    @Slot()
    def run(self) -> None:
        source = Source(
            self.location,
            self.limits,
            on_progress=self._emit_progress,
            cancelled=self._cancel.is_set,
            taxonomy_map_file=self.taxonomy_map_file,
        )
        try:
            result = refresh.prepare(self.live, source)
        except refresh.RefreshError as exc:
            if exc.report_path is not None:
                self.report_saved.emit(str(exc.report_path))
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug: log it, but still tell the user their data is safe
            log.exception("refresh failed unexpectedly")
            self.failed.emit(
                f"The refresh failed unexpectedly ({exc}). {refresh.UNCHANGED} "
                "The log file has the details."
            )
        else:
            self.results.append(result)
            if self._cancel.is_set():
                refresh.discard(result, "Not used: the refresh was cancelled.")
                if result.report_path is not None:
                    self.report_saved.emit(str(result.report_path))
                self.failed.emit(f"The refresh was cancelled. {refresh.UNCHANGED}")
            else:
                self.finished.emit(result)


_running: set[RefreshTask] = set()  # tasks whose thread has not ended: kept alive here
QUIT_WAIT_MS = 5000
_quit_hooked = False


def _wait_at_quit() -> None:
    for task in list(_running):
        task.abandon()
        if not task.wait(QUIT_WAIT_MS):
            log.warning("a cancelled refresh was still running at quit")


class RefreshTask(QObject):
    """Owns one worker and its thread, and relays the worker's signals on the GUI thread."""

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    report_saved = Signal(str)

    def __init__(self, live: Path, location: str, limits: Limits | None = None) -> None:
        super().__init__()  # never a child of the dialog: it may have to outlive it
        self.worker = RefreshWorker(live, location, limits)
        self.results = self.worker.results  # a plain list: still readable once the worker is gone
        self.abandoned = False
        self._thread = QThread()
        self._thread.setObjectName("refresh")
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        self.worker.finished.connect(self._thread.quit)
        self.worker.failed.connect(self._thread.quit)
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.report_saved.connect(self._on_report_saved)
        # Qt's pattern: the worker is deleted in its own thread as that thread ends.
        self._thread.finished.connect(self.worker.deleteLater)
        self._thread.finished.connect(self._on_thread_ended)

    def start(self) -> None:
        global _quit_hooked
        app = QCoreApplication.instance()
        if app is not None and not _quit_hooked:
            app.aboutToQuit.connect(_wait_at_quit)
            _quit_hooked = True
        _running.add(self)
        self._thread.start()

    def running(self) -> bool:
        # At interpreter exit the QThread may be deleted before the dialog that calls this.
        return shiboken6.isValid(self._thread) and self._thread.isRunning()

    def cancel(self) -> None:
        self.worker.cancel()

    def abandon(self) -> None:
        """Cancel and stop listening, without waiting; the result, if any, is dropped."""
        self.abandoned = True
        self.worker.cancel()
        if not self.running():
            self._discard_all()

    stop = abandon  # what closing the dialog does

    def wait(self, ms: int) -> bool:
        """Wait at most ``ms`` for the thread (at quit and in tests, never on Close)."""
        return not shiboken6.isValid(self._thread) or self._thread.wait(ms)

    def _discard_all(self) -> None:
        for result in self.results:
            refresh.discard(result, "Not used: the refresh dialog was closed.")
        _running.discard(self)

    # -- relays, on the GUI thread -----------------------------------------------------------------
    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        if not self.abandoned:
            self.progress.emit(progress)

    @Slot(object)
    def _on_finished(self, result: refresh.RefreshResult) -> None:
        if self.abandoned:
            refresh.discard(result, "Not used: the refresh dialog was closed.")
        else:
            self.finished.emit(result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if not self.abandoned:
            self.failed.emit(message)

    @Slot(str)
    def _on_report_saved(self, path: str) -> None:
        if not self.abandoned:
            self.report_saved.emit(path)

    @Slot()
    def _on_thread_ended(self) -> None:
        if self.abandoned:
            self._discard_all()
        else:
            _running.discard(self)  # an unhandled result is the owner's (see stop)
