"""The tables: one SQLModel family per entity (Base -> table / Create / Update / Read).

Every timestamp is timezone-aware UTC. Editable records carry a ``version`` used for
optimistic locking (SQLAlchemy's ``version_id_col``), so a save over a colleague's newer
change fails instead of silently overwriting it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


def utc_now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back timezone-aware.

    SQLite keeps no zone, PostgreSQL keeps ``timestamptz``; either way the application sees
    aware UTC datetimes and refuses naive ones, which are a bug waiting to happen.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: give a timezone-aware time")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _timestamp(*, nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_type=UTCDateTime, nullable=nullable, index=index)


def _created_at() -> Any:
    return Field(default_factory=utc_now, sa_type=UTCDateTime, nullable=False)


def _version_column() -> sa.Column[int]:
    return sa.Column("version", sa.Integer, nullable=False, server_default="1")


class OrganizationKind(StrEnum):
    """What an organisation is to a press office."""

    ISSUER = "issuer"
    AGENCY = "agency"
    MEDIA = "media"
    GOVERNMENT = "government"
    OTHER = "other"


class ContactKind(StrEnum):
    """A person, or a shared mailbox such as a PR team's address."""

    PERSON = "person"
    MAILBOX = "mailbox"


class Language(StrEnum):
    """The languages a contact can prefer and a template can be written in."""

    ZH_HK = "zh-HK"
    EN = "en"


class InquiryChannel(StrEnum):
    """How an inquiry reached the press office."""

    PHONE = "phone"
    EMAIL = "email"
    WHATSAPP = "whatsapp"
    WECHAT = "wechat"
    IN_PERSON = "in_person"
    OTHER = "other"


class InquiryStatus(StrEnum):
    """Where an inquiry is in its life: new -> in progress -> answered / declined / closed."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    DECLINED = "declined"
    CLOSED = "closed"


OPEN_INQUIRY_STATUSES = (InquiryStatus.NEW, InquiryStatus.IN_PROGRESS)


class CallDirection(StrEnum):
    """Whether the press office took or made the call."""

    INCOMING = "incoming"
    OUTGOING = "outgoing"


class ReplyMethod(StrEnum):
    """How a templated reply left the application."""

    SMTP = "smtp"
    EML = "eml"
    MAIL_CLIENT = "mail_client"


# --- Organisation ------------------------------------------------------------------------


class OrganizationBase(SQLModel):
    """The fields a person edits on an organisation."""

    name_zh: str | None = Field(default=None, max_length=300)
    name_en: str | None = Field(default=None, max_length=300)
    short_name: str | None = Field(default=None, max_length=100)
    short_name_zh: str | None = Field(default=None, max_length=100)
    kind: str = Field(default=OrganizationKind.OTHER, max_length=20)
    website: str | None = Field(default=None, max_length=500)
    phone_region: str = Field(default="HK", max_length=2)
    notes: str | None = None


_organization_version = _version_column()


class Organization(OrganizationBase, table=True):
    """An issuer, a PR agency, a media outlet, a government bureau."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = _created_at()
    updated_at: datetime | None = _timestamp()
    deleted_at: datetime | None = _timestamp()
    version: int = Field(default=1, sa_column=_organization_version)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _organization_version}


# --- Contact -----------------------------------------------------------------------------


class ContactBase(SQLModel):
    """The fields a person edits on a contact."""

    kind: str = Field(default=ContactKind.PERSON, max_length=10)
    name_zh: str | None = Field(default=None, max_length=200)
    name_en: str | None = Field(default=None, max_length=200)
    romanisation: str | None = Field(default=None, max_length=200)
    honorific: str | None = Field(default=None, max_length=40)
    title_zh: str | None = Field(default=None, max_length=300)
    title_en: str | None = Field(default=None, max_length=300)
    organization_id: int | None = Field(default=None, foreign_key="organization.id")
    preferred_language: str = Field(default=Language.ZH_HK, max_length=10)
    notes: str | None = None
    opt_out: bool = False


_contact_version = _version_column()


