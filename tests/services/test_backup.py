"""Backups, restore (including refused files), and upgrades from the first schema.

The database of the first schema version is checked in as
``tests/data/pressdesk-schema-0001.sqlite``; :func:`build_schema_0001_database` made it
and makes it again if ever needed::

    .venv/bin/python -c "from pathlib import Path; \\
        from tests.services.test_backup import build_schema_0001_database as build; \\
        build(Path('tests/data/pressdesk-schema-0001.sqlite'))"
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import tempfile
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import URL
from sqlmodel import col

import db.migrate
from cli.main import EXIT_OK, EXIT_REJECTED, run
from db.engine import Database, make_engine, open_database
from db.migrate import MigrationError, alembic_config, current_revision, head_revision
from db.models import Contact, Organization
from services.backup import (
    BackupError,
    auto_backup,
    backup_database,
    backups_folder,
    list_backups,
    postgres_backup_help,
    restore_database,
)
from services.release_import import import_release_file
from services.roster import lookup_number, search_contacts
from tests.conftest import REPO, SEED_RELEASE
from tests.helpers.postgres import PostgresServer

SCHEMA_0001 = REPO / "tests" / "data" / "pressdesk-schema-0001.sqlite"
# Tables whose rows the first-schema database holds (the search index is copied apart).
_DATA_TABLES = (
    "organization",
    "release",
    "contact",
    "release_issuer",
    "contact_email",
    "contact_phone",
    "contact_tag",
    "inquiry",
    "release_media_contact",
    "release_spokesperson",
    "call_log",
    "sent_email",
    "email_template",
    "app_meta",
    "audit_entry",
)
_EXTRA_ROWS_0001 = """
INSERT INTO contact_tag (contact_id, tag)
    SELECT id, 'tech desk' FROM contact WHERE name_zh = '黃嘉琪';
INSERT INTO inquiry (id, release_id, received_at, channel, journalist_id, outlet_id, phone,
        email, question, deadline, owner_id, status, first_response_at, notes, created_at,
        created_by, updated_at, deleted_at, version)
    SELECT 1, (SELECT id FROM release), '2023-12-01 03:15:00.000000', 'phone', c.id,
        c.organization_id, '+85291234567', NULL, '合作備忘錄何時簽署？ When is the MOU signed?',
        '2023-12-01 09:00:00.000000', (SELECT id FROM contact WHERE name_zh = '溫安怡'),
        'in_progress', '2023-12-01 03:40:00.000000', 'Call back before 5 pm',
        '2023-12-01 03:15:00.000000', 'angela', NULL, NULL, 2
    FROM contact c WHERE c.name_zh = '黃嘉琪';
INSERT INTO call_log (id, contact_id, inquiry_id, release_id, direction, number, started_at,
        duration_seconds, summary, follow_up, created_by, created_at)
    SELECT 1, journalist_id, 1, release_id, 'incoming', '+85291234567',
        '2023-12-01 03:15:00.000000', 95, 'Asked when the MOU is signed', 1, 'angela',
        '2023-12-01 03:15:00.000000'
    FROM inquiry WHERE id = 1;
INSERT INTO audit_entry (at, user, entity, entity_id, action, field_name, old_value, new_value)
    VALUES ('2023-12-01 03:40:00.000000', 'angela', 'inquiry', 1, 'update', 'status', 'new',
        'in_progress');
