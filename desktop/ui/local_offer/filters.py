"""Filter controls for the Local Offer tab: category, age, free only, area, need, with counts."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop.data import postcodes
from desktop.data.records import CATEGORY_NAMES, NEED_AREAS, ServiceQuery
from desktop.ui.widgets import FlowLayout, select_all_on_click

ANY_AGE = -1
_COUNT = re.compile(r"\s*\([\d,]+\)$")  # the " (1,234)" that set_counts puts after a name
_POSTCODE = re.compile(r"([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})?")


def area_value(typed: str) -> str | None:
    """What an adviser typed in the area box → the Store's ``area``: a postcode district
    ("bv3" → "BV3"), a full postcode ("bv36te" → "BV3 6TE"), or a district name as typed."""
    name = _COUNT.sub("", " ".join(typed.split()))
    if not name or name.casefold() == "all areas":
        return None
    code = _POSTCODE.fullmatch(name.upper())
    if code:
        return " ".join(filter(None, code.groups()))
    if postcodes.sector(name) == " ".join(name.upper().split()):  # a sector: "bv3 6" → "BV3 6"
        return postcodes.sector(name)
    return name


def _combo(name: str, parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    box.setAccessibleName(name)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return box


class FilterBar(QWidget):
    """Emits ``changed`` whenever a filter changes; ``filters()`` gives Store keyword args."""

    changed = Signal()

    def __init__(
        self, areas: list[str], needs: dict[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Filters")
        self.category = _combo("Category filter", self)
        self.category.addItem("All categories", None)
        for code, label in CATEGORY_NAMES.items():
            self.category.addItem(label, code)
        # Real Local Offers' category names are long ("Short breaks, leisure and things to
        # do"); like the need box, this one may cut them short rather than widen the window.
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.category.setMinimumContentsLength(12)
        self.need = _combo("Need filter", self)
        self.need.addItem("All needs", None)
        # Long need names (and their counts) may be cut short rather than widen the whole
        # window past the screen with a large font; the row's spare width goes to this box.
        self.need.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.need.setMinimumContentsLength(18)
        # The Code of Practice's four broad areas first, then the needs as the feed names them.
        for code, label in NEED_AREAS.items():
            self.need.addItem(label, f"need-area:{code}")
        if needs:
            self.need.insertSeparator(self.need.count())
        for term_id, label in sorted(needs.items(), key=lambda kv: kv[1].lower()):
            self.need.addItem(label, term_id)
        self.need.setToolTip(
            "One of the four broad areas of need, or a need as the publisher names it"
        )
        self.need.setAccessibleDescription(self.need.toolTip())
        self.area = _combo("Area filter", self)
        self.area.addItem("All areas", None)
        for name in areas:
            self.area.addItem(name, name)
        # Typed text too: a district name or a postcode district such as BV3 (Enter applies).
        self.area.setEditable(True)
        self.area.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.area.setToolTip(
            "Choose an area, or type a postcode district (e.g. BV3) and press Enter"
        )
        self.area.setAccessibleDescription(self.area.toolTip())
        edit, completer = self.area.lineEdit(), self.area.completer()
        if edit is None or completer is None:  # an editable combo box always has both
            raise RuntimeError("the area box has no line edit")
        edit.setAccessibleName("Area or postcode district")
        edit.setPlaceholderText("Area or postcode district")
        select_all_on_click(edit)  # typing replaces "All areas"
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        edit.editingFinished.connect(self._area_typed)
        self._area: str | None = None
        self.age = QSpinBox(self)
        self.age.setAccessibleName("Child's age filter")
        self.age.setToolTip("Show services whose age range includes this age")
        self.age.setRange(ANY_AGE, 25)
        self.age.setSpecialValueText("Any age")
        self.age.setValue(ANY_AGE)
        self.age.setSuffix(" years")
        self.free = QCheckBox("Free &only", self)
        self.free.setAccessibleName("Free services only")
        self.clear_button = QPushButton("Clear filters", self)
        self.clear_button.setAccessibleDescription("Remove every filter")
        self.clear_button.clicked.connect(self.clear)

        self._labels: dict[QComboBox, dict[Any, str]] = {}
        for box in (self.category, self.need, self.area):
            # (A separator has no text and no data: it is not a choice.)
            self._labels[box] = {
                box.itemData(i): box.itemText(i) for i in range(box.count()) if box.itemText(i)
            }
            box.currentIndexChanged.connect(self._emit)
        self.age.valueChanged.connect(self._emit)
        self.free.toggled.connect(self._emit)

        row = FlowLayout(self)  # wraps onto a second line rather than widen the window
        for text, widget in (
            ("Ca&tegory", self.category),
            ("A&ge", self.age),
            ("A&rea", self.area),
            ("&Need", self.need),
        ):
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
        row.addWidget(self.free)
        row.addWidget(self.clear_button)
        self._quiet = False

    def _emit(self, *_args: object) -> None:
        if not self._quiet:
            self._area = self._area_now()
            self.changed.emit()

    def _area_now(self) -> str | None:
        index = self.area.currentIndex()
        if index >= 0 and self.area.itemText(index) == self.area.currentText():
            return self.area.itemData(index)
        return area_value(self.area.currentText())

    def _area_typed(self) -> None:
        """Enter or leaving the box: use what was typed (a listed area picks its item)."""
        value = area_value(self.area.currentText())
        index = 0 if value is None else -1
        for i in range(1, self.area.count()):
            if value is not None and str(self.area.itemData(i)).casefold() == value.casefold():
                index = i
        self._quiet = True
        try:
            self.area.setCurrentIndex(index)
            if index < 0:
                self.area.setEditText(value or "")
        finally:
            self._quiet = False
        if value != self._area:
            self._emit()

    def query(self, text: str = "") -> ServiceQuery:
        """The search these filters make with ``text``: what the model and the Store take."""
        age = self.age.value()
        return ServiceQuery(
            text,
            category=self.category.currentData(),
            age=None if age == ANY_AGE else age,
            free_only=self.free.isChecked(),
            area=self._area,
            need=self.need.currentData(),
        )

    def filters(self) -> dict[str, Any]:
        """The filters as design §3's keyword arguments (``query().filters()``)."""
        return self.query().filters()

    def active(self) -> list[str]:
        """The filters in use, as the user would name them."""
        q = self.query()
        out = []
        if q.category:
            out.append(self.category.currentText().split(" (")[0])
        if q.age is not None:
            out.append(f"age {q.age}")
        if q.area:
            out.append(q.area)
        if q.need:
            out.append(self.need.currentText().split(" (")[0])
        if q.free_only:
            out.append("free only")
        return out

    def clear(self) -> None:
        self._quiet = True
        try:
            for box in (self.category, self.need, self.area):
                box.setCurrentIndex(0)
            self.age.setValue(ANY_AGE)
            self.free.setChecked(False)
        finally:
            self._quiet = False
        self._emit()

    def set_counts(self, facets: dict[str, dict[str, int]]) -> None:
        """Show, beside each choice, how many services it would give with the other filters."""
        for box, counts in (
            (self.category, facets.get("category", {})),
            (self.need, facets.get("need", {})),
            (self.area, facets.get("area", {})),
        ):
            for i in range(1, box.count()):
                key = box.itemData(i)
                if key in self._labels[box] and key is not None:
                    box.setItemText(i, f"{self._labels[box][key]} ({counts.get(key, 0):,})")
        free = facets.get("free", {}).get("free")
        if free is not None:
            self.free.setText(f"Free &only ({free:,})")
