"""The mail server settings: saved to the settings file, the password only in the keyring
(or for this session, with the reason shown), a test message really sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from db.engine import open_database
from desktop.dialogs import smtp_settings as smtp_module
from desktop.dialogs.smtp_settings import (
    PasswordDialog,
    SmtpSettingsDialog,
    apply_smtp_choice,
    keyring_note,
    password_for,
    run_smtp_settings,
)
from desktop.i18n import install_translators
from desktop.main_window import MainWindow
from services.secrets import NO_KEYRING_REASON, get_smtp_password
from services.settings import Settings, load_settings, settings_path
from tests.helpers import keyring as keyring_fixtures
from tests.helpers import smtp as smtp_fixtures
from tests.helpers.keyring import MemoryKeyring
from tests.helpers.smtp import SmtpTestServer

memory_keyring = keyring_fixtures.memory_keyring
no_keyring = keyring_fixtures.no_keyring
smtp_certificates = smtp_fixtures.smtp_certificates
smtp_server = smtp_fixtures.smtp_server


def _fill(qtbot: QtBot, dialog: SmtpSettingsDialog, server: SmtpTestServer, password: str) -> None:
    dialog.host.setText(server.host)
    dialog.security.setCurrentIndex(dialog.security.findData(server.security))
    dialog.port.setValue(server.port)
    dialog.user.setText(server.user)
    qtbot.keyClicks(dialog.password, password)
    dialog.from_address.setText("angela.wan@hkstp.org")
    dialog.from_name.setText("Angela Wan")
    dialog.ca_file.setText(str(server.ca_file))


def test_settings_are_saved_and_the_password_goes_to_the_keyring_only(
    qtbot: QtBot, smtp_server: SmtpTestServer, memory_keyring: MemoryKeyring
) -> None:
    dialog = SmtpSettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    assert "system keyring" in dialog.keyring_note.text()
    _fill(qtbot, dialog, smtp_server, smtp_server.password)
    choice = dialog.value()
    assert apply_smtp_choice(choice) is None  # kept in the keyring
    stored = load_settings()
    assert stored.smtp.host == smtp_server.host and stored.smtp.port == smtp_server.port
    assert stored.smtp.security == "starttls" and stored.from_name == "Angela Wan"
    assert get_smtp_password(smtp_server.host, smtp_server.user) == smtp_server.password
    assert smtp_server.password not in settings_path().read_text(encoding="utf-8")
    assert list(memory_keyring.passwords.values()) == [smtp_server.password]


def test_without_a_keyring_the_reason_is_shown_and_the_password_is_session_only(
    qtbot: QtBot, smtp_server: SmtpTestServer, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = SmtpSettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    assert "No system keyring" in dialog.keyring_note.text()
    _fill(qtbot, dialog, smtp_server, "secret")
    monkeypatch.setattr(SmtpSettingsDialog, "ask", classmethod(lambda cls, *a: dialog.value()))
    told: list[str] = []
    monkeypatch.setattr(smtp_module, "inform", lambda _p, _t, text: told.append(text))
    run_smtp_settings(None)
    assert told and "only until you quit" in told[0]
    assert get_smtp_password(smtp_server.host, smtp_server.user) == "secret"
    assert "secret" not in settings_path().read_text(encoding="utf-8")


def test_a_test_message_reaches_the_server(
    qtbot: QtBot, smtp_server: SmtpTestServer, memory_keyring: MemoryKeyring
) -> None:
    dialog = SmtpSettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, smtp_server, smtp_server.password)
    dialog.on_send_test()
    assert dialog.task is not None
    with qtbot.waitSignal(dialog.task.signals.done, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: "sent" in dialog.test_result.text(), timeout=5_000)
    (received,) = smtp_server.received
    assert received.recipients == ["angela.wan@hkstp.org"]
    assert "PressDesk" in received.message["Subject"]


def test_a_wrong_password_in_the_test_is_reported(
    qtbot: QtBot, smtp_server: SmtpTestServer, memory_keyring: MemoryKeyring
) -> None:
    dialog = SmtpSettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, smtp_server, "wrong")
    dialog.on_send_test()
    assert dialog.task is not None
    with qtbot.waitSignal(dialog.task.signals.done, timeout=20_000):
        pass
    qtbot.waitUntil(dialog.error.isVisible, timeout=5_000)
    assert dialog.error.text()
    assert smtp_server.received == []


def test_an_invalid_host_is_refused_inline(qtbot: QtBot, memory_keyring: MemoryKeyring) -> None:
    dialog = SmtpSettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.host.setText("smtp example.com")
    dialog.on_ok()
    assert dialog.error.isVisible() and "space" in dialog.error.text()
    assert dialog.result() == 0


def test_the_password_is_asked_once_when_none_is_saved(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, smtp_server: SmtpTestServer
) -> None:
    asked: list[str] = []

    def ask(host: str, user: str, parent: Any = None) -> str:
        asked.append(host)
        return "typed"

    monkeypatch.setattr(PasswordDialog, "ask", staticmethod(ask))
    smtp = smtp_server.settings()
    assert password_for(smtp, None) == ("typed", True)
    assert password_for(smtp, None) == ("typed", True)
    assert asked == [smtp_server.host]


def test_without_a_keyring_the_password_is_asked_once_a_session_saying_why(
    qtbot: QtBot, no_keyring: None, monkeypatch: pytest.MonkeyPatch, smtp_server: SmtpTestServer
) -> None:
    shown: list[str] = []

    def answer(dialog: PasswordDialog) -> QDialog.DialogCode:
        qtbot.addWidget(dialog)
        note = dialog.findChild(QLabel, "keyringNote")
        shown.append(note.text() if isinstance(note, QLabel) else "")
        dialog.password.setText("typed")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PasswordDialog, "exec", answer)
    smtp = smtp_server.settings()
    assert password_for(smtp, None) == ("typed", True)
    assert password_for(smtp, None) == ("typed", True)  # the same session: not asked again
    (note,) = shown
    assert note == NO_KEYRING_REASON
    assert "GNOME Keyring" in note and "only until you quit" in note


def test_the_keyring_note_speaks_the_interface_language(qapp: QApplication) -> None:
    assert keyring_note(NO_KEYRING_REASON) == NO_KEYRING_REASON
    assert keyring_note("No system keyring is available (Locked)") == (
        "No system keyring is available (Locked)"
    )
    try:
        assert install_translators("zh_HK")
        chinese = keyring_note(NO_KEYRING_REASON)
    finally:
        install_translators("en")
    assert "系統鑰匙圈" in chinese and "GNOME Keyring" in chinese


def test_screenshot(qtbot: QtBot, sqlite_url: str, tmp_path: Path) -> None:
    database = open_database(sqlite_url)
    window = MainWindow(database)
    qtbot.addWidget(window)
    widget = smtp_module.screenshot(window)
    qtbot.addWidget(widget)
    assert widget.grab().save(str(tmp_path / "smtp.png"))
    database.dispose()
