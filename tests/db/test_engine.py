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


def _fill(session: object, rows: int) -> None:
    """Write enough pages for SQLite's automatic checkpoint (1000 pages) to want to run."""
    connection = session.connection()  # type: ignore[attr-defined]
    connection.execute(text("CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, v TEXT)"))
    connection.execute(
        text("INSERT INTO filler (v) VALUES (:v)"), [{"v": f"{i:08d}" * 60} for i in range(rows)]
    )


def test_bulk_commit_leaves_the_checkpoint_to_a_thread(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = open_database(sqlite_url)
    path = Path(database.url.database or "")
    started: list[bool] = []
    monkeypatch.setattr(database, "_checkpoint_in_background", lambda: started.append(True))
    size_before = path.stat().st_size
    with database.session(bulk=True) as session:
        _fill(session, 20_000)  # ~10 MB, ~2 500 pages
    # Committed: another connection reads it all, from the WAL; the file is not written yet.
    with database.session(write=False) as session:
        assert session.execute(text("SELECT count(*) FROM filler")).scalar() == 20_000
    assert started == [True]
    assert path.stat().st_size < size_before + 1_000_000
    # The pooled connection checkpoints by itself again after an ordinary commit.
    with database.session() as session:
        assert session.execute(text("PRAGMA wal_autocheckpoint")).scalar() == 1000
        session.execute(text("INSERT INTO filler (v) VALUES ('x')"))
    assert path.stat().st_size > size_before + 9_000_000
    database.dispose()


def test_bulk_commit_is_checkpointed_by_the_time_the_database_is_closed(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    path = Path(database.url.database or "")
    with database.session(bulk=True) as session:
        _fill(session, 20_000)
    database.dispose()  # waits for the checkpoint thread
    assert path.stat().st_size > 9_000_000
    reopened = open_database(sqlite_url)
    with reopened.session(write=False) as session:
        assert session.execute(text("SELECT count(*) FROM filler")).scalar() == 20_000
    reopened.dispose()


def test_rolled_back_bulk_session_starts_no_checkpoint(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = open_database(sqlite_url)
    started: list[bool] = []
    monkeypatch.setattr(database, "_checkpoint_in_background", lambda: started.append(True))
    with pytest.raises(RuntimeError), database.session(bulk=True) as session:
        _fill(session, 100)
        raise RuntimeError("cancelled")
    assert started == []
    with database.session() as session:
        assert session.execute(text("PRAGMA wal_autocheckpoint")).scalar() == 1000
        assert (
            session.execute(
                text("SELECT count(*) FROM sqlite_master WHERE name = 'filler'")
            ).scalar()
            == 0
        )
    database.dispose()
