"""The template manager: a live preview for a real inquiry, create / edit / delete / reset,
an unfillable field named before the template is used, a colleague's change shown as a
conflict with the officer's text kept."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from db.engine import Database, open_database
from db.models import InquiryChannel
from desktop.dialogs import templates as templates_module
from desktop.dialogs.reply import demo_settings
from desktop.dialogs.templates import TemplatesDialog
from desktop.i18n import install_translators
from desktop.main_window import MainWindow
from services.inquiries import InquiryCreate, add_inquiry
from services.release_import import import_release_file
from services.replies import FIELDS_CONTEXT, REPLY_FIELDS
from services.roster import list_releases
from services.templates import (
    ensure_default_templates,
    find_template,
    get_template,
    update_template,
)
from tests.conftest import SEED_RELEASE


@dataclass
class Seeded:
    database: Database
    inquiry_id: int


@pytest.fixture
def seeded(sqlite_url: str) -> Iterator[Seeded]:
    database = open_database(sqlite_url)
    import_release_file(database, SEED_RELEASE)
    ensure_default_templates(database)
    (release,) = list_releases(database)
    inquiry = add_inquiry(
        database,
        InquiryCreate(
            release_id=release["id"],
            journalist="陳大文",
            outlet="明報",
            channel=InquiryChannel.EMAIL,
            question="研發中心會招聘多少人？",
            email="david.chan@mingpao.com",
        ),
    )
    yield Seeded(database, inquiry["id"])
    database.dispose()


@pytest.fixture
def confirmed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirm() question, answered yes."""
    asked: list[str] = []

    def yes(_parent: Any, _title: str, text: str, **_kw: Any) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(templates_module, "confirm", yes)
    return asked


