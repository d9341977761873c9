"""``send-desk publish --db PATH OUT``: the central data file and its checksum, for IT.

The database at PATH (refreshed by ``send-desk refresh SOURCE --db PATH``) is written to
OUT with ``VACUUM INTO`` (a consistent, compact copy, taken under PATH's refresh lock so
no refresh swaps PATH meanwhile) under a temporary name in OUT's folder. The copy is
verified as a laptop will verify it (``central.verify``: this app's database in this
version's schema, ``PRAGMA integrity_check``, real services), its SHA-256 is written to a
temporary checksum file, and both are synced and renamed into place: the database first,
then ``OUT.sha256``. A laptop that reads the checksum while the two renames happen sees
a mismatch, finds the checksum changed and tries again later; OUT and OUT.sha256 are
only ever complete files.

On Windows a file another computer is reading cannot be replaced: each rename is
retried for ``replace_wait`` seconds before publish gives up with one sentence (schedule
it out of working hours).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.data import dberrors, livefiles
from desktop.data.feeds import refresh
from desktop.data.feeds.central import CHECKSUM_SUFFIX, DEFAULT_NAME, DataFileError, verify
from desktop.data.store import Store, StoreError
from desktop.errors import UserError

REPLACE_WAIT = 120.0  # seconds to keep retrying a rename over a file that is being read
# When the database was replaced but its checksum could not be: laptops refuse the pair.
HALF = (
    "The new database is in place but its checksum is not, so laptops keep their data until "
    "you publish again."
)


class PublishError(UserError):
    """Publishing stopped; str() is one sentence. Whatever was published before stays."""


@dataclass(frozen=True)
class Published:
    path: Path
    checksum_path: Path
    sha256: str
    services: int
    data_as_of: str
    size: int


def target(out: Path) -> Path:
    """OUT, or ``OUT/send-desk.sqlite`` when OUT is a folder."""
    return out / DEFAULT_NAME if out.is_dir() else out


def publish(
    db: Path,
    out: Path,
    *,
    replace_wait: float = REPLACE_WAIT,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Published:
    db, out = Path(db), target(Path(out))
    kept_as = "What was published before is unchanged."
    if not out.parent.is_dir():
        raise PublishError(f"The folder {out.parent} does not exist: create it, or name another.")
    with contextlib.suppress(OSError):
        if out.exists() and os.path.samefile(db, out):
            raise PublishError(f"{out} is the database itself: publish it to another file.")
    token = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp_db = livefiles.sibling(out, f".part-{token}")
    tmp_sum = livefiles.sibling(out, f"{CHECKSUM_SUFFIX}.part-{token}")
    try:
        with refresh.take_lock(db):
            _snapshot(db, tmp_db, kept_as)
        meta = _verified(tmp_db, db, kept_as)
        digest, size = _sha256(tmp_db)
        _write_synced(tmp_sum, f"{digest}  {out.name}\n".encode("ascii"))
        _replace(tmp_db, out, replace_wait, sleep, clock, kept_as)
        _replace(tmp_sum, livefiles.sibling(out, CHECKSUM_SUFFIX), replace_wait, sleep, clock, "")
    except (refresh.RefreshError, DataFileError) as exc:  # the lock is busy; not publishable
        raise PublishError(str(exc) if isinstance(exc, DataFileError) else f"{exc} {kept_as}") from exc
    finally:
        for leftover in (tmp_db, tmp_sum):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
    return Published(
        out,
        livefiles.sibling(out, CHECKSUM_SUFFIX),
        digest,
        int(meta["service_count"]),
        meta.get("data_as_of", ""),
        size,
    )


def _snapshot(db: Path, tmp: Path, kept_as: str) -> None:
    """A consistent, compact copy of ``db`` at ``tmp`` (``VACUUM INTO``)."""
    try:
        Store.open(db, read_only=True).close()  # this app's database, in a schema it reads
        conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True, timeout=2.0)
        try:
            conn.execute("VACUUM INTO ?", (str(tmp),))
        finally:
            conn.close()
    except StoreError as exc:
        raise PublishError(f"{exc} {kept_as}") from exc
    except sqlite3.Error as exc:
        if dberrors.is_corrupt(exc):
            raise PublishError(
                f"The database {db} is damaged ({exc}), so it was not published: refresh it "
                f"again (send-desk refresh SOURCE --db PATH). {kept_as}"
            ) from exc
        if dberrors.kind(exc) == "full":
            raise PublishError(f"There is not enough free space beside {tmp}. {kept_as}") from exc
        raise PublishError(
            f"The copy for publishing could not be written ({exc}). {kept_as}"
        ) from exc


def _verified(tmp: Path, db: Path, kept_as: str) -> dict[str, str]:
    return verify(
        tmp,
        str(db),
        what="The database",
        advice="refresh it (send-desk refresh SOURCE --db PATH) before publishing it",
        unchanged=kept_as,
    )


def _sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _replace(
    src: Path,
    dest: Path,
    wait: float,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
    kept_as: str,
) -> None:
    """``os.replace``, retried while Windows refuses it because the file is being read."""
    with open(src, "rb+") as handle:
        os.fsync(handle.fileno())
    end = clock() + wait
    while True:
        try:
            os.replace(src, dest)
            return
        except PermissionError as exc:
            if clock() >= end:
                raise PublishError(
                    f"{dest} is in use (another computer may be copying it) and could not be "
                    f"replaced for {wait:g} seconds: try again later. {kept_as or HALF}"
                ) from exc
            sleep(min(2.0, max(end - clock(), 0.0)))
        except OSError as exc:
            raise PublishError(
                f"{dest} could not be written ({exc.strerror or exc}). {kept_as or HALF}"
            ) from exc
