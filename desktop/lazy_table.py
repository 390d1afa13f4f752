"""A table model that loads rows a page at a time from a service function.

The model keeps only the rows fetched so far (plain dicts from a service); Qt's views ask
for more (``canFetchMore``/``fetchMore``) as the user scrolls, so a 1 000 000-row roster
opens as fast as a 10-row one. Columns are declared, not hand-coded per model.

When a colleague changes the data, :meth:`LazyTableModel.refresh_rows` brings the loaded
rows up to date without a reset: only the rows on screen are fetched again at once; every
other loaded page is marked stale and fetched again when it is next shown, so a refresh
costs a page or two however long the table, and the view keeps its scroll position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView

Row = dict[str, Any]
PageFetcher = Callable[[int, int], list[Row]]
_Index = QModelIndex | QPersistentModelIndex
PAGE = 200
RoleDataSpan = QModelRoleDataSpan | QModelRoleData
# The roles a row style answers.
_STYLE_ROLES = (
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
)


def role_data_in(span: RoleDataSpan) -> Iterable[QModelRoleData]:
    """The roles a ``multiData()`` call asks for (a span iterates; the stubs do not say so)."""
    return (span,) if isinstance(span, QModelRoleData) else cast(Iterable[QModelRoleData], span)


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

    # What a model the garbage collector has cleared finds instead of its own attributes:
    # a closed view and its model can be freed as one cycle (desktop.workers.
    # GuiThreadCollector), which empties the Python object before Qt has deleted the C++
    # one, and Qt may still ask it for a header or a count meanwhile. It then answers as an
    # empty table, instead of raising in Qt's event loop; a check in each call Qt makes
    # cost the per-cell calls ~60 % more. Every live model sets its own in __init__.
    _columns: Sequence[Column] = ()
    _rows: list[Row] = []  # noqa: RUF012 - never changed: a cleared model fetches nothing
    _exhausted = True

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
        self._rows = []
        # Pages (row // page) loaded before the last refresh_rows and not fetched since.
        self._stale: set[int] = set()
        self._epoch = 0  # counts resets: a deferred change to older rows is dropped
        self._exhausted = False
        self._row_style = row_style

    # --- what the views call ---------------------------------------------------------------

    def reload(self, fetch: PageFetcher | None = None) -> None:
        """Drop what is loaded (optionally switch source) and load the first page."""
        self.beginResetModel()
        if fetch is not None:
            self._fetch = fetch
        self._rows = []
        self._stale = set()
        self._epoch += 1
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh_rows(self, first: int, last: int, *, also: int | None = None) -> None:
        """Bring the loaded rows up to date in place (no reset: the view keeps its place).

        The pages holding rows ``first`` to ``last`` (those on screen) are fetched again
        now, in one query, and the page of row ``also`` (the selected row); the other
        loaded pages are marked stale and fetched again when next asked for. The number
        of rows changes only at the end: rows gone from there are removed, and new rows
        are appended when everything was loaded, so the caller finds a moved row again by
        its id.

        Args:
            first: the first row on screen.
            last: the last row on screen.
            also: another row to bring up to date now (the selected one), or None.
        """
        loaded = len(self._rows)
        if loaded == 0:
            self._exhausted = False
            self.fetchMore(QModelIndex())
            return
        page = self._page
        pages = range((loaded + page - 1) // page)
        start = min(first, loaded - 1) // page * page
        end = min((max(last, first) // page + 1) * page, loaded)
        self._stale = {p for p in pages if not start <= p * page < end}
        self._replace(start, end, reaches_end=end >= loaded)
        if also is not None and also // page in self._stale and also < len(self._rows):
            self._freshen(also // page)

    def _replace(self, start: int, end: int, *, reaches_end: bool) -> None:
        """Fetch rows ``start``..``end`` again (and new rows after them, if all were loaded)."""
        limit = end - start + (self._page if reaches_end and self._exhausted else 0)
        fresh = self._fetch(start, limit)
        kept = min(len(fresh), end - start)
        self._rows[start : start + kept] = fresh[:kept]
        if kept:
            self.dataChanged.emit(
                self.index(start, 0), self.index(start + kept - 1, len(self._columns) - 1)
            )
        if kept < end - start:
            self._drop_from(start + kept)
        elif reaches_end:
            self._exhausted = len(fresh) < limit
            extra = fresh[kept:]
            if extra:
                self.beginInsertRows(QModelIndex(), end, end + len(extra) - 1)
                self._rows.extend(extra)
                self.endInsertRows()

    def _drop_from(self, row: int) -> None:
        """The table ends before ``row`` now: remove the loaded rows from there."""
        self._stale = {p for p in self._stale if p * self._page < row}
        self._exhausted = True
        if row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, len(self._rows) - 1)
            del self._rows[row:]
            self.endRemoveRows()

    def _freshen(self, page_number: int) -> None:
        """Fetch one stale page again, in place (called while painting: no signals)."""
        self._stale.discard(page_number)
        start = page_number * self._page
        end = min(start + self._page, len(self._rows))
        fresh = self._fetch(start, end - start)
        self._rows[start : start + len(fresh)] = fresh
        if len(fresh) < end - start:
            # Rows were deleted meanwhile; the view may not be told while it paints.
            QTimer.singleShot(0, self, partial(self._drop_later, self._epoch, start + len(fresh)))

    def _drop_later(self, epoch: int, row: int) -> None:
        if epoch == self._epoch:  # not reloaded since
            self._drop_from(row)

    def freshen(self, first: int, last: int) -> None:
        """Fetch again the stale pages holding rows ``first`` to ``last`` (those on screen)."""
        if self._stale:
            last = min(last, len(self._rows) - 1)
            for page_number in range(max(first, 0) // self._page, last // self._page + 1):
                if page_number in self._stale:
                    self._freshen(page_number)

    def row_at(self, row: int) -> Row:
        """The plain data shown in ``row`` (fetched again first if its page is stale)."""
        if self._stale and row // self._page in self._stale:
            self._freshen(row // self._page)
        return self._rows[row]

    def cached_row(self, row: int) -> Row:
        """The data ``row`` showed when last fetched (never fetches)."""
        return self._rows[row]

    def rows(self) -> list[Row]:
        """The rows loaded so far."""
        return list(self._rows)

    def row_of(self, key: str, value: Any) -> int:
        """The first loaded row whose ``key`` equals ``value``, or -1.

        Rows fetched since the last refresh are searched before stale ones, which may
        still show the record where it was.
        """
        page, stale = self._page, self._stale
        for in_stale in (False, True) if stale else (False,):
            for i, row in enumerate(self._rows):
                if (i // page in stale) == in_stale and row.get(key) == value:
                    return i
        return -1

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
        return self.cell_data(self.row_at(index.row()), index.column(), role)

    def multiData(self, index: _Index, roleDataSpan: RoleDataSpan) -> None:  # noqa: N803
        # A delegate asks for seven roles of each cell it paints. Qt's default asks data()
        # for each, and every call from C++ into Python costs more than the answer: one
        # call a cell halves the time a screenful of a 1 000 000-row table takes to paint.
        if not index.isValid() or index.row() >= len(self._rows):
            for role_data in role_data_in(roleDataSpan):
                role_data.clearData()
            return
        row, column = self.row_at(index.row()), index.column()
        for role_data in role_data_in(roleDataSpan):
            role_data.setData(self.cell_data(row, column, role_data.role()))

    def cell_data(self, row: Row, column_number: int, role: int) -> Any:
        """What ``data()`` answers for one role of a cell of ``row`` (override this, not data)."""
        column = self._columns[column_number]
        if role == Qt.ItemDataRole.DisplayRole:
            return _shown(column, row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tip(column, row, _shown(column, row))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.alignment is not None:
            return _aligned(column.alignment)
        if role == Qt.ItemDataRole.UserRole:
            return row
        if self._row_style is not None and role in _STYLE_ROLES:
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


def _shown(column: Column, row: Row) -> Any:
    """A cell's text (or number): the column's value, empty for None."""
    value = column.display(row)
    return "" if value is None else value


def _tip(column: Column, row: Row, shown: Any) -> Any:
    """A cell's tooltip: the column's own, else its text in full (a cut cell reads whole)."""
    if column.tooltip is not None:
        return column.tooltip(row)
    return None if shown == "" else str(shown)


def _aligned(alignment: Qt.AlignmentFlag) -> int:
    return int(alignment | Qt.AlignmentFlag.AlignVCenter)


# As LazyTableModel's cells: not editable.
_ITEM_FLAGS = (
    Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
)


_TOOLTIP = Qt.ItemDataRole.ToolTipRole  # looked up once: PySide enum attributes are slow
# What a cell shown before may hold besides its text.
_CLEARED_ROLES = (
    _TOOLTIP,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.DecorationRole,
    *_STYLE_ROLES,
)


class _MirroredRows(LazyTableModel):
    """The rows of a :class:`MirroredTableModel` (no view shows this model itself)."""

    def __init__(
        self, mirror: MirroredTableModel, columns: list[Column], fetch: PageFetcher, *, page: int
    ) -> None:
        super().__init__(columns, fetch, mirror, page=page)
        self._mirror = mirror

    def _freshen(self, page_number: int) -> None:
        super()._freshen(page_number)
        start = page_number * self._page
        self._mirror.copy_rows(start, min(start + self._page, len(self._rows)) - 1)


class MirroredTableModel(QStandardItemModel):
    """A :class:`LazyTableModel` whose loaded rows are also kept as Qt items, for painting.

    Painting a screenful asks the model for every visible cell, and each call from C++
    into a Python model costs tens of microseconds however little it answers (~180 cells:
    10-15 ms a paint, most of a keystroke's budget on a large table). Here the rows are
    loaded, paged and refreshed by a :class:`LazyTableModel` exactly as there; each loaded
    row is turned into items once, and Qt paints from the items without calling Python.
    What a cell shows is decided when its row is loaded: call :meth:`copy_rows` after
    changing a loaded row in place.

    Stale pages (see :meth:`LazyTableModel.refresh_rows`) are fetched again when they come
    on screen in a view passed to :meth:`watch`. The cells do not answer ``UserRole`` with
    their row (a Python object in every cell): ask :meth:`row_at`.
    """

    def __init__(
        self,
        columns: list[Column],
        fetch: PageFetcher,
        parent: Any = None,
        *,
        page: int = PAGE,
        row_style: Callable[[Row, int], Any] | None = None,
        decoration: Callable[[Row], tuple[int, Any] | None] | None = None,
    ) -> None:
        super().__init__(0, len(columns), parent)
        self.setHorizontalHeaderLabels([c.header for c in columns])
        self._columns = columns
        self._row_style = row_style
        self._decoration = decoration
        prototype = QStandardItem()
        prototype.setFlags(_ITEM_FLAGS)
        self.setItemPrototype(prototype)  # the model owns it, and clones it for each cell
        self._views: list[QAbstractItemView] = []
        self._lazy = _MirroredRows(self, columns, fetch, page=page)
        lazy = self._lazy
        lazy.modelAboutToBeReset.connect(self.beginResetModel)
        lazy.modelReset.connect(self._on_reset)
        lazy.rowsInserted.connect(self._on_inserted)
        lazy.rowsRemoved.connect(self._on_removed)
        lazy.dataChanged.connect(self._on_changed)

    # --- the LazyTableModel's interface ---------------------------------------------------

    def reload(self, fetch: PageFetcher | None = None, *, page: int | None = None) -> None:
        """See :meth:`LazyTableModel.reload`; ``page`` sets the rows a page from now on."""
        if page is not None:
            self._lazy._page = page  # nothing is loaded after the reset: no page to renumber
        self._lazy.reload(fetch)

    def refresh_rows(self, first: int, last: int, *, also: int | None = None) -> None:
        """See :meth:`LazyTableModel.refresh_rows`."""
        self._lazy.refresh_rows(first, last, also=also)

    def row_at(self, row: int) -> Row:
        """See :meth:`LazyTableModel.row_at`."""
        return self._lazy.row_at(row)

    def cached_row(self, row: int) -> Row:
        """See :meth:`LazyTableModel.cached_row`."""
        return self._lazy.cached_row(row)

    def rows(self) -> list[Row]:
        """See :meth:`LazyTableModel.rows`."""
        return self._lazy.rows()

    def row_of(self, key: str, value: Any) -> int:
        """See :meth:`LazyTableModel.row_of`."""
        return self._lazy.row_of(key, value)

    def has_more(self) -> bool:
        """See :meth:`LazyTableModel.has_more`."""
        return self._lazy.has_more()

    def canFetchMore(self, parent: _Index) -> bool:
        # Cleared by the garbage collector before Qt deleted it (see LazyTableModel).
        lazy = self.__dict__.get("_lazy")
        return lazy is not None and lazy.canFetchMore(parent)

    def fetchMore(self, parent: _Index) -> None:
        lazy = self.__dict__.get("_lazy")
        if lazy is not None:
            lazy.fetchMore(parent)

    def watch(self, view: QAbstractItemView) -> None:
        """Fetch stale pages again as they come on screen in ``view`` (which shows this)."""
        self._views.append(view)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Once per paint, before it: the rows about to be painted are up to date.
        if event.type() != QEvent.Type.Paint:
            return False
        lazy = self.__dict__.get("_lazy")  # None: cleared (see LazyTableModel)
        if lazy is not None and lazy._stale:
            for view in self._views:
                if view.viewport() is watched:
                    self._freshen_shown(view)
        return False

    def _freshen_shown(self, view: QAbstractItemView) -> None:
        top = view.indexAt(view.viewport().rect().topLeft()).row()
        bottom = view.indexAt(view.viewport().rect().bottomLeft()).row()
        self._lazy.freshen(max(top, 0), bottom if bottom >= 0 else self.rowCount() - 1)

    # --- the items ---------------------------------------------------------------------------

    def copy_rows(self, first: int, last: int, *, new: bool = False) -> None:
        """Make the items of rows ``first`` to ``last`` show their rows again.

        Args:
            new: the rows were just inserted (their items are empty: nothing to clear).
        """
        if last < first:
            return
        rows = self._lazy._rows
        blocked = self.blockSignals(True)
        try:
            for number in range(first, last + 1):
                self._set_cells(number, rows[number], new=new)
        finally:
            self.blockSignals(blocked)
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(self._columns) - 1))

    def _set_cells(self, number: int, row: Row, *, new: bool) -> None:
        """Row ``number``'s cells: what ``LazyTableModel.data`` would answer, worked out once.

        The values go straight into the model: it makes each item from its prototype in
        C++ (a Python item a cell cost twice as much, and its wrapper lived on).
        """
        set_data, index = self.setData, self.index
        cells = [index(number, column) for column in range(len(self._columns))]
        for cell, column in zip(cells, self._columns, strict=True):
            if not new:
                for role in _CLEARED_ROLES:
                    set_data(cell, None, role)
            value = _shown(column, row)
            set_data(cell, value)
            tip = _tip(column, row, value)
            if tip is not None:
                set_data(cell, tip, _TOOLTIP)
            if column.alignment is not None:
                set_data(cell, _aligned(column.alignment), Qt.ItemDataRole.TextAlignmentRole)
        if self._row_style is not None:
            for role in _STYLE_ROLES:
                style = self._row_style(row, role)
                if style is not None:
                    for cell in cells:
                        set_data(cell, style, role)
        if self._decoration is not None:
            decoration = self._decoration(row)
            if decoration is not None:
                column_number, icon = decoration
                set_data(cells[column_number], icon, Qt.ItemDataRole.DecorationRole)

    def _on_reset(self) -> None:
        blocked = self.blockSignals(True)
        try:
            self.setRowCount(0)
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    def _on_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        self.insertRows(first, last - first + 1)
        self.copy_rows(first, last, new=True)

    def _on_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        self.removeRows(first, last - first + 1)

    def _on_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        self.copy_rows(top_left.row(), bottom_right.row())
