"""Opening databases: URLs as users write them, SQLite durability settings, migrations."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from db.engine import DatabaseUrlError, open_database, resolve_database_url
from db.migrate import current_revision, head_revision


def test_plain_postgres_url_uses_psycopg() -> None:
    url = resolve_database_url("postgresql://press:secret@db.example:5433/office")
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.database, url.username) == (
        "db.example",
        5433,
        "office",
        "press",
    )


def test_plain_path_is_sqlite(tmp_path: Path) -> None:
    url = resolve_database_url(str(tmp_path / "a.sqlite"))
    assert url.drivername == "sqlite+pysqlite"
    assert url.database == str(tmp_path / "a.sqlite")


def test_default_is_user_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    url = resolve_database_url(None)
    assert url.database == str(tmp_path / "PressDesk" / "pressdesk.sqlite")


def test_env_var_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PRESSDESK_DB", f"sqlite:///{tmp_path}/x.sqlite")
    assert resolve_database_url(None).database == f"{tmp_path}/x.sqlite"


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("mysql://u@h/db", "Unsupported database 'mysql'"), ("sqlite://", "in-memory")],
)
def test_unusable_urls_are_refused_with_a_reason(value: str, fragment: str) -> None:
    with pytest.raises(DatabaseUrlError, match=fragment):
        resolve_database_url(value)


def test_sqlite_runs_in_wal_with_full_sync(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    with database.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    database.dispose()


def test_new_database_is_at_head(database: object) -> None:
    assert current_revision(database.engine) == head_revision()  # type: ignore[attr-defined]
