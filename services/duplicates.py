"""Duplicate contacts in the roster: find the pairs, merge one into the other.

Two live contacts are a likely duplicate when they share a normalised e-mail address
(``contact_email.address_key``), an E.164 number (``contact_phone.e164``), or the same
name (Chinese, or English case-insensitively) in the same organisation: the rules the
importer merges by (``services.contact_import``), applied to what is already stored.

Each rule is one self-join on an indexed column, cut at ``limit`` pairs, so a look over a
large roster returns a first page without grouping the whole table.

:func:`merge_contacts` keeps one contact and soft-deletes the other, after moving to the
kept one every phone and e-mail it does not already have, its tags, the empty fields it
can fill, its place in releases and its inquiries and calls. Everything happens in one
unit of work through the ORM, so the search index and the audit trail follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, delete, func, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from db.engine import Database
from db.models import (
    CallLog,
    Contact,
    ContactEmail,
    ContactPhone,
    ContactTag,
    Inquiry,
    ReleaseMediaContact,
    ReleaseSpokesperson,
    utc_now,
)
from services.problems import InputRejected, Problem, Severity
from services.roster import contact_dicts

REASONS = ("email", "phone", "name")
DEFAULT_LIMIT = 200
# Fields the kept contact takes from the other only when it has none of its own.
_FILLED = (
    "name_zh",
    "name_en",
    "romanisation",
    "honorific",
    "title_zh",
    "title_en",
    "organization_id",
)

_CONTACT = Contact.__table__  # type: ignore[attr-defined]
_EMAIL = ContactEmail.__table__  # type: ignore[attr-defined]
_PHONE = ContactPhone.__table__  # type: ignore[attr-defined]


@dataclass
class DuplicatePair:
    """Two contacts that look like one person.

    Attributes:
        left_id / right_id: the contacts (left_id < right_id).
        reasons: which rules matched ("email", "phone", "name"), in that order.
        keys: what they share (the address, the number, the name), one per reason.
    """

    left_id: int
    right_id: int
    reasons: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the GUI and the command line."""
        return {
            "left_id": self.left_id,
            "right_id": self.right_id,
            "reasons": list(self.reasons),
            "keys": list(self.keys),
        }


def _live_pair(left: Any, right: Any) -> Any:
    a = _CONTACT.alias("live_a")
    b = _CONTACT.alias("live_b")
    return (
        a,
        b,
        and_(a.c.id == left, b.c.id == right, a.c.deleted_at.is_(None), b.c.deleted_at.is_(None)),
    )


def _shared_value_pairs(table: Any, column: str, limit: int) -> Select[Any]:
    one = table.alias("one")
    two = table.alias("two")
    a, b, live = _live_pair(one.c.contact_id, two.c.contact_id)
    return (
        select(one.c.contact_id, two.c.contact_id, one.c[column])
        .join(
            two,
            and_(two.c[column] == one.c[column], two.c.contact_id > one.c.contact_id),
        )
        .join(a, a.c.id == one.c.contact_id)
        .join(b, b.c.id == two.c.contact_id)
        .where(live)
        .order_by(one.c.contact_id, two.c.contact_id)
        .limit(limit)
    )


def _same_name_pairs(name: Any, limit: int) -> Select[Any]:
    a = _CONTACT.alias("same_a")
    b = _CONTACT.alias("same_b")
    left, right = name(a), name(b)
    return (
        select(a.c.id, b.c.id, left)
        .join(
            b,
            and_(
                right == left,
                b.c.organization_id == a.c.organization_id,
                b.c.id > a.c.id,
            ),
        )
        .where(
            left.is_not(None),
            left != "",
            a.c.organization_id.is_not(None),
            a.c.deleted_at.is_(None),
            b.c.deleted_at.is_(None),
        )
        .order_by(a.c.id, b.c.id)
        .limit(limit)
    )


def find_duplicate_pairs(database: Database, *, limit: int = DEFAULT_LIMIT) -> list[DuplicatePair]:
    """The first ``limit`` pairs of live contacts that look like the same person.

    A pair matched by several rules is listed once with every reason.
    """
    queries = (
        ("email", _shared_value_pairs(_EMAIL, "address_key", limit)),
        ("phone", _shared_value_pairs(_PHONE, "e164", limit)),
        ("name", _same_name_pairs(lambda t: t.c.name_zh, limit)),
        ("name", _same_name_pairs(lambda t: func.lower(t.c.name_en), limit)),
    )
    pairs: dict[tuple[int, int], DuplicatePair] = {}
    with database.session(write=False) as session:
        for reason, query in queries:
            for left, right, key in session.execute(query):
                pair = pairs.setdefault((left, right), DuplicatePair(left, right))
                if reason not in pair.reasons:
                    pair.reasons.append(reason)
                    pair.keys.append(str(key))
    return [pairs[k] for k in sorted(pairs)][:limit]


def _refused(message: str, value: str, suggestion: str | None = None) -> InputRejected:
    return InputRejected(
        message, [Problem(Severity.ERROR, "merge", "contact", value, message, suggestion)]
    )


