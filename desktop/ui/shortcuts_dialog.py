"""Help → Keyboard shortcuts: every shortcut the window has, read from the window itself.

Nothing here is a hand-kept list: menu actions give their key sequences, ``QShortcut``s
their keys and descriptions (``whatsThis``), and the Alt+letter of every button, labelled
field and tab is read from its text, grouped by the tab (and sub-tab) it is on. A shortcut
added anywhere shows up here; one without a description is reported by the tests.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

EVERYWHERE = "Everywhere"
NATIVE = QKeySequence.SequenceFormat.NativeText


@dataclass(frozen=True)
class Shortcut:
    group: str
    keys: str
    what: str


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' ('&&' is a literal ampersand), upper-cased."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] == "&":
                i += 2
                continue
            return text[i + 1].upper()
        i += 1
    return None


def plain(text: str) -> str:
    """Menu or button text as read: no '&', no trailing '…' or ':'."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…:. ").strip()


def group_of(widget: QWidget | None, top: QWidget) -> str:
    """'Local Offer', 'Disagreement guidance — Route finder', or EVERYWHERE for the window."""
    names: list[str] = []
    child = widget
    while child is not None and child is not top:
        parent = child.parentWidget()
        tabs = parent.parentWidget() if isinstance(parent, QStackedWidget) else None
        if isinstance(tabs, QTabWidget):
            index = tabs.indexOf(child)
            if index >= 0:
                names.append(plain(tabs.tabText(index)))
        child = parent
    return " — ".join(reversed(names)) or EVERYWHERE


def _menu_shortcuts(window: QMainWindow) -> list[Shortcut]:
    found: list[Shortcut] = []

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            if isinstance(sub := action.menu(), QMenu):
                walk(sub, title)
            elif action.shortcuts() and not action.isSeparator():
                keys = ", ".join(k.toString(NATIVE) for k in action.shortcuts())
                found.append(Shortcut(EVERYWHERE, keys, f"{title} → {plain(action.text())}"))

    for top in window.menuBar().actions():
        if isinstance(menu := top.menu(), QMenu):
            letter = mnemonic(top.text())
            if letter:
                found.append(Shortcut(EVERYWHERE, f"Alt+{letter}", f"the {plain(top.text())} menu"))
            walk(menu, plain(top.text()))
    return found


def _key_shortcuts(window: QWidget) -> list[Shortcut]:
    found = []
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.key().isEmpty() or not shortcut.isEnabled():
            continue
        if isinstance(parent, QWidget) and parent.window() is not window:
            continue
        where = group_of(parent, window) if isinstance(parent, QWidget) else EVERYWHERE
        found.append(Shortcut(where, shortcut.key().toString(NATIVE), shortcut.whatsThis()))
    return found


def _mnemonics(window: QWidget) -> list[Shortcut]:
    found = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QMenu) or widget.window() is not window:
            continue  # menus are read from the menu bar; a dialog's letters are its own
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            texts = [widget.text()]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QTabBar):
            texts = [widget.tabText(i) for i in range(widget.count())]
        else:
            continue
        tabs = isinstance(widget, QTabBar)
        group = group_of(widget.parentWidget() if tabs else widget, window)
        for text in texts:
            letter = mnemonic(text)
            if letter:
                what = f"the {plain(text)} tab" if tabs else plain(text)
                found.append(Shortcut(group, f"Alt+{letter}", what))
    return found


def shortcuts(window: QMainWindow) -> list[Shortcut]:
    """Every shortcut of ``window``, de-duplicated, grouped (Everywhere first) and sorted."""
    rows = {*_menu_shortcuts(window), *_key_shortcuts(window), *_mnemonics(window)}
    return sorted(rows, key=lambda s: (s.group != EVERYWHERE, s.group, s.keys, s.what))


def shortcuts_html(rows: list[Shortcut]) -> str:
    e = html.escape
    parts = [
        "<p>Tab and Shift+Tab move between controls; Space or Enter presses a button; "
        "arrow keys move in lists; Esc closes a dialog.</p>"
    ]
    group = None
    for row in rows:
        if row.group != group:
            if group is not None:
                parts.append("</table>")
            group = row.group
            parts.append(f"<h3>{e(group)}</h3><table cellspacing='0' cellpadding='3'>")
        parts.append(f"<tr><td><b>{e(row.keys)}</b></td><td>{e(row.what)}</td></tr>")
    if group is not None:
        parts.append("</table>")
    return "".join(parts)


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.rows = shortcuts(window)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName("List of keyboard shortcuts")
        self.text.setHtml(shortcuts_html(self.rows))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        available = window.screen().availableGeometry() if window.screen() else None
        width, height = 560, 620
        if available is not None:
            width, height = min(width, available.width() - 40), min(height, available.height() - 60)
        self.resize(width, height)


def open_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setModal(True)
    dialog.open()
    return dialog

