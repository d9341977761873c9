"""The central data file (policy ``DataFile``): one refresh for many laptops (issue 14, item 3).

IT refreshes one database on one machine (``send-desk refresh SOURCE --db PATH``, a
scheduled task) and publishes it with ``send-desk publish --db PATH OUT`` (``publish``):
the database and, beside it, its SHA-256 in ``sha256sum`` form (``send-desk.sqlite.sha256``).
``DataFile`` names it: a path (``\\\\server\\share\\send-desk.sqlite``, or the folder holding
it) or an ``https:`` address (``http:`` only to this computer, for tests; all network use
goes through ``fetch``).

Each laptop, at start and when it comes back online (``desktop.ui.datafile_watch``), calls
:func:`check`. It reads only the small checksum file first: the same checksum as the one
the live database was copied from (``meta.central_sha256``) means up to date, and nothing
else is read. Otherwise ``central_copy`` takes the refresh lock, copies the file into the
refresh's ``.new`` beside the live database, verifies it (the checksum, this app's
database in a schema it reads, ``PRAGMA integrity_check``, services in it) and compares
its data date with the live one: only newer data is used, through the refresh's own
commit (swap keeping ``.bak``, lock, report). A file that is not newer is remembered by
its checksum so it is not copied again. An offline laptop, or a share or server that
cannot be reached, keeps its data silently; a bad or half-written central file never
replaces it, and says so in one sentence.

Nothing here logs: the check runs in a worker thread, and the caller logs ``Check.log``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import safe_read
from desktop.data import livefiles, schema
from desktop.data.store import DatabaseDamaged, NotADatabase, Store, StoreError
from desktop.errors import UserError

if TYPE_CHECKING:
    from desktop.data.feeds.fetch import Fetcher, Limits
    from desktop.data.feeds.refresh import RefreshResult

DEFAULT_NAME = "send-desk.sqlite"
CHECKSUM_SUFFIX = ".sha256"
MAX_CHECKSUM_BYTES = 4096
UNCHANGED = "Your current data has not changed."  # refresh.UNCHANGED (not imported: heavy)
_HEX = re.compile(r"(?<![0-9A-Fa-f])([0-9A-Fa-f]{64})(?![0-9A-Fa-f])")
META_KEYS = ("central_sha256", "central_source", "central_copied_at")


class Kind(StrEnum):
    UNREACHABLE = "unreachable"  # offline, share or server not there: silent, try again later
    RETRY = "retry"  # reached, but the copy broke off or the file changed meanwhile: later
    BUSY = "busy"  # a refresh or restore holds the lock: later
    UP_TO_DATE = "up-to-date"  # the published checksum is the one the live data came from
    NOT_NEWER = "not-newer"  # copied and checked, but its data is not newer than the live data
    PROBLEM = "problem"  # the central file cannot be used: ``sentence`` says why and what to do
    READY = "ready"  # ``result`` is prepared and holds the lock: commit or discard it
    CANCELLED = "cancelled"


@dataclass
class Check:
    kind: Kind
    sentence: str = ""  # one sentence for the user (PROBLEM) or for the log
    reason: str = ""  # PROBLEM: the same in a few words, for the status bar
    result: RefreshResult | None = None  # READY only
    data_as_of: str = ""  # of the central file, when it was read
    log: list[str] = field(default_factory=list)  # what the caller should log


class DataFileError(UserError):
    """The central file cannot be used; str() is one sentence (the live data is unchanged).

    ``reason`` is the same in a few words ("it is damaged"), for the status bar."""

    def __init__(self, sentence: str, reason: str = "") -> None:
        super().__init__(sentence)
        self.reason = reason


class Unreachable(Exception):
    """The share or server cannot be reached (offline): no sentence for the user."""


class Changing(Exception):
    """The copy broke off part-way, or the file was replaced while it was read: try later."""


@dataclass(frozen=True)
class Location:
    raw: str  # the DataFile value as given
    db: str  # the database's URL or path
    is_url: bool

    @property
    def checksum(self) -> str:
        return self.db + CHECKSUM_SUFFIX

    @property
    def checksum_name(self) -> str:
        return re.split(r"[\\/]", self.checksum)[-1]


def locate(raw: str) -> Location:
    """The database a DataFile value names (a folder holding it counts); may touch the share."""
    raw = raw.strip()
    if "://" in raw:
        from desktop.data.feeds.fetch import FetchError, check_url

        try:
            check_url(raw)
        except FetchError as exc:
            raise DataFileError(
                f"The DataFile setting is not usable: {exc} {UNCHANGED}",
                "the DataFile setting is not an https address",
            ) from exc
        db = raw.rstrip("/") + "/" + DEFAULT_NAME if raw.endswith("/") else raw  # a folder URL
        return Location(raw, db, True)
    path = Path(raw)
    try:
        is_folder = path.is_dir()
    except OSError:
        is_folder = False
    return Location(raw, str(path / DEFAULT_NAME) if is_folder else raw, False)


def parse_checksum(data: bytes, loc: Location) -> str:
    """The SHA-256 in a checksum file (``sha256sum`` form, or any line holding 64 hex digits)."""
    text = data.decode("utf-8-sig", errors="replace")
    lines = [line for line in text.splitlines() if line.strip()]
    found = _HEX.search(lines[0]) if lines else None
    if found is None:
        raise DataFileError(
            f"{loc.checksum_name} at {loc.raw} does not hold a SHA-256 checksum: ask IT to "
            f"publish the central data again with send-desk publish. {UNCHANGED}",
            "its checksum file holds no checksum",
        )
    return found.group(1).lower()


def read_checksum(loc: Location, fetcher: Fetcher | None = None) -> str:
    """The published checksum. Raises Unreachable (offline) or DataFileError."""
    if loc.is_url:
        return parse_checksum(_fetch_small(loc, fetcher), loc)
    path = Path(loc.checksum)
    try:
        data = safe_read.read_bytes(path, MAX_CHECKSUM_BYTES)
    except safe_read.FileRefused as exc:
        raise DataFileError(
            f"{path} is not a checksum file ({exc}): ask IT to publish the central data again. "
            f"{UNCHANGED}",
            "its checksum is not a file",
        ) from exc
    except FileNotFoundError as exc:
        if not _reachable(path.parent):
            raise Unreachable(f"{path.parent} cannot be reached") from exc
        raise DataFileError(_not_published(loc), NOT_PUBLISHED) from exc
    except PermissionError as exc:
        raise DataFileError(
            f"Your account may not read the central data at {loc.raw}: ask IT to check the "
            f"share's permissions. {UNCHANGED}",
            "your account may not read it",
        ) from exc
    except OSError as exc:  # the share went away, a network error: offline for our purpose
        raise Unreachable(f"{path} cannot be read ({exc.strerror or exc})") from exc
    return parse_checksum(data, loc)


def _reachable(folder: Path) -> bool:
    try:
        return folder.is_dir()
    except OSError:
        return False


NOT_PUBLISHED = "nothing is published there yet"


def _not_published(loc: Location) -> str:
    return (
        f"No central data is published at {loc.raw} yet ({loc.checksum_name} is missing): "
        f"ask IT to publish it with send-desk publish. {UNCHANGED}"
    )


def checksum_limits() -> Limits:
    from desktop.data.feeds.fetch import Limits

    return Limits(deadline=60.0, max_total_bytes=MAX_CHECKSUM_BYTES, retries=1, backoff=2.0)


def _fetch_small(loc: Location, fetcher: Fetcher | None) -> bytes:
    from desktop.data.feeds.fetch import Fetcher, FetchError

    fetcher = fetcher or Fetcher(checksum_limits())
    try:
        return fetcher.get(loc.checksum)
    except FetchError as exc:
        if not fetcher.answered:
            raise Unreachable(str(exc)) from exc
        if http_status(exc) == 404:
            raise DataFileError(_not_published(loc), NOT_PUBLISHED) from exc
        raise DataFileError(
            f"{exc} {UNCHANGED}", f"the server answered with error {http_status(exc)}"
        ) from exc


def http_status(exc: BaseException) -> int | None:
    """The HTTP status behind a FetchError, if a server answered with one."""
    import urllib.error

    cause = exc.__cause__
    return cause.code if isinstance(cause, urllib.error.HTTPError) else None


def problem(exc: DataFileError) -> Check:
    return Check(Kind.PROBLEM, str(exc), exc.reason, log=[f"central data not used: {exc}"])


# -- is it newer? -----------------------------------------------------------------------------
def _when(value: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat()


def is_newer(central: dict[str, str], local: dict[str, str]) -> bool:
    """Whether the central data should replace the live data: any real data beats the demo
    data; otherwise a later data date, or (the same date, or a date unknown on either side)
    a later import (IT refreshed again, perhaps removing services, which moves no date)."""
    if central.get("is_demo") == "1":
        return False
    if local.get("is_demo") == "1":
        return True
    theirs, ours = central.get("data_as_of", "")[:10], local.get("data_as_of", "")[:10]
    if theirs and ours and theirs != ours:
        return theirs > ours
    return _when(central.get("imported_at", "")) > _when(local.get("imported_at", ""))


def memory_path(live: Path) -> Path:
    """Where the checksum of a central file found not newer is remembered (beside the data)."""
    return livefiles.sibling(live, ".central.json")


def _signature(local: dict[str, str]) -> str:
    return "|".join(local.get(k, "") for k in ("data_as_of", "imported_at", "central_sha256"))


def judged_not_newer(live: Path, digest: str, local: dict[str, str]) -> bool:
    try:
        seen = json.loads(safe_read.read_bytes(memory_path(live), 4096))
    except (OSError, ValueError):
        return False
    return isinstance(seen, dict) and seen == {"sha256": digest, "local": _signature(local)}


def remember_not_newer(live: Path, digest: str, local: dict[str, str]) -> None:
    """Remember that the file with ``digest`` is not newer than this live data (best effort)."""
    path = memory_path(live)
    tmp = livefiles.sibling(path, ".tmp")
    try:
        tmp.write_text(json.dumps({"sha256": digest, "local": _signature(local)}), "utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


def local_meta(live: Path) -> dict[str, str]:
    with Store.open(live, read_only=True, busy_timeout=0.5) as store:
        return store.meta()


# -- verifying a copy ---------------------------------------------------------------------------
def verify(
    path: Path,
    label: str,
    cancelled: Callable[[], bool] = lambda: False,
    *,
    what: str = "The central data file",
    advice: str = "ask IT to publish it again with send-desk publish",
    unchanged: str = UNCHANGED,
) -> dict[str, str]:
    """The meta of the copy at ``path`` (with its ``service_count``) if it can be used;
    DataFileError naming ``label`` otherwise. ``PRAGMA integrity_check`` reads every page
    (it stops when ``cancelled``). ``what``/``advice``/``unchanged`` word the sentence."""
    subject = f"{what} {label}"
    try:
        with Store.open(path, read_only=True) as store:
            meta = store.meta()
            count = store.service_count()
    except schema.SchemaTooNew as exc:
        raise DataFileError(
            f"{subject} was written by a newer version of SEND Adviser Desk: ask IT to update "
            f"the app on this computer. {unchanged}",
            "it is from a newer version of the app",
        ) from exc
    except schema.SchemaTooOld as exc:
        raise DataFileError(
            f"{subject} is in an older format: ask IT to update the app on the computer that "
            f"publishes it. {unchanged}",
            "it is in an older format",
        ) from exc
    except NotADatabase as exc:
        raise DataFileError(
            f"{subject} is not a SEND Adviser Desk database: {advice}. {unchanged}",
            "it is not a SEND Adviser Desk database",
        ) from exc
    except (DatabaseDamaged, StoreError) as exc:
        raise DataFileError(
            f"{subject} is damaged and cannot be read: {advice}. {unchanged}", "it is damaged"
        ) from exc
    finding = _integrity(path, cancelled)
    if finding != "ok":
        raise DataFileError(
            f"{subject} is damaged ({finding[:80]}): {advice}. {unchanged}", "it is damaged"
        )
    if meta.get("is_demo") == "1" or not count:
        holds = "the demo data" if meta.get("is_demo") == "1" else "no services"
        raise DataFileError(f"{subject} holds {holds}: {advice}. {unchanged}", f"it holds {holds}")
    return meta | {"service_count": str(count)}


def _integrity(path: Path, cancelled: Callable[[], bool]) -> str:
    from desktop.data import dberrors
    from desktop.data.feeds.sources import Cancelled

    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=1.0)
    conn.set_progress_handler(lambda: 1 if cancelled() else 0, 10_000)
    try:
        rows = conn.execute("PRAGMA integrity_check(5)").fetchall()
    except sqlite3.DatabaseError as exc:
        if cancelled():
            raise Cancelled() from exc
        return f"{dberrors.primary_name(exc) or 'error'}: {exc}"
    finally:
        conn.close()
    return "ok" if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows)


# -- the whole check ------------------------------------------------------------------------------
def check(
    live: Path,
    bundled: Path,
    raw: str,
    *,
    cancelled: Callable[[], bool] = lambda: False,
    limits: Limits | None = None,
    now: dt.datetime | None = None,
) -> Check:
    """Is the central file at ``raw`` newer than the live data? Never raises for the user's
    situations: every ending is a :class:`Check` (a bug still raises)."""
    live = Path(live)
    try:
        loc = locate(raw)
        digest = read_checksum(loc)
        local = local_meta(live)
    except Unreachable as exc:
        return Check(Kind.UNREACHABLE, str(exc), log=[f"central data not reachable: {exc}"])
    except DataFileError as exc:
        return problem(exc)
    except StoreError as exc:
        return Check(Kind.BUSY, str(exc), log=[f"central data check postponed: {exc}"])
    if local.get("central_sha256") == digest:
        return Check(Kind.UP_TO_DATE, log=[f"central data {loc.raw}: up to date ({digest[:12]})"])
    if judged_not_newer(live, digest, local):
        return Check(Kind.NOT_NEWER, log=[f"central data {loc.raw}: not newer ({digest[:12]})"])
    from desktop.data.feeds import central_copy  # the refresh machinery, loaded only now

    return central_copy.prepare(
        live, bundled, loc, digest, cancelled=cancelled, limits=limits, now=now
    )
