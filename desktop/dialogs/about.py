"""Help → About PressDesk."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

import PySide6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.main_window import MainWindow
from services.logs import log_file_path


def _version() -> str:
    try:
        return version("pressdesk")
    except PackageNotFoundError:
        return "development"


def about_text(window: MainWindow) -> str:
    """The About box text: what this is, versions, where the data and the log are."""
    return (
        QCoreApplication.translate(
            "window",
            "<h3>PressDesk %1</h3>"
            "<p>Press contacts and media inquiries, in 繁體中文 and English.</p>"
            "<p>Database: %2<br>Log file: %3</p>"
            "<p>Python %4 · Qt for Python %5</p>",
        )
        .replace("%1", _version())
        .replace("%2", window.database.display_name)
        .replace("%3", str(log_file_path()))
        .replace("%4", platform.python_version())
        .replace("%5", PySide6.__version__)
    )


def run_about(window: MainWindow) -> None:
    """Show the About box."""
    QMessageBox.about(
        window, QCoreApplication.translate("window", "About PressDesk"), about_text(window)
    )


def screenshot(window: MainWindow) -> QWidget:
    """The About box, built but not run."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("window", "About PressDesk"),
        about_text(window),
        parent=window,
    )
    box.show()
    return box