INSERT INTO app_meta (key, value) VALUES ('bundled_release_offered', '2023-12-01-hkstp-horizon-mou.txt');
"""


def build_schema_0001_database(path: Path) -> None:
    """Write a small database of schema 0001 holding the seed release and one inquiry.

    The seed release is imported by today's importer into a scratch database, and its rows
    are copied with plain SQL into a file that Alembic brought only to revision 0001
    (column by column, so it works whatever later revisions add); then an inquiry, a call,
    a tag and an audit entry are added. The file is left in rollback-journal mode (no
    ``-wal``) and vacuumed, so it is one small file.
    """
    with tempfile.TemporaryDirectory() as scratch:
        head_file = Path(scratch) / "head.sqlite"
        database = open_database(str(head_file))
        import_release_file(database, SEED_RELEASE)
        database.dispose()
        path.unlink(missing_ok=True)
        engine = make_engine(URL.create("sqlite+pysqlite", database=str(path)))
        config = alembic_config(engine)
        with engine.begin() as alembic_connection:
            config.attributes["connection"] = alembic_connection
            command.upgrade(config, "0001")
        engine.dispose()
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            connection.execute("ATTACH DATABASE ? AS head", (str(head_file),))
            connection.execute("BEGIN")
            for table in _DATA_TABLES:
                head_columns = {
                    row[1] for row in connection.execute(f"PRAGMA head.table_info('{table}')")
                }
                columns = ", ".join(
                    f'"{row[1]}"'
                    for row in connection.execute(f"PRAGMA main.table_info('{table}')")
                    if row[1] in head_columns
                )
                connection.execute(
                    f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM head."{table}"'
                )
            for (table,) in connection.execute(
                "SELECT name FROM main.sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
            ).fetchall():
                connection.execute(
                    f'INSERT INTO main."{table}" (rowid, doc) SELECT rowid, doc FROM head."{table}"'
                )
            connection.execute("COMMIT")
            connection.executescript(f"BEGIN; {_EXTRA_ROWS_0001} COMMIT;")
            connection.execute("DETACH DATABASE head")
            connection.execute("PRAGMA journal_mode = DELETE")
            connection.execute("PRAGMA page_size = 1024")
            connection.execute("VACUUM")
        finally:
            connection.close()


# --- helpers -----------------------------------------------------------------------------


def _counts(path: Path) -> dict[str, int]:
    """Rows per data table, read with plain sqlite3 (no application code in between)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in _DATA_TABLES
        }
    finally:
        connection.close()


