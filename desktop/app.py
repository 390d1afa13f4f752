"""Starting the desktop application."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from db.engine import DatabaseUrlError, open_database
from db.migrate import MigrationError
from services.first_run import import_bundled_release_once
from services.problems import InputRejected

log = logging.getLogger("pressdesk.desktop")


def run_gui(db_value: str | None, *, screenshot_dir: str | None = None) -> int:
    """Open the database, show the main window, and run until the user quits."""
    from desktop.main_window import MainWindow  # noqa: PLC0415

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("PressDesk")
    app.setOrganizationName("PressDesk")
    try:
        database = open_database(db_value)
    except (DatabaseUrlError, MigrationError) as exc:
        if screenshot_dir is None:
            QMessageBox.critical(None, "PressDesk", str(exc))
        log.error("Cannot open the database: %s", exc)
        return 1
    try:
        import_bundled_release_once(database)
    except InputRejected as exc:
        log.warning("The bundled release could not be imported: %s", exc.message)
    window = MainWindow(database)
    window.show()
    if screenshot_dir is not None:
        target = Path(screenshot_dir)
        target.mkdir(parents=True, exist_ok=True)

        def _shoot() -> None:
            window.grab().save(str(target / "main-window.png"))
            app.quit()

        QTimer.singleShot(300, _shoot)
    code = app.exec()
    database.dispose()
    return int(code)
