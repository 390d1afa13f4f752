"""The inquiry editor, driven as a user would: an input-method name, a number formatted as
typed, one-click fixes of a bad phone and e-mail, the status workflow and first response,
and a colleague's save that must not be overwritten."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.engine import Database
from desktop.dialogs.conflict import ConflictDialog
from desktop.dialogs.inquiry_editor import (
    InquiryEditor,
    run_edit_inquiry,
    run_new_inquiry,
    screenshot,
)
from services.conflicts import Conflict
from services.inquiries import InquiryForm, get_inquiry, search_inquiries, update_inquiry
from services.roster import lookup_number
from tests.desktop.inquiry_fixtures import Seeded, commit, seeded

__all__ = ["seeded"]  # the fixture, used by name

# The outlet field's completer opens a popup, which the offscreen platform cannot raise.
POPUP = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


def _editor(
    qtbot: QtBot, database: Database, inquiry: dict[str, Any] | None = None
) -> InquiryEditor:
    dialog = InquiryEditor(database, inquiry)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _use(monkeypatch: pytest.MonkeyPatch, dialog: InquiryEditor) -> None:
    """ask() returns what the user entered in ``dialog`` (no modal in tests)."""
    monkeypatch.setattr(
        InquiryEditor, "ask", classmethod(lambda cls, *a, **k: dialog.edit_result())
    )


def _pick_by_ime(qtbot: QtBot, dialog: InquiryEditor, name: str) -> None:
    dialog.journalist.edit.setFocus()
    commit(dialog.journalist.edit, name)
    qtbot.waitUntil(lambda: dialog.journalist.model.rowCount() >= 1, timeout=2000)


@POPUP
def test_chinese_name_by_input_method_then_fixes_with_one_click(
    qtbot: QtBot, seeded: Seeded, monkeypatch: pytest.MonkeyPatch, qtmodeltester: Any
) -> None:
    dialog = _editor(qtbot, seeded.database)
    assert not dialog.save_button.isEnabled()  # nobody and nothing asked yet
    _pick_by_ime(qtbot, dialog, "黃嘉琪")
    qtmodeltester.check(dialog.journalist.model)
    assert "黃嘉琪 June Wong" in dialog.journalist.model.data(dialog.journalist.model.index(0, 0))
    qtbot.keyClick(dialog.journalist.edit, Qt.Key.Key_Return)  # take the highlighted match
    assert dialog.journalist.contact()["name_zh"] == "黃嘉琪"
    assert dialog.outlet.text() == "愛德曼國際公關公司"
    # A mainland mobile typed without +86: refused, with the fix one click away.
    dialog.phone.edit.clear()
    qtbot.keyClicks(dialog.phone.edit, "13912345678")
    assert not dialog.phone.is_valid()
    assert dialog.phone.message.isVisible() and "+86" in dialog.phone.message.text()
    assert dialog.phone.suggestion_button.isVisible()
    assert dialog.phone.suggestion_button.text() == "Use +86 139 1234 5678"
    qtbot.mouseClick(dialog.phone.suggestion_button, Qt.MouseButton.LeftButton)
    assert dialog.phone.is_valid() and dialog.phone.value() == "+8613912345678"
    assert not dialog.phone.suggestion_button.isVisible()
    # The address as printed in the release, with its trailing slash.
    dialog.email.edit.clear()
    qtbot.keyClicks(dialog.email.edit, "June.Wong@edelman.com/")
    assert not dialog.email.is_valid() and not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.email.suggestion_button, Qt.MouseButton.LeftButton)
    assert dialog.email.is_valid() and dialog.email.text() == "June.Wong@edelman.com"
    dialog.question.setFocus()
    qtbot.keyClicks(dialog.question, "When does the MoU take effect?")
    assert dialog.save_button.isEnabled()
    _use(monkeypatch, dialog)
    saved = run_new_inquiry(seeded.window)
    assert saved is not None
    assert saved["journalist"] == "黃嘉琪" and saved["outlet"] == "愛德曼國際公關公司"
    assert saved["phone"] == "+8613912345678" and saved["email"] == "June.Wong@edelman.com"
    # The new number is on her record now, so her next call from it is recognised.
    found = lookup_number(seeded.database, "+86 139 1234 5678")
    assert [c["name_zh"] for c in found] == ["黃嘉琪"]
    view = seeded.window.views["inquiries"]
    assert view.model.row_of("id", saved["id"]) >= 0  # type: ignore[attr-defined]


def test_a_new_journalist_typed_in_chinese_is_added(
    qtbot: QtBot, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _editor(qtbot, seeded.database)
    dialog.journalist.edit.setFocus()
    commit(dialog.journalist.edit, "李小明")
    hint = dialog.journalist.hint
    qtbot.waitUntil(lambda: "new contact" in hint.text(), timeout=2000)
    assert hint.isVisible() and "李小明" in hint.text()
    dialog.outlet.setFocus()
    commit(dialog.outlet, "香港電台")
    qtbot.keyClicks(dialog.phone.edit, "69001234")
    assert dialog.phone.text() == "6900 1234"  # formatted as typed
    dialog.question.setFocus()
    commit(dialog.question, "請問幾時有高清相片？")
    _use(monkeypatch, dialog)
    saved = run_new_inquiry(seeded.window)
    assert saved is not None and saved["journalist"] == "李小明" and saved["outlet"] == "香港電台"
    (found,) = lookup_number(seeded.database, "6900 1234")
    assert found["name_zh"] == "李小明"


def test_status_workflow_records_the_first_response(
    qtbot: QtBot, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = seeded.inquiries["overdue"]
    dialog = _editor(qtbot, seeded.database, get_inquiry(seeded.database, target["id"]))
    offered = [dialog.status.itemData(i) for i in range(dialog.status.count())]
    assert offered == ["new", "in_progress", "answered", "declined", "closed"]
    assert dialog.first_response.text().startswith("Not yet")
    assert dialog.journalist.contact()["name_zh"] == "黃嘉琪"
    assert dialog.owner.contact()["name_zh"] == "溫安怡"
    assert dialog.phone.text() == "+852 6986 5822"
    dialog.status.setCurrentIndex(dialog.status.findData("in_progress"))
    _use(monkeypatch, dialog)
    saved = run_edit_inquiry(seeded.window, seeded.database, target["id"])
    assert saved is not None and saved["status"] == "in_progress"
    assert saved["first_response_at"] is not None and saved["question"] == target["question"]
    # Times the officer left alone are kept to the second, not cut to the editor's minute.
    assert saved["received_at"] == target["received_at"]
    assert saved["deadline"] == target["deadline"]
    again = _editor(qtbot, seeded.database, saved)
    offered = [again.status.itemData(i) for i in range(again.status.count())]
    assert offered == ["in_progress", "answered", "declined", "closed"]  # never back to New
    assert "after it came in" in again.first_response.text()
    again.status.setCurrentIndex(again.status.findData("answered"))
    _use(monkeypatch, again)
    answered = run_edit_inquiry(seeded.window, seeded.database, target["id"])
    assert answered is not None
    assert answered["first_response_at"] == saved["first_response_at"]  # the first one stays


def test_a_colleagues_save_is_not_overwritten(
    qtbot: QtBot, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = seeded.inquiries["no_release"]
    mine = _editor(qtbot, seeded.database, get_inquiry(seeded.database, target["id"]))
    # A colleague saves while my form is open.
    update_inquiry(
        seeded.database, target["id"], InquiryForm(notes="Called back: 200 jobs"), 1, user="Amy"
    )
    mine.notes.setPlainText("my note")
    _use(monkeypatch, mine)
    shown: list[Conflict] = []
    monkeypatch.setattr(ConflictDialog, "ask", classmethod(lambda cls, p, c: shown.append(c)))
    assert run_edit_inquiry(seeded.window, seeded.database, target["id"]) is None  # cancelled
    assert len(shown) == 1 and shown[0].changed_by == "Amy"
    assert shown[0].differing() == ["notes"]
    assert get_inquiry(seeded.database, target["id"])["notes"] == "Called back: 200 jobs"


def test_the_form_says_what_is_missing(qtbot: QtBot, seeded: Seeded) -> None:
    dialog = _editor(qtbot, seeded.database)
    dialog.accept()  # the Save button is disabled; Enter must not slip through either
    assert dialog.result() == 0 and "Say who asked" in dialog.problem.text()
    qtbot.keyClicks(dialog.owner.edit, "nobody-such")
    dialog.owner.search_now()
    assert any("owner" in p for p in dialog.problems())
    before = len(search_inquiries(seeded.database))
    assert before == 4


def test_screenshot_shows_a_filled_form(qtbot: QtBot, seeded: Seeded) -> None:
    dialog = screenshot(seeded.window)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, InquiryEditor)
    assert dialog.journalist.contact() is not None
    assert dialog.email.suggestion_button.isVisible()
