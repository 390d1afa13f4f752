"""The inquiry log: every media inquiry, tied to the release it is about.

Creating, editing and listing inquiries, the status workflow (new -> in progress ->
answered / declined / closed) with the time to first response, and the filtered,
paged look-ups the inquiry log shows. Pages come straight off an index in display order
(newest first), so the log stays fast over 1 000 000 inquiries.
"""

from __future__ import annotations

import enum
import functools
import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta
from typing import Any, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    Select,
    and_,
    any_,
    bindparam,
    false,
    func,
    or_,
    select,
    tuple_,
)
from sqlalchemy import cast as sa_cast
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from db.engine import Database
from db.models import (
    OPEN_INQUIRY_STATUSES,
    AuditEntry,
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
    utc_now,
)
from db.search import has_han, search_contact_ids
from services.emails import check_email, email_key
from services.matching import find_contact, find_organization
from services.phones import check_phone
from services.problems import InputRejected, Problem, Severity
from services.roster import contact_dicts, query_as_phone

# The statuses an inquiry may move to from each status. Answered, declined and closed
# inquiries can be reopened (a follow-up question), but nothing goes back to "new".
ALLOWED_TRANSITIONS: dict[str, tuple[str, ...]] = {
    InquiryStatus.NEW: (
        InquiryStatus.IN_PROGRESS,
        InquiryStatus.ANSWERED,
        InquiryStatus.DECLINED,
        InquiryStatus.CLOSED,
    ),
    InquiryStatus.IN_PROGRESS: (
        InquiryStatus.ANSWERED,
        InquiryStatus.DECLINED,
        InquiryStatus.CLOSED,
    ),
    InquiryStatus.ANSWERED: (InquiryStatus.IN_PROGRESS, InquiryStatus.CLOSED),
    InquiryStatus.DECLINED: (InquiryStatus.IN_PROGRESS, InquiryStatus.CLOSED),
    InquiryStatus.CLOSED: (InquiryStatus.IN_PROGRESS,),
}
# Leaving "new" for one of these means the journalist heard back: the first response.
# Closing an inquiry nobody answered is not a response.
RESPONDED_STATUSES = (InquiryStatus.IN_PROGRESS, InquiryStatus.ANSWERED, InquiryStatus.DECLINED)
# A search matching more people than this takes the inquiries of the first ones only (an
# IN list of this size is still one quick index look-up each); see match_text.
CONTACT_MATCH_CAP = 1000
# The total shown in the status bar is counted up to here ("10 000+ inquiries"); counting
# every row of a 1 000 000-row log on each keystroke would cost more than the page.
COUNT_CAP = 10_000
# When the people a search found have at least this many inquiries, walking the log
# newest first finds a page sooner than sorting all of their inquiries. Counting up to
# it is paid at every keystroke that names an outlet: at 20 000 that count took 3-9 ms
# over 1 000 000 inquiries, at 5 000 about 1 ms; a walk for 5 000 matches among
# 1 000 000 reads ~6 000 rows for a 30-row page (~1-2 ms).
WALK_THRESHOLD = 5_000
# A number typed with fewer digits than this does not filter the log yet.
MIN_SEARCH_DIGITS = 3


def parse_when(value: str | datetime | None) -> datetime | None:
    """An ISO 8601 time as typed; without an offset it is the computer's local time."""
    if value is None or value == "":
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        moment = moment.astimezone()  # local time, as the officer meant it
    return moment.astimezone(UTC)


def _checked_phone(value: str | None) -> str | None:
    """The E.164 form of the one valid number in ``value``; ValueError with a hint if not."""
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


def _checked_email(value: str | None) -> str | None:
    """The normalised form of a valid address; ValueError with the suggestion if not."""
    if not value:
        return None
    check = check_email(value, field="email")
    if not check.valid or not check.normalized:
        problem = next((p for p in check.problems if p.severity == Severity.ERROR), None)
        hint = f" Did you mean {check.suggestion}?" if check.suggestion else ""
        reason = problem.message if problem else "Not an e-mail address."
        raise ValueError(f"{value!r}: {reason}{hint}")
    return check.normalized


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
        return _checked_phone(value)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return _checked_email(value)


class InquiryForm(BaseModel):
    """An inquiry as the editor gives it: the journalist and outlet picked or typed.

    For a new inquiry every field counts; for an edit only the fields explicitly set
    (``model_fields_set``) are changed, so ``InquiryForm(status="answered")`` changes the
    status and nothing else.

    Attributes:
        journalist_id: a contact from the roster; or, when None, ``journalist_name`` is a
            new journalist (found by phone, e-mail or name first, so nobody is doubled).
        outlet_id: an organisation; or ``outlet_name`` (found or added as a media
            outlet); with neither, the journalist's own organisation.
        phone, email: where the inquiry came from (validated; added to the journalist's
            record when it lacks them, so their next call is recognised).
    """

    model_config = ConfigDict(str_strip_whitespace=True)

    release_id: int | None = None
    journalist_id: int | None = None
    journalist_name: str | None = Field(default=None, max_length=200)
    outlet_id: int | None = None
    outlet_name: str | None = Field(default=None, max_length=300)
    channel: InquiryChannel = InquiryChannel.PHONE
    question: str = Field(default="", max_length=20_000)
    phone: str | None = None
    email: str | None = None
    deadline: datetime | None = None
    owner_id: int | None = None
    status: InquiryStatus = InquiryStatus.NEW
    notes: str | None = Field(default=None, max_length=20_000)
    received_at: datetime | None = None

    @field_validator("deadline", "received_at", mode="before")
    @classmethod
    def _aware(cls, value: Any) -> datetime | None:
        return parse_when(value)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return _checked_phone(value)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return _checked_email(value)

    @field_validator("journalist_name", "outlet_name", "notes")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None


