"""Deadline calculator panel: pick a rule and a date, see the deadline, its rule and citation."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.data.deadlines import RULES, SAFETY_NOTE, Deadline, DeadlineError, calculate, long_date
from desktop.ui import actions


def date_edit(name: str, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setDate(QDate.currentDate())
    edit.setAccessibleName(name)
    # As wide as a date (it grows with the font), not stretched across the whole form.
    edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return edit


def wide_combo(box: QComboBox, chars: int = 30) -> QComboBox:
    """A combo of long labels that may shrink below its longest one: with a large font the
    longest label alone would make the window wider than a 1280-pixel screen."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(chars)
    return box


def to_date(edit: QDateEdit) -> dt.date:
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())


def deadline_html(d: Deadline) -> str:
    e = html.escape
    parts = [
        f"<h3>{e(d.label)}</h3>",
        f"<p style='font-size: x-large'><b>{e(long_date(d.deadline))}</b></p>",
    ]
    if d.moved_from:
        parts.append(f"<p>Moved from {e(long_date(d.moved_from))}, {e(d.moved_reason)}.</p>")
    parts.append(f"<p>Counted from {e(long_date(d.start))}.</p>")
    parts.append(f"<p>{e(d.explanation)}</p>")
    parts.extend(f"<p><i>{e(w)}</i></p>" for w in d.warnings)
    parts.append(f"<p><b>Rule:</b> {e(d.citation)} <small>(rule id: {e(d.rule)})</small></p>")
    parts.append(f"<p><b>{e(SAFETY_NOTE)}</b></p>")
    return "".join(parts)


class DeadlinePanel(QWidget):
    status_message = Signal(str)  # after Copy result

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Deadline calculator")
        self.rule = wide_combo(QComboBox(self))
        self.rule.setAccessibleName("Deadline rule")
        for rule in RULES.values():
            self.rule.addItem(rule.label, rule.id)
        self.start_label = QLabel(self)
        self.start = date_edit("Start date", self)
        self.start_label.setBuddy(self.start)
        self.use_certificate = QCheckBox("A &mediation certificate was issued on", self)
        self.certificate = date_edit("Mediation certificate date", self)
        self.result = QTextBrowser(self)
        self.result.setAccessibleName("Deadline result")
        self.copy = QPushButton("Cop&y result", self)
        self.copy.setAccessibleDescription("Copy the deadline, its rule and citation as text")
        self.copy.clicked.connect(self.copy_result)
        self.current: Deadline | None = None

        form = QFormLayout()
        rule_label = QLabel("D&eadline:", self)
        rule_label.setBuddy(self.rule)
        form.addRow(rule_label, self.rule)
        form.addRow(self.start_label, self.start)
        form.addRow(self.use_certificate, self.certificate)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result, 1)
        layout.addLayout(buttons)

        self.rule.currentIndexChanged.connect(self.update_result)
        self.start.dateChanged.connect(self.update_result)
        self.certificate.dateChanged.connect(self.update_result)
        self.use_certificate.toggled.connect(self.update_result)
        # The first result waits until the panel is shown: working days load the
        # `holidays` package (~75 ms), which start-up should not pay for.
        self._shown = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._shown:
            self._shown = True
            if self.current is None:
                self.update_result()
        super().showEvent(event)

    def set_rule(self, rule_id: str) -> None:
        self.rule.setCurrentIndex(self.rule.findData(rule_id))

    def update_result(self) -> None:
        rule = RULES[self.rule.currentData()]
        self.start_label.setText(f"{rule.start_label}:")
        self.start.setAccessibleName(rule.start_label)
        is_appeal = rule.id == "appeal"
        self.use_certificate.setEnabled(is_appeal)
        self.certificate.setEnabled(is_appeal and self.use_certificate.isChecked())
        cert = to_date(self.certificate) if self.certificate.isEnabled() else None
        try:
            self.current = calculate(rule.id, to_date(self.start), certificate=cert)
        except DeadlineError as exc:
            self.current = None
            self.result.setHtml(f"<p><b>Check the dates:</b> {html.escape(str(exc))}.</p>")
            self.copy.setEnabled(False)
            return
        self.result.setHtml(deadline_html(self.current))
        self.copy.setEnabled(True)

    def copy_result(self) -> None:
        if self.current is not None:
            actions.copy_text(self.current.as_text())
            self.status_message.emit("Copied the deadline, its rule and citation.")
