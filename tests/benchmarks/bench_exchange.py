"""Benchmark: contact-sheet exports of a synthetic bilingual roster.

Builds a roster of N contacts (default 100 000; two phones and 1-2 e-mails each, some notes
with commas, quotes and newlines, 1% opted out) in a temporary SQLite file with Core
``executemany``, then exports it as CSV, XLSX, vCard 3.0 and 4.0, each in a fresh process
(CSV also by one process alone, ``csv-one``, for the two-process export's gain), and
reports rows per second (wall, and CPU: a large CSV export's helper process counts
in its CPU time, not in its memory: it streams as this one does) and the growth of the
process's peak RSS during the export.
The XLSX baseline is XlsxWriter in constant-memory mode writing the very same rows (built
in memory first, not timed). A second, 10x smaller roster shows that memory does not grow
with the roster (streaming). The PDF, a printed sheet, is timed on one organisation's
contacts.

Each export runs ``--repeats`` times (default 3) at the full size, the tasks in turn and in
reversed order every other round, so XLSX and its baseline run side by side under the same
load; the table shows medians, and the XLSX ratio is the median of the rounds' ratios (the
machine is shared: single runs varied 0.65-1.02). The 1-minute load average is recorded.

Run: ``python -m tests.benchmarks.bench_exchange [--contacts 100000] [--repeats 3] [--out PATH]``;
``--only csv`` (repeatable) runs only the exports named.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert

SURNAMES = [("陳", "Chan"), ("黃", "Wong"), ("李", "Lee"), ("張", "Cheung"), ("梁", "Leung"),
            ("林", "Lam"), ("劉", "Lau"), ("吳", "Ng"), ("何", "Ho"), ("歐陽", "Au Yeung")]  # fmt: skip
GIVEN = [("嘉", "Ka"), ("欣", "Yan"), ("偉", "Wai"), ("明", "Ming"), ("志", "Chi"),
         ("詠", "Wing"), ("詩", "Sze"), ("美", "Mei"), ("玲", "Ling"), ("俊", "Chun")]  # fmt: skip
OUTLETS = [
    "明報",
    "星島日報",
    "香港電台",
    "南華早報",
    "經濟日報",
    "有線新聞",
    "商業電台",
    "東方日報",
]
TITLES = [("記者", "Reporter"), ("高級記者", "Senior Reporter"), ("編輯", "Editor"),
          ("採訪主任", "Assignment Editor"), ("監製", "Producer")]  # fmt: skip
ORGANISATIONS = 500


def build_roster(path: Path, contacts: int, seed: int = 7) -> None:
    """Fill a new SQLite database with a synthetic roster (no search index: not needed)."""
    from db.engine import open_database
    from db.models import Contact, ContactEmail, ContactPhone, ContactTag, Organization

    rng = random.Random(seed)
    database = open_database(f"sqlite:///{path}")
    try:
        with database.engine.begin() as connection:
            connection.execute(
                insert(Organization.__table__),  # type: ignore[attr-defined]
                [
                    {
                        "id": n + 1,
                        "name_zh": f"{OUTLETS[n % len(OUTLETS)]}{n // len(OUTLETS) or ''}",
                        "name_en": f"Outlet {n + 1}, Ltd.",
                        "kind": "media",
                        "phone_region": "HK",
                        "version": 1,
                    }
                    for n in range(ORGANISATIONS)
                ],
            )
            people, phones, emails, tags = [], [], [], []
            for cid in range(1, contacts + 1):
                family, family_en = rng.choice(SURNAMES)
                (g1, g1en), (g2, g2en) = rng.choice(GIVEN), rng.choice(GIVEN)
                title_zh, title_en = rng.choice(TITLES)
                notes = None
                if cid % 10 == 0:
                    notes = f'Prefers WhatsApp, "after 6pm"; desk {cid}\nsecond line'
                people.append(
                    {
                        "id": cid,
                        "kind": "person",
                        "name_zh": f"{family}{g1}{g2}",
                        "name_en": f"{g1en} {g2en} {family_en}",
                        "title_zh": title_zh,
                        "title_en": title_en,
                        "organization_id": cid % ORGANISATIONS + 1,
                        "preferred_language": "zh-HK" if cid % 3 else "en",
                        "notes": notes,
                        "opt_out": cid % 100 == 0,
                        "version": 1,
                    }
                )
                mobile = f"+8526{cid:07d}"[:12]
                office = f"+8522{cid:07d}"[:12]
                phones.append({"contact_id": cid, "type": "mobile", "e164": mobile,
                               "raw": mobile, "position": 0})  # fmt: skip
                phones.append({"contact_id": cid, "type": "work", "e164": office,
                               "raw": office, "position": 1})  # fmt: skip
                address = f"{g1en}.{family_en}{cid}@outlet{cid % ORGANISATIONS + 1}.hk".lower()
                address = address.replace(" ", "")
                emails.append({"contact_id": cid, "type": "work", "address": address,
                               "address_key": address, "raw": address, "position": 0})  # fmt: skip
                if cid % 4 == 0:
                    team = f"newsdesk{cid}@outlet.hk"
                    emails.append({"contact_id": cid, "type": "team", "address": team,
                                   "address_key": team, "raw": team, "position": 1})  # fmt: skip
                if cid % 5 == 0:
                    tags.append({"contact_id": cid, "tag": "TV"})
            connection.execute(insert(Contact.__table__), people)  # type: ignore[attr-defined]
            connection.execute(insert(ContactPhone.__table__), phones)  # type: ignore[attr-defined]
            connection.execute(insert(ContactEmail.__table__), emails)  # type: ignore[attr-defined]
            connection.execute(insert(ContactTag.__table__), tags)  # type: ignore[attr-defined]
        # Fold the 50 MB write-ahead log into the file, as SQLite does in normal use;
        # readers of a large un-checkpointed log map its index into memory, which would
        # show in their RSS as if the export held the roster. Outside a transaction:
        # the raw connection, as the engine begins one on every use.
        raw = database.engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        finally:
            raw.close()
    finally:
        database.dispose()


def _status_kb(field: str) -> int:
    """A memory figure of this process from /proc (Linux), in KB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def _current_rss_kb() -> int:
    """The resident set now, so growth is measured from here, not from start-up."""
    return _status_kb("VmRSS")


