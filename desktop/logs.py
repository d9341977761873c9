"""Logging set-up (one rotating file in the data dir) and the last-resort exception hook."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Qt loads only when a message box or Qt's own messages need it
    from PySide6.QtCore import Qt

log = logging.getLogger("desktop")

_current_log: Path | None = None


class QuietFileHandler(logging.FileHandler):
    """A rotating log file (``max_bytes`` each, ``backups`` older ones: ``.1`` the newest)
    that, when it cannot be written (disk full, folder gone), says so once on stderr in
    one line and then stops, instead of a "--- Logging error ---" traceback on every call.
    A bad log call (a bug, not the disk) gets the standard library's report and logging
    carries on.

    It rotates by ``logging.handlers.RotatingFileHandler``'s rule (before a record that
    would take the file past ``max_bytes``), except that it never rotates an empty file
    away (Python 3.11's then leaves an empty ``.1``). It is built on ``logging.FileHandler``
    because importing ``logging.handlers`` loads ``socket``, ``pickle`` and ``queue`` for
    handlers this app never uses, ~7 ms of every start (issue 16).
    """

    failed = False

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def _needs_rotation(self, record: logging.LogRecord) -> bool:
        if self.stream is None or self.max_bytes <= 0 or self.backups <= 0:
            return False
        base = self.baseFilename
        if os.path.exists(base) and not os.path.isfile(base):  # a device or pipe: never
            return False
        self.stream.seek(0, 2)  # as the standard library does: append mode's tell() on Windows
        at = self.stream.tell()
        return at > 0 and at + len(self.format(record)) + 1 >= self.max_bytes

    def rotate(self) -> None:
        """``log.txt`` becomes ``log.txt.1``, ``.1`` becomes ``.2`` … the oldest is dropped;
        a new ``log.txt`` is opened."""
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # until the new file is open
        base = self.baseFilename
        for n in range(self.backups, 0, -1):  # .2 → .3 first, so nothing is overwritten early
            newer = f"{base}.{n - 1}" if n > 1 else base
            if os.path.exists(newer):
                os.replace(newer, f"{base}.{n}")
        self.stream = self._open()

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        if not _cannot_write(error):
            super().handleError(record)  # a bad log call: reported, and logging carries on
            return
        if self.failed:
            return
        self.failed = True
        global _current_log
        _current_log = None
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(
                f"SEND Adviser Desk cannot write its log file {self.baseFilename} "
                f"({getattr(error, 'strerror', None) or error}); it carries on without it.\n"
            )

    def emit(self, record: logging.LogRecord) -> None:
        if self.failed:
            return
        try:
            if self.stream is None:  # closed (FileHandler reopens it, outside any try)
                self.stream = self._open()
            if self._needs_rotation(record):
                self.rotate()
        except Exception:  # as logging's own handlers: a log call never raises
            self.handleError(record)
            return
        super().emit(record)  # writes, and routes its own errors to handleError

    def flush(self) -> None:
        try:
            super().flush()
        except (OSError, ValueError):
            self.handleError(logging.makeLogRecord({}))

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            super().close()


class OneLineFormatter(logging.Formatter):
    """For stderr: ``send-desk: message``, never a traceback (those belong in the log file)."""

    def format(self, record: logging.LogRecord) -> str:
        return f"send-desk: {record.getMessage()}"


def _cannot_write(error: BaseException | None) -> bool:
    """An error of the file itself (full disk, folder gone, closed stream), not of a record."""
    if isinstance(error, OSError):
        return True
    return isinstance(error, ValueError) and "closed file" in str(error)


def current_log_file() -> Path | None:
    """The log file being written, or None (it could not be opened or stopped working)."""
    return _current_log


def setup_logging(log_file: Path | None, level: int = logging.INFO) -> Path | None:
    """Log to ``log_file`` (rotating, 3 × 1 MB) when it can be written. When it cannot, the
    log is dropped quietly (the status bar already says the data folder cannot be written,
    and a bug's traceback goes to a temporary file, ``cli``); with no ``log_file`` at all,
    warnings go to stderr, one line each."""
    global _current_log
    root = logging.getLogger()
    root.setLevel(level)
    for old in list(root.handlers):
        if getattr(old, "_send_desk", False):
            root.removeHandler(old)
            old.close()
    written: Path | None = None
    handler: logging.Handler
    if log_file is not None:
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            handler = QuietFileHandler(log_file, max_bytes=1_000_000, backups=3)
            handler.setFormatter(
                logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
            )
            written = log_file
        except OSError:
            handler = logging.NullHandler()
    else:
        handler = _stderr_handler()
    handler._send_desk = True  # type: ignore[attr-defined]  # our mark, read back by getattr
    root.addHandler(handler)
    _current_log = written
    return written


def _stderr_handler() -> logging.Handler:
    handler = logging.StreamHandler()
    handler.setLevel(logging.WARNING)
    handler.setFormatter(OneLineFormatter())
    return handler


def bug_sentence() -> str:
    """What the user reads when the app hits a bug: what happened, where the details are."""
    where = current_log_file()
    details = f"The details are in {where}." if where else "The log file could not be written."
    return (
        "SEND Adviser Desk hit an unexpected problem (a bug); your data has not been changed. "
        f"{details}"
    )


def route_qt_messages() -> None:
    """Send Qt's own warnings into our log instead of stderr."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(mode: QtMsgType, context: object, message: str) -> None:
        qt_log.log(levels.get(mode, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


uncaught: list[BaseException] = []  # what the hook saw (``--smoke`` fails when it holds any)


def install_excepthook(log_file: Path | None, *, dialog: bool = True) -> None:
    """Log any uncaught exception and tell the user in one sentence instead of dying silently.

    With ``dialog`` (a real screen) a message box shows it; without (``--smoke``, the
    offscreen platform) it goes to stderr, so nothing ever waits on a modal box.
    A damaged database page (SQLITE_CORRUPT) asks the next start to check the file.
    """

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.critical("uncaught exception", exc_info=(kind, value, tb))
        uncaught.append(value)
        damaged = note_damage(value)
        from PySide6.QtWidgets import QApplication, QMessageBox

        where = f"The details are in the log file:\n{log_file}" if log_file else ""
        text = (
            "SEND Adviser Desk hit an unexpected problem. Your data has not been changed. "
            "You can carry on, or restart the app if something looks wrong."
        )
        if damaged:
            text = (
                "Your data file is damaged: restart the app and it will be set aside and "
                "replaced by the bundled data (File → Restore previous data lists it)."
            )
        if not dialog or QApplication.instance() is None:
            details = f" The details are in {log_file}." if log_file else ""
            sys.stderr.write(f"{text}{details}\n")
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "Something went wrong", f"{text}\n\n{where}")
        box.setTextFormat(_plain())
        box.setDetailedText("".join(traceback.format_exception(kind, value, tb)))
        box.exec()

    sys.excepthook = hook


def _plain() -> Qt.TextFormat:
    from PySide6.QtCore import Qt

    return Qt.TextFormat.PlainText


_damaged_paths: list[Path] = []  # the live database, set by the app so the hook can mark it


def watch_for_damage(live: Path) -> None:
    _damaged_paths[:] = [Path(live)]


def note_damage(value: BaseException) -> bool:
    """A damaged page (SQLITE_CORRUPT) met while the app runs: ask the next start to check
    the live file (and set it aside if it is damaged). True when ``value`` was such damage."""
    from desktop.data import dberrors, livedb

    if not dberrors.is_corrupt(value) or not _damaged_paths:
        return False
    livedb.mark_for_check(_damaged_paths[0])
    return True
