"""Keeps the search index and the bookkeeping columns in step with every ORM write.

Listeners on every Session: whatever path changes a contact, its phones or e-mails, or its
organisation's names (GUI, command line, importer, tests), the contact is re-indexed in
the same transaction, so search can never disagree with the tables after a commit. Bulk
writers that bypass the ORM call :func:`reindex_contacts` themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

from sqlalchemy import Connection, event, select
from sqlalchemy.orm import Session
from sqlmodel import col

from db.models import (
    Contact,
    ContactEmail,
    ContactPhone,
    EmailTemplate,
    Inquiry,
    Organization,
    Release,
    utc_now,
)
from db.search import SearchDocument, insert_documents, remove_documents, search_document

E164 = re.compile(r"\+[1-9]\d{6,14}")
_STORED_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_VERSIONED = (Organization, Contact, Release, Inquiry, EmailTemplate)


class InvalidStoredValue(ValueError):
    """A phone or e-mail reached the data layer without passing validation (a bug)."""


def contact_document(
    contact: Contact | Any,
    organization: Organization | Any | None,
    emails: Iterable[str],
    phones: Iterable[str],
) -> SearchDocument:
    """The search document of one contact: its names, its organisation's, addresses, numbers."""
    names = [
        contact.name_zh,
        contact.name_en,
        contact.romanisation,
        contact.title_zh,
        contact.title_en,
    ]
    if organization is not None:
        names += [
            organization.name_zh,
            organization.name_en,
            organization.short_name,
            organization.short_name_zh,
        ]
    return search_document(names, emails, phones)


def documents_for(
    connection: Connection, contact_ids: Sequence[int]
) -> list[tuple[int, SearchDocument]]:
    """Build the search documents of these (not deleted) contacts from the tables."""
    documents: list[tuple[int, SearchDocument]] = []
    for start in range(0, len(contact_ids), 500):
        chunk = list(contact_ids[start : start + 500])
        contacts: Sequence[Any] = connection.execute(
            select(
                col(Contact.id),
                col(Contact.name_zh),
                col(Contact.name_en),
                col(Contact.romanisation),
                col(Contact.title_zh),
                col(Contact.title_en),
                col(Organization.name_zh).label("org_name_zh"),
                col(Organization.name_en).label("org_name_en"),
                col(Organization.short_name).label("org_short_name"),
                col(Organization.short_name_zh).label("org_short_name_zh"),
            )
            .outerjoin(Organization, col(Contact.organization_id) == col(Organization.id))
            .where(col(Contact.id).in_(chunk), col(Contact.deleted_at).is_(None))
        ).all()
        phones: dict[int, list[str]] = {}
        for cid, e164 in connection.execute(
            select(col(ContactPhone.contact_id), col(ContactPhone.e164)).where(
                col(ContactPhone.contact_id).in_(chunk)
            )
        ):
            phones.setdefault(cid, []).append(e164)
        emails: dict[int, list[str]] = {}
        for cid, address in connection.execute(
            select(col(ContactEmail.contact_id), col(ContactEmail.address)).where(
                col(ContactEmail.contact_id).in_(chunk)
            )
        ):
            emails.setdefault(cid, []).append(address)
        for row in contacts:
            names = [
                row.name_zh,
                row.name_en,
                row.romanisation,
                row.title_zh,
                row.title_en,
                row.org_name_zh,
                row.org_name_en,
                row.org_short_name,
                row.org_short_name_zh,
            ]
            documents.append(
                (row.id, search_document(names, emails.get(row.id, ()), phones.get(row.id, ())))
            )
    return documents


def reindex_contacts(connection: Connection, contact_ids: Iterable[int]) -> None:
    """Re-index these contacts from the tables; deleted ones leave the index."""
    ids = sorted(set(contact_ids))
    if not ids:
        return
    documents = documents_for(connection, ids)
    remove_documents(connection, ids)
    insert_documents(connection, documents)


def _check_stored_values(session: Session) -> None:
    for obj in chain(session.new, session.dirty):
        if isinstance(obj, ContactPhone) and not E164.fullmatch(obj.e164 or ""):
            raise InvalidStoredValue(f"phone {obj.e164!r} is not E.164; validate it first")
        if isinstance(obj, ContactEmail) and not _STORED_EMAIL.fullmatch(obj.address or ""):
            raise InvalidStoredValue(f"e-mail {obj.address!r} is not an address; validate it first")


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    _check_stored_values(session)
    now = utc_now()
    for obj in session.dirty:
        if isinstance(obj, _VERSIONED) and session.is_modified(obj, include_collections=False):
            obj.updated_at = now


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    ids: set[int | None] = set()
    organizations: list[int] = []
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, Contact) and obj.id is not None:
            ids.add(obj.id)
        elif isinstance(obj, ContactPhone | ContactEmail):
            ids.add(obj.contact_id)
        elif isinstance(obj, Organization) and obj.id is not None and obj not in session.new:
            organizations.append(obj.id)
    connection = session.connection()
    if organizations:
        ids.update(
            connection.execute(
                select(col(Contact.id)).where(col(Contact.organization_id).in_(organizations))
            ).scalars()
        )
    if ids:
        reindex_contacts(connection, (cid for cid in ids if cid is not None))
