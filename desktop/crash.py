"""A bug shows a dialog that says where the log is, instead of the window vanishing."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from services.logs import log_file_path

log = logging.getLogger("pressdesk.desktop")


def crash_message(details: str) -> tuple[str, str]:
    """The title and text of the crash dialog."""
    title = QCoreApplication.translate("crash", "PressDesk hit a bug")
    text = QCoreApplication.translate(
        "crash",
        "Something went wrong that PressDesk did not expect. Your saved data is safe: every "
        "change is saved in one piece or not at all.\n\nThe details are in the log file:\n%1\n\n"
        "Please send that file to whoever supports PressDesk.",
    ).replace("%1", str(log_file_path()))
    return title, text


def show_crash_dialog(details: str) -> None:
    """Tell the user about a bug (the traceback is already in the log)."""
    if QApplication.instance() is None:
        return
    title, text = crash_message(details)
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
    box.setDetailedText(details)
    box.exec()


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    details = "".join(traceback.format_exception(kind, value, tb))
    log.error("Unhandled exception:\n%s", details)
    show_crash_dialog(details)


def install_crash_handler() -> None:
    """Route unhandled exceptions (including those raised in Qt slots) to the dialog."""
    sys.excepthook = _excepthook
