"""A person's rights under Hong Kong's Personal Data (Privacy) Ordinance: see it, erase it.

:func:`export_person` gathers everything PressDesk holds about one contact (a data access
request, DPP6): the contact record, its organisation, phones, e-mails, tags, the releases
that name them, the inquiries they made or own, their calls, the replies sent on their
inquiries or to their addresses, and the audit trail of all of these.

:func:`erase_person` removes their personal data in one transaction, keeping the press
office's record of the work done (DPP2/DPP4):

- **Removed**: every phone, e-mail and tag of the contact; their links to releases as
  media contact or spokesperson.
- **Scrubbed, kept as a placeholder**: the contact row keeps its id so inquiries and calls
  still count, but its names become "已刪除聯絡人" / "Erased contact"; romanisation,
  honorific, titles and notes are cleared; it is marked opted out and deleted (gone from
  the roster and the search index). Its organisation link is kept: the outlet is the
  outlet's, and the inquiries keep it too.
- **Inquiries they made** stay, linked to the placeholder: the phone and e-mail they came
  from are cleared; the question and notes are kept, except that every occurrence of
  the person's names (Chinese, English, romanisation), e-mail addresses and phone
  numbers (in any spacing, with or without +852) is replaced by "[erased]". A question
  that identifies them only in other words (a nickname, "your reporter at the briefing")
  is not caught: the export lists every inquiry, so the officer can review them.
- **Calls with them**: the number is cleared, the summary redacted as above.
- **Replies sent** on their inquiries or to their addresses: their addresses in To/Cc,
  and their names and numbers in the subject and body, are redacted.
- **Audit trail**: the entries about the contact keep who/when/which field but lose the
  old and new values; the entries of their inquiries and calls are redacted as above.
- **Not changed**: release texts (a published document; the report lists the releases
  whose text names them, for the officer to judge), records of other contacts, and
  inquiries of other journalists that happen to mention them.

The erasure itself is logged as an audit entry (action ``erase``) naming the officer and
holding only counts, never the erased data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import phonenumbers
from sqlalchemy import ColumnElement, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlmodel import SQLModel, col

from db.engine import Database
from db.indexing import reindex_contacts
from db.models import (
    AuditEntry,
    CallLog,
    Contact,
    ContactEmail,
    ContactPhone,
    ContactTag,
    Inquiry,
    Organization,
    Release,
    ReleaseMediaContact,
    ReleaseSpokesperson,
    SentEmail,
    utc_now,
)
from services.audit import entry_dict
from services.problems import InputRejected, Problem, Severity

ERASED = "[erased]"
PLACEHOLDER_NAME_ZH = "已刪除聯絡人"
PLACEHOLDER_NAME_EN = "Erased contact"
# Names shorter than this (one Han character, "Li") would redact unrelated words.
_MIN_NAME_CHARS = 2
_PHONE_SEPARATORS = r"[\s\-.()\u00a0]*"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return None
    return value


def _record(obj: SQLModel) -> dict[str, Any]:
    """A row as a JSON-ready dict of every column (derived sort keys left out)."""
    return {
        key: _plain(value)
        for key, value in obj.model_dump().items()
        if not isinstance(value, bytes)
    }


def _no_contact(contact_id: int) -> InputRejected:
    message = f"There is no contact {contact_id}."
    return InputRejected(
        message,
        [
            Problem(
                Severity.ERROR,
                "privacy",
                "contact",
                str(contact_id),
                message,
                "Find the person with `pressdesk contacts NAME` and use their id.",
            )
        ],
    )


def _journalist_inquiries(session: Session, contact_id: int) -> list[Inquiry]:
    return list(
        session.scalars(
            select(Inquiry)
            .where(col(Inquiry.journalist_id) == contact_id)
            .order_by(col(Inquiry.id))
        )
    )


def _sent_emails(
    session: Session, inquiry_ids: Sequence[int], addresses: Iterable[str]
) -> list[SentEmail]:
    """Replies sent on these inquiries, or with one of these addresses in To or Cc."""
    conditions = [col(SentEmail.inquiry_id).in_(inquiry_ids)] if inquiry_ids else []
    for address in addresses:
        escaped = address.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        for column in (col(SentEmail.to_addresses), col(SentEmail.cc_addresses)):
            conditions.append(func.lower(column).like(pattern, escape="\\"))
    if not conditions:
        return []
    return list(
        session.scalars(select(SentEmail).where(or_(*conditions)).order_by(col(SentEmail.id)))
    )


def _audit_of(
    contact_id: int, inquiry_ids: Sequence[int], call_ids: Sequence[int]
) -> ColumnElement[bool]:
    """The audit entries about a contact, their inquiries and their calls."""
    entity, entity_id = col(AuditEntry.entity), col(AuditEntry.entity_id)
    return or_(
        (entity == "contact") & (entity_id == contact_id),
        (entity == "inquiry") & entity_id.in_(inquiry_ids),
        (entity == "call_log") & entity_id.in_(call_ids),
    )


def export_person(database: Database, contact_id: int) -> dict[str, Any]:
    """Everything held about one contact, as JSON-ready data (a data access request).

    Raises:
        InputRejected: there is no such contact.
    """
    with database.session(write=False) as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise _no_contact(contact_id)
        organization = (
            session.get(Organization, contact.organization_id)
            if contact.organization_id is not None
            else None
        )
        phones = session.scalars(
            select(ContactPhone)
            .where(col(ContactPhone.contact_id) == contact_id)
            .order_by(col(ContactPhone.position), col(ContactPhone.id))
        ).all()
        emails = session.scalars(
            select(ContactEmail)
            .where(col(ContactEmail.contact_id) == contact_id)
            .order_by(col(ContactEmail.position), col(ContactEmail.id))
        ).all()
        tags = session.scalars(
            select(col(ContactTag.tag))
            .where(col(ContactTag.contact_id) == contact_id)
            .order_by(col(ContactTag.tag))
        ).all()
        releases: list[dict[str, Any]] = []
        for role, model in (
            ("media contact", ReleaseMediaContact),
            ("spokesperson", ReleaseSpokesperson),
        ):
            for link, release in session.execute(
                select(model, Release)
                .join(Release, col(Release.id) == col(model.release_id))
                .where(col(model.contact_id) == contact_id)
                .order_by(col(Release.id))
            ):
                releases.append(
                    {
                        "role": role,
                        **_record(link),
                        "release_title_zh": release.title_zh,
                        "release_title_en": release.title_en,
                        "issued_on": _plain(release.issued_on),
                    }
                )
        inquiries = _journalist_inquiries(session, contact_id)
        inquiry_ids = [i.id for i in inquiries if i.id is not None]
        owned = session.scalars(
            select(Inquiry).where(col(Inquiry.owner_id) == contact_id).order_by(col(Inquiry.id))
        ).all()
        calls = session.scalars(
            select(CallLog).where(col(CallLog.contact_id) == contact_id).order_by(col(CallLog.id))
        ).all()
        call_ids = [c.id for c in calls if c.id is not None]
        sent = _sent_emails(session, inquiry_ids, [e.address for e in emails])
        audit = session.scalars(
            select(AuditEntry)
            .where(_audit_of(contact_id, inquiry_ids, call_ids))
            .order_by(col(AuditEntry.at), col(AuditEntry.id))
        ).all()
        return {
            "exported_at": utc_now().isoformat(),
            "contact": _record(contact),
            "organization": _record(organization) if organization is not None else None,
            "phones": [_record(p) for p in phones],
            "emails": [_record(e) for e in emails],
            "tags": list(tags),
            "releases": releases,
            "inquiries": [_record(i) for i in inquiries],
            "inquiries_owned": [_record(i) for i in owned],
            "calls": [_record(c) for c in calls],
            "sent_emails": [_record(s) for s in sent],
            "audit": [entry_dict(entry) for entry in audit],
        }


# --- erasure -----------------------------------------------------------------------------


def _phone_pattern(e164: str) -> str | None:
    """A pattern for a number however it was typed: ``+852 9123-4567``, ``91234567``."""
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return None
    national = str(number.national_number)
    country = str(number.country_code)
    digits = _PHONE_SEPARATORS.join(national)
    code = _PHONE_SEPARATORS.join(country)
    return rf"(?<!\d)(?:(?:\+|00)?{_PHONE_SEPARATORS}{code}{_PHONE_SEPARATORS})?{digits}(?!\d)"


def _name_pattern(name: str) -> str:
    words = name.split()
    return r"\s+".join(re.escape(word) for word in words)


class _Redactor:
    """Replaces a person's names, addresses and numbers in free text with "[erased]"."""

    def __init__(
        self, names: Iterable[str | None], addresses: Iterable[str], phones: Iterable[str]
    ) -> None:
        patterns: list[tuple[int, str]] = []
        for name in names:
            if name and len(name.strip()) >= _MIN_NAME_CHARS:
                patterns.append((len(name), _name_pattern(name.strip())))
        for address in addresses:
            if address:
                patterns.append((len(address), re.escape(address.strip())))
        for e164 in phones:
            pattern = _phone_pattern(e164)
            if pattern is not None:
                patterns.append((len(e164), pattern))
        # Longest first: "June Wong Ka Yan" before "June Wong".
        ordered = [p for _, p in sorted(patterns, key=lambda item: -item[0])]
        self._pattern = re.compile("|".join(ordered), re.IGNORECASE) if ordered else None

    def __call__(self, text: str | None) -> str | None:
        if text is None or self._pattern is None:
            return text
        return self._pattern.sub(ERASED, text)


