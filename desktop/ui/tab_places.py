"""The user's place in each tab, kept when the tab is rebuilt over new data.

After a refresh, a restore or a central data-file update the window builds its tabs anew
over the new Store. Each ``*_place`` function reads where the user is from a tab, the way
they set it (search text, filters, selection, sub-tab, shortlist), and each ``restore_*``
puts it back on the new tab through the same controls, returning a sentence for each
thing that could not come back (a shortlisted service no longer in the data, a need the
data no longer has). Only the tab modules' public widgets are used, and those only for
type hints here, so importing this module loads none of the tabs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListView

if TYPE_CHECKING:
    from desktop.data.store import Store
    from desktop.ui.guidance import GuidanceTab
    from desktop.ui.guidance.date_field import DateField
    from desktop.ui.local_offer import LocalOfferTab
    from desktop.ui.providers import ProvidersTab


COUNT = re.compile(r"\s*\([\d,]+\)$")  # the " (1,234)" the filter counts add to a choice


def _select(view: QListView, find: Callable[[Callable[[Any], bool]], int], wanted: Any) -> bool:
    """Make the row whose object has id ``wanted`` current; False when it is not listed."""
    row = find(lambda r: wanted is not None and getattr(r, "id", None) == wanted)
    if row < 0:
        return False
    view.setCurrentIndex(view.model().index(row, 0))
    return True


def _choose(box: QComboBox, data: Any) -> bool:
    index = box.findData(data)
    if index >= 0:
        box.setCurrentIndex(index)
    return index >= 0


def _texts(fields: dict[str, DateField]) -> dict[str, str]:
    return {name: f.edit.text() for name, f in fields.items()}


def _put_texts(fields: dict[str, DateField], texts: dict[str, str]) -> None:
    for name, text in texts.items():
        if name in fields and text:
            fields[name].edit.setText(text)


# -- Disagreement guidance ------------------------------------------------------------------------
@dataclass(frozen=True)
class GuidancePlace:
    page: int
    search: str
    section: str | None
    route: tuple[Any, Any, dict[str, str]] | None  # who, topic, typed dates (when built)
    deadline: tuple[Any, dict[str, str]] | None  # rule, typed dates (when built)


def _route_fields(tab: GuidanceTab) -> dict[str, DateField]:
    r = tab.routes
    return {"date": r.date, "dated": r.dated, "certificate": r.certificate}


def _deadline_fields(tab: GuidanceTab) -> dict[str, DateField]:
    c = tab.calculator
    return {"start": c.start, "dated": c.dated, "certificate": c.certificate, "noticed": c.noticed}


def guidance_place(tab: GuidanceTab) -> GuidancePlace:
    section = tab.current_section()
    route = deadline = None
    if tab.has_page("routes"):
        route = (tab.routes.who.currentData(), tab.routes.topic.currentData(), _texts(_route_fields(tab)))
    if tab.has_page("calculator"):
        deadline = (tab.calculator.rule.currentData(), _texts(_deadline_fields(tab)))
    return GuidancePlace(
        tab.pages.currentIndex(), tab.search.text(), section.id if section else None, route, deadline
    )


def restore_guidance(tab: GuidanceTab, place: GuidancePlace, _store: Store) -> list[str]:
    if place.search:
        tab.search.setText(place.search)  # searches at once
    if place.section:
        _select(tab.sections, tab.model.find, place.section)
    if place.route is not None:
        who, topic, dates = place.route
        tab.routes.choose(who, topic)
        _put_texts(_route_fields(tab), dates)
    if place.deadline is not None:
        rule, dates = place.deadline
        tab.calculator.set_rule(rule)
        _put_texts(_deadline_fields(tab), dates)
    tab.pages.setCurrentIndex(place.page)
    return []


# -- Providers --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProvidersPlace:
    search: str
    kind: Any
    provider: str | None


def providers_place(tab: ProvidersTab) -> ProvidersPlace:
    current = tab.current()
    return ProvidersPlace(tab.search.text(), tab.kind.currentData(), current.id if current else None)


def restore_providers(tab: ProvidersTab, place: ProvidersPlace, _store: Store) -> list[str]:
    tab.search.setText(place.search)
    _choose(tab.kind, place.kind)
    _select(tab.list, tab.model.find, place.provider)
    return []


# -- Local Offer ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LocalOfferPlace:
    search: str
    category: Any
    need: tuple[Any, str]  # the need's id and its name (to say which one went)
    area: tuple[Any, str]  # a listed area's value, or None and the text typed
    age: int
    free: bool
    nearest: tuple[bool, str]
    selected: str | None
    shortlist: list[tuple[str, str, str]] = field(default_factory=list)  # id, name, distance
    shortlist_in_front: bool = False  # the narrow arrangement's Shortlist tab was in front


def _area(box: QComboBox) -> tuple[Any, str]:
    index = box.currentIndex()
    if index >= 0 and box.itemText(index) == box.currentText():
        return box.itemData(index), ""
    return None, box.currentText()


def local_offer_place(tab: LocalOfferTab) -> LocalOfferPlace:
    f, shortlist = tab.filters, tab.shortlist
    distances = shortlist.shortlist.distances()
    return LocalOfferPlace(
        search=tab.search.text(),
        category=f.category.currentData(),
        need=(f.need.currentData(), f.need.currentText()),
        area=_area(f.area),
        age=f.age.value(),
        free=f.free.isChecked(),
        nearest=(tab.nearest.check.isChecked(), tab.nearest.postcode.text()),
        selected=tab.current_service_id(),
        shortlist=[(s.id, s.name, distances.get(s.id, "")) for s in shortlist.services()],
        shortlist_in_front=tab.panes.side.isVisible()
        and tab.panes.side.currentWidget() is shortlist,
    )


def _set_area(box: QComboBox, value: Any, typed: str) -> None:
    if value is not None and _choose(box, value):
        return
    text = typed or (str(value) if value is not None else "")
    if text:
        line: QLineEdit | None = box.lineEdit()
        box.setEditText(text)
        if line is not None:
            line.editingFinished.emit()  # as when the adviser pressed Enter in the box


def restore_local_offer(tab: LocalOfferTab, place: LocalOfferPlace, store: Store) -> list[str]:
    said: list[str] = []
    gone = []
    for service_id, name, distance in place.shortlist:
        detail = store.service(service_id)
        if detail is None:
            gone.append(name)
        else:
            tab.shortlist.add(detail, distance)
    if gone:
        n = len(gone)
        said.append(
            f"{n} shortlisted service{'s are' if n != 1 else ' is'} no longer in the Local "
            f"Offer data and {'were' if n != 1 else 'was'} taken off the shortlist: "
            f"{', '.join(gone)}."
        )
    f = tab.filters
    for widget in (f, tab.nearest):  # one search at the end, not one per control
        widget.blockSignals(True)
    try:
        _choose(f.category, place.category)
        need, need_name = place.need
        if need is not None and not _choose(f.need, need):
            said.append(
                f"The need filter “{COUNT.sub('', need_name)}” is not in the new data, so it "
                "was cleared."
            )
        _set_area(f.area, *place.area)
        f.age.setValue(place.age)
        f.free.setChecked(place.free)
        on, postcode = place.nearest
        tab.nearest.postcode.setText(postcode)
        tab.nearest.check.setChecked(on)
    finally:
        for widget in (f, tab.nearest):
            widget.blockSignals(False)
    tab.search.setText(place.search)
    tab.run_search()
    model = tab.model
    _select(tab.results, lambda test: _find(model.rowCount(), model.row_object, test), place.selected)
    if place.shortlist_in_front:  # the narrow arrangement is made when the tab is laid out
        tab.panes.arranged.connect(
            lambda _mode: tab.panes.show_shortlist(),
            type=Qt.ConnectionType.SingleShotConnection,
        )
        tab.panes.show_shortlist()
    return said


def _find(count: int, row: Callable[[int], Any], test: Callable[[Any], bool]) -> int:
    return next((n for n in range(count) if test(row(n))), -1)
