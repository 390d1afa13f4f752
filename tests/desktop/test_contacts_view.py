"""The contacts view: filters, name order, the contact card, actions, remembered widths."""

from __future__ import annotations

import random
from typing import Any

import pytest
from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, QPoint, QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from db.models import Contact
from db.name_order import contact_sort_key
from desktop.collation import name_collator, sort_by_name
from desktop.dialogs.contact_editor import ContactEditor
from desktop.views.contacts import HEADER_SETTING, ContactsView
from services.contacts import create_contact, get_contact, list_contacts, set_tags
from tests.benchmarks.synthetic import GIVEN, SURNAMES
from tests.desktop.roster_window import clean_settings, open_window

__all__ = ["clean_settings"]  # the fixture, used by name below


def _names(view: ContactsView) -> list[str]:
    model = view.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def _click_header(qtbot: QtBot, view: ContactsView, section: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(section) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_stored_name_order_is_qts_zh_hk_collation() -> None:
    """The roster's stored key sorts exactly as QCollator(QLocale("zh_HK")) does."""
    rng = random.Random(3)
    names = {"陳", "黃", "李", "張", "陳大文", "黃嘉琪 June Wong", "Chan Tai Man", "Chan Taiman"}
    names |= {"June Wong", "alice", "Zoe Lam", "2nd Desk", "歐陽詠詩", "司徒浩然"}
    while len(names) < 400:
        surname = rng.choice(SURNAMES)
        given = "".join(rng.choice(GIVEN)[0] for _ in range(rng.randint(1, 2)))
        english = f" {surname[1]} {rng.choice(GIVEN)[1]}" if rng.random() < 0.3 else ""
        names.add(surname[0] + given + english)
    by_key = sorted(names, key=lambda n: contact_sort_key(n, None))
    assert by_key == sort_by_name(names, str)
    # Code point order would put 張 first; Hong Kong readers expect strokes: 李 7 < 張 11 < 陳 < 黃 12.
    assert sorted(["陳", "黃", "李", "張"]) == ["張", "李", "陳", "黃"]
    assert sort_by_name(["陳", "黃", "李", "張"], str) == ["李", "張", "陳", "黃"]
    assert name_collator().compare("黃", "alice") < 0  # Han before Latin in zh-HK


def test_painting_asks_for_all_roles_at_once_and_gets_what_data_gives(
    qtbot: QtBot, sqlite_url: str, clean_settings: None
) -> None:
    window, _database = open_window(qtbot, sqlite_url)
    model = window.views["contacts"].model
    roles = [role for role in Qt.ItemDataRole if role < Qt.ItemDataRole.UserRole]
    assert model.rowCount() > 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in [*roles, Qt.ItemDataRole.UserRole]:
                asked = QModelRoleData(role)
                model.multiData(index, QModelRoleDataSpan(asked))
                assert asked.data() == model.data(index, role), (row, column, role)


def test_clicking_name_sorts_by_stroke_order_and_again_reverses(
    qtbot: QtBot, sqlite_url: str, clean_settings: None
) -> None:
    window, database = open_window(qtbot, sqlite_url)
    view = window.views["contacts"]
    added = _names(view)
    assert added[0].startswith("溫安怡")  # the order the release listed them
    _click_header(qtbot, view, 0)
    if view.sort_task is not None:  # the seed was imported before name order was loaded
        with qtbot.waitSignal(view.sort_task.task.signals.done, timeout=5000):
            pass
    qtbot.waitUntil(lambda: _names(view)[0] == "余凱", timeout=3000)
    assert _names(view) == [
        "余凱",
        "查毅超",
        "孫東",
        "黃嘉琪 June Wong",
        "溫安怡 Angela Wan",
        "熊苗苗 Miaomiao Xiong",
        "Edelmanhkstppr@edelman.com",
    ]
    assert "sorted by name" in window.status_label.text()
    assert view.table.horizontalHeader().isSortIndicatorShown()
    _click_header(qtbot, view, 0)
    assert _names(view)[0] == "Edelmanhkstppr@edelman.com"
    _click_header(qtbot, view, 1)
    assert _names(view) == added
    database.dispose()


def test_filters_by_organisation_and_tag_with_counts(
    qtbot: QtBot, sqlite_url: str, clean_settings: None
) -> None:
    window, database = open_window(qtbot, sqlite_url)
    view = window.views["contacts"]
    june = next(c for c in list_contacts(database) if c["name_zh"] == "黃嘉琪")
    set_tags(database, june["id"], ["tech desk"], expected_version=june["version"])
    view.refresh()
    assert view.status_text() == "7 contact(s)"
    combo = view.organization_filter
    combo.setCurrentIndex(combo.findText("愛德曼國際公關公司 (Edelman)"))
    assert _names(view) == ["黃嘉琪 June Wong", "Edelmanhkstppr@edelman.com"]
    assert window.status_label.text() == "2 contact(s)"
    view.tag_filter.setCurrentIndex(view.tag_filter.findText("tech desk"))
    assert _names(view) == ["黃嘉琪 June Wong"]
    combo.setCurrentIndex(0)
    assert _names(view) == ["黃嘉琪 June Wong"]
    qtbot.keyClicks(window.search, "wong")
    qtbot.waitUntil(lambda: view.status_text() == "1 matching contact(s)", timeout=2000)
    database.dispose()


def test_the_card_and_tooltips_show_every_phone_and_email(qtbot: QtBot, sqlite_url: str) -> None:
    window, database = open_window(qtbot, sqlite_url)
    view = window.views["contacts"]
    row = next(i for i, n in enumerate(_names(view)) if n.startswith("黃嘉琪"))
    qtbot.mouseClick(
        view.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.table.visualRect(view.model.index(row, 0)).center(),
    )
    card = view.detail.toPlainText()
    for text in ("黃嘉琪 June Wong", "Work", "+852 3756 8623", "Mobile", "+852 6986 5822"):
        assert text in card
    assert "June.Wong@edelman.com" in card
    phones = view.model.index(row, 3)
    assert view.model.data(phones) == "+852 3756 8623, +852 6986 5822"
    assert view.model.data(phones, Qt.ItemDataRole.ToolTipRole) == (
        "Work: +852 3756 8623\nMobile: +852 6986 5822"
    )
    assert view.edit_action.isEnabled() and view.delete_action.isEnabled()
    assert view.history_action.isEnabled()
    names = [a.objectName() for a in view.table.actions()]  # the table's context menu
    assert names == ["newContact", "editContact", "deleteContact", "contactHistory"]
    database.dispose()


def test_double_click_edits_and_the_roster_shows_the_change(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, database = open_window(qtbot, sqlite_url)
    view = window.views["contacts"]
    row = next(i for i, n in enumerate(_names(view)) if n.startswith("溫安怡"))
    seen: list[dict[str, Any]] = []

    def ask(
        cls: type, parent: Any, db: Any, contact: dict[str, Any] | None = None, **_: Any
    ) -> Any:
        dialog = ContactEditor(db, contact)
        qtbot.addWidget(dialog)
        seen.append(contact or {})
        qtbot.keyClicks(dialog.title_en, "Senior Manager")
        return dialog.data()

    monkeypatch.setattr(ContactEditor, "ask", classmethod(ask))
    rect = view.table.visualRect(view.model.index(row, 0))
    # A user's double-click: the first press selects, the second is the double-click.
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert seen and seen[0]["name_zh"] == "溫安怡"
    assert view.current_contact() is not None
    assert view.current_contact()["title_en"] == "Senior Manager"  # type: ignore[index]
    assert get_contact(database, seen[0]["id"])["version"] == 2
    database.dispose()


def test_column_widths_are_remembered(qtbot: QtBot, sqlite_url: str, clean_settings: None) -> None:
    window, database = open_window(qtbot, sqlite_url)
    view = window.views["contacts"]
    view.table.horizontalHeader().resizeSection(1, 333)
    qtbot.waitUntil(lambda: QSettings().value(HEADER_SETTING) is not None, timeout=2000)
    again = ContactsView(database)
    qtbot.addWidget(again)
    assert again.table.horizontalHeader().sectionSize(1) == 333
    database.dispose()


@pytest.mark.parametrize("state", ["added", "name descending", "organisation", "search"])
def test_every_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, sqlite_url: str, clean_settings: None, state: str
) -> None:
    window, database = open_window(qtbot, sqlite_url)
    for i in range(250):  # more than a page (200), so fetchMore is exercised
        create_contact(
            database, {"name_zh": f"陳{GIVEN[i % len(GIVEN)][0]}", "name_en": f"Chan {i}"}
        )
    view = window.views["contacts"]
    view.refresh()
    # Each state is checked from a fresh tester: one left attached across a reload runs
    # its own checks (fetchMore included) before it clears its "reset in flight" mark.
    if state == "name descending":
        view.set_order("name", descending=True)
    elif state == "organisation":
        view.organization_filter.setCurrentIndex(1)
    elif state == "search":
        view.apply_search("chan")
    qtmodeltester.check(view.model)
    database.dispose()


def test_contacts_without_a_sort_key_get_one_before_name_order(
    qtbot: QtBot, sqlite_url: str, clean_settings: None
) -> None:
    window, database = open_window(qtbot, sqlite_url)
    with database.session() as session:  # as a bulk import leaves them
        session.execute(update(Contact).values(sort_key=None))
    view = window.views["contacts"]
    view.set_order("name")
    assert view.sort_task is not None
    # The outcome, not the task's signal: a done signal sent before a waitSignal connects is
    # missed, and a loaded machine may take longer than 5 s (CI failed so once).
    qtbot.waitUntil(lambda: view.sort_task is None, timeout=30_000)
    qtbot.waitUntil(lambda: _names(view)[0] == "余凱", timeout=10_000)
    database.dispose()
