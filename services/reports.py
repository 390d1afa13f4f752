"""Reports: how each release's inquiries stand, how many came in per day, how fast we answer.

Every figure is computed by the database (``GROUP BY`` and window functions), never by
loading inquiries into Python, and every query is bounded by an index: a release's
inquiries by ``(release_id, received_at, id)``, a period by ``(received_at, id)``. The same
SQL runs on SQLite and PostgreSQL, so both give the same numbers.

Definitions
    * *Open*: status new or in progress. *Overdue*: open with the deadline passed.
    * *Time to first response*: ``first_response_at - received_at`` in seconds (to the
      millisecond), for inquiries that have a first response.
    * *Median* and *90th percentile*: continuous percentiles (linear interpolation between
      the two nearest values, as PostgreSQL's ``percentile_cont`` and spreadsheets'
      ``PERCENTILE.INC``), computed from the order statistics a window function numbers.
    * *Day*: the calendar day where the press office is (a fixed UTC offset, the local one
      by default), not the UTC day: an inquiry at 07:30 in Hong Kong belongs to that day.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Numeric, case, cast, extract, func, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from db.engine import Database
from db.models import (
    OPEN_INQUIRY_STATUSES,
    Contact,
    Inquiry,
    Organization,
    Release,
    ReleaseIssuer,
    utc_now,
)
from services.problems import InputRejected, Problem, Severity
from services.saved_files import give_saved_mode
from services.sheet_csv import neutralise_cell

RELEASE_PAGE = 50
MAX_REPORT_DAYS = 731
"""A per-day chart longer than two years is unreadable; and the query grows with it."""
DEFAULT_TOP_RELEASES = 8
"""Releases charted on their own; the rest of the period's inquiries form one "other" series."""

_OPEN = tuple(str(s) for s in OPEN_INQUIRY_STATUSES)


# --- shapes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseStats:
    """How fast a group of inquiries got their first response.

    Attributes:
        responded: inquiries with a first response (what the percentiles are over).
        median_seconds: the median time to first response, or None when none responded.
        p90_seconds: the 90th percentile, or None when none responded.
    """

    responded: int = 0
    median_seconds: float | None = None
    p90_seconds: float | None = None


@dataclass(frozen=True)
class ReleaseFigures:
    """How a release's inquiries stand.

    Attributes:
        inquiries: live inquiries about it.
        open: of those, new or in progress.
        overdue: of the open ones, past their deadline.
        response: time to first response over its inquiries.
    """

    inquiries: int = 0
    open: int = 0
    overdue: int = 0
    response: ResponseStats = field(default_factory=ResponseStats)


@dataclass(frozen=True)
class ReleaseSummary:
    """One release as the Releases list and the per-release report show it.

    Attributes:
        id: the release.
        issued_on: its issue date, if known.
        title_zh, title_en: its titles.
        place: where it was issued.
        issuers: the issuing organisations' display names, in release order.
        figures: its inquiry figures, or None when they were not asked for (a list shows
            the release at once and its figures when :func:`release_figures` returns).
    """

    id: int
    issued_on: date | None
    title_zh: str | None
    title_en: str | None
    place: str | None
    issuers: tuple[str, ...]
    figures: ReleaseFigures | None = None


@dataclass(frozen=True)
class DailySeries:
    """Inquiries per day of one release (or of the rest, or of none).

    Attributes:
        kind: "release"; "other" (every release not charted on its own, summed); or
            "none" (inquiries not tied to any release).
        release_id: the release, for kind "release".
        title_zh, title_en: its titles, for kind "release".
        counts: inquiries on each day of :attr:`DailyInquiries.days`.
    """

    kind: str
    release_id: int | None
    title_zh: str | None
    title_en: str | None
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        """Inquiries over the whole period."""
        return sum(self.counts)


@dataclass(frozen=True)
class DailyInquiries:
    """Inquiries received per day and release over a period.

    Attributes:
        days: every day of the period, in order (days without inquiries included).
        series: the busiest releases first, then "other", then "none" (when not empty).
        rows: the long form, ``(day, release_id, count)`` for every non-zero cell, by day
            then release: what the CSV holds.
    """

    days: tuple[date, ...]
    series: tuple[DailySeries, ...]
    rows: tuple[tuple[date, int | None, int], ...]


