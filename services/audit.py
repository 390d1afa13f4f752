"""Who did what: every change to the office's records, stamped with the officer's name.

An ORM listener on every Session records each change to a contact (with its phones,
e-mails and tags), organisation, release, inquiry, call and reply template as
:class:`~db.models.AuditEntry` rows, in the same transaction as the change, so the trail
can never disagree with the tables:

- a record created: one ``create`` row per field given a value;
- a field changed: one ``update`` row with the old and the new value as text;
- a record deleted: one ``delete`` row naming what went (a soft delete is the
  ``update`` of ``deleted_at``);
- a contact's phone, e-mail or tag added, changed or removed: a row on the *contact*
  (field ``phone``, ``email`` or ``tag``), so the contact's history shows it even after
  the number itself is gone.

Entities are named by their table (``contact``, ``inquiry``, ``release``,
``organization``, ``call_log``, ``email_template``), as the services that write their own
entries already do.

Who: ``session.info["user"]`` (:func:`stamp_user`), else the officer set for the whole
database (:func:`set_officer`; the GUI and the command line set it from
``services.settings.load_settings().officer_name`` once the database is open). A session
with neither is not audited, so the trail only ever holds names someone gave.

Services that write their own entry for a record (``services.inquiries`` records its
creates and edits, ``services.replies`` an opt-out override) keep theirs: a row of the
listener is left out when the same transaction already holds one for the same record
and action.

The contact importer writes with Core inserts the listener never sees; it records one
entry per contact it created (``create``) or merged a row into (``update``), field
``import``, the file and line as the new value.
"""

from __future__ import annotations

import enum
import weakref
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, event, inspect, select
from sqlalchemy.orm import Session, SessionTransaction, UOWTransaction
from sqlmodel import col

from db.engine import Database
from db.models import (
    AuditEntry,
    CallLog,
    Contact,
    ContactEmail,
    ContactPhone,
    ContactTag,
    EmailTemplate,
    Inquiry,
    Organization,
    Release,
    utc_now,
)

USER_KEY = "user"
# Longer values (a release's body) are cut: the trail says what changed, not a copy.
MAX_VALUE_CHARS = 2000
ENTITIES: dict[type, str] = {
    Contact: "contact",
    Organization: "organization",
    Release: "release",
    Inquiry: "inquiry",
    CallLog: "call_log",
    EmailTemplate: "email_template",
}
# Bookkeeping columns: they change with every save and say nothing to a person.
_NOT_RECORDED = frozenset({"id", "created_at", "updated_at", "version", "sort_key"})
_CONTACT_PARTS: dict[type, str] = {ContactPhone: "phone", ContactEmail: "email", ContactTag: "tag"}

_PENDING = "pressdesk_audit_pending"
_NEW = "pressdesk_audit_new"
_CREATED_CONTACTS = "pressdesk_audit_created_contacts"
_SERVICE_WRITTEN = "pressdesk_audit_service_written"

_officers: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class _Row:
    """An audit entry waiting for its transaction to commit."""

    entity: str
    entity_id: int
    action: str
    field_name: str | None = None
    old_value: str | None = None
    new_value: str | None = None


def set_officer(database: Database, name: str | None) -> None:
    """Stamp every later change made through ``database`` with ``name``.

    Args:
        database: the open database.
        name: the officer's name (the settings' ``officer_name``); None stops auditing
            the sessions that are not stamped one by one.
    """
    if name is None:
        _officers.pop(database.engine, None)
    else:
        _officers[database.engine] = name


def stamp_user(session: Session, user: str) -> None:
    """Record this unit of work's changes as made by ``user`` (overrides the officer)."""
    session.info[USER_KEY] = user


def current_user(session: Session) -> str | None:
    """Who this session's changes are recorded as made by; None when nobody is known."""
    user = session.info.get(USER_KEY)
    if user is not None:
        return str(user)
    bind = session.bind
    return _officers.get(bind) if isinstance(bind, Engine) else None


