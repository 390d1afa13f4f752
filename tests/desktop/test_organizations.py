"""The organisations view and editor, driven as a user would."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.dialogs import organization_editor
from desktop.dialogs.conflict import ConflictDialog
from desktop.dialogs.organization_editor import OrganizationEditor, run_edit_organization
from services.conflicts import Conflict
from services.contacts import get_organization, update_organization
from tests.desktop.roster_window import clean_settings, open_window

__all__ = ["clean_settings"]


def _select(qtbot: QtBot, table: Any, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _row_of(model: Any, start: str) -> int:
    return next(
        r for r in range(model.rowCount()) if str(model.data(model.index(r, 0))).startswith(start)
    )


def _cells(model: Any, row: int) -> list[Any]:
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


def test_the_list_shows_kinds_regions_and_contact_counts(qtbot: QtBot, sqlite_url: str) -> None:
    window, database = open_window(qtbot, sqlite_url, view="organizations")
    view = window.views["organizations"]
    row = _row_of(view.model, "愛德曼")
    assert _cells(view.model, row)[:4] == [
        "愛德曼國際公關公司 (Edelman)",
        "PR agency",
        2,
        "Hong Kong SAR China (HK) +852",
    ]
    assert window.status_label.text() == "4 organisation(s)"
    _select(qtbot, view.table, row)
    qtbot.waitUntil(lambda: view.contacts_model.rowCount() == 2, timeout=2000)
    names = [view.contacts_model.data(view.contacts_model.index(r, 0)) for r in range(2)]
    assert names == ["黃嘉琪 June Wong", "Edelmanhkstppr@edelman.com"]
    assert view.contacts_label.text() == "Contacts of 愛德曼國際公關公司 (Edelman) (2)"
    qtbot.keyClicks(window.search, "hkstp")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)
    database.dispose()


@pytest.mark.parametrize("which", ["organisations", "their contacts"])
def test_models_pass_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, sqlite_url: str, which: str
) -> None:
    window, database = open_window(qtbot, sqlite_url, view="organizations")
    view = window.views["organizations"]
    _select(qtbot, view.table, _row_of(view.model, "香港科技園"))
    qtbot.waitUntil(lambda: view.contacts_model.rowCount() == 2, timeout=2000)
    qtmodeltester.check(view.model if which == "organisations" else view.contacts_model)
    database.dispose()


def test_a_new_organisation_typed_in_the_editor_appears_with_its_region(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, database = open_window(qtbot, sqlite_url, view="organizations")
    view = window.views["organizations"]

    def ask(cls: type, parent: Any, organization: Any = None, *, name: str = "") -> Any:
        dialog = OrganizationEditor(organization, None, name=name)
        qtbot.addWidget(dialog)
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert not save.isEnabled()
        assert dialog.reason.text() == "Give the organisation a Chinese or English name."
        event = QInputMethodEvent()
        event.setCommitString("新華社")
        QApplication.sendEvent(dialog.name_zh, event)
        qtbot.keyClicks(dialog.name_en, "Xinhua News Agency")
        dialog.kind.setCurrentIndex(dialog.kind.findData("media"))
        dialog.region.set_region("CN")
        qtbot.keyClicks(dialog.website, "www xinhuanet")
        assert not save.isEnabled()
        dialog.website.clear()
        qtbot.keyClicks(dialog.website, "www.xinhuanet.com")
        assert save.isEnabled()
        return dialog.data()

    monkeypatch.setattr(OrganizationEditor, "ask", classmethod(ask))
    qtbot.mouseClick(view.toolbar.widgetForAction(view.new_action), Qt.MouseButton.LeftButton)
    row = _row_of(view.model, "新華社")
    assert _cells(view.model, row) == [
        "新華社 Xinhua News Agency",
        "Media outlet",
        0,
        "China (CN) +86",
        "www.xinhuanet.com",
    ]
    assert view.current_organization()["id"] == view.model.row_at(row)["id"]  # type: ignore[index]
    combo = window.views["contacts"].organization_filter
    assert combo.findText("新華社 Xinhua News Agency") > 0  # the other views were refreshed
    database.dispose()


def test_the_region_combo_lists_hong_kong_and_neighbours_first(qtbot: QtBot) -> None:
    dialog = OrganizationEditor()
    qtbot.addWidget(dialog)
    first = [dialog.region.itemData(i) for i in range(4)]
    assert first == ["HK", "MO", "CN", "TW"]
    assert dialog.region.region() == "HK"
    assert dialog.region.count() > 200
    assert dialog.region.itemText(dialog.region.findData("GB")).endswith("(GB) +44")


def test_a_colleagues_newer_save_is_not_overwritten(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, database = open_window(qtbot, sqlite_url, view="organizations")
    org_id = next(
        o["id"] for o in window.views["organizations"].model.rows() if o["short_name"] == "Horizon"
    )
    shown = get_organization(database, org_id)
    update_organization(database, org_id, {"phone_region": "CN"}, expected_version=shown["version"])
    dialog = OrganizationEditor(shown)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.website, "horizon.auto")
    monkeypatch.setattr(OrganizationEditor, "ask", classmethod(lambda cls, *a, **k: dialog.data()))
    monkeypatch.setattr(organization_editor, "get_organization", lambda db, i: shown)
    conflicts: list[Conflict] = []
    monkeypatch.setattr(ConflictDialog, "ask", classmethod(lambda cls, p, c: conflicts.append(c)))
    assert run_edit_organization(None, database, org_id) is None  # the conflict cancelled
    assert len(conflicts) == 1 and conflicts[0].differing() == ["website", "phone_region"]
    assert not next(f for f in conflicts[0].fields if f.name == "phone_region").changed_by_me
    after = get_organization(database, org_id)
    assert (after["phone_region"], after["website"]) == ("CN", "horizon.cc")
    database.dispose()


def test_show_in_contacts_filters_the_roster_on_the_organisation(
    qtbot: QtBot, sqlite_url: str, clean_settings: None
) -> None:
    window, database = open_window(qtbot, sqlite_url, view="organizations")
    view = window.views["organizations"]
    _select(qtbot, view.table, _row_of(view.model, "地平線"))
    view.show_contacts_action.trigger()
    assert window.current_view() is window.views["contacts"]
    contacts = window.views["contacts"]
    names = [
        contacts.model.data(contacts.model.index(r, 0)) for r in range(contacts.model.rowCount())
    ]
    assert names == ["熊苗苗 Miaomiao Xiong", "余凱"]  # roster order
    assert contacts.organization_filter.currentText() == "地平線 (Horizon)"
    contacts.organization_filter.setCurrentIndex(0)
    database.dispose()


def test_screenshot_shows_a_filled_editor(qtbot: QtBot, sqlite_url: str) -> None:
    window, database = open_window(qtbot, sqlite_url)
    dialog = organization_editor.screenshot(window)
    assert isinstance(dialog, OrganizationEditor) and dialog.isVisible()
    assert dialog.name_zh.text() == "愛德曼國際公關公司"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    dialog.close()
    database.dispose()
