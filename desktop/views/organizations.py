"""The organisations view: every issuer, agency, outlet and bureau, with its contacts.

The list (a page at a time, with each organisation's contact count) sits above the
contacts of the organisation selected; double-click or Enter edits it, and "Show in
Contacts" opens the roster filtered on it. Deletes are soft and undoable (Ctrl+Z).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from desktop.confirm import confirm, warn
from desktop.dialogs.organization_editor import kind_label, region_label
from desktop.lazy_table import Column, LazyTableModel, Row
from desktop.undo import remember_delete
from desktop.views.base import View, refresh_in_place
from desktop.views.contacts import contact_columns
from services.contacts import delete_organization, list_contacts, list_organizations
from services.problems import InputRejected


class OrganizationsView(View):
    """Organisations and the people in them."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        self._query = ""
        self._selected_id: int | None = None
        columns = [
            Column("label", self.tr("Name"), lambda o: o["label"]),
            Column("kind", self.tr("Kind"), lambda o: kind_label(o["kind"])),
            Column(
                "contact_count",
                self.tr("Contacts"),
                lambda o: o["contact_count"],
                alignment=Qt.AlignmentFlag.AlignRight,
            ),
            Column(
                "phone_region", self.tr("Phone region"), lambda o: region_label(o["phone_region"])
            ),
            Column("website", self.tr("Website"), lambda o: o["website"] or ""),
        ]
        # Each row counts its contacts (from an index): a page just over a screenful.
        self.model = LazyTableModel(columns, self._fetch, self, page=100)
        self.contacts_model = LazyTableModel(contact_columns(self), self._fetch_contacts, self)
        self._build()
        self._build_actions()
        self._connect_signals()
        self.model.reload()

    def _build(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("organizationsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((320, 110, 80, 240)):
            self.table.setColumnWidth(column, width)
        self.contacts_label = QLabel()
        self.contacts_label.setObjectName("organizationContactsLabel")
        self.contacts_table = QTableView()
        self.contacts_table.setObjectName("organizationContactsTable")
        self.contacts_table.setModel(self.contacts_model)
        self.contacts_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.contacts_table.setAlternatingRowColors(True)
        self.contacts_table.verticalHeader().setVisible(False)
        self.contacts_table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((220, 200, 200, 220)):
            self.contacts_table.setColumnWidth(column, width)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.addWidget(self.contacts_label)
        lower_layout.addWidget(self.contacts_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([400, 300])
        self.toolbar = QToolBar(self.tr("Organisations"))
        self.toolbar.setObjectName("organizationsToolbar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)

    def _build_actions(self) -> None:
        def action(name: str, text: str, shortcut: QKeySequence | None = None) -> QAction:
            act = QAction(text, self)
            act.setObjectName(name)
            if shortcut is not None:
                act.setShortcut(shortcut)
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
            self.toolbar.addAction(act)
            self.table.addAction(act)
            return act

        self.new_action = action(
            "newOrganization", self.tr("New organisation…"), QKeySequence("Ctrl+Shift+N")
        )
        self.edit_action = action("editOrganization", self.tr("Edit…"))
        self.delete_action = action(
            "deleteOrganization", self.tr("Delete"), QKeySequence(QKeySequence.StandardKey.Delete)
        )
        self.show_contacts_action = action("showOrganizationContacts", self.tr("Show in Contacts"))
        self.new_contact_action = action("newOrganizationContact", self.tr("New contact here…"))
        self._update_actions()

    def _connect_signals(self) -> None:
        self.model.modelReset.connect(self.status_changed)
        self.model.rowsInserted.connect(self.status_changed)
        # Queued: a slot run inside the reset signal that touches the view makes it fetch
        # rows while the reset is still being announced (qtmodeltester catches that).
        self.model.modelReset.connect(self.on_selection_changed, Qt.ConnectionType.QueuedConnection)
        self.table.selectionModel().currentRowChanged.connect(self.on_selection_changed)
        self.table.activated.connect(self.on_activated)
        self.new_action.triggered.connect(self.new_organization)
        self.edit_action.triggered.connect(self.edit_organization)
        self.delete_action.triggered.connect(self.delete_organization)
        self.show_contacts_action.triggered.connect(self.show_in_contacts)
        self.new_contact_action.triggered.connect(self.new_contact_here)

    # --- data --------------------------------------------------------------------------------

    def _fetch(self, offset: int, limit: int) -> list[Row]:
        return list_organizations(self.database, self._query, limit=limit, offset=offset)

    def _fetch_contacts(self, offset: int, limit: int) -> list[Row]:
        if self._selected_id is None:
            return []
        return list_contacts(
            self.database,
            organization_id=self._selected_id,
            order="name",
            limit=limit,
            offset=offset,
        )

    def current_organization(self) -> Row | None:
        """The selected organisation, or None."""
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select_organization(self, organization_id: int) -> bool:
        """Select a loaded organisation by id (False when it is not loaded)."""
        row = self.model.row_of("id", organization_id)
        if row < 0:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    # --- View --------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Organisations")

    @Slot(str)
    def apply_search(self, text: str) -> None:
        self._query = text
        self.model.reload()

    def status_text(self) -> str:
        shown = self.model.rowCount()
        text = self.tr("%n organisation(s)", "", shown)
        return text + ("+" if self.model.has_more() else "")

    def refresh(self) -> None:
        selected = self._selected_id
        self.model.reload()
        if selected is not None:
            self.select_organization(selected)
        self.contacts_model.reload()

    def refresh_live(self) -> None:
        refresh_in_place(self.table, self.model)
        refresh_in_place(self.contacts_table, self.contacts_model)
        self.on_selection_changed()  # the contact count in the label
        self.status_changed.emit()

    # --- slots -------------------------------------------------------------------------------

    @Slot()
    def on_selection_changed(self) -> None:
        """List the selected organisation's contacts (in name order)."""
        org = self.current_organization()
        selected = int(org["id"]) if org else None
        changed = selected != self._selected_id
        self._selected_id = selected
        if org is None:
            self.contacts_label.setText(self.tr("Select an organisation to see its contacts."))
        else:
            self.contacts_label.setText(
                self.tr("Contacts of %1 (%2)")
                .replace("%1", str(org["label"]))
                .replace("%2", str(org["contact_count"]))
            )
        if changed:
            self.contacts_model.reload()
        self._update_actions()

    def _update_actions(self) -> None:
        selected = self.current_organization() is not None
        for act in (
            self.edit_action,
            self.delete_action,
            self.show_contacts_action,
            self.new_contact_action,
        ):
            act.setEnabled(selected)

    @Slot(QModelIndex)
    def on_activated(self, _index: QModelIndex) -> None:
        """Double-click or Enter: edit."""
        self.edit_organization()

    def _saved(self, org: dict[str, Any] | None) -> None:
        if org is None:
            return
        self.refresh_live()  # in place: the list keeps its scroll position
        self.select_organization(int(org["id"]))
        self.data_changed.emit("organizations")

    @Slot()
    def new_organization(self) -> None:
        """Open the editor for a new organisation."""
        from desktop.dialogs.organization_editor import run_new_organization  # noqa: PLC0415

        self._saved(run_new_organization(self, self.database))

    @Slot()
    def edit_organization(self) -> None:
        """Open the editor for the selected organisation."""
        from desktop.dialogs.organization_editor import run_edit_organization  # noqa: PLC0415

        org = self.current_organization()
        if org is not None:
            saved = run_edit_organization(self, self.database, int(org["id"]))
            if saved is None:
                self.refresh()
            self._saved(saved)

    @Slot()
    def new_contact_here(self) -> None:
        """A new contact in the selected organisation."""
        from desktop.dialogs.contact_editor import run_new_contact  # noqa: PLC0415

        org = self.current_organization()
        if org is not None and run_new_contact(self, self.database, organization_id=int(org["id"])):
            self.refresh()
            self.data_changed.emit("contacts")

    @Slot()
    def show_in_contacts(self) -> None:
        """Open the Contacts view filtered on the selected organisation."""
        org = self.current_organization()
        window = self.window()
        views = getattr(window, "views", {})
        contacts = views.get("contacts")
        if org is None or contacts is None:
            return
        contacts.set_organization_filter(int(org["id"]))
        window.show_view("contacts")  # type: ignore[attr-defined]

    @Slot()
    def delete_organization(self) -> None:
        """Soft-delete the selected organisation after asking; Ctrl+Z brings it back."""
        org = self.current_organization()
        if org is None:
            return
        count = int(org["contact_count"])
        if count:
            question = self.tr(
                "Delete %1? Its %2 contact(s) stay in the roster without an organisation.\n\n"
                "You can bring it back, with its contacts, with Edit → Undo delete (Ctrl+Z)."
            )
        else:
            question = self.tr(
                "Delete %1?\n\nYou can bring it back with Edit → Undo delete (Ctrl+Z)."
            )
        question = question.replace("%1", str(org["label"])).replace("%2", str(count))
        if not confirm(self, self.tr("Delete organisation"), question, destructive=True):
            return
        try:
            deleted = delete_organization(
                self.database, int(org["id"]), expected_version=int(org["version"])
            )
        except InputRejected as error:
            warn(self, self.tr("Organisation not deleted"), error.message)
            self.refresh()
            return
        remember_delete(self.window(), deleted)
        self._selected_id = None
        self.model.reload()
        self.data_changed.emit("organizations")
        self.status_changed.emit()
