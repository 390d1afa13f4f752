"""File → Import contacts…: preview a CSV, XLSX or vCard file of contacts, then import it.

The file is opened and a dry run of the import made off the GUI thread
(``services.contact_import.import_contact_file(..., dry_run=True)``); the dialog shows what
would be created and merged, the first rows as they will be imported (numbers in E.164,
addresses normalised), and every problem with its severity, place, field, value, message
and suggestion. For CSV and XLSX the column mapping (source column → our field) is shown
and can be corrected, then previewed again. Nothing is written until Import; the import
runs with progress, and Cancel rolls it back (nothing is written). A file the importer
refuses shows why.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from desktop.dialogs.release_import import SEVERITY_COLOURS, severity_label
from desktop.lazy_table import Column, LazyTableModel, Row
from desktop.problem_text import (
    error_text,
    problem_text,
    refusal_problems,
    suggestion_text,
)
from desktop.widgets.contact_labels import email_type_label, phone_type_label
from desktop.widgets.field_labels import field_label as problem_field_label
from desktop.workers import Progress, Task, start
from services.contact_files import CONTACT_FIELDS, open_contact_file
from services.contact_import import ValidatedContact, import_contact_file, validate_batch
from services.exports import display_phone
from services.import_report import ImportReport
from services.problems import InputRejected, Problem, Severity
from services.processes import start_helper_server

PREVIEW_ROWS = 50
"""Rows shown as they will be imported (the dry run still reads the whole file)."""
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.FIXED: 2}
_MAPPING_TAB = 1
# Tasks whose dialog closed before they finished: kept alive until they do.
_running: set[Task] = set()


def field_label(key: str) -> str:
    """Our field as the mapping editor shows it (paired columns included)."""
    if key in CONTACT_FIELDS:
        return QCoreApplication.translate("ContactFields", CONTACT_FIELDS[key])
    what, _, number = key.partition(":")
    labels = {
        "phone_value": QCoreApplication.translate("ContactImport", "Phone %1 (number)"),
        "phone_type": QCoreApplication.translate("ContactImport", "Phone %1 (type)"),
        "email_value": QCoreApplication.translate("ContactImport", "E-mail %1 (address)"),
        "email_type": QCoreApplication.translate("ContactImport", "E-mail %1 (type)"),
    }
    return labels[what].replace("%1", number) if what in labels else key


@dataclass
class ContactPreview:
    """What importing a file would do.

    Attributes:
        kind / encoding / delimiter / columns / mapping: as the reader opened the file.
        first_rows: the first records, validated as the import will store them.
        report: the dry run's report (created and merged counts, every problem).
    """

    path: Path
    kind: str
    encoding: str | None
    delimiter: str | None
    columns: list[str]
    mapping: dict[str, str]
    first_rows: list[ValidatedContact]
    report: ImportReport


def preview_contact_file(
    database: Database,
    path: Path | str,
    mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> ContactPreview:
    """Open ``path`` and dry-run its import (nothing is written).

    Raises:
        InputRejected: the file cannot be read as contacts.
    """
    source = open_contact_file(path, mapping=mapping)
    first_rows = validate_batch(list(itertools.islice(source.rows(), PREVIEW_ROWS)))
    report = import_contact_file(database, path, dry_run=True, mapping=mapping, progress=progress)
    return ContactPreview(
        Path(path),
        source.kind,
        source.encoding,
        source.delimiter,
        list(source.columns),
        dict(source.mapping),
        first_rows,
        report,
    )


def _fixed(rows: list[Row]) -> Any:
    return lambda offset, limit: rows[offset : offset + limit]


def _problem_style(row: Row, role: int) -> Any:
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(QColor(SEVERITY_COLOURS.get(row["severity"], "#ffffff")))
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(QColor("#1a1a1a"))  # dark on the light backgrounds, in any theme
    return None


_PLACE = re.compile(r"(?:\[(?P<sheet>[^\]]*)\] )?(?P<kind>line|card|row) (?P<number>\d+)\Z")


def where_label(where: str, file_name: str) -> str:
    """A place in the file as the preview shows it: "line 12", "card 3", "row 4" or
    "電視台 · row 4" (a sheet of a workbook), translated.

    The file is named above the tables; the line or card is what the officer looks for.
    """
    place = where.removeprefix(file_name).strip() or where
    found = _PLACE.match(place)
    if found is None:
        return place
    if found["kind"] == "line":
        label = QCoreApplication.translate("ContactImport", "line %1")
    elif found["kind"] == "row":
        label = QCoreApplication.translate("ContactImport", "row %1")
    else:
        label = QCoreApplication.translate("ContactImport", "card %1")
    label = label.replace("%1", found["number"])
    # A workbook of several sheets: the sheet, then the row in it.
    return f"{found['sheet']} · {label}" if found["sheet"] is not None else label


def _row_dict(number: int, contact: ValidatedContact, file_name: str) -> Row:
    row = contact.row
    return {
        "id": number,
        "where": where_label(row.where, file_name),
        "name": " ".join(n for n in (row.name_zh, row.name_en) if n) or row.romanisation or "",
        "organization": " ".join(o for o in (row.organization_zh, row.organization_en) if o),
        "title": " / ".join(t for t in (row.title_zh, row.title_en) if t),
        "phones": "; ".join(
            f"{display_phone(p.e164, p.extension)} ({phone_type_label(p.type)})"
            for p in contact.phones
        ),
        "emails": "; ".join(f"{e.address} ({email_type_label(e.type)})" for e in contact.emails),
        "tags": ", ".join(row.tags),
        "unparsed": "; ".join(contact.unparsed),
        "skip": contact.skip,
    }


def _skipped_style(row: Row, role: int) -> Any:
    if role == Qt.ItemDataRole.ForegroundRole and row["skip"]:
        return QBrush(QColor("#888888"))  # a skipped record: shown, greyed
    return None


class ContactImportDialog(QDialog):
    """The preview of one contact file, its column mapping, and its import."""

    def __init__(self, database: Database, path: Path | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("contactImportDialog")
        self.database = database
        self.path = Path(path)
        self.preview: ContactPreview | None = None
        self.mapping: dict[str, str] | None = None  # None: the reader guesses
        self.result_report: ImportReport | None = None
        self.task: Task | None = None
        self._importing = False
        # A large file is read and validated in helper processes: their server starts
        # while the user looks at the preview.
        start_helper_server()
        self.setWindowTitle(self.tr("Import contacts — %1").replace("%1", self.path.name))
        self._build()
        self._connect_signals()
        self.resize(1100, 720)

    # --- construction ----------------------------------------------------------------------

    def _build(self) -> None:
        self.state = QLabel(self.tr("Reading %1…").replace("%1", self.path.name))
        self.state.setObjectName("state")
        self.state.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("progress")
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setMaximumHeight(12)
        self.progress_bar.setTextVisible(False)

        file_box = QGroupBox(self.tr("File"))
        file_form = QFormLayout(file_box)
        self.fields: dict[str, QLabel] = {}
        for key, label in (
            ("file", self.tr("File")),
            ("kind", self.tr("Kind")),
            ("encoding", self.tr("Encoding")),
        ):
            value = QLabel()
            value.setObjectName(f"field_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            file_form.addRow(label, value)
        counts_box = QGroupBox(self.tr("Will be written"))
        counts_form = QFormLayout(counts_box)
        self.counts: dict[str, QLabel] = {}
        for key, label in (
            ("contacts", self.tr("New contacts")),
            ("merged", self.tr("Merged with existing contacts")),
            ("organizations", self.tr("New organisations")),
            ("phones", self.tr("Phone numbers")),
            ("emails", self.tr("E-mail addresses")),
        ):
            value = QLabel("–")
            value.setObjectName(f"count_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.counts[key] = value
            counts_form.addRow(label, value)
        summary = QWidget()
        summary_layout = QHBoxLayout(summary)
        summary_layout.setContentsMargins(0, 0, 0, 0)
        summary_layout.addWidget(file_box, 3)
        summary_layout.addWidget(counts_box, 2)

        self.row_model = LazyTableModel(
            [
                Column("where", self.tr("Where"), lambda r: r["where"]),
                Column("name", self.tr("Name"), lambda r: r["name"]),
                Column("organization", self.tr("Organisation"), lambda r: r["organization"]),
                Column("title", self.tr("Title"), lambda r: r["title"]),
                Column("phones", self.tr("Phones"), lambda r: r["phones"]),
                Column("emails", self.tr("E-mails"), lambda r: r["emails"]),
                Column("tags", self.tr("Tags"), lambda r: r["tags"]),
                Column("unparsed", self.tr("Kept in notes (invalid)"), lambda r: r["unparsed"]),
            ],
            _fixed([]),
            self,
            row_style=_skipped_style,
        )
        self.row_table = self._table("rows", self.row_model)

        self.mapping_table = QTableWidget(0, 2)
        self.mapping_table.setObjectName("mapping")
        self.mapping_table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Imported as")]
        )
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        mapping_header = self.mapping_table.horizontalHeader()
        mapping_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        mapping_header.setStretchLastSection(True)
        self.mapping_combos: dict[str, QComboBox] = {}
        self.mapping_note = QLabel(
            self.tr(
                "Choose what each column holds. Columns set to “ignore” are not imported. "
                "Press Preview again to see the result; nothing is written until Import."
            )
        )
        self.mapping_note.setWordWrap(True)
        self.repreview_button = QPushButton(self.tr("Preview again"))
        self.repreview_button.setObjectName("repreviewButton")
        self.repreview_button.setEnabled(False)
        mapping_page = QWidget()
        mapping_layout = QVBoxLayout(mapping_page)
        mapping_layout.setContentsMargins(0, 0, 0, 0)
        mapping_layout.addWidget(self.mapping_note)
        mapping_layout.addWidget(self.mapping_table, 1)
        mapping_row = QHBoxLayout()
        mapping_row.addStretch(1)
        mapping_row.addWidget(self.repreview_button)
        mapping_layout.addLayout(mapping_row)

        self.problem_model = LazyTableModel(
            [
                Column("severity", self.tr("Severity"), lambda r: severity_label(r["severity"])),
                Column("where", self.tr("Where"), lambda r: r["where"]),
                Column("field", self.tr("Field"), lambda r: problem_field_label(r["field"])),
                Column("value", self.tr("Value"), lambda r: r["value"]),
                Column("suggestion", self.tr("Suggestion"), lambda r: r["suggestion"] or ""),
                Column("message", self.tr("Message"), lambda r: r["message"]),
            ],
            _fixed([]),
            self,
            row_style=_problem_style,
        )
        self.problem_table = self._table("problems", self.problem_model)
        problem_header = self.problem_table.horizontalHeader()
        for column, width in ((3, 200), (4, 160)):
            problem_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.problem_table.setColumnWidth(column, width)
        self.problem_detail = QLabel()
        self.problem_detail.setObjectName("problemDetail")
        self.problem_detail.setWordWrap(True)
        self.problem_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        problems_page = QWidget()
        problems_layout = QVBoxLayout(problems_page)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.problem_table, 1)
        problems_layout.addWidget(self.problem_detail)

        self.merged = QLabel()
        self.merged.setObjectName("merged")
        self.merged.setWordWrap(True)
        self.merged.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.merged.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("previewTabs")
        self.tabs.addTab(self.row_table, self.tr("Rows"))
        self.tabs.addTab(mapping_page, self.tr("Column mapping"))
        self.tabs.addTab(problems_page, self.tr("Problems"))
        self.tabs.addTab(self.merged, self.tr("Merges"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.progress_bar)
        layout.addWidget(summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    def _table(self, name: str, model: LazyTableModel) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        self.repreview_button.clicked.connect(self.on_repreview)
        self.problem_table.selectionModel().currentRowChanged.connect(self.on_problem_current)

    # --- the mapping -----------------------------------------------------------------------

    def _fill_mapping(self, preview: ContactPreview) -> None:
        self.mapping_combos = {}
        self.mapping_table.setRowCount(len(preview.columns))
        for row, column in enumerate(preview.columns):
            target = preview.mapping.get(column, "ignore")
            self.mapping_table.setItem(row, 0, QTableWidgetItem(column))
            combo = QComboBox()
            combo.setObjectName(f"map_{row}")
            keys = list(CONTACT_FIELDS)
            if target not in CONTACT_FIELDS:
                keys.insert(0, target)  # a paired column the reader recognised
            for key in keys:
                combo.addItem(field_label(key), key)
            combo.setCurrentIndex(keys.index(target))
            combo.currentIndexChanged.connect(self.on_mapping_edited)
            self.mapping_table.setCellWidget(row, 1, combo)
            self.mapping_combos[column] = combo
        self.tabs.setTabEnabled(_MAPPING_TAB, bool(preview.columns))

    def set_mapping(self, column: str, target: str) -> None:
        """Map ``column`` to our field ``target`` (as choosing it in its combo does)."""
        combo = self.mapping_combos[column]
        combo.setCurrentIndex(combo.findData(target))

    def edited_mapping(self) -> dict[str, str]:
        """Column -> field as the mapping table now says."""
        return {column: combo.currentData() for column, combo in self.mapping_combos.items()}

    @Slot(int)
    def on_mapping_edited(self, _index: int) -> None:
        """A changed mapping needs a new preview before Import."""
        changed = self.preview is not None and self.edited_mapping() != self.preview.mapping
        self.repreview_button.setEnabled(changed)
        self.import_button.setEnabled(not changed and self._can_import())
        if changed:
            self.state.setText(
                self.tr("The mapping changed: press Preview again to check it before importing.")
            )

    @Slot()
    def on_repreview(self) -> Task:
        """Preview again with the edited mapping."""
        self.mapping = self.edited_mapping()
        self.repreview_button.setEnabled(False)
        return self.start_preview()

    # --- the preview -----------------------------------------------------------------------

    def start_preview(self) -> Task:
        """Open the file and dry-run the import in the background."""
        database, path, mapping = self.database, self.path, self.mapping

        def work(progress: Progress) -> ContactPreview:
            return preview_contact_file(database, path, mapping, progress)

        self.import_button.setEnabled(False)
        self.state.setText(self.tr("Reading %1…").replace("%1", self.path.name))
        self.state.setStyleSheet("")
        task = Task(work)
        task.signals.succeeded.connect(self.show_preview)
        task.signals.rejected.connect(self.show_refusal)
        task.signals.crashed.connect(self.show_crash)
        self._run(task)
        return task

    def _run(self, task: Task) -> None:
        self.task = task
        _running.add(task)
        task.signals.progress.connect(self.on_progress)
        task.signals.done.connect(self.on_task_done)
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setVisible(True)
        start(task)

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        """Move the bar (busy while the total is unknown)."""
        self.progress_bar.setRange(0, max(total, done) if total else 0)
        self.progress_bar.setValue(done)

    @Slot()
    def on_task_done(self) -> None:
        """The background work ended (whatever its outcome)."""
        self.progress_bar.setVisible(False)
        if self.task is not None:
            _running.discard(self.task)
            self.task = None

    def is_busy(self) -> bool:
        """True while the file is being read or imported."""
        return self.task is not None

    def _can_import(self) -> bool:
        return self.preview is not None and not self.preview.report.cancelled

    @Slot(object)
    def show_preview(self, preview: ContactPreview) -> None:
        """Show what the import would write, the first rows, the mapping, every problem."""
        self.preview = preview
        report = preview.report
        self.fields["file"].setText(preview.path.name)
        kinds = {
            "csv": self.tr("CSV"),
            "xlsx": self.tr("Excel workbook"),
            "vcard": self.tr("vCard"),
        }
        self.fields["kind"].setText(kinds.get(preview.kind, preview.kind))
        encoding = preview.encoding or ""
        if preview.delimiter:
            delimiter = {"\t": self.tr("tab")}.get(preview.delimiter, preview.delimiter)
            encoding = self.tr("%1, separated by “%2”").replace("%1", encoding)
            encoding = encoding.replace("%2", delimiter)
        self.fields["encoding"].setText(encoding)
        for key, label in self.counts.items():
            label.setText(str(report.created.get(key, 0)))
        rows = [_row_dict(i, c, preview.path.name) for i, c in enumerate(preview.first_rows)]
        self.row_model.reload(_fixed(rows))
        self._fill_mapping(preview)
        ordered = sorted(report.problems, key=lambda p: _SEVERITY_ORDER.get(p.severity, 3))
        self._show_problems([self._problem_row(i, p) for i, p in enumerate(ordered)])
        self.merged.setText("\n".join(report.merged) or self.tr("Nobody: every contact is new."))
        self.tabs.setTabText(0, self.tr("Rows (first %1)").replace("%1", str(len(rows))))
        self.tabs.setTabText(3, self.tr("Merges (%1)").replace("%1", str(report.created["merged"])))
        if report.cancelled:
            self.state.setText(self.tr("The preview was cancelled."))
            return
        written = report.created["contacts"] + report.created["merged"]
        if not written:
            self.state.setText(
                self.tr(
                    "Nothing in this file would be imported. Check the column mapping and the problems."
                )
            )
            self.state.setStyleSheet("color: #b00020;")
            self.import_button.setEnabled(False)
            return
        text = self.tr(
            "%1 new contact(s), %2 merged with existing ones. Nothing has been written yet: "
            "check the rows and the problems, then press Import."
        )
        self.state.setText(
            text.replace("%1", str(report.created["contacts"])).replace(
                "%2", str(report.created["merged"])
            )
        )
        self.state.setStyleSheet("")
        self.import_button.setEnabled(True)

    def _problem_row(self, number: int, problem: Problem) -> Row:
        where = where_label(problem.where, self.path.name)
        return {
            "id": number,
            "severity": problem.severity,
            "where": where,
            "field": problem.field,
            "value": problem.value,
            "message": problem_text(problem),
            "suggestion": suggestion_text(problem),
        }

    def _show_problems(self, rows: list[Row]) -> None:
        self.problem_model.reload(_fixed(rows))
        self.tabs.setTabText(2, self.tr("Problems (%1)").replace("%1", str(len(rows))))
        if rows:
            self.problem_table.setCurrentIndex(self.problem_model.index(0, 0))
        else:
            self.problem_detail.setText(self.tr("No problems: every value was read as written."))

    @Slot(QModelIndex, QModelIndex)
    def on_problem_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Show the highlighted problem in full."""
        if not current.isValid():
            self.problem_detail.setText("")
            return
        row = self.problem_model.row_at(current.row())
        text = self.tr("%1 · %2 · %3: “%4”\n%5").replace("%1", severity_label(row["severity"]))
        text = text.replace("%2", row["where"]).replace("%3", problem_field_label(row["field"]))
        text = text.replace("%4", row["value"]).replace("%5", row["message"])
        if row["suggestion"]:
            text += "\n" + self.tr("Suggestion: %1").replace("%1", row["suggestion"])
        self.problem_detail.setText(text)

    @Slot(object)
    def show_refusal(self, error: InputRejected) -> None:
        """The importer refused the file: say why; nothing can be imported."""
        self.state.setText(
            self.tr("This file cannot be imported: %1 Nothing was written.").replace(
                "%1", self._refusal_text(error)
            )
        )
        self.state.setStyleSheet("color: #b00020;")
        problems = refusal_problems(error, self.path.name)
        self._show_problems([self._problem_row(i, p) for i, p in enumerate(problems)])
        self.tabs.setCurrentIndex(2)
        self.import_button.setEnabled(False)
        self._importing = False
        self.cancel_button.setText(self.tr("Close"))

    def _refusal_text(self, error: InputRejected) -> str:
        """Why the file was refused: its one problem's place (the line, row or card, in the
        interface language) and words, or the refusal as the service said it."""
        if len(error.problems) != 1 or error.problems[0].phrase is None:
            return error_text(error)
        problem = error.problems[0]
        place = where_label(problem.where, self.path.name)
        return (
            QCoreApplication.translate("Validation", "%1: %2")
            .replace("%2", problem_text(problem))
            .replace("%1", f"{self.path.name} · {place}" if place != problem.where else place)
        )

    @Slot(str)
    def show_crash(self, _traceback: str) -> None:
        """A bug (logged with its traceback): say so; nothing was written."""
        self.state.setText(
            self.tr(
                "The file could not be read because of an error in PressDesk (see the log). "
                "Nothing was written."
            )
        )
        self.state.setStyleSheet("color: #b00020;")
        self.import_button.setEnabled(False)
        self._importing = False

    # --- the import ------------------------------------------------------------------------

    @Slot()
    def start_import(self) -> Task | None:
        """Import: write the contacts in the background (Cancel rolls back), then close."""
        if self.preview is None or not self.import_button.isEnabled():
            return None
        self.import_button.setEnabled(False)
        self.repreview_button.setEnabled(False)
        self._importing = True
        self.state.setText(self.tr("Importing… Cancel stops and writes nothing."))
        self.state.setStyleSheet("")
        database, path = self.database, self.path
        mapping = self.preview.mapping if self.preview.columns else None

        def work(progress: Progress) -> ImportReport:
            return import_contact_file(database, path, mapping=mapping, progress=progress)

        task = Task(work)
        task.signals.succeeded.connect(self.on_imported)
        task.signals.rejected.connect(self.show_refusal)
        task.signals.crashed.connect(self.show_crash)
        self._run(task)
        return task

    @Slot(object)
    def on_imported(self, report: ImportReport) -> None:
        """Written: close with the report. Cancelled: say nothing was written."""
        self._importing = False
        if report.cancelled:
            self.state.setText(self.tr("Import cancelled: nothing was written."))
            self.state.setStyleSheet("color: #b00020;")
            self.import_button.setEnabled(True)
            return
        self.result_report = report
        self.accept()

    @Slot()
    def reject(self) -> None:
        """Cancel: during an import, stop it (it rolls back); otherwise close, writing nothing."""
        if self.task is not None:
            self.task.cancel()
            if self._importing:
                self.state.setText(self.tr("Cancelling… nothing will be written."))
                return
        super().reject()

    @classmethod
    def ask(
        cls, parent: QWidget | None, database: Database, path: Path | str
    ) -> ImportReport | None:
        """Preview ``path``; the import's report when the user imported it, else None."""
        dialog = cls(database, path, parent)
        dialog.start_preview()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_report


