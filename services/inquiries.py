"""The inquiry log: every media inquiry, tied to the release it is about."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from db.engine import Database
from db.models import (
    Contact,
    ContactEmail,
    ContactKind,
    ContactPhone,
    Inquiry,
    InquiryChannel,
    InquiryStatus,
    Organization,
    OrganizationKind,
    Release,
)
from db.search import has_han
from services.emails import check_email, email_key
from services.matching import find_contact, find_organization
from services.phones import check_phone
from services.problems import InputRejected, Problem, Severity


def parse_when(value: str | datetime | None) -> datetime | None:
    """An ISO 8601 time as typed; without an offset it is the computer's local time."""
    if value is None or value == "":
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        moment = moment.astimezone()  # local time, as the officer meant it
    return moment.astimezone(UTC)


class InquiryCreate(BaseModel):
    """A new inquiry as a person gives it: names as typed, phone and e-mail validated."""

    model_config = ConfigDict(str_strip_whitespace=True)

    release_id: int | None = None
    journalist: str = Field(min_length=1, max_length=200)
    outlet: str = Field(min_length=1, max_length=300)
    channel: InquiryChannel = InquiryChannel.PHONE
    question: str = Field(min_length=1, max_length=20_000)
    phone: str | None = None
    email: str | None = None
    deadline: datetime | None = None
    owner_id: int | None = None
    received_at: datetime | None = None
    region: str = "HK"

    @field_validator("deadline", "received_at", mode="before")
    @classmethod
    def _aware(cls, value: Any) -> datetime | None:
        return parse_when(value)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if not value:
            return None
        check = check_phone(value, field="phone")
        if len(check.numbers) != 1 or not check.valid:
            problem = next((p for p in check.problems if p.severity == Severity.ERROR), None)
            hint = f" Did you mean {problem.suggestion}?" if problem and problem.suggestion else ""
            reason = problem.message if problem else "Give one phone number."
            raise ValueError(f"{value!r}: {reason}{hint}")
        e164 = check.numbers[0].e164
        assert e164 is not None
        return e164

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if not value:
            return None
        check = check_email(value, field="email")
        if not check.valid or not check.normalized:
            problem = next((p for p in check.problems if p.severity == Severity.ERROR), None)
            hint = f" Did you mean {check.suggestion}?" if check.suggestion else ""
            reason = problem.message if problem else "Not an e-mail address."
            raise ValueError(f"{value!r}: {reason}{hint}")
        return check.normalized


def validation_problems(error: ValidationError, where: str) -> list[Problem]:
    """Turn pydantic's errors into our problem shape (field, value, message)."""
    problems = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "input"
        message = str(item["msg"]).removeprefix("Value error, ")
        problems.append(
            Problem(Severity.ERROR, where, field, str(item.get("input", "")), message, None)
        )
    return problems


def _display_name(contact: Contact | None) -> str | None:
    if contact is None:
        return None
    return contact.name_zh or contact.name_en


def _organization_name(org: Organization | None) -> str | None:
    if org is None:
        return None
    return org.name_zh or org.name_en or org.short_name


def inquiry_dicts(session: Session, inquiries: list[Inquiry]) -> list[dict[str, Any]]:
    """Plain views of inquiries with journalist, outlet and owner named."""
    contact_ids = {i.journalist_id for i in inquiries} | {i.owner_id for i in inquiries}
    contacts = {
        c.id: c
        for c in session.scalars(
            select(Contact).where(col(Contact.id).in_([c for c in contact_ids if c is not None]))
        )
    }
    org_ids = [i.outlet_id for i in inquiries if i.outlet_id is not None]
    orgs = {
        o.id: o
        for o in session.scalars(select(Organization).where(col(Organization.id).in_(org_ids)))
    }
    result = []
    for inquiry in inquiries:
        owner = contacts.get(inquiry.owner_id)
        result.append(
            {
                "id": inquiry.id,
                "release_id": inquiry.release_id,
                "received_at": inquiry.received_at.isoformat(),
                "channel": inquiry.channel,
                "journalist": _display_name(contacts.get(inquiry.journalist_id)),
                "journalist_id": inquiry.journalist_id,
                "outlet": _organization_name(orgs.get(inquiry.outlet_id)),
                "outlet_id": inquiry.outlet_id,
                "phone": inquiry.phone,
                "email": inquiry.email,
                "question": inquiry.question,
                "deadline": inquiry.deadline.isoformat() if inquiry.deadline else None,
                "status": inquiry.status,
                "owner": inquiry.owner_id,
                "owner_name": _display_name(owner),
                "first_response_at": (
                    inquiry.first_response_at.isoformat() if inquiry.first_response_at else None
                ),
                "version": inquiry.version,
            }
        )
    return result