class InquiryConflict(InputRejected):
    """A colleague saved the inquiry after this form loaded it; nothing was overwritten.

    Attributes:
        inquiry_id: the inquiry.
        expected_version: the version the form loaded.
        current_version: the version now stored.
        changed_at: when the colleague saved (UTC), if known.
        changed_by: who saved, if known.
    """

    def __init__(
        self,
        inquiry_id: int,
        expected_version: int,
        current_version: int,
        changed_at: datetime | None,
        changed_by: str | None,
    ) -> None:
        when = f" at {changed_at.astimezone():%H:%M}" if changed_at else ""
        who = f" by {changed_by}" if changed_by else ""
        message = (
            f"Inquiry {inquiry_id} was changed{who}{when} after you opened it. "
            "Your changes were not saved, so theirs are not lost: open the inquiry again "
            "to see the current version."
        )
        super().__init__(
            message,
            [Problem(Severity.ERROR, "inquiry", "version", str(expected_version), message)],
        )
        self.inquiry_id = inquiry_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.changed_at = changed_at
        self.changed_by = changed_by


def validation_problems(error: ValidationError, where: str) -> list[Problem]:
    """Turn pydantic's errors into our problem shape (field, value, message)."""
    problems = []
    for item in error.errors():
        field_name = ".".join(str(part) for part in item["loc"]) or "input"
        message = str(item["msg"]).removeprefix("Value error, ")
        problems.append(
            Problem(Severity.ERROR, where, field_name, str(item.get("input", "")), message, None)
        )
    return problems


# --- the status workflow and deadlines ------------------------------------------------


def next_statuses(status: str) -> tuple[str, ...]:
    """The statuses an inquiry in ``status`` may move to (not counting staying put)."""
    return ALLOWED_TRANSITIONS.get(status, ())


class DeadlineState(enum.StrEnum):
    """How an open inquiry stands against its deadline."""

    OVERDUE = "overdue"
    DUE_TODAY = "due_today"


def local_day_end(now: datetime) -> datetime:
    """The next local midnight after ``now``, in UTC: where "today" ends for the officer."""
    local = now.astimezone()
    midnight = datetime.combine(local.date() + timedelta(days=1), time(), tzinfo=local.tzinfo)
    # Re-localise: the zone's offset at midnight may differ from now's (summer time).
    return midnight.replace(tzinfo=None).astimezone().astimezone(UTC)


def deadline_state(
    status: str, deadline: datetime | str | None, now: datetime | None = None
) -> DeadlineState | None:
    """Overdue (deadline passed) or due today (later today), for an open inquiry; else None."""
    if deadline is None or status not in OPEN_INQUIRY_STATUSES:
        return None
    moment = datetime.fromisoformat(deadline) if isinstance(deadline, str) else deadline
    current = now or utc_now()
    if moment < current:
        return DeadlineState.OVERDUE
    if moment < local_day_end(current):
        return DeadlineState.DUE_TODAY
    return None


# --- plain views ------------------------------------------------------------------------


def _names(first: str | None, second: str | None) -> str | None:
    return " ".join(n for n in (first, second) if n) or None


def inquiry_dicts(session: Session, inquiries: Sequence[Any]) -> list[dict[str, Any]]:
    """Plain views of inquiries with release, journalist, outlet and owner named.

    Args:
        inquiries: ``Inquiry`` objects, or rows with the inquiry table's columns (what
            the log pages read: no ORM objects to build for 200 rows a page).
    """
    contact_ids = {i.journalist_id for i in inquiries} | {i.owner_id for i in inquiries}
    contact_ids.discard(None)
    contacts = {
        row.id: row
        for row in session.execute(
            select(col(Contact.id), col(Contact.name_zh), col(Contact.name_en)).where(
                col(Contact.id).in_(contact_ids)
            )
        )
    }
    org_ids = {i.outlet_id for i in inquiries if i.outlet_id is not None}
    orgs = {
        row.id: row.name_zh or row.name_en or row.short_name
        for row in session.execute(
            select(
                col(Organization.id),
                col(Organization.name_zh),
                col(Organization.name_en),
                col(Organization.short_name),
            ).where(col(Organization.id).in_(org_ids))
        )
    }
    release_ids = {i.release_id for i in inquiries if i.release_id is not None}
    releases = {
        row.id: row
        for row in session.execute(
            select(col(Release.id), col(Release.title_zh), col(Release.title_en)).where(
                col(Release.id).in_(release_ids)
            )
        )
    }
    result = []
    for inquiry in inquiries:
        owner = contacts.get(inquiry.owner_id)
        journalist = contacts.get(inquiry.journalist_id)
        release = releases.get(inquiry.release_id)
        result.append(
            _inquiry_dict(
                inquiry,
                release=(release.title_zh, release.title_en) if release else (None, None),
                journalist=(journalist.name_zh, journalist.name_en) if journalist else None,
                outlet=orgs.get(inquiry.outlet_id),
                owner=(owner.name_zh, owner.name_en) if owner else None,
            )
        )
    return result


def _inquiry_dict(
    inquiry: Any,
    *,
    release: tuple[str | None, str | None],
    journalist: tuple[str | None, str | None] | None,
    outlet: str | None,
    owner: tuple[str | None, str | None] | None,
) -> dict[str, Any]:
    """The plain view of one inquiry, given the names it refers to (zh, en pairs)."""
    first = inquiry.first_response_at
    return {
        "id": inquiry.id,
        "release_id": inquiry.release_id,
        "release_title_zh": release[0],
        "release_title_en": release[1],
        "received_at": inquiry.received_at.isoformat(),
        "channel": inquiry.channel,
        "journalist": (journalist[0] or journalist[1]) if journalist else None,
        "journalist_full": _names(*journalist) if journalist else None,
        "journalist_id": inquiry.journalist_id,
        "outlet": outlet,
        "outlet_id": inquiry.outlet_id,
        "phone": inquiry.phone,
        "email": inquiry.email,
        "question": inquiry.question,
        "deadline": inquiry.deadline.isoformat() if inquiry.deadline else None,
        "status": inquiry.status,
        "owner": inquiry.owner_id,
        "owner_name": (owner[0] or owner[1]) if owner else None,
        "first_response_at": first.isoformat() if first else None,
        "first_response_seconds": (
            int((first - inquiry.received_at).total_seconds()) if first else None
        ),
        "notes": inquiry.notes,
        "updated_at": inquiry.updated_at.isoformat() if inquiry.updated_at else None,
        "version": inquiry.version,
    }


