"""The migrations build exactly the schema the models describe, on both engines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlmodel import SQLModel

import db.migrate
from db.engine import Database, make_engine
from db.migrate import (
    MigrationError,
    alembic_config,
    current_revision,
    head_revision,
    upgrade_to_head,
)
from db.search import insert_documents, search_contact_ids, search_document
from tests.services.test_backup import SCHEMA_0001, _broken_migrations

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


# --- each step, and 0004 (the redundant contact index dropped) in particular -------------

REDUNDANT_INDEX = "ix_contact_organization_id"
COMPOSITE_INDEX = "ix_contact_organization_live_name"


# 0005: a name is indexed with its organisation (an import matches the pair).
NAME_ONLY_INDEXES = ("ix_contact_name_zh", "ix_contact_name_en_lower")
NAME_ORGANIZATION_INDEXES = (
    "ix_contact_name_zh_organization",
    "ix_contact_name_en_lower_organization",
)


# 0006: a contact's phones and e-mails are indexed in their order (exports read them so).
CONTACT_ID_INDEXES = ("ix_contact_phone_contact_id", "ix_contact_email_contact_id")
POSITION_INDEXES = ("ix_contact_phone_contact_position", "ix_contact_email_contact_position")


def _value_indexes(engine: Engine) -> set[str]:
    return _contact_indexes(engine, "contact_phone") | _contact_indexes(engine, "contact_email")


def _contact_indexes(engine: Engine, table: str = "contact") -> set[str]:
    query = (
        f"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '{table}'"
        " AND sql IS NOT NULL"
        if engine.dialect.name == "sqlite"
        else f"SELECT indexname FROM pg_indexes WHERE tablename = '{table}'"
        " AND right(indexname, 4) <> 'pkey'"
    )
    with engine.connect() as connection:
        return set(connection.exec_driver_sql(query).scalars())


def _migrate(engine: Engine, action: str, revision: str) -> None:
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)


def test_every_revision_upgrades_in_turn_and_0004_goes_down_and_up_again(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        revisions = [
            script.revision
            for script in reversed(
                list(ScriptDirectory.from_config(alembic_config()).walk_revisions())
            )
        ]
        assert revisions[:4] == ["0001", "0002", "0003", "0004"]
        for revision in revisions:
            _migrate(engine, "upgrade", revision)
            assert current_revision(engine) == revision
            if revision == "0003":
                assert {REDUNDANT_INDEX, COMPOSITE_INDEX} <= _contact_indexes(engine)
            if revision == "0004":
                assert REDUNDANT_INDEX not in _contact_indexes(engine)
                assert COMPOSITE_INDEX in _contact_indexes(engine)
                assert set(NAME_ONLY_INDEXES) <= _contact_indexes(engine)
            if revision == "0005":
                assert not set(NAME_ONLY_INDEXES) & _contact_indexes(engine)
                assert set(NAME_ORGANIZATION_INDEXES) <= _contact_indexes(engine)
                assert set(CONTACT_ID_INDEXES) <= _value_indexes(engine)
            if revision == "0006":
                assert not set(CONTACT_ID_INDEXES) & _value_indexes(engine)
                assert set(POSITION_INDEXES) <= _value_indexes(engine)
        assert revisions[-1] == head_revision()

        _migrate(engine, "downgrade", "0003")
        assert current_revision(engine) == "0003"
        assert REDUNDANT_INDEX in _contact_indexes(engine)
        _migrate(engine, "upgrade", "head")
        assert current_revision(engine) == head_revision()
        assert REDUNDANT_INDEX not in _contact_indexes(engine)

        _migrate(engine, "downgrade", "0004")
        assert set(NAME_ONLY_INDEXES) <= _contact_indexes(engine)
        assert not set(NAME_ORGANIZATION_INDEXES) & _contact_indexes(engine)
        _migrate(engine, "upgrade", "head")
        assert set(NAME_ORGANIZATION_INDEXES) <= _contact_indexes(engine)

        _migrate(engine, "downgrade", "0005")
        assert set(CONTACT_ID_INDEXES) <= _value_indexes(engine)
        assert not set(POSITION_INDEXES) & _value_indexes(engine)
        _migrate(engine, "upgrade", "head")
        assert set(POSITION_INDEXES) <= _value_indexes(engine)
    finally:
        engine.dispose()


def test_the_first_schema_upgrades_to_0004_and_filters_by_organisation_on_the_composite_index(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pressdesk.sqlite"
    shutil.copyfile(SCHEMA_0001, path)
    engine = make_engine(f"sqlite:///{path}")
    try:
        before = _contact_indexes(engine)
        assert REDUNDANT_INDEX in before
        upgrade_to_head(engine)
        after = _contact_indexes(engine)
        assert after == (before - {REDUNDANT_INDEX, *NAME_ONLY_INDEXES}) | {
            COMPOSITE_INDEX,
            "ix_contact_live_name",
            *NAME_ORGANIZATION_INDEXES,
        }
        with engine.connect() as connection:
            plan = " ".join(
                str(row[-1])
                for row in connection.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT id FROM contact"
                    " WHERE organization_id = 1 AND deleted_at IS NULL ORDER BY sort_key, id"
                )
            )
        assert COMPOSITE_INDEX in plan
        assert "TEMP B-TREE" not in plan  # the index gives the name order too: no sort
        assert set(POSITION_INDEXES) <= _value_indexes(engine)
        assert not set(CONTACT_ID_INDEXES) & _value_indexes(engine)
    finally:
        engine.dispose()


def test_a_failing_later_migration_keeps_the_index_0004_would_drop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "pressdesk.sqlite"
    shutil.copyfile(SCHEMA_0001, path)
    monkeypatch.setattr(db.migrate, "MIGRATIONS_DIR", _broken_migrations(tmp_path))
    engine = make_engine(f"sqlite:///{path}")
    try:
        before = _contact_indexes(engine)
        with pytest.raises(MigrationError):
            upgrade_to_head(engine)
        assert current_revision(engine) == "0001"
        assert _contact_indexes(engine) == before  # 0004's drop rolled back with the rest
    finally:
        engine.dispose()


# 0007: phone numbers are indexed by their runs of four digits (db/search.py).


def _phone_index_prefixes(engine: Engine) -> str | None:
    if engine.dialect.name != "sqlite":
        return None
    with engine.connect() as connection:
        sql = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'contact_search_phone'"
        ).scalar_one()
    return str(sql).split("prefix=")[1].split(",")[0]


def test_0007_rebuilds_the_phone_index_from_every_live_number_and_0006_has_it_back(
    db_url: str,
) -> None:
    engine = make_engine(db_url)
    try:
        _migrate(engine, "upgrade", "0006")
        with engine.begin() as connection:
            for contact_id, deleted in ((1, None), (2, None), (3, "2026-01-01 00:00:00")):
                connection.execute(
                    text(
                        "INSERT INTO contact (id, kind, preferred_language, opt_out, created_at,"
                        " version, deleted_at) VALUES (:id, 'PERSON', 'EN', false,"
                        " '2026-01-01 00:00:00', 1, :deleted)"
                    ),
                    {"id": contact_id, "deleted": deleted},
                )
            for phone_id, contact_id, e164 in (
                (1, 1, "+85269865822"),
                (2, 1, "+85237568623"),
                (3, 2, "+8613512345678"),
                (4, 3, "+85269865822"),
            ):
                connection.execute(
                    text(
                        "INSERT INTO contact_phone (id, contact_id, type, e164, raw, position)"
                        " VALUES (:id, :contact_id, 'mobile', :e164, :e164, :id)"
                    ),
                    {"id": phone_id, "contact_id": contact_id, "e164": e164},
                )
        assert _phone_index_prefixes(engine) in (None, "'2 3 4 5'")

        _migrate(engine, "upgrade", "0007")
        assert _phone_index_prefixes(engine) in (None, "'2 3'")
        with engine.connect() as connection:
            for typed, ids in (
                ("69865822", [1]),  # the deleted contact 3 is not indexed
                ("5822", [1]),
                ("3756", [1]),
                ("13512345678", [2]),
                ("45678", [2]),
                ("78", [2]),
                ("98658", [1]),
                ("86238", []),
            ):
                assert search_contact_ids(connection, typed) == ids, typed

        _migrate(engine, "downgrade", "0006")
        assert _phone_index_prefixes(engine) in (None, "'2 3 4 5'")
        with engine.connect() as connection:
            # Revision 0001's suffix tokens: a run typed is the start of one of them.
            sql = (
                "SELECT doc FROM contact_search_phone WHERE rowid = 1"
                if engine.dialect.name == "sqlite"
                else "SELECT string_agg(substr(token, 2), ' ' ORDER BY token)"
                " FROM contact_search_token WHERE contact_id = 1 AND token LIKE '#%%'"
            )
            tokens = set(str(connection.exec_driver_sql(sql).scalar_one()).split())
        assert {"85269865822", "69865822", "9865822", "822", "37568623"} <= tokens
        assert "5822" in tokens and "8526" not in tokens
    finally:
        engine.dispose()


# 0008: the SQLite search indexes take our tokens as they are (ascii tokenizer, no sizes).


def _search_table_sql(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return [
            str(sql)
            for (sql,) in connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name IN "
                "('contact_search', 'contact_search_phone') ORDER BY name"
            )
        ]


def test_0008_keeps_every_indexed_document_and_0007_has_the_unicode_tokenizer_back(
    tmp_path: Path,
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'pressdesk.sqlite'}")
    documents = [
        (1, search_document(["黃嘉琪", "June Wong", None, "客戶總監", "Account Director"],
                            ["June.Wong@edelman.com"], ["+85269865822"])),
        (2, search_document(["José Müller", "Ｗｏｎｇ Ｋａ Ｙａｎ"], [], ["+8613512345678"])),
        (3, search_document(["김민수", "Straße"], ["o.neil@rthk.hk"], [])),
    ]  # fmt: skip
    searches = {
        "嘉琪": [1], "黃": [1], "june wo": [1], "edelman.com": [1], "5822": [1],
        "6986": [1], "jose": [2], "MÜLLER": [2], "wong ka": [2], "wong": [1, 2],
        "1351": [2], "김민": [3], "strasse": [3], "rthk": [3], "nobody": [],
    }  # fmt: skip
    try:
        _migrate(engine, "upgrade", "0007")
        with engine.begin() as connection:
            insert_documents(connection, documents)
        assert all(
            "unicode61" in sql and "columnsize" not in sql for sql in _search_table_sql(engine)
        )
        for revision, action in (("0008", "upgrade"), ("0007", "downgrade")):
            _migrate(engine, action, revision)
            sql = _search_table_sql(engine)
            if revision == "0008":
                assert all("tokenize='ascii'" in s and "columnsize=0" in s for s in sql), sql
            else:
                assert all("unicode61" in s and "columnsize" not in s for s in sql), sql
            with engine.connect() as connection:
                assert (
                    connection.exec_driver_sql(
                        "SELECT count(*) FROM sqlite_master WHERE name LIKE '%_before%'"
                    ).scalar_one()
                    == 0
                )
                for typed, ids in searches.items():
                    assert search_contact_ids(connection, typed) == ids, (revision, typed)
    finally:
        engine.dispose()
