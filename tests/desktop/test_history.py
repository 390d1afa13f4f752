"""The history view: who changed which field from what to what, newest first, reachable
from the editors' History… button and the views' context menus."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from db.engine import Database, open_database
from desktop.dialogs.contact_editor import ContactEditor
from desktop.dialogs.history import HistoryDialog
from desktop.dialogs.inquiry_editor import InquiryEditor
from desktop.dialogs.release_editor import ReleaseEditor
from desktop.i18n import install_translators
from services.audit import set_officer
from services.contacts import create_contact, create_organization, get_contact, update_contact
from services.inquiries import InquiryForm, get_inquiry, update_inquiry
from services.releases import get_release
from tests.desktop.inquiry_fixtures import Seeded, seeded
from tests.desktop.roster_window import clean_settings, open_window

__all__ = ["clean_settings", "seeded"]


@pytest.fixture
def database(sqlite_url: str) -> Iterator[Database]:
    db = open_database(sqlite_url)
    yield db
    db.dispose()


@pytest.fixture
def edited(database: Database) -> int:
    """A contact created by 溫安怡, then edited by Amy: title, organisation and a mobile."""
    set_officer(database, "溫安怡")
    contact = create_contact(database, {"name_zh": "黃嘉琪", "title_en": "Account Director"})
    org = create_organization(database, {"name_zh": "愛德曼國際公關公司", "short_name": "Edelman"})
    set_officer(database, "Amy")
    update_contact(
        database,
        contact["id"],
        {
            "title_en": "Senior Account Director",
            "organization_id": org["id"],
            "phones": [{"text": "6986 5822", "type": "mobile"}],
        },
        contact["version"],
    )
    return int(contact["id"])


def _rows(dialog: HistoryDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [model.data(model.index(row, column)) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _opened(parent: QWidget) -> list[HistoryDialog]:
    return [d for d in parent.findChildren(HistoryDialog) if d.isVisible()]


def test_the_history_lists_each_change_newest_first(
    qtbot: QtBot, qtmodeltester: Any, database: Database, edited: int
) -> None:
    dialog = HistoryDialog(database, "contact", edited, "黃嘉琪")
    qtbot.addWidget(dialog)
    dialog.show()
    qtmodeltester.check(dialog.model)
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["When", "Who", "Field", "From", "To"]
    rows = _rows(dialog)
    assert [r[1] for r in rows[:3]] == ["Amy", "Amy", "Amy"]  # the edit first
    assert rows[-1][1] == "溫安怡"  # the creation last
    changes = {(r[2], r[3], r[4]) for r in rows if r[1] == "Amy"}
    assert ("Title (English)", "Account Director", "Senior Account Director") in changes
    assert ("Organisation", "—", "愛德曼國際公關公司 (Edelman)") in changes  # a name, not an id
    assert ("Phone", "—", "+852 6986 5822 (Mobile)") in changes
    assert dialog.windowTitle() == "History: 黃嘉琪"
    assert not dialog.empty.isVisible()
    # Readable widths: when, who and field are never squeezed to nothing.
    header = dialog.table.horizontalHeader()
    assert all(header.sectionSize(c) >= 100 for c in range(5))
    assert dialog.model.rowCount(dialog.model.index(0, 0)) == 0
    assert dialog.model.data(QModelIndex()) is None


def test_the_history_reads_in_chinese(qtbot: QtBot, database: Database, edited: int) -> None:
    try:
        assert install_translators("zh_HK")
        dialog = HistoryDialog(database, "contact", edited, "黃嘉琪")
        qtbot.addWidget(dialog)
        headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
        assert headers == ["時間", "修改人", "欄位", "原來", "改為"]
        assert "職銜（英文）" in {row[2] for row in _rows(dialog)}
    finally:
        install_translators("en")


def test_a_record_without_changes_says_so(qtbot: QtBot, database: Database) -> None:
    dialog = HistoryDialog(database, "contact", 999)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 0 and dialog.empty.isVisible()
    QtBot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Close), Qt.MouseButton.LeftButton
    )
    assert not dialog.isVisible()


def test_the_editors_history_button_opens_it(qtbot: QtBot, database: Database, edited: int) -> None:
    editor = ContactEditor(database, get_contact(database, edited))
    qtbot.addWidget(editor)
    editor.show()
    assert editor.history_button.isVisible()
    QtBot.mouseClick(editor.history_button, Qt.MouseButton.LeftButton)
    (dialog,) = _opened(editor)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() > 0 and "黃嘉琪" in dialog.windowTitle()
    new = ContactEditor(database)
    qtbot.addWidget(new)
    new.show()
    assert not new.history_button.isVisible()  # nothing to show before the first save


def test_the_contacts_view_offers_it_in_its_context_menu(
    qtbot: QtBot, sqlite_url: str, clean_settings: None
) -> None:
    window, database = open_window(qtbot, sqlite_url)
    view = window.views["contacts"]
    view.table.selectRow(0)
    assert view.history_action in view.table.actions() and view.history_action.isEnabled()
    view.history_action.trigger()
    (dialog,) = _opened(view)
    qtbot.addWidget(dialog)
    name = view.current_contact()["name_zh"]  # type: ignore[index]
    assert name in dialog.windowTitle()
    database.dispose()


def test_inquiries_and_releases_offer_it_too(qtbot: QtBot, seeded: Seeded) -> None:
    inquiries = seeded.window.views["inquiries"]
    inquiries.table.selectRow(0)
    inquiry_id = inquiries.selected_inquiry_id()
    assert inquiry_id is not None
    update_inquiry(seeded.database, inquiry_id, InquiryForm(notes="回覆了"), 1, user="Amy")
    assert inquiries.history_action in inquiries.table.actions()
    inquiries.history_action.trigger()
    releases = seeded.window.views["releases"]
    releases.table.selectRow(0)
    assert releases.history_action in releases.table.actions()
    releases.history_action.trigger()
    opened = _opened(inquiries) + _opened(releases)
    for dialog in opened:
        qtbot.addWidget(dialog)
    assert len(opened) == 2
    assert _rows(opened[0])[0][1:] == ["Amy", "Notes", "—", "回覆了"]
    inquiry_editor = InquiryEditor(seeded.database, get_inquiry(seeded.database, inquiry_id))
    release_editor = ReleaseEditor(
        seeded.database, get_release(seeded.database, releases.current_release_id() or 0)
    )
    for editor in (inquiry_editor, release_editor):
        qtbot.addWidget(editor)
        editor.show()
        assert editor.history_button.isVisible()


def test_an_imported_and_exported_contact_says_so(
    qtbot: QtBot, database: Database, tmp_path: Any
) -> None:
    from services.contact_import import import_contacts
    from services.contact_rows import IncomingContact, IncomingValue
    from services.exports import export_contact_sheet
    from services.roster import search_contacts

    set_officer(database, "溫安怡")
    import_contacts(
        database,
        [
            IncomingContact(
                "team.csv line 2",
                name_zh="陳大文",
                phones=[IncomingValue("9123 4567")],
                opt_out=True,
            )
        ],
        source="team.csv",
    )
    export_contact_sheet(database, "csv", tmp_path / "all.csv", include_opted_out=True)
    [contact] = search_contacts(database, "陳大文")
    contact_id = contact["id"]
    dialog = HistoryDialog(database, "contact", contact_id, "陳大文")
    qtbot.addWidget(dialog)
    rows = _rows(dialog)
    assert {(r[1], r[2], r[4]) for r in rows} == {
        ("溫安怡", "Imported", "team.csv line 2"),
        ("溫安怡", "Exported despite opt-out", "csv: all.csv"),
    }