@functools.cache
def _page_statement(sqlite: bool) -> Select[Any]:
    """The statement :func:`_page_dicts` runs (built once: aliases cost ~1 ms to build)."""
    journalist, owner = aliased(Contact), aliased(Contact)
    return (
        select(
            *Inquiry.__table__.columns,  # type: ignore[attr-defined]
            col(journalist.name_zh).label("journalist_zh"),
            col(journalist.name_en).label("journalist_en"),
            col(owner.name_zh).label("owner_zh"),
            col(owner.name_en).label("owner_en"),
            col(Organization.name_zh).label("outlet_zh"),
            col(Organization.name_en).label("outlet_en"),
            col(Organization.short_name).label("outlet_short"),
            col(Release.title_zh).label("release_zh"),
            col(Release.title_en).label("release_en"),
        )
        .select_from(Inquiry)
        .outerjoin(journalist, col(journalist.id) == col(Inquiry.journalist_id))
        .outerjoin(owner, col(owner.id) == col(Inquiry.owner_id))
        .outerjoin(Organization, col(Organization.id) == col(Inquiry.outlet_id))
        .outerjoin(Release, col(Release.id) == col(Inquiry.release_id))
        .where(_one_of(col(Inquiry.id), bindparam("page_ids"), sqlite=sqlite))
    )


def _page_dicts(session: Session, ids: Sequence[int]) -> list[dict[str, Any]]:
    """``inquiry_dicts`` of a page of inquiries by id, in one query (names joined in).

    A keystroke in the log's search reads a page: one statement instead of one for the
    inquiries and one each for the people, outlets and releases they name.
    """
    sqlite = session.get_bind().dialect.name == "sqlite"
    parameters = {"page_ids": _ids_value(ids, sqlite=sqlite)}
    rows = {row.id: row for row in session.execute(_page_statement(sqlite), parameters)}
    return [
        _inquiry_dict(
            row,
            release=(row.release_zh, row.release_en),
            journalist=(row.journalist_zh, row.journalist_en)
            if row.journalist_id is not None
            else None,
            outlet=row.outlet_zh or row.outlet_en or row.outlet_short,
            owner=(row.owner_zh, row.owner_en) if row.owner_id is not None else None,
        )
        for row in (rows[i] for i in ids)
    ]


# --- finding or adding the journalist and the outlet --------------------------------------


def find_or_add_outlet(session: Session, name: str) -> Organization:
    """The organisation known by this name (either script), or a new media outlet."""
    zh = name if has_han(name) else None
    en = None if zh else name
    org = find_organization(session, name_zh=zh, name_en=en, short_name=en)
    if org is None:
        org = Organization(name_zh=zh, name_en=en, kind=OrganizationKind.MEDIA)
        session.add(org)
        session.flush()
    return org


def remember_contact_details(
    session: Session, contact: Contact, phone: str | None, email: str | None
) -> None:
    """Add a validated phone (E.164) and e-mail to ``contact`` unless it has them already."""
    assert contact.id is not None
    if phone:
        _append_value(
            session, ContactPhone, ContactPhone.e164, contact.id, phone, raw=phone, type="mobile"
        )
    if email:
        _append_value(
            session,
            ContactEmail,
            ContactEmail.address_key,
            contact.id,
            email_key(email),
            address=email,
            raw=email,
        )


def _append_value(
    session: Session, model: Any, key: Any, contact_id: int, value: str, **fields: Any
) -> None:
    """Add a phone or e-mail (``key`` = ``value``) to a contact that does not have it yet,
    listed after the ones it has (position = how many it has), as every other path into
    these tables numbers them."""
    have = list(session.scalars(select(col(key)).where(col(model.contact_id) == contact_id)))
    if value not in have:
        session.add(model(contact_id=contact_id, position=len(have), **{key.key: value}, **fields))


def find_or_add_journalist(
    session: Session,
    name: str,
    organization: Organization | None,
    phone: str | None = None,
    email: str | None = None,
) -> Contact:
    """The roster's contact with this phone, e-mail or name (in this outlet), or a new one.

    ``phone`` (E.164) and ``email`` (normalised) are added to the contact when missing.
    """
    zh = name if has_han(name) else None
    en = None if zh else name
    org_id = organization.id if organization is not None else None
    contact, _ = find_contact(
        session,
        email_keys=[email_key(email)] if email else [],
        phones=[phone] if phone else [],
        name_zh=zh,
        name_en=en,
        organization_id=org_id,
    )
    if contact is None:
        contact = Contact(
            kind=ContactKind.PERSON,
            name_zh=zh,
            name_en=en,
            organization_id=org_id,
            preferred_language="zh-HK" if zh else "en",
        )
        session.add(contact)
        session.flush()
    remember_contact_details(session, contact, phone, email)
    return contact


def _no_such(field_name: str, value: int, message: str, suggestion: str) -> Problem:
    return Problem(Severity.ERROR, "inquiry", field_name, str(value), message, suggestion)


