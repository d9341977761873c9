"""Running ``refresh.prepare`` off the GUI thread: a worker QObject in its own QThread.

The worker opens its own SQLite connections (inside ``prepare``) in the worker thread;
the swap itself (``refresh.commit``) runs on the GUI thread once the window has closed
its Store, because Windows cannot replace a file that is open.

A prepared result holds the refresh lock until it is committed or discarded. The worker
discards it itself when the user cancelled in the meantime, and ``RefreshTask.stop``
discards one that was never handed over (the dialog closed first), so a closed dialog
never leaves the lock behind.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

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


class RefreshTask(QObject):
    """Owns one worker and its thread; ``stop()`` cancels and waits (no thread left behind)."""

    def __init__(
        self, live: Path, location: str, limits: Limits | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.worker = RefreshWorker(live, location, limits)
        self.results = self.worker.results  # a plain list: still readable once the worker is gone
        self.thread = QThread()
        self.thread.setObjectName("refresh")
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self.thread.quit)
        self.worker.failed.connect(self.thread.quit)
        # Qt's pattern: the worker is deleted in its own thread as that thread ends.
        self.thread.finished.connect(self.worker.deleteLater)

    def start(self) -> None:
        self.thread.start()

    def running(self) -> bool:
        return self.thread.isRunning()

    def cancel(self) -> None:
        self.worker.cancel()

    def stop(self) -> None:
        """Cancel, wait for the thread, and end any prepared refresh nobody committed."""
        self.worker.cancel()
        self.thread.quit()
        self.thread.wait()
        for result in self.results:
            refresh.discard(result)  # nothing happens to one already committed or discarded