def _live(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise _refused(
            f"Contact #{contact_id} no longer exists; nothing was merged.",
            str(contact_id),
            "Look for duplicates again.",
        )
    return contact


def _move_details(session: Session, keep_id: int, other_id: int) -> None:
    """Give the kept contact every phone, e-mail and tag of the other it lacks."""
    models: tuple[tuple[type[ContactPhone] | type[ContactEmail], str], ...] = (
        (ContactPhone, "e164"),
        (ContactEmail, "address_key"),
    )
    for model, key in models:
        mine: Sequence[Any] = session.scalars(
            select(model).where(col(model.contact_id) == keep_id).order_by(col(model.position))
        ).all()
        known = {getattr(row, key) for row in mine}
        position = max((row.position for row in mine), default=-1) + 1
        theirs: Sequence[Any] = session.scalars(
            select(model).where(col(model.contact_id) == other_id).order_by(col(model.position))
        ).all()
        for row in theirs:
            # A value both have stays with the soft-deleted contact, so restoring it
            # gives it back whole; the kept contact already has it.
            if getattr(row, key) in known:
                continue
            known.add(getattr(row, key))
            row.contact_id = keep_id
            row.position = position
            position += 1
    tags = set(
        session.scalars(select(col(ContactTag.tag)).where(col(ContactTag.contact_id) == keep_id))
    )
    for tag in session.scalars(
        select(col(ContactTag.tag)).where(col(ContactTag.contact_id) == other_id)
    ):
        if tag not in tags:
            session.add(ContactTag(contact_id=keep_id, tag=tag))


def _move_links(session: Session, keep_id: int, other_id: int) -> None:
    """Releases, inquiries and calls that named the other now name the kept contact."""
    for model in (ReleaseMediaContact, ReleaseSpokesperson):
        already = select(col(model.release_id)).where(col(model.contact_id) == keep_id)
        session.execute(
            delete(model).where(
                col(model.contact_id) == other_id, col(model.release_id).in_(already)
            )
        )
        session.execute(
            update(model).where(col(model.contact_id) == other_id).values(contact_id=keep_id)
        )
    # Inquiries carry a version an open editor checks: change them through the ORM.
    for inquiry in session.scalars(
        select(Inquiry).where(
            (col(Inquiry.journalist_id) == other_id) | (col(Inquiry.owner_id) == other_id)
        )
    ):
        if inquiry.journalist_id == other_id:
            inquiry.journalist_id = keep_id
        if inquiry.owner_id == other_id:
            inquiry.owner_id = keep_id
    for call in session.scalars(select(CallLog).where(col(CallLog.contact_id) == other_id)):
        call.contact_id = keep_id


def merge_contacts(database: Database, keep_id: int, other_id: int) -> dict[str, Any]:
    """Merge ``other_id`` into ``keep_id``; the other is soft-deleted (and restorable).

    The kept contact gains every phone, e-mail and tag of the other it lacks, the names,
    titles and organisation it has none of, the other's notes after its own, and the
    other's place in releases, inquiries and calls. Nothing of its own is overwritten.

    Returns:
        The kept contact (``services.roster.contact_dicts`` shape).

    Raises:
        InputRejected: the same contact twice, or either one is gone; nothing was changed.
    """
    if keep_id == other_id:
        raise _refused("A contact cannot be merged with itself.", str(keep_id))
    with database.session() as session:
        keep = _live(session, keep_id)
        other = _live(session, other_id)
        for name in _FILLED:
            if getattr(keep, name) in (None, "") and getattr(other, name) not in (None, ""):
                setattr(keep, name, getattr(other, name))
        if other.notes and other.notes not in (keep.notes or ""):
            keep.notes = f"{keep.notes}\n{other.notes}" if keep.notes else other.notes
        keep.opt_out = bool(keep.opt_out or other.opt_out)  # a refusal is never lost
        _move_details(session, keep_id, other_id)
        _move_links(session, keep_id, other_id)
        other.deleted_at = utc_now()
        session.flush()
        return contact_dicts(session, [keep_id])[0]


def pair_details(database: Database, left_id: int, right_id: int) -> list[dict[str, Any]]:
    """Both contacts of a pair, side by side (``contact_dicts`` shape; a gone one is left out)."""
    with database.session(write=False) as session:
        return contact_dicts(session, [left_id, right_id])


def duplicate_pairs_with_contacts(
    database: Database, *, limit: int = DEFAULT_LIMIT
) -> list[dict[str, Any]]:
    """:func:`find_duplicate_pairs` with both contacts of each pair, for a side-by-side view.

    Each item is ``DuplicatePair.to_dict()`` plus "left" and "right" (``contact_dicts``).
    """
    pairs = find_duplicate_pairs(database, limit=limit)
    ids = [i for p in pairs for i in (p.left_id, p.right_id)]
    with database.session(write=False) as session:
        contacts = {c["id"]: c for c in contact_dicts(session, ids)}
    return [
        {**p.to_dict(), "left": contacts[p.left_id], "right": contacts[p.right_id]}
        for p in pairs
        if p.left_id in contacts and p.right_id in contacts
    ]