class Contact(ContactBase, table=True):
    """A journalist, a spokesperson, a colleague at an agency, or a shared mailbox."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = _created_at()
    updated_at: datetime | None = _timestamp()
    deleted_at: datetime | None = _timestamp()
    version: int = Field(default=1, sa_column=_contact_version)
    # Where the name sorts in zh-HK order (db/name_order.py); NULL until computed.
    sort_key: bytes | None = Field(default=None, sa_type=sa.LargeBinary)

    # A page of the live roster in name order, an organisation's contacts in name order
    # and its count are read from these indexes alone, never from rows (db/name_order.py).
    __table_args__ = (
        sa.Index(
            "ix_contact_live_name",
            "sort_key",
            "id",
            sqlite_where=sa.text("deleted_at IS NULL"),
            postgresql_where=sa.text("deleted_at IS NULL"),
        ),
        sa.Index(
            "ix_contact_organization_live_name", "organization_id", "deleted_at", "sort_key", "id"
        ),
    )
    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _contact_version}


# Imports match a name within its organisation, Chinese exactly and English
# case-insensitively ("June Wong" = "JUNE WONG"): one index entry per contact so matched,
# however many others share the name (migration 0005).
_contact_table: sa.Table = Contact.__table__  # type: ignore[attr-defined]
sa.Index(
    "ix_contact_name_zh_organization", _contact_table.c.name_zh, _contact_table.c.organization_id
)
sa.Index(
    "ix_contact_name_en_lower_organization",
    sa.func.lower(_contact_table.c.name_en),
    _contact_table.c.organization_id,
)


class ContactTag(SQLModel, table=True):
    """A free label on a contact ("tech desk", "TV", "embargo list")."""

    __tablename__ = "contact_tag"

    contact_id: int = Field(foreign_key="contact.id", primary_key=True, ondelete="CASCADE")
    tag: str = Field(primary_key=True, max_length=100, index=True)


class ContactPhone(SQLModel, table=True):
    """One phone number of a contact: E.164 for matching, the text as entered kept beside it."""

    __tablename__ = "contact_phone"
    # A contact's numbers in their order, straight from the index: an export reads a page's
    # phones by contact id range without sorting them (migration 0006).
    __table_args__ = (sa.Index("ix_contact_phone_contact_position", "contact_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    type: str = Field(default="work", max_length=20)
    e164: str = Field(max_length=20, index=True)
    extension: str | None = Field(default=None, max_length=20)
    raw: str = Field(default="", max_length=200)
    position: int = 0


class ContactEmail(SQLModel, table=True):
    """One e-mail address of a contact: normalised for sending, a lower-case key for matching."""

    __tablename__ = "contact_email"
    __table_args__ = (sa.Index("ix_contact_email_contact_position", "contact_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    type: str = Field(default="work", max_length=20)
    address: str = Field(max_length=320)
    address_key: str = Field(max_length=320, index=True)
    raw: str = Field(default="", max_length=400)
    position: int = 0


# --- Release -----------------------------------------------------------------------------


class ReleaseBase(SQLModel):
    """The fields a person edits on a release."""

    title_zh: str | None = Field(default=None, max_length=500)
    title_en: str | None = Field(default=None, max_length=500)
    subtitle_zh: str | None = Field(default=None, max_length=500)
    subtitle_en: str | None = Field(default=None, max_length=500)
    issued_on: date | None = Field(default=None, index=True)
    place: str | None = Field(default=None, max_length=200)
    embargo_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    notes: str | None = None


_release_version = _version_column()


class Release(ReleaseBase, table=True):
    """A press release: what inquiries are about."""

    id: int | None = Field(default=None, primary_key=True)
    fingerprint: str | None = Field(default=None, max_length=64, unique=True)
    body: str | None = None
    created_at: datetime = _created_at()
    updated_at: datetime | None = _timestamp()
    deleted_at: datetime | None = _timestamp()
    version: int = Field(default=1, sa_column=_release_version)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _release_version}


class ReleaseIssuer(SQLModel, table=True):
    """An organisation that issues a release, in the order the release names them."""

    __tablename__ = "release_issuer"

    release_id: int = Field(foreign_key="release.id", primary_key=True, ondelete="CASCADE")
    organization_id: int = Field(foreign_key="organization.id", primary_key=True)
    position: int = 0


class ReleaseMediaContact(SQLModel, table=True):
    """A contact in a release's media-contact block, in block order."""

    __tablename__ = "release_media_contact"

    release_id: int = Field(foreign_key="release.id", primary_key=True, ondelete="CASCADE")
    contact_id: int = Field(foreign_key="contact.id", primary_key=True)
    position: int = 0


class ReleaseSpokesperson(SQLModel, table=True):
    """A person quoted in a release, with the title the release gives them."""

    __tablename__ = "release_spokesperson"

    release_id: int = Field(foreign_key="release.id", primary_key=True, ondelete="CASCADE")
    contact_id: int = Field(foreign_key="contact.id", primary_key=True)
    title_zh: str | None = Field(default=None, max_length=300)
    title_en: str | None = Field(default=None, max_length=300)
    position: int = 0


# --- Inquiries and calls -----------------------------------------------------------------


class InquiryBase(SQLModel):
    """The fields a person edits on an inquiry."""

    # Indexed by the composite indexes on Inquiry (see there), not one column at a time.
    release_id: int | None = Field(default=None, foreign_key="release.id")
    received_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    channel: str = Field(default=InquiryChannel.PHONE, max_length=20)
    journalist_id: int | None = Field(default=None, foreign_key="contact.id")
    outlet_id: int | None = Field(default=None, foreign_key="organization.id")
    phone: str | None = Field(default=None, max_length=20)
    email: str | None = Field(default=None, max_length=320)
    question: str = ""
    deadline: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    owner_id: int | None = Field(default=None, foreign_key="contact.id")
    status: str = Field(default=InquiryStatus.NEW, max_length=20)
    first_response_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    notes: str | None = None


