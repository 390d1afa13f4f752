"""Outgoing mail server settings; the password goes to the system keyring, never a file.

Where no keyring exists (a headless Linux desktop) the password is kept for this session
only, and the dialog says why before the officer types it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.confirm import inform, warn
from desktop.problem_text import error_text
from desktop.workers import Progress, ProgressTask, Task
from services.mail import MailError, SendResult, build_message, checked_mailbox, send_smtp
from services.problems import InputRejected
from services.secrets import (
    NO_KEYRING_REASON,
    get_smtp_password,
    keyring_unavailable_reason,
    set_smtp_password,
)
from services.settings import (
    DEFAULT_SMTP_PORTS,
    Settings,
    SmtpSettings,
    load_settings,
    save_settings,
)

ERROR_STYLE = "color: #8a1408; font-weight: bold;"
NOTE_STYLE = "color: #604200;"


@dataclass
class SmtpChoice:
    """What the dialog gives back: the settings, and a newly typed password (or None)."""

    settings: Settings
    password: str | None


def keyring_note(reason: str) -> str:
    """Why the password is kept for this session only, in the interface language.

    The usual reason (no keyring service at all) is translated; any other comes from the
    keyring library and is shown as it is.
    """
    if reason == NO_KEYRING_REASON:
        return QCoreApplication.translate(
            "SmtpSettingsDialog",
            "No system keyring is available (no keyring service such as GNOME Keyring, "
            "KWallet, macOS Keychain or Windows Credential Manager is running); the password "
            "is kept only until you quit.",
        )
    return reason


class PasswordDialog(QDialog):
    """Asks for the mail account's password when none is saved."""

    def __init__(self, host: str, user: str, reason: str | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("smtpPasswordDialog")
        self.setWindowTitle(self.tr("Mail server password"))
        text = self.tr("Password of %1 on %2:").replace("%1", user).replace("%2", host)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(text))
        layout.addWidget(self.password)
        if reason:
            note = QLabel(keyring_note(reason))
            note.setObjectName("keyringNote")
            note.setWordWrap(True)
            note.setStyleSheet(NOTE_STYLE)
            layout.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout.addWidget(self.buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @classmethod
    def ask(cls, host: str, user: str, parent: QWidget | None = None) -> str | None:
        """The password typed, or None when cancelled."""
        dialog = cls(host, user, keyring_unavailable_reason(), parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.password.text() or None


def password_for(smtp: SmtpSettings, parent: QWidget | None) -> tuple[str | None, bool]:
    """The password to log in with, asking (and remembering) when none is saved.

    Returns:
        (password, go on): password None with go-on True means the server needs no login;
        go-on False means the officer cancelled.
    """
    if not smtp.user:
        return None, True
    saved = get_smtp_password(smtp.host, smtp.user)
    if saved:
        return saved, True
    typed = PasswordDialog.ask(smtp.host, smtp.user, parent)
    if typed is None:
        return None, False
    # Kept in the keyring (or for this session); a refused login can be retyped in settings.
    set_smtp_password(smtp.host, smtp.user, typed)
    return typed, True


def send_test_message(settings: Settings, password: str | None) -> SendResult:
    """Send a short message to the officer's own From address (Qt-free, for a worker)."""
    sender = checked_mailbox(settings.from_address, settings.sender_name, field="from")
    message = build_message(
        sender=sender,
        to=[sender],
        subject="PressDesk test message / PressDesk 測試郵件",
        body_text=(
            "PressDesk reached your mail server; replies can be sent from here.\n"
            "PressDesk 已連接郵件伺服器，可以由此發出回覆。\n"
        ),
    )
    return send_smtp(message, settings.smtp, password)


class SmtpSettingsDialog(QDialog):
    """The mail server form: host, port, security, login, From, certificate authority."""

    def __init__(self, current: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("smtpSettingsDialog")
        self.setWindowTitle(self.tr("Mail server (SMTP)"))
        self._current = current
        self.task: Task | None = None
        smtp = current.smtp
        self.host = QLineEdit(smtp.host)
        self.host.setObjectName("host")
        self.host.setPlaceholderText("smtp.office365.com")
        self.port = QSpinBox()
        self.port.setObjectName("port")
        self.port.setRange(1, 65535)
        self.port.setValue(smtp.port)
        self.security = QComboBox()
        self.security.setObjectName("security")
        self.security.addItem(self.tr("STARTTLS (usually port 587)"), "starttls")
        self.security.addItem(self.tr("SSL/TLS (usually port 465)"), "ssl")
        self.security.addItem(self.tr("None (only a server on this computer)"), "none")
        self.security.setCurrentIndex(max(0, self.security.findData(smtp.security)))
        self.user = QLineEdit(smtp.user)
        self.user.setObjectName("user")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        saved = bool(smtp.host and smtp.user and get_smtp_password(smtp.host, smtp.user))
        self.password.setPlaceholderText(
            self.tr("saved; type to replace") if saved else self.tr("not saved yet")
        )
        reason = keyring_unavailable_reason()
        self.keyring_note = QLabel(
            keyring_note(reason)
            if reason
            else self.tr("The password is kept in the system keyring, never in a file.")
        )
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.setWordWrap(True)
        if reason:
            self.keyring_note.setStyleSheet(NOTE_STYLE)
        self.from_address = QLineEdit(current.from_address)
        self.from_address.setObjectName("fromAddress")
        self.from_name = QLineEdit(current.from_name)
        self.from_name.setObjectName("fromName")
        self.ca_file = QLineEdit(smtp.ca_file or "")
        self.ca_file.setObjectName("caFile")
        self.ca_file.setPlaceholderText(self.tr("optional: your organisation's CA certificate"))
        self.browse = QPushButton(self.tr("Browse…"))
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Security"), self.security)
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.keyring_note)
        form.addRow(self.tr("Send from (e-mail)"), self.from_address)
        form.addRow(self.tr("Send from (name)"), self.from_name)
        form.addRow(self.tr("Certificate authority"), ca_row)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.test_result = QLabel()
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.test_button = self.buttons.addButton(
            self.tr("Send test message"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.test_button.setObjectName("sendTest")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.test_result)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.on_ok)
        self.buttons.rejected.connect(self.reject)
        self.browse.clicked.connect(self.on_browse)
        self.security.currentIndexChanged.connect(self.on_security_changed)
        self.test_button.clicked.connect(self.on_send_test)

    def value(self) -> SmtpChoice:
        """The settings as the form holds them.

        Raises:
            InputRejected: a value is not valid (the message says which).
        """
        data: dict[str, Any] = self._current.model_dump()
        data["from_address"] = self.from_address.text().strip()
        data["from_name"] = self.from_name.text().strip()
        data["smtp"] = {
            **data["smtp"],
            "host": self.host.text().strip(),
            "port": self.port.value(),
            "security": str(self.security.currentData()),
            "user": self.user.text().strip(),
            "ca_file": self.ca_file.text().strip() or None,
        }
        try:
            settings = Settings.model_validate(data)
        except ValidationError as exc:
            text = "; ".join(str(e.get("msg", "")) for e in exc.errors()) or str(exc)
            raise InputRejected(text) from exc
        return SmtpChoice(settings, self.password.text() or None)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    @Slot()
    def on_ok(self) -> None:
        """Accept only valid settings."""
        try:
            self.value()
        except InputRejected as exc:
            self._show_error(exc.message)
            return
        self.accept()

    @Slot()
    def on_browse(self) -> None:
        """Pick a CA certificate file."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Certificate authority"), "", self.tr("Certificates (*.pem *.crt *.cer)")
        )
        if path:
            self.ca_file.setText(path)

    @Slot(int)
    def on_security_changed(self, _index: int) -> None:
        """Move the port to the usual one for the security chosen, unless it was customised."""
        if self.port.value() in DEFAULT_SMTP_PORTS.values():
            self.port.setValue(DEFAULT_SMTP_PORTS[str(self.security.currentData())])

    @Slot()
    def on_send_test(self) -> None:
        """Send a test message to the From address, off the GUI thread."""
        try:
            choice = self.value()
        except InputRejected as exc:
            self._show_error(exc.message)
            return
        self._show_error("")
        smtp = choice.settings.smtp
        password = choice.password
        if password is None and smtp.user:
            password = get_smtp_password(smtp.host, smtp.user)
        settings = choice.settings

        def work(_progress: Progress) -> SendResult:
            return send_test_message(settings, password)

        self.task = Task(work)
        self.task.signals.succeeded.connect(self.on_test_sent)
        self.task.signals.rejected.connect(self.on_test_failed)
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Sending a test message…"))
        ProgressTask(self, self.tr("Sending a test message…"), self.task).start()

    @Slot(object)
    def on_test_sent(self, _result: object) -> None:
        """Say it worked."""
        self.test_button.setEnabled(True)
        self.test_result.setText(
            self.tr("Test message sent to %1.").replace("%1", self.from_address.text().strip())
        )

    @Slot(object)
    def on_test_failed(self, error: object) -> None:
        """Say why it did not."""
        self.test_button.setEnabled(True)
        self.test_result.setText("")
        self._show_error(error_text(error) if isinstance(error, InputRejected) else str(error))

    @classmethod
    def ask(cls, current: Settings, parent: QWidget | None = None) -> SmtpChoice | None:
        """Show the dialog; the new settings, or None when cancelled."""
        dialog = cls(current, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.value()


def apply_smtp_choice(choice: SmtpChoice) -> str | None:
    """Save the settings file and the password; the reason when it is session-only.

    Raises:
        InputRejected: the settings could not be saved.
    """
    save_settings(choice.settings)
    smtp = choice.settings.smtp
    if choice.password and smtp.host and smtp.user:
        return set_smtp_password(smtp.host, smtp.user, choice.password).reason
    return None


def run_smtp_settings(window: Any) -> None:
    """File → Mail server…"""
    choice = SmtpSettingsDialog.ask(load_settings(), window)
    if choice is None:
        return
    try:
        reason = apply_smtp_choice(choice)
    except (InputRejected, MailError) as exc:
        warn(
            window,
            QCoreApplication.translate("SmtpSettingsDialog", "Mail settings not saved"),
            exc.message,
        )
        return
    if reason:
        inform(
            window,
            QCoreApplication.translate("SmtpSettingsDialog", "Password kept for this session only"),
            keyring_note(reason),
        )


def screenshot(window: Any) -> QWidget:
    """The form filled as for an office mail server."""
    settings = Settings(
        officer_name="溫安怡",
        from_address="angela.wan@hkstp.org",
        from_name="溫安怡 Angela Wan",
        smtp=SmtpSettings(host="smtp.office365.com", port=587, user="angela.wan@hkstp.org"),
    )
    dialog = SmtpSettingsDialog(settings, window)
    dialog.show()
    return dialog
