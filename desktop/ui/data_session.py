"""The data the window shows: the open Store, and the provider directory merged over it.

:class:`DataSession` owns the Store for the window. A refresh, a restore or a central
data-file update replaces the file on disk through :meth:`DataSession.replace`: workers
with connections of their own are told to stop (``about_to_replace``), the Store is closed
(Windows cannot replace a file that is open), the swap runs, and the file is opened again
and announced (``store_replaced``), with the provider directory built anew over it.

If the file cannot be opened again (another program holds it, it is damaged), that is
said in one sentence (``open_failed``) instead of raising into whatever asked for the
swap; :meth:`reopen` tries again. The first Store is the caller's to close; the ones the
session opens are the session's, closed when the next one comes or on :meth:`close`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.config import Settings
from desktop.data.store import Store
from desktop.errors import UserError

if TYPE_CHECKING:  # the directory (and the provider files' checks) load when first needed
    from desktop.data.directory import ProviderDirectory

log = logging.getLogger(__name__)

REOPEN_FAILED = (
    "The data was changed but could not be opened again: choose Try again, or close the "
    "app and start it again."
)


class DataSession(QObject):
    about_to_replace = Signal()  # stop anything holding a connection of its own, now
    store_replaced = Signal(object)  # the new Store, open on the same file
    open_failed = Signal(str, str)  # the sentence for the user, and the reason

    def __init__(self, store: Store, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._opened: Store | None = None  # a Store this session opened (and must close)
        self._settings = settings
        self._directory: ProviderDirectory | None = None
        self.is_open = True

    @property
    def store(self) -> Store:
        return self._store

    @property
    def directory(self) -> ProviderDirectory:
        """The one merged provider list over this Store (built when first needed)."""
        if self._directory is None:
            from desktop.data.directory import ProviderDirectory

            policy = self._settings.policy
            self._directory = ProviderDirectory(
                self._store.providers(),
                data_dir=self._settings.data_dir,
                policy_file=policy.providers_file,
                organisation_name=policy.organisation_name,
            )
        return self._directory

    def replace(self, action: Callable[[], object]) -> bool:
        """Run ``action`` (which swaps the database file) with the Store closed, then open the
        file again. An error from ``action`` is raised after the reopen (the file is then
        the one from before); False when the file could not be opened again."""
        self.about_to_replace.emit()
        self._store.close()
        self.is_open = False
        try:
            action()
        finally:
            reopened = self.reopen()
        return reopened

    def reopen(self) -> bool:
        """Open the file again and announce the new Store; False (and ``open_failed``) when
        it cannot be opened."""
        self.about_to_replace.emit()
        previous = self._store
        try:
            store = Store.open(previous.path, previous.read_only).use_terms(previous.terms)
        except UserError as exc:
            log.warning("the data could not be opened again after a change: %s", exc)
            self.is_open = False
            self.open_failed.emit(REOPEN_FAILED, str(exc))
            return False
        if self._opened is not None:
            self._opened.close()  # closing an already-closed Store is harmless
        self._store = self._opened = store
        self._directory = None
        self.is_open = True
        self.store_replaced.emit(store)
        return True

    def close(self) -> None:
        """Close the Store this session opened (the caller closes the one it gave)."""
        if self._opened is not None:
            self._opened.close()
            self._opened = None
