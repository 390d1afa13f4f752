"""The release editor: titles, date, place, embargo, issuers, media contacts, spokespeople.

Also the two pickers the Releases view shares with it: a contact from the roster (searched
as you type, in either script or by any form of a number) and an issuing organisation.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from desktop.confirm import warn
from desktop.dialogs.conflict import edit_and_save
from desktop.dialogs.history import add_history_button, show_history
from desktop.widgets.contact_picker import ContactPicker, contact_names, organization_name
from desktop.widgets.optional_datetime import OptionalDateTimeEdit
from services.problems import InputRejected
from services.releases import (
    ReleaseChanges,
    SpokespersonLink,
    get_release,
    issuer_choices,
)
from services.reports import release_summaries

Row = dict[str, Any]
_NO_DATE = QDate(1900, 1, 1)
SEARCH_DELAY_MS = 80


def organization_label(org: Row | None) -> str:
    """An organisation as lists show it: Chinese name, English name."""
    if not org:
        return ""
    names = [n for n in (org.get("name_zh"), org.get("name_en")) if n]
    return " ".join(names) or str(org.get("short_name") or "")


# --- pickers ------------------------------------------------------------------------------


class ContactPickerDialog(QDialog):
    """Pick one contact from the roster: type a name (中文 / English), e-mail or number."""

    def __init__(
        self,
        database: Database,
        title: str,
        exclude: set[int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contactPickerDialog")
        self.setWindowTitle(title)
        self.exclude = exclude or set()
        self.picker = ContactPicker(database, self, limit=12, visible_rows=8)
        self.picker.setObjectName("contactPicker")
        self.picker.set_placeholder(self.tr("Name (中文 / English), e-mail or phone"))
        self.chosen_label = QLabel()
        self.chosen_label.setObjectName("chosen")
        self.chosen_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Find the contact in the roster:")))
        layout.addWidget(self.picker)
        layout.addWidget(self.chosen_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(520, 360)
        self._connect_signals()
        self.on_contact_chosen(None)

    def _connect_signals(self) -> None:
        self.picker.contact_chosen.connect(self.on_contact_chosen)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @Slot(object)
    def on_contact_chosen(self, contact: Row | None) -> None:
        """Say who is picked; Add only for someone not on the list already."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if contact is None:
            self.chosen_label.setText("")
            ok.setEnabled(False)
        elif contact["id"] in self.exclude:
            self.chosen_label.setText(
                self.tr("%1 is on the list already.").replace("%1", contact_names(contact))
            )
            ok.setEnabled(False)
        else:
            self.chosen_label.setText(contact_names(contact))
            ok.setEnabled(True)

    def contact(self) -> Row | None:
        """The picked contact."""
        contact = self.picker.contact()
        return None if contact is None or contact["id"] in self.exclude else contact

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        database: Database,
        title: str,
        exclude: set[int] | None = None,
    ) -> Row | None:
        """Run the picker; the picked contact, or None."""
        dialog = cls(database, title, exclude, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.contact()


class OrganizationPickerDialog(QDialog):
    """Pick an organisation (issuers first) by typing part of its name."""

    def __init__(
        self, database: Database, exclude: set[int] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("organizationPickerDialog")
        self.setWindowTitle(self.tr("Add issuer"))
        self.database = database
        self.exclude = exclude or set()
        self.search = QLineEdit()
        self.search.setObjectName("organizationSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Name or short name (中文 / English)"))
        self.list = QListWidget()
        self.list.setObjectName("organizations")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.resize(460, 380)
        self._connect_signals()
        self.search_now()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._timer.start)
        self._timer.timeout.connect(self.search_now)
        self.list.currentItemChanged.connect(self.on_current_changed)
        self.list.itemDoubleClicked.connect(self.accept)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def search_now(self) -> None:
        """List the organisations matching what is typed."""
        self._timer.stop()
        self.list.clear()
        for org in issuer_choices(self.database, self.search.text()):
            if org["id"] in self.exclude:
                continue
            item = QListWidgetItem(organization_label(org))
            item.setData(Qt.ItemDataRole.UserRole, org)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.on_current_changed(self.list.currentItem(), None)

    @Slot(QListWidgetItem, QListWidgetItem)
    def on_current_changed(self, current: QListWidgetItem | None, _old: Any) -> None:
        """Add only when an organisation is highlighted."""
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(current is not None)

    def organization(self) -> Row | None:
        """The highlighted organisation."""
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    @classmethod
    def ask(
        cls, parent: QWidget | None, database: Database, exclude: set[int] | None = None
    ) -> Row | None:
        """Run the picker; the picked organisation, or None."""
        dialog = cls(database, exclude, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.organization()


# --- an ordered list with Add / Remove / Up / Down ----------------------------------------


class OrderedTable(QWidget):
    """Rows in an order the user sets: a table with Add…, Remove, Move up, Move down.

    The first column names the row (read-only, the row's id in its UserRole); the other
    columns, if any, are typed into (e.g. a spokesperson's titles).
    """

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.setObjectName("add")
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("remove")
        self.up_button = QPushButton(self.tr("Move up"))
        self.up_button.setObjectName("up")
        self.down_button = QPushButton(self.tr("Move down"))
        self.down_button.setObjectName("down")
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._connect_signals()
        self.on_selection_changed()

    def _connect_signals(self) -> None:
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(self.move_up)
        self.down_button.clicked.connect(self.move_down)
        self.table.itemSelectionChanged.connect(self.on_selection_changed)

    def add_row(self, row_id: int, name: str, values: list[str | None] | None = None) -> None:
        """Append a row and select it."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        first = QTableWidgetItem(name)
        first.setData(Qt.ItemDataRole.UserRole, row_id)
        first.setFlags(first.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 0, first)
        for column, value in enumerate(values or [], start=1):
            self.table.setItem(row, column, QTableWidgetItem(value or ""))
        self.table.selectRow(row)

    def ids(self) -> list[int]:
        """The rows' ids, in order."""
        return [self.row_id(r) for r in range(self.table.rowCount())]

    def row_id(self, row: int) -> int:
        """The id of ``row``."""
        item = self.table.item(row, 0)
        assert item is not None
        return int(item.data(Qt.ItemDataRole.UserRole))

    def values(self, row: int) -> list[str]:
        """What is typed in the editable columns of ``row``."""
        result = []
        for column in range(1, self.table.columnCount()):
            item = self.table.item(row, column)
            result.append(item.text().strip() if item is not None else "")
        return result

    @Slot()
    def remove_current(self) -> None:
        """Remove the selected row."""
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
        self.on_selection_changed()

    def _move(self, steps: int) -> None:
        row = self.table.currentRow()
        target = row + steps
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        taken = [self.table.takeItem(row, c) for c in range(self.table.columnCount())]
        self.table.removeRow(row)
        self.table.insertRow(target)
        for column, item in enumerate(taken):
            self.table.setItem(target, column, item)
        self.table.selectRow(target)

    @Slot()
    def move_up(self) -> None:
        """Move the selected row one place up."""
        self._move(-1)

    @Slot()
    def move_down(self) -> None:
        """Move the selected row one place down."""
        self._move(1)

    @Slot()
    def on_selection_changed(self) -> None:
        """Enable what applies to the selected row."""
        row = self.table.currentRow() if self.table.selectedItems() else -1
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.table.rowCount() - 1)


