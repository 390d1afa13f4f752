"""Editing the roster: contacts and organisations, with optimistic locking and soft delete.

Every function opens its own unit of work, validates everything before it writes
(phones through :mod:`services.phones`, e-mails through :mod:`services.emails`) and
raises :class:`~services.problems.InputRejected` with one problem per bad value, having
written nothing. A save names the ``version`` the user was shown: when a colleague saved
a newer one meanwhile the save fails with :class:`EditConflict` instead of overwriting.
Deletes are soft (``deleted_at``) and can be undone; the search index follows both ways
(``db/indexing.py`` drops deleted contacts and re-indexes restored ones).

Listing the roster (:func:`list_contacts`) returns one page at a time, in index order, so
1 000 000 contacts list, filter and sort by name as fast as 100. How: see the function.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import phonenumbers as pn
from sqlalchemy import ScalarSelect, Select, func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from db.engine import Database
from db.models import (
    Contact,
    ContactEmail,
    ContactKind,
    ContactPhone,
    ContactTag,
    Language,
    Organization,
    OrganizationKind,
    utc_now,
)
from db.name_order import display_name, fill_missing_sort_keys, missing_sort_keys
from db.search import (
    SEARCH_TABLE_PHONES,
    SEARCH_TABLE_TOKENS,
    SEARCH_TABLE_WORDS,
    fts5_expression,
    phone_match_sql,
    plan_query,
    search_contact_ids,
    token_conditions,
)
from services.emails import EMAIL_TYPES, check_email, email_key
from services.phones import PHONE_TYPES, check_phone, guess_phone_label
from services.problems import InputRejected, Problem, Severity
from services.roster import contact_dicts, query_as_phone, search_contacts

DEFAULT_REGION = "HK"
PAGE = 200
# A search matching at most this many contacts is sorted or filtered from its id list;
# a broader one is walked in index order against the search index (see list_contacts).
SMALL_MATCH_SET = 5000
MAX_TAG_LENGTH = 100
Order = Literal["added", "name"]

_CONTACT_TEXT_FIELDS: dict[str, int | None] = {
    "name_zh": 200,
    "name_en": 200,
    "romanisation": 200,
    "honorific": 40,
    "title_zh": 300,
    "title_en": 300,
    "notes": None,
}
_ORGANIZATION_TEXT_FIELDS: dict[str, int | None] = {
    "name_zh": 300,
    "name_en": 300,
    "short_name": 100,
    "short_name_zh": 100,
    "website": 500,
    "notes": None,
}


class EditConflict(InputRejected):
    """A colleague changed (or deleted) the record since the user opened it; nothing was saved."""


class ContactConflict(EditConflict):
    """The contact changed since it was shown."""


class OrganizationConflict(EditConflict):
    """The organisation changed since it was shown."""


@dataclass(frozen=True, slots=True)
class Deleted:
    """What a soft delete did, so that it can be undone.

    Attributes:
        kind: "contact" or "organization".
        id: the record.
        label: its name as the user knows it.
        detached: contacts that lost their organisation with it (re-attached on undo).
    """

    kind: str
    id: int
    label: str
    detached: tuple[int, ...] = ()


# --- validation ----------------------------------------------------------------------------


def _problem(field: str, value: Any, message: str, suggestion: str | None = None) -> Problem:
    return Problem(
        Severity.ERROR, "", field, "" if value is None else str(value), message, suggestion
    )


def _clean_text(
    data: Mapping[str, Any], fields: Mapping[str, int | None], problems: list[Problem]
) -> dict[str, str | None]:
    cleaned: dict[str, str | None] = {}
    for field, limit in fields.items():
        if field not in data:
            continue
        value = data[field]
        if value is not None and not isinstance(value, str):
            problems.append(_problem(field, value, f"{field} must be text."))
            continue
        stripped = (value or "").strip()
        if limit is not None and len(stripped) > limit:
            problems.append(
                _problem(
                    field, value, f"{field} is {len(stripped)} characters long; at most {limit}."
                )
            )
        cleaned[field] = stripped or None
    return cleaned


def _entry(value: Any) -> tuple[str, str | None]:
    """(text as typed, type or None) of one phone or e-mail entry."""
    if isinstance(value, str):
        return value, None
    if isinstance(value, Mapping):
        return str(value.get("text") or value.get("raw") or ""), value.get("type") or None
    raise TypeError(f"a phone or e-mail entry is text or a mapping, not {type(value).__name__}")


def validate_phones(
    entries: Sequence[Any], region: str, problems: list[Problem]
) -> list[dict[str, Any]]:
    """Check each phone entry (one number each); the rows to store, in order.

    Args:
        entries: text as typed, or mappings with "text" and "type" (work, mobile, ...).
        region: the region of a number typed without a country code.
        problems: where a problem per bad entry is appended.
    """
    rows: list[dict[str, Any]] = []
    for position, value in enumerate(entries):
        typed, kind = _entry(value)
        field = f"phone {position + 1}"
        if not typed.strip():
            continue
        if kind is not None and kind not in PHONE_TYPES:
            problems.append(
                _problem(field, kind, f"{kind!r} is not a phone type ({', '.join(PHONE_TYPES)}).")
            )
            continue
        check = check_phone(typed, region, field=field)
        if len(check.numbers) > 1:
            problems.append(
                _problem(
                    field,
                    typed,
                    f"{typed!r} holds {len(check.numbers)} numbers; give each number its own line.",
                )
            )
            continue
        if not check.valid:
            errors = [p for p in check.problems if p.severity == Severity.ERROR] or check.problems
            problems.extend(errors[:1])
            continue
        number = check.numbers[0]
        rows.append(
            {
                "type": kind or guess_phone_label(number),
                "e164": number.e164,
                "extension": number.extension,
                "raw": typed.strip()[:200],
                "position": len(rows),
            }
        )
    return rows


def validate_emails(entries: Sequence[Any], problems: list[Problem]) -> list[dict[str, Any]]:
    """Check each e-mail entry; the rows to store, in order (invalid ones are problems).

    A suggested fix is never applied here: the user accepts it where they typed.
    """
    rows: list[dict[str, Any]] = []
    for position, value in enumerate(entries):
        typed, kind = _entry(value)
        field = f"e-mail {position + 1}"
        if not typed.strip():
            continue
        if kind is not None and kind not in EMAIL_TYPES:
            problems.append(
                _problem(field, kind, f"{kind!r} is not an e-mail type ({', '.join(EMAIL_TYPES)}).")
            )
            continue
        check = check_email(typed, field=field)
        if not check.valid or check.normalized is None:
            problems.extend(p for p in check.problems if p.severity == Severity.ERROR)
            continue
        rows.append(
            {
                "type": kind or "work",
                "address": check.normalized,
                "address_key": email_key(check.normalized),
                "raw": typed.strip()[:400],
                "position": len(rows),
            }
        )
    return rows


def clean_tags(tags: Sequence[str] | str, problems: list[Problem]) -> list[str]:
    """Tags from a list or a comma list (, ， 、 ;), trimmed, without duplicates."""
    if isinstance(tags, str):
        for mark in "，、;；":
            tags = tags.replace(mark, ",")
        tags = tags.split(",")
    cleaned: list[str] = []
    for tag in tags:
        value = " ".join(str(tag).split())
        if not value:
            continue
        if len(value) > MAX_TAG_LENGTH:
            problems.append(
                _problem(
                    "tags",
                    value,
                    f"The tag {value[:20]!r}… is longer than {MAX_TAG_LENGTH} characters.",
                )
            )
            continue
        if value.casefold() not in {t.casefold() for t in cleaned}:
            cleaned.append(value)
    return cleaned


def _reject(what: str, problems: list[Problem]) -> InputRejected:
    lines = "; ".join(p.message for p in problems)
    return InputRejected(f"{what} was not saved: {lines}", problems)


def _region_of(session: Session, organization_id: int | None) -> str:
    if organization_id is None:
        return DEFAULT_REGION
    region = session.scalar(
        select(col(Organization.phone_region)).where(col(Organization.id) == organization_id)
    )
    return region or DEFAULT_REGION


def _check_contact_fields(
    session: Session, data: Mapping[str, Any], problems: list[Problem]
) -> dict[str, Any]:
    values: dict[str, Any] = dict(_clean_text(data, _CONTACT_TEXT_FIELDS, problems))
    if "kind" in data:
        if data["kind"] not in set(ContactKind):
            problems.append(_problem("kind", data["kind"], "The kind is person or mailbox."))
        values["kind"] = str(data["kind"])
    if "preferred_language" in data:
        language = data["preferred_language"] or Language.ZH_HK
        if language not in set(Language):
            problems.append(
                _problem("preferred_language", language, "The preferred language is zh-HK or en.")
            )
        values["preferred_language"] = str(language)
    if "opt_out" in data:
        values["opt_out"] = bool(data["opt_out"])
    if "organization_id" in data:
        org_id = data["organization_id"]
        if org_id is not None:
            org = session.get(Organization, org_id)
            if org is None or org.deleted_at is not None:
                problems.append(
                    _problem(
                        "organization",
                        org_id,
                        "The organisation no longer exists; pick another one.",
                    )
                )
        values["organization_id"] = org_id
    return values


# --- contacts ------------------------------------------------------------------------------


def create_contact(database: Database, data: Mapping[str, Any]) -> dict[str, Any]:
    """Add a contact with its phones, e-mails and tags.

    Args:
        database: the database.
        data: the contact's fields (name_zh, name_en, romanisation, honorific, title_zh,
            title_en, organization_id, preferred_language, notes, opt_out, kind) and
            "phones", "emails" (lists of text or {"text", "type"}) and "tags".

    Returns:
        The saved contact as :func:`services.roster.contact_dicts` shows it.

    Raises:
        InputRejected: a value is invalid or the contact has no name and no e-mail.
    """
    with database.session() as session:
        problems: list[Problem] = []
        values = _check_contact_fields(session, data, problems)
        region = _region_of(session, values.get("organization_id"))
        phones = validate_phones(data.get("phones", ()), region, problems)
        emails = validate_emails(data.get("emails", ()), problems)
        tags = clean_tags(data.get("tags", ()), problems)
        if not (values.get("name_zh") or values.get("name_en") or emails):
            problems.append(
                _problem("name", "", "Give a Chinese or English name, or an e-mail address.")
            )
        if problems:
            raise _reject("The contact", problems)
        contact = Contact(**values)
        session.add(contact)
        session.flush()
        assert contact.id is not None
        _replace_details(session, contact.id, phones, emails, tags)
        session.flush()
        return contact_dicts(session, [contact.id])[0]


def get_contact(database: Database, contact_id: int) -> dict[str, Any]:
    """One live contact, with its version, for an editor.

    Raises:
        InputRejected: it does not exist or was deleted.
    """
    with database.session(write=False) as session:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.deleted_at is not None:
            raise _gone("contact", contact_id)
        return contact_dicts(session, [contact_id])[0]


def _gone(kind: str, record_id: int) -> InputRejected:
    what = "contact" if kind == "contact" else "organisation"
    return InputRejected(
        f"The {what} (#{record_id}) no longer exists; a colleague may have deleted it.",
        [_problem(kind, record_id, f"No such {what}.")],
    )


def _locked_contact(session: Session, contact_id: int, expected_version: int | None) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None:
        raise _gone("contact", contact_id)
    if expected_version is not None and contact.version != expected_version:
        name = display_name(contact.name_zh, contact.name_en) or f"#{contact_id}"
        deleted = " and deleted" if contact.deleted_at is not None else ""
        raise ContactConflict(
            f"{name} was changed{deleted} by someone else since you opened it. Your changes "
            "were not saved; reopen the contact to see the current details.",
            [_problem("version", expected_version, f"Now at version {contact.version}.")],
        )
    if contact.deleted_at is not None:
        raise _gone("contact", contact_id)
    return contact


def update_contact(
    database: Database, contact_id: int, changes: Mapping[str, Any], expected_version: int
) -> dict[str, Any]:
    """Save an edited contact, unless a colleague saved a newer version meanwhile.

    Args:
        database: the database.
        contact_id: the contact.
        changes: the fields to change (as for :func:`create_contact`); "phones", "emails"
            and "tags" replace the whole list, in the order given.
        expected_version: the ``version`` the editor loaded.

    Raises:
        ContactConflict: the contact changed or was deleted since; nothing was written.
        InputRejected: a value is invalid; nothing was written.
    """
    try:
        with database.session() as session:
            contact = _locked_contact(session, contact_id, expected_version)
            problems: list[Problem] = []
            values = _check_contact_fields(session, changes, problems)
            region = _region_of(session, values.get("organization_id", contact.organization_id))
            phones = emails = tags = None
            if "phones" in changes:
                phones = validate_phones(changes["phones"], region, problems)
            if "emails" in changes:
                emails = validate_emails(changes["emails"], problems)
            if "tags" in changes:
                tags = clean_tags(changes["tags"], problems)
            named = values.get("name_zh", contact.name_zh) or values.get("name_en", contact.name_en)
            has_email = bool(emails) if emails is not None else _has_email(session, contact_id)
            if not named and not has_email:
                problems.append(
                    _problem("name", "", "Give a Chinese or English name, or an e-mail address.")
                )
            if problems:
                raise _reject("The contact", problems)
            for key, value in values.items():
                setattr(contact, key, value)
            # Touching the row makes every save (even of phones only) bump the version and
            # check, in its UPDATE, that nobody else bumped it first.
            contact.updated_at = utc_now()
            _replace_details(session, contact_id, phones, emails, tags)
            session.flush()
            return contact_dicts(session, [contact_id])[0]
    except StaleDataError as exc:
        raise ContactConflict(
            "The contact was changed by someone else while you saved it. Your changes were "
            "not saved; reopen the contact to see the current details."
        ) from exc


def _has_email(session: Session, contact_id: int) -> bool:
    first = session.scalar(
        select(col(ContactEmail.id)).where(col(ContactEmail.contact_id) == contact_id).limit(1)
    )
    return first is not None


def _replace_details(
    session: Session,
    contact_id: int,
    phones: list[dict[str, Any]] | None,
    emails: list[dict[str, Any]] | None,
    tags: list[str] | None,
) -> None:
    if phones is not None:
        for old in session.scalars(
            select(ContactPhone).where(col(ContactPhone.contact_id) == contact_id)
        ):
            session.delete(old)
        session.add_all(ContactPhone(contact_id=contact_id, **row) for row in phones)
    if emails is not None:
        for old_email in session.scalars(
            select(ContactEmail).where(col(ContactEmail.contact_id) == contact_id)
        ):
            session.delete(old_email)
        session.add_all(ContactEmail(contact_id=contact_id, **row) for row in emails)
    if tags is not None:
        for old_tag in session.scalars(
            select(ContactTag).where(col(ContactTag.contact_id) == contact_id)
        ):
            session.delete(old_tag)
        session.flush()  # the old tags leave before equal new ones arrive (same primary key)
        session.add_all(ContactTag(contact_id=contact_id, tag=tag) for tag in tags)


def _details(contact: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    """A contact's phones or e-mails as entries that validate again unchanged."""
    if key == "phones":
        return [
            {
                "text": p["e164"] + (f" ext. {p['extension']}" if p["extension"] else ""),
                "type": p["type"],
            }
            for p in contact["phones"]
        ]
    return [{"text": e["address"], "type": e["type"]} for e in contact["emails"]]


