"""Opening the main window on a seeded database, for the contacts and organisations tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from db.engine import Database, open_database
from desktop.main_window import MainWindow
from services.first_run import import_bundled_release_once


def open_window(
    qtbot: QtBot, sqlite_url: str, view: str = "contacts"
) -> tuple[MainWindow, Database]:
    """The main window on the seed release's roster, showing ``view``."""
    database = open_database(sqlite_url)
    import_bundled_release_once(database)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    window.show_view(view)
    return window, database


@pytest.fixture
def clean_settings() -> Iterator[None]:
    """Qt keeps one settings file per process: leave no order or widths to the next test."""
    yield
    settings = QSettings()
    settings.remove("contacts")
    settings.remove("mainWindow")