def _integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def _revision(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        connection.close()


def _columns(path: Path, table: str) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return {row[1] for row in connection.execute(f"PRAGMA table_info('{table}')")}
    finally:
        connection.close()


def _copy_of_schema_0001(folder: Path, name: str = "old.sqlite") -> Path:
    # A plain copy is safe here: the checked-in file has no -wal (asserted below).
    assert not Path(f"{SCHEMA_0001}-wal").exists()
    target = folder / name
    shutil.copyfile(SCHEMA_0001, target)
    return target


def _seeded(target: Path | str) -> Database:
    database = open_database(str(target))
    import_release_file(database, SEED_RELEASE)
    return database


def _names(database: Database) -> set[str]:
    with database.session(write=False) as session:
        return {
            c.name_zh or c.name_en or ""
            for c in session.scalars(sa.select(Contact).where(col(Contact.deleted_at).is_(None)))
        }


def _rename_everyone(database: Database, suffix: str) -> None:
    with database.session() as session:
        for contact in session.scalars(sa.select(Contact)):
            contact.notes = f"edited {suffix}"
        session.add(Organization(name_en=f"Added {suffix}"))


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", "-journal")))


def _broken_migrations(folder: Path) -> Path:
    """A copy of the migration scripts with one more revision that fails half-way."""
    scripts = folder / "migrations"
    shutil.copytree(
        db.migrate.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__")
    )
    (scripts / "versions" / "9999_broken.py").write_text(
        textwrap.dedent(
            f'''\
            """a migration that fails after changing things"""

            import sqlalchemy as sa
            from alembic import op

            revision = "9999"
            down_revision = "{head_revision()}"
            branch_labels = None
            depends_on = None


            def upgrade():
                op.add_column("contact", sa.Column("nickname", sa.String(), nullable=True))
                op.execute("UPDATE contact SET notes = 'touched by the broken migration'")
                op.execute("SELECT no_such_function()")


            def downgrade():
                pass
            '''
        ),
        encoding="utf-8",
    )
    return scripts


# --- the checked-in database of the first schema ---------------------------------------


def test_the_checked_in_database_is_of_the_first_schema() -> None:
    assert SCHEMA_0001.stat().st_size < 200_000
    assert _revision(SCHEMA_0001) == "0001"
    assert _integrity(SCHEMA_0001) == "ok"
    counts = _counts(SCHEMA_0001)
    assert counts["contact"] == 7
    assert counts["inquiry"] == counts["call_log"] == counts["contact_tag"] == 1
    assert "sort_key" not in _columns(SCHEMA_0001, "contact")  # added by 0003


def test_a_first_schema_database_upgrades_on_open_with_its_data_intact(tmp_path: Path) -> None:
    path = _copy_of_schema_0001(tmp_path)
    before = _counts(path)

    database = open_database(str(path))
    try:
        assert current_revision(database.engine) == head_revision() != "0001"
        assert _counts(path) == before
        assert _integrity(path) == "ok"
        (wan,) = [c for c in search_contacts(database, "溫安怡") if c["name_zh"] == "溫安怡"]
        assert [p["e164"] for p in wan["phones"]] == ["+85226292329"]
        assert [e["address"] for e in wan["emails"]] == ["angela.wan@hkstp.org"]
        assert {c["name_zh"] for c in lookup_number(database, "2629 2329")} == {"溫安怡"}
        with database.session(write=False) as session:
            question, phone, version = session.execute(
                sa.text("SELECT question, phone, version FROM inquiry WHERE id = 1")
            ).one()
            tags = session.execute(sa.text("SELECT tag FROM contact_tag")).scalars().all()
        assert (question, phone, version) == (
            "合作備忘錄何時簽署？ When is the MOU signed?",
            "+85291234567",
            2,
        )
        assert tags == ["tech desk"]
    finally:
        database.dispose()


def test_a_failing_migration_leaves_a_sqlite_database_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy_of_schema_0001(tmp_path)
    before = _counts(path)
    monkeypatch.setattr(db.migrate, "MIGRATIONS_DIR", _broken_migrations(tmp_path))

    with pytest.raises(MigrationError) as raised:
        open_database(str(path))

    message = str(raised.value)
    assert message.startswith("Could not upgrade the database to schema 9999: ")
    assert "no_such_function" in message
    assert message.endswith("Nothing was changed; the database keeps its previous schema.")
    assert _revision(path) == "0001"  # 0002 and 0003 were rolled back with the failure
    assert {"nickname", "sort_key"}.isdisjoint(_columns(path, "contact"))
    assert _counts(path) == before
    assert _integrity(path) == "ok"
    connection = sqlite3.connect(path)
    try:
        assert connection.execute(
            "SELECT count(*) FROM contact WHERE notes LIKE 'touched%'"
        ).fetchone() == (0,)
        assert (
            connection.execute(
                "SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp%'"
            ).fetchall()
            == []
        )
    finally:
        connection.close()

    monkeypatch.undo()
    database = open_database(str(path))  # the real scripts still upgrade it
    database.dispose()
    assert _revision(path) == head_revision()


@pytest.mark.postgres
def test_a_failing_migration_leaves_a_postgresql_database_unchanged(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(postgres_url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            sa.text(
                "INSERT INTO organization (name_en, kind, phone_region, created_at, version)"
                " VALUES ('Ming Pao', 'media', 'HK', now(), 1)"
            )
        )
    monkeypatch.setattr(db.migrate, "MIGRATIONS_DIR", _broken_migrations(tmp_path))

    with pytest.raises(MigrationError, match=r"(?s)schema 9999: .*Nothing was changed"):
        open_database(postgres_url)

    assert current_revision(engine) == "0001"
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT name_en FROM organization")).scalars().all() == [
            "Ming Pao"
        ]
        indexes = (
            connection.execute(
                sa.text("SELECT indexname FROM pg_indexes WHERE tablename = 'inquiry'")
            )
            .scalars()
            .all()
        )
        columns = (
            connection.execute(
                sa.text(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = 'contact'"
                )
            )
            .scalars()
            .all()
        )
    assert "ix_inquiry_received" not in indexes  # 0002 rolled back
    assert {"nickname", "sort_key"}.isdisjoint(columns)
    engine.dispose()


# --- backup ------------------------------------------------------------------------------


def test_backup_is_an_online_snapshot_of_committed_data_only(tmp_path: Path) -> None:
    database = _seeded(tmp_path / "live.sqlite")
    committed = _counts(tmp_path / "live.sqlite")
    # A colleague's transaction is half-way: its rows must not be in the backup.
    writer = sqlite3.connect(tmp_path / "live.sqlite", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO organization (name_en, kind, phone_region, created_at, version) "
        "VALUES ('Uncommitted', 'media', 'HK', '2026-01-01 00:00:00', 1)"
    )
    try:
        backup = backup_database(database, tmp_path / "copy.sqlite")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        database.dispose()

    assert backup == tmp_path / "copy.sqlite"
    assert _counts(backup) == committed
    assert _integrity(backup) == "ok"
    assert not Path(f"{backup}-wal").exists()
    connection = sqlite3.connect(backup)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    connection.close()
    assert _leftovers(tmp_path) == []


def test_backup_into_a_folder_names_the_file_and_refuses_to_overwrite(tmp_path: Path) -> None:
    database = _seeded(tmp_path / "pressdesk.sqlite")
    folder = tmp_path / "backups"
    folder.mkdir()
    try:
        made = backup_database(database, folder)
        assert made.parent == folder
        assert made.name.startswith("pressdesk-") and made.suffix == ".sqlite"

        with pytest.raises(BackupError, match="already exists; choose another name"):
            backup_database(database, made)
        assert backup_database(database, made, overwrite=True) == made

        with pytest.raises(BackupError, match=r"The folder .*missing does not exist"):
            backup_database(database, tmp_path / "missing" / "x.sqlite")
        with pytest.raises(BackupError, match="is the database itself"):
            backup_database(database, tmp_path / "pressdesk.sqlite", overwrite=True)
    finally:
        database.dispose()


@pytest.mark.postgres
def test_backup_on_postgresql_says_how_to_use_pg_dump(postgres_url: str) -> None:
    database = open_database(postgres_url)
    try:
        with pytest.raises(BackupError) as raised:
            backup_database(database, "anything.sqlite")
        assert "pg_dump --format=custom" in raised.value.message
        assert "pg_restore" in raised.value.message
        assert f"/{database.url.database}" in raised.value.message
        assert auto_backup(database).created is None
    finally:
        database.dispose()


def _pg_commands(help_text: str, dump: Path) -> list[list[str]]:
    """The pg_dump / createdb / pg_restore commands of the help text, ready to run."""
    lines = []
    pending = ""
    for line in help_text.splitlines():
        stripped = line.strip()
        if pending:
            pending += " " + stripped.rstrip("\\").strip()
            if not stripped.endswith("\\"):
                lines.append(pending)
                pending = ""
        elif stripped.startswith(("pg_dump ", "createdb ", "pg_restore ")):
            if stripped.endswith("\\"):
                pending = stripped.rstrip("\\").strip()
            else:
                lines.append(stripped)
    return [shlex.split(line.replace("pressdesk-YYYY-MM-DD.dump", str(dump))) for line in lines]


@pytest.mark.postgres
def test_the_postgresql_backup_instructions_work(
    postgres_url: str, postgres_server: PostgresServer, tmp_path: Path
) -> None:
    binaries = {}
    for name in ("pg_dump", "pg_restore", "createdb"):
        found = shutil.which(name) or next(
            iter(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)), None
        )
        if found is None:
            pytest.skip(f"{name} is not installed")
        binaries[name] = str(found)
    database = _seeded(postgres_url)
    text = postgres_backup_help(database.url)
    database.dispose()
    dump = tmp_path / "pressdesk.dump"
    commands = _pg_commands(text, dump)
    # Back up, restore into a new database, restore over the original.
    assert [c[0] for c in commands] == ["pg_dump", "createdb", "pg_restore", "pg_restore"]
    for argv in commands:
        result = subprocess.run(
            [binaries[argv[0]], *argv[1:]], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, result.stderr
    restored_url = f"{postgres_url}_restored"
    for url in (restored_url, postgres_url):
        restored = open_database(url)
        try:
            assert "溫安怡" in _names(restored)
        finally:
            restored.dispose()


# --- automatic backups ---------------------------------------------------------------------


def test_automatic_backups_once_a_day_and_pruned_after_keep_days(tmp_path: Path) -> None:
    database = _seeded(tmp_path / "pressdesk.sqlite")
    folder = tmp_path / "auto"
    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    try:
        first = auto_backup(database, keep_days=7, folder=folder, now=start)
        assert first.created is not None and first.removed == []
        assert first.created.name.endswith("-20261101T090000Z.sqlite")
        assert _integrity(first.created) == "ok"
        # Restarted the same day, or the daily timer an hour later: nothing new.
        for hours in (0, 1, 23.9):
            assert (
                auto_backup(database, 7, folder=folder, now=start + timedelta(hours=hours)).created
                is None
            )
        # Twenty days of daily starts.
        for day in range(1, 21):
            auto_backup(database, 7, folder=folder, now=start + timedelta(days=day, minutes=1))
        kept = list_backups(database, folder)
        assert len(kept) == 8  # today and the seven days before
        stamps = [p.name.rsplit("-", 1)[1] for p in kept]
        assert stamps == sorted(stamps, reverse=True)
        assert stamps[0] == "20261121T090100Z.sqlite"
        # A clock set back does not stop the backups for days.
        back = auto_backup(database, 7, folder=folder, now=start + timedelta(days=3))
        assert back.created is not None
        with pytest.raises(ValueError, match="keep_days must be at least 1"):
            auto_backup(database, 0, folder=folder)
    finally:
        database.dispose()


def test_automatic_backups_live_in_the_user_data_folder_and_crash_leftovers_go(
    tmp_path: Path,
) -> None:
    database = _seeded(tmp_path / "pressdesk.sqlite")
    try:
        assert backups_folder() == Path(os.environ["XDG_DATA_HOME"]) / "PressDesk" / "backups"
        backups_folder().mkdir(parents=True)
        made = auto_backup(database)
        assert made.created is not None and made.created.parent == backups_folder()
        leftover = backups_folder() / f".{made.created.name.rsplit('-', 1)[0]}-x.tmp"
        leftover.write_bytes(b"half a backup")
        auto_backup(database)
        assert not leftover.exists()
        other = _seeded(tmp_path / "other" / "pressdesk.sqlite")
        try:
            assert auto_backup(other).created is not None  # same name, another file
            assert list_backups(other) != list_backups(database)
        finally:
            other.dispose()
    finally:
        database.dispose()


# --- restore -----------------------------------------------------------------------------


def test_restore_puts_the_backup_back_and_keeps_what_it_replaced(tmp_path: Path) -> None:
    live = tmp_path / "pressdesk.sqlite"
    database = _seeded(live)
    backup = backup_database(database, tmp_path / "monday.sqlite")
    monday = _counts(backup)
    _rename_everyone(database, "on tuesday")
    tuesday = _counts(live)
    assert tuesday != monday

    result = restore_database(database, backup, folder=tmp_path / "kept")

    assert result.database == live and result.source == backup
    assert result.from_revision == result.revision == head_revision() and not result.upgraded
    assert _counts(live) == monday
    assert _integrity(live) == "ok"
    assert result.previous is not None and _counts(result.previous) == tuesday
    assert result.previous.name.endswith("-before-restore.sqlite")
    assert _counts(backup) == monday  # the backup itself is only read
    # The same Database object goes on working, on the restored data.
    with database.session(write=False) as session:
        notes = {c.notes for c in session.scalars(sa.select(Contact))}
    assert notes == {None}
    _rename_everyone(database, "after restore")
    database.dispose()
    assert _leftovers(tmp_path) == []


def test_restore_upgrades_a_backup_of_the_first_schema(tmp_path: Path) -> None:
    old = _copy_of_schema_0001(tmp_path)
    before = _counts(old)
    database = open_database(str(tmp_path / "pressdesk.sqlite"))
    try:
        result = restore_database(database, old, folder=tmp_path / "kept")
        assert (result.from_revision, result.revision, result.upgraded) == (
            "0001",
            head_revision(),
            True,
        )
        assert _counts(tmp_path / "pressdesk.sqlite") == before
        assert _revision(old) == "0001"  # the backup file itself is not upgraded
        assert "溫安怡" in _names(database)
    finally:
        database.dispose()


def _not_sqlite(folder: Path) -> Path:
    path = folder / "notes.sqlite"
    path.write_text("Journalists to call back: June Wong 9123 4567\n", encoding="utf-8")
    return path


def _empty(folder: Path) -> Path:
    path = folder / "empty.sqlite"
    path.write_bytes(b"")
    return path


def _other_sqlite(folder: Path) -> Path:
    path = folder / "firefox-places.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    connection.commit()
    connection.close()
    return path


def _no_alembic_version(folder: Path) -> Path:
    path = _copy_of_schema_0001(folder, "no-version.sqlite")
    connection = sqlite3.connect(path)
    connection.execute("DROP TABLE alembic_version")
    connection.commit()
    connection.close()
    return path


def _newer(folder: Path) -> Path:
    path = _copy_of_schema_0001(folder, "newer.sqlite")
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.commit()
    connection.close()
    return path


def _damaged(folder: Path) -> Path:
    path = _copy_of_schema_0001(folder, "damaged.sqlite")
    data = bytearray(path.read_bytes())
    page = 1024
    for offset in range(page * 8, page * 12):  # wipe a few pages of table b-trees
        data[offset] = 0x5A
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_not_sqlite, "is not a PressDesk database: it is not an SQLite database file"),
        (_empty, "is not a PressDesk database: it is not an SQLite database file"),
        (
            _other_sqlite,
            "is an SQLite database but not a PressDesk one: it has no alembic_version, "
            "contact, inquiry, organization, release tables",
        ),
        (_no_alembic_version, "but not a PressDesk one: it has no alembic_version table"),
        (_newer, r"was made by a newer PressDesk \(schema 0099\)"),
        (_damaged, "(is damaged|damaged or not a database)"),
        (lambda folder: folder / "missing.sqlite", "was not found"),
        (lambda folder: folder, "is not a file"),
    ],
    ids=["text", "empty", "other-sqlite", "no-version", "newer", "damaged", "missing", "folder"],
)
def test_restore_refuses_what_is_not_a_pressdesk_database(
    tmp_path: Path, make: Any, message: str
) -> None:
    live = tmp_path / "live" / "pressdesk.sqlite"
    database = _seeded(live)
    _rename_everyone(database, "today")
    database.dispose()
    before = _counts(live)
    bad_folder = tmp_path / "bad"
    bad_folder.mkdir()
    bad = make(bad_folder)

    database = open_database(str(live))
    try:
        with pytest.raises(BackupError, match=message) as raised:
            restore_database(database, bad, folder=tmp_path / "kept")
        assert (
            "Nothing was changed" in raised.value.message
            or "nothing was changed" in raised.value.message
        )
        assert _counts(live) == before
        assert _leftovers(live.parent) == []
        assert not (tmp_path / "kept").exists()  # nothing replaced, nothing to keep
    finally:
        database.dispose()


