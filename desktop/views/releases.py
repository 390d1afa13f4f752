"""The releases view: every release with its inquiry figures, and the one picked in detail.

The list (newest first, loaded page by page) shows each release's inquiries, how many
are open and overdue, and the median time to first response. The detail pane shows the
bilingual titles, date, place, embargo and issuers; the media-contact block in its order
(add from the roster, remove, move up or down: saved at once); the spokespeople with their
titles; and the release's inquiries (double-click opens one).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from desktop.confirm import warn
from desktop.dialogs.conflict import resolve_conflict
from desktop.dialogs.history import show_history
from desktop.dialogs.release_editor import ContactPickerDialog, organization_label, run_edit_release
from desktop.lazy_table import Column, LazyTableModel, Row
from desktop.views.base import View
from desktop.widgets.contact_picker import contact_names, organization_name
from desktop.widgets.inquiry_labels import (
    channel_label,
    local_time,
    release_title,
    response_time,
    status_label,
)
from desktop.workers import Progress, Task, start
from services.inquiries import InquiryFilter, search_inquiries
from services.phones import format_phone
from services.problems import InputRejected
from services.releases import (
    ReleaseConflict,
    add_media_contact,
    get_release,
    move_media_contact,
    remove_media_contact,
)
from services.reports import (
    RELEASE_PAGE,
    ReleaseFigures,
    ReleaseSummary,
    release_figures,
    release_summaries,
)

_RIGHT = Qt.AlignmentFlag.AlignRight


def bilingual_title(zh: str | None, en: str | None) -> str:
    """Both titles on one line, the interface language's first."""
    first = release_title({"title_zh": zh, "title_en": en})
    second = en if first == zh else zh
    return f"{first} / {second}" if first and second and second != first else first


def median_text(figures: ReleaseFigures) -> str:
    """The median time to first response for a table cell ("" when nobody was answered)."""
    seconds = figures.response.median_seconds
    return "" if seconds is None else response_time(round(seconds))


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _summary(row: Row) -> ReleaseSummary:
    value = row["summary"]
    assert isinstance(value, ReleaseSummary)
    return value


def _figure(show: Callable[[ReleaseFigures], Any]) -> Callable[[Row], Any]:
    """A figures column's cell: "…" until the figures have come back from the worker."""

    def cell(row: Row) -> Any:
        figures = row.get("figures")
        return "…" if figures is None else show(figures)

    return cell


def _responded(figures: ReleaseFigures) -> str:
    return (
        QCoreApplication.translate("ReleaseColumns", "%1 of %2 inquiries have had a first response")
        .replace("%1", str(figures.response.responded))
        .replace("%2", str(figures.inquiries))
    )


def release_columns() -> list[Column]:
    """The columns of a release list (shared by the Releases and Reports views)."""
    return [
        Column(
            "issued_on",
            QCoreApplication.translate("ReleaseColumns", "Issued"),
            lambda r: _iso(_summary(r).issued_on),
        ),
        Column(
            "title",
            QCoreApplication.translate("ReleaseColumns", "Title"),
            lambda r: bilingual_title(_summary(r).title_zh, _summary(r).title_en),
            tooltip=lambda r: "\n".join(
                t for t in (_summary(r).title_zh, _summary(r).title_en) if t
            ),
        ),
        Column(
            "place",
            QCoreApplication.translate("ReleaseColumns", "Place"),
            lambda r: _summary(r).place or "",
        ),
        Column(
            "issuers",
            QCoreApplication.translate("ReleaseColumns", "Issuers"),
            lambda r: "、".join(_summary(r).issuers),
        ),
        Column(
            "inquiries",
            QCoreApplication.translate("ReleaseColumns", "Inquiries"),
            _figure(lambda f: f.inquiries),
            alignment=_RIGHT,
        ),
        Column(
            "open",
            QCoreApplication.translate("ReleaseColumns", "Open"),
            _figure(lambda f: f.open),
            alignment=_RIGHT,
        ),
        Column(
            "overdue",
            QCoreApplication.translate("ReleaseColumns", "Overdue"),
            _figure(lambda f: f.overdue),
            alignment=_RIGHT,
        ),
        Column(
            "median",
            QCoreApplication.translate("ReleaseColumns", "Median first response"),
            _figure(median_text),
            tooltip=_figure(_responded),
            alignment=_RIGHT,
        ),
    ]


