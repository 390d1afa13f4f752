"""GUI benchmark: the contacts and inquiries views over 1 000 000 contacts and inquiries.

Run on demand (not part of the test suite), offscreen:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.benchmarks.bench_gui \
        [--contacts N] [--inquiries N] [--db PATH] [--rounds N]

Reports: the time to show the empty main window; the time to first paint of the contacts
and the inquiries views over the big database (targets: ≤ 1.5 × the empty window); the
filter latency per keystroke — query + model update + paint — median and p95 (target
p95 ≤ 50 ms), and the GUI thread's CPU time for it (steadier on a busy machine); resident
memory above the empty window (target ≤ 150 MB); the 1-minute load average. Writes JSON.
``--rounds`` types the keystrokes that many times (26 a round): more samples, a steadier p95.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractItemView, QApplication

from db.bulk import bulk_insert
from db.engine import open_database
from db.models import Contact, ContactEmail, ContactPhone, Inquiry, Organization
from db.search import insert_documents, search_document
from services.emails import email_key
from tests.benchmarks.synthetic import synthetic_contacts

INQUIRY_COLUMNS = [
    "id",
    "release_id",
    "received_at",
    "channel",
    "journalist_id",
    "outlet_id",
    "question",
    "deadline",
    "status",
    "created_at",
    "version",
]
KEYSTROKES = ["wong", "黃嘉", "6986", "chan ka", "mingpao", "嘉欣"]


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _e164(raw: str) -> str:
    digits = "".join(ch for ch in raw if ch.isdigit())
    return "+" + digits if raw.strip().startswith("+") else "+852" + digits


def build_database(path: Path, contacts: int, inquiries: int, batch: int = 20_000) -> None:
    """Load a synthetic roster and inquiry log straight into the tables (already clean)."""
    database = open_database(f"sqlite:///{path}")
    now = datetime.now(UTC)
    rng = random.Random(5)
    with database.session() as session:
        conn = session.connection()
        orgs: dict[str, int] = {}
        rows: list[tuple[Any, ...]] = []
        phones: list[tuple[Any, ...]] = []
        emails: list[tuple[Any, ...]] = []
        docs = []

        def flush() -> None:
            bulk_insert(
                conn,
                Organization.__table__,
                ["id", "name_zh", "name_en", "kind", "phone_region", "created_at", "version"],  # type: ignore[attr-defined]
                [(i, zh, en, "media", "HK", now, 1) for (zh, en), i in new_orgs.items()],
            )
            new_orgs.clear()
            bulk_insert(
                conn,
                Contact.__table__,
                [
                    "id",
                    "kind",
                    "name_zh",
                    "name_en",
                    "title_zh",
                    "title_en",
                    "organization_id",
                    "preferred_language",
                    "opt_out",
                    "created_at",
                    "version",
                ],
                rows,
            )  # type: ignore[attr-defined]
            bulk_insert(
                conn,
                ContactPhone.__table__,
                ["contact_id", "type", "e164", "raw", "position"],
                phones,
            )  # type: ignore[attr-defined]
            bulk_insert(
                conn,
                ContactEmail.__table__,
                ["contact_id", "type", "address", "address_key", "raw", "position"],
                emails,
            )  # type: ignore[attr-defined]
            insert_documents(conn, docs)
            rows.clear()
            phones.clear()
            emails.clear()
            docs.clear()

        new_orgs: dict[tuple[str, str], int] = {}
        for cid, row in enumerate(synthetic_contacts(contacts), start=1):
            key = (row.organization_zh or "", row.organization_en or "")
            if key not in orgs:
                orgs[key] = len(orgs) + 1
                new_orgs[key] = orgs[key]
            org_id = orgs[key]
            rows.append(
                (
                    cid,
                    "person",
                    row.name_zh,
                    row.name_en,
                    row.title_zh,
                    row.title_en,
                    org_id,
                    "zh-HK",
                    False,
                    now,
                    1,
                )
            )
            numbers = [_e164(p.text) for p in row.phones]
            for pos, (value, e164) in enumerate(zip(row.phones, numbers, strict=True)):
                phones.append((cid, value.type or "work", e164, value.text, pos))
            for pos, value in enumerate(row.emails):
                emails.append(
                    (cid, value.type or "work", value.text, email_key(value.text), value.text, pos)
                )
            docs.append(
                (
                    cid,
                    search_document(
                        [row.name_zh, row.name_en, row.title_zh, row.title_en, *key],
                        [e.text for e in row.emails],
                        numbers,
                    ),
                )
            )
            if len(rows) >= batch:
                flush()
        flush()
        statuses = ["new", "in_progress", "answered", "declined", "closed"]
        channels = ["phone", "email", "whatsapp", "wechat", "in_person"]
        inquiry_rows: list[tuple[Any, ...]] = []
        for iid in range(1, inquiries + 1):
            received = now - timedelta(minutes=inquiries - iid)
            journalist = rng.randrange(1, contacts + 1)
            inquiry_rows.append(
                (
                    iid,
                    None,
                    received,
                    rng.choice(channels),
                    journalist,
                    rng.randrange(1, len(orgs) + 1),
                    f"Question {iid} about the release",
                    received + timedelta(hours=rng.choice((2, 6, 24, 48))),
                    rng.choice(statuses),
                    now,
                    1,
                )
            )
            if len(inquiry_rows) >= batch:
                bulk_insert(conn, Inquiry.__table__, INQUIRY_COLUMNS, inquiry_rows)  # type: ignore[attr-defined]
                inquiry_rows.clear()
        bulk_insert(conn, Inquiry.__table__, INQUIRY_COLUMNS, inquiry_rows)  # type: ignore[attr-defined]
    database.dispose()


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[round(0.95 * (len(ordered) - 1))]


def _painted(app: QApplication, widget: Any) -> None:
    app.processEvents()
    widget.grab()


class _PaintCounter(QObject):
    """Counts the paint events of the views' viewports (what the user sees change)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _keystroke(app: QApplication, view: Any, text: str, painted: _PaintCounter) -> bool:
    """What one keystroke costs the user: the query, the model update and one paint.

    The paint is the one the event loop does for the model's change (a ``grab()`` on top
    would paint the view a second time); if the results did not change and nothing was
    repainted, the view is painted once explicitly so every keystroke counts a paint.
    """
    before = painted.count
    view.apply_search(text)
    app.processEvents()
    if painted.count > before:
        return False
    for table in view.findChildren(QAbstractItemView):
        if table.isVisible():
            table.viewport().repaint()
    return True


