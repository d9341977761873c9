"""A "Did you mean…?" for the Local Offer, off the GUI thread.

The first suggestion reads the index's whole vocabulary (0.6 s at 100,000 services), so a
worker in its own QThread, with its own read-only Store, answers ``Store.suggest``. Each
request has a generation number; only the newest request's answer is passed on, so a
suggestion always belongs to what is in the search box now. ``stop()`` closes the worker's
connection in its own thread, ends the thread and waits (before a file swap, on close).
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from desktop.data.schema import SchemaError
from desktop.data.search_terms import NO_TERMS, SearchTerms
from desktop.data.store import StoreError
from desktop.ui.local_offer.worker_thread import StoreWorker, WorkerTask

log = logging.getLogger(__name__)


class SuggestWorker(StoreWorker):
    finished = Signal(int, str)  # generation, suggested text ('' for none)

    @Slot(int, str, object)
    def compute(self, generation: int, text: str, filters: dict[str, Any]) -> None:
        if self._is_stale(generation):
            return
        try:
            found = self._opened().suggest(text, **filters)
        # SchemaError: the file's format changed under the window (a newer app wrote it).
        except (StoreError, SchemaError, sqlite3.Error, ValueError) as exc:
            self.failed.emit(generation, str(exc))
            return
        if not self._is_stale(generation):
            self.finished.emit(generation, found.text if found else "")


class SuggestTask(WorkerTask):
    """The GUI side: ``request`` a suggestion, ``ready`` gives it (text, '' for none)."""

    ready = Signal(str, str)  # the search it is for, the suggestion
    _request = Signal(int, str, object)

    def __init__(
        self, path: Path, parent: QObject | None = None, terms: SearchTerms = NO_TERMS
    ) -> None:
        super().__init__(SuggestWorker(path, terms), "suggest", parent)
        self._texts: dict[int, str] = {}

    def request(self, text: str, filters: dict[str, Any]) -> None:
        if self._stopped:
            return
        self._generation += 1
        self._texts = {self._generation: text}
        self.worker.supersede(self._generation)
        self._request.emit(self._generation, text, dict(filters))

    def cancel(self) -> None:
        """Drop any answer still to come (the search box changed to a search that needs none)."""
        self._generation += 1
        self.worker.supersede(self._generation)

    def _on_finished(self, generation: int, suggestion: str) -> None:
        if generation == self._generation and not self._stopped:
            self.ready.emit(self._texts.get(generation, ""), suggestion)

    def _on_failed(self, generation: int, message: str) -> None:
        log.warning("spelling suggestion failed: %s", message)  # logged on the GUI thread