def _check_references(session: Session, form: InquiryForm, fields: Iterable[str]) -> None:
    """Refuse ids of releases, contacts and organisations that do not exist (or were deleted)."""
    wanted = set(fields)
    problems = []
    if "release_id" in wanted and form.release_id is not None:
        release = session.get(Release, form.release_id)
        if release is None or release.deleted_at is not None:
            problems.append(
                _no_such(
                    "release",
                    form.release_id,
                    f"There is no release {form.release_id}.",
                    "Pick one of the releases in the list.",
                )
            )
    for name, value in (("journalist", form.journalist_id), ("owner", form.owner_id)):
        if f"{name}_id" in wanted and value is not None:
            contact = session.get(Contact, value)
            if contact is None or contact.deleted_at is not None:
                problems.append(
                    _no_such(
                        name,
                        value,
                        f"There is no contact {value} (deleted meanwhile?).",
                        "Pick someone from the roster again.",
                    )
                )
    if "outlet_id" in wanted and form.outlet_id is not None:
        org = session.get(Organization, form.outlet_id)
        if org is None or org.deleted_at is not None:
            problems.append(
                _no_such(
                    "outlet",
                    form.outlet_id,
                    f"There is no organisation {form.outlet_id} (deleted meanwhile?).",
                    "Pick the outlet again or type its name.",
                )
            )
    if problems:
        raise InputRejected(problems[0].message, problems)


def _resolve_people(
    session: Session, form: InquiryForm, inquiry: Inquiry | None
) -> tuple[int | None, int | None]:
    """The journalist and outlet ids the form means, adding new ones to the roster.

    Without an outlet the journalist's own organisation is the outlet. On an edit, what
    the form does not set stays as it is.
    """
    fields = form.model_fields_set if inquiry is not None else set(InquiryForm.model_fields)
    outlet_given = inquiry is None or bool({"outlet_id", "outlet_name"} & fields)
    journalist_given = inquiry is None or bool({"journalist_id", "journalist_name"} & fields)
    outlet: Organization | None = None
    if outlet_given and form.outlet_id is not None:
        outlet = session.get(Organization, form.outlet_id)
    elif outlet_given and form.outlet_name:
        outlet = find_or_add_outlet(session, form.outlet_name)
    phone = form.phone if "phone" in fields else None
    email = form.email if "email" in fields else None
    journalist: Contact | None = None
    if journalist_given and form.journalist_id is not None:
        journalist = session.get(Contact, form.journalist_id)
    elif journalist_given and form.journalist_name:
        journalist = find_or_add_journalist(session, form.journalist_name, outlet, phone, email)
    elif not journalist_given and inquiry is not None and inquiry.journalist_id is not None:
        journalist = session.get(Contact, inquiry.journalist_id)
    if journalist is not None:
        remember_contact_details(session, journalist, phone, email)
    if (
        outlet is None
        and outlet_given
        and journalist is not None
        and journalist.organization_id is not None
    ):
        outlet = session.get(Organization, journalist.organization_id)
    if outlet_given:
        outlet_id = outlet.id if outlet is not None else None
    else:
        outlet_id = inquiry.outlet_id if inquiry is not None else None
    return (journalist.id if journalist is not None else None), outlet_id


def _no_journalist() -> Problem:
    return Problem(
        Severity.ERROR,
        "inquiry",
        "journalist",
        "",
        "Say who asked: pick a journalist from the roster or type a new one's name.",
    )


# --- creating and changing inquiries ----------------------------------------------------


def _audit(session: Session, user: str | None, inquiry_id: int, action: str, **kw: Any) -> None:
    session.add(
        AuditEntry(user=user or "", entity="inquiry", entity_id=inquiry_id, action=action, **kw)
    )


def create_inquiry_in(session: Session, form: InquiryForm, *, user: str | None = None) -> Inquiry:
    """Add a new inquiry inside the caller's unit of work (for services that log more).

    Raises:
        InputRejected: no journalist, no question, or an id that does not exist.
    """
    problems = []
    if form.journalist_id is None and not form.journalist_name:
        problems.append(_no_journalist())
    if not form.question.strip():
        problems.append(
            Problem(Severity.ERROR, "inquiry", "question", "", "Write down what was asked.")
        )
    if problems:
        raise InputRejected(problems[0].message, problems)
    _check_references(session, form, InquiryForm.model_fields)
    journalist_id, outlet_id = _resolve_people(session, form, None)
    now = utc_now()
    inquiry = Inquiry(
        release_id=form.release_id,
        channel=form.channel,
        journalist_id=journalist_id,
        outlet_id=outlet_id,
        phone=form.phone,
        email=form.email,
        question=form.question,
        deadline=form.deadline,
        owner_id=form.owner_id,
        status=form.status,
        notes=form.notes,
        created_by=user,
    )
    inquiry.received_at = form.received_at or now
    if form.status in RESPONDED_STATUSES:
        inquiry.first_response_at = max(now, inquiry.received_at)
    session.add(inquiry)
    session.flush()
    assert inquiry.id is not None
    _audit(session, user, inquiry.id, "create")
    return inquiry


def create_inquiry(
    database: Database, form: InquiryForm, *, user: str | None = None
) -> dict[str, Any]:
    """Log a new inquiry from the editor (journalist and outlet picked or new).

    Raises:
        InputRejected: no journalist, no question, or an id that does not exist; nothing
            was written.
    """
    with database.session() as session:
        inquiry = create_inquiry_in(session, form, user=user)
        return inquiry_dicts(session, [inquiry])[0]


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
        outlet = find_or_add_outlet(session, data.outlet)
        journalist = find_or_add_journalist(
            session, data.journalist, outlet, data.phone, data.email
        )
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


def _no_inquiry(inquiry_id: int) -> InputRejected:
    message = f"There is no inquiry {inquiry_id} (a colleague may have deleted it)."
    return InputRejected(
        message, [Problem(Severity.ERROR, "inquiry", "id", str(inquiry_id), message)]
    )


