"""The contact editor: both names, titles, organisation, language, tags, typed phones and
e-mails (each checked as typed, with a one-click fix), notes and opt-out.

Save stays disabled, with the reason beside it, while any value is invalid. The editor
keeps the ``version`` it loaded and the save names it, so a colleague's newer save is
reported instead of overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.models import ContactKind, Language
from db.name_order import display_name
from desktop.collation import sort_by_name
from desktop.confirm import warn
from desktop.dialogs.conflict import edit_and_save
from desktop.dialogs.history import add_history_button, show_history
from desktop.dialogs.organization_editor import region_label, run_new_organization
from desktop.widgets.contact_labels import email_type_label, phone_type_label
from desktop.widgets.email_field import EmailField
from desktop.widgets.phone_field import PhoneField
from desktop.widgets.validated_field import ValidatedField
from services.contacts import (
    DEFAULT_REGION,
    EditConflict,
    create_contact,
    get_contact,
    organization_choices,
)
from services.emails import EMAIL_TYPES
from services.phones import PHONE_TYPES, format_phone
from services.problems import InputRejected

HONORIFICS = ("先生", "女士", "小姐", "博士", "教授", "Mr", "Ms", "Mrs", "Dr", "Prof")


@dataclass
class ContactData:
    """What the editor gives back: every field, and the version it loaded."""

    contact_id: int | None
    version: int | None
    fields: dict[str, Any] = field(default_factory=dict)
    phones: list[dict[str, str]] = field(default_factory=list)
    emails: list[dict[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    def changes(self) -> dict[str, Any]:
        """The mapping services.contacts.create_contact / update_contact take."""
        return {**self.fields, "phones": self.phones, "emails": self.emails, "tags": self.tags}


class EntryRow(QWidget):
    """One typed phone or e-mail in the editor's list: type, value, move, remove."""

    move_requested = Signal(int)  # -1 up, +1 down
    remove_requested = Signal()

    def __init__(
        self,
        entry: ValidatedField,
        types: tuple[str, ...],
        label: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.entry = entry
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("entryType")
        for kind in types:
            self.type_combo.addItem(label(kind), kind)
        self.up = self._button("↑", self.tr("Move up"), "moveUp")
        self.down = self._button("↓", self.tr("Move down"), "moveDown")
        self.remove = self._button("✕", self.tr("Remove"), "remove")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.type_combo, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(entry, 1)
        for button in (self.up, self.down, self.remove):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self._connect_signals()

    def _button(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setObjectName(name)
        return button

    def _connect_signals(self) -> None:
        self.up.clicked.connect(self.on_up)
        self.down.clicked.connect(self.on_down)
        self.remove.clicked.connect(self.remove_requested)

    @Slot()
    def on_up(self) -> None:
        """Ask the list to move this row up."""
        self.move_requested.emit(-1)

    @Slot()
    def on_down(self) -> None:
        """Ask the list to move this row down."""
        self.move_requested.emit(1)

    def kind(self) -> str:
        """The chosen type (work, mobile, ...)."""
        return str(self.type_combo.currentData())

    def set_kind(self, kind: str) -> None:
        """Choose a type (the first when unknown)."""
        self.type_combo.setCurrentIndex(max(self.type_combo.findData(kind), 0))


class EntryList(QWidget):
    """An editable, ordered list of phones or e-mails with an Add button."""

    changed = Signal()

    def __init__(
        self,
        make_entry: Callable[[], ValidatedField],
        types: tuple[str, ...],
        label: Callable[[str], str],
        add_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._make_entry = make_entry
        self._types = types
        self._label = label
        self.rows: list[EntryRow] = []
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(add_text)
        self.add_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows_layout)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.on_add)

    @Slot()
    def on_add(self) -> None:
        """Add an empty row and put the cursor in it."""
        row = self.add_row("", self._types[0])
        row.entry.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_row(self, text: str, kind: str) -> EntryRow:
        """Append a row holding ``text`` of type ``kind``."""
        row = EntryRow(self._make_entry(), self._types, self._label, self)
        row.set_kind(kind)
        row.entry.setText(text)
        row.entry.checked.connect(self.changed)
        row.move_requested.connect(self.on_move_requested)
        row.remove_requested.connect(self.on_remove_requested)
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        self._update_buttons()
        self.changed.emit()
        return row

    @Slot(int)
    def on_move_requested(self, step: int) -> None:
        """Move the sending row up or down."""
        row = self.sender()
        if not isinstance(row, EntryRow):
            return
        index = self.rows.index(row)
        target = index + step
        if not 0 <= target < len(self.rows):
            return
        self.rows[index], self.rows[target] = self.rows[target], self.rows[index]
        self._rows_layout.removeWidget(row)
        self._rows_layout.insertWidget(target, row)
        self._update_buttons()
        self.changed.emit()

    @Slot()
    def on_remove_requested(self) -> None:
        """Remove the sending row."""
        row = self.sender()
        if not isinstance(row, EntryRow):
            return
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.deleteLater()
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        for index, row in enumerate(self.rows):
            row.up.setEnabled(index > 0)
            row.down.setEnabled(index < len(self.rows) - 1)

    def entries(self) -> list[dict[str, str]]:
        """The non-empty rows, in order, as {"text", "type"}."""
        return [
            {"text": row.entry.text().strip(), "type": row.kind()}
            for row in self.rows
            if row.entry.text().strip()
        ]

    def invalid_rows(self) -> list[int]:
        """1-based numbers of the rows whose value is invalid."""
        return [i + 1 for i, row in enumerate(self.rows) if not row.entry.is_valid()]


class ContactEditor(QDialog):
    """Create or edit one contact."""

    def __init__(
        self,
        database: Database,
        contact: dict[str, Any] | None = None,
        parent: QWidget | None = None,
        *,
        organization_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contactEditor")
        self.database = database
        self._contact = contact or {}
        self.setWindowTitle(self.tr("Edit contact") if contact else self.tr("New contact"))
        self._organizations: dict[int, dict[str, Any]] = {}
        self._build()
        self._load_organizations()
        self._fill(organization_id)
        self._connect_signals()
        self.on_organization_changed()
        self.update_save_button()
        self.resize(980, 620)

    # --- construction ------------------------------------------------------------------------

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _build(self) -> None:
        self.name_zh = self._line("nameZh", self.tr("e.g. 黃嘉琪"))
        self.name_en = self._line("nameEn", self.tr("e.g. June Wong"))
        self.romanisation = self._line("romanisation", self.tr("e.g. Wong Ka Kei"))
        self.honorific = QComboBox()
        self.honorific.setObjectName("honorific")
        self.honorific.setEditable(True)
        self.honorific.addItems(["", *HONORIFICS])
        self.title_zh = self._line("titleZh", self.tr("e.g. 客戶總監"))
        self.title_en = self._line("titleEn", self.tr("e.g. Account Director"))
        self.organization = QComboBox()
        self.organization.setObjectName("organization")
        self.organization.setEditable(True)
        self.organization.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.organization.setPlaceholderText(self.tr("Type to search"))
        completer = QCompleter(self.organization.model(), self.organization)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.organization.setCompleter(completer)
        self.new_organization = QPushButton(self.tr("New…"))
        self.new_organization.setObjectName("newOrganization")
        self.new_organization.setAutoDefault(False)
        self.new_organization.setToolTip(self.tr("Create an organisation with the name typed"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem(self.tr("繁體中文 (zh-HK)"), Language.ZH_HK.value)
        self.language.addItem(self.tr("English (en)"), Language.EN.value)
        self.tags = self._line("tags", self.tr("Comma-separated, e.g. tech desk, TV"))
        self.opt_out = QCheckBox(self.tr("Opted out: send no e-mail"))
        self.opt_out.setObjectName("optOut")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText(self.tr("Deadlines, desk, languages, who to call first…"))

        organization_row = QHBoxLayout()
        organization_row.addWidget(self.organization, 1)
        organization_row.addWidget(self.new_organization)
        person = QFormLayout()
        person.addRow(self.tr("Chinese name"), self.name_zh)
        person.addRow(self.tr("English name"), self.name_en)
        person.addRow(self.tr("Romanisation"), self.romanisation)
        person.addRow(self.tr("Honorific"), self.honorific)
        person.addRow(self.tr("Title (Chinese)"), self.title_zh)
        person.addRow(self.tr("Title (English)"), self.title_en)
        person.addRow(self.tr("Organisation"), organization_row)
        person.addRow(self.tr("Preferred language"), self.language)
        person.addRow(self.tr("Tags"), self.tags)
        person.addRow("", self.opt_out)
        person.addRow(self.tr("Notes"), self.notes)

        self.region_hint = QLabel()
        self.region_hint.setObjectName("regionHint")
        self.region_hint.setWordWrap(True)
        self.region_hint.setStyleSheet("color: palette(placeholder-text);")
        self.phones = EntryList(
            self._make_phone_field, PHONE_TYPES, phone_type_label, self.tr("Add phone")
        )
        self.phones.setObjectName("phones")
        self.phones.add_button.setObjectName("addPhone")
        self.emails = EntryList(EmailField, EMAIL_TYPES, email_type_label, self.tr("Add e-mail"))
        self.emails.setObjectName("emails")
        self.emails.add_button.setObjectName("addEmail")
        phone_box = QGroupBox(self.tr("Phones"))
        phone_layout = QVBoxLayout(phone_box)
        phone_layout.addWidget(self.region_hint)
        phone_layout.addWidget(self.phones)
        email_box = QGroupBox(self.tr("E-mail addresses"))
        QVBoxLayout(email_box).addWidget(self.emails)
        details = QVBoxLayout()
        details.addWidget(phone_box)
        details.addWidget(email_box)
        details.addStretch(1)

        columns = QHBoxLayout()
        columns.addLayout(person, 1)
        columns.addLayout(details, 1)
        self.reason = QLabel()
        self.reason.setObjectName("saveReason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #b3261e;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.history_button = add_history_button(self.buttons, self._contact.get("id"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.reason, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)

    def _make_phone_field(self) -> PhoneField:
        return PhoneField(region=self.region())

    def _load_organizations(self, select: int | None = None) -> None:
        choices = sort_by_name(organization_choices(self.database), lambda o: str(o["label"]))
        self._organizations = {int(o["id"]): o for o in choices}
        self.organization.blockSignals(True)
        self.organization.clear()
        self.organization.addItem("", None)
        for org in choices:
            self.organization.addItem(str(org["label"]), org["id"])
        self.organization.blockSignals(False)
        if select is not None:
            self.organization.setCurrentIndex(max(self.organization.findData(select), 0))

    def _fill(self, organization_id: int | None) -> None:
        contact = self._contact
        self.name_zh.setText(contact.get("name_zh") or "")
        self.name_en.setText(contact.get("name_en") or "")
        self.romanisation.setText(contact.get("romanisation") or "")
        self.honorific.setCurrentText(contact.get("honorific") or "")
        self.title_zh.setText(contact.get("title_zh") or "")
        self.title_en.setText(contact.get("title_en") or "")
        org = contact.get("organization") or {}
        org_id = org.get("id", organization_id)
        self.organization.setCurrentIndex(max(self.organization.findData(org_id), 0))
        self.language.setCurrentIndex(
            max(self.language.findData(contact.get("preferred_language") or Language.ZH_HK), 0)
        )
        self.tags.setText(", ".join(contact.get("tags") or []))
        self.opt_out.setChecked(bool(contact.get("opt_out")))
        self.notes.setPlainText(contact.get("notes") or "")
        region = self.region()
        for phone in contact.get("phones") or []:
            row = self.phones.add_row("", phone["type"])
            assert isinstance(row.entry, PhoneField)
            row.entry.set_region(region)
            row.entry.setText(_phone_text(phone))
        for email in contact.get("emails") or []:
            self.emails.add_row(email["address"], email["type"])
        if not contact:
            self.phones.add_row("", "work")
            self.emails.add_row("", "work")

    def _connect_signals(self) -> None:
        for edit in (self.name_zh, self.name_en):
            edit.textChanged.connect(self.update_save_button)
        self.organization.currentIndexChanged.connect(self.on_organization_changed)
        self.organization.editTextChanged.connect(self.on_organization_changed)
        self.new_organization.clicked.connect(self.on_new_organization)
        self.phones.changed.connect(self.update_save_button)
        self.emails.changed.connect(self.update_save_button)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.history_button.clicked.connect(self.on_history)

    # --- behaviour ---------------------------------------------------------------------------

    @Slot()
    def on_history(self) -> None:
        """Show who changed this contact, what and when."""
        name = display_name(self._contact.get("name_zh"), self._contact.get("name_en"))
        show_history(self, self.database, "contact", int(self._contact["id"]), name)

    def organization_id(self) -> int | None:
        """The chosen organisation, or None."""
        typed = self.organization.currentText().strip()
        if not typed:
            return None
        # What is typed counts, whether or not it was picked from the completer's list.
        index = self.organization.findText(typed, Qt.MatchFlag.MatchFixedString)
        data = self.organization.itemData(index) if index > 0 else None
        return None if data is None else int(data)

    def region(self) -> str:
        """The region of numbers typed without a country code: the organisation's."""
        org = self._organizations.get(self.organization_id() or -1)
        return str(org["phone_region"]) if org else DEFAULT_REGION

    @Slot()
    def on_organization_changed(self) -> None:
        """Read phone numbers in the chosen organisation's region."""
        region = self.region()
        for row in self.phones.rows:
            if isinstance(row.entry, PhoneField):
                row.entry.set_region(region)
        self.region_hint.setText(
            self.tr("Numbers without a country code are read as %1 numbers.").replace(
                "%1", region_label(region)
            )
        )
        self.update_save_button()

    @Slot()
    def on_new_organization(self) -> None:
        """Create an organisation (named as typed) and choose it."""
        typed = self.organization.currentText().strip()
        created = run_new_organization(self, self.database, name=typed)
        if created is not None:
            self._load_organizations(select=int(created["id"]))
            self.on_organization_changed()

    def problems(self) -> list[str]:
        """Why the contact cannot be saved yet (empty when it can)."""
        found = []
        has_name = bool(self.name_zh.text().strip() or self.name_en.text().strip())
        if not has_name and not self.emails.entries():
            found.append(
                self.tr(
                    "Give a Chinese or English name (or an e-mail address for a shared mailbox)."
                )
            )
        typed = self.organization.currentText().strip()
        if typed and self.organization_id() is None:
            found.append(self.tr("Pick the organisation from the list, or create it with New…."))
        for number in self.phones.invalid_rows():
            found.append(
                self.tr("Phone %1 is not valid (see the message under it).").replace(
                    "%1", str(number)
                )
            )
        for number in self.emails.invalid_rows():
            found.append(
                self.tr("E-mail %1 is not valid (see the message under it).").replace(
                    "%1", str(number)
                )
            )
        return found

    @Slot()
    def update_save_button(self) -> None:
        """Enable Save only when every value is valid, and say why not."""
        problems = self.problems()
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(not problems)
        save.setToolTip("\n".join(problems))
        if len(problems) > 1:
            text = (
                self.tr("%1 (and %2 more)")
                .replace("%1", problems[0])
                .replace("%2", str(len(problems) - 1))
            )
        else:
            text = problems[0] if problems else ""
        self.reason.setText(text)
        self.reason.setToolTip("\n".join(problems))

    def data(self) -> ContactData:
        """Everything as entered, with the version the editor loaded."""
        has_name = bool(self.name_zh.text().strip() or self.name_en.text().strip())
        kind = self._contact.get("kind") or ContactKind.PERSON.value
        if not has_name:
            kind = ContactKind.MAILBOX.value
        return ContactData(
            self._contact.get("id"),
            self._contact.get("version"),
            {
                "kind": kind,
                "name_zh": self.name_zh.text(),
                "name_en": self.name_en.text(),
                "romanisation": self.romanisation.text(),
                "honorific": self.honorific.currentText(),
                "title_zh": self.title_zh.text(),
                "title_en": self.title_en.text(),
                "organization_id": self.organization_id(),
                "preferred_language": self.language.currentData(),
                "notes": self.notes.toPlainText(),
                "opt_out": self.opt_out.isChecked(),
            },
            self.phones.entries(),
            self.emails.entries(),
            [t.strip() for t in self.tags.text().replace("，", ",").split(",") if t.strip()],
        )

    @Slot()
    def accept(self) -> None:
        """Close with Save only when the contact can be saved."""
        if not self.problems():
            super().accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        database: Database,
        contact: dict[str, Any] | None = None,
        *,
        organization_id: int | None = None,
    ) -> ContactData | None:
        """Show the editor; the entered data, or None when cancelled."""
        dialog = cls(database, contact, parent, organization_id=organization_id)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.data()


def _phone_text(phone: dict[str, Any]) -> str:
    """A stored number as the editor shows it: international format, with its extension."""
    text = format_phone(phone["e164"])
    return f"{text} ext. {phone['extension']}" if phone.get("extension") else text


def _save_failed(parent: QWidget | None, error: InputRejected) -> None:
    title = (
        QCoreApplication.translate("ContactEditor", "Changed by a colleague")
        if isinstance(error, EditConflict)
        else QCoreApplication.translate("ContactEditor", "Contact not saved")
    )
    warn(parent, title, error.message, "\n".join(p.message for p in error.problems))


def run_new_contact(
    parent: QWidget | None, database: Database, *, organization_id: int | None = None
) -> dict[str, Any] | None:
    """Ask for a new contact and save it; the saved contact, or None."""
    data = ContactEditor.ask(parent, database, organization_id=organization_id)
    if data is None:
        return None
    try:
        return create_contact(database, data.changes())
    except InputRejected as error:
        _save_failed(parent, error)
        return None


def run_edit_contact(
    parent: QWidget | None, database: Database, contact_id: int
) -> dict[str, Any] | None:
    """Edit a contact; a colleague's newer save opens the conflict view, never overwritten."""
    try:
        contact = get_contact(database, contact_id)
    except InputRejected as error:
        _save_failed(parent, error)
        return None

    def edit(shown: dict[str, Any]) -> tuple[dict[str, Any], int] | None:
        data = ContactEditor.ask(parent, database, shown)
        if data is None or data.version is None:
            return None
        return data.changes(), data.version

    try:
        return edit_and_save(parent, database, "contact", contact, edit)
    except InputRejected as error:
        _save_failed(parent, error)
        return None


def screenshot(window: Any) -> QWidget:
    """The editor with the seed release's agency contact, one e-mail still to fix."""
    database: Database = window.database
    org_id = next(
        (o["id"] for o in organization_choices(database) if "Edelman" in o["label"]), None
    )
    contact = {
        "id": 0,
        "version": 1,
        "kind": "person",
        "name_zh": "黃嘉琪",
        "name_en": "June Wong",
        "romanisation": "Wong Ka Kei",
        "honorific": "小姐",
        "title_zh": "客戶總監",
        "title_en": "Account Director",
        "organization": {"id": org_id} if org_id is not None else None,
        "preferred_language": "zh-HK",
        "tags": ["HKSTP", "tech desk"],
        "opt_out": False,
        "notes": "Agency contact for the HKSTP × Horizon MoU (1 Dec 2023).",
        "phones": [
            {"e164": "+85237568623", "type": "work", "extension": None},
            {"e164": "+85269865822", "type": "mobile", "extension": None},
        ],
        "emails": [{"address": "Edelmanhkstppr@edelman.com", "type": "team"}],
    }
    dialog = ContactEditor(database, contact, window)
    dialog.emails.add_row("June.Wong@edelman.com/", "work")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
