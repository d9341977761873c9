"""The accessibility walk (issue 13 §9): every tab, sub-tab, arrangement and dialog as
assistive technology sees it, through Qt's accessibility interface (``QAccessible``: what
screen readers read through UI Automation on Windows and AT-SPI on Linux).

It fails when a control that takes the keyboard focus has no role or no name, when a
label names a field it is not tied to (a mnemonic or a form row without a buddy), or when
a buddy is not reported to assistive technology as the field's label.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QLayout,
    QMenu,
    QScrollBar,
    QTabBar,
    QWidget,
)

from desktop.data.providers import ProviderLoad
from desktop.ui.local_offer import panes
from desktop.ui.main_window import MainWindow

NO_ROLES = {QAccessible.Role.NoRole, QAccessible.Role.Client}
NAME = QAccessible.Text.Name


def inner_part(widget: QWidget) -> bool:
    """Qt's own pieces of a composite control (a spin box's text, a combo's list or text,
    a scroll area's bars): assistive technology meets them through their owner."""
    parent = widget.parentWidget()
    if isinstance(widget, QTabBar):
        return False  # a real control, though Qt names a tab widget's 'qt_tabwidget_tabbar'
    if isinstance(widget, QScrollBar) or widget.objectName().startswith("qt_"):
        return True
    if isinstance(parent, QAbstractSpinBox | QComboBox):
        return True
    return isinstance(parent, QAbstractScrollArea) and widget is parent.viewport()


def focusable(root: QWidget) -> Iterator[QWidget]:
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QMenu) or widget.window() is not root or not widget.isVisible():
            continue
        keyboard = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if not keyboard or widget.focusProxy() is not None:
            continue
        if not inner_part(widget):
            yield widget


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
    return f"{type(widget).__name__} {widget.objectName() or text or widget.accessibleName()!r}"


def label_problems(root: QWidget) -> list[str]:
    problems = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or label.window() is not root:
            continue
        buddy = label.buddy()
        if buddy is None:
            if "&" in label.text().replace("&&", ""):
                problems.append(f"label {label.text()!r} has a mnemonic but no field")
            continue
        iface = QAccessible.queryAccessibleInterface(buddy)
        labelled_by = [r[0].object() for r in iface.relations(QAccessible.RelationFlag.Label)]
        if label not in labelled_by:
            problems.append(f"{describe(buddy)} does not report {label.text()!r} as its label")
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label_widget = label.widget() if label else None
            field_widget = field.widget() if field else None
            if (
                isinstance(label_widget, QLabel)
                and field_widget is not None
                and label_widget.isVisible()
                and field_widget.focusPolicy() != Qt.FocusPolicy.NoFocus
                and label_widget.buddy() is not field_widget
            ):
                problems.append(f"form label {label_widget.text()!r} is not tied to its field")
    problems += _unlabelled_neighbours(root)
    return problems


def _unlabelled_neighbours(root: QWidget) -> list[str]:
    """A label ending in ':' just before a field in a row, with no buddy, names that field
    only to the eye."""
    problems = []
    for layout in root.findChildren(QLayout):
        items = [layout.itemAt(i).widget() for i in range(layout.count())]
        for before, after in itertools.pairwise(items):
            if (
                isinstance(before, QLabel)
                and before.isVisible()
                and before.buddy() is None
                and before.text().rstrip().endswith(":")
                and after is not None
                and not isinstance(after, QLabel)
                and after.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                problems.append(f"label {before.text()!r} is beside {describe(after)} but not tied")
    return problems


def walk(root: QWidget) -> list[str]:
    """Everything the walk finds wrong in ``root`` as it is shown now."""
    problems = []
    for widget in focusable(root):
        iface = QAccessible.queryAccessibleInterface(widget)
        if iface is None or not iface.isValid():
            problems.append(f"{describe(widget)} has no accessible interface")
            continue
        if iface.role() in NO_ROLES:
            problems.append(f"{describe(widget)} has no role ({iface.role()})")
        if not iface.text(NAME).strip():
            problems.append(f"{describe(widget)} has no accessible name")
    return problems + label_problems(root)


def walked(root: QWidget) -> int:
    """How many focusable controls the walk looked at (so an empty walk cannot pass)."""
    return sum(1 for _ in focusable(root))


# -- the main window ------------------------------------------------------------------------
def every_view(window: MainWindow, qtbot) -> Iterator[str]:
    """Show each tab, sub-tab and Local Offer arrangement in turn; yields its name."""
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        tab = window.tabs.widget(index)
        if tab is window.guidance:
            for page in range(tab.pages.count()):
                tab.pages.setCurrentIndex(page)
                qtbot.wait(0)
                yield f"guidance / {tab.pages.tabText(page)}"
        elif tab is window.local_offer:
            tab.results.setCurrentIndex(tab.model.index(0))
            yield "Local Offer, empty shortlist"
            tab.add_current()
            needed = tab.panes.needed()
            for width, mode in (
                (needed[panes.WIDE] + 40, panes.WIDE),
                (needed[panes.WIDE] - 40, panes.TABS),
                (needed[panes.TABS] - 40, panes.STACKED),
            ):
                window.resize(width + window.width() - tab.panes.width(), 700)
                qtbot.waitUntil(lambda m=mode, t=tab: t.panes.mode == m, timeout=2000)
                for side in range(tab.panes.side.count() if mode != panes.WIDE else 1):
                    if mode != panes.WIDE:
                        tab.panes.side.setCurrentIndex(side)
                    qtbot.wait(0)
                    yield f"Local Offer, {mode} {side}"
        else:
            qtbot.wait(0)
            yield window.tabs.tabText(index)


def test_every_tab_sub_tab_and_arrangement(window: MainWindow, qtbot) -> None:
    found, views, controls = [], [], 0
    for view in every_view(window, qtbot):
        views.append(view)
        controls += walked(window)
        found += [f"{view}: {p}" for p in walk(window)]
    assert len(views) >= 8
    assert controls > 100  # each view's own count, added up
    assert not found, "\n".join(sorted(set(found)))


# -- dialogs --------------------------------------------------------------------------------
def walk_modal(opener: Callable[[], object], close: str = "reject") -> list[str]:
    """Open a dialog that runs its own event loop, walk it while it shows, then close it."""
    result: list[str] = []

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, inspect)
            return
        result.extend(walk(dialog))
        result.append(f"(walked {walked(dialog)})")
        getattr(dialog, close)()

    QTimer.singleShot(0, inspect)
    opener()
    return result


