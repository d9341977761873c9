"""GUI scenarios of the re-run, each in its own process (offscreen), answering one JSON line.

    python -m tests.tools.rerun.gui_driver cancel URL       # Cancel during a slow download
    python -m tests.tools.rerun.gui_driver close URL        # close the dialog during it
    python -m tests.tools.rerun.gui_driver skipped          # Providers → Show what was skipped
    python -m tests.tools.rerun.gui_driver details          # every link of every service's details

The window is made as ``send-desk`` makes it (settings, ``open_live``, ``MainWindow``) on
the data folder named by ``SEND_DESK_DATA_DIR``. Every scheme's URL handler is replaced by
a recorder, so "opened" means what the app handed to the operating system.
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

SCHEMES = ("file", "http", "https", "javascript", "data", "tel", "mailto", "ftp", "smb")


class Opened(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def _window() -> tuple[QApplication, Any, Opened]:
    from desktop.app import make_application
    from desktop.config import load_settings
    from desktop.data.livedb import open_live
    from desktop.ui.main_window import MainWindow

    app = make_application()
    opened_urls = Opened()
    for scheme in SCHEMES:
        QDesktopServices.setUrlHandler(scheme, opened_urls, "handle")
    settings = load_settings()
    opened = open_live(settings.live_db, settings.bundled_db, data_dir=settings.data_dir)
    window = MainWindow(opened.store, settings, opened.notice)
    window.show()
    app.processEvents()
    return app, window, opened_urls


def _until(app: QApplication, test: Any, seconds: float) -> float | None:
    """Run the event loop until ``test()``; the time it took, or None."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        app.processEvents()
        if test():
            return time.monotonic() - start
        time.sleep(0.005)
    return None


def _started_dialog(app: QApplication, window: Any, url: str) -> Any:
    from desktop.ui.refresh_menu import open_refresh_dialog

    dialog = open_refresh_dialog(window, window.session, window.settings.policy)
    dialog.use_url.setChecked(True)
    dialog.url.setText(url)
    dialog.start_button.click()
    _until(app, lambda: False, 2.0)  # the request is out and the body trickling
    return dialog


def cancel(url: str) -> dict[str, Any]:
    app, window, _ = _window()
    dialog = _started_dialog(app, window, url)
    failed: list[str] = []
    dialog.refresh_failed.connect(failed.append)
    dialog.cancel_button.click()
    took = _until(app, lambda: bool(failed), 10)
    answer = {"cancel_seconds": took, "message": failed[0] if failed else dialog.status.text(),
              "status_format": int(dialog.status.textFormat().value)}  # fmt: skip
    window.close()
    return answer


def close(url: str) -> dict[str, Any]:
    app, window, _ = _window()
    dialog = _started_dialog(app, window, url)
    start = time.monotonic()
    dialog.close()
    closed = time.monotonic() - start
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(100)
    _until(app, lambda: len(ticks) >= 10, 5)
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    timer.stop()
    start = time.monotonic()
    window.close()
    app.processEvents()
    return {"close_seconds": closed, "ticks": len(ticks), "worst_gap": max(gaps, default=None),
            "window_close_seconds": time.monotonic() - start}  # fmt: skip


def skipped() -> dict[str, Any]:
    app, window, urls = _window()
    tab = window.providers
    window.tabs.setCurrentWidget(tab)
    box = tab.show_problems()
    _until(app, box.isVisible, 2)
    hostile = [p for p in tab.problems if "<a" in p]
    labels = [w for w in box.findChildren(QLabel) if w.isVisible() and "<a" in w.text()]
    formats = [int(w.textFormat().value) for w in labels]
    for label in labels:
        QTest.mouseClick(label, Qt.MouseButton.LeftButton, pos=label.rect().center())
        label.linkActivated.emit("file:///etc/passwd")  # what a rich-text label would send
    app.processEvents()
    answer = {"problems": len(tab.problems), "hostile_problems": len(hostile),
              "labels_showing_markup": len(labels), "label_formats": formats,
              "box_format": int(box.textFormat().value), "opened": urls.urls,
              "plain": int(Qt.TextFormat.PlainText.value)}  # fmt: skip
    box.close()
    window.close()
    return answer


def details() -> dict[str, Any]:
    """Show every service's details and click every link in them (and the Website button)."""
    from PySide6.QtWidgets import QDialog

    from tests.test_plain_text import anchors

    app, window, urls = _window()
    asked: list[str] = []

    def dismiss() -> None:  # a box asking before an http: site opens: its default, Cancel
        for widget in app.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                asked.append(widget.windowTitle())
                widget.reject()

    dismisser = QTimer()
    dismisser.timeout.connect(dismiss)
    dismisser.start(50)
    tab = window.local_offer
    window.tabs.setCurrentWidget(tab)
    tab.search.setText("")
    tab.run_search()
    _until(app, lambda: tab.model.rowCount() > 0, 5)
    clicked: list[str] = []
    for row in range(tab.model.rowCount()):
        tab.results.setCurrentIndex(tab.model.index(row))
        app.processEvents()
        for href in anchors(tab.details.document()):
            clicked.append(href)
            tab.details.anchorClicked.emit(QUrl(href))
            app.processEvents()
        if tab.contact.website.isEnabled():
            clicked.append("Website button: " + tab.contact.website_link)
            tab.contact.website.click()
            app.processEvents()
    dismisser.stop()
    window.close()
    return {"rows": tab.model.rowCount(), "clicked": clicked, "opened": urls.urls, "asked": asked}


def main() -> int:
    scenario, *args = sys.argv[1:]
    answer = {"cancel": cancel, "close": close, "skipped": skipped, "details": details}[scenario](*args)
    print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
