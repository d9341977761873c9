"""The date field driven as the hands-on test did (issue 13, the blocker): a click inside a
pre-filled date then typing, Ctrl+A, Home, Shift+Tab, year 3122, the calendar, one Tab stop."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.ui.guidance.date_field import DateField

TODAY = dt.date(2026, 11, 1)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def form(qtbot):
    """A window with a box before the field, the field (pre-filled with 'today'), and a box
    after it, shown and active so keys go where the focus is."""
    top = QWidget()
    before = QLineEdit(top)  # created in Tab order: before, the field, after
    label = QLabel("&Letter sent:", top)
    field = DateField("Date the letter was sent", top, today=lambda: TODAY)
    after = QLineEdit(top)
    field.tie_label(label)
    layout = QVBoxLayout(top)
    for w in (before, label, field, after):
        layout.addWidget(w)
    field.set_date(TODAY)
    qtbot.addWidget(top)
    top.show()
    qtbot.waitExposed(top)
    top.activateWindow()
    qtbot.waitUntil(top.isActiveWindow, timeout=2000)
    return top, before, field, after


def click_inside(qtbot, field: DateField) -> None:
    edit = field.edit
    qtbot.mouseClick(
        edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() // 3, edit.height() // 2)
    )
    qtbot.waitUntil(edit.hasFocus, timeout=2000)


def test_click_inside_then_type_replaces_the_whole_date(qtbot, form) -> None:
    _top, _before, field, after = form
    assert field.date() == TODAY
    click_inside(qtbot, field)
    qtbot.keyClicks(field.edit, "20/11/2026")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(after.hasFocus, timeout=2000)
    assert field.date() == dt.date(2026, 11, 20)
    assert field.words.text() == "Friday 20 November 2026"
    assert field.edit.text() == "20/11/2026"


def test_ctrl_a_then_type(qtbot, form) -> None:
    _top, _before, field, _after = form
    click_inside(qtbot, field)
    qtbot.keyClick(field.edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(field.edit, "20 Nov 2026")
    assert field.date() == dt.date(2026, 11, 20)


def test_home_then_type_does_not_keep_the_old_day(qtbot, form) -> None:
    _top, _before, field, _after = form
    click_inside(qtbot, field)
    qtbot.keyClick(field.edit, Qt.Key.Key_Home)
    qtbot.keyClicks(field.edit, "20112026")
    assert field.edit.text() == "20112026"
    assert field.date() == dt.date(2026, 11, 20)


def test_end_then_type_and_arrow_keys_do_not_change_the_date(qtbot, form) -> None:
    _top, _before, field, _after = form
    click_inside(qtbot, field)
    for key in (Qt.Key.Key_End, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left):
        qtbot.keyClick(field.edit, key)
    assert field.date() == TODAY  # no stray key silently moves the date
    qtbot.keyClicks(field.edit, "2026-11-20")
    assert field.date() == dt.date(2026, 11, 20)


def test_tab_in_then_type_and_shift_tab_out(qtbot, form) -> None:
    _top, before, field, after = form
    before.setFocus()
    qtbot.waitUntil(before.hasFocus, timeout=2000)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.waitUntil(field.edit.hasFocus, timeout=2000)  # one Tab reaches the text box
    qtbot.keyClicks(field.edit, "20/11/26")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab, SHIFT)
    qtbot.waitUntil(before.hasFocus, timeout=2000)
    assert field.date() == dt.date(2026, 11, 20)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.waitUntil(field.edit.hasFocus, timeout=2000)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(after.hasFocus, timeout=2000)  # the calendar button is not a Tab stop


def test_backspace_first_edits_in_place(qtbot, form) -> None:
    _top, _before, field, _after = form
    click_inside(qtbot, field)
    qtbot.keyClick(field.edit, Qt.Key.Key_End)
    for _ in range(4):
        qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field.edit, "2027")
    assert field.date() == dt.date(2027, 11, 1)


def test_year_3122_is_refused_with_a_sentence_and_gives_no_date(qtbot, form) -> None:
    _top, _before, field, _after = form
    click_inside(qtbot, field)
    with qtbot.waitSignal(field.changed, timeout=1000):
        qtbot.keyClicks(field.edit, "20/11/3122")
    assert field.date() is None
    assert "too far ahead" in field.error() and field.words.text() == field.error()
    assert "too far ahead" in field.edit.accessibleDescription()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2026", "February 2026 has 28 days"),
        ("20/13/2026", "no month 13"),
        ("soon", "type it"),
    ],
)
def test_impossible_dates_are_refused(qtbot, form, typed: str, message: str) -> None:
    _top, _before, field, _after = form
    click_inside(qtbot, field)
    qtbot.keyClicks(field.edit, typed)
    assert field.date() is None and message in field.words.text()


def test_words_always_show_the_date_used(qtbot, form) -> None:
    """Every keystroke: date() and the words agree (a partial date is either a real date in
    words or no date with the reason)."""
    _top, _before, field, _after = form
    click_inside(qtbot, field)
    for ch in "20/11/2026":
        qtbot.keyClick(field.edit, ch)
        day = field.date()
        if day is None:
            assert field.words.text() == field.error() or "Type a date" in field.words.text()
        else:
            from desktop.data.dates import long_date

            assert field.words.text() == long_date(day)


def test_calendar_button_and_keyboard_open_a_calendar_that_sets_the_date(qtbot, form) -> None:
    _top, _before, field, _after = form
    click_inside(qtbot, field)
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: field.calendar is not None and field.calendar.isVisible(), timeout=2000)
    calendar = field.calendar.findChild(QCalendarWidget)
    assert calendar.selectedDate() == QDate(2026, 11, 1)
    calendar.setSelectedDate(QDate(2026, 12, 24))
    qtbot.waitUntil(
        lambda: calendar.isAncestorOf(QApplication.focusWidget() or calendar), timeout=2000
    )
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # where a real key goes
    qtbot.waitUntil(lambda: field.date() == dt.date(2026, 12, 24), timeout=2000)
    assert field.words.text() == "Thursday 24 December 2026"
    field.calendar_button.click()
    qtbot.waitUntil(lambda: field.calendar.isVisible(), timeout=2000)
    field.calendar.reject()


def test_accessible_name_description_and_label(qtbot, form) -> None:
    top, _before, field, _after = form
    assert field.edit.accessibleName() == "Date the letter was sent"
    assert field.edit.accessibleDescription() == "Understood as Sunday 1 November 2026"
    label = top.findChild(QLabel)
    assert label.buddy() is field.edit
    assert field.calendar_button.accessibleName()
    assert field.calendar_button.focusPolicy() == Qt.FocusPolicy.NoFocus
