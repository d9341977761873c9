"""Qt item models over Store results. Models hold dataclasses; they never run SQL themselves."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.data.records import KINDS, GuidanceSection, Provider, ServiceQuery, ServiceSummary
from desktop.data.store import Store

if TYPE_CHECKING:  # nearby loads with Nearest first, not at start
    from desktop.data.nearby import Origin

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
# The roles as plain ints, looked up once: a view asks ``data`` for a dozen roles per row
# (~1,100 calls for the first paint of the guidance list), most of which a row does not have.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TIPS = (int(Qt.ItemDataRole.ToolTipRole), int(Qt.ItemDataRole.AccessibleDescriptionRole))
_ROW_ROLES = frozenset({_DISPLAY, *_TIPS, ROW_ROLE})
T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex


class RowListModel(QAbstractListModel, Generic[T]):
    """A list of dataclass rows; subclasses say how a row is displayed."""

    def __init__(self, rows: Sequence[T] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = list(rows)

    def display(self, row: T) -> str:
        return str(row)

    def tooltip(self, row: T) -> str:
        return ""

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role not in _ROW_ROLES or not index.isValid():
            return None
        n = index.row()
        if not 0 <= n < len(self._rows):
            return None
        row = self._rows[n]
        if role == _DISPLAY:
            return self.display(row)
        if role in _TIPS:
            return self.tooltip(row) or None
        return row  # ROW_ROLE

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find(self, predicate: Callable[[T], bool]) -> int:
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)


class GuidanceSectionModel(RowListModel[GuidanceSection]):
    def display(self, row: GuidanceSection) -> str:
        return row.title

    def tooltip(self, row: GuidanceSection) -> str:
        return row.summary


class ProviderModel(RowListModel[Provider]):
    def display(self, row: Provider) -> str:
        return f"{row.name}\n{KINDS.get(row.kind, row.kind)}"

    def tooltip(self, row: Provider) -> str:
        return row.description


def service_line(s: ServiceSummary, distance: str = "") -> str:
    parts = [distance, s.organisation, s.ages_text, s.cost_shown, s.area]
    return f"{s.name}\n" + " · ".join(p for p in parts if p)


def distance_words(miles: float | None) -> str:
    """How far a result is, in the list when Nearest first is on: always an estimate."""
    from desktop.data.nearby import miles_text

    return "distance not known" if miles is None else f"{miles_text(miles)} away (estimate)"


class ServiceListModel(QAbstractListModel):
    """Search results, fetched from the Store a page at a time (``fetchMore``)."""

    PAGE = 100

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[ServiceSummary] = []
        self._query = ServiceQuery()  # with ``near``: Nearest first, distances from there
        self._total = 0
        self._miles: list[float | None] = []

    @property
    def total(self) -> int:
        return self._total

    @property
    def query(self) -> ServiceQuery:
        return self._query

    @property
    def _near(self) -> Origin | None:
        return self._query.near

    def set_query(
        self, query: ServiceQuery | str, near: Origin | None = None, **filters: Any
    ) -> None:
        """Search (a ServiceQuery, or words with design §3's keyword filters); with ``near``,
        nearest first, each row with its (estimated) distance."""
        if isinstance(query, str):
            query = ServiceQuery.of(query, **filters, near=near)
        elif filters or near is not None:
            raise TypeError("give a ServiceQuery or words with keyword filters, not both")
        self.beginResetModel()
        self._query = query
        self._total = self._store.count_services(query)
        self._rows, self._miles = self._page(0)
        self.endResetModel()

    def _page(self, offset: int) -> tuple[list[ServiceSummary], list[float | None]]:
        if self._query.near is None:
            rows = self._store.search(self._query, limit=self.PAGE, offset=offset)
            return rows, [None] * len(rows)
        pairs = self._store.search_nearest(self._query, limit=self.PAGE, offset=offset)
        return [s for s, _m in pairs], [m for _s, m in pairs]

    def miles(self, row: int) -> float | None:
        """The row's distance when Nearest first is on (None: off, or not known)."""
        return self._miles[row] if 0 <= row < len(self._miles) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        more, miles = self._page(len(self._rows))
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self._miles.extend(miles)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        distance = distance_words(self._miles[index.row()]) if self._near else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return service_line(row, distance)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return service_line(row, distance).replace("\n", ", ")
        if role == ROW_ROLE:
            return row
        return None

    def row_object(self, row: int) -> ServiceSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None
