"""The main window: the roster, a search field, and the database in the status bar."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from desktop.contact_table import ContactTableModel


class MainWindow(QMainWindow):
    """The window press officers work in."""

    def __init__(self, database: Database) -> None:
        super().__init__()
        self._database = database
        self.setWindowTitle(self.tr("PressDesk"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Search names (中文 / English), organisation, e-mail or phone digits")
        )
        self.search.setClearButtonEnabled(True)
        self.contacts = ContactTableModel(database, self)
        self.table = QTableView()
        self.table.setModel(self.contacts)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.count_label = QLabel()
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(QLabel(database.display_name))
        self._connect_signals()
        self.contacts.set_query("")
        self.table.resizeColumnsToContents()
        self.resize(1100, 600)

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self.on_search_changed)
        self.contacts.modelReset.connect(self.update_count)
        self.contacts.rowsInserted.connect(self.update_count)

    @Slot(str)
    def on_search_changed(self, text: str) -> None:
        """Filter the roster as the user types."""
        self.contacts.set_query(text)

    @Slot()
    def update_count(self) -> None:
        """Show how many contacts are listed (and whether more are loading)."""
        shown = self.contacts.rowCount()
        more = "+" if self.contacts.canFetchMore(self.contacts.index(-1, -1)) else ""
        self.count_label.setText(self.tr("%n contact(s)", "", shown) + more)
