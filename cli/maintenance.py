"""Keeping the data safe: ``backup``, ``restore``, ``history`` and ``privacy``.

``python main.py backup PATH [--force]``: an online backup of the SQLite database.
``python main.py restore PATH [--json]``: put a backup in place of the database.
``python main.py history ENTITY ID [--json]``: who changed what on one record.
``python main.py privacy export CONTACT_ID -o FILE``: everything held about a person.
``python main.py privacy erase CONTACT_ID --yes``: erase a person's personal data.

On PostgreSQL, ``backup`` and ``restore`` print how to use pg_dump / pg_restore instead.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path

import services.changes  # noqa: F401 - writes from the command line announce themselves to open windows
from cli.output import emit_error, emit_json, emit_line, emit_table
from db.engine import Database
from services.audit import history
from services.backup import BackupError, backup_database, postgres_backup_help, restore_database
from services.privacy import erase_person, export_person
from services.settings import load_settings

_EXIT_OK = 0
_EXIT_REJECTED = 1
_EXIT_USAGE = 2

Handler = Callable[[Database, argparse.Namespace], int]


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> dict[str, Handler]:
    """Add ``backup``, ``restore``, ``history`` and ``privacy``; return their handlers."""
    backup = command(
        "backup", "back up the SQLite database (an online copy, safe while PressDesk runs)"
    )
    backup.add_argument("path", type=Path, metavar="PATH", help="the backup file, or a folder")
    backup.add_argument("--force", action="store_true", help="replace an existing file")

    restore = command(
        "restore",
        "replace the SQLite database with a backup (the replaced one is kept as a backup; "
        "an older backup is upgraded)",
    )
    restore.add_argument("path", type=Path, metavar="PATH", help="the backup to restore")

    changes = command("history", "who changed which field of a record from what to what, and when")
    changes.add_argument(
        "entity",
        choices=["contact", "organization", "release", "inquiry", "call_log", "email_template"],
    )
    changes.add_argument("id", type=int, metavar="ID")

    privacy = command("privacy", "PDPO: export or erase everything held about a person")
    actions = privacy.add_subparsers(dest="privacy_action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write everything held about a contact as JSON")
    export.add_argument("contact_id", type=int, metavar="CONTACT_ID")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    erase = actions.add_parser(
        "erase", help="erase a contact's personal data; their inquiries are kept, anonymised"
    )
    erase.add_argument("contact_id", type=int, metavar="CONTACT_ID")
    erase.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    for sub in (export, erase):
        sub.add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
        )
    return {
        "backup": _cmd_backup,
        "restore": _cmd_restore,
        "history": _cmd_history,
        "privacy": _cmd_privacy,
    }


def _refused(exc: BackupError, as_json: bool) -> int:
    emit_error(exc.message)
    if as_json:
        emit_json({"written": False, "message": exc.message})
    return _EXIT_REJECTED


def _postgres(database: Database, as_json: bool) -> int:
    text = postgres_backup_help(database.url)
    if as_json:
        emit_json({"written": False, "message": text})
    else:
        emit_line(text)
    emit_error("backup and restore handle the SQLite database only; use pg_dump (see above).")
    return _EXIT_REJECTED


def _cmd_backup(database: Database, args: argparse.Namespace) -> int:
    if not database.is_sqlite:
        return _postgres(database, args.json)
    try:
        path = backup_database(database, args.path, overwrite=args.force)
    except BackupError as exc:
        return _refused(exc, args.json)
    if args.json:
        emit_json({"written": True, "database": database.display_name, "backup": str(path)})
    else:
        emit_line(f"Backed up {database.display_name} to {path}.")
    return _EXIT_OK


def _cmd_restore(database: Database, args: argparse.Namespace) -> int:
    if not database.is_sqlite:
        return _postgres(database, args.json)
    try:
        result = restore_database(database, args.path)
    except BackupError as exc:
        return _refused(exc, args.json)
    if args.json:
        emit_json({"written": True, **result.to_dict()})
        return _EXIT_OK
    emit_line(f"Restored {result.source} into {result.database}.")
    if result.upgraded:
        emit_line(f"It was upgraded from schema {result.from_revision} to {result.revision}.")
    if result.previous is not None:
        emit_line(f"The database it replaced was kept as {result.previous}.")
    return _EXIT_OK


_HISTORY_COLUMNS = [
    ("at", "When"),
    ("user", "Who"),
    ("action", "Action"),
    ("field", "Field"),
    ("old", "Old"),
    ("new", "New"),
]


def _cmd_history(database: Database, args: argparse.Namespace) -> int:
    entries = history(database, args.entity, args.id)
    if args.json:
        emit_json(entries)
    else:
        emit_table(entries, _HISTORY_COLUMNS)
    return _EXIT_OK


def _write_json(path: Path, data: object) -> None:
    """Write ``data`` as UTF-8 JSON, atomically: a reader never sees half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_text(
            json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _cmd_privacy(database: Database, args: argparse.Namespace) -> int:
    if args.privacy_action == "export":
        data = export_person(database, args.contact_id)
        try:
            _write_json(args.output, data)
        except OSError as exc:
            emit_error(f"Cannot write {args.output}: {exc.strerror}. Nothing was written.")
            return _EXIT_REJECTED
        counts = {
            key: len(data[key])
            for key in ("phones", "emails", "inquiries", "calls", "sent_emails", "audit")
        }
        if args.json:
            emit_json({"written": True, "file": str(args.output), "counts": counts})
        else:
            listed = ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in counts.items())
            emit_line(f"Wrote everything held about contact {args.contact_id} to {args.output}.")
            emit_line(f"It holds: {listed}.")
        return _EXIT_OK
    if not args.yes:
        emit_error(
            f"Erasing contact {args.contact_id}'s personal data cannot be undone. "
            f"Export it first (`privacy export {args.contact_id} -o FILE`), "
            "then run this again with --yes."
        )
        return _EXIT_USAGE
    report = erase_person(database, args.contact_id, user=load_settings().officer_name)
    if args.json:
        emit_json(report)
        return _EXIT_OK
    emit_line(f"Erased the personal data of contact {args.contact_id}.")
    removed = ", ".join(f"{key.replace('_', ' ')} {n}" for key, n in report["removed"].items())
    emit_line(f"Removed: {removed}.")
    emit_line(
        f"Anonymised: inquiries {report['inquiries_anonymised']}, calls "
        f"{report['calls_anonymised']}, sent e-mails {report['sent_emails_redacted']}, "
        f"audit entries {report['audit_entries_redacted']}."
    )
    if report["releases_naming_them"]:
        ids = ", ".join(str(i) for i in report["releases_naming_them"])
        emit_line(
            f"The published text of release(s) {ids} names them; release texts are not changed."
        )
    return _EXIT_OK
