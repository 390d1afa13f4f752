"""The contacts view: the whole roster, searchable in both scripts, loaded lazily."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHeaderView, QTableView, QVBoxLayout, QWidget

from db.engine import Database
from desktop.lazy_table import Column, LazyTableModel, Row
from desktop.views.base import View
from services.roster import search_contacts


def contact_name(contact: Row) -> str:
    """Both names of a contact, or its address for a shared mailbox."""
    names = [n for n in (contact["name_zh"], contact["name_en"]) if n]
    if not names and contact["emails"]:
        return str(contact["emails"][0]["address"])
    return " ".join(names)


def _organization(contact: Row) -> str:
    org: dict[str, Any] = contact["organization"] or {}
    return str(org.get("name_zh") or org.get("name_en") or "")


class ContactsView(View):
    """The roster."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        self._query = ""
        columns = [
            Column("name", self.tr("Name"), contact_name),
            Column("organization", self.tr("Organisation"), _organization),
            Column("title", self.tr("Title"), lambda c: c["title"] or ""),
            Column(
                "phones", self.tr("Phones"), lambda c: ", ".join(p["e164"] for p in c["phones"])
            ),
            Column(
                "emails", self.tr("E-mails"), lambda c: ", ".join(e["address"] for e in c["emails"])
            ),
        ]
        self.model = LazyTableModel(columns, self._fetch, self)
        self.table = QTableView()
        self.table.setObjectName("contactsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self._connect_signals()
        self.model.reload()
        for column, width in enumerate((220, 200, 200, 220)):
            self.table.setColumnWidth(column, width)

    def _connect_signals(self) -> None:
        self.model.modelReset.connect(self.status_changed)
        self.model.rowsInserted.connect(self.status_changed)

    def _fetch(self, offset: int, limit: int) -> list[Row]:
        return search_contacts(self.database, self._query, limit=limit, offset=offset)

    def title(self) -> str:
        return self.tr("Contacts")

    @Slot(str)
    def apply_search(self, text: str) -> None:
        self._query = text
        self.model.reload()

    def status_text(self) -> str:
        shown = self.model.rowCount()
        more = "+" if self.model.has_more() else ""
        return self.tr("%n contact(s)", "", shown) + more

    def refresh(self) -> None:
        self.model.reload()