def check(problems: list[str]) -> None:
    counts = [p for p in problems if p.startswith("(walked ")]
    assert counts and all(c != "(walked 0)" for c in counts)
    real = [p for p in problems if not p.startswith("(walked ")]
    assert not real, "\n".join(real)


def test_settings_dialog(window: MainWindow, qtbot) -> None:
    dialog = window.view.open_settings(window)
    qtbot.waitExposed(dialog)
    check([*walk(dialog), f"(walked {walked(dialog)})"])
    dialog.reject()


def test_keyboard_shortcuts_dialog(window: MainWindow, qtbot) -> None:
    from desktop.ui.shortcuts_dialog import open_shortcuts

    dialog = open_shortcuts(window)
    qtbot.waitExposed(dialog)
    check([*walk(dialog), f"(walked {walked(dialog)})"])
    dialog.reject()


def test_refresh_dialog(window: MainWindow, qtbot) -> None:
    from desktop.ui.refresh_menu import open_refresh_dialog

    dialog = open_refresh_dialog(window, window.session, window.settings.policy)
    qtbot.waitExposed(dialog)
    check([*walk(dialog), f"(walked {walked(dialog)})"])
    dialog.close()


def test_call_fallback_dialog(window: MainWindow, qtbot) -> None:
    from desktop.ui.actions import FallbackDialog

    dialog = FallbackDialog("Phone number", "0121 496 0123", window)
    dialog.show()
    qtbot.waitExposed(dialog)
    check([*walk(dialog), f"(walked {walked(dialog)})"])
    dialog.close()


def test_provider_import_report_dialog(window: MainWindow, qtbot, tmp_path) -> None:
    from desktop.ui.provider_import import ImportReportDialog

    loaded = ProviderLoad(providers=window.providers.providers()[:1], errors=["entry 2: no name"])
    dialog = ImportReportDialog(tmp_path / "list.toml", loaded, window)
    dialog.show()
    qtbot.waitExposed(dialog)
    check([*walk(dialog), f"(walked {walked(dialog)})"])
    dialog.close()


def test_quit_question(window: MainWindow) -> None:
    tab = window.local_offer
    tab.results.setCurrentIndex(tab.model.index(0))
    tab.add_current()
    check(walk_modal(window.confirm_quit))


def test_about_box(window: MainWindow) -> None:
    check(walk_modal(window.menu_actions.about.trigger, close="accept"))


@pytest.mark.parametrize("kind", ["mnemonic", "form", "beside"])
def test_the_walk_catches_an_untied_label(qtbot, kind: str) -> None:
    """The checks fail as they should: a label a screen reader cannot connect to its field."""
    from PySide6.QtWidgets import QHBoxLayout, QLineEdit

    root = QWidget()
    qtbot.addWidget(root)
    field = QLineEdit(root)
    if kind == "form":
        form = QFormLayout(root)
        form.addRow(QLabel("Postcode", root), field)
    else:
        row = QHBoxLayout(root)
        row.addWidget(QLabel("&Postcode" if kind == "mnemonic" else "Postcode:", root))
        row.addWidget(field)
    blank = QWidget(root)  # takes the focus, but is nothing a screen reader can name
    blank.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    root.layout().addWidget(blank)
    root.show()
    qtbot.waitExposed(root)
    assert label_problems(root)
    problems = walk(root)
    assert any("QLineEdit" in p and "no accessible name" in p for p in problems)
    assert any("QWidget" in p and "no role" in p for p in problems)
