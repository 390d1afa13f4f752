"""Backups of the embedded SQLite database, and restoring one safely.

Every copy is taken with SQLite's online backup API (``sqlite3.Connection.backup``): a
consistent snapshot even while the application writes, where copying the file while a
``-wal`` exists can give a torn, unusable copy (FIELD-NOTES.md). A backup is written to
a temporary name, checked with ``PRAGMA integrity_check``, switched out of WAL mode so it
is one self-contained file, and only then renamed into place: a crash never leaves a
half-written file under a backup's name.

- :func:`backup_database`: a backup where the user asks (``pressdesk backup PATH``).
- :func:`auto_backup`: the rotating automatic backups in the user data folder, called
  by the GUI on start (and daily): one when the last is older than 24 hours, those older
  than ``keep_days`` removed.
- :func:`restore_database`: put a backup in place of the current database, atomically,
  keeping a backup of what it replaces; a file that is not a PressDesk database is
  refused, an older one is upgraded to the current schema first.

PostgreSQL is backed up with the server's tools; :func:`postgres_backup_help` says how.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from platformdirs import user_data_path
from sqlalchemy.engine import URL

from db.engine import APP_NAME, SQLITE_BUSY_TIMEOUT_MS, Database, make_engine
from db.migrate import MigrationError, alembic_config, head_revision, upgrade_to_head
from services.problems import InputRejected, Problem, Severity

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every PressDesk database has had since the first schema.
PRESSDESK_TABLES = frozenset({"alembic_version", "contact", "organization", "release", "inquiry"})
AUTO_BACKUP_INTERVAL = timedelta(hours=24)
DEFAULT_KEEP_DAYS = 14
_STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
_STAMP = re.compile(r"\d{8}T\d{6}Z")

_POSTGRES_HELP = """\
This database is on a PostgreSQL server: back it up with PostgreSQL's own tools, which
take a consistent snapshot while colleagues keep working. PressDesk's backup and restore
commands handle the SQLite file only.

