"""A date field you cannot get wrong (issue 13.1): type a date in any usual form and see the
date it understood, in words, beside it.

- Typing replaces the whole date wherever the cursor is (after a click, Home, Ctrl+A or
  Tab), until you start editing: Backspace or Delete first edits the text in place.
- ``20/11/2026``, ``20/11/26``, ``20112026``, ``20 Nov 2026``, ``2026-11-20`` … all work
  (:mod:`desktop.data.dates`); impossible or implausible dates are refused with one sentence
  and give no date at all, so nothing is ever counted from a date the words do not show.
- One Tab stop: the calendar button takes no focus; Alt+Down or F4 opens the calendar.
- ``date()`` is always exactly the date the words beside the field show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.data.dates import EXAMPLE, DateError, long_date, short_date, understand, window

ERROR_STYLE = "color: #a4000f; font-weight: bold;"  # 7:1 on white


class _Edit(QLineEdit):
    """The text box: the first printable key after focus (or after a date was set) clears it."""

    def __init__(self, parent: QWidget, on_calendar: Callable[[], object]) -> None:
        super().__init__(parent)
        self.fresh = True  # the text is a whole date the user has not started editing
        self._on_calendar = on_calendar

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.fresh = True
        # After a mouse click Qt places the cursor once focus is in: select on the next turn.
        QTimer.singleShot(0, self.selectAll)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (
            key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier
        ):
            self._on_calendar()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.fresh = True
            super().keyPressEvent(event)
            return
        typing = (
            bool(event.text())
            and event.text().isprintable()
            and not (mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        )
        if self.fresh and (typing or event.matches(QKeySequence.StandardKey.Paste)):
            self.clear()
        if (
            typing
            or key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete)
            or event.matches(QKeySequence.StandardKey.Paste)
        ):
            self.fresh = False
        super().keyPressEvent(event)


class DateField(QWidget):
    """One date: a text box, a calendar button and the date understood, in words.

    ``changed`` fires on every change of the text, after the field has read it, so
    ``date()`` is already the new date. (It is the text box's own C++ signal: with PySide6
    6.12 on Python 3.11 each Python-side ``Signal.emit()`` drops a reference to ``True``,
    which aborts a small process at exit; see docs/decisions.md.)
    """

    def __init__(
        self,
        name: str,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        hint: str = "",
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._hint = hint or f"Type a date, for example {EXAMPLE}"
        self._date: dt.date | None = None
        self._error = ""
        self.edit = _Edit(self, self.open_calendar)
        self.edit.setPlaceholderText(f"e.g. {EXAMPLE}")
        self.edit.setMaxLength(40)
        width = self.edit.fontMetrics().horizontalAdvance("Wed 30 Sept 2026") + 16
        self.edit.setMinimumWidth(width)
        self.edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("Calendar…")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # one Tab stop: the text
        self.calendar_button.setToolTip("Choose from a calendar (Alt+Down in the date)")
        self.words = QLabel(self)
        self.words.setObjectName("dateWords")
        self.words.setWordWrap(True)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.words.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.calendar_button)
        layout.addWidget(self.words, 1)
        self.setFocusProxy(self.edit)
        self.set_name(name)
        self.edit.textChanged.connect(self._read)  # first, so listeners see the new date
        self.changed = self.edit.textChanged
        self.edit.editingFinished.connect(self._tidy)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.calendar: QDialog | None = None
        self._read()

    # -- value -----------------------------------------------------------------------------------
    def date(self) -> dt.date | None:
        """The date the words show, or None (empty, or not a date that can be used)."""
        return self._date

    def error(self) -> str:
        """Why the text is not a usable date ('' when it is one, or when the field is empty)."""
        return self._error

    def set_date(self, day: dt.date | None) -> None:
        self.edit.setText(short_date(day) if day else "")
        self.edit.fresh = True

    def clear(self) -> None:
        self.set_date(None)

    # -- labels ----------------------------------------------------------------------------------
    def set_name(self, name: str) -> None:
        self._name = name
        self.edit.setAccessibleName(name)
        self.calendar_button.setAccessibleName(f"{name}: choose from a calendar")
        self._describe()

    def tie_label(self, label: QLabel) -> None:
        """Make ``label`` the field's label: its mnemonic focuses the text box."""
        label.setBuddy(self.edit)

    # -- reading ---------------------------------------------------------------------------------
    def _read(self) -> None:
        text = self.edit.text()
        if not text.strip():
            self._date, self._error = None, ""
        else:
            try:
                self._date, self._error = understand(text, self._today()), ""
            except DateError as exc:
                self._date, self._error = None, str(exc)
        if self._error:
            self.words.setText(self._error)
            self.words.setStyleSheet(ERROR_STYLE)
        else:
            self.words.setText(long_date(self._date) if self._date else self._hint)
            self.words.setStyleSheet("" if self._date else "color: palette(placeholder-text);")
        self._describe()

    def _describe(self) -> None:
        if self._error:
            what = f"Not a usable date: {self._error}"
        elif self._date:
            what = f"Understood as {long_date(self._date)}"
        else:
            what = self._hint
        self.edit.setAccessibleDescription(what)
        self.edit.setToolTip(what)

    def _tidy(self) -> None:
        """On Enter or leaving the field, show a date the app understood as 20/11/2026."""
        self.edit.fresh = True
        if self._date is not None and self.edit.text() != short_date(self._date):
            self.edit.blockSignals(True)
            self.edit.setText(short_date(self._date))
            self.edit.blockSignals(False)

    # -- calendar --------------------------------------------------------------------------------
    def open_calendar(self) -> QDialog:
        first, last = window(self._today())
        dialog = QDialog(self)
        dialog.setWindowTitle(f"Choose a date: {self._name}")
        dialog.setAccessibleName(f"Calendar for {self._name}")
        calendar = QCalendarWidget(dialog)
        calendar.setObjectName("calendar")
        calendar.setAccessibleName(f"{self._name}: calendar (arrows move, Enter chooses)")
        calendar.setGridVisible(True)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        calendar.setDateRange(QDate(first.year, 1, 1), QDate(last.year, 12, 31))
        shown = self._date or self._today()
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

        def choose(day: QDate) -> None:
            self.set_date(dt.date(day.year(), day.month(), day.day()))
            dialog.accept()

        calendar.activated.connect(choose)
        calendar.clicked.connect(choose)
        QVBoxLayout(dialog).addWidget(calendar)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.edit.setFocus())
        dialog.open()
        dialog.activateWindow()
        calendar.setFocus()
        self.calendar = dialog
        return dialog
