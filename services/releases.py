"""Editing a release: titles, date, place, embargo, issuers, media contacts, spokespeople.

A release is edited on the version the editor loaded (optimistic locking): a save over a
colleague's newer change raises :class:`ReleaseConflict` and writes nothing. Changing the
media-contact order or the spokespeople counts as a change of the release (its version
moves on), because a contact sheet printed from the old order is what a colleague saw.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from db.engine import Database
from db.models import (
    AuditEntry,
    Contact,
    Organization,
    OrganizationKind,
    Release,
    ReleaseIssuer,
    ReleaseMediaContact,
    ReleaseSpokesperson,
    utc_now,
)
from services.inquiries import parse_when, validation_problems
from services.problems import InputRejected, Problem, Severity
from services.roster import release_dicts

# --- input --------------------------------------------------------------------------------


class SpokespersonLink(BaseModel):
    """A person quoted in a release, with the title the release gives them."""

    model_config = ConfigDict(str_strip_whitespace=True)

    contact_id: int
    title_zh: str | None = Field(default=None, max_length=300)
    title_en: str | None = Field(default=None, max_length=300)

    @field_validator("title_zh", "title_en")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None


class ReleaseChanges(BaseModel):
    """What an edit changes: only the fields explicitly set (``model_fields_set``).

    ``ReleaseChanges(place="香港")`` changes the place and nothing else; the lists replace
    the release's issuers, media contacts or spokespeople, in the order given.
    """

    model_config = ConfigDict(str_strip_whitespace=True)

    title_zh: str | None = Field(default=None, max_length=500)
    title_en: str | None = Field(default=None, max_length=500)
    subtitle_zh: str | None = Field(default=None, max_length=500)
    subtitle_en: str | None = Field(default=None, max_length=500)
    issued_on: date | None = None
    place: str | None = Field(default=None, max_length=200)
    embargo_until: datetime | None = None
    notes: str | None = Field(default=None, max_length=20_000)
    issuer_ids: list[int] = Field(default_factory=list)
    media_contact_ids: list[int] = Field(default_factory=list)
    spokespeople: list[SpokespersonLink] = Field(default_factory=list)

    @field_validator("title_zh", "title_en", "subtitle_zh", "subtitle_en", "place", "notes")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("embargo_until", mode="before")
    @classmethod
    def _aware(cls, value: Any) -> datetime | None:
        return parse_when(value)

    @field_validator("issuer_ids", "media_contact_ids")
    @classmethod
    def _once_each(cls, value: list[int]) -> list[int]:
        return list(dict.fromkeys(value))

    @field_validator("spokespeople")
    @classmethod
    def _one_link_each(cls, value: list[SpokespersonLink]) -> list[SpokespersonLink]:
        seen: set[int] = set()
        unique = []
        for link in value:
            if link.contact_id not in seen:
                seen.add(link.contact_id)
                unique.append(link)
        return unique


class ReleaseConflict(InputRejected):
    """A colleague saved the release after this editor loaded it; nothing was overwritten.

    Attributes:
        release_id: the release.
        expected_version: the version the editor loaded.
        current_version: the version now stored (None: the release was deleted).
    """

    def __init__(self, release_id: int, expected_version: int, current_version: int | None):
        if current_version is None:
            message = f"Release {release_id} was deleted by a colleague; nothing was saved."
        else:
            message = (
                f"Release {release_id} was changed by a colleague after you opened it. Your "
                "changes were not saved, so theirs are not lost: reload the release and make "
                "your change again."
            )
        super().__init__(
            message,
            [Problem(Severity.ERROR, "release", "version", str(expected_version), message)],
        )
        self.release_id = release_id
        self.expected_version = expected_version
        self.current_version = current_version


_FIELDS = (
    "title_zh",
    "title_en",
    "subtitle_zh",
    "subtitle_en",
    "issued_on",
    "place",
    "embargo_until",
    "notes",
)


# --- reading ------------------------------------------------------------------------------


def _no_release(release_id: int) -> InputRejected:
    message = f"There is no release {release_id} (a colleague may have deleted it)."
    return InputRejected(
        message, [Problem(Severity.ERROR, "release", "id", str(release_id), message)]
    )


def release_detail(session: Session, release: Release) -> dict[str, Any]:
    """The plain view of a release as the detail pane and the editor show it."""
    assert release.id is not None
    (detail,) = release_dicts(session, [release.id])
    detail.update(
        {
            "embargo_until": release.embargo_until.isoformat() if release.embargo_until else None,
            "notes": release.notes,
            "version": release.version,
            "updated_at": release.updated_at.isoformat() if release.updated_at else None,
        }
    )
    return detail


def get_release(database: Database, release_id: int) -> dict[str, Any]:
    """One release with its issuers, ordered media contacts and spokespeople.

    Raises:
        InputRejected: it does not exist or was deleted.
    """
    with database.session(write=False) as session:
        release = session.get(Release, release_id)
        if release is None or release.deleted_at is not None:
            raise _no_release(release_id)
        return release_detail(session, release)


def issuer_choices(database: Database, text: str = "", *, limit: int = 50) -> list[dict[str, Any]]:
    """Organisations whose name holds ``text``, issuers first: for picking a release's issuers."""
    with database.session(write=False) as session:
        statement = select(Organization).where(col(Organization.deleted_at).is_(None))
        query = text.strip()
        if query:
            escaped = query.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern = f"%{escaped}%"
            statement = statement.where(
                or_(
                    *(
                        func.lower(column).like(pattern, escape="\\")
                        for column in (
                            col(Organization.name_zh),
                            col(Organization.name_en),
                            col(Organization.short_name),
                            col(Organization.short_name_zh),
                        )
                    )
                )
            )
        orgs = session.scalars(
            statement.order_by(
                col(Organization.kind) != OrganizationKind.ISSUER, col(Organization.id)
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


# --- writing ------------------------------------------------------------------------------


def _checked_changes(changes: ReleaseChanges | Mapping[str, Any]) -> ReleaseChanges:
    if isinstance(changes, ReleaseChanges):
        return changes
    try:
        return ReleaseChanges.model_validate(dict(changes))
    except ValidationError as exc:
        problems = validation_problems(exc, "release")
        raise InputRejected(problems[0].message, problems) from exc


def _missing(
    session: Session, model: type[Contact] | type[Organization], ids: Iterable[int]
) -> list[int]:
    wanted = set(ids)
    if not wanted:
        return []
    found = set(
        session.scalars(
            select(col(model.id)).where(col(model.id).in_(wanted), col(model.deleted_at).is_(None))
        )
    )
    return sorted(wanted - found)


def _check_references(session: Session, changes: ReleaseChanges, fields: set[str]) -> None:
    problems = []
    checks: list[tuple[str, type[Contact] | type[Organization], list[int], str]] = []
    if "issuer_ids" in fields:
        checks.append(("issuers", Organization, changes.issuer_ids, "organisation"))
    if "media_contact_ids" in fields:
        checks.append(("media_contacts", Contact, changes.media_contact_ids, "contact"))
    if "spokespeople" in fields:
        ids = [link.contact_id for link in changes.spokespeople]
        checks.append(("spokespeople", Contact, ids, "contact"))
    for field_name, model, ids, noun in checks:
        for missing in _missing(session, model, ids):
            message = f"There is no {noun} {missing} (a colleague may have deleted it)."
            problems.append(
                Problem(
                    Severity.ERROR,
                    "release",
                    field_name,
                    str(missing),
                    message,
                    "Pick it again from the roster.",
                )
            )
    if problems:
        raise InputRejected(problems[0].message, problems)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _audit(
    session: Session, user: str | None, release_id: int, name: str, *, old: Any, new: Any
) -> None:
    if _text(old) != _text(new):
        session.add(
            AuditEntry(
                user=user or "",
                entity="release",
                entity_id=release_id,
                action="update",
                field_name=name,
                old_value=_text(old),
                new_value=_text(new),
            )
        )


def _link_ids(session: Session, model: Any, column: str, release_id: int) -> list[int]:
    return list(
        session.scalars(
            select(getattr(model, column))
            .where(model.release_id == release_id)
            .order_by(model.position)
        )
    )


def _replace_links(
    session: Session, model: Any, release_id: int, rows: list[dict[str, Any]]
) -> None:
    # Core statements: the links are keyed by (release, contact or organisation), and an
    # ORM delete plus re-add of the same key in one flush would collide.
    session.execute(delete(model).where(model.release_id == release_id))
    if rows:
        session.execute(insert(model), rows)


def _apply(session: Session, release: Release, changes: ReleaseChanges, user: str | None) -> None:
    fields = changes.model_fields_set
    assert release.id is not None
    for name in _FIELDS:
        if name in fields:
            _audit(
                session,
                user,
                release.id,
                name,
                old=getattr(release, name),
                new=getattr(changes, name),
            )
            setattr(release, name, getattr(changes, name))
    if not (release.title_zh or release.title_en):
        message = "A release needs a title, in Chinese or in English."
        raise InputRejected(
            message,
            [
                Problem(
                    Severity.ERROR,
                    "release",
                    "title",
                    "",
                    message,
                    "Type the headline as the release gives it.",
                )
            ],
        )
    if "issuer_ids" in fields:
        old = _link_ids(session, ReleaseIssuer, "organization_id", release.id)
        _audit(session, user, release.id, "issuers", old=old, new=changes.issuer_ids)
        _replace_links(
            session,
            ReleaseIssuer,
            release.id,
            [
                {"release_id": release.id, "organization_id": org_id, "position": position}
                for position, org_id in enumerate(changes.issuer_ids)
            ],
        )
    if "media_contact_ids" in fields:
        old = _link_ids(session, ReleaseMediaContact, "contact_id", release.id)
        _audit(session, user, release.id, "media_contacts", old=old, new=changes.media_contact_ids)
        _replace_links(
            session,
            ReleaseMediaContact,
            release.id,
            [
                {"release_id": release.id, "contact_id": contact_id, "position": position}
                for position, contact_id in enumerate(changes.media_contact_ids)
            ],
        )
    if "spokespeople" in fields:
        old = _link_ids(session, ReleaseSpokesperson, "contact_id", release.id)
        new = [link.contact_id for link in changes.spokespeople]
        _audit(session, user, release.id, "spokespeople", old=old, new=new)
        _replace_links(
            session,
            ReleaseSpokesperson,
            release.id,
            [
                {
                    "release_id": release.id,
                    "contact_id": link.contact_id,
                    "title_zh": link.title_zh,
                    "title_en": link.title_en,
                    "position": position,
                }
                for position, link in enumerate(changes.spokespeople)
            ],
        )
    # Always touch the row, so its version moves on even when only links changed.
    release.updated_at = utc_now()


def update_release(
    database: Database,
    release_id: int,
    changes: ReleaseChanges | Mapping[str, Any],
    expected_version: int,
    *,
    user: str | None = None,
) -> dict[str, Any]:
    """Save an edit made on the version the editor loaded (optimistic locking).

    Args:
        database: the database.
        release_id: the release.
        changes: the fields to change (a :class:`ReleaseChanges`, or a mapping of its
            fields); fields not given keep their value.
        expected_version: the ``version`` the editor showed.
        user: who is editing (for the audit trail).

    Returns:
        The release as :func:`get_release` gives it, with its new version.

    Raises:
        ReleaseConflict: a colleague saved it after ``expected_version``; nothing written.
        InputRejected: it no longer exists, a field is invalid, no title is left, or an
            issuer or contact does not exist; nothing written.
    """
    checked = _checked_changes(changes)
    with database.session() as session:
        release = session.scalars(
            select(Release).where(col(Release.id) == release_id).with_for_update()
        ).first()
        if release is None or release.deleted_at is not None:
            raise _no_release(release_id)
        if release.version != expected_version:
            raise ReleaseConflict(release_id, expected_version, release.version)
        _check_references(session, checked, checked.model_fields_set)
        _apply(session, release, checked, user)
        try:
            session.flush()
        except StaleDataError:
            # A colleague's save landed between our read and our write.
            session.rollback()
            current = session.get(Release, release_id)
            raise ReleaseConflict(
                release_id, expected_version, current.version if current else None
            ) from None
        session.refresh(release)
        return release_detail(session, release)


def _current_media_ids(database: Database, release_id: int) -> list[int]:
    with database.session(write=False) as session:
        if session.get(Release, release_id) is None:
            raise _no_release(release_id)
        return _link_ids(session, ReleaseMediaContact, "contact_id", release_id)


def add_media_contact(
    database: Database,
    release_id: int,
    contact_id: int,
    expected_version: int,
    *,
    user: str | None = None,
) -> dict[str, Any]:
    """Add a contact from the roster at the end of the release's media-contact block.

    Raises:
        ReleaseConflict: the release changed since ``expected_version``.
        InputRejected: the release or contact does not exist, or the contact is listed.
    """
    ids = _current_media_ids(database, release_id)
    if contact_id in ids:
        message = "This contact is already a media contact of the release."
        raise InputRejected(
            message,
            [Problem(Severity.ERROR, "release", "media_contacts", str(contact_id), message)],
        )
    return update_release(
        database,
        release_id,
        ReleaseChanges(media_contact_ids=[*ids, contact_id]),
        expected_version,
        user=user,
    )


def remove_media_contact(
    database: Database,
    release_id: int,
    contact_id: int,
    expected_version: int,
    *,
    user: str | None = None,
) -> dict[str, Any]:
    """Take a contact off the release's media-contact block (the contact stays in the roster).

    Raises:
        ReleaseConflict: the release changed since ``expected_version``.
        InputRejected: the release does not exist.
    """
    ids = [i for i in _current_media_ids(database, release_id) if i != contact_id]
    return update_release(
        database, release_id, ReleaseChanges(media_contact_ids=ids), expected_version, user=user
    )


def move_media_contact(
    database: Database,
    release_id: int,
    contact_id: int,
    steps: int,
    expected_version: int,
    *,
    user: str | None = None,
) -> dict[str, Any]:
    """Move a media contact ``steps`` places down the block (negative: up), within its ends.

    Raises:
        ReleaseConflict: the release changed since ``expected_version``.
        InputRejected: the release does not exist or the contact is not in its block.
    """
    ids = _current_media_ids(database, release_id)
    if contact_id not in ids:
        message = "This contact is not a media contact of the release."
        raise InputRejected(
            message,
            [Problem(Severity.ERROR, "release", "media_contacts", str(contact_id), message)],
        )
    old = ids.index(contact_id)
    new = max(0, min(len(ids) - 1, old + steps))
    ids.insert(new, ids.pop(old))
    return update_release(
        database, release_id, ReleaseChanges(media_contact_ids=ids), expected_version, user=user
    )
