"""The conflict view: a colleague saves (from another connection) while the officer edits;
the save opens theirs beside mine, and keep mine / take theirs / merge end up in the
database and the audit trail as chosen, never losing either side's work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from db.engine import Database, open_database
from desktop.dialogs import conflict as conflict_module
from desktop.dialogs.conflict import ConflictDialog, Resolution
from desktop.dialogs.contact_editor import ContactEditor, run_edit_contact
from desktop.dialogs.inquiry_editor import InquiryEditor, run_edit_inquiry
from desktop.dialogs.release_editor import ReleaseEditor, run_edit_release
from services.audit import history, set_officer
from services.conflicts import Conflict
from services.contacts import create_contact, delete_contact, get_contact, update_contact
from services.first_run import import_bundled_release_once
from services.inquiries import InquiryForm, create_inquiry, get_inquiry, update_inquiry
from services.releases import get_release, update_release
from services.roster import list_releases

Drive = Callable[[ConflictDialog], None]


@pytest.fixture
def mine_db(sqlite_url: str) -> Iterator[Database]:
    """The officer's connection (Amy)."""
    database = open_database(sqlite_url)
    set_officer(database, "Amy")
    yield database
    database.dispose()


@pytest.fixture
def theirs_db(sqlite_url: str, mine_db: Database) -> Iterator[Database]:
    """A colleague's own connection to the same file (Ben)."""
    database = open_database(sqlite_url)
    set_officer(database, "Ben")
    yield database
    database.dispose()


class Officer:
    """Answers the conflict view through the real dialog: shown, looked at, clicked."""

    def __init__(self, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, *drives: Drive) -> None:
        self.qtbot = qtbot
        self.drives = list(drives)
        self.seen: list[ConflictDialog] = []
        monkeypatch.setattr(ConflictDialog, "ask", classmethod(self._ask))

    def _ask(self, cls: type[ConflictDialog], parent: QWidget | None, c: Conflict) -> Any:
        dialog = cls(c, parent)
        self.qtbot.addWidget(dialog)
        dialog.show()
        self.seen.append(dialog)
        self.drives.pop(0)(dialog)
        return dialog.resolution()


def click(name: str) -> Drive:
    def drive(dialog: ConflictDialog) -> None:
        button = dialog.findChild(QWidget, name)
        assert button is not None, name
        QtBot.mouseClick(button, Qt.MouseButton.LeftButton)

    return drive


def _text(dialog: ConflictDialog, name: str) -> str:
    label = dialog.findChild(QLabel, name)
    assert label is not None, name
    return label.text()


def _entries(database: Database, contact_id: int) -> list[tuple[str, str | None, str | None]]:
    return [(e["user"], e["field"], e["new"]) for e in history(database, "contact", contact_id)]


@dataclass
class Scene:
    """June's contact, open in my editor while Ben saves his change from his connection.

    Attributes:
        shown: every record the editor was shown (a second one when it is reopened;
            that second showing is cancelled).
    """

    qtbot: QtBot
    monkeypatch: pytest.MonkeyPatch
    mine_db: Database
    theirs_db: Database
    contact_id: int
    shown: list[dict[str, Any]]

    def officer(self, *drives: Drive) -> Officer:
        return Officer(self.qtbot, self.monkeypatch, *drives)

    def edit(self) -> dict[str, Any] | None:
        return run_edit_contact(None, self.mine_db, self.contact_id)


@pytest.fixture
def scene(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, mine_db: Database, theirs_db: Database
) -> Scene:
    """I change the title and add a mobile; Ben changes the title and adds a note."""
    contact_id = int(
        create_contact(
            mine_db,
            {
                "name_zh": "黃嘉琪",
                "name_en": "June Wong",
                "title_en": "Account Director",
                "phones": [{"text": "3756 8623", "type": "work"}],
                "emails": [{"text": "june@edelman.com", "type": "work"}],
            },
        )["id"]
    )
    shown: list[dict[str, Any]] = []

    def ask(cls: Any, parent: Any, database: Any, contact: Any = None, **_: Any) -> Any:
        shown.append(contact)
        if len(shown) > 1:
            return None
        editor = ContactEditor(database, contact)
        qtbot.addWidget(editor)
        editor.show()
        editor.title_en.setText("Senior Account Director")
        editor.phones.add_row("6986 5822", "mobile")
        stored = get_contact(theirs_db, contact_id)
        update_contact(
            theirs_db,
            contact_id,
            {"notes": "新聞稿後致電", "title_en": "Director"},
            stored["version"],
        )
        return editor.data()

    monkeypatch.setattr(ContactEditor, "ask", classmethod(ask))
    return Scene(qtbot, monkeypatch, mine_db, theirs_db, contact_id, shown)


