"""GUI tests never open a blocking modal: each call that would wait for a user fails at once.

A modal ``exec()`` offscreen waits forever (FIELD-NOTES.md); tests replace a dialog's
``ask()`` or patch the static they expect instead. Patching here first means a test
that forgets fails with the name of what it opened, not after the five-minute timeout.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMenu, QMessageBox

from desktop.workers import collect_on_gui_thread

_BLOCKING = [
    (QDialog, "exec"),
    (QMessageBox, "exec"),
    (QMenu, "exec"),
    *((QMessageBox, name) for name in ("about", "critical", "information", "question", "warning")),
    *(
        (QFileDialog, name)
        for name in (
            "getOpenFileName",
            "getOpenFileNames",
            "getSaveFileName",
            "getExistingDirectory",
        )
    ),
    *((QInputDialog, name) for name in ("getText", "getInt", "getDouble", "getItem")),
]


def _refuse(where: str) -> Any:
    def opened(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError(
            f"the test opened a blocking modal ({where}); replace the dialog's ask() "
            "or patch the static it calls"
        )

    return opened


@pytest.fixture(autouse=True)
def _no_blocking_modal(monkeypatch: pytest.MonkeyPatch) -> None:
    for owner, name in _BLOCKING:
        where = f"{owner.__name__}.{name}"
        replacement = _refuse(where)
        monkeypatch.setattr(
            owner, name, replacement if name == "exec" else staticmethod(replacement)
        )


@pytest.fixture(scope="package", autouse=True)
def _collect_on_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As the app does (desktop.app.make_application): cycles are freed on the GUI thread."""
    collector = collect_on_gui_thread(qapp)
    yield
    collector.stop()
