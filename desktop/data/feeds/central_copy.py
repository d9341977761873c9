"""Copy the central data file beside the live database and prepare it as a refresh would.

Under the refresh lock (``refresh.take_lock``), the file is copied into the refresh's own
``.new`` (from the share in 1 MB pieces, or from the server through ``fetch``, never held
whole), its SHA-256 taken on the way; then it is verified (``central.verify``) and
compared with the live data. A copy that will be used gets this version's bundled
guidance and providers (only the Local Offer comes from the central file) and the
checksum it came from in ``meta``, and is returned as a prepared ``RefreshResult`` that
holds the lock: ``refresh.commit`` swaps it in (keeping ``.bak``) exactly as it does a
refresh, and ``refresh.discard`` drops it. Whatever else happens, ``.new`` is removed
and the lock released, so the live file is never touched. A process killed meanwhile
leaves ``.new`` and a stale lock, which the next start tidies as after any refresh.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

from desktop.data import dberrors, livedb, livefiles
from desktop.data.feeds import kept, refresh
from desktop.data.feeds.central import (
    UNCHANGED,
    Changing,
    Check,
    DataFileError,
    Kind,
    Location,
    Unreachable,
    http_status,
    is_newer,
    problem,
    read_checksum,
    remember_not_newer,
    verify,
)
from desktop.data.feeds.fetch import FetchCancelled, Fetcher, FetchError, Limits
from desktop.data.feeds.record import NormaliseReport
from desktop.data.feeds.sources import Cancelled
from desktop.data.store import StoreError

CHUNK = 1 << 20
MAX_BYTES = 4 << 30  # a council's whole directory is a few hundred MB; 4 GB is not a database
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def download_limits() -> Limits:
    """A database is one large body: a long overall deadline (a slow VPN), 30 s per read."""
    return Limits(deadline=3600.0, max_total_bytes=MAX_BYTES, retries=1, backoff=2.0)


def prepare(
    live: Path,
    bundled: Path,
    loc: Location,
    digest: str,
    *,
    cancelled: Callable[[], bool] = lambda: False,
    limits: Limits | None = None,
    now: dt.datetime | None = None,
) -> Check:
    """Copy, verify and compare under the refresh lock; READY holds the lock in its result."""
    try:
        lock = refresh.take_lock(live)
    except refresh.RefreshError as exc:
        return Check(Kind.BUSY, str(exc), log=[f"central data check postponed: {exc}"])
    check = Check(Kind.CANCELLED)
    try:
        check = _prepare_locked(live, bundled, loc, digest, cancelled, limits, now)
        if check.result is not None:
            check.result.lock = lock
        return check
    finally:
        if check.result is None:
            refresh.cleanup_leftovers(live)
            lock.release()


def _prepare_locked(
    live: Path,
    bundled: Path,
    loc: Location,
    digest: str,
    cancelled: Callable[[], bool],
    limits: Limits | None,
    now: dt.datetime | None,
) -> Check:
    refresh.cleanup_leftovers(live)
    if blocked := livefiles.in_the_way(live):
        return problem(
            DataFileError(
                f"{blocked[0]} is in the way: move it elsewhere. {UNCHANGED}",
                f"{blocked[0].name} is in the way beside your data",
            )
        )
    try:
        local, count = kept.meta_and_count(live)
    except StoreError as exc:
        return Check(Kind.BUSY, str(exc), log=[f"central data check postponed: {exc}"])
    new = livefiles.new_path(live)
    try:
        if loc.is_url:
            got = _copy_url(loc, new, cancelled, limits)
        else:
            got = _copy_path(loc, new, cancelled)
        if got != digest:
            return _mismatch(loc, digest)
        central = verify(new, loc.raw, cancelled)
    except Unreachable as exc:
        return Check(Kind.UNREACHABLE, str(exc), log=[f"central data not reachable: {exc}"])
    except Changing as exc:
        return Check(Kind.RETRY, str(exc), log=[f"central data copy to be tried again: {exc}"])
    except DataFileError as exc:
        return problem(exc)
    except (Cancelled, FetchCancelled):
        return Check(Kind.CANCELLED, log=["central data check cancelled"])
    except OSError as exc:  # writing .new beside the live file
        return problem(_write_failed(exc))
    as_of = central.get("data_as_of", "")
    if not is_newer(central, local):
        remember_not_newer(live, digest, local)
        return Check(
            Kind.NOT_NEWER,
            data_as_of=as_of,
            log=[f"central data {loc.raw} (data as of {as_of}) is not newer than this copy"],
        )
    notes = _finish(new, bundled, loc, digest, now or dt.datetime.now(dt.UTC))
    result = refresh.RefreshResult(
        source=f"central data file {loc.raw}",
        live=live,
        new_path=new,
        previous_count=count,
        previous_demo=local.get("is_demo") == "1",
        service_count=int(central["service_count"]),
        report=NormaliseReport(read=int(central["service_count"])),
        data_as_of=as_of,
        location=loc.raw,
    )
    return Check(Kind.READY, result=result, data_as_of=as_of, log=notes)


def _mismatch(loc: Location, digest: str) -> Check:
    """The copy is not what the checksum says: replaced meanwhile (try later) or half-written."""
    try:
        again = read_checksum(loc)
    except (Unreachable, DataFileError):
        again = None
    if again != digest:
        why = f"{loc.raw} was published again while it was copied"
        return Check(Kind.RETRY, why, log=[f"central data copy to be tried again: {why}"])
    return problem(
        DataFileError(
            f"The central data file {loc.raw} does not match its published checksum (it may "
            f"be half-written or still being copied): ask IT to publish it again with "
            f"send-desk publish. {UNCHANGED}",
            "it does not match its checksum",
        )
    )


def _write_failed(exc: OSError) -> DataFileError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT) or dberrors.kind(exc) == "full":
        return DataFileError(
            "There is not enough free disk space to copy the central data: free some space. "
            + UNCHANGED,
            "there is not enough free disk space",
        )
    return DataFileError(
        f"The central data could not be copied to this computer ({exc.strerror or exc}). "
        + UNCHANGED,
        "it could not be copied to this computer",
    )


def _no_database(loc: Location) -> DataFileError:
    return DataFileError(
        f"The central data at {loc.raw} has a checksum but no database beside it: ask IT to "
        f"publish it again with send-desk publish. {UNCHANGED}",
        "its checksum is there but not the file",
    )


def _copy_path(loc: Location, new: Path, cancelled: Callable[[], bool]) -> str:
    """Copy the file at ``loc.db`` to ``new``; its SHA-256."""
    src = Path(loc.db)
    try:
        fd = os.open(src, _OPEN_FLAGS)
    except FileNotFoundError as exc:
        if src.parent.is_dir():
            raise _no_database(loc) from exc
        raise Unreachable(f"{src.parent} cannot be reached") from exc
    except PermissionError as exc:
        raise DataFileError(
            f"Your account may not read the central data file {src}: ask IT to check the "
            f"share's permissions. {UNCHANGED}",
            "your account may not read it",
        ) from exc
    except OSError as exc:
        raise Unreachable(f"{src} cannot be opened ({exc.strerror or exc})") from exc
    digest = hashlib.sha256()
    with os.fdopen(fd, "rb") as stream, open(new, "wb") as out:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise DataFileError(
                f"{src} is not a file: ask IT to check the DataFile setting. {UNCHANGED}",
                "it is not a file",
            )
        total = 0
        while True:
            if cancelled():
                raise Cancelled()
            try:
                chunk = stream.read(CHUNK)
            except OSError as exc:  # the share went away part-way
                raise Changing(f"the copy from {src} broke off ({exc.strerror or exc})") from exc
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_BYTES:
                raise DataFileError(
                    f"{src} is far too large to be a database. {UNCHANGED}", "it is far too large"
                )
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest()


class _WriteFailed(Exception):
    """Writing the download failed (not a network error: fetch must not word it as one)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _copy_url(
    loc: Location, new: Path, cancelled: Callable[[], bool], limits: Limits | None
) -> str:
    """Download ``loc.db`` to ``new`` through ``fetch`` (streamed); its SHA-256."""
    fetcher = Fetcher(limits or download_limits(), cancelled=cancelled)
    digest = hashlib.sha256()
    with open(new, "wb") as out:

        def sink(chunk: bytes) -> None:
            digest.update(chunk)
            try:
                out.write(chunk)
            except OSError as exc:
                raise _WriteFailed(exc) from exc

        try:
            fetcher.get(loc.db, sink=sink)
        except _WriteFailed as exc:
            raise exc.error from None
        except FetchError as exc:
            if not fetcher.answered:
                raise Unreachable(str(exc)) from exc
            status = http_status(exc)
            if status == 404:
                raise _no_database(loc) from exc
            if status is not None:
                raise DataFileError(
                    f"{exc} {UNCHANGED}", f"the server answered with error {status}"
                ) from exc
            raise Changing(str(exc)) from exc  # reached, but the transfer broke off
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest()


def _finish(new: Path, bundled: Path, loc: Location, digest: str, now: dt.datetime) -> list[str]:
    """This version's guidance and providers, and where the data came from, into ``new``."""
    notes = [f"central data {loc.raw} copied ({digest[:12]}), to be used"]
    try:
        livedb.use_bundled_reference(new, bundled)
    except (sqlite3.Error, OSError) as exc:  # keep the central file's own guidance then
        notes.append(f"the bundled guidance could not be added to the central copy: {exc}")
    conn = sqlite3.connect(new)
    try:
        with conn:
            conn.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [
                    ("central_sha256", digest),
                    ("central_source", loc.raw),
                    ("central_copied_at", now.replace(microsecond=0).isoformat()),
                ],
            )
    finally:
        conn.close()
    with open(new, "rb+") as handle:
        os.fsync(handle.fileno())
    return notes
