"""Opening the live data for a command or the window: the bundled database rebuilt from a
source checkout when its sources changed, ``open_live`` with the refresh lock as its
guard, and the recovery when a first query meets a damaged page (set aside, bundled data,
one notice). Split from ``desktop.cli``, which parses and dispatches."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from desktop.errors import UserError

if TYPE_CHECKING:  # loaded by the commands that use them, not by every start
    from desktop.config import Settings
    from desktop.data.livedb import Guard, Opened

log = logging.getLogger(__name__)

# The open data, in a one-item list so a recovery can put the bundled data in its place
# and the caller's ``finally`` closes whichever is open at the end.
Holder = list["Opened"]


def ensure_bundle(settings: Settings) -> None:
    """From a source checkout, (re)build the bundled database when its sources changed."""
    from desktop.config import is_frozen, resources_dir

    if is_frozen() or os.environ.get("SEND_DESK_BUNDLED_DB"):
        return
    from desktop.bundle import ensure_built
    from desktop.data.store import StoreError

    try:
        built = ensure_built(settings.bundled_db, resources_dir())
    except UserError as exc:  # BundleError, or the resource file at fault
        log.error("cannot build the bundled database: %s", exc, exc_info=exc)
        raise StoreError(
            f"The bundled data could not be built ({exc}): check the resources folder."
        ) from exc
    if built:
        log.info("built the bundled database at %s", settings.bundled_db)


def _guard(settings: Settings) -> Guard:
    def guard() -> AbstractContextManager[bool]:  # the lock's code loads only when needed
        from desktop.data.feeds.refresh_lock import maintenance

        return maintenance(settings.live_db)

    return guard


def open_data(settings: Settings) -> Opened:
    """``open_live`` with the app's data folder (a --db outside it is never replaced) and the
    refresh lock as its guard (nothing beside the file is touched while a refresh runs)."""
    from desktop.data.livedb import open_live

    return open_live(
        settings.live_db, settings.bundled_db, data_dir=settings.data_dir, guard=_guard(settings)
    )


def recoverer(holder: Holder, settings: Settings) -> Callable[[BaseException], Opened]:
    """What to do when a first query meets a damaged page: set the file aside (inside the
    data folder only), open the bundled data, and carry on with a notice."""
    from desktop.data.livedb import replace_damaged
    from desktop.data.store import DatabaseDamaged

    def recover(exc: BaseException) -> Opened:
        store = holder[0].store
        store.close()
        if store.path != settings.live_db:
            raise DatabaseDamaged(
                f"The bundled data {store.path} is damaged ({exc}): reinstall the app."
            ) from exc
        holder[0] = replace_damaged(
            settings.live_db,
            settings.bundled_db,
            data_dir=settings.data_dir,
            guard=_guard(settings),
            reason=f"{store.path} is damaged ({exc}).",
        )
        return holder[0]

    return recover


def first_queries(holder: Holder, settings: Settings, action: Callable[[Opened], int]) -> int:
    """Run ``action`` on the open data; a damaged page found by it is handled as damage
    (set aside, bundled data, one notice) and the action runs again, once."""
    from desktop.data import dberrors
    from desktop.data.dbcheck import DatabaseInUse, in_use_sentence

    try:
        return action(holder[0])
    except sqlite3.DatabaseError as exc:
        if dberrors.is_busy(exc):
            raise DatabaseInUse(in_use_sentence(holder[0].store.path)) from exc
        if not dberrors.is_corrupt(exc):
            raise
        log.error("a first query met a damaged page: %s", exc)
        opened = recoverer(holder, settings)(exc)
        print(opened.notice, file=sys.stderr)
        return action(opened)