def test_keep_mine_saves_over_the_newer_version_and_is_audited(scene: Scene) -> None:

    def look_then_keep_mine(dialog: ConflictDialog) -> None:
        assert dialog.conflict.changed_by == "Ben"
        assert dialog.conflict.differing() == ["title_en", "notes", "phones"]
        assert _text(dialog, "theirs_title_en") == "Director"
        assert _text(dialog, "mine_title_en") == "Senior Account Director"
        assert _text(dialog, "theirs_notes") == "新聞稿後致電"
        assert "6986 5822 (Mobile)" in _text(dialog, "mine_phones")
        assert "Ben" in _text(dialog, "conflictIntro")
        # Highlighted: a changed field and an unchanged one do not look alike.
        differs = dialog.findChild(QLabel, "mine_title_en")
        same = dialog.findChild(QLabel, "mine_name_zh")
        assert differs is not None and same is not None
        assert differs.styleSheet() != same.styleSheet()
        click("keepMine")(dialog)

    officer = scene.officer(look_then_keep_mine)
    saved = scene.edit()
    assert saved is not None and len(officer.seen) == 1
    stored = get_contact(scene.theirs_db, scene.contact_id)
    assert stored["title_en"] == "Senior Account Director"
    assert stored["notes"] is None  # mine, whole: their note is replaced (and kept in history)
    assert [p["e164"] for p in stored["phones"]] == ["+85237568623", "+85269865822"]
    assert stored["version"] == 3  # 1 created, 2 Ben's, 3 mine over Ben's
    trail = _entries(scene.mine_db, scene.contact_id)
    assert ("Amy", "title_en", "Senior Account Director") in trail
    assert ("Ben", "title_en", "Director") in trail
    assert ("Amy", "notes", None) in trail and ("Ben", "notes", "新聞稿後致電") in trail
    assert ("Amy", "phone", "+85269865822 (mobile)") in trail


def test_take_theirs_reopens_the_form_on_the_stored_values_and_saves_nothing(scene: Scene) -> None:
    before = _entries(scene.mine_db, scene.contact_id)
    scene.officer(click("takeTheirs"))
    assert scene.edit() is None  # then cancelled in the editor
    reopened = scene.shown[1:]
    assert len(reopened) == 1
    assert (reopened[0]["title_en"], reopened[0]["notes"]) == ("Director", "新聞稿後致電")
    assert reopened[0]["version"] == 2
    stored = get_contact(scene.theirs_db, scene.contact_id)
    assert (stored["title_en"], stored["version"], len(stored["phones"])) == ("Director", 2, 1)
    assert [
        e for e in _entries(scene.mine_db, scene.contact_id) if e[0] == "Amy"
    ] == before  # nothing by me


def test_a_merge_takes_each_field_from_the_side_chosen(scene: Scene) -> None:

    def merge(dialog: ConflictDialog) -> None:
        # What I changed starts on mine, what only Ben changed on theirs.
        assert dialog.mine_buttons["title_en"].isChecked()
        assert dialog.mine_buttons["phones"].isChecked()
        assert dialog.theirs_buttons["notes"].isChecked()
        assert "name_zh" not in dialog.mine_buttons  # no choice where both agree
        click("keepTheirs_title_en")(dialog)
        click("saveMerge")(dialog)

    scene.officer(merge)
    assert scene.edit() is not None
    stored = get_contact(scene.theirs_db, scene.contact_id)
    assert (stored["title_en"], stored["notes"]) == ("Director", "新聞稿後致電")  # theirs
    assert len(stored["phones"]) == 2  # mine
    trail = _entries(scene.mine_db, scene.contact_id)
    assert ("Amy", "phone", "+85269865822 (mobile)") in trail
    assert ("Amy", "title_en", "Senior Account Director") not in trail
    assert ("Amy", "notes", None) not in trail


def test_a_third_save_while_the_view_is_open_conflicts_again(scene: Scene) -> None:

    def ben_saves_again_then_keep_mine(dialog: ConflictDialog) -> None:
        update_contact(scene.theirs_db, scene.contact_id, {"romanisation": "Wong Ka Kei"}, 2)
        click("keepMine")(dialog)

    def look_again(dialog: ConflictDialog) -> None:
        assert dialog.conflict.version == 3
        assert "romanisation" in dialog.conflict.differing()
        assert _text(dialog, "theirs_romanisation") == "Wong Ka Kei"
        click("saveMerge")(dialog)  # romanisation starts on theirs: only Ben changed it

    officer = scene.officer(ben_saves_again_then_keep_mine, look_again)
    assert scene.edit() is not None
    assert len(officer.seen) == 2
    stored = get_contact(scene.theirs_db, scene.contact_id)
    assert (stored["romanisation"], stored["title_en"]) == (
        "Wong Ka Kei",
        "Senior Account Director",
    )
    assert stored["version"] == 4


