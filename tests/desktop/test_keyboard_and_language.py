"""The main window driven from the keyboard, and the same workflows in 繁體中文（香港）."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import desktop.views.contacts as contacts_view
from db.engine import Database, open_database
from desktop.dialogs import about
from desktop.dialogs.find_caller import FindCallerDialog
from desktop.dialogs.log_call import LogCallDialog, run_log_call
from desktop.dialogs.release_import import severity_label
from desktop.i18n import install_translators
from desktop.main_window import MainWindow
from services.first_run import import_bundled_release_once
from tests.desktop.inquiry_fixtures import Seeded, commit, seed_inquiries, seeded

__all__ = ["seeded"]  # the fixture, used by name

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _activate(qtbot: QtBot, window: MainWindow) -> None:
    """Application shortcuts need an active window, as on a desktop."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


@pytest.mark.parametrize(
    "shortcut",
    [
        (Qt.Key.Key_I, CTRL, "desktop.dialogs.release_import", "run_release_import"),
        (Qt.Key.Key_I, CTRL | SHIFT, "desktop.dialogs.contact_import", "run_contact_import"),
        (Qt.Key.Key_E, CTRL, "desktop.dialogs.export", "run_export"),
        (Qt.Key.Key_Comma, CTRL, "desktop.dialogs.settings", "run_settings"),
        (Qt.Key.Key_N, CTRL, "desktop.dialogs.inquiry_editor", "run_new_inquiry"),
        (Qt.Key.Key_R, CTRL, "desktop.dialogs.reply", "run_reply"),
        (Qt.Key.Key_L, CTRL, "desktop.dialogs.log_call", "run_log_call"),
        (Qt.Key.Key_K, CTRL, "desktop.dialogs.find_caller", "run_find_caller"),
    ],
)
def test_each_main_action_runs_from_its_shortcut(
    qtbot: QtBot,
    seeded: Seeded,
    monkeypatch: pytest.MonkeyPatch,
    shortcut: tuple[Qt.Key, Qt.KeyboardModifier, str, str],
) -> None:
    key, modifiers, module, function = shortcut
    target = __import__(module, fromlist=[function])
    ran: list[Any] = []
    monkeypatch.setattr(target, function, lambda window, *a, **k: ran.append(window))
    window = seeded.window
    _activate(qtbot, window)
    window.views["inquiries"].table.setFocus()
    qtbot.keyClick(window.views["inquiries"].table, key, modifiers)
    assert ran == [window]


