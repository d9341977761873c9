"""Logging set-up (one rotating file in the data dir) and the last-resort exception hook."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType

log = logging.getLogger("desktop")


def setup_logging(log_file: Path | None, level: int = logging.INFO) -> Path | None:
    """Log to ``log_file`` (rotating, 3 × 1 MB) when it can be written, else to stderr only."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_send_desk", False):
            root.removeHandler(handler)
            handler.close()
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    written: Path | None = None
    if log_file is not None:
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
            written = log_file
        except OSError:
            handler = logging.StreamHandler()
    else:
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
    handler.setFormatter(fmt)
    handler._send_desk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return written


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


def install_excepthook(log_file: Path | None) -> None:
    """Log any uncaught exception and show a readable dialog instead of dying silently."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.critical("uncaught exception", exc_info=(kind, value, tb))
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            sys.__excepthook__(kind, value, tb)
            return
        where = f"The details are in the log file:\n{log_file}" if log_file else ""
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "Something went wrong",
            "SEND Adviser Desk hit an unexpected problem. Your data has not been changed. "
            f"You can carry on, or restart the app if something looks wrong.\n\n{where}",
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the path comes from the environment (F4)
        box.setDetailedText("".join(traceback.format_exception(kind, value, tb)))
        box.exec()

    sys.excepthook = hook
