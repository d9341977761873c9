"""Helpers for the Qt tests: a stand-in URL handler and the main window over the live copy."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, QUrl, Slot

from desktop.config import load_settings
from desktop.data.livedb import open_live
from desktop.ui.main_window import MainWindow

FULL = QUrl.ComponentFormattingOption.FullyEncoded


class Catcher(QObject):
    """Stands in for the phone app, mail program and browser (see the ``caught`` fixture)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toString(FULL))


def open_main_window(qtbot) -> MainWindow:
    """Open the live copy as the app does and show the main window on it.

    Needs the ``data_dir`` fixture (and any policy set in the environment beforehand).
    The caller closes the window and then ``window.store``.
    """
    QSettings().clear()
    settings = load_settings()
    opened = open_live(settings.live_db, settings.bundled_db)
    win = MainWindow(opened.store, settings, opened.notice)
    qtbot.addWidget(win)
    win.show()
    return win
