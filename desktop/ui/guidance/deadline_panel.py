"""Deadline calculator panel: pick a rule and type its date; see the last day, what exactly was
counted from, the days left, the rule's caveats and its citation.

Every date is a :class:`desktop.ui.guidance.date_field.DateField`, so the result is always counted
from the date shown in words. When the rule changes to one that counts from a different
event, the date is cleared rather than silently reused.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.data.deadline_rules import GROUPS, RULES
from desktop.data.deadlines import Deadline, calculate, days_left, load_working_days, long_date
from desktop.errors import UserError
from desktop.ui import actions
from desktop.ui.guidance.date_field import DateField
from desktop.ui.widgets import wide_combo, with_mnemonic

OPTIONAL = {
    "dated": ("Date on the le&tter, if different:", "Date printed on the letter, if different"),
    "certificate": (
        "&Mediation certificate issued on (if any):",
        "Date the mediation certificate was issued",
    ),
    "noticed": ("Date you fou&nd out, if later:", "Date you found out about it, if later"),
}


def notes_html(d: Deadline) -> list[str]:
    """What follows a deadline's explanation: warnings, medium confidence, lateness."""
    e = html.escape
    parts = [f"<p><b>{e(d.estimate)}</b></p>"] if d.estimate else []
    parts += [f"<p><i>{e(w)}</i></p>" for w in d.warnings]
    if d.medium:
        parts.append(f"<p><b>{e(d.medium)}</b></p>")
    if d.late:
        parts.append(f"<p><b>If this date is missed:</b> {e(d.late)}</p>")
    return parts


def deadline_html(d: Deadline, today: dt.date) -> str:
    e = html.escape
    estimate = " <small>(an estimate)</small>" if d.estimate else ""
    parts = [
        f"<h3>{e(d.label)}</h3>",
        f"<p style='font-size: x-large'><b>{e(long_date(d.deadline))}</b>{estimate}</p>",
        f"<p><b>{e(days_left(d.deadline, today))}</b> "
        f"<small>(worked out on {e(long_date(today))})</small></p>",
        f"<p><b>Counted:</b> {e(d.basis)}.</p>",
    ]
    if d.moved_from:
        parts.append(f"<p>Moved from {e(long_date(d.moved_from))}, {e(d.moved_reason)}.</p>")
    parts.append(f"<p>{e(d.explanation)}</p>")
    parts.extend(notes_html(d))
    parts.append(f"<p><b>Rule:</b> {e(d.citation)} <small>(rule id: {e(d.rule)})</small></p>")
    parts.append(f"<p><b>{e(d.safety_note)}</b></p>")
    return "".join(parts)


def rule_model(parent: QWidget) -> QStandardItemModel:
    """The rules under their group headings; a heading cannot be chosen (keys skip it)."""
    model = QStandardItemModel(parent)
    for group, rules in GROUPS.items():
        heading = QStandardItem(f"— {group.value} —")
        heading.setEnabled(False)
        heading.setSelectable(False)
        model.appendRow(heading)
        for rule in rules:
            item = QStandardItem(rule.label)
            item.setData(rule.id, Qt.ItemDataRole.UserRole)  # what currentData() reads
            model.appendRow(item)
    return model