def get_inquiry(database: Database, inquiry_id: int) -> dict[str, Any]:
    """One inquiry as the editor shows it.

    Raises:
        InputRejected: it does not exist or was deleted.
    """
    with database.session(write=False) as session:
        inquiry = session.get(Inquiry, inquiry_id)
        if inquiry is None or inquiry.deleted_at is not None:
            raise _no_inquiry(inquiry_id)
        return inquiry_dicts(session, [inquiry])[0]


def _last_editor(session: Session, inquiry_id: int) -> str | None:
    return session.scalars(
        select(col(AuditEntry.user))
        .where(col(AuditEntry.entity) == "inquiry", col(AuditEntry.entity_id) == inquiry_id)
        .order_by(col(AuditEntry.id).desc())
        .limit(1)
    ).first()


def _conflict(session: Session, inquiry: Inquiry, expected_version: int) -> InquiryConflict:
    assert inquiry.id is not None
    return InquiryConflict(
        inquiry.id,
        expected_version,
        inquiry.version,
        inquiry.updated_at,
        _last_editor(session, inquiry.id) or None,
    )


_EDITABLE = (
    "release_id",
    "channel",
    "phone",
    "email",
    "question",
    "deadline",
    "owner_id",
    "status",
    "notes",
    "received_at",
)


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, datetime) else str(value)


def update_inquiry(
    database: Database,
    inquiry_id: int,
    changes: InquiryForm,
    expected_version: int,
    *,
    user: str | None = None,
) -> dict[str, Any]:
    """Save an edit made on the version the form loaded (optimistic locking).

    Only the fields set on ``changes`` change. Leaving "new" for in progress, answered or
    declined records the first response, unless one was recorded already (a reply sent).

    Raises:
        InquiryConflict: a colleague saved it after ``expected_version``; nothing written.
        InputRejected: it no longer exists, a status change the workflow does not allow,
            or an id that does not exist.
    """
    fields = changes.model_fields_set
    with database.session() as session:
        inquiry = session.scalars(
            select(Inquiry).where(col(Inquiry.id) == inquiry_id).with_for_update()
        ).first()
        if inquiry is None or inquiry.deleted_at is not None:
            raise _no_inquiry(inquiry_id)
        if inquiry.version != expected_version:
            raise _conflict(session, inquiry, expected_version)
        if "status" in fields and changes.status != inquiry.status:
            if changes.status not in next_statuses(inquiry.status):
                message = (
                    f"An inquiry that is {inquiry.status} cannot become {changes.status}; "
                    f"it can become {', '.join(next_statuses(inquiry.status)) or 'nothing else'}."
                )
                raise InputRejected(
                    message,
                    [Problem(Severity.ERROR, "inquiry", "status", changes.status, message)],
                )
            if (
                inquiry.status == InquiryStatus.NEW
                and changes.status in RESPONDED_STATUSES
                and inquiry.first_response_at is None
            ):
                inquiry.first_response_at = max(utc_now(), inquiry.received_at)
        if {"journalist_id", "journalist_name"} & fields and (
            changes.journalist_id is None and not changes.journalist_name
        ):
            raise InputRejected(_no_journalist().message, [_no_journalist()])
        if "question" in fields and not changes.question.strip():
            message = "Write down what was asked."
            raise InputRejected(
                message, [Problem(Severity.ERROR, "inquiry", "question", "", message)]
            )
        _check_references(session, changes, fields)
        before = {name: getattr(inquiry, name) for name in (*_EDITABLE, "journalist_id")}
        before["outlet_id"] = inquiry.outlet_id
        journalist_id, outlet_id = _resolve_people(session, changes, inquiry)
        inquiry.journalist_id = journalist_id
        inquiry.outlet_id = outlet_id
        for name in _EDITABLE:
            if name in fields:
                value = getattr(changes, name)
                if name == "received_at" and value is None:
                    continue  # the time it came in cannot be unknown
                setattr(inquiry, name, value)
        for name, old in before.items():
            new = getattr(inquiry, name)
            if _as_text(old) != _as_text(new):
                _audit(
                    session,
                    user,
                    inquiry_id,
                    "update",
                    field_name=name,
                    old_value=_as_text(old),
                    new_value=_as_text(new),
                )
        try:
            session.flush()
        except StaleDataError:
            # A colleague's save landed between our read and our write.
            session.rollback()
            current = session.get(Inquiry, inquiry_id)
            assert current is not None
            raise _conflict(session, current, expected_version) from None
        return inquiry_dicts(session, [inquiry])[0]


def record_first_response(session: Session, inquiry: Inquiry, at: datetime) -> bool:
    """Note the first response on ``inquiry`` unless one is recorded already; True if noted."""
    if inquiry.first_response_at is not None:
        return False
    inquiry.first_response_at = max(at, inquiry.received_at)
    return True


# --- the inquiry log: filtered pages in index order ----------------------------------------


@dataclass(frozen=True)
class InquiryFilter:
    """What the inquiry log shows; every field set narrows it.

    Attributes:
        text: names in either script, organisation, e-mail, phone digits in any form (the
            roster search finds the journalists; their inquiries match) or an outlet's
            name; and, with ``search_questions``, words of the question.
        search_questions: also match ``text`` inside the question. No index serves a
            match in the middle of free text, so on a very large log this reads every
            inquiry; the view makes it a choice there.
        statuses: only these statuses (empty: any).
        due: only overdue or only due-today inquiries (open ones by definition).
        received_from, received_to: received in [from, to).
    """

    text: str = ""
    search_questions: bool = True
    release_id: int | None = None
    statuses: tuple[str, ...] = ()
    owner_id: int | None = None
    journalist_id: int | None = None
    received_from: datetime | None = None
    received_to: datetime | None = None
    due: DeadlineState | None = None