def choose_contact_file(parent: QWidget | None) -> Path | None:
    """Ask which contact file to import; None when cancelled."""
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("ContactImport", "Import contacts"),
        "",
        QCoreApplication.translate(
            "ContactImport", "Contact files (*.csv *.xlsx *.vcf *.vcard *.txt);;All files (*)"
        ),
    )
    return Path(path) if path else None


def run_contact_import(window: Any) -> ImportReport | None:
    """File → Import contacts…: choose a file, preview it, import it on request."""
    path = choose_contact_file(window)
    if path is None:
        return None
    report = ContactImportDialog.ask(window, window.database, path)
    if report is None or not report.written:
        return None
    if hasattr(window, "refresh_all"):
        window.refresh_all()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "ContactImport", "Imported %1: %2 contact(s) added, %3 merged."
            )
            .replace("%1", path.name)
            .replace("%2", str(report.created["contacts"]))
            .replace("%3", str(report.created["merged"])),
            10000,
        )
    return report


def screenshot(window: Any) -> QWidget:
    """The preview of a small media list, one of whose rows merges with the seed roster."""
    import tempfile  # noqa: PLC0415 - screenshots only

    database: Database = window.database
    # The preview is read at once; the dialog does not go back to the file unless asked.
    with tempfile.TemporaryDirectory(prefix="pressdesk-contacts-") as folder:
        path = Path(folder) / "media-list.csv"
        path.write_text(SAMPLE_CSV, encoding="utf-8-sig")
        preview = preview_contact_file(database, path)
    dialog = ContactImportDialog(database, path, window)
    dialog.show_preview(preview)
    dialog.progress_bar.setVisible(False)
    dialog.show()
    return dialog


SAMPLE_CSV = (
    "Name,Organisation,Job Title,Mobile Phone,E-mail Address\r\n"
    "黃嘉琪 June Wong,Edelman,Account Director,+852 6986 5822,June.Wong@edelman.com\r\n"
    "陳大文 Chan Tai Man,明報 Ming Pao,記者 Reporter,9123 4567,tm.chan@mingpao.com\r\n"
    "李小玲 Lee Siu Ling,香港電台 RTHK,Producer,2345 678,siuling.lee@rthk\r\n"
)
