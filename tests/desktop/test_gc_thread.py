"""Cycles are freed on the GUI thread only (desktop.workers.GuiThreadCollector)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.workers import GuiThreadCollector, collect_on_gui_thread


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it
        self.freed_in: str | None = None


def test_cycles_are_collected_by_the_gui_threads_timer(qapp: QApplication, qtbot: QtBot) -> None:
    collector = collect_on_gui_thread(qapp)
    assert collect_on_gui_thread(qapp) is collector  # installed once
    assert qapp.findChildren(GuiThreadCollector) == [collector]
    assert not gc.isenabled()
    freed: list[str] = []
    node = _Node()
    weakref.finalize(node, lambda: freed.append(threading.current_thread().name))
    del node
    kept: list[list[object]] = []
    # Past generation 0's threshold, in another thread: Python would collect there.
    worker = threading.Thread(target=lambda: kept.extend([] for _ in range(5000)), name="pool")
    worker.start()
    worker.join()
    assert gc.get_count()[0] > gc.get_threshold()[0]
    assert freed == []  # nothing was collected in the other thread
    qtbot.waitUntil(lambda: bool(freed), timeout=5 * GuiThreadCollector.INTERVAL_MS)
    assert freed == [threading.main_thread().name]


def test_a_stopped_collector_is_not_handed_out_again() -> None:
    """Stopped, a collector waits for the event loop to delete it; installing one meanwhile
    (a test session going back into tests/desktop) got the stopped one, and stopping that
    again raised "Internal C++ object already deleted"."""
    owner = QObject()  # an owner of its own: the package's collector on qapp stays as it is
    try:
        first = collect_on_gui_thread(owner)
        first.stop()
        assert gc.isenabled()
        second = collect_on_gui_thread(owner)
        assert second is not first
        assert owner.findChildren(GuiThreadCollector) == [second]
        second.stop()
    finally:
        gc.disable()  # as the package's collector keeps it
