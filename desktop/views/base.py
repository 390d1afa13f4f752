"""What every main-window view provides: a title, search-as-you-type, a status line."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from db.engine import Database


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
