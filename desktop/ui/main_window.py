"""The main window: a thin holder of the three tabs, menus and the status bar.

Tabs report what they did (saved, copied, called…) through their ``status_message``
signal and the window shows it in the status bar; it also keeps itself on the screen,
asks before a quit would lose the shortlist, and applies the text size and colours
(the menus are built in ``window_menus``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import logging
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QCloseEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.config import TEXT_SCALES, Preferences, Settings, resource
from desktop.data.directory import ProviderDirectory
from desktop.data.search_terms import (
    NO_TERMS,
    SYNONYMS_FILE,
    SearchTerms,
    SynonymsError,
    load_terms,
)
from desktop.data.store import Store
from desktop.ui import style
from desktop.ui.guidance import GuidanceTab
from desktop.ui.local_offer import LocalOfferTab
from desktop.ui.providers import ProvidersTab
from desktop.ui.widgets import ElidedLabel, guard_combos, shortcut
from desktop.ui.window_geometry import first_run_geometry, keep_on_screen
from desktop.ui.window_menus import build_menus

if TYPE_CHECKING:
    from desktop.ui.settings_dialog import Choices, SettingsDialog

STATUS_MS = 15_000  # how long a confirmation stays in the status bar
TAB_NAMES = ("Disagreement guidance", "Providers", "Local Offer")

log = logging.getLogger(__name__)


def days_old(data_as_of: str, today: dt.date | None = None) -> int | None:
    try:
        when = dt.date.fromisoformat(data_as_of[:10])
    except ValueError:
        return None
    return ((today or dt.date.today()) - when).days


def guidance_as_of(store: Store) -> str:
    """The sentence the About box gives on how current the guidance is (from the sections'
    own checked-on dates, never a date written into the code)."""
    dates = sorted(s.checked_on for s in store.guidance_sections() if s.checked_on)
    when = f"between {dates[0]} and {dates[-1]}" if dates and dates[0] != dates[-1] else (
        f"on {dates[0]}" if dates else "on an unknown date"
    )
    return (
        f"The guidance covers the law in England and was checked against its sources {when}. "
        "Proposed SEND reforms may change it: the guidance section Changes ahead says what "
        "is planned."
    )


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

        self._quit_confirmed = False
        self._shown_once = False
        self.guidance, self.providers, self.local_offer = self._make_tabs(store)
        self._connect_tabs()
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Sections of the app")
        self.tabs.addTab(self.guidance, "&Disagreement guidance")
        self.tabs.addTab(self.providers, "&Providers")
        self.tabs.addTab(self.local_offer, "&Local Offer")
        # When even the narrowest arrangement cannot fit (a large text size on a small
        # screen), the tabs scroll instead of pushing the window, and its status bar, off
        # the screen; at ordinary sizes there is room and no scroll bar.
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("tabsScroll")
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(self.tabs)
        self.setCentralWidget(self.scroll)

        for n, name in enumerate(TAB_NAMES):
            go = f"Go to the {name} tab"
            shortcut(f"Ctrl+{n + 1}", self, lambda n=n: self.tabs.setCurrentIndex(n), go)
        shortcut(
            QKeySequence.StandardKey.Find,
            self,
            self.focus_search,
            "Go to the search box of the tab you are on",
        )
        build_menus(self)
        self._status(meta, notice)
        self._restore()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            style.install_focus_rings(app)  # a ring you can see around whatever has focus
            prefs = Preferences()
            if prefs.text_scale != 100 or prefs.contrast != "system":
                style.apply_appearance(app, prefs.text_scale, prefs.contrast)
            app.focusChanged.connect(self._focus_moved)
        guard_combos(self)  # arrow keys open a closed combo box rather than change it

    def _make_tabs(self, store: Store) -> tuple[GuidanceTab, ProvidersTab, LocalOfferTab]:
        """The three tabs over ``store``: the one place that knows how each is built."""
        policy = self.settings.policy
        self.directory = ProviderDirectory(  # one merged provider list for every tab
            store.providers(),
            data_dir=self.settings.data_dir,
            policy_file=policy.providers_file,
            organisation_name=policy.organisation_name,
        )
        guidance = GuidanceTab(store, self, directory=self.directory)
        guidance.provider_requested.connect(self.show_provider)
        providers = ProvidersTab(store, self, settings=self.settings, directory=self.directory)
        return guidance, providers, LocalOfferTab(store, self)

    def _connect_tabs(self) -> None:
        for tab in (self.guidance, self.providers, self.local_offer):
            tab.status_message.connect(self.show_status)

    # -- menus and status ----------------------------------------------------------------------
    def _status(self, meta: dict[str, str], notice: str) -> None:
        bar = self.statusBar()
        # The source gives way ("…") rather than widen the window past a small screen.
        self.source_label, self.as_of_label, self.count_label = ElidedLabel(), QLabel(), QLabel()
        self.demo_label = QLabel("DEMO DATA")
        self.demo_label.setObjectName("demoLabel")
        self.demo_label.setStyleSheet(
            "QLabel#demoLabel { background: #fff3cd; color: #5c4400; font-weight: bold; "
            "padding: 0 6px; border: 1px solid #c9a227; }"
        )
        self.demo_label.setAccessibleName("Demo data: the Local Offer services are fictional")
        for label in (self.source_label, self.as_of_label, self.count_label):
            bar.addWidget(label)
        self.notice_label = QLabel()
        for label in (self.source_label, self.as_of_label, self.count_label, self.notice_label):
            label.setTextFormat(Qt.TextFormat.PlainText)  # feed, file and path text (review F4)
        bar.addPermanentWidget(self.demo_label)
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
        self.notice_label.setToolTip("")

    def show_status(self, text: str) -> None:
        """A confirmation (saved, copied, called…) in the status bar, also read out by
        screen readers; the data's provenance comes back after STATUS_MS."""
        self.statusBar().showMessage(text, STATUS_MS)
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.statusBar(), text))

    def set_notice(self, text: str, details: str = "") -> None:
        """A sentence that stays in the status bar until the data changes (read out too);
        ``details``, the longer version, is its tooltip."""
        self._update_status(self.store.meta(), text)
        self.notice_label.setToolTip(details)
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.statusBar(), text))

    def show_about(self) -> None:
        meta = self.store.meta()
        demo = (
            "Yes: the Local Offer services are fictional." if meta.get("is_demo") == "1" else "No"
        )
        e = html.escape  # source, publisher and path come from a feed or a file (review F4)
        problems = self.settings.policy.problems  # review F5: every unreadable policy line
        policy = (
            "<p>IT policy problems (ask IT to fix the policy):</p><ul>"
            + "".join(f"<li>{e(p)}</li>" for p in problems)
            + "</ul>"
            if problems
            else ""
        )
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<p><b>{APP_NAME}</b> {__version__}</p>"
            f"<p>Data source: {e(meta.get('source', ''))}<br>"
            f"Publisher: {e(meta.get('publisher', ''))}<br>"
            f"Data as of: {e(meta.get('data_as_of', ''))}<br>Demo data: {demo}<br>"
            f"Database: {e(str(self.store.path))}</p>{policy}"
            f"<p>{e(guidance_as_of(self.store))}</p>",
        )

    # -- navigation -----------------------------------------------------------------------------
    def current_tab(self) -> QWidget:
        return self.tabs.currentWidget()

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Keep the keyboard focus in view when the tabs have to scroll."""
        if new is not None and shiboken6.isValid(new) and self.tabs.isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new, 8, 8)

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
        self._connect_tabs()
        guard_combos(self)
        self.tabs.setCurrentIndex(current)
        self._update_status(self.store.meta())

    # -- text size and colours ------------------------------------------------------------------
    def set_text_scale(self, percent: int) -> None:
        app = QApplication.instance()
        if percent not in TEXT_SCALES or not isinstance(app, QApplication):
            return
        Preferences().text_scale = percent
        style.apply_text_scale(app, percent)
        self.show_status(f"Text size {percent}%.")

    def step_text_scale(self, steps: int) -> None:
        """Ctrl+Plus / Ctrl+Minus: the next size up or down (80% to 200%)."""
        index = TEXT_SCALES.index(Preferences().text_scale) + steps
        self.set_text_scale(TEXT_SCALES[min(max(index, 0), len(TEXT_SCALES) - 1)])

    def set_contrast(self, contrast: str) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        Preferences().contrast = contrast
        style.apply_contrast(app, contrast)
        self.high_contrast_action.setChecked(contrast == "high")
        self.show_status(
            "High-contrast colours." if contrast == "high" else "Following the system's colours."
        )

    def open_settings(self) -> SettingsDialog:
        from desktop.ui.settings_dialog import Choices, SettingsDialog  # loaded when first used

        prefs = Preferences()
        dialog = SettingsDialog(
            Choices(prefs.text_scale, prefs.contrast, self.no_phone_action.isChecked()),
            calls_locked=not self.no_phone_action.isEnabled(),
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_choices(dialog.choices()))
        guard_combos(dialog)
        dialog.open()
        return dialog

    def apply_choices(self, choices: Choices) -> None:
        prefs = Preferences()
        if choices.text_scale != prefs.text_scale:
            self.set_text_scale(choices.text_scale)
        if choices.contrast != prefs.contrast:
            self.set_contrast(choices.contrast)
        if self.no_phone_action.isEnabled():
            self.no_phone_action.setChecked(choices.no_phone_handler)  # stores it, too

    # -- remembered state -----------------------------------------------------------------------
    def _restore(self) -> None:
        prefs = Preferences()
        geometry = prefs.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = self.screen() or QApplication.primaryScreen()
            if screen is not None:
                self.setGeometry(first_run_geometry(screen.availableGeometry()))
            else:
                self.resize(1100, 720)
        with contextlib.suppress(TypeError, ValueError):
            self.tabs.setCurrentIndex(min(max(prefs.last_tab, 0), self.tabs.count() - 1))

    def save_state(self) -> None:
        prefs = Preferences()
        prefs.geometry = self.saveGeometry()
        prefs.last_tab = self.tabs.currentIndex()
        prefs.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            keep_on_screen(self)  # a size remembered from another screen or scale

    # -- quitting -------------------------------------------------------------------------------
    def request_quit(self) -> bool:
        """File → Quit (Ctrl+Q): ask first if the shortlist would be lost; True if closed."""
        if not self.confirm_quit():
            return False
        self._quit_confirmed = True
        return self.close()

    def confirm_quit(self) -> bool:
        n = len(self.local_offer.shortlist.services())
        if n == 0:
            return True
        box = QMessageBox(
            QMessageBox.Icon.Question,
            f"Quit {APP_NAME}?",
            f"The shortlist has {n} service{'s' * (n != 1)}. It is kept only until the app "
            "closes: save it as a PDF, print it or copy it first if the family needs it.",
            parent=self,
        )
        box.setInformativeText("Quit and lose the shortlist?")
        quit_button = box.addButton("&Quit", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("&Keep the app open", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        box.deleteLater()
        return box.clickedButton() is quit_button

    def closeEvent(self, event: QCloseEvent) -> None:
        # The title bar's close (spontaneous) asks as Ctrl+Q does; a close from code (the
        # smoke test, tests, the session ending) does not wait for an answer.
        if event.spontaneous() and not self._quit_confirmed and not self.confirm_quit():
            event.ignore()
            return
        self.local_offer.stop_workers()  # no thread left running at exit
        self.save_state()
        if self._owns_store:
            self.store.close()
        super().closeEvent(event)