@dataclass(frozen=True)
class ResponseTimeRow:
    """Response times of one channel or one owner.

    Attributes:
        key: the channel ("phone", "email", ...) or the owner's contact id (None:
            unassigned).
        label: the owner's name (for owners; empty for channels: the GUI names them).
        inquiries: inquiries received in the period.
        response: time to first response over those that have one.
    """

    key: str | int | None
    label: str
    inquiries: int
    response: ResponseStats


# --- building blocks ----------------------------------------------------------------------


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def response_seconds(dialect: str) -> ColumnElement[Any]:
    """SQL for an inquiry's time to first response, in seconds to the millisecond."""
    first, received = col(Inquiry.first_response_at), col(Inquiry.received_at)
    if dialect == "sqlite":
        # SQLite keeps the times as ISO text; julianday() reads them (to the millisecond).
        return func.round((func.julianday(first) - func.julianday(received)) * 86400.0, 3)
    return func.round(cast(extract("epoch", first - received), Numeric), 3)


def _interpolate(low: Any, high: Any, tenths: int) -> float | None:
    """The value ``tenths``/10 of the way from ``low`` to ``high`` (exact for whole seconds)."""
    if low is None:
        return None
    low_value = float(low)
    high_value = low_value if high is None else float(high)
    return low_value + (high_value - low_value) * tenths / 10


