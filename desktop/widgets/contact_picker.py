"""Pick a contact by typing: a name in either script, an e-mail, or a number in any form.

The roster is searched as you type (a short pause first, so a fast typist does not
query on every key); the matches are listed under the field with their organisation
and number. A number that belongs to exactly one contact picks that contact at once:
the caller is known. What is typed that matches nobody can be a new journalist.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from db.engine import Database
from services.phones import format_phone, phone_digits
from services.problems import InputRejected
from services.roster import lookup_number, search_contacts

Contact = dict[str, Any]
_Index = QModelIndex | QPersistentModelIndex
SEARCH_DELAY_MS = 80
# A query with this many digits and no letters is a phone number, looked up as one.
_NUMBER_DIGITS = 6


def contact_names(contact: Contact) -> str:
    """Both names of a contact (or its address, for a shared mailbox)."""
    names = [n for n in (contact.get("name_zh"), contact.get("name_en")) if n]
    if not names and contact.get("emails"):
        return str(contact["emails"][0]["address"])
    return " ".join(names)


def organization_name(contact: Contact) -> str:
    """The name of the contact's organisation, Chinese first, or ""."""
    org = contact.get("organization") or {}
    return str(org.get("name_zh") or org.get("name_en") or org.get("short_name") or "")


def contact_summary(contact: Contact) -> str:
    """One line: names — organisation · first number."""
    parts = [contact_names(contact)]
    details = [organization_name(contact)]
    if contact.get("phones"):
        details.append(format_phone(contact["phones"][0]["e164"]))
    detail = " · ".join(d for d in details if d)
    return f"{parts[0]} — {detail}" if detail else parts[0]


def looks_like_number(text: str) -> bool:
    """True for text that is a phone number typed in any form (no letters, enough digits)."""
    return len(phone_digits(text)) >= _NUMBER_DIGITS and not any(c.isalpha() for c in text)