def as_text(value: Any) -> str | None:
    """A field's value as the history view shows it (None stays None)."""
    if value is None or isinstance(value, bytes):
        return None
    if isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, datetime | date):
        text = value.isoformat()
    elif isinstance(value, enum.Enum):
        text = str(value.value)
    else:
        text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def _columns(obj: Any) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs]


def _old_and_new(obj: Any, key: str) -> tuple[Any, Any] | None:
    """The value of ``key`` before and after this flush, or None when it did not change."""
    history = inspect(obj).attrs[key].history
    if not history.has_changes():
        return None
    old = history.deleted[0] if history.deleted else None
    new = history.added[0] if history.added else None
    return old, new


def _part_text(obj: Any, values: dict[str, Any]) -> str | None:
    """A phone, e-mail or tag as one line: ``+85291234567 ext. 12 (mobile)``."""
    if isinstance(obj, ContactPhone):
        extension = f" ext. {values['extension']}" if values.get("extension") else ""
        return f"{values.get('e164')}{extension} ({values.get('type')})"
    if isinstance(obj, ContactEmail):
        return f"{values.get('address')} ({values.get('type')})"
    return as_text(values.get("tag"))


def _values_before(obj: Any) -> dict[str, Any]:
    values = {}
    for key in _columns(obj):
        change = _old_and_new(obj, key)
        values[key] = change[0] if change is not None else getattr(obj, key)
    return values


def _values_now(obj: Any) -> dict[str, Any]:
    return {key: getattr(obj, key) for key in _columns(obj)}


def _record_update(obj: Any, pending: list[_Row]) -> None:
    entity = ENTITIES[type(obj)]
    for key in _columns(obj):
        if key in _NOT_RECORDED:
            continue
        change = _old_and_new(obj, key)
        if change is None:
            continue
        old, new = as_text(change[0]), as_text(change[1])
        if old != new:
            pending.append(_Row(entity, obj.id, "update", key, old, new))


def _record_part(
    session: Session, obj: Any, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> None:
    """A phone, e-mail or tag added (before None), changed, or removed (after None)."""
    old = _part_text(obj, before) if before is not None else None
    new = _part_text(obj, after) if after is not None else None
    if old == new:
        return
    contact_id = (after or before or {}).get("contact_id")
    if contact_id is None:
        return
    created = session.info.get(_CREATED_CONTACTS, set())
    action = "create" if contact_id in created else "update"
    field_name = _CONTACT_PARTS[type(obj)]
    session.info.setdefault(_PENDING, []).append(
        _Row("contact", contact_id, action, field_name, old, new)
    )


def _label(obj: Any) -> str | None:
    """What a deleted record was, in a few words."""
    for key in ("name_zh", "name_en", "short_name", "title_zh", "title_en", "name", "question"):
        value = getattr(obj, key, None)
        if value:
            return as_text(value)
    return None


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: UOWTransaction, _instances: Any) -> None:
    if current_user(session) is None:
        return
    pending: list[_Row] = session.info.setdefault(_PENDING, [])
    for obj in session.deleted:
        if type(obj) in ENTITIES and obj.id is not None:
            pending.append(_Row(ENTITIES[type(obj)], obj.id, "delete", None, _label(obj), None))
        elif type(obj) in _CONTACT_PARTS:
            _record_part(session, obj, _values_now(obj), None)
    for obj in session.dirty:
        if not session.is_modified(obj, include_collections=False):
            continue
        if type(obj) in ENTITIES:
            _record_update(obj, pending)
        elif type(obj) in _CONTACT_PARTS:
            _record_part(session, obj, _values_before(obj), _values_now(obj))
    new = [obj for obj in session.new if type(obj) in ENTITIES or type(obj) in _CONTACT_PARTS]
    if new:
        session.info.setdefault(_NEW, []).extend(new)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: UOWTransaction) -> None:
    new = session.info.pop(_NEW, [])
    if current_user(session) is None:
        return
    session.info.setdefault(_SERVICE_WRITTEN, set()).update(_service_keys(session.new))
    if not new:
        return
    pending: list[_Row] = session.info.setdefault(_PENDING, [])
    created: set[int] = session.info.setdefault(_CREATED_CONTACTS, set())
    created.update(obj.id for obj in new if isinstance(obj, Contact) and obj.id is not None)
    # Records first, then their parts, so a new contact's phones read as part of its creation.
    for obj in sorted(new, key=lambda o: type(o) in _CONTACT_PARTS):
        if type(obj) in _CONTACT_PARTS:
            _record_part(session, obj, None, _values_now(obj))
            continue
        entity = ENTITIES[type(obj)]
        for key in _columns(obj):
            text = as_text(getattr(obj, key))
            if key not in _NOT_RECORDED and text not in (None, ""):
                pending.append(_Row(entity, obj.id, "create", key, None, text))