def _outlet(session: Session, name: str) -> Organization:
    zh = name if has_han(name) else None
    en = None if zh else name
    org = find_organization(session, name_zh=zh, name_en=en, short_name=en)
    if org is None:
        org = Organization(name_zh=zh, name_en=en, kind=OrganizationKind.MEDIA)
        session.add(org)
        session.flush()
    return org


def _journalist(session: Session, data: InquiryCreate, outlet: Organization) -> Contact:
    zh = data.journalist if has_han(data.journalist) else None
    en = None if zh else data.journalist
    contact, _ = find_contact(
        session,
        email_keys=[email_key(data.email)] if data.email else [],
        phones=[data.phone] if data.phone else [],
        name_zh=zh,
        name_en=en,
        organization_id=outlet.id,
    )
    if contact is None:
        contact = Contact(
            kind=ContactKind.PERSON,
            name_zh=zh,
            name_en=en,
            organization_id=outlet.id,
            preferred_language="zh-HK" if zh else "en",
        )
        session.add(contact)
        session.flush()
    assert contact.id is not None
    if data.phone and data.phone not in set(
        session.scalars(
            select(col(ContactPhone.e164)).where(col(ContactPhone.contact_id) == contact.id)
        )
    ):
        session.add(
            ContactPhone(contact_id=contact.id, e164=data.phone, raw=data.phone, type="mobile")
        )
    if data.email and email_key(data.email) not in set(
        session.scalars(
            select(col(ContactEmail.address_key)).where(col(ContactEmail.contact_id) == contact.id)
        )
    ):
        session.add(
            ContactEmail(
                contact_id=contact.id,
                address=data.email,
                address_key=email_key(data.email),
                raw=data.email,
            )
        )
    return contact


def add_inquiry(
    database: Database, data: InquiryCreate, *, user: str | None = None
) -> dict[str, Any]:
    """Log a new inquiry; the journalist and outlet are found in the roster or added to it.

    Raises:
        InputRejected: the release or owner does not exist; nothing was written.
    """
    with database.session() as session:
        problems = []
        if data.release_id is not None and session.get(Release, data.release_id) is None:
            problems.append(
                Problem(
                    Severity.ERROR,
                    "inquiry",
                    "release",
                    str(data.release_id),
                    f"There is no release {data.release_id}.",
                    "List the releases with `pressdesk releases` and use one of their ids.",
                )
            )
        if data.owner_id is not None and session.get(Contact, data.owner_id) is None:
            problems.append(
                Problem(
                    Severity.ERROR,
                    "inquiry",
                    "owner",
                    str(data.owner_id),
                    f"There is no contact {data.owner_id} to own this inquiry.",
                    "Use the id of a colleague from `pressdesk contacts`.",
                )
            )
        if problems:
            raise InputRejected(problems[0].message, problems)
        outlet = _outlet(session, data.outlet)
        journalist = _journalist(session, data, outlet)
        inquiry = Inquiry(
            release_id=data.release_id,
            channel=data.channel,
            journalist_id=journalist.id,
            outlet_id=outlet.id,
            phone=data.phone,
            email=data.email,
            question=data.question,
            deadline=data.deadline,
            owner_id=data.owner_id,
            status=InquiryStatus.NEW,
            created_by=user,
        )
        if data.received_at is not None:
            inquiry.received_at = data.received_at
        session.add(inquiry)
        session.flush()
        return inquiry_dicts(session, [inquiry])[0]


def list_inquiries(
    database: Database,
    *,
    release_id: int | None = None,
    status: str | None = None,
    limit: int = 1000,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Inquiries, newest first, optionally of one release and one status."""
    statement = select(Inquiry).where(col(Inquiry.deleted_at).is_(None))
    if release_id is not None:
        statement = statement.where(col(Inquiry.release_id) == release_id)
    if status is not None:
        statement = statement.where(col(Inquiry.status) == status)
    with database.session(write=False) as session:
        inquiries = list(
            session.scalars(
                statement.order_by(col(Inquiry.received_at).desc(), col(Inquiry.id).desc())
                .limit(limit)
                .offset(offset)
            )
        )
        return inquiry_dicts(session, inquiries)
