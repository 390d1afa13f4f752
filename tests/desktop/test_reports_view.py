"""The reports view on a log whose figures are worked out by hand (tests/helpers/reports_data)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

import desktop.views.reports as reports_module
from db.engine import Database, open_database
from desktop.main_window import MainWindow
from desktop.views.reports import ReportsView
from desktop.widgets.chart import ChartKind
from tests.helpers.reports_data import FIRST_DAY, HK_OFFSET, LAST_DAY, ReportData, make_report_data


@pytest.fixture
def database(sqlite_url: str) -> Iterator[Database]:
    db = open_database(sqlite_url)
    yield db
    QThreadPool.globalInstance().waitForDone(20_000)  # no worker outlives its database
    db.dispose()


@pytest.fixture
def data(database: Database) -> ReportData:
    return make_report_data(database)


@pytest.fixture
def view(
    qtbot: QtBot, database: Database, data: ReportData, monkeypatch: pytest.MonkeyPatch
) -> ReportsView:
    # The figures are worked out for Hong Kong days, whatever zone the test machine is in.
    monkeypatch.setattr(reports_module, "local_utc_offset_minutes", lambda: HK_OFFSET)
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    window.show_view("reports")
    reports = window.views["reports"]
    assert isinstance(reports, ReportsView)
    reports.set_period(FIRST_DAY, LAST_DAY)
    qtbot.waitUntil(lambda: reports.reports is not None and reports.task is None, timeout=10_000)
    return reports


def _cells(model: Any) -> list[list[Any]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _save_to(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def _csv(path: Path) -> list[list[str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_inquiries_per_day_chart(view: ReportsView, data: ReportData) -> None:
    chart = view.daily_chart
    assert chart.categories() == ["03-01", "03-02", "03-03", "03-04", "03-05", "03-06"]
    series = {s.name: s.values for s in chart.series()}
    assert series == {
        "科技園新聞稿甲": (2.0, 2.0, 0.0, 0.0, 0.0, 0.0),
        "科技園新聞稿乙": (0.0, 0.0, 0.0, 0.0, 2.0, 1.0),
        "No release": (0.0, 0.0, 0.0, 0.0, 1.0, 0.0),
    }
    assert chart.kind() == ChartKind.STACKED_BARS
    view.chart_style.setCurrentIndex(view.chart_style.findData(ChartKind.GROUPED_BARS))
    assert chart.kind() == ChartKind.GROUPED_BARS
    assert view.status_text() == "8 inquiry(ies) from 2024-03-01 to 2024-03-06"


def test_response_times_by_channel_and_owner(view: ReportsView) -> None:
    assert _cells(view.channels.model) == [
        ["Phone", 5, 4, "15 min", "48 min"],
        ["E-mail", 2, 2, "1 h 15 min", "1 h 51 min"],
        ["WhatsApp", 1, 0, "", ""],
    ]
    assert _cells(view.owners.model) == [
        ["陳大文 Chan Tai Man", 4, 4, "15 min", "27 min"],
        ["李小龍 Lee Siu Lung", 3, 2, "1 h 30 min", "1 h 54 min"],
        ["Unassigned", 1, 0, "", ""],
    ]
    chart = view.channels.chart
    assert chart.categories() == ["Phone (4)", "E-mail (2)", "WhatsApp (0)"]
    median, p90 = chart.series()
    assert median.values == (15.0, 75.0, 0.0)  # minutes: the longest is under 2 hours
    assert p90.values == (48.0, 111.0, 0.0)
    assert (
        median.notes is not None and median.notes[0] == "4 of 5 inquiries have had a first response"
    )


def test_per_release_table(view: ReportsView, qtbot: QtBot) -> None:
    view.tabs.setCurrentIndex(2)
    assert view.release_model.index(0, 4).data() in ("…", 3)  # the figures come later
    qtbot.waitUntil(lambda: view.release_model.figures_pending() == 0, timeout=10_000)
    rows = _cells(view.release_model)
    assert [r[1] for r in rows] == ["科技園新聞稿乙 / Release B", "科技園新聞稿甲 / Release A"]
    # Overdue is judged now (2024's deadlines have all passed): both open ones of A.
    assert [r[4:] for r in rows] == [[3, 1, 1, "1 h 10 min"], [4, 2, 2, "30 min"]]


def test_search_narrows_the_release_table(view: ReportsView, qtbot: QtBot) -> None:
    view.apply_search("Release A")
    assert view.release_model.rowCount() == 1


def test_chart_png_export(
    view: ReportsView, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "daily"
    _save_to(monkeypatch, target)
    qtbot.mouseClick(view.daily_png, Qt.MouseButton.LeftButton)
    saved = target.with_suffix(".png")
    image = QImage(str(saved))
    assert not image.isNull()
    assert image.width() == 2 * view.daily_chart.width()
    assert saved.stat().st_size > 5_000
    for panel, name in ((view.channels, "channels.png"), (view.owners, "owners.png")):
        _save_to(monkeypatch, tmp_path / name)
        qtbot.mouseClick(panel.png_button, Qt.MouseButton.LeftButton)
        assert not QImage(str(tmp_path / name)).isNull()
    assert "Chart saved to" in view.window().statusBar().currentMessage()  # type: ignore[attr-defined]


def test_a_chart_that_cannot_be_saved_is_a_warning(
    view: ReportsView, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(reports_module, "warn", lambda parent, title, text: warnings.append(text))
    _save_to(monkeypatch, tmp_path / "missing" / "chart.png")
    assert view.save_daily_png() is None
    assert warnings and "Cannot write" in warnings[0]


def test_table_csv_exports(
    view: ReportsView,
    data: ReportData,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _save_to(monkeypatch, tmp_path / "daily.csv")
    qtbot.mouseClick(view.daily_csv, Qt.MouseButton.LeftButton)
    daily = _csv(tmp_path / "daily.csv")
    assert daily[0] == ["Day", "Release ID", "Title (中文)", "Title (English)", "Inquiries"]
    assert daily[1] == ["2024-03-01", str(data.release_a), "科技園新聞稿甲", "Release A", "2"]

    _save_to(monkeypatch, tmp_path / "channels.csv")
    qtbot.mouseClick(view.channels.csv_button, Qt.MouseButton.LeftButton)
    assert _csv(tmp_path / "channels.csv")[1] == ["Phone", "5", "4", "15.0", "48.0"]

    _save_to(monkeypatch, tmp_path / "owners.csv")
    qtbot.mouseClick(view.owners.csv_button, Qt.MouseButton.LeftButton)
    assert _csv(tmp_path / "owners.csv")[3] == ["Unassigned", "1", "0", "", ""]

    _save_to(monkeypatch, tmp_path / "releases.csv")
    qtbot.mouseClick(view.release_csv, Qt.MouseButton.LeftButton)
    target = tmp_path / "releases.csv"
    qtbot.waitUntil(target.exists, timeout=10_000)
    releases = _csv(target)
    assert releases[0][0] == "Issued"
    assert releases[2][:3] == ["2024-03-01", "科技園新聞稿甲", "Release A"]
    assert releases[2][5:] == ["4", "2", "2", "3", "30.0", "54.0"]


def test_cancelled_save_dialog_writes_nothing(
    view: ReportsView, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert view.save_daily_png() is None
    assert view.export_channel_csv() is None
    assert view.export_release_csv() is None
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".png", ".csv")]


def test_a_period_ending_before_it_starts_is_explained(view: ReportsView) -> None:
    view.set_period(LAST_DAY, FIRST_DAY)
    assert view.state_label.text() == "The period ends before it starts."


def test_presets_set_the_period(view: ReportsView, qtbot: QtBot) -> None:
    view.preset.setCurrentIndex(0)
    view.apply_preset(0)
    first, last = view.period()
    assert (last - first).days == 6
    qtbot.waitUntil(lambda: view.task is None, timeout=10_000)
    assert view.daily_chart.is_empty()  # nothing in the last week: the data is from 2024


def test_every_model_passes_the_model_tester(
    view: ReportsView, qtbot: QtBot, qtmodeltester: Any
) -> None:
    qtbot.waitUntil(lambda: view.release_model.figures_pending() == 0, timeout=10_000)
    for model in (view.channels.model, view.owners.model, view.release_model):
        qtmodeltester.check(model)