def measure(path: Path, empty_path: Path, rounds: int = 1) -> dict[str, Any]:
    """Time the window and views; returns the figures."""
    from desktop.app import make_application
    from desktop.main_window import MainWindow

    app = make_application()
    empty_db = open_database(f"sqlite:///{empty_path}")
    base_rss = _rss_mb()
    start = time.perf_counter()
    empty_window = MainWindow(empty_db)
    empty_window.show()
    _painted(app, empty_window)
    empty_s = time.perf_counter() - start
    empty_window.close()
    rss_empty = _rss_mb()

    big = open_database(f"sqlite:///{path}")
    results: dict[str, Any] = {"empty_window_ms": empty_s * 1000}
    start = time.perf_counter()
    window = MainWindow(big)
    window.show()
    window.show_view("inquiries")
    _painted(app, window)
    results["inquiries_first_paint_ms"] = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    window.show_view("contacts")
    _painted(app, window)
    results["contacts_first_paint_ms"] = (time.perf_counter() - start) * 1000
    for view_name in ("contacts", "inquiries"):
        window.show_view(view_name)
        view = window.views[view_name]
        painted = _PaintCounter()
        for table in view.findChildren(QAbstractItemView):
            table.viewport().installEventFilter(painted)
        times: list[float] = []
        cpu: list[float] = []
        forced = 0
        for query in KEYSTROKES * rounds:
            for end in range(1, len(query) + 1):
                start, start_cpu = time.perf_counter(), time.thread_time()
                forced += _keystroke(app, view, query[:end], painted)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.thread_time() - start_cpu) * 1000)
            view.apply_search("")
            _painted(app, view)
        results[f"{view_name}_keystroke_median_ms"] = statistics.median(times)
        results[f"{view_name}_keystroke_p95_ms"] = _p95(times)
        # The GUI thread's CPU time: what the keystroke costs whatever else the machine runs.
        results[f"{view_name}_keystroke_cpu_median_ms"] = statistics.median(cpu)
        results[f"{view_name}_keystroke_cpu_p95_ms"] = _p95(cpu)
        results[f"{view_name}_keystrokes_painted_explicitly"] = forced
    results["rss_above_empty_window_mb"] = _rss_mb() - rss_empty
    results["load_average_1min"] = os.getloadavg()[0]  # the machine is shared: compare alike
    results["rss_empty_window_mb"] = rss_empty - base_rss
    window.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--inquiries", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="reuse (or build) the big database at this path")
    parser.add_argument("--rounds", type=int, default=1, help="type the keystrokes N times")
    parser.add_argument("--out", type=Path, default=Path("bench-results/gui.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pressdesk-gui-") as tmp:
        path = args.db or Path(tmp) / "big.sqlite"
        if not path.exists():
            start = time.perf_counter()
            build_database(path, args.contacts, args.inquiries)
            print(
                f"built {args.contacts} contacts + {args.inquiries} inquiries in {time.perf_counter() - start:.0f} s"
            )
        results = measure(path, Path(tmp) / "empty.sqlite", args.rounds)
    results.update(contacts=args.contacts, inquiries=args.inquiries)
    results["first_paint_ratio"] = (
        max(results["inquiries_first_paint_ms"], results["contacts_first_paint_ms"])
        / results["empty_window_ms"]
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    for key, value in results.items():
        print(f"{key:<36} {value:10.2f}" if isinstance(value, float) else f"{key:<36} {value:>10}")
    print(f"JSON: {args.out}")


if __name__ == "__main__":
    main()