_inquiry_version = _version_column()


def _live_index(name: str, *columns: str) -> sa.Index:
    """An index of the inquiries not deleted (what every inquiry query asks for)."""
    live = sa.text("deleted_at IS NULL")
    return sa.Index(name, *columns, sqlite_where=live, postgresql_where=live)


class Inquiry(InquiryBase, table=True):
    """One media inquiry, tied to the release it is about."""

    # The log is read newest first, filtered by one column: each index holds the filter
    # column then (received_at, id), so a page comes straight off the index in display
    # order with no sort of the match set, even over 1 000 000 inquiries. (status,
    # deadline) answers "overdue" and "due today". They hold live inquiries only, so a
    # query for a page of ids is answered from the index alone.
    __table_args__ = (
        _live_index("ix_inquiry_received", "received_at", "id"),
        _live_index("ix_inquiry_status_received", "status", "received_at", "id"),
        _live_index("ix_inquiry_status_deadline", "status", "deadline"),
        _live_index("ix_inquiry_release_received", "release_id", "received_at", "id"),
        _live_index("ix_inquiry_journalist_received", "journalist_id", "received_at", "id"),
        _live_index("ix_inquiry_outlet_received", "outlet_id", "received_at", "id"),
        _live_index("ix_inquiry_owner_received", "owner_id", "received_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = _created_at()
    created_by: str | None = Field(default=None, max_length=100)
    updated_at: datetime | None = _timestamp()
    deleted_at: datetime | None = _timestamp()
    version: int = Field(default=1, sa_column=_inquiry_version)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _inquiry_version}


class CallLog(SQLModel, table=True):
    """A phone call taken or made, with who, about what and how long."""

    __tablename__ = "call_log"

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id", index=True)
    inquiry_id: int | None = Field(default=None, foreign_key="inquiry.id", index=True)
    release_id: int | None = Field(default=None, foreign_key="release.id", index=True)
    direction: str = Field(default=CallDirection.INCOMING, max_length=10)
    number: str | None = Field(default=None, max_length=20)
    started_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)
    duration_seconds: int = 0
    summary: str = ""
    follow_up: bool = False
    created_by: str | None = Field(default=None, max_length=100)
    created_at: datetime = _created_at()


# --- Templates and replies ---------------------------------------------------------------


class EmailTemplateBase(SQLModel):
    """The fields a person edits on a reply template."""

    name: str = Field(max_length=100)
    language: str = Field(default=Language.ZH_HK, max_length=10)
    subject: str = Field(default="", max_length=500)
    body_text: str = ""
    body_html: str | None = None


_email_template_version = _version_column()


class EmailTemplate(EmailTemplateBase, table=True):
    """A reply template in one language (Jinja2, rendered in a sandbox)."""

    __tablename__ = "email_template"
    __table_args__ = (sa.UniqueConstraint("name", "language", name="uq_email_template_name_lang"),)

    id: int | None = Field(default=None, primary_key=True)
    is_default: bool = False
    created_at: datetime = _created_at()
    updated_at: datetime | None = _timestamp()
    version: int = Field(default=1, sa_column=_email_template_version)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _email_template_version}


class SentEmail(SQLModel, table=True):
    """A reply as it left the application, kept on its inquiry."""

    __tablename__ = "sent_email"

    id: int | None = Field(default=None, primary_key=True)
    inquiry_id: int | None = Field(default=None, foreign_key="inquiry.id", index=True)
    template_id: int | None = Field(default=None, foreign_key="email_template.id")
    method: str = Field(default=ReplyMethod.SMTP, max_length=20)
    sent_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    from_address: str = Field(default="", max_length=400)
    to_addresses: str = ""
    cc_addresses: str = ""
    subject: str = Field(default="", max_length=1000)
    body_text: str = ""
    body_html: str | None = None
    message_id: str | None = Field(default=None, max_length=400)
    created_by: str | None = Field(default=None, max_length=100)


# --- Application metadata ----------------------------------------------------------------


class AppMeta(SQLModel, table=True):
    """Facts about this database itself (e.g. that the bundled release was offered once)."""

    __tablename__ = "app_meta"

    key: str = Field(primary_key=True, max_length=100)
    value: str = ""


# --- Audit -------------------------------------------------------------------------------


class AuditEntry(SQLModel, table=True):
    """Who changed which field of which record from what to what, and when."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)
    user: str = Field(default="", max_length=100)
    entity: str = Field(max_length=50)
    entity_id: int = Field(index=True)
    action: str = Field(max_length=20)
    field_name: str | None = Field(default=None, max_length=100)
    old_value: str | None = None
    new_value: str | None = None