Back up (a custom-format dump; pg_dump must be at least the server's major version):
  pg_dump --format=custom --file=pressdesk-YYYY-MM-DD.dump "{url}"

Restore into a new, empty database, then point PressDesk at it (--db or PRESSDESK_DB):
  createdb --host={host} --port={port} --username={user} {database}_restored
  pg_restore --no-owner --exit-on-error --dbname="{restored_url}" pressdesk-YYYY-MM-DD.dump

Or restore over the database itself (everyone closes PressDesk first):
  pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error \\
    --dbname="{url}" pressdesk-YYYY-MM-DD.dump

A dump made by an older PressDesk is upgraded to the current schema when PressDesk
next opens the database.

Automatic backups: schedule pg_dump (cron, systemd timer or Task Scheduler) and remove
dumps older than N days, for example daily at 02:00, keeping 14 days:
  0 2 * * * pg_dump --format=custom --file=/var/backups/pressdesk/pressdesk-$(date +\\%F).dump "{url}" && find /var/backups/pressdesk -name 'pressdesk-*.dump' -mtime +14 -delete

Give the password in ~/.pgpass (pgpass.conf on Windows) or PGPASSWORD, never on the
command line.
"""


class BackupError(InputRejected):
    """A backup or restore that cannot be done; nothing was changed. Shown to the user."""

    def __init__(self, message: str, *, where: str = "", value: str = "") -> None:
        super().__init__(message, [Problem(Severity.ERROR, where, "file", value, message)])


@dataclass(frozen=True)
class AutoBackup:
    """What one call of :func:`auto_backup` did.

    Attributes:
        created: the new backup, or None when the last one is recent (or on PostgreSQL).
        removed: automatic backups deleted for being older than ``keep_days``.
    """

    created: Path | None
    removed: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class RestoreResult:
    """What :func:`restore_database` did.

    Attributes:
        database: the database file that now holds the restored data.
        source: the backup restored from (left untouched).
        previous: the backup of the replaced database, or None when there was none.
        from_revision: the schema the backup had.
        revision: the schema the restored database has now (the current one).
    """

    database: Path
    source: Path
    previous: Path | None
    from_revision: str
    revision: str

    @property
    def upgraded(self) -> bool:
        """True when the backup came from an older schema and was upgraded."""
        return self.from_revision != self.revision

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form used by the command line."""
        return {
            "database": str(self.database),
            "source": str(self.source),
            "previous": str(self.previous) if self.previous else None,
            "from_revision": self.from_revision,
            "revision": self.revision,
            "upgraded": self.upgraded,
        }


def backups_folder() -> Path:
    """Where the automatic backups live: ``<user data>/PressDesk/backups``."""
    return user_data_path(APP_NAME, appauthor=False) / "backups"


def postgres_backup_help(url: URL | None = None) -> str:
    """How to back up and restore a PostgreSQL database, with ``url``'s server filled in.

    The password is never shown: pg_dump reads it from ~/.pgpass or PGPASSWORD.
    """
    host, port, user, database = "HOST", "5432", "USER", "DBNAME"
    if url is not None:
        host = url.host or "localhost"
        port = str(url.port or 5432)
        user = url.username or user
        database = url.database or database

    def address(name: str) -> str:
        return f"postgresql://{user}@{host}:{port}/{name}"

    return _POSTGRES_HELP.format(
        url=address(database),
        restored_url=address(f"{database}_restored"),
        host=host,
        port=port,
        user=user,
        database=database,
    )


def _sqlite_path(database: Database) -> Path:
    if not database.is_sqlite:
        raise BackupError(postgres_backup_help(database.url))
    return Path(str(database.url.database))


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(_STAMP_FORMAT)


def _stem(database_file: Path) -> str:
    """The prefix of a database's backups: its name and a digest of where it lives."""
    digest = hashlib.sha256(str(database_file.resolve()).encode()).hexdigest()[:8]
    return f"{database_file.stem}-{digest}"


def _fsync_directory(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as stream:
        os.fsync(stream.fileno())


def _integrity_problem(connection: sqlite3.Connection) -> str | None:
    """The first problem ``PRAGMA integrity_check`` reports, or None when the file is sound."""
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    first = str(rows[0][0]) if rows else "no answer"
    return None if first == "ok" else first


def _snapshot(source: Path, temporary: Path) -> None:
    """Copy ``source`` into ``temporary`` with the online backup API, verified, one file.

    Raises:
        sqlite3.DatabaseError: ``source`` is not a database, or is damaged.
    """
    reader = sqlite3.connect(source, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    try:
        writer = sqlite3.connect(temporary, isolation_level=None)
        try:
            reader.backup(writer)
            problem = _integrity_problem(writer)
            if problem is not None:
                raise sqlite3.DatabaseError(f"integrity check failed: {problem}")
            # A snapshot of a WAL database is flagged WAL; make it one self-contained file.
            writer.execute("PRAGMA journal_mode = DELETE")
        finally:
            writer.close()
    finally:
        reader.close()


def _temporary_beside(target: Path, purpose: str) -> Path:
    return target.with_name(f".{target.name}.{purpose}-{uuid.uuid4().hex[:8]}.tmp")


def _copy_into_place(source: Path, target: Path) -> None:
    """Snapshot ``source`` to a temporary file beside ``target``, then rename it into place."""
    temporary = _temporary_beside(target, "backup")
    try:
        _snapshot(source, temporary)
        _fsync_file(temporary)
        os.replace(temporary, target)
        _fsync_directory(target.parent)
    finally:
        temporary.unlink(missing_ok=True)


def backup_database(database: Database, target: Path | str, *, overwrite: bool = False) -> Path:
    """Back up the SQLite database to ``target`` (a file, or a folder to put one in).

    Args:
        database: the open database; its users may keep working meanwhile.
        target: the backup file, or an existing folder (the file is then named after the
            database and the time, e.g. ``pressdesk-20261125T101500Z.sqlite``).
        overwrite: replace an existing file at ``target``.

    Returns:
        The backup file.

    Raises:
        BackupError: PostgreSQL (the message says how to use pg_dump), the target exists
            or its folder does not, or the database could not be read.
    """
    source = _sqlite_path(database)
    path = Path(target).expanduser()
    if path.is_dir():
        path = path / f"{source.stem}-{_stamp(datetime.now(UTC))}.sqlite"
    if not path.parent.is_dir():
        raise BackupError(
            f"The folder {path.parent} does not exist. Create it or choose another place.",
            value=str(path),
        )
    if path.exists() and path.resolve() == source.resolve():
        raise BackupError(
            f"{path} is the database itself; choose another file for the backup.",
            value=str(path),
        )
    if path.exists() and not overwrite:
        raise BackupError(
            f"{path} already exists; choose another name (nothing was written).", value=str(path)
        )
    try:
        _copy_into_place(source, path)
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            f"Could not back up {source}: {exc}. Nothing was written to {path}.", value=str(path)
        ) from exc
    return path


def _automatic_backups(source: Path, folder: Path) -> list[tuple[datetime, Path]]:
    """This database's automatic backups in ``folder``, oldest first."""
    prefix = f"{_stem(source)}-"
    found = []
    for path in folder.glob(f"{prefix}*.sqlite"):
        stamp = path.name[len(prefix) : -len(".sqlite")]
        if _STAMP.fullmatch(stamp):
            moment = datetime.strptime(stamp, _STAMP_FORMAT).replace(tzinfo=UTC)
            found.append((moment, path))
    return sorted(found)


def list_backups(database: Database, folder: Path | None = None) -> list[Path]:
    """The database's automatic backups, newest first (empty on PostgreSQL)."""
    if not database.is_sqlite:
        return []
    folder = folder or backups_folder()
    return [path for _, path in reversed(_automatic_backups(_sqlite_path(database), folder))]


def auto_backup(
    database: Database,
    keep_days: int = DEFAULT_KEEP_DAYS,
    *,
    folder: Path | None = None,
    now: datetime | None = None,
) -> AutoBackup:
    """Take the rotating automatic backup when it is due, and remove the expired ones.

    A backup is taken when the newest automatic backup of this database is older than 24
    hours (or there is none, or it is dated in the future because the clock moved back):
    so one on a start after a day away, and at most one a day however often the GUI
    calls this (on start and from a daily timer). Backups older than ``keep_days`` are
    removed, but never the newest.

    Args:
        database: the open database (PostgreSQL: nothing is done; see
            :func:`postgres_backup_help`).
        keep_days: how many days of backups to keep (at least 1).
        folder: where the backups live (default :func:`backups_folder`).
        now: the current time (tests).

    Raises:
        ValueError: ``keep_days`` is below 1.
        BackupError: the database could not be read, or the folder not written.
    """
    if keep_days < 1:
        raise ValueError(f"keep_days must be at least 1, not {keep_days}")
    if not database.is_sqlite:
        return AutoBackup(None)
    source = _sqlite_path(database)
    folder = folder or backups_folder()
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"Cannot create the backup folder {folder}: {exc}") from exc
    for leftover in folder.glob(f".{_stem(source)}-*.tmp"):
        leftover.unlink(missing_ok=True)  # a backup interrupted by a crash
    existing = _automatic_backups(source, folder)
    created = None
    newest = existing[-1][0] if existing else None
    if newest is None or moment - newest >= AUTO_BACKUP_INTERVAL or newest > moment:
        created = folder / f"{_stem(source)}-{_stamp(moment)}.sqlite"
        try:
            _copy_into_place(source, created)
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"The automatic backup of {source} failed: {exc}") from exc
        existing = _automatic_backups(source, folder)
    cutoff = moment - timedelta(days=keep_days)
    removed = []
    for taken, path in existing[:-1]:
        if taken < cutoff:
            path.unlink(missing_ok=True)
            removed.append(path)
    return AutoBackup(created, removed)


