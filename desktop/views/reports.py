"""The reports view: inquiries per release per day, response times, figures per release.

A period bar (presets or two dates) drives the charts; their queries run off the GUI
thread and the view updates when they come back. Each chart saves as PNG (twice the
screen resolution) and each table as CSV (UTF-8 with a byte-order mark, for Excel).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QStandardPaths, Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.search import has_han
from desktop.confirm import warn
from desktop.lazy_table import Column, LazyTableModel
from desktop.views.base import View
from desktop.views.releases import FigureLoader, ReleaseListModel, fixed_rows, release_table
from desktop.widgets.chart import ChartKind, ChartSeries, ChartWidget
from desktop.widgets.inquiry_labels import channel_label, release_title, response_time
from desktop.workers import Progress, Task, start
from services.problems import InputRejected
from services.reports import (
    DAILY_CSV_HEADERS,
    RELEASE_CSV_HEADERS,
    RESPONSE_CSV_HEADERS,
    DailyInquiries,
    ResponseTimeRow,
    daily_csv_rows,
    export_release_table,
    inquiries_per_day,
    local_utc_offset_minutes,
    response_csv_rows,
    response_times_by_channel,
    response_times_by_owner,
    write_csv,
)

_RIGHT = Qt.AlignmentFlag.AlignRight
# (preset key, days back from today; None: since 1 January).
_PRESETS: tuple[tuple[str, int | None], ...] = (
    ("7", 7),
    ("30", 30),
    ("90", 90),
    ("year", None),
)


@dataclass(frozen=True)
class PeriodReports:
    """What one load of the period's reports brings back."""

    generation: int
    first_day: date
    last_day: date
    daily: DailyInquiries
    channels: list[ResponseTimeRow]
    owners: list[ResponseTimeRow]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def duration_unit(seconds: float) -> tuple[float, str]:
    """Seconds per unit and the unit's name for an axis that reaches ``seconds``."""
    if seconds < 2 * 3600:
        return 60.0, "min"
    if seconds < 3 * 86400:
        return 3600.0, "h"
    return 86400.0, "d"


