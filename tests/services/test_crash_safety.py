"""kill -9 in the middle of a large import or a save leaves the database as it was.

Each test starts a real child process (``sys.executable -c``) that works on the database
the way the application does, waits until the child is verifiably in the middle of its
transaction (it writes a marker file from inside it), kills it with SIGKILL, then
reopens the database: the integrity check passes and every table holds exactly what it
held before, so the half-done work is wholly absent, and the database takes new writes.

``sqlite-spill`` runs the child with a small page cache, so the uncommitted pages of the
killed transaction are already in the ``-wal`` file when it dies (with the application's
64 MiB cache they may still be in memory): the harder case for recovery.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from db.engine import Database, open_database
from services.contact_import import import_contacts
from services.release_import import import_release_file
from services.roster import search_contacts
from tests.benchmarks.synthetic import synthetic_contacts
from tests.conftest import REPO, SEED_RELEASE

CHILD_TIMEOUT = 120.0

# The child's opening lines: open the database given on the command line, as the
# application does; "spill" shrinks the page cache so dirty pages go to the -wal early.
_OPEN = """
import sys, time
from pathlib import Path
from sqlalchemy import event
from db.engine import open_database

url, marker, mode = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
database = open_database(url, upgrade=False)
if mode == "sqlite-spill":
    @event.listens_for(database.engine, "connect")
    def _small_cache(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA cache_size = -256")
"""

IMPORT_CHILD = (
    _OPEN
    + """
from services.contact_import import import_contacts
from tests.benchmarks.synthetic import synthetic_contacts

def progress(done, total):
    if not marker.exists():  # the first batch is written, inside the transaction
        marker.write_text(f"imported {done} of {total}, not committed")
    return True

import_contacts(
    database, synthetic_contacts(50_000, seed=7), source="synthetic.csv",
    workers=1, progress=progress, total=50_000,
)
marker.write_text("finished")
"""
)

SAVE_CHILD = (
    _OPEN
    + """
from sqlalchemy import select
from db.models import Contact

with database.session() as session:
    contacts = session.scalars(select(Contact).order_by(Contact.id)).all()
    saved = 0
    for round_ in range(1_000_000):  # a long save: every contact edited, again and again
        for contact in contacts:
            contact.notes = f"edited by the killed process, round {round_}"
            contact.title_en = "Changed"
            saved += 1
            if saved % 200 == 0:
                session.flush()
            if saved == 1200:
                marker.write_text("1200 edits flushed, not committed")
marker.write_text("finished")
"""
)


def start_child(code: str, *args: str) -> subprocess.Popen[str]:
    """Run ``code`` in a new Python process with the repository importable."""
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=REPO,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_file(path: Path, child: subprocess.Popen[str], timeout: float = CHILD_TIMEOUT) -> None:
    """Wait until ``path`` exists; fail with the child's output if it ends first."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if child.poll() is not None:
            out, err = child.communicate()
            pytest.fail(f"the child ended early ({child.returncode}):\n{out}\n{err}")
        if time.monotonic() > deadline:
            pytest.fail(f"no {path.name} after {timeout} s")
        time.sleep(0.01)


def stop(child: subprocess.Popen[str]) -> None:
    """Make sure a child is gone (a failed test must not leave it running)."""
    if child.poll() is None:
        child.kill()
    child.communicate(timeout=30)


@pytest.fixture(
    params=["sqlite", "sqlite-spill", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def crash_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(URL, mode) of a migrated database holding the seed release."""
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_url")
    else:
        url = str(tmp_path / "pressdesk.sqlite")
    database = open_database(url)
    import_release_file(database, SEED_RELEASE)
    database.dispose()
    yield url, request.param


def _snapshot(database: Database) -> dict[str, int]:
    """Rows in every table, the search index's included."""
    with database.engine.connect() as connection:
        tables = sa.inspect(connection).get_table_names()
        return {
            table: connection.execute(sa.text(f'SELECT count(*) FROM "{table}"')).scalar_one()
            for table in tables
        }


def _wal_size(url: str) -> int:
    wal = Path(f"{url}-wal")
    return wal.stat().st_size if wal.exists() else 0


def _kill_mid_transaction(code: str, url: str, mode: str, marker: Path) -> int:
    """Start the child, wait for its marker, SIGKILL it; return the -wal size at the kill."""
    child = start_child(code, url, str(marker), mode)
    try:
        wait_for_file(marker, child)
        assert child.poll() is None, "the child finished before it could be killed"
        wal = _wal_size(url) if mode.startswith("sqlite") else 0
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        stop(child)
    assert child.returncode == -signal.SIGKILL
    assert marker.read_text() != "finished"
    return wal


def _check_intact(url: str, mode: str, before: dict[str, int]) -> None:
    if mode.startswith("sqlite"):
        connection = sqlite3.connect(url)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            connection.close()
    database = open_database(url)
    try:
        assert _snapshot(database) == before
        assert {c["name_zh"] for c in search_contacts(database, "溫安怡")} == {"溫安怡"}
        # Not left locked: the next import goes through.
        report = import_contacts(
            database, synthetic_contacts(50, seed=99), source="after.csv", workers=1
        )
        assert report.written
    finally:
        database.dispose()


def test_a_killed_import_leaves_no_trace(crash_db: tuple[str, str], tmp_path: Path) -> None:
    url, mode = crash_db
    database = open_database(url, upgrade=False)
    before = _snapshot(database)
    database.dispose()
    wal_before = _wal_size(url)

    wal_at_kill = _kill_mid_transaction(IMPORT_CHILD, url, mode, tmp_path / "importing")

    if mode == "sqlite-spill":
        # The killed transaction's pages really were in the -wal file.
        assert wal_at_kill > wal_before + 1_000_000
    _check_intact(url, mode, before)


def test_a_killed_save_leaves_no_trace(crash_db: tuple[str, str], tmp_path: Path) -> None:
    url, mode = crash_db
    database = open_database(url, upgrade=False)
    import_contacts(database, synthetic_contacts(400, seed=3), source="roster.csv", workers=1)
    before = _snapshot(database)
    with database.session(write=False) as session:
        contacts_before = session.execute(
            sa.text("SELECT id, notes, title_en, version, updated_at FROM contact ORDER BY id")
        ).all()
    database.dispose()

    _kill_mid_transaction(SAVE_CHILD, url, mode, tmp_path / "saving")

    database = open_database(url, upgrade=False)
    try:
        with database.session(write=False) as session:
            contacts_after = session.execute(
                sa.text("SELECT id, notes, title_en, version, updated_at FROM contact ORDER BY id")
            ).all()
    finally:
        database.dispose()
    assert contacts_after == contacts_before
    _check_intact(url, mode, before)
