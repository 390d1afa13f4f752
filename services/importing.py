"""One entry for ``import FILE``: a press release (.txt) or a file of contacts."""

from __future__ import annotations

from pathlib import Path

from db.engine import Database
from services.contact_files import looks_like_contact_table
from services.contact_import import Progress, import_contact_file
from services.import_report import ImportReport
from services.release_import import import_release_file

CONTACT_SUFFIXES = frozenset({".csv", ".tsv", ".xlsx", ".vcf", ".vcard"})


def is_contact_file(path: Path | str) -> bool:
    """True for the formats read as contacts (CSV, XLSX, vCard); others are releases.

    A ``.txt`` that is a table of contacts (Excel's "Unicode Text") is read as contacts.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".txt":
        return looks_like_contact_table(path)
    return suffix in CONTACT_SUFFIXES


def import_file(
    database: Database,
    path: Path | str,
    *,
    dry_run: bool = False,
    mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a release or a contacts file, chosen by the file's type.

    Raises:
        InputRejected: the file cannot be imported; nothing was written.
    """
    if is_contact_file(path):
        return import_contact_file(
            database, path, dry_run=dry_run, mapping=mapping, progress=progress
        )
    return import_release_file(database, path, dry_run=dry_run)
