"""File → Export contact sheet…: the seed roster out as CSV and vCard, through the dialog."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
import vobject
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from desktop import confirm
from desktop.dialogs import export
from desktop.dialogs.export import ExportDialog, ExportRequest, run_export, screenshot
from desktop.main_window import MainWindow
from desktop.workers import Task
from services import exports
from services.exports import export_contact_sheet
from services.roster import list_releases
from tests.desktop.roster_window import open_window


@pytest.fixture
def seeded(qtbot: QtBot, sqlite_url: str) -> Any:
    window, database = open_window(qtbot, sqlite_url)
    yield window, database
    database.dispose()


def _export_through_dialog(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    target: Path,
    choose: Any,
) -> list[str]:
    """Open the dialog as Ctrl+E would, let ``choose`` set it, export; the messages shown."""
    dialog = ExportDialog(window.database, window.search.text(), window)
    qtbot.addWidget(dialog)
    choose(dialog)
    assert dialog.export_button.isEnabled()
    request = dialog.request()
    messages: list[str] = []
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, *a, **k: request))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    monkeypatch.setattr(confirm, "inform", lambda _p, _t, text: messages.append(text))
    monkeypatch.setattr(confirm, "warn", lambda _p, _t, text, *_: messages.append("WARN " + text))
    task = run_export(window)
    assert isinstance(task, Task)
    with qtbot.waitSignal(task.signals.done, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: bool(messages), timeout=5_000)
    return messages


def _pick_format(dialog: ExportDialog, fmt: str, version: str = "3.0") -> None:
    dialog.set_format(fmt, version)
    assert dialog.format_combo.currentText() == export.format_label(fmt, version)


def test_everyone_to_csv(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, seeded: Any, tmp_path: Path
) -> None:
    window, _database = seeded
    target = tmp_path / "roster.csv"

    def choose(dialog: ExportDialog) -> None:
        # No search typed: the whole roster is proposed, opted-out left out.
        assert dialog.scope() == "all"
        assert not dialog.opted_out.isChecked()
        _pick_format(dialog, "csv")

    (message,) = _export_through_dialog(qtbot, monkeypatch, window, target, choose)
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    cells = [cell for row in rows[1:] for cell in row]
    assert "黃嘉琪" in cells
    assert "+85269865822" in cells
    assert message.startswith(f"{len(rows) - 1} contact(s) written to ")
    assert str(target) in message


def test_search_to_vcard_4(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, seeded: Any, tmp_path: Path
) -> None:
    window, _database = seeded
    window.search.setText("June")
    target = tmp_path / "june"  # no suffix typed: .vcf is added

    def choose(dialog: ExportDialog) -> None:
        assert dialog.scope() == "query"
        assert dialog.query_edit.text() == "June"
        _pick_format(dialog, "vcf", "4.0")

    (message,) = _export_through_dialog(qtbot, monkeypatch, window, target, choose)
    written = tmp_path / "june.vcf"
    text = written.read_text(encoding="utf-8")
    cards = list(vobject.readComponents(text))
    assert len(cards) == 1
    assert "VERSION:4.0" in text
    assert "黃嘉琪" in text
    assert "tel:+85269865822" in text
    assert message.startswith("1 contact(s) written to ")


def test_release_scope_and_cancelled_dialog(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, seeded: Any
) -> None:
    window, database = seeded
    dialog = ExportDialog(database, "", window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.scope_buttons["release"], Qt.MouseButton.LeftButton)
    assert dialog.release_combo.isEnabled() and not dialog.query_edit.isEnabled()
    request = dialog.request()
    assert request.release_id == dialog.release_combo.currentData() is not None
    assert request.query is None and request.fmt == "csv"
    # The current search scope cannot export without a search.
    qtbot.mouseClick(dialog.scope_buttons["query"], Qt.MouseButton.LeftButton)
    assert not dialog.export_button.isEnabled()
    # Cancelled at either step: nothing runs.
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, *a, **k: None))
    assert run_export(window) is None
    monkeypatch.setattr(
        ExportDialog, "ask", classmethod(lambda cls, *a, **k: ExportRequest(fmt="csv"))
    )
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert run_export(window) is None


def test_cancel_leaves_no_file(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, seeded: Any, tmp_path: Path
) -> None:
    window, database = seeded
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "cancelled.csv"
    messages: list[str] = []
    monkeypatch.setattr(confirm, "inform", lambda _p, _t, text: messages.append(text))

    class CancelledTask(Task):
        """Cancel pressed before the first page (a real click races a 7-contact export)."""

        def __init__(self, work: Any) -> None:
            super().__init__(work)
            self.cancel()

    monkeypatch.setattr(export, "Task", CancelledTask)
    task = export.start_export(window, database, ExportRequest(fmt="csv"), target)
    with qtbot.waitSignal(task.signals.done, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: bool(messages), timeout=5_000)
    assert messages == ["Cancelled: no file was written."]
    assert list(folder.iterdir()) == []  # neither the sheet nor its temporary file


def test_screenshot(qtbot: QtBot, seeded: Any, tmp_path: Path) -> None:
    window, _database = seeded
    dialog = screenshot(window)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.grab().save(str(tmp_path / "export.png"))
    shots = Path("/tmp/exportimport")
    if shots.is_dir():  # for a person to look at
        dialog.grab().save(str(shots / "export.png"))


def test_release_to_pdf_off_the_gui_thread(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, seeded: Any, tmp_path: Path
) -> None:
    window, _database = seeded
    target = tmp_path / "sheet.pdf"

    def choose(dialog: ExportDialog) -> None:
        dialog.scope_buttons["release"].setChecked(True)
        _pick_format(dialog, "pdf")

    (message,) = _export_through_dialog(qtbot, monkeypatch, window, target, choose)
    assert target.read_bytes().startswith(b"%PDF")
    (release,) = list_releases(window.database)
    assert message.startswith(f"{len(release['media_contacts'])} contact(s) written to ")


def test_release_views_button_exports_that_releases_media_contacts(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, seeded: Any, tmp_path: Path
) -> None:
    window, database = seeded
    window.show_view("releases")
    view = window.views["releases"]
    (release,) = list_releases(database)
    assert view.current_release_id() == release["id"]  # type: ignore[attr-defined]
    target = tmp_path / "release.csv"
    opened: list[ExportDialog] = []

    def accept(dialog: ExportDialog) -> int:
        opened.append(dialog)
        return int(QDialog.DialogCode.Accepted.value)

    messages: list[str] = []
    monkeypatch.setattr(ExportDialog, "exec", accept)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    monkeypatch.setattr(confirm, "inform", lambda _p, _t, text: messages.append(text))
    started: list[Task | None] = []
    monkeypatch.setattr(export, "start_export", _recording(export.start_export, started))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    (dialog,) = opened
    # The dialog starts on the release shown, not on the whole roster.
    assert dialog.scope() == "release"
    assert dialog.release_combo.currentData() == release["id"]
    (task,) = started
    assert task is not None
    with qtbot.waitSignal(task.signals.done, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: bool(messages), timeout=5_000)
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    # Its media contacts in block order; its spokespeople are not media contacts.
    assert [int(r["ID"]) for r in rows] == [c["id"] for c in release["media_contacts"]]
    assert messages == [f"{len(rows)} contact(s) written to {target}."]


def _recording(function: Any, calls: list[Any]) -> Any:
    def record(*args: Any, **kwargs: Any) -> Any:
        result = function(*args, **kwargs)
        calls.append(result)
        return result

    return record


def test_everyone_to_csv_in_two_processes_from_the_gui(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, seeded: Any, tmp_path: Path
) -> None:
    """A large roster's CSV (here: any roster, with the threshold lowered) is written by this
    process and a helper process, from the dialog's worker thread: the same file."""
    window, database = seeded
    one = tmp_path / "one.csv"
    alone = export_contact_sheet(database, "csv", one)
    helpers: list[Any] = []

    class Recorded(exports._Helper):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            helpers.append(self)

    monkeypatch.setattr(exports, "TWO_PROCESS_MIN_CONTACTS", 1)
    monkeypatch.setattr(exports, "PAGE_SIZE", 1)
    monkeypatch.setattr(exports, "PART_PAGES", 1)
    monkeypatch.setattr(exports, "_Helper", Recorded)
    target = tmp_path / "roster.csv"
    (message,) = _export_through_dialog(
        qtbot, monkeypatch, window, target, lambda dialog: _pick_format(dialog, "csv")
    )
    assert target.read_bytes() == one.read_bytes()
    assert message.startswith(f"{alone.contacts} contact(s) written to ")
    (helper,) = helpers
    assert helper.ready.is_set() and helper.failure is None
    assert helper.process.returncode == 0
