"""Logging a call without Qt: the caller found or added, the number remembered, and the
question turned into an inquiry in the same unit of work (or nothing written at all)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from db.engine import Database
from db.models import CallLog, Contact, Inquiry
from services.calls import CallForm, list_calls, log_call
from services.inquiries import InquiryForm, create_inquiry, get_inquiry
from services.problems import InputRejected
from services.release_import import import_release_file
from services.roster import lookup_number, search_contacts
from tests.conftest import SEED_RELEASE

STARTED = datetime(2023, 12, 1, 2, 15, tzinfo=UTC)


@pytest.fixture
def people(database: Database) -> dict[str, Any]:
    import_release_file(database, SEED_RELEASE)
    return {c["name_zh"]: c for c in search_contacts(database, "") if c["name_zh"]}


def _count(database: Database, model: type) -> int:
    with database.session(write=False) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize("typed", ["69865822", "+852 6986-5822", "６９８６ ５８２２"])
def test_a_call_from_a_known_number_with_an_inquiry(
    database: Database, people: dict[str, Any], typed: str
) -> None:
    (caller,) = lookup_number(database, typed)
    assert caller["name_zh"] == "黃嘉琪"
    result = log_call(
        database,
        CallForm(
            contact_id=caller["id"],
            number=typed,
            release_id=1,
            summary="投資額幾多？",
            follow_up=True,
            started_at=STARTED,
            duration_seconds=95,
            create_inquiry=True,
            deadline=STARTED + timedelta(hours=6),
        ),
        user="officer",
    )
    call, inquiry = result["call"], result["inquiry"]
    assert call["number"] == "+85269865822" and call["duration_seconds"] == 95
    assert call["follow_up"] is True and call["direction"] == "incoming"
    assert call["contact"] == "黃嘉琪" and call["created_by"] == "officer"
    assert inquiry["id"] == call["inquiry_id"] and inquiry["question"] == "投資額幾多？"
    assert inquiry["channel"] == "phone" and inquiry["received_at"] == STARTED.isoformat()
    assert inquiry["outlet"] == "愛德曼國際公關公司" and inquiry["release_id"] == 1
    assert inquiry["phone"] == "+85269865822"
    assert [c["id"] for c in list_calls(database, contact_id=caller["id"])] == [call["id"]]


def test_a_new_caller_is_added_with_the_number_they_called_from(
    database: Database, people: dict[str, Any]
) -> None:
    result = log_call(
        database,
        CallForm(
            new_name="陳大文",
            outlet_name="明報",
            number="9123 4567",
            summary="想訪問余凱",
            started_at=STARTED,
            duration_seconds=30,
        ),
    )
    assert result["inquiry"] is None
    (found,) = lookup_number(database, "+85291234567")
    assert found["name_zh"] == "陳大文" and found["organization"]["name_zh"] == "明報"
    assert result["contact_id"] == found["id"]


def test_a_known_caller_on_a_new_number_gets_it_remembered(
    database: Database, people: dict[str, Any]
) -> None:
    angela = people["溫安怡"]
    log_call(database, CallForm(contact_id=angela["id"], number="5123 4567", summary="hi"))
    assert [c["id"] for c in lookup_number(database, "51234567")] == [angela["id"]]
    log_call(
        database,
        CallForm(contact_id=angela["id"], number="9876 5432", summary="hi", remember_number=False),
    )
    assert lookup_number(database, "98765432") == []


def test_an_unknown_caller_can_be_logged_but_not_as_an_inquiry(
    database: Database, people: dict[str, Any]
) -> None:
    result = log_call(database, CallForm(number="2123 4567", summary="hung up"))
    assert result["contact_id"] is None and result["call"]["number"] == "+85221234567"
    contacts = _count(database, Contact)
    with pytest.raises(InputRejected, match="who asked"):
        log_call(database, CallForm(number="2123 4567", summary="q", create_inquiry=True))
    with pytest.raises(InputRejected, match="what was asked"):
        log_call(database, CallForm(new_name="Ann Ho", outlet_name="RTHK", create_inquiry=True))
    # Nothing of the refused calls was written: not the call, not the new caller.
    assert _count(database, CallLog) == 1 and _count(database, Contact) == contacts
    assert _count(database, Inquiry) == 0


def test_unknown_ids_are_refused(database: Database, people: dict[str, Any]) -> None:
    for form, field in [
        (CallForm(contact_id=999, summary="x"), "contact"),
        (CallForm(contact_id=1, release_id=42, summary="x"), "release"),
        (CallForm(contact_id=1, inquiry_id=42, summary="x"), "inquiry"),
        (CallForm(new_name="Ann", outlet_id=777, summary="x"), "outlet"),
    ]:
        with pytest.raises(InputRejected) as caught:
            log_call(database, form)
        assert caught.value.problems[0].field == field
    assert _count(database, CallLog) == 0


def test_calling_back_about_an_inquiry_is_its_first_response(
    database: Database, people: dict[str, Any]
) -> None:
    june = people["黃嘉琪"]
    received = datetime.now(UTC) - timedelta(hours=1)
    inquiry = create_inquiry(
        database, InquiryForm(journalist_id=june["id"], question="q", received_at=received)
    )
    called_back = received + timedelta(minutes=20)
    log_call(
        database,
        CallForm(
            contact_id=june["id"],
            direction="outgoing",
            inquiry_id=inquiry["id"],
            summary="gave the figure",
            started_at=called_back,
        ),
    )
    after = get_inquiry(database, inquiry["id"])
    assert after["first_response_at"] == called_back.isoformat()
    assert after["first_response_seconds"] == 20 * 60
    log_call(
        database,
        CallForm(
            contact_id=june["id"],
            direction="outgoing",
            inquiry_id=inquiry["id"],
            summary="again",
            started_at=called_back + timedelta(minutes=5),
        ),
    )
    assert get_inquiry(database, inquiry["id"])["first_response_at"] == called_back.isoformat()
    assert [c["summary"] for c in list_calls(database, inquiry_id=inquiry["id"])] == [
        "again",
        "gave the figure",
    ]


def test_duration_cannot_be_negative() -> None:
    with pytest.raises(ValueError, match="greater than or equal"):
        CallForm(duration_seconds=-1)
