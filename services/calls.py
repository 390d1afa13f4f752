"""Phone calls with the media: who, about which release, what was asked, how long.

A call is logged in one unit of work with everything it implies: a caller new to the
roster is added, the number they called from is remembered on their record (so the next
call from it is recognised), and, when asked, the question becomes an inquiry.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from db.engine import Database
from db.models import (
    CallDirection,
    CallLog,
    Contact,
    Inquiry,
    InquiryChannel,
    Organization,
    Release,
    utc_now,
)
from services.inquiries import (
    InquiryForm,
    create_inquiry_in,
    find_or_add_journalist,
    find_or_add_outlet,
    inquiry_dicts,
    parse_when,
    record_first_response,
    remember_contact_details,
)
from services.phones import normalize_phone
from services.problems import InputRejected, Problem, Severity


class CallForm(BaseModel):
    """A call as the "Log a call" dialog gives it.

    Attributes:
        contact_id: the caller from the roster; or, when None, ``new_name`` (with
            ``outlet_name``) is a caller new to the roster. Both may be empty for an
            unknown caller who gave no name (then no inquiry can be made).
        number: the number as typed; stored in E.164 when it is one, else left out.
        started_at: when the call began (the dialog opened), timezone-aware.
        duration_seconds: how long it lasted (the dialog's timer).
        inquiry_id: an existing inquiry the call was about.
        create_inquiry: also log the question as a new inquiry, linked to the call.
        remember_number: add the number to the caller's record when it is not there.
    """

    model_config = ConfigDict(str_strip_whitespace=True)

    contact_id: int | None = None
    new_name: str | None = Field(default=None, max_length=200)
    outlet_id: int | None = None
    outlet_name: str | None = Field(default=None, max_length=300)
    number: str | None = Field(default=None, max_length=100)
    direction: CallDirection = CallDirection.INCOMING
    release_id: int | None = None
    summary: str = Field(default="", max_length=20_000)
    follow_up: bool = False
    started_at: datetime = Field(default_factory=utc_now)
    duration_seconds: int = Field(default=0, ge=0, le=24 * 3600)
    inquiry_id: int | None = None
    create_inquiry: bool = False
    deadline: datetime | None = None
    owner_id: int | None = None
    remember_number: bool = True
    region: str = "HK"

    @field_validator("started_at", "deadline", mode="before")
    @classmethod
    def _aware(cls, value: Any) -> datetime | None:
        return parse_when(value)

    @field_validator("new_name", "outlet_name", "number")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None


def call_dict(call: CallLog, contact: Contact | None = None) -> dict[str, Any]:
    """The plain view of a call."""
    return {
        "id": call.id,
        "contact_id": call.contact_id,
        "contact": (contact.name_zh or contact.name_en) if contact is not None else None,
        "inquiry_id": call.inquiry_id,
        "release_id": call.release_id,
        "direction": call.direction,
        "number": call.number,
        "started_at": call.started_at.isoformat(),
        "duration_seconds": call.duration_seconds,
        "summary": call.summary,
        "follow_up": call.follow_up,
        "created_by": call.created_by,
    }


def _rejected(field: str, value: str, message: str, suggestion: str | None = None) -> InputRejected:
    return InputRejected(
        message, [Problem(Severity.ERROR, "call", field, value, message, suggestion)]
    )


def _outlet_of(session: Session, form: CallForm) -> Organization | None:
    if form.outlet_id is not None:
        outlet = session.get(Organization, form.outlet_id)
        if outlet is None or outlet.deleted_at is not None:
            raise _rejected(
                "outlet",
                str(form.outlet_id),
                f"There is no organisation {form.outlet_id} (deleted meanwhile?).",
                "Pick the outlet again or type its name.",
            )
        return outlet
    if form.outlet_name:
        return find_or_add_outlet(session, form.outlet_name)
    return None


def _caller(session: Session, form: CallForm, number: str | None) -> Contact | None:
    """The caller from the roster, or a new journalist added to it, or None (unknown)."""
    remembered = number if form.remember_number else None
    if form.contact_id is not None:
        contact = session.get(Contact, form.contact_id)
        if contact is None or contact.deleted_at is not None:
            raise _rejected(
                "contact",
                str(form.contact_id),
                f"There is no contact {form.contact_id} (deleted meanwhile?).",
                "Look the caller up again.",
            )
        remember_contact_details(session, contact, remembered, None)
        return contact
    if form.new_name:
        return find_or_add_journalist(session, form.new_name, _outlet_of(session, form), remembered)
    return None


def _checked_release(session: Session, release_id: int | None) -> None:
    if release_id is None:
        return
    release = session.get(Release, release_id)
    if release is None or release.deleted_at is not None:
        raise _rejected(
            "release",
            str(release_id),
            f"There is no release {release_id}.",
            "Pick one of the releases in the list.",
        )


def log_call(database: Database, form: CallForm, *, user: str | None = None) -> dict[str, Any]:
    """Log a call; with ``create_inquiry``, its question becomes an inquiry in the same unit.

    An outgoing call about an open inquiry counts as its first response (unless one was
    recorded already).

    Returns:
        ``{"call": ..., "inquiry": ... or None, "contact_id": ...}``.

    Raises:
        InputRejected: an id that does not exist, or an inquiry asked for without a caller
            or a question; nothing was written.
    """
    number = normalize_phone(form.number, form.region) if form.number else None
    with database.session() as session:
        _checked_release(session, form.release_id)
        contact = _caller(session, form, number)
        inquiry: Inquiry | None = None
        if form.inquiry_id is not None:
            inquiry = session.get(Inquiry, form.inquiry_id)
            if inquiry is None or inquiry.deleted_at is not None:
                raise _rejected(
                    "inquiry",
                    str(form.inquiry_id),
                    f"There is no inquiry {form.inquiry_id} (a colleague may have deleted it).",
                )
            if form.direction == CallDirection.OUTGOING:
                record_first_response(session, inquiry, form.started_at)
        elif form.create_inquiry:
            if contact is None:
                raise _rejected(
                    "contact",
                    form.number or "",
                    "An inquiry needs to know who asked: pick the caller or type their name.",
                )
            inquiry = create_inquiry_in(
                session,
                InquiryForm(
                    release_id=form.release_id,
                    journalist_id=contact.id,
                    outlet_id=contact.organization_id,
                    channel=InquiryChannel.PHONE,
                    question=form.summary,
                    phone=number,
                    deadline=form.deadline,
                    owner_id=form.owner_id,
                    received_at=form.started_at,
                ),
                user=user,
            )
        call = CallLog(
            contact_id=contact.id if contact is not None else None,
            inquiry_id=inquiry.id if inquiry is not None else None,
            release_id=form.release_id,
            direction=form.direction,
            number=number,
            started_at=form.started_at,
            duration_seconds=form.duration_seconds,
            summary=form.summary,
            follow_up=form.follow_up,
            created_by=user,
        )
        session.add(call)
        session.flush()
        return {
            "call": call_dict(call, contact),
            "inquiry": inquiry_dicts(session, [inquiry])[0] if inquiry is not None else None,
            "contact_id": contact.id if contact is not None else None,
        }


def list_calls(
    database: Database,
    *,
    contact_id: int | None = None,
    inquiry_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Calls, newest first, optionally with one contact or about one inquiry."""
    statement = select(CallLog)
    if contact_id is not None:
        statement = statement.where(col(CallLog.contact_id) == contact_id)
    if inquiry_id is not None:
        statement = statement.where(col(CallLog.inquiry_id) == inquiry_id)
    with database.session(write=False) as session:
        calls = session.scalars(
            statement.order_by(col(CallLog.started_at).desc(), col(CallLog.id).desc())
            .limit(limit)
            .offset(offset)
        ).all()
        ids = {c.contact_id for c in calls if c.contact_id is not None}
        contacts = {
            c.id: c for c in session.scalars(select(Contact).where(col(Contact.id).in_(ids)))
        }
        return [call_dict(c, contacts.get(c.contact_id)) for c in calls]
