"""The inquiry log (the default view): every inquiry, newest first, overdue ones obvious.

A filter bar (release, status, owner, received from/to) narrows the log together with
the main search field (journalist names in both scripts, organisation, e-mail, phone
digits in any form, question text). Rows load a page at a time from the service, which
reads them off an index in display order, so the log opens and filters at once over
1 000 000 inquiries. Overdue and due-today rows are tinted, bold, and marked in words
and with an icon in the deadline column (never by colour alone).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QDate,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.models import OPEN_INQUIRY_STATUSES, InquiryStatus, utc_now
from desktop.dialogs.history import show_history
from desktop.lazy_table import Column, MirroredTableModel, Row
from desktop.views.base import View, refresh_in_place
from desktop.widgets.inquiry_labels import (
    channel_label,
    deadline_text,
    local_time,
    release_title,
    response_time,
    short_text,
    status_label,
)
from desktop.workers import Task, start
from services.inquiries import (
    CONTACT_MATCH_CAP,
    DeadlineState,
    InquiryCounts,
    InquiryFilter,
    count_inquiries,
    deadline_state,
    inquiry_count_estimate,
    inquiry_owners,
    release_choices,
    search_inquiries,
    search_words,
)

# Repaint the deadline marks this often: an inquiry becomes overdue without any edit.
CLOCK_MS = 60_000
# The earliest date a "received" filter can take; showing it means "no limit".
_NO_DATE = QDate(2000, 1, 1)
OVERDUE_BACKGROUND = QColor(253, 224, 220)
OVERDUE_FOREGROUND = QColor(135, 20, 10)
DUE_TODAY_BACKGROUND = QColor(255, 241, 196)
DUE_TODAY_FOREGROUND = QColor(96, 66, 0)
_SETTINGS_HEADER = "inquiriesView/header"
# Rows loaded at a time: a screenful and a half (at least PAGE); the rest come as the
# officer scrolls. Each keystroke in the search reads and formats one page, and a page
# costs about 0.2 ms a row, so a page is kept short.
PAGE = 20
# Count the matches once the search has not changed for this long (typing pauses).
COUNT_DELAY_MS = 250
# Above about this many inquiries, searching inside every question is a choice.
LARGE_LOG = 50_000


def _journalist_and_outlet(row: Row) -> str:
    names = [n for n in (row.get("journalist"), row.get("outlet")) if n]
    return " · ".join(names)


def _journalist_tooltip(row: Row) -> str:
    lines = [row.get("journalist_full"), row.get("outlet"), row.get("phone"), row.get("email")]
    return "\n".join(str(line) for line in lines if line)


def _release(row: Row) -> str:
    return release_title(row, zh_key="release_title_zh", en_key="release_title_en")


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


class InquiriesView(View):
    """Every inquiry, newest first, with filters, counts and deadline marks."""

    #: Emitted when the background count for the current filter is in.
    counts_ready = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        self._text = ""
        self._reloading = False
        self._now = utc_now()
        self._counts = InquiryCounts(0, False, 0, 0)
        self._counting = False
        self._count_generation = 0
        self._count_tasks: list[Task] = []
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        # Matching words inside every question reads the whole log (no index serves it):
        # on by default where that is quick, a choice on a very large log.
        self._large_log = inquiry_count_estimate(database) > LARGE_LOG
        self._build_filter_bar()
        self.columns = [
            Column("received_at", self.tr("Received"), lambda r: r["_received"]),
            Column(
                "release",
                self.tr("Release"),
                lambda r: short_text(r["_release"], 22),
                tooltip=lambda r: r["_release"] or None,
            ),
            Column(
                "journalist",
                self.tr("Journalist / outlet"),
                _journalist_and_outlet,
                tooltip=_journalist_tooltip,
            ),
            Column("channel", self.tr("Channel"), lambda r: channel_label(r["channel"])),
            Column("deadline", self.tr("Deadline"), lambda r: r["_deadline"]),
            Column("owner", self.tr("Owner"), lambda r: r.get("owner_name") or ""),
            Column("status", self.tr("Status"), lambda r: status_label(r["status"])),
            Column(
                "first_response",
                self.tr("First response"),
                lambda r: response_time(r.get("first_response_seconds")),
                tooltip=lambda r: local_time(r.get("first_response_at")) or None,
            ),
            Column(
                "question",
                self.tr("Question"),
                lambda r: _first_line(r["question"]),
                tooltip=lambda r: r["question"] or None,
            ),
        ]
        self._deadline_column = 4
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self._overdue_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self._due_today_icon = self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxInformation
        )
        # Held as Qt items: painting a screenful makes no call into Python.
        self.model = MirroredTableModel(
            self.columns,
            self._fetch,
            self,
            page=PAGE,
            row_style=self._row_style,
            decoration=self._decoration,
        )
        self.table = QTableView()
        self.table.setObjectName("inquiriesTable")
        self.table.setModel(self.model)
        self.model.watch(self.table)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.history_action = QAction(self.tr("History…"), self.table)
        self.history_action.setObjectName("inquiryHistory")
        self.table.addAction(self.history_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(mid); padding: 16px;")
        self.empty_label.setVisible(False)
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_MS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        self._load_choices()
        self._connect_signals()
        self.reload()
        for column, width in enumerate((130, 130, 200, 70, 170, 75, 85, 100)):
            self.table.setColumnWidth(column, width)
        self._restore_header()
        self._clock.start()

    # --- construction ------------------------------------------------------------------------

    def _build_filter_bar(self) -> None:
        self.filter_bar = QWidget()
        self.filter_bar.setObjectName("filterBar")
        # The combo boxes name themselves ("All releases", "Any status", "Any owner"), so
        # the bar fits beside the sidebar without labels; the tooltips say what they do.
        self.release_combo = self._combo("releaseFilter", self.tr("Only this release"), 14)
        self.status_combo = self._combo("statusFilter", self.tr("Only this status"), 12)
        for text, key in (
            (self.tr("Any status"), ""),
            (self.tr("Open (new or in progress)"), "open"),
            (self.tr("Overdue"), DeadlineState.OVERDUE.value),
            (self.tr("Due today"), DeadlineState.DUE_TODAY.value),
            *((status_label(s), s.value) for s in InquiryStatus),
        ):
            self.status_combo.addItem(text, key)
        self.owner_combo = self._combo("ownerFilter", self.tr("Only this owner's"), 9)
        self.from_date = self._date_edit("receivedFrom")
        self.to_date = self._date_edit("receivedTo")
        self.from_date.setToolTip(self.tr("Received on or after this day"))
        self.to_date.setToolTip(self.tr("Received on or before this day"))
        self.questions_box = QCheckBox(self.tr("In questions"))
        self.questions_box.setObjectName("searchQuestions")
        self.questions_box.setChecked(not self._large_log)
        self.questions_box.setToolTip(
            self.tr(
                "Also look for the search words inside the questions. On a very large "
                "log this reads every inquiry, so it is off there until you tick it."
            )
        )
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setToolTip(self.tr("Clear the filters"))
        self.new_button = QPushButton(self.tr("New inquiry…"))
        self.new_button.setObjectName("newInquiry")
        self.new_button.setToolTip(self.tr("Log a new inquiry (Ctrl+N)"))
        received = QLabel(self.tr("&Received"))
        received.setBuddy(self.from_date)
        layout = QHBoxLayout(self.filter_bar)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.release_combo)
        layout.addWidget(self.status_combo)
        layout.addWidget(self.owner_combo)
        layout.addSpacing(6)
        layout.addWidget(received)
        layout.addWidget(self.from_date)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.to_date)
        layout.addWidget(self.questions_box)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        layout.addWidget(self.new_button)

    @staticmethod
    def _combo(name: str, tooltip: str, width: int) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setToolTip(tooltip)
        combo.setMinimumContentsLength(width)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(self.tr("any day"))
        edit.setDate(_NO_DATE)
        return edit

    def _connect_signals(self) -> None:
        self.model.modelReset.connect(self.on_rows_changed)
        self.model.rowsInserted.connect(self.on_rows_changed)
        self.table.activated.connect(self.on_activated)
        self.history_action.triggered.connect(self.open_history)
        self.release_combo.currentIndexChanged.connect(self.on_filter_changed)
        self.status_combo.currentIndexChanged.connect(self.on_filter_changed)
        self.owner_combo.currentIndexChanged.connect(self.on_filter_changed)
        self.from_date.dateChanged.connect(self.on_filter_changed)
        self.to_date.dateChanged.connect(self.on_filter_changed)
        self.questions_box.toggled.connect(self.on_questions_toggled)
        self.clear_button.clicked.connect(self.clear_filters)
        self.new_button.clicked.connect(self.on_new_inquiry)
        self.table.horizontalHeader().sectionResized.connect(self.on_section_resized)
        self._clock.timeout.connect(self.on_clock)
        self._count_timer.timeout.connect(self.start_count)

    def _load_choices(self) -> None:
        """(Re)fill the release and owner filters, keeping what was picked."""
        for combo, first, items in (
            (
                self.release_combo,
                self.tr("All releases"),
                [
                    (short_text(release_title(r), 40), r["id"])
                    for r in release_choices(self.database)
                ],
            ),
            (
                self.owner_combo,
                self.tr("Any owner"),
                [(o["name"] or str(o["id"]), o["id"]) for o in inquiry_owners(self.database)],
            ),
        ):
            picked = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for text, key in items:
                combo.addItem(text, key)
            index = combo.findData(picked) if picked is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def _restore_header(self) -> None:
        state = QSettings().value(_SETTINGS_HEADER)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.table.horizontalHeader().restoreState(state)

    # --- filtering ---------------------------------------------------------------------------

    def current_filter(self) -> InquiryFilter:
        """What the filter bar and the search field select."""
        key = self.status_combo.currentData() or ""
        statuses: tuple[str, ...] = ()
        due: DeadlineState | None = None
        if key == "open":
            statuses = tuple(OPEN_INQUIRY_STATUSES)
        elif key in (DeadlineState.OVERDUE, DeadlineState.DUE_TODAY):
            due = DeadlineState(key)
        elif key:
            statuses = (key,)
        return InquiryFilter(
            text=self._text,
            search_questions=self.questions_box.isChecked(),
            release_id=self.release_combo.currentData(),
            statuses=statuses,
            owner_id=self.owner_combo.currentData(),
            received_from=self._day_start(self.from_date, 0),
            received_to=self._day_start(self.to_date, 1),
            due=due,
        )

    @staticmethod
    def _day_start(edit: QDateEdit, days_after: int) -> datetime | None:
        """Local midnight starting the picked day (+ ``days_after``), in UTC; None if unset."""
        picked = edit.date()
        if picked == _NO_DATE:
            return None
        day = date(picked.year(), picked.month(), picked.day()).toordinal() + days_after
        local = datetime.combine(date.fromordinal(day), time()).astimezone()
        return local.astimezone(UTC)

    def filters_active(self) -> bool:
        """True when the filter bar or the search narrows the log."""
        shown = self.current_filter()
        return replace(shown, search_questions=True) != InquiryFilter()

    def _fetch(self, offset: int, limit: int) -> list[Row]:
        # Continue after the last row shown (keyset paging): as quick deep in the log as
        # at its top, where an OFFSET would skip every row before it again.
        after = None
        if offset and offset == self.model.rowCount():
            last = self.model.row_at(offset - 1)
            after = (last["received_at"], int(last["id"]))
        rows = search_inquiries(
            self.database,
            self.current_filter(),
            limit=limit,
            offset=0 if after else offset,
            after=after,
            now=self._now,
        )
        return self._prepare(rows)

    def reload(self) -> None:
        """Load the first page now, and count the matches in the background."""
        self._now = utc_now()
        # Between the reset and the first page the log is empty for a moment: showing
        # the "no inquiry" note then would lay the view out twice at every keystroke.
        self._reloading = True
        try:
            self.model.reload(page=self._page_size())
        finally:
            self._reloading = False
        self._update_empty_label()
        self.count_later()

    def _page_size(self) -> int:
        """A screenful and a half of rows (the screen's height until the table is shown)."""
        if self.table.isVisible():
            height = self.table.viewport().height()
        else:
            height = self.screen().availableGeometry().height()
        rows = height // max(self.table.verticalHeader().defaultSectionSize(), 1)
        return max(PAGE, rows * 3 // 2 + 1)

    def count_later(self, *, quietly: bool = False) -> None:
        """Count in the background: the status line follows, typing never waits for it.

        Args:
            quietly: keep showing the old counts meanwhile, not "Counting…" (a colleague's
                change: the counts move by one, the status line should not flash).
        """
        self._count_generation += 1
        if not quietly:
            self._counting = True
            self.status_changed.emit()
        # Typing reloads the log at every keystroke; counting each prefix would keep both
        # cores busy while the officer types. Count once the search has settled.
        self._count_timer.start()

    @Slot()
    def start_count(self) -> None:
        """Count the current filter's inquiries in the background (see count_later)."""
        generation = self._count_generation
        database, flt, now = self.database, self.current_filter(), self._now

        def count(_progress: Any) -> tuple[int, InquiryCounts | None]:
            if generation != self._count_generation:
                return generation, None  # the filter changed while this waited for a thread
            return generation, count_inquiries(database, flt, now=now)

        task = Task(count)
        task.signals.succeeded.connect(self.on_counted)
        task.signals.done.connect(self.on_count_task_done)
        self._count_tasks.append(task)  # kept alive until it is done
        start(task)

    def counting(self) -> bool:
        """True while the counts for the current filter are not in yet."""
        return self._counting

    @Slot(object)
    def on_counted(self, result: tuple[int, InquiryCounts | None]) -> None:
        """Show the counts, unless the filter changed while they were counted."""
        generation, counts = result
        if generation != self._count_generation or counts is None:
            return
        self._counts = counts
        self._counting = False
        self.status_changed.emit()
        self.counts_ready.emit()

    @Slot()
    def on_count_task_done(self) -> None:
        """Let go of a finished counting task."""
        signals = self.sender()
        self._count_tasks = [t for t in self._count_tasks if t.signals is not signals]

    @Slot()
    def on_filter_changed(self) -> None:
        """A filter changed: reload."""
        self.reload()

    @Slot(bool)
    def on_questions_toggled(self, _checked: bool) -> None:
        """Searching the questions or not changes the matches only when there is text."""
        if self._text.strip():
            self.reload()

    @Slot()
    def clear_filters(self) -> None:
        """Show every inquiry again (the search field is the window's to clear)."""
        for widget in (self.release_combo, self.status_combo, self.owner_combo):
            widget.blockSignals(True)
            widget.setCurrentIndex(0)
            widget.blockSignals(False)
        for edit in (self.from_date, self.to_date):
            edit.blockSignals(True)
            edit.setDate(_NO_DATE)
            edit.blockSignals(False)
        self.reload()

    def _update_empty_label(self) -> None:
        if self.model.rowCount():
            self.empty_label.setVisible(False)
            return
        if self.filters_active():
            text = self.tr("No inquiry matches the search and filters.")
        else:
            text = self.tr(
                "No inquiries yet. Log a call with Ctrl+L, or add an inquiry with Ctrl+N."
            )
        self.empty_label.setText(text)
        self.empty_label.setVisible(True)

    # --- how rows look -----------------------------------------------------------------------

    def _prepare(self, rows: list[Row]) -> list[Row]:
        """Work out once per row what its cells show (the model turns them into items)."""
        for row in rows:
            row["_received"] = local_time(row["received_at"])
            row["_release"] = _release(row)
            self._prepare_deadline(row)
        return rows

    def _prepare_deadline(self, row: Row) -> None:
        row["_state"] = deadline_state(row["status"], row.get("deadline"), self._now)
        row["_deadline"] = deadline_text(row, self._now)

    def deadline_state_of(self, row: Row) -> DeadlineState | None:
        """Overdue, due today, or None, as of the view's clock."""
        state: DeadlineState | None = row.get("_state")
        return state

    def _row_style(self, row: Row, role: int) -> Any:
        state = row.get("_state")
        if state is None:
            return None
        overdue = state == DeadlineState.OVERDUE
        if role == Qt.ItemDataRole.BackgroundRole:
            return OVERDUE_BACKGROUND if overdue else DUE_TODAY_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole:
            return OVERDUE_FOREGROUND if overdue else DUE_TODAY_FOREGROUND
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        return None

    def _decoration(self, row: Row) -> tuple[int, Any] | None:
        """The deadline column's icon for an overdue or due-today row."""
        state = row.get("_state")
        if state is None:
            return None
        icon = self._overdue_icon if state == DeadlineState.OVERDUE else self._due_today_icon
        return self._deadline_column, icon

    # --- View --------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Inquiries")

    @Slot(str)
    def apply_search(self, text: str) -> None:
        # "w" or "69" does not narrow the log yet: do not reload it for nothing.
        unchanged = search_words(text) == search_words(self._text)
        self._text = text
        if not unchanged:
            self.reload()

    def status_text(self) -> str:
        if self._counting:
            return self.tr("Counting inquiries…")
        counts = self._counts
        if counts.more:
            parts = [self.tr("more than %Ln inquiries", "", counts.total)]
        else:
            parts = [self.tr("%Ln inquiry(ies)", "", counts.total)]
        parts.append(self.tr("%Ln overdue", "", counts.overdue))
        parts.append(self.tr("%Ln due today", "", counts.due_today))
        if counts.contacts_capped:
            parts.append(
                self.tr(
                    "the search matches over %Ln people: type more to see all of theirs",
                    "",
                    CONTACT_MATCH_CAP,
                )
            )
        return " · ".join(parts)

    def refresh(self) -> None:
        selected = self.selected_inquiry_id()
        self._load_choices()
        self.reload()
        if selected is not None:
            self.select_inquiry(selected)

    def refresh_live(self) -> None:
        shown = self.current_filter()
        self._load_choices()
        if self.current_filter() != shown:
            self.refresh()  # the release or owner filtered on is gone
            return
        self._now = utc_now()
        refresh_in_place(self.table, self.model)
        self._update_empty_label()
        self.count_later(quietly=True)

    # --- selection and opening ---------------------------------------------------------------

    def selected_inquiry_id(self) -> int | None:
        """The id of the inquiry under the cursor, or None."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return int(self.model.row_at(index.row())["id"])

    def select_inquiry(self, inquiry_id: int) -> bool:
        """Put the cursor on this inquiry when it is loaded; False when it is not."""
        row = self.model.row_of("id", inquiry_id)
        if row < 0:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    @Slot(QModelIndex)
    def on_activated(self, index: QModelIndex) -> None:
        """Enter or double-click: open the inquiry in the editor."""
        if index.isValid():
            self.open_inquiry(int(self.model.row_at(index.row())["id"]))

    @Slot()
    def open_history(self) -> None:
        """Show who changed the inquiry under the cursor, what and when."""
        inquiry_id = self.selected_inquiry_id()
        if inquiry_id is not None:
            title = self.tr("Inquiry %1").replace("%1", str(inquiry_id))
            show_history(self, self.database, "inquiry", inquiry_id, title)

    def open_inquiry(self, inquiry_id: int) -> None:
        """Edit one inquiry; after a save, reload and tell the other views."""
        from desktop.dialogs.inquiry_editor import run_edit_inquiry  # noqa: PLC0415 - lazy

        saved = run_edit_inquiry(self, self.database, inquiry_id)
        if saved is None:
            return
        row = self.model.row_of("id", inquiry_id)
        if row >= 0:
            # Update the row where it is: reloading would lose the place of an officer
            # deep in the log. It stays until the next reload even if it no longer
            # matches the filter, as in a mail client.
            self.model.row_at(row).update(self._prepare([saved])[0])
            self.model.copy_rows(row, row)
        self.count_later()
        self.data_changed.emit("inquiries")

    @Slot()
    def on_new_inquiry(self) -> None:
        """The "New inquiry…" button: the same as Inquiries → New inquiry."""
        from desktop.dialogs.inquiry_editor import run_new_inquiry  # noqa: PLC0415 - lazy

        run_new_inquiry(self.window())

    @Slot()
    def on_rows_changed(self) -> None:
        """Rows were loaded: the status line and the empty note may change."""
        if self._reloading:
            return  # reload() updates both once the first page is in
        self._update_empty_label()
        self.status_changed.emit()

    @Slot()
    def on_clock(self) -> None:
        """A minute passed: deadlines may have passed; repaint the marks and counts."""
        self._now = utc_now()
        for number, row in enumerate(self.model.rows()):
            shown = (row.get("_state"), row.get("_deadline"))
            self._prepare_deadline(row)
            if (row["_state"], row["_deadline"]) != shown:
                self.model.copy_rows(number, number)  # only the rows whose mark changed
        self.count_later()

    @Slot(int, int, int)
    def on_section_resized(self, _section: int, _old: int, _new: int) -> None:
        """Remember the column widths for next time."""
        QSettings().setValue(_SETTINGS_HEADER, self.table.horizontalHeader().saveState())
