"""The inquiry log (the default view)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QTableView, QVBoxLayout, QWidget

from db.engine import Database
from desktop.lazy_table import Column, LazyTableModel, Row
from desktop.views.base import View
from services.inquiries import list_inquiries


class InquiriesView(View):
    """Every inquiry, newest first."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        columns = [
            Column(
                "received_at",
                self.tr("Received"),
                lambda r: r["received_at"][:16].replace("T", " "),
            ),
            Column("journalist", self.tr("Journalist"), lambda r: r["journalist"] or ""),
            Column("outlet", self.tr("Outlet"), lambda r: r["outlet"] or ""),
            Column("channel", self.tr("Channel"), lambda r: r["channel"]),
            Column("status", self.tr("Status"), lambda r: r["status"]),
            Column("question", self.tr("Question"), lambda r: r["question"]),
        ]
        self.model = LazyTableModel(columns, self._fetch, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.model.modelReset.connect(self.status_changed)
        self.model.reload()

    def _fetch(self, offset: int, limit: int) -> list[Row]:
        return list_inquiries(self.database, limit=limit, offset=offset)

    def title(self) -> str:
        return self.tr("Inquiries")

    @Slot(str)
    def apply_search(self, text: str) -> None:
        self.model.reload()

    def status_text(self) -> str:
        return self.tr("%n inquiry(ies)", "", self.model.rowCount())

    def refresh(self) -> None:
        self.model.reload()
