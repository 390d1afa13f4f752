"""Edit → Find duplicates…: pairs of contacts that look like one person, merged side by side.

The pairs (same e-mail, same E.164 number, or the same name in the same organisation:
``services.duplicates``) are looked up off the GUI thread. Choosing a pair shows both
contacts side by side; Merge (after a confirmation) keeps the one on the left with every
phone and e-mail of both, and soft-deletes the other (it can be restored). Swap chooses
which one is kept.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from desktop import confirm
from desktop.lazy_table import Column, LazyTableModel, Row
from desktop.widgets.contact_labels import email_type_label, phone_type_label
from desktop.workers import Progress, Task, start
from services.duplicates import duplicate_pairs_with_contacts, merge_contacts
from services.exports import display_phone
from services.problems import InputRejected
from services.roster import search_contacts

# Lookups whose dialog closed before they finished: kept alive until they do.
_running: set[Task] = set()
_FIELDS = (
    "name_zh",
    "name_en",
    "organization",
    "title",
    "phones",
    "emails",
    "tags",
    "notes",
)


def reason_label(reason: str) -> str:
    """Why a pair is listed, as a word."""
    labels = {
        "email": QCoreApplication.translate("Duplicates", "same e-mail"),
        "phone": QCoreApplication.translate("Duplicates", "same number"),
        "name": QCoreApplication.translate("Duplicates", "same name and organisation"),
    }
    return labels.get(reason, reason)


def contact_name(contact: dict[str, Any]) -> str:
    """A contact's names in both scripts (or its first address)."""
    name = " ".join(n for n in (contact.get("name_zh"), contact.get("name_en")) if n)
    if name:
        return name
    emails = contact.get("emails") or []
    return emails[0]["address"] if emails else f"#{contact['id']}"


def _field_text(contact: dict[str, Any], key: str) -> str:
    if key == "organization":
        org = contact.get("organization") or {}
        return " ".join(n for n in (org.get("name_zh"), org.get("name_en")) if n)
    if key == "title":
        return " / ".join(t for t in (contact.get("title_zh"), contact.get("title_en")) if t)
    if key == "phones":
        return "\n".join(
            f"{display_phone(p['e164'], p.get('extension'))} ({phone_type_label(p['type'])})"
            for p in contact["phones"]
        )
    if key == "emails":
        return "\n".join(
            f"{e['address']} ({email_type_label(e['type'])})" for e in contact["emails"]
        )
    if key == "tags":
        return ", ".join(contact["tags"])
    return str(contact.get(key) or "")


def _fixed(rows: list[Row]) -> Any:
    return lambda offset, limit: rows[offset : offset + limit]