FIRST_FIGURE_COLUMN = 4


class ReleaseListModel(LazyTableModel):
    """Releases, a page at a time; each page's inquiry figures arrive later from a worker.

    The releases themselves come from one quick query, so the list paints at once; the
    figures (counts and medians over the releases' inquiries) cost time in proportion to
    the inquiries, so they are asked for with :attr:`figures_needed` and filled in by
    :meth:`set_figures`.
    """

    #: (generation, release ids) of rows just loaded whose figures are wanted.
    figures_needed = Signal(int, list)

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(release_columns(), self._fetch_page, parent, page=RELEASE_PAGE)
        self.database = database
        self.query = ""
        self._generation = 0

    def _fetch_page(self, offset: int, limit: int) -> list[Row]:
        return [
            {"id": s.id, "summary": s, "figures": None}
            for s in release_summaries(
                self.database, self.query, limit=limit, offset=offset, figures=False
            )
        ]

    def reload(self, fetch: Any = None) -> None:
        """Load the first page again (figures still on their way are then dropped)."""
        self._generation += 1
        super().reload(fetch)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        before = self.rowCount()
        super().fetchMore(parent)
        ids = [int(self.row_at(r)["id"]) for r in range(before, self.rowCount())]
        if ids:
            self.figures_needed.emit(self._generation, ids)

    def set_figures(self, generation: int, figures: dict[int, ReleaseFigures]) -> None:
        """Show the figures a worker brought back (unless the list was reloaded since)."""
        if generation != self._generation:
            return
        last = self.columnCount() - 1
        for row in range(self.rowCount()):
            data = self.row_at(row)
            if data["id"] in figures:
                data["figures"] = figures[data["id"]]
                self.dataChanged.emit(self.index(row, FIRST_FIGURE_COLUMN), self.index(row, last))

    def figures_pending(self) -> int:
        """Rows still waiting for their figures."""
        return sum(1 for r in range(self.rowCount()) if self.row_at(r)["figures"] is None)