def _service_keys(objects: Iterable[Any]) -> set[tuple[str, int, str]]:
    return {
        (obj.entity, obj.entity_id, obj.action) for obj in objects if isinstance(obj, AuditEntry)
    }


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    user = current_user(session)
    if user is None:
        return
    if session.new or session.dirty or session.deleted:
        # Changes not flushed yet would otherwise be flushed after this hook, unrecorded.
        session.flush()
    pending: list[_Row] = session.info.pop(_PENDING, [])
    if not pending:
        return
    written = session.info.get(_SERVICE_WRITTEN, set())
    pending = _without_replacements(pending)
    now = utc_now()
    session.add_all(
        AuditEntry(
            at=now,
            user=user,
            entity=row.entity,
            entity_id=row.entity_id,
            action=row.action,
            field_name=row.field_name,
            old_value=row.old_value,
            new_value=row.new_value,
        )
        for row in pending
        if (row.entity, row.entity_id, row.action) not in written
    )


def _without_replacements(rows: list[_Row]) -> list[_Row]:
    """Drop a phone, e-mail or tag removed and added back unchanged in one save.

    Editors save a contact's list of numbers by replacing it; only what really changed
    belongs in the history.
    """
    parts = set(_CONTACT_PARTS.values())

    def removal(row: _Row) -> tuple[int, str | None, str | None] | None:
        is_removal = row.field_name in parts and row.new_value is None
        return (row.entity_id, row.field_name, row.old_value) if is_removal else None

    def addition(row: _Row) -> tuple[int, str | None, str | None] | None:
        is_addition = row.field_name in parts and row.old_value is None
        return (row.entity_id, row.field_name, row.new_value) if is_addition else None

    unchanged = Counter(filter(None, map(removal, rows))) & Counter(
        filter(None, map(addition, rows))
    )
    if not unchanged:
        return rows
    drop_removals, drop_additions = unchanged.copy(), unchanged.copy()
    kept = []
    for row in rows:
        removed, added = removal(row), addition(row)
        if removed is not None and drop_removals[removed] > 0:
            drop_removals[removed] -= 1
        elif added is not None and drop_additions[added] > 0:
            drop_additions[added] -= 1
        else:
            kept.append(row)
    return kept


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        for key in (_PENDING, _NEW, _CREATED_CONTACTS, _SERVICE_WRITTEN):
            session.info.pop(key, None)


def entry_dict(entry: AuditEntry) -> dict[str, Any]:
    """The plain view of one audit entry."""
    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "user": entry.user,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "action": entry.action,
        "field": entry.field_name,
        "old": entry.old_value,
        "new": entry.new_value,
    }


def history(database: Database, entity: str, entity_id: int) -> list[dict[str, Any]]:
    """Who changed which field of one record from what to what, and when; newest first.

    Args:
        database: the open database.
        entity: the record's kind as its table is named ("contact", "inquiry", "release",
            "organization", "call_log", "email_template").
        entity_id: the record's id.

    Returns:
        Plain dicts (``at``, ``user``, ``action``, ``field``, ``old``, ``new``...); a
        contact's phones, e-mails and tags appear as its fields ``phone``, ``email``, ``tag``.
    """
    with database.session(write=False) as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(col(AuditEntry.entity) == entity, col(AuditEntry.entity_id) == entity_id)
            .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        ).all()
        return [entry_dict(entry) for entry in entries]
