"""Small shared widget helpers so every tab looks and behaves alike.

Search boxes and list views; a flow layout (a row of controls that wraps onto another line
instead of making the window wider than the screen); a label that elides instead of
widening the status bar; and the rule for combo boxes and stray arrow keys.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QListView,
    QSizePolicy,
    QWidget,
)


def search_box(placeholder: str, name: str, parent: QWidget | None = None) -> QLineEdit:
    box = QLineEdit(parent)
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    box.setAccessibleName(name)
    box.setObjectName("search")
    return box


def list_view(name: str, parent: QWidget | None = None) -> QListView:
    view = QListView(parent)
    view.setAccessibleName(name)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setUniformItemSizes(False)
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.setSpacing(2)
    return view


# -- a row that wraps ----------------------------------------------------------------------------
class FlowLayout(QLayout):
    """Left to right, starting a new line when the next control does not fit.

    A label is kept on the same line as the control it names (its buddy, added next), so a
    filter never ends one line with "Age" and starts the next with its box. Used where one
    row of controls would otherwise set the window's minimum width (the Local Offer filters,
    the details and shortlist buttons); it supports height-for-width, so the rows below
    move down when it wraps.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    # QLayout's interface
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line (what the row would like)."""
        groups = self._groups()
        gap = self._gap()
        width = sum(self._group_width(g, hint=True) for g in groups) + gap * max(len(groups) - 1, 0)
        height = max((i.sizeHint().height() for g in groups for i in g), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """The widest single group (a label with its box): narrower than that cannot wrap."""
        groups = self._groups()
        width = max((self._group_width(g, hint=False) for g in groups), default=0)
        height = max((i.minimumSize().height() for g in groups for i in g), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    # the arrangement
    def _gap(self) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        style = parent.style() if parent is not None else None
        if style is None:
            return 6
        from PySide6.QtWidgets import QStyle  # its Python type costs ~6 ms to make: not at start

        gap = style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)
        return gap if gap >= 0 else 6

    def _groups(self) -> list[list[QLayoutItem]]:
        visible = [i for i in self._items if not i.isEmpty()]
        groups: list[list[QLayoutItem]] = []
        n = 0
        while n < len(visible):
            item = visible[n]
            label = item.widget()
            following = visible[n + 1].widget() if n + 1 < len(visible) else None
            if isinstance(label, QLabel) and following is not None and label.buddy() is following:
                groups.append([item, visible[n + 1]])
                n += 2
            else:
                groups.append([item])
                n += 1
        return groups

    def _group_width(self, group: list[QLayoutItem], *, hint: bool) -> int:
        sizes = [(i.sizeHint() if hint else i.minimumSize()).width() for i in group]
        return sum(sizes) + self._gap() * (len(group) - 1)

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap = self._gap()
        x, y, line_height = area.x(), area.y(), 0
        line: list[tuple[QLayoutItem, int]] = []  # (item, x) on the current line

        def finish_line() -> None:
            if move:
                for item, left in line:
                    hint = item.sizeHint()
                    width = min(hint.width(), area.right() - left + 1)
                    width = max(width, item.minimumSize().width())
                    top = y + (line_height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(left, top), QSize(width, hint.height())))

        for group in self._groups():
            width = self._group_width(group, hint=True)
            if line and x + width > area.right() + 1:
                finish_line()
                y += line_height + gap
                x, line_height, line = area.x(), 0, []
            for item in group:
                line.append((item, x))
                x += item.sizeHint().width() + gap
                line_height = max(line_height, item.sizeHint().height())
        finish_line()
        return y + line_height - rect.y() + m.bottom()


# -- a label that gives way ------------------------------------------------------------------------
class ElidedLabel(QLabel):
    """One line of text that ends in "…" when there is no room (full text in the tooltip).

    For the status bar: its labels' full widths added up used to set the window's minimum
    width, so at 150% the window could not fit the screen and the status bar was cut off.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, *, least: int = 8) -> None:
        super().__init__(text, parent)
        self._least = least  # characters it always shows
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().averageCharWidth() * self._least, hint.height())

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        self.setToolTip(self.text() if shown != self.text() else "")
        painter = QPainter(self)
        # What QStyle.drawItemText does for plain text (the style's Python type is not made
        # at start for it: ~6 ms): the label's text colour, the disabled one when disabled.
        group = QPalette.ColorGroup.Active if self.isEnabled() else QPalette.ColorGroup.Disabled
        painter.setPen(self.palette().color(group, self.foregroundRole()))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)


# -- combo boxes and stray arrow keys --------------------------------------------------------------
_OPENING_KEYS = frozenset(
    {
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
    }
)


