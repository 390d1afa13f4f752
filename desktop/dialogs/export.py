"""File → Export contact sheet… (Ctrl+E): choose what, in which format, then write it.

The dialog picks the contacts (the current view's search, a release's media contacts, an
organisation, a tag, or everyone), the format (CSV, XLSX, vCard 3.0/4.0, PDF) and whether
contacts who opted out of contact are included (off by default: the PDPO). The file name
is asked next; the export itself (``services.exports.export_contact_sheet``) runs off the
GUI thread with a progress dialog whose Cancel leaves no file behind. The user is told
what was written: how many contacts, and how many who opted out were left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from desktop import confirm
from desktop.workers import Progress, ProgressTask, Task
from services.contacts import list_tags, organization_choices
from services.exports import ExportCancelled, ExportResult, export_contact_sheet
from services.problems import InputRejected
from services.processes import start_helper_server
from services.roster import list_releases

SCOPES = ("query", "release", "organization", "tag", "all")
# (format key, vCard version): what each entry of the format combo exports.
FORMATS: tuple[tuple[str, str], ...] = (
    ("csv", "3.0"),
    ("xlsx", "3.0"),
    ("vcf", "3.0"),
    ("vcf", "4.0"),
    ("pdf", "3.0"),
)
_SUFFIXES = {"csv": ".csv", "xlsx": ".xlsx", "vcf": ".vcf", "pdf": ".pdf"}
# Exports whose progress dialog closed before they finished: kept alive until they do.
_running: set[ProgressTask] = set()


def format_label(fmt: str, vcard_version: str) -> str:
    """A format as the combo shows it."""
    labels = {
        "csv": QCoreApplication.translate("ExportDialog", "CSV (Excel, UTF-8)"),
        "xlsx": QCoreApplication.translate("ExportDialog", "Excel workbook (XLSX)"),
        "vcf": QCoreApplication.translate(
            "ExportDialog", "vCard %1 (phones, mail programs)"
        ).replace("%1", vcard_version),
        "pdf": QCoreApplication.translate("ExportDialog", "PDF (printable sheet)"),
    }
    return labels[fmt]


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked to export (the file name is asked afterwards)."""

    fmt: str
    vcard_version: str = "3.0"
    release_id: int | None = None
    organization_id: int | None = None
    query: str | None = None
    tag: str | None = None
    include_opted_out: bool = False

    def service_arguments(self) -> dict[str, Any]:
        """The keyword arguments of ``export_contact_sheet`` for this request."""
        return {
            "release_id": self.release_id,
            "organization_id": self.organization_id,
            "query": self.query,
            "tag": self.tag,
            "vcard_version": self.vcard_version,
            "include_opted_out": self.include_opted_out,
        }


