"""The history view: who changed which field of a contact, inquiry or release, and when.

Newest first, from the audit trail (:func:`services.audit.history`); records named by
id (an organisation, a journalist) are shown by name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.name_order import display_name
from desktop.lazy_table import Column, LazyTableModel, Row
from desktop.widgets.field_labels import EMPTY, field_label, stored_text
from desktop.widgets.inquiry_labels import local_time
from services.audit import history
from services.conflicts import id_names
from services.contacts import list_contacts

# Widths a reader needs: a date and time, a name, a field label; the values get the rest.
_WIDTHS = (130, 110, 140)


def _headers() -> tuple[str, ...]:
    return (
        QCoreApplication.translate("HistoryDialog", "When"),
        QCoreApplication.translate("HistoryDialog", "Who"),
        QCoreApplication.translate("HistoryDialog", "Field"),
        QCoreApplication.translate("HistoryDialog", "From"),
        QCoreApplication.translate("HistoryDialog", "To"),
    )


def _line(key: str) -> Callable[[Row], str]:
    """A cell on one line (rows stay even); the tooltip has a long value whole."""
    return lambda row: " ".join(str(row[key]).split())


def _whole(key: str) -> Callable[[Row], str]:
    return lambda row: str(row[key])


def _cells(entry: dict[str, Any]) -> Row:
    field = entry.get("field")
    deleted = entry.get("action") == "delete"
    return {
        "when": local_time(entry["at"]),
        "who": entry["user"],
        "field": QCoreApplication.translate("HistoryDialog", "(deleted)")
        if deleted
        else field_label(field, str(entry.get("entity") or "")),
        "old": stored_text(field, entry.get("old")),
        "new": EMPTY if deleted else stored_text(field, entry.get("new")),
    }


class HistoryModel(LazyTableModel):
    """The audit entries of one record, newest first: when, who, field, from, to."""

    def __init__(self, entries: list[dict[str, Any]], parent: Any = None) -> None:
        rows = [_cells(entry) for entry in entries]
        keys = ("when", "who", "field", "old", "new")
        columns = [
            Column(key, header, _line(key), tooltip=_whole(key))
            for key, header in zip(keys, _headers(), strict=True)
        ]
        super().__init__(columns, lambda offset, limit: rows[offset : offset + limit], parent)
        self.fetchMore(QModelIndex())


def entries_with_names(database: Database, entity: str, entity_id: int) -> list[dict[str, Any]]:
    """The record's history with ids of other records replaced by their names."""
    entries = history(database, entity, entity_id)
    names = id_names(
        database,
        [(e["field"], e[side]) for e in entries if e["field"] for side in ("old", "new")],
    )
    for entry in entries:
        for side in ("old", "new"):
            entry[side] = names.get((entry["field"], entry[side]), entry[side])
    return entries


class HistoryDialog(QDialog):
    """One record's history in a table."""

    def __init__(
        self,
        database: Database,
        entity: str,
        entity_id: int,
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(
            QCoreApplication.translate("HistoryDialog", "History: %1").replace("%1", title)
            if title
            else QCoreApplication.translate("HistoryDialog", "History")
        )
        self.model = HistoryModel(entries_with_names(database, entity, entity_id), self)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate(_WIDTHS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(QCoreApplication.translate("HistoryDialog", "No changes recorded yet."))
        self.empty.setObjectName("historyEmpty")
        self.empty.setVisible(self.model.rowCount() == 0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self._connect_signals()
        self.resize(860, 460)

    def _connect_signals(self) -> None:
        self.buttons.rejected.connect(self.on_close)

    @Slot()
    def on_close(self) -> None:
        """Close the view."""
        self.reject()


def show_history(
    parent: QWidget | None, database: Database, entity: str, entity_id: int, title: str = ""
) -> HistoryDialog:
    """Open the history of one record beside the window (not blocking it)."""
    dialog = HistoryDialog(database, entity, entity_id, title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def add_history_button(buttons: QDialogButtonBox, record_id: Any) -> QPushButton:
    """A "History…" button at the left of an editor's buttons, shown for a stored record."""
    button = buttons.addButton(
        QCoreApplication.translate("HistoryDialog", "History…"),
        QDialogButtonBox.ButtonRole.HelpRole,
    )
    button.setObjectName("history")
    button.setAutoDefault(False)
    button.setToolTip(QCoreApplication.translate("HistoryDialog", "Who changed what, and when"))
    button.setVisible(record_id is not None)
    return button


def screenshot(window: Any) -> QWidget:
    """The history of the first contact with changes recorded (or of the first contact)."""
    contacts = list_contacts(window.database, limit=50)
    shown = next((c for c in contacts if history(window.database, "contact", c["id"])), None)
    contact = shown or (contacts[0] if contacts else {"id": 0})
    name = display_name(contact.get("name_zh"), contact.get("name_en"))
    return show_history(window, window.database, "contact", int(contact["id"]), name)
