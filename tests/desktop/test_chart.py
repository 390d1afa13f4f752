"""The QPainter chart: ticks, hit-testing and tooltips, PNG export, Chinese labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtWidgets import QToolTip
from pytestqt.qtbot import QtBot

from desktop.widgets.chart import ChartKind, ChartSeries, ChartWidget, nice_ticks


def _chart(qtbot: QtBot, kind: ChartKind = ChartKind.GROUPED_BARS) -> ChartWidget:
    chart = ChartWidget()
    qtbot.addWidget(chart)
    chart.resize(600, 320)
    chart.set_data(
        ["12-01", "12-02", "12-03"],
        [
            ChartSeries(
                "香港科技園公司與地平線簽署合作備忘錄", (3.0, 0.0, 5.0), notes=("a", "", "c")
            ),
            ChartSeries("Release B", (1.0, 2.0, 0.0)),
        ],
    )
    chart.set_titles("每日查詢", x="Day", y="Inquiries")
    chart.set_value_format(None, integer=True)
    chart.set_kind(kind)
    chart.show()
    return chart


def _centre_of_bar(chart: ChartWidget, series: int, category: int) -> QPointF:
    rect = chart.item_rect(series, category)
    assert rect is not None
    return rect.center()


def test_nice_ticks() -> None:
    assert nice_ticks(0) == [0.0, 1.0]
    assert nice_ticks(5, integer=True) == [0, 1, 2, 3, 4, 5]
    assert nice_ticks(1, integer=True) == [0.0, 1.0]
    assert nice_ticks(9.5) == [0, 2, 4, 6, 8, 10]
    assert nice_ticks(1234) == [0, 250, 500, 750, 1000, 1250]


@pytest.mark.parametrize("kind", list(ChartKind))
def test_every_value_above_zero_can_be_pointed_at(qtbot: QtBot, kind: ChartKind) -> None:
    chart = _chart(qtbot, kind)
    for series, category in ((0, 0), (0, 2), (1, 0), (1, 1)):
        assert chart.hit_test(_centre_of_bar(chart, series, category)) == (series, category)
    assert chart.hit_test(QPointF(2, 2)) is None


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen tooltips
def test_tooltip_names_series_category_value_and_note(qtbot: QtBot) -> None:
    chart = _chart(qtbot)
    assert (
        chart.tooltip_text(0, 2) == "<b>香港科技園公司與地平線簽署合作備忘錄</b><br>12-03: 5<br>c"
    )
    assert chart.tooltip_text(1, 1) == "<b>Release B</b><br>12-02: 2"
    point = _centre_of_bar(chart, 1, 1)
    with qtbot.waitSignal(chart.hovered) as hovered:
        qtbot.mouseMove(chart, point.toPoint())
    assert hovered.args == [1, 1]
    assert chart.event(_help_event(chart, point.toPoint()))
    assert "Release B" in QToolTip.text()
    QToolTip.hideText()


def _help_event(chart: ChartWidget, point: QPoint) -> QHelpEvent:
    return QHelpEvent(QEvent.Type.ToolTip, point, chart.mapToGlobal(point))


def test_png_export_is_twice_the_size_and_not_blank(qtbot: QtBot, tmp_path: Path) -> None:
    chart = _chart(qtbot, ChartKind.STACKED_BARS)
    target = tmp_path / "chart.png"
    assert chart.save_png(target)
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1200, 640)
    colours = {image.pixel(x, y) for x in range(0, 1200, 7) for y in range(0, 640, 7)}
    assert len(colours) > 5  # bars, text and grid, not an empty canvas
    assert not chart.save_png(tmp_path / "missing" / "chart.png")


def test_an_empty_chart_says_so(qtbot: QtBot) -> None:
    chart = ChartWidget()
    qtbot.addWidget(chart)
    chart.set_empty_text("No inquiries")
    chart.set_data(["a"], [ChartSeries("x", (0.0,))])
    assert chart.is_empty()
    assert chart.hit_test(QPointF(100, 100)) is None
    assert not chart.render_image(1.0).isNull()


def test_series_must_match_the_categories(qtbot: QtBot) -> None:
    chart = ChartWidget()
    qtbot.addWidget(chart)
    with pytest.raises(ValueError, match="2 values for 3 categories"):
        chart.set_data(["a", "b", "c"], [ChartSeries("x", (1.0, 2.0))])


def test_leaving_the_chart_clears_the_hover(qtbot: QtBot) -> None:
    chart = _chart(qtbot)
    qtbot.mouseMove(chart, _centre_of_bar(chart, 0, 0).toPoint())
    with qtbot.waitSignal(chart.hovered) as hovered:
        qtbot.mouseMove(chart, QPoint(1, 1))
    assert hovered.args == [-1, -1]
