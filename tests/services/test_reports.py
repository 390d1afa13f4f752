"""Report figures on a log worked out by hand, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from db.engine import Database
from db.models import Inquiry
from services.problems import InputRejected
from services.reports import (
    RELEASE_CSV_HEADERS,
    ReleaseFigures,
    ResponseStats,
    daily_csv_rows,
    export_release_table,
    inquiries_per_day,
    release_figures,
    release_summaries,
    response_csv_rows,
    response_times_by_channel,
    response_times_by_owner,
    write_csv,
)
from tests.helpers.reports_data import FIRST_DAY, HK_OFFSET, LAST_DAY, NOW, make_report_data


def test_per_release_counts_and_response_times(database: Database) -> None:
    data = make_report_data(database)
    summaries = release_summaries(database, now=NOW)
    assert [s.id for s in summaries] == [data.release_b, data.release_a]  # newest first
    b, a = summaries
    # 10, 30, 60 minutes: median 30; 90th percentile 30 + 0.8 × 30 = 54 minutes.
    assert a.figures == ReleaseFigures(4, 2, 1, ResponseStats(3, 1800.0, 3240.0))
    # 20, 120 minutes: median 70; 90th percentile 20 + 0.9 × 100 = 110 minutes.
    assert b.figures == ReleaseFigures(3, 1, 0, ResponseStats(2, 4200.0, 6600.0))
    assert a.title_zh == "科技園新聞稿甲"
    assert a.issued_on == date(2024, 3, 1)


def test_releases_first_then_their_figures(database: Database) -> None:
    data = make_report_data(database)
    summaries = release_summaries(database, now=NOW, figures=False)
    assert [s.figures for s in summaries] == [None, None]
    figures = release_figures(database, [data.release_a, data.release_b, 999], now=NOW)
    assert figures[data.release_a].inquiries == 4
    assert figures[999] == ReleaseFigures()


def test_a_release_without_inquiries_shows_zeros(database: Database) -> None:
    make_report_data(database)
    with database.session() as session:
        for inquiry in session.query(Inquiry).all():
            inquiry.release_id = None
    summaries = release_summaries(database, now=NOW)
    assert all(s.figures == ReleaseFigures() for s in summaries)


def test_release_search_matches_titles_in_both_scripts(database: Database) -> None:
    data = make_report_data(database)
    assert [s.id for s in release_summaries(database, "新聞稿乙", now=NOW)] == [data.release_b]
    assert [s.id for s in release_summaries(database, "release a", now=NOW)] == [data.release_a]
    assert release_summaries(database, "100%", now=NOW) == []


def test_paging_releases(database: Database) -> None:
    data = make_report_data(database)
    assert [s.id for s in release_summaries(database, limit=1, now=NOW)] == [data.release_b]
    assert [s.id for s in release_summaries(database, limit=1, offset=1, now=NOW)] == [
        data.release_a
    ]


def test_inquiries_per_local_day(database: Database) -> None:
    data = make_report_data(database)
    report = inquiries_per_day(database, FIRST_DAY, LAST_DAY, utc_offset_minutes=HK_OFFSET)
    assert report.days == tuple(date(2024, 3, d) for d in range(1, 7))
    by_kind = {(s.kind, s.release_id): s for s in report.series}
    assert [(s.kind, s.release_id) for s in report.series] == [
        ("release", data.release_a),
        ("release", data.release_b),
        ("none", None),
    ]
    assert by_kind[("release", data.release_a)].counts == (2, 2, 0, 0, 0, 0)
    assert by_kind[("release", data.release_b)].counts == (0, 0, 0, 0, 2, 1)
    assert by_kind[("none", None)].counts == (0, 0, 0, 0, 1, 0)
    assert by_kind[("release", data.release_a)].title_en == "Release A"
    assert report.rows[0] == (date(2024, 3, 1), data.release_a, 2)


def test_days_follow_the_given_utc_offset(database: Database) -> None:
    data = make_report_data(database)
    report = inquiries_per_day(database, FIRST_DAY, LAST_DAY, utc_offset_minutes=0)
    a = next(s for s in report.series if s.release_id == data.release_a)
    assert a.counts[:2] == (3, 1)  # 07:30 HKT on 2 March is still 1 March in UTC


def test_releases_beyond_the_top_are_summed_as_other(database: Database) -> None:
    data = make_report_data(database)
    report = inquiries_per_day(database, FIRST_DAY, LAST_DAY, utc_offset_minutes=HK_OFFSET, top=1)
    assert [(s.kind, s.release_id) for s in report.series] == [
        ("release", data.release_a),
        ("other", None),
        ("none", None),
    ]
    assert report.series[1].total == 3


def test_a_period_ending_before_it_starts_is_refused(database: Database) -> None:
    with pytest.raises(InputRejected) as error:
        inquiries_per_day(database, LAST_DAY, FIRST_DAY)
    assert "ends before it starts" in error.value.message
    with pytest.raises(InputRejected):
        inquiries_per_day(database, date(2020, 1, 1), date(2024, 1, 1))


def test_response_times_by_channel(database: Database) -> None:
    make_report_data(database)
    rows = response_times_by_channel(database, FIRST_DAY, LAST_DAY, utc_offset_minutes=HK_OFFSET)
    by_key = {r.key: r for r in rows}
    assert [r.key for r in rows] == ["phone", "email", "whatsapp"]
    # Phone: 5, 10, 20, 60 minutes -> median 15, p90 20 + 0.7 × 40 = 48 minutes.
    assert by_key["phone"].inquiries == 5
    assert by_key["phone"].response == ResponseStats(4, 900.0, 2880.0)
    assert by_key["email"].response == ResponseStats(2, 4500.0, 6660.0)
    assert by_key["whatsapp"].inquiries == 1
    assert by_key["whatsapp"].response == ResponseStats()


def test_response_times_by_owner(database: Database) -> None:
    data = make_report_data(database)
    rows = response_times_by_owner(database, FIRST_DAY, LAST_DAY, utc_offset_minutes=HK_OFFSET)
    by_key = {r.key: r for r in rows}
    assert [r.key for r in rows] == [data.owner_1, data.owner_2, None]
    assert by_key[data.owner_1].label == "陳大文 Chan Tai Man"
    # 5, 10, 20, 30 minutes -> median 15, p90 20 + 0.7 × 10 = 27 minutes.
    assert by_key[data.owner_1].response == ResponseStats(4, 900.0, 1620.0)
    assert by_key[data.owner_2].inquiries == 3
    assert by_key[data.owner_2].response == ResponseStats(2, 5400.0, 6840.0)
    assert by_key[None].response == ResponseStats()


def test_response_times_of_one_release(database: Database) -> None:
    data = make_report_data(database)
    rows = response_times_by_channel(
        database, FIRST_DAY, LAST_DAY, release_id=data.release_b, utc_offset_minutes=HK_OFFSET
    )
    assert {r.key: (r.inquiries, r.response.responded) for r in rows} == {
        "phone": (2, 1),
        "email": (1, 1),
    }


def _read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_release_table_csv(database: Database, tmp_path: Path) -> None:
    make_report_data(database)
    target = tmp_path / "releases.csv"
    assert export_release_table(database, target, now=NOW) == 2
    rows = _read(target)
    assert rows[0] == list(RELEASE_CSV_HEADERS)
    assert rows[2][:3] == ["2024-03-01", "科技園新聞稿甲", "Release A"]
    assert rows[2][5:] == ["4", "2", "1", "3", "30.0", "54.0"]
    assert b"\r\n" in target.read_bytes()


def test_daily_and_response_csv(database: Database, tmp_path: Path) -> None:
    data = make_report_data(database)
    report = inquiries_per_day(database, FIRST_DAY, LAST_DAY, utc_offset_minutes=HK_OFFSET)
    target = tmp_path / "daily.csv"
    write_csv(target, ["Day", "ID", "zh", "en", "n"], daily_csv_rows(database, report))
    rows = _read(target)
    assert rows[1] == ["2024-03-01", str(data.release_a), "科技園新聞稿甲", "Release A", "2"]
    assert ["2024-03-05", "", "(no release)", "(no release)", "1"] in rows

    channels = response_times_by_channel(
        database, FIRST_DAY, LAST_DAY, utc_offset_minutes=HK_OFFSET
    )
    target = tmp_path / "channels.csv"
    write_csv(target, ["g", "n", "r", "m", "p"], response_csv_rows(channels, {"phone": "電話"}))
    assert _read(target)[1] == ["電話", "5", "4", "15.0", "48.0"]


def test_formula_like_cells_are_neutralised(tmp_path: Path) -> None:
    target = tmp_path / "x.csv"
    write_csv(target, ["a"], [["=HYPERLINK(1)"], ["+852 2629 2329"]])
    assert [r[0] for r in _read(target)[1:]] == ["'=HYPERLINK(1)", "+852 2629 2329"]


def test_an_unwritable_csv_target_is_a_message(tmp_path: Path) -> None:
    with pytest.raises(InputRejected) as error:
        write_csv(tmp_path / "missing" / "x.csv", ["a"], [["1"]])
    assert "Cannot write" in error.value.message
    assert not (tmp_path / "missing").exists()