class ExportDialog(QDialog):
    """Which contacts, which format, opted-out or not."""

    def __init__(
        self,
        database: Database,
        query: str = "",
        parent: QWidget | None = None,
        *,
        release_id: int | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.database = database
        self.query = query.strip()
        start_helper_server()  # a large export writes in a helper process
        self.setWindowTitle(self.tr("Export contact sheet"))
        self._build()
        self._connect_signals()
        found = self.release_combo.findData(release_id) if release_id is not None else -1
        if found >= 0:  # opened from a release: its media contacts
            self.release_combo.setCurrentIndex(found)
            self.scope_buttons["release"].setChecked(True)
        else:
            self.scope_buttons["query" if self.query else "all"].setChecked(True)
        self.on_scope_changed()

    def _build(self) -> None:
        what = QGroupBox(self.tr("Contacts"))
        grid = QGridLayout(what)
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[str, QRadioButton] = {}
        labels = {
            "query": self.tr("The current search"),
            "release": self.tr("A release's media contacts"),
            "organization": self.tr("An organisation"),
            "tag": self.tr("A tag"),
            "all": self.tr("Everyone in the roster"),
        }
        for row, scope in enumerate(SCOPES):
            button = QRadioButton(labels[scope])
            button.setObjectName(f"scope_{scope}")
            self.scope_group.addButton(button, row)
            self.scope_buttons[scope] = button
            grid.addWidget(button, row, 0)
        self.query_edit = QLineEdit(self.query)
        self.query_edit.setObjectName("query")
        self.query_edit.setPlaceholderText(self.tr("name, organisation, e-mail or phone"))
        self.release_combo = QComboBox()
        self.release_combo.setObjectName("release")
        for release in list_releases(self.database):
            date = release.get("issued_on") or ""
            title = " ".join(t for t in (release.get("title_zh"), release.get("title_en")) if t)
            self.release_combo.addItem(f"{date} {title}".strip(), release["id"])
        self.organization_combo = QComboBox()
        self.organization_combo.setObjectName("organization")
        for org in organization_choices(self.database):
            self.organization_combo.addItem(org["label"], org["id"])
        self.tag_combo = QComboBox()
        self.tag_combo.setObjectName("tag")
        self.tag_combo.addItems(list_tags(self.database))
        self.release_combo.setPlaceholderText(self.tr("(no releases yet)"))
        self.organization_combo.setPlaceholderText(self.tr("(no organisations yet)"))
        self.tag_combo.setPlaceholderText(self.tr("(no tags yet)"))
        for combo in (self.release_combo, self.organization_combo, self.tag_combo):
            combo.setMinimumContentsLength(40)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        grid.addWidget(self.query_edit, 0, 1)
        grid.addWidget(self.release_combo, 1, 1)
        grid.addWidget(self.organization_combo, 2, 1)
        grid.addWidget(self.tag_combo, 3, 1)
        grid.setColumnStretch(1, 1)

        how = QGroupBox(self.tr("Format"))
        how_layout = QVBoxLayout(how)
        self.format_combo = QComboBox()
        self.format_combo.setObjectName("format")
        for fmt, version in FORMATS:
            self.format_combo.addItem(format_label(fmt, version))
        how_layout.addWidget(self.format_combo)
        self.opted_out = QCheckBox(self.tr("Include contacts who opted out of contact"))
        self.opted_out.setObjectName("includeOptedOut")
        self.opted_out.setChecked(False)
        explanation = QLabel(
            self.tr(
                "Contacts who asked not to be contacted are left out of sheets by default "
                "(Personal Data (Privacy) Ordinance). Include them only for your own records, "
                "never for a distribution list."
            )
        )
        explanation.setObjectName("optOutExplanation")
        explanation.setWordWrap(True)
        how_layout.addWidget(self.opted_out)
        how_layout.addWidget(explanation)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            self.tr("Export…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(how)
        layout.addWidget(self.buttons)

    def _connect_signals(self) -> None:
        self.scope_group.idToggled.connect(self.on_scope_changed)
        self.query_edit.textChanged.connect(self.on_scope_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def scope(self) -> str:
        """The chosen kind of selection ("query", "release", "organization", "tag", "all")."""
        return SCOPES[max(self.scope_group.checkedId(), 0)]

    @Slot()
    def on_scope_changed(self) -> None:
        """Enable the chooser of the chosen scope; Export only when it has a value."""
        scope = self.scope()
        self.query_edit.setEnabled(scope == "query")
        self.release_combo.setEnabled(scope == "release")
        self.organization_combo.setEnabled(scope == "organization")
        self.tag_combo.setEnabled(scope == "tag")
        needs = {
            "query": bool(self.query_edit.text().strip()),
            "release": self.release_combo.count() > 0,
            "organization": self.organization_combo.count() > 0,
            "tag": self.tag_combo.count() > 0,
            "all": True,
        }
        self.export_button.setEnabled(needs[scope])

    def request(self) -> ExportRequest:
        """The export the dialog describes."""
        fmt, version = FORMATS[max(self.format_combo.currentIndex(), 0)]
        scope = self.scope()
        return ExportRequest(
            fmt=fmt,
            vcard_version=version,
            release_id=self.release_combo.currentData() if scope == "release" else None,
            organization_id=(
                self.organization_combo.currentData() if scope == "organization" else None
            ),
            query=self.query_edit.text().strip() if scope == "query" else None,
            tag=self.tag_combo.currentText() if scope == "tag" else None,
            include_opted_out=self.opted_out.isChecked(),
        )

    def set_format(self, fmt: str, vcard_version: str = "3.0") -> None:
        """Choose a format (vCard version ignored for the others)."""
        wanted = (fmt, vcard_version if fmt == "vcf" else "3.0")
        self.format_combo.setCurrentIndex(FORMATS.index(wanted))

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        database: Database,
        query: str = "",
        *,
        release_id: int | None = None,
    ) -> ExportRequest | None:
        """The export the user chose, or None when cancelled."""
        dialog = cls(database, query, parent, release_id=release_id)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.request()


def choose_target(parent: QWidget | None, request: ExportRequest) -> Path | None:
    """Ask where to write the sheet; the format's suffix is added when missing."""
    suffix = _SUFFIXES[request.fmt]
    filters = {
        "csv": QCoreApplication.translate("ExportDialog", "CSV files (*.csv)"),
        "xlsx": QCoreApplication.translate("ExportDialog", "Excel workbooks (*.xlsx)"),
        "vcf": QCoreApplication.translate("ExportDialog", "vCard files (*.vcf)"),
        "pdf": QCoreApplication.translate("ExportDialog", "PDF files (*.pdf)"),
    }
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ExportDialog", "Export contact sheet"),
        f"contacts{suffix}",
        filters[request.fmt],
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def export_summary(result: ExportResult) -> str:
    """What was written, in a sentence for the user."""
    text = QCoreApplication.translate("ExportDialog", "%1 contact(s) written to %2.").replace(
        "%1", str(result.contacts)
    )
    text = text.replace("%2", str(result.path))
    if result.skipped_opt_out:
        text += "\n" + QCoreApplication.translate(
            "ExportDialog", "%1 contact(s) who opted out of contact were left out."
        ).replace("%1", str(result.skipped_opt_out))
    return text


class ExportJob(ProgressTask):
    """One export running in the background; tells the user how it ended (GUI thread)."""

    def __init__(self, parent: QWidget | None, path: Path, task: Task) -> None:
        self.parent_widget = parent
        super().__init__(
            parent,
            QCoreApplication.translate("ExportDialog", "Exporting contacts to %1…").replace(
                "%1", path.name
            ),
            task,
        )

    def _connect_signals(self) -> None:
        super()._connect_signals()
        self.task.signals.succeeded.connect(self.on_succeeded)
        self.task.signals.rejected.connect(self.on_rejected)
        self.task.signals.crashed.connect(self.on_crashed)
        self.task.signals.done.connect(self.on_finished)

    @Slot(object)
    def on_succeeded(self, result: ExportResult | None) -> None:
        """Say what was written (or that Cancel left nothing)."""
        if result is None:
            confirm.inform(
                self.parent_widget,
                QCoreApplication.translate("ExportDialog", "Export cancelled"),
                QCoreApplication.translate("ExportDialog", "Cancelled: no file was written."),
            )
        else:
            confirm.inform(
                self.parent_widget,
                QCoreApplication.translate("ExportDialog", "Contact sheet exported"),
                export_summary(result),
            )

    @Slot(object)
    def on_rejected(self, error: InputRejected) -> None:
        """The service refused (a file that cannot be written, a PDF too long): say why."""
        details = "\n".join(
            f"{p.where} · {p.field}: {p.message} {p.suggestion or ''}".strip()
            for p in error.problems
        )
        confirm.warn(
            self.parent_widget,
            QCoreApplication.translate("ExportDialog", "Export failed"),
            error.message,
            details,
        )

    @Slot(str)
    def on_crashed(self, _traceback: str) -> None:
        """A bug (already logged)."""
        confirm.warn(
            self.parent_widget,
            QCoreApplication.translate("ExportDialog", "Export failed"),
            QCoreApplication.translate(
                "ExportDialog",
                "The sheet could not be written because of an error in PressDesk (see the log).",
            ),
        )

    @Slot()
    def on_finished(self) -> None:
        """Let go of the job."""
        _running.discard(self)


def start_export(
    window: QWidget | None, database: Database, request: ExportRequest, path: Path
) -> Task:
    """Run the export in the background with a progress dialog; tell the user the outcome."""
    arguments = request.service_arguments()
    pdf_writer = None
    if request.fmt == "pdf":
        from desktop.pdf_export import write_contact_sheet_pdf  # noqa: PLC0415 - PDF only

        pdf_writer = write_contact_sheet_pdf

    def work(progress: Progress) -> ExportResult | None:
        try:
            return export_contact_sheet(
                database, request.fmt, path, progress=progress, pdf_writer=pdf_writer, **arguments
            )
        except ExportCancelled:
            return None

    job = ExportJob(window, path, Task(work))
    _running.add(job)
    return job.start()


def shown_release(window: Any) -> int | None:
    """The release picked in the releases view, when that is the view shown."""
    current_view = getattr(window, "current_view", None)
    view = current_view() if callable(current_view) else None
    current_release_id = getattr(view, "current_release_id", None)
    return current_release_id() if callable(current_release_id) else None


def run_export(window: Any) -> Task | None:
    """File → Export contact sheet…: choose, name the file, export in the background.

    From the releases view (its "Export contact sheet…" button, or File → Export) the
    dialog starts on the release shown: its media contacts.
    """
    search = getattr(window, "search", None)
    query = search.text() if search is not None else ""
    request = ExportDialog.ask(window, window.database, query, release_id=shown_release(window))
    if request is None:
        return None
    path = choose_target(window, request)
    if path is None:
        return None
    return start_export(window, window.database, request, path)


def screenshot(window: Any) -> QWidget:
    """The dialog as Ctrl+E opens it after a search for 黃."""
    dialog = ExportDialog(window.database, "黃", window)
    dialog.format_combo.setCurrentIndex(2)
    dialog.show()
    return dialog
