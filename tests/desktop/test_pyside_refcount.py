"""Guards the PySide6 pin: 6.12.0 on CPython 3.11 leaks references to None until it aborts."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    fired = Signal(int)


def test_void_calls_and_emits_do_not_drop_references_to_none(qtbot: QtBot) -> None:
    edit = QLineEdit()
    qtbot.addWidget(edit)
    emitter = _Emitter()
    received: list[int] = []
    emitter.fired.connect(received.append)
    before_none = sys.getrefcount(None)
    before_true = sys.getrefcount(True)
    for i in range(20_000):
        edit.setText(str(i))
        edit.resize(100 + i % 7, 20)
        emitter.fired.emit(i)
    # A healthy binding keeps these steady (give or take a few temporaries); the broken one
    # loses one reference per call, i.e. tens of thousands here.
    assert sys.getrefcount(None) - before_none > -1000
    assert sys.getrefcount(True) - before_true > -1000
    assert len(received) == 20_000