def _peak_rss_kb() -> int:
    # VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over exec, so a child
    # would report the parent's peak (the parent that just built a 100 000-row roster).
    return _status_kb("VmHWM")


def _children_cpu() -> float:
    """The CPU time of this process's ended (and waited-for) children."""
    times = os.times()
    return times.children_user + times.children_system


def child(task: str, db_path: Path, out_dir: Path) -> dict[str, Any]:
    """One measurement in this (fresh) process: seconds, rows and peak-RSS growth."""
    from db.engine import open_database
    from services.exports import export_contact_sheet

    database = open_database(f"sqlite:///{db_path}", upgrade=False)
    try:
        if task == "xlsx-baseline":
            return _xlsx_baseline(database, out_dir)
        fmt, _, variant = task.partition("-")
        kwargs: dict[str, Any] = {}
        if fmt == "vcf":
            kwargs["vcard_version"] = variant
        if task == "csv-one":
            # The same CSV written by this process alone (the two-process export's gain).
            from services import exports

            exports.TWO_PROCESS_MIN_CONTACTS = sys.maxsize
        if fmt == "xlsx":
            import xlsxwriter  # noqa: F401 - loaded before the clock starts, as for the baseline
        if fmt == "pdf":
            from desktop.pdf_export import _ensure_gui_application, write_contact_sheet_pdf

            _ensure_gui_application()  # Qt start-up is not part of the export
            # Outlet 2: every 500th contact, none of them opted out.
            kwargs.update(pdf_writer=write_contact_sheet_pdf, organization_id=2)
        before = _current_rss_kb()
        start, cpu, helpers = time.perf_counter(), time.process_time(), _children_cpu()
        result = export_contact_sheet(database, fmt, out_dir / f"sheet-{task}.{fmt}", **kwargs)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
        helper_cpu = _children_cpu() - helpers
        return {
            "rows": result.contacts,
            "seconds": seconds,
            # This process and the helper process of a large CSV export (services.exports).
            "cpu_seconds": cpu_seconds + helper_cpu,
            "helper_cpu_seconds": helper_cpu,
            "rss_growth_mb": max(_peak_rss_kb() - before, 0) / 1024,
            "bytes": (out_dir / f"sheet-{task}.{fmt}").stat().st_size,
        }
    finally:
        database.dispose()


