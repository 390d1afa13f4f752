"""The main window lists the roster and filters it as the user types."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.engine import Database, open_database
from desktop.main_window import MainWindow
from services.first_run import import_bundled_release_once


def _window(qtbot: QtBot, sqlite_url: str) -> tuple[MainWindow, Database]:
    database = open_database(sqlite_url)
    import_bundled_release_once(database)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    window.show_view("contacts")
    return window, database


def test_first_start_shows_the_seeded_roster(qtbot: QtBot, sqlite_url: str) -> None:
    window, database = _window(qtbot, sqlite_url)
    model = window.views["contacts"].model  # type: ignore[attr-defined]
    names = {model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert "溫安怡 Angela Wan" in names or any("溫安怡" in n for n in names)
    assert any("黃嘉琪" in n for n in names)
    assert import_bundled_release_once(database) is None  # only once
    database.dispose()


def test_typing_filters_the_roster(qtbot: QtBot, sqlite_url: str) -> None:
    window, database = _window(qtbot, sqlite_url)
    qtbot.keyClicks(window.search, "6986")
    model = window.views["contacts"].model  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    assert "黃嘉琪" in model.data(model.index(0, 0))
    window.search.clear()
    qtbot.waitUntil(lambda: model.rowCount() >= 7, timeout=2000)
    database.dispose()


def test_contact_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, sqlite_url: str
) -> None:
    window, database = _window(qtbot, sqlite_url)
    model = window.views["contacts"].model  # type: ignore[attr-defined]
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    database.dispose()