class DeadlinePanel(QWidget):
    status_message = Signal(str)  # after Copy result

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        extra_holidays: Path | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Deadline calculator")
        self._extra_holidays = extra_holidays
        self._today = today
        self.rule = wide_combo(QComboBox(self))
        self.rule.setAccessibleName("Deadline rule")
        self.rule.setModel(rule_model(self.rule))
        self.start_label = QLabel(self)
        self.start = DateField("Start date", self, today=today)
        self.start.tie_label(self.start_label)
        self.optional: dict[str, tuple[QLabel, DateField]] = {}
        for key, (label_text, name) in OPTIONAL.items():
            label = QLabel(label_text, self)
            field = DateField(name, self, today=today, hint="Optional")
            field.tie_label(label)
            self.optional[key] = (label, field)
        self.certificate = self.optional["certificate"][1]
        self.dated = self.optional["dated"][1]
        self.noticed = self.optional["noticed"][1]
        self.result = QTextBrowser(self)
        self.result.setAccessibleName("Deadline result")
        self.copy = QPushButton("Cop&y result", self)
        self.copy.setAccessibleDescription("Copy the deadline, its rule and citation as text")
        self.copy.clicked.connect(self.copy_result)
        self.current: Deadline | None = None
        self.cleared_note = ""

        form = QFormLayout()
        rule_label = QLabel("D&eadline:", self)
        rule_label.setBuddy(self.rule)
        form.addRow(rule_label, self.rule)
        form.addRow(self.start_label, self.start)
        for label, field in self.optional.values():
            form.addRow(label, field)
        self._form = form
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result, 1)
        layout.addLayout(buttons)

        self._start_event = ""
        self.rule.currentIndexChanged.connect(self._rule_changed)
        for field in (self.start, self.dated, self.certificate, self.noticed):
            field.changed.connect(self.update_result)
        # The date starts empty, so nothing is counted (and the `holidays` package, ~75 ms,
        # is not loaded) until someone types one.
        self.rule.setCurrentIndex(self.rule.findData("appeal"))
        self._rule_changed()

    def set_rule(self, rule_id: str) -> None:
        self.rule.setCurrentIndex(self.rule.findData(rule_id))

    def _rule_changed(self) -> None:
        rule_id = self.rule.currentData()
        if rule_id not in RULES:
            return
        rule = RULES[rule_id]
        self.start_label.setText(with_mnemonic(f"{rule.start_label}:", "a"))
        self.start.set_name(rule.start_label)
        # One date keeps one meaning: a rule counting from another event starts empty.
        self.cleared_note = ""
        if self._start_event and rule.start_label != self._start_event and self.start.date():
            self.cleared_note = (
                "The date was cleared because this rule counts from a different event: "
                f"enter the {rule.start_label[0].lower()}{rule.start_label[1:]}."
            )
            self.start.clear()
        self._start_event = rule.start_label
        for key, (label, field) in self.optional.items():
            shown = key in rule.options
            label.setVisible(shown)
            field.setVisible(shown)
        self.update_result()

    def _message(self, text: str) -> None:
        self.current = None
        note = f"<p><i>{html.escape(self.cleared_note)}</i></p>" if self.cleared_note else ""
        self.result.setHtml(note + text)
        self.copy.setEnabled(False)

    def update_result(self) -> None:
        rule_id = self.rule.currentData()
        if rule_id not in RULES:
            return
        rule = RULES[rule_id]
        start = self.start.date()
        problems = [f.error() for f in (self.start, *self._extras()) if f.error()]
        if problems:
            self._message(f"<p><b>Check the dates:</b> {html.escape(problems[0])}</p>")
            return
        if start is None:
            self._message(
                f"<p>Type the {html.escape(rule.start_label[0].lower() + rule.start_label[1:])} "
                "above, for example 20/11/2026.</p>"
            )
            return
        extras = {key: f.date() for key, (_l, f) in self.optional.items() if key in rule.options}
        try:
            self.current = calculate(
                rule.id,
                start,
                working_days=load_working_days(self._extra_holidays),
                certificate=extras.get("certificate"),
                dated=extras.get("dated"),
                noticed=extras.get("noticed"),
            )
        except UserError as exc:
            self._message(f"<p><b>Check the dates:</b> {html.escape(str(exc))}</p>")
            return
        note = f"<p><i>{html.escape(self.cleared_note)}</i></p>" if self.cleared_note else ""
        self.result.setHtml(note + deadline_html(self.current, self._today()))
        self.copy.setEnabled(True)

    def _extras(self) -> list[DateField]:
        rule = RULES.get(self.rule.currentData())
        if rule is None:
            return []
        return [f for key, (_l, f) in self.optional.items() if key in rule.options]

    def copy_result(self) -> None:
        if self.current is not None:
            actions.copy_text(self.current.as_text(today=self._today()))
            self.status_message.emit("Copied the deadline, its rule and citation.")
