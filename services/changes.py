"""Telling an open window that a colleague changed the database, cheaply enough to ask often.

:class:`ChangeWatcher` answers "has anything changed since I last asked?" and is meant
to be polled from a timer (every 500 ms): each poll costs microseconds and never blocks.

- SQLite: ``PRAGMA data_version`` on a connection of the watcher's own. Its value
  changes when any other connection (another app instance, or this process's own
  sessions) commits to the file.
- PostgreSQL: ``LISTEN pressdesk_changes`` on a dedicated autocommit connection. Every
  transaction that wrote sends ``NOTIFY pressdesk_changes`` just before it commits (a
  listener on all engines, installed when this module is imported); PostgreSQL delivers
  the notification only if the transaction commits, so a rolled-back save announces
  nothing. This covers ORM saves and Core bulk writes alike, but only from processes
  that imported this module: the GUI and the command line do.
"""

from __future__ import annotations

import re
import sqlite3
import time
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine.interfaces import DBAPICursor, ExecutionContext

from db.engine import Database

CHANNEL = "pressdesk_changes"
# After losing the server, try to listen again at most this often (seconds).
RECONNECT_INTERVAL = 5.0
_WROTE = "pressdesk_wrote"
_WRITE_STATEMENT = re.compile(
    r"^\s*(?:INSERT|UPDATE|DELETE|MERGE|TRUNCATE|COPY|WITH)\b", re.IGNORECASE
)


@event.listens_for(Engine, "after_cursor_execute")
def _note_write(
    conn: Connection,
    _cursor: DBAPICursor,
    statement: str,
    _parameters: Any,
    _context: ExecutionContext | None,
    _executemany: bool,
) -> None:
    if conn.dialect.name == "postgresql" and _WRITE_STATEMENT.match(statement):
        conn.info[_WROTE] = True


@event.listens_for(Engine, "commit")
def _announce(conn: Connection) -> None:
    # Runs just before the DBAPI commit, inside the transaction: the notification is
    # delivered with the commit, or not at all.
    if conn.info.pop(_WROTE, False):
        dbapi_connection = conn.connection.dbapi_connection
        assert dbapi_connection is not None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"NOTIFY {CHANNEL}")
        finally:
            cursor.close()


@event.listens_for(Engine, "rollback")
def _forget(conn: Connection) -> None:
    conn.info.pop(_WROTE, None)


class ChangeWatcher:
    """Polls for changes other connections committed to the database.

    Use one per window (or one per application, fanned out by the GUI); close it when
    the window closes, or use it as a context manager.
    """

    def __init__(self, database: Database) -> None:
        """Open the watcher's own connection; changes committed from now on are seen.

        Args:
            database: the open database.
        """
        self._database = database
        self._sqlite: sqlite3.Connection | None = None
        self._pg: Any = None
        self._data_version: int | None = None
        self._next_reconnect = 0.0
        if database.is_sqlite:
            # Autocommit (isolation_level=None): an open read transaction would freeze
            # data_version and hold back checkpoints.
            self._sqlite = sqlite3.connect(
                str(database.url.database), isolation_level=None, check_same_thread=False
            )
            self._data_version = self._read_data_version()
        else:
            self._pg = self._listen()

    def poll(self) -> bool:
        """True when the database changed since the last poll (or since the watcher opened).

        Never waits: meant for a 500 ms timer on the GUI thread.
        """
        if self._sqlite is not None:
            return self._poll_sqlite()
        return self._poll_postgres()

    def close(self) -> None:
        """Close the watcher's connection."""
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        if self._pg is not None:
            self._pg.close()
            self._pg = None

    def __enter__(self) -> ChangeWatcher:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- SQLite ------------------------------------------------------------------------

    def _read_data_version(self) -> int:
        assert self._sqlite is not None
        row = self._sqlite.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def _poll_sqlite(self) -> bool:
        try:
            version = self._read_data_version()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                return False  # a restore or a checkpoint holds the file; ask again next time
            raise
        changed = version != self._data_version
        self._data_version = version
        return changed

    # --- PostgreSQL --------------------------------------------------------------------

    def _listen(self) -> Any:
        import psycopg  # noqa: PLC0415 - only PostgreSQL users need it loaded

        url = self._database.url.set(drivername="postgresql")
        connection = psycopg.connect(
            url.render_as_string(hide_password=False), autocommit=True, connect_timeout=5
        )
        connection.execute(f"LISTEN {CHANNEL}")
        return connection

    def _poll_postgres(self) -> bool:
        import psycopg  # noqa: PLC0415

        if self._pg is not None:
            try:
                return sum(1 for _ in self._pg.notifies(timeout=0)) > 0
            except psycopg.OperationalError:
                self._pg.close()
                self._pg = None
                self._next_reconnect = 0.0
        if time.monotonic() < self._next_reconnect:
            return False
        try:
            self._pg = self._listen()
        except psycopg.OperationalError:
            self._next_reconnect = time.monotonic() + RECONNECT_INTERVAL
            return False
        return True  # whatever happened while we were not listening is unknown: refresh
