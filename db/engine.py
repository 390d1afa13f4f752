"""Opening a database: URLs as users write them, SQLite durability, one unit of work per action."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_data_path
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

import db.indexing  # registers the listeners that keep the search index in step
import db.name_order  # noqa: F401 - registers the listener that keeps name sort keys in step

APP_NAME = "PressDesk"
DB_ENV_VAR = "PRESSDESK_DB"
SQLITE_BUSY_TIMEOUT_MS = 10_000
# SQLite's default: after a commit leaves this many pages in the WAL, copy them back.
SQLITE_WAL_AUTOCHECKPOINT = 1000
_READ_ONLY = "pressdesk_read_only"
_log = logging.getLogger(__name__)


class DatabaseUrlError(ValueError):
    """A --db / PRESSDESK_DB value that is not a database we can open."""


def default_database_path() -> Path:
    """Return where the embedded SQLite file lives for this user."""
    return user_data_path(APP_NAME, appauthor=False) / "pressdesk.sqlite"


def resolve_database_url(value: str | None = None) -> URL:
    """Turn what a user typed (or PRESSDESK_DB, or nothing) into a SQLAlchemy URL.

    Accepts ``postgresql://user:pw@host:5432/db`` (and ``postgres://``), ``sqlite:///path``,
    or a plain file path. PostgreSQL goes through psycopg 3.
    """
    text = (value if value is not None else os.environ.get(DB_ENV_VAR, "")).strip()
    if not text:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return URL.create("sqlite+pysqlite", database=str(path))
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text):
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser().resolve()))
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise DatabaseUrlError(f"Cannot read the database address {text!r}: {exc}") from exc
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if url.database in (None, "", ":memory:"):
            raise DatabaseUrlError(
                "An in-memory SQLite database would lose everything on exit; give a file path, "
                "e.g. sqlite:///home/me/pressdesk.sqlite"
            )
        return url.set(drivername="sqlite+pysqlite")
    raise DatabaseUrlError(
        f"Unsupported database {backend!r} in {text!r}: use sqlite:///path/to/file.sqlite "
        "or postgresql://user:password@host:5432/dbname"
    )


def _install_sqlite_durability(engine: Engine) -> None:
    """WAL, synchronous=FULL, a busy timeout and BEGIN IMMEDIATE for write transactions.

    pysqlite's own transaction handling begins lazily and "upgrades" a read transaction to a
    write one, which fails at once with "database is locked" when another connection has
    committed meanwhile (FIELD-NOTES.md). Taking the write lock at BEGIN avoids that; the
    busy timeout then makes a second writer wait instead of failing.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        # 64 MiB of page cache (the default is 2 MiB): index inserts into a large roster
        # otherwise spend their time re-reading pages.
        cursor.execute("PRAGMA cache_size = -65536")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        read_only = connection.get_execution_options().get(_READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def make_engine(url: URL | str) -> Engine:
    """Create an engine with the settings this application relies on."""
    if isinstance(url, str):
        url = resolve_database_url(url)
    if url.get_backend_name() == "sqlite":
        if url.database:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        _install_sqlite_durability(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


@dataclass
class Database:
    """An open database: the engine plus the way every user action gets its unit of work."""

    url: URL
    engine: Engine
    _sessions: sessionmaker[Session] = field(init=False, repr=False)
    _read_sessions: sessionmaker[Session] = field(init=False, repr=False)
    _checkpoints: list[threading.Thread] = field(init=False, repr=False, default_factory=list)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        read_engine = self.engine.execution_options(**{_READ_ONLY: True})
        self._read_sessions = sessionmaker(read_engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        """True for the embedded database."""
        return self.url.get_backend_name() == "sqlite"

    @property
    def display_name(self) -> str:
        """The database as shown to a user: the file path, or the server without password."""
        if self.is_sqlite:
            return str(self.url.database)
        return self.url.render_as_string(hide_password=True)

    @contextlib.contextmanager
    def session(self, *, write: bool = True, bulk: bool = False) -> Iterator[Session]:
        """One unit of work: commit when the block ends, roll back on any exception.

        Args:
            write: False for a read-only look (on SQLite it then does not take the write lock).
            bulk: a large write (an import). On SQLite its commit does not wait while the
                pages it wrote are copied from the WAL into the database file (~0.9 s after
                a 100 000-contact import, with the user waiting): a thread does that
                afterwards. The commit is as durable either way: the WAL is synced.
        """
        factory = self._sessions if write else self._read_sessions
        with factory() as session:
            deferred: Any = None
            committed = False
            try:
                if bulk and write and self.is_sqlite:
                    deferred = session.connection().connection.dbapi_connection
                    deferred.execute("PRAGMA wal_autocheckpoint = 0")
                yield session
                if write:
                    session.commit()
                    committed = True
                else:
                    session.rollback()
            except BaseException:
                session.rollback()
                raise
            finally:
                if deferred is not None:
                    deferred.execute(f"PRAGMA wal_autocheckpoint = {SQLITE_WAL_AUTOCHECKPOINT}")
                    if committed:
                        self._checkpoint_in_background()

    def _checkpoint_in_background(self) -> None:
        """Copy the WAL into the database file on a thread of its own (SQLite).

        A passive checkpoint: readers and writers go on meanwhile. If it fails, the next
        commit's automatic checkpoint does the work instead.
        """

        def checkpoint() -> None:
            try:
                connection = self.engine.raw_connection()
                try:
                    connection.cursor().execute("PRAGMA wal_checkpoint(PASSIVE)")
                finally:
                    connection.close()
            except Exception:  # housekeeping: the next commit checkpoints instead
                _log.warning("Background WAL checkpoint failed", exc_info=True)

        self._checkpoints = [t for t in self._checkpoints if t.is_alive()]
        thread = threading.Thread(target=checkpoint, name="wal-checkpoint", daemon=True)
        thread.start()
        self._checkpoints.append(thread)

    def dispose(self) -> None:
        """Close every pooled connection (once a checkpoint still running has finished)."""
        for thread in self._checkpoints:
            thread.join()
        self._checkpoints.clear()
        self.engine.dispose()


def open_database(
    value: str | URL | None = None,
    *,
    upgrade: bool = True,
    upgrading: Callable[[Callable[[], None]], None] | None = None,
) -> Database:
    """Open (and by default upgrade to the current schema) the database the user asked for.

    Args:
        upgrading: runs the upgrade of an older schema, which can take a minute for a large
            roster (migration 0008 rebuilds the search index): called with the upgrade,
            to tell the user while it runs. A new database's schema is created without it.
    """
    url = value if isinstance(value, URL) else resolve_database_url(value)
    database = Database(url=url, engine=make_engine(url))
    if upgrade:
        from db.migrate import needs_upgrade, upgrade_to_head  # noqa: PLC0415 - alembic import is slow; only when needed

        try:
            if upgrading is not None and needs_upgrade(database.engine):
                upgrading(lambda: upgrade_to_head(database.engine))
            else:
                upgrade_to_head(database.engine)
        except BaseException:
            database.dispose()
            raise
    return database
