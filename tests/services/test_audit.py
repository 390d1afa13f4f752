"""Who did what: every change recorded with the officer's name, in the change's transaction."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from db.engine import Database
from db.models import (
    AuditEntry,
    CallLog,
    Contact,
    ContactEmail,
    ContactPhone,
    ContactTag,
    EmailTemplate,
    Inquiry,
    Organization,
    Release,
)
from services.audit import MAX_VALUE_CHARS, as_text, history, set_officer, stamp_user


def _changes(database: Database, entity: str, entity_id: int) -> list[tuple[str, ...]]:
    """History as (user, action, field, old, new), oldest first, for readable asserts."""
    return [
        (e["user"], e["action"], e["field"], e["old"], e["new"])
        for e in reversed(history(database, entity, entity_id))
    ]


def _audit_count(database: Database) -> int:
    with database.session(write=False) as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def _new_contact(database: Database) -> int:
    with database.session() as session:
        contact = Contact(name_zh="黃嘉琪", name_en="June Wong")
        session.add(contact)
        session.flush()
        assert contact.id is not None
        session.add(ContactPhone(contact_id=contact.id, e164="+85291234567", raw="9123 4567"))
        session.add(
            ContactEmail(
                contact_id=contact.id,
                address="june.wong@edelman.com",
                address_key="june.wong@edelman.com",
                type="work",
            )
        )
        session.add(ContactTag(contact_id=contact.id, tag="tech desk"))
        return contact.id


def test_a_contact_s_life_is_recorded_field_by_field(database: Database) -> None:
    set_officer(database, "溫安怡")
    contact_id = _new_contact(database)
    with database.session() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        contact.name_en = "June WONG Ka Kei"
        contact.opt_out = True
        phone = session.scalars(select(ContactPhone)).one()
        phone.type = "mobile"
        session.delete(session.scalars(select(ContactTag)).one())
    with database.session() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        session.delete(session.scalars(select(ContactEmail)).one())

    assert _changes(database, "contact", contact_id) == [
        ("溫安怡", "create", "kind", None, "person"),
        ("溫安怡", "create", "name_zh", None, "黃嘉琪"),
        ("溫安怡", "create", "name_en", None, "June Wong"),
        ("溫安怡", "create", "preferred_language", None, "zh-HK"),
        ("溫安怡", "create", "opt_out", None, "no"),
        ("溫安怡", "create", "phone", None, "+85291234567 (work)"),
        ("溫安怡", "create", "email", None, "june.wong@edelman.com (work)"),
        ("溫安怡", "create", "tag", None, "tech desk"),
        ("溫安怡", "update", "name_en", "June Wong", "June WONG Ka Kei"),
        ("溫安怡", "update", "opt_out", "no", "yes"),
        ("溫安怡", "update", "phone", "+85291234567 (work)", "+85291234567 (mobile)"),
        ("溫安怡", "update", "tag", "tech desk", None),
        ("溫安怡", "update", "email", "june.wong@edelman.com (work)", None),
    ]
    entries = history(database, "contact", contact_id)
    assert entries[0]["at"] >= entries[-1]["at"]  # newest first
    assert set(entries[0]) == {
        "id",
        "at",
        "user",
        "entity",
        "entity_id",
        "action",
        "field",
        "old",
        "new",
    }


def test_the_session_s_user_wins_over_the_officer_and_no_user_means_no_entries(
    database: Database,
) -> None:
    contact_id = _new_contact(database)  # nobody set: not audited
    assert _audit_count(database) == 0
    set_officer(database, "Angela Wan")
    with database.session() as session:
        stamp_user(session, "Miaomiao Xiong")
        contact = session.get(Contact, contact_id)
        assert contact is not None
        contact.title_en = "Reporter"
    with database.session() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        contact.title_en = "Senior Reporter"
    set_officer(database, None)
    with database.session() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        contact.title_en = "Editor"
    assert _changes(database, "contact", contact_id) == [
        ("Miaomiao Xiong", "update", "title_en", None, "Reporter"),
        ("Angela Wan", "update", "title_en", "Reporter", "Senior Reporter"),
    ]


def test_numbers_saved_again_unchanged_leave_no_trace(database: Database) -> None:
    contact_id = _new_contact(database)
    set_officer(database, "Angela Wan")
    with database.session() as session:  # an editor replaces the whole list on save
        for phone in session.scalars(select(ContactPhone)):
            session.delete(phone)
        session.flush()
        session.add(ContactPhone(contact_id=contact_id, e164="+85291234567", raw="91234567"))
        session.add(ContactPhone(contact_id=contact_id, e164="+85226292329", type="fax"))
    assert _changes(database, "contact", contact_id) == [
        ("Angela Wan", "update", "phone", None, "+85226292329 (fax)"),
    ]


def test_a_rolled_back_save_records_nothing(database: Database) -> None:
    contact_id = _new_contact(database)
    set_officer(database, "Angela Wan")
    with pytest.raises(RuntimeError), database.session() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        contact.name_en = "Never saved"
        session.flush()
        raise RuntimeError("the officer pressed Cancel")
    with database.session() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        contact.name_en = "Saved"
    assert _changes(database, "contact", contact_id) == [
        ("Angela Wan", "update", "name_en", "June Wong", "Saved"),
    ]


def test_every_audited_kind_of_record(database: Database) -> None:
    set_officer(database, "Angela Wan")
    with database.session() as session:
        org = Organization(name_zh="明報", kind="media")
        release = Release(title_zh="合作備忘錄", issued_on=date(2023, 12, 1))
        template = EmailTemplate(name="answer", language="en", subject="Re: {{ subject }}")
        session.add_all([org, release, template])
        session.flush()
        inquiry = Inquiry(outlet_id=org.id, release_id=release.id, question="When?")
        session.add(inquiry)
        session.flush()
        call = CallLog(inquiry_id=inquiry.id, summary="Asked when", duration_seconds=60)
        session.add(call)
    with database.session() as session:
        session.delete(session.get(CallLog, call.id))
        stored = session.get(Organization, org.id)
        assert stored is not None
        stored.short_name = "MP"
    assert ("Angela Wan", "create", "name_zh", None, "明報") in _changes(
        database, "organization", org.id or 0
    )
    assert _changes(database, "organization", org.id or 0)[-1] == (
        "Angela Wan",
        "update",
        "short_name",
        None,
        "MP",
    )
    assert ("Angela Wan", "create", "issued_on", None, "2023-12-01") in _changes(
        database, "release", release.id or 0
    )
    assert ("Angela Wan", "create", "question", None, "When?") in _changes(
        database, "inquiry", inquiry.id or 0
    )
    assert ("Angela Wan", "create", "subject", None, "Re: {{ subject }}") in _changes(
        database, "email_template", template.id or 0
    )
    assert _changes(database, "call_log", call.id or 0)[-1] == (
        "Angela Wan",
        "delete",
        None,
        None,
        None,
    )


def test_a_service_s_own_entry_is_not_doubled(database: Database) -> None:
    set_officer(database, "Angela Wan")
    with database.session() as session:
        org = Organization(name_en="Ming Pao")
        session.add(org)
    with database.session() as session:
        stored = session.get(Organization, org.id)
        assert stored is not None
        stored.name_en = "Ming Pao Daily"
        session.add(
            AuditEntry(
                user="the service",
                entity="organization",
                entity_id=org.id or 0,
                action="update",
                field_name="name",
                old_value="Ming Pao",
                new_value="Ming Pao Daily",
            )
        )
    changes = _changes(database, "organization", org.id or 0)
    assert [c for c in changes if c[1] == "update"] == [
        ("the service", "update", "name", "Ming Pao", "Ming Pao Daily")
    ]


def test_values_are_text_and_long_ones_are_cut() -> None:
    assert as_text(None) is None
    assert as_text(True) == "yes"
    assert as_text(date(2023, 12, 1)) == "2023-12-01"
    assert as_text(b"\x00sort key") is None
    long = as_text("新聞稿" * 2000)
    assert long is not None and len(long) == MAX_VALUE_CHARS and long.endswith("…")
