"""One refresh (or restore) at a time: ``send-desk.sqlite.lock`` beside the live database.

The lock holds JSON naming its holder (process id, when that process started, computer,
lock time, a random token). It is written completely to a temporary file first and then
hard-linked into place (which fails if a lock exists), so a full disk or a kill never
leaves an empty lock behind; where links are impossible it is created with
``O_CREAT | O_EXCL`` and removed again if writing fails. A second refresh finds it and
stops with one sentence. A lock is *stale*, and is taken over, when its process is no
longer running on this computer, or that process id now belongs to a process started at
another time (a reused PID, or a reboot), or when it is older than ``STALE_AFTER`` (a
generous limit: a slow council feed can take hours, but not half a day), or when it
cannot be read and is older than a minute. Taking over renames the stale file away
first, so two processes cannot both take over the same lock; releasing removes the file
only while it still holds our token.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import json
import logging
import os
import socket
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.errors import UserError

log = logging.getLogger(__name__)

STALE_AFTER = 12 * 3600.0  # seconds
UNREADABLE_GRACE = 60.0  # a lock still being written, or left half-written by a crash
BUSY = "Another refresh is running{who}; your current data has not changed."


class LockBusy(UserError):
    """Someone else holds the lock; str() is one sentence for the user."""


def lock_path(live: Path) -> Path:
    return Path(live).with_name(Path(live).name + ".lock")


WINDOWS = sys.platform == "win32"  # a seam: tests run the Windows path with a stand-in kernel32


def _kernel32() -> tuple[Any, Callable[[], int]]:  # pragma: no cover - Windows only
    import ctypes

    dll = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]  # Windows
    return dll, ctypes.get_last_error  # type: ignore[attr-defined]  # only (mypy runs as Linux)


def pid_running(pid: int) -> bool:
    """Whether process ``pid`` exists on this computer (without ever signalling it)."""
    if pid <= 0:
        return False
    if WINDOWS:
        return windows_start_mark(pid, *_kernel32()) is not None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _linux_start_mark(pid: int) -> str | None:
    """Boot id and start time (clock ticks since boot) of ``pid``; None when it does not run."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except FileNotFoundError:
        return None
    except OSError:
        return ""
    fields = stat_line.rsplit(")", 1)[-1].split()
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        boot = ""
    return f"{boot}:{fields[19]}" if len(fields) > 19 else ""


def windows_start_mark(pid: int, kernel32: Any, last_error: Callable[[], int]) -> str | None:
    """The creation time of ``pid`` (a FILETIME count); None when no such process runs.

    ``kernel32`` and ``last_error`` are ``ctypes.WinDLL("kernel32")`` and
    ``ctypes.get_last_error`` on Windows; tests pass stand-ins.
    """
    import ctypes

    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return "" if last_error() == 5 else None  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        if code.value != 259:  # STILL_ACTIVE
            return None
        created, exited, kernel, user = (ctypes.c_ulonglong() for _ in range(4))
        if not kernel32.GetProcessTimes(
            handle,
            ctypes.byref(created),
            ctypes.byref(exited),
            ctypes.byref(kernel),
            ctypes.byref(user),
        ):
            return ""
        return str(created.value)
    finally:
        kernel32.CloseHandle(handle)


def process_start_mark(pid: int) -> str | None:
    """An opaque mark of when process ``pid`` started ('' when it runs but cannot be told),
    or None when no process ``pid`` runs on this computer. Never signals the process."""
    if pid <= 0:
        return None
    if WINDOWS:
        return windows_start_mark(pid, *_kernel32())
    if sys.platform.startswith("linux"):
        return _linux_start_mark(pid)
    return "" if pid_running(pid) else None


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    started: float  # seconds since the epoch
    token: str
    process_started: str = ""  # process_start_mark(pid) when the lock was taken

    def stale(self, now: float) -> bool:
        if now - self.started > STALE_AFTER:
            return True
        if self.host != socket.gethostname():
            return False
        mark = process_start_mark(self.pid)
        if mark is None:
            return True  # the process has gone
        # The PID now names another process (reused, or after a reboot).
        return bool(self.process_started and mark and mark != self.process_started)

    def describe(self) -> str:
        when = dt.datetime.fromtimestamp(self.started).strftime("%H:%M on %d %b")
        where = "" if self.host == socket.gethostname() else f" on {self.host}"
        return f" (process {self.pid}{where}, started {when})"


def read_holder(path: Path) -> Holder | None:
    """The holder named in a lock file, or None when it is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Holder(
            int(data["pid"]),
            str(data["host"]),
            float(data["started"]),
            str(data["token"]),
            str(data.get("process_started", "")),
        )
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
        mark = process_start_mark(os.getpid()) or ""
        for _ in range(5):
            holder = Holder(os.getpid(), socket.gethostname(), clock(), uuid.uuid4().hex, mark)
            try:
                _create(path, json.dumps(holder.__dict__))
            except FileExistsError:
                _take_over_if_stale(path, clock())
                continue
            return cls(path, holder)
        raise LockBusy(BUSY.format(who=""))

    @classmethod
    def try_acquire(cls, live: Path) -> RefreshLock | None:
        """The lock if it is free (or stale); None while another refresh holds it."""
        try:
            return cls.acquire(live)
        except LockBusy:
            return None

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


def _create(path: Path, content: str) -> None:
    """Put a complete lock file at ``path``; FileExistsError if one is there already."""
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        with open(tmp, "x", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # atomic, and never replaces an existing lock
            return
        except FileExistsError:
            raise
        except OSError:
            pass  # a disk without hard links: create it in place instead
    finally:
        tmp.unlink(missing_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def remove_stray_files(live: Path, now: float | None = None) -> None:
    """Remove lock temporaries a kill left behind (``.lock.tmp-*``, ``.lock.stale-*``)."""
    path = lock_path(live)
    now = time.time() if now is None else now
    for stray in path.parent.glob(glob.escape(path.name) + ".*"):
        if not stray.name.startswith((path.name + ".tmp-", path.name + ".stale-")):
            continue
        with contextlib.suppress(OSError):
            if now - stray.stat().st_mtime > UNREADABLE_GRACE:
                stray.unlink()


@contextlib.contextmanager
def maintenance(live: Path) -> Iterator[bool]:
    """Hold the lock while start-up tidies or repairs the live file's neighbours.

    Yields True when they may be changed (the lock was free, or the folder cannot hold a
    lock at all, in which case no refresh can run there either) and False while a
    refresh holds it. Used by ``livedb.open_live`` as its ``guard``.
    """
    try:
        lock = RefreshLock.try_acquire(live)
    except OSError:
        yield True
        return
    if lock is None:
        yield False
        return
    try:
        remove_stray_files(live)
        yield True
    finally:
        lock.release()


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