class ContactMatchModel(QAbstractListModel):
    """The contacts matching what was typed (plain dicts from the roster service)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Contact] = []

    def set_contacts(self, contacts: list[Contact]) -> None:
        """Show these contacts instead."""
        self.beginResetModel()
        self._rows = list(contacts)
        self.endResetModel()

    def contact_at(self, row: int) -> Contact:
        """The contact shown in ``row``."""
        return self._rows[row]

    def contacts(self) -> list[Contact]:
        """Every contact shown."""
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        contact = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return contact_summary(contact)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [contact_names(contact), organization_name(contact)]
            lines += [format_phone(p["e164"]) for p in contact.get("phones", [])]
            lines += [e["address"] for e in contact.get("emails", [])]
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.UserRole:
            return contact
        return None


class ContactPicker(QWidget):
    """A search field with the matching contacts listed under it as you type.

    Args:
        database: where the roster is.
        keep_text: leave what was typed in the field when a contact is picked (the
            number a caller rang from); otherwise the field shows the picked name.
        limit: how many matches to list.
        visible_rows: the most matches shown without scrolling.
        hints: say under the field what to do, or that nobody matches (off where the
            dialog says it its own way).
    """

    #: The picked contact (a dict), or None when what is typed picks nobody.
    contact_chosen = Signal(object)
    #: The number of matches listed, after each search.
    matches_changed = Signal(int)

    def __init__(
        self,
        database: Database,
        parent: QWidget | None = None,
        *,
        keep_text: bool = False,
        limit: int = 8,
        visible_rows: int = 5,
        hints: bool = True,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.keep_text = keep_text
        self.limit = limit
        self.visible_rows = visible_rows
        self.hints = hints
        self._chosen: Contact | None = None
        self._programmatic = False
        self._last_query: str | None = None
        self.edit = QLineEdit()
        self.edit.setObjectName("pickerEdit")
        self.edit.setClearButtonEnabled(True)
        self.model = ContactMatchModel(self)
        self.list = QListView()
        self.list.setObjectName("pickerMatches")
        self.list.setModel(self.model)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setVisible(False)
        self.hint = QLabel()
        self.hint.setObjectName("pickerHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(mid);")
        self.hint.setVisible(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.edit)
        self.edit.installEventFilter(self)
        self.list.installEventFilter(self)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.edit.textChanged.connect(self.on_text_changed)
        self._timer.timeout.connect(self.search_now)
        self.list.activated.connect(self.on_match_activated)
        self.list.clicked.connect(self.on_match_activated)

    # --- state ---------------------------------------------------------------------------------

    def text(self) -> str:
        """What is typed."""
        return self.edit.text()

    def setText(self, text: str) -> None:
        """Type ``text`` (searches, as if the user typed it)."""
        self.edit.setText(text)

    def contact(self) -> Contact | None:
        """The picked contact, or None."""
        return self._chosen

    def set_contact(self, contact: Contact | None, *, show_name: bool | None = None) -> None:
        """Pick ``contact`` (or nobody) as if the user had.

        Args:
            show_name: put the contact's names in the field (default: unless ``keep_text``).
        """
        self._timer.stop()
        self._choose(contact)
        if contact is not None and (not self.keep_text if show_name is None else show_name):
            self._set_text_quietly(contact_names(contact))
        self.list.setVisible(False)

    def typed_new_name(self) -> str | None:
        """What is typed when it names nobody in the roster (a new contact), else None."""
        text = self.text().strip()
        if self._chosen is not None or not text or looks_like_number(text):
            return None
        return text

    def set_placeholder(self, text: str) -> None:
        """The grey text shown while the field is empty."""
        self.edit.setPlaceholderText(text)

    # --- behaviour -----------------------------------------------------------------------------

    def _set_text_quietly(self, text: str) -> None:
        self._programmatic = True
        try:
            self.edit.setText(text)
        finally:
            self._programmatic = False

    @Slot(str)
    def on_text_changed(self, _text: str) -> None:
        """Typing forgets the picked contact and searches after a short pause."""
        if self._programmatic:
            return
        if self._chosen is not None:
            self._choose(None)
        self._timer.start()

    @Slot()
    def search_now(self) -> None:
        """Search the roster for what is typed (now, without waiting for the pause)."""
        self._timer.stop()
        query = self.text().strip()
        self._last_query = query
        matches: list[Contact] = []
        if query:
            if looks_like_number(query):
                try:
                    matches = lookup_number(self.database, query)
                except InputRejected:
                    matches = []
                if not matches:
                    matches = search_contacts(self.database, query, limit=self.limit)
            else:
                matches = search_contacts(self.database, query, limit=self.limit)
        self.model.set_contacts(matches[: self.limit])
        self._fit_list()
        self.list.setVisible(bool(matches) and self._chosen is None)
        if matches:
            self.list.setCurrentIndex(self.model.index(0, 0))
        self._update_hint()
        self.matches_changed.emit(len(matches))
        if len(matches) == 1 and looks_like_number(query):
            self._choose(matches[0])  # a number only one contact has: the caller is known
            self.list.setVisible(False)

    def _fit_list(self) -> None:
        """As tall as the matches (up to ``visible_rows``): no empty rows under one match."""
        rows = max(1, min(self.model.rowCount(), self.visible_rows))
        row_height = self.list.sizeHintForRow(0) if self.model.rowCount() else 0
        row_height = max(row_height, self.list.fontMetrics().height() + 4)
        self.list.setFixedHeight(row_height * rows + 2 * self.list.frameWidth() + 2)

    def pending(self) -> bool:
        """True while a search is waiting for the typing pause."""
        return self._timer.isActive()

    @Slot(QModelIndex)
    def on_match_activated(self, index: QModelIndex) -> None:
        """Pick the clicked (or Enter-ed) match."""
        if index.isValid():
            self.set_contact(self.model.contact_at(index.row()))

    def choose_current(self) -> bool:
        """Pick the highlighted match (Enter in the field); False when there is none."""
        if self._timer.isActive():
            self.search_now()
        index = self.list.currentIndex()
        if not self.list.isVisible() or not index.isValid():
            return False
        self.set_contact(self.model.contact_at(index.row()))
        return True

    def _choose(self, contact: Contact | None) -> None:
        if contact is self._chosen:
            return
        self._chosen = contact
        self._update_hint()
        self.contact_chosen.emit(contact)

    def _update_hint(self) -> None:
        text = self.text().strip()
        if self._chosen is not None or not text or self._last_query != text:
            hint = ""
        elif self.model.rowCount():
            hint = self.tr("Pick a match with ↓ and Enter, or click it.")
        elif looks_like_number(text):
            hint = self.tr("Nobody in the roster has this number.")
        else:
            hint = self.tr("Nobody in the roster matches: a new contact named “%1”.").replace(
                "%1", text
            )
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint) and self.hints)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.edit and key == Qt.Key.Key_Down and self.list.isVisible():
                self.list.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.list.currentIndex().isValid():
                    self.list.setCurrentIndex(self.model.index(0, 0))
                return True
            if watched is self.edit and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                return self.choose_current()
            if watched is self.list and key == Qt.Key.Key_Escape:
                self.list.setVisible(False)
                self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if (
                watched is self.list
                and key == Qt.Key.Key_Up
                and self.list.currentIndex().row() <= 0
            ):
                self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)