def add_phone(
    database: Database, contact_id: int, text: str, type_: str = "", *, expected_version: int
) -> dict[str, Any]:
    """Add one phone number at the end of a contact's list (see :func:`update_contact`)."""
    contact = get_contact(database, contact_id)
    entries = [*_details(contact, "phones"), {"text": text, "type": type_ or None}]
    return update_contact(database, contact_id, {"phones": entries}, expected_version)


def remove_phone(
    database: Database, contact_id: int, position: int, *, expected_version: int
) -> dict[str, Any]:
    """Remove the phone at ``position`` (0-based, as listed)."""
    contact = get_contact(database, contact_id)
    entries = _details(contact, "phones")
    _check_position(position, entries, "phone")
    del entries[position]
    return update_contact(database, contact_id, {"phones": entries}, expected_version)


def reorder_phones(
    database: Database, contact_id: int, order: Sequence[int], *, expected_version: int
) -> dict[str, Any]:
    """Put the phones in a new order: ``order`` lists the current positions, first first."""
    contact = get_contact(database, contact_id)
    entries = _details(contact, "phones")
    _check_order(order, entries, "phone")
    return update_contact(
        database, contact_id, {"phones": [entries[i] for i in order]}, expected_version
    )


def add_email(
    database: Database, contact_id: int, text: str, type_: str = "work", *, expected_version: int
) -> dict[str, Any]:
    """Add one e-mail address at the end of a contact's list."""
    contact = get_contact(database, contact_id)
    entries = [*_details(contact, "emails"), {"text": text, "type": type_ or None}]
    return update_contact(database, contact_id, {"emails": entries}, expected_version)


