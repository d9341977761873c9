"""The main window: a thin holder of the three tabs, menus and the status bar."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from functools import lru_cache

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from desktop import APP_NAME, __version__
from desktop.config import Settings, resource
from desktop.data.search_terms import (
    NO_TERMS,
    SYNONYMS_FILE,
    SearchTerms,
    SynonymsError,
    load_terms,
)
from desktop.data.store import Store
from desktop.ui import actions
from desktop.ui.guidance import GuidanceTab
from desktop.ui.local_offer import LocalOfferTab
from desktop.ui.providers import ProvidersTab

log = logging.getLogger(__name__)


def days_old(data_as_of: str, today: dt.date | None = None) -> int | None:
    try:
        when = dt.date.fromisoformat(data_as_of[:10])
    except ValueError:
        return None
    return ((today or dt.date.today()) - when).days


@lru_cache(maxsize=1)
def app_terms() -> SearchTerms:
    """The synonym list every tab searches with; none (logged) if the file is unusable."""
    try:
        return load_terms(resource(SYNONYMS_FILE))
    except SynonymsError as exc:
        log.warning("%s Searching without synonyms.", exc)
        return NO_TERMS


class MainWindow(QMainWindow):
    def __init__(self, store: Store, settings: Settings, notice: str = "") -> None:
        super().__init__()
        self.store = store.use_terms(app_terms())
        self._owns_store = False  # the caller's Store is the caller's to close
        self.settings = settings
        meta = store.meta()
        org = settings.policy.organisation_name
        self.setWindowTitle(f"{APP_NAME} — {org}" if org else APP_NAME)
        self.setAccessibleName(APP_NAME)

        self.guidance, self.providers, self.local_offer = self._make_tabs(store)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Sections of the app")
        self.tabs.addTab(self.guidance, "&Disagreement guidance")
        self.tabs.addTab(self.providers, "&Providers")
        self.tabs.addTab(self.local_offer, "&Local Offer")
        self.setCentralWidget(self.tabs)

        for n in range(3):
            QShortcut(QKeySequence(f"Ctrl+{n + 1}"), self, lambda n=n: self.tabs.setCurrentIndex(n))
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        self._menus()
        self._status(meta, notice)
        self._restore()

    def _make_tabs(self, store: Store) -> tuple[GuidanceTab, ProvidersTab, LocalOfferTab]:
        """The three tabs over ``store``: the one place that knows how each is built."""
        guidance = GuidanceTab(store, self)
        guidance.provider_requested.connect(self.show_provider)
        providers = ProvidersTab(store, self, settings=self.settings)
        return guidance, providers, LocalOfferTab(store, self)

    # -- menus and status ----------------------------------------------------------------------
    def _menus(self) -> None:
        file_menu = self.file_menu = self.menuBar().addMenu("&File")
        from desktop.ui.refresh_menu import add_refresh_actions

        self.refresh_action, self.restore_action = add_refresh_actions(self, file_menu)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(self.providers.import_action)
        file_menu.addAction(self.providers.remove_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        settings_menu = self.menuBar().addMenu("&Settings")
        settings_menu.addAction(actions.no_phone_action(self))
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About SEND Adviser Desk", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _status(self, meta: dict[str, str], notice: str) -> None:
        bar = self.statusBar()
        self.source_label, self.as_of_label, self.count_label = QLabel(), QLabel(), QLabel()
        self.demo_label = QLabel("DEMO DATA")
        self.demo_label.setObjectName("demoLabel")
        self.demo_label.setStyleSheet(
            "QLabel#demoLabel { background: #fff3cd; color: #5c4400; font-weight: bold; "
            "padding: 0 6px; border: 1px solid #c9a227; }"
        )
        self.demo_label.setAccessibleName("Demo data: the Local Offer services are fictional")
        for label in (self.source_label, self.as_of_label, self.count_label):
            bar.addWidget(label)
        bar.addPermanentWidget(self.demo_label)
        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        bar.addWidget(self.notice_label, 1)
        self._update_status(meta, notice)

    def _update_status(self, meta: dict[str, str], notice: str = "") -> None:
        """Provenance, demo flag and notices for the data now open."""
        self.source_label.setText(f"Data: {meta.get('source', 'unknown')}")
        as_of = meta.get("data_as_of", "")
        self.as_of_label.setText(f"Data as of {as_of}" if as_of else "Data date unknown")
        self.count_label.setText(f"{int(meta.get('service_count', '0') or 0):,} services")
        for label in (self.source_label, self.as_of_label, self.count_label):
            label.setAccessibleName(label.text())
        self.demo_label.setVisible(meta.get("is_demo") == "1")
        age = days_old(as_of)
        messages = [notice] if notice else []
        if (
            age is not None
            and age > self.settings.policy.stale_after_days
            and meta.get("is_demo") != "1"
        ):
            messages.append(f"The Local Offer data is {age} days old: refresh it when you can.")
        self.notice_label.setText(" ".join(messages))
        self.notice_label.setAccessibleName(self.notice_label.text() or "No notices")

    def show_about(self) -> None:
        meta = self.store.meta()
        demo = (
            "Yes: the Local Offer services are fictional." if meta.get("is_demo") == "1" else "No"
        )
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<p><b>{APP_NAME}</b> {__version__}</p>"
            f"<p>Data source: {meta.get('source', '')}<br>Publisher: {meta.get('publisher', '')}<br>"
            f"Data as of: {meta.get('data_as_of', '')}<br>Demo data: {demo}<br>"
            f"Database: {self.store.path}</p>"
            "<p>Guidance reflects the law in England as of November 2026. "
            "Proposed SEND reforms may change it: check for updates.</p>",
        )

    # -- navigation -----------------------------------------------------------------------------
    def current_tab(self) -> QWidget:
        return self.tabs.currentWidget()

    def focus_search(self) -> None:
        tab = self.current_tab()
        if hasattr(tab, "focus_search"):
            tab.focus_search()

    def show_provider(self, provider_id: str) -> None:
        if self.providers.show_provider(provider_id):
            self.tabs.setCurrentWidget(self.providers)

    # -- new data after a refresh or restore -------------------------------------------------
    def replace_data(self, action: Callable[[], object]) -> None:
        """Run ``action`` (which swaps the database file) with the Store closed, then reload."""
        self.local_offer.stop_workers()  # its facets thread holds a connection of its own
        self.store.close()
        try:
            action()
        finally:
            self.reload_store()

    def reload_store(self) -> None:
        """Reopen the Store on the same file and rebuild the three tabs and the status bar."""
        self.local_offer.stop_workers()
        previous = self.store
        self.store = Store.open(previous.path).use_terms(previous.terms)
        if self._owns_store:
            previous.close()  # closing an already-closed Store is harmless
        self._owns_store = True
        current = self.tabs.currentIndex()
        old_tabs = (self.guidance, self.providers, self.local_offer)
        new_tabs = self._make_tabs(self.store)
        for old, new in zip(old_tabs, new_tabs, strict=True):
            index = self.tabs.indexOf(old)
            label = self.tabs.tabText(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, new, label)
            old.deleteLater()
        # The File menu's provider actions belong to the Providers tab: swap in the new ones.
        for old_action, new_action in (
            (old_tabs[1].import_action, new_tabs[1].import_action),
            (old_tabs[1].remove_action, new_tabs[1].remove_action),
        ):
            self.file_menu.insertAction(old_action, new_action)
            self.file_menu.removeAction(old_action)
        self.guidance, self.providers, self.local_offer = new_tabs
        self.tabs.setCurrentIndex(current)
        self._update_status(self.store.meta())

    # -- remembered state -----------------------------------------------------------------------
    def _restore(self) -> None:
        prefs = QSettings()
        geometry = prefs.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        tab = prefs.value("window/tab", 0)
        with contextlib.suppress(TypeError, ValueError):
            self.tabs.setCurrentIndex(min(max(int(tab), 0), self.tabs.count() - 1))

    def save_state(self) -> None:
        prefs = QSettings()
        prefs.setValue("window/geometry", self.saveGeometry())
        prefs.setValue("window/tab", self.tabs.currentIndex())
        prefs.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.local_offer.stop_workers()  # no thread left running at exit
        self.save_state()
        if self._owns_store:
            self.store.close()
        super().closeEvent(event)