class FigureLoader(QObject):
    """Runs a :class:`ReleaseListModel`'s figure queries off the GUI thread."""

    def __init__(self, model: ReleaseListModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        # Running tasks are kept here: the thread pool does not own them.
        self._tasks: list[Task] = []
        self.model.figures_needed.connect(self.load)

    @Slot(int, list)
    def load(self, generation: int, release_ids: list[int]) -> Task:
        """Compute the figures of these releases in the background."""
        database = self.model.database

        def work(_progress: Progress) -> tuple[int, dict[int, ReleaseFigures]]:
            return generation, release_figures(database, release_ids)

        task = Task(work)
        task.signals.succeeded.connect(self.on_figures)
        task.signals.done.connect(self.on_done)
        self._tasks.append(task)
        return start(task)

    @Slot(object)
    def on_figures(self, result: tuple[int, dict[int, ReleaseFigures]]) -> None:
        """Hand the figures to the model."""
        generation, figures = result
        self.model.set_figures(generation, figures)

    @Slot()
    def on_done(self) -> None:
        """Forget the task that finished."""
        sender = self.sender()
        self._tasks = [t for t in self._tasks if t.signals is not sender]

    def busy(self) -> bool:
        """True while figures are being computed."""
        return bool(self._tasks)


def release_table(model: LazyTableModel) -> QTableView:
    """A table of :func:`release_columns`: the title takes the spare width."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    for column, width in enumerate((90, 0, 80, 200, 80, 60, 70, 150)):
        if width:
            table.setColumnWidth(column, width)
    return table


def fixed_rows(rows: list[Row]) -> Callable[[int, int], list[Row]]:
    """A page fetcher over rows already in hand (a short list shown by a LazyTableModel)."""
    return lambda offset, limit: rows[offset : offset + limit]


class ReleasesView(View):
    """Releases: the list, and the picked release in detail."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        self.release: Row | None = None
        self._build()
        self._connect_signals()
        self.model.reload()
        if self.model.rowCount():
            self.table.selectRow(0)

    # --- construction ----------------------------------------------------------------------

    def _build(self) -> None:
        self.model = ReleaseListModel(self.database, self)
        self.figure_loader = FigureLoader(self.model, self)
        self.table = release_table(self.model)
        self.table.setObjectName("releasesTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.history_action = QAction(self.tr("History…"), self.table)
        self.history_action.setObjectName("releaseHistory")
        self.table.addAction(self.history_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.detail_stack = QStackedWidget()
        self.detail_stack.setObjectName("releaseDetail")
        self.placeholder = QLabel(
            self.tr("Pick a release to see its media contacts and inquiries.")
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.detail_stack.addWidget(self.placeholder)
        self.detail_stack.addWidget(self._build_detail())

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail_stack)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _build_detail(self) -> QWidget:
        self.title_label = QLabel()
        self.title_label.setObjectName("releaseTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.subtitle_label = QLabel()
        self.subtitle_label.setObjectName("releaseSubtitle")
        self.subtitle_label.setWordWrap(True)
        self.subtitle_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.issued_label = QLabel()
        self.place_label = QLabel()
        self.embargo_label = QLabel()
        self.issuers_label = QLabel()
        self.issuers_label.setWordWrap(True)
        facts = QFormLayout()
        facts.addRow(self.tr("Issued"), self.issued_label)
        facts.addRow(self.tr("Place"), self.place_label)
        facts.addRow(self.tr("Embargo"), self.embargo_label)
        facts.addRow(self.tr("Issuers"), self.issuers_label)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("editRelease")
        self.export_button = QPushButton(self.tr("Export contact sheet…"))
        self.export_button.setObjectName("exportContacts")
        actions = QVBoxLayout()
        actions.addWidget(self.edit_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(facts, 1)
        top.addLayout(actions)

        self.media_model = LazyTableModel(self._media_columns(), fixed_rows([]), self)
        self.media_table = self._small_table("mediaContactsTable", self.media_model)
        self.add_contact_button = QPushButton(self.tr("Add…"))
        self.add_contact_button.setObjectName("addMediaContact")
        self.remove_contact_button = QPushButton(self.tr("Remove"))
        self.remove_contact_button.setObjectName("removeMediaContact")
        self.up_button = QPushButton(self.tr("Move up"))
        self.up_button.setObjectName("moveUp")
        self.down_button = QPushButton(self.tr("Move down"))
        self.down_button.setObjectName("moveDown")
        # Keyboard: Ctrl+↑ / Ctrl+↓ move the selected contact, Delete takes it off the block.
        self.up_shortcut = QShortcut(QKeySequence("Ctrl+Up"), self.media_table)
        self.down_shortcut = QShortcut(QKeySequence("Ctrl+Down"), self.media_table)
        self.remove_shortcut = QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete), self.media_table
        )
        for shortcut, button in (
            (self.up_shortcut, self.up_button),
            (self.down_shortcut, self.down_button),
            (self.remove_shortcut, self.remove_contact_button),
        ):
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            button.setToolTip(shortcut.key().toString(QKeySequence.SequenceFormat.NativeText))
        buttons = QVBoxLayout()
        for button in (
            self.add_contact_button,
            self.remove_contact_button,
            self.up_button,
            self.down_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        media = QWidget()
        media_layout = QHBoxLayout(media)
        media_layout.addWidget(self.media_table, 1)
        media_layout.addLayout(buttons)

        self.speaker_model = LazyTableModel(
            [
                Column("name", self.tr("Name"), contact_names),
                Column("title_zh", self.tr("Title (中文)"), lambda r: r.get("title_zh") or ""),
                Column("title_en", self.tr("Title (English)"), lambda r: r.get("title_en") or ""),
                Column(
                    "organization",
                    self.tr("Organisation"),
                    lambda r: organization_label(r.get("organization")),
                ),
            ],
            fixed_rows([]),
            self,
        )
        self.speaker_table = self._small_table("spokespeopleTable", self.speaker_model)

        self.inquiry_model = LazyTableModel(
            [
                Column("received", self.tr("Received"), lambda r: local_time(r["received_at"])),
                Column("journalist", self.tr("Journalist"), lambda r: r["journalist"] or ""),
                Column("outlet", self.tr("Outlet"), lambda r: r["outlet"] or ""),
                Column("channel", self.tr("Channel"), lambda r: channel_label(r["channel"])),
                Column("status", self.tr("Status"), lambda r: status_label(r["status"])),
                Column("deadline", self.tr("Deadline"), lambda r: local_time(r["deadline"])),
                Column(
                    "response",
                    self.tr("First response"),
                    lambda r: response_time(r.get("first_response_seconds")),
                    alignment=_RIGHT,
                ),
                Column("question", self.tr("Question"), lambda r: r["question"]),
            ],
            fixed_rows([]),
            self,
        )
        self.inquiry_table = self._small_table("releaseInquiriesTable", self.inquiry_model)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("releaseTabs")
        self.tabs.addTab(media, "")
        self.tabs.addTab(self.speaker_table, "")
        self.tabs.addTab(self.inquiry_table, "")

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        return scroll

    def _media_columns(self) -> list[Column]:
        return [
            Column("name", self.tr("Name"), contact_names),
            Column("organization", self.tr("Organisation"), organization_name),
            Column(
                "phones",
                self.tr("Phones"),
                lambda c: ", ".join(format_phone(p["e164"]) for p in c["phones"]),
            ),
            Column(
                "emails", self.tr("E-mails"), lambda c: ", ".join(e["address"] for e in c["emails"])
            ),
        ]

    def _small_table(self, name: str, model: LazyTableModel) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _connect_signals(self) -> None:
        self.model.modelReset.connect(self.status_changed)
        self.model.rowsInserted.connect(self.status_changed)
        self.table.selectionModel().selectionChanged.connect(self.on_release_selected)
        self.table.doubleClicked.connect(self.edit_release)
        self.history_action.triggered.connect(self.open_history)
        self.edit_button.clicked.connect(self.edit_release)
        self.export_button.clicked.connect(self.export_contact_sheet)
        self.add_contact_button.clicked.connect(self.add_media_contact)
        self.remove_contact_button.clicked.connect(self.remove_media_contact)
        self.up_button.clicked.connect(self.move_up)
        self.down_button.clicked.connect(self.move_down)
        self.media_table.selectionModel().selectionChanged.connect(self.on_contact_selected)
        self.up_shortcut.activated.connect(self.move_up)
        self.down_shortcut.activated.connect(self.move_down)
        self.remove_shortcut.activated.connect(self.remove_media_contact)
        self.inquiry_table.doubleClicked.connect(self.open_inquiry)

    # --- View ------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Releases")

    @Slot(str)
    def apply_search(self, text: str) -> None:
        self.model.query = text
        self._reload_list()

    def status_text(self) -> str:
        shown = self.model.rowCount()
        more = "+" if self.model.has_more() else ""
        return self.tr("%n release(s)", "", shown) + more

    def refresh(self) -> None:
        self._reload_list()

    def refresh_live(self) -> None:
        """Reload the (short) list and the release shown, keeping the picks and the scroll."""
        current = self.current_release_id()
        contact_row = self._selected_contact_row()
        contact = self.media_model.row_at(contact_row)["id"] if contact_row >= 0 else None
        bar = self.table.verticalScrollBar()
        position = bar.value()
        self.model.reload()
        if current is not None and self.select_release(current):
            row = self.media_model.row_of("id", contact) if contact is not None else -1
            if row >= 0:
                self.media_table.selectRow(row)
        elif self.model.rowCount():
            self.table.selectRow(0)
        else:
            self.show_release(None)
        bar.setValue(position)

    # --- the list --------------------------------------------------------------------------

    def _reload_list(self) -> None:
        current = self.current_release_id()
        self.model.reload()
        row = self.model.row_of("id", current) if current is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.show_release(None)

    @Slot()
    def open_history(self) -> None:
        """Show who changed the release picked, what and when."""
        if self.release is not None:
            title = self.release.get("title_zh") or self.release.get("title_en") or ""
            show_history(self, self.database, "release", int(self.release["id"]), title)

    def current_release_id(self) -> int | None:
        """The release picked in the list (the export dialog starts from it)."""
        return None if self.release is None else int(self.release["id"])

    def select_release(self, release_id: int) -> bool:
        """Pick a release in the list (loading pages until it shows); False if absent."""
        row = self.model.row_of("id", release_id)
        while row < 0 and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
            row = self.model.row_of("id", release_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    @Slot(QItemSelection, QItemSelection)
    def on_release_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        """Show the picked release in the detail pane."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        release_id = int(self.model.row_at(rows[0].row())["id"])
        try:
            self.show_release(get_release(self.database, release_id))
        except InputRejected:
            self.show_release(None)  # deleted by a colleague meanwhile

    # --- the detail ------------------------------------------------------------------------

    def show_release(self, release: Row | None, *, select_contact: int | None = None) -> None:
        """Fill the detail pane (None: nothing picked)."""
        self.release = release
        if release is None:
            self.detail_stack.setCurrentIndex(0)
            return
        self.detail_stack.setCurrentIndex(1)
        zh, en = release.get("title_zh"), release.get("title_en")
        self.title_label.setText("\n".join(t for t in (zh, en) if t))
        subtitles = [release.get("subtitle_zh"), release.get("subtitle_en")]
        self.subtitle_label.setText("\n".join(s for s in subtitles if s))
        self.subtitle_label.setVisible(any(subtitles))
        self.issued_label.setText(release.get("issued_on") or self.tr("(no date)"))
        self.place_label.setText(release.get("place") or "")
        embargo = release.get("embargo_until")
        self.embargo_label.setText(
            self.tr("Until %1").replace("%1", local_time(datetime.fromisoformat(embargo)))
            if embargo
            else self.tr("None")
        )
        self.issuers_label.setText("、".join(organization_label(o) for o in release["issuers"]))
        contacts = release["media_contacts"]
        self.media_model.reload(fixed_rows(contacts))
        if select_contact is not None:
            row = self.media_model.row_of("id", select_contact)
            if row >= 0:
                self.media_table.selectRow(row)
        speakers = [{**s, "id": s["contact_id"]} for s in release["spokespeople"]]
        self.speaker_model.reload(fixed_rows(speakers))
        release_id = int(release["id"])
        self.inquiry_model.reload(
            lambda offset, limit: search_inquiries(
                self.database, InquiryFilter(release_id=release_id), limit=limit, offset=offset
            )
        )
        more = "+" if self.inquiry_model.has_more() else ""
        self.tabs.setTabText(0, self.tr("Media contacts (%1)").replace("%1", str(len(contacts))))
        self.tabs.setTabText(1, self.tr("Spokespeople (%1)").replace("%1", str(len(speakers))))
        self.tabs.setTabText(
            2,
            self.tr("Inquiries (%1)").replace("%1", f"{self.inquiry_model.rowCount()}{more}"),
        )
        self.on_contact_selected()

    def _selected_contact_row(self) -> int:
        rows = self.media_table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    @Slot()
    def on_contact_selected(self) -> None:
        """Enable Remove / Move up / Move down for the selected media contact."""
        row = self._selected_contact_row()
        count = self.media_model.rowCount()
        self.remove_contact_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)

    def _change(self, action: Any, *args: Any, mine: list[int], select: int | None = None) -> bool:
        """Run one media-contact change on the version shown.

        Args:
            action: the service that makes the change.
            args: what it takes besides the release and its version.
            mine: the media contacts as the change leaves the list shown; when a
                colleague saved the release meanwhile, the conflict view sets it beside
                theirs.
            select: the contact to select afterwards.
        """
        assert self.release is not None
        try:
            try:
                saved = action(
                    self.database, int(self.release["id"]), *args, self.release["version"]
                )
            except ReleaseConflict:
                saved = resolve_conflict(
                    self,
                    self.database,
                    "release",
                    int(self.release["id"]),
                    loaded=self.release,
                    mine={"media_contact_ids": mine},
                ).saved
        except InputRejected as exc:
            warn(self, self.tr("Release not changed"), exc.message)
            saved = None
        if saved is None:  # cancelled, theirs taken, or refused: show what is stored
            self._reload_detail()
            return False
        self.show_release(saved, select_contact=select)
        self.data_changed.emit("releases")
        return True

    def _reload_detail(self) -> None:
        if self.release is None:
            return
        try:
            self.show_release(get_release(self.database, int(self.release["id"])))
        except InputRejected:
            self.refresh()

    @Slot()
    def add_media_contact(self) -> None:
        """Add…: pick a contact from the roster; it goes to the end of the block."""
        if self.release is None:
            return
        contact = ContactPickerDialog.ask(
            self,
            self.database,
            self.tr("Add media contact"),
            {int(c["id"]) for c in self.release["media_contacts"]},
        )
        if contact is not None:
            ids = [*self._media_ids(), int(contact["id"])]
            self._change(add_media_contact, ids[-1], mine=ids, select=ids[-1])

    @Slot()
    def remove_media_contact(self) -> None:
        """Remove the selected contact from the block (not from the roster)."""
        row = self._selected_contact_row()
        if self.release is None or row < 0:
            return
        contact_id = int(self.media_model.row_at(row)["id"])
        ids = [i for i in self._media_ids() if i != contact_id]
        self._change(remove_media_contact, contact_id, mine=ids)

    def _move(self, steps: int) -> None:
        row = self._selected_contact_row()
        if self.release is None or row < 0:
            return
        contact_id = int(self.media_model.row_at(row)["id"])
        ids = self._media_ids()
        ids.insert(max(0, min(len(ids) - 1, row + steps)), ids.pop(row))
        self._change(move_media_contact, contact_id, steps, mine=ids, select=contact_id)

    def _media_ids(self) -> list[int]:
        """The media contacts of the release shown, in order."""
        return [int(c["id"]) for c in (self.release or {}).get("media_contacts", [])]

    @Slot()
    def move_up(self) -> None:
        """Move the selected media contact one place up."""
        self._move(-1)

    @Slot()
    def move_down(self) -> None:
        """Move the selected media contact one place down."""
        self._move(1)

    @Slot()
    def edit_release(self) -> None:
        """Edit…: the release editor; the list and detail show what was saved."""
        if self.release is None:
            return
        saved = run_edit_release(self.window(), int(self.release["id"]))
        if saved is not None:
            self._reload_list()
            self.data_changed.emit("releases")

    @Slot()
    def export_contact_sheet(self) -> None:
        """Export contact sheet…: the main window's export (it starts from this release)."""
        export = getattr(self.window(), "export_contacts", None)
        if callable(export):
            export()

    @Slot(QModelIndex)
    def open_inquiry(self, index: QModelIndex) -> None:
        """Double-click: the inquiry editor, where there is one."""
        if not index.isValid():
            return
        inquiry_id = int(self.inquiry_model.row_at(index.row())["id"])
        try:
            module = importlib.import_module("desktop.dialogs.inquiry_editor")
        except ModuleNotFoundError:
            return
        run = getattr(module, "run_edit_inquiry", None)
        if callable(run) and run(self.window(), self.database, inquiry_id) is not None:
            self._reload_list()
            self.data_changed.emit("inquiries")