def _xlsx_baseline(database: Any, out_dir: Path) -> dict[str, Any]:
    """XlsxWriter constant-memory writing the exact rows our XLSX export writes."""
    import xlsxwriter

    from services.exports import (
        _SHEET_SHAPE,
        _most_values,
        _raw_pages,
        _Selection,
    )
    from services.sheet_csv import sheet_headers, sheet_rows

    with database.session(write=False) as session:
        connection = session.connection()
        selection = _Selection(None, None, None, None, include_opted_out=False)
        phones, emails = _most_values(connection, selection)
        rows = [
            row
            for page in _raw_pages(connection, selection, _SHEET_SHAPE)
            for row in sheet_rows(page, phones, emails, neutralise=False)
        ]
    headers = sheet_headers(phones, emails)
    # The rows held in memory are not the baseline's work: keep the cyclic collector from
    # walking them on every full collection while it writes (our export holds one page).
    gc.collect()
    gc.freeze()
    start, cpu = time.perf_counter(), time.process_time()
    workbook = xlsxwriter.Workbook(str(out_dir / "baseline.xlsx"), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    for column, heading in enumerate(headers):
        sheet.write_string(0, column, heading)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value:
                sheet.write_string(number, column, value)
    workbook.close()
    return {
        "rows": len(rows),
        "seconds": time.perf_counter() - start,
        "cpu_seconds": time.process_time() - cpu,
        "rss_growth_mb": None,
    }


TASKS = ("csv", "csv-one", "xlsx", "xlsx-baseline", "vcf-3.0", "vcf-4.0", "pdf")


def run_child(module: str, *args: str) -> dict[str, Any]:
    """Run ``python -m module args`` in a fresh process; its last stdout line as JSON."""
    completed = subprocess.run(
        [sys.executable, "-m", module, *args], capture_output=True, text=True, check=False
    )
    if completed.returncode:
        raise SystemExit(f"{module} {' '.join(args)} failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _run_child(task: str, db_path: Path, out_dir: Path) -> dict[str, Any]:
    return run_child("tests.benchmarks.bench_exchange", "--child", task,
                     "--db", str(db_path), "--workdir", str(out_dir))  # fmt: skip


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One task's runs as one: median seconds, the largest memory growth."""
    growths = [run["rss_growth_mb"] for run in runs if run["rss_growth_mb"] is not None]
    return {
        **runs[0],
        "seconds": statistics.median(run["seconds"] for run in runs),
        "cpu_seconds": statistics.median(run["cpu_seconds"] for run in runs),
        "rss_growth_mb": max(growths) if growths else None,
        "all_seconds": [run["seconds"] for run in runs],
    }


def main() -> None:
    """Build the rosters, run every export in its own process, print and save the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each export (median)")
    parser.add_argument("--out", type=Path, default=Path("bench-results/exchange.json"))
    parser.add_argument(
        "--only", choices=TASKS, action="append", help="run only this export (repeatable)"
    )
    parser.add_argument("--child", choices=TASKS, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.db, args.workdir)))
        return
    tasks = tuple(t for t in TASKS if not args.only or t in args.only)
    results: dict[str, Any] = {"contacts": args.contacts, "repeats": args.repeats, "sizes": {}}
    results["tasks"] = list(tasks)
    results["load_before"] = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        for size in (args.contacts // 10, args.contacts):
            db_path = work / f"roster-{size}.sqlite"
            start = time.perf_counter()
            build_roster(db_path, size)
            build_seconds = time.perf_counter() - start
            rounds: list[dict[str, Any]] = []
            for number in range(args.repeats if size == args.contacts else 1):
                order = tasks if number % 2 == 0 else tasks[::-1]
                rounds.append({task: _run_child(task, db_path, work) for task in order})
            runs = {task: _median_run([r[task] for r in rounds]) for task in tasks}
            results["sizes"][str(size)] = {"build_seconds": build_seconds, "runs": runs}
    results["load_after"] = os.getloadavg()[0]
    full = results["sizes"][str(args.contacts)]["runs"]
    small = results["sizes"][str(args.contacts // 10)]["runs"]
    # CPU time as well as wall time: on a shared machine the wall clock measures the others.
    rate = {task: run["rows"] / run["seconds"] for task, run in full.items()}
    cpu_rate = {task: run["rows"] / run["cpu_seconds"] for task, run in full.items()}
    xlsx_pair = "xlsx" in tasks and "xlsx-baseline" in tasks
    ratios = [r["xlsx-baseline"]["seconds"] / r["xlsx"]["seconds"] for r in rounds if xlsx_pair]
    cpu_ratios = [
        r["xlsx-baseline"]["cpu_seconds"] / r["xlsx"]["cpu_seconds"] for r in rounds if xlsx_pair
    ]
    if xlsx_pair:
        results["xlsx_vs_baseline"] = statistics.median(ratios)
        results["xlsx_vs_baseline_cpu"] = statistics.median(cpu_ratios)
        results["xlsx_vs_baseline_rounds"] = ratios
    header = (
        f"{'export':<14}{'rows':>9}{'seconds':>9}{'rows/s':>10}{'rows/s CPU':>12}{'RSS +MB':>9}"
    )
    header += f"{'RSS +MB @' + str(args.contacts // 10):>16}"
    print(f"medians of {args.repeats} runs at {args.contacts}")
    print(header)
    print("-" * len(header))
    for task in tasks:
        run, few = full[task], small[task]
        growth = "-" if run["rss_growth_mb"] is None else f"{run['rss_growth_mb']:.1f}"
        few_growth = "-" if few["rss_growth_mb"] is None else f"{few['rss_growth_mb']:.1f}"
        print(
            f"{task:<14}{run['rows']:>9}{run['seconds']:>9.2f}{rate[task]:>10,.0f}"
            f"{cpu_rate[task]:>12,.0f}{growth:>9}{few_growth:>16}"
        )
    if xlsx_pair:
        print(
            "XLSX export / XlsxWriter constant-memory baseline: "
            f"{results['xlsx_vs_baseline']:.2f} (wall), "
            f"{results['xlsx_vs_baseline_cpu']:.2f} (CPU); "
            f"rounds {', '.join(f'{r:.2f}' for r in ratios)}"
        )
    print(
        f"1-minute load average: {results['load_before']:.2f} before, "
        f"{results['load_after']:.2f} after"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
