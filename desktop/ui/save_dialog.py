"""Where save dialogs start and what name they suggest.

They start in the folder the user last saved to (``Preferences.save_folder``), or in
Documents before the first save, never in the app's own folder; the name carries the
date (``family-handout-2026-12-03.pdf``) so a week of drop-ins does not overwrite itself.
The folder is remembered only once a file has really been written there.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.preferences import Preferences


def documents_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def start_folder(prefs: Preferences | None = None) -> Path:
    last = (prefs or Preferences()).save_folder
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def dated_name(stem: str, suffix: str, today: dt.date | None = None) -> str:
    """``family-handout`` + ``.pdf`` → ``family-handout-2026-12-03.pdf``."""
    return f"{stem}-{(today or dt.date.today()).isoformat()}{suffix}"


def ask_save_path(
    parent: QWidget | None,
    title: str,
    stem: str,
    suffix: str,
    file_filter: str,
    *,
    prefs: Preferences | None = None,
    today: dt.date | None = None,
) -> Path | None:
    """Ask where to save; the path (with ``suffix`` added if the user left it off) or None."""
    suggested = start_folder(prefs) / dated_name(stem, suffix, today)
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != suffix.lower():
        path = path.with_name(path.name + suffix)
    return path


def remember_folder(path: Path, prefs: Preferences | None = None) -> None:
    """After a successful save: the next dialog starts in this file's folder."""
    prefs = prefs or Preferences()
    prefs.save_folder = str(path.parent)
    prefs.sync()


def saved_message(what: str, path: Path) -> str:
    """The status-bar confirmation after a save."""
    return f"Saved {what} as {path.name} in {path.parent}."