def _audit_value(redact: _Redactor, field_name: str | None, value: str | None) -> str | None:
    if value is None:
        return None
    if field_name in ("phone", "email", "number"):
        return ERASED
    return redact(value)


def erase_person(database: Database, contact_id: int, *, user: str) -> dict[str, Any]:
    """Erase a person's personal data, keeping their inquiries anonymised (module docstring).

    Args:
        database: the open database.
        contact_id: the person.
        user: the officer who asked for it (recorded in the audit trail).

    Returns:
        What was done: counts of removed and anonymised records, and the ids of releases
        whose published text names the person (not changed).

    Raises:
        InputRejected: there is no such contact; nothing was changed.
    """
    with database.session() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise _no_contact(contact_id)
        connection = session.connection()
        phones = session.scalars(
            select(col(ContactPhone.e164)).where(col(ContactPhone.contact_id) == contact_id)
        ).all()
        emails = session.scalars(
            select(col(ContactEmail.address)).where(col(ContactEmail.contact_id) == contact_id)
        ).all()
        names = [contact.name_zh, contact.name_en, contact.romanisation]
        redact = _Redactor(names, emails, phones)
        now = utc_now()

        inquiries = _journalist_inquiries(session, contact_id)
        inquiry_ids = [i.id for i in inquiries if i.id is not None]
        for inquiry in inquiries:
            connection.execute(
                update(Inquiry)
                .where(col(Inquiry.id) == inquiry.id)
                .values(
                    phone=None,
                    email=None,
                    question=redact(inquiry.question) or "",
                    notes=redact(inquiry.notes),
                    updated_at=now,
                    version=col(Inquiry.version) + 1,
                )
            )
        calls = session.scalars(select(CallLog).where(col(CallLog.contact_id) == contact_id)).all()
        call_ids = [c.id for c in calls if c.id is not None]
        for call in calls:
            connection.execute(
                update(CallLog)
                .where(col(CallLog.id) == call.id)
                .values(number=None, summary=redact(call.summary) or "")
            )
        sent = _sent_emails(session, inquiry_ids, emails)
        for email in sent:
            connection.execute(
                update(SentEmail)
                .where(col(SentEmail.id) == email.id)
                .values(
                    to_addresses=redact(email.to_addresses) or "",
                    cc_addresses=redact(email.cc_addresses) or "",
                    subject=redact(email.subject) or "",
                    body_text=redact(email.body_text) or "",
                    body_html=redact(email.body_html),
                )
            )
        entries = session.scalars(
            select(AuditEntry).where(_audit_of(contact_id, inquiry_ids, call_ids))
        ).all()
        for entry in entries:
            if entry.entity == "contact":
                old = ERASED if entry.old_value is not None else None
                new = ERASED if entry.new_value is not None else None
            else:
                old = _audit_value(redact, entry.field_name, entry.old_value)
                new = _audit_value(redact, entry.field_name, entry.new_value)
            if (old, new) != (entry.old_value, entry.new_value):
                connection.execute(
                    update(AuditEntry)
                    .where(col(AuditEntry.id) == entry.id)
                    .values(old_value=old, new_value=new)
                )
        naming = [
            release_id
            for release_id, body in session.execute(
                select(col(Release.id), col(Release.body)).where(col(Release.body).is_not(None))
            )
            if redact(body) != body
        ]
        removed = {}
        for label, model in (
            ("phones", ContactPhone),
            ("emails", ContactEmail),
            ("tags", ContactTag),
            ("media_contact_links", ReleaseMediaContact),
            ("spokesperson_links", ReleaseSpokesperson),
        ):
            result = connection.execute(delete(model).where(col(model.contact_id) == contact_id))
            removed[label] = result.rowcount
        connection.execute(
            update(Contact)
            .where(col(Contact.id) == contact_id)
            .values(
                name_zh=PLACEHOLDER_NAME_ZH,
                name_en=PLACEHOLDER_NAME_EN,
                romanisation=None,
                honorific=None,
                title_zh=None,
                title_en=None,
                notes=None,
                opt_out=True,
                sort_key=None,
                deleted_at=contact.deleted_at or now,
                updated_at=now,
                version=col(Contact.version) + 1,
            )
        )
        reindex_contacts(connection, [contact_id])
        report: dict[str, Any] = {
            "contact_id": contact_id,
            "removed": removed,
            "inquiries_anonymised": len(inquiries),
            "calls_anonymised": len(calls),
            "sent_emails_redacted": len(sent),
            "audit_entries_redacted": len(entries),
            "releases_naming_them": naming,
        }
        counts = {
            **removed,
            **{k: v for k, v in report.items() if k.endswith(("_anonymised", "_redacted"))},
        }
        summary = ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in counts.items())
        connection.execute(
            insert(AuditEntry).values(
                at=now,
                user=user,
                entity="contact",
                entity_id=contact_id,
                action="erase",
                field_name=None,
                old_value=None,
                new_value=f"Personal data erased: {summary}",
            )
        )
        # The ORM copy still holds the erased values; never let it be flushed back.
        session.expunge_all()
        return report
