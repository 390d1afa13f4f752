"""A running mm:ss clock for the length of a call, with Stop and Resume."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.widgets.inquiry_labels import duration

TICK_MS = 250


class CallTimer(QWidget):
    """Counts from when it is created; Stop freezes it, Resume carries on counting."""

    #: True when the clock was stopped, False when it runs again.
    stopped_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = QElapsedTimer()
        self._clock.start()
        self._banked_ms = 0  # time counted before the last Resume
        self._running = True
        self.display = QLabel(duration(0))
        self.display.setObjectName("timerDisplay")
        font = QFont(self.display.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.display.setFont(font)
        self.display.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.button = QPushButton(self.tr("Stop"))
        self.button.setObjectName("timerButton")
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.display, 1)
        layout.addWidget(self.button)
        self._connect_signals()
        self._tick.start()

    def _connect_signals(self) -> None:
        self._tick.timeout.connect(self.refresh)
        self.button.clicked.connect(self.toggle)

    def seconds(self) -> int:
        """Whole seconds counted so far."""
        running = self._clock.elapsed() if self._running else 0
        return (self._banked_ms + running) // 1000

    def is_running(self) -> bool:
        """Whether the clock is counting."""
        return self._running

    @Slot()
    def toggle(self) -> None:
        """Stop a running clock, or resume a stopped one."""
        if self._running:
            self.stop()
        else:
            self.resume()

    def stop(self) -> None:
        """Freeze the clock (the call ended)."""
        if not self._running:
            return
        self._banked_ms += self._clock.elapsed()
        self._running = False
        self._tick.stop()
        self.button.setText(self.tr("Resume"))
        self.refresh()
        self.stopped_changed.emit(True)

    def resume(self) -> None:
        """Count on from where it stopped (the caller rang back, or Stop was a slip)."""
        if self._running:
            return
        self._clock.restart()
        self._running = True
        self._tick.start()
        self.button.setText(self.tr("Stop"))
        self.refresh()
        self.stopped_changed.emit(False)

    @Slot()
    def refresh(self) -> None:
        """Show the time counted."""
        self.display.setText(duration(self.seconds()))
