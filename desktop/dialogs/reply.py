"""Inquiries → Reply by e-mail…: choose a template, see the exact message, edit, deliver.

The dialog shows the message exactly as it will leave (From, To, Cc, Subject, body) and
lets the officer edit it. Delivery goes through :func:`services.replies.deliver_reply`:
over SMTP in a worker thread, to the mail client (a ``mailto:`` URL opened on the GUI
thread), or into an ``.eml`` file. When delivery fails the draft stays in the dialog and
nothing is logged; when it succeeds the inquiry shows the reply and its first response.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.models import InquiryChannel, InquiryStatus
from desktop.confirm import inform, warn
from desktop.problem_text import error_text
from desktop.widgets.inquiry_labels import local_time, response_time, status_label
from desktop.workers import Progress, ProgressTask, Task
from services.inquiries import InquiryCreate, add_inquiry, get_inquiry, list_inquiries
from services.mail import MailError, format_mailboxes, parse_mailboxes
from services.problems import InputRejected
from services.replies import (
    ReplyDraft,
    deliver_reply,
    render_reply,
    sent_replies,
    templates_for_inquiry,
)
from services.roster import list_releases
from services.settings import Settings, SmtpSettings, load_settings
from services.templates import LANGUAGE_NAMES, UnfilledFieldError

ERROR_STYLE = "QLabel { background: #fde0dc; color: #87140a; padding: 6px; }"
WARNING_STYLE = "QLabel { background: #fff1c4; color: #604200; padding: 6px; }"
SUCCESS_STYLE = "QLabel { background: #dff3e0; color: #14521a; padding: 6px; }"
# The statuses a reply may set (the service refuses others).
REPLY_STATUSES = (InquiryStatus.ANSWERED, InquiryStatus.DECLINED, InquiryStatus.IN_PROGRESS)


def _failure_headline(kind: str) -> str:
    """What went wrong, in the officer's words, by :class:`MailError` kind."""
    headlines = {
        "login": QCoreApplication.translate(
            "ReplyDialog",
            "The mail server refused the login: check the user name and password "
            "(File → Mail server…).",
        ),
        "connection": QCoreApplication.translate(
            "ReplyDialog",
            "The mail server could not be reached: check the server name, the port and the network.",
        ),
        "tls": QCoreApplication.translate(
            "ReplyDialog", "A secure connection to the mail server could not be made."
        ),
        "recipient": QCoreApplication.translate(
            "ReplyDialog", "The mail server refused a recipient: check the To and Cc addresses."
        ),
        "sender": QCoreApplication.translate(
            "ReplyDialog", "The mail server refused your From address."
        ),
        "address": QCoreApplication.translate("ReplyDialog", "An address is not valid."),
        "config": QCoreApplication.translate(
            "ReplyDialog", "The mail server is not set up (File → Mail server…)."
        ),
        "client": QCoreApplication.translate(
            "ReplyDialog", "Your mail client could not take this message: save it as .eml instead."
        ),
    }
    return headlines.get(
        kind, QCoreApplication.translate("ReplyDialog", "The reply could not be delivered.")
    )


def eml_hint() -> str:
    """How each mail client opens a saved .eml (the save dialog and the outcome say it)."""
    return QCoreApplication.translate(
        "ReplyDialog",
        "Outlook opens the .eml as a draft ready to send. Thunderbird opens it read-only, "
        "as a received message: choose Message → Edit as New Message (Ctrl+E) there to send "
        'it, or use "Open in mail client" instead.',
    )


def open_mail_client(url: str) -> bool:
    """Hand a ``mailto:`` URL (already percent-encoded) to the desktop's mail client."""
    return QDesktopServices.openUrl(QUrl.fromEncoded(url.encode("ascii")))


