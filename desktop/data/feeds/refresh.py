"""Refresh the Local Offer without ever editing the live database (design §4).

``prepare`` builds ``send-desk.sqlite.new`` beside the live file: the schema, every
non-Local-Offer table copied across (guidance, all providers rows), the imported
services, then ``PRAGMA integrity_check`` and the sanity checks. ``commit`` swaps it
in with ``os.replace``, then renames the old file (hard-linked aside first) over ``.bak``,
so at every instant the live path names a complete database and ``.bak`` a complete
backup (``desktop.data.feeds.kept``). ``restore_previous`` swaps ``.bak`` (or a named
set-aside copy) back.

Failure at any point raises ``RefreshError`` with one sentence for the user and leaves
the live file byte-for-byte as it was; a ``.new`` left by a killed process is removed
by the next refresh.

Only one refresh or restore runs at a time (``refresh_lock``): ``prepare`` takes the lock
and the result holds it until ``commit`` or ``discard`` ends the refresh; both release it
whatever happens. A refresh that no longer holds the lock never touches the files beside
the live database, which by then may belong to another refresh.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from desktop.data import dberrors, livefiles, schema
from desktop.data.feeds import kept, refresh_build, refresh_report
from desktop.data.feeds.coverage import Coverage
from desktop.data.feeds.oruk import NormaliseReport
from desktop.data.feeds.refresh_build import build as _build
from desktop.data.feeds.refresh_checks import Confirmation
from desktop.data.feeds.refresh_lock import LockBusy, RefreshLock
from desktop.data.feeds.sources import Cancelled, Source, SourceError
from desktop.data.store import DatabaseInUse, StoreError
from desktop.errors import ExitCode, UserError

log = logging.getLogger(__name__)

LOCAL_OFFER_TABLES = refresh_build.LOCAL_OFFER_TABLES
DROP_LIMIT = 0.5  # a new count below half the previous one needs confirmation
UNCHANGED = "Your current data has not changed."
DISK_FULL = "There is not enough free disk space to refresh: free some space and try again."


class RefreshError(UserError):
    """The refresh stopped; str() is one sentence for the user (the live data is unchanged).

    ``report_path`` names the report written on disk, when there is one.
    """

    report_path: Path | None = None


class RefreshInUse(RefreshError):
    """The live database is held by another program: try again in a moment."""

    exit_code = ExitCode.IN_USE


class NeedsConfirmation(RefreshError):
    pass


@dataclass
class RefreshResult(Confirmation):
    source: str
    live: Path
    new_path: Path
    previous_count: int
    previous_demo: bool
    service_count: int = 0
    report: NormaliseReport = field(default_factory=NormaliseReport)
    warnings: list[str] = field(default_factory=list)
    data_as_of: str = ""
    committed: bool = False
    lock: RefreshLock | None = field(default=None, repr=False)
    location: str = ""  # the full URL or path (``source`` is its short label)
    report_path: Path | None = None  # the report on disk, once the refresh has ended
    coverage: Coverage = field(default_factory=Coverage)  # what the services have (for IT)
    shape: str = ""  # which feed shape was read ('Outpost / Scout directory (…)')
    listed_total: int | None = None  # how many services the feed itself says it lists
    more_pages: bool = False  # the file's last page says more pages follow
    data_as_of_source: str = ""  # 'the newest record', "the file's date", … or '' (unknown)

    @property
    def pending(self) -> bool:
        """Prepared and still holding the lock: ``commit`` or ``discard`` must follow."""
        return self.lock is not None and self.lock.held

    @property
    def needs_confirmation(self) -> bool:
        return self.large_drop or self.partial

    def drop_sentence(self) -> str:
        """Why the new data needs confirming: a partial feed, a large drop, or both."""
        return refresh_report.confirm_sentence(self)

    def report_lines(self) -> list[str]:
        return refresh_report.report_lines(self)


def paths(live: Path) -> tuple[Path, Path]:
    return livefiles.new_path(live), livefiles.bak_path(live)


def cleanup_leftovers(live: Path) -> None:
    """Remove what an interrupted refresh may have left beside the live file, and finish an
    interrupted swap (``livefiles.cleanup_leftovers``); never raises for a folder in the way."""
    livefiles.cleanup_leftovers(live)


def _check_room(live: Path) -> None:
    """Refuse when a working name beside the live file is taken by a folder or device."""
    if blocked := livefiles.in_the_way(live):
        raise RefreshError(f"{blocked[0]} is in the way: move it elsewhere. {UNCHANGED}")


def _previous(live: Path) -> tuple[dict[str, str], int]:
    if not live.exists():
        raise RefreshError(f"There is no database at {live} to refresh; start the app once first.")
    _check_room(live)
    try:
        return kept.meta_and_count(live)
    except (StoreError, schema.SchemaError, sqlite3.Error) as exc:
        if isinstance(exc, DatabaseInUse) or dberrors.is_busy(exc):
            raise RefreshInUse(str(exc) if isinstance(exc, StoreError) else f"{exc}.") from exc
        raise RefreshError(
            f"The current database cannot be used ({kept.short_reason(exc)}): start the app "
            f"once to repair it. {UNCHANGED}"
        ) from exc


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return dberrors.kind(exc) == "full"


def take_lock(live: Path) -> RefreshLock:
    """The refresh lock for ``live``, or RefreshError naming the refresh that holds it."""
    try:
        return RefreshLock.acquire(live)
    except LockBusy as exc:
        raise RefreshError(str(exc)) from exc
    except OSError as exc:
        if _is_disk_full(exc):
            raise RefreshError(f"{DISK_FULL} {UNCHANGED}") from exc
        raise RefreshError(
            f"The data folder cannot be written ({exc.strerror or exc}). {UNCHANGED}"
        ) from exc


def prepare(live: Path, source: Source, now: dt.datetime | None = None) -> RefreshResult:
    """Build and check the new database beside ``live``. The live file is only read.

    The returned result holds the refresh lock: end it with ``commit`` or ``discard``.
    """
    live = Path(live)
    if not live.exists():
        raise RefreshError(f"There is no database at {live} to refresh; start the app once first.")
    lock = take_lock(live)
    try:
        result = _prepare_locked(live, source, now)
    except BaseException:
        lock.release()
        raise
    result.lock = lock
    return result


def _prepare_locked(live: Path, source: Source, now: dt.datetime | None) -> RefreshResult:
    cleanup_leftovers(live)
    meta, previous = _previous(live)
    new, _ = paths(live)
    result = RefreshResult(
        source=source.label,
        live=live,
        new_path=new,
        previous_count=previous,
        previous_demo=meta.get("is_demo") == "1",
        location=source.location,
    )
    try:
        _build(result, source, meta, now or dt.datetime.now(dt.UTC))
    except BaseException as exc:
        cleanup_leftovers(live)
        error = _user_error(exc)
        for warning in source.warnings:
            if warning not in result.warnings:
                result.warnings.append(warning)
        outcome = str(error) if error else f"The refresh failed unexpectedly ({exc!r})."
        _save_report(result, f"Not used: {outcome}")
        if error is None:
            raise
        error.report_path = result.report_path
        raise error from exc
    return result


def _user_error(exc: BaseException) -> RefreshError | None:
    """The one sentence for a failure while building, or None for a bug (re-raised as it is)."""
    if isinstance(exc, Cancelled):
        return RefreshError(f"The refresh was cancelled. {UNCHANGED}")
    if isinstance(exc, SourceError | RefreshError):
        return RefreshError(f"{exc} {UNCHANGED}")
    if _is_disk_full(exc):
        return RefreshError(f"{DISK_FULL} {UNCHANGED}")
    if isinstance(exc, OSError | sqlite3.Error):
        log.error("refresh failed", exc_info=exc)
        return RefreshError(f"The new data could not be written ({exc}). {UNCHANGED}")
    return None


def _save_report(result: RefreshResult, outcome: str) -> None:
    lines = [f"Outcome: {outcome}", *result.report_lines()]
    result.report_path = refresh_report.write_report(result.live, lines)


def commit(result: RefreshResult, *, force: bool = False) -> None:
    """Swap the prepared database in, keeping the old one as ``.bak``. Close connections first.

    This ends the refresh either way: on any failure (a large drop without ``force``
    included) the prepared data is discarded, and the lock is always released.
    """
    outcome = "Not used: the refresh stopped unexpectedly."
    try:
        _commit_locked(result, force=force)
        outcome = "Used: the new data replaced the previous data, which is kept to go back to."
    except RefreshError as exc:
        outcome = f"Not used: {exc}"
        raise
    finally:
        discard(result, outcome)


def _commit_locked(result: RefreshResult, *, force: bool) -> None:
    if not result.pending:
        raise RefreshError(f"This refresh has already ended. {UNCHANGED}")
    if result.needs_confirmation and not force:
        raise NeedsConfirmation(f"{result.drop_sentence()} Confirm to use it anyway. {UNCHANGED}")
    new, _ = paths(result.live)
    if not livefiles.is_regular(new):
        raise RefreshError(f"The prepared data has gone. {UNCHANGED}")
    _check_room(result.live)
    try:
        # .bak is replaced only once the new file is in place (kept.swap_in).
        kept.swap_in(result.live, new, keep_older=False)
    except OSError as exc:
        cleanup_leftovers(result.live)
        if _is_disk_full(exc):
            raise RefreshError(f"{DISK_FULL} {UNCHANGED}") from exc
        raise RefreshError(
            f"The new data could not be put in place ({exc.strerror or exc}). {UNCHANGED}"
        ) from exc
    result.committed = True
    log.info("refreshed %s from %s: %d services", result.live, result.source, result.service_count)


def discard(result: RefreshResult, outcome: str = "Not used.") -> None:
    """End a prepared refresh without using it (nothing to do once it has ended).

    Writes the report on disk with ``outcome``, removes what the refresh left beside the
    live file and releases the lock.
    """
    if not result.pending:
        return
    try:
        _save_report(result, outcome)
        cleanup_leftovers(result.live)
    finally:
        assert result.lock is not None
        result.lock.release()


def refresh(live: Path, source: Source, *, force: bool = False) -> RefreshResult:
    """prepare + commit (the CLI path). A large drop without ``force`` is refused."""
    result = prepare(live, source)
    commit(result, force=force)
    return result


def has_previous(live: Path) -> bool:
    """Whether *Restore previous data* has anything to offer (``.bak`` or a set-aside copy)."""
    return bool(livefiles.kept_copies(Path(live)))


def restore_previous(live: Path, name: str | None = None) -> dict[str, str]:
    """Swap ``.bak`` and the live file (so restoring twice goes back), or make the kept copy
    called ``name`` live (``kept``). Returns the restored meta."""
    live = Path(live)
    try:
        chosen = kept.choose(live, name)
    except ValueError as exc:
        raise RefreshError(str(exc)) from exc
    with take_lock(live):
        return _restore_locked(live, chosen)


def _restore_locked(live: Path, bak: Path) -> dict[str, str]:
    cleanup_leftovers(live)
    _check_room(live)
    try:
        meta = kept.check_copy(live, bak)
        kept.swap_in(live, bak, keep_older=True)
    except ValueError as exc:
        raise RefreshError(f"{exc}; your current data has not changed.") from exc
    except OSError as exc:
        raise RefreshError(
            f"The previous data could not be put back ({exc.strerror or exc}); your current "
            "data has not changed."
        ) from exc
    return meta
