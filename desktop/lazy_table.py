"""A table model that loads rows a page at a time from a service function.

The model keeps only the rows fetched so far (plain dicts from a service); Qt's views ask
for more (``canFetchMore``/``fetchMore``) as the user scrolls, so a 1 000 000-row roster
opens as fast as a 10-row one. Columns are declared, not hand-coded per model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Row = dict[str, Any]
PageFetcher = Callable[[int, int], list[Row]]
_Index = QModelIndex | QPersistentModelIndex
PAGE = 200


@dataclass(frozen=True)
class Column:
    """One column: its heading and how to show a row in it."""

    key: str
    header: str
    display: Callable[[Row], Any]
    tooltip: Callable[[Row], Any] | None = None
    alignment: Qt.AlignmentFlag | None = None


class LazyTableModel(QAbstractTableModel):
    """Rows from ``fetch(offset, limit)``, page by page, shown through ``columns``."""

    def __init__(
        self,
        columns: list[Column],
        fetch: PageFetcher,
        parent: Any = None,
        *,
        page: int = PAGE,
        row_style: Callable[[Row, int], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = columns
        self._fetch = fetch
        self._page = page
        self._rows: list[Row] = []
        self._exhausted = False
        self._row_style = row_style

    # --- what the views call ---------------------------------------------------------------

    def reload(self, fetch: PageFetcher | None = None) -> None:
        """Drop what is loaded (optionally switch source) and load the first page."""
        self.beginResetModel()
        if fetch is not None:
            self._fetch = fetch
        self._rows = []
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def row_at(self, row: int) -> Row:
        """The plain data shown in ``row``."""
        return self._rows[row]

    def rows(self) -> list[Row]:
        """The rows loaded so far."""
        return list(self._rows)

    def row_of(self, key: str, value: Any) -> int:
        """The first loaded row whose ``key`` equals ``value``, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.get(key) == value), -1)

    def has_more(self) -> bool:
        """True while rows beyond those loaded may exist."""
        return not self._exhausted

    # --- Qt ----------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid() or self._exhausted:
            return
        page = self._fetch(len(self._rows), self._page)
        if len(page) < self._page:
            self._exhausted = True
        if not page:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.display(row)
            return "" if value is None else value
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip is not None:
                return column.tooltip(row)
            value = column.display(row)
            return None if value in (None, "") else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.alignment is not None:
            return int(column.alignment | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row
        if self._row_style is not None and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.FontRole,
        ):
            return self._row_style(row, role)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].header
        if orientation == Qt.Orientation.Vertical and section >= 0:
            return section + 1
        return None
