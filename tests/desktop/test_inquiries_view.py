"""The inquiry log as a press officer uses it: marks on overdue and due-today rows,
filters with the search field, counts, Enter to open, and the Ctrl+L / Ctrl+K shortcuts."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QDate, QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtGui import QFont, QIcon
from pytestqt.qtbot import QtBot

from desktop.dialogs.find_caller import FindCallerDialog
from desktop.dialogs.inquiry_editor import InquiryEdit, InquiryEditor
from desktop.dialogs.log_call import LogCallDialog
from desktop.views import inquiries as inquiries_view
from desktop.views.inquiries import (
    DUE_TODAY_BACKGROUND,
    OVERDUE_BACKGROUND,
    InquiriesView,
)
from services.inquiries import InquiryForm, get_inquiry
from tests.desktop.inquiry_fixtures import Seeded, seeded

# What QStyledItemDelegate asks a model for each cell it paints, in one multiData() call.
PAINTED_ROLES = [
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.BackgroundRole,
]

__all__ = ["seeded"]  # the fixture, used by name


def _view(s: Seeded) -> InquiriesView:
    view = s.window.views["inquiries"]
    assert isinstance(view, InquiriesView)
    return view


def _row_of(view: InquiriesView, inquiry: dict[str, Any]) -> int:
    row = view.model.row_of("id", inquiry["id"])
    assert row >= 0
    return row


def _shown_ids(view: InquiriesView) -> list[int]:
    return [r["id"] for r in view.model.rows()]


def test_the_log_is_the_default_view_newest_first(seeded: Seeded, qtmodeltester: Any) -> None:
    view = _view(seeded)
    assert seeded.window.current_view() is view
    order = ["no_release", "due_today", "overdue", "answered"]
    assert _shown_ids(view) == [seeded.inquiries[k]["id"] for k in order]
    model = view.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:8] == [
        "Received",
        "Release",
        "Journalist / outlet",
        "Channel",
        "Deadline",
        "Owner",
        "Status",
        "First response",
    ]
    row = _row_of(view, seeded.inquiries["overdue"])
    assert model.data(model.index(row, 2)) == "黃嘉琪 · 愛德曼國際公關公司"
    assert model.data(model.index(row, 1)).startswith("香港科技園公司")
    assert model.data(model.index(row, 5)) == "溫安怡"
    assert model.data(model.index(row, 6)) == "New"
    answered = _row_of(view, seeded.inquiries["answered"])
    assert model.data(model.index(answered, 7)) == "2 d 0 h"
    qtmodeltester.check(model)


def test_overdue_and_due_today_rows_stand_out_not_by_colour_alone(seeded: Seeded) -> None:
    view = _view(seeded)
    model = view.model
    overdue = _row_of(view, seeded.inquiries["overdue"])
    today = _row_of(view, seeded.inquiries["due_today"])
    plain = _row_of(view, seeded.inquiries["answered"])
    background = Qt.ItemDataRole.BackgroundRole
    font_role = Qt.ItemDataRole.FontRole
    assert model.data(model.index(overdue, 0), background) == OVERDUE_BACKGROUND
    assert model.data(model.index(today, 3), background) == DUE_TODAY_BACKGROUND
    assert model.data(model.index(plain, 0), background) is None
    for row in (overdue, today):
        font = model.data(model.index(row, 0), font_role)
        assert isinstance(font, QFont) and font.bold()
    assert model.data(model.index(plain, 0), font_role) is None
    # Words and an icon in the deadline column, for whoever cannot tell the colours apart.
    assert model.data(model.index(overdue, 4)).startswith("Overdue · ")
    assert model.data(model.index(today, 4)).startswith("Due today ")
    assert model.data(model.index(overdue, 4), Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(plain, 4), Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(overdue, 0), Qt.ItemDataRole.DecorationRole) is None


def test_the_clock_turns_a_due_today_row_overdue_once_its_deadline_passes(
    seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(seeded)
    model = view.model
    today = _row_of(view, seeded.inquiries["due_today"])
    plain = _row_of(view, seeded.inquiries["answered"])
    background = Qt.ItemDataRole.BackgroundRole
    tooltip = model.data(model.index(today, 2), Qt.ItemDataRole.ToolTipRole)
    deadline = datetime.fromisoformat(seeded.inquiries["due_today"]["deadline"])
    monkeypatch.setattr(inquiries_view, "utc_now", lambda: deadline + timedelta(minutes=1))

    view.on_clock()  # a minute passed, nothing was edited

    assert model.data(model.index(today, 0), background) == OVERDUE_BACKGROUND
    assert model.data(model.index(today, 4)).startswith("Overdue · ")
    assert model.data(model.index(today, 2), Qt.ItemDataRole.ToolTipRole) == tooltip
    assert model.data(model.index(plain, 0), background) is None


def _same(value: Any) -> Any:
    """A value as compared here (icons have no ==: their cache key says which it is)."""
    return value.cacheKey() if isinstance(value, QIcon) else value


def test_painting_asks_for_all_roles_at_once_and_gets_what_data_gives(seeded: Seeded) -> None:
    model = _view(seeded).model
    roles = [*PAINTED_ROLES, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole]
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in roles:
                asked = QModelRoleData(role)
                model.multiData(index, QModelRoleDataSpan(asked))
                assert _same(asked.data()) == _same(model.data(index, role)), (row, column, role)


def test_typing_counts_only_once_the_search_settles(
    qtbot: QtBot, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(seeded)
    _counted(qtbot, view)
    counted: list[str] = []
    count = inquiries_view.count_inquiries

    def recording(database: Any, flt: Any, **kwargs: Any) -> Any:
        counted.append(flt.text)
        return count(database, flt, **kwargs)

    monkeypatch.setattr(inquiries_view, "count_inquiries", recording)
    for typed in ("黃", "黃嘉", "黃嘉琪"):
        view.apply_search(typed)
    assert _counted(qtbot, view) == "1 inquiry(ies) · 1 overdue · 0 due today"
    assert counted == ["黃嘉琪"]


def _counted(qtbot: QtBot, view: InquiriesView) -> str:
    """The status line once the background count is in."""
    qtbot.waitUntil(lambda: not view.counting(), timeout=3000)
    return view.status_text()


def test_status_bar_counts(qtbot: QtBot, seeded: Seeded) -> None:
    view = _view(seeded)
    assert _counted(qtbot, view) == "4 inquiry(ies) · 1 overdue · 1 due today"
    assert seeded.window.status_label.text() == view.status_text()
    view.apply_search("黃嘉琪")
    assert view.status_text() == "Counting inquiries…"  # the rows are there already
    assert _shown_ids(view) == [seeded.inquiries["overdue"]["id"]]
    assert _counted(qtbot, view) == "1 inquiry(ies) · 1 overdue · 0 due today"


def test_filters_combine_with_the_search_field(qtbot: QtBot, seeded: Seeded) -> None:
    view = _view(seeded)
    ids = {k: v["id"] for k, v in seeded.inquiries.items()}
    view.status_combo.setCurrentIndex(view.status_combo.findData("overdue"))
    assert _shown_ids(view) == [ids["overdue"]]
    assert _counted(qtbot, view) == "1 inquiry(ies) · 1 overdue · 0 due today"
    view.status_combo.setCurrentIndex(view.status_combo.findData("open"))
    assert set(_shown_ids(view)) == {ids["overdue"], ids["due_today"], ids["no_release"]}
    view.release_combo.setCurrentIndex(view.release_combo.findData(1))
    assert set(_shown_ids(view)) == {ids["overdue"], ids["due_today"]}
    view.owner_combo.setCurrentIndex(view.owner_combo.findData(seeded.people["溫安怡"]["id"]))
    assert _shown_ids(view) == [ids["overdue"]]
    view.clear_filters()
    assert len(_shown_ids(view)) == 4
    # The window's search field: any form of a number finds the journalist's inquiries.
    qtbot.keyClicks(seeded.window.search, "+852 6986-5822")
    qtbot.waitUntil(lambda: _shown_ids(view) == [ids["overdue"]], timeout=2000)
    seeded.window.search.clear()
    qtbot.waitUntil(lambda: len(_shown_ids(view)) == 4, timeout=2000)
    qtbot.keyClicks(seeded.window.search, "interview")  # words of the question
    qtbot.waitUntil(lambda: _shown_ids(view) == [ids["due_today"]], timeout=2000)
    assert view.questions_box.isChecked()  # a small log: questions are searched
    view.questions_box.setChecked(False)
    assert _shown_ids(view) == []
    view.questions_box.setChecked(True)
    seeded.window.search.clear()
    qtbot.keyClicks(seeded.window.search, "mingpao")  # nobody: the empty note says so
    qtbot.waitUntil(lambda: _shown_ids(view) == [], timeout=2000)
    assert view.empty_label.isVisible()
    assert "No inquiry matches" in view.empty_label.text()


def _received_day(inquiry: dict[str, Any]) -> QDate:
    """The local day an inquiry was received on (the view's days are local ones)."""
    day = datetime.fromisoformat(inquiry["received_at"]).astimezone().date()
    return QDate(day.year, day.month, day.day)


def test_received_date_range(seeded: Seeded) -> None:
    view = _view(seeded)
    answered = seeded.inquiries["answered"]  # received two days before the others
    newest = seeded.inquiries["no_release"]  # 40 minutes ago: the day after, at any hour
    view.from_date.setDate(_received_day(answered))
    view.to_date.setDate(_received_day(answered))
    assert answered["id"] in _shown_ids(view)
    view.from_date.setDate(_received_day(newest))
    view.to_date.setDate(_received_day(newest))
    assert answered["id"] not in _shown_ids(view) and newest["id"] in _shown_ids(view)
    assert view.filters_active()
    view.clear_filters()
    assert not view.filters_active() and len(_shown_ids(view)) == 4


def _patch_editor(monkeypatch: pytest.MonkeyPatch, edit: InquiryEdit | None) -> list[Any]:
    asked: list[Any] = []

    def fake_ask(cls: Any, parent: Any, database: Any, inquiry: Any = None, **_: Any) -> Any:
        asked.append(inquiry)
        return edit

    monkeypatch.setattr(InquiryEditor, "ask", classmethod(fake_ask))
    return asked


def test_enter_and_double_click_open_the_editor(
    qtbot: QtBot, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(seeded)
    target = seeded.inquiries["overdue"]
    edit = InquiryEdit(InquiryForm(status="in_progress"), target["id"], target["version"])
    asked = _patch_editor(monkeypatch, edit)
    row = _row_of(view, target)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(row, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert [a["id"] for a in asked] == [target["id"]]
    saved = get_inquiry(seeded.database, target["id"])
    assert saved["status"] == "in_progress" and saved["first_response_at"] is not None
    row = _row_of(view, target)
    assert view.model.data(view.model.index(row, 6)) == "In progress"
    assert view.selected_inquiry_id() == target["id"]
    asked = _patch_editor(monkeypatch, None)  # opened, then cancelled
    rect = view.table.visualRect(view.model.index(row, 2))
    # A real double-click starts with a press and release; QTest's does not.
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [a["id"] for a in asked] == [target["id"]]
    assert get_inquiry(seeded.database, target["id"])["version"] == saved["version"]


def test_ctrl_l_and_ctrl_k_open_their_dialogs_from_anywhere(
    qtbot: QtBot, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        LogCallDialog,
        "ask",
        classmethod(lambda cls, *a, **k: opened.append("log call")),
    )
    monkeypatch.setattr(
        FindCallerDialog,
        "ask",
        classmethod(lambda cls, *a, **k: opened.append("find caller")),
    )
    monkeypatch.setattr(
        InquiryEditor,
        "ask",
        classmethod(lambda cls, *a, **k: opened.append("new inquiry")),
    )
    window = seeded.window
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["log call"]
    window.show_view("contacts")  # from anywhere: another view, focus in the search field
    window.search.setFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["log call", "find caller"]
    window.show_view("inquiries")
    qtbot.mouseClick(_view(seeded).new_button, Qt.MouseButton.LeftButton)
    assert opened[-1] == "new inquiry"


def test_a_colleagues_change_shows_on_refresh(seeded: Seeded) -> None:
    from services.inquiries import update_inquiry

    view = _view(seeded)
    target = seeded.inquiries["no_release"]
    update_inquiry(seeded.database, target["id"], InquiryForm(status="declined"), 1)
    view.refresh()
    row = _row_of(view, target)
    assert view.model.data(view.model.index(row, 6)) == "Declined"
    assert view.owner_combo.count() == 3  # "Anyone" and the two owners
