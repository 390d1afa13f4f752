"""The live roster: a colleague's change shows within two seconds, the user's place kept.

A second, independent writer (another ``open_database`` on the same file or server, or
another process: ``main.py inquiries add`` or a small script) changes the data while the
main window is open, scrolled down, with a record selected. The window, polling its
ChangeWatcher every 500 ms, shows the change within two seconds with the same record
selected and the same scroll position, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from db.engine import Database, open_database
from db.models import Contact, Inquiry
from desktop.dialogs import contact_editor
from desktop.lazy_table import Column, LazyTableModel, MirroredTableModel, Row
from desktop.main_window import MainWindow
from desktop.views.base import refresh_in_place
from services.contacts import (
    create_contact,
    create_organization,
    delete_contact,
    get_contact,
    update_contact,
)
from services.first_run import import_bundled_release_once
from services.inquiries import InquiryCreate, add_inquiry
from tests.conftest import REPO
from tests.services.test_crash_safety import start_child, stop

# A change must be on screen this soon after the colleague's commit.
WITHIN_MS = 2000
CHILD_TIMEOUT_MS = 60_000
SEEDED = 210  # rows beyond the seed release: enough to scroll past two pages of 100

EDIT_CONTACT_CHILD = """
import sys
from db.engine import open_database
from services.contacts import get_contact, update_contact
import services.changes  # as in the application: commits announce themselves

url, contact_id, title = sys.argv[1], int(sys.argv[2]), sys.argv[3]
database = open_database(url, upgrade=False)
contact = get_contact(database, contact_id)
update_contact(database, contact_id, {"title_en": title}, contact["version"])
database.dispose()
"""


@pytest.fixture(autouse=True)
def _tidy() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(20_000)  # no background count outlives the test
    settings = QSettings()
    settings.remove("contacts")
    settings.remove("mainWindow")


@pytest.fixture
def colleague(db_url: str) -> Iterator[Database]:
    """Another officer's connection to the same database: a Database of its own."""
    database = open_database(db_url)
    import_bundled_release_once(database)
    try:
        yield database
    finally:
        database.dispose()


def _window(qtbot: QtBot, db_url: str, view: str) -> tuple[MainWindow, Database]:
    database = open_database(db_url)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    window.show_view(view)
    qtbot.waitExposed(window)
    return window, database


def _seed_inquiries(database: Database) -> None:
    """SEEDED inquiries, a minute apart, in one transaction (the log is newest first)."""
    first = add_inquiry(
        database,
        InquiryCreate(release_id=1, journalist="Reporter", outlet="明報", question="Seeded 0"),
    )
    start = datetime.fromisoformat(first["received_at"])
    with database.session() as session:
        session.add_all(
            Inquiry(
                release_id=1,
                received_at=start - timedelta(minutes=n),
                journalist_id=first["journalist_id"],
                outlet_id=first["outlet_id"],
                question=f"Seeded {n}",
            )
            for n in range(1, SEEDED)
        )


def _seed_contacts(database: Database) -> None:
    """SEEDED contacts in one transaction (the search index is kept by the ORM listeners)."""
    with database.session() as session:
        session.add_all(
            Contact(name_en=f"Seeded Reporter {n:03d}", title_en="Reporter") for n in range(SEEDED)
        )


def _scroll_down_and_select(qtbot: QtBot, table: QTableView, model: LazyTableModel) -> int:
    """Scroll past the first page, select a row in the middle of the screen; its id."""
    while model.rowCount() < 2 * 100 and model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    bar = table.verticalScrollBar()
    bar.setValue(120)
    qtbot.waitUntil(lambda: table.rowAt(0) >= 100, timeout=WITHIN_MS)
    row = table.rowAt(table.viewport().height() // 2)
    table.selectRow(row)
    return int(model.row_at(row)["id"])


def _selected_id(table: QTableView, model: LazyTableModel) -> int | None:
    index = table.currentIndex()
    return int(model.cached_row(index.row())["id"]) if index.isValid() else None


def _wait_for_child(qtbot: QtBot, child: subprocess.Popen[str]) -> str:
    """Keep the GUI running until the child process ends; its standard output."""
    try:
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=CHILD_TIMEOUT_MS)
        out, err = child.communicate(timeout=30)
        assert child.returncode == 0, err
        return out
    finally:
        stop(child)