def test_cancel_leaves_theirs(scene: Scene) -> None:

    def cancel(dialog: ConflictDialog) -> None:
        dialog.reject()

    scene.officer(cancel)
    assert scene.edit() is None
    assert get_contact(scene.theirs_db, scene.contact_id)["title_en"] == "Director"


def test_a_contact_deleted_meanwhile_is_reported_not_resaved(
    scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        "desktop.dialogs.contact_editor.warn", lambda p, title, text, details="": told.append(text)
    )
    officer = scene.officer()  # the conflict view must not open: there is nothing to merge
    ask = ContactEditor.ask

    def edit_then_ben_deletes(cls: Any, *args: Any, **kwargs: Any) -> Any:
        data = ask(*args, **kwargs)
        delete_contact(scene.theirs_db, scene.contact_id)
        return data

    monkeypatch.setattr(ContactEditor, "ask", classmethod(edit_then_ben_deletes))
    assert scene.edit() is None
    assert not officer.seen and len(told) == 1 and "no longer exists" in told[0]


def test_an_inquiry_merge_is_saved_and_audited_as_the_officer(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, mine_db: Database, theirs_db: Database
) -> None:
    import_bundled_release_once(mine_db)
    monkeypatch.setattr("desktop.dialogs.inquiry_editor.officer_name", lambda: "Amy")
    journalist = create_contact(mine_db, {"name_zh": "熊苗苗"})
    inquiry = create_inquiry(
        mine_db, InquiryForm(journalist_id=journalist["id"], question="幾時生效？"), user="Amy"
    )
    editor = InquiryEditor(mine_db, get_inquiry(mine_db, inquiry["id"]))
    qtbot.addWidget(editor)
    editor.question.setPlainText("幾時正式生效？")
    editor.notes.setPlainText("my note")
    monkeypatch.setattr(
        InquiryEditor, "ask", classmethod(lambda cls, *a, **k: editor.edit_result())
    )
    update_inquiry(theirs_db, inquiry["id"], InquiryForm(notes="Ben's note"), 1, user="Ben")

    def merge(dialog: ConflictDialog) -> None:
        assert dialog.conflict.differing() == ["question", "notes"]
        assert dialog.mine_buttons["notes"].isChecked()  # both changed it: mine first
        click("keepTheirs_notes")(dialog)
        click("saveMerge")(dialog)

    Officer(qtbot, monkeypatch, merge)
    saved = run_edit_inquiry(None, mine_db, inquiry["id"])  # type: ignore[arg-type]
    assert saved is not None
    assert (saved["question"], saved["notes"]) == ("幾時正式生效？", "Ben's note")
    trail = [(e["user"], e["field"]) for e in history(mine_db, "inquiry", inquiry["id"])]
    assert trail[0] == ("Amy", "question") and ("Ben", "notes") in trail


def test_a_release_keeps_mine_over_a_colleagues_save(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, mine_db: Database, theirs_db: Database
) -> None:
    import_bundled_release_once(mine_db)
    release_id = int(list_releases(mine_db)[0]["id"])
    editor = ReleaseEditor(mine_db, get_release(mine_db, release_id))
    qtbot.addWidget(editor)
    editor.place.setText("香港科學園")
    monkeypatch.setattr(ReleaseEditor, "ask", classmethod(lambda cls, *a: editor.changes()))
    shown = get_release(theirs_db, release_id)
    update_release(theirs_db, release_id, {"place": "沙田", "notes": "Ben"}, shown["version"])

    def keep_mine(dialog: ConflictDialog) -> None:
        assert dialog.conflict.differing() == ["place", "notes"]
        assert _text(dialog, "theirs_place") == "沙田"
        click("keepMine")(dialog)

    Officer(qtbot, monkeypatch, keep_mine)

    class Window(QWidget):
        database = mine_db

    saved = run_edit_release(Window(), release_id)
    assert saved is not None and saved["place"] == "香港科學園" and saved["notes"] is None


def test_the_dialog_alone_resolves_without_a_modal(qtbot: QtBot) -> None:
    dialog = conflict_module.screenshot(None)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ConflictDialog)
    assert dialog.conflict.differing() == ["title_zh", "title_en", "notes", "phones"]
    QtBot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    resolution = dialog.resolution()
    assert isinstance(resolution, Resolution) and resolution.choice == "merge"
    assert resolution.values["title_zh"] == "高級客戶總監"  # mine
    assert resolution.values["notes"] == "新聞稿後致電"  # theirs: only they changed it
