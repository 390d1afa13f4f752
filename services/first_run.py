"""A new user's first start: the bundled release is imported so the roster is not empty."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import col

from db.engine import Database
from db.models import AppMeta, Contact, Release
from services.paths import BUNDLED_RELEASE
from services.release_import import ImportReport, import_release_file

_OFFERED = "bundled_release_offered"


def import_bundled_release_once(database: Database) -> ImportReport | None:
    """Import the bundled release into an empty database, once in the database's life.

    A user who later deletes it does not get it back: the database remembers the offer.
    """
    with database.session(write=False) as session:
        if session.get(AppMeta, _OFFERED) is not None:
            return None
        empty = (
            session.scalars(select(col(Contact.id)).limit(1)).first() is None
            and session.scalars(select(col(Release.id)).limit(1)).first() is None
        )
    report = import_release_file(database, BUNDLED_RELEASE) if empty else None
    with database.session() as session:
        if session.get(AppMeta, _OFFERED) is None:
            session.add(AppMeta(key=_OFFERED, value=BUNDLED_RELEASE.name))
    return report
