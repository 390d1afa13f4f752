"""Reports benchmark: the Releases list, per-release figures and period reports over 1 000 000 inquiries.

Run on demand (not part of the test suite):

    .venv/bin/python -m tests.benchmarks.bench_reports [--inquiries 1000000]
        [--releases 2000] [--db sqlite:///path.sqlite] [--out FILE]

Builds (or reuses, when --db names a database that holds them already) a synthetic log:
inquiries spread over two years, each release drawing most of its inquiries in the two
weeks after it is issued, about 80 % with a first response, a few colleagues owning them.
Times what the GUI asks for: a page of releases (on the GUI thread), that page's figures
and the period reports (both in a worker). Prints a table; writes JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from db.engine import Database, open_database
from db.models import Contact, Inquiry, Organization, Release
from services.reports import (
    RELEASE_PAGE,
    inquiries_per_day,
    release_figures,
    release_summaries,
    response_times_by_channel,
    response_times_by_owner,
)

START = datetime(2023, 1, 1, tzinfo=UTC)
DAYS = 730
CHANNELS = ("phone", "email", "whatsapp", "wechat", "in_person")
BATCH = 20_000


def _populate(database: Database, inquiries: int, releases: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    now = datetime.now(UTC)
    with database.engine.begin() as connection:
        connection.execute(
            insert(Organization.__table__),  # type: ignore[attr-defined]
            [
                {"name_zh": f"媒體{i}", "kind": "media", "phone_region": "HK", "created_at": now}
                for i in range(40)
            ],
        )
        connection.execute(
            insert(Contact.__table__),  # type: ignore[attr-defined]
            [
                {
                    "kind": "person",
                    "name_zh": f"同事{i}",
                    "preferred_language": "zh-HK",
                    "opt_out": False,
                    "created_at": now,
                }
                for i in range(25)
            ],
        )
        issued = sorted(rnd.randrange(DAYS) for _ in range(releases))
        connection.execute(
            insert(Release.__table__),  # type: ignore[attr-defined]
            [
                {
                    "title_zh": f"新聞稿 {i}",
                    "title_en": f"Release {i}",
                    "issued_on": (START + timedelta(days=day)).date(),
                    "created_at": now,
                }
                for i, day in enumerate(issued)
            ],
        )
        batch: list[dict[str, Any]] = []
        for _ in range(inquiries):
            release = rnd.randrange(releases)
            received = START + timedelta(
                days=issued[release], seconds=int(rnd.expovariate(1 / (3 * 86400)))
            )
            responded = rnd.random() < 0.8
            batch.append(
                {
                    "release_id": release + 1,
                    "received_at": received,
                    "channel": rnd.choice(CHANNELS),
                    "outlet_id": rnd.randrange(1, 41),
                    "question": "",
                    "deadline": received + timedelta(hours=rnd.randrange(2, 48)),
                    "owner_id": rnd.randrange(1, 26) if rnd.random() < 0.9 else None,
                    "status": rnd.choice(("answered", "closed")) if responded else "new",
                    "first_response_at": (
                        received + timedelta(seconds=int(rnd.expovariate(1 / 2400)) + 30)
                        if responded
                        else None
                    ),
                    "created_at": received,
                }
            )
            if len(batch) == BATCH:
                connection.execute(insert(Inquiry.__table__), batch)  # type: ignore[attr-defined]
                batch = []
        if batch:
            connection.execute(insert(Inquiry.__table__), batch)  # type: ignore[attr-defined]


def _time_ms(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}


def run(database: Database, repeat: int) -> dict[str, Any]:
    """Time every report query the GUI makes."""
    page = release_summaries(database, limit=RELEASE_PAGE, figures=False)
    ids = [s.id for s in page]
    busiest = date(2024, 6, 1)
    results: dict[str, Any] = {
        "releases page (GUI thread)": _time_ms(
            lambda: release_summaries(database, limit=RELEASE_PAGE, figures=False), repeat
        ),
        "releases search '新聞稿 12' (GUI thread)": _time_ms(
            lambda: release_summaries(database, "新聞稿 12", figures=False), repeat
        ),
        f"figures of a page of {len(ids)} releases (worker)": _time_ms(
            lambda: release_figures(database, ids), repeat
        ),
    }
    for days in (7, 30, 90):
        first = busiest - timedelta(days=days - 1)
        for name, report in (
            ("inquiries per day", inquiries_per_day),
            ("response times by channel", response_times_by_channel),
            ("response times by owner", response_times_by_owner),
        ):
            run_report = partial(report, database, first, busiest, utc_offset_minutes=480)
            results[f"{name}, {days} days (worker)"] = _time_ms(run_report, repeat)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--inquiries", type=int, default=1_000_000)
    parser.add_argument("--releases", type=int, default=2_000)
    parser.add_argument("--db", help="database to use (reused when it holds inquiries)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench-results/reports.json"))
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="pressdesk-bench-reports-"))
    database = open_database(args.db or f"sqlite:///{workdir / 'reports.sqlite'}")
    with database.session(write=False) as session:
        existing = session.scalar(select(func.count()).select_from(Inquiry)) or 0
    if not existing:
        start = time.perf_counter()
        _populate(database, args.inquiries, args.releases)
        print(f"generated {args.inquiries:,} inquiries in {time.perf_counter() - start:.0f} s")
    with database.session(write=False) as session:
        count = session.scalar(select(func.count()).select_from(Inquiry)) or 0
    results = {
        "inquiries": count,
        "database": database.url.get_backend_name(),
        **run(database, args.repeat),
    }
    width = max(len(k) for k in results)
    for key, value in results.items():
        shown = (
            f"{value['median_ms']:>9.1f} ms median, {value['max_ms']:.1f} ms max"
            if isinstance(value, dict)
            else value
        )
        print(f"{key:<{width}}  {shown}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    database.dispose()


if __name__ == "__main__":
    main()
