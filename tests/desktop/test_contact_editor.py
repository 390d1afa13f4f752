"""The contact editor, driven as a user would: typing, input-method commits, clicks."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from db.engine import Database, open_database
from desktop.dialogs import contact_editor
from desktop.dialogs.conflict import ConflictDialog
from desktop.dialogs.contact_editor import ContactEditor, run_edit_contact, run_new_contact
from desktop.dialogs.organization_editor import OrganizationData, OrganizationEditor
from desktop.widgets.email_field import EmailField
from desktop.widgets.phone_field import PhoneField
from services.conflicts import Conflict
from services.contacts import create_contact, create_organization, get_contact, update_contact
from services.roster import lookup_number, search_contacts

# Typing in the organisation box opens the completer's popup, which the offscreen
# platform cannot raise or give the keyboard to; it says so, and that is not our warning.
POPUP = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


@pytest.fixture
def db(sqlite_url: str) -> Any:
    database = open_database(sqlite_url)
    yield database
    database.dispose()


def _commit(widget: QWidget, text: str) -> None:
    """Type Chinese the way an input method does (keyClicks cannot)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _editor(
    qtbot: QtBot, database: Database, contact: dict[str, Any] | None = None
) -> ContactEditor:
    dialog = ContactEditor(database, contact)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _save_button(dialog: ContactEditor) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def _use(monkeypatch: pytest.MonkeyPatch, dialog: ContactEditor) -> None:
    """Make ask() return what the user entered in ``dialog`` (no modal in tests)."""
    monkeypatch.setattr(ContactEditor, "ask", classmethod(lambda cls, *a, **k: dialog.data()))


