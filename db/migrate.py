"""Bring any PressDesk database to the current schema with Alembic, on start.

The migration scripts live in ``db/migrations``; no ``alembic.ini`` is needed because the
configuration is built here, so the same code upgrades a user's file at start-up, a team's
PostgreSQL server, and the databases the tests create.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class MigrationError(RuntimeError):
    """The database could not be brought to the current schema; it was left as it was."""


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic configuration pointing at our scripts (and at ``engine`` when given)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.set_main_option(
            "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return config


def head_revision() -> str:
    """The newest schema revision this program knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None for an empty database)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    """True when the database holds an older schema (not when it is new and empty: creating
    the schema is quick, an upgrade may take a while and deserves a word to the user)."""
    revision = current_revision(engine)
    return revision is not None and revision != head_revision()


def upgrade_to_head(engine: Engine) -> None:
    """Upgrade the database to the newest schema in one transaction.

    Raises:
        MigrationError: when a migration fails; the transaction is rolled back, so the
            database keeps its old schema and data.
    """
    if current_revision(engine) == head_revision():
        return
    config = alembic_config(engine)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except Exception as exc:
        raise MigrationError(
            f"Could not upgrade the database to schema {head_revision()}: {exc}. "
            "Nothing was changed; the database keeps its previous schema."
        ) from exc
