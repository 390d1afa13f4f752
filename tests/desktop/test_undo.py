"""Delete, then Edit → Undo delete (Ctrl+Z): the contact or organisation comes back whole."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import desktop.views.contacts as contacts_view
import desktop.views.organizations as organizations_view
from desktop.main_window import MainWindow
from desktop.undo import last_delete, undo_last_delete
from services.contacts import get_contact, list_contacts
from services.roster import lookup_number, search_contacts
from tests.desktop.roster_window import open_window


def _activate(qtbot: QtBot, window: MainWindow) -> None:
    """Ctrl+Z is an application shortcut: it needs an active window, as on a desktop."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def _select(qtbot: QtBot, table: Any, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _row_of(model: Any, start: str) -> int:
    return next(
        r for r in range(model.rowCount()) if str(model.data(model.index(r, 0))).startswith(start)
    )


def _answer(monkeypatch: pytest.MonkeyPatch, module: Any, answer: bool) -> list[str]:
    asked: list[str] = []

    def confirm(parent: Any, title: str, text: str, *, destructive: bool = False) -> bool:
        asked.append(text)
        assert destructive
        return answer

    monkeypatch.setattr(module, "confirm", confirm)
    return asked


def test_delete_then_ctrl_z_restores_the_contact(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, database = open_window(qtbot, sqlite_url)
    _activate(qtbot, window)
    view = window.views["contacts"]
    asked = _answer(monkeypatch, contacts_view, True)
    _select(qtbot, view.table, _row_of(view.model, "黃嘉琪"))
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert asked and asked[0].startswith("Delete 黃嘉琪 June Wong from the roster?")
    assert view.model.rowCount() == 6
    assert window.statusBar().currentMessage() == "Deleted contact 黃嘉琪 June Wong. Undo: Ctrl+Z"
    assert search_contacts(database, "嘉琪") == []
    assert lookup_number(database, "6986 5822") == []

    # In the roster (in a text field Ctrl+Z undoes the typing, as everywhere).
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Restored contact 黃嘉琪 June Wong."
    assert view.model.rowCount() == 7
    assert [c["name_zh"] for c in search_contacts(database, "嘉琪")] == ["黃嘉琪"]
    assert [c["name_zh"] for c in lookup_number(database, "+852 6986-5822")] == ["黃嘉琪"]
    assert last_delete(window) is None  # one level

    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Nothing to undo."
    database.dispose()


def test_no_answers_no_delete(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, database = open_window(qtbot, sqlite_url)
    view = window.views["contacts"]
    _answer(monkeypatch, contacts_view, False)
    _select(qtbot, view.table, 0)
    view.delete_action.trigger()
    assert view.model.rowCount() == 7
    assert last_delete(window) is None
    database.dispose()


def test_undo_brings_back_only_the_last_delete(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, database = open_window(qtbot, sqlite_url)
    view = window.views["contacts"]
    _answer(monkeypatch, contacts_view, True)
    _select(qtbot, view.table, _row_of(view.model, "溫安怡"))
    view.delete_action.trigger()
    _select(qtbot, view.table, _row_of(view.model, "熊苗苗"))
    view.delete_action.trigger()
    restored = undo_last_delete(window)
    assert restored is not None and restored.label == "熊苗苗 Miaomiao Xiong"
    names = [c["name_zh"] for c in list_contacts(database)]
    assert "熊苗苗" in names and "溫安怡" not in names
    database.dispose()


def test_deleting_an_organisation_and_undoing_reattaches_its_contacts(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, database = open_window(qtbot, sqlite_url, view="organizations")
    _activate(qtbot, window)
    view = window.views["organizations"]
    asked = _answer(monkeypatch, organizations_view, True)
    _select(qtbot, view.table, _row_of(view.model, "愛德曼"))
    view.delete_action.trigger()
    assert "Its 2 contact(s) stay in the roster" in asked[0]
    assert all("愛德曼" not in str(o["label"]) for o in view.model.rows())
    june = next(c for c in list_contacts(database) if c["name_zh"] == "黃嘉琪")
    assert june["organization"] is None
    assert window.statusBar().currentMessage().startswith("Deleted organisation 愛德曼國際公關公司")

    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (
        window.statusBar().currentMessage() == "Restored organisation 愛德曼國際公關公司 (Edelman)."
    )
    assert get_contact(database, june["id"])["organization"]["short_name"] == "Edelman"
    assert any("愛德曼" in str(o["label"]) for o in view.model.rows())
    assert [c["name_zh"] for c in search_contacts(database, "愛德曼")] == ["黃嘉琪", None]
    database.dispose()