def test_invalid_phone_and_email_are_fixed_with_one_click_then_saved_and_found(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _editor(qtbot, db)
    _commit(dialog.name_zh, "熊苗苗")
    qtbot.keyClicks(dialog.name_en, "Miaomiao Xiong")
    phone = dialog.phones.rows[0].entry
    assert isinstance(phone, PhoneField)
    qtbot.keyClicks(phone.edit, "15120049549")
    assert not phone.is_valid()
    assert phone.message.isVisible()
    assert "mainland China mobile number without +86" in phone.message.text()
    assert phone.suggestion_button.isVisible()
    assert phone.suggestion_button.text() == "Use +86 151 2004 9549"
    assert not _save_button(dialog).isEnabled()
    assert "Phone 1 is not valid" in dialog.reason.text()

    email = dialog.emails.rows[0].entry
    assert isinstance(email, EmailField)
    qtbot.keyClicks(email.edit, "miaomiao.xiong@horizon.cc/")
    assert not email.is_valid()
    assert email.message.isVisible()
    assert "it ends with '/'" in email.message.text()
    assert "(and 1 more)" in dialog.reason.text()

    qtbot.mouseClick(phone.suggestion_button, Qt.MouseButton.LeftButton)
    assert phone.text() == "+86 151 2004 9549"
    assert phone.is_valid() and not phone.suggestion_button.isVisible()
    qtbot.mouseClick(email.suggestion_button, Qt.MouseButton.LeftButton)
    assert email.text() == "miaomiao.xiong@horizon.cc"
    assert _save_button(dialog).isEnabled()
    assert dialog.reason.text() == ""

    _use(monkeypatch, dialog)
    saved = run_new_contact(None, db)
    assert saved is not None
    found = lookup_number(db, "+86 151-2004-9549")
    assert [c["name_zh"] for c in found] == ["熊苗苗"]
    assert found[0]["emails"][0]["address"] == "miaomiao.xiong@horizon.cc"
    assert found[0]["phones"][0]["raw"] == "+86 151 2004 9549"
    assert [c["id"] for c in search_contacts(db, "horizon.cc")] == [saved["id"]]


def test_phone_is_formatted_as_typed(qtbot: QtBot, db: Database) -> None:
    dialog = _editor(qtbot, db)
    phone = dialog.phones.rows[0].entry
    qtbot.keyClicks(phone.edit, "69865822")
    assert phone.text() == "6986 5822"
    assert phone.is_valid()
    assert phone.value() == "+85269865822"


def test_a_chinese_name_from_an_input_method_is_saved_and_found_by_two_characters(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.desktop.roster_window import open_window

    window, database = open_window(qtbot, sqlite_url)
    dialog = _editor(qtbot, database)
    assert "Give a Chinese or English name" in dialog.reason.text()
    _commit(dialog.name_zh, "陳嘉欣")
    assert dialog.name_zh.text() == "陳嘉欣"
    assert _save_button(dialog).isEnabled()
    _use(monkeypatch, dialog)
    view = window.views["contacts"]
    qtbot.mouseClick(view.toolbar.widgetForAction(view.new_action), Qt.MouseButton.LeftButton)
    _commit(window.search, "嘉欣")
    model = view.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    assert model.data(model.index(0, 0)) == "陳嘉欣"
    assert view.status_text() == "1 matching contact(s)"
    database.dispose()


@POPUP
def test_the_organisations_phone_region_reads_a_number_without_country_code(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    create_organization(db, {"name_en": "Reuters London", "kind": "media", "phone_region": "GB"})
    dialog = _editor(qtbot, db)
    qtbot.keyClicks(dialog.name_en, "Ann Lee")
    phone = dialog.phones.rows[0].entry
    qtbot.keyClicks(phone.edit, "02079460000")
    assert not phone.is_valid()  # read as a Hong Kong number it is not one
    assert "(HK) +852" in dialog.region_hint.text()
    qtbot.keyClicks(dialog.organization.lineEdit(), "Reuters London")
    assert dialog.organization_id() is not None
    assert "(GB) +44" in dialog.region_hint.text()
    assert phone.is_valid()
    assert phone.value() == "+442079460000"
    _use(monkeypatch, dialog)
    saved = run_new_contact(None, db)
    assert saved is not None and saved["phones"][0]["e164"] == "+442079460000"
    assert [c["name_en"] for c in lookup_number(db, "+44 20 7946 0000")] == ["Ann Lee"]


@POPUP
def test_an_unknown_organisation_blocks_save_until_it_is_created(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _editor(qtbot, db)
    qtbot.keyClicks(dialog.name_en, "Ann Lee")
    qtbot.keyClicks(dialog.organization.lineEdit(), "Now TV")
    assert not _save_button(dialog).isEnabled()
    assert "Pick the organisation from the list" in dialog.reason.text()
    asked: list[str] = []

    def ask(
        cls: type, parent: Any, organization: Any = None, *, name: str = ""
    ) -> OrganizationData:
        asked.append(name)
        return OrganizationData(
            None, None, {"name_en": name, "kind": "media", "phone_region": "HK"}
        )

    monkeypatch.setattr(OrganizationEditor, "ask", classmethod(ask))
    qtbot.mouseClick(dialog.new_organization, Qt.MouseButton.LeftButton)
    assert asked == ["Now TV"]
    assert dialog.organization.currentText() == "Now TV"
    assert dialog.organization_id() is not None
    assert _save_button(dialog).isEnabled()


def test_phone_rows_are_added_reordered_and_removed(qtbot: QtBot, db: Database) -> None:
    dialog = _editor(qtbot, db)
    _commit(dialog.name_zh, "黃嘉琪")
    qtbot.keyClicks(dialog.phones.rows[0].entry.edit, "37568623")
    qtbot.mouseClick(dialog.phones.add_button, Qt.MouseButton.LeftButton)
    second = dialog.phones.rows[1]
    qtbot.keyClicks(second.entry.edit, "69865822")
    second.set_kind("mobile")
    qtbot.mouseClick(second.up, Qt.MouseButton.LeftButton)
    assert dialog.data().phones == [
        {"text": "6986 5822", "type": "mobile"},
        {"text": "3756 8623", "type": "work"},
    ]
    qtbot.mouseClick(dialog.phones.rows[1].remove, Qt.MouseButton.LeftButton)
    assert [p["text"] for p in dialog.data().phones] == ["6986 5822"]
    assert not dialog.phones.rows[0].up.isEnabled()


def test_a_colleagues_newer_save_is_reported_and_not_overwritten(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    contact = create_contact(db, {"name_zh": "溫安怡", "phones": ["2629 2329"]})
    dialog = _editor(qtbot, db, get_contact(db, contact["id"]))
    qtbot.keyClicks(dialog.title_en, "Manager")
    update_contact(db, contact["id"], {"title_en": "Head of PR"}, expected_version=1)
    shown: list[Conflict] = []
    monkeypatch.setattr(
        ConflictDialog, "ask", classmethod(lambda cls, p, c: shown.append(c))
    )  # the officer cancels the conflict view
    _use(monkeypatch, dialog)
    assert run_edit_contact(None, db, contact["id"]) is None
    assert len(shown) == 1 and shown[0].differing() == ["title_en"]
    after = get_contact(db, contact["id"])
    assert (after["title_en"], after["version"]) == ("Head of PR", 2)


def test_editing_keeps_every_value_and_saves_the_changes(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = create_organization(db, {"name_zh": "愛德曼國際公關公司", "short_name": "Edelman"})
    contact = create_contact(
        db,
        {
            "name_zh": "黃嘉琪",
            "name_en": "June Wong",
            "organization_id": org["id"],
            "honorific": "小姐",
            "phones": [{"text": "+852 3756 8623 ext. 12", "type": "work"}],
            "emails": [{"text": "Edelmanhkstppr@edelman.com", "type": "team"}],
            "tags": ["HKSTP"],
            "preferred_language": "en",
            "opt_out": True,
        },
    )
    dialog = _editor(qtbot, db, get_contact(db, contact["id"]))
    assert dialog.organization.currentText() == "愛德曼國際公關公司 (Edelman)"
    assert dialog.phones.rows[0].entry.text() == "+852 3756 8623 ext. 12"
    assert dialog.phones.rows[0].entry.is_valid()
    assert dialog.emails.rows[0].kind() == "team"
    assert dialog.opt_out.isChecked()
    qtbot.keyClicks(dialog.tags, ", tech desk")
    _use(monkeypatch, dialog)
    saved = run_edit_contact(None, db, contact["id"])
    assert saved is not None
    assert saved["tags"] == ["HKSTP", "tech desk"]
    assert saved["phones"][0]["extension"] == "12"
    assert (saved["honorific"], saved["preferred_language"], saved["version"]) == ("小姐", "en", 2)


def test_screenshot_shows_a_filled_editor(qtbot: QtBot, sqlite_url: str) -> None:
    from tests.desktop.roster_window import open_window

    window, database = open_window(qtbot, sqlite_url)
    dialog = contact_editor.screenshot(window)
    assert isinstance(dialog, ContactEditor) and dialog.isVisible()
    assert dialog.organization.currentText().startswith("愛德曼")
    assert dialog.emails.rows[1].entry.suggestion_button.isVisible()
    dialog.close()
    database.dispose()
