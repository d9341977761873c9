"""'Nearest first' for the Local Offer: a postcode, and results ordered by distance from it.

A small row of its own under the filters. Where the postcode is comes from the feed's own
services near it (``Store.locate``), never from an online geocoder, so the row always says
that the distances are estimates, and from which services' positions.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from desktop.data import nearby
from desktop.data.nearby import Origin

ASK = "Type the family's postcode (or its first half, such as BV3) to see the nearest first."


class NearestRow(QWidget):
    """Emits ``changed`` when the place distances are measured from changes (or goes)."""

    changed = Signal()

    def __init__(
        self, locate: Callable[[str], Origin | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Nearest first")
        self._locate = locate
        self.origin: Origin | None = None
        self.check = QCheckBox("Nearest first", self)
        self.check.setAccessibleName("Nearest first")
        self.check.setToolTip("Order the results by distance from a postcode (an estimate)")
        self.check.setAccessibleDescription(self.check.toolTip())
        self.postcode = QLineEdit(self)
        self.postcode.setPlaceholderText("e.g. BV3 1AA")
        self.postcode.setAccessibleName("Postcode to measure distances from")
        self.postcode.setClearButtonEnabled(True)
        self.postcode.setMaxLength(12)
        self.postcode.setMaximumWidth(self.postcode.fontMetrics().horizontalAdvance("M" * 11))
        label = QLabel("&by distance from postcode", self)
        label.setBuddy(self.postcode)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName("About the distances")
        self.note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(label)
        row.addWidget(self.postcode)
        row.addWidget(self.note, 1)
        self.check.toggled.connect(self._update)
        self.postcode.returnPressed.connect(self._entered)
        self.postcode.editingFinished.connect(self._update)

    def _entered(self) -> None:
        """Enter in the postcode box turns Nearest first on (a postcode typed is a request)."""
        if self.postcode.text().strip() and not self.check.isChecked():
            self.check.setChecked(True)  # runs _update
        else:
            self._update()

    def _update(self) -> None:
        origin, note = None, ""
        typed = " ".join(self.postcode.text().split())
        if self.check.isChecked():
            if not typed:
                note = ASK
            elif not nearby.wider_areas(typed):
                note = f"“{typed}” is not a postcode: type one such as BV3 1AA, or its first half."
            else:
                origin = self._locate(typed)
                note = origin.describe() if origin else self._unplaced(typed)
        self.note.setText(note)
        self.note.setAccessibleName(
            f"About the distances: {note}" if note else "About the distances"
        )
        if origin != self.origin:
            self.origin = origin
            self.changed.emit()

    @staticmethod
    def _unplaced(typed: str) -> str:
        areas = " or ".join(code for code, _level in nearby.wider_areas(typed))
        return (
            f"No service in the data has a map position in {areas}, so distances cannot be "
            "estimated; the usual order is kept."
        )

    def distance_line(self, latitude: float | None, longitude: float | None) -> str:
        """'about 2 miles from BV3 1 (an estimate)' for a service; '' when not known."""
        if self.origin is None:
            return ""
        miles = self.origin.miles_to(latitude, longitude)
        if miles is None:
            return ""
        return f"{nearby.miles_text(miles)} from {self.origin.label()} (an estimate)"
