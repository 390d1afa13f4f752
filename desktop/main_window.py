"""The main window: a sidebar of views, one search field for the current view, menus.

Views live in ``desktop/views`` and dialogs in ``desktop/dialogs``; this module only lays
them out, owns the actions and their shortcuts, and routes the search text. Dialog modules
are imported when first used, so start-up stays quick.

A timer asks a :class:`~services.changes.ChangeWatcher` twice a second whether anyone
(a colleague's window, the command line, this window) committed; if so the view on screen
refreshes in place, keeping its selection and scroll position, and the others when shown.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from db.engine import Database
from desktop.views.base import View
from services.changes import ChangeWatcher

# (object name, module, class) of each view, in sidebar order; the first is the default.
VIEWS: list[tuple[str, str, str]] = [
    ("inquiries", "desktop.views.inquiries", "InquiriesView"),
    ("contacts", "desktop.views.contacts", "ContactsView"),
    ("organizations", "desktop.views.organizations", "OrganizationsView"),
    ("releases", "desktop.views.releases", "ReleasesView"),
    ("reports", "desktop.views.reports", "ReportsView"),
]
SEARCH_DELAY_MS = 120
# How often to ask whether a colleague changed the data: well within the two seconds
# promised, and a poll costs microseconds (a PRAGMA, or a non-blocking socket read).
LIVE_POLL_MS = 500


class MainWindow(QMainWindow):
    """The window press officers work in all day."""

    #: Emitted when the user picks another interface language in Settings.
    language_change_requested = Signal(str)

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("PressDesk"))
        self.views: dict[str, View] = {}
        self.actions_by_name: dict[str, QAction] = {}
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self.change_watcher: ChangeWatcher | None = ChangeWatcher(database)
        self._live_timer = QTimer(self)
        self._live_timer.setInterval(LIVE_POLL_MS)
        # Views changed by a colleague while not on screen: refreshed when next shown.
        self._stale_views: set[str] = set()
        self._build_views()
        self._build_toolbar()
        self._build_actions()
        self._build_status_bar()
        self._connect_signals()
        self._restore_state()
        self._live_timer.start()

    # --- construction ------------------------------------------------------------------------

    def _build_views(self) -> None:
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setMaximumWidth(190)
        self.stack = QStackedWidget()
        for name, module, cls in VIEWS:
            view_class = getattr(importlib.import_module(module), cls)
            view: View = view_class(self.database, self)
            view.setObjectName(f"{name}View")
            self.views[name] = view
            self.stack.addWidget(view)
            item = QListWidgetItem(view.title())
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.sidebar.addItem(item)
        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([170, 1000])
        self.setCentralWidget(splitter)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Search"))
        toolbar.setObjectName("searchToolbar")
        toolbar.setMovable(False)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Search: name (中文 / English), organisation, e-mail or phone digits  (Ctrl+F)")
        )
        toolbar.addWidget(self.search)
        self.addToolBar(toolbar)

    def _action(
        self,
        name: str,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        file_menu.addAction(
            self._action(
                "importRelease", self.tr("Import &release…"), self.import_release, "Ctrl+I"
            )
        )
        file_menu.addAction(
            self._action(
                "importContacts", self.tr("Import &contacts…"), self.import_contacts, "Ctrl+Shift+I"
            )
        )
        file_menu.addAction(
            self._action(
                "export", self.tr("&Export contact sheet…"), self.export_contacts, "Ctrl+E"
            )
        )
        file_menu.addSeparator()
        file_menu.addAction(
            self._action("settings", self.tr("&Settings…"), self.open_settings, "Ctrl+,")
        )
        file_menu.addAction(
            self._action("smtpSettings", self.tr("&Mail server…"), self.open_smtp_settings)
        )
        file_menu.addSeparator()
        file_menu.addAction(
            self._action("quit", self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        )

        edit_menu = menu.addMenu(self.tr("&Edit"))
        edit_menu.addAction(
            self._action(
                "undoDelete",
                self.tr("&Undo delete"),
                self.undo_delete,
                QKeySequence.StandardKey.Undo,
            )
        )
        edit_menu.addAction(
            self._action("find", self.tr("&Find"), self.focus_search, QKeySequence.StandardKey.Find)
        )
        edit_menu.addAction(
            self._action("findDuplicates", self.tr("Find &duplicates…"), self.find_duplicates)
        )

        inquiry_menu = menu.addMenu(self.tr("&Inquiries"))
        inquiry_menu.addAction(
            self._action(
                "newInquiry",
                self.tr("&New inquiry…"),
                self.new_inquiry,
                QKeySequence.StandardKey.New,
            )
        )
        inquiry_menu.addAction(
            self._action("logCall", self.tr("&Log a call…"), self.log_call, "Ctrl+L")
        )
        inquiry_menu.addAction(
            self._action("findCaller", self.tr("&Find caller…"), self.find_caller, "Ctrl+K")
        )
        inquiry_menu.addAction(
            self._action("reply", self.tr("&Reply by e-mail…"), self.reply, "Ctrl+R")
        )
        inquiry_menu.addAction(
            self._action("replyTemplates", self.tr("Reply &templates…"), self.reply_templates)
        )

        view_menu = menu.addMenu(self.tr("&View"))
        for number, (name, _, _) in enumerate(VIEWS, start=1):
            view_menu.addAction(
                self._action(
                    f"show_{name}",
                    self.views[name].title(),
                    partial(self.show_view, name),
                    f"Ctrl+{number}",
                )
            )
        view_menu.addSeparator()
        view_menu.addAction(
            self._action(
                "refresh", self.tr("&Refresh"), self.refresh_all, QKeySequence.StandardKey.Refresh
            )
        )

        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action("about", self.tr("&About PressDesk"), self.about))

    def _build_status_bar(self) -> None:
        self.status_label = QLabel()
        self.status_label.setObjectName("viewStatus")
        self.statusBar().addWidget(self.status_label, 1)
        database_label = QLabel(self.tr("Database: %1").replace("%1", self.database.display_name))
        database_label.setObjectName("databaseLabel")
        self.statusBar().addPermanentWidget(database_label)

    def _connect_signals(self) -> None:
        self.sidebar.currentRowChanged.connect(self.on_sidebar_row)
        self.search.textChanged.connect(self.on_search_edited)
        self._search_timer.timeout.connect(self.apply_search)
        self._live_timer.timeout.connect(self.check_for_changes)
        for view in self.views.values():
            view.status_changed.connect(self.update_status)
            view.data_changed.connect(self.on_data_changed)

    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("mainWindow/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        last = settings.value("mainWindow/view", VIEWS[0][0])
        self.show_view(last if isinstance(last, str) and last in self.views else VIEWS[0][0])

    # --- behaviour ---------------------------------------------------------------------------

    def current_view(self) -> View:
        """The view on screen."""
        widget = self.stack.currentWidget()
        assert isinstance(widget, View)
        return widget

    def show_view(self, name: str) -> None:
        """Switch to the named view."""
        index = list(self.views).index(name)
        self.sidebar.setCurrentRow(index)

    @Slot(int)
    def on_sidebar_row(self, row: int) -> None:
        """Show the view picked in the sidebar, filtered by the current search."""
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        view = self.current_view()
        if self.search.text():
            view.apply_search(self.search.text())
        name = VIEWS[row][0]
        if name in self._stale_views:
            self._stale_views.discard(name)
            view.refresh_live()
        self.update_status()

    @Slot(str)
    def on_search_edited(self, _text: str) -> None:
        """Filter after a short pause in typing (not on every keystroke of a fast typist)."""
        self._search_timer.start()

    @Slot()
    def apply_search(self) -> None:
        """Filter the current view now."""
        self._search_timer.stop()
        self.current_view().apply_search(self.search.text())
        self.update_status()

    @Slot()
    def update_status(self) -> None:
        """Show the current view's counts."""
        self.status_label.setText(self.current_view().status_text())

    @Slot(str)
    def on_data_changed(self, what: str) -> None:
        """Another view changed data: refresh the views that show it."""
        sender = self.sender()
        for view in self.views.values():
            if view is not sender:
                view.refresh()

    @Slot()
    def check_for_changes(self) -> None:
        """Someone committed since the last check: show it, keeping the user's place.

        Only the view on screen refreshes now; the others when next shown. This window's
        own saves are seen here too: the refresh in place then changes nothing visible.
        """
        if self.change_watcher is None or not self.change_watcher.poll():
            return
        current = VIEWS[self.stack.currentIndex()][0]
        self._stale_views = set(self.views) - {current}
        self.views[current].refresh_live()
        self.update_status()

    @Slot()
    def refresh_all(self) -> None:
        """Reload every view."""
        for view in self.views.values():
            view.refresh()
        self.update_status()

    @Slot()
    def focus_search(self) -> None:
        """Put the cursor in the search field."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _open(self, module: str, function: str) -> None:
        getattr(importlib.import_module(module), function)(self)

    @Slot()
    def import_release(self) -> None:
        """File → Import release…: preview, then write."""
        self._open("desktop.dialogs.release_import", "run_release_import")

    @Slot()
    def import_contacts(self) -> None:
        """File → Import contacts…"""
        self._open("desktop.dialogs.contact_import", "run_contact_import")

    @Slot()
    def export_contacts(self) -> None:
        """File → Export contact sheet…"""
        self._open("desktop.dialogs.export", "run_export")

    @Slot()
    def open_settings(self) -> None:
        """File → Settings…"""
        self._open("desktop.dialogs.settings", "run_settings")

    @Slot()
    def undo_delete(self) -> None:
        """Edit → Undo delete: bring back what was deleted last."""
        self._open("desktop.undo", "undo_last_delete")

    @Slot()
    def find_duplicates(self) -> None:
        """Edit → Find duplicates…"""
        self._open("desktop.dialogs.duplicates", "run_find_duplicates")

    @Slot()
    def new_inquiry(self) -> None:
        """Inquiries → New inquiry…"""
        self._open("desktop.dialogs.inquiry_editor", "run_new_inquiry")

    @Slot()
    def log_call(self) -> None:
        """Inquiries → Log a call… (Ctrl+L, from anywhere)."""
        self._open("desktop.dialogs.log_call", "run_log_call")

    @Slot()
    def find_caller(self) -> None:
        """Inquiries → Find caller… (Ctrl+K)."""
        self._open("desktop.dialogs.find_caller", "run_find_caller")

    @Slot()
    def reply(self) -> None:
        """Inquiries → Reply by e-mail… to the selected inquiry."""
        self._open("desktop.dialogs.reply", "run_reply")

    @Slot()
    def reply_templates(self) -> None:
        """Inquiries → Reply templates…"""
        self._open("desktop.dialogs.templates", "run_templates")

    @Slot()
    def open_smtp_settings(self) -> None:
        """File → Mail server…"""
        self._open("desktop.dialogs.smtp_settings", "run_smtp_settings")

    @Slot()
    def about(self) -> None:
        """Help → About."""
        self._open("desktop.dialogs.about", "run_about")

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/view", VIEWS[self.stack.currentIndex()][0])
        self._live_timer.stop()
        if self.change_watcher is not None:
            self.change_watcher.close()
            self.change_watcher = None
        super().closeEvent(event)
