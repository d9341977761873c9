"""The two dialogs a link can need: "not a secure site" before opening, and the e-mail fallback.

Both show outside text (an address from a feed or a providers file), so every label is
plain text (review F4); both work from the keyboard alone (mnemonics, Esc closes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import plain

if TYPE_CHECKING:  # only a type here: the link checks load when a link is first opened
    from desktop.data.urls import UrlVerdict

OPEN, COPY, CANCEL = "open", "copy", "cancel"


def plain_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = plain.label(QLabel(text, parent))
    label.setWordWrap(True)
    return label


def copy_text(text: str) -> None:
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.setText(text)


class CautionBox(QMessageBox):
    """'This is not a secure site (http)': Open it anyway / Copy the address / Cancel."""

    def __init__(self, verdict: UrlVerdict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setTextFormat(Qt.TextFormat.PlainText)  # the address comes from a feed or a file
        if verdict.insecure:
            self.setWindowTitle("Not a secure site")
            text = (
                "This is not a secure site (http). Anything you read or type there could be "
                "seen or changed on the way."
            )
        else:
            self.setWindowTitle("Check this address")
            text = f"Take care: {verdict.reason}."
        self.setText(text)
        self.setInformativeText(verdict.shown)
        self.open_button = self.addButton("&Open it anyway", QMessageBox.ButtonRole.AcceptRole)
        self.copy_button = self.addButton("&Copy the address", QMessageBox.ButtonRole.ActionRole)
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)
        self.setAccessibleName(self.windowTitle())
        self.setAccessibleDescription(f"{text} {verdict.shown}")

    def choice(self) -> str:
        clicked = self.clickedButton()
        if clicked is self.open_button:
            return OPEN
        if clicked is self.copy_button:
            return COPY
        return CANCEL


def confirm(verdict: UrlVerdict, parent: QWidget | None = None) -> str:
    """Ask before opening; OPEN, COPY or CANCEL."""
    box = CautionBox(verdict, parent)
    box.exec()
    return box.choice()


class EmailFallbackDialog(QDialog):
    """No mail program: the address, subject and body to copy into webmail (issue 13, item 3)."""

    def __init__(
        self, address: str, subject: str, body: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Write this e-mail in your webmail")
        self.setAccessibleName("E-mail to copy into your webmail")
        self.address, self.subject, self.body = address, subject, body
        self.intro = plain_label(
            "This computer has no mail program that the app can open, so copy the e-mail "
            "into your webmail. The address is already copied.",
            self,
        )
        self.intro.setObjectName("emailFallbackIntro")
        self.to_field = self._line(address, "E-mail address")
        self.subject_field = self._line(subject, "Subject")
        self.body_field = QPlainTextEdit(body, self)
        self.body_field.setReadOnly(True)
        self.body_field.setTextInteractionFlags(  # read-only, but selectable from the keyboard
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.body_field.setAccessibleName("Message")
        self.body_field.setTabChangesFocus(True)
        form = QFormLayout()
        for text, field in (
            ("&To:", self.to_field),
            ("&Subject:", self.subject_field),
            ("&Message:", self.body_field),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        self.copy_all = self._button("Copy &all", self.all_text)
        self.copy_subject = self._button("Copy s&ubject", lambda: subject)
        self.copy_body = self._button("Copy &body", lambda: body)
        self.copy_address = self._button("Copy a&ddress", lambda: address)
        row = QHBoxLayout()
        for button in (self.copy_all, self.copy_subject, self.copy_body, self.copy_address):
            row.addWidget(button)
        row.addStretch(1)
        self.feedback = plain_label("", self)
        self.feedback.setObjectName("emailFallbackFeedback")
        self.feedback.setAccessibleName("Copy result")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form, 1)
        layout.addLayout(row)
        layout.addWidget(self.feedback)
        layout.addWidget(close)
        self.resize(620, 460)

    def all_text(self) -> str:
        return f"To: {self.address}\nSubject: {self.subject}\n\n{self.body}"

    def _line(self, text: str, name: str) -> QLineEdit:
        field = QLineEdit(text, self)
        field.setReadOnly(True)
        field.setAccessibleName(name)
        field.setCursorPosition(0)
        return field

    def _button(self, text: str, what: Callable[[], str]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        name = text.replace("&", "")

        def copy() -> None:
            copy_text(what())
            self.feedback.setText(
                f"{name[5:].capitalize() or 'It'} copied: paste it into your webmail."
            )

        button.clicked.connect(copy)
        return button
