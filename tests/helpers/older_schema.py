"""A database of ours as an older version of PressDesk left it (for upgrade tests)."""

from __future__ import annotations

from alembic import command

from db.engine import open_database
from db.migrate import alembic_config
from services.first_run import import_bundled_release_once


def database_at(url: str, revision: str) -> None:
    """Create the database at ``url`` with the seed release's roster, then bring its
    schema back to ``revision``."""
    database = open_database(url)
    try:
        import_bundled_release_once(database)
        with database.engine.begin() as connection:
            config = alembic_config(database.engine)
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
    finally:
        database.dispose()
