"""The roster as the front ends see it: search, caller look-up, and plain-dict views.

Every function takes the :class:`~db.engine.Database` and opens its own unit of work, so a
widget or a command never holds a session. What comes back is plain data (dicts), safe
to hand to a template, a JSON encoder or a table model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from db.engine import Database
from db.models import (
    Contact,
    ContactEmail,
    ContactPhone,
    ContactTag,
    Organization,
    Release,
    ReleaseIssuer,
    ReleaseMediaContact,
    ReleaseSpokesperson,
)
from db.search import search_contact_ids
from services.phones import normalize_phone, phone_digits
from services.problems import InputRejected, Problem, Severity

DEFAULT_PAGE = 500
_MIN_LOOKUP_DIGITS = 6


def organization_dict(org: Organization | None) -> dict[str, Any] | None:
    """The plain view of an organisation."""
    if org is None:
        return None
    return {
        "id": org.id,
        "name_zh": org.name_zh,
        "name_en": org.name_en,
        "short_name": org.short_name,
        "short_name_zh": org.short_name_zh,
        "kind": org.kind,
        "website": org.website,
    }


def contact_dicts(session: Session, contact_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Plain views of these contacts, in the order given, with phones, e-mails and tags."""
    if not contact_ids:
        return []
    ids = list(dict.fromkeys(contact_ids))
    contacts = {
        c.id: c for c in session.scalars(select(Contact).where(col(Contact.id).in_(ids))).all()
    }
    org_ids = {c.organization_id for c in contacts.values() if c.organization_id is not None}
    orgs = {
        o.id: o
        for o in session.scalars(select(Organization).where(col(Organization.id).in_(org_ids)))
    }
    phones: dict[int, list[dict[str, Any]]] = {}
    for phone in session.scalars(
        select(ContactPhone)
        .where(col(ContactPhone.contact_id).in_(ids))
        .order_by(col(ContactPhone.contact_id), col(ContactPhone.position), col(ContactPhone.id))
    ):
        phones.setdefault(phone.contact_id, []).append(
            {"e164": phone.e164, "type": phone.type, "raw": phone.raw, "extension": phone.extension}
        )
    emails: dict[int, list[dict[str, Any]]] = {}
    for email in session.scalars(
        select(ContactEmail)
        .where(col(ContactEmail.contact_id).in_(ids))
        .order_by(col(ContactEmail.contact_id), col(ContactEmail.position), col(ContactEmail.id))
    ):
        emails.setdefault(email.contact_id, []).append(
            {"address": email.address, "type": email.type, "raw": email.raw}
        )
    tags: dict[int, list[str]] = {}
    for tag in session.scalars(
        select(ContactTag).where(col(ContactTag.contact_id).in_(ids)).order_by(col(ContactTag.tag))
    ):
        tags.setdefault(tag.contact_id, []).append(tag.tag)
    result = []
    for cid in ids:
        contact = contacts.get(cid)
        if contact is None:
            continue
        result.append(
            {
                "id": contact.id,
                "kind": contact.kind,
                "name_zh": contact.name_zh,
                "name_en": contact.name_en,
                "romanisation": contact.romanisation,
                "honorific": contact.honorific,
                "title": contact.title_zh or contact.title_en,
                "title_zh": contact.title_zh,
                "title_en": contact.title_en,
                "organization": organization_dict(orgs.get(contact.organization_id)),
                "preferred_language": contact.preferred_language,
                "phones": phones.get(cid, []),
                "emails": emails.get(cid, []),
                "tags": tags.get(cid, []),
                "opt_out": contact.opt_out,
                "notes": contact.notes,
                "version": contact.version,
            }
        )
    return result


def query_as_phone(query: str) -> str | None:
    """The E.164 of a query that is a whole phone number, else None (then digits match)."""
    if len(phone_digits(query)) < _MIN_LOOKUP_DIGITS or any(ch.isalpha() for ch in query):
        return None
    return normalize_phone(query)


def search_contacts(
    database: Database, query: str = "", *, limit: int = DEFAULT_PAGE, offset: int = 0
) -> list[dict[str, Any]]:
    """Contacts whose names (either script), organisation, e-mail or phone digits match.

    An empty query lists the roster. Results are in roster order (oldest first).
    """
    with database.session(write=False) as session:
        if query.strip():
            ids = search_contact_ids(
                session.connection(),
                query,
                phone_e164=query_as_phone(query),
                limit=limit,
                offset=offset,
            )
        else:
            ids = list(
                session.scalars(
                    select(col(Contact.id))
                    .where(col(Contact.deleted_at).is_(None))
                    .order_by(col(Contact.id))
                    .limit(limit)
                    .offset(offset)
                )
            )
        return contact_dicts(session, [i for i in ids if i is not None])


