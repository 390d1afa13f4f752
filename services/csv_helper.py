"""The second process of a large CSV export of the roster (see services.exports).

Started with ``csv_helper.main([DATABASE])`` by the exporting process, which holds
SQLite's write lock meanwhile. It imports only the standard library and
:mod:`services.sheet_csv` (~40 ms to start; SQLAlchemy and the models would take ~0.9 s),
begins its read transaction, and says so: from then on it reads the very state the
exporting process reads, whatever is committed later.

It then writes parts of the roster (id ranges) that the exporting process hands it, each
into its scratch file, and says where each part is. The exporting process writes the other
parts and joins the file in order. One JSON document a line each way:

to the helper (stdin)
    the job: ``{"scratch", "page_size", "phones", "emails", "include_opted_out", "keyset",
    "values"}``, each query ``[sql, parameter names, fixed values]``; then, for each
    ``want``, ``{"part": i, "after": a, "upto": b}`` or ``{"part": null}`` (no more).
from the helper (stdout)
    ``{"ready": true}`` once its read transaction has begun; ``{"want": true}``;
    ``{"page": contacts}`` after each page; ``{"wrote": i, "offset", "length",
    "contacts", "skipped", "overridden"}`` after each part; ``{"done": true}``; or
    ``{"error": traceback}``.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import sys
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from services.sheet_csv import EXPORT_CACHE_KIB, RowQuery, csv_text, range_pages


@dataclass
class _Tally:
    """The opt-out counts of one part (services.sheet_csv.OptOutTally)."""

    include_opted_out: bool
    skipped_opt_out: int = 0
    overridden: list[int] = field(default_factory=list)


def _query(cursor: sqlite3.Cursor, spec: Sequence[Any]) -> RowQuery:
    """A compiled query of the exporting process, run with this call's parameters."""
    sql, names, fixed = spec

    def run(params: dict[str, Any]) -> list[Any]:
        cursor.execute(sql, [params[name] if name in params else fixed[name] for name in names])
        return cursor.fetchall()

    return run


def _say(out: IO[str], **message: Any) -> None:
    out.write(json.dumps(message) + "\n")
    out.flush()


def _hear(inp: IO[str]) -> dict[str, Any]:
    line = inp.readline()
    if not line:
        raise EOFError("the exporting process closed the pipe")
    message: dict[str, Any] = json.loads(line)
    return message


def serve(database: str, inp: IO[str], out: IO[str]) -> None:
    """Begin reading ``database``, then write the parts asked for (see the module's doc)."""
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        connection.execute("PRAGMA query_only = 1")
        connection.execute(f"PRAGMA cache_size = -{EXPORT_CACHE_KIB}")
        connection.execute("BEGIN")
        connection.execute("SELECT 1 FROM contact LIMIT 1").fetchall()  # the snapshot begins
        _say(out, ready=True)
        job = _hear(inp)
        cursor = connection.cursor()
        keyset = _query(cursor, job["keyset"])
        values = [_query(cursor, spec) for spec in job["values"]]
        phones, emails, page_size = job["phones"], job["emails"], job["page_size"]
        with open(job["scratch"], "wb") as scratch:
            while True:
                _say(out, want=True)
                part = _hear(inp)
                if part["part"] is None:
                    break
                offset, contacts = scratch.tell(), 0
                tally = _Tally(job["include_opted_out"])
                span = (part["after"], part["upto"])
                for page in range_pages(keyset, values, tally, span, page_size):
                    scratch.write(csv_text(page, phones, emails).encode("utf-8"))
                    contacts += len(page.contacts)
                    _say(out, page=len(page.contacts))
                scratch.flush()
                _say(
                    out,
                    wrote=part["part"],
                    offset=offset,
                    length=scratch.tell() - offset,
                    contacts=contacts,
                    skipped=tally.skipped_opt_out,
                    overridden=tally.overridden,
                )
        _say(out, done=True)
    finally:
        connection.close()


def main(argv: Sequence[str]) -> int:
    try:
        serve(argv[0], sys.stdin, sys.stdout)
    except BrokenPipeError:
        return 1  # the exporting process is gone (cancelled): nothing to tell
    except BaseException:
        with contextlib.suppress(OSError):
            _say(sys.stdout, error=traceback.format_exc())
        return 1
    return 0