class ResponsePanel(QWidget):
    """Response times of one grouping (channel or owner): a chart over a table."""

    def __init__(self, title: str, group_header: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.rows: list[ResponseTimeRow] = []
        self.labels: dict[Any, str] = {}
        self.chart = ChartWidget()
        self.chart.setMinimumHeight(220)
        self.chart.set_titles(title)
        self.set_loading(False)
        self.model = LazyTableModel(
            [
                Column("group", group_header, lambda r: r["label"]),
                Column(
                    "inquiries", self.tr("Inquiries"), lambda r: r["inquiries"], alignment=_RIGHT
                ),
                Column(
                    "responded", self.tr("Responded"), lambda r: r["responded"], alignment=_RIGHT
                ),
                Column("median", self.tr("Median"), lambda r: r["median"], alignment=_RIGHT),
                Column("p90", self.tr("90th percentile"), lambda r: r["p90"], alignment=_RIGHT),
            ],
            fixed_rows([]),
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.png_button = QPushButton(self.tr("Save chart as PNG…"))
        self.csv_button = QPushButton(self.tr("Export table as CSV…"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.png_button)
        buttons.addWidget(self.csv_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.table)
        splitter.setSizes([260, 160])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def set_loading(self, loading: bool) -> None:
        """Say "Loading…" in the empty chart while the figures are on their way."""
        self.chart.set_empty_text(
            self.tr("Loading…")
            if loading
            else self.tr("No inquiry in this period has had a first response yet.")
        )

    def show_rows(
        self,
        rows: list[ResponseTimeRow],
        labels: dict[Any, str],
        short_labels: dict[Any, str] | None = None,
    ) -> None:
        """Chart and list these groups.

        Args:
            rows: the groups.
            labels: the name of each key, for the table and the CSV.
            short_labels: shorter names for the chart's axis, where they differ.
        """
        self.rows, self.labels = rows, labels
        short = {**labels, **(short_labels or {})}
        table = [
            {
                "id": str(row.key),
                "label": labels.get(row.key, row.label),
                "inquiries": row.inquiries,
                "responded": row.response.responded,
                "median": _duration(row.response.median_seconds),
                "p90": _duration(row.response.p90_seconds),
            }
            for row in rows
        ]
        self.model.reload(fixed_rows(table))
        longest = max((r.response.p90_seconds or 0.0 for r in rows), default=0.0)
        unit, name = duration_unit(longest)
        unit_label = {
            "min": self.tr("Minutes"),
            "h": self.tr("Hours"),
            "d": self.tr("Days"),
        }[name]
        categories = [
            self.tr("%1 (%2)")
            .replace("%1", short.get(r.key, r.label))
            .replace("%2", str(r.response.responded))
            for r in rows
        ]
        notes = tuple(
            self.tr("%1 of %2 inquiries have had a first response")
            .replace("%1", str(r.response.responded))
            .replace("%2", str(r.inquiries))
            for r in rows
        )
        self.chart.set_data(
            categories,
            [
                ChartSeries(
                    self.tr("Median"),
                    tuple((r.response.median_seconds or 0.0) / unit for r in rows),
                    notes=notes,
                ),
                ChartSeries(
                    self.tr("90th percentile"),
                    tuple((r.response.p90_seconds or 0.0) / unit for r in rows),
                    notes=notes,
                ),
            ],
        )
        self.chart.set_titles(
            self._title, x=self.tr("In brackets: inquiries with a first response"), y=unit_label
        )
        self.chart.set_value_format(lambda v: f"{v:,.1f}".removesuffix(".0"))


def _duration(seconds: float | None) -> str:
    return "" if seconds is None else response_time(round(seconds))


class ReportsView(View):
    """Reports over a period: per day, response times, and per release."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        self._query = ""
        self._stale = True
        self._generation = 0
        self.reports: PeriodReports | None = None
        self.task: Task | None = None
        self.export_task: Task | None = None
        self._export_target: Path | None = None
        self._build()
        self._connect_signals()
        self._set_loading(False)
        self.apply_preset(1)

    # --- construction ----------------------------------------------------------------------

    def _build(self) -> None:
        self.preset = QComboBox()
        self.preset.setObjectName("periodPreset")
        for key, _ in _PRESETS:
            self.preset.addItem(self._preset_label(key), key)
        self.preset.addItem(self.tr("Custom"), "custom")
        self.first_day = QDateEdit()
        self.first_day.setObjectName("firstDay")
        self.last_day = QDateEdit()
        self.last_day.setObjectName("lastDay")
        for edit in (self.first_day, self.last_day):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("refreshReports")
        self.state_label = QLabel()
        self.state_label.setObjectName("reportState")
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period:")))
        bar.addWidget(self.preset)
        bar.addWidget(QLabel(self.tr("from")))
        bar.addWidget(self.first_day)
        bar.addWidget(QLabel(self.tr("to")))
        bar.addWidget(self.last_day)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.state_label, 1)

        self.daily_chart = ChartWidget()
        self.daily_chart.setObjectName("dailyChart")
        self.daily_chart.set_value_format(None, integer=True)
        self.chart_style = QComboBox()
        self.chart_style.setObjectName("chartStyle")
        self.chart_style.addItem(self.tr("Stacked bars"), ChartKind.STACKED_BARS)
        self.chart_style.addItem(self.tr("Grouped bars"), ChartKind.GROUPED_BARS)
        self.chart_style.addItem(self.tr("Lines"), ChartKind.LINES)
        self.daily_chart.set_kind(ChartKind.STACKED_BARS)
        self.daily_png = QPushButton(self.tr("Save chart as PNG…"))
        self.daily_png.setObjectName("dailyPng")
        self.daily_csv = QPushButton(self.tr("Export table as CSV…"))
        self.daily_csv.setObjectName("dailyCsv")
        daily_bar = QHBoxLayout()
        daily_bar.addWidget(QLabel(self.tr("Show as:")))
        daily_bar.addWidget(self.chart_style)
        daily_bar.addStretch(1)
        daily_bar.addWidget(self.daily_png)
        daily_bar.addWidget(self.daily_csv)
        daily = QWidget()
        daily_layout = QVBoxLayout(daily)
        daily_layout.addLayout(daily_bar)
        daily_layout.addWidget(self.daily_chart, 1)

        self.channels = ResponsePanel(self.tr("Response times by channel"), self.tr("Channel"))
        self.channels.setObjectName("channelPanel")
        self.owners = ResponsePanel(self.tr("Response times by owner"), self.tr("Owner"))
        self.owners.setObjectName("ownerPanel")
        responses = QSplitter(Qt.Orientation.Horizontal)
        responses.addWidget(self.channels)
        responses.addWidget(self.owners)

        self.release_model = ReleaseListModel(self.database, self)
        self.figure_loader = FigureLoader(self.release_model, self)
        self.release_table = release_table(self.release_model)
        self.release_table.setObjectName("releaseReportTable")
        self.release_csv = QPushButton(self.tr("Export table as CSV…"))
        self.release_csv.setObjectName("releaseCsv")
        release_bar = QHBoxLayout()
        release_bar.addWidget(QLabel(self.tr("Every release, all time (overdue: as of now).")))
        release_bar.addStretch(1)
        release_bar.addWidget(self.release_csv)
        releases = QWidget()
        release_layout = QVBoxLayout(releases)
        release_layout.addLayout(release_bar)
        release_layout.addWidget(self.release_table, 1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.tabs.addTab(daily, self.tr("Inquiries per day"))
        self.tabs.addTab(responses, self.tr("Response times"))
        self.tabs.addTab(releases, self.tr("Per release"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)

    def _preset_label(self, key: str) -> str:
        labels = {
            "7": self.tr("Last 7 days"),
            "30": self.tr("Last 30 days"),
            "90": self.tr("Last 90 days"),
            "year": self.tr("This year"),
        }
        return labels[key]

    def _connect_signals(self) -> None:
        self.preset.activated.connect(self.apply_preset)
        self.first_day.dateChanged.connect(self.on_dates_edited)
        self.last_day.dateChanged.connect(self.on_dates_edited)
        self.refresh_button.clicked.connect(self.refresh)
        self.chart_style.currentIndexChanged.connect(self.on_chart_style)
        self.daily_png.clicked.connect(self.save_daily_png)
        self.daily_csv.clicked.connect(self.export_daily_csv)
        self.channels.png_button.clicked.connect(self.save_channel_png)
        self.channels.csv_button.clicked.connect(self.export_channel_csv)
        self.owners.png_button.clicked.connect(self.save_owner_png)
        self.owners.csv_button.clicked.connect(self.export_owner_csv)
        self.release_csv.clicked.connect(self.export_release_csv)
        self.release_model.modelReset.connect(self.status_changed)

    # --- View ------------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Reports")

    @Slot(str)
    def apply_search(self, text: str) -> None:
        """The search narrows the per-release table (titles, place, issuers)."""
        self._query = text
        self.release_model.query = text
        self.release_model.reload()

    def status_text(self) -> str:
        if self.reports is None:
            return self.tr("Loading reports…") if self.task is not None else ""
        total = sum(s.total for s in self.reports.daily.series)
        return (
            self.tr("%n inquiry(ies) from %1 to %2", "", total)
            .replace("%1", self.reports.first_day.isoformat())
            .replace("%2", self.reports.last_day.isoformat())
        )

    def refresh(self) -> None:
        """Reload now when on screen; otherwise when next shown."""
        self._stale = True
        if self.isVisible():
            self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.load()

    # --- the period ------------------------------------------------------------------------

    def period(self) -> tuple[date, date]:
        """The first and last day of the period shown."""
        return _date(self.first_day.date()), _date(self.last_day.date())

    def set_period(self, first_day: date, last_day: date) -> None:
        """Show the reports of ``first_day`` to ``last_day`` (a custom period)."""
        self._set_dates(first_day, last_day)
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self.refresh()

    def _set_dates(self, first_day: date, last_day: date) -> None:
        for edit, day in ((self.first_day, first_day), (self.last_day, last_day)):
            edit.blockSignals(True)
            edit.setDate(_qdate(day))
            edit.blockSignals(False)

    @Slot(int)
    def apply_preset(self, index: int) -> None:
        """A preset period ending today ("Custom" keeps the dates as they are)."""
        key = self.preset.itemData(index)
        if key not in dict(_PRESETS):
            return
        days = dict(_PRESETS)[key]
        self.preset.setCurrentIndex(index)
        today = date.today()
        first = date(today.year, 1, 1) if days is None else today - timedelta(days=days - 1)
        self._set_dates(first, today)
        self.refresh()

    @Slot()
    def on_dates_edited(self) -> None:
        """Typing a date makes the period custom."""
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self.refresh()

    # --- loading ---------------------------------------------------------------------------

    def load(self) -> Task | None:
        """Query the period's reports off the GUI thread; the view updates when they arrive."""
        self._stale = False
        self.release_model.reload()
        first, last = self.period()
        if last < first:
            self.state_label.setText(self.tr("The period ends before it starts."))
            return None
        self._generation += 1
        generation = self._generation
        database = self.database
        offset = local_utc_offset_minutes()

        def work(_progress: Progress) -> PeriodReports:
            return PeriodReports(
                generation,
                first,
                last,
                inquiries_per_day(database, first, last, utc_offset_minutes=offset),
                response_times_by_channel(database, first, last, utc_offset_minutes=offset),
                response_times_by_owner(database, first, last, utc_offset_minutes=offset),
            )

        task = Task(work)
        task.signals.succeeded.connect(self.on_loaded)
        task.signals.rejected.connect(self.on_rejected)
        task.signals.crashed.connect(self.on_crashed)
        self.task = task
        self.state_label.setText(self.tr("Loading…"))
        self._set_loading(True)
        self.status_changed.emit()
        return start(task)

    @Slot(object)
    def on_loaded(self, reports: PeriodReports) -> None:
        """Show what a load brought back (unless a newer load is on its way)."""
        if reports.generation != self._generation:
            return
        self.reports = reports
        self.task = None
        self.state_label.setText("")
        self._set_loading(False)
        self._show_daily(reports)
        self.channels.show_rows(
            reports.channels, {r.key: channel_label(str(r.key)) for r in reports.channels}
        )
        self.owners.show_rows(
            reports.owners,
            {None: self.tr("Unassigned")} | {r.key: r.label for r in reports.owners if r.key},
            # On the axis a colleague's Chinese name alone (陳大文), when they have one.
            {r.key: r.label.split(" ", 1)[0] for r in reports.owners if r.key and has_han(r.label)},
        )
        self.status_changed.emit()

    def _set_loading(self, loading: bool) -> None:
        self.daily_chart.set_empty_text(
            self.tr("Loading…")
            if loading
            else self.tr("No inquiries were received in this period.")
        )
        self.channels.set_loading(loading)
        self.owners.set_loading(loading)

    @Slot(object)
    def on_rejected(self, error: InputRejected) -> None:
        """A period the reports cannot cover: say so beside it."""
        self.task = None
        self._set_loading(False)
        self.state_label.setText(error.message)
        self.status_changed.emit()

    @Slot(str)
    def on_crashed(self, _traceback: str) -> None:
        """A bug (already logged): say the reports could not be made."""
        self.task = None
        self._set_loading(False)
        self.state_label.setText(self.tr("The reports could not be made; see the log."))
        self.status_changed.emit()

    def _series_name(self, kind: str, zh: str | None, en: str | None) -> str:
        if kind == "other":
            return self.tr("Other releases")
        if kind == "none":
            return self.tr("No release")
        return release_title({"title_zh": zh, "title_en": en}) or self.tr("(untitled)")

    def _show_daily(self, reports: PeriodReports) -> None:
        daily = reports.daily
        same_year = reports.first_day.year == reports.last_day.year
        categories = [d.strftime("%m-%d" if same_year else "%Y-%m-%d") for d in daily.days]
        series = [
            ChartSeries(
                self._series_name(s.kind, s.title_zh, s.title_en),
                tuple(float(n) for n in s.counts),
                color="#999999" if s.kind != "release" else None,
            )
            for s in daily.series
        ]
        self.daily_chart.set_data(categories, series)
        year = f" ({reports.first_day.year})" if same_year else ""
        self.daily_chart.set_titles(
            self.tr("Inquiries per release per day"),
            x=self.tr("Day received%1").replace("%1", year),
            y=self.tr("Inquiries"),
        )

    @Slot(int)
    def on_chart_style(self, index: int) -> None:
        """Stacked bars, grouped bars or lines."""
        self.daily_chart.set_kind(ChartKind(self.chart_style.itemData(index)))

    # --- export ----------------------------------------------------------------------------

    def _suggested(self, stem: str, suffix: str) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        first, last = self.period()
        return str(Path(folder or Path.home()) / f"{stem}-{first}-{last}.{suffix}")

    def _ask_path(self, title: str, stem: str, suffix: str, file_filter: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self, title, self._suggested(stem, suffix), file_filter
        )
        if not path:
            return None
        target = Path(path)
        return target if target.suffix else target.with_suffix(f".{suffix}")

    def _notify(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)

    def _save_png(self, chart: ChartWidget, stem: str) -> Path | None:
        target = self._ask_path(
            self.tr("Save chart as PNG"), stem, "png", self.tr("PNG image (*.png)")
        )
        if target is None:
            return None
        if not chart.save_png(target):
            warn(
                self,
                self.tr("Chart not saved"),
                self.tr("Cannot write %1. Choose a folder you can write to.").replace(
                    "%1", str(target)
                ),
            )
            return None
        self._notify(self.tr("Chart saved to %1").replace("%1", str(target)))
        return target

    def _write_csv(self, stem: str, headers: Sequence[str], rows: list[list[Any]]) -> Path | None:
        target = self._ask_path(
            self.tr("Export table as CSV"), stem, "csv", self.tr("CSV for Excel (*.csv)")
        )
        if target is None:
            return None
        try:
            write_csv(target, headers, rows)
        except InputRejected as exc:
            warn(self, self.tr("Table not exported"), exc.message)
            return None
        self._notify(self.tr("Table exported to %1").replace("%1", str(target)))
        return target

    @Slot()
    def save_daily_png(self) -> Path | None:
        """Save the per-day chart as a PNG."""
        return self._save_png(self.daily_chart, "inquiries-per-day")

    @Slot()
    def save_channel_png(self) -> Path | None:
        """Save the by-channel chart as a PNG."""
        return self._save_png(self.channels.chart, "response-times-by-channel")

    @Slot()
    def save_owner_png(self) -> Path | None:
        """Save the by-owner chart as a PNG."""
        return self._save_png(self.owners.chart, "response-times-by-owner")

    def _response_headers(self, group: str) -> list[str]:
        headers = [
            group,
            self.tr("Inquiries"),
            self.tr("Responded"),
            self.tr("Median time to first response (minutes)"),
            self.tr("90th percentile (minutes)"),
        ]
        assert len(headers) == len(RESPONSE_CSV_HEADERS)  # the service's column order
        return headers

    @Slot()
    def export_daily_csv(self) -> Path | None:
        """The per-day table (day, release, inquiries) as CSV."""
        if self.reports is None:
            return None
        headers = [
            self.tr("Day"),
            self.tr("Release ID"),
            self.tr("Title (中文)"),
            self.tr("Title (English)"),
            self.tr("Inquiries"),
        ]
        assert len(headers) == len(DAILY_CSV_HEADERS)
        rows = daily_csv_rows(self.database, self.reports.daily, no_release=self.tr("No release"))
        return self._write_csv("inquiries-per-day", headers, rows)

    @Slot()
    def export_channel_csv(self) -> Path | None:
        """The by-channel table as CSV."""
        rows = response_csv_rows(self.channels.rows, self.channels.labels)
        return self._write_csv(
            "response-times-by-channel", self._response_headers(self.tr("Channel")), rows
        )

    @Slot()
    def export_owner_csv(self) -> Path | None:
        """The by-owner table as CSV."""
        rows = response_csv_rows(self.owners.rows, self.owners.labels)
        return self._write_csv(
            "response-times-by-owner", self._response_headers(self.tr("Owner")), rows
        )

    @Slot()
    def export_release_csv(self) -> Task | None:
        """Every release with its figures as CSV (written off the GUI thread)."""
        target = self._ask_path(
            self.tr("Export table as CSV"), "releases", "csv", self.tr("CSV for Excel (*.csv)")
        )
        if target is None:
            return None
        headers = [
            self.tr("Issued"),
            self.tr("Title (中文)"),
            self.tr("Title (English)"),
            self.tr("Place"),
            self.tr("Issuers"),
            self.tr("Inquiries"),
            self.tr("Open"),
            self.tr("Overdue"),
            self.tr("Responded"),
            self.tr("Median time to first response (minutes)"),
            self.tr("90th percentile (minutes)"),
        ]
        assert len(headers) == len(RELEASE_CSV_HEADERS)
        database, query = self.database, self._query

        def work(progress: Progress) -> int:
            return export_release_table(
                database, target, query=query, headers=headers, progress=progress
            )

        task = Task(work)
        task.signals.succeeded.connect(self.on_release_table_exported)
        task.signals.rejected.connect(self.on_export_rejected)
        self.export_task = task
        self._export_target = target
        return start(task)

    @Slot(object)
    def on_release_table_exported(self, _rows: int) -> None:
        """Say where the release table went."""
        self._notify(self.tr("Table exported to %1").replace("%1", str(self._export_target)))

    @Slot(object)
    def on_export_rejected(self, error: InputRejected) -> None:
        """The table could not be written (or the export was cancelled)."""
        warn(self, self.tr("Table not exported"), error.message)
