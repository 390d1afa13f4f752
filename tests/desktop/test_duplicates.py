"""Edit → Find duplicates…: compare a pair side by side and merge it, keeping every value."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.engine import Database
from desktop import confirm
from desktop.dialogs.duplicates import DuplicatesDialog, run_find_duplicates, screenshot
from desktop.main_window import MainWindow
from services.contacts import count_contacts, create_contact, get_contact
from services.roster import lookup_number
from tests.desktop.roster_window import open_window


@pytest.fixture
def seeded(qtbot: QtBot, sqlite_url: str) -> Iterator[tuple[MainWindow, Database, int, int]]:
    """The seed roster plus a second June Wong (same address, another number)."""
    window, database = open_window(qtbot, sqlite_url)
    (june,) = lookup_number(database, "69865822")
    again = create_contact(
        database,
        {
            "name_en": "June Wong",
            "phones": [{"text": "+852 6111 2233", "type": "mobile"}],
            "emails": ["JUNE.WONG@edelman.com", "june@home.hk"],
        },
    )
    yield window, database, june["id"], again["id"]
    database.dispose()


def _searched(qtbot: QtBot, database: Database) -> DuplicatesDialog:
    dialog = DuplicatesDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_search()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
    return dialog


def test_merge_keeps_every_phone_and_email(
    qtbot: QtBot,
    qtmodeltester: Any,
    monkeypatch: pytest.MonkeyPatch,
    seeded: tuple[MainWindow, Database, int, int],
) -> None:
    _window, database, june_id, again_id = seeded
    before = get_contact(database, june_id)
    count = count_contacts(database)
    dialog = _searched(qtbot, database)
    qtmodeltester.check(dialog.pair_model)
    row = dialog.pair_model.row_of("left_id", june_id)
    assert row >= 0
    dialog.pair_table.selectRow(row)
    pair = dialog.current_pair()
    assert pair is not None and pair["right_id"] == again_id
    assert "same e-mail: june.wong@edelman.com" in pair["why"]
    # Side by side: the older contact kept on the left.
    assert dialog.keep_card.values["name_zh"].text() == "黃嘉琪"
    assert "+852 6111 2233 (Mobile)" in dialog.other_card.values["phones"].text()
    # Swap twice: back to keeping 黃嘉琪.
    qtbot.mouseClick(dialog.swap_button, Qt.MouseButton.LeftButton)
    assert dialog.keep_card.values["name_en"].text() == "June Wong"
    assert dialog.keep_card.values["name_zh"].text() == ""
    qtbot.mouseClick(dialog.swap_button, Qt.MouseButton.LeftButton)
    # Saying No changes nothing.
    questions: list[str] = []
    monkeypatch.setattr(confirm, "confirm", lambda _p, _t, text, **_k: questions.append(text))
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert len(questions) == 1 and "“June Wong” into “黃嘉琪 June Wong”" in questions[0]
    assert count_contacts(database) == count
    monkeypatch.setattr(confirm, "confirm", lambda *_a, **_k: True)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    kept = get_contact(database, june_id)
    phones = [p["e164"] for p in kept["phones"]]
    emails = [e["address"].lower() for e in kept["emails"]]
    assert phones == [p["e164"] for p in before["phones"]] + ["+85261112233"]
    assert emails == [e["address"].lower() for e in before["emails"]] + ["june@home.hk"]
    assert count_contacts(database) == count - 1
    assert [c["id"] for c in lookup_number(database, "61112233")] == [june_id]
    assert dialog.pair_model.row_of("right_id", again_id) == -1
    assert dialog.merged_count == 1
    assert dialog.state.text().startswith("Merged into 黃嘉琪 June Wong.")


def test_run_from_the_menu_refreshes_after_a_merge(
    monkeypatch: pytest.MonkeyPatch, seeded: tuple[MainWindow, Database, int, int]
) -> None:
    window, _database, _june, _again = seeded
    refreshed: list[bool] = []
    monkeypatch.setattr(window, "refresh_all", lambda: refreshed.append(True))
    monkeypatch.setattr(DuplicatesDialog, "ask", classmethod(lambda cls, *a: 0))
    assert run_find_duplicates(window) == 0 and refreshed == []
    monkeypatch.setattr(DuplicatesDialog, "ask", classmethod(lambda cls, *a: 2))
    assert run_find_duplicates(window) == 2 and refreshed == [True]
    assert "2 duplicate contact(s) merged." in window.statusBar().currentMessage()


def test_screenshot(
    qtbot: QtBot, seeded: tuple[MainWindow, Database, int, int], tmp_path: Path
) -> None:
    window, _database, _june, _again = seeded
    dialog = screenshot(window)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, DuplicatesDialog)
    assert dialog.isVisible() and dialog.pairs
    assert dialog.grab().save(str(tmp_path / "duplicates.png"))
    shots = Path("/tmp/exportimport")
    if shots.is_dir():  # for a person to look at
        dialog.grab().save(str(shots / "duplicates.png"))