class ContactCard(QGroupBox):
    """One contact of the pair, every field the merge touches."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        form = QFormLayout(self)
        labels = {
            "name_zh": self.tr("Name (中文)"),
            "name_en": self.tr("Name (English)"),
            "organization": self.tr("Organisation"),
            "title": self.tr("Title"),
            "phones": self.tr("Phones"),
            "emails": self.tr("E-mails"),
            "tags": self.tr("Tags"),
            "notes": self.tr("Notes"),
        }
        self.values: dict[str, QLabel] = {}
        for key in _FIELDS:
            value = QLabel()
            value.setObjectName(f"value_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(labels[key], value)

    def show_contact(self, contact: dict[str, Any] | None) -> None:
        """Fill the card (empty for None)."""
        for key, label in self.values.items():
            label.setText(_field_text(contact, key) if contact else "")


class DuplicatesDialog(QDialog):
    """The pairs found, one shown side by side, merged on request."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.database = database
        self.pairs: list[Row] = []
        self.swapped = False
        self.merged_count = 0
        self.task: Task | None = None
        self.setWindowTitle(self.tr("Find duplicates"))
        self._build()
        self._connect_signals()
        self.resize(1200, 640)

    def _build(self) -> None:
        self.state = QLabel(self.tr("Looking for duplicates…"))
        self.state.setObjectName("state")
        self.state.setWordWrap(True)
        self.pair_model = LazyTableModel(
            [
                Column("left", self.tr("Contact"), lambda r: r["left_name"]),
                Column("right", self.tr("Possible duplicate"), lambda r: r["right_name"]),
                Column("reasons", self.tr("Why"), lambda r: r["why"], lambda r: r["why"]),
            ],
            _fixed([]),
            self,
        )
        self.pair_table = QTableView()
        self.pair_table.setObjectName("pairs")
        self.pair_table.setModel(self.pair_model)
        self.pair_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.pair_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pair_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pair_table.setWordWrap(False)  # the full reason is in the tooltip
        self.pair_table.verticalHeader().setVisible(False)
        header = self.pair_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.keep_card = ContactCard(self.tr("Keep"))
        self.keep_card.setObjectName("keepCard")
        self.other_card = ContactCard(self.tr("Merge into it, then remove"))
        self.other_card.setObjectName("otherCard")
        self.swap_button = QPushButton(self.tr("⇄ Swap"))
        self.swap_button.setObjectName("swapButton")
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.setObjectName("mergeButton")
        for button in (self.swap_button, self.merge_button):
            button.setEnabled(False)
        explanation = QLabel(
            self.tr(
                "Merge keeps every phone number and e-mail address of both, fills the kept "
                "contact's empty fields, and moves releases, inquiries and calls to it. The "
                "other contact is removed (it can be restored)."
            )
        )
        explanation.setWordWrap(True)
        cards = QHBoxLayout()
        cards.addWidget(self.keep_card, 1)
        cards.addWidget(self.other_card, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.swap_button)
        actions.addStretch(1)
        actions.addWidget(self.merge_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addLayout(cards, 1)
        side_layout.addWidget(explanation)
        side_layout.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(self.pair_table)
        splitter.addWidget(side)
        splitter.setSizes([440, 760])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.pair_table.selectionModel().selectionChanged.connect(self.on_selection)
        self.swap_button.clicked.connect(self.on_swap)
        self.merge_button.clicked.connect(self.on_merge)

    # --- finding ---------------------------------------------------------------------------

    def start_search(self) -> Task:
        """Look for the pairs in the background."""
        database = self.database

        def work(_progress: Progress) -> list[dict[str, Any]]:
            return duplicate_pairs_with_contacts(database)

        task = Task(work)
        task.signals.succeeded.connect(self.show_pairs)
        task.signals.done.connect(self.on_task_done)
        self.task = task
        _running.add(task)
        start(task)
        return task

    @Slot()
    def on_task_done(self) -> None:
        """The lookup ended."""
        if self.task is not None:
            _running.discard(self.task)
            self.task = None

    def is_busy(self) -> bool:
        """True while the pairs are being looked up."""
        return self.task is not None

    @Slot(object)
    def show_pairs(self, pairs: list[dict[str, Any]]) -> None:
        """List the pairs and show the first."""
        self.pairs = [
            {
                **pair,
                "id": i,
                "why": ", ".join(
                    f"{reason_label(r)}: {k}"
                    for r, k in zip(pair["reasons"], pair["keys"], strict=True)
                ),
                "left_name": contact_name(pair["left"]),
                "right_name": contact_name(pair["right"]),
            }
            for i, pair in enumerate(pairs)
        ]
        self.pair_model.reload(_fixed(self.pairs))
        self.state.setText(
            self.tr("%1 possible duplicate(s). Choose a pair to compare.").replace(
                "%1", str(len(self.pairs))
            )
            if self.pairs
            else self.tr("No duplicates found.")
        )
        if self.pairs:
            self.pair_table.selectRow(0)
        else:
            self._show_pair(None)

    # --- comparing and merging -------------------------------------------------------------

    def current_pair(self) -> Row | None:
        """The pair shown side by side."""
        rows = self.pair_table.selectionModel().selectedRows()
        return self.pair_model.row_at(rows[0].row()) if rows else None

    def kept_and_other(self) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """(kept contact, merged-away contact) of the current pair."""
        pair = self.current_pair()
        if pair is None:
            return None
        left, right = pair["left"], pair["right"]
        return (right, left) if self.swapped else (left, right)

    def _show_pair(self, pair: Row | None) -> None:
        both = self.kept_and_other() if pair is not None else None
        self.keep_card.show_contact(both[0] if both else None)
        self.other_card.show_contact(both[1] if both else None)
        self.swap_button.setEnabled(both is not None)
        self.merge_button.setEnabled(both is not None)

    @Slot(QItemSelection, QItemSelection)
    def on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        """Show the chosen pair (the older contact kept by default)."""
        self.swapped = False
        self._show_pair(self.current_pair())

    @Slot()
    def on_swap(self) -> None:
        """Keep the other one."""
        self.swapped = not self.swapped
        self._show_pair(self.current_pair())

    @Slot()
    def on_merge(self) -> dict[str, Any] | None:
        """Ask, then merge the pair shown; the merged-away contact leaves every pair."""
        both = self.kept_and_other()
        if both is None:
            return None
        keep, other = both
        question = self.tr(
            "Merge “%1” into “%2”? “%2” keeps every phone number and e-mail address of both; "
            "“%1” is removed from the roster (it can be restored)."
        )
        question = question.replace("%1", contact_name(other)).replace("%2", contact_name(keep))
        if not confirm.confirm(self, self.tr("Merge contacts"), question, destructive=True):
            return None
        try:
            kept = merge_contacts(self.database, keep["id"], other["id"])
        except InputRejected as error:
            confirm.warn(self, self.tr("Not merged"), error.message)
            return None
        self.merged_count += 1
        # Pairs naming the removed contact are gone; those naming the kept one get its
        # new details.
        remaining = []
        for pair in self.pairs:
            if other["id"] in (pair["left_id"], pair["right_id"]):
                continue
            for side in ("left", "right"):
                if pair[f"{side}_id"] == kept["id"]:
                    pair[side] = kept
            remaining.append(pair)
        self.pairs = remaining
        self.pair_model.reload(_fixed(self.pairs))
        self.state.setText(
            self.tr("Merged into %1. %2 pair(s) left.")
            .replace("%1", contact_name(kept))
            .replace("%2", str(len(self.pairs)))
        )
        if self.pairs:
            self.pair_table.selectRow(0)
        else:
            self._show_pair(None)
        return kept

    @classmethod
    def ask(cls, parent: QWidget | None, database: Database) -> int:
        """Show the duplicates; how many merges the user made."""
        dialog = cls(database, parent)
        dialog.start_search()
        dialog.exec()
        return dialog.merged_count


def run_find_duplicates(window: Any) -> int:
    """Edit → Find duplicates…: compare and merge; the views refresh after any merge."""
    merged = DuplicatesDialog.ask(window, window.database)
    if merged and hasattr(window, "refresh_all"):
        window.refresh_all()
    if merged and isinstance(window, QMainWindow):
        window.statusBar().showMessage(
            QCoreApplication.translate("Duplicates", "%1 duplicate contact(s) merged.").replace(
                "%1", str(merged)
            ),
            10000,
        )
    return merged


def screenshot(window: Any) -> QWidget:
    """The dialog on the window's roster; when it has no duplicates (the seed has none),
    one of its contacts beside a look-alike made up in memory (nothing is written)."""
    database: Database = window.database
    pairs = duplicate_pairs_with_contacts(database)
    if not pairs:
        found = [c for c in search_contacts(database, limit=50) if c["emails"] and c["phones"]]
        if found:
            left = found[0]
            address = left["emails"][0]["address"]
            right = {
                **left,
                "id": -1,
                "name_zh": None,
                "organization": None,
                "title_zh": None,
                "title_en": None,
                "phones": [{"e164": "+85261112233", "type": "mobile", "extension": None}],
                "emails": [{"address": address.upper(), "type": "work"}],
                "tags": ["tech desk"],
            }
            key = address.lower()
            pairs = [
                {
                    "left_id": left["id"],
                    "right_id": -1,
                    "reasons": ["email"],
                    "keys": [key],
                    "left": left,
                    "right": right,
                }
            ]
    dialog = DuplicatesDialog(database, window)
    dialog.show_pairs(pairs)
    dialog.show()
    return dialog
