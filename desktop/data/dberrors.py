"""SQLite errors sorted by their error code, never by their message text.

``sqlite3.Error.sqlite_errorname`` (Python 3.11+) names the primary or extended result
code (``SQLITE_BUSY``, ``SQLITE_CORRUPT_VTAB``…); the primary code is the part before a
second underscore-separated qualifier, so extended codes sort with their family.
"""

from __future__ import annotations

import sqlite3
from typing import Literal

Kind = Literal["busy", "corrupt", "readonly", "full", "cantopen", "other"]

_KINDS: dict[str, Kind] = {
    "SQLITE_BUSY": "busy",
    "SQLITE_LOCKED": "busy",
    "SQLITE_CORRUPT": "corrupt",
    "SQLITE_NOTADB": "corrupt",
    "SQLITE_READONLY": "readonly",
    "SQLITE_PERM": "readonly",
    "SQLITE_AUTH": "readonly",
    "SQLITE_FULL": "full",
    "SQLITE_CANTOPEN": "cantopen",
    "SQLITE_IOERR": "cantopen",
}


def primary_name(exc: BaseException) -> str:
    """``SQLITE_BUSY`` for ``SQLITE_BUSY_SNAPSHOT``; '' for anything that is not from SQLite."""
    name = getattr(exc, "sqlite_errorname", None)
    if not isinstance(exc, sqlite3.Error) or not isinstance(name, str):
        return ""
    parts = name.split("_")
    return "_".join(parts[:2])


def kind(exc: BaseException) -> Kind:
    """What an SQLite error means for the user's data (``other`` when it says nothing)."""
    return _KINDS.get(primary_name(exc), "other")


def is_busy(exc: BaseException) -> bool:
    return kind(exc) == "busy"


def is_corrupt(exc: BaseException) -> bool:
    return kind(exc) == "corrupt"