@dataclass(frozen=True)
class TextMatch:
    """What the search text matched before any inquiry was read.

    Attributes:
        active: there was search text long enough to narrow the log (an inactive
            match selects everything).
        contact_ids: the journalists found by the roster search (at most the cap).
        outlet_ids: the organisations whose names hold the text.
        question_pattern: a LIKE pattern for the question, when questions are searched.
        contacts_capped: more people matched than ``CONTACT_MATCH_CAP``: only the
            inquiries of the first ones are selected (the view says so).
    """

    active: bool = False
    contact_ids: tuple[int, ...] = ()
    outlet_ids: tuple[int, ...] = ()
    question_pattern: str | None = None
    contacts_capped: bool = False

    def condition(self, *, case_blind: bool, walk: bool = False) -> ColumnElement[bool] | None:
        """The inquiries the text selects (None: no text).

        Args:
            case_blind: use ILIKE for the question (PostgreSQL's LIKE heeds case).
            walk: keep the database from looking the people and outlets up by their
                indexes, so it walks the log newest first and stops after a page; best
                when they have many inquiries (a sort of all of them would cost more).
        """
        if not self.active:
            return None
        journalist: Any = col(Inquiry.journalist_id)
        outlet: Any = col(Inquiry.outlet_id)
        if walk:
            journalist, outlet = journalist + 0, outlet + 0  # "+ 0": not by index
        conditions: list[ColumnElement[bool]] = []
        if self.contact_ids:
            # case_blind is PostgreSQL; SQLite's LIKE ignores case already.
            conditions.append(_one_of(journalist, self.contact_ids, sqlite=not case_blind))
        if self.outlet_ids:
            conditions.append(_one_of(outlet, self.outlet_ids, sqlite=not case_blind))
        if self.question_pattern is not None:
            question = col(Inquiry.question)
            like = question.ilike if case_blind else question.like
            conditions.append(like(self.question_pattern, escape="\\"))
        return or_(*conditions) if conditions else false()


def _one_of(
    column: Any, ids: Sequence[int] | BindParameter[Any], *, sqlite: bool
) -> ColumnElement[bool]:
    """``column IN ids`` with the ids in one parameter (a JSON array / an array).

    A plain ``IN`` renders one bound parameter per id on every execution (a search's
    thousand matched people cost ~3 ms a keystroke in SQLAlchemy alone); one parameter
    keeps the statement's text, and the database's plan, the same for every search.

    Args:
        ids: the ids, or a bound parameter given :func:`_ids_value` of them when the
            statement is executed (a statement built once).
    """
    value = ids if isinstance(ids, BindParameter) else _ids_value(ids, sqlite=sqlite)
    if sqlite:
        values = func.json_each(value).table_valued("value")
        return cast(ColumnElement[bool], column.in_(select(values.c.value)))
    return cast(ColumnElement[bool], column == any_(sa_cast(value, postgresql.ARRAY(Integer))))


def _ids_value(ids: Sequence[int], *, sqlite: bool) -> str | list[int]:
    """What :func:`_one_of` passes for ``ids``: a JSON array on SQLite, an array elsewhere."""
    return json.dumps(list(ids)) if sqlite else list(ids)


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _outlet_ids(session: Session, text: str) -> list[int]:
    """Organisations whose name holds ``text`` (the organisation table is small)."""
    pattern = _like_pattern(text.strip()).lower()
    return list(session.scalars(_outlet_statement(_case_blind(session)), {"pattern": pattern}))


@functools.cache
def _outlet_statement(case_blind: bool) -> Select[Any]:
    """The statement :func:`_outlet_ids` runs (built once: it runs at every keystroke)."""
    names: tuple[Any, ...] = (
        col(Organization.name_zh),
        col(Organization.name_en),
        col(Organization.short_name),
        col(Organization.short_name_zh),
    )
    if case_blind:
        # PostgreSQL's LIKE heeds case; SQLite's ignores it already, as its lower() would
        # (both ASCII only), and calling lower() doubles the scan (~1.2 against 0.5 ms).
        names = tuple(func.lower(name) for name in names)
    pattern: BindParameter[str] = bindparam("pattern")
    return (
        select(col(Organization.id))
        .where(
            or_(*(name.like(pattern, escape="\\") for name in names)),
            col(Organization.deleted_at).is_(None),
        )
        .limit(CONTACT_MATCH_CAP)
    )


def search_words(text: str) -> str:
    """The part of a search that narrows the log: the text, or "" when it is too short."""
    query = text.strip()
    return "" if _too_short(query) else query


def _too_short(query: str) -> bool:
    """Whether a search is too short to narrow the log (it is then ignored).

    One Chinese character is a name (黃); one Latin letter, or one or two digits, match
    most of a large roster and cost a great deal for nothing: the officer is still typing.
    """
    if has_han(query):
        return False
    folded = unicodedata.normalize("NFKC", query)
    letters = sum(ch.isalpha() for ch in folded)
    digits = sum(ch.isdigit() for ch in folded)
    return letters + digits < 2 or (letters == 0 and digits < MIN_SEARCH_DIGITS)


def match_text(session: Session, text: str, *, search_questions: bool = True) -> TextMatch:
    """Find what the search text means before reading inquiries, using the roster's index.

    The journalists come from the roster search (names in both scripts, organisation,
    e-mail, phone digits in any form); their inquiries are then read by the (journalist,
    received) index. Outlets are matched by name. A search matching more than
    ``CONTACT_MATCH_CAP`` people takes the first ones (``contacts_capped`` says so),
    which keeps every keystroke quick on a huge roster.
    """
    query = text.strip()
    if _too_short(query):
        return TextMatch()
    phone = query_as_phone(query)
    contact_ids = search_contact_ids(
        session.connection(), query, phone_e164=phone, limit=CONTACT_MATCH_CAP + 1
    )
    outlets: list[int] = []
    question = None
    if phone is None and any(ch.isalpha() for ch in query):
        outlets = _outlet_ids(session, query)
        question = _like_pattern(query) if search_questions else None
    return TextMatch(
        True,
        tuple(contact_ids[:CONTACT_MATCH_CAP]),
        tuple(outlets),
        question,
        len(contact_ids) > CONTACT_MATCH_CAP,
    )