def figures_by(
    session: Session,
    key: Any,
    conditions: Sequence[ColumnElement[bool]],
    *,
    now: datetime | None = None,
) -> dict[Any, ReleaseFigures]:
    """Counts and response-time percentiles of the inquiries ``conditions`` select, per ``key``.

    One pass over the inquiries: a window function numbers each group's response times
    in order (inquiries without a response last), and the outer grouping counts the
    inquiries, the open and the overdue ones and reads the median and the 90th percentile
    off the numbered rows. Nothing is sorted or counted in Python.

    Args:
        session: the unit of work.
        key: the column to group by (e.g. ``col(Inquiry.channel)``).
        conditions: which live inquiries to count.
        now: the time "overdue" is measured against (default: now).
    """
    seconds = response_seconds(_dialect(session))
    is_open = col(Inquiry.status).in_(_OPEN)
    numbered = (
        select(
            key.label("k"),
            seconds.label("s"),
            case((is_open, 1), else_=0).label("is_open"),
            case((is_open & (col(Inquiry.deadline) < (now or utc_now())), 1), else_=0).label(
                "is_overdue"
            ),
            func.row_number()
            .over(partition_by=key, order_by=seconds.asc().nulls_last())
            .label("rn"),
            func.count(seconds).over(partition_by=key).label("n"),
        )
        .where(col(Inquiry.deleted_at).is_(None), *conditions)
        .subquery()
    )
    n, rn, s = numbered.c.n, numbered.c.rn, numbered.c.s
    # 1-based positions among the n responses: the median lies between rows (n+1)//2 and
    # n//2+1 (the same row when n is odd); the 90th percentile at 0.9(n-1)+1, between its
    # floor and the next row. With n = 0 every position holds NULL: no percentile.
    p90_row = (9 * (n - 1)) // 10 + 1
    statement = select(
        numbered.c.k,
        func.count(),
        func.sum(numbered.c.is_open),
        func.sum(numbered.c.is_overdue),
        func.max(n),
        func.max(case((rn == (n + 1) // 2, s))),
        func.max(case((rn == n // 2 + 1, s))),
        func.max(case((rn == p90_row, s))),
        func.max(case((rn == p90_row + 1, s))),
    ).group_by(numbered.c.k)
    result: dict[Any, ReleaseFigures] = {}
    for k, total, open_, overdue, responded, mid_lo, mid_hi, p90_lo, p90_hi in session.execute(
        statement
    ):
        answered = int(responded or 0)
        result[k] = ReleaseFigures(
            inquiries=int(total),
            open=int(open_ or 0),
            overdue=int(overdue or 0),
            response=ResponseStats(
                responded=answered,
                median_seconds=_interpolate(mid_lo, mid_hi, 5) if answered else None,
                p90_seconds=(
                    _interpolate(p90_lo, p90_hi, (9 * (answered - 1)) % 10) if answered else None
                ),
            ),
        )
    return result


def _issuer_names(session: Session, release_ids: Sequence[int]) -> dict[int, list[str]]:
    rows = session.execute(
        select(
            col(ReleaseIssuer.release_id),
            col(Organization.name_zh),
            col(Organization.name_en),
            col(Organization.short_name),
        )
        .join(Organization, col(Organization.id) == col(ReleaseIssuer.organization_id))
        .where(col(ReleaseIssuer.release_id).in_(release_ids))
        .order_by(col(ReleaseIssuer.release_id), col(ReleaseIssuer.position))
    )
    names: dict[int, list[str]] = {}
    for release_id, name_zh, name_en, short_name in rows:
        names.setdefault(release_id, []).append(name_zh or name_en or short_name or "")
    return names


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def _release_condition(session: Session, query: str) -> ColumnElement[bool] | None:
    """Releases whose titles, place or issuers hold ``query`` (either script, any case)."""
    text = query.strip()
    if not text:
        return None
    pattern = _like(text)
    org_ids = select(col(Organization.id)).where(
        or_(
            *(
                func.lower(column).like(pattern, escape="\\")
                for column in (
                    col(Organization.name_zh),
                    col(Organization.name_en),
                    col(Organization.short_name),
                    col(Organization.short_name_zh),
                )
            )
        )
    )
    issued_by = select(col(ReleaseIssuer.release_id)).where(
        col(ReleaseIssuer.organization_id).in_(org_ids)
    )
    return or_(
        *(
            func.lower(column).like(pattern, escape="\\")
            for column in (
                col(Release.title_zh),
                col(Release.title_en),
                col(Release.subtitle_zh),
                col(Release.subtitle_en),
                col(Release.place),
            )
        ),
        col(Release.id).in_(issued_by),
    )


def release_stats(
    session: Session, release_ids: Sequence[int], *, now: datetime | None = None
) -> dict[int, ReleaseFigures]:
    """The figures of each of these releases (every id given is in the result).

    One query over the releases' inquiries, found through the release index.
    """
    if not release_ids:
        return {}
    figures = figures_by(
        session, col(Inquiry.release_id), [col(Inquiry.release_id).in_(release_ids)], now=now
    )
    return {release_id: figures.get(release_id, ReleaseFigures()) for release_id in release_ids}


def release_figures(
    database: Database, release_ids: Sequence[int], *, now: datetime | None = None
) -> dict[int, ReleaseFigures]:
    """The inquiry figures of these releases (see :func:`release_stats`).

    The cost grows with the releases' inquiries (about 1 s per 50 000 on a laptop), so
    the GUI asks for a page's figures off the GUI thread.
    """
    with database.session(write=False) as session:
        return release_stats(session, release_ids, now=now)


def release_summaries(
    database: Database,
    query: str = "",
    *,
    limit: int = RELEASE_PAGE,
    offset: int = 0,
    now: datetime | None = None,
    figures: bool = True,
) -> list[ReleaseSummary]:
    """A page of releases, newest issue date first, with their inquiry figures.

    Args:
        database: the database.
        query: words of a title (either language), the place or an issuer's name.
        limit: page size.
        offset: rows to skip.
        now: the time "overdue" is measured against (default: now).
        figures: False for the releases alone (fast; figures left None).
    """
    with database.session(write=False) as session:
        statement = select(Release).where(col(Release.deleted_at).is_(None))
        condition = _release_condition(session, query)
        if condition is not None:
            statement = statement.where(condition)
        releases = session.scalars(
            statement.order_by(col(Release.issued_on).desc().nulls_last(), col(Release.id).desc())
            .limit(limit)
            .offset(offset)
        ).all()
        ids = [r.id for r in releases if r.id is not None]
        issuers = _issuer_names(session, ids)
        stats = release_stats(session, ids, now=now) if figures else {}
        return [
            ReleaseSummary(
                id=release.id,
                issued_on=release.issued_on,
                title_zh=release.title_zh,
                title_en=release.title_en,
                place=release.place,
                issuers=tuple(issuers.get(release.id, [])),
                figures=stats.get(release.id),
            )
            for release in releases
            if release.id is not None
        ]


def iter_release_summaries(
    database: Database, query: str = "", *, now: datetime | None = None
) -> Iterator[ReleaseSummary]:
    """Every release (matching ``query``), page by page, with its figures."""
    current = now or utc_now()
    offset = 0
    while True:
        page = release_summaries(database, query, limit=RELEASE_PAGE, offset=offset, now=current)
        yield from page
        if len(page) < RELEASE_PAGE:
            return
        offset += len(page)


# --- periods ------------------------------------------------------------------------------


def local_utc_offset_minutes(at: datetime | None = None) -> int:
    """This computer's offset from UTC at ``at`` (default: now), in minutes (HK: 480)."""
    moment = (at or utc_now()).astimezone()
    offset = moment.utcoffset() or timedelta()
    return int(offset.total_seconds() // 60)


def period_bounds(
    first_day: date, last_day: date, utc_offset_minutes: int
) -> tuple[datetime, datetime]:
    """The UTC instants [start, end) of the local days ``first_day`` to ``last_day``.

    Raises:
        InputRejected: the period ends before it starts, or is longer than two years.
    """
    if last_day < first_day:
        raise _bad_period(
            f"{first_day:%Y-%m-%d} – {last_day:%Y-%m-%d}",
            "The period ends before it starts.",
            "Pick an end date on or after the start date.",
        )
    if (last_day - first_day).days + 1 > MAX_REPORT_DAYS:
        raise _bad_period(
            f"{first_day:%Y-%m-%d} – {last_day:%Y-%m-%d}",
            f"A period of more than {MAX_REPORT_DAYS} days cannot be charted day by day.",
            "Pick a shorter period (two years at most).",
        )
    zone = timezone(timedelta(minutes=utc_offset_minutes))
    start = datetime.combine(first_day, time(), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(last_day + timedelta(days=1), time(), tzinfo=zone).astimezone(UTC)
    return start, end


def _bad_period(value: str, message: str, suggestion: str) -> InputRejected:
    return InputRejected(
        message, [Problem(Severity.ERROR, "report", "period", value, message, suggestion)]
    )


def _local_day(dialect: str, utc_offset_minutes: int) -> ColumnElement[Any]:
    received = col(Inquiry.received_at)
    if dialect == "sqlite":
        return func.date(received, f"{utc_offset_minutes:+d} minutes")
    return func.date(func.timezone("UTC", received) + timedelta(minutes=utc_offset_minutes))


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def inquiries_per_day(
    database: Database,
    first_day: date,
    last_day: date,
    *,
    utc_offset_minutes: int | None = None,
    top: int = DEFAULT_TOP_RELEASES,
) -> DailyInquiries:
    """Inquiries received per local day and release, from ``first_day`` to ``last_day``.

    The ``top`` releases with the most inquiries in the period get a series each; the
    other releases are summed into one "other" series, and inquiries about no release form
    a "none" series.

    Raises:
        InputRejected: the period is empty or longer than :data:`MAX_REPORT_DAYS`.
    """
    offset = local_utc_offset_minutes() if utc_offset_minutes is None else utc_offset_minutes
    start, end = period_bounds(first_day, last_day, offset)
    with database.session(write=False) as session:
        days_of = (
            select(
                col(Inquiry.release_id).label("release_id"),
                _local_day(_dialect(session), offset).label("day"),
            )
            .where(
                col(Inquiry.deleted_at).is_(None),
                col(Inquiry.received_at) >= start,
                col(Inquiry.received_at) < end,
            )
            .subquery()
        )
        # Grouped outside the subquery: PostgreSQL cannot match a GROUP BY expression
        # holding a bound parameter (the offset) to the same expression in the SELECT.
        grouped = session.execute(
            select(days_of.c.release_id, days_of.c.day, func.count())
            .group_by(days_of.c.release_id, days_of.c.day)
            .order_by(days_of.c.day)
        ).all()
        cells = [(_as_date(day), release_id, int(n)) for release_id, day, n in grouped]
        totals: dict[int, int] = {}
        for _, release_id, n in cells:
            if release_id is not None:
                totals[release_id] = totals.get(release_id, 0) + n
        charted = sorted(totals, key=lambda r: (-totals[r], r))[: max(top, 0)]
        titles = {
            row.id: (row.title_zh, row.title_en)
            for row in session.execute(
                select(col(Release.id), col(Release.title_zh), col(Release.title_en)).where(
                    col(Release.id).in_(charted)
                )
            )
        }
    days = tuple(first_day + timedelta(days=i) for i in range((last_day - first_day).days + 1))
    index = {day: i for i, day in enumerate(days)}
    per_series: dict[tuple[str, int | None], list[int]] = {
        ("release", r): [0] * len(days) for r in charted
    }
    charted_set = set(charted)
    for day, release_id, n in cells:
        if day not in index:  # an offset change inside the period; never silently lost
            continue
        if release_id is None:
            key: tuple[str, int | None] = ("none", None)
        elif release_id in charted_set:
            key = ("release", release_id)
        else:
            key = ("other", None)
        per_series.setdefault(key, [0] * len(days))[index[day]] += n
    order = [("release", r) for r in charted] + [
        k for k in (("other", None), ("none", None)) if k in per_series
    ]
    series = tuple(
        DailySeries(
            kind=kind,
            release_id=release_id,
            title_zh=titles.get(release_id, (None, None))[0] if release_id else None,
            title_en=titles.get(release_id, (None, None))[1] if release_id else None,
            counts=tuple(per_series[(kind, release_id)]),
        )
        for kind, release_id in order
    )
    rows = tuple(sorted(cells, key=lambda c: (c[0], c[1] is None, c[1] or 0)))
    return DailyInquiries(days=days, series=series, rows=rows)


def _response_rows(
    session: Session,
    key: Any,
    start: datetime,
    end: datetime,
    release_id: int | None,
) -> dict[Any, ReleaseFigures]:
    conditions: list[ColumnElement[bool]] = [
        col(Inquiry.received_at) >= start,
        col(Inquiry.received_at) < end,
    ]
    if release_id is not None:
        conditions.append(col(Inquiry.release_id) == release_id)
    return figures_by(session, key, conditions)


def response_times_by_channel(
    database: Database,
    first_day: date,
    last_day: date,
    *,
    release_id: int | None = None,
    utc_offset_minutes: int | None = None,
) -> list[ResponseTimeRow]:
    """Time to first response per channel, over inquiries received in the period.

    Rows are ordered by the number of inquiries, busiest channel first.

    Raises:
        InputRejected: the period is empty or too long.
    """
    offset = local_utc_offset_minutes() if utc_offset_minutes is None else utc_offset_minutes
    start, end = period_bounds(first_day, last_day, offset)
    with database.session(write=False) as session:
        rows = _response_rows(session, col(Inquiry.channel), start, end, release_id)
    result = [ResponseTimeRow(k, "", f.inquiries, f.response) for k, f in rows.items()]
    return sorted(result, key=lambda r: (-r.inquiries, str(r.key)))


def response_times_by_owner(
    database: Database,
    first_day: date,
    last_day: date,
    *,
    release_id: int | None = None,
    utc_offset_minutes: int | None = None,
) -> list[ResponseTimeRow]:
    """Time to first response per owner (None: unassigned), over the period's inquiries.

    Rows are ordered by the number of inquiries, busiest owner first.

    Raises:
        InputRejected: the period is empty or too long.
    """
    offset = local_utc_offset_minutes() if utc_offset_minutes is None else utc_offset_minutes
    start, end = period_bounds(first_day, last_day, offset)
    with database.session(write=False) as session:
        rows = _response_rows(session, col(Inquiry.owner_id), start, end, release_id)
        owner_ids = [k for k in rows if k is not None]
        names = {
            c.id: " ".join(n for n in (c.name_zh, c.name_en) if n) or f"#{c.id}"
            for c in session.scalars(select(Contact).where(col(Contact.id).in_(owner_ids)))
        }
    result = [
        ResponseTimeRow(k, names.get(k, "") if k else "", f.inquiries, f.response)
        for k, f in rows.items()
    ]
    return sorted(result, key=lambda r: (-r.inquiries, r.key is None, str(r.label)))


# --- CSV ----------------------------------------------------------------------------------


def minutes(seconds: float | None) -> str:
    """Seconds as minutes with one decimal, for a CSV cell ("" when unknown)."""
    return "" if seconds is None else f"{seconds / 60:.1f}"


def write_csv(path: Path | str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write a report table as CSV that Excel opens with Chinese intact; return the rows.

    UTF-8 with a byte-order mark, CRLF line ends; a cell a spreadsheet would run as a
    formula gets a leading ``'``. The file is written beside the target and renamed into
    place when complete, so a failed export never leaves half a file under the real name.

    Raises:
        InputRejected: the file cannot be written (folder missing, no permission, disk full).
    """
    target = Path(path)
    written = 0
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as stream:
                writer = csv.writer(stream, lineterminator="\r\n")
                writer.writerow([neutralise_cell(str(h)) for h in headers])
                for row in rows:
                    writer.writerow([neutralise_cell("" if v is None else str(v)) for v in row])
                    written += 1
            give_saved_mode(temporary, target)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        message = f"Cannot write {target}: {exc.strerror or exc}."
        raise InputRejected(
            message,
            [
                Problem(
                    Severity.ERROR,
                    str(target),
                    "file",
                    str(target),
                    message,
                    "Choose a folder you can write to.",
                )
            ],
        ) from exc
    return written


RELEASE_CSV_HEADERS = (
    "Issued",
    "Title (Chinese)",
    "Title (English)",
    "Place",
    "Issuers",
    "Inquiries",
    "Open",
    "Overdue",
    "Responded",
    "Median time to first response (minutes)",
    "90th percentile (minutes)",
)


def release_csv_row(summary: ReleaseSummary) -> list[Any]:
    """One release (with its figures) as a row under :data:`RELEASE_CSV_HEADERS`."""
    figures = summary.figures or ReleaseFigures()
    return [
        summary.issued_on.isoformat() if summary.issued_on else "",
        summary.title_zh or "",
        summary.title_en or "",
        summary.place or "",
        "; ".join(summary.issuers),
        figures.inquiries,
        figures.open,
        figures.overdue,
        figures.response.responded,
        minutes(figures.response.median_seconds),
        minutes(figures.response.p90_seconds),
    ]


def export_release_table(
    database: Database,
    path: Path | str,
    *,
    query: str = "",
    headers: Sequence[str] = RELEASE_CSV_HEADERS,
    now: datetime | None = None,
    progress: Callable[[int, int | None], bool] | None = None,
) -> int:
    """Write every release (matching ``query``) with its figures as CSV; return the rows.

    Args:
        database: the database.
        path: the CSV file.
        query: as for :func:`release_summaries`.
        headers: the header row (the GUI passes them translated).
        now: the time "overdue" is measured against.
        progress: called with the rows written; returning False cancels (nothing is left).

    Raises:
        InputRejected: the file cannot be written, or the export was cancelled.
    """

    def rows() -> Iterator[list[Any]]:
        for done, summary in enumerate(iter_release_summaries(database, query, now=now), 1):
            yield release_csv_row(summary)
            if progress is not None and done % RELEASE_PAGE == 0 and not progress(done, None):
                raise InputRejected("The export was cancelled; no file was written.")

    return write_csv(path, headers, rows())


DAILY_CSV_HEADERS = ("Day", "Release ID", "Title (Chinese)", "Title (English)", "Inquiries")


def daily_csv_rows(
    database: Database, report: DailyInquiries, *, no_release: str = "(no release)"
) -> list[list[Any]]:
    """The per-day report in long form (day, release, titles, count), non-zero cells only."""
    ids = sorted({r for _, r, _ in report.rows if r is not None})
    with database.session(write=False) as session:
        titles = {
            row.id: (row.title_zh, row.title_en)
            for row in session.execute(
                select(col(Release.id), col(Release.title_zh), col(Release.title_en)).where(
                    col(Release.id).in_(ids)
                )
            )
        }
    result = []
    for day, release_id, n in report.rows:
        zh, en = titles.get(release_id, (None, None)) if release_id else (no_release, no_release)
        result.append([day.isoformat(), release_id or "", zh or "", en or "", n])
    return result


RESPONSE_CSV_HEADERS = (
    "Group",
    "Inquiries",
    "Responded",
    "Median time to first response (minutes)",
    "90th percentile (minutes)",
)


def response_csv_rows(
    rows: Sequence[ResponseTimeRow], label: Mapping[Any, str] | None = None
) -> list[list[Any]]:
    """Response-time rows for CSV; ``label`` names each key (e.g. translated channels)."""
    names = label or {}
    return [
        [
            names.get(row.key, row.label or str(row.key or "")),
            row.inquiries,
            row.response.responded,
            minutes(row.response.median_seconds),
            minutes(row.response.p90_seconds),
        ]
        for row in rows
    ]
