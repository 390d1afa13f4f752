"""File → Import release…: preview what a release text file would add, then import it.

The file is read and a dry run of the import made off the GUI thread; the dialog shows
the release as read (titles, date, place, issuers, media contacts with their numbers and
addresses as written, spokespeople), what would be created or merged, and every problem
with where it is, colour-coded (fixed, warning, error). Nothing is written until Import is
pressed; Cancel writes nothing. A file the importer refuses (empty, binary, not a release,
undecodable, too large) shows why, and nothing is written.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
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
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database, open_database
from desktop.lazy_table import Column, LazyTableModel, Row
from desktop.problem_text import (
    error_text,
    problem_text,
    refusal_problems,
    suggestion_text,
)
from desktop.views.releases import fixed_rows
from desktop.widgets.field_labels import field_label
from desktop.workers import Progress, Task, start
from services.import_report import ImportReport
from services.paths import BUNDLED_RELEASE
from services.problems import InputRejected, Problem, Severity
from services.release_import import import_release_file
from services.release_parser import ParsedRelease, parse_release
from services.word_files import read_release_document

# Background colours of problem rows: light enough for black text, told apart by hue.
SEVERITY_COLOURS = {
    Severity.FIXED: "#dff3e4",
    Severity.WARNING: "#fff1c7",
    Severity.ERROR: "#fbd5d5",
}
# Errors first, then what a person should check, then what was fixed (stable within each).
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.FIXED: 2}
# Tasks whose dialog closed before they finished: kept alive until they do.
_running: set[Task] = set()


def problem_field_label(name: str) -> str:
    """A problem's field as the preview names it ("name_en" reads "English name")."""
    own = {
        "title": QCoreApplication.translate("ReleaseImport", "Title"),
        "contact": QCoreApplication.translate("ReleaseImport", "Media contact"),
        "issuer": QCoreApplication.translate("ReleaseImport", "Issuer"),
        "organization": QCoreApplication.translate("ReleaseImport", "Organisation"),
    }
    return own.get(name) or field_label(name, "release")


def severity_label(severity: Severity | str) -> str:
    """A problem's severity as a word."""
    labels = {
        Severity.FIXED: QCoreApplication.translate("ReleaseImport", "Fixed"),
        Severity.WARNING: QCoreApplication.translate("ReleaseImport", "Warning"),
        Severity.ERROR: QCoreApplication.translate("ReleaseImport", "Error"),
    }
    return labels.get(Severity(severity), str(severity))


@dataclass(frozen=True)
class ReleasePreview:
    """What importing a file would do: the release as read and the dry run's report."""

    path: Path
    encoding: str
    parsed: ParsedRelease
    report: ImportReport

    @property
    def already_imported(self) -> bool:
        """True when the release is in the database already (nothing would be written)."""
        return self.report.release_id is not None and not self.report.created["releases"]


def preview_release_file(database: Database, path: Path | str) -> ReleasePreview:
    """Read ``path`` and dry-run its import (nothing is written).

    Raises:
        InputRejected: the file is not a release the importer can read.
    """
    decoded = read_release_document(path)
    parsed = parse_release(decoded.text, source=Path(path).name)
    report = import_release_file(database, path, dry_run=True)
    return ReleasePreview(Path(path), decoded.encoding, parsed, report)


def _problem_style(row: Row, role: int) -> Any:
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(QColor(SEVERITY_COLOURS.get(row["severity"], "#ffffff")))
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(QColor("#1a1a1a"))  # dark on the light backgrounds, in any theme
    return None


def _organization_names(parsed: ParsedRelease) -> dict[str, str]:
    return {
        o.key: " ".join(n for n in (o.name_zh, o.name_en) if n)
        or o.short_name_en
        or o.short_name_zh
        or o.key
        for o in parsed.organizations
    }


