"""QApplication set-up: opens the Store and shows the MainWindow; the ``--smoke`` checks."""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from desktop import APP_NAME, ORG_NAME, __version__
from desktop.config import Settings, is_frozen, resource
from desktop.data.livedb import Opened

if TYPE_CHECKING:
    from desktop.data.store import Store
    from desktop.ui.main_window import MainWindow

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
    assert isinstance(app, QApplication)  # made here, or by whoever made one before
    return app


def visit(tabs: QTabWidget) -> list[QWidget | None]:
    """Show each page of ``tabs`` in turn, as a user going through them would (a page is
    built when first shown), then go back to the page that was current. Returns each
    page as it was while in front, or None for one that was not visible then."""
    current, pages = tabs.currentIndex(), []
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()  # laid out and painted
        page = tabs.currentWidget()
        pages.append(page if page is not None and page.isVisible() else None)
    tabs.setCurrentIndex(current)
    return pages


def smoke_problems(window: MainWindow) -> list[str]:
    """What is missing from a freshly shown window, every tab and sub-tab shown in turn
    (empty in a working start). A tab that could not be built is one problem (its error
    went to the exception hook, which the smoke test counts too)."""
    from desktop.ui.guidance import GuidanceTab
    from desktop.ui.local_offer import LocalOfferTab
    from desktop.ui.providers import ProvidersTab

    problems = []
    kinds = (GuidanceTab, ProvidersTab, LocalOfferTab)
    shown = {type(page) for page in visit(window.tabs)}
    problems += [f"the {kind.__name__} was not built and shown" for kind in kinds if kind not in shown]
    if GuidanceTab in shown:
        guidance = window.guidance
        visit(guidance.pages)
        if guidance.model.rowCount() == 0:
            problems.append("no guidance sections")
        if guidance.routes.who.count() == 0 or guidance.routes.topic.count() == 0:
            problems.append("no routes in the route finder")
        if guidance.calculator.rule.count() == 0:
            problems.append("no rules in the deadline calculator")
    if ProvidersTab in shown and window.providers.model.rowCount() == 0:
        problems.append("no providers")
    if LocalOfferTab in shown and window.local_offer.model.total == 0:
        problems.append("no Local Offer services")
    if window.windowIcon().isNull():
        problems.append("no window icon")
    return problems


def first_queries(store: Store) -> None:
    """The Local Offer tab's first queries, run before the window is shown although the tab
    is built when first shown: a damaged page they meet is handled at start, as damage (set
    aside, the bundled data, a notice), as when the tab was built at start; not later, as a
    bug, when the adviser opens the tab."""
    from desktop.ui.models import ServiceListModel

    store.area_names()
    store.need_names()
    store.count_services("")
    for summary in store.search_services("", limit=ServiceListModel.PAGE)[:1]:
        store.read_service(summary.id)


def show_fatal(sentence: str) -> None:
    """The one sentence of a failure before the window opens, in a message box (plain text):
    the windowed app on Windows has no console to print it to."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    make_application()
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, sentence)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def _open_window(
    settings: Settings, opened: Opened, recover: Callable[[BaseException], Opened] | None
) -> MainWindow:
    """The main window; a damaged page met by its first queries is handled once, as damage.

    The window is made in two steps (``__new__``, then ``__init__``) so that a window whose
    construction failed can still be taken apart: its filter-count thread is stopped
    before anything else happens (a QThread destroyed while running aborts the process).
    """
    from desktop.data import dberrors
    from desktop.data.dbcheck import DatabaseInUse, in_use_sentence
    from desktop.ui.main_window import MainWindow

    window = MainWindow.__new__(MainWindow)
    try:
        window.__init__(opened.store, settings, opened.notice)  # type: ignore[misc]  # on purpose: see the docstring
        first_queries(opened.store)
        return window
    except sqlite3.DatabaseError as exc:
        _dispose(window)
        if dberrors.is_busy(exc):
            raise DatabaseInUse(in_use_sentence(opened.store.path)) from exc
        if recover is None or not dberrors.is_corrupt(exc):
            raise
        log.error("the window's first queries met a damaged page: %s", exc)
        fresh = recover(exc)
    window = MainWindow(fresh.store, settings, fresh.notice)
    first_queries(fresh.store)
    return window


def _dispose(window: QWidget) -> None:
    """Stop every worker thread a half-built window started, then let it go."""
    from desktop.ui.local_offer.facets_worker import FacetsTask
    from desktop.ui.local_offer.suggest_worker import SuggestTask

    tasks: list[FacetsTask | SuggestTask] = [
        *window.findChildren(FacetsTask),
        *window.findChildren(SuggestTask),
    ]
    for task in tasks:
        task.stop()
    window.deleteLater()


def run_gui(
    settings: Settings,
    opened: Opened,
    *,
    smoke: bool = False,
    recover: Callable[[BaseException], Opened] | None = None,
) -> int:
    from desktop import logs

    app = make_application()
    window = _open_window(settings, opened, recover)
    window.show()
    if smoke:
        app.processEvents()
        problems = smoke_problems(window)
        _watch_data_file(window, settings)  # made, as at a real start; closed before it runs
        window.close()
        app.processEvents()
        if logs.uncaught:
            problems.append(f"{len(logs.uncaught)} unexpected error(s), see the log")
        if problems:
            print(f"smoke test failed: {', '.join(problems)}", file=sys.stderr)
            return 1
        print(
            f"smoke test passed: {window.guidance.model.rowCount()} guidance sections, "
            f"{window.providers.model.rowCount()} providers, "
            f"{window.local_offer.model.total} services"
        )
        return 0
    _watch_data_file(window, settings)
    QTimer.singleShot(0, lambda: log.info("window shown"))
    return app.exec()


def _watch_data_file(window: MainWindow, settings: Settings) -> None:
    """The central data file (policy DataFile): checked soon after the window shows, in a
    worker thread. With --smoke it is made only after every tab has been visited, which
    takes longer than its first check waits: a smoke test never starts the check."""
    if settings.policy.data_file:
        from desktop.ui.datafile_watch import watch_data_file

        watch_data_file(window, settings)
