"""The inquiry editor: who asked (picked from the roster or new), about what, by when.

The journalist is found as you type (a name in either script, an e-mail, a number in
any form); their outlet, number and address fill in. Phone and e-mail are checked as
you type, with the likely correction one click away. The status offers only the moves
the workflow allows, and the first response is recorded by the service when the status
first leaves "new". Saving an edit names the version the form loaded: a colleague's
save in the meantime is never overwritten.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QStringListModel, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.models import InquiryChannel, InquiryStatus
from desktop.confirm import warn
from desktop.dialogs.conflict import edit_and_save
from desktop.dialogs.history import add_history_button, show_history
from desktop.widgets.contact_picker import ContactPicker, organization_name
from desktop.widgets.email_field import EmailField
from desktop.widgets.inquiry_labels import (
    channel_label,
    local_time,
    release_title,
    response_time,
    short_text,
    status_label,
)
from desktop.widgets.optional_datetime import (
    OptionalDateTimeEdit,
    from_qdatetime,
    to_qdatetime,
)
from desktop.widgets.phone_field import PhoneField
from services.inquiries import (
    InquiryForm,
    contact_cards,
    create_inquiry,
    get_inquiry,
    next_statuses,
    outlet_choices,
    release_choices,
)
from services.phones import format_phone
from services.problems import InputRejected
from services.roster import search_contacts
from services.settings import load_settings

Inquiry = dict[str, Any]
OUTLET_SEARCH_DELAY_MS = 80


def officer_name() -> str:
    """Who is saving, for the audit trail: the officer named in Settings, or ""."""
    with contextlib.suppress(InputRejected):
        return load_settings().officer_name
    return ""


def refresh_window(window: QWidget) -> None:
    """Reload the main window's views after a dialog changed data (no-op elsewhere)."""
    refresh = getattr(window, "refresh_all", None)
    if callable(refresh):
        refresh()


def _outlet_display(org: dict[str, Any]) -> str:
    name = org.get("name_zh") or org.get("name_en") or org.get("short_name") or ""
    short = org.get("short_name")
    return f"{name} ({short})" if short and short != name else str(name)


def _same_minute(first: datetime, second: datetime) -> bool:
    return first.replace(second=0, microsecond=0) == second.replace(second=0, microsecond=0)


@dataclass(frozen=True)
class InquiryEdit:
    """What the editor gives back: the form, and for an edit the inquiry and its version."""

    form: InquiryForm
    inquiry_id: int | None = None
    expected_version: int | None = None