def _case_blind(session: Session) -> bool:
    # SQLite's LIKE ignores ASCII case already (and its ILIKE emulation defeats nothing).
    return session.get_bind().dialect.name != "sqlite"


def _filtered(
    flt: InquiryFilter,
    now: datetime | None,
    text: TextMatch,
    *,
    case_blind: bool,
    walk: bool = False,
) -> list[ColumnElement[bool]]:
    """The conditions ``flt`` puts on inquiries (``text`` is its matched search text)."""
    conditions: list[ColumnElement[bool]] = [col(Inquiry.deleted_at).is_(None)]
    if flt.release_id is not None:
        conditions.append(col(Inquiry.release_id) == flt.release_id)
    if flt.owner_id is not None:
        conditions.append(col(Inquiry.owner_id) == flt.owner_id)
    if flt.journalist_id is not None:
        conditions.append(col(Inquiry.journalist_id) == flt.journalist_id)
    statuses = set(flt.statuses)
    if flt.due is not None:
        open_statuses = {str(s) for s in OPEN_INQUIRY_STATUSES}
        statuses = statuses & open_statuses if statuses else open_statuses
        current = now or utc_now()
        if flt.due == DeadlineState.OVERDUE:
            conditions.append(col(Inquiry.deadline) < current)
        else:
            conditions.append(
                and_(
                    col(Inquiry.deadline) >= current,
                    col(Inquiry.deadline) < local_day_end(current),
                )
            )
    if flt.statuses or flt.due is not None:
        conditions.append(col(Inquiry.status).in_(sorted(statuses)) if statuses else false())
    if flt.received_from is not None:
        conditions.append(col(Inquiry.received_at) >= flt.received_from)
    if flt.received_to is not None:
        conditions.append(col(Inquiry.received_at) < flt.received_to)
    text_condition = text.condition(case_blind=case_blind, walk=walk)
    if text_condition is not None:
        conditions.append(text_condition)
    return conditions


def _people_are_busy(session: Session, text: TextMatch) -> bool:
    """True when the matched outlets have many inquiries: then walk the log for them.

    Counted from the (outlet, ...) index alone, up to ``WALK_THRESHOLD``: below it,
    reading their inquiries by index and sorting them is quicker than walking the log.
    (A journalist has a handful of inquiries; a big outlet has thousands.)
    """
    if not text.outlet_ids:
        return False
    live = col(Inquiry.deleted_at).is_(None)
    outlets = _one_of(col(Inquiry.outlet_id), text.outlet_ids, sqlite=not _case_blind(session))
    return _capped_count(session, [live, outlets], WALK_THRESHOLD) >= WALK_THRESHOLD


