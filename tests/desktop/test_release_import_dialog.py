"""File → Import release…: preview first, write only on Import, refuse what is not a release."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from db.engine import Database, open_database
from desktop.dialogs import release_import
from desktop.dialogs.release_import import ReleaseImportDialog, run_release_import, screenshot
from desktop.i18n import install_translators
from desktop.main_window import MainWindow
from services.import_report import ImportReport
from services.problems import Severity
from services.roster import list_releases, search_contacts
from tests.conftest import SEED_RELEASE


@pytest.fixture
def database(sqlite_url: str) -> Iterator[Database]:
    db = open_database(sqlite_url)
    yield db
    QThreadPool.globalInstance().waitForDone(20_000)  # no worker outlives its database
    db.dispose()


def _previewed(qtbot: QtBot, database: Database, path: Path) -> ReleaseImportDialog:
    dialog = ReleaseImportDialog(database, path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_preview()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
    return dialog


def _column(model: Any, key: str) -> list[Any]:
    return [row[key] for row in model.rows()]


def test_preview_shows_the_release_and_writes_nothing(qtbot: QtBot, database: Database) -> None:
    dialog = _previewed(qtbot, database, SEED_RELEASE)
    assert "黃嘉琪 June Wong" in _column(dialog.contact_model, "name")
    assert "+852 3756 8623／6986 5822" in _column(dialog.contact_model, "phones")
    assert "孫東教授" in _column(dialog.speaker_model, "name")
    assert dialog.fields["title_zh"].text() == "香港科技園公司與地平線簽署合作備忘錄"
    assert dialog.fields["issued_on"].text() == "2023-12-01"
    assert dialog.fields["issuers"].text() == "香港科技園公司、地平線"
    assert dialog.counts["contacts"].text() == "7"
    slash = [r for r in dialog.problem_model.rows() if r["value"] == "June.Wong@edelman.com/"]
    fixed = next(r for r in slash if r["field"] == "email")
    assert fixed["severity"] == "fixed"
    assert fixed["suggestion"] == "June.Wong@edelman.com"
    assert fixed["where"] == "line 218"
    # Colour-coded: the fixed row is green, a warning amber.
    row = dialog.problem_model.row_of("id", fixed["id"])
    background = dialog.problem_model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color().name() == release_import.SEVERITY_COLOURS[Severity.FIXED]
    assert dialog.import_button.isEnabled()
    assert list_releases(database) == []
    assert search_contacts(database) == []


def test_import_writes_the_release(qtbot: QtBot, database: Database) -> None:
    dialog = _previewed(qtbot, database, SEED_RELEASE)
    assert list_releases(database) == []
    with qtbot.waitSignal(dialog.finished, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_report is not None and dialog.result_report.written
    (release,) = list_releases(database)
    assert "黃嘉琪" in [c["name_zh"] for c in release["media_contacts"]]


def test_cancel_writes_nothing(qtbot: QtBot, database: Database) -> None:
    dialog = _previewed(qtbot, database, SEED_RELEASE)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert list_releases(database) == []
    assert search_contacts(database) == []


def test_a_binary_file_is_refused_with_its_message(
    qtbot: QtBot, database: Database, tmp_path: Path
) -> None:
    picture = tmp_path / "photo.txt"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    dialog = _previewed(qtbot, database, picture)
    assert "is a PNG image, not a text file" in dialog.state.text()
    assert "Nothing was written" in dialog.state.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.start_import() is None
    assert _column(dialog.problem_model, "severity") == ["error"]
    assert "PNG image" in dialog.problem_detail.text()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Close"
    assert list_releases(database) == []


def test_a_refused_file_is_explained_in_chinese_in_zh_hk(
    qtbot: QtBot, database: Database, tmp_path: Path
) -> None:
    """Why a file is no release, and what to do, in the interface language (was English)."""
    pdf = tmp_path / "release.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    try:
        assert install_translators("zh_HK")
        dialog = _previewed(qtbot, database, pdf)
        assert "是 PDF 文件，不是文字檔。請把 PDF 的文字複製到純文字檔" in dialog.state.text()
        (problem,) = dialog.problem_model.rows()
        assert problem["message"].endswith(
            "是 PDF 文件，不是文字檔。請把 PDF 的文字複製到純文字檔（UTF-8）。"
        )
    finally:
        install_translators("en")


def test_an_empty_file_is_refused(qtbot: QtBot, database: Database, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    dialog = _previewed(qtbot, database, empty)
    assert "is empty" in dialog.state.text()
    assert not dialog.import_button.isEnabled()


def test_a_release_imported_before_cannot_be_imported_again(
    qtbot: QtBot, database: Database
) -> None:
    release_import.import_release_file(database, SEED_RELEASE)
    dialog = _previewed(qtbot, database, SEED_RELEASE)
    assert "in the database already" in dialog.state.text()
    assert not dialog.import_button.isEnabled()


def test_models_pass_the_model_tester(qtbot: QtBot, qtmodeltester: Any, database: Database) -> None:
    dialog = _previewed(qtbot, database, SEED_RELEASE)
    for model in (dialog.problem_model, dialog.contact_model, dialog.speaker_model):
        qtmodeltester.check(model)


def test_file_menu_import_through_the_dialog(
    qtbot: QtBot, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole menu flow: choose the file, preview, Import, the Releases view shows it."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(SEED_RELEASE), ""))
    )
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    seen: dict[str, Any] = {}

    def drive(parent: Any, db: Database, path: Path) -> ImportReport | None:
        dialog = _previewed(qtbot, db, Path(path))
        seen["contacts"] = _column(dialog.contact_model, "name")
        seen["releases_before"] = list_releases(db)
        with qtbot.waitSignal(dialog.finished, timeout=20_000):
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result_report

    monkeypatch.setattr(ReleaseImportDialog, "ask", classmethod(lambda cls, *a: drive(*a)))
    window.actions_by_name["importRelease"].trigger()
    assert "黃嘉琪 June Wong" in seen["contacts"]
    assert seen["releases_before"] == []
    (release,) = list_releases(database)
    view = window.views["releases"]
    assert window.current_view() is view
    assert view.current_release_id() == release["id"]  # type: ignore[attr-defined]
    assert "Imported" in window.statusBar().currentMessage()


def test_choosing_no_file_does_nothing(
    qtbot: QtBot, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(
        ReleaseImportDialog, "ask", classmethod(lambda *a: pytest.fail("no dialog expected"))
    )
    window = MainWindow(database)
    qtbot.addWidget(window)
    assert run_release_import(window) is None


def test_screenshot_shows_a_first_import(qtbot: QtBot, database: Database) -> None:
    release_import.import_release_file(database, SEED_RELEASE)
    window = MainWindow(database)
    qtbot.addWidget(window)
    dialog = screenshot(window)
    assert isinstance(dialog, ReleaseImportDialog)
    assert dialog.isVisible()
    assert dialog.counts["releases"].text() == "1"  # previewed against an empty database
    assert "黃嘉琪 June Wong" in _column(dialog.contact_model, "name")
    dialog.close()
