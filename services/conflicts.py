"""Resolving an edit conflict: the stored record (theirs) against the unsaved form (mine).

A save that names an older ``version`` than the stored one is refused by the services
(:class:`~services.contacts.EditConflict`, :class:`~services.inquiries.InquiryConflict`,
:class:`~services.releases.ReleaseConflict`). :func:`reread` then reads the record again
as the same plain field values the editor's form gives, field by field beside the form's,
and :func:`save_resolution` saves the values the officer chose over the *newer* version,
through the same service (so the save is validated and audited like any other). If yet
another colleague saved meanwhile, that save is refused in turn: never a lost update.

One table of record kinds (:data:`KINDS`) knows how to read, compare and save each one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from db.engine import Database
from db.models import AuditEntry, Contact, Organization, Release
from db.name_order import display_name
from services.contacts import (
    EditConflict,
    get_contact,
    get_organization,
    organization_label,
    update_contact,
    update_organization,
)
from services.inquiries import InquiryConflict, InquiryForm, get_inquiry, update_inquiry
from services.phones import format_phone
from services.releases import ReleaseChanges, ReleaseConflict, get_release, update_release

Values = dict[str, Any]
# Every refusal that means "a colleague saved first" (and nothing was written).
CONFLICTS: tuple[type[Exception], ...] = (EditConflict, InquiryConflict, ReleaseConflict)

# Which kind of record an id field names, so both sides can show a name, not a number.
_NAMED_BY_ID = {
    "organization_id": "organization",
    "outlet_id": "organization",
    "issuer_ids": "organization",
    "journalist_id": "contact",
    "owner_id": "contact",
    "media_contact_ids": "contact",
    "release_id": "release",
}


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _contact_values(contact: Mapping[str, Any]) -> Values:
    phones = []
    for phone in contact.get("phones") or []:
        text = format_phone(phone["e164"])
        if phone.get("extension"):
            text += f" ext. {phone['extension']}"
        phones.append({"text": text, "type": phone["type"]})
    # Only the keys the form gives are compared, so the record's own keys can stay.
    return {
        **contact,
        "organization_id": (contact.get("organization") or {}).get("id"),
        "phones": phones,
        "emails": [{"text": e["address"], "type": e["type"]} for e in contact.get("emails") or []],
        "tags": list(contact.get("tags") or []),
    }


def _inquiry_values(inquiry: Mapping[str, Any]) -> Values:
    return {
        **inquiry,
        "journalist_name": None,
        "outlet_name": None,
        "owner_id": inquiry.get("owner"),
        "deadline": _when(inquiry.get("deadline")),
        "received_at": _when(inquiry.get("received_at")),
    }


def _release_values(release: Mapping[str, Any]) -> Values:
    issued = release.get("issued_on")
    return {
        **release,
        "issued_on": date.fromisoformat(issued) if issued else None,
        "embargo_until": _when(release.get("embargo_until")),
        "issuer_ids": [o["id"] for o in release.get("issuers") or []],
        "media_contact_ids": [c["id"] for c in release.get("media_contacts") or []],
        "spokespeople": [
            {"contact_id": p["contact_id"], "title_zh": p["title_zh"], "title_en": p["title_en"]}
            for p in release.get("spokespeople") or []
        ],
    }


def _save_contact(
    database: Database, record_id: int, values: Values, version: int, _user: str | None
) -> dict[str, Any]:
    return update_contact(database, record_id, values, version)


def _save_organization(
    database: Database, record_id: int, values: Values, version: int, _user: str | None
) -> dict[str, Any]:
    return update_organization(database, record_id, values, version)


def _save_inquiry(
    database: Database, record_id: int, values: Values, version: int, user: str | None
) -> dict[str, Any]:
    return update_inquiry(database, record_id, InquiryForm(**values), version, user=user)


def _save_release(
    database: Database, record_id: int, values: Values, version: int, user: str | None
) -> dict[str, Any]:
    return update_release(database, record_id, ReleaseChanges(**values), version, user=user)


@dataclass(frozen=True)
class RecordKind:
    """How one kind of record is read, shown as form values, and saved.

    Attributes:
        read: the service that reads it as the editor loads it (``get_contact``...).
        values: that record as the values its editor's form gives.
        save: saves form values over a given version (the service's update).
        together: fields that only make sense together (a journalist picked or typed).
    """

    read: Callable[[Database, int], dict[str, Any]]
    values: Callable[[Mapping[str, Any]], Values]
    save: Callable[[Database, int, Values, int, str | None], dict[str, Any]]
    together: tuple[tuple[str, ...], ...] = ()


KINDS: dict[str, RecordKind] = {
    "contact": RecordKind(get_contact, _contact_values, _save_contact),
    "organization": RecordKind(get_organization, dict, _save_organization),
    "inquiry": RecordKind(
        get_inquiry,
        _inquiry_values,
        _save_inquiry,
        (("journalist_id", "journalist_name"), ("outlet_id", "outlet_name")),
    ),
    "release": RecordKind(get_release, _release_values, _save_release),
}


def _plain(value: Any) -> Any:
    """A value as compared: blank text is no value, spaces around text do not count."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if hasattr(value, "model_dump"):
        return _plain(value.model_dump())
    if hasattr(value, "value") and isinstance(value.value, str):  # an enum member
        return value.value
    return value


@dataclass(frozen=True)
class FieldConflict:
    """One field (or a group of fields that go together) on both sides.

    Attributes:
        name: the field as the form names it (the first of ``keys``).
        keys: the form values this row stands for.
        theirs: the stored values of ``keys``.
        mine: the form's values of ``keys``.
        theirs_shown, mine_shown: the value of ``name`` with ids replaced by names.
        differs: the two sides differ.
        changed_by_me: the form changed it from the version it loaded.
    """

    name: str
    keys: tuple[str, ...]
    theirs: Values
    mine: Values
    theirs_shown: Any
    mine_shown: Any
    differs: bool
    changed_by_me: bool


@dataclass(frozen=True)
class Conflict:
    """A record re-read after a save conflicted, beside the unsaved form.

    Attributes:
        kind: "contact", "organization", "inquiry" or "release".
        record_id: the record.
        version: the version now stored; a save of the resolution names it.
        stored: the record as its ``read`` service gives it (to reload a form with).
        fields: every field of the form, in the form's order.
        changed_by: who saved the record last, when the audit trail knows.
    """

    kind: str
    record_id: int
    version: int
    stored: dict[str, Any]
    fields: tuple[FieldConflict, ...] = field(default=())
    changed_by: str | None = None

    def differing(self) -> list[str]:
        """The names of the fields that differ."""
        return [f.name for f in self.fields if f.differs]

    def values(self, take_mine: Collection[str]) -> Values:
        """Form values to save: mine for the fields named in ``take_mine``, theirs otherwise."""
        chosen: Values = {}
        for row in self.fields:
            chosen.update(row.mine if row.name in take_mine else row.theirs)
        return chosen

    def mine(self) -> Values:
        """The form's values, whole."""
        return self.values([f.name for f in self.fields])


def _groups(kind: RecordKind, names: Iterable[str]) -> list[tuple[str, ...]]:
    grouped = {key: group for group in kind.together for key in group}
    seen: set[str] = set()
    result = []
    for name in names:
        if name in seen:
            continue
        group = tuple(k for k in grouped.get(name, (name,)) if k == name or k not in seen)
        seen.update(group)
        result.append(group)
    return result


def _names(database: Database, ids: Mapping[str, set[int]]) -> dict[tuple[str, int], str]:
    names: dict[tuple[str, int], str] = {}
    with database.session(write=False) as session:
        if ids.get("contact"):
            for row in session.execute(
                select(col(Contact.id), col(Contact.name_zh), col(Contact.name_en)).where(
                    col(Contact.id).in_(ids["contact"])
                )
            ):
                names["contact", row.id] = display_name(row.name_zh, row.name_en) or f"#{row.id}"
        if ids.get("organization"):
            for org in session.scalars(
                select(Organization).where(col(Organization.id).in_(ids["organization"]))
            ):
                assert org.id is not None
                names["organization", org.id] = organization_label(org) or f"#{org.id}"
        if ids.get("release"):
            for row in session.execute(
                select(col(Release.id), col(Release.title_zh), col(Release.title_en)).where(
                    col(Release.id).in_(ids["release"])
                )
            ):
                names["release", row.id] = row.title_zh or row.title_en or f"#{row.id}"
    return names


def _ids_named(name: str, value: Any) -> Iterable[tuple[str, int]]:
    if name == "spokespeople":
        return [("contact", int(p["contact_id"])) for p in value or []]
    kind = _NAMED_BY_ID.get(name)
    if kind is None or value is None:
        return []
    if isinstance(value, list):
        return [(kind, int(i)) for i in value]
    return [(kind, int(value))]


def _shown(name: str, value: Any, names: Mapping[tuple[str, int], str]) -> Any:
    """``value`` with the records it names by id replaced by their names."""
    if name == "spokespeople":
        return [
            {**p, "name": names.get(("contact", int(p["contact_id"])), f"#{p['contact_id']}")}
            for p in value or []
        ]
    kind = _NAMED_BY_ID.get(name)
    if kind is None or value is None:
        return value
    if isinstance(value, list):
        return [names.get((kind, int(i)), f"#{i}") for i in value]
    return names.get((kind, int(value)), f"#{value}")


def reread(
    database: Database,
    kind: str,
    record_id: int,
    mine: Mapping[str, Any],
    loaded: Mapping[str, Any] | None = None,
) -> Conflict:
    """Read the stored record again and set it beside the form's values.

    Args:
        database: the database.
        kind: "contact", "organization", "inquiry" or "release".
        record_id: the record.
        mine: the unsaved form values (what the editor passed to the update service).
        loaded: the record as the form loaded it, so each field says whether the officer
            changed it (None: every differing field counts as changed by them).

    Raises:
        InputRejected: the record no longer exists (a colleague deleted it).
    """
    record_kind = KINDS[kind]
    stored = record_kind.read(database, record_id)
    theirs = record_kind.values(stored)
    before = record_kind.values(loaded) if loaded is not None else None
    mine_plain = {key: _plain(value) for key, value in mine.items()}
    groups = _groups(record_kind, mine_plain)
    wanted: dict[str, set[int]] = {}
    for group in groups:
        for value in (theirs.get(group[0]), mine_plain[group[0]]):
            for what, record in _ids_named(group[0], value):
                wanted.setdefault(what, set()).add(record)
    names = _names(database, wanted)
    rows = []
    for group in groups:
        theirs_part = {key: _plain(theirs.get(key)) for key in group}
        mine_part = {key: mine_plain.get(key) for key in group}
        before_part = {key: _plain(before.get(key)) for key in group} if before else None
        rows.append(
            FieldConflict(
                name=group[0],
                keys=group,
                theirs=theirs_part,
                mine=mine_part,
                theirs_shown=_shown(group[0], theirs_part[group[0]], names),
                mine_shown=_shown(group[0], mine_part[group[0]], names),
                differs=theirs_part != mine_part,
                changed_by_me=before_part is None or before_part != mine_part,
            )
        )
    return Conflict(
        kind,
        record_id,
        int(stored["version"]),
        stored,
        tuple(rows),
        _last_editor(database, kind, record_id),
    )


def _last_editor(database: Database, kind: str, record_id: int) -> str | None:
    with database.session(write=False) as session:
        return session.scalars(
            select(col(AuditEntry.user))
            .where(col(AuditEntry.entity) == kind, col(AuditEntry.entity_id) == record_id)
            .order_by(col(AuditEntry.id).desc())
            .limit(1)
        ).first()


def save_values(
    database: Database,
    kind: str,
    record_id: int,
    values: Mapping[str, Any],
    version: int,
    *,
    user: str | None = None,
) -> dict[str, Any]:
    """Save form values over ``version`` through the record's own update service.

    Raises:
        EditConflict, InquiryConflict, ReleaseConflict: the record is no longer at
            ``version`` (a colleague saved); nothing was written.
        InputRejected: a value is refused; nothing was written.
    """
    return KINDS[kind].save(database, record_id, dict(values), version, user)


def save_resolution(
    database: Database, conflict: Conflict, values: Mapping[str, Any], *, user: str | None = None
) -> dict[str, Any]:
    """Save the chosen values over the version :func:`reread` found.

    Raises:
        EditConflict, InquiryConflict, ReleaseConflict: yet another save landed since the
            record was re-read; nothing was written (re-read and ask again).
        InputRejected: a value is refused; nothing was written.
    """
    return save_values(
        database, conflict.kind, conflict.record_id, values, conflict.version, user=user
    )


def id_names(
    database: Database, values: Iterable[tuple[str, str | None]]
) -> dict[tuple[str, str], str]:
    """Names for the records that id fields name, as the history shows them.

    Args:
        database: the database.
        values: (field, stored text) pairs such as ("journalist_id", "12"); others are
            left out.

    Returns:
        (field, text) → the record's name, for every pair naming a record that exists.
    """
    wanted: dict[str, set[int]] = {}
    pairs = []
    for name, text in values:
        kind = _NAMED_BY_ID.get(name)
        if kind is not None and text is not None and text.isdigit():
            wanted.setdefault(kind, set()).add(int(text))
            pairs.append((name, text, kind))
    names = _names(database, wanted)
    return {(n, t): names[kind, int(t)] for n, t, kind in pairs if (kind, int(t)) in names}