def lookup_number_ids(session: Session, number: str, region: str = "HK") -> list[int]:
    """Ids of the contacts who have this number, typed in any form.

    Raises:
        InputRejected: when the text holds no phone number at all.
    """
    digits = phone_digits(number)
    if not digits:
        raise InputRejected(
            f"{number!r} is not a phone number",
            [
                Problem(
                    Severity.ERROR,
                    "lookup",
                    "number",
                    number,
                    "There are no digits in it.",
                    "Type the caller's number, e.g. 6986 5822 or +852 6986 5822.",
                )
            ],
        )
    live = col(Contact.deleted_at).is_(None)
    e164 = normalize_phone(number, region)
    if e164:
        ids = list(
            session.scalars(
                select(col(ContactPhone.contact_id))
                .join(Contact, col(Contact.id) == col(ContactPhone.contact_id))
                .where(col(ContactPhone.e164) == e164, live)
                .distinct()
                .order_by(col(ContactPhone.contact_id))
            )
        )
        if ids:
            return ids
    if len(digits) < _MIN_LOOKUP_DIGITS:
        return []
    # Not stored under the number as read (a different country assumed when it was saved,
    # or a form we could not parse): match the trailing digits, which is what a caller ID
    # shows. The national number never starts with the trunk 0.
    tail = digits.lstrip("0")
    candidates = search_contact_ids(session.connection(), tail, limit=50)
    if not candidates:
        return []
    return list(
        session.scalars(
            select(col(ContactPhone.contact_id))
            .join(Contact, col(Contact.id) == col(ContactPhone.contact_id))
            .where(
                col(ContactPhone.contact_id).in_(candidates),
                col(ContactPhone.e164).endswith(tail),
                live,
            )
            .distinct()
            .order_by(col(ContactPhone.contact_id))
        )
    )


def lookup_number(database: Database, number: str, region: str = "HK") -> list[dict[str, Any]]:
    """The contacts who have this number, typed in any form (see :func:`lookup_number_ids`)."""
    with database.session(write=False) as session:
        return contact_dicts(session, lookup_number_ids(session, number, region))


def release_dicts(
    session: Session, release_ids: Sequence[int] | None = None
) -> list[dict[str, Any]]:
    """Plain views of releases with issuers, ordered media contacts and spokespeople."""
    statement = select(Release).where(col(Release.deleted_at).is_(None))
    if release_ids is not None:
        statement = statement.where(col(Release.id).in_(release_ids))
    releases = session.scalars(
        statement.order_by(col(Release.issued_on).desc(), col(Release.id))
    ).all()
    result = []
    for release in releases:
        issuers = session.scalars(
            select(Organization)
            .join(ReleaseIssuer, col(ReleaseIssuer.organization_id) == col(Organization.id))
            .where(col(ReleaseIssuer.release_id) == release.id)
            .order_by(col(ReleaseIssuer.position))
        ).all()
        contact_ids = list(
            session.scalars(
                select(col(ReleaseMediaContact.contact_id))
                .where(col(ReleaseMediaContact.release_id) == release.id)
                .order_by(col(ReleaseMediaContact.position))
            )
        )
        speakers = session.execute(
            select(ReleaseSpokesperson, Contact)
            .join(Contact, col(Contact.id) == col(ReleaseSpokesperson.contact_id))
            .where(col(ReleaseSpokesperson.release_id) == release.id)
            .order_by(col(ReleaseSpokesperson.position))
        ).all()
        speaker_orgs = {
            o.id: o
            for o in session.scalars(
                select(Organization).where(
                    col(Organization.id).in_({c.organization_id for _, c in speakers})
                )
            )
        }
        result.append(
            {
                "id": release.id,
                "title_zh": release.title_zh,
                "title_en": release.title_en,
                "subtitle_zh": release.subtitle_zh,
                "subtitle_en": release.subtitle_en,
                "issued_on": release.issued_on.isoformat() if release.issued_on else None,
                "place": release.place,
                "issuers": [organization_dict(o) for o in issuers],
                "media_contacts": contact_dicts(session, contact_ids),
                "spokespeople": [
                    {
                        "contact_id": contact.id,
                        "name_zh": contact.name_zh,
                        "name_en": contact.name_en,
                        "honorific": contact.honorific,
                        "title_zh": link.title_zh,
                        "title_en": link.title_en,
                        "organization": organization_dict(
                            speaker_orgs.get(contact.organization_id)
                        ),
                    }
                    for link, contact in speakers
                ],
            }
        )
    return result


def list_releases(database: Database) -> list[dict[str, Any]]:
    """Every release, newest first."""
    with database.session(write=False) as session:
        return release_dicts(session)