# --- restore -----------------------------------------------------------------------------


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory  # noqa: PLC0415 - slow import; restore only

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def _check_is_sqlite(source: Path) -> None:
    if not source.exists():
        raise BackupError(f"{source} was not found; nothing was changed.", value=str(source))
    if not source.is_file():
        raise BackupError(
            f"{source} is not a file; choose a PressDesk backup (.sqlite). Nothing was changed.",
            value=str(source),
        )
    try:
        with source.open("rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BackupError(
            f"{source} cannot be read ({exc.strerror}); nothing was changed.", value=str(source)
        ) from exc
    if header != SQLITE_HEADER:
        raise BackupError(
            f"{source} is not a PressDesk database: it is not an SQLite database file. "
            "Choose a backup made by PressDesk (a .sqlite file). Nothing was changed.",
            value=str(source),
        )


def _schema_revision(copy: Path, source: Path) -> str:
    """The schema revision of a PressDesk database file, after checking it is one."""
    connection = sqlite3.connect(copy)
    try:
        problem = _integrity_problem(connection)
        if problem is not None:
            raise BackupError(
                f"{source} is damaged ({problem}) and cannot be restored. Nothing was changed.",
                value=str(source),
            )
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        missing = sorted(PRESSDESK_TABLES - tables)
        if missing:
            raise BackupError(
                f"{source} is an SQLite database but not a PressDesk one: it has no "
                f"{', '.join(missing)} table{'s' if len(missing) > 1 else ''}. "
                "Nothing was changed.",
                value=str(source),
            )
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    if row is None:
        raise BackupError(
            f"{source} is not a PressDesk database: it records no schema version. "
            "Nothing was changed.",
            value=str(source),
        )
    revision = str(row[0])
    if revision not in _known_revisions():
        raise BackupError(
            f"{source} was made by a newer PressDesk (schema {revision}); this version knows "
            f"schemas up to {head_revision()}. Update PressDesk, then restore. "
            "Nothing was changed.",
            value=str(source),
        )
    return revision


