"""Is this path a SEND Adviser Desk database? The checks ``Store.open`` makes, and their errors.

Each refusal is one sentence. The checks are cheap (a ``stat``, 16 bytes of header, the
table list and two ``meta`` keys): ``PRAGMA quick_check`` reads every page (170 ms warm,
1.1 s cold for 50,000 services), so it runs only when a query has already failed
(``desktop.data.livedb``).
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from pathlib import Path

from desktop.data import dberrors, schema
from desktop.errors import ExitCode, UserError

# How long SQLite retries a file another program holds locked before it is "in use".
BUSY_TIMEOUT = 2.0  # seconds
SQLITE_HEADER = b"SQLite format 3\x00"
WHAT_TO_DO = "move it away, or use --db to name another file"
# Keys every database this app writes has in ``meta`` (the bundle writes them, refresh keeps them).
OWN_META_KEYS = ("schema_version", "bundle_version")


class StoreError(UserError):
    """The database cannot be opened or read; the message says what to do."""

    exit_code = ExitCode.DATA


class NotADatabase(StoreError):
    """The path holds no database of this app's (missing, a folder, empty, another file).

    ``kind`` is ``missing``, ``not-file``, ``empty``, ``not-sqlite`` or ``foreign`` (an
    SQLite database of another program). Such a path is never set aside or replaced.
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class DatabaseDamaged(StoreError):
    """An SQLite file that says it is this app's, or cannot say, and cannot be read."""


class DatabaseInUse(StoreError):
    """Another program holds the file locked (SQLITE_BUSY/SQLITE_LOCKED): try again."""

    exit_code = ExitCode.IN_USE


def in_use_sentence(path: Path) -> str:
    return (
        f"The data file {path} is in use by another program (perhaps a backup, a virus scan "
        "or another copy of the app): wait a moment and try again. Nothing was changed."
    )


def decode_text(value: bytes) -> str:
    """SQLite text as Python text; bytes that are not UTF-8 (a damaged page, another
    program's write) become U+FFFD instead of failing every query that meets them."""
    return value.decode("utf-8", "replace")


def _kind_of_file(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_file(path: Path) -> None:
    """Refuse, with one sentence, a path that cannot hold an SQLite database; never opens a
    folder, device or pipe (a pipe would block)."""
    if not os.path.lexists(path):
        raise NotADatabase(f"No database at {path}.", "missing")
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise NotADatabase(f"{path} cannot be reached ({exc.strerror or exc}).", "not-file") from exc
    if not stat.S_ISREG(mode):
        raise NotADatabase(
            f"{path} is {_kind_of_file(mode)}, not a SEND Adviser Desk database, so it was left "
            f"as it is: {WHAT_TO_DO}.",
            "not-file",
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            header = os.read(fd, len(SQLITE_HEADER))
        finally:
            os.close(fd)
    except OSError as exc:
        raise StoreError(
            f"{path} cannot be read ({exc.strerror or exc}): check that your account may open it."
        ) from exc
    if not header:
        raise NotADatabase(
            f"{path} is empty (0 bytes), so it was left as it is: {WHAT_TO_DO}.", "empty"
        )
    if header != SQLITE_HEADER:
        raise NotADatabase(
            f"{path} is not a SEND Adviser Desk database (it is not an SQLite file), so it was "
            f"left as it is: {WHAT_TO_DO}.",
            "not-sqlite",
        )


def _required_tables() -> set[str]:
    """Every table the current schema creates (read from its DDL, so a new table counts),
    and the ranking index's (``ranking_build`` makes them; a search needs them)."""
    found = set(re.findall(r"CREATE (?:VIRTUAL )?TABLE (\w+)", schema.DDL + schema.FTS_DDL))
    return found | set(schema.RANKING_TABLES)


def _check_is_ours(conn: sqlite3.Connection, path: Path) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    keys: set[str] = set()
    if "meta" in tables:
        try:
            marks = ", ".join("?" * len(OWN_META_KEYS))
            keys = {
                r[0]
                for r in conn.execute(f"SELECT key FROM meta WHERE key IN ({marks})", OWN_META_KEYS)
            }
        except sqlite3.Error as exc:
            if dberrors.kind(exc) != "other":
                raise
    if keys != set(OWN_META_KEYS):
        raise NotADatabase(
            f"{path} is an SQLite database of another program, not SEND Adviser Desk's, so it "
            f"was left as it is: {WHAT_TO_DO}.",
            "foreign",
        )


def _check_tables(conn: sqlite3.Connection, path: Path) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = sorted(_required_tables() - tables)
    if missing:
        raise DatabaseDamaged(
            f"{path} is a SEND Adviser Desk database with parts missing ({', '.join(missing)})."
        )


def open_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """The sentence for an SQLite error while opening or first reading ``path``, by error code."""
    kind = dberrors.kind(exc)
    if kind == "busy":
        return DatabaseInUse(in_use_sentence(path))
    if kind == "corrupt":
        return DatabaseDamaged(f"{path} is damaged and cannot be read ({exc}).")
    if kind in ("cantopen", "readonly") and os.path.lexists(f"{path}-journal"):
        return StoreError(
            f"{path} was left half-written by a program that stopped, and its folder cannot "
            "be written to finish the repair: ask for write access to the folder, then start "
            "the app again (nothing has been lost)."
        )
    if kind in ("cantopen", "readonly"):
        return StoreError(
            f"{path} cannot be opened ({exc}): check that the file and its folder may be read "
            "by your account."
        )
    return StoreError(f"{path} cannot be read as a SEND Adviser Desk database ({exc}).")




def check_contents(conn: sqlite3.Connection, path: Path) -> None:
    """This app's meta keys, a schema version it reads, every table present, meta readable."""
    _check_is_ours(conn, path)
    schema.check_version(conn, str(path))
    _check_tables(conn, path)
    conn.execute("SELECT count(*) FROM meta").fetchone()