def test_restore_refuses_while_another_program_has_the_database_open(tmp_path: Path) -> None:
    live = tmp_path / "pressdesk.sqlite"
    database = _seeded(live)
    backup = backup_database(database, tmp_path / "backup.sqlite")
    _rename_everyone(database, "today")
    before = _counts(live)
    other = sqlite3.connect(live)  # another window still has it open
    other.execute("SELECT count(*) FROM contact").fetchone()
    try:
        with pytest.raises(BackupError, match="is open in another PressDesk window or program"):
            restore_database(database, backup, folder=tmp_path / "kept")
    finally:
        other.close()
    assert _counts(live) == before
    result = restore_database(database, backup, folder=tmp_path / "kept")  # once it is closed
    assert _counts(live) == _counts(backup)
    assert result.previous is not None
    database.dispose()


def test_restore_refuses_a_backup_whose_upgrade_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = tmp_path / "pressdesk.sqlite"
    database = _seeded(live)
    before = _counts(live)
    old = _copy_of_schema_0001(tmp_path)
    monkeypatch.setattr(db.migrate, "MIGRATIONS_DIR", _broken_migrations(tmp_path))
    try:
        with pytest.raises(BackupError, match="from an older PressDesk and could not be upgraded"):
            restore_database(database, old, folder=tmp_path / "kept")
    finally:
        database.dispose()
    assert _counts(live) == before
    assert _revision(old) == "0001"
    assert _leftovers(tmp_path) == []


