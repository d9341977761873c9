"""Local Offer browser tab: search as you type, filters with counts, results, details, shortlist.

Keyboard: type in the search box → Down moves into the results → Enter opens the details
(focus goes there) → Ctrl+D adds the service to the shortlist.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.data.detail_records import ServiceDetail
from desktop.data.email_templates import TEMPLATES
from desktop.data.nearby import SearchPlan
from desktop.data.service_text import email_of, phones_of
from desktop.data.store import Store
from desktop.data.suggest import FEW
from desktop.ui import actions
from desktop.ui.contact_buttons import ContactButtons
from desktop.ui.local_offer.details import contact_text, service_html
from desktop.ui.local_offer.facets_worker import FacetsTask, count_here
from desktop.ui.local_offer.filters import FilterBar
from desktop.ui.local_offer.nearest_row import NearestRow
from desktop.ui.local_offer.panes import PaneArea
from desktop.ui.local_offer.shortlist import ShortlistPanel
from desktop.ui.local_offer.suggest_worker import SuggestTask
from desktop.ui.models import ROW_ROLE, ServiceListModel
from desktop.ui.suggestion_bar import SuggestionBar
from desktop.ui.widgets import (
    FlowLayout,
    focusable_in,
    list_view,
    search_box,
    set_tab_order,
    shortcut,
)

__all__ = ["DEBOUNCE_MS", "LocalOfferTab", "service_html"]

DEBOUNCE_MS = 120  # results after a pause this long in typing
FACETS_MS = 250  # filter counts a little later: they cost more and matter less while typing
ADD_KEY = "Ctrl+D"
DEMO_NOTICE = (
    "Demo data: these services are fictional (Brookvale City Council does not exist). "
    "Refresh from your council's Local Offer to see real services."
)


class LocalOfferTab(QWidget):
    facets_shown = Signal()  # the filter counts now match the search box and filters
    status_message = Signal(str)  # a confirmation for the status bar (copy, save, call…)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Local Offer")
        self._store = store
        self._demo = store.is_demo
        self._detail: ServiceDetail | None = None
        self._pending: list[QTimer] = []
        self.search = search_box(
            "Search services, e.g. speech therapy Riverside (Ctrl+F; Down for results)",
            "Search the Local Offer",
            self,
        )
        self.search.installEventFilter(self)
        # "Did you mean …?" when a search finds little, worked out in a thread of its own.
        self.suggestion = SuggestionBar("Local Offer", self)
        self.suggestion.chosen.connect(self.use_suggestion)
        self._suggest = SuggestTask(store.path, self, terms=store.terms)
        self._suggest.ready.connect(self._show_suggestion)
        self._suggested_for = ""  # the search the suggestion shown is for
        # Only the names here: the counts come from the facets thread, once, below.
        self.filters = FilterBar(store.area_names(), store.need_names(), self)
        self.nearest = NearestRow(store.locate, self)
        self._plan = SearchPlan("", {})
        self.count = QLabel(self)
        self.count.setAccessibleName("Number of results")
        self.count.setWordWrap(True)
        self.model = ServiceListModel(store, self)
        self.results = list_view("Local Offer results", self)
        self.results.setModel(self.model)
        self.results.activated.connect(lambda _i: self.open_details())
        self.details = QTextBrowser(self)
        self.details.setAccessibleName("Service details")
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(lambda url: actions.open_url(QUrl(url), self))
        # One Tab stop: Tab leaves for the buttons below (which hold every link in the text)
        # instead of walking each link first; the keys still scroll and select for reading.
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.add_button = QPushButton(f"&Add to shortlist ({ADD_KEY})", self)
        self.add_button.setToolTip(f"Add this service to the family's shortlist ({ADD_KEY})")
        self.add_button.setAccessibleDescription(self.add_button.toolTip())
        self.add_button.clicked.connect(self.add_current)
        # The same Call / Email / Website / Copy as the Providers tab (one allow-list).
        self.contact = ContactButtons(
            self, templates=[t for t in TEMPLATES if t.id == "enquiry"], who="the service"
        )
        self.contact.setAccessibleName("Contact this service")
        self.contact.message.connect(self.status_message)
        self.shortlist = ShortlistPanel(self._demo, self)
        self.shortlist.service_activated.connect(self.show_service)
        self.shortlist.changed.connect(self._update_add_button)
        self.shortlist.status_message.connect(self.status_message)
        self.demo_banner = QLabel(DEMO_NOTICE, self)
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setWordWrap(True)
        self.demo_banner.setStyleSheet(
            "QLabel#demoBanner { background: #fff3cd; color: #5c4400; padding: 6px; "
            "border: 1px solid #c9a227; }"
        )
        # As tall as its wrapped text at the width it gets: a new policy drops the
        # height-for-width flag that setWordWrap set, and the banner took three lines' height.
        banner_policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        banner_policy.setHeightForWidth(True)
        self.demo_banner.setSizePolicy(banner_policy)
        self.demo_banner.setVisible(self._demo)

        # Filter counts cost up to a few hundred ms at 100,000 services: they are counted
        # in a thread of their own, on their own connection, so typing never waits for them.
        self._facets = FacetsTask(store.path, self, terms=store.terms)
        self._facets.ready.connect(self._show_facets)
        self._facets.failed.connect(self._facets_failed)

        self._timer = self._single_shot(DEBOUNCE_MS, self.run_search)
        self._facet_timer = self._single_shot(FACETS_MS, self.update_facets)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.run_search)
        self.filters.changed.connect(self.run_search)
        self.nearest.changed.connect(self.run_search)
        shortcut(
            ADD_KEY,
            self,
            self.add_current,
            "Add the service shown to the family's shortlist",
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

        self._layout()
        self.results.selectionModel().currentChanged.connect(lambda cur, _p: self._show(cur.row()))
        self.run_search()
        self.update_facets()

    def _single_shot(self, ms: int, slot: Any) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    def _layout(self) -> None:
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.count)
        column.addWidget(self.results)
        middle = QWidget(self)
        detail_column = QVBoxLayout(middle)
        detail_column.setContentsMargins(0, 0, 0, 0)
        detail_column.addWidget(self.details, 1)
        self.detail_buttons = QWidget(middle)
        buttons = FlowLayout(self.detail_buttons)  # wraps: the pane sets no wide minimum
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.contact)
        detail_column.addWidget(self.detail_buttons)
        # Side by side, as tabs or stacked, as the width allows (panes.py).
        self.panes = PaneArea(left, middle, self.shortlist, self)
        self.panes.arranged.connect(lambda _mode: self._tab_order())
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.search)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.filters)
        layout.addWidget(self.nearest)
        layout.addWidget(self.panes, 1)
        # Esc from the details (or the shortlist) goes back to the results.
        for pane, where in ((middle, "details"), (self.shortlist, "shortlist")):
            shortcut(
                Qt.Key.Key_Escape,
                pane,
                self.back_to_results,
                f"Back to the results from the {where}",
                Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )
        self._tab_order()

    def _tab_order(self) -> None:
        """Tab follows the screen: search, the filters left to right, results, details, shortlist."""
        set_tab_order(
            [
                self.search,
                self.suggestion.button,
                *focusable_in(self.filters.layout()),
                *focusable_in(self.nearest),
                self.results,
                self.panes.side.tabBar(),  # shown only when details and shortlist are tabs
                self.details,
                *focusable_in(self.detail_buttons),
                self.shortlist.view,
                *focusable_in(self.shortlist.buttons),
            ]
        )

    # -- timers follow visibility: nothing runs for a tab that is hidden or closed -------------
    def hideEvent(self, event: QHideEvent) -> None:
        self._pending = [t for t in (self._timer, self._facet_timer) if t.isActive()]
        for timer in self._pending:
            timer.stop()
        super().hideEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        for timer in self._pending:
            timer.start()
        self._pending = []
        super().showEvent(event)

    # -- keyboard ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            if self._timer.isActive():
                self.run_search()
            if not self.model.rowCount() and self.suggestion.isVisible():
                self.suggestion.button.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.model.rowCount() and not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.model.index(0))
            return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- searching ---------------------------------------------------------------------------
    def run_search(self) -> None:
        self._timer.stop()
        # A postcode among the words is the area; a postcode with nothing widens (it says so).
        query = self.filters.query(self.search.text()).but(near=self.nearest.origin)
        self._plan = self._store.plan_search(query)
        self.model.set_query(self._plan.query)
        total = self.model.total
        self._ask_suggestion(total)
        if total:
            note = f" {self._plan.note}" if self._plan.note else ""
            order = ", nearest first" if self.nearest.origin else ""
            self.count.setText(f"{total:,} service{'s' if total != 1 else ''}{order}.{note}")
            self.results.setCurrentIndex(self.model.index(0))
        else:
            active = self.filters.active()
            if active:
                self.count.setText(
                    "No services match. Try removing a filter ("
                    + ", ".join(active)
                    + "): Clear filters is beside them."
                )
            else:
                self.count.setText("No services match. Try fewer or different words.")
            self._detail = None
            self.details.clear()
        self.count.setAccessibleName(f"Number of results: {self.count.text()}")
        self._update_add_button()
        self._facet_timer.start()

    def _ask_suggestion(self, total: int) -> None:
        """Few or no results: ask the thread for a "Did you mean …?"; otherwise hide it."""
        text = self.search.text()
        if total <= FEW and text.strip():
            if self.suggestion.text and text != self._suggested_for:
                self.suggestion.clear()
            self._suggest.request(text, self.filters.filters())
        else:
            self._suggest.cancel()
            self.suggestion.clear()

    def _show_suggestion(self, text: str, suggestion: str) -> None:
        if text == self.search.text():
            self._suggested_for = text
            self.suggestion.show_suggestion(suggestion)

    def use_suggestion(self, text: str) -> None:
        """Search for the suggestion instead (the button, by click, Enter or Space)."""
        self.search.setText(text)
        self.run_search()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def update_facets(self) -> None:
        """Ask the facets thread for counts; ``facets_shown`` is emitted when they are shown."""
        self._facet_timer.stop()
        self._facets.request(self._plan.query.but(near=None))

    def _show_facets(self, facets: dict[str, dict[str, int]]) -> None:
        self.filters.set_counts(facets)
        self.facets_shown.emit()

    def _facets_failed(self, _message: str) -> None:
        # The worker could not read the file (logged): count here rather than show none.
        facets, sentence = count_here(self._store, self._plan.query.but(near=None))
        if facets is None:
            self.status_message.emit(sentence)
        else:
            self._show_facets(facets)

    def stop_workers(self) -> None:
        """End the facets thread and close its connection (before a file swap, on exit)."""
        self._timer.stop()
        self._facet_timer.stop()
        self._pending = []
        self._facets.stop()
        self._suggest.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_workers()
        super().closeEvent(event)

    # -- details and shortlist ---------------------------------------------------------------
    def _show(self, row: int) -> None:
        summary = self.model.row_object(row)
        self._display(self._store.service(summary.id) if summary else None)

    def _display(self, detail: ServiceDetail | None) -> None:
        self._detail = detail
        if detail is None:
            self.details.clear()
        else:
            self.details.setHtml(service_html(detail, self._demo))
        self._update_add_button()

    def open_details(self) -> None:
        """Enter on a result: show it and move the focus to the details for reading."""
        self._show(self.results.currentIndex().row())
        if self._detail is not None:
            self.panes.show_details()
            self.details.setFocus(Qt.FocusReason.OtherFocusReason)

    def back_to_results(self) -> None:
        """Esc in the details or the shortlist: back to the result you came from."""
        self.results.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_service(self, service_id: str) -> None:
        detail = self._store.service(service_id)
        if detail is not None:
            self._display(detail)

    def current_service_id(self) -> str | None:
        summary = self.results.currentIndex().data(ROW_ROLE)
        return summary.id if summary else None

    def add_current(self) -> None:
        d = self._detail  # with its distance when Nearest first is on (for the exports)
        if d is not None and self.shortlist.add(
            d, self.nearest.distance_line(d.latitude, d.longitude)
        ):
            n = len(self.shortlist.services())
            self.status_message.emit(
                f"Added {d.name} to the shortlist ({n} service{'s' * (n != 1)})."
            )

    def copy_contact(self) -> None:
        if self._detail is not None:
            actions.copy_text(contact_text(self._detail))
            self.status_message.emit(f"Copied the contact details of {self._detail.name}.")

    def _set_contact(self, detail: ServiceDetail | None) -> None:
        if detail is None:
            self.contact.set_contact()
            return
        self.contact.set_contact(
            name=detail.name,
            phones=phones_of(detail),
            email=email_of(detail),
            website=detail.url,
            details=contact_text(detail),
        )

    def _update_add_button(self) -> None:
        detail = self._detail
        on_list = detail is not None and detail.id in self.shortlist.shortlist
        self.add_button.setEnabled(detail is not None and not on_list)
        self._set_contact(detail)
        self.add_button.setText("On the shortlist" if on_list else f"&Add to shortlist ({ADD_KEY})")
