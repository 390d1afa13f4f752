"""The ``export`` command: contact sheets as CSV, XLSX, vCard or PDF.

``python main.py export --format csv -o sheet.csv [--release ID] [--organization ID]
[--query TEXT] [--tag TAG] [--vcard-version 3.0|4.0] [--include-opted-out] [--json]``
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cli.output import emit_error, emit_json, emit_line
from db.engine import Database
from services.exports import (
    EXPORT_FORMATS,
    VCARD_VERSIONS,
    ExportResult,
    PdfWriter,
    export_contact_sheet,
)
from services.problems import InputRejected

_EXIT_OK = 0
_EXIT_REJECTED = 1


def add_commands(
    command: Callable[[str, str], argparse.ArgumentParser],
) -> dict[str, Callable[[Database, argparse.Namespace], int]]:
    """Add ``export`` to the command line; return its handler by name."""
    export = command("export", "export a contact sheet (a release's media contacts, or the roster)")
    # Formats and versions are checked by the service, so a wrong one is reported like any
    # other refused input (exit 1) rather than as a usage error.
    export.add_argument(
        "--format", required=True, metavar="|".join(EXPORT_FORMATS), help="the file format"
    )
    export.add_argument("-o", "--output", required=True, type=Path, help="the file to write")
    export.add_argument("--release", type=int, help="this release's media contacts")
    export.add_argument("--organization", type=int, help="only this organisation's contacts")
    export.add_argument("--query", help="only the contacts this search finds")
    export.add_argument("--tag", help="only contacts with this tag")
    export.add_argument(
        "--vcard-version", default="3.0", metavar="|".join(VCARD_VERSIONS), help="default 3.0"
    )
    export.add_argument(
        "--include-opted-out",
        action="store_true",
        help="also export contacts who asked not to be contacted (PDPO: think twice)",
    )
    return {"export": _cmd_export}


def _pdf_writer(fmt: str) -> PdfWriter | None:
    if fmt != "pdf":
        return None
    from desktop.pdf_export import write_contact_sheet_pdf  # noqa: PLC0415 - Qt only for PDF

    return write_contact_sheet_pdf


def _cmd_export(database: Database, args: argparse.Namespace) -> int:
    """Write the sheet, or say on stderr why not (and, with --json, as JSON on stdout)."""
    try:
        result: ExportResult = export_contact_sheet(
            database,
            args.format,
            args.output,
            release_id=args.release,
            organization_id=args.organization,
            query=args.query,
            tag=args.tag,
            vcard_version=args.vcard_version,
            include_opted_out=args.include_opted_out,
            pdf_writer=_pdf_writer(args.format),
        )
    except InputRejected as exc:
        suggestions = [p.suggestion for p in exc.problems if p.suggestion]
        emit_error(" ".join([exc.message, *suggestions]))
        if args.json:
            emit_json({"error": exc.message, "problems": [p.to_dict() for p in exc.problems]})
        return _EXIT_REJECTED
    if args.json:
        emit_json(result.to_dict())
    else:
        skipped = (
            f" ({result.skipped_opt_out} who opted out left out)" if result.skipped_opt_out else ""
        )
        emit_line(f"Exported {result.contacts} contacts to {result.path}{skipped}.")
    return _EXIT_OK
