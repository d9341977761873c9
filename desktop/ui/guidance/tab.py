"""Disagreement guidance tab: the sections (with search and highlighting), the route finder
and the deadline calculator, as three sub-tabs so it fits a 1280×800 screen.

The route finder and the calculator are built when first shown (``LazyTabs``): with their
deadline rules, date arithmetic and the provider directory they were half of the
window's start-up, and the guidance opens on its sections.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QUrl, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.data.records import GuidanceSection
from desktop.data.store import Store
from desktop.ui.lazy_tabs import LazyTabs
from desktop.ui.models import ROW_ROLE, GuidanceSectionModel
from desktop.ui.suggestion_bar import SuggestionBar
from desktop.ui.widgets import list_view, search_box

if TYPE_CHECKING:
    from desktop.data.directory import ProviderDirectory
    from desktop.data.guidance_search import GuidanceIndex
    from desktop.ui.guidance.deadline_panel import DeadlinePanel
    from desktop.ui.guidance.route_panel import RoutePanel

SECTIONS, ROUTES, CALCULATOR = 0, 1, 2  # the sub-tabs

HIGHLIGHT = QColor("#ffe066")  # dark text stays readable on it


def highlight(view: QTextEdit, spans: list[tuple[int, int]]) -> int:
    """Mark each (start, end) of the view's text (``toRawText`` positions, as
    ``GuidanceIndex.spans`` gives them); returns how many matches there are."""
    if not spans:  # no search: nothing to mark (and the text classes wait for one)
        view.setExtraSelections([])
        return 0
    from PySide6.QtGui import QTextCharFormat, QTextCursor

    selections = []
    fmt = QTextCharFormat()
    fmt.setBackground(HIGHLIGHT)
    fmt.setForeground(QColor("black"))
    doc = view.document()
    for start, end in spans:
        cursor = QTextCursor(doc)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        selections.append(selection)
    view.setExtraSelections(selections)
    if selections:
        view.setTextCursor(QTextCursor(selections[0].cursor.block()))
        view.ensureCursorVisible()
    return len(selections)


def section_markdown(section: GuidanceSection) -> str:
    sources = "\n".join(f"- {s}" for s in section.sources)
    return (
        f"# {section.title}\n\n{section.body}\n\n---\n\n**Sources**\n\n{sources}\n\n"
        f"*Checked against these sources on {section.checked_on}.*\n"
    )


def _directory_maker(
    store: Store, given: ProviderDirectory | Callable[[], ProviderDirectory] | None
) -> Callable[[], ProviderDirectory]:
    if given is None:
        bundled = store.providers()

        def bundled_only() -> ProviderDirectory:
            from desktop.data.directory import ProviderDirectory

            return ProviderDirectory(bundled)

        return bundled_only
    if callable(given):
        return given
    return lambda: given


class GuidanceTab(QWidget):
    provider_requested = Signal(str)
    status_message = Signal(str)  # a confirmation for the status bar (saved, copied…)

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        directory: ProviderDirectory | Callable[[], ProviderDirectory] | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Disagreement guidance")
        self._all = store.guidance_sections()
        # The one provider directory (code review §c.1), or what makes it when the route
        # finder first needs it; one over the bundled providers when none is given.
        self._directory: ProviderDirectory | None = None
        self._directory_from = _directory_maker(store, directory)
        self._today = today
        self._terms = store.terms
        self._index: GuidanceIndex | None = None  # built on the first search
        self.search = search_box("Search the guidance (Ctrl+F)", "Search the guidance", self)
        self.suggestion = SuggestionBar("guidance", self)
        self.suggestion.chosen.connect(self._use_suggestion)
        self.model = GuidanceSectionModel(self._all, self)
        self.sections = list_view("Guidance sections", self)
        self.sections.setModel(self.model)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName("Guidance text")
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._link)
        self.matches = QLabel(self)
        self.matches.setAccessibleName("Search matches")

        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.suggestion)
        column.addWidget(self.sections)
        column.addWidget(self.matches)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 3)
        sections_page = QWidget(self)
        QHBoxLayout(sections_page).addWidget(splitter)

        self.pages = QTabWidget(self)
        self.pages.setAccessibleName("Guidance, route finder and deadline calculator")
        self._pages = LazyTabs(self.pages)
        self._pages.add("Secti&ons", lambda: sections_page)
        self._pages.add("&Route finder", self._make_routes)
        self._pages.add("Deadline &calculator", self._make_calculator)
        self._pages.start(SECTIONS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        self.sections.selectionModel().currentChanged.connect(
            lambda cur, _prev: self._show(cur.row())
        )
        self.search.textChanged.connect(self._filter)
        if self._all:
            self.select_section(self._all[0].id)

    # -- the sub-tabs, built when first shown --------------------------------------------------
    @property
    def directory(self) -> ProviderDirectory:
        if self._directory is None:
            self._directory = self._directory_from()
        return self._directory

    @property
    def routes(self) -> RoutePanel:
        page = self._pages.page(ROUTES)
        from desktop.ui.guidance.route_panel import RoutePanel  # loaded: the page is built

        assert isinstance(page, RoutePanel)
        return page

    @property
    def calculator(self) -> DeadlinePanel:
        page = self._pages.page(CALCULATOR)
        from desktop.ui.guidance.deadline_panel import DeadlinePanel  # loaded, as above

        assert isinstance(page, DeadlinePanel)
        return page

    def build_pages(self) -> None:
        """Build every sub-tab now (the shortcuts list and the smoke test read them all)."""
        self._pages.build_all()

    def has_page(self, name: str) -> bool:
        """Whether the sub-tab ``"routes"`` or ``"calculator"`` has been built yet."""
        return self._pages.is_built({"routes": ROUTES, "calculator": CALCULATOR}[name])

    def _make_routes(self) -> RoutePanel:
        from desktop.config import resource
        from desktop.data.working_days import EXTRA_HOLIDAYS_FILE
        from desktop.ui.guidance.route_panel import RoutePanel
        from desktop.ui.widgets import guard_combos

        routes = RoutePanel(
            self.directory,
            self,
            extra_holidays=resource(EXTRA_HOLIDAYS_FILE),
            today=self._today,
            section_titles={s.id: s.title for s in self._all},
            law_checked=max((s.checked_on for s in self._all), default=""),
        )
        routes.provider_requested.connect(self.provider_requested)
        routes.section_requested.connect(self.show_section)
        routes.status_message.connect(self.status_message)
        guard_combos(routes)
        return routes

    def _make_calculator(self) -> DeadlinePanel:
        from desktop.config import resource
        from desktop.data.working_days import EXTRA_HOLIDAYS_FILE
        from desktop.ui.guidance.deadline_panel import DeadlinePanel
        from desktop.ui.widgets import guard_combos

        calculator = DeadlinePanel(
            self, extra_holidays=resource(EXTRA_HOLIDAYS_FILE), today=self._today
        )
        calculator.status_message.connect(self.status_message)
        guard_combos(calculator)
        return calculator

    def focus_search(self) -> None:
        self.pages.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    def _use_suggestion(self, text: str) -> None:
        self.search.setText(text)  # searches at once (textChanged)
        self.search.setFocus()  # the suggestion's button hides under the keyboard focus

    @property
    def index(self) -> GuidanceIndex:
        if self._index is None:
            from desktop.data.guidance_search import GuidanceIndex  # with the first search

            self._index = GuidanceIndex(self._all, self._terms)
        return self._index

    def _filter(self, text: str) -> None:
        """Search as you type: stems, phrases in quotes, the synonym list, and a "Did you
        mean …?" from the guidance's own words when little is found."""
        matches = self.index.search(text) if text.strip() else list(self._all)
        self.model.set_rows(matches)
        found = self.index.suggest(text, len(matches)) if text.strip() else None
        self.suggestion.show_suggestion(found.text if found else "")
        if matches:
            self.sections.setCurrentIndex(self.model.index(0))
            self._show(0)
        else:
            from html import escape  # (html loads with the first search, not at start)

            self.matches.setText("")
            self.text.setHtml(
                f"<p>No guidance mentions <b>{escape(text)}</b>. Try fewer words.</p>"
            )

    def current_section(self) -> GuidanceSection | None:
        return self.sections.currentIndex().data(ROW_ROLE)

    def select_section(self, section_id: str) -> bool:
        if self.model.find(lambda s: s.id == section_id) < 0 and self.search.text():
            self.search.clear()
        row = self.model.find(lambda s: s.id == section_id)
        if row < 0:
            return False
        self.sections.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self._show(row)
        return True

    def _show(self, row: int) -> None:
        section = self.model.row_object(row)
        if section is not None:
            self.text.setMarkdown(section_markdown(section))
            typed = self.search.text()
            spans = self.index.spans(self.text.document().toRawText(), typed) if typed else []
            count = highlight(self.text, spans)
            self.matches.setText(
                f"{count} match{'es' if count != 1 else ''} highlighted in this section"
                if typed.strip()
                else ""
            )

    def show_section(self, section_id: str) -> None:
        """Switch to the sections page and show one (used by the route finder's links)."""
        self.pages.setCurrentIndex(0)
        self.select_section(section_id)

    def _link(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == "provider":
            self.provider_requested.emit(url.path())
        elif scheme == "section":
            self.select_section(url.path())
        else:
            from desktop.ui import actions  # the link checks load with the first link

            actions.open_url(url, self)
