"""Starting the desktop application (and its screenshot mode)."""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThreadPool, QTimer, Slot
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QTableView,
    QWidget,
)

from db.engine import Database, DatabaseUrlError, open_database
from db.migrate import MigrationError
from desktop.crash import install_crash_handler
from desktop.i18n import chosen_language, install_translators
from desktop.main_window import VIEWS, MainWindow
from desktop.workers import Task, collect_on_gui_thread, start
from services.audit import set_officer
from services.backup import auto_backup
from services.first_run import import_bundled_release_once
from services.problems import InputRejected
from services.settings import load_settings

log = logging.getLogger("pressdesk.desktop")

# Dialog modules photographed by --screenshot (each has ``screenshot(window) -> QWidget``).
SCREENSHOT_DIALOGS = [
    "desktop.dialogs.inquiry_editor",
    "desktop.dialogs.log_call",
    "desktop.dialogs.find_caller",
    "desktop.dialogs.contact_editor",
    "desktop.dialogs.organization_editor",
    "desktop.dialogs.release_import",
    "desktop.dialogs.release_editor",
    "desktop.dialogs.conflict",
    "desktop.dialogs.history",
    "desktop.dialogs.contact_import",
    "desktop.dialogs.export",
    "desktop.dialogs.duplicates",
    "desktop.dialogs.reply",
    "desktop.dialogs.templates",
    "desktop.dialogs.smtp_settings",
    "desktop.dialogs.settings",
    "desktop.dialogs.about",
]


def make_application() -> QApplication:
    """The QApplication, named so QSettings and the log land in the right places."""
    existing = QApplication.instance()
    if not isinstance(existing, QApplication):
        # What is loaded by now (Qt, SQLAlchemy, every module) lives as long as the app:
        # take it out of the garbage collector's full passes, which otherwise walk it all
        # (~140 ms, landing on a keystroke now and then).
        gc.freeze()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    collect_on_gui_thread(app)
    app.setApplicationName("PressDesk")
    app.setOrganizationName("PressDesk")
    app.setApplicationDisplayName("PressDesk")
    return app


class WindowHost(QObject):
    """Owns the main window and rebuilds it when the interface language changes."""

    def __init__(self, database: Database) -> None:
        super().__init__()
        self.database = database
        self.window = self._new_window()

    def _new_window(self) -> MainWindow:
        window = MainWindow(self.database)
        window.language_change_requested.connect(self.on_language_changed)
        return window

    @Slot(str)
    def on_language_changed(self, _language: str) -> None:
        """Rebuild the window so every string is in the new language, keeping the view."""
        old = self.window
        current = old.stack.currentIndex()
        self.window = self._new_window()
        self.window.show_view(VIEWS[current][0])
        self.window.setGeometry(old.geometry())
        self.window.show()
        old.close()
        old.deleteLater()


# The size of the main window in screenshots, whatever geometry the user's settings hold
# (on the offscreen platform a restored geometry is squeezed to its 800 × 600 screen).
SCREENSHOT_SIZE = (1280, 760)
SCREENSHOT_SIDEBAR = 170
# Views whose detail panel stays empty until a row is picked: shown with the first picked.
SCREENSHOT_FIRST_ROW_PICKED = ("contacts", "organizations")


def _settle(app: QCoreApplication) -> None:
    """Let background loads (reports, counts) finish and their results reach the widgets."""
    pool = QThreadPool.globalInstance()
    for _ in range(10):
        app.processEvents()
        if not pool.waitForDone(10_000):
            log.warning("Screenshot taken while background work is still running")
            return
        app.processEvents()
        if pool.activeThreadCount() == 0:
            return


