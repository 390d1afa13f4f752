"""Logging a call as it happens: the number typed in any form finds the caller, the clock
runs, and the call (with its inquiry) is saved in one go."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import CallLog, Inquiry
from desktop.dialogs.log_call import LogCallDialog, run_log_call, screenshot
from services.calls import list_calls
from services.roster import lookup_number
from tests.desktop.inquiry_fixtures import Seeded, commit, seeded

__all__ = ["seeded"]  # the fixture, used by name


def _dialog(qtbot: QtBot, s: Seeded, prefill: dict[str, Any] | None = None) -> LogCallDialog:
    dialog = LogCallDialog(s.database, prefill)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _use(monkeypatch: pytest.MonkeyPatch, dialog: LogCallDialog) -> None:
    """ask() returns the call entered in ``dialog`` (no modal in tests)."""
    monkeypatch.setattr(LogCallDialog, "ask", classmethod(lambda cls, *a, **k: dialog.call_form()))


def _type(qtbot: QtBot, widget: QWidget, text: str) -> None:
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        commit(widget, text)  # full-width digits come from an input method


@pytest.mark.parametrize("typed", ["69865822", "+852 6986-5822", "６９８６ ５８２２"])
def test_a_call_from_a_number_typed_in_any_form(
    qtbot: QtBot,
    seeded: Seeded,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: Any,
    typed: str,
) -> None:
    dialog = _dialog(qtbot, seeded)
    assert dialog.timer.is_running()
    dialog.caller.edit.setFocus()
    _type(qtbot, dialog.caller.edit, typed)
    qtbot.waitUntil(lambda: dialog.caller.contact() is not None, timeout=2000)
    assert dialog.caller.contact()["name_zh"] == "黃嘉琪"  # one contact has it: picked at once
    qtmodeltester.check(dialog.caller.model)
    assert "黃嘉琪 June Wong" in dialog.card.text() and "愛德曼國際公關公司" in dialog.card.text()
    assert not dialog.new_caller.isVisible()
    assert not dialog.remember_number.isVisible()  # she has this number already
    # The clock on screen advances (mm:ss compares in time order as text).
    qtbot.waitUntil(lambda: dialog.timer.display.text() >= "00:01", timeout=3000)
    assert dialog.timer.seconds() >= 1
    assert not dialog.create_inquiry.isChecked()  # no question yet
    dialog.summary.setFocus()
    commit(dialog.summary, "想知合作備忘錄幾時生效")
    assert dialog.create_inquiry.isChecked()  # incoming, with a question: an inquiry
    qtbot.keyClick(dialog.follow_up, Qt.Key.Key_Space)
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == LogCallDialog.DialogCode.Accepted
    assert not dialog.timer.is_running()  # saving stops the clock
    _use(monkeypatch, dialog)
    saved = run_log_call(seeded.window)
    assert saved is not None
    call, inquiry = saved["call"], saved["inquiry"]
    assert call["number"] == "+85269865822" and call["duration_seconds"] >= 1
    assert call["follow_up"] is True and call["direction"] == "incoming"
    assert call["release_id"] == 1 and call["inquiry_id"] == inquiry["id"]
    assert inquiry["question"] == "想知合作備忘錄幾時生效" and inquiry["journalist"] == "黃嘉琪"
    assert inquiry["channel"] == "phone" and inquiry["phone"] == "+85269865822"
    with seeded.database.session(write=False) as session:
        stored = session.scalars(select(CallLog)).one()
        assert (
            stored.inquiry_id
            == session.scalars(select(Inquiry.id).order_by(Inquiry.id.desc())).first()
        )
    assert "Call logged" in seeded.window.statusBar().currentMessage()
    view = seeded.window.views["inquiries"]
    assert view.model.row_of("id", inquiry["id"]) >= 0  # type: ignore[attr-defined]


def test_a_caller_found_by_name_with_the_keyboard(qtbot: QtBot, seeded: Seeded) -> None:
    dialog = _dialog(qtbot, seeded)
    dialog.caller.edit.setFocus()
    qtbot.keyClicks(dialog.caller.edit, "June")
    qtbot.waitUntil(lambda: dialog.caller.model.rowCount() == 1, timeout=2000)
    assert dialog.caller.contact() is None  # a name is not certain: the officer picks
    assert dialog.caller.list.isVisible()
    qtbot.keyClick(dialog.caller.edit, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.caller.list, Qt.Key.Key_Return)
    assert dialog.caller.contact()["name_zh"] == "黃嘉琪"
    assert dialog.number() is None  # a name was typed: no number to store


def test_a_new_caller_is_added_in_place(
    qtbot: QtBot, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, seeded)
    qtbot.keyClicks(dialog.caller.edit, "5123 9876")
    qtbot.waitUntil(lambda: "Nobody in the roster has" in dialog.card.text(), timeout=2000)
    assert dialog.new_caller.isVisible()
    dialog.new_name.setFocus()
    commit(dialog.new_name, "陳大明")
    qtbot.keyClicks(dialog.new_outlet, "Ming Pao")
    qtbot.keyClick(dialog.outgoing, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.summary, "Called back with the figures")
    assert not dialog.create_inquiry.isChecked()  # an outgoing call is not a new inquiry
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == LogCallDialog.DialogCode.Accepted  # Ctrl+Enter saves
    _use(monkeypatch, dialog)
    saved = run_log_call(seeded.window)
    assert saved is not None and saved["inquiry"] is None
    (caller,) = lookup_number(seeded.database, "51239876")
    assert caller["name_zh"] == "陳大明" and caller["organization"]["name_en"] == "Ming Pao"
    assert [c["direction"] for c in list_calls(seeded.database, contact_id=caller["id"])] == [
        "outgoing"
    ]


def test_a_known_caller_on_a_new_number(
    qtbot: QtBot, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    angela = seeded.people["溫安怡"]
    dialog = _dialog(qtbot, seeded, {"number": "6123 4567"})
    assert dialog.caller.contact() is None
    dialog.caller.set_contact(angela)  # the officer recognised her voice
    assert dialog.remember_number.isVisible()
    assert "+852 6123 4567" in dialog.remember_number.text()
    dialog.summary.setPlainText("new mobile")
    _use(monkeypatch, dialog)
    run_log_call(seeded.window)
    assert [c["id"] for c in lookup_number(seeded.database, "61234567")] == [angela["id"]]


def test_the_clock_stops_and_resumes(qtbot: QtBot, seeded: Seeded) -> None:
    dialog = _dialog(qtbot, seeded)
    qtbot.waitUntil(lambda: dialog.timer.seconds() >= 1, timeout=3000)
    qtbot.mouseClick(dialog.timer.button, Qt.MouseButton.LeftButton)
    assert not dialog.timer.is_running() and dialog.timer.button.text() == "Resume"
    frozen = dialog.timer.seconds()
    qtbot.wait(1100)
    assert dialog.timer.seconds() == frozen
    qtbot.mouseClick(dialog.timer.button, Qt.MouseButton.LeftButton)
    assert dialog.timer.is_running() and dialog.timer.button.text() == "Stop"
    qtbot.waitUntil(lambda: dialog.timer.seconds() > frozen, timeout=3000)


def test_nothing_to_save_until_someone_is_named(qtbot: QtBot, seeded: Seeded) -> None:
    dialog = _dialog(qtbot, seeded)
    assert not dialog.save_button.isEnabled()
    dialog.accept()
    assert dialog.result() == 0 and "number or name" in dialog.problem.text()
    qtbot.keyClick(dialog.create_inquiry, Qt.Key.Key_Space)
    assert dialog.create_inquiry.isChecked()  # chosen by hand: no longer guessed
    qtbot.keyClicks(dialog.summary, "question")
    qtbot.keyClick(dialog.outgoing, Qt.Key.Key_Space)
    assert dialog.create_inquiry.isChecked()
    assert any("who asked" in p for p in dialog.problems())


def test_screenshot_shows_a_call_in_progress(qtbot: QtBot, seeded: Seeded) -> None:
    dialog = screenshot(seeded.window)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, LogCallDialog)
    assert dialog.caller.contact() is not None and dialog.caller.contact()["name_zh"] == "黃嘉琪"
