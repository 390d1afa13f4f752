"""The migrations build exactly the schema the models describe, on both engines."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from db.engine import Database

SEARCH_TABLES = {"contact_search", "contact_search_phone", "contact_search_token"}


def _ignore_search_index(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    if (
        type_ == "table"
        and name is not None
        and (name in SEARCH_TABLES or name.startswith("contact_search"))
    ):
        return False
    table = getattr(obj, "table", None)
    return not (table is not None and getattr(table, "name", "") in SEARCH_TABLES)


@pytest.mark.filterwarnings("ignore:.*expression-based index:UserWarning")
@pytest.mark.filterwarnings("ignore:.*expression-based index:sqlalchemy.exc.SAWarning")
def test_models_and_migrations_agree(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_object": _ignore_search_index},
        )
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []
