"""The command line: parse arguments, open the database, run one command or start the GUI.

Exit codes: 0 success, 1 input rejected (nothing written), 2 usage error. Known user
errors print a message, never a traceback; anything else is a bug: it is logged with its
traceback to the log file and re-raised.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cli.output import emit_error, emit_json, emit_line, emit_table
from cli.startup import HELPER_COMMANDS
from db.engine import Database, DatabaseUrlError, open_database
from db.migrate import MigrationError
from db.models import InquiryChannel, InquiryStatus
from services.audit import set_officer
from services.emails import check_email
from services.import_report import ImportReport, rejection_report
from services.importing import import_file
from services.inquiries import InquiryCreate, add_inquiry, list_inquiries, validation_problems
from services.logs import setup_logging
from services.phones import check_phone
from services.problems import InputRejected, Problem
from services.processes import start_helper_server
from services.roster import list_releases, lookup_number, search_contacts
from services.settings import SettingsError, load_settings

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2

log = logging.getLogger("pressdesk")

Handler = Callable[["Database", argparse.Namespace], int]
CommandFactory = Callable[[str, str], argparse.ArgumentParser]

# Feature modules that add commands: each has ``add_commands(command) -> dict[name, handler]``
# where ``command(name, help)`` returns a sub-parser that already has ``--json``.
FEATURE_MODULES: tuple[str, ...] = (
    "cli.exchange",
    "cli.replies",
    "cli.maintenance",
)


class _UsageError(Exception):
    """A command line that cannot be run as written (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        raise _UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    """All commands and options."""
    parser = _Parser(
        prog="pressdesk",
        description="PressDesk: press contacts and media inquiries. "
        "Without a command, starts the desktop application.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database: a SQLite file path, sqlite:///path or postgresql://user:pw@host:port/db "
        "(default: $PRESSDESK_DB, else a SQLite file in your user data folder)",
    )
    parser.add_argument(
        "--screenshot",
        metavar="DIR",
        help="GUI: save a PNG of each main view and dialog into DIR and exit",
    )
    parser.add_argument(
        "--lang",
        choices=["en", "zh_HK"],
        help="GUI: the interface language for this run (default: the one chosen in Settings, "
        "else the system's)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--json", action="store_true", help="machine-readable output")
        return sub

    imp = command(
        "import", "import a press release (.txt) or contacts (.csv, .xlsx, .vcf) into the roster"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument(
        "--dry-run", action="store_true", help="report what would be done; write nothing"
    )

    contacts = command("contacts", "list contacts, or search names, organisations, e-mails, phones")
    contacts.add_argument("query", nargs="?", default="")
    contacts.add_argument("--limit", type=int, default=500)
    contacts.add_argument("--offset", type=int, default=0)

    lookup = command("lookup", "find who has a phone number, typed in any form")
    lookup.add_argument("number")
    lookup.add_argument("--region", default="HK", help="region for numbers without +country code")

    command("releases", "list releases with issuers, media contacts and spokespeople")

    phone = command("check-phone", "validate phone numbers (several in one value are split)")
    phone.add_argument("value")
    phone.add_argument("--region", default="HK", help="region for numbers without +country code")

    email = command("check-email", "validate an e-mail address")
    email.add_argument("value")

    inquiries = command("inquiries", "list inquiries, or `inquiries add` to log one")
    inquiries.add_argument("--release", type=int, help="only this release's inquiries")
    inquiries.add_argument("--status", choices=[s.value for s in InquiryStatus])
    actions = inquiries.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    add = actions.add_parser("add", help="log a new inquiry")
    add.add_argument("--json", action="store_true", help="machine-readable output")
    add.add_argument("--release", type=int, dest="add_release")
    add.add_argument("--journalist", required=True)
    add.add_argument("--outlet", required=True)
    add.add_argument("--channel", required=True, choices=[c.value for c in InquiryChannel])
    add.add_argument("--question", required=True)
    add.add_argument("--phone")
    add.add_argument("--email")
    add.add_argument("--deadline", help="ISO 8601, e.g. 2023-12-01T17:00+08:00")
    add.add_argument("--owner", type=int, help="contact id of the officer who owns it")
    for module in FEATURE_MODULES:
        _FEATURE_HANDLERS.update(importlib.import_module(module).add_commands(command))
    return parser


# --- output helpers ----------------------------------------------------------------------

_CONTACT_COLUMNS = [
    ("id", "ID"),
    ("name", "Name"),
    ("organization", "Organisation"),
    ("title", "Title"),
    ("phones", "Phones"),
    ("emails", "E-mails"),
]


def _contact_rows(contacts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for c in contacts:
        org = c["organization"] or {}
        names = [n for n in (c["name_zh"], c["name_en"]) if n]
        if not names and c["emails"]:
            names = [c["emails"][0]["address"]]
        rows.append(
            {
                "id": c["id"],
                "name": " ".join(names) + (" (mailbox)" if c["kind"] == "mailbox" else ""),
                "organization": org.get("name_zh") or org.get("name_en") or "",
                "title": c["title"] or "",
                "phones": ", ".join(p["e164"] for p in c["phones"]),
                "emails": ", ".join(e["address"] for e in c["emails"]),
            }
        )
    return rows


def _problem_lines(problems: list[Problem] | list[dict[str, Any]]) -> None:
    for p in problems:
        data = p.to_dict() if isinstance(p, Problem) else p
        line = f"  [{data['severity']}] {data['where']}: {data['field']} {data['value']!r}: {data['message']}"
        if data.get("suggestion"):
            line += f" Suggestion: {data['suggestion']}"
        emit_line(line)


def _emit_report(report: ImportReport, as_json: bool) -> None:
    data = report.to_dict()
    if as_json:
        emit_json(data)
        return
    verb = "Imported" if report.written else "Nothing written"
    emit_line(f"{verb}: {report.source}")
    created = ", ".join(f"{k} {v}" for k, v in data["created"].items() if v)
    emit_line(f"Created: {created or 'nothing'}")
    for merged in report.merged:
        emit_line(f"Merged with existing: {merged}")
    if report.problems:
        emit_line(f"Problems ({len(report.problems)}):")
        _problem_lines(report.problems)


# --- commands ----------------------------------------------------------------------------


def _cmd_import(db: Database, args: argparse.Namespace) -> int:
    try:
        report = import_file(db, args.file, dry_run=args.dry_run)
    except InputRejected as exc:
        _emit_report(rejection_report(str(args.file), exc), args.json)
        if not args.json:
            emit_error(exc.message)
        return EXIT_REJECTED
    _emit_report(report, args.json)
    return EXIT_OK


def _cmd_contacts(db: Database, args: argparse.Namespace) -> int:
    contacts = search_contacts(db, args.query, limit=args.limit, offset=args.offset)
    if args.json:
        emit_json(contacts)
    else:
        emit_table(_contact_rows(contacts), _CONTACT_COLUMNS)
    return EXIT_OK


def _cmd_lookup(db: Database, args: argparse.Namespace) -> int:
    contacts = lookup_number(db, args.number, args.region)
    if args.json:
        emit_json(contacts)
    elif contacts:
        emit_table(_contact_rows(contacts), _CONTACT_COLUMNS)
    else:
        emit_line(f"Nobody in the roster has {args.number}.")
    return EXIT_OK


def _cmd_releases(db: Database, args: argparse.Namespace) -> int:
    releases = list_releases(db)
    if args.json:
        emit_json(releases)
        return EXIT_OK
    if not releases:
        emit_line("(no releases)")
    for r in releases:
        emit_line(
            f"[{r['id']}] {r['issued_on'] or '????-??-??'} {r['place'] or ''}  {r['title_zh'] or ''} {r['title_en'] or ''}".rstrip()
        )
        issuers = ", ".join((o["name_zh"] or o["name_en"] or "") for o in r["issuers"])
        emit_line(f"    Issuers: {issuers or '-'}")
        emit_line("    Media contacts:")
        for row in _contact_rows(r["media_contacts"]):
            emit_line(
                f"      {row['name']} ({row['organization']}) {row['phones']} {row['emails']}".rstrip()
            )
        emit_line("    Spokespeople:")
        for s in r["spokespeople"]:
            name = " ".join(n for n in (s["name_zh"], s["name_en"]) if n)
            emit_line(f"      {name}, {s['title_zh'] or s['title_en'] or ''}")
    return EXIT_OK


def _cmd_check_phone(_db: Database | None, args: argparse.Namespace) -> int:
    check = check_phone(args.value, args.region.upper())
    if args.json:
        emit_json(check.to_dict())
    else:
        for n in check.numbers:
            if n.valid:
                ext = f" ext. {n.extension}" if n.extension else ""
                emit_line(
                    f"{n.input!r}: valid {n.type} number in {n.region}: {n.e164}{ext} ({n.international})"
                )
            else:
                emit_line(f"{n.input!r}: not valid")
        _problem_lines(check.problems)
    return EXIT_OK if check.valid else EXIT_REJECTED


def _cmd_check_email(_db: Database | None, args: argparse.Namespace) -> int:
    check = check_email(args.value)
    if args.json:
        emit_json(check.to_dict())
    else:
        emit_line(
            f"{args.value!r}: " + (f"valid: {check.normalized}" if check.valid else "not valid")
        )
        _problem_lines(check.problems)
    return EXIT_OK if check.valid else EXIT_REJECTED


_INQUIRY_COLUMNS = [
    ("id", "ID"),
    ("release_id", "Release"),
    ("received_at", "Received"),
    ("channel", "Channel"),
    ("journalist", "Journalist"),
    ("outlet", "Outlet"),
    ("deadline", "Deadline"),
    ("status", "Status"),
    ("question", "Question"),
]


def _cmd_inquiries(db: Database, args: argparse.Namespace) -> int:
    if args.action == "add":
        try:
            data = InquiryCreate(
                release_id=args.add_release,
                journalist=args.journalist,
                outlet=args.outlet,
                channel=args.channel,
                question=args.question,
                phone=args.phone,
                email=args.email,
                deadline=args.deadline,
                owner_id=args.owner,
            )
            inquiry = add_inquiry(db, data)
        except (InputRejected, ValueError) as exc:
            from pydantic import ValidationError  # noqa: PLC0415

            problems = (
                validation_problems(exc, "inquiries add")
                if isinstance(exc, ValidationError)
                else exc.problems
                if isinstance(exc, InputRejected)
                else []
            )
            message = (
                exc.message if isinstance(exc, InputRejected) else "The inquiry was not logged."
            )
            if args.json:
                emit_json({"written": False, "problems": [p.to_dict() for p in problems]})
            else:
                emit_error(message)
                _problem_lines(problems)
            return EXIT_REJECTED
        if args.json:
            emit_json(inquiry)
        else:
            emit_line(f"Logged inquiry {inquiry['id']}.")
            emit_table([inquiry], _INQUIRY_COLUMNS)
        return EXIT_OK
    rows = list_inquiries(db, release_id=args.release, status=args.status)
    if args.json:
        emit_json(rows)
    else:
        emit_table(rows, _INQUIRY_COLUMNS)
    return EXIT_OK


_FEATURE_HANDLERS: dict[str, Handler] = {}

_COMMANDS: dict[str, Handler] = {
    "import": _cmd_import,
    "contacts": _cmd_contacts,
    "lookup": _cmd_lookup,
    "releases": _cmd_releases,
    "inquiries": _cmd_inquiries,
}
_NO_DATABASE: dict[str, Callable[[Database | None, argparse.Namespace], int]] = {
    "check-phone": _cmd_check_phone,
    "check-email": _cmd_check_email,
}


def run(argv: Sequence[str]) -> int:
    """Run the command line; return the process exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        emit_error(str(exc))
        return EXIT_USAGE
    except SystemExit as exc:  # --help
        return EXIT_OK if exc.code in (0, None) else EXIT_USAGE
    setup_logging()
    if args.command in _NO_DATABASE:
        return _run_guarded(lambda: _NO_DATABASE[args.command](None, args))
    if args.command is None:
        from desktop.app import run_gui  # noqa: PLC0415 - Qt loads only for the GUI

        return run_gui(args.db, screenshot_dir=args.screenshot, language=args.lang)
    if args.command in HELPER_COMMANDS:
        start_helper_server()  # running already when main.py started it (cli/startup.py)
    try:
        database = open_database(args.db, upgrading=_announced)
    except DatabaseUrlError as exc:
        emit_error(str(exc))
        return EXIT_USAGE
    except MigrationError as exc:
        emit_error(str(exc))
        return EXIT_REJECTED
    try:
        # Every change made from the command line carries the officer's name (audit trail).
        set_officer(database, load_settings().officer_name)
    except SettingsError as exc:
        emit_error(exc.message)
        database.dispose()
        return EXIT_REJECTED
    try:
        handler = _COMMANDS.get(args.command) or _FEATURE_HANDLERS[args.command]
        return _run_guarded(lambda: handler(database, args))
    finally:
        database.dispose()


def _announced(upgrade: Callable[[], None]) -> None:
    """An older schema's upgrade, with a word on standard error first (it can take a minute
    for a large roster, and the command would look stuck)."""
    emit_error(
        "upgrading the database for this version of PressDesk (a large roster can "
        "take a minute; if it fails, the database stays as it was)…"
    )
    upgrade()


def _run_guarded(action: Callable[[], int]) -> int:
    try:
        return action()
    except BrokenPipeError:
        # `pressdesk contacts | head`: the reader left; that is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except InputRejected as exc:
        emit_error(exc.message)
        _problem_lines(exc.problems)
        return EXIT_REJECTED
    except Exception:
        log.exception("Unexpected error in a command")
        raise
