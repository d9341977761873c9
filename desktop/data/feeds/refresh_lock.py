"""One refresh (or restore) at a time: ``send-desk.sqlite.lock`` beside the live database.

The lock file is created with ``O_CREAT | O_EXCL`` and holds JSON naming its holder (process
id, computer, start time, a random token). A second refresh finds it and stops with one
sentence. A lock is *stale*, and is taken over, when its process is no longer running on
this computer, or when it is older than ``STALE_AFTER`` (a generous limit: a slow council
feed can take hours, but not half a day), or when it cannot be read and is older than a
minute. Taking over renames the stale file away first, so two processes cannot both take
over the same lock; releasing removes the file only while it still holds our token.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import socket
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

STALE_AFTER = 12 * 3600.0  # seconds
UNREADABLE_GRACE = 60.0  # a lock still being written, or left half-written by a crash
BUSY = "Another refresh is running{who}; your current data has not changed."


class LockBusy(Exception):
    """Someone else holds the lock; str() is one sentence for the user."""


def lock_path(live: Path) -> Path:
    return Path(live).with_name(Path(live).name + ".lock")


def pid_running(pid: int) -> bool:
    """Whether process ``pid`` exists on this computer (without ever signalling it)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    started: float  # seconds since the epoch
    token: str

    def stale(self, now: float) -> bool:
        if now - self.started > STALE_AFTER:
            return True
        return self.host == socket.gethostname() and not pid_running(self.pid)

    def describe(self) -> str:
        when = dt.datetime.fromtimestamp(self.started).strftime("%H:%M on %d %b")
        where = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f" (process {self.pid}{where}, started {when})"


def read_holder(path: Path) -> Holder | None:
    """The holder named in a lock file, or None when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Holder(int(data["pid"]), str(data["host"]), float(data["started"]), data["token"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


class RefreshLock:
    """Held from ``acquire`` until ``release`` (which is safe to call more than once)."""

    def __init__(self, path: Path, holder: Holder) -> None:
        self.path = path
        self.holder = holder
        self.held = True

    @classmethod
    def acquire(cls, live: Path, clock: Callable[[], float] = time.time) -> RefreshLock:
        path = lock_path(live)
        for _ in range(5):
            holder = Holder(os.getpid(), socket.gethostname(), clock(), uuid.uuid4().hex)
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                _take_over_if_stale(path, clock())
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(holder.__dict__, handle)
            return cls(path, holder)
        raise LockBusy(BUSY.format(who=""))

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        current = read_holder(self.path)
        if current is not None and current.token == self.holder.token:
            self.path.unlink(missing_ok=True)
        else:
            log.warning("refresh lock %s was taken over while held", self.path)

    def __enter__(self) -> RefreshLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _take_over_if_stale(path: Path, now: float) -> None:
    """Remove a stale lock; raise LockBusy for a live one. Returns when the caller may retry."""
    holder = read_holder(path)
    if holder is None:
        try:
            age = now - path.stat().st_mtime
        except FileNotFoundError:
            return  # released meanwhile: try again
        if age < UNREADABLE_GRACE:
            raise LockBusy(BUSY.format(who=""))
    elif not holder.stale(now):
        raise LockBusy(BUSY.format(who=holder.describe()))
    aside = path.with_name(f"{path.name}.stale-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        os.replace(path, aside)
    except FileNotFoundError:
        return  # someone else took it over first: try again
    moved = read_holder(aside)
    if (moved and moved.token) != (holder and holder.token):
        # Between our read and the rename another process took over and locked afresh:
        # put its lock back (unless yet another one exists) and give way.
        with contextlib.suppress(OSError):
            os.link(aside, path)
        aside.unlink(missing_ok=True)
        raise LockBusy(BUSY.format(who=moved.describe() if moved else ""))
    log.warning("took over a stale refresh lock %s (%s)", path, holder)
    aside.unlink(missing_ok=True)
