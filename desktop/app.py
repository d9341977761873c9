"""QApplication set-up: opens the Store and shows the MainWindow."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import APP_NAME, ORG_NAME, __version__
from desktop.config import Settings, is_frozen, resource
from desktop.data.livedb import Opened

log = logging.getLogger(__name__)


def app_icon_path(frozen: bool | None = None) -> Path:
    """The window icon: the SVG from source, the PNG build_installer.spec renders when frozen."""
    if frozen is None:
        frozen = is_frozen()
    return resource("icons", "send-desk.png" if frozen else "send-desk.svg")


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QApplication.setOrganizationName(ORG_NAME)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setApplicationDisplayName(APP_NAME)
    icon = app_icon_path()
    if icon.is_file():
        # QIcon reads the file only when a size is first drawn, so this costs start-up little.
        QApplication.setWindowIcon(QIcon(str(icon)))
    else:
        log.warning("window icon %s not found; using the system default", icon)
    return app  # type: ignore[return-value]


def smoke_problems(window: object) -> list[str]:
    """What is missing from a freshly shown window (empty in a working start)."""
    problems = []
    if window.guidance.model.rowCount() == 0:  # type: ignore[attr-defined]
        problems.append("no guidance sections")
    if window.providers.model.rowCount() == 0:  # type: ignore[attr-defined]
        problems.append("no providers")
    if window.local_offer.model.total == 0:  # type: ignore[attr-defined]
        problems.append("no Local Offer services")
    if window.windowIcon().isNull():  # type: ignore[attr-defined]
        problems.append("no window icon")
    return problems


def run_gui(settings: Settings, opened: Opened, *, smoke: bool = False) -> int:
    from desktop.ui.main_window import MainWindow

    app = make_application()
    window = MainWindow(opened.store, settings, opened.notice)
    window.show()
    if smoke:
        app.processEvents()
        problems = smoke_problems(window)
        window.close()
        app.processEvents()
        if problems:
            print(f"smoke test failed: {', '.join(problems)}", file=sys.stderr)
            return 1
        print(
            f"smoke test passed: {window.guidance.model.rowCount()} guidance sections, "
            f"{window.providers.model.rowCount()} providers, "
            f"{window.local_offer.model.total} services"
        )
        return 0
    QTimer.singleShot(0, lambda: log.info("window shown"))
    return app.exec()
