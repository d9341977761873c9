"""The files the app keeps beside the live database, and how they are swapped safely.

Beside ``send-desk.sqlite`` (names are the live file's name plus a suffix):

- ``.new`` (and its ``-journal``/``-wal``/``-shm``): a refresh being built;
- ``.bak``: the data from before the last change (refresh or restore);
- ``.bak.tmp``: the old live file during a swap (a hard link, or a complete copy);
- ``.copying``: a copy being made (renamed into place only once complete);
- ``.corrupt-N``, ``.old-N``, ``.bak-N``: set-aside copies, numbered, never overwritten
  (``.corrupt``, ``.corrupt2``, ``.old``… from earlier versions are listed too);
- ``.check``: a note asking the next start to run ``PRAGMA quick_check``.

Every swap is ordered so that a kill at any instant leaves the live file complete and
``.bak`` either the older backup or the file the swap displaced; ``cleanup_leftovers``
finishes or undoes an interrupted swap. Only regular files are ever removed or renamed:
a folder or device that happens to carry one of these names is left alone.
"""

from __future__ import annotations

import contextlib
import filecmp
import logging
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from desktop.data.dbcheck import SQLITE_HEADER

log = logging.getLogger(__name__)

SET_ASIDE_REASONS = ("corrupt", "old", "bak")


def sibling(live: Path, suffix: str) -> Path:
    live = Path(live)
    return live.with_name(live.name + suffix)


def new_path(live: Path) -> Path:
    return sibling(live, ".new")


def bak_path(live: Path) -> Path:
    return sibling(live, ".bak")


def swap_path(live: Path) -> Path:
    return sibling(live, ".bak.tmp")


def check_marker(live: Path) -> Path:
    return sibling(live, ".check")


def is_regular(path: Path) -> bool:
    """A regular file (symlinks followed); False for folders, devices, FIFOs and nothing."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def has_sqlite_header(path: Path) -> bool:
    """Whether ``path`` is a regular file starting with SQLite's 16-byte header."""
    if not is_regular(path):
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        return os.read(fd, len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False
    finally:
        os.close(fd)


def unlink_link(path: Path, keep_mode_of: Path | None = None) -> None:
    """Remove ``path`` (missing is fine). Windows refuses to delete a read-only file: it is
    made writable first, and since that changes every hard link to it, ``keep_mode_of``
    (the live file the link shares) gets its permissions back."""
    try:
        path.unlink(missing_ok=True)
        return
    except PermissionError:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode & stat.S_IWUSR:
            raise
    other = keep_mode_of if keep_mode_of is not None and _same_file(path, keep_mode_of) else None
    os.chmod(path, mode | stat.S_IWUSR)
    path.unlink(missing_ok=True)
    if other is not None:
        os.chmod(other, mode)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _remove_file(path: Path) -> None:
    """Remove ``path`` if it is a regular file or a symlink; leave anything else (logged)."""
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return
    if stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode):
        unlink_link(path)
    else:
        log.warning("%s is not a file the app made; left as it is", path)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def copy_complete(src: Path, dest: Path, mode: int | None = None) -> None:
    """Copy ``src`` to ``dest`` so that ``dest`` only ever appears complete.

    The bytes go to ``dest.copying`` first (removed again on any failure), which is
    synced and renamed into place. ``mode`` defaults to the permissions ``dest`` has
    now (a read-only live file stays read-only), or 0644 for a new file.
    """
    tmp = sibling(dest, ".copying")
    _remove_file(tmp)
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(dest).st_mode)
        except OSError:
            mode = 0o644
    try:
        shutil.copyfile(src, tmp)
        os.chmod(tmp, mode)
        _fsync(tmp)
        replace_keeping_mode(tmp, dest, keep=False)
    except BaseException:
        with contextlib.suppress(OSError):
            _remove_file(tmp)
        raise


def link_or_copy(src: Path, dest: Path) -> None:
    """Make ``dest`` name the same bytes as ``src``: a hard link where the disk allows it."""
    _remove_file(dest)
    try:
        os.link(src, dest)
    except OSError:
        copy_complete(src, dest, mode=stat.S_IMODE(os.stat(src).st_mode))


def replace_keeping_mode(src: Path, dest: Path, *, keep: bool = True) -> None:
    """``os.replace(src, dest)``; with ``keep``, ``src`` first takes ``dest``'s permissions.

    A read-only live file stays read-only after a refresh. Windows refuses to replace a
    read-only file (PermissionError): it is made writable for the rename and its mode
    put back if the rename still fails.
    """
    try:
        mode = stat.S_IMODE(os.stat(dest).st_mode)
    except FileNotFoundError:
        mode = None
    if keep and mode is not None:
        os.chmod(src, mode)
    try:
        os.replace(src, dest)
    except PermissionError:
        if mode is None or mode & stat.S_IWUSR:
            raise
        os.chmod(dest, mode | stat.S_IWUSR)
        try:
            os.replace(src, dest)
        except OSError:
            with contextlib.suppress(OSError):
                os.chmod(dest, mode)
            raise


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        if os.path.samefile(a, b):
            return True
        return os.path.getsize(a) == os.path.getsize(b) and filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


