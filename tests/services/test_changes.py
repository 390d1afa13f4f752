"""ChangeWatcher: a cheap "did anyone commit?" for the live roster, on both engines.

Another connection is played here by a second Database on the same URL (its own pool);
tests/services/test_concurrency.py does the same across real processes.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

import services.changes
from db.engine import Database, open_database
from db.models import Organization
from services.changes import ChangeWatcher
from services.contact_import import import_contacts
from tests.benchmarks.synthetic import synthetic_contacts


@pytest.fixture
def colleague(database: Database) -> Iterator[Database]:
    """The same database opened a second time, as another window or program would."""
    other = open_database(database.url, upgrade=False)
    try:
        yield other
    finally:
        other.dispose()


def _seen(watcher: ChangeWatcher, within: float = 2.0) -> bool:
    """Poll like the GUI's timer (PostgreSQL delivers notifications asynchronously)."""
    deadline = time.monotonic() + within
    while True:
        if watcher.poll():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)


def _quiet(watcher: ChangeWatcher) -> bool:
    """True when no change is reported over a short while."""
    return not _seen(watcher, within=0.3)


def _add_organization(database: Database, name: str) -> None:
    with database.session() as session:
        session.add(Organization(name_en=name))


def test_commits_are_seen_once_and_reads_and_rollbacks_are_not(
    database: Database, colleague: Database
) -> None:
    with ChangeWatcher(database) as watcher:
        assert _quiet(watcher)
        _add_organization(colleague, "Ming Pao")
        assert _seen(watcher)
        assert _quiet(watcher)  # reported once

        with colleague.session(write=False) as session:
            session.scalars(sa.select(Organization)).all()
        with colleague.session() as session:  # a write session that only reads
            session.get(Organization, 1)
        with pytest.raises(RuntimeError), colleague.session() as session:
            session.add(Organization(name_en="Cancelled"))
            session.flush()
            raise RuntimeError("cancel")
        assert _quiet(watcher)

        for name in ("A", "B", "C"):
            _add_organization(colleague, name)
        assert _seen(watcher)
        # Three commits cost at most a refresh each (PostgreSQL may deliver their
        # notifications in separate packets), and then the watcher falls quiet again.
        extra = sum(_seen(watcher, within=0.3) for _ in range(3))
        assert extra <= 2
        assert _quiet(watcher)


def test_bulk_writes_that_bypass_the_orm_are_seen(database: Database, colleague: Database) -> None:
    with ChangeWatcher(database) as watcher:
        report = import_contacts(colleague, synthetic_contacts(20), source="synthetic", workers=1)
        assert report.written
        assert _seen(watcher)


def test_the_sqlite_watcher_never_holds_a_transaction_open(tmp_path: Path) -> None:
    path = str(tmp_path / "pressdesk.sqlite")
    database = open_database(path)
    try:
        with ChangeWatcher(database) as watcher:
            _add_organization(database, "Ming Pao")
            assert watcher.poll()
            # A reader holding a snapshot would make a full checkpoint report "busy".
            connection = sqlite3.connect(path)
            busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            connection.close()
            assert busy == 0
    finally:
        database.dispose()


@pytest.mark.postgres
def test_postgresql_watcher_comes_back_after_losing_its_connection(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services.changes, "RECONNECT_INTERVAL", 0.0)
    database = open_database(postgres_url)
    try:
        with ChangeWatcher(database) as watcher:
            with database.engine.connect() as connection:
                connection.execute(
                    sa.text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE query LIKE 'LISTEN%' AND datname = current_database()"
                    )
                )
                connection.commit()
            # Losing the connection is reported as a change (what happened meanwhile is
            # unknown), then the watcher listens again and sees the next commit.
            assert _seen(watcher)
            assert _quiet(watcher)
            _add_organization(database, "Ming Pao")
            assert _seen(watcher)
    finally:
        database.dispose()
