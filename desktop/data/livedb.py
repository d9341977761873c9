"""The user's live database: first-run copy from the bundle, upgrades, read-only fallback.

The app only ever sets aside or replaces a file it owns: one inside its own data folder
whose header says SQLite and which is not clearly another program's (``dbcheck``). A
path outside the data folder (``--db PATH``) is opened if it is this app's database and
otherwise refused with one sentence, left exactly as it was; a missing one is made from
the bundle only when its folder exists. A file another program holds locked is "in use:
try again", never damaged. Set-aside copies are numbered (``livefiles.set_aside``) and
*Restore previous data* lists them.

``guard`` (passed in by the entry point, which knows the refresh lock) is a context
manager factory yielding whether the files beside the live database may be changed now:
False while a refresh holds the lock, in which case nothing is cleaned, set aside or
replaced. It is entered only when something is to be changed, so an ordinary start never
touches the lock.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from desktop.data import dberrors, livefiles, schema
from desktop.data.store import (
    DatabaseDamaged,
    DatabaseInUse,
    NotADatabase,
    Store,
    StoreError,
)

log = logging.getLogger(__name__)

Guard = Callable[[], AbstractContextManager[bool]]


@dataclass
class Opened:
    store: Store
    notice: str = ""  # one sentence for the status bar when something unusual happened
    read_only: bool = False


class _Permission:
    """Asks ``guard`` whether the files may be changed, the first time it matters only: a
    start with nothing to tidy or repair never touches the refresh lock."""

    def __init__(self, guard: Guard | None) -> None:
        self._guard = guard
        self._stack = contextlib.ExitStack()
        self._answer: bool | None = None

    def __enter__(self) -> Callable[[], bool]:
        return self.ask

    def ask(self) -> bool:
        if self._answer is None:
            self._answer = (
                True if self._guard is None else self._stack.enter_context(self._guard())
            )
        return self._answer

    def __exit__(self, *exc: object) -> None:
        self._stack.close()


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (links followed) lies inside ``folder``."""
    try:
        return Path(path).resolve().is_relative_to(Path(folder).resolve())
    except (OSError, RuntimeError):
        return False


def owned(live: Path, data_dir: Path | None) -> bool:
    """Whether the app may set ``live`` aside or replace it: it is inside the data folder."""
    return is_inside(live, data_dir if data_dir is not None else Path(live).parent)


def _refresh_running(live: Path) -> DatabaseInUse:
    return DatabaseInUse(
        f"A refresh of {live} is running: wait for it to finish and try again. "
        "Nothing was changed."
    )