# --- the editor ---------------------------------------------------------------------------


def _qdate(value: str | None) -> QDate:
    if not value:
        return _NO_DATE
    day = date.fromisoformat(value)
    return QDate(day.year, day.month, day.day)


class ReleaseEditor(QDialog):
    """Edit one release (as :func:`services.releases.get_release` gives it)."""

    def __init__(self, database: Database, release: Row, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("releaseEditor")
        self.database = database
        self.release = release
        self.setWindowTitle(self.tr("Edit release"))
        self._build()
        self._connect_signals()
        self._fill(release)
        self.resize(780, 560)

    def _build(self) -> None:
        self.title_zh = QLineEdit()
        self.title_zh.setObjectName("titleZh")
        self.title_en = QLineEdit()
        self.title_en.setObjectName("titleEn")
        self.subtitle_zh = QLineEdit()
        self.subtitle_zh.setObjectName("subtitleZh")
        self.subtitle_en = QLineEdit()
        self.subtitle_en.setObjectName("subtitleEn")
        self.issued_on = QDateEdit()
        self.issued_on.setObjectName("issuedOn")
        self.issued_on.setCalendarPopup(True)
        self.issued_on.setDisplayFormat("yyyy-MM-dd")
        self.issued_on.setMinimumDate(_NO_DATE)
        self.issued_on.setSpecialValueText(self.tr("(no date)"))
        self.place = QLineEdit()
        self.place.setObjectName("place")
        self.embargo = OptionalDateTimeEdit(self.tr("Embargoed until"))
        self.embargo.setObjectName("embargo")
        self.embargo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        form = QFormLayout()
        form.addRow(self.tr("Title (中文)"), self.title_zh)
        form.addRow(self.tr("Title (English)"), self.title_en)
        form.addRow(self.tr("Subtitle (中文)"), self.subtitle_zh)
        form.addRow(self.tr("Subtitle (English)"), self.subtitle_en)
        form.addRow(self.tr("Issued on"), self.issued_on)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Embargo"), self.embargo)
        form.addRow(self.tr("Notes"), self.notes)
        details = QWidget()
        details.setLayout(form)

        self.issuers = OrderedTable([self.tr("Organisation")])
        self.issuers.setObjectName("issuers")
        self.media_contacts = OrderedTable([self.tr("Name"), self.tr("Organisation")])
        self.media_contacts.setObjectName("mediaContacts")
        # The organisation column is shown, not typed into.
        self.media_contacts.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.spokespeople = OrderedTable(
            [
                self.tr("Name"),
                self.tr("Title (中文)", "job title"),
                self.tr("Title (English)", "job title"),
            ]
        )
        self.spokespeople.setObjectName("spokespeople")

        self.tabs = QTabWidget()
        self.tabs.setObjectName("editorTabs")
        self.tabs.addTab(details, self.tr("Details"))
        self.tabs.addTab(self.issuers, self.tr("Issuers"))
        self.tabs.addTab(self.media_contacts, self.tr("Media contacts"))
        self.tabs.addTab(self.spokespeople, self.tr("Spokespeople"))
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.history_button = add_history_button(self.buttons, self.release.get("id"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.issuers.add_button.clicked.connect(self.add_issuer)
        self.media_contacts.add_button.clicked.connect(self.add_media_contact)
        self.spokespeople.add_button.clicked.connect(self.add_spokesperson)
        self.history_button.clicked.connect(self.on_history)

    @Slot()
    def on_history(self) -> None:
        """Show who changed this release, what and when."""
        title = self.release.get("title_zh") or self.release.get("title_en") or ""
        show_history(self, self.database, "release", int(self.release["id"]), title)

    def _fill(self, release: Row) -> None:
        self.title_zh.setText(release.get("title_zh") or "")
        self.title_en.setText(release.get("title_en") or "")
        self.subtitle_zh.setText(release.get("subtitle_zh") or "")
        self.subtitle_en.setText(release.get("subtitle_en") or "")
        self.issued_on.setDate(_qdate(release.get("issued_on")))
        self.place.setText(release.get("place") or "")
        embargo = release.get("embargo_until")
        self.embargo.set_value(datetime.fromisoformat(embargo) if embargo else None)
        self.notes.setPlainText(release.get("notes") or "")
        for org in release.get("issuers", []):
            self.issuers.add_row(org["id"], organization_label(org))
        for contact in release.get("media_contacts", []):
            self.media_contacts.add_row(
                contact["id"], contact_names(contact), [organization_name(contact)]
            )
        for person in release.get("spokespeople", []):
            self.spokespeople.add_row(
                person["contact_id"],
                contact_names(person),
                [person.get("title_zh"), person.get("title_en")],
            )
        for table in (self.issuers, self.media_contacts, self.spokespeople):
            table.table.clearSelection()

    # --- adding from the roster ----------------------------------------------------------

    @Slot()
    def add_issuer(self) -> None:
        """Add…: pick an organisation that issues the release."""
        org = OrganizationPickerDialog.ask(self, self.database, set(self.issuers.ids()))
        if org is not None:
            self.issuers.add_row(org["id"], organization_label(org))

    @Slot()
    def add_media_contact(self) -> None:
        """Add…: pick a contact from the roster for the media-contact block."""
        contact = ContactPickerDialog.ask(
            self, self.database, self.tr("Add media contact"), set(self.media_contacts.ids())
        )
        if contact is not None:
            self.media_contacts.add_row(
                contact["id"], contact_names(contact), [organization_name(contact)]
            )

    @Slot()
    def add_spokesperson(self) -> None:
        """Add…: pick a contact from the roster who is quoted in the release."""
        contact = ContactPickerDialog.ask(
            self, self.database, self.tr("Add spokesperson"), set(self.spokespeople.ids())
        )
        if contact is not None:
            self.spokespeople.add_row(
                contact["id"],
                contact_names(contact),
                [contact.get("title_zh"), contact.get("title_en")],
            )

    # --- the result ----------------------------------------------------------------------

    def changes(self) -> ReleaseChanges:
        """Everything the form shows, as a full set of changes.

        Raises:
            InputRejected: a value is not acceptable (e.g. no title).
        """
        issued = self.issued_on.date()
        speakers = []
        for row in range(self.spokespeople.table.rowCount()):
            title_zh, title_en = self.spokespeople.values(row)
            speakers.append(
                SpokespersonLink(
                    contact_id=self.spokespeople.row_id(row), title_zh=title_zh, title_en=title_en
                )
            )
        changes = ReleaseChanges(
            title_zh=self.title_zh.text(),
            title_en=self.title_en.text(),
            subtitle_zh=self.subtitle_zh.text(),
            subtitle_en=self.subtitle_en.text(),
            issued_on=None
            if issued == _NO_DATE
            else date(issued.year(), issued.month(), issued.day()),
            place=self.place.text(),
            embargo_until=self.embargo.value(),
            notes=self.notes.toPlainText(),
            issuer_ids=self.issuers.ids(),
            media_contact_ids=self.media_contacts.ids(),
            spokespeople=speakers,
        )
        if not (changes.title_zh or changes.title_en):
            raise InputRejected(self.tr("A release needs a title, in Chinese or in English."))
        return changes

    @Slot()
    def accept(self) -> None:
        """Close only with a form that can be saved; otherwise say what is missing."""
        try:
            self.changes()
        except InputRejected as exc:
            self.error.setText(exc.message)
            self.error.setVisible(True)
            self.tabs.setCurrentIndex(0)
            self.title_zh.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, database: Database, release: Row) -> ReleaseChanges | None:
        """Run the editor; the changes to save, or None when cancelled."""
        dialog = cls(database, release, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.changes()


def run_edit_release(window: Any, release_id: int) -> Row | None:
    """Edit a release and save it; the saved release, or None (cancelled or refused).

    A colleague's newer save opens the conflict view (keep mine, take theirs, or merge).
    """
    database: Database = window.database
    try:
        release = get_release(database, release_id)
    except InputRejected as exc:
        warn(window, QCoreApplication.translate("window", "Edit release"), exc.message)
        return None

    def edit(shown: Row) -> tuple[dict[str, Any], int] | None:
        changes = ReleaseEditor.ask(window, database, shown)
        if changes is None:
            return None
        return changes.model_dump(include=changes.model_fields_set), int(shown["version"])

    try:
        return edit_and_save(window, database, "release", release, edit)
    except InputRejected as exc:
        details = "\n".join(f"{p.field}: {p.message}" for p in exc.problems)
        warn(
            window, QCoreApplication.translate("window", "Release not saved"), exc.message, details
        )
    return None


def screenshot(window: Any) -> QWidget:
    """The editor on the newest release (or a blank one), built but not run."""
    database: Database = window.database
    newest = release_summaries(database, limit=1)
    release: Row = (
        get_release(database, newest[0].id)
        if newest
        else {
            "title_zh": "香港科技園公司與地平線簽署合作備忘錄",
            "issued_on": "2023-12-01",
            "place": "香港",
        }
    )
    editor = ReleaseEditor(database, release, window)
    editor.show()
    return editor