def test_ctrl_digits_switch_views_and_ctrl_f_searches_the_view_shown(
    qtbot: QtBot, seeded: Seeded
) -> None:
    window = seeded.window
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.current_view() is window.views["contacts"]
    contacts = window.views["contacts"]
    everyone = contacts.model.rowCount()
    assert everyone > 1
    qtbot.keyClick(contacts.table, Qt.Key.Key_F, CTRL)
    assert window.search.hasFocus()
    commit(window.search, "嘉琪")  # Chinese comes from an input method
    qtbot.waitUntil(lambda: contacts.model.rowCount() == 1, timeout=3000)
    assert contacts.model.data(contacts.model.index(0, 0)).startswith("黃嘉琪")
    window.search.clear()
    qtbot.keyClicks(window.search, "6986")  # phone digits typed in the same field
    qtbot.waitUntil(lambda: contacts.model.rowCount() == 1, timeout=3000)
    window.search.clear()
    qtbot.waitUntil(lambda: contacts.model.rowCount() == everyone, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    assert window.current_view() is window.views["releases"]
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    assert window.current_view() is window.views["inquiries"]


def test_help_about_names_the_database_and_the_log(
    qtbot: QtBot, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        about.QMessageBox, "about", staticmethod(lambda parent, t, text: shown.append((t, text)))
    )
    seeded.window.actions_by_name["about"].trigger()
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "About PressDesk"
    assert seeded.database.display_name in text and "pressdesk.log" in text


@pytest.fixture
def chinese_window(qtbot: QtBot, sqlite_url: str) -> Iterator[tuple[MainWindow, Database]]:
    """The main window built after switching to zh_HK, on the seed release and inquiries."""
    assert install_translators("zh_HK")
    database = open_database(sqlite_url)
    import_bundled_release_once(database)
    seed_inquiries(database)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    yield window, database
    QThreadPool.globalInstance().waitForDone()
    install_translators("en")
    settings = QSettings()
    for group in ("mainWindow", "contacts", "inquiriesView"):
        settings.remove(group)
    database.dispose()


def _headers(model: Any) -> list[str]:
    return [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]


def test_release_columns_and_import_severities_are_chinese(
    chinese_window: tuple[MainWindow, Database],
) -> None:
    window, _ = chinese_window
    window.show_view("releases")
    headers = _headers(window.views["releases"].model)
    assert {"發布日期", "標題", "發布機構", "查詢", "未完成", "逾期", "首次回覆中位數"} <= set(
        headers
    ), headers
    assert "Title" not in headers
    assert [severity_label(s) for s in ("fixed", "warning", "error")] == ["已修正", "警告", "錯誤"]


def test_find_caller_card_and_log_call_status_are_chinese(
    qtbot: QtBot, chinese_window: tuple[MainWindow, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, database = chinese_window
    finder = FindCallerDialog(database)
    qtbot.addWidget(finder)
    finder.show()
    finder.search.edit.setFocus()
    commit(finder.search.edit, "６９８６ ５８２２")  # full-width digits from an input method
    qtbot.waitUntil(lambda: finder.contact() is not None, timeout=2000)
    card = finder.card.toPlainText()
    assert "黃嘉琪 June Wong" in card and "機構" in card and "電郵" in card
    assert "Organisation" not in card

    dialog = LogCallDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.caller.edit.setFocus()
    qtbot.keyClicks(dialog.caller.edit, "+852 6986-5822")
    qtbot.waitUntil(lambda: dialog.caller.contact() is not None, timeout=2000)
    dialog.summary.setFocus()
    commit(dialog.summary, "問記者會幾點開始")
    monkeypatch.setattr(LogCallDialog, "ask", classmethod(lambda cls, *a, **k: dialog.call_form()))
    saved = run_log_call(window)
    assert saved is not None and saved["inquiry"] is not None
    message = window.statusBar().currentMessage()
    assert message.startswith("已記錄來電（") and f"建立查詢 {saved['inquiry']['id']}" in message


def test_delete_and_undo_speak_chinese(
    qtbot: QtBot, chinese_window: tuple[MainWindow, Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _ = chinese_window
    _activate(qtbot, window)
    window.show_view("contacts")
    view = window.views["contacts"]
    monkeypatch.setattr(contacts_view, "confirm", lambda *a, **k: True)
    row = next(
        r
        for r in range(view.model.rowCount())
        if str(view.model.data(view.model.index(r, 0))).startswith("黃嘉琪")
    )
    rect = view.table.visualRect(view.model.index(row, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert window.statusBar().currentMessage() == "已刪除聯絡人 黃嘉琪 June Wong。復原：Ctrl+Z"
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert window.statusBar().currentMessage() == "已還原聯絡人 黃嘉琪 June Wong。"
    qtbot.keyClick(view.table, Qt.Key.Key_Z, CTRL)
    assert window.statusBar().currentMessage() == "沒有可復原的操作。"
    assert QApplication.translate("Undo", "Cannot undo") == "無法復原"


def test_lang_option_and_settings_show_the_language_spoken_now(qapp: QApplication) -> None:
    from cli.main import build_parser
    from desktop.dialogs.settings import current_settings
    from desktop.i18n import chosen_language, current_language

    assert build_parser().parse_args(["--lang", "zh_HK"]).lang == "zh_HK"
    assert build_parser().parse_args([]).lang is None
    try:
        install_translators("zh_HK")  # as --lang zh_HK does, without storing the choice
        assert current_language() == "zh_HK" and chosen_language() == "en"
        general, _ = current_settings()
        assert general.language == "zh_HK"  # Settings shows what the window speaks
    finally:
        install_translators("en")
    assert current_language() == "en"


def test_screenshots_wait_for_background_loads_and_have_one_size(
    qtbot: QtBot, seeded: Seeded, tmp_path: Path
) -> None:
    from desktop.app import SCREENSHOT_SIZE, take_screenshots

    seeded.window.resize(700, 500)  # a small saved geometry must not shrink the pictures
    seeded.window.show_view("releases")
    before = seeded.window.size()
    assert before.height() == 500
    saved = {p.name: p for p in take_screenshots(seeded.window, tmp_path)}
    # ...nor be replaced by the pictures' size (quitting saves it as the user's).
    assert seeded.window.size() == before
    assert seeded.window.current_view() is seeded.window.views["releases"]
    for name in ("inquiries", "contacts", "organizations", "releases", "reports"):
        image = QImage(str(saved[f"view-{name}.png"]))
        assert (image.width(), image.height()) == SCREENSHOT_SIZE
    for name in ("contact_editor", "inquiry_editor", "log_call", "find_caller"):
        assert f"dialog-{name}.png" in saved
    for name in ("release_import", "export", "reply", "settings", "about"):
        assert f"dialog-{name}.png" in saved
    reports = seeded.window.views["reports"]
    assert reports.task is None and reports.state_label.text() != "Loading…"  # loaded first
    contacts = seeded.window.views["contacts"]
    assert contacts.table.selectionModel().hasSelection()  # its card is not empty


def test_the_release_import_preview_explains_its_problems_in_chinese(
    qtbot: QtBot, sqlite_url: str
) -> None:
    from desktop.dialogs.release_import import ReleaseImportDialog
    from tests.conftest import SEED_RELEASE

    database = open_database(sqlite_url)
    try:
        assert install_translators("zh_HK")
        dialog = ReleaseImportDialog(database, SEED_RELEASE)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.start_preview()
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=20_000)
        rows = dialog.problem_model.rows()
        fixed = next(r for r in rows if r["field"] == "email")
        assert fixed["where"] == "第 218 行"
        assert fixed["message"].startswith(
            "'June.Wong@edelman.com/' 不是有效的電郵地址：結尾有 '/'"
        )
        assert fixed["message"].endswith("已匯入為 June.Wong@edelman.com。")
        guessed = [r["message"] for r in rows if r["field"] == "name_en"]
        assert "香港科技園公司 的英文簡稱是從其網址推測的，請檢查。" in guessed
        assert "溫安怡 的英文姓名是從電郵地址推斷的，請檢查。" in guessed
        assert not [m for m in guessed if "should be checked" in m]
    finally:
        install_translators("en")
        QThreadPool.globalInstance().waitForDone(20_000)
        database.dispose()


def test_a_forgotten_modal_fails_the_test_at_once(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

    dialog = QDialog()
    qtbot.addWidget(dialog)
    with pytest.raises(AssertionError, match=r"QDialog\.exec"):
        dialog.exec()
    with pytest.raises(AssertionError, match=r"QMessageBox\.warning"):
        QMessageBox.warning(dialog, "t", "x")
    with pytest.raises(AssertionError, match=r"QFileDialog\.getSaveFileName"):
        QFileDialog.getSaveFileName(dialog, "t")


def test_the_nearest_phone_regions_are_named_in_chinese(qapp: QApplication) -> None:
    from desktop.dialogs.organization_editor import RegionCombo, region_label

    assert region_label("HK") == "Hong Kong SAR China (HK) +852"
    try:
        assert install_translators("zh_HK")
        assert [region_label(r) for r in ("HK", "MO", "CN", "TW")] == [
            "香港 (HK) +852",
            "澳門 (MO) +853",
            "中國內地 (CN) +86",
            "台灣 (TW) +886",
        ]
        combo = RegionCombo()
        assert combo.itemText(0) == "香港 (HK) +852"
    finally:
        install_translators("en")
