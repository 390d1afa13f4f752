"""A main window on the seed release with four inquiries: overdue, due today, answered, new.

Shared by the inquiry view, editor, log-call and find-caller tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from db.engine import Database, open_database
from desktop.main_window import MainWindow
from services.first_run import import_bundled_release_once
from services.inquiries import InquiryForm, create_inquiry, local_day_end
from services.roster import search_contacts


def commit(widget: QWidget, text: str) -> None:
    """Type Chinese (or full-width digits) the way an input method does."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@dataclass
class Seeded:
    window: MainWindow
    database: Database
    people: dict[str, dict[str, Any]]
    inquiries: dict[str, dict[str, Any]]


def seed_inquiries(database: Database) -> tuple[dict[str, Any], dict[str, Any]]:
    """The seed roster, and four inquiries whose deadlines stand differently against now."""
    people = {c["name_zh"]: c for c in search_contacts(database, "") if c["name_zh"]}
    now = datetime.now(UTC)
    later_today = now + (local_day_end(now) - now) / 2  # before midnight, whenever we run
    specs = {
        "overdue": InquiryForm(
            release_id=1,
            journalist_id=people["黃嘉琪"]["id"],
            question="投資額幾多？",
            received_at=now - timedelta(hours=3),
            deadline=now - timedelta(hours=1),
            owner_id=people["溫安怡"]["id"],
            phone="+852 6986 5822",
        ),
        "due_today": InquiryForm(
            release_id=1,
            journalist_id=people["熊苗苗"]["id"],
            question="Can we interview 余凱 on Friday?",
            channel="wechat",
            received_at=now - timedelta(hours=2),
            deadline=later_today,
            status="in_progress",
        ),
        "answered": InquiryForm(
            release_id=1,
            journalist_id=people["溫安怡"]["id"],
            question="Photos of the signing?",
            channel="email",
            # Two days before the others at most 3 hours ago: another day at any hour.
            received_at=now - timedelta(days=2),
            deadline=now + timedelta(days=1),
            status="answered",
            owner_id=people["黃嘉琪"]["id"],
        ),
        "no_release": InquiryForm(
            journalist_name="陳大文",
            outlet_name="明報",
            phone="9123 4567",
            question="研發中心會請幾多人？",
            received_at=now - timedelta(minutes=40),
        ),
    }
    inquiries = {key: create_inquiry(database, form) for key, form in specs.items()}
    return people, inquiries


@pytest.fixture
def seeded(qtbot: QtBot, sqlite_url: str) -> Iterator[Seeded]:
    """The main window on the inquiries view, over the seeded database."""
    database = open_database(sqlite_url)
    import_bundled_release_once(database)
    people, inquiries = seed_inquiries(database)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    window.show_view("inquiries")
    yield Seeded(window, database, people, inquiries)
    QThreadPool.globalInstance().waitForDone()  # background counts, before the database goes
    settings = QSettings()
    settings.remove("inquiriesView")
    settings.remove("mainWindow")
    database.dispose()
