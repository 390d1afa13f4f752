"""The contacts view: the whole roster, searchable in both scripts, loaded lazily.

A page at a time from :func:`services.contacts.list_contacts`, so a 1 000 000-contact
roster opens and filters as fast as a small one. Filters by organisation and tag; the
Name column sorts by zh-HK collation (stroke order) from a stored, indexed key. A card
beside the table shows every phone and e-mail of the selected contact. New / Edit /
Delete in a toolbar and the context menu; double-click or Enter edits; deletes are soft
and Edit → Undo delete (Ctrl+Z) brings the last one back.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QModelIndex, QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from desktop.collation import sort_by_name
from desktop.confirm import confirm, warn
from desktop.dialogs.history import show_history
from desktop.lazy_table import Column, LazyTableModel, Row
from desktop.undo import remember_delete
from desktop.views.base import View, refresh_in_place
from desktop.widgets.contact_labels import email_type_label, phone_type_label
from desktop.workers import ProgressTask, Task, start
from services.contacts import (
    Order,
    count_contacts,
    delete_contact,
    fill_sort_keys,
    last_contact_id,
    list_contacts,
    list_tags,
    organization_choices,
    search_is_broad,
    sort_keys_missing,
)
from services.phones import format_phone
from services.problems import InputRejected

HEADER_SETTING = "contacts/header"
ORDER_SETTING = "contacts/order"
NAME_COLUMN = 0
# Up to this many contacts the roster is counted at once; beyond, in the background.
SYNC_COUNT_LIMIT = 50_000
PAGE = 50


def contact_name(contact: Row) -> str:
    """Both names of a contact, or its address for a shared mailbox."""
    names = [n for n in (contact["name_zh"], contact["name_en"]) if n]
    if not names and contact["emails"]:
        return str(contact["emails"][0]["address"])
    return " ".join(names)


def _organization(contact: Row) -> str:
    org: dict[str, Any] = contact["organization"] or {}
    return str(org.get("name_zh") or org.get("name_en") or org.get("short_name") or "")


def _phone(phone: dict[str, Any]) -> str:
    text = format_phone(phone["e164"])
    return f"{text} ext. {phone['extension']}" if phone.get("extension") else text


def _phones_tooltip(contact: Row) -> str:
    return "\n".join(f"{phone_type_label(p['type'])}: {_phone(p)}" for p in contact["phones"])


def _emails_tooltip(contact: Row) -> str:
    return "\n".join(f"{email_type_label(e['type'])}: {e['address']}" for e in contact["emails"])


def contact_columns(widget: QWidget) -> list[Column]:
    """The roster's columns (also used by the organisation view's contact list)."""
    return [
        Column("name", QCoreApplication.translate("widget", "Name"), contact_name),
        Column("organization", QCoreApplication.translate("widget", "Organisation"), _organization),
        Column("title", QCoreApplication.translate("widget", "Title"), lambda c: c["title"] or ""),
        Column(
            "phones",
            QCoreApplication.translate("widget", "Phones"),
            lambda c: ", ".join(_phone(p) for p in c["phones"]),
            _phones_tooltip,
        ),
        Column(
            "emails",
            QCoreApplication.translate("widget", "E-mails"),
            lambda c: ", ".join(e["address"] for e in c["emails"]),
            _emails_tooltip,
        ),
    ]


class ContactsView(View):
    """The roster."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        self._query = ""
        self._organization_id: int | None = None
        self._tag: str | None = None
        self._order: Order = "added"
        self._descending = False
        self._total: int | None = None
        self._pending_descending = False
        self._broad = False
        self._count_generation = 0
        self._card = ""
        #: The background count of a big roster, while one runs.
        self.count_task: Task | None = None
        #: The background fill of missing name sort keys, while one runs.
        self.sort_task: ProgressTask | None = None
        self._save_header = QTimer(self)
        self._save_header.setSingleShot(True)
        self._save_header.setInterval(400)
        # About two screenfuls a page: each keystroke reads and formats one page.
        self.model = LazyTableModel(contact_columns(self), self._fetch, self, page=PAGE)
        self._build()
        self._build_actions()
        self._connect_signals()
        self._load_filters()
        self._restore_settings()
        self._count()
        self.model.reload()

    # --- construction ------------------------------------------------------------------------

    def _build(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("contactsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsClickable(True)
        header.setToolTip(
            self.tr("Click Name to sort by name (stroke order); click again to reverse.")
        )
        for column, width in enumerate((220, 200, 200, 220)):
            self.table.setColumnWidth(column, width)
        self.detail = QTextBrowser()
        self.detail.setObjectName("contactDetail")
        self.detail.setOpenLinks(False)
        self.detail.setMinimumWidth(240)
        self.organization_filter = QComboBox()
        self.organization_filter.setObjectName("organizationFilter")
        self.organization_filter.setMinimumContentsLength(18)
        self.organization_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.tag_filter = QComboBox()
        self.tag_filter.setObjectName("tagFilter")
        self.tag_filter.setMinimumContentsLength(12)
        self.toolbar = QToolBar(self.tr("Contacts"))
        self.toolbar.setObjectName("contactsToolbar")
        self.splitter = QSplitter()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([900, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)

    def _build_actions(self) -> None:
        def action(name: str, text: str, shortcut: QKeySequence | None = None) -> QAction:
            act = QAction(text, self)
            act.setObjectName(name)
            if shortcut is not None:
                act.setShortcut(shortcut)
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
            return act

        self.new_action = action(
            "newContact", self.tr("New contact…"), QKeySequence("Ctrl+Shift+N")
        )
        self.edit_action = action("editContact", self.tr("Edit…"))
        self.delete_action = action(
            "deleteContact", self.tr("Delete"), QKeySequence(QKeySequence.StandardKey.Delete)
        )
        for act in (self.new_action, self.edit_action, self.delete_action):
            self.toolbar.addAction(act)
            self.table.addAction(act)
        self.history_action = action("contactHistory", self.tr("History…"))
        self.table.addAction(self.history_action)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(QLabel(self.tr("Organisation:")))
        self.toolbar.addWidget(self.organization_filter)
        self.toolbar.addWidget(QLabel(self.tr(" Tag:")))
        self.toolbar.addWidget(self.tag_filter)
        self._update_actions()

    def _connect_signals(self) -> None:
        self.model.modelReset.connect(self.status_changed)
        self.model.rowsInserted.connect(self.status_changed)
        # Queued: a slot run inside the reset signal that touches the view makes it fetch
        # rows while the reset is still being announced (qtmodeltester catches that).
        self.model.modelReset.connect(self.on_selection_changed, Qt.ConnectionType.QueuedConnection)
        self.table.selectionModel().currentRowChanged.connect(self.on_selection_changed)
        self.table.activated.connect(self.on_activated)
        header = self.table.horizontalHeader()
        header.sectionClicked.connect(self.on_header_clicked)
        header.sectionResized.connect(self.on_section_resized)
        self._save_header.timeout.connect(self.save_header)
        self.new_action.triggered.connect(self.new_contact)
        self.edit_action.triggered.connect(self.edit_contact)
        self.delete_action.triggered.connect(self.delete_contact)
        self.history_action.triggered.connect(self.open_history)
        self.organization_filter.currentIndexChanged.connect(self.on_filter_changed)
        self.tag_filter.currentIndexChanged.connect(self.on_filter_changed)

    def _load_filters(self) -> None:
        """Fill the organisation and tag filters (keeping what is chosen)."""
        chosen_org, chosen_tag = self._organization_id, self._tag
        organizations = sort_by_name(organization_choices(self.database), lambda o: str(o["label"]))
        for combo in (self.organization_filter, self.tag_filter):
            combo.blockSignals(True)
            combo.clear()
        self.organization_filter.addItem(self.tr("All organisations"), None)
        for org in organizations:
            self.organization_filter.addItem(str(org["label"]), org["id"])
        self.tag_filter.addItem(self.tr("All tags"), None)
        for tag in sort_by_name(list_tags(self.database), str):
            self.tag_filter.addItem(tag, tag)
        self.organization_filter.setCurrentIndex(
            max(self.organization_filter.findData(chosen_org), 0)
        )
        self.tag_filter.setCurrentIndex(max(self.tag_filter.findData(chosen_tag), 0))
        for combo in (self.organization_filter, self.tag_filter):
            combo.blockSignals(False)
        self._organization_id = self.organization_filter.currentData()
        self._tag = self.tag_filter.currentData()

    def _restore_settings(self) -> None:
        settings = QSettings()
        state = settings.value(HEADER_SETTING)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.table.horizontalHeader().restoreState(state)
        order = settings.value(ORDER_SETTING, "added")
        if order in ("name", "name-desc"):
            self._order = "name"
            self._descending = order == "name-desc"
            if sort_keys_missing(self.database):
                self._order, self._descending = "added", False  # filled when asked for
        self._show_sort_indicator()

    # --- data --------------------------------------------------------------------------------

    def _fetch(self, offset: int, limit: int) -> list[Row]:
        return list_contacts(
            self.database,
            query=self._query,
            organization_id=self._organization_id,
            tag=self._tag,
            order=self._order,
            descending=self._descending,
            limit=limit,
            offset=offset,
        )

    def _count(self) -> None:
        """Count the filtered roster (not search matches: those load as they scroll).

        Counting a million rows takes a good part of a second, so a big roster is counted
        in the background and the status line shows the total when it arrives.
        """
        self._count_generation += 1
        database, organization_id, tag = self.database, self._organization_id, self._tag
        if last_contact_id(database) <= SYNC_COUNT_LIMIT:
            self._total = count_contacts(database, organization_id=organization_id, tag=tag)
            return
        self._total = None
        generation = self._count_generation
        task = Task(
            lambda _progress: (
                generation,
                count_contacts(database, organization_id=organization_id, tag=tag),
            )
        )
        task.signals.succeeded.connect(self.on_counted)
        self.count_task = start(task)

    @Slot(object)
    def on_counted(self, result: object) -> None:
        """Show the total counted in the background (unless the filter changed since)."""
        assert isinstance(result, tuple)
        generation, total = result
        if generation == self._count_generation:
            self._total = int(total)
            self.status_changed.emit()

    def current_contact(self) -> Row | None:
        """The selected contact, or None."""
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def select_contact(self, contact_id: int) -> bool:
        """Select a loaded contact by id; False when it is not on a loaded page."""
        row = self.model.row_of("id", contact_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    def set_organization_filter(self, organization_id: int | None) -> None:
        """Show only one organisation's contacts (None: everyone)."""
        self._load_filters()
        self.organization_filter.setCurrentIndex(
            max(self.organization_filter.findData(organization_id), 0)
        )

    # --- View --------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Contacts")

    @Slot(str)
    def apply_search(self, text: str) -> None:
        self._query = text
        # A broad search is listed in the order added (list_contacts): say so.
        self._broad = self._order == "name" and search_is_broad(self.database, text)
        self.model.reload()

    def status_text(self) -> str:
        shown = self.model.rowCount()
        if self._query.strip():
            if self.model.has_more():
                text = self.tr("%1+ matching contacts").replace("%1", f"{shown:,}")
            else:
                text = self.tr("%n matching contact(s)", "", shown)
        elif self._total is None and self.model.has_more():
            text = self.tr("Showing %1 contacts (more load as you scroll)").replace(
                "%1", f"{shown:,}"
            )
        elif self._total is not None and shown < self._total:
            text = (
                self.tr("Showing %1 of %2 contacts (more load as you scroll)")
                .replace("%1", f"{shown:,}")
                .replace("%2", f"{self._total:,}")
            )
        else:
            text = self.tr("%n contact(s)", "", shown)
        if self._order == "name" and self._broad:
            text = self.tr("%1 · too many matches to sort by name: type more").replace("%1", text)
        elif self._order == "name":
            text = self.tr("%1 · sorted by name (stroke order)").replace("%1", text)
        return text

    def refresh(self) -> None:
        self._load_filters()
        self._count()
        self.model.reload()

    def refresh_live(self) -> None:
        filters = (self._organization_id, self._tag)
        self._load_filters()
        if (self._organization_id, self._tag) != filters:
            self.refresh()  # the organisation filtered on is gone
            return
        if self._total is not None:  # not while a background count is still running
            self._count()
        refresh_in_place(self.table, self.model)
        self.on_selection_changed()
        self.status_changed.emit()

    # --- slots -------------------------------------------------------------------------------

    @Slot()
    def on_filter_changed(self) -> None:
        """Reload with the organisation and tag chosen."""
        self._organization_id = self.organization_filter.currentData()
        self._tag = self.tag_filter.currentData()
        self._count()
        self.model.reload()

    @Slot(int)
    def on_header_clicked(self, section: int) -> None:
        """Name sorts by zh-HK name order (again: reversed); any other column: order added."""
        if section != NAME_COLUMN:
            self.set_order("added", descending=False)
        elif self._order == "name":
            self.set_order("name", descending=not self._descending)
        else:
            self.set_order("name", descending=False)

    def set_order(self, order: Order, *, descending: bool = False) -> None:
        """Show the roster in ``order``; name order first fills any missing sort keys."""
        if order == "name" and sort_keys_missing(self.database):
            self._fill_sort_keys_then(descending)
            return
        self._order, self._descending = order, descending
        QSettings().setValue(
            ORDER_SETTING, "added" if order == "added" else ("name-desc" if descending else "name")
        )
        self._show_sort_indicator()
        self.model.reload()

    def _fill_sort_keys_then(self, descending: bool) -> None:
        """Contacts bulk-imported without a sort key get one in the background, then sort."""
        database = self.database
        self._pending_descending = descending
        task = Task(lambda progress: fill_sort_keys(database, progress))
        self.sort_task = ProgressTask(self, self.tr("Preparing name order…"), task)
        task.signals.succeeded.connect(self.on_sort_keys_filled)
        task.signals.crashed.connect(self.on_sort_fill_failed)
        self.sort_task.start()

    @Slot(object)
    def on_sort_keys_filled(self, _count: object) -> None:
        """Every contact has its sort key now: sort as the user asked."""
        self.sort_task = None
        self.set_order("name", descending=self._pending_descending)

    @Slot(str)
    def on_sort_fill_failed(self, details: str) -> None:
        """Say that the name order could not be prepared (the roster keeps its order)."""
        warn(
            self,
            self.tr("Cannot sort by name"),
            self.tr("The name order could not be prepared."),
            details,
        )

    def _show_sort_indicator(self) -> None:
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(self._order == "name")
        header.setSortIndicator(
            NAME_COLUMN,
            Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder,
        )

    @Slot(int, int, int)
    def on_section_resized(self, _section: int, _old: int, _new: int) -> None:
        """Save the widths shortly after the user stops dragging."""
        self._save_header.start()

    @Slot()
    def save_header(self) -> None:
        """Remember column widths and order for the next start."""
        QSettings().setValue(HEADER_SETTING, self.table.horizontalHeader().saveState())

    @Slot()
    def on_selection_changed(self) -> None:
        """Show the selected contact's card and enable the actions that need one."""
        contact = self.current_contact()
        card = contact_card(self, contact) if contact else ""
        if card != self._card:  # setting the same card again would scroll it to the top
            self._card = card
            self.detail.setHtml(card)
        self._update_actions()

    def _update_actions(self) -> None:
        selected = self.current_contact() is not None
        self.edit_action.setEnabled(selected)
        self.delete_action.setEnabled(selected)
        self.history_action.setEnabled(selected)

    @Slot(QModelIndex)
    def on_activated(self, _index: QModelIndex) -> None:
        """Double-click or Enter: edit."""
        self.edit_contact()

    def _saved(self, contact: dict[str, Any] | None) -> None:
        if contact is None:
            return
        self.refresh_live()  # in place: an officer deep in the roster stays there
        self.select_contact(int(contact["id"]))
        self.data_changed.emit("contacts")

    @Slot()
    def new_contact(self) -> None:
        """Open the editor for a new contact (in the organisation filtered on)."""
        from desktop.dialogs.contact_editor import run_new_contact  # noqa: PLC0415 - on first use

        self._saved(run_new_contact(self, self.database, organization_id=self._organization_id))

    @Slot()
    def edit_contact(self) -> None:
        """Open the editor for the selected contact."""
        from desktop.dialogs.contact_editor import run_edit_contact  # noqa: PLC0415 - on first use

        contact = self.current_contact()
        if contact is not None:
            saved = run_edit_contact(self, self.database, int(contact["id"]))
            if saved is None:
                self.refresh_live()  # a colleague's change or delete may have been reported
            self._saved(saved)

    @Slot()
    def open_history(self) -> None:
        """Show who changed the selected contact, what and when."""
        contact = self.current_contact()
        if contact is not None:
            name = contact_name(contact) or f"#{contact['id']}"
            show_history(self, self.database, "contact", int(contact["id"]), name)

    @Slot()
    def delete_contact(self) -> None:
        """Soft-delete the selected contact after asking; Ctrl+Z brings it back."""
        contact = self.current_contact()
        if contact is None:
            return
        name = contact_name(contact) or f"#{contact['id']}"
        question = self.tr(
            "Delete %1 from the roster?\n\nYou can bring it back with Edit → Undo delete (Ctrl+Z)."
        ).replace("%1", name)
        if not confirm(self, self.tr("Delete contact"), question, destructive=True):
            return
        try:
            deleted = delete_contact(
                self.database, int(contact["id"]), expected_version=int(contact["version"])
            )
        except InputRejected as error:
            warn(self, self.tr("Contact not deleted"), error.message)
            self.refresh()
            return
        remember_delete(self.window(), deleted)
        self.refresh()
        self.data_changed.emit("contacts")
        self.status_changed.emit()


def contact_card(widget: QWidget, contact: Row) -> str:
    """The contact as HTML for the detail pane: every phone and e-mail, with their types."""
    e = html.escape
    lines = [f"<h3>{e(contact_name(contact))}</h3>"]
    extra = [contact.get("honorific"), contact.get("romanisation")]
    if any(extra):
        lines.append(f"<p>{e(' · '.join(x for x in extra if x))}</p>")
    titles = [t for t in (contact.get("title_zh"), contact.get("title_en")) if t]
    org = _organization(contact)
    if titles or org:
        lines.append(f"<p>{'<br>'.join(e(x) for x in [*titles, org] if x)}</p>")
    if contact["phones"]:
        rows = "".join(
            f"<tr><td>{e(phone_type_label(p['type']))}&nbsp;&nbsp;</td><td>{e(_phone(p))}</td></tr>"
            for p in contact["phones"]
        )
        heading = QCoreApplication.translate("widget", "Phones")
        lines.append(f"<p><b>{e(heading)}</b></p><table>{rows}</table>")
    if contact["emails"]:
        rows = "".join(
            f"<tr><td>{e(email_type_label(m['type']))}&nbsp;&nbsp;</td><td>{e(m['address'])}</td></tr>"
            for m in contact["emails"]
        )
        heading = QCoreApplication.translate("widget", "E-mail addresses")
        lines.append(f"<p><b>{e(heading)}</b></p><table>{rows}</table>")
    language = (
        QCoreApplication.translate("widget", "繁體中文 (zh-HK)")
        if contact.get("preferred_language") == "zh-HK"
        else QCoreApplication.translate("widget", "English (en)")
    )
    facts = [QCoreApplication.translate("widget", "Prefers %1").replace("%1", language)]
    if contact.get("tags"):
        facts.append(
            QCoreApplication.translate("widget", "Tags: %1").replace(
                "%1", ", ".join(contact["tags"])
            )
        )
    lines.append(f"<p>{'<br>'.join(e(f) for f in facts)}</p>")
    if contact.get("opt_out"):
        opted_out = QCoreApplication.translate("widget", "Opted out: send no e-mail.")
        lines.append(f"<p style='color:#b3261e'>{e(opted_out)}</p>")
    if contact.get("notes"):
        lines.append(f"<p>{e(contact['notes']).replace(chr(10), '<br>')}</p>")
    return "".join(lines)