class ReleaseImportDialog(QDialog):
    """The preview of one release file, and its import when the user says so."""

    def __init__(self, database: Database, path: Path | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("releaseImportDialog")
        self.database = database
        self.path = Path(path)
        self.preview: ReleasePreview | None = None
        self.result_report: ImportReport | None = None
        self.task: Task | None = None
        self._busy = False
        self.setWindowTitle(self.tr("Import release — %1").replace("%1", self.path.name))
        self._build()
        self._connect_signals()
        self.resize(1080, 720)

    # --- construction ----------------------------------------------------------------------

    def _build(self) -> None:
        self.state = QLabel(self.tr("Reading %1…").replace("%1", self.path.name))
        self.state.setObjectName("state")
        self.state.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setObjectName("busy")
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(10)
        self.busy.setTextVisible(False)

        self.fields: dict[str, QLabel] = {}
        release_box = QGroupBox(self.tr("Release"))
        release_form = QFormLayout(release_box)
        for key, label in (
            ("title_zh", self.tr("Title (中文)")),
            ("title_en", self.tr("Title (English)")),
            ("subtitle", self.tr("Subtitle")),
            ("issued_on", self.tr("Issued on")),
            ("place", self.tr("Place")),
            ("issuers", self.tr("Issuers")),
            ("file", self.tr("File")),
        ):
            value = QLabel()
            value.setObjectName(f"field_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            release_form.addRow(label, value)
        self.counts: dict[str, QLabel] = {}
        counts_box = QGroupBox(self.tr("Will be written"))
        counts_form = QFormLayout(counts_box)
        for key, label in (
            ("releases", self.tr("Releases")),
            ("organizations", self.tr("Organisations")),
            ("contacts", self.tr("Contacts")),
            ("phones", self.tr("Phone numbers")),
            ("emails", self.tr("E-mail addresses")),
            ("media_contacts", self.tr("Media contacts listed")),
            ("spokespeople", self.tr("Spokespeople listed")),
            ("merged", self.tr("Merged with the roster")),
        ):
            value = QLabel("–")
            value.setObjectName(f"count_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.counts[key] = value
            counts_form.addRow(label, value)
        summary = QWidget()
        summary_layout = QHBoxLayout(summary)
        summary_layout.setContentsMargins(0, 0, 0, 0)
        summary_layout.addWidget(release_box, 3)
        summary_layout.addWidget(counts_box, 1)

        self.problem_model = LazyTableModel(
            [
                Column("severity", self.tr("Severity"), lambda r: severity_label(r["severity"])),
                Column("where", self.tr("Where"), lambda r: r["where"]),
                Column("field", self.tr("Field"), lambda r: problem_field_label(r["field"])),
                Column("value", self.tr("Value"), lambda r: r["value"]),
                Column("suggestion", self.tr("Suggestion"), lambda r: r["suggestion"] or ""),
                Column("message", self.tr("Message"), lambda r: r["message"]),
            ],
            fixed_rows([]),
            self,
            row_style=_problem_style,
        )
        self.problem_table = self._table("problems", self.problem_model)
        # Long values and suggestions get a fixed share; the message takes the rest, and
        # the selected problem is shown in full under the table.
        problem_header = self.problem_table.horizontalHeader()
        for column, width in ((3, 200), (4, 150)):
            problem_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.problem_table.setColumnWidth(column, width)
        self.contact_model = LazyTableModel(
            [
                Column("line", self.tr("Line"), lambda r: r["line"]),
                Column("organization", self.tr("Organisation"), lambda r: r["organization"]),
                Column("name", self.tr("Name"), lambda r: r["name"]),
                Column("phones", self.tr("Phones (as written)"), lambda r: r["phones"]),
                Column("emails", self.tr("E-mails (as written)"), lambda r: r["emails"]),
            ],
            fixed_rows([]),
            self,
        )
        self.contact_table = self._table("mediaContacts", self.contact_model)
        self.speaker_model = LazyTableModel(
            [
                Column("line", self.tr("Line"), lambda r: r["line"]),
                Column("name", self.tr("Name"), lambda r: r["name"]),
                Column("title", self.tr("Title"), lambda r: r["title"]),
                Column("organization", self.tr("Organisation"), lambda r: r["organization"]),
            ],
            fixed_rows([]),
            self,
        )
        self.speaker_table = self._table("spokespeople", self.speaker_model)
        self.merged = QLabel()
        self.merged.setObjectName("merged")
        self.merged.setWordWrap(True)
        self.merged.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("previewTabs")
        self.problem_detail = QLabel()
        self.problem_detail.setObjectName("problemDetail")
        self.problem_detail.setWordWrap(True)
        self.problem_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_detail.setContentsMargins(6, 4, 6, 4)
        problems_page = QWidget()
        problems_layout = QVBoxLayout(problems_page)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.problem_table, 1)
        problems_layout.addWidget(self.problem_detail)
        self.tabs.addTab(problems_page, self.tr("Problems"))
        self.tabs.addTab(self.contact_table, self.tr("Media contacts"))
        self.tabs.addTab(self.speaker_table, self.tr("Spokespeople"))
        self.tabs.addTab(self.merged, self.tr("Merges"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.busy)
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
        self.problem_table.selectionModel().currentRowChanged.connect(self.on_problem_current)

    @Slot(QModelIndex, QModelIndex)
    def on_problem_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Show the highlighted problem in full: where, field, value, message, suggestion."""
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

    def _show_problems(self, rows: list[Row]) -> None:
        self.problem_model.reload(fixed_rows(rows))
        self.tabs.setTabText(0, self.tr("Problems (%1)").replace("%1", str(len(rows))))
        if rows:
            self.problem_table.setCurrentIndex(self.problem_model.index(0, 0))
        else:
            self.problem_detail.setText(self.tr("No problems: every value was read as written."))

    # --- the preview -----------------------------------------------------------------------

    def start_preview(self) -> Task:
        """Read the file and dry-run the import in the background."""
        database, path = self.database, self.path

        def work(_progress: Progress) -> ReleasePreview:
            return preview_release_file(database, path)

        task = Task(work)
        task.signals.succeeded.connect(self.show_preview)
        task.signals.rejected.connect(self.show_refusal)
        task.signals.crashed.connect(self.show_crash)
        self._run(task)
        return task

    def _run(self, task: Task) -> None:
        self._busy = True
        self.task = task
        _running.add(task)
        task.signals.done.connect(self.on_task_done)
        self.busy.setVisible(True)
        start(task)

    @Slot()
    def on_task_done(self) -> None:
        """The background work ended (whatever its outcome)."""
        self.busy.setVisible(False)
        if self.task is not None:
            _running.discard(self.task)
        self._busy = False

    def is_busy(self) -> bool:
        """True while the file is being read or imported."""
        return self._busy

    @Slot(object)
    def show_preview(self, preview: ReleasePreview) -> None:
        """Show what the import would write and every problem."""
        self.preview = preview
        parsed, report = preview.parsed, preview.report
        names = _organization_names(parsed)
        self.fields["title_zh"].setText(parsed.title_zh or "")
        self.fields["title_en"].setText(parsed.title_en or "")
        self.fields["subtitle"].setText(
            "\n".join(s for s in (parsed.subtitle_zh, parsed.subtitle_en) if s)
        )
        self.fields["issued_on"].setText(
            parsed.issued_on.isoformat() if parsed.issued_on else self.tr("(not found)")
        )
        self.fields["place"].setText(parsed.place or "")
        self.fields["issuers"].setText("、".join(names.get(k, k) for k in parsed.issuer_keys))
        encoding = self.tr("Word document") if preview.encoding == "docx" else preview.encoding
        self.fields["file"].setText(f"{preview.path.name} ({encoding})")
        for key, label in self.counts.items():
            label.setText(str(report.created.get(key, 0) or len(report.merged) * (key == "merged")))
        ordered = sorted(report.problems, key=lambda p: _SEVERITY_ORDER.get(p.severity, 3))
        problems = [self._problem_row(i, p) for i, p in enumerate(ordered)]
        self._show_problems(problems)
        contacts = [
            {
                "id": i,
                "organization": names.get(c.organization_key or "", ""),
                "name": " ".join(n for n in (c.name_zh, c.name_en) if n)
                or self.tr("(team mailbox)"),
                "phones": "; ".join(v.text for v in c.phones),
                "emails": "; ".join(v.text for v in c.emails),
                "line": c.line,
            }
            for i, c in enumerate(parsed.media_contacts)
        ]
        self.contact_model.reload(fixed_rows(contacts))
        speakers = [
            {
                "id": i,
                "name": "".join(n for n in (s.name_zh, s.honorific) if n)
                if s.name_zh
                else " ".join(n for n in (s.honorific, s.name_en) if n),
                "title": " / ".join(t for t in (s.title_zh, s.title_en) if t),
                "organization": names.get(s.organization_key or "", ""),
                "line": s.line,
            }
            for i, s in enumerate(parsed.spokespeople)
        ]
        self.speaker_model.reload(fixed_rows(speakers))
        self.merged.setText("\n".join(report.merged) or self.tr("Nobody: every contact is new."))
        self.tabs.setTabText(1, self.tr("Media contacts (%1)").replace("%1", str(len(contacts))))
        self.tabs.setTabText(2, self.tr("Spokespeople (%1)").replace("%1", str(len(speakers))))
        self.tabs.setTabText(3, self.tr("Merges (%1)").replace("%1", str(len(report.merged))))
        if preview.already_imported:
            self.state.setText(
                self.tr(
                    "This release is in the database already; importing it again would change nothing."
                )
            )
            self._nothing_to_import()
            return
        errors = sum(1 for p in report.problems if p.severity == Severity.ERROR)
        self.state.setText(
            self.tr(
                "Nothing has been written yet. Check the release and the problems, then press Import."
            )
            if not errors
            else self.tr(
                "%1 value(s) cannot be imported and will be kept in the contact's notes. "
                "Nothing has been written yet."
            ).replace("%1", str(errors))
        )
        self.import_button.setEnabled(True)
        self.import_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _nothing_to_import(self) -> None:
        self.import_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))

    def _problem_row(self, number: int, problem: Problem) -> Row:
        # contact_import imports this module (its severity colours): import it late.
        from desktop.dialogs.contact_import import where_label  # noqa: PLC0415

        return {
            "id": number,
            "severity": problem.severity,
            "where": where_label(problem.where, self.path.name),
            "field": problem.field,
            "value": problem.value,
            "message": problem_text(problem),
            "suggestion": suggestion_text(problem),
        }

    @Slot(object)
    def show_refusal(self, error: InputRejected) -> None:
        """The importer refused the file: say why; nothing can be imported."""
        self.state.setText(
            self.tr("This file cannot be imported: %1 Nothing was written.").replace(
                "%1", error_text(error)
            )
        )
        self.state.setStyleSheet("color: #b00020;")
        problems = refusal_problems(error, self.path.name)
        self._show_problems([self._problem_row(i, p) for i, p in enumerate(problems)])
        self.tabs.setCurrentIndex(0)
        self._nothing_to_import()

    @Slot(str)
    def show_crash(self, _traceback: str) -> None:
        """A bug (logged with its traceback): say so; nothing was written."""
        self.state.setText(
            self.tr(
                "The file could not be read because of an error in PressDesk (see the log). Nothing was written."
            )
        )
        self.state.setStyleSheet("color: #b00020;")
        self.import_button.setEnabled(False)

    # --- the import ------------------------------------------------------------------------

    @Slot()
    def start_import(self) -> Task | None:
        """Import: write the release (in the background), then close."""
        if self.preview is None or not self.import_button.isEnabled():
            return None
        self.import_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        self.state.setText(self.tr("Importing…"))
        database, path = self.database, self.path

        def work(_progress: Progress) -> ImportReport:
            return import_release_file(database, path, dry_run=False)

        task = Task(work)
        task.signals.succeeded.connect(self.on_imported)
        task.signals.rejected.connect(self.on_import_refused)
        task.signals.crashed.connect(self.show_crash)
        self._run(task)
        return task

    @Slot(object)
    def on_imported(self, report: ImportReport) -> None:
        """Written: close with the report."""
        self.result_report = report
        self.accept()

    @Slot(object)
    def on_import_refused(self, error: InputRejected) -> None:
        """Refused at the last moment (the file changed since the preview)."""
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(True)
        self.show_refusal(error)

    @Slot()
    def reject(self) -> None:
        """Cancel: nothing is written (a running preview is a dry run and is dropped)."""
        if self.task is not None and self.task in _running and self.preview is not None:
            return  # the import itself is running: it cannot be half-cancelled
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


def choose_release_file(parent: QWidget | None) -> Path | None:
    """Ask which release file (text or Word) to import; None when cancelled."""
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("ReleaseImport", "Import release"),
        "",
        QCoreApplication.translate(
            "ReleaseImport",
            "Press releases (*.txt *.docx);;Text files (*.txt);;Word documents (*.docx);;"
            "All files (*)",
        ),
    )
    return Path(path) if path else None


def run_release_import(window: Any) -> ImportReport | None:
    """File → Import release…: choose a file, preview it, import it on request."""
    path = choose_release_file(window)
    if path is None:
        return None
    report = ReleaseImportDialog.ask(window, window.database, path)
    if report is None or not report.written:
        return None
    if hasattr(window, "refresh_all"):
        window.refresh_all()
    releases = getattr(window, "views", {}).get("releases")
    if releases is not None and report.release_id is not None:
        window.show_view("releases")
        releases.select_release(report.release_id)
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "ReleaseImport", "Imported %1: %2 contact(s) added, %3 merged."
            )
            .replace("%1", path.name)
            .replace("%2", str(report.created["contacts"]))
            .replace("%3", str(len(report.merged))),
            10000,
        )
    return report


def screenshot(window: Any) -> QWidget:
    """The preview of the bundled release, as a first import of it shows it.

    The current database has usually imported it already (the preview would then only
    say so), so the dry run is then made against an empty scratch database.
    """
    database: Database = window.database
    preview = preview_release_file(database, BUNDLED_RELEASE)
    if preview.already_imported:
        with tempfile.TemporaryDirectory(prefix="pressdesk-preview-") as folder:
            scratch = open_database(f"sqlite:///{Path(folder) / 'preview.sqlite'}")
            try:
                preview = preview_release_file(scratch, BUNDLED_RELEASE)
            finally:
                scratch.dispose()
    dialog = ReleaseImportDialog(database, BUNDLED_RELEASE, window)
    dialog.show_preview(preview)
    dialog.busy.setVisible(False)
    dialog.show()
    return dialog
