"""What every main-window view provides: a title, search-as-you-type, a status line."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import QTableView, QWidget

from db.engine import Database
from desktop.lazy_table import LazyTableModel, MirroredTableModel


class View(QWidget):
    """A page of the main window (Inquiries, Contacts, ...)."""

    #: Emitted when the status text (counts, filter) changes.
    status_changed = Signal()
    #: Emitted after the view changed data others show (e.g. an inquiry saved).
    data_changed = Signal(str)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database

    def title(self) -> str:
        """The view's name in the sidebar."""
        raise NotImplementedError

    def apply_search(self, text: str) -> None:
        """Filter the view by what the user typed in the main search field."""
        raise NotImplementedError

    def status_text(self) -> str:
        """A short line for the status bar (counts)."""
        return ""

    def refresh(self) -> None:
        """Reload from the database (another view or a colleague changed something)."""

    def refresh_live(self) -> None:
        """Show what a colleague changed, keeping the user's selection and scroll position.

        Called by the main window within a second of another connection's commit, on
        the view on screen (the others when next shown). The default reloads.
        """
        self.refresh()


def refresh_in_place(
    table: QTableView, model: LazyTableModel | MirroredTableModel, key: str = "id"
) -> None:
    """Bring ``table``'s loaded rows up to date where they are.

    Only the rows on screen (and the selected one) are fetched again, so this is as
    cheap on a 1 000 000-row table as on a short one. The selection follows its record by
    ``key`` (a record gone from the list is unselected); the scroll position stays.
    """
    current = table.currentIndex()
    selected_row = current.row() if current.isValid() else -1
    selected = model.cached_row(selected_row).get(key) if selected_row >= 0 else None
    bars = (table.verticalScrollBar(), table.horizontalScrollBar())
    positions = [bar.value() for bar in bars]
    first = max(table.rowAt(0), 0)
    last = table.rowAt(table.viewport().height() - 1)
    model.refresh_rows(first, last if last >= 0 else model.rowCount() - 1, also=selected_row)
    if selected is not None:
        row = model.row_of(key, selected)
        selection = table.selectionModel()
        if row < 0:
            selection.clear()
        elif row != selected_row:
            # Not scrolled to: the user's place in the list stays where it was.
            auto_scroll = table.hasAutoScroll()
            table.setAutoScroll(False)
            selection.setCurrentIndex(
                model.index(row, max(current.column(), 0)),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            table.setAutoScroll(auto_scroll)
    for bar, value in zip(bars, positions, strict=True):
        bar.setValue(value)