def remove_email(
    database: Database, contact_id: int, position: int, *, expected_version: int
) -> dict[str, Any]:
    """Remove the e-mail address at ``position`` (0-based, as listed)."""
    contact = get_contact(database, contact_id)
    entries = _details(contact, "emails")
    _check_position(position, entries, "e-mail address")
    del entries[position]
    return update_contact(database, contact_id, {"emails": entries}, expected_version)


def reorder_emails(
    database: Database, contact_id: int, order: Sequence[int], *, expected_version: int
) -> dict[str, Any]:
    """Put the e-mail addresses in a new order (current positions, first first)."""
    contact = get_contact(database, contact_id)
    entries = _details(contact, "emails")
    _check_order(order, entries, "e-mail address")
    return update_contact(
        database, contact_id, {"emails": [entries[i] for i in order]}, expected_version
    )


def _check_position(position: int, entries: list[Any], what: str) -> None:
    if not 0 <= position < len(entries):
        raise InputRejected(
            f"There is no {what} {position + 1}; the contact has {len(entries)}.",
            [_problem(what, position, "No such entry.")],
        )


def _check_order(order: Sequence[int], entries: list[Any], what: str) -> None:
    if sorted(order) != list(range(len(entries))):
        raise InputRejected(
            f"The new order must list each of the {len(entries)} {what}s once.",
            [_problem(what, list(order), "Not a reordering of the list.")],
        )


