"""A small bar and line chart drawn with QPainter (QtCharts is not shipped with PressDesk).

:class:`ChartWidget` shows categories along the x axis (days, channels, people) and one
or more series of non-negative values: grouped bars, stacked bars or lines. It draws a
y axis with "nice" ticks and a grid, category labels that thin out when they do not fit,
a legend, a tooltip for the bar or point under the mouse, and any text the widget's font
can show (Chinese included). :meth:`ChartWidget.render_image` paints the same chart into
an image at any scale (2x by default) for saving as PNG.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

# Okabe–Ito: told apart by people with the common colour-vision deficiencies.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
)
_MARGIN = 10.0
_SWATCH = 10.0
_TICK = 4.0
_MAX_LEGEND_NAME = 260.0
_ELIDE_BAND = 64.0


class ChartKind(StrEnum):
    """How series are drawn."""

    GROUPED_BARS = "grouped"
    STACKED_BARS = "stacked"
    LINES = "lines"


@dataclass(frozen=True)
class ChartSeries:
    """One series: a name for the legend and a value per category.

    Attributes:
        name: shown in the legend and the tooltip.
        values: one non-negative value per category (negative values are drawn as 0).
        color: the colour; None takes the next one of :data:`PALETTE`.
        notes: optional extra tooltip text per category (e.g. "12 inquiries").
    """

    name: str
    values: tuple[float, ...]
    color: str | None = None
    notes: tuple[str, ...] | None = None


def nice_ticks(maximum: float, *, count: int = 5, integer: bool = False) -> list[float]:
    """Axis ticks from 0 past ``maximum`` in steps of 1, 2, 2.5 or 5 times a power of ten."""
    if maximum <= 0 or not math.isfinite(maximum):
        return [0.0, 1.0]
    raw = maximum / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    multiples = (1, 2, 5, 10) if integer else (1, 2, 2.5, 5, 10)
    step = next(m * magnitude for m in multiples if m * magnitude >= raw)
    if integer:
        step = max(1.0, round(step))
    steps = math.ceil(maximum / step - 1e-9)
    return [i * step for i in range(steps + 1)]


def _default_format(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


@dataclass
class _Geometry:
    """Where everything goes for one paint at one size."""

    plot: QRectF
    title: QRectF
    legend: list[tuple[QRectF, int]]
    ticks: list[float]
    top: float
    band: float
    label_step: int
    x_title_y: float


class ChartWidget(QWidget):
    """A bar or line chart of categories and series, with axes, legend and tooltips."""

    #: The (series, category) under the mouse, or (-1, -1) when there is none.
    hovered = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._categories: list[str] = []
        self._series: list[ChartSeries] = []
        self._kind = ChartKind.GROUPED_BARS
        self._title = ""
        self._x_title = ""
        self._y_title = ""
        self._empty_text = ""
        self._integer = False
        self._format: Callable[[float], str] = _default_format
        self._hover: tuple[int, int] | None = None
        self.setMouseTracking(True)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 200)

    # --- configuration ---------------------------------------------------------------------

    def set_data(self, categories: Sequence[str], series: Sequence[ChartSeries]) -> None:
        """Show ``series`` over ``categories`` (each series has a value per category)."""
        for one in series:
            if len(one.values) != len(categories):
                raise ValueError(
                    f"series {one.name!r} has {len(one.values)} values for "
                    f"{len(categories)} categories"
                )
        self._categories = list(categories)
        self._series = list(series)
        self._hover = None
        self.update()

    def set_kind(self, kind: ChartKind) -> None:
        """Grouped bars, stacked bars or lines."""
        self._kind = ChartKind(kind)
        self._hover = None
        self.update()

    def kind(self) -> ChartKind:
        """How the series are drawn."""
        return self._kind

    def set_titles(self, title: str = "", *, x: str = "", y: str = "") -> None:
        """The chart's title and its axes' titles (empty: none)."""
        self._title, self._x_title, self._y_title = title, x, y
        self.setAccessibleName(title)
        self.update()

    def set_empty_text(self, text: str) -> None:
        """What to say when there is nothing to chart."""
        self._empty_text = text
        self.update()

    def set_value_format(
        self, formatter: Callable[[float], str] | None, *, integer: bool = False
    ) -> None:
        """How values read on the axis and in tooltips; ``integer`` keeps ticks whole."""
        self._format = formatter or _default_format
        self._integer = integer
        self.update()

    def categories(self) -> list[str]:
        """The categories shown."""
        return list(self._categories)

    def series(self) -> list[ChartSeries]:
        """The series shown."""
        return list(self._series)

    def is_empty(self) -> bool:
        """True when there is no value above zero to draw."""
        return not any(v > 0 for s in self._series for v in s.values)

    def color_of(self, index: int) -> QColor:
        """The colour series ``index`` is drawn in."""
        chosen = self._series[index].color if index < len(self._series) else None
        return QColor(chosen or PALETTE[index % len(PALETTE)])

    # --- export ----------------------------------------------------------------------------

    def render_image(self, scale: float = 2.0, size: QSize | None = None) -> QImage:
        """The chart painted into an image ``scale`` times the widget's size (sharp on print)."""
        logical = size or (self.size() if self.width() > 1 else self.sizeHint())
        image = QImage(
            max(1, round(logical.width() * scale)),
            max(1, round(logical.height() * scale)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.setDevicePixelRatio(scale)
        image.fill(self.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(image)
        try:
            self._paint(painter, QRectF(0, 0, logical.width(), logical.height()), hover=None)
        finally:
            painter.end()
        return image

    def save_png(self, path: Path | str, scale: float = 2.0) -> bool:
        """Save the chart as a PNG; False when the file cannot be written."""
        # PySide6 accepts the format as str at run time; its stubs say bytes.
        return self.render_image(scale).save(str(path), "PNG")  # type: ignore[call-overload]

    # --- Qt --------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(720, 360)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter, QRectF(self.rect()), hover=self._hover)
        finally:
            painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_test(event.position())
        if hit != self._hover:
            self._hover = hit
            self.hovered.emit(*(hit or (-1, -1)))
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            self._hover = None
            self.hovered.emit(-1, -1)
            self.update()
        super().leaveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.hit_test(QPointF(event.pos()))
            if hit is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_text(*hit), self)
            return True
        return super().event(event)

    def tooltip_text(self, series: int, category: int) -> str:
        """The tooltip of one bar or point: series, category, value and any note."""
        one = self._series[series]
        lines = [
            f"<b>{_escape(one.name)}</b>",
            f"{_escape(self._categories[category])}: {_escape(self._format(one.values[category]))}",
        ]
        if one.notes and one.notes[category]:
            lines.append(_escape(one.notes[category]))
        return "<br>".join(lines)

    # --- geometry --------------------------------------------------------------------------

    def _maximum(self) -> float:
        if not self._series or not self._categories:
            return 0.0
        if self._kind == ChartKind.STACKED_BARS:
            return max(
                sum(max(0.0, s.values[i]) for s in self._series)
                for i in range(len(self._categories))
            )
        return max((max(0.0, v) for s in self._series for v in s.values), default=0.0)

    def _geometry(self, rect: QRectF, metrics: QFontMetricsF, bold: QFontMetricsF) -> _Geometry:
        line = _line_height(metrics)
        top = rect.top() + _MARGIN
        title = QRectF(rect.left() + _MARGIN, top, rect.width() - 2 * _MARGIN, 0)
        if self._title:
            title.setHeight(bold.height())
            top += bold.height() + 4
        legend: list[tuple[QRectF, int]] = []
        if len(self._series) > 1 or (self._series and self._series[0].name):
            x = rect.left() + _MARGIN
            for index, one in enumerate(self._series):
                width = _SWATCH + 6 + min(metrics.horizontalAdvance(one.name), _MAX_LEGEND_NAME)
                if x + width > rect.right() - _MARGIN and x > rect.left() + _MARGIN:
                    x = rect.left() + _MARGIN
                    top += line + 2
                legend.append((QRectF(x, top, width, line), index))
                x += width + 16
            top += line + 8
        ticks = nice_ticks(self._maximum(), integer=self._integer)
        tick_width = max(metrics.horizontalAdvance(self._format(t)) for t in ticks)
        left = rect.left() + _MARGIN + tick_width + _TICK + 4
        if self._y_title:
            left += line + 4
        bottom = rect.bottom() - _MARGIN - line - _TICK - 2
        x_title_y = bottom
        if self._x_title:
            bottom -= line + 6
            x_title_y = rect.bottom() - _MARGIN - line
        plot = QRectF(
            left, top + line / 2, max(1.0, rect.right() - _MARGIN - left), max(1.0, bottom - top)
        )
        band = plot.width() / max(1, len(self._categories))
        widest = max((metrics.horizontalAdvance(c) for c in self._categories), default=0.0)
        label_step = max(1, math.ceil((widest + 8) / band)) if band > 0 else 1
        if band >= _ELIDE_BAND:
            label_step = 1  # few, wide categories: shorten each label rather than skip some
        return _Geometry(plot, title, legend, ticks, ticks[-1], band, label_step, x_title_y)

    def _bars(self, geometry: _Geometry) -> list[tuple[QRectF, int, int]]:
        """Every bar (or stacked segment) as (rectangle, series, category)."""
        plot, band, top = geometry.plot, geometry.band, geometry.top
        bars: list[tuple[QRectF, int, int]] = []
        count = len(self._series)
        for category in range(len(self._categories)):
            x0 = plot.left() + category * band
            if self._kind == ChartKind.STACKED_BARS:
                width = band * 0.64
                base = 0.0
                for index, one in enumerate(self._series):
                    value = max(0.0, one.values[category])
                    if value <= 0:
                        continue
                    y_top = plot.bottom() - (base + value) / top * plot.height()
                    y_base = plot.bottom() - base / top * plot.height()
                    bars.append(
                        (
                            QRectF(x0 + (band - width) / 2, y_top, width, y_base - y_top),
                            index,
                            category,
                        )
                    )
                    base += value
            else:
                inner = band * 0.8
                width = inner / max(1, count)
                for index, one in enumerate(self._series):
                    value = max(0.0, one.values[category])
                    height = value / top * plot.height()
                    bars.append(
                        (
                            QRectF(
                                x0 + (band - inner) / 2 + index * width,
                                plot.bottom() - height,
                                max(1.0, width - 1),
                                height,
                            ),
                            index,
                            category,
                        )
                    )
        return bars

    def _points(self, geometry: _Geometry) -> list[list[QPointF]]:
        plot, band, top = geometry.plot, geometry.band, geometry.top
        return [
            [
                QPointF(
                    plot.left() + (i + 0.5) * band,
                    plot.bottom() - max(0.0, v) / top * plot.height(),
                )
                for i, v in enumerate(one.values)
            ]
            for one in self._series
        ]

    def item_rect(self, series: int, category: int) -> QRectF | None:
        """Where the bar (or point) of ``series`` at ``category`` is drawn, in widget pixels."""
        if self.is_empty():
            return None
        metrics = QFontMetricsF(self.font())
        geometry = self._geometry(QRectF(self.rect()), metrics, QFontMetricsF(_bold(self.font())))
        if self._kind == ChartKind.LINES:
            point = self._points(geometry)[series][category]
            return QRectF(point.x() - 3, point.y() - 3, 6, 6)
        return next((r for r, s, c in self._bars(geometry) if (s, c) == (series, category)), None)

    def hit_test(self, position: QPointF) -> tuple[int, int] | None:
        """The (series, category) drawn at ``position`` in widget coordinates, or None."""
        if self.is_empty():
            return None
        metrics = QFontMetricsF(self.font())
        geometry = self._geometry(QRectF(self.rect()), metrics, QFontMetricsF(_bold(self.font())))
        if not geometry.plot.adjusted(-6, -6, 6, 6).contains(position):
            return None
        if self._kind == ChartKind.LINES:
            best: tuple[float, int, int] | None = None
            for index, points in enumerate(self._points(geometry)):
                for category, point in enumerate(points):
                    distance = math.hypot(point.x() - position.x(), point.y() - position.y())
                    if distance <= 8 and (best is None or distance < best[0]):
                        best = (distance, index, category)
            return (best[1], best[2]) if best else None
        for rectangle, index, category in self._bars(geometry):
            # A bar shorter than a few pixels is still easy to point at.
            target = rectangle.adjusted(0, min(0.0, rectangle.height() - 4), 0, 0)
            if target.contains(position) and self._series[index].values[category] > 0:
                return index, category
        return None

    # --- painting --------------------------------------------------------------------------

    def _paint(self, painter: QPainter, rect: QRectF, hover: tuple[int, int] | None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        font = self.font()
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        bold_font = _bold(font)
        geometry = self._geometry(rect, metrics, QFontMetricsF(bold_font))
        if self._title:
            painter.setFont(bold_font)
            painter.setPen(text)
            painter.drawText(
                geometry.title,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self._title,
            )
            painter.setFont(font)
        if self.is_empty():
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._empty_text)
            return
        self._paint_legend(painter, geometry, metrics, text)
        self._paint_axes(painter, geometry, metrics, text)
        if self._kind == ChartKind.LINES:
            self._paint_lines(painter, geometry, hover)
        else:
            for rectangle, index, category in self._bars(geometry):
                color = self.color_of(index)
                if hover == (index, category):
                    color = color.lighter(130)
                    painter.setPen(QPen(text, 1.2))
                else:
                    painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(color)
                painter.drawRect(rectangle)

    def _paint_legend(
        self, painter: QPainter, geometry: _Geometry, metrics: QFontMetricsF, text: QColor
    ) -> None:
        for box, index in geometry.legend:
            swatch = QRectF(box.left(), box.center().y() - _SWATCH / 2, _SWATCH, _SWATCH)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.color_of(index))
            painter.drawRect(swatch)
            painter.setPen(text)
            name = metrics.elidedText(
                self._series[index].name, Qt.TextElideMode.ElideRight, _MAX_LEGEND_NAME
            )
            painter.drawText(
                QRectF(swatch.right() + 6, box.top(), box.width() - _SWATCH - 6, box.height()),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                name,
            )

    def _paint_axes(
        self, painter: QPainter, geometry: _Geometry, metrics: QFontMetricsF, text: QColor
    ) -> None:
        plot = geometry.plot
        grid = QColor(text)
        grid.setAlpha(40)
        line = _line_height(metrics)
        for tick in geometry.ticks:
            y = plot.bottom() - tick / geometry.top * plot.height()
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawLine(QPointF(plot.left() - _TICK, y), QPointF(plot.left(), y))
            painter.drawText(
                QRectF(plot.left() - _TICK - 4 - 200, y - line / 2, 200, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self._format(tick),
            )
        painter.setPen(QPen(text, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        step = geometry.label_step
        for category, label in enumerate(self._categories):
            x = plot.left() + (category + 0.5) * geometry.band
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + _TICK))
            if category % step:
                continue
            width = geometry.band * step
            painter.drawText(
                QRectF(x - width / 2, plot.bottom() + _TICK + 1, width, line),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                metrics.elidedText(label, Qt.TextElideMode.ElideRight, width - 2),
            )
        if self._x_title:
            painter.drawText(
                QRectF(plot.left(), geometry.x_title_y, plot.width(), line),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                self._x_title,
            )
        if self._y_title:
            painter.save()
            painter.translate(_MARGIN, plot.center().y())
            painter.rotate(-90)
            painter.drawText(
                QRectF(-plot.height() / 2, 0, plot.height(), line),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                self._y_title,
            )
            painter.restore()

    def _paint_lines(
        self, painter: QPainter, geometry: _Geometry, hover: tuple[int, int] | None
    ) -> None:
        for index, points in enumerate(self._points(geometry)):
            color = self.color_of(index)
            painter.setPen(QPen(color, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for first, second in itertools.pairwise(points):
                painter.drawLine(first, second)
            painter.setBrush(color)
            for category, point in enumerate(points):
                radius = 5.0 if hover == (index, category) else 3.0
                painter.drawEllipse(point, radius, radius)


def _line_height(metrics: QFontMetricsF) -> float:
    """A line's height for mixed text: Han characters come from a taller fallback font."""
    return max(metrics.height(), metrics.boundingRect("國Ag").height())


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