def set_aside(path: Path, reason: str) -> Path:
    """Rename ``path`` to ``<name>.<reason>-N`` (the first N free); never overwrites a copy."""
    if reason not in SET_ASIDE_REASONS:
        raise ValueError(f"unknown reason {reason!r}")
    n = 1
    while True:
        target = sibling(path, f".{reason}-{n}")
        try:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            n += 1
            continue
        os.close(fd)
        break
    try:
        os.replace(path, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    log.warning("set %s aside as %s", path, target.name)
    return target


def keep_bak_copy(live: Path) -> Path | None:
    """Keep the bytes of ``.bak`` as ``.bak-N`` too (a hard link, or a copy), before it goes."""
    bak = bak_path(live)
    if not is_regular(bak):
        return None
    n = 1
    while True:
        target = sibling(live, f".bak-{n}")
        if os.path.lexists(target):
            n += 1
            continue
        try:
            os.link(bak, target)
        except FileExistsError:
            n += 1
            continue
        except OSError:
            copy_complete(bak, target, mode=stat.S_IMODE(os.stat(bak).st_mode))
        return target


@dataclass(frozen=True)
class KeptCopy:
    """A copy beside the live file that *Restore previous data* can bring back."""

    path: Path
    reason: str  # "bak" (before the last change), "corrupt", "old", or "bak-n" (an older .bak)

    @property
    def name(self) -> str:
        return self.path.name


def kept_copies(live: Path) -> list[KeptCopy]:
    """``.bak`` first, then every set-aside copy, newest first."""
    live = Path(live)
    found: list[KeptCopy] = []
    if is_regular(bak_path(live)):
        found.append(KeptCopy(bak_path(live), "bak"))
    pattern = re.compile(re.escape(live.name) + r"\.(corrupt|old|bak)-?(\d*)$")
    others = []
    try:
        entries = list(live.parent.iterdir())
    except OSError:
        entries = []
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or entry.name == bak_path(live).name or not is_regular(entry):
            continue
        reason = match.group(1)
        others.append(KeptCopy(entry, "bak-n" if reason == "bak" else reason))
    others.sort(key=lambda c: _mtime(c.path), reverse=True)
    return found + others


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def finish_interrupted_swap(live: Path) -> None:
    """Finish or undo a swap a kill interrupted (the ``.bak.tmp`` step).

    ``.bak.tmp`` holding the live file's own bytes means the swap never happened: it is
    removed. Holding other bytes means the new file was already in place: it is the
    displaced data and becomes ``.bak``, as the swap would have made it.
    """
    bak = bak_path(live)
    for tmp in (swap_path(live), sibling(live, ".swap")):  # .swap: what restore used before
        if not os.path.lexists(tmp):
            continue
        if not is_regular(tmp):
            log.warning("%s is not a file the app made; left as it is", tmp)
            continue
        if (is_regular(live) and _same_bytes(tmp, live)) or not has_sqlite_header(tmp):
            unlink_link(tmp, keep_mode_of=live)
            continue
        if os.path.lexists(bak) and not is_regular(bak):
            log.warning("%s left as it is: %s is not a file the app made", tmp, bak)
            continue
        replace_keeping_mode(tmp, bak, keep=False)
        log.warning("finished an interrupted swap: %s became %s", tmp.name, bak.name)


def cleanup_leftovers(live: Path) -> None:
    """Remove what an interrupted refresh, restore or first copy left beside ``live``.

    The caller holds the refresh lock (or knows no refresh can be running). Never
    raises for a name taken by something the app did not make: that is logged and left.
    """
    live = Path(live)
    if not live.parent.is_dir():
        return
    new = new_path(live)
    names = [new, *(sibling(new, s) for s in ("-journal", "-wal", "-shm"))]
    names += [sibling(live, ".copying"), sibling(swap_path(live), ".copying")]
    for leftover in names:
        try:
            _remove_file(leftover)
        except OSError as exc:
            log.warning("cannot remove %s: %s", leftover, exc)
    for copy in kept_copies(live):  # a name reserved by set_aside, then killed: holds nothing
        with contextlib.suppress(OSError):
            if copy.reason != "bak" and copy.path.stat().st_size == 0:
                copy.path.unlink()
    try:
        finish_interrupted_swap(live)
    except OSError as exc:
        log.warning("cannot finish the interrupted swap beside %s: %s", live, exc)


_LEFTOVER_SUFFIXES = (
    ".new",
    ".new-journal",
    ".new-wal",
    ".new-shm",
    ".copying",
    ".bak.tmp",
    ".bak.tmp.copying",
    ".swap",
)


def needs_tidying(live: Path) -> bool:
    """Whether anything an interrupted run leaves is beside ``live`` (one folder listing):
    the working files above, a lock or its temporaries, an empty reserved set-aside name."""
    live = Path(live)
    try:
        entries = list(os.scandir(live.parent))
    except OSError:
        return False
    leftovers = {live.name + s for s in _LEFTOVER_SUFFIXES}
    for entry in entries:
        name = entry.name
        if name in leftovers or name.startswith(live.name + ".lock"):
            return True
        if re.fullmatch(re.escape(live.name) + r"\.(corrupt|old|bak)-\d+", name):
            with contextlib.suppress(OSError):
                if entry.stat().st_size == 0:
                    return True
    return False


def in_the_way(live: Path) -> list[Path]:
    """Working names beside ``live`` taken by something that is not a regular file."""
    live = Path(live)
    names = (new_path(live), bak_path(live), swap_path(live))
    return [p for p in names if os.path.lexists(p) and not is_regular(p)]