def quick_check(path: Path) -> str:
    """``PRAGMA quick_check``'s first finding ('ok' for a sound file), or the error it met."""
    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, timeout=1.0)
        try:
            return str(conn.execute("PRAGMA quick_check(5)").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"{dberrors.primary_name(exc) or 'error'}: {exc}"


def mark_for_check(live: Path) -> None:
    """Ask the next start to run ``quick_check`` on ``live`` (a query met SQLITE_CORRUPT)."""
    with contextlib.suppress(OSError):
        livefiles.check_marker(live).touch()


def _digest(path: Path) -> str:
    with Store.open(path, read_only=True) as store:
        return store.meta().get("sources_sha256", "")


def _update_reference_tables(live: Path, bundled: Path) -> None:
    """Bring the bundled guidance and providers into a refreshed (non-demo) live copy.

    Every table is named with its schema (``main.``/``b.``): an unqualified name missing
    from the live file would resolve to the attached bundle.
    """
    conn = sqlite3.connect(live, timeout=1.0)
    try:
        conn.execute("ATTACH DATABASE ? AS b", (bundled.resolve().as_uri() + "?mode=ro",))
        with conn:
            conn.execute("DELETE FROM main.guidance_sections")
            conn.execute("INSERT INTO main.guidance_sections SELECT * FROM b.guidance_sections")
            conn.execute("DELETE FROM main.providers WHERE origin = 'bundled'")
            conn.execute("INSERT OR REPLACE INTO main.providers SELECT * FROM b.providers")
            conn.execute(
                "INSERT OR REPLACE INTO main.meta SELECT key, value FROM b.meta "
                "WHERE key IN ('sources_sha256', 'bundle_version')"
            )
        conn.execute("DETACH DATABASE b")
    finally:
        conn.close()


def use_bundled_reference(path: Path, bundled: Path) -> None:
    """Give ``path`` (a copy about to become live, such as the central data file) this
    version's bundled guidance and providers, as an upgrade gives a refreshed live copy."""
    _update_reference_tables(path, bundled)


def _bundled_read_only(live: Path, bundled: Path, why: str) -> Opened:
    log.warning("cannot write %s (%s): opening the bundled copy read-only", live, why)
    store = Store.open(bundled, read_only=True, immutable=True)
    return Opened(
        store,
        f"Your data folder cannot be written ({live.parent}); showing the bundled data, read-only.",
        read_only=True,
    )


def _from_bundle(live: Path, bundled: Path, notice: str = "") -> Opened:
    """Copy the bundle to ``live`` (complete or not at all) and open it."""
    try:
        livefiles.copy_complete(bundled, live)
    except OSError as exc:
        return _bundled_read_only(live, bundled, exc.strerror or str(exc))
    return Opened(Store.open(live), notice)


def _first_copy(live: Path, bundled: Path, is_owned: bool) -> Opened:
    if not is_owned and not live.parent.is_dir():
        raise StoreError(
            f"The folder {live.parent} does not exist, so no database was made there: "
            "create it first, or name a file in a folder that exists."
        )
    try:
        live.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _bundled_read_only(live, bundled, exc.strerror or str(exc))
    return _from_bundle(live, bundled)


def open_live(
    live: Path, bundled: Path, *, data_dir: Path | None = None, guard: Guard | None = None
) -> Opened:
    """Open the user's copy, making or repairing it from the bundle when the app owns it.

    ``data_dir`` is the app's own data folder (default: ``live``'s folder, i.e. the caller
    says the file is the app's). Raises ``schema.SchemaTooNew`` (the user must decide),
    ``DatabaseInUse`` (try again), ``NotADatabase``/``StoreError`` for a path the app
    leaves alone, and ``StoreError`` when even the bundled copy cannot be opened.
    """
    live = Path(live)
    is_owned = owned(live, data_dir)
    with _Permission(guard) as may_change:
        if is_owned and livefiles.needs_tidying(live) and may_change():
            livefiles.cleanup_leftovers(live)
        if not os.path.lexists(live):
            return _first_copy(live, bundled, is_owned)
        try:
            store = _open_checked(live)
        except schema.SchemaTooOld as exc:
            # An older format that can keep its services (1, 2 or 3 → 4) is upgraded in
            # place, in one transaction; only one that cannot be is set aside for the
            # bundled data.
            if may_change() and schema.migrate_file(live):
                log.info("upgraded %s to data format %s", live, schema.SCHEMA_VERSION)
                return _maybe_upgrade(live, bundled, Store.open(live), may_change)
            if not is_owned:
                raise StoreError(
                    f"{exc} It is outside the app's data folder, so it was left as it is."
                ) from exc
            if not may_change():
                raise _refresh_running(live) from exc
            aside = livefiles.set_aside(live, "old")
            return _from_bundle(
                live,
                bundled,
                f"Your data was in an older format and has been replaced by the bundled data "
                f"(kept as {aside.name}).",
            )
        except NotADatabase as exc:
            if exc.kind != "empty" or not is_owned or not may_change():
                raise
            log.warning("%s is empty: replacing it with the bundled data", live)
            return _from_bundle(
                live, bundled, "Your data file was empty (0 bytes), so the bundled data is used."
            )
        except DatabaseDamaged as exc:
            return _replace_damaged(live, bundled, is_owned, may_change, str(exc))
        return _maybe_upgrade(live, bundled, store, may_change)


def _open_checked(live: Path) -> Store:
    """``Store.open``, plus ``quick_check`` when an earlier run met a damaged page."""
    store = Store.open(live)
    marker = livefiles.check_marker(live)
    if marker.exists():
        store.close()
        finding = quick_check(live)
        if finding != "ok":
            raise DatabaseDamaged(f"{live} is damaged ({finding}).")
        with contextlib.suppress(OSError):
            marker.unlink()
        store = Store.open(live)
    return store


def _replace_damaged(
    live: Path, bundled: Path, is_owned: bool, may_change: Callable[[], bool], reason: str
) -> Opened:
    if not is_owned:
        raise DatabaseDamaged(
            f"{reason} It is outside the app's data folder, so it was left as it is: restore "
            "it from a backup, or start without --db."
        )
    if not may_change():
        raise _refresh_running(live)
    log.error("live database damaged: %s (quick_check: %s)", reason, quick_check(live))
    aside = livefiles.set_aside(live, "corrupt")
    livefiles.check_marker(live).unlink(missing_ok=True)
    return _from_bundle(
        live,
        bundled,
        f"Your data file was damaged and has been replaced by the bundled data (kept as "
        f"{aside.name}; File → Restore previous data lists it).",
    )


def replace_damaged(
    live: Path,
    bundled: Path,
    *,
    data_dir: Path | None = None,
    guard: Guard | None = None,
    reason: str = "",
) -> Opened:
    """After a first query met SQLITE_CORRUPT (the caller closed its Store): set ``live``
    aside (only inside the data folder) and use the bundled data."""
    live = Path(live)
    with _Permission(guard) as may_change:
        return _replace_damaged(
            live, bundled, owned(live, data_dir), may_change, reason or f"{live} is damaged."
        )


def _maybe_upgrade(
    live: Path, bundled: Path, store: Store, may_change: Callable[[], bool]
) -> Opened:
    """A live copy older than the bundle: a demo copy is replaced, a refreshed one updated."""
    try:
        bundled_digest = _digest(bundled)
    except (StoreError, schema.SchemaError) as exc:
        log.warning("bundled data %s unreadable (%s): live copy not updated", bundled, exc)
        return Opened(store)
    meta = store.meta()
    if meta.get("sources_sha256") == bundled_digest or store.read_only:
        return Opened(store)
    store.close()
    if not may_change():  # a refresh is running: it brings its own copy; update next time
        return Opened(Store.open(live))
    if meta.get("is_demo") == "1":
        # The demo copy holds nothing of the user's: replace it (``.bak`` stays as it is).
        log.info("bundled data changed: replacing the demo copy")
        try:
            livefiles.copy_complete(bundled, live)  # keeps the live file's permissions
        except OSError as exc:
            return _bundled_read_only(live, bundled, exc.strerror or str(exc))
        return Opened(Store.open(live))
    try:
        _update_reference_tables(live, bundled)
    except (sqlite3.Error, OSError) as exc:
        return _not_updated(live, exc)
    log.info("bundled guidance and providers updated in the live copy")
    return Opened(Store.open(live), "Guidance and providers were updated.")


def _not_updated(live: Path, exc: BaseException) -> Opened:
    """The live copy could not take this version's guidance: open it as it is."""
    kind = dberrors.kind(exc)
    if kind == "corrupt":
        raise DatabaseDamaged(f"{live} is damaged ({exc}).") from exc
    if kind == "busy":
        log.warning("live copy busy, guidance update postponed: %s", exc)
        return Opened(
            Store.open(live),
            "Your data file was in use, so this version's guidance and providers will be "
            "added next time.",
        )
    if kind == "full":  # the update is tried again at the next start, when there is room
        log.warning("disk full, guidance update postponed: %s", exc)
        return Opened(
            Store.open(live),
            "There is not enough free disk space to add this version's guidance and providers "
            "to your data file: showing it as it is; they will be added next time.",
        )
    if kind in ("readonly", "cantopen") or isinstance(exc, OSError):
        log.warning("live copy read-only, guidance update skipped: %s", exc)
        return Opened(
            Store.open(live, read_only=True),
            "Your data file is read-only, so this version's guidance and providers could not "
            "be added to it: showing it as it is, read-only.",
            read_only=True,
        )
    raise StoreError(f"{live} could not be updated ({exc}).") from exc