class ComboGuard(QObject):
    """On a closed, non-editable combo box, keys that would silently change the choice open
    the list instead, and the mouse wheel does nothing.

    Why: the route finder's "Who made the decision?" decides every route shown, and one
    stray Down on a focused, closed box used to change it with nothing but the text to say
    so. With the list open, the arrows move through it, Enter chooses and Esc changes
    nothing (as on macOS, and as Alt+Down or F4 already did). Typed letters also open it.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.Wheel, QEvent.Type.KeyPress):
            return False  # (asking for the view now would create it, and recurse)
        if not isinstance(watched, QComboBox) or watched.isEditable():
            return False
        if watched.view().isVisible():
            return False  # the list is open: its keys are the list's
        if kind == QEvent.Type.Wheel:
            return True
        if isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
            typed = event.text()
            if plain and (event.key() in _OPENING_KEYS or (typed.isprintable() and typed.strip())):
                watched.showPopup()
                return True
        return False


def guard_combos(root: QWidget) -> ComboGuard:
    """Apply :class:`ComboGuard` to every non-editable combo box under ``root`` (once each)."""
    guard = root.findChild(ComboGuard, "comboGuard", Qt.FindChildOption.FindDirectChildrenOnly)
    if guard is None:
        guard = ComboGuard(root)
        guard.setObjectName("comboGuard")
    for box in root.findChildren(QComboBox):
        if not box.isEditable() and not box.property("comboGuarded"):
            box.installEventFilter(guard)
            box.setProperty("comboGuarded", True)
    return guard


# -- Tab order that follows the screen -------------------------------------------------------------
def focusable_in(*parts: QWidget | QLayout | None) -> list[QWidget]:
    """The Tab stops in ``parts``, in layout order (the reading order of a row or flow).

    A container widget is entered through its layout; a widget that takes Tab focus itself
    (a button, box, list or pane) is one stop. Hidden ones are kept: Tab skips them while
    they are hidden, and they are in the right place when they are shown.
    """
    found: list[QWidget] = []

    def walk(part: QWidget | QLayout | None) -> None:
        if isinstance(part, QLayout):
            for index in range(part.count()):
                item = part.itemAt(index)
                if item is not None:
                    walk(item.widget() or item.layout())
        elif isinstance(part, QWidget):
            if part.focusPolicy() & Qt.FocusPolicy.TabFocus and part.focusProxy() is None:
                found.append(part)
            elif part.layout() is not None:
                walk(part.layout())

    for part in parts:
        walk(part)
    return found


def set_tab_order(widgets: list[QWidget]) -> None:
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


# -- shortcuts ------------------------------------------------------------------------------------
def shortcut(
    key: QKeySequence | QKeySequence.StandardKey | Qt.Key | str,
    parent: QWidget,
    slot: Callable[[], object],
    what: str,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> QShortcut:
    """A shortcut with its description (listed by Help → Keyboard shortcuts).

    The context is set with ``setContext``: PySide6 6.12 ignores a ``context=`` keyword
    given to the constructor, and every shortcut made that way was window-wide (Delete in
    the results list took a service off the shortlist).
    """
    made = QShortcut(QKeySequence(key), parent)
    made.setContext(context)
    made.setWhatsThis(what)
    made.activated.connect(slot)
    return made


def wide_combo(box: QComboBox, chars: int = 30) -> QComboBox:
    """A combo of long labels that may shrink below its longest one: with a large font the
    longest label alone would make the window wider than a 1280-pixel screen."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(chars)
    return box


def with_mnemonic(text: str, letter: str) -> str:
    """``text`` with an & before the first ``letter`` (a label whose words change with the
    rule or route keeps the same Alt key)."""
    at = text.lower().find(letter)
    return f"{text[:at]}&{text[at:]}" if at >= 0 else f"{text} (&{letter})"


class _SelectOnClick(QObject):
    """See :func:`select_all_on_click`."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        self._clicked_in = False
        edit.installEventFilter(self)  # the mouse comes to the line edit itself
        # An editable combo box takes the focus and hands the event to its line edit
        # directly, past any filter on the line edit: watch the focus where it arrives.
        self._focus = edit.focusProxy() or edit
        if self._focus is not edit:
            self._focus.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._focus and isinstance(event, QFocusEvent):
            if event.type() == QEvent.Type.FocusIn:
                self._clicked_in = event.reason() == Qt.FocusReason.MouseFocusReason
        elif watched is self._edit and event.type() == QEvent.Type.MouseButtonRelease:
            if self._clicked_in and not self._edit.hasSelectedText():
                self._edit.selectAll()
            self._clicked_in = False
        return False


def select_all_on_click(edit: QLineEdit) -> QLineEdit:
    """A click into ``edit`` selects its text, as Tab does, so what is typed replaces it (the
    Area box's "All areas" became "All areasbv3 1aa"). Only the click that brings the focus:
    the next ones place the cursor as usual."""
    _SelectOnClick(edit)
    return edit