def delete_contact(
    database: Database, contact_id: int, *, expected_version: int | None = None
) -> Deleted:
    """Soft-delete a contact: it leaves the roster and search, and can be restored.

    Raises:
        ContactConflict: ``expected_version`` was given and the contact changed since.
        InputRejected: it does not exist or is already deleted.
    """
    try:
        with database.session() as session:
            contact = _locked_contact(session, contact_id, expected_version)
            contact.deleted_at = utc_now()
            session.flush()
            return Deleted("contact", contact_id, _contact_label(session, contact))
    except StaleDataError as exc:
        raise ContactConflict(
            "The contact was changed by someone else while you deleted it; nothing was deleted."
        ) from exc


def _contact_label(session: Session, contact: Contact) -> str:
    name = display_name(contact.name_zh, contact.name_en)
    if name:
        return name
    address = session.scalar(
        select(col(ContactEmail.address))
        .where(col(ContactEmail.contact_id) == contact.id)
        .order_by(col(ContactEmail.position))
        .limit(1)
    )
    return address or f"#{contact.id}"


def restore_contact(database: Database, contact_id: int) -> dict[str, Any]:
    """Bring a soft-deleted contact back into the roster and search.

    Raises:
        InputRejected: there is no such contact.
    """
    with database.session() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise _gone("contact", contact_id)
        contact.deleted_at = None
        session.flush()
        return contact_dicts(session, [contact_id])[0]


