"""'Did you mean …?' under a search box: one button that searches for the suggestion.

Hidden until there is a suggestion. The button is a normal push button (Tab reaches it,
Enter or Space applies it), so it works from the keyboard and screen readers announce it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget


class SuggestionBar(QWidget):
    """Shows "Did you mean: [speech therapy]?"; ``chosen`` gives the text when it is used."""

    chosen = Signal(str)

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(f"Spelling suggestion for the {what} search")
        self.label = QLabel("Did you mean:", self)
        self.button = QPushButton(self)
        self.button.setFlat(True)
        self.button.setAutoDefault(True)  # Enter clicks it too (outside a dialog only Space would)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.setStyleSheet(
            "QPushButton { color: #0b4f9c; text-decoration: underline; font-weight: bold; "
            "text-align: left; padding: 2px 4px; }"
        )
        self.button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.button.clicked.connect(lambda: self.chosen.emit(self.text))
        self.label.setBuddy(self.button)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.button)
        row.addStretch(1)
        self.text: str = ""
        self.setVisible(False)

    def show_suggestion(self, text: str) -> None:
        """Offer ``text`` ('' hides the bar)."""
        self.text = text
        if not text:
            self.setVisible(False)
            return
        self.button.setText(f"{text}?".replace("&", "&&"))
        self.button.setAccessibleName(f"Search for {text} instead")
        self.button.setToolTip(f"Search for “{text}” instead (Enter)")
        self.button.setAccessibleDescription(f"Did you mean {text}?")
        self.setVisible(True)

    def clear(self) -> None:
        self.show_suggestion("")