def test_another_process_s_new_inquiry_shows_within_two_seconds_keeping_the_place(
    qtbot: QtBot, db_url: str, colleague: Database
) -> None:
    _seed_inquiries(colleague)
    window, database = _window(qtbot, db_url, "inquiries")
    view = window.views["inquiries"]
    table, model = view.table, view.model  # type: ignore[attr-defined]
    selected = _scroll_down_and_select(qtbot, table, model)
    position = table.verticalScrollBar().value()
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))

    child = subprocess.Popen(
        [
            *(sys.executable, str(REPO / "main.py"), "--db", db_url, "inquiries", "add"),
            *("--release", "1", "--journalist", "黃嘉琪", "--outlet", "明報"),
            *("--channel", "phone", "--question", "記者會幾點開始？", "--json"),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    new_id = int(json.loads(_wait_for_child(qtbot, child))["id"])
    committed = time.monotonic()
    qtbot.waitUntil(lambda: model.row_of("id", new_id) >= 0, timeout=WITHIN_MS)
    latency = time.monotonic() - committed

    assert model.row_of("id", new_id) == 0  # newest first
    assert resets == []  # refreshed in place, not reloaded from the top
    assert _selected_id(table, model) == selected
    assert table.verticalScrollBar().value() == position
    assert latency < WITHIN_MS / 1000
    database.dispose()


def test_another_process_s_contact_edit_shows_within_two_seconds_keeping_the_place(
    qtbot: QtBot, db_url: str, colleague: Database
) -> None:
    _seed_contacts(colleague)
    window, database = _window(qtbot, db_url, "contacts")
    view = window.views["contacts"]
    table, model = view.table, view.model  # type: ignore[attr-defined]
    selected = _scroll_down_and_select(qtbot, table, model)
    card = view.detail.toPlainText()  # type: ignore[attr-defined]
    position = table.verticalScrollBar().value()
    edited_row = table.rowAt(0) + 1
    edited = int(model.row_at(edited_row)["id"])
    assert edited != selected

    child = start_child(EDIT_CONTACT_CHILD, db_url, str(edited), "Chief Reporter")
    _wait_for_child(qtbot, child)
    title = model.index(edited_row, 2)
    qtbot.waitUntil(lambda: model.data(title) == "Chief Reporter", timeout=WITHIN_MS)

    assert _selected_id(table, model) == selected
    assert table.verticalScrollBar().value() == position
    assert view.detail.toPlainText() == card  # type: ignore[attr-defined]
    database.dispose()


def test_a_colleague_s_edit_of_the_selected_contact_updates_its_card(
    qtbot: QtBot, db_url: str, colleague: Database
) -> None:
    window, database = _window(qtbot, db_url, "contacts")
    view = window.views["contacts"]
    table, model = view.table, view.model  # type: ignore[attr-defined]
    table.selectRow(2)
    selected = int(model.row_at(2)["id"])
    contact = get_contact(colleague, selected)
    update_contact(colleague, selected, {"title_en": "Head of Newsroom"}, contact["version"])

    qtbot.waitUntil(
        lambda: "Head of Newsroom" in view.detail.toPlainText(),  # type: ignore[attr-defined]
        timeout=WITHIN_MS,
    )
    assert _selected_id(table, model) == selected
    database.dispose()


def test_a_colleague_s_delete_unselects_the_contact_and_a_new_one_appears_at_the_end(
    qtbot: QtBot, db_url: str, colleague: Database
) -> None:
    window, database = _window(qtbot, db_url, "contacts")
    view = window.views["contacts"]
    table, model = view.table, view.model  # type: ignore[attr-defined]
    shown = model.rowCount()
    table.selectRow(shown - 1)
    last = model.row_at(shown - 1)
    delete_contact(colleague, int(last["id"]), expected_version=int(last["version"]))
    qtbot.waitUntil(lambda: model.rowCount() == shown - 1, timeout=WITHIN_MS)
    assert not table.currentIndex().isValid()

    added = create_contact(colleague, {"name_en": "Newly Added", "phones": []})
    qtbot.waitUntil(lambda: model.row_of("id", added["id"]) == shown - 1, timeout=WITHIN_MS)
    database.dispose()


def test_this_window_s_own_save_refreshes_without_moving_the_selection(
    qtbot: QtBot, sqlite_url: str
) -> None:
    window, database = _window(qtbot, sqlite_url, "contacts")
    import_bundled_release_once(database)
    view = window.views["contacts"]
    view.refresh()
    table, model = view.table, view.model  # type: ignore[attr-defined]
    table.selectRow(1)
    selected = int(model.row_at(1)["id"])
    moves: list[Any] = []
    table.selectionModel().currentChanged.connect(lambda *args: moves.append(args))
    other = model.row_at(3)
    update_contact(database, int(other["id"]), {"title_en": "Desk Editor"}, other["version"])

    qtbot.waitUntil(lambda: model.data(model.index(3, 2)) == "Desk Editor", timeout=WITHIN_MS)
    qtbot.wait(600)  # another poll or two: nothing more happens
    assert moves == []
    assert _selected_id(table, model) == selected
    database.dispose()


def test_views_off_screen_show_the_change_when_next_shown(
    qtbot: QtBot, db_url: str, colleague: Database
) -> None:
    window, database = _window(qtbot, db_url, "contacts")
    organizations = window.views["organizations"]
    before = organizations.model.rowCount()  # type: ignore[attr-defined]
    contacts_before = window.views["contacts"].model.rowCount()  # type: ignore[attr-defined]
    create_organization(colleague, {"name_en": "Live Daily", "kind": "media"})
    create_contact(colleague, {"name_en": "Live Reporter", "phones": []})
    contacts = window.views["contacts"].model  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: contacts.rowCount() == contacts_before + 1, timeout=WITHIN_MS)
    assert organizations.model.rowCount() == before  # type: ignore[attr-defined]

    window.show_view("organizations")
    assert organizations.model.rowCount() == before + 1  # type: ignore[attr-defined]
    database.dispose()


def test_an_open_editor_is_left_alone(qtbot: QtBot, db_url: str, colleague: Database) -> None:
    window, database = _window(qtbot, db_url, "contacts")
    view = window.views["contacts"]
    model = view.model  # type: ignore[attr-defined]
    contact = get_contact(database, int(model.row_at(0)["id"]))
    editor = contact_editor.ContactEditor(database, contact, window)
    qtbot.addWidget(editor)
    editor.show()
    fields = {line.objectName(): line.text() for line in editor.findChildren(type(window.search))}
    added = create_contact(colleague, {"name_en": "While Editing", "phones": []})

    qtbot.waitUntil(lambda: model.row_of("id", added["id"]) >= 0, timeout=WITHIN_MS)
    assert editor.isVisible()
    assert {
        line.objectName(): line.text() for line in editor.findChildren(type(window.search))
    } == fields
    database.dispose()


# --- the model: a refresh costs a few pages, however many rows there are ---------------------


class _MillionRows:
    """A 1 000 000-row source that counts what it is asked for."""

    def __init__(self) -> None:
        self.first_id = 1
        self.total = 1_000_000
        self.fetched = 0

    def __call__(self, offset: int, limit: int) -> list[Row]:
        stop_at = min(offset + limit, self.total)
        self.fetched += max(stop_at - offset, 0)
        return [
            {"id": self.first_id + n, "name": f"Contact {self.first_id + n}"}
            for n in range(offset, stop_at)
        ]


def _scrolled_to(
    qtbot: QtBot, model: LazyTableModel | MirroredTableModel, row: int, *, loaded: int
) -> QTableView:
    """A table showing ``model`` with ``loaded`` rows, ``row`` at the top, ``row + 5`` selected."""
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    if isinstance(model, MirroredTableModel):
        model.watch(table)
    table.resize(400, 300)
    table.show()
    model.reload()
    while model.rowCount() < loaded:
        model.fetchMore(QModelIndex())
    qtbot.waitExposed(table)
    table.scrollTo(model.index(row, 0), QTableView.ScrollHint.PositionAtTop)
    table.selectRow(row + 5)
    qtbot.waitUntil(lambda: table.rowAt(0) >= row - 10, timeout=WITHIN_MS)
    return table


def test_a_refresh_deep_in_a_million_rows_fetches_only_what_is_on_screen(
    qtbot: QtBot, qtmodeltester: Any
) -> None:
    source = _MillionRows()
    model = LazyTableModel([Column("name", "Name", lambda r: r["name"])], source, page=100)
    table = _scrolled_to(qtbot, model, 4_000, loaded=5_000)
    position = table.verticalScrollBar().value()

    source.first_id = 0  # a colleague inserted a row at the top: every row moves down one
    source.total += 1
    source.fetched = 0
    refresh_in_place(table, model)

    assert source.fetched <= 200  # the page or two on screen, not the 5 000 loaded
    assert model.rowCount() == 5_000
    assert table.verticalScrollBar().value() == position
    assert _selected_id(table, model) == 4_006  # the same record, one row further down
    assert table.currentIndex().row() == 4_006

    source.fetched = 0
    assert model.data(model.index(10, 0)) == "Contact 10"  # a stale page, fetched on sight
    assert source.fetched == 100
    qtmodeltester.check(model)


def test_the_mirrored_model_refreshes_deep_and_fetches_stale_pages_when_they_are_painted(
    qtbot: QtBot, qtmodeltester: Any
) -> None:
    # The inquiry log's model: rows as Qt items, painted without calls into Python.
    source = _MillionRows()
    model = MirroredTableModel(
        [Column("name", "Name", lambda r: r["name"], tooltip=lambda r: f"#{r['id']}")],
        source,
        page=100,
    )
    table = _scrolled_to(qtbot, model, 1_500, loaded=2_000)

    source.first_id = 0  # a row inserted at the top
    source.total += 1
    source.fetched = 0
    refresh_in_place(table, model)

    assert source.fetched <= 200
    assert model.rowCount() == 2_000
    assert _selected_id(table, model) == 1_506
    assert model.data(model.index(1_506, 0)) == "Contact 1506"  # the items follow the rows
    assert model.data(model.index(1_506, 0), Qt.ItemDataRole.ToolTipRole) == "#1506"

    source.fetched = 0
    assert model.data(model.index(10, 0)) == "Contact 11"  # stale: not fetched by a look
    table.scrollToTop()
    table.grab()  # paints the rows now on screen
    assert source.fetched == 100  # fetched again when painted, one page
    assert model.data(model.index(10, 0)) == "Contact 10"

    model.row_at(0)["name"] = "Renamed"
    model.copy_rows(0, 0)
    assert model.data(model.index(0, 0)) == "Renamed"
    flags = model.flags(model.index(0, 0))
    assert not flags & Qt.ItemFlag.ItemIsEditable

    model.reload(page=30)  # the inquiry log sizes its pages to the window
    assert model.rowCount() == 30
    assert model.data(model.index(29, 0)) == "Contact 29"
    qtmodeltester.check(model)


def test_an_edit_saved_deep_in_the_roster_keeps_the_officer_s_place(
    qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = open_database(sqlite_url)
    _seed_contacts(database)
    database.dispose()
    window, database = _window(qtbot, sqlite_url, "contacts")
    view = window.views["contacts"]
    table, model = view.table, view.model  # type: ignore[attr-defined]
    selected = _scroll_down_and_select(qtbot, table, model)
    position = table.verticalScrollBar().value()

    def save_title(_parent: object, db: Database, contact_id: int) -> dict[str, Any]:
        contact = get_contact(db, contact_id)
        return update_contact(db, contact_id, {"title_en": "Bureau Chief"}, contact["version"])

    monkeypatch.setattr(contact_editor, "run_edit_contact", save_title)
    view.edit_contact()  # type: ignore[attr-defined]

    row = table.currentIndex().row()
    assert _selected_id(table, model) == selected
    assert model.data(model.index(row, 2)) == "Bureau Chief"
    assert table.verticalScrollBar().value() == position
    database.dispose()


def _reports_total(window: MainWindow) -> int | None:
    reports = window.views["reports"].reports  # type: ignore[attr-defined]
    return None if reports is None else sum(s.total for s in reports.daily.series)


def test_the_reports_count_a_colleague_s_new_inquiry_within_two_seconds(
    qtbot: QtBot, db_url: str, colleague: Database
) -> None:
    window, database = _window(qtbot, db_url, "reports")
    qtbot.waitUntil(lambda: _reports_total(window) == 0, timeout=WITHIN_MS)
    add_inquiry(
        colleague,
        InquiryCreate(release_id=1, journalist="黃嘉琪", outlet="明報", question="幾點開始？"),
    )
    qtbot.waitUntil(lambda: _reports_total(window) == 1, timeout=WITHIN_MS)
    database.dispose()


def test_the_release_shown_keeps_its_place_and_counts_a_colleague_s_inquiry(
    qtbot: QtBot, db_url: str, colleague: Database
) -> None:
    window, database = _window(qtbot, db_url, "releases")
    view = window.views["releases"]
    media = view.media_table  # type: ignore[attr-defined]
    media.selectRow(2)
    picked = view.media_model.row_at(2)["id"]  # type: ignore[attr-defined]
    assert view.current_release_id() == 1  # type: ignore[attr-defined]
    tabs = view.tabs  # type: ignore[attr-defined]
    assert tabs.tabText(2).endswith("(0)")
    add_inquiry(
        colleague,
        InquiryCreate(release_id=1, journalist="黃嘉琪", outlet="明報", question="幾點開始？"),
    )
    qtbot.waitUntil(lambda: tabs.tabText(2).endswith("(1)"), timeout=WITHIN_MS)
    assert view.current_release_id() == 1  # type: ignore[attr-defined]
    rows = media.selectionModel().selectedRows()
    assert [view.media_model.row_at(r.row())["id"] for r in rows] == [picked]  # type: ignore[attr-defined]
    database.dispose()


@pytest.mark.parametrize("kind", [LazyTableModel, MirroredTableModel])
def test_a_model_the_garbage_collector_cleared_answers_as_an_empty_table(
    qtbot: QtBot, kind: Any
) -> None:
    """Freed with its closed view as one cycle, a model's Python half is emptied before Qt
    deletes it; Qt asking it for a header or a count meanwhile must not raise in the event
    loop (seen once: AttributeError '_columns' from headerData during a GUI test)."""
    rows = [{"id": n, "name": f"row {n}"} for n in range(5)]
    model = kind([Column("name", "Name", lambda r: r["name"])], lambda o, n: rows[o : o + n])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 5
    lazy = model.__dict__.get("_lazy")
    model.__dict__.clear()  # what the collector's clearing of a cycle leaves
    if lazy is not None:
        lazy.__dict__.clear()
    root = QModelIndex()
    assert model.canFetchMore(root) is False
    model.fetchMore(root)
    assert model.headerData(0, Qt.Orientation.Horizontal) in (None, "Name")
    if kind is LazyTableModel:
        assert (model.rowCount(), model.columnCount()) == (0, 0)
        assert model.data(model.index(0, 0)) is None
    view.viewport().repaint()  # paints, with the event filter of a mirrored model