class InquiryEditor(QDialog):
    """Create or edit one inquiry.

    Args:
        database: where the roster and releases are.
        inquiry: the inquiry to edit (from ``get_inquiry``), or None for a new one.
        prefill: for a new inquiry, values to start from: ``journalist`` (a contact
            dict), ``journalist_name``, ``phone``, ``email``, ``release_id``,
            ``question``, ``channel``.
    """

    def __init__(
        self,
        database: Database,
        inquiry: Inquiry | None = None,
        prefill: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.inquiry = inquiry
        self._outlets: dict[str, int] = {}
        self._outlet_timer = QTimer(self)
        self._outlet_timer.setSingleShot(True)
        self._outlet_timer.setInterval(OUTLET_SEARCH_DELAY_MS)
        self.setObjectName("inquiryEditor")
        self.setWindowTitle(
            self.tr("Inquiry %1").replace("%1", str(inquiry["id"]))
            if inquiry
            else self.tr("New inquiry")
        )
        self._build()
        self._connect_signals()
        if inquiry is not None:
            self._load(inquiry)
        else:
            self._prefill(prefill or {})
        self._update_save_button()
        self.resize(900, 640)

    # --- construction ------------------------------------------------------------------------

    def _build(self) -> None:
        who = QGroupBox(self.tr("Who asked"))
        self.journalist = ContactPicker(self.database, limit=8, visible_rows=4)
        self.journalist.setObjectName("journalist")
        self.journalist.set_placeholder(
            self.tr("Name (中文 / English), e-mail or phone — type to search the roster")
        )
        self.outlet = QLineEdit()
        self.outlet.setObjectName("outlet")
        self.outlet.setPlaceholderText(self.tr("Media outlet (found or added)"))
        self._outlet_model = QStringListModel(self)
        completer = QCompleter(self._outlet_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.outlet.setCompleter(completer)
        self.phone = PhoneField()
        self.phone.setObjectName("phone")
        self.email = EmailField()
        self.email.setObjectName("email")
        who_form = QFormLayout(who)
        who_form.addRow(self.tr("&Journalist"), self.journalist)
        who_form.addRow(self.tr("&Outlet"), self.outlet)
        who_form.addRow(self.tr("&Phone"), self.phone)
        who_form.addRow(self.tr("E-&mail"), self.email)

        what = QGroupBox(self.tr("The inquiry"))
        self.release = QComboBox()
        self.release.setObjectName("release")
        self.release.addItem(self.tr("(no release)"), None)
        for release in release_choices(self.database):
            self.release.addItem(short_text(release_title(release), 48), release["id"])
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for channel in InquiryChannel:
            self.channel.addItem(channel_label(channel), channel.value)
        self.received = QDateTimeEdit()
        self.received.setObjectName("received")
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.deadline = OptionalDateTimeEdit(self.tr("Deadline"))
        self.deadline.setObjectName("deadline")
        self.owner = ContactPicker(self.database, limit=6, visible_rows=3)
        self.owner.setObjectName("owner")
        self.owner.set_placeholder(self.tr("Colleague who handles it (optional)"))
        self.status = QComboBox()
        self.status.setObjectName("status")
        self.first_response = QLabel()
        self.first_response.setObjectName("firstResponse")
        what_form = QFormLayout(what)
        what_form.addRow(self.tr("&Release"), self.release)
        what_form.addRow(self.tr("&Channel"), self.channel)
        what_form.addRow(self.tr("Recei&ved"), self.received)
        what_form.addRow(self.tr("Due"), self.deadline)
        what_form.addRow(self.tr("O&wner"), self.owner)
        what_form.addRow(self.tr("&Status"), self.status)
        what_form.addRow(self.tr("First response"), self.first_response)

        self.question = QPlainTextEdit()
        self.question.setObjectName("question")
        self.question.setPlaceholderText(self.tr("What was asked"))
        self.question.setTabChangesFocus(True)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setPlaceholderText(self.tr("Notes for colleagues (not sent to anyone)"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a61b0f;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.history_button = add_history_button(
            self.buttons, self.inquiry["id"] if self.inquiry else None
        )

        columns = QHBoxLayout()
        columns.addWidget(who, 1)
        columns.addWidget(what, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        question_label = QLabel(self.tr("&Question"))
        question_label.setBuddy(self.question)
        layout.addWidget(question_label)
        layout.addWidget(self.question, 1)
        notes_label = QLabel(self.tr("&Notes"))
        notes_label.setBuddy(self.notes)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.journalist, self.outlet)
        self.setTabOrder(self.outlet, self.phone)
        self.setTabOrder(self.phone, self.email)
        self.setTabOrder(self.email, self.release)
        self.setTabOrder(self.release, self.channel)
        self.setTabOrder(self.channel, self.question)

    def _connect_signals(self) -> None:
        self.journalist.contact_chosen.connect(self.on_journalist_chosen)
        self.journalist.edit.textChanged.connect(self.on_form_changed)
        self.owner.edit.textChanged.connect(self.on_form_changed)
        self.owner.contact_chosen.connect(self.on_form_changed)
        self.outlet.textEdited.connect(self.on_outlet_edited)
        self._outlet_timer.timeout.connect(self.search_outlets)
        self.phone.checked.connect(self.on_form_changed)
        self.email.checked.connect(self.on_form_changed)
        self.question.textChanged.connect(self.on_form_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.history_button.clicked.connect(self.on_history)

    @Slot()
    def on_history(self) -> None:
        """Show who changed this inquiry, what and when."""
        if self.inquiry is not None:
            show_history(
                self, self.database, "inquiry", int(self.inquiry["id"]), self.windowTitle()
            )

    # --- filling the form --------------------------------------------------------------------

    def _set_statuses(self, current: str, *, new: bool) -> None:
        """Offer the current status and the moves the workflow allows from it."""
        self.status.clear()
        choices = [current, *next_statuses(current)]
        for status in choices:
            self.status.addItem(status_label(status), status)
        self.status.setCurrentIndex(0)
        self.status.setToolTip(
            self.tr("A new inquiry starts as New; later only the next steps are offered.")
            if new
            else self.tr("Only the next steps of the workflow are offered.")
        )

    def _set_outlet(self, name: str, outlet_id: int | None) -> None:
        self.outlet.setText(name)
        if outlet_id is not None and name:
            self._outlets[name] = outlet_id

    def _load(self, inquiry: Inquiry) -> None:
        people = {
            c["id"]: c
            for c in contact_cards(self.database, [inquiry["journalist_id"], inquiry["owner"]])
        }
        if inquiry.get("journalist_id") in people:
            self.journalist.set_contact(people[inquiry["journalist_id"]])
        self._set_outlet(inquiry.get("outlet") or "", inquiry.get("outlet_id"))
        self.phone.setText(format_phone(inquiry["phone"]) if inquiry.get("phone") else "")
        self.email.setText(inquiry.get("email") or "")
        self.release.setCurrentIndex(max(self.release.findData(inquiry.get("release_id")), 0))
        self.channel.setCurrentIndex(max(self.channel.findData(inquiry["channel"]), 0))
        self.received.setDateTime(to_qdatetime(datetime.fromisoformat(inquiry["received_at"])))
        deadline = inquiry.get("deadline")
        self.deadline.set_value(datetime.fromisoformat(deadline) if deadline else None)
        if inquiry.get("owner") in people:
            self.owner.set_contact(people[inquiry["owner"]])
        self._set_statuses(inquiry["status"], new=False)
        self.question.setPlainText(inquiry.get("question") or "")
        self.notes.setPlainText(inquiry.get("notes") or "")
        self._show_first_response(inquiry)

    def _prefill(self, prefill: dict[str, Any]) -> None:
        self._set_statuses(InquiryStatus.NEW, new=True)
        self.received.setDateTime(to_qdatetime(datetime.now().astimezone()))
        journalist = prefill.get("journalist")
        if journalist:
            self.journalist.set_contact(journalist)
            self.on_journalist_chosen(journalist)
        elif prefill.get("journalist_name"):
            self.journalist.setText(prefill["journalist_name"])
        if prefill.get("phone"):
            self.phone.setText(prefill["phone"])
        if prefill.get("email"):
            self.email.setText(prefill["email"])
        if prefill.get("release_id") is not None:
            self.release.setCurrentIndex(max(self.release.findData(prefill["release_id"]), 0))
        if prefill.get("channel"):
            self.channel.setCurrentIndex(max(self.channel.findData(prefill["channel"]), 0))
        self.question.setPlainText(prefill.get("question", ""))
        self.first_response.setText(self.tr("Recorded when the status first leaves New."))

    def _show_first_response(self, inquiry: Inquiry) -> None:
        seconds = inquiry.get("first_response_seconds")
        if seconds is None:
            self.first_response.setText(self.tr("Not yet — recorded when the status leaves New."))
            return
        self.first_response.setText(
            self.tr("%1 (%2 after it came in)")
            .replace("%1", local_time(inquiry["first_response_at"]))
            .replace("%2", response_time(seconds))
        )

    # --- behaviour ---------------------------------------------------------------------------

    @Slot(object)
    def on_journalist_chosen(self, contact: dict[str, Any] | None) -> None:
        """A journalist was picked: fill in their outlet, number and address where empty."""
        if contact is None:
            return
        org = contact.get("organization")
        if org:  # the person picked brings their outlet (which can still be changed)
            self._set_outlet(organization_name(contact), org.get("id"))
        if not self.phone.text().strip() and contact.get("phones"):
            self.phone.setText(format_phone(contact["phones"][0]["e164"]))
        if not self.email.text().strip() and contact.get("emails"):
            self.email.setText(contact["emails"][0]["address"])
        self.on_form_changed()

    @Slot(str)
    def on_outlet_edited(self, _text: str) -> None:
        """Look for outlets after a short pause in typing."""
        self._outlet_timer.start()

    @Slot()
    def search_outlets(self) -> None:
        """Offer the outlets whose names hold what is typed."""
        self._outlet_timer.stop()
        names = []
        for org in outlet_choices(self.database, self.outlet.text(), limit=15):
            name = _outlet_display(org)
            self._outlets[name] = org["id"]
            names.append(name)
        self._outlet_model.setStringList(names)

    def problems(self) -> list[str]:
        """What stops the form from being saved, in words (empty when it can be saved)."""
        found = []
        if self.journalist.contact() is None and not self.journalist.typed_new_name():
            found.append(self.tr("Say who asked: pick a journalist or type a new one's name."))
        if not self.question.toPlainText().strip():
            found.append(self.tr("Write down what was asked."))
        if not self.phone.is_valid():
            found.append(self.tr("The phone number is not valid."))
        if not self.email.is_valid():
            found.append(self.tr("The e-mail address is not valid."))
        if self.owner.text().strip() and self.owner.contact() is None:
            found.append(self.tr("Pick the owner from the roster (or leave it empty)."))
        return found

    @Slot()
    def on_form_changed(self) -> None:
        """Re-check the form."""
        self._update_save_button()

    def _update_save_button(self) -> None:
        problems = self.problems()
        self.save_button.setEnabled(not problems)
        self.save_button.setToolTip("\n".join(problems))

    def edit_result(self) -> InquiryEdit:
        """The form as the service takes it.

        Raises:
            ValueError: a field the service refuses (the Save button prevents this).
        """
        journalist = self.journalist.contact()
        outlet_text = self.outlet.text().strip()
        outlet_id = self._outlets.get(outlet_text)
        values: dict[str, Any] = {
            "release_id": self.release.currentData(),
            "journalist_id": journalist["id"] if journalist else None,
            "journalist_name": None if journalist else self.journalist.typed_new_name(),
            "outlet_id": outlet_id,
            "outlet_name": None if outlet_id is not None else (outlet_text or None),
            "channel": self.channel.currentData(),
            "question": self.question.toPlainText().strip(),
            "phone": self.phone.value(),
            "email": self.email.value(),
            "deadline": self.deadline.value(),
            "owner_id": (self.owner.contact() or {}).get("id"),
            "status": self.status.currentData(),
            "notes": self.notes.toPlainText().strip() or None,
            "received_at": from_qdatetime(self.received.dateTime()),
        }
        if self.inquiry is None:
            return InquiryEdit(InquiryForm(**values))
        # The editors show minutes: a time left alone is not sent back cut to the minute
        # (that would move it, and log a change nobody made).
        for name in ("received_at", "deadline"):
            stored = self.inquiry.get(name)
            shown = values[name]
            if stored and shown and _same_minute(datetime.fromisoformat(stored), shown):
                del values[name]
        form = InquiryForm(**values)
        return InquiryEdit(form, self.inquiry["id"], self.inquiry["version"])

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            self.problem.setText("\n".join(problems))
            return
        super().accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        database: Database,
        inquiry: Inquiry | None = None,
        prefill: dict[str, Any] | None = None,
    ) -> InquiryEdit | None:
        """Show the editor; the edit, or None when cancelled."""
        dialog = cls(database, inquiry, prefill, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.edit_result()
        finally:
            dialog.deleteLater()


def run_new_inquiry(window: QWidget, prefill: dict[str, Any] | None = None) -> Inquiry | None:
    """Inquiries → New inquiry…: the editor, then the service; the saved inquiry or None."""
    database: Database = window.database  # type: ignore[attr-defined]
    edit = InquiryEditor.ask(window, database, prefill=prefill)
    if edit is None:
        return None
    try:
        saved = create_inquiry(database, edit.form, user=officer_name())
    except InputRejected as exc:
        warn(
            window,
            QCoreApplication.translate("InquiryEditor", "Inquiry not saved"),
            exc.message,
            "\n".join(p.message for p in exc.problems),
        )
        return None
    refresh_window(window)
    return saved


def run_edit_inquiry(parent: QWidget, database: Database, inquiry_id: int) -> Inquiry | None:
    """Open one inquiry in the editor and save the edit; the saved inquiry or None.

    A colleague's save in the meantime is never overwritten: the conflict view shows
    theirs beside the officer's form, to keep, take or merge.
    """
    try:
        inquiry = get_inquiry(database, inquiry_id)
    except InputRejected as exc:
        warn(parent, QCoreApplication.translate("InquiryEditor", "Inquiry not found"), exc.message)
        return None

    def edit(shown: Inquiry) -> tuple[dict[str, Any], int] | None:
        result = InquiryEditor.ask(parent, database, shown)
        if result is None or result.expected_version is None:
            return None
        return result.form.model_dump(include=result.form.model_fields_set), result.expected_version

    try:
        return edit_and_save(parent, database, "inquiry", inquiry, edit, user=officer_name())
    except InputRejected as exc:
        warn(
            parent,
            QCoreApplication.translate("InquiryEditor", "Inquiry not saved"),
            exc.message,
            "\n".join(p.message for p in exc.problems),
        )
        return None


def screenshot(window: QWidget) -> QWidget:
    """The editor filled with a realistic new inquiry (built and shown, not run)."""
    database: Database = window.database  # type: ignore[attr-defined]
    found = search_contacts(database, "黃嘉琪", limit=1)
    releases = release_choices(database)
    prefill: dict[str, Any] = {
        "journalist": found[0] if found else None,
        "journalist_name": None if found else "黃嘉琪",
        "release_id": releases[0]["id"] if releases else None,
        "question": "合作備忘錄幾時生效？可否安排專訪余凱博士？",
        "channel": InquiryChannel.PHONE.value,
    }
    dialog = InquiryEditor(database, prefill=prefill, parent=window)
    dialog.email.setText("June.Wong@edelman.com/")
    dialog.show()
    return dialog