def _dialog(qtbot: QtBot, seeded: Seeded) -> TemplatesDialog:
    dialog = TemplatesDialog(seeded.database, settings=demo_settings())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type_chinese(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_the_preview_fills_the_template_for_the_newest_inquiry(
    qtbot: QtBot, seeded: Seeded
) -> None:
    dialog = _dialog(qtbot, seeded)
    assert dialog.sample_inquiry_id == seeded.inquiry_id
    assert dialog.select("answer", "zh-HK")
    preview = dialog.preview.toPlainText()
    assert preview.startswith("From: 溫安怡 Angela Wan <angela.wan@hkstp.org>")
    assert "To: 陳大文 <david.chan@mingpao.com>" in preview
    assert "香港科技園公司與地平線簽署合作備忘錄" in preview
    assert not dialog.preview_error.isVisible()


def test_an_unfillable_edit_names_the_field_in_the_preview(
    qtbot: QtBot, seeded: Seeded, confirmed: list[str]
) -> None:
    dialog = _dialog(qtbot, seeded)
    assert dialog.select("acknowledgement", "en")
    dialog.body.moveCursor(dialog.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(dialog.body, "Fax: {{ outlet.fax_number }}")
    qtbot.waitUntil(dialog.preview_error.isVisible, timeout=3_000)
    assert "outlet.fax_number" in dialog.preview_error.text()
    assert dialog.preview.toPlainText() == ""


def test_create_edit_reset_and_delete(qtbot: QtBot, seeded: Seeded, confirmed: list[str]) -> None:
    dialog = _dialog(qtbot, seeded)
    dialog.on_new()
    qtbot.keyClicks(dialog.name, "thanks")
    dialog.language.setCurrentIndex(dialog.language.findData("zh-HK"))
    _type_chinese(dialog.subject, "多謝查詢")
    _type_chinese(dialog.body, "{{ journalist.addressee }}：多謝你的查詢。")
    dialog.update_preview()
    assert "陳大文：多謝你的查詢。" in dialog.preview.toPlainText()
    dialog.save_button.click()
    created = find_template(seeded.database, "thanks", "zh-HK")
    assert created is not None and created["subject"] == "多謝查詢"
    assert dialog.loaded is not None and dialog.loaded["id"] == created["id"]
    assert any("(your own)" in dialog.list.item(r).text() for r in range(dialog.list.count()))

    # Edit a shipped template, then reset it.
    assert dialog.select("decline", "en")
    original = dialog.subject.text()
    dialog.subject.setText("No comment, sorry")
    dialog.save_button.click()
    decline = find_template(seeded.database, "decline", "en")
    assert decline is not None and decline["subject"] == "No comment, sorry"
    assert decline["is_modified"] and dialog.reset_button.isEnabled()
    dialog.reset_button.click()
    decline = find_template(seeded.database, "decline", "en")
    assert decline is not None and decline["subject"] == original

    # Delete the new one.
    assert dialog.select("thanks", "zh-HK")
    dialog.delete_button.click()
    assert find_template(seeded.database, "thanks", "zh-HK") is None
    assert dialog.changed
    assert len(confirmed) == 2  # reset and delete were both confirmed


def test_a_colleagues_change_is_a_conflict_and_the_text_is_kept(
    qtbot: QtBot, seeded: Seeded, confirmed: list[str]
) -> None:
    dialog = _dialog(qtbot, seeded)
    assert dialog.select("follow_up", "en")
    assert dialog.loaded is not None
    template = get_template(seeded.database, dialog.loaded["id"])
    update_template(  # a colleague saves first
        seeded.database,
        template["id"],
        {**template, "subject": "Colleague's subject"},
        expected_version=template["version"],
    )
    dialog.subject.setText("My subject")
    dialog.save_button.click()
    assert dialog.banner.isVisible() and "changed" in dialog.banner.text()
    assert dialog.reload_button.isVisible()
    assert dialog.subject.text() == "My subject"  # nothing lost
    stored = get_template(seeded.database, template["id"])
    assert stored["subject"] == "Colleague's subject"

    dialog.reload_button.click()
    assert dialog.subject.text() == "Colleague's subject"
    assert not dialog.banner.isVisible()


def test_an_invalid_template_is_not_saved(
    qtbot: QtBot, seeded: Seeded, confirmed: list[str]
) -> None:
    dialog = _dialog(qtbot, seeded)
    dialog.on_new()
    qtbot.keyClicks(dialog.name, "broken")
    qtbot.keyClicks(dialog.subject, "Hello")
    qtbot.keyClicks(dialog.body, "{% if %}")
    dialog.save_button.click()
    assert dialog.banner.isVisible() and "Not saved" in dialog.banner.text()
    assert find_template(seeded.database, "broken", "zh-HK") is None


def test_the_fields_help_speaks_the_interface_language(qtbot: QtBot, seeded: Seeded) -> None:
    try:
        assert install_translators("zh_HK")
        dialog = _dialog(qtbot, seeded)
        help_text = dialog.edit_tabs.widget(2)
        assert isinstance(help_text, QPlainTextEdit)
        text = help_text.toPlainText()
        untranslated = [
            m for m in REPLY_FIELDS.values() if QApplication.translate(FIELDS_CONTEXT, m) == m
        ]
    finally:
        install_translators("en")
    assert not untranslated
    assert dialog.edit_tabs.tabText(2) == "可用欄位"
    assert "{{ sender.name / .title / .organization / .phone / .email / .signature }}" in text
    assert "你自己，取自設定" in text and "you, from the settings" not in text


def test_screenshot(qtbot: QtBot, sqlite_url: str, tmp_path: Path) -> None:
    database = open_database(sqlite_url)
    window = MainWindow(database)
    qtbot.addWidget(window)
    widget = templates_module.screenshot(window)
    qtbot.addWidget(widget)
    assert isinstance(widget, TemplatesDialog)
    assert widget.loaded is not None and widget.loaded["name"] == "answer"
    assert "From:" in widget.preview.toPlainText()
    assert widget.grab().save(str(tmp_path / "templates.png"))
    database.dispose()
