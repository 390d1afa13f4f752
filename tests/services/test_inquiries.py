"""The inquiry log without Qt: editing with the status workflow and optimistic locking,
first-response times, and the filtered pages and counts the inquiry view shows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

from db.engine import Database
from db.models import (
    AuditEntry,
    Contact,
    ContactEmail,
    ContactPhone,
    Inquiry,
    InquiryChannel,
    InquiryStatus,
)
from services.inquiries import (
    COUNT_CAP,
    DeadlineState,
    InquiryConflict,
    InquiryFilter,
    InquiryForm,
    count_inquiries,
    create_inquiry,
    deadline_state,
    get_inquiry,
    inquiry_owners,
    local_day_end,
    next_statuses,
    open_inquiries_of,
    outlet_choices,
    release_choices,
    search_inquiries,
    update_inquiry,
)
from services.problems import InputRejected
from services.release_import import import_release_file
from services.roster import lookup_number, search_contacts
from tests.conftest import SEED_RELEASE


def _local(day_offset: int, hour: int, minute: int = 0) -> datetime:
    """A local wall-clock time ``day_offset`` days from today, as aware UTC."""
    today = datetime.now().astimezone().date() + timedelta(days=day_offset)
    return datetime(today.year, today.month, today.day, hour, minute).astimezone().astimezone(UTC)


@pytest.fixture
def seeded(database: Database) -> dict[str, Any]:
    import_release_file(database, SEED_RELEASE)
    (release,) = release_choices(database)
    people = {c["name_zh"]: c for c in search_contacts(database, "") if c["name_zh"]}
    return {"release": release["id"], "people": people}


def _ids(rows: list[dict[str, Any]]) -> list[int]:
    return [r["id"] for r in rows]


def test_create_for_a_roster_journalist_takes_their_outlet(
    database: Database, seeded: dict[str, Any]
) -> None:
    june = seeded["people"]["黃嘉琪"]
    owner = seeded["people"]["溫安怡"]
    inquiry = create_inquiry(
        database,
        InquiryForm(
            release_id=seeded["release"],
            journalist_id=june["id"],
            channel=InquiryChannel.PHONE,
            question="合作備忘錄幾時生效？",
            phone="６９８６ ５８２２",
            deadline="2023-12-01T17:00:00+08:00",
            owner_id=owner["id"],
        ),
    )
    assert inquiry["journalist"] == "黃嘉琪" and inquiry["journalist_full"] == "黃嘉琪 June Wong"
    assert inquiry["outlet"] == "愛德曼國際公關公司"
    assert inquiry["release_title_zh"] == "香港科技園公司與地平線簽署合作備忘錄"
    assert inquiry["phone"] == "+85269865822" and inquiry["status"] == "new"
    assert inquiry["deadline"].startswith("2023-12-01T09:00:00")
    assert inquiry["owner_name"] == "溫安怡"
    assert inquiry["first_response_at"] is None and inquiry["version"] == 1


def test_create_with_a_new_journalist_adds_them_to_the_roster(
    database: Database, seeded: dict[str, Any]
) -> None:
    inquiry = create_inquiry(
        database,
        InquiryForm(
            journalist_name="陳大文",
            outlet_name="明報",
            question="投資額幾多？",
            phone="+852 9123-4567",
            email="tm.chan@mingpao.com",
        ),
    )
    assert inquiry["journalist"] == "陳大文" and inquiry["outlet"] == "明報"
    (found,) = lookup_number(database, "91234567")
    assert found["id"] == inquiry["journalist_id"]
    assert found["organization"]["name_zh"] == "明報"
    assert [e["address"] for e in found["emails"]] == ["tm.chan@mingpao.com"]
    # The next inquiry from the same number finds the same person, not a duplicate.
    again = create_inquiry(
        database,
        InquiryForm(journalist_name="陳大文", outlet_name="明報", question="x", phone="91234567"),
    )
    assert again["journalist_id"] == inquiry["journalist_id"]


def test_details_an_inquiry_adds_to_a_journalist_come_after_the_ones_they_had(
    database: Database, seeded: dict[str, Any]
) -> None:
    """The new number and address are listed last (position after the others), not at
    position 0 beside the first: exports give each position a column of its own."""
    june = seeded["people"]["黃嘉琪"]
    create_inquiry(
        database,
        InquiryForm(
            journalist_id=june["id"], question="q", phone="9876 5432", email="june.w@gmail.com"
        ),
    )
    with database.session(write=False) as session:
        for model, value in (
            (ContactPhone, ContactPhone.e164),
            (ContactEmail, ContactEmail.address),
        ):
            rows = session.execute(
                select(model.position, value)
                .where(model.contact_id == june["id"])
                .order_by(model.position, model.id)
            ).all()
            assert [position for position, _ in rows] == list(range(len(rows)))
            assert rows[-1][1] in ("+85298765432", "june.w@gmail.com")


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"question": "When?"}, "journalist"),
        ({"journalist_name": "Ann", "question": "  "}, "question"),
        ({"journalist_name": "Ann", "question": "q", "release_id": 99}, "release"),
        ({"journalist_name": "Ann", "question": "q", "owner_id": 999}, "owner"),
        ({"journalist_id": 999, "question": "q"}, "journalist"),
    ],
)
def test_create_refuses_what_cannot_be_logged(
    database: Database, seeded: dict[str, Any], form: dict[str, Any], field: str
) -> None:
    with pytest.raises(InputRejected) as caught:
        create_inquiry(database, InquiryForm(**form))
    assert caught.value.problems[0].field == field
    with database.session(write=False) as session:
        assert session.scalar(select(func.count()).select_from(Inquiry)) == 0
        assert session.scalar(select(func.count()).where(Contact.name_en == "Ann")) == 0


def test_invalid_phone_and_email_are_refused_with_the_suggestion() -> None:
    with pytest.raises(ValidationError) as caught:
        InquiryForm(phone="12", email="June.Wong@edelman.com/")
    messages = {e["loc"][0]: e["msg"] for e in caught.value.errors()}
    assert "June.Wong@edelman.com" in messages["email"]
    assert "phone" in messages


def test_status_workflow_and_first_response(database: Database, seeded: dict[str, Any]) -> None:
    assert next_statuses("new") == ("in_progress", "answered", "declined", "closed")
    assert "new" not in next_statuses("in_progress")
    assert next_statuses("closed") == ("in_progress",)
    june = seeded["people"]["黃嘉琪"]
    received = datetime.now(UTC) - timedelta(minutes=30)
    inquiry = create_inquiry(
        database, InquiryForm(journalist_id=june["id"], question="q", received_at=received)
    )
    unchanged = update_inquiry(database, inquiry["id"], InquiryForm(status="new"), 1)
    assert unchanged["first_response_at"] is None  # staying "new" is no response
    started = update_inquiry(
        database, inquiry["id"], InquiryForm(status="in_progress"), unchanged["version"]
    )
    assert started["status"] == "in_progress" and started["first_response_at"] is not None
    assert 30 * 60 - 5 <= started["first_response_seconds"] <= 30 * 60 + 60
    with pytest.raises(InputRejected, match="cannot become"):
        update_inquiry(database, inquiry["id"], InquiryForm(status="new"), started["version"])
    answered = update_inquiry(
        database, inquiry["id"], InquiryForm(status="answered"), started["version"]
    )
    assert answered["first_response_at"] == started["first_response_at"]  # not overwritten
    assert answered["question"] == "q"  # only the status was set, so only it changed
    with database.session(write=False) as session:
        changes = session.scalars(
            select(AuditEntry.field_name).where(AuditEntry.entity_id == inquiry["id"])
        ).all()
    assert changes.count("status") == 2


def test_closing_a_new_inquiry_is_not_a_response_and_a_reply_time_is_kept(
    database: Database, seeded: dict[str, Any]
) -> None:
    june = seeded["people"]["黃嘉琪"]
    closed = create_inquiry(database, InquiryForm(journalist_id=june["id"], question="spam"))
    closed = update_inquiry(database, closed["id"], InquiryForm(status="closed"), 1)
    assert closed["first_response_at"] is None
    replied = create_inquiry(database, InquiryForm(journalist_id=june["id"], question="q"))
    reply_time = datetime(2030, 1, 1, tzinfo=UTC)
    with database.session() as session:  # what the reply service does when a reply is sent
        row = session.get(Inquiry, replied["id"])
        assert row is not None
        row.first_response_at = reply_time
    version = get_inquiry(database, replied["id"])["version"]
    answered = update_inquiry(database, replied["id"], InquiryForm(status="answered"), version)
    assert answered["first_response_at"] == reply_time.isoformat()


def test_a_colleagues_save_is_never_overwritten(database: Database, seeded: dict[str, Any]) -> None:
    june = seeded["people"]["黃嘉琪"]
    inquiry = create_inquiry(database, InquiryForm(journalist_id=june["id"], question="q"))
    mine = get_inquiry(database, inquiry["id"])
    theirs = get_inquiry(database, inquiry["id"])
    update_inquiry(
        database, inquiry["id"], InquiryForm(notes="theirs"), theirs["version"], user="colleague"
    )
    with pytest.raises(InquiryConflict) as caught:
        update_inquiry(database, inquiry["id"], InquiryForm(notes="mine"), mine["version"])
    assert caught.value.expected_version == 1 and caught.value.current_version == 2
    assert caught.value.changed_by == "colleague"
    assert "not saved" in caught.value.message
    assert get_inquiry(database, inquiry["id"])["notes"] == "theirs"


def test_edit_changes_the_journalist_and_outlet(database: Database, seeded: dict[str, Any]) -> None:
    june = seeded["people"]["黃嘉琪"]
    angela = seeded["people"]["溫安怡"]
    inquiry = create_inquiry(database, InquiryForm(journalist_id=june["id"], question="q"))
    moved = update_inquiry(
        database,
        inquiry["id"],
        InquiryForm(journalist_id=angela["id"], outlet_id=None, deadline=None),
        inquiry["version"],
    )
    assert moved["journalist"] == "溫安怡" and moved["outlet"] == "香港科技園公司"
    typed = update_inquiry(
        database,
        inquiry["id"],
        InquiryForm(journalist_name="Mary Lee", outlet_name="South China Morning Post"),
        moved["version"],
    )
    assert typed["journalist"] == "Mary Lee" and typed["outlet"] == "South China Morning Post"
    with pytest.raises(InputRejected, match="Say who asked"):
        update_inquiry(database, inquiry["id"], InquiryForm(journalist_id=None), typed["version"])


def test_deadline_state_and_the_local_day() -> None:
    now = _local(0, 10)
    assert local_day_end(now) == _local(1, 0)
    assert deadline_state("new", _local(0, 9), now) == DeadlineState.OVERDUE
    assert deadline_state("in_progress", _local(0, 18), now) == DeadlineState.DUE_TODAY
    assert deadline_state("new", _local(1, 9), now) is None
    assert deadline_state("answered", _local(0, 9), now) is None
    assert deadline_state("new", None, now) is None
    assert deadline_state("new", _local(0, 9).isoformat(), now) == DeadlineState.OVERDUE


@pytest.fixture
def log(database: Database, seeded: dict[str, Any]) -> dict[str, Any]:
    """Six inquiries of three journalists across two days, with their deadlines."""
    people = seeded["people"]
    rows: dict[str, dict[str, Any]] = {}
    specs = [
        # key, journalist, received (local day, hour), deadline, status, question, channel
        ("june_old", "黃嘉琪", (-1, 9), (-1, 12), "answered", "Photos of the signing?", "email"),
        ("june_overdue", "黃嘉琪", (0, 8), (0, 9), "new", "投資額幾多？", "phone"),
        ("angela_today", "溫安怡", (0, 8, 30), (0, 18), "in_progress", "When is the lab?", "phone"),
        ("xiong_later", "熊苗苗", (0, 9), (2, 12), "new", "可否安排專訪余凱？", "wechat"),
        ("mary", None, (0, 9, 30), None, "new", "Any video of the MoU signing?", "email"),
        ("june_closed", "黃嘉琪", (0, 9, 45), (0, 9), "closed", "Duplicate", "phone"),
    ]
    for key, who, received, deadline, status, question, channel in specs:
        form = InquiryForm(
            release_id=seeded["release"] if key != "mary" else None,
            journalist_id=people[who]["id"] if who else None,
            journalist_name=None if who else "Mary Lee",
            outlet_name=None if who else "South China Morning Post",
            owner_id=people["溫安怡"]["id"] if key.startswith("june") else None,
            question=question,
            channel=channel,
            received_at=_local(*received),
            deadline=_local(*deadline) if deadline else None,
            status=status,
        )
        rows[key] = create_inquiry(database, form)
    return rows


def _find(database: Database, now: datetime, **kw: Any) -> list[int]:
    return _ids(search_inquiries(database, InquiryFilter(**kw), now=now))


def test_log_is_newest_first_and_pages(database: Database, log: dict[str, Any]) -> None:
    order = ["june_closed", "mary", "xiong_later", "angela_today", "june_overdue", "june_old"]
    assert _ids(search_inquiries(database)) == [log[k]["id"] for k in order]
    second = search_inquiries(database, limit=2, offset=2)
    assert _ids(second) == [log["xiong_later"]["id"], log["angela_today"]["id"]]
    # Keyset paging (after the last row shown) gives the same pages as OFFSET, quicker.
    first = search_inquiries(database, limit=2)
    last = first[-1]
    after = search_inquiries(database, limit=2, after=(last["received_at"], last["id"]))
    assert _ids(after) == _ids(second)


def test_a_search_too_short_to_narrow_the_log_is_ignored(
    database: Database, log: dict[str, Any]
) -> None:
    everything = _ids(search_inquiries(database))
    for text in ("w", "6", "+8", "69"):
        assert _ids(search_inquiries(database, InquiryFilter(text=text))) == everything
    assert _ids(search_inquiries(database, InquiryFilter(text="黃"))) != everything


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("黃嘉", {"june_old", "june_overdue", "june_closed"}),  # 2 Han characters, mid-name
        ("June", {"june_old", "june_overdue", "june_closed"}),
        ("edelman.com", {"june_old", "june_overdue", "june_closed"}),
        ("+852 6986-5822", {"june_old", "june_overdue", "june_closed"}),
        ("69865822", {"june_old", "june_overdue", "june_closed"}),
        ("６９８６ ５８２２", {"june_old", "june_overdue", "june_closed"}),
        ("科技園", {"angela_today"}),  # the journalist's organisation
        ("South China", {"mary"}),  # an outlet with no roster match but its own name
        ("signing", {"june_old", "mary"}),  # question text, any case
        ("專訪", {"xiong_later"}),
        ("nobody-matches-this", set()),
    ],
)
def test_search_text(
    database: Database, log: dict[str, Any], text: str, expected: set[str]
) -> None:
    found = set(_ids(search_inquiries(database, InquiryFilter(text=text))))
    assert found == {log[k]["id"] for k in expected}


def test_filters_combine(database: Database, log: dict[str, Any], seeded: dict[str, Any]) -> None:
    now = _local(0, 10)
    angela = seeded["people"]["溫安怡"]["id"]
    assert _find(database, now, release_id=seeded["release"], text="June") == [
        log[k]["id"] for k in ("june_closed", "june_overdue", "june_old")
    ]
    assert _find(database, now, statuses=("new",), owner_id=angela) == [log["june_overdue"]["id"]]
    assert _find(database, now, due=DeadlineState.OVERDUE) == [log["june_overdue"]["id"]]
    assert _find(database, now, due=DeadlineState.DUE_TODAY) == [log["angela_today"]["id"]]
    assert _find(database, now, due=DeadlineState.OVERDUE, statuses=("answered",)) == []
    yesterday = _find(database, now, received_from=_local(-1, 0), received_to=_local(0, 0))
    assert yesterday == [log["june_old"]["id"]]
    assert _find(database, now, received_from=_local(0, 9), text="june") == [
        log["june_closed"]["id"]
    ]


def test_counts_for_the_status_bar(database: Database, log: dict[str, Any]) -> None:
    now = _local(0, 10)
    counts = count_inquiries(database, now=now)
    assert (counts.total, counts.more, counts.overdue, counts.due_today) == (6, False, 1, 1)
    june = count_inquiries(database, InquiryFilter(text="黃嘉琪"), now=now)
    assert (june.total, june.overdue, june.due_today) == (3, 1, 0)
    # A search's deadlines are read from its own few matches; the filters still apply.
    today = count_inquiries(database, InquiryFilter(text="科技園"), now=now)
    assert (today.total, today.overdue, today.due_today) == (1, 0, 1)
    only_overdue = InquiryFilter(text="黃嘉琪", due=DeadlineState.OVERDUE)
    june_overdue = count_inquiries(database, only_overdue, now=now)
    assert (june_overdue.total, june_overdue.overdue, june_overdue.due_today) == (1, 1, 0)
    june_capped = count_inquiries(database, InquiryFilter(text="黃嘉琪"), now=now, cap=2)
    assert (june_capped.total, june_capped.more, june_capped.overdue) == (2, True, 1)
    capped = count_inquiries(database, now=now, cap=4)
    assert (capped.total, capped.more) == (4, True)
    assert COUNT_CAP >= 1000
    overdue = count_inquiries(database, InquiryFilter(due=DeadlineState.OVERDUE), now=now)
    assert (overdue.total, overdue.overdue, overdue.due_today) == (1, 1, 0)


def test_choices_for_the_filter_bar_and_editor(
    database: Database, log: dict[str, Any], seeded: dict[str, Any]
) -> None:
    owners = inquiry_owners(database)
    assert [o["name"] for o in owners] == ["溫安怡 Angela Wan"]
    assert release_choices(database)[0]["title_zh"].startswith("香港科技園公司")
    assert [o["name_en"] for o in outlet_choices(database, "south")] == ["South China Morning Post"]
    assert [o["name_zh"] for o in outlet_choices(database, "地平")] == ["地平線"]
    june = seeded["people"]["黃嘉琪"]["id"]
    assert _ids(open_inquiries_of(database, june)) == [log["june_overdue"]["id"]]


def test_a_deleted_inquiry_cannot_be_opened_or_saved(
    database: Database, log: dict[str, Any]
) -> None:
    target = log["mary"]
    with database.session() as session:
        row = session.get(Inquiry, target["id"])
        assert row is not None
        row.deleted_at = datetime.now(UTC)
    with pytest.raises(InputRejected, match="no inquiry"):
        get_inquiry(database, target["id"])
    with pytest.raises(InputRejected, match="no inquiry"):
        update_inquiry(database, target["id"], InquiryForm(notes="x"), 2)
    assert target["id"] not in _ids(search_inquiries(database))


def test_status_enum_values_match_the_workflow() -> None:
    assert set(next_statuses(InquiryStatus.NEW)) | {"new"} == {s.value for s in InquiryStatus}
