"""The releases view and the release editor, driven as a press officer would."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt, QThreadPool
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from db.engine import Database, open_database
from db.models import Contact, Inquiry
from desktop.dialogs import release_editor
from desktop.dialogs.conflict import ConflictDialog, Resolution
from desktop.dialogs.release_editor import ContactPickerDialog, ReleaseEditor
from desktop.main_window import MainWindow
from desktop.views.releases import ReleasesView
from services.conflicts import Conflict
from services.first_run import import_bundled_release_once
from services.inquiries import InquiryCreate, add_inquiry
from services.releases import get_release, update_release
from services.roster import list_releases, search_contacts


@pytest.fixture
def database(sqlite_url: str) -> Iterator[Database]:
    db = open_database(sqlite_url)
    import_bundled_release_once(db)
    yield db
    QThreadPool.globalInstance().waitForDone(20_000)  # no worker outlives its database
    db.dispose()


@pytest.fixture
def window(qtbot: QtBot, database: Database) -> MainWindow:
    main = MainWindow(database)
    qtbot.addWidget(main)
    main.show()
    main.show_view("releases")
    return main


def _view(window: MainWindow) -> ReleasesView:
    view = window.views["releases"]
    assert isinstance(view, ReleasesView)
    return view


def _media_order(database: Database) -> list[str]:
    (release,) = list_releases(database)
    return [c["name_zh"] or c["emails"][0]["address"] for c in release["media_contacts"]]


def _shown_order(view: ReleasesView) -> list[str]:
    model = view.media_model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _type_chinese(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_the_list_shows_the_release_and_its_figures(window: MainWindow, qtbot: QtBot) -> None:
    view = _view(window)
    model = view.model
    assert model.rowCount() == 1
    qtbot.waitUntil(lambda: model.figures_pending() == 0, timeout=10_000)
    cells = [model.index(0, c).data() for c in range(model.columnCount())]
    assert cells[:4] == [
        "2023-12-01",
        "香港科技園公司與地平線簽署合作備忘錄",
        "香港",
        "香港科技園公司、地平線",
    ]
    assert cells[4:7] == [0, 0, 0]
    assert view.title_label.text() == "香港科技園公司與地平線簽署合作備忘錄"
    assert view.issuers_label.text() == "香港科技園公司、地平線"
    assert _shown_order(view)[1] == "黃嘉琪 June Wong"
    assert view.tabs.tabText(0) == "Media contacts (4)"
    speakers = [view.speaker_model.index(r, 1).data() for r in range(3)]
    assert speakers == ["創新科技及工業局局長", "香港科技園公司主席", "地平線始創人兼首席執行官"]
    assert "1 release" in window.status_label.text()


def test_reordering_media_contacts_is_saved(
    window: MainWindow, database: Database, qtbot: QtBot
) -> None:
    view = _view(window)
    before = _media_order(database)
    assert before == ["溫安怡", "黃嘉琪", "Edelmanhkstppr@edelman.com", "熊苗苗"]
    view.media_table.selectRow(3)
    assert not view.down_button.isEnabled()
    qtbot.mouseClick(view.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.up_button, Qt.MouseButton.LeftButton)
    assert _media_order(database) == ["溫安怡", "熊苗苗", "黃嘉琪", "Edelmanhkstppr@edelman.com"]
    assert _shown_order(view)[1] == "熊苗苗 Miaomiao Xiong"
    assert view.media_table.selectionModel().selectedRows()[0].row() == 1  # still selected
    qtbot.mouseClick(view.down_button, Qt.MouseButton.LeftButton)
    assert _media_order(database) == ["溫安怡", "黃嘉琪", "熊苗苗", "Edelmanhkstppr@edelman.com"]
    view.media_table.selectRow(3)
    qtbot.mouseClick(view.remove_contact_button, Qt.MouseButton.LeftButton)
    assert _media_order(database) == ["溫安怡", "黃嘉琪", "熊苗苗"]
    # The same from the keyboard, in the table.
    view.media_table.setFocus()
    view.media_table.selectRow(2)
    qtbot.keyClick(view.media_table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _media_order(database) == ["溫安怡", "熊苗苗", "黃嘉琪"]
    qtbot.keyClick(view.media_table, Qt.Key.Key_Delete)
    assert _media_order(database) == ["溫安怡", "黃嘉琪"]
    assert view.tabs.tabText(0) == "Media contacts (2)"
    # The mailbox is still in the roster: a media contact is removed, not deleted.
    assert any(c["kind"] == "mailbox" for c in search_contacts(database))


def test_adding_a_media_contact_from_the_roster(
    window: MainWindow, database: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    with database.session() as session:
        session.add(Contact(name_zh="陳記者", name_en="Reporter Chan"))
    view = _view(window)
    offered: dict[str, Any] = {}

    def pick(parent: Any, db: Database, title: str, exclude: set[int]) -> dict[str, Any] | None:
        dialog = ContactPickerDialog(db, title, exclude, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.picker.edit, "Reporter")
        dialog.picker.search_now()
        offered["matches"] = dialog.picker.model.rowCount()
        dialog.picker.choose_current()
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        offered["enabled"] = ok.isEnabled()
        return dialog.contact()

    monkeypatch.setattr(ContactPickerDialog, "ask", classmethod(lambda cls, *a: pick(*a)))
    qtbot.mouseClick(view.add_contact_button, Qt.MouseButton.LeftButton)
    assert offered == {"matches": 1, "enabled": True}
    assert _media_order(database)[-1] == "陳記者"
    assert _shown_order(view)[-1] == "陳記者 Reporter Chan"


def test_the_picker_refuses_someone_listed_already(qtbot: QtBot, database: Database) -> None:
    (release,) = list_releases(database)
    listed = {c["id"] for c in release["media_contacts"]}
    dialog = ContactPickerDialog(database, "Add", listed)
    qtbot.addWidget(dialog)
    dialog.show()
    _type_chinese(dialog.picker.edit, "黃嘉琪")
    dialog.picker.search_now()
    dialog.picker.choose_current()
    assert "on the list already" in dialog.chosen_label.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert dialog.contact() is None


def test_a_colleagues_change_is_not_overwritten(
    window: MainWindow, database: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(window)
    release = get_release(database, view.current_release_id() or 0)
    update_release(database, release["id"], {"place": "沙田"}, release["version"])
    conflicts: list[Conflict] = []
    monkeypatch.setattr(ConflictDialog, "ask", classmethod(lambda cls, p, c: conflicts.append(c)))
    view.media_table.selectRow(3)
    qtbot.mouseClick(view.up_button, Qt.MouseButton.LeftButton)
    assert len(conflicts) == 1 and conflicts[0].differing() == ["media_contact_ids"]
    mine = [name.split()[0] for name in conflicts[0].fields[0].mine_shown]
    assert mine.index("熊苗苗") == 2  # the move, as the conflict view shows it
    assert _media_order(database)[3] == "熊苗苗"  # cancelled: nothing moved
    assert view.place_label.text() == "沙田"  # the current version is shown

    def keep_mine(cls: Any, parent: Any, conflict: Conflict) -> Resolution:
        return Resolution("mine", conflict.mine())

    monkeypatch.setattr(ConflictDialog, "ask", classmethod(keep_mine))
    update_release(database, release["id"], {"notes": "Ben"}, release["version"] + 1)
    view.media_table.selectRow(3)
    qtbot.mouseClick(view.up_button, Qt.MouseButton.LeftButton)
    assert _media_order(database)[2] == "熊苗苗"  # moved over the newer version
    stored = get_release(database, release["id"])
    assert (stored["place"], stored["notes"]) == ("沙田", "Ben")  # theirs kept


def test_edit_opens_the_editor_and_saves(
    window: MainWindow, database: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(window)

    def edit(parent: Any, db: Database, release: dict[str, Any]) -> Any:
        editor = ReleaseEditor(db, release, parent)
        qtbot.addWidget(editor)
        qtbot.keyClicks(editor.title_en, "HKSTP and Horizon sign MoU")
        editor.place.clear()
        _type_chinese(editor.place, "香港科學園")
        editor.embargo.enabled_box.setChecked(True)
        editor.spokespeople.table.selectRow(2)
        qtbot.mouseClick(editor.spokespeople.up_button, Qt.MouseButton.LeftButton)
        return editor.changes()

    monkeypatch.setattr(ReleaseEditor, "ask", classmethod(lambda cls, *a: edit(*a)))
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    (release,) = list_releases(database)
    assert release["title_en"] == "HKSTP and Horizon sign MoU"
    assert release["place"] == "香港科學園"
    assert [s["name_zh"] for s in release["spokespeople"]] == ["孫東", "余凱", "查毅超"]
    assert get_release(database, release["id"])["embargo_until"] is not None
    assert view.place_label.text() == "香港科學園"
    assert "HKSTP and Horizon sign MoU" in view.model.index(0, 1).data()


def test_the_editor_refuses_a_release_without_a_title(qtbot: QtBot, database: Database) -> None:
    (release,) = list_releases(database)
    editor = ReleaseEditor(database, get_release(database, release["id"]))
    qtbot.addWidget(editor)
    editor.show()
    editor.title_zh.clear()
    editor.accept()
    assert editor.isVisible()
    assert "needs a title" in editor.error.text()


def test_the_editor_lists_and_reorders_issuers(
    qtbot: QtBot, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    (release,) = list_releases(database)
    editor = ReleaseEditor(database, get_release(database, release["id"]))
    qtbot.addWidget(editor)
    issuers = editor.issuers
    assert [issuers.table.item(r, 0).text() for r in range(2)] == [  # type: ignore[union-attr]
        "香港科技園公司",
        "地平線",
    ]
    chosen = {"id": 0}

    def pick(parent: Any, db: Database, exclude: set[int]) -> dict[str, Any] | None:
        dialog = release_editor.OrganizationPickerDialog(db, exclude, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        _type_chinese(dialog.search, "創新科技")
        dialog.search_now()
        org = dialog.organization()
        chosen["id"] = org["id"] if org else 0
        return org

    monkeypatch.setattr(
        release_editor.OrganizationPickerDialog, "ask", classmethod(lambda cls, *a: pick(*a))
    )
    qtbot.mouseClick(issuers.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(issuers.up_button, Qt.MouseButton.LeftButton)
    changes = editor.changes()
    assert changes.issuer_ids[1] == chosen["id"]
    assert len(changes.issuer_ids) == 3


def test_export_button_calls_the_windows_export(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int | None] = []
    view = _view(window)
    monkeypatch.setattr(window, "export_contacts", lambda: calls.append(view.current_release_id()))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert calls == [view.current_release_id()]


def test_the_releases_inquiries_open_in_the_inquiry_editor(
    window: MainWindow, database: Database, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(window)
    release_id = view.current_release_id()
    added = add_inquiry(
        database,
        InquiryCreate(
            release_id=release_id,
            journalist="陳記者",
            outlet="明報",
            question="When does the centre open?",
        ),
    )
    with database.session() as session:
        inquiry = session.get(Inquiry, added["id"])
        assert inquiry is not None
        inquiry.first_response_at = inquiry.received_at + timedelta(minutes=25)
        inquiry.status = "answered"
    window.refresh_all()
    qtbot.waitUntil(lambda: view.model.figures_pending() == 0, timeout=10_000)
    assert view.tabs.tabText(2) == "Inquiries (1)"
    assert view.inquiry_model.index(0, 1).data() == "陳記者"
    assert view.inquiry_model.index(0, 6).data() == "25 min"
    assert view.model.index(0, 4).data() == 1
    assert view.model.index(0, 7).data() == "25 min"
    opened: list[tuple[Any, ...]] = []
    from desktop.dialogs import inquiry_editor

    def run_edit_inquiry(*args: Any) -> None:
        opened.append(args)

    monkeypatch.setattr(inquiry_editor, "run_edit_inquiry", run_edit_inquiry)
    view.open_inquiry(view.inquiry_model.index(0, 0))
    assert opened == [(window, database, added["id"])]
    view.open_inquiry(QModelIndex())
    assert len(opened) == 1


def test_search_filters_the_list(window: MainWindow, qtbot: QtBot) -> None:
    view = _view(window)
    qtbot.keyClicks(window.search, "nothing like this")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=2000)
    assert view.detail_stack.currentIndex() == 0
    window.search.clear()
    _type_chinese(window.search, "地平線")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)
    assert view.detail_stack.currentIndex() == 1


def test_every_model_passes_the_model_tester(
    window: MainWindow, database: Database, qtbot: QtBot, qtmodeltester: Any
) -> None:
    view = _view(window)
    add_inquiry(
        database,
        InquiryCreate(
            release_id=view.current_release_id(), journalist="Reporter", outlet="RTHK", question="?"
        ),
    )
    window.refresh_all()
    qtbot.waitUntil(lambda: view.model.figures_pending() == 0, timeout=10_000)
    for model in (view.model, view.media_model, view.speaker_model, view.inquiry_model):
        qtmodeltester.check(model)
    (release,) = list_releases(database)
    editor = ReleaseEditor(database, get_release(database, release["id"]))
    for table in (editor.issuers, editor.media_contacts, editor.spokespeople):
        qtmodeltester.check(table.table.model())
    editor.deleteLater()


def test_editor_screenshot(window: MainWindow) -> None:
    editor = release_editor.screenshot(window)
    assert isinstance(editor, ReleaseEditor)
    assert editor.isVisible()
    assert editor.title_zh.text() == "香港科技園公司與地平線簽署合作備忘錄"
    assert editor.media_contacts.table.rowCount() == 4
    editor.close()
