"""Finding the record an incoming organisation or contact already has, so imports merge.

The rules, in order (the first that finds someone wins):
contacts: the same e-mail address (case-insensitive), the same E.164 phone number, the
same Chinese name in the same organisation, the same English name in the same organisation;
organisations: the same Chinese name, English name or short name (case-insensitive).

A shared address or number is not enough when the names say otherwise: a newsroom's
switchboard and its news-desk mailbox are on every reporter's line of a media list, and
陳大文 and 李嘉欣 of 明報 must stay two people (see :func:`names_agree`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from db.models import Contact, ContactEmail, ContactPhone, Organization


def _fold(value: str | None) -> str | None:
    return " ".join(value.split()).casefold() if value and value.strip() else None


_WORD = re.compile(r"[^\W\d_]+")


def names_agree(
    name_zh: str | None, name_en: str | None, other_zh: str | None, other_en: str | None
) -> bool:
    """Whether two contacts' names can be one person's.

    They cannot when both have a Chinese name and neither starts the other (陳大文 and
    李嘉欣; 陳, from 「陳小姐」, agrees with 陳大文), or both have an English name and
    neither's words are all in the other's (Tai Man Chan and Ka Yan Lee; June Wong agrees
    with Wong Ka Kei June). A name in one script only never disagrees with the other script.
    """
    zh_a, zh_b = _squeeze(name_zh), _squeeze(other_zh)
    if zh_a and zh_b and not (zh_a.startswith(zh_b) or zh_b.startswith(zh_a)):
        return False
    en_a, en_b = _words(name_en), _words(other_en)
    return not (en_a and en_b and not (en_a <= en_b or en_b <= en_a))


def _squeeze(name: str | None) -> str:
    return "".join(name.split()) if name else ""


def _words(name: str | None) -> frozenset[str]:
    return frozenset(_WORD.findall(name.casefold())) if name else frozenset()


def find_organization(
    session: Session,
    *,
    name_zh: str | None = None,
    name_en: str | None = None,
    short_name: str | None = None,
) -> Organization | None:
    """The live organisation known by any of these names, or None."""
    clauses = []
    if name_zh and name_zh.strip():
        clauses.append(col(Organization.name_zh) == name_zh.strip())
        clauses.append(col(Organization.short_name_zh) == name_zh.strip())
    for value in (name_en, short_name):
        folded = _fold(value)
        if folded:
            clauses.append(func.lower(col(Organization.name_en)) == folded)
            clauses.append(func.lower(col(Organization.short_name)) == folded)
    if not clauses:
        return None
    return session.scalars(
        select(Organization)
        .where(or_(*clauses), col(Organization.deleted_at).is_(None))
        .order_by(col(Organization.id))
        .limit(1)
    ).first()


# How many contacts sharing an address or number are weighed (a switchboard may have many).
_SHARING_LIMIT = 50


def find_contact(
    session: Session,
    *,
    email_keys: Iterable[str] = (),
    phones: Iterable[str] = (),
    name_zh: str | None = None,
    name_en: str | None = None,
    organization_id: int | None = None,
) -> tuple[Contact | None, str]:
    """The live contact this incoming one is, and why ("e-mail", "phone", "name"), or (None, "")."""
    live = col(Contact.deleted_at).is_(None)
    by_value: tuple[tuple[str, Any, Any, Any, Iterable[str]], ...] = (
        ("e-mail", ContactEmail, ContactEmail.contact_id, ContactEmail.address_key, email_keys),
        ("phone", ContactPhone, ContactPhone.contact_id, ContactPhone.e164, phones),
    )
    for why, table, owner, column, values in by_value:
        wanted = [v for v in values if v]
        if not wanted:
            continue
        for sharing in session.scalars(
            select(Contact)
            .join(table, col(owner) == col(Contact.id))
            .where(col(column).in_(wanted), live)
            .order_by(col(Contact.id))
            .limit(_SHARING_LIMIT)
        ):
            if names_agree(sharing.name_zh, sharing.name_en, name_zh, name_en):
                return sharing, why
    org_clause = (
        col(Contact.organization_id).is_(None)
        if organization_id is None
        else col(Contact.organization_id) == organization_id
    )
    if name_zh and name_zh.strip():
        found = session.scalars(
            select(Contact)
            .where(col(Contact.name_zh) == name_zh.strip(), org_clause, live)
            .order_by(col(Contact.id))
            .limit(1)
        ).first()
        if found is not None:
            return found, "name"
    folded = _fold(name_en)
    if folded:
        found = session.scalars(
            select(Contact)
            .where(func.lower(col(Contact.name_en)) == folded, org_clause, live)
            .order_by(col(Contact.id))
            .limit(1)
        ).first()
        if found is not None:
            return found, "name"
    return None, ""
