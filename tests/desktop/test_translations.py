"""The 繁體中文（香港）catalogue: complete, faithful to its placeholders, compiled, current."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from desktop import i18n_catalog
from desktop.i18n import I18N_DIR, install_translators

CATALOGUE = I18N_DIR / "pressdesk_zh_HK.ts"
COMPILED = I18N_DIR / "pressdesk_zh_HK.qm"

# %1 %2 (and %L1), %n / %Ln, Python {field} / {0} / {field:spec}, HTML tags.
_PLACEHOLDER = re.compile(r"%L?\d+|%L?n|\{[A-Za-z_0-9.:!]*\}|</?[A-Za-z][^<>]*>")
# A mnemonic: "&" before a letter or digit, not "&&" (a literal ampersand) nor an entity.
_MNEMONIC = re.compile(r"(?<!&)&(?![&#]|[A-Za-z]+;)(?=\w)")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str | None
    numerus: bool
    kind: str | None
    translations: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.context}: {self.source!r}"


def _messages(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{name}: {message.findtext('source')!r}"
            numerus = message.get("numerus") == "yes"
            if numerus:
                texts = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                texts = (translation.text or "",)
            messages.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    message.findtext("comment"),
                    numerus,
                    translation.get("type"),
                    texts,
                )
            )
    return messages


def test_every_message_has_a_finished_translation() -> None:
    messages = _messages(CATALOGUE)
    assert len(messages) > 500
    unfinished = [str(m) for m in messages if m.kind is not None]
    empty = [
        str(m) for m in messages if not m.translations or not all(t.strip() for t in m.translations)
    ]
    assert not unfinished, f"{len(unfinished)} unfinished, e.g. {unfinished[:5]}"
    assert not empty, f"{len(empty)} empty, e.g. {empty[:5]}"


def test_chinese_has_one_numerus_form() -> None:
    wrong = [str(m) for m in _messages(CATALOGUE) if m.numerus and len(m.translations) != 1]
    assert not wrong


def test_translations_keep_every_placeholder_and_mnemonic() -> None:
    wrong = []
    for message in _messages(CATALOGUE):
        wanted = Counter(_PLACEHOLDER.findall(message.source))
        mnemonics = len(_MNEMONIC.findall(message.source))
        for text in message.translations:
            if Counter(_PLACEHOLDER.findall(text)) != wanted:
                wrong.append(f"{message} -> {text!r} (placeholders)")
            if len(_MNEMONIC.findall(text)) != mnemonics:
                wrong.append(f"{message} -> {text!r} (& mnemonic)")
    assert not wrong, "\n".join(wrong)


def test_compiled_qm_holds_every_translation_of_the_catalogue(qapp: QApplication) -> None:
    translator = QTranslator()
    assert translator.load(str(COMPILED)), f"cannot load {COMPILED}"
    stale = []
    for message in _messages(CATALOGUE):
        n = 1 if message.numerus else -1
        got = translator.translate(message.context, message.source, message.comment, n)
        if got != message.translations[0]:
            stale.append(f"{message}: .qm has {got!r}, .ts {message.translations[0]!r}")
    assert not stale, "run python -m desktop.i18n_catalog:\n" + "\n".join(stale[:20])


@pytest.mark.parametrize(
    ("context", "source", "chinese"),
    [
        ("ContactsView", "Contacts", "聯絡人"),
        ("OrganizationsView", "Organisations", "機構"),
        ("ReleasesView", "Releases", "新聞稿"),
        ("InquiriesView", "Inquiries", "查詢"),
        ("ReportsView", "Reports", "報告"),
        ("MainWindow", "&File", "檔案(&F)"),
        ("InquiriesView", "Overdue", "逾期"),
        ("ReplyDialog", "Reply by e-mail", "以電郵回覆"),
        ("ReplyDialog", "The reply could not be delivered.", "回覆未能送出。"),
        ("SmtpSettingsDialog", "Mail settings not saved", "郵件設定未能儲存"),
        ("ReplyFields", "you, from the settings", "你自己，取自設定"),
    ],
)
def test_the_application_speaks_chinese_once_installed(
    qapp: QApplication, context: str, source: str, chinese: str
) -> None:
    try:
        assert install_translators("zh_HK")
        assert QApplication.translate(context, source) == chinese
    finally:
        install_translators("en")
    assert QApplication.translate(context, source) == source


def test_qt_standard_buttons_are_chinese_in_zh_hk(qapp: QApplication) -> None:
    try:
        install_translators("zh_HK")
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
        assert ok is not None and cancel is not None
        assert (ok.text(), cancel.text()) == ("確定", "取消")
        question = QMessageBox()
        question.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        yes = question.button(QMessageBox.StandardButton.Yes)
        no = question.button(QMessageBox.StandardButton.No)
        assert yes is not None and no is not None
        assert "是" in yes.text() and "否" in no.text()
    finally:
        install_translators("en")


def test_catalogue_is_current_with_the_code(tmp_path: Path) -> None:
    if shutil.which(i18n_catalog._tool("lupdate")) is None:
        pytest.skip("pyside6-lupdate is not installed")
    copy = tmp_path / CATALOGUE.name
    shutil.copy(CATALOGUE, copy)
    i18n_catalog.update(copy)

    def keys(path: Path) -> set[tuple[str, str, str | None]]:
        return {(m.context, m.source, m.comment) for m in _messages(path)}

    new = keys(copy) - keys(CATALOGUE)
    gone = keys(CATALOGUE) - keys(copy)
    assert not new and not gone, (
        f"run python -m desktop.i18n_catalog: new {sorted(new)[:10]}, gone {sorted(gone)[:10]}"
    )
