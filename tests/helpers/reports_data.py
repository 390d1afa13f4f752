"""A small inquiry log whose report figures are worked out by hand (see EXPECTED_*).

Times are Hong Kong time (UTC+8). Two releases, two colleagues owning inquiries, one
inquiry about no release. ``NOW`` is when "overdue" is judged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from db.engine import Database
from db.models import Contact, Inquiry, InquiryChannel, Release
from services.inquiries import InquiryCreate, add_inquiry

HKT = timezone(timedelta(hours=8))
HK_OFFSET = 480
NOW = datetime(2024, 3, 10, 8, 0, tzinfo=HKT)
FIRST_DAY = date(2024, 3, 1)
LAST_DAY = date(2024, 3, 6)


@dataclass
class ReportData:
    """The ids the figures refer to."""

    release_a: int
    release_b: int
    owner_1: int
    owner_2: int


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 3, day, hour, minute, tzinfo=HKT)


# (release, received, channel, owner, minutes to first response or None, status, deadline)
_LOG = [
    ("a", _at(1, 9), "phone", 1, 10, "answered", _at(1, 18)),
    ("a", _at(1, 10), "email", 1, 30, "answered", _at(1, 18)),
    # 07:30 in Hong Kong is 23:30 the day before in UTC: a local day of 2 March.
    ("a", _at(2, 7, 30), "phone", 2, 60, "in_progress", _at(30, 18)),
    ("a", _at(2, 12), "whatsapp", 2, None, "new", _at(2, 18)),  # overdue at NOW
    ("b", _at(5, 9), "phone", 1, 20, "answered", _at(5, 18)),
    ("b", _at(5, 9, 30), "phone", None, None, "new", _at(20, 18)),  # open, not overdue
    ("b", _at(6, 15), "email", 2, 120, "closed", _at(6, 18)),
    (None, _at(5, 11), "phone", 1, 5, "answered", _at(5, 18)),
]


def make_report_data(database: Database) -> ReportData:
    """Write the releases, owners and inquiries above; set responses through the ORM."""
    with database.session() as session:
        release_a = Release(
            title_zh="科技園新聞稿甲", title_en="Release A", issued_on=date(2024, 3, 1)
        )
        release_b = Release(
            title_zh="科技園新聞稿乙", title_en="Release B", issued_on=date(2024, 3, 5)
        )
        owner_1 = Contact(name_zh="陳大文", name_en="Chan Tai Man")
        owner_2 = Contact(name_zh="李小龍", name_en="Lee Siu Lung")
        session.add_all([release_a, release_b, owner_1, owner_2])
        session.flush()
        data = ReportData(release_a.id, release_b.id, owner_1.id, owner_2.id)  # type: ignore[arg-type]
    releases = {"a": data.release_a, "b": data.release_b, None: None}
    owners = {1: data.owner_1, 2: data.owner_2, None: None}
    for number, (release, received, channel, owner, minutes, status, deadline) in enumerate(_LOG):
        row = add_inquiry(
            database,
            InquiryCreate(
                release_id=releases[release],
                journalist=f"Reporter {number}",
                outlet="明報",
                channel=InquiryChannel(channel),
                question="When does the centre open?",
                received_at=received,
                deadline=deadline,
                owner_id=owners[owner],
            ),
        )
        with database.session() as session:
            inquiry = session.get(Inquiry, row["id"])
            assert inquiry is not None
            inquiry.status = status
            if minutes is not None:
                inquiry.first_response_at = received + timedelta(minutes=minutes)
    return data