def set_tags(
    database: Database, contact_id: int, tags: Sequence[str] | str, *, expected_version: int
) -> dict[str, Any]:
    """Replace a contact's tags."""
    return update_contact(database, contact_id, {"tags": tags}, expected_version)


def list_tags(database: Database, *, limit: int = 1000) -> list[str]:
    """The tags in use, for a filter (straight from the tag index)."""
    with database.session(write=False) as session:
        return list(
            session.scalars(
                select(col(ContactTag.tag)).distinct().order_by(col(ContactTag.tag)).limit(limit)
            )
        )


# --- the roster, page by page --------------------------------------------------------------


def _filters(
    session: Session,
    statement: Select[Any],
    organization_id: int | None,
    tag: str | None,
    *,
    counting: bool = False,
) -> Select[Any]:
    statement = statement.where(col(Contact.deleted_at).is_(None))
    if organization_id is not None:
        statement = statement.where(col(Contact.organization_id) == organization_id)
    if tag:
        tagged = select(col(ContactTag.contact_id)).where(col(ContactTag.tag) == tag)
        size = session.scalar(
            select(func.count()).select_from(tagged.limit(SMALL_MATCH_SET + 1).subquery())
        )
        if counting or (size or 0) <= SMALL_MATCH_SET:
            # A small tag: read its contacts from the tag index, then order that short list.
            statement = statement.where(col(Contact.id).in_(tagged))
        else:
            # A big tag: walk the roster in page order and look each row up in the tag's
            # primary key; a tag on many contacts fills a page after a short walk.
            statement = statement.where(
                select(col(ContactTag.contact_id))
                .where(col(ContactTag.contact_id) == col(Contact.id), col(ContactTag.tag) == tag)
                .exists()
            )
    return statement


def _ordered(statement: Select[Any], order: Order, descending: bool) -> Select[Any]:
    columns = [col(Contact.sort_key), col(Contact.id)] if order == "name" else [col(Contact.id)]
    return statement.order_by(*(c.desc() if descending else c for c in columns))


def _search_clause(dialect: str, query: str) -> tuple[str, dict[str, Any]]:
    """SQL that is true for the contacts the search matches (every match read once)."""
    plan = plan_query(query, query_as_phone(query))
    whole, run = phone_match_sql(plan, "contact.id")
    params: dict[str, Any] = dict(run)
    parts: list[str] = [whole] if whole else []
    if dialect == "sqlite":
        for name, table, terms in (
            ("search_w", SEARCH_TABLE_WORDS, plan.words),
            ("search_p", SEARCH_TABLE_PHONES, plan.phones),
        ):  # fmt: skip
            if terms:
                params[name] = fts5_expression(terms)
                parts.append(
                    f"contact.id IN (SELECT rowid FROM {table} WHERE {table} MATCH :{name})"
                )
        return " AND ".join(parts), params
    conditions, token_params = token_conditions(plan, "search_t")
    params.update(token_params)
    parts.extend(
        f"contact.id IN (SELECT contact_id FROM {SEARCH_TABLE_TOKENS} WHERE {condition})"
        for condition in conditions
    )
    return " AND ".join(parts), params


