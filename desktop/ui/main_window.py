"""The main window: a thin holder of the three tabs, the menus and the status bar.

- The data is the :class:`~desktop.ui.data_session.DataSession`'s: it owns the Store and
  announces a new one after a refresh, a restore or a central data-file update; the
  window then rebuilds the tabs that were built, each back at the user's place
  (``tab_places``: search, filters, selection, sub-tab, shortlist).
- Each tab is built the first time it is shown (``LazyTabs``): start-up builds only the
  tab the window opens on; ``window.local_offer`` and the others build theirs when asked.
- The status bar (``status_bar``), the menus (``window_menus``, given what they use) and
  the Settings menu's work (``view_settings``) are their own modules. Tabs report what
  they did (saved, copied, called…) through ``status_message``, shown in the status bar.
- The window keeps itself on the screen and asks before a quit would lose the shortlist.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any, Protocol, cast, runtime_checkable

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QMainWindow,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from desktop import APP_NAME
from desktop.config import Settings, resource
from desktop.data.search_terms import (
    NO_TERMS,
    SYNONYMS_FILE,
    DeferredTerms,
    SearchTerms,
    SynonymsError,
    load_terms,
)
from desktop.data.store import Store
from desktop.preferences import Preferences
from desktop.ui import actions, style
from desktop.ui.data_session import DataSession
from desktop.ui.lazy_tabs import LazyTabs
from desktop.ui.status_bar import StatusBar
from desktop.ui.view_settings import ViewSettings
from desktop.ui.widgets import guard_combos, shortcut
from desktop.ui.window_geometry import first_run_geometry, keep_on_screen
from desktop.ui.window_menus import build_menus

if TYPE_CHECKING:  # (Qt's event types too: each Python type costs its making at start)
    from PySide6.QtGui import QCloseEvent, QShowEvent

    from desktop.ui.guidance import GuidanceTab
    from desktop.ui.local_offer import LocalOfferTab
    from desktop.ui.providers import ProvidersTab

TAB_NAMES = ("Disagreement guidance", "Providers", "Local Offer")
GUIDANCE, PROVIDERS, LOCAL_OFFER = range(3)

log = logging.getLogger(__name__)


@runtime_checkable
class Searchable(Protocol):
    """A tab with a search box that Ctrl+F goes to."""

    def focus_search(self) -> None: ...


def _read_terms() -> SearchTerms:
    try:
        return load_terms(resource(SYNONYMS_FILE))
    except SynonymsError as exc:
        log.warning("%s Searching without synonyms.", exc)
    return NO_TERMS


@lru_cache(maxsize=1)
def app_terms() -> SearchTerms:
    """The synonym list every tab searches with, read at the first search; none (logged)
    if the file is unusable."""
    return DeferredTerms(_read_terms)


class MainWindow(QMainWindow):
    def __init__(self, store: Store, settings: Settings, notice: str = "") -> None:
        super().__init__()
        self.settings = settings
        self.session = DataSession(store.use_terms(app_terms()), settings, self)
        self.session.about_to_replace.connect(self._stop_workers)
        self.session.store_replaced.connect(self._data_replaced)
        self.session.open_failed.connect(self._open_failed)
        org = settings.policy.organisation_name
        self.setWindowTitle(f"{APP_NAME} — {org}" if org else APP_NAME)
        self.setAccessibleName(APP_NAME)
        self._quit_confirmed = False
        self._shown_once = False

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Sections of the app")
        self._pages = LazyTabs(self.tabs)
        self._pages.add("&Disagreement guidance", self._make_guidance)
        self._pages.add("&Providers", self._make_providers)
        self._pages.add("&Local Offer", self._make_local_offer)
        # When even the narrowest arrangement cannot fit (a large text size on a small
        # screen), the tabs scroll instead of pushing the window, and its status bar, off
        # the screen; at ordinary sizes there is room and no scroll bar.
        self.tabs_scroll = QScrollArea(self)
        self.tabs_scroll.setObjectName("tabsScroll")
        self.tabs_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.tabs_scroll.setWidgetResizable(True)
        self.tabs_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs_scroll.setWidget(self.tabs)
        self.setCentralWidget(self.tabs_scroll)

        for n, name in enumerate(TAB_NAMES):
            go = f"Go to the {name} tab"
            shortcut(f"Ctrl+{n + 1}", self, partial(self.go_to_tab, n), go)
        shortcut(
            QKeySequence.StandardKey.Find,
            self,
            self.focus_search,
            "Go to the search box of the tab you are on",
        )
        self.status_bar = StatusBar(settings.policy.stale_after_days, self)
        self.setStatusBar(self.status_bar)
        self.status_bar.show_data(store.meta(), notice)
        forbidden = settings.policy.no_phone_handler
        actions.set_call_policy(self, forbidden)
        self.view = ViewSettings(actions.no_phone_action(self, forbidden=forbidden), self)
        self.view.message.connect(self.show_status)
        self.menu_actions = build_menus(
            self,
            session=self.session,
            settings=settings,
            view=self.view,
            quit=self.request_quit,
            shortcuts=self.show_shortcuts,
        )
        self._restore()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            style.install_focus_rings(app)  # a ring you can see around whatever has focus
            prefs = Preferences()
            if prefs.text_scale != 100 or prefs.contrast != "system":
                style.apply_appearance(app, prefs.text_scale, prefs.contrast)
            app.focusChanged.connect(self._focus_moved)

    # -- the tabs, each built when first shown -----------------------------------------------------
    @property
    def store(self) -> Store:
        return self.session.store

    @property
    def guidance(self) -> GuidanceTab:
        return cast("GuidanceTab", self._pages.page(GUIDANCE))

    @property
    def providers(self) -> ProvidersTab:
        return cast("ProvidersTab", self._pages.page(PROVIDERS))

    @property
    def local_offer(self) -> LocalOfferTab:
        return cast("LocalOfferTab", self._pages.page(LOCAL_OFFER))

    # The one place that knows how each tab is built (again, after new data). Each closed
    # list box is guarded (arrow keys open it rather than change it); the guidance's are
    # in its route finder and calculator, which guard their own when they are built.
    def _make_guidance(self) -> GuidanceTab:
        from desktop.ui.guidance import GuidanceTab

        tab = GuidanceTab(self.store, self, directory=lambda: self.session.directory)
        tab.provider_requested.connect(self.show_provider)
        tab.status_message.connect(self.show_status)
        return tab

    def _make_providers(self) -> ProvidersTab:
        from desktop.ui.providers import ProvidersTab

        tab = ProvidersTab(
            self.store, self, settings=self.settings, directory=self.session.directory
        )
        tab.status_message.connect(self.show_status)
        guard_combos(tab)
        return tab

    def _make_local_offer(self) -> LocalOfferTab:
        from desktop.ui.local_offer import LocalOfferTab

        tab = LocalOfferTab(self.store, self)
        tab.status_message.connect(self.show_status)
        guard_combos(tab)
        return tab

    def build_every_tab(self) -> None:
        """Build every tab and sub-tab now (Help → Keyboard shortcuts lists them all)."""
        self._pages.build_all()
        self.guidance.build_pages()

    def go_to_tab(self, index: int) -> None:
        if self.tabs.isEnabled():  # not while the data cannot be opened
            self.tabs.setCurrentIndex(index)

    def current_tab(self) -> QWidget:
        return self.tabs.currentWidget()

    def focus_search(self) -> None:
        tab = self.current_tab()
        if isinstance(tab, Searchable):
            tab.focus_search()

    def show_provider(self, provider_id: str) -> None:
        if self.providers.show_provider(provider_id):
            self.tabs.setCurrentWidget(self.providers)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Keep the keyboard focus in view when the tabs have to scroll."""
        if new is not None and shiboken6.isValid(new) and self.tabs.isAncestorOf(new):
            self.tabs_scroll.ensureWidgetVisible(new, 8, 8)

    def show_shortcuts(self) -> None:
        from desktop.ui.shortcuts_dialog import open_shortcuts  # loaded when first used

        self.build_every_tab()
        open_shortcuts(self)

    # -- new data after a refresh, a restore or a central data-file update -----------------------
    def replace_data(self, action: Callable[[], object]) -> bool:
        """Run ``action`` (which swaps the database file) with the Store closed (the session)."""
        return self.session.replace(action)

    def reload_store(self) -> bool:
        """Open the data file again, as after a swap, and rebuild the tabs over it."""
        return self.session.reopen()

    def _stop_workers(self) -> None:
        if self._pages.is_built(LOCAL_OFFER):
            self.local_offer.stop_workers()  # its threads hold connections of their own

    def _data_replaced(self, store: Store) -> None:
        """Rebuild the tabs that were built, each back at the user's place."""
        from desktop.ui import tab_places  # loaded with the first new data

        # How each tab's place is read and put back, by tab index.
        places: tuple[tuple[Callable[[Any], Any], Callable[[Any, Any, Store], list[str]]], ...] = (
            (tab_places.guidance_place, tab_places.restore_guidance),
            (tab_places.providers_place, tab_places.restore_providers),
            (tab_places.local_offer_place, tab_places.restore_local_offer),
        )
        said: list[str] = []
        for index in self._pages.built_indexes():
            place_of, restore = places[index]
            place = place_of(self._pages.page(index))
            said += restore(self._pages.rebuild(index), place, store)
        self.tabs.setEnabled(True)
        self.status_bar.show_data(store.meta())
        if said:
            self.status_bar.set_notice(" ".join(said))  # read out, too

    def _open_failed(self, sentence: str, reason: str) -> None:
        """The file could not be opened again: nothing can be read until it can."""
        from PySide6.QtWidgets import QMessageBox

        from desktop.ui import plain

        self.tabs.setEnabled(False)
        self.status_bar.set_notice(sentence, reason)
        box = plain.box(
            self, QMessageBox.Icon.Warning, "Open the data again", sentence, informative=reason
        )
        box.setStandardButtons(QMessageBox.StandardButton.NoButton)
        again = box.addButton("&Try again", QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton("&Not now", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(again)
        box.setEscapeButton(later)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.session.reopen() if button is again else None)
        box.open()

    # -- status bar ---------------------------------------------------------------------------------
    def show_status(self, text: str) -> None:
        """A confirmation (saved, copied, called…) in the status bar, read out too."""
        self.status_bar.confirm(text)

    def set_notice(self, text: str, details: str = "") -> None:
        """A sentence that stays until the data changes; ``details`` is its tooltip."""
        self.status_bar.set_notice(text, details)

    # -- remembered state ---------------------------------------------------------------------------
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
        last = 0
        with contextlib.suppress(TypeError, ValueError):
            last = int(prefs.last_tab)
        self._pages.start(last)  # the one tab built at start

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

    # -- quitting -----------------------------------------------------------------------------------
    def request_quit(self) -> bool:
        """File → Quit (Ctrl+Q): ask first if the shortlist would be lost; True if closed."""
        if not self.confirm_quit():
            return False
        self._quit_confirmed = True
        return self.close()

    def confirm_quit(self) -> bool:
        if not self._pages.is_built(LOCAL_OFFER):
            return True  # no shortlist without the Local Offer tab
        n = len(self.local_offer.shortlist.services())
        if n == 0:
            return True
        from PySide6.QtWidgets import QMessageBox

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
        self._stop_workers()  # no thread left running at exit
        self.save_state()
        self.session.close()
        super().closeEvent(event)
