"""Shared fixtures: a fresh SQLite file or PostgreSQL database per test, Qt offscreen."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.helpers.postgres import PostgresServer, start_postgres

REPO = Path(__file__).resolve().parent.parent
SEED_RELEASE = REPO / "resources" / "releases" / "2023-12-01-hkstp-horizon-mou.txt"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the developer's real data, settings or keyring."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("PRESSDESK_DB", raising=False)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server: PRESSDESK_TEST_PG_URL's, or one started for this run."""
    given = os.environ.get("PRESSDESK_TEST_PG_URL")
    if given:
        from sqlalchemy.engine import make_url

        url = make_url(given)
        yield PostgresServer(url.host or "127.0.0.1", url.port or 5432, url.username or "postgres")
        return
    server, reason = start_postgres()
    if server is None:
        if os.environ.get("PRESSDESK_REQUIRE_PG"):
            pytest.fail(f"PostgreSQL is required here (PRESSDESK_REQUIRE_PG) but {reason}")
        pytest.skip(f"PostgreSQL tests skipped: no PRESSDESK_TEST_PG_URL given and {reason}")
    try:
        yield server
    finally:
        server.stop()


def _new_pg_database(server: PostgresServer) -> str:
    import psycopg

    name = f"pressdesk_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(
        server.url("postgres").replace("postgresql://", "postgresql://", 1), autocommit=True
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server.url(name)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    return _new_pg_database(postgres_server)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite file for one test, written the way a user would give it."""
    return f"sqlite:///{tmp_path / 'pressdesk.sqlite'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each test that takes this runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'pressdesk.sqlite'}"
    server = request.getfixturevalue("postgres_server")
    return _new_pg_database(server)


@pytest.fixture
def database(db_url: str) -> Iterator[object]:
    """An open, migrated database on each engine."""
    from db.engine import open_database

    database = open_database(db_url)
    try:
        yield database
    finally:
        database.dispose()