@pytest.mark.postgres
def test_restore_on_postgresql_says_how_to_use_pg_restore(
    postgres_url: str, tmp_path: Path
) -> None:
    database = open_database(postgres_url)
    try:
        with pytest.raises(BackupError, match="pg_restore"):
            restore_database(database, _copy_of_schema_0001(tmp_path))
    finally:
        database.dispose()


# --- the command line ------------------------------------------------------------------------


def test_backup_and_restore_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    live = tmp_path / "pressdesk.sqlite"
    _seeded(live).dispose()
    before = _counts(live)

    assert run(["--db", str(live), "backup", str(tmp_path / "b.sqlite")]) == EXIT_OK
    out, _ = capsys.readouterr()
    assert out.strip() == f"Backed up {live} to {tmp_path / 'b.sqlite'}."

    assert run(["--db", str(live), "backup", str(tmp_path / "b.sqlite")]) == EXIT_REJECTED
    _, err = capsys.readouterr()
    assert "already exists; choose another name" in err

    database = open_database(str(live))
    _rename_everyone(database, "later")
    database.dispose()

    assert run(["--db", str(live), "restore", str(tmp_path / "b.sqlite"), "--json"]) == EXIT_OK
    out, _ = capsys.readouterr()
    data = json.loads(out)
    assert data["written"] is True and data["upgraded"] is False
    assert Path(data["previous"]).exists()
    assert _counts(live) == before

    notes = _not_sqlite(tmp_path)
    assert run(["--db", str(live), "restore", str(notes)]) == EXIT_REJECTED
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"pressdesk: {notes} is not a PressDesk database")
    assert _counts(live) == before

    old = _copy_of_schema_0001(tmp_path)
    assert run(["--db", str(live), "restore", str(old)]) == EXIT_OK
    out, _ = capsys.readouterr()
    assert f"It was upgraded from schema 0001 to {head_revision()}." in out


@pytest.mark.postgres
def test_backup_command_on_postgresql_prints_the_pg_dump_way(
    postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--db", postgres_url, "backup", "x.dump"]) == EXIT_REJECTED
    out, err = capsys.readouterr()
    assert "pg_dump --format=custom" in out
    assert "use pg_dump" in err
    assert run(["--db", postgres_url, "restore", "x.dump", "--json"]) == EXIT_REJECTED
    out, _ = capsys.readouterr()
    assert "pg_restore" in json.loads(out)["message"]
