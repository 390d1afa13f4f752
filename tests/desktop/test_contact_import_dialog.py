"""File → Import contacts…: preview (nothing written), mapping fix, Cancel, merge, refusal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from db.engine import Database
from desktop.dialogs import contact_import
from desktop.dialogs.contact_import import (
    SAMPLE_CSV,
    ContactImportDialog,
    run_contact_import,
    screenshot,
)
from desktop.i18n import install_translators
from desktop.main_window import MainWindow
from desktop.workers import Task
from services.contacts import count_contacts
from services.import_report import ImportReport
from services.roster import lookup_number, search_contacts
from tests.desktop.roster_window import open_window


@pytest.fixture
def seeded(qtbot: QtBot, sqlite_url: str) -> Iterator[tuple[MainWindow, Database]]:
    window, database = open_window(qtbot, sqlite_url)
    yield window, database
    database.dispose()


def _file(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "files"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8-sig")
    return path


def _previewed(qtbot: QtBot, database: Database, path: Path) -> ContactImportDialog:
    dialog = ContactImportDialog(database, path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_preview()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
    return dialog


def _import(qtbot: QtBot, dialog: ContactImportDialog) -> None:
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.finished, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def _names(model: Any) -> list[str]:
    return [row["name"] for row in model.rows()]


def test_preview_writes_nothing_and_shows_every_problem(
    qtbot: QtBot, qtmodeltester: Any, seeded: tuple[MainWindow, Database], tmp_path: Path
) -> None:
    _window, database = seeded
    before = count_contacts(database)
    dialog = _previewed(qtbot, database, _file(tmp_path, "media.csv", SAMPLE_CSV))
    # Three rows: June Wong (same e-mail as the seed's) merges, two are new.
    assert dialog.counts["contacts"].text() == "2"
    assert dialog.counts["merged"].text() == "1"
    assert "黃嘉琪 June Wong" in _names(dialog.row_model)
    chan = dialog.row_model.row_at(dialog.row_model.row_of("name", "陳大文 Chan Tai Man"))
    assert chan["phones"] == "+852 9123 4567 (Mobile)"
    assert chan["emails"] == "tm.chan@mingpao.com (Work)"
    assert chan["where"] == "line 3"  # the file is named above the table
    # Lee's number is too short and her address has no domain: both reported in full.
    problems = dialog.problem_model.rows()
    fields = {row["field"] for row in problems}
    assert {"phone", "email"} <= fields
    bad_email = next(r for r in problems if r["value"] == "siuling.lee@rthk")
    assert bad_email["severity"] == "error"
    assert bad_email["where"] == "line 4" and bad_email["message"]
    assert "Problems (" in dialog.tabs.tabText(2)
    assert "黃嘉琪 (same e-mail)" in dialog.merged.text()
    # The mapping the reader guessed is shown, one combo a column.
    assert dialog.edited_mapping()["Mobile Phone"] == "phone:mobile"
    assert dialog.import_button.isEnabled()
    qtmodeltester.check(dialog.row_model)
    qtmodeltester.check(dialog.problem_model)
    assert count_contacts(database) == before
    assert search_contacts(database, "陳大文") == []


def test_preview_speaks_chinese_in_zh_hk(
    qtbot: QtBot, seeded: tuple[MainWindow, Database], tmp_path: Path
) -> None:
    _window, database = seeded
    try:
        assert install_translators("zh_HK")
        dialog = _previewed(qtbot, database, _file(tmp_path, "media.csv", SAMPLE_CSV))
        chan = dialog.row_model.row_at(dialog.row_model.row_of("name", "陳大文 Chan Tai Man"))
        assert chan["where"] == "第 3 行"
        assert chan["phones"] == "+852 9123 4567 (手提)"
        # Lee's problems: where, which field and what, in Chinese.
        detail = dialog.problem_detail.text()
        assert "第 4 行 · 電話" in detail or "第 4 行 · 電郵" in detail
        assert contact_import.field_label("phone:mobile") == "電話（手提）"
        assert contact_import.field_label("email_value:2") == "電郵 2（地址）"
        assert contact_import.where_label("phone.vcf card 3", "phone.vcf") == "第 3 張卡"
    finally:
        install_translators("en")


def test_merge_does_not_grow_the_roster(
    qtbot: QtBot, seeded: tuple[MainWindow, Database], tmp_path: Path
) -> None:
    _window, database = seeded
    before = count_contacts(database)
    text = "Name,E-mail Address,Mobile Phone\r\nJune Wong,june.wong@EDELMAN.com,+852 6111 2233\r\n"
    dialog = _previewed(qtbot, database, _file(tmp_path, "june.csv", text))
    assert dialog.counts["merged"].text() == "1"
    assert dialog.counts["contacts"].text() == "0"
    _import(qtbot, dialog)
    report = dialog.result_report
    assert report is not None and report.written
    assert report.created["merged"] == 1 and report.created["contacts"] == 0
    assert len(report.merged) == 1
    assert count_contacts(database) == before
    (june,) = lookup_number(database, "61112233")
    assert june["name_zh"] == "黃嘉琪"


def test_mapping_fix_then_import(
    qtbot: QtBot, seeded: tuple[MainWindow, Database], tmp_path: Path
) -> None:
    _window, database = seeded
    text = "Name,Organisation,Direct Tel\r\n張三 Cheung Sam,Foo Media,+852 9123 4500\r\n"
    dialog = _previewed(qtbot, database, _file(tmp_path, "direct.csv", text))
    # The reader does not know "Direct Tel": the number would be lost, and the user is told.
    assert dialog.edited_mapping()["Direct Tel"] == "ignore"
    assert any(r["field"] == "Direct Tel" for r in dialog.problem_model.rows())
    assert dialog.row_model.row_at(0)["phones"] == ""
    dialog.tabs.setCurrentIndex(1)
    dialog.set_mapping("Direct Tel", "phone:mobile")
    # A changed mapping must be previewed before it can be imported.
    assert not dialog.import_button.isEnabled()
    assert dialog.repreview_button.isEnabled()
    qtbot.mouseClick(dialog.repreview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
    assert dialog.row_model.row_at(0)["phones"] == "+852 9123 4500 (Mobile)"
    assert not any(r["field"] == "Direct Tel" for r in dialog.problem_model.rows())
    assert lookup_number(database, "91234500") == []  # still only a preview
    _import(qtbot, dialog)
    (person,) = lookup_number(database, "+852 9123 4500")
    assert person["name_zh"] == "張三"


def test_cancel_writes_nothing(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    seeded: tuple[MainWindow, Database],
    tmp_path: Path,
) -> None:
    _window, database = seeded
    before = count_contacts(database)
    dialog = _previewed(qtbot, database, _file(tmp_path, "media.csv", SAMPLE_CSV))

    class CancelledTask(Task):
        """Cancel pressed before the first batch ends (a click would race 3 rows)."""

        def __init__(self, work: Any) -> None:
            super().__init__(work)
            self.cancel()

    monkeypatch.setattr(contact_import, "Task", CancelledTask)
    task = dialog.start_import()
    assert task is not None
    # While importing, Cancel stops the import instead of closing the dialog.
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
    assert dialog.state.text() == "Import cancelled: nothing was written."
    assert dialog.result_report is None
    assert count_contacts(database) == before
    assert search_contacts(database, "陳大文") == []
    # Cancel on the preview closes, writing nothing.
    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert count_contacts(database) == before


def test_refused_file_shows_why(
    qtbot: QtBot, seeded: tuple[MainWindow, Database], tmp_path: Path
) -> None:
    _window, database = seeded
    path = _file(tmp_path, "broken.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nobody\r\n")
    dialog = _previewed(qtbot, database, path)
    assert dialog.state.text().startswith("This file cannot be imported:")
    assert "Nothing was written." in dialog.state.text()
    assert dialog.problem_model.rows()[0]["severity"] == "error"
    assert not dialog.import_button.isEnabled()


def test_file_problems_and_refusals_speak_chinese_in_zh_hk(
    qtbot: QtBot, seeded: tuple[MainWindow, Database], tmp_path: Path
) -> None:
    """What the file readers say (a column not imported, a sheet, a refused file) was
    shown in English under the Chinese interface."""
    _window, database = seeded
    try:
        assert install_translators("zh_HK")
        listed = _file(tmp_path, "list.csv", "姓名,手提,生日\n陳大文,9123 4567,1 May\n")
        dialog = _previewed(qtbot, database, listed)
        (unmapped,) = dialog.problem_model.rows()
        assert (unmapped["where"], unmapped["value"]) == ("第 2 行", "1 May")
        assert (
            unmapped["message"]
            == "'生日' 欄不對應任何聯絡人欄位，其內容不會匯入（此記錄是第一筆有內容的）。"
        )
        assert unmapped["suggestion"].startswith("請在匯入視窗中為此欄選擇欄位")
        refused = _previewed(qtbot, database, _file(tmp_path, "odd.csv", "Who,Digits\nJune,1\n"))
        assert refused.state.text().startswith("此檔案無法匯入：odd.csv · 第 1 行：沒有標題列")
        (why,) = refused.problem_model.rows()
        assert why["suggestion"].startswith("請加上標題列")
    finally:
        install_translators("en")


def test_vcard_preview_has_no_mapping(
    qtbot: QtBot, seeded: tuple[MainWindow, Database], tmp_path: Path
) -> None:
    _window, database = seeded
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:陳美玲\r\nN:陳;美玲;;;\r\n"
        "TEL;TYPE=CELL:+852 9876 5432\r\nEND:VCARD\r\n"
    )
    dialog = _previewed(qtbot, database, _file(tmp_path, "phone.vcf", card))
    assert not dialog.tabs.isTabEnabled(1)
    assert dialog.row_model.row_at(0)["phones"] == "+852 9876 5432 (Mobile)"
    _import(qtbot, dialog)
    assert lookup_number(database, "98765432")[0]["name_zh"] == "陳美玲"


def test_run_contact_import_from_the_menu(
    monkeypatch: pytest.MonkeyPatch, seeded: tuple[MainWindow, Database], tmp_path: Path
) -> None:
    window, _database = seeded
    path = _file(tmp_path, "media.csv", SAMPLE_CSV)
    asked: list[Path] = []
    report = ImportReport(source="media.csv", written=True)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )

    def ask(cls: Any, parent: Any, database: Database, chosen: Path) -> ImportReport:
        asked.append(chosen)
        return report

    monkeypatch.setattr(ContactImportDialog, "ask", classmethod(ask))
    assert run_contact_import(window) is report
    assert asked == [path]
    assert "media.csv" in window.statusBar().currentMessage()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    assert run_contact_import(window) is None


def test_screenshot(qtbot: QtBot, seeded: tuple[MainWindow, Database], tmp_path: Path) -> None:
    window, database = seeded
    before = count_contacts(database)
    dialog = screenshot(window)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.grab().save(str(tmp_path / "contact_import.png"))
    shots = Path("/tmp/exportimport")
    if shots.is_dir():  # for a person to look at
        dialog.grab().save(str(shots / "contact_import.png"))
    assert count_contacts(database) == before