def search_is_broad(database: Database, query: str) -> bool:
    """True when more than ``SMALL_MATCH_SET`` contacts match: too many to sort by name.

    :func:`list_contacts` then lists the matches in the order they were added.
    """
    if not query.strip():
        return False
    with database.session(write=False) as session:
        ids = search_contact_ids(
            session.connection(),
            query,
            phone_e164=query_as_phone(query),
            limit=SMALL_MATCH_SET + 1,
        )
    return len(ids) > SMALL_MATCH_SET


def list_contacts(
    database: Database,
    *,
    query: str = "",
    organization_id: int | None = None,
    tag: str | None = None,
    order: Order = "added",
    descending: bool = False,
    limit: int = PAGE,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """One page of the roster: searched, filtered by organisation and tag, in either order.

    How it stays fast over 1 000 000 contacts (never sorting a whole match set):

    * no search: one query whose ``ORDER BY`` is an index: the table's own id order, or
      the partial index ``(sort_key, id) WHERE deleted_at IS NULL`` (zh-HK name order,
      ``db/name_order.py``), or ``(organization_id, deleted_at, sort_key, id)`` for one
      organisation.
      The page comes straight off the index.
    * a search alone, in the order added: the search index's own id-order paging
      (:func:`services.roster.search_contacts`).
    * a search with filters or name order: first the search's first
      ``SMALL_MATCH_SET + 1`` ids (one cheap read of the search index). When those are
      all the matches, the page is filtered and sorted from that short list. A broader
      search (:func:`search_is_broad`: 陳, wong, one letter) is listed in the order added:
      sorting tens of thousands of matches on every keystroke is what makes a roster
      slow, and the next character typed usually narrows it enough to sort. With a
      filter, its matches are read once and the filter's index walked against them.
    * a tag filter: a small tag's contacts come from the tag index; a big tag is looked
      up in the tag's primary key row by row as the page is walked.

    Args:
        database: the database.
        query: the search text (names in both scripts, organisation, e-mail, phone digits).
        organization_id: only this organisation's contacts.
        tag: only contacts with this tag.
        order: "added" (roster order) or "name" (zh-HK collation).
        descending: reverse the order.
        limit: page size.
        offset: rows to skip.
    """
    query = query.strip()
    filtered = organization_id is not None or bool(tag)
    if query and not filtered and order == "added" and not descending:
        return search_contacts(database, query, limit=limit, offset=offset)
    with database.session(write=False) as session:
        statement = _filters(session, select(col(Contact.id)), organization_id, tag)
        if query:
            connection = session.connection()
            ids = search_contact_ids(
                connection, query, phone_e164=query_as_phone(query), limit=SMALL_MATCH_SET + 1
            )
            if not ids:
                return []
            if len(ids) <= SMALL_MATCH_SET:
                statement = statement.where(col(Contact.id).in_(ids))
            elif not filtered:
                return search_contacts(database, query, limit=limit, offset=offset)
            else:
                order = "added"
                sql, params = _search_clause(connection.dialect.name, query)
                statement = statement.where(text(sql).bindparams(**params))
        statement = _ordered(statement, order, descending).limit(limit).offset(offset)
        page = list(session.scalars(statement))
        return contact_dicts(session, page)


def count_contacts(
    database: Database, *, organization_id: int | None = None, tag: str | None = None
) -> int:
    """How many live contacts there are (in the organisation, with the tag)."""
    with database.session(write=False) as session:
        statement = _filters(
            session,
            select(func.count()).select_from(Contact),
            organization_id,
            tag,
            counting=True,
        )
        return int(session.scalar(statement) or 0)


def last_contact_id(database: Database) -> int:
    """The highest contact id: an instant upper bound on the roster's size."""
    with database.session(write=False) as session:
        return int(session.scalar(select(func.max(col(Contact.id)))) or 0)


def sort_keys_missing(database: Database) -> bool:
    """True when some contacts (e.g. just bulk-imported) have no name sort key yet."""
    with database.session(write=False) as session:
        return missing_sort_keys(session.connection())


def fill_sort_keys(
    database: Database, progress: Callable[[int, int | None], bool] | None = None
) -> int:
    """Compute the name sort key of every contact that has none (see db/name_order.py).

    Returns:
        How many contacts were given a key.
    """
    with database.session() as session:
        return fill_missing_sort_keys(session.connection(), progress=progress)


# --- organisations -------------------------------------------------------------------------


def phone_regions() -> list[tuple[str, int]]:
    """Every region phonenumbers knows with its calling code, e.g. ("HK", 852), by code."""
    return sorted(
        (region, pn.country_code_for_region(region))
        for region in pn.SUPPORTED_REGIONS
        if pn.country_code_for_region(region)
    )


def _check_organization(data: Mapping[str, Any], problems: list[Problem]) -> dict[str, Any]:
    values: dict[str, Any] = dict(_clean_text(data, _ORGANIZATION_TEXT_FIELDS, problems))
    if "kind" in data:
        kind = data["kind"] or OrganizationKind.OTHER
        if kind not in set(OrganizationKind):
            kinds = ", ".join(k.value for k in OrganizationKind)
            problems.append(
                _problem("kind", kind, f"{kind!r} is not a kind of organisation ({kinds}).")
            )
        values["kind"] = str(kind)
    if "phone_region" in data:
        region = str(data["phone_region"] or DEFAULT_REGION).strip().upper()
        if region not in pn.SUPPORTED_REGIONS:
            problems.append(
                _problem(
                    "phone_region", region, f"{region!r} is not a phone region (e.g. HK, CN, GB)."
                )
            )
        values["phone_region"] = region
    website = values.get("website")
    if website and (" " in website or "." not in website):
        problems.append(_problem("website", website, f"{website!r} is not a web address."))
    return values


def organization_label(org: Mapping[str, Any] | Organization) -> str:
    """An organisation's name as lists show it: Chinese, English, then the short name."""
    get = org.get if isinstance(org, Mapping) else lambda key: getattr(org, key)
    label = " ".join(n for n in (get("name_zh"), get("name_en")) if n)
    short = get("short_name") or get("short_name_zh")
    if not label:
        return str(short or "")
    # The short name is what people type to find it ("HKSTP"), so a list shows it too.
    return f"{label} ({short})" if short and short.casefold() not in label.casefold() else label


def _organization_dict(org: Organization, contact_count: int) -> dict[str, Any]:
    return {
        "id": org.id,
        "name_zh": org.name_zh,
        "name_en": org.name_en,
        "short_name": org.short_name,
        "short_name_zh": org.short_name_zh,
        "kind": org.kind,
        "website": org.website,
        "phone_region": org.phone_region,
        "notes": org.notes,
        "version": org.version,
        "label": organization_label(org),
        "contact_count": contact_count,
    }


def _contact_count() -> ScalarSelect[int]:
    """How many live contacts the organisation of the enclosing query has."""
    return (
        select(func.count())
        .select_from(Contact)
        .where(
            col(Contact.organization_id) == col(Organization.id), col(Contact.deleted_at).is_(None)
        )
        .correlate(Organization)
        .scalar_subquery()
    )


def create_organization(database: Database, data: Mapping[str, Any]) -> dict[str, Any]:
    """Add an organisation (issuer, agency, media outlet, government, other).

    Raises:
        InputRejected: a value is invalid, or it has no name.
    """
    problems: list[Problem] = []
    values = _check_organization(data, problems)
    if not any(values.get(k) for k in ("name_zh", "name_en", "short_name", "short_name_zh")):
        problems.append(_problem("name", "", "Give the organisation a Chinese or English name."))
    if problems:
        raise _reject("The organisation", problems)
    with database.session() as session:
        org = Organization(**values)
        session.add(org)
        session.flush()
        return _organization_dict(org, 0)


def get_organization(database: Database, organization_id: int) -> dict[str, Any]:
    """One live organisation with its version and contact count.

    Raises:
        InputRejected: it does not exist or was deleted.
    """
    with database.session(write=False) as session:
        row = session.execute(
            select(Organization, _contact_count()).where(col(Organization.id) == organization_id)
        ).first()
        if row is None or row[0].deleted_at is not None:
            raise _gone("organization", organization_id)
        return _organization_dict(row[0], int(row[1]))


def _locked_organization(
    session: Session, organization_id: int, expected_version: int | None
) -> Organization:
    org = session.get(Organization, organization_id)
    if org is None or (org.deleted_at is not None and expected_version is None):
        raise _gone("organization", organization_id)
    if expected_version is not None and org.version != expected_version:
        raise OrganizationConflict(
            f"{organization_label(org)} was changed by someone else since you opened it. Your "
            "changes were not saved; reopen the organisation to see the current details.",
            [_problem("version", expected_version, f"Now at version {org.version}.")],
        )
    if org.deleted_at is not None:
        raise _gone("organization", organization_id)
    return org


def update_organization(
    database: Database, organization_id: int, changes: Mapping[str, Any], expected_version: int
) -> dict[str, Any]:
    """Save an edited organisation unless a colleague saved a newer version meanwhile.

    Its contacts are re-indexed with its new names (db/indexing.py).

    Raises:
        OrganizationConflict: it changed or was deleted since; nothing was written.
        InputRejected: a value is invalid.
    """
    problems: list[Problem] = []
    values = _check_organization(changes, problems)
    try:
        with database.session() as session:
            org = _locked_organization(session, organization_id, expected_version)
            for key, value in values.items():
                setattr(org, key, value)
            if not any(
                getattr(org, k) for k in ("name_zh", "name_en", "short_name", "short_name_zh")
            ):
                problems.append(
                    _problem("name", "", "Give the organisation a Chinese or English name.")
                )
            if problems:
                raise _reject("The organisation", problems)
            org.updated_at = utc_now()
            session.flush()
        return get_organization(database, organization_id)
    except StaleDataError as exc:
        raise OrganizationConflict(
            "The organisation was changed by someone else while you saved it; your changes "
            "were not saved."
        ) from exc


def delete_organization(
    database: Database, organization_id: int, *, expected_version: int | None = None
) -> Deleted:
    """Soft-delete an organisation; its contacts stay in the roster without it.

    Returns:
        What was done, including the contacts detached (undo re-attaches them).
    """
    try:
        with database.session() as session:
            org = _locked_organization(session, organization_id, expected_version)
            detached = list(
                session.scalars(
                    select(Contact).where(
                        col(Contact.organization_id) == organization_id,
                        col(Contact.deleted_at).is_(None),
                    )
                )
            )
            for contact in detached:
                contact.organization_id = None
            org.deleted_at = utc_now()
            session.flush()
            ids = tuple(c.id for c in detached if c.id is not None)
            return Deleted("organization", organization_id, organization_label(org), ids)
    except StaleDataError as exc:
        raise OrganizationConflict(
            "The organisation or one of its contacts was changed by someone else while you "
            "deleted it; nothing was deleted."
        ) from exc


def restore_organization(
    database: Database, organization_id: int, reattach: Sequence[int] = ()
) -> dict[str, Any]:
    """Bring a soft-deleted organisation back, re-attaching the contacts it lost.

    A contact given another organisation since is left where it is.
    """
    with database.session() as session:
        org = session.get(Organization, organization_id)
        if org is None:
            raise _gone("organization", organization_id)
        org.deleted_at = None
        if reattach:
            for contact in session.scalars(
                select(Contact).where(
                    col(Contact.id).in_(list(reattach)), col(Contact.organization_id).is_(None)
                )
            ):
                contact.organization_id = organization_id
        session.flush()
    return get_organization(database, organization_id)


def list_organizations(
    database: Database, query: str = "", *, limit: int = PAGE, offset: int = 0
) -> list[dict[str, Any]]:
    """A page of live organisations (newest last) with how many contacts each has.

    ``query`` matches any of the names (case-insensitive, anywhere in the name). There
    are thousands of organisations at most, so a scan of that table is fine.
    """
    statement = select(Organization, _contact_count()).where(col(Organization.deleted_at).is_(None))
    words = query.split()
    for word in words:
        pattern = (
            "%"
            + word.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            + "%"
        )
        statement = statement.where(
            func.lower(
                func.coalesce(col(Organization.name_zh), "")
                + " "
                + func.coalesce(col(Organization.name_en), "")
                + " "
                + func.coalesce(col(Organization.short_name), "")
                + " "
                + func.coalesce(col(Organization.short_name_zh), "")
            ).like(pattern, escape="\\")
        )
    statement = statement.order_by(col(Organization.id)).limit(limit).offset(offset)
    with database.session(write=False) as session:
        return [_organization_dict(org, int(count)) for org, count in session.execute(statement)]


def organization_choices(database: Database, *, limit: int = 20000) -> list[dict[str, Any]]:
    """Every live organisation's id, label and phone region, for pickers and filters.

    Only the columns a picker needs are read (no timestamps), so thousands load at once.
    """
    columns = (
        col(Organization.id),
        col(Organization.name_zh),
        col(Organization.name_en),
        col(Organization.short_name),
        col(Organization.short_name_zh),
        col(Organization.phone_region),
    )
    with database.session(write=False) as session:
        rows = session.execute(
            select(*columns)
            .where(col(Organization.deleted_at).is_(None))
            .order_by(col(Organization.id))
            .limit(limit)
        ).mappings()
        return [{**row, "label": organization_label(dict(row))} for row in rows]