class ReplyDialog(QDialog):
    """The reply to one inquiry: template, exact preview, edit, send / mail client / .eml."""

    #: Emitted with deliver_reply's result once the reply is delivered and logged.
    delivered = Signal(object)
    #: Emitted with the message shown when delivery failed (nothing was logged).
    failed = Signal(str)

    def __init__(
        self,
        database: Database,
        inquiry_id: int,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("replyDialog")
        self.setWindowTitle(self.tr("Reply by e-mail"))
        self.database = database
        self.inquiry_id = inquiry_id
        self.settings = settings or load_settings()
        self.draft: ReplyDraft | None = None
        self.delivery: dict[str, Any] | None = None
        self.task: Task | None = None
        self._busy = False
        self.templates = templates_for_inquiry(database, inquiry_id)
        self._build()
        self._connect_signals()
        self._show_inquiry()
        self._fill_templates()

    # --- construction ------------------------------------------------------------------------

    def _build(self) -> None:
        self.inquiry_label = QLabel()
        self.inquiry_label.setObjectName("inquirySummary")
        self.inquiry_label.setWordWrap(True)
        self.language = QComboBox()
        self.language.setObjectName("language")
        preferred = next((t["language"] for t in self.templates if t["preferred"]), None)
        for code in dict.fromkeys(t["language"] for t in self.templates):
            name = LANGUAGE_NAMES.get(code, code)
            if code == preferred:
                name = self.tr("%1 (the journalist's language)").replace("%1", name)
            self.language.addItem(name, code)
        self.template = QComboBox()
        self.template.setObjectName("template")
        self.template.setMinimumContentsLength(24)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("Template")))
        choose.addWidget(self.template, 1)
        choose.addWidget(QLabel(self.tr("Language")))
        choose.addWidget(self.language)

        self.refusal = QLabel()
        self.refusal.setObjectName("templateError")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet(ERROR_STYLE)
        self.refusal.hide()

        self.sender_label = QLabel()
        self.sender_label.setObjectName("sender")
        self.to = QLineEdit()
        self.to.setObjectName("to")
        self.cc = QLineEdit()
        self.cc.setObjectName("cc")
        self.cc.setPlaceholderText(self.tr("more addresses, separated by commas"))
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.body = QPlainTextEdit()
        self.body.setObjectName("body")
        self.html = QTextBrowser()
        self.html.setObjectName("htmlPreview")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.body, self.tr("Message (sent exactly as shown)"))
        self.tabs.addTab(self.html, self.tr("HTML part"))
        self.message_form = QWidget()
        form = QFormLayout(self.message_form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("From"), self.sender_label)
        form.addRow(self.tr("To"), self.to)
        form.addRow(self.tr("Cc"), self.cc)
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tabs)

        self.warnings = QLabel()
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.warnings.hide()
        self.override = QCheckBox(
            self.tr("Send anyway: I have a reason to override the opt-out (it is recorded)")
        )
        self.override.setObjectName("overrideOptOut")
        self.override.hide()

        self.mark = QCheckBox(self.tr("Afterwards, set the inquiry's status to"))
        self.mark.setObjectName("markAnswered")
        self.mark.setChecked(True)
        self.status = QComboBox()
        self.status.setObjectName("status")
        for status in REPLY_STATUSES:
            self.status.addItem(status_label(status), str(status))
        status_row = QHBoxLayout()
        status_row.addWidget(self.mark)
        status_row.addWidget(self.status)
        status_row.addStretch(1)

        self.outcome = QLabel()
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.history = QListWidget()
        self.history.setObjectName("sentReplies")
        self.history.setMaximumHeight(70)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.send_button = QPushButton(self.tr("&Send"))
        self.send_button.setObjectName("send")
        self.client_button = QPushButton(self.tr("Open in &mail client"))
        self.client_button.setObjectName("openInMailClient")
        self.eml_button = QPushButton(self.tr("Save as .&eml…"))
        self.eml_button.setObjectName("saveEml")
        self.eml_button.setToolTip(eml_hint())
        self.client_button.setToolTip(
            self.tr(
                "Opens a new message in your mail client with To, Cc, subject and the plain "
                "text filled in (no HTML part). A long message does not fit in the link: "
                "save it as .eml instead."
            )
        )
        for button in (self.send_button, self.client_button, self.eml_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.inquiry_label)
        layout.addLayout(choose)
        layout.addWidget(self.refusal)
        layout.addWidget(self.message_form, 1)
        layout.addWidget(self.warnings)
        layout.addWidget(self.override)
        layout.addLayout(status_row)
        layout.addWidget(self.outcome)
        layout.addWidget(QLabel(self.tr("Replies already sent on this inquiry")))
        layout.addWidget(self.history)
        layout.addWidget(self.buttons)
        self.resize(760, 720)

    def _connect_signals(self) -> None:
        self.language.currentIndexChanged.connect(self.on_language_changed)
        self.template.currentIndexChanged.connect(self.on_template_changed)
        self.override.toggled.connect(self.on_override_toggled)
        self.mark.toggled.connect(self.status.setEnabled)
        self.send_button.clicked.connect(self.on_send)
        self.client_button.clicked.connect(self.on_open_in_mail_client)
        self.eml_button.clicked.connect(self.on_save_eml)
        self.buttons.rejected.connect(self.reject)

    # --- showing -----------------------------------------------------------------------------

    def _show_inquiry(self) -> None:
        inquiry = get_inquiry(self.database, self.inquiry_id)
        who = " · ".join(n for n in (inquiry.get("journalist"), inquiry.get("outlet")) if n)
        question = (inquiry.get("question") or "").strip().splitlines()
        first = question[0] if question else ""
        lines = [f"<b>{_escape(who)}</b> — {_escape(first[:160])}"]
        status = self.tr("Status: %1").replace("%1", status_label(inquiry["status"]))
        if inquiry.get("first_response_at"):
            status += " · " + self.tr("First response: %1 (after %2)").replace(
                "%1", local_time(inquiry["first_response_at"])
            ).replace("%2", response_time(inquiry.get("first_response_seconds")))
        else:
            status += " · " + self.tr("No response yet")
        lines.append(_escape(status))
        self.inquiry_label.setText("<br>".join(lines))
        self.inquiry = inquiry
        self.history.clear()
        for sent in sent_replies(self.database, self.inquiry_id):
            self.history.addItem(
                self.tr("%1 · %2 · to %3 · %4")
                .replace("%1", local_time(sent["sent_at"]))
                .replace("%2", _method_label(sent["method"]))
                .replace("%3", sent["to"])
                .replace("%4", sent["subject"])
            )

    def _fill_templates(self) -> None:
        code = self.language.currentData()
        current = self.template.currentData()
        name = next((t["name"] for t in self.templates if t["id"] == current), None)
        self.template.blockSignals(True)
        self.template.clear()
        for template in self.templates:
            if template["language"] == code:
                self.template.addItem(template["label"], template["id"])
        # Keep the same kind of reply when the officer switches language.
        same = next(
            (
                i
                for i in range(self.template.count())
                if any(
                    t["id"] == self.template.itemData(i) and t["name"] == name
                    for t in self.templates
                )
            ),
            0,
        )
        self.template.setCurrentIndex(same)
        self.template.blockSignals(False)
        self.on_template_changed(self.template.currentIndex())

    def select_template(self, name: str, language: str) -> bool:
        """Choose a template by name and language (as a user picking it); False if absent."""
        index = self.language.findData(language)
        if index < 0:
            return False
        self.language.setCurrentIndex(index)
        for row in range(self.template.count()):
            template_id = self.template.itemData(row)
            if any(t["id"] == template_id and t["name"] == name for t in self.templates):
                self.template.setCurrentIndex(row)
                self.on_template_changed(row)
                return True
        return False

    def show_template(self, template: int | dict[str, Any]) -> ReplyDraft | None:
        """Fill a template (an id, or an unsaved template dict) and show the message."""
        try:
            draft = render_reply(self.database, self.inquiry_id, template, settings=self.settings)
        except UnfilledFieldError as exc:
            self._refuse(
                self.tr(
                    'This template cannot be filled for this inquiry: the field "%1" has no '
                    "value. Nothing can be sent with it; choose another template or fix the "
                    "template."
                ).replace("%1", exc.field)
                + "\n"
                + exc.message
            )
            return None
        except InputRejected as exc:
            self._refuse(self.tr("This template cannot be used: %1").replace("%1", exc.message))
            return None
        self._show_draft(draft)
        return draft

    def _refuse(self, text: str) -> None:
        self.draft = None
        self.refusal.setText(text)
        self.refusal.show()
        for box in (self.to, self.cc, self.subject):
            box.clear()
        self.body.clear()
        self.html.clear()
        self.sender_label.clear()
        self.message_form.setEnabled(False)
        self.warnings.hide()
        self.override.hide()
        self._update_buttons()

    def _show_draft(self, draft: ReplyDraft) -> None:
        self.draft = draft
        self.refusal.hide()
        self.message_form.setEnabled(True)
        self.sender_label.setText(
            str(draft.sender)
            if draft.sender
            else self.tr("(no From address: set it in File → Mail server…)")
        )
        self.to.setText(format_mailboxes(draft.to))
        self.cc.setText(format_mailboxes(draft.cc))
        self.subject.setText(draft.subject)
        self.body.setPlainText(draft.body_text)
        self.tabs.setTabEnabled(1, draft.body_html is not None)
        self.html.setHtml(draft.body_html or "")
        warnings = list(draft.warnings)
        if draft.opted_out:
            warnings.insert(
                0,
                self.tr(
                    "%1 asked not to be e-mailed (opt-out). Nothing will be sent unless you "
                    "tick the override below."
                ).replace("%1", ", ".join(draft.opted_out)),
            )
        self.warnings.setText("\n".join(warnings))
        self.warnings.setVisible(bool(warnings))
        self.override.setChecked(False)
        self.override.setVisible(bool(draft.opted_out))
        index = self.status.findData(draft.suggested_status)
        self.status.setCurrentIndex(max(0, index))
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = (
            self.draft is not None
            and self.delivery is None
            and not self._busy
            and (not self.draft.opted_out or self.override.isChecked())
        )
        for button in (self.send_button, self.client_button, self.eml_button):
            button.setEnabled(ready)

    def _show_error(self, text: str) -> None:
        self.outcome.setStyleSheet(ERROR_STYLE)
        self.outcome.setText(text)
        self.outcome.show()
        self.failed.emit(text)

    # --- the message as edited ---------------------------------------------------------------

    def current_draft(self) -> ReplyDraft:
        """The draft as the officer left it in the form.

        Raises:
            MailError: an address in To or Cc is not valid.
            InputRejected: there is no message (the template could not be filled).
        """
        if self.draft is None:
            raise InputRejected(self.tr("There is no message to send."))
        return dataclasses.replace(
            self.draft,
            to=parse_mailboxes(self.to.text(), field="to"),
            cc=parse_mailboxes(self.cc.text(), field="cc"),
            subject=self.subject.text(),
            body_text=self.body.toPlainText(),
        )

    def _delivery_options(self) -> dict[str, Any]:
        return {
            "settings": self.settings,
            "mark_answered": self.mark.isChecked(),
            "status": str(self.status.currentData()),
            "override_opt_out": self.override.isChecked(),
        }

    # --- slots -------------------------------------------------------------------------------

    @Slot(int)
    def on_language_changed(self, _index: int) -> None:
        """List the templates in the chosen language."""
        self._fill_templates()

    @Slot(int)
    def on_template_changed(self, index: int) -> None:
        """Fill the chosen template."""
        if index < 0:
            self._refuse(self.tr("There is no template in this language."))
            return
        self.outcome.hide()
        self.show_template(int(self.template.itemData(index)))

    @Slot(bool)
    def on_override_toggled(self, _checked: bool) -> None:
        """The opt-out override allows delivery."""
        self._update_buttons()

    @Slot()
    def on_send(self) -> None:
        """Send over SMTP in a worker thread; the draft stays whatever happens."""
        try:
            draft = self.current_draft()
        except InputRejected as exc:
            self._show_error(error_text(exc))
            return
        smtp: SmtpSettings = self.settings.smtp
        if not smtp.host:
            self._show_error(_failure_headline("config"))
            return
        from desktop.dialogs.smtp_settings import password_for  # noqa: PLC0415 - lazy

        password, go_on = password_for(smtp, self)
        if not go_on:
            return
        options = self._delivery_options()
        database, inquiry_id = self.database, self.inquiry_id

        def work(_progress: Progress) -> dict[str, Any]:
            return deliver_reply(database, inquiry_id, draft, "smtp", password=password, **options)

        self.task = Task(work)
        self.task.signals.succeeded.connect(self.on_delivered)
        self.task.signals.rejected.connect(self.on_rejected)
        self.task.signals.crashed.connect(self.on_crashed)
        self.task.signals.done.connect(self.on_task_done)
        self._busy = True
        self._update_buttons()
        self.outcome.setStyleSheet("")
        self.outcome.setText(self.tr("Sending to %1…").replace("%1", format_mailboxes(draft.to)))
        self.outcome.show()
        ProgressTask(self, self.tr("Sending the reply…"), self.task).start()

    @Slot()
    def on_open_in_mail_client(self) -> None:
        """Open the message in the desktop mail client (plain text) and log it."""
        self._deliver_now("mail_client", opener=open_mail_client)

    @Slot()
    def on_save_eml(self) -> None:
        """Save the message as an .eml draft file and log it."""
        name = f"reply-inquiry-{self.inquiry_id}.eml"
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save reply as .eml (Outlook: a draft; Thunderbird: Edit as New Message)"),
            name,
            self.tr("E-mail message (*.eml)"),
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".eml":
            target = target.with_name(target.name + ".eml")
        self._deliver_now("eml", eml_path=target)

    def _deliver_now(self, method: str, **extra: Any) -> None:
        # Quick local work (a file, a URL), so on the GUI thread: the opener must be here.
        try:
            draft = self.current_draft()
            result = deliver_reply(
                self.database, self.inquiry_id, draft, method, **extra, **self._delivery_options()
            )
        except MailError as exc:
            self._show_error(_failure_headline(exc.kind) + "\n" + error_text(exc))
            return
        except InputRejected as exc:
            self._show_error(error_text(exc))
            return
        self.on_delivered(result)

    @Slot(object)
    def on_delivered(self, result: object) -> None:
        """Show what was sent and the inquiry as it is now."""
        assert isinstance(result, dict)
        self.delivery = result
        sent = result["sent_email"]
        texts = {
            "smtp": self.tr("Sent to %1 at %2."),
            "eml": self.tr("Saved for %1 at %2 as %3; the reply is logged.") + "\n" + eml_hint(),
            "mail_client": self.tr("Handed to your mail client for %1 at %2; logged."),
        }
        text = (
            texts.get(sent["method"], texts["smtp"])
            .replace("%1", sent["to"])
            .replace("%2", local_time(sent["sent_at"]))
            .replace("%3", str(result.get("eml_path", "")))
        )
        refused = result.get("refused") or {}
        if refused:
            text += "\n" + self.tr("The server refused: %1").replace("%1", ", ".join(refused))
        self.outcome.setStyleSheet(SUCCESS_STYLE)
        self.outcome.setText(text)
        self.outcome.show()
        self._show_inquiry()
        self._update_buttons()
        self.delivered.emit(result)

    @Slot(object)
    def on_rejected(self, error: object) -> None:
        """Delivery failed: say why; the draft stays as it was."""
        if isinstance(error, MailError):
            self._show_error(_failure_headline(error.kind) + "\n" + error_text(error))
        elif isinstance(error, InputRejected):
            self._show_error(error_text(error))
        else:
            self._show_error(str(error))

    @Slot(str)
    def on_crashed(self, _traceback: str) -> None:
        """A bug: it is logged; tell the officer the reply may not have gone."""
        self._show_error(
            self.tr(
                "Something unexpected went wrong while sending; check Sent mail before retrying."
            )
        )

    @Slot()
    def on_task_done(self) -> None:
        """The worker finished."""
        self._busy = False
        self._update_buttons()

    @classmethod
    def ask(
        cls, database: Database, inquiry_id: int, parent: QWidget | None = None
    ) -> dict[str, Any] | None:
        """Show the dialog; what was delivered, or None when nothing was."""
        dialog = cls(database, inquiry_id, parent)
        dialog.exec()
        return dialog.delivery


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _method_label(method: str) -> str:
    return {
        "smtp": QCoreApplication.translate("ReplyDialog", "sent"),
        "eml": QCoreApplication.translate("ReplyDialog", ".eml saved"),
        "mail_client": QCoreApplication.translate("ReplyDialog", "mail client"),
    }.get(method, method)


