"""Find caller: a number in any form (or a name) → the card, the organisation, the open
inquiries; and from there a prefilled call log, a new inquiry, or an inquiry opened."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.dialogs.find_caller import (
    CallerAction,
    FindCallerDialog,
    run_find_caller,
    screenshot,
)
from desktop.dialogs.inquiry_editor import InquiryEditor
from desktop.dialogs.log_call import LogCallDialog
from services.calls import CallForm, log_call
from tests.desktop.inquiry_fixtures import Seeded, commit, seeded

__all__ = ["seeded"]  # the fixture, used by name


def _dialog(qtbot: QtBot, s: Seeded) -> FindCallerDialog:
    dialog = FindCallerDialog(s.database)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type(qtbot: QtBot, dialog: FindCallerDialog, text: str) -> None:
    dialog.search.edit.setFocus()
    if text.isascii():
        qtbot.keyClicks(dialog.search.edit, text)
    else:
        commit(dialog.search.edit, text)


@pytest.mark.parametrize("typed", ["69865822", "+852 6986-5822", "６９８６ ５８２２"])
def test_a_number_in_any_form_shows_the_card_and_open_inquiries(
    qtbot: QtBot, seeded: Seeded, qtmodeltester: Any, typed: str
) -> None:
    log_call(
        seeded.database,
        CallForm(contact_id=seeded.people["黃嘉琪"]["id"], summary="asked for photos"),
    )
    dialog = _dialog(qtbot, seeded)
    _type(qtbot, dialog, typed)
    qtbot.waitUntil(lambda: dialog.contact() is not None, timeout=2000)
    card = dialog.card.toPlainText()
    for text in (
        "黃嘉琪 June Wong",
        "愛德曼國際公關公司",
        "Edelman",
        "+852 3756 8623",
        "+852 6986 5822",
        "June.Wong@edelman.com",
        "Mobile",
        "asked for photos",  # her last call
    ):
        assert text in card
    model = dialog.inquiries_model
    qtmodeltester.check(model)
    qtmodeltester.check(dialog.search.model)
    # Her open inquiry (the answered one of someone else is not hers; closed ones are not open).
    assert [r["id"] for r in model.rows()] == [seeded.inquiries["overdue"]["id"]]
    assert model.data(model.index(0, 2)).startswith("Overdue")
    assert "黃嘉琪 June Wong: 1" in dialog.inquiries_label.text()


def test_a_name_in_chinese_and_an_unknown_number(qtbot: QtBot, seeded: Seeded) -> None:
    dialog = _dialog(qtbot, seeded)
    _type(qtbot, dialog, "熊苗")
    qtbot.waitUntil(lambda: dialog.search.model.rowCount() == 1, timeout=2000)
    assert dialog.contact() is None and "Pick the caller" in dialog.card.toPlainText()
    rect = dialog.search.list.visualRect(dialog.search.model.index(0, 0))
    qtbot.mouseClick(dialog.search.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.contact()["name_zh"] == "熊苗苗"
    assert "+86 151 2004 9549" in dialog.card.toPlainText()
    assert [r["id"] for r in dialog.inquiries_model.rows()] == [seeded.inquiries["due_today"]["id"]]
    dialog.search.edit.clear()
    qtbot.keyClicks(dialog.search.edit, "2345 6789")
    qtbot.waitUntil(
        lambda: "Nobody in the roster matches" in dialog.card.toPlainText(), timeout=2000
    )
    assert dialog.inquiries_model.rowCount() == 0


def _capture(monkeypatch: pytest.MonkeyPatch, cls: type, captured: list[Any]) -> None:
    def fake_ask(_cls: Any, parent: Any, database: Any, *args: Any, **kwargs: Any) -> None:
        captured.append((args, kwargs))

    monkeypatch.setattr(cls, "ask", classmethod(fake_ask))


def _choose(monkeypatch: pytest.MonkeyPatch, dialog: FindCallerDialog) -> None:
    monkeypatch.setattr(FindCallerDialog, "ask", classmethod(lambda cls, *a, **k: dialog.action))


def test_log_call_and_new_inquiry_start_from_the_caller(
    qtbot: QtBot, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, seeded)
    _type(qtbot, dialog, "+852 6986-5822")
    qtbot.waitUntil(lambda: dialog.contact() is not None, timeout=2000)
    qtbot.mouseClick(dialog.log_call_button, Qt.MouseButton.LeftButton)
    assert dialog.action is not None and dialog.action.action == "log_call"
    calls: list[Any] = []
    _capture(monkeypatch, LogCallDialog, calls)
    _choose(monkeypatch, dialog)
    run_find_caller(seeded.window)
    ((args, _),) = calls
    prefill = args[0]
    assert prefill["contact"]["name_zh"] == "黃嘉琪" and prefill["number"] == "+852 6986-5822"

    qtbot.mouseClick(dialog.new_inquiry_button, Qt.MouseButton.LeftButton)
    assert dialog.action.action == "new_inquiry"
    inquiries: list[Any] = []
    _capture(monkeypatch, InquiryEditor, inquiries)
    run_find_caller(seeded.window)
    ((_, kwargs),) = inquiries
    assert kwargs["prefill"]["journalist"]["name_zh"] == "黃嘉琪"
    assert kwargs["prefill"]["phone"] == "+852 6986-5822"


def test_a_prefilled_call_log_shows_the_caller(qtbot: QtBot, seeded: Seeded) -> None:
    june = seeded.people["黃嘉琪"]
    dialog = LogCallDialog(seeded.database, {"contact": june, "number": "+852 6986-5822"})
    qtbot.addWidget(dialog)
    assert dialog.caller.contact()["id"] == june["id"]
    assert dialog.caller.text() == "+852 6986-5822"
    assert not dialog.remember_number.isVisible()


def test_double_click_opens_an_open_inquiry(
    qtbot: QtBot, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, seeded)
    _type(qtbot, dialog, "69865822")
    qtbot.waitUntil(lambda: dialog.inquiries_model.rowCount() == 1, timeout=2000)
    rect = dialog.inquiries.visualRect(dialog.inquiries_model.index(0, 1))
    # A real double-click starts with a press and release; QTest's does not.
    qtbot.mouseClick(dialog.inquiries.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.inquiries.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    target = seeded.inquiries["overdue"]["id"]
    assert dialog.action == CallerAction(
        "open_inquiry", dialog.contact(), "69865822", target, "69865822"
    )
    opened: list[Any] = []

    def fake_ask(cls: Any, parent: Any, database: Any, inquiry: Any = None, **_: Any) -> None:
        opened.append(inquiry["id"])

    monkeypatch.setattr(InquiryEditor, "ask", classmethod(fake_ask))
    _choose(monkeypatch, dialog)
    run_find_caller(seeded.window)
    assert opened == [target]


def test_screenshot_shows_the_caller(qtbot: QtBot, seeded: Seeded) -> None:
    dialog = screenshot(seeded.window)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, FindCallerDialog)
    assert dialog.contact() is not None and "黃嘉琪" in dialog.card.toPlainText()
