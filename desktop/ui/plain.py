"""Showing text that came from outside (a feed, a file, a policy, a server) as plain text.

Qt labels, message boxes and tooltips default to ``AutoText``: anything that looks like
HTML is rendered, and a message box's label opens links by itself. A providers-file
entry id ``<a href='file:///etc/passwd'><h1>CLICK</h1></a>`` thus became a live link
(review F4). Everything that can show outside text goes through these helpers.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

PLAIN = Qt.TextFormat.PlainText


def label(widget: QLabel) -> QLabel:
    """``widget``, set to show its text literally (no markup, no links)."""
    widget.setTextFormat(PLAIN)
    widget.setOpenExternalLinks(False)
    return widget


def tooltip(text: str) -> str:
    """Tooltips are rich text when they look like it: escape, keeping what is shown the same."""
    return f"<p>{html.escape(text)}</p>" if GuiQt.mightBeRichText(text) else text


def box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    *,
    informative: str = "",
    detailed: str = "",
) -> QMessageBox:
    """A message box whose text and informative text are plain (the detailed text always is)."""
    message = QMessageBox(icon, title, text, buttons, parent)
    message.setTextFormat(PLAIN)  # Qt applies it to the informative text as well
    if informative:
        message.setInformativeText(informative)
    if detailed:
        message.setDetailedText(detailed)
    return message


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """``QMessageBox.warning`` with the text shown literally."""
    box(parent, QMessageBox.Icon.Warning, title, text).exec()


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """``QMessageBox.question`` (Yes / No, No the default) with the text shown literally."""
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    question = box(parent, QMessageBox.Icon.Question, title, text, yes | no)
    question.setDefaultButton(no)
    return question.exec() == yes