def _upgrade_copy(copy: Path, source: Path) -> None:
    engine = make_engine(URL.create("sqlite+pysqlite", database=str(copy)))
    try:
        upgrade_to_head(engine)
    except MigrationError as exc:
        raise BackupError(
            f"{source} is from an older PressDesk and could not be upgraded: {exc}",
            value=str(source),
        ) from exc
    finally:
        engine.dispose()
    connection = sqlite3.connect(copy, isolation_level=None)
    try:
        problem = _integrity_problem(connection)
        if problem is not None:
            raise BackupError(
                f"{source} failed the integrity check after the upgrade ({problem}). "
                "Nothing was changed.",
                value=str(source),
            )
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()


def _keep_previous(target: Path, folder: Path) -> Path | None:
    """Back up the database about to be replaced; a damaged one is copied file by file."""
    if not target.exists() or target.stat().st_size == 0:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    previous = folder / f"{_stem(target)}-{_stamp(datetime.now(UTC))}-before-restore.sqlite"
    try:
        _copy_into_place(target, previous)
    except sqlite3.DatabaseError:
        # Too damaged to read: keep its files exactly as they are.
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{target}{suffix}")
            if part.exists():
                shutil.copy2(part, Path(f"{previous}{suffix}"))
    return previous


def _take_over(target: Path) -> None:
    """Make sure nobody else has ``target`` open, and fold its WAL into the file.

    Leaving WAL mode needs the only connection to the file, so it both proves nobody
    else uses it and removes the ``-wal`` that would otherwise be replayed onto the
    restored file.

    Raises:
        BackupError: another window or program has the database open.
    """
    if not target.exists():
        return
    connection = sqlite3.connect(target, isolation_level=None, timeout=1.0)
    try:
        mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        mode = "wal"
    except sqlite3.DatabaseError:
        mode = "delete"  # damaged beyond reading: nothing to fold in; its files were kept
    finally:
        connection.close()
    if str(mode).lower() != "delete":
        raise BackupError(
            f"The database {target} is open in another PressDesk window or program. "
            "Close it there, then restore again. Nothing was changed.",
            value=str(target),
        )
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def restore_database(
    database: Database, source: Path | str, *, folder: Path | None = None
) -> RestoreResult:
    """Replace the SQLite database with a backup, keeping a backup of what it replaces.

    The backup is copied beside the database, checked (an SQLite file, sound, with
    PressDesk's tables and a schema this version knows), upgraded to the current schema
    when older, checked again, and renamed over the database in one step: a failure or a
    crash at any point leaves the old database as it was. ``database``'s connections are
    closed; its next session opens the restored data.

    Args:
        database: the open database to replace (SQLite).
        source: the backup to restore; it is only read.
        folder: where to keep the backup of the replaced database (default
            :func:`backups_folder`).

    Raises:
        BackupError: PostgreSQL (the message says how to use pg_restore), a file that is
            not a PressDesk database, one that is damaged or newer than this program, or
            a database still open elsewhere. Nothing was changed.
    """
    target = _sqlite_path(database)
    source_path = Path(source).expanduser()
    _check_is_sqlite(source_path)
    if target.exists() and source_path.resolve() == target.resolve():
        raise BackupError(
            f"{source_path} is the database itself; choose a backup to restore from.",
            value=str(source_path),
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    copy = _temporary_beside(target, "restore")
    try:
        try:
            _snapshot(source_path, copy)
        except sqlite3.DatabaseError as exc:
            raise BackupError(
                f"{source_path} is damaged or not a database ({exc}) and cannot be restored. "
                "Nothing was changed.",
                value=str(source_path),
            ) from exc
        from_revision = _schema_revision(copy, source_path)
        if from_revision != head_revision():
            _upgrade_copy(copy, source_path)
        _fsync_file(copy)
        database.dispose()
        previous = _keep_previous(target, folder or backups_folder())
        _take_over(target)
        os.replace(copy, target)
        _fsync_directory(target.parent)
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return RestoreResult(target, source_path, previous, from_revision, head_revision())