def take_screenshots(window: MainWindow, target: Path) -> list[Path]:
    """Save a PNG of each main view and each main dialog into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    app = QApplication.instance()
    assert app is not None
    # The window is put back as it was after: quitting saves its geometry as the user's.
    geometry, shown = window.saveGeometry(), window.stack.currentIndex()
    window.resize(*SCREENSHOT_SIZE)
    splitter = window.sidebar.parent()
    sidebar = splitter.saveState() if isinstance(splitter, QSplitter) else None
    if isinstance(splitter, QSplitter):
        splitter.setSizes([SCREENSHOT_SIDEBAR, SCREENSHOT_SIZE[0] - SCREENSHOT_SIDEBAR])
    for name, _, _ in VIEWS:
        window.show_view(name)
        _settle(app)
        table = getattr(window.views[name], "table", None)
        if name in SCREENSHOT_FIRST_ROW_PICKED and isinstance(table, QTableView):
            table.selectRow(0)
            _settle(app)
        path = target / f"view-{name}.png"
        window.grab().save(str(path))
        saved.append(path)
    window.show_view(VIEWS[shown][0])
    window.restoreGeometry(geometry)
    if isinstance(splitter, QSplitter) and sidebar is not None:
        splitter.restoreState(sidebar)
    for module_name in SCREENSHOT_DIALOGS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        shoot = getattr(module, "screenshot", None)
        if shoot is None:
            continue
        widget: QWidget = shoot(window)
        _settle(app)
        path = target / f"dialog-{module_name.rsplit('.', 1)[-1]}.png"
        widget.grab().save(str(path))
        saved.append(path)
        widget.close()
    return saved


def open_database_showing_upgrade(db_value: str | None) -> Database:
    """Open the database; while an older schema is upgraded, say so in a busy dialog.

    An upgrade can take a while before the main window shows (migration 0008 rebuilds the
    search index: ~2.5 s at 100 000 contacts, ~25 s at a million), and without a word the
    program looked as if it had not started. The upgrade runs on a thread of its own while
    the dialog's busy bar turns; a new, empty database is created without it (instant).

    Raises:
        DatabaseUrlError, MigrationError: as :func:`db.engine.open_database`.
    """
    return open_database(db_value, upgrading=_upgrade_showing_progress)


def _upgrade_showing_progress(upgrade: Callable[[], None]) -> None:
    dialog = QProgressDialog(
        QCoreApplication.translate(
            "app",
            "Upgrading the database for this version of PressDesk…\n"
            "A large roster can take a minute. If the upgrade fails, the database "
            "stays as it was.",
        ),
        "",
        0,
        0,
    )
    dialog.setWindowTitle(QCoreApplication.translate("app", "PressDesk"))
    dialog.setCancelButton(None)  # an upgrade is one transaction: it finishes or rolls back
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.show()
    failures: list[BaseException] = []

    def run() -> None:
        try:
            upgrade()
        except BaseException as exc:  # raised again on the GUI thread
            failures.append(exc)

    thread = threading.Thread(target=run, name="schema-upgrade", daemon=True)
    waiting = QEventLoop()

    def finished_yet() -> None:
        if not thread.is_alive():
            waiting.quit()

    polling = QTimer()
    polling.timeout.connect(finished_yet)
    thread.start()
    polling.start(50)
    if thread.is_alive():
        waiting.exec()
    polling.stop()
    thread.join()
    dialog.close()
    dialog.deleteLater()
    if failures:
        raise failures[0]


def run_gui(
    db_value: str | None, *, screenshot_dir: str | None = None, language: str | None = None
) -> int:
    """Open the database, show the main window, and run until the user quits.

    ``language`` ("en", "zh_HK") overrides the one chosen in Settings for this run only.
    """
    app = make_application()
    install_translators(language or chosen_language())
    install_crash_handler()
    try:
        database = open_database_showing_upgrade(db_value)
    except (DatabaseUrlError, MigrationError) as exc:
        log.error("Cannot open the database: %s", exc)
        if screenshot_dir is None:
            QMessageBox.critical(
                None, QCoreApplication.translate("app", "PressDesk cannot start"), str(exc)
            )
        return 1
    try:
        import_bundled_release_once(database)
    except InputRejected as exc:
        log.warning("The bundled release could not be imported: %s", exc.message)
    try:
        set_officer(database, load_settings().officer_name)
    except InputRejected as exc:
        log.warning("Settings could not be read: %s", exc.message)
    if database.is_sqlite and screenshot_dir is None:
        # A rotating backup on start (at most one a day), off the GUI thread.
        start(Task(lambda _progress: auto_backup(database)))
    host = WindowHost(database)
    host.window.show()
    if screenshot_dir is not None:

        def _shoot() -> None:
            take_screenshots(host.window, Path(screenshot_dir))
            app.quit()

        QTimer.singleShot(300, _shoot)
    code = app.exec()
    database.dispose()
    return int(code)
