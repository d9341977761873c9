"""Pages of a ``QTabWidget`` built the first time each is shown, or first asked for.

Start-up builds only the page the window opens on (the main window's tabs, and the
guidance tab's sub-tabs): the others, with their imports and first queries, wait until
the user goes to them, or until code asks for one (:meth:`LazyTabs.page`). Until then a
page is an empty placeholder with the tab's name; once built, the real widget takes its
place in the tab widget, so ``tabs.currentWidget()`` is the page itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QTabWidget, QWidget


def plain_label(label: str) -> str:
    """A tab's text as read out: no '&' mnemonic marker."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


@contextmanager
def _quiet(tabs: QTabWidget) -> Iterator[None]:
    was = tabs.blockSignals(True)
    try:
        yield
    finally:
        tabs.blockSignals(was)


class LazyTabs(QObject):
    built = Signal(int, QWidget)  # the page at this index has just been built (or rebuilt)

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self._builders: list[Callable[[], QWidget]] = []
        self._pages: dict[int, QWidget] = {}
        self._started = False

    def add(self, label: str, build: Callable[[], QWidget]) -> int:
        """A tab whose page ``build()`` makes when it is first needed; returns its index."""
        placeholder = QWidget()
        placeholder.setAccessibleName(plain_label(label))
        with _quiet(self.tabs):
            index = self.tabs.addTab(placeholder, label)
        self._builders.append(build)
        return index

    def start(self, index: int = 0) -> QWidget:
        """Open on page ``index`` (built now); every other page is built when first shown."""
        with _quiet(self.tabs):
            self.tabs.setCurrentIndex(min(max(index, 0), self.tabs.count() - 1))
        if not self._started:
            self._started = True
            self.tabs.currentChanged.connect(self._shown)
        return self.page(self.tabs.currentIndex())

    def _shown(self, index: int) -> None:
        if index >= 0:
            self.page(index)

    # -- pages ------------------------------------------------------------------------------------
    def page(self, index: int) -> QWidget:
        """The page at ``index``, built now if it was not yet."""
        page = self._pages.get(index)
        return page if page is not None else self.rebuild(index)

    def is_built(self, index: int) -> bool:
        return index in self._pages

    def built_indexes(self) -> list[int]:
        return sorted(self._pages)

    def build_all(self) -> None:
        for index in range(len(self._builders)):
            self.page(index)

    def rebuild(self, index: int) -> QWidget:
        """Build the page at ``index`` (again), in place of what was there."""
        page = self._builders[index]()
        old = self.tabs.widget(index)
        current, label = self.tabs.currentIndex(), self.tabs.tabText(index)
        with _quiet(self.tabs):
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, page, label)
            self.tabs.setCurrentIndex(current)
        self._pages[index] = page
        if old is not None and old is not page:
            old.hide()
            old.deleteLater()
        self.built.emit(index, page)
        return page
