"""The officer's name, from Settings and defaulting to the login name, is on every change.

End to end: a change made from the command line with no settings file carries the OS
user's login name; one made after Settings names the officer carries that name; and in
the desktop application a name changed in Settings stamps the very next change, with no
restart.
"""

from __future__ import annotations

import getpass
import json
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from cli.main import EXIT_OK, run
from db.engine import open_database
from desktop.dialogs import settings as settings_dialog
from desktop.main_window import MainWindow
from services.audit import history, set_officer
from services.contacts import create_contact, get_contact, update_contact
from services.settings import Settings, load_settings, save_settings

ADD_INQUIRY = (
    *("inquiries", "add", "--journalist", "黃嘉琪", "--outlet", "明報"),
    *("--channel", "phone", "--question", "幾時簽約？", "--json"),
)


def _users(db_url: str, entity: str, entity_id: int) -> set[str]:
    database = open_database(db_url)
    try:
        return {entry["user"] for entry in history(database, entity, entity_id)}
    finally:
        database.dispose()


def test_the_command_line_stamps_the_login_name_then_the_officer_from_settings(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", db_url, *ADD_INQUIRY]) == EXIT_OK
    first = json.loads(capsys.readouterr().out)["id"]
    assert _users(db_url, "inquiry", first) == {getpass.getuser()}

    save_settings(Settings(officer_name="溫安怡"))
    assert run(["--db", db_url, *ADD_INQUIRY]) == EXIT_OK
    second = json.loads(capsys.readouterr().out)["id"]
    assert _users(db_url, "inquiry", second) == {"溫安怡"}

    assert run(["--db", db_url, "history", "inquiry", str(second), "--json"]) == EXIT_OK
    entries = json.loads(capsys.readouterr().out)
    assert entries and {entry["user"] for entry in entries} == {"溫安怡"}


def test_a_name_changed_in_settings_stamps_the_next_change_without_a_restart(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = open_database(sqlite_url)
    set_officer(database, load_settings().officer_name)  # as the application does on start
    window = MainWindow(database)
    qtbot.addWidget(window)
    contact = create_contact(database, {"name_en": "June Wong", "phones": []})
    update_contact(database, contact["id"], {"title_en": "Reporter"}, contact["version"])

    def rename(
        current: settings_dialog.GeneralSettings, _parent: object
    ) -> settings_dialog.GeneralSettings:
        return replace(current, officer_name="Angela Wan")

    monkeypatch.setattr(settings_dialog.SettingsDialog, "ask", staticmethod(rename))
    window.actions_by_name["settings"].trigger()
    assert load_settings().officer_name == "Angela Wan"
    contact = get_contact(database, contact["id"])
    update_contact(database, contact["id"], {"title_en": "Editor"}, contact["version"])

    titles = {
        entry["new"]: entry["user"]
        for entry in history(database, "contact", contact["id"])
        if entry["field"] == "title_en"
    }
    assert titles == {"Reporter": getpass.getuser(), "Editor": "Angela Wan"}
    database.dispose()
