"""Log a call (Ctrl+L, from anywhere): who is calling, about what, for how long.

Typing the caller's number in any form (``69865822``, ``+852 6986-5822``, a full-width
``６９８６ ５８２２``) or their name lists the matching contacts as you type; a number
only one contact has picks them at once. A clock runs from the moment the dialog opens
(Stop and Resume for a call that ends or comes back). A caller new to the roster is
added in place. The call is saved as a call log, and, when asked (by default for an
incoming call with a question), as an inquiry in the same unit of work.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.models import CallDirection, utc_now
from desktop.confirm import warn
from desktop.dialogs.inquiry_editor import officer_name, refresh_window
from desktop.problem_text import problem_text
from desktop.widgets.call_timer import CallTimer
from desktop.widgets.contact_picker import (
    ContactPicker,
    contact_names,
    looks_like_number,
    organization_name,
)
from desktop.widgets.inquiry_labels import duration, release_title, short_text
from desktop.widgets.optional_datetime import OptionalDateTimeEdit
from services.calls import CallForm, log_call
from services.inquiries import release_choices
from services.phones import format_phone, normalize_phone
from services.problems import InputRejected
from services.roster import search_contacts


def contact_card_html(contact: dict[str, Any]) -> str:
    """A short card of a contact: names, title, organisation, numbers, addresses."""
    lines = [f"<b style='font-size:large'>{html.escape(contact_names(contact))}</b>"]
    title = contact.get("title")
    org = organization_name(contact)
    detail = " · ".join(part for part in (title, org) if part)
    if detail:
        lines.append(html.escape(detail))
    phones = [format_phone(p["e164"]) for p in contact.get("phones", [])]
    emails = [e["address"] for e in contact.get("emails", [])]
    if phones or emails:
        lines.append(html.escape("  ·  ".join([*phones, *emails])))
    if contact.get("opt_out"):
        lines.append(
            "<span style='color:#a61b0f'>"
            + html.escape(
                QCoreApplication.translate("LogCallDialog", "Asked not to be contacted (opt-out).")
            )
            + "</span>"
        )
    return "<br>".join(lines)


class LogCallDialog(QDialog):
    """The call being taken (or made), with its clock.

    Args:
        database: where the roster and releases are.
        prefill: ``contact`` (a contact dict) and/or ``number`` (as typed), e.g. from
            Find caller; ``direction`` ("outgoing" for a call made).
    """

    def __init__(
        self,
        database: Database,
        prefill: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.started_at = utc_now()
        self._inquiry_box_touched = False
        self.setObjectName("logCallDialog")
        self.setWindowTitle(self.tr("Log a call"))
        self._build()
        self._connect_signals()
        self._apply_prefill(prefill or {})
        self._update()
        self.resize(760, 580)

    # --- construction ------------------------------------------------------------------------

    def _build(self) -> None:
        self.caller = ContactPicker(
            self.database, keep_text=True, limit=6, visible_rows=4, hints=False
        )
        self.caller.setObjectName("caller")
        self.caller.set_placeholder(
            self.tr(
                "Caller's number or name: 6986 5822, +852 6986-5822, ６９８６ ５８２２, 黃嘉琪…"
            )
        )
        font = QFont(self.caller.edit.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.caller.edit.setFont(font)
        self.timer = CallTimer()
        self.timer.setObjectName("timer")
        top = QHBoxLayout()
        top.addWidget(self.caller, 1)
        top.addWidget(self.timer, 0, Qt.AlignmentFlag.AlignTop)

        self.card = QLabel()
        self.card.setObjectName("callerCard")
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setWordWrap(True)
        self.card.setStyleSheet(
            "QLabel#callerCard { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 3px; padding: 6px; }"
        )
        self.card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.remember_number = QCheckBox()
        self.remember_number.setObjectName("rememberNumber")
        self.remember_number.setChecked(True)
        self.new_caller = QGroupBox(self.tr("New caller (added to the roster)"))
        self.new_caller.setObjectName("newCaller")
        self.new_name = QLineEdit()
        self.new_name.setObjectName("newName")
        self.new_name.setPlaceholderText(self.tr("Name (中文 or English)"))
        self.new_outlet = QLineEdit()
        self.new_outlet.setObjectName("newOutlet")
        self.new_outlet.setPlaceholderText(self.tr("Media outlet"))
        new_form = QFormLayout(self.new_caller)
        new_form.addRow(self.tr("&Name"), self.new_name)
        new_form.addRow(self.tr("O&utlet"), self.new_outlet)

        self.incoming = QRadioButton(self.tr("&Incoming"))
        self.incoming.setObjectName("incoming")
        self.outgoing = QRadioButton(self.tr("Out&going"))
        self.outgoing.setObjectName("outgoing")
        self.incoming.setChecked(True)
        self.direction = QButtonGroup(self)
        self.direction.addButton(self.incoming)
        self.direction.addButton(self.outgoing)
        directions = QHBoxLayout()
        directions.addWidget(self.incoming)
        directions.addWidget(self.outgoing)
        directions.addStretch(1)
        self.release = QComboBox()
        self.release.setObjectName("release")
        self.release.addItem(self.tr("(no release)"), None)
        for release in release_choices(self.database):
            self.release.addItem(short_text(release_title(release), 56), release["id"])
        if self.release.count() > 1:
            self.release.setCurrentIndex(1)  # the newest release is what most calls are about
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("summary")
        self.summary.setPlaceholderText(self.tr("What was asked, what you said"))
        self.summary.setTabChangesFocus(True)
        self.follow_up = QCheckBox(self.tr("&Follow-up needed"))
        self.follow_up.setObjectName("followUp")
        self.create_inquiry = QCheckBox(self.tr("Also create an in&quiry"))
        self.create_inquiry.setObjectName("createInquiry")
        self.deadline = OptionalDateTimeEdit(self.tr("Deadline"))
        self.deadline.setObjectName("deadline")
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a61b0f;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.save_button.setToolTip(self.tr("Save the call (Ctrl+Enter)"))
        self.save_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)

        details = QFormLayout()
        details.addRow(self.tr("Direction"), directions)
        details.addRow(self.tr("&Release"), self.release)
        details.addRow(self.tr("&What was asked"), self.summary)
        inquiry_row = QHBoxLayout()
        inquiry_row.addWidget(self.create_inquiry)
        inquiry_row.addWidget(self.deadline, 1)
        details.addRow("", self.follow_up)
        details.addRow("", inquiry_row)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.card)
        layout.addWidget(self.remember_number)
        layout.addWidget(self.new_caller)
        layout.addLayout(details, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setTabOrder(self.caller, self.new_name)
        self.setTabOrder(self.new_name, self.new_outlet)
        self.setTabOrder(self.new_outlet, self.incoming)
        self.setTabOrder(self.incoming, self.release)
        self.setTabOrder(self.release, self.summary)

    def _connect_signals(self) -> None:
        self.caller.contact_chosen.connect(self.on_caller_chosen)
        self.caller.matches_changed.connect(self.on_matches_changed)
        self.caller.edit.textChanged.connect(self.on_changed)
        self.new_name.textChanged.connect(self.on_changed)
        self.summary.textChanged.connect(self.on_changed)
        self.incoming.toggled.connect(self.on_changed)
        self.create_inquiry.clicked.connect(self.on_inquiry_box_clicked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.save_shortcut.activated.connect(self.accept)

    def _apply_prefill(self, prefill: dict[str, Any]) -> None:
        if prefill.get("direction") == CallDirection.OUTGOING:
            self.outgoing.setChecked(True)
        if prefill.get("number"):
            self.caller.setText(prefill["number"])
            self.caller.search_now()
        if prefill.get("contact"):
            self.caller.set_contact(prefill["contact"], show_name=not prefill.get("number"))
        if prefill.get("release_id") is not None:
            self.release.setCurrentIndex(max(self.release.findData(prefill["release_id"]), 0))
        self.summary.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- state -------------------------------------------------------------------------------

    def number(self) -> str | None:
        """The number typed, when what is typed is a number."""
        text = self.caller.text().strip()
        return text if looks_like_number(text) else None

    def _number_is_new_to(self, contact: dict[str, Any]) -> str | None:
        """The typed number in E.164 when the contact does not have it yet, else None."""
        number = self.number()
        e164 = normalize_phone(number) if number else None
        if e164 is None or e164 in {p["e164"] for p in contact.get("phones", [])}:
            return None
        return e164

    def problems(self) -> list[str]:
        """What stops the call from being saved, in words."""
        contact = self.caller.contact()
        known = contact is not None or bool(self.new_name.text().strip())
        found = []
        if not known and self.number() is None:
            found.append(self.tr("Type the caller's number or name, or a new caller's name."))
        if self.create_inquiry.isChecked():
            if not known:
                found.append(
                    self.tr("An inquiry needs to know who asked: pick or name the caller.")
                )
            if not self.summary.toPlainText().strip():
                found.append(self.tr("Write down what was asked, for the inquiry."))
        return found

    def _update(self) -> None:
        contact = self.caller.contact()
        if contact is not None:
            self.card.setText(contact_card_html(contact))
        elif self.number():
            self.card.setText(
                html.escape(
                    self.tr(
                        "Nobody in the roster has %1: add the caller below, or log the call "
                        "with the number only."
                    ).replace("%1", self.caller.text().strip())
                )
            )
        else:
            self.card.setText(
                html.escape(self.tr("Type the number shown on your phone, or a name."))
            )
        self.new_caller.setVisible(contact is None)
        new_number = self._number_is_new_to(contact) if contact is not None else None
        self.remember_number.setVisible(new_number is not None)
        if new_number is not None:
            self.remember_number.setText(
                self.tr("Add %1 to this contact's numbers").replace("%1", format_phone(new_number))
            )
        if not self._inquiry_box_touched:
            wanted = self.incoming.isChecked() and bool(self.summary.toPlainText().strip())
            self.create_inquiry.blockSignals(True)
            self.create_inquiry.setChecked(wanted)
            self.create_inquiry.blockSignals(False)
        self.deadline.setEnabled(self.create_inquiry.isChecked())
        problems = self.problems()
        self.save_button.setEnabled(not problems)
        self.save_button.setToolTip("\n".join(problems) or self.tr("Save the call (Ctrl+Enter)"))

    # --- behaviour ---------------------------------------------------------------------------

    @Slot(object)
    def on_caller_chosen(self, _contact: object) -> None:
        """The caller was found (or forgotten): show who it is."""
        self._update()

    @Slot(int)
    def on_matches_changed(self, count: int) -> None:
        """A name nobody has is the new caller's name."""
        text = self.caller.text().strip()
        if count == 0 and self.caller.typed_new_name() and not self.new_name.isModified():
            self.new_name.setText(text)
        self._update()

    @Slot()
    def on_changed(self) -> None:
        """Something was typed or ticked: re-check."""
        self._update()

    @Slot(bool)
    def on_inquiry_box_clicked(self, _checked: bool) -> None:
        """The officer decided: stop guessing whether an inquiry is wanted."""
        self._inquiry_box_touched = True
        self._update()

    def call_form(self) -> CallForm:
        """The call as the service takes it (the clock read now)."""
        contact = self.caller.contact()
        return CallForm(
            contact_id=contact["id"] if contact else None,
            new_name=None if contact else (self.new_name.text().strip() or None),
            outlet_name=None if contact else (self.new_outlet.text().strip() or None),
            number=self.number(),
            direction=CallDirection.INCOMING
            if self.incoming.isChecked()
            else CallDirection.OUTGOING,
            release_id=self.release.currentData(),
            summary=self.summary.toPlainText().strip(),
            follow_up=self.follow_up.isChecked(),
            started_at=self.started_at,
            duration_seconds=self.timer.seconds(),
            create_inquiry=self.create_inquiry.isChecked(),
            deadline=self.deadline.value() if self.create_inquiry.isChecked() else None,
            remember_number=self.remember_number.isChecked(),
        )

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            self.problem.setText("\n".join(problems))
            return
        self.timer.stop()
        super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, database: Database, prefill: dict[str, Any] | None = None
    ) -> CallForm | None:
        """Show the dialog; the call, or None when cancelled."""
        dialog = cls(database, prefill, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.call_form()
        finally:
            dialog.deleteLater()


def run_log_call(window: QWidget, prefill: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """Inquiries → Log a call… (Ctrl+L): the dialog, then the service; what was saved or None."""
    database: Database = window.database  # type: ignore[attr-defined]
    form = LogCallDialog.ask(window, database, prefill)
    if form is None:
        return None
    try:
        saved = log_call(database, form, user=officer_name())
    except InputRejected as exc:
        warn(
            window,
            QCoreApplication.translate("LogCallDialog", "Call not saved"),
            exc.message,
            "\n".join(problem_text(p) for p in exc.problems),
        )
        return None
    refresh_window(window)
    if isinstance(window, QMainWindow):
        message = (
            QCoreApplication.translate(
                "LogCallDialog", "Call logged (%1) and inquiry %2 created."
            ).replace("%2", str(saved["inquiry"]["id"]))
            if saved["inquiry"] and form.create_inquiry
            else QCoreApplication.translate("LogCallDialog", "Call logged (%1).")
        ).replace("%1", duration(form.duration_seconds))
        window.statusBar().showMessage(message, 8000)
    return saved


def screenshot(window: QWidget) -> QWidget:
    """The dialog during a call from 黃嘉琪's mobile (built and shown, not run)."""
    database: Database = window.database  # type: ignore[attr-defined]
    found = search_contacts(database, "6986 5822", limit=1)
    prefill: dict[str, Any] = {"number": "+852 6986-5822"}
    if found:
        prefill["contact"] = found[0]
    dialog = LogCallDialog(database, prefill, window)
    dialog.summary.setPlainText("想確認合作備忘錄幾時生效，同埋可否安排專訪余凱博士。")
    dialog.follow_up.setChecked(True)
    dialog.show()
    return dialog
