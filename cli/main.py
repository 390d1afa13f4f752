"""The command line: parse arguments, open the database, run one command or start the GUI."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence

from cli.output import emit_error
from db.engine import DatabaseUrlError, open_database
from db.migrate import MigrationError

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2

log = logging.getLogger("pressdesk")


def build_parser() -> argparse.ArgumentParser:
    """All commands and options."""
    parser = argparse.ArgumentParser(
        prog="pressdesk",
        description="PressDesk: press contacts and media inquiries. Without a command, starts the GUI.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database: a SQLite file path, sqlite:///path or postgresql://user:pw@host:port/db "
        "(default: $PRESSDESK_DB, else a SQLite file in your user data folder)",
    )
    parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser


def run(argv: Sequence[str]) -> int:
    """Run the command line; return the process exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_USAGE
    try:
        database = open_database(args.db)
    except (DatabaseUrlError, MigrationError) as exc:
        emit_error(str(exc))
        return EXIT_USAGE if isinstance(exc, DatabaseUrlError) else EXIT_REJECTED
    database.dispose()
    return EXIT_OK
