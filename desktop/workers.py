"""Long work off the GUI thread, with progress and Cancel.

A :class:`Task` runs a Qt-free function in the global thread pool. The function gets a
``progress(done, total) -> bool`` callback; it returns False once the user has cancelled,
and the function then stops (services roll back their unit of work). Results and errors
come back as signals on the GUI thread; a worker never touches a widget.
"""

from __future__ import annotations

import gc
import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from services.problems import InputRejected

log = logging.getLogger("pressdesk.desktop")
Progress = Callable[[int, int | None], bool]


class TaskSignals(QObject):
    """What a task tells the GUI thread."""

    progress = Signal(int, int)  # done, total (0 when unknown)
    succeeded = Signal(object)
    rejected = Signal(object)  # an InputRejected: a message for the user
    crashed = Signal(str)  # a bug: its traceback (already logged)
    done = Signal()


class Task(QRunnable):
    """One unit of long work: ``work(progress)`` run in the thread pool."""

    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.signals = TaskSignals()
        self._work = work
        self._cancelled = False
        self.setAutoDelete(False)

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        """Whether Cancel was pressed."""
        return self._cancelled

    def _progress(self, done: int, total: int | None) -> bool:
        self.signals.progress.emit(done, total or 0)
        return not self._cancelled

    def run(self) -> None:
        try:
            result = self._work(self._progress)
        except InputRejected as exc:
            self.signals.rejected.emit(exc)
        except Exception:
            log.exception("Background task failed")
            self.signals.crashed.emit(traceback.format_exc())
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.done.emit()


def start(task: Task) -> Task:
    """Run ``task`` in the global thread pool."""
    QThreadPool.globalInstance().start(task)
    return task


class ProgressTask(QObject):
    """A task shown with a progress dialog whose Cancel button cancels it."""

    def __init__(self, parent: QWidget | None, label: str, task: Task) -> None:
        super().__init__(parent)
        self.task = task
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.dialog.canceled.connect(self.task.cancel)
        self.task.signals.progress.connect(self.on_progress)
        self.task.signals.done.connect(self.on_done)

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        """Move the bar (a busy bar while the total is unknown)."""
        self.dialog.setMaximum(total)
        self.dialog.setValue(min(done, total) if total else 0)

    @Slot()
    def on_done(self) -> None:
        """Close the dialog."""
        self.dialog.close()

    def start(self) -> Task:
        """Start the work."""
        return start(self.task)


class GuiThreadCollector(QObject):
    """Runs Python's cyclic garbage collector on the GUI thread only.

    The collector runs in whichever thread happens to allocate when its counts are full.
    In a pool thread it may free a cycle holding Qt objects (a closed window's models and
    their connected slots), and a widget destroyed off the GUI thread crashes the process
    (seen: a segmentation fault in a background count while a window was torn down).
    So automatic collection is off, and this collects, generation by generation as
    Python would, from a timer on the GUI thread. A bulk import in a pool thread, which
    turns the collector off for itself, leaves it off.
    """

    INTERVAL_MS = 500

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(self.INTERVAL_MS)

    @Slot()
    def collect(self) -> None:
        """Collect the generations whose counts passed their thresholds (cheap when none)."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        """Hand collection back to Python (automatic again, in any thread)."""
        self._timer.stop()
        gc.enable()
        # Out of the application's children at once: until the event loop deletes it,
        # collect_on_gui_thread would otherwise hand it out again (a test session going
        # back into tests/desktop got this one, and stopped it again once deleted).
        self.setParent(None)
        self.deleteLater()


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install the :class:`GuiThreadCollector` on ``app`` (once); returns it."""
    return app.findChild(GuiThreadCollector) or GuiThreadCollector(app)
