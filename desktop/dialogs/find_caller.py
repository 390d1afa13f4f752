"""Find caller (Ctrl+K): a number in any form, or a name → who it is and what they asked.

The contact card shows both names, title, organisation, every phone and e-mail, tags and
notes; beside it, the caller's organisation and their open inquiries (double-click one
to open it). "Log call" and "New inquiry" start from the caller and the number typed.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.models import utc_now
from desktop.dialogs.inquiry_editor import refresh_window, run_edit_inquiry, run_new_inquiry
from desktop.dialogs.log_call import run_log_call
from desktop.lazy_table import Column, LazyTableModel
from desktop.widgets.contact_labels import email_type_label, phone_type_label
from desktop.widgets.contact_picker import ContactPicker, contact_names, looks_like_number
from desktop.widgets.inquiry_labels import (
    deadline_text,
    direction_label,
    duration,
    local_time,
    release_title,
    short_text,
    status_label,
)
from services.calls import list_calls
from services.inquiries import open_inquiries_of
from services.phones import format_phone
from services.roster import search_contacts

RECENT_CALLS = 5


@dataclass(frozen=True)
class CallerAction:
    """What the officer chose to do with the caller found.

    Attributes:
        action: "log_call", "new_inquiry" or "open_inquiry".
        contact: the caller (a contact dict), or None for an unknown number.
        number: the number typed, when a number was typed.
        inquiry_id: the inquiry to open.
        typed: what was typed in the search (a new caller's name, perhaps).
    """

    action: str
    contact: dict[str, Any] | None = None
    number: str | None = None
    inquiry_id: int | None = None
    typed: str = ""


def _row(label: str, value: str) -> str:
    return (
        f"<tr><td style='color:gray;padding-right:10px;vertical-align:top'>"
        f"{html.escape(label)}</td><td>{value}</td></tr>"
    )


def card_html(contact: dict[str, Any], calls: list[dict[str, Any]]) -> str:
    """The whole card of a contact, with their organisation and last calls."""
    parts = [f"<h2 style='margin:0'>{html.escape(contact_names(contact))}</h2>"]
    if contact.get("romanisation"):
        parts.append(f"<div style='color:gray'>{html.escape(contact['romanisation'])}</div>")
    rows = []
    titles = [t for t in (contact.get("title_zh"), contact.get("title_en")) if t]
    if titles:
        rows.append(
            _row(
                QCoreApplication.translate("FindCallerDialog", "Title"),
                html.escape(" / ".join(titles)),
            )
        )
    org = contact.get("organization")
    if org:
        names = [n for n in (org.get("name_zh"), org.get("name_en")) if n]
        if org.get("short_name") and org["short_name"] not in names:
            names.append(f"({org['short_name']})")
        text = html.escape(" ".join(names))
        if org.get("website"):
            text += f"<br><span style='color:gray'>{html.escape(org['website'])}</span>"
        rows.append(_row(QCoreApplication.translate("FindCallerDialog", "Organisation"), text))
    for phone in contact.get("phones", []):
        rows.append(_row(phone_type_label(phone["type"]), html.escape(format_phone(phone["e164"]))))
    for email in contact.get("emails", []):
        label = QCoreApplication.translate("FindCallerDialog", "%1 e-mail").replace(
            "%1", email_type_label(email["type"])
        )
        rows.append(_row(label, html.escape(email["address"])))
    if contact.get("tags"):
        rows.append(
            _row(
                QCoreApplication.translate("FindCallerDialog", "Tags"),
                html.escape(", ".join(contact["tags"])),
            )
        )
    if contact.get("notes"):
        rows.append(
            _row(
                QCoreApplication.translate("FindCallerDialog", "Notes"),
                html.escape(contact["notes"]).replace("\n", "<br>"),
            )
        )
    if contact.get("opt_out"):
        rows.append(
            _row(
                QCoreApplication.translate("FindCallerDialog", "Opt-out"),
                "<span style='color:#a61b0f'>"
                + html.escape(
                    QCoreApplication.translate("FindCallerDialog", "Asked not to receive mailings.")
                )
                + "</span>",
            )
        )
    for call in calls:
        summary = short_text(call["summary"] or "", 40)
        text = (
            f"{html.escape(local_time(call['started_at']))} · "
            f"{html.escape(direction_label(call['direction']))} · "
            f"{duration(call['duration_seconds'])} · {html.escape(summary)}"
        )
        rows.append(_row(QCoreApplication.translate("FindCallerDialog", "Call"), text))
    parts.append("<table style='margin-top:8px'>" + "".join(rows) + "</table>")
    return "".join(parts)


class FindCallerDialog(QDialog):
    """Look a caller up by number or name."""

    def __init__(self, database: Database, number: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.action: CallerAction | None = None
        self.setObjectName("findCallerDialog")
        self.setWindowTitle(self.tr("Find caller"))
        self._build()
        self._connect_signals()
        if number:
            self.search.setText(number)
            self.search.search_now()
        self._show_contact(self.contact())
        self.resize(980, 600)

    def _build(self) -> None:
        self.search = ContactPicker(
            self.database, keep_text=True, limit=12, visible_rows=8, hints=False
        )
        self.search.setObjectName("search")
        self.search.set_placeholder(self.tr("Number in any form, or a name"))
        self.card = QTextBrowser()
        self.card.setObjectName("card")
        self.card.setOpenLinks(False)
        self.inquiries_label = QLabel(self.tr("Open inquiries"))
        self.inquiries_model = LazyTableModel(
            [
                Column("received", self.tr("Received"), lambda r: local_time(r["received_at"])),
                Column(
                    "release",
                    self.tr("Release"),
                    lambda r: short_text(
                        release_title(r, zh_key="release_title_zh", en_key="release_title_en"),
                        20,
                    ),
                ),
                Column("deadline", self.tr("Deadline"), lambda r: deadline_text(r, utc_now())),
                Column("status", self.tr("Status"), lambda r: status_label(r["status"])),
                Column(
                    "question",
                    self.tr("Question"),
                    lambda r: r["question"].strip().split("\n")[0],
                    tooltip=lambda r: r["question"] or None,
                ),
            ],
            lambda _offset, _limit: [],
            self,
        )
        self.inquiries = QTableView()
        self.inquiries.setObjectName("openInquiries")
        self.inquiries.setModel(self.inquiries_model)
        self.inquiries.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.inquiries.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.inquiries.verticalHeader().setVisible(False)
        self.inquiries.setWordWrap(False)
        self.inquiries.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((125, 100, 120, 80)):
            self.inquiries.setColumnWidth(column, width)
        self.log_call_button = QPushButton(self.tr("&Log call"))
        self.log_call_button.setObjectName("logCall")
        self.new_inquiry_button = QPushButton(self.tr("&New inquiry"))
        self.new_inquiry_button.setObjectName("newInquiry")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.log_call_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.new_inquiry_button, QDialogButtonBox.ButtonRole.ActionRole)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.card, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.inquiries_label)
        right_layout.addWidget(self.inquiries, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([420, 540])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

    def _connect_signals(self) -> None:
        self.search.contact_chosen.connect(self.on_contact_chosen)
        self.search.matches_changed.connect(self.on_matches_changed)
        self.inquiries.activated.connect(self.on_inquiry_activated)
        self.log_call_button.clicked.connect(self.on_log_call)
        self.new_inquiry_button.clicked.connect(self.on_new_inquiry)
        self.buttons.rejected.connect(self.reject)

    # --- showing the caller ------------------------------------------------------------------

    def contact(self) -> dict[str, Any] | None:
        """The caller shown, or None."""
        return self.search.contact()

    def number(self) -> str | None:
        """The number typed, when a number was typed."""
        text = self.search.text().strip()
        return text if looks_like_number(text) else None

    def _show_contact(self, contact: dict[str, Any] | None) -> None:
        if contact is None:
            text = self.search.text().strip()
            if not text:
                message = self.tr("Type the caller's number in any form, or a name.")
            elif self.search.model.rowCount():
                message = self.tr("Pick the caller from the list.")
            else:
                message = self.tr("Nobody in the roster matches “%1”.").replace("%1", text)
            self.card.setHtml(f"<p style='color:gray'>{html.escape(message)}</p>")
            self.inquiries_model.reload(lambda _offset, _limit: [])
            self.inquiries_label.setText(self.tr("Open inquiries"))
        else:
            calls = list_calls(self.database, contact_id=contact["id"], limit=RECENT_CALLS)
            self.card.setHtml(card_html(contact, calls))
            contact_id = contact["id"]
            self.inquiries_model.reload(
                lambda offset, limit: open_inquiries_of(
                    self.database, contact_id, limit=limit, offset=offset
                )
            )
            count = self.inquiries_model.rowCount()
            more = "+" if self.inquiries_model.has_more() else ""
            self.inquiries_label.setText(
                self.tr("Open inquiries of %1: %2")
                .replace("%1", contact_names(contact))
                .replace("%2", f"{count}{more}")
            )
        self.new_inquiry_button.setEnabled(contact is not None or bool(self.search.text().strip()))

    @Slot(object)
    def on_contact_chosen(self, contact: object) -> None:
        """Show the caller picked (or nobody)."""
        self._show_contact(contact if isinstance(contact, dict) else None)

    @Slot(int)
    def on_matches_changed(self, _count: int) -> None:
        """Say whether anybody matches."""
        if self.contact() is None:
            self._show_contact(None)

    # --- actions -----------------------------------------------------------------------------

    def _finish(self, action: str, inquiry_id: int | None = None) -> None:
        self.action = CallerAction(
            action, self.contact(), self.number(), inquiry_id, self.search.text().strip()
        )
        self.accept()

    @Slot()
    def on_log_call(self) -> None:
        """Log a call from this caller."""
        self._finish("log_call")

    @Slot()
    def on_new_inquiry(self) -> None:
        """Start a new inquiry from this caller."""
        self._finish("new_inquiry")

    @Slot(QModelIndex)
    def on_inquiry_activated(self, index: QModelIndex) -> None:
        """Open the inquiry double-clicked (or Enter-ed)."""
        if index.isValid():
            self._finish("open_inquiry", int(self.inquiries_model.row_at(index.row())["id"]))

    @classmethod
    def ask(
        cls, parent: QWidget | None, database: Database, number: str = ""
    ) -> CallerAction | None:
        """Show the dialog; what the officer chose to do, or None when closed."""
        dialog = cls(database, number, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.action
        finally:
            dialog.deleteLater()


def run_find_caller(window: QWidget) -> None:
    """Inquiries → Find caller… (Ctrl+K): look up, then log a call or open an inquiry."""
    database: Database = window.database  # type: ignore[attr-defined]
    action = FindCallerDialog.ask(window, database)
    if action is None:
        return
    if action.action == "log_call":
        run_log_call(window, {"contact": action.contact, "number": action.number})
    elif action.action == "new_inquiry":
        prefill: dict[str, Any] = {"journalist": action.contact, "phone": action.number}
        if action.contact is None and action.number is None:
            prefill["journalist_name"] = action.typed  # a name nobody in the roster has
        run_new_inquiry(window, prefill)
    elif (
        action.action == "open_inquiry"
        and action.inquiry_id is not None
        and run_edit_inquiry(window, database, action.inquiry_id) is not None
    ):
        refresh_window(window)


def screenshot(window: QWidget) -> QWidget:
    """The dialog showing 黃嘉琪 found by her mobile number (built and shown, not run)."""
    database: Database = window.database  # type: ignore[attr-defined]
    dialog = FindCallerDialog(database, "６９８６ ５８２２", window)
    if dialog.contact() is None:
        found = search_contacts(database, "黃嘉琪", limit=1)
        if found:
            dialog.search.set_contact(found[0])
    dialog.show()
    dialog.setFocus(Qt.FocusReason.OtherFocusReason)
    return dialog