def search_inquiries(
    database: Database,
    flt: InquiryFilter | None = None,
    *,
    limit: int = 200,
    offset: int = 0,
    after: tuple[datetime | str, int] | None = None,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """A page of the inquiries ``flt`` selects, newest first (received, then id).

    The order is that of the composite indexes (filter column, received_at, id), so the
    database reads a page of ids off an index instead of sorting every match, then the
    page's rows.

    Args:
        after: the (received_at, id) of the last row already shown: the page starts
            after it (keyset paging, as fast deep in the log as at its top); ``offset``
            then counts from there.
    """
    base = flt or InquiryFilter()
    with database.session(write=False) as session:
        text = match_text(session, base.text, search_questions=base.search_questions)
        conditions = _filtered(
            base,
            now,
            text,
            case_blind=_case_blind(session),
            walk=_people_are_busy(session, text),
        )
        if after is not None:
            received, last_id = after
            moment = datetime.fromisoformat(received) if isinstance(received, str) else received
            conditions.append(
                tuple_(col(Inquiry.received_at), col(Inquiry.id)) < tuple_(moment, last_id)
            )
        ids = cast(
            list[int],
            list(
                session.scalars(
                    select(col(Inquiry.id))
                    .where(*conditions)
                    .order_by(col(Inquiry.received_at).desc(), col(Inquiry.id).desc())
                    .limit(limit)
                    .offset(offset)
                )
            ),
        )
        if not ids:
            return []
        return _page_dicts(session, ids)


@dataclass(frozen=True)
class InquiryCounts:
    """The counts the status bar shows for a filter.

    Attributes:
        total: inquiries selected, counted up to ``COUNT_CAP``.
        more: True when there are more than ``total``.
        overdue: of those, open with the deadline passed.
        due_today: of those, open and due later today.
        contacts_capped: the search text matched more people than are searched (see
            :class:`TextMatch`).
    """

    total: int
    more: bool
    overdue: int
    due_today: int
    contacts_capped: bool = False


def _capped_count(session: Session, conditions: list[ColumnElement[bool]], cap: int) -> int:
    limited = select(col(Inquiry.id)).where(*conditions).limit(cap + 1).subquery()
    return int(session.scalar(select(func.count()).select_from(limited)) or 0)


def _due_counts(
    session: Session, conditions: list[ColumnElement[bool]], now: datetime
) -> dict[DeadlineState, int]:
    """How many of the inquiries ``conditions`` select are overdue or due today."""
    counts = dict.fromkeys(DeadlineState, 0)
    day_end = local_day_end(now)
    rows = session.execute(select(col(Inquiry.status), col(Inquiry.deadline)).where(*conditions))
    for status, deadline in rows:
        if deadline is not None and status in OPEN_INQUIRY_STATUSES and deadline < day_end:
            counts[DeadlineState.OVERDUE if deadline < now else DeadlineState.DUE_TODAY] += 1
    return counts


def count_inquiries(
    database: Database,
    flt: InquiryFilter | None = None,
    *,
    now: datetime | None = None,
    cap: int = COUNT_CAP,
) -> InquiryCounts:
    """How many inquiries ``flt`` selects, and how many of them are overdue or due today."""
    base = flt or InquiryFilter()
    current = now or utc_now()
    with database.session(write=False) as session:
        text = match_text(session, base.text, search_questions=base.search_questions)
        case_blind = _case_blind(session)
        walk = _people_are_busy(session, text)
        selected = _filtered(base, current, text, case_blind=case_blind, walk=walk)
        total = _capped_count(session, selected, cap)
        if text.active and total <= cap:
            # A search selects few inquiries, found by the people's index: check their
            # deadlines here. Counting by the (status, deadline) index instead walks every
            # open inquiry of the log to test the text on each (~0.4 s at 1 000 000).
            due = _due_counts(session, selected, current)
        else:
            due = {}
            for state in DeadlineState:
                if base.due is None or base.due == state:
                    # Few inquiries are open with a deadline: the (status, deadline) index
                    # finds them, and the text is checked on those alone.
                    narrowed = _filtered(
                        replace(base, due=state), current, text, case_blind=case_blind, walk=True
                    )
                    due[state] = min(_capped_count(session, narrowed, cap), cap)
    return InquiryCounts(
        min(total, cap),
        total > cap,
        due.get(DeadlineState.OVERDUE, 0),
        due.get(DeadlineState.DUE_TODAY, 0),
        text.contacts_capped,
    )


def inquiry_count_estimate(database: Database) -> int:
    """About how many inquiries there are (the highest id: one index look-up, no count)."""
    with database.session(write=False) as session:
        return int(session.scalar(select(func.max(col(Inquiry.id)))) or 0)


def list_inquiries(
    database: Database,
    *,
    release_id: int | None = None,
    status: str | None = None,
    limit: int = 1000,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Inquiries, newest first, optionally of one release and one status."""
    flt = InquiryFilter(release_id=release_id, statuses=(status,) if status else ())
    return search_inquiries(database, flt, limit=limit, offset=offset)


def open_inquiries_of(
    database: Database, contact_id: int, *, limit: int = 200, offset: int = 0
) -> list[dict[str, Any]]:
    """A journalist's open (new or in progress) inquiries, newest first."""
    flt = InquiryFilter(journalist_id=contact_id, statuses=tuple(OPEN_INQUIRY_STATUSES))
    return search_inquiries(database, flt, limit=limit, offset=offset)


# --- choices for the filter bar and the editor ---------------------------------------------


def release_choices(database: Database) -> list[dict[str, Any]]:
    """Every live release as (id, titles, date), newest first: for combo boxes."""
    with database.session(write=False) as session:
        rows = session.execute(
            select(
                col(Release.id),
                col(Release.title_zh),
                col(Release.title_en),
                col(Release.issued_on),
            )
            .where(col(Release.deleted_at).is_(None))
            .order_by(col(Release.issued_on).desc(), col(Release.id).desc())
        )
        return [
            {
                "id": row.id,
                "title_zh": row.title_zh,
                "title_en": row.title_en,
                "issued_on": row.issued_on.isoformat() if row.issued_on else None,
            }
            for row in rows
        ]


def inquiry_owners(database: Database) -> list[dict[str, Any]]:
    """The contacts who own at least one inquiry, by name: for the owner filter.

    The distinct owners are read by skipping through the owner index (one look-up per
    owner), not by scanning every inquiry.
    """
    with database.session(write=False) as session:
        ids: list[int] = []
        live = col(Inquiry.deleted_at).is_(None)  # the (partial) owner index's condition
        current = session.scalar(select(func.min(col(Inquiry.owner_id))).where(live))
        while current is not None:
            ids.append(current)
            current = session.scalar(
                select(func.min(col(Inquiry.owner_id))).where(live, col(Inquiry.owner_id) > current)
            )
        contacts = session.scalars(
            select(Contact).where(col(Contact.id).in_(ids), col(Contact.deleted_at).is_(None))
        ).all()
        people = [
            {
                "id": c.id,
                "name_zh": c.name_zh,
                "name_en": c.name_en,
                "name": _names(c.name_zh, c.name_en),
            }
            for c in contacts
        ]
        return sorted(people, key=lambda p: (p["name"] or "", p["id"]))


def outlet_choices(database: Database, text: str = "", *, limit: int = 20) -> list[dict[str, Any]]:
    """Organisations whose name holds ``text``, media outlets first: for the outlet field."""
    with database.session(write=False) as session:
        statement = select(Organization).where(col(Organization.deleted_at).is_(None))
        if text.strip():
            statement = statement.where(col(Organization.id).in_(_outlet_ids(session, text)))
        orgs = session.scalars(
            statement.order_by(
                (col(Organization.kind) != OrganizationKind.MEDIA), col(Organization.id)
            ).limit(limit)
        ).all()
        return [
            {
                "id": o.id,
                "name_zh": o.name_zh,
                "name_en": o.name_en,
                "short_name": o.short_name,
                "kind": o.kind,
            }
            for o in orgs
        ]


def contact_cards(database: Database, contact_ids: Iterable[int | None]) -> list[dict[str, Any]]:
    """The roster's plain views of these contacts (the editor's journalist and owner)."""
    ids = [i for i in contact_ids if i is not None]
    with database.session(write=False) as session:
        return [c for c in contact_dicts(session, ids) if c]
