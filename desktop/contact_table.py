"""The roster as a lazily loaded table: a page of rows at a time, as the view scrolls."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from db.engine import Database
from services.roster import search_contacts

PAGE = 200
_Index = QModelIndex | QPersistentModelIndex


def _name(contact: dict[str, Any]) -> str:
    names = [n for n in (contact["name_zh"], contact["name_en"]) if n]
    if not names and contact["emails"]:
        return contact["emails"][0]["address"]
    return " ".join(names)


class ContactTableModel(QAbstractTableModel):
    """Contacts matching the current search, fetched page by page from the service."""

    COLUMNS = ("name", "organization", "title", "phones", "emails")

    def __init__(self, database: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._database = database
        self._query = ""
        self._rows: list[dict[str, Any]] = []
        self._exhausted = False
        self._headers = {
            "name": self.tr("Name"),
            "organization": self.tr("Organisation"),
            "title": self.tr("Title"),
            "phones": self.tr("Phones"),
            "emails": self.tr("E-mails"),
        }

    def set_query(self, query: str) -> None:
        """Show the contacts matching ``query`` (all when empty)."""
        self.beginResetModel()
        self._query = query
        self._rows = []
        self._exhausted = False
        self.endResetModel()
        if self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    def contact_at(self, row: int) -> dict[str, Any]:
        """The plain contact shown in ``row``."""
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid() or self._exhausted:
            return
        page = search_contacts(self._database, self._query, limit=PAGE, offset=len(self._rows))
        if len(page) < PAGE:
            self._exhausted = True
        if not page:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        contact = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if column == "name":
            return _name(contact)
        if column == "organization":
            org = contact["organization"] or {}
            return org.get("name_zh") or org.get("name_en") or ""
        if column == "title":
            return contact["title"] or ""
        if column == "phones":
            return ", ".join(p["e164"] for p in contact["phones"])
        return ", ".join(e["address"] for e in contact["emails"])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self._headers[self.COLUMNS[section]]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None
