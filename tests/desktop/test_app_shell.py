"""The application shell: screenshots of every view, settings and language switch, crash dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from db.engine import open_database
from desktop import crash
from desktop.app import WindowHost, take_screenshots
from desktop.dialogs import settings as settings_dialog
from desktop.i18n import chosen_language
from desktop.main_window import VIEWS
from services.first_run import import_bundled_release_once
from services.settings import load_settings


def test_screenshots_cover_every_view(qtbot: QtBot, sqlite_url: str, tmp_path: Path) -> None:
    database = open_database(sqlite_url)
    import_bundled_release_once(database)
    host = WindowHost(database)
    qtbot.addWidget(host.window)
    host.window.show()
    saved = take_screenshots(host.window, tmp_path)
    names = {p.name for p in saved}
    assert {f"view-{name}.png" for name, _, _ in VIEWS} <= names
    assert "dialog-settings.png" in names and "dialog-about.png" in names
    assert all(p.stat().st_size > 2000 for p in saved)
    database.dispose()


def test_settings_dialog_saves_the_officer_and_switches_language(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    QSettings().remove("ui/language")
    database = open_database(sqlite_url)
    host = WindowHost(database)
    qtbot.addWidget(host.window)
    old_window = host.window
    old_window.show()

    def fake_ask(
        current: settings_dialog.GeneralSettings, parent: object
    ) -> settings_dialog.GeneralSettings:
        dialog = settings_dialog.SettingsDialog(current)
        qtbot.addWidget(dialog)
        dialog.officer_name.clear()
        qtbot.keyClicks(dialog.officer_name, "Angela Wan")
        dialog.language.setCurrentIndex(dialog.language.findData("zh_HK"))
        return dialog.value()

    monkeypatch.setattr(settings_dialog.SettingsDialog, "ask", staticmethod(fake_ask))
    with qtbot.waitSignal(old_window.language_change_requested):
        old_window.actions_by_name["settings"].trigger()
    assert load_settings().officer_name == "Angela Wan"
    assert chosen_language() == "zh_HK"
    assert host.window is not old_window
    qtbot.addWidget(host.window)
    assert host.window.views["contacts"].title() == "聯絡人"
    QSettings().remove("ui/language")
    from desktop.i18n import install_translators

    install_translators("en")
    database.dispose()


def test_a_bug_shows_where_the_log_is(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(crash, "show_crash_dialog", shown.append)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        crash._excepthook(RuntimeError, exc, exc.__traceback__)
    assert shown and "RuntimeError: boom" in shown[0]
    _title, text = crash.crash_message(shown[0])
    assert "pressdesk.log" in text
