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
from tests.helpers.older_schema import database_at


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


def _dialogs_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from PySide6.QtWidgets import QProgressDialog

    shown: list[str] = []
    real_show = QProgressDialog.show

    def show(dialog: QProgressDialog) -> None:
        shown.append(dialog.labelText())
        real_show(dialog)

    monkeypatch.setattr(QProgressDialog, "show", show)
    return shown


def test_an_older_database_is_upgraded_while_a_busy_dialog_says_so(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a database of an older version upgrades it on a thread, the dialog up
    meanwhile; the roster comes through, searchable."""
    from db.migrate import current_revision, head_revision
    from desktop.app import open_database_showing_upgrade
    from services.roster import search_contacts

    database_at(sqlite_url, "0007")
    shown = _dialogs_shown(monkeypatch)
    database = open_database_showing_upgrade(sqlite_url)
    try:
        assert current_revision(database.engine) == head_revision()
        assert len(shown) == 1 and "Upgrading the database" in shown[0]
        assert [c["name_zh"] for c in search_contacts(database, "69865822")] == ["黃嘉琪"]
    finally:
        database.dispose()
    # Current now: opened again without the dialog.
    open_database_showing_upgrade(sqlite_url).dispose()
    assert len(shown) == 1


def test_a_failed_upgrade_leaves_the_database_as_it_was_and_says_why(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from db import migrate
    from db.migrate import MigrationError, current_revision
    from desktop import app

    database_at(sqlite_url, "0007")
    shown = _dialogs_shown(monkeypatch)

    def failing(engine: object) -> None:
        raise MigrationError("Could not upgrade the database: disk full. Nothing was changed.")

    monkeypatch.setattr(migrate, "upgrade_to_head", failing)
    with pytest.raises(MigrationError, match="disk full"):
        app.open_database_showing_upgrade(sqlite_url)
    assert len(shown) == 1
    database = open_database(sqlite_url, upgrade=False)
    try:
        assert current_revision(database.engine) == "0007"
        assert migrate.head_revision() != "0007"
    finally:
        database.dispose()