def selected_inquiry(window: Any) -> int | None:
    """The inquiry selected in the main window's inquiries view, or None."""
    view = window.views.get("inquiries")
    if view is None:
        return None
    selected = getattr(view, "selected_inquiry_id", None)
    if callable(selected):
        value = selected()
        return int(value) if value is not None else None
    index = view.table.currentIndex()
    if not index.isValid():
        return None
    return int(view.model.row_at(index.row())["id"])


def run_reply(window: Any) -> None:
    """Inquiries → Reply by e-mail… (Ctrl+R) to the selected inquiry."""
    inquiry_id = selected_inquiry(window)
    if inquiry_id is None:
        inform(
            window,
            QCoreApplication.translate("ReplyDialog", "Reply by e-mail"),
            QCoreApplication.translate(
                "ReplyDialog",
                "Select an inquiry in the Inquiries view first, then choose Reply by e-mail.",
            ),
        )
        return
    try:
        result = ReplyDialog.ask(window.database, inquiry_id, window)
    except InputRejected as exc:
        warn(window, QCoreApplication.translate("ReplyDialog", "Reply by e-mail"), exc.message)
        return
    if result is not None:
        view = window.views["inquiries"]
        view.refresh()
        view.data_changed.emit("inquiries")


def demo_inquiry(database: Database) -> int:
    """An inquiry to show in screenshots and previews: the newest, or a realistic new one."""
    existing = list_inquiries(database, limit=1)
    if existing:
        return int(existing[0]["id"])
    releases = list_releases(database)
    created = add_inquiry(
        database,
        InquiryCreate(
            release_id=releases[0]["id"] if releases else None,
            journalist="陳大文",
            outlet="明報",
            channel=InquiryChannel.EMAIL,
            question="想訪問余凱博士，了解研發中心的招聘計劃。",
            email="david.chan@mingpao.com",
            received_at=datetime.now(UTC),
        ),
    )
    return int(created["id"])


def demo_settings() -> Settings:
    """The officer of the bundled release, for screenshots."""
    return Settings(
        officer_name="溫安怡",
        officer_title="企業傳訊經理",
        organization="香港科技園公司",
        phone="+852 2629 2329",
        from_address="angela.wan@hkstp.org",
        from_name="溫安怡 Angela Wan",
        smtp=SmtpSettings(host="smtp.office365.com", user="angela.wan@hkstp.org"),
    )


def screenshot(window: Any) -> QWidget:
    """The reply dialog on a Chinese inquiry about the bundled release."""
    from services.first_run import import_bundled_release_once  # noqa: PLC0415 - lazy

    import_bundled_release_once(window.database)
    dialog = ReplyDialog(
        window.database, demo_inquiry(window.database), window, settings=demo_settings()
    )
    dialog.show()
    return dialog
