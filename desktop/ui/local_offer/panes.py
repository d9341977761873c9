"""Where the Local Offer's results, details and shortlist go, for the width the tab has.

Three arrangements, chosen from the width and the text size (widths are counted in
characters of the current font, so larger text switches earlier):

- **wide**: results | details | shortlist side by side; an empty shortlist is a narrow
  bar that says how to add to it.
- **tabs**: results | a pair of tabs, *Details* and *Shortlist (n)*, when the three do not fit.
- **stacked**: results above those tabs, when even two columns would squeeze the results.

The results list never gets narrower than ``RESULTS_CHARS`` characters: below ~1000 px it
used to shrink to 55–90 px while the details and shortlist kept their widths.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QSplitter, QTabWidget, QVBoxLayout, QWidget

from desktop.ui.local_offer.shortlist import ShortlistPanel

WIDE, TABS, STACKED = "wide", "tabs", "stacked"
RESULTS_LINES = 8  # and never shorter than this many lines (the window scrolls instead)
RESULTS_CHARS = 34  # a service name and its organisation, wrapped on two or three lines
DETAILS_CHARS = 44  # a paragraph line you can read
SHORTLIST_CHARS = 28
SLACK_CHARS = 4  # between an arrangement's minimum width and the width that leaves it
BAR_CHARS = 14  # the empty shortlist: "Shortlist: empty. Press Ctrl+D…" wrapped narrow


class PaneArea(QWidget):
    """Holds the three panes and moves them between the arrangements as the width changes."""

    arranged = Signal(str)  # the arrangement now shown (the tab redoes its Tab order)

    def __init__(
        self,
        results: QWidget,
        details: QWidget,
        shortlist: ShortlistPanel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.results_pane, self.details_pane, self.shortlist = results, details, shortlist
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setAccessibleName("Results, details and shortlist")
        self.side = QTabWidget(self)
        self.side.setAccessibleName("Details and shortlist")
        self.side.tabBar().setAccessibleName("Details or shortlist")
        self.side.setDocumentMode(True)
        for widget in (results, details, shortlist, self.side):
            self.splitter.addWidget(widget)
        self.side.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.mode = WIDE
        self._empty = not shortlist.services()
        shortlist.changed.connect(self._shortlist_changed)
        self._apply_minimums()

    # -- sizes in characters of the current font -------------------------------------------------
    def chars(self, n: int) -> int:
        return self.fontMetrics().averageCharWidth() * n

    def readable_results_width(self) -> int:
        return self.chars(RESULTS_CHARS)

    def needed(self) -> dict[str, int]:
        """Width each arrangement needs (the shortlist as a bar while it is empty)."""
        handle = self.splitter.handleWidth()
        results = self.readable_results_width()
        # Each switch point sits above the arrangement's own minimum width (the side tabs'
        # frame adds a few pixels), or the window could not shrink past it: it would scroll
        # sideways instead of moving on to the next arrangement.
        slack = self.chars(SLACK_CHARS)
        details = max(self.chars(DETAILS_CHARS), self.details_pane.minimumSizeHint().width())
        details = max(details, self.side.minimumSizeHint().width()) + slack
        shortlist = self.chars(BAR_CHARS if self._empty else SHORTLIST_CHARS)
        shortlist = max(shortlist, self.shortlist.minimumSizeHint().width())
        return {
            WIDE: results + details + shortlist + 2 * handle,
            TABS: results + details + handle,
        }

    def mode_for(self, width: int) -> str:
        needed = self.needed()
        if width >= needed[WIDE]:
            return WIDE
        return TABS if width >= needed[TABS] else STACKED

    # -- arranging -------------------------------------------------------------------------------
    def arrange(self, width: int | None = None, *, force: bool = False) -> bool:
        """Switch to the arrangement this width needs; True if it changed."""
        mode = self.mode_for(self.width() if width is None else width)
        if mode == self.mode and not force:
            return False
        focus = QApplication.focusWidget()
        self.mode = mode
        self.splitter.setOrientation(
            Qt.Orientation.Vertical if mode == STACKED else Qt.Orientation.Horizontal
        )
        if mode == WIDE:
            self.side.clear()  # removes the pages without deleting them
            self.splitter.insertWidget(1, self.details_pane)
            self.splitter.insertWidget(2, self.shortlist)
            self.details_pane.show()
            self.shortlist.show()
            self.side.hide()
        else:
            if self.side.count() == 0:
                self.side.addTab(self.details_pane, "Details")
                self.side.addTab(self.shortlist, "")
            self._name_shortlist_tab()
            self.side.show()
        self._apply_sizes()
        if focus is not None and self.isAncestorOf(focus) and focus.isVisible():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.arranged.emit(mode)
        return True

    def show_details(self) -> None:
        """In the tab arrangements, bring the details forward (Enter on a result)."""
        if self.mode != WIDE:
            self.side.setCurrentWidget(self.details_pane)

    def show_shortlist(self) -> None:
        if self.mode != WIDE:
            self.side.setCurrentWidget(self.shortlist)

    def _name_shortlist_tab(self) -> None:
        index = self.side.indexOf(self.shortlist)
        if index >= 0:
            n = len(self.shortlist.services())
            self.side.setTabText(index, f"Shortlist ({n})")

    def _apply_minimums(self) -> None:
        self.results_pane.setMinimumWidth(self.readable_results_width())
        self.results_pane.setMinimumHeight(self.fontMetrics().lineSpacing() * RESULTS_LINES)

    def _apply_sizes(self) -> None:
        """Share the width (or height, stacked) out: results first up to a readable width."""
        split = self.splitter
        handle = split.handleWidth()
        panes = [split.widget(i) for i in range(split.count())]
        sizes = dict.fromkeys(panes, 0)
        stretch = dict.fromkeys(panes, 0)
        if self.mode == STACKED:
            total = max(split.height() - handle, 2)
            sizes[self.results_pane] = total * 2 // 5
            sizes[self.side] = total - sizes[self.results_pane]
            stretch[self.results_pane] = stretch[self.side] = 1
        elif self.mode == WIDE:
            total = max(split.width() - 2 * handle, 3)
            if self._empty:
                shortlist = self.chars(BAR_CHARS)
            else:
                shortlist = max(self.chars(SHORTLIST_CHARS), total * 2 // 9)
            results = max(self.readable_results_width(), (total - shortlist) * 3 // 7)
            sizes.update(
                {
                    self.results_pane: results,
                    self.details_pane: total - shortlist - results,
                    self.shortlist: shortlist,
                }
            )
            stretch.update(
                {self.results_pane: 3, self.details_pane: 4, self.shortlist: 0 if self._empty else 2}
            )
        else:
            total = max(split.width() - handle, 2)
            sizes[self.results_pane] = max(self.readable_results_width(), total * 3 // 7)
            sizes[self.side] = total - sizes[self.results_pane]
            stretch[self.results_pane], stretch[self.side] = 3, 4
        split.setSizes([sizes[w] for w in panes])
        for index, widget in enumerate(panes):
            split.setStretchFactor(index, stretch[widget])

    def _shortlist_changed(self) -> None:
        empty = not self.shortlist.services()
        self._name_shortlist_tab()
        if empty != self._empty:
            self._empty = empty
            if not self.arrange():
                self._apply_sizes()  # the same arrangement: the bar widens or narrows

    # -- events ----------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.arrange(event.size().width()) and event.oldSize().width() <= 0:
            self._apply_sizes()  # the first real width: share it out

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # text size changed: widths in characters
            self._apply_minimums()
            self.arrange(force=True)
