"""The inline validation messages of the phone and e-mail fields speak the chosen language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.i18n import install_translators
from desktop.widgets.email_field import EmailField
from desktop.widgets.phone_field import PhoneField


@pytest.fixture
def zh_hk(qapp: QApplication) -> Iterator[None]:
    assert install_translators("zh_HK")
    yield
    install_translators("en")


def test_an_invalid_phone_is_explained_in_chinese_and_the_fix_is_one_click(
    qtbot: QtBot, zh_hk: None
) -> None:
    field = PhoneField()
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field.edit, "0085269865822")
    assert not field.is_valid()
    text = field.message.text()
    assert "看來是用來代替「+」的國際冠碼" in text, text
    assert "international prefix" not in text
    assert field.suggestion_button.text() == "使用 +852 6986 5822"
    qtbot.mouseClick(field.suggestion_button, Qt.MouseButton.LeftButton)
    assert field.is_valid()
    assert field.value() == "+85269865822"


def test_a_beijing_landline_written_at_home_is_explained_in_chinese(
    qtbot: QtBot, zh_hk: None
) -> None:
    field = PhoneField()
    qtbot.addWidget(field)
    field.show()
    field.setText("010-6512 3456")
    assert not field.is_valid()
    text = field.message.text()
    assert "看來是連區號但缺少 +86 的內地號碼" in text, text
    assert field.suggestion_button.text() == "使用 +86 10 6512 3456"
    qtbot.mouseClick(field.suggestion_button, Qt.MouseButton.LeftButton)
    assert field.value() == "+861065123456"


def test_a_short_phone_says_how_many_digits_in_chinese(qtbot: QtBot, zh_hk: None) -> None:
    field = PhoneField()
    qtbot.addWidget(field)
    field.setText("6986582")
    assert field.message.text() == (
        "電話號碼無效：'6986582' 作為 HK 號碼太短（7 位數字，HK 號碼應有 8 位）。"
    )


def test_an_invalid_email_is_explained_in_chinese_and_the_fix_is_one_click(
    qtbot: QtBot, zh_hk: None
) -> None:
    field = EmailField()
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field.edit, "june.wong@edelman.com/")
    assert not field.is_valid()
    assert field.message.text() == (
        "'june.wong@edelman.com/' 不是有效的電郵地址：結尾有 '/'。"
        "你是否想輸入 june.wong@edelman.com？"
    )
    qtbot.mouseClick(field.suggestion_button, Qt.MouseButton.LeftButton)
    assert field.is_valid()
    assert field.value() == "june.wong@edelman.com"


def test_the_same_fields_speak_english_after_switching_back(qtbot: QtBot) -> None:
    field = EmailField()
    qtbot.addWidget(field)
    field.setText("june.wong@gmial.com")
    assert "looks like a misspelling of 'gmail.com'" in field.message.text()
