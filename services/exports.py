"""Contact sheets: the roster, or part of it, as CSV, XLSX, vCard or a printable PDF.

:func:`export_contact_sheet` selects contacts (a release's media contacts, an organisation's,
a tag's, a search's, or everyone), leaves out those who opted out of contact (PDPO) unless
asked not to, and streams them from the database in pages of :data:`PAGE_SIZE` into a
temporary file beside the target, renamed into place only when complete: an interrupted or
cancelled export never leaves a half-written file under the real name, and memory does not
grow with the roster. A large CSV of the whole roster on SQLite is written by this process
and a helper process, each a part at a time (:func:`_export_csv_in_two`): the same file,
in ~0.6-0.7 of the time on two cores.

Rows are read with SQLAlchemy Core, not through ``services.roster.contact_dicts``, and taken
from the driver as plain tuples (:func:`_fetch`): loading ORM objects costs ~10x more per
contact, and the CSV target (100 000 rows/s) leaves no room for it. A page is four small
queries (contacts joined with their organisation, phones, e-mails, tags), and the CSV and
XLSX rows are built from those tuples directly. The PDF, a few pages for people to read,
is laid out by Qt in ``desktop.pdf_export``; this module hands it plain data and never
imports Qt.

Formats
    * CSV: UTF-8 with a byte-order mark (Excel then shows Chinese), CRLF, one row per
      contact with every phone and e-mail in typed column pairs. Any value a spreadsheet would
      run as a formula (starting ``= + - @``, tab, CR, LF) gets a leading ``'`` (OWASP), except
      a well-formed phone number such as ``+852 2629 2329``.
    * XLSX: XlsxWriter in constant-memory mode; a frozen, filtered header row, widths from
      the first page (Chinese characters count double), every value written as a string.
    * vCard: our own writer (vobject's serializer manages ~1.7 k cards/s; this one over
      ten times that, reading from the database included; the tests read every card it
      writes back with vobject). 3.0 by default, 4.0 on request. Lines are folded at 75
      octets without splitting a UTF-8 character, with CRLF ends; ``\\ , ;`` and newlines
      are escaped.
    * PDF: the media-contact block of a release, grouped by organisation.

Phones are written in E.164 (``+85269865822``) in CSV, XLSX and vCard: the one form every
phone, mail program and spreadsheet reads without guessing a country; formatting a number
for display costs ~54 µs, more than writing the whole row. The PDF, for people, shows
``+852 6986 5822``.

vCard choices (what Apple Contacts, Google Contacts and Thunderbird keep)
    * ``FN`` and ``N`` carry the name in the contact's preferred language; the name in the
      other script goes in ``NICKNAME``. All three keep and show a nickname field and sync
      it; ``X-PHONETIC-FIRST-NAME``/``LAST-NAME`` are pronunciation fields (Apple sorts by
      them, and Google shows them as "phonetic name"), so an English name there would be
      shown as a pronunciation, and the 4.0 way (two ``FN`` with ``ALTID``/``LANGUAGE``) is
      kept only as the first ``FN`` by all three. ``FN`` and ``NICKNAME`` carry a
      ``LANGUAGE`` parameter (zh-HK / en) so a reader need not guess the script.
    * ``ORG`` and ``TITLE`` are written once per language, preferred language first, each
      with ``LANGUAGE`` (and, in 4.0, the pair tied by ``ALTID`` as RFC 6350 §5.4 says):
      programs that keep one keep the first; ours reads both back.
    * ``TEL`` types: mobile ``CELL,VOICE``, work ``WORK,VOICE``, fax ``WORK,FAX``, home
      ``HOME,VOICE`` (3.0) / ``cell`` ``work`` ``fax`` ``home`` with ``VALUE=uri`` and a
      ``tel:`` value (4.0). Our "team" and "other" types have no vCard name: ``X-TEAM`` and
      ``X-OTHER`` are added (x-names are allowed in TYPE and ignored by others).
    * ``UID`` is ``urn:uuid:`` + uuid5(:data:`UID_NAMESPACE`, ``"contact/<id>"``): the same for
      a contact on every export from the same database, so re-importing a sheet into a phone
      updates cards instead of duplicating them. Two databases give their own contact 17 the
      same UID; the UID identifies a roster row, not a person.
    * A shared mailbox is marked ``X-PRESSDESK-KIND:mailbox`` (for our own import).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import logging
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    case,
    exists,
    func,
    select,
)

from db.engine import Database
from db.models import (
    AuditEntry,
    Contact,
    ContactEmail,
    ContactPhone,
    ContactTag,
    Organization,
    Release,
    ReleaseMediaContact,
    utc_now,
)
from db.search import search_contact_ids
from services.audit import current_user
from services.phones import format_phone
from services.problems import InputRejected, Problem, Severity
from services.roster import query_as_phone
from services.saved_files import give_saved_mode
from services.sheet_csv import BY_CONTACT as _BY_CONTACT
from services.sheet_csv import (
    EXPORT_CACHE_KIB,
    csv_head,
    csv_text,
    kept_contacts,
    range_pages,
    sheet_headers,
)
from services.sheet_csv import Page as _Page
from services.sheet_csv import sheet_rows as _sheet_rows

_log = logging.getLogger(__name__)

EXPORT_FORMATS = ("csv", "xlsx", "vcf", "pdf")
VCARD_VERSIONS = ("3.0", "4.0")
PAGE_SIZE = 1000
PDF_MAX_CONTACTS = 5000
"""A printed sheet beyond this is a book: CSV or XLSX serves that better."""
UID_NAMESPACE = uuid.UUID("6f1c3a8e-5b4d-4e57-9a43-2d0c8e5f7b21")
"""Fixed forever: changing it changes every exported contact's UID."""
MIN_VALUE_COLUMNS = 2
"""Phone and e-mail column pairs in a sheet at least, so its layout is the same every time."""

Progress = Callable[[int, int | None], bool]

# --- rows --------------------------------------------------------------------------------


@dataclass(slots=True)
class SheetContact:
    """One contact as the printed sheet shows it (plain data for the PDF writer).

    Attributes:
        phones: (type, E.164, extension or None), in the contact's order.
        emails: (type, address), in the contact's order.
    """

    id: int
    kind: str
    name_zh: str | None
    name_en: str | None
    title_zh: str | None
    title_en: str | None
    organization_id: int | None
    organization_zh: str | None
    organization_en: str | None
    preferred_language: str
    notes: str | None
    phones: list[tuple[str, str, str | None]] = field(default_factory=list)
    emails: list[tuple[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class SheetGroup:
    """The contacts of one organisation on a printed sheet."""

    organization_zh: str | None
    organization_en: str | None
    contacts: list[SheetContact]


@dataclass
class ContactSheet:
    """What the PDF writer lays out: a heading, then contacts grouped by organisation."""

    title_zh: str | None
    title_en: str | None
    subtitle: str | None
    issued_on: str | None
    place: str | None
    groups: list[SheetGroup]


PdfWriter = Callable[[Path, ContactSheet], None]
"""``desktop.pdf_export.write_contact_sheet_pdf``; passed in so services never import Qt."""


@dataclass
class ExportResult:
    """What an export wrote."""

    path: Path
    format: str
    contacts: int
    skipped_opt_out: int

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the command line's ``export``."""
        return {
            "path": str(self.path),
            "format": self.format,
            "contacts": self.contacts,
            "skipped_opt_out": self.skipped_opt_out,
        }


class ExportCancelled(Exception):
    """The user cancelled through the progress callback; no file was left behind."""


# --- selection ---------------------------------------------------------------------------

_CONTACT = Contact.__table__  # type: ignore[attr-defined]
_ORG = Organization.__table__  # type: ignore[attr-defined]
_PHONE = ContactPhone.__table__  # type: ignore[attr-defined]
_EMAIL = ContactEmail.__table__  # type: ignore[attr-defined]
_TAG = ContactTag.__table__  # type: ignore[attr-defined]
_MEDIA = ReleaseMediaContact.__table__  # type: ignore[attr-defined]

_CONTACT_COLUMNS = (
    _CONTACT.c.id,
    _CONTACT.c.name_zh,
    _CONTACT.c.name_en,
    _CONTACT.c.title_zh,
    _CONTACT.c.title_en,
    _ORG.c.name_zh,
    _ORG.c.name_en,
    _CONTACT.c.notes,
    _CONTACT.c.kind,
    _CONTACT.c.organization_id,
    _CONTACT.c.preferred_language,
    _CONTACT.c.opt_out,
)
"""A page's contact rows for cards and the PDF: the sheet's first six columns in sheet
order, then the rest; ``opt_out`` last."""
_SHEET_COLUMNS = (
    _CONTACT.c.id,
    *(func.coalesce(column, "") for column in _CONTACT_COLUMNS[1:8]),
    _CONTACT.c.kind,
    _CONTACT.c.opt_out,
)
"""A sheet needs less of a contact (every column read costs ~0.25 µs a contact), and an
empty text for a missing one: a sheet shows both as an empty cell, and the CSV writer joins
cells without a Python step for each."""


@dataclass
class _Selection:
    release_id: int | None
    organization_id: int | None
    query: str | None
    tag: str | None
    include_opted_out: bool
    skipped_opt_out: int = 0
    # Contacts who opted out, written because the user overrode it (recorded afterwards).
    overridden: list[int] = field(default_factory=list)

    def predicates(self) -> list[ColumnElement[bool]]:
        """What every selected contact satisfies, besides where the ids come from."""
        where: list[ColumnElement[bool]] = [_CONTACT.c.deleted_at.is_(None)]
        if self.organization_id is not None:
            where.append(_CONTACT.c.organization_id == self.organization_id)
        if self.tag:
            where.append(
                exists().where(and_(_TAG.c.contact_id == _CONTACT.c.id, _TAG.c.tag == self.tag))
            )
        return where


def _rejected(field_name: str, value: str, message: str, suggestion: str) -> InputRejected:
    return InputRejected(
        message, [Problem(Severity.ERROR, "export", field_name, value, message, suggestion)]
    )


def _check_request(
    connection: Connection, fmt: str, vcard_version: str, selection: _Selection
) -> None:
    if fmt not in EXPORT_FORMATS:
        raise _rejected(
            "format",
            fmt,
            f"{fmt!r} is not an export format.",
            f"Use one of: {', '.join(EXPORT_FORMATS)}.",
        )
    if fmt == "vcf" and vcard_version not in VCARD_VERSIONS:
        raise _rejected(
            "vcard_version",
            vcard_version,
            f"vCard {vcard_version} cannot be written.",
            "Use 3.0 (phones, Outlook, Google) or 4.0 (Thunderbird, newer programs).",
        )
    if selection.release_id is not None and selection.query:
        raise _rejected(
            "query",
            selection.query,
            "A release's contacts and a search cannot be exported together.",
            "Export the release's contacts, or the search results, on their own.",
        )
    if selection.release_id is not None:
        found = connection.execute(
            select(Release.__table__.c.id).where(  # type: ignore[attr-defined]
                Release.__table__.c.id == selection.release_id,  # type: ignore[attr-defined]
                Release.__table__.c.deleted_at.is_(None),  # type: ignore[attr-defined]
            )
        ).first()
        if found is None:
            raise _rejected(
                "release",
                str(selection.release_id),
                f"There is no release {selection.release_id}.",
                "List the releases with `pressdesk releases` and use one of their ids.",
            )
    if selection.organization_id is not None:
        found = connection.execute(
            select(_ORG.c.id).where(
                _ORG.c.id == selection.organization_id, _ORG.c.deleted_at.is_(None)
            )
        ).first()
        if found is None:
            raise _rejected(
                "organization",
                str(selection.organization_id),
                f"There is no organisation {selection.organization_id}.",
                "Look the organisation up in the roster (`pressdesk contacts NAME --json`).",
            )


def _chosen(statement: Select[Any], selection: _Selection) -> Select[Any]:
    """``statement`` over the contact table narrowed to the selection (its search aside)."""
    statement = statement.where(*selection.predicates())
    if not selection.include_opted_out:
        statement = statement.where(_CONTACT.c.opt_out.is_(False))
    if selection.release_id is not None:
        statement = statement.where(
            _CONTACT.c.id.in_(
                select(_MEDIA.c.contact_id).where(_MEDIA.c.release_id == selection.release_id)
            )
        )
    return statement


def _count(connection: Connection, selection: _Selection) -> int | None:
    """How many contacts the selection has (for progress), or None when a search decides."""
    if selection.query:
        return None
    statement = _chosen(select(func.count()).select_from(_CONTACT), selection)
    return int(connection.execute(statement).scalar_one())


def _id_pages(connection: Connection, selection: _Selection) -> Iterator[list[int]] | None:
    """Pages of contact ids in export order, or None for the whole roster in id order."""
    if selection.release_id is not None:
        ids = list(
            connection.execute(
                select(_MEDIA.c.contact_id)
                .where(_MEDIA.c.release_id == selection.release_id)
                .order_by(_MEDIA.c.position, _MEDIA.c.contact_id)
            ).scalars()
        )
        return iter([ids[i : i + PAGE_SIZE] for i in range(0, len(ids), PAGE_SIZE)])
    if selection.query:
        query = selection.query
        phone = query_as_phone(query)

        def search_pages() -> Iterator[list[int]]:
            offset = 0
            while True:
                ids = search_contact_ids(
                    connection, query, phone_e164=phone, limit=PAGE_SIZE, offset=offset
                )
                if ids:
                    yield ids
                if len(ids) < PAGE_SIZE:
                    return
                offset += PAGE_SIZE

        return search_pages()
    return None


@dataclass(frozen=True, slots=True)
class _Shape:
    """What a format reads: the contact columns (id first, ``opt_out`` last) and the
    phone, e-mail and tag queries, each (by a list of contact ids, by an id range)."""

    columns: tuple[Any, ...]
    values: tuple[tuple[Any, Any], ...]


def _fetch(connection: Connection, statement: Any, params: dict[str, Any]) -> list[Any]:
    """A query's rows as the driver gives them (tuples), without SQLAlchemy's ``Row``.

    These queries select only text and integers, which need no result processing, and
    building a ``Row`` for each cost as much again as fetching it (and a quarter of a CSV
    export's time).
    """
    result = connection.execute(statement, params)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


class _DriverQuery:
    """A Core statement compiled once, then run on the connection's DB-API cursor.

    ``Connection.execute`` computes a statement's cache key on every call: ~1 ms for these
    selects, ~1 µs a contact for each query an export runs a hundred times. Only for
    statements without expanding (list) parameters.
    """

    def __init__(self, connection: Connection, statement: Any) -> None:
        self._compiled = statement.compile(dialect=connection.dialect)
        self._sql = str(self._compiled)
        self._names = self._compiled.positiontup  # None for a named paramstyle (psycopg)
        self._cursor = connection.connection.cursor()

    def __call__(self, params: dict[str, Any]) -> list[Any]:
        values = self._compiled.construct_params(params)
        self._cursor.execute(
            self._sql, values if self._names is None else [values[n] for n in self._names]
        )
        return list(self._cursor.fetchall())

    def spec(self, **per_call: Any) -> list[Any]:
        """The query for another process: [SQL, parameter names, fixed values]; the names
        in ``per_call`` (given placeholders here) are bound by each call."""
        return [self._sql, list(self._names or ()), self._compiled.construct_params(per_call)]

    def close(self) -> None:
        self._cursor.close()


def _raw_pages(
    connection: Connection, selection: _Selection, shape: _Shape | None = None
) -> Iterator[_Page]:
    """The selected contacts, a page at a time, with their phones, e-mails and tags.

    Four small queries a page (contacts joined with their organisation; phones; e-mails;
    tags), each one index range or id list: on SQLite that fetched faster than one query
    aggregating phones and e-mails per contact (``group_concat`` or a window-function
    pivot), which then had to be split again in Python (measured again: ~3.8 and
    ~3.3 µs a contact for phones and e-mails aggregated per page, against ~2.6 and ~1.7
    as rows).
    """
    shape = shape or _CARD_SHAPE
    id_pages = _id_pages(connection, selection)
    if id_pages is None and _dense(selection):
        # The whole roster in id order: a page's phones and e-mails are one id range.
        walk = _RangeWalk(connection, selection, shape)
        try:
            span = (0, _last_id(connection))
            yield from range_pages(walk.keyset, walk.values, selection, span, PAGE_SIZE)
        finally:
            walk.close()
        return
    base = _contact_rows(shape, selection)
    by_ids = base.where(_CONTACT.c.id.in_(bindparam("ids", expanding=True)))
    keyset = None
    if id_pages is None:
        keyset = _DriverQuery(
            connection,
            base.where(_CONTACT.c.id > bindparam("after")).order_by(_CONTACT.c.id).limit(PAGE_SIZE),
        )
    after = 0
    try:
        while True:
            if keyset is not None:
                rows = keyset({"after": after})
                if not rows:
                    return
                after = rows[-1][0]
            else:
                assert id_pages is not None
                ids = next(id_pages, None)
                if ids is None:
                    return
                found = {row[0]: row for row in _fetch(connection, by_ids, {"ids": ids})}
                rows = [found[i] for i in ids if i in found]
            contacts = kept_contacts(rows, selection)
            if contacts:
                ids_of = {"ids": [c[0] for c in contacts]}
                values = [_fetch(connection, query[0], ids_of) for query in shape.values]
                yield _Page(contacts, *values)
            if keyset is not None and len(rows) < PAGE_SIZE:
                return
    finally:
        if keyset is not None:
            keyset.close()


def _last_id(connection: Connection) -> int:
    """The highest contact id (deleted or not): where a walk of the roster ends."""
    return int(connection.execute(select(func.max(_CONTACT.c.id))).scalar() or 0)


def _dense(selection: _Selection) -> bool:
    """Whether the selection is the whole roster (no release, search, organisation, tag)."""
    return (
        selection.release_id is None
        and not selection.query
        and selection.organization_id is None
        and not selection.tag
    )


def _contact_rows(shape: _Shape, selection: _Selection) -> Any:
    """The selected contacts' rows, as ``shape`` reads them (to be narrowed and ordered)."""
    return (
        select(*shape.columns)
        .select_from(_CONTACT.outerjoin(_ORG, _ORG.c.id == _CONTACT.c.organization_id))
        .where(*selection.predicates())
    )


class _RangeWalk:
    """The queries of a walk of the roster in id order, compiled once (see range_pages)."""

    def __init__(self, connection: Connection, selection: _Selection, shape: _Shape) -> None:
        keyset = (
            _contact_rows(shape, selection)
            .where(_CONTACT.c.id > bindparam("after"), _CONTACT.c.id <= bindparam("upto"))
            .order_by(_CONTACT.c.id)
            .limit(PAGE_SIZE)
        )
        self.keyset = _DriverQuery(connection, keyset)
        self.values = [_DriverQuery(connection, by_range) for _, by_range in shape.values]

    def close(self) -> None:
        for query in (self.keyset, *self.values):
            query.close()


def _values_of(*columns: Any) -> tuple[Any, Any]:
    """The same query by a list of contact ids and by an id range, in contact order."""
    table = columns[0].table
    query = select(*columns).order_by(*columns[:1], *_POSITION_ORDER.get(table.name, ()))
    return (
        query.where(columns[0].in_(bindparam("ids", expanding=True))),
        query.where(columns[0].between(bindparam("lo"), bindparam("hi"))),
    )


_POSITION_ORDER: dict[str, tuple[Any, ...]] = {
    "contact_phone": (_PHONE.c.position, _PHONE.c.id),
    "contact_email": (_EMAIL.c.position, _EMAIL.c.id),
    "contact_tag": (_TAG.c.tag,),
}
_EMAILS_OF = _values_of(_EMAIL.c.contact_id, _EMAIL.c.type, _EMAIL.c.address)
_TAGS_OF = _values_of(_TAG.c.contact_id, _TAG.c.tag)
_CARD_SHAPE = _Shape(
    _CONTACT_COLUMNS,
    (
        _values_of(_PHONE.c.contact_id, _PHONE.c.type, _PHONE.c.e164, _PHONE.c.extension),
        _EMAILS_OF,
        _TAGS_OF,
    ),
)
# A sheet's phone cell, "+85223456789 ext. 123", built by the database: no Python per phone.
_PHONE_CELL = case(
    (func.coalesce(_PHONE.c.extension, "") == "", _PHONE.c.e164),
    else_=_PHONE.c.e164 + " ext. " + _PHONE.c.extension,
)
_SHEET_SHAPE = _Shape(
    _SHEET_COLUMNS,
    (_values_of(_PHONE.c.contact_id, _PHONE.c.type, _PHONE_CELL), _EMAILS_OF, _TAGS_OF),
)


def _grouped(rows: list[tuple[Any, ...]]) -> dict[int, list[tuple[Any, ...]]]:
    """Value rows by contact id (rows are in contact order, so groupby, C code, splits them)."""
    return {contact_id: list(values) for contact_id, values in groupby(rows, _BY_CONTACT)}


def _sheet_contacts(page: _Page) -> list[SheetContact]:
    """A page as :class:`SheetContact` objects (for the PDF writer)."""
    no_values: list[tuple[Any, ...]] = []
    phones, emails, tags = _grouped(page.phones), _grouped(page.emails), _grouped(page.tags)
    contacts = []
    for row in page.contacts:
        contact_id = row[0]
        contacts.append(
            SheetContact(
                id=contact_id,
                kind=row[8],
                name_zh=row[1],
                name_en=row[2],
                title_zh=row[3],
                title_en=row[4],
                organization_id=row[9],
                organization_zh=row[5],
                organization_en=row[6],
                preferred_language=row[10],
                notes=row[7],
                phones=[value[1:] for value in phones.get(contact_id, no_values)],
                emails=[value[1:] for value in emails.get(contact_id, no_values)],
                tags=[value[1] for value in tags.get(contact_id, no_values)],
            )
        )
    return contacts


def _most_values(connection: Connection, selection: _Selection) -> tuple[int, int]:
    """The most phones and e-mails any one contact of the sheet has: its column pairs.

    Counted among the selected contacts (a release's three media contacts get no empty
    Phone 4-6 columns for a switchboard-heavy contact elsewhere in the roster); a search's
    matches are known only page by page, so for a search the whole roster decides.
    """
    narrowed = not selection.query and (
        selection.release_id is not None
        or selection.organization_id is not None
        or bool(selection.tag)
    )
    counts = []
    for table in (_PHONE, _EMAIL):
        statement = select(func.count().label("n")).select_from(table)
        if narrowed:
            chosen = _chosen(select(_CONTACT.c.id), selection)
            statement = statement.where(table.c.contact_id.in_(chosen))
        per_contact = statement.group_by(table.c.contact_id).subquery()
        counts.append(connection.execute(select(func.max(per_contact.c.n))).scalar() or 0)
    return max(counts[0], MIN_VALUE_COLUMNS), max(counts[1], MIN_VALUE_COLUMNS)


# --- the export --------------------------------------------------------------------------


def export_contact_sheet(
    database: Database,
    fmt: str,
    path: Path | str,
    *,
    release_id: int | None = None,
    organization_id: int | None = None,
    query: str | None = None,
    tag: str | None = None,
    vcard_version: str = "3.0",
    include_opted_out: bool = False,
    progress: Progress | None = None,
    pdf_writer: PdfWriter | None = None,
) -> ExportResult:
    """Write a contact sheet.

    The selection: a release's media contacts (the release's media-contact block, in block
    order; its spokespeople are not media contacts and are left out), or the contacts found
    by a search, or the whole roster in roster order; narrowed to one organisation and/or
    one tag when given. Deleted contacts are never exported; contacts who opted out only
    with ``include_opted_out``.

    Args:
        database: the open database.
        fmt: "csv", "xlsx", "vcf" or "pdf".
        path: the file to write (replaced if it exists, only once the export is complete).
        release_id: export this release's media contacts.
        organization_id: only this organisation's contacts.
        query: only the contacts this search finds (names, organisations, e-mails, phones).
        tag: only contacts with this tag.
        vcard_version: "3.0" or "4.0".
        include_opted_out: also export contacts who asked not to be contacted.
        progress: called with (contacts written, total or None) after each page; returning
            False cancels.
        pdf_writer: lays out the PDF (``desktop.pdf_export.write_contact_sheet_pdf``);
            required for "pdf".

    Returns:
        What was written.

    Raises:
        InputRejected: unknown format, release or organisation; the file cannot be written;
            a PDF of more than :data:`PDF_MAX_CONTACTS` contacts.
        ExportCancelled: ``progress`` returned False; nothing was left behind.
    """
    target = Path(path)
    selection = _Selection(release_id, organization_id, query, tag, include_opted_out)
    if fmt == "pdf" and pdf_writer is None:
        raise ValueError("a PDF export needs pdf_writer (desktop.pdf_export)")
    if fmt == "csv" and _in_two_processes(database, selection):
        written = _export_csv_in_two(database, target, selection, progress)
        if written is not None:
            _record_overrides(database, selection.overridden, f"{fmt}: {target.name}")
            return ExportResult(target, fmt, written, selection.skipped_opt_out)
    with database.session(write=False) as session, _small_page_cache(session.connection()):
        connection = session.connection()
        _check_request(connection, fmt, vcard_version, selection)
        # Only for progress: counting reads the whole selection (~20-50 ms at 100 000).
        total = _count(connection, selection) if progress is not None else None
        with _replacing(target) as (temp, stream_opener):
            written = 0
            shape = _SHEET_SHAPE if fmt in ("csv", "xlsx") else _CARD_SHAPE

            def pages() -> Iterator[_Page]:
                nonlocal written
                if progress is not None and progress(0, total) is False:
                    raise ExportCancelled
                for page in _raw_pages(connection, selection, shape):
                    yield page
                    written += len(page.contacts)
                    if progress is not None and progress(written, total) is False:
                        raise ExportCancelled

            if fmt == "csv":
                with stream_opener("w", encoding="utf-8", newline="") as stream:
                    _write_csv(stream, pages(), *_most_values(connection, selection))
            elif fmt == "xlsx":
                _write_xlsx(temp, pages(), *_most_values(connection, selection))
            elif fmt == "vcf":
                with stream_opener("wb") as stream:
                    _write_vcards(stream, pages(), vcard_version)
            else:
                assert pdf_writer is not None
                sheet = _sheet(connection, selection, map(_sheet_contacts, pages()))
                pdf_writer(temp, sheet)
    _record_overrides(database, selection.overridden, f"{fmt}: {target.name}")
    return ExportResult(target, fmt, written, selection.skipped_opt_out)


def _record_overrides(database: Database, contact_ids: Sequence[int], what: str) -> None:
    """Record on each opted-out contact that the officer exported them anyway (PDPO).

    Written once the file is in place: an export that failed or was cancelled left
    nothing to record.
    """
    if not contact_ids:
        return
    with database.session() as session:
        user = current_user(session) or ""
        now = utc_now()
        session.add_all(
            AuditEntry(
                at=now,
                user=user,
                entity="contact",
                entity_id=contact_id,
                action="opt_out_override",
                field_name="export",
                new_value=what,
            )
            for contact_id in contact_ids
        )


@contextlib.contextmanager
def _small_page_cache(connection: Connection) -> Iterator[None]:
    """On SQLite, read through a small page cache for the export, then restore the size.

    The engine gives each connection a 64 MiB cache (``db.engine``: imports re-read index
    pages). An export reads each page once, and through that cache the process grew with
    the database file (46 MB for 100 000 contacts, 6 MB with 2 MiB), at the same speed.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    previous = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{EXPORT_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(previous)}")


@contextlib.contextmanager
def _replacing(target: Path) -> Iterator[tuple[Path, Callable[..., IO[Any]]]]:
    """A temporary file beside ``target``, renamed onto it only when the block succeeds."""
    if target.is_dir():
        raise _rejected(
            "path", str(target), f"{target} is a folder.", "Give a file name inside it."
        )
    temp = _temp_beside(target)

    def opener(mode: str, **kwargs: Any) -> IO[Any]:
        return temp.open(mode, **kwargs)

    try:
        yield temp, opener
        give_saved_mode(temp, target)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _temp_beside(target: Path) -> Path:
    """A new empty hidden file beside ``target`` (``.NAME.xxxx.part``), to write it in."""
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent or Path(".")
        )
    except OSError as error:
        raise _rejected(
            "path",
            str(target),
            f"{target} cannot be written: {error.strerror or error}.",
            "Choose a folder that exists and that you can write to.",
        ) from None
    os.close(handle)
    return Path(name)


# --- CSV ---------------------------------------------------------------------------------


def _write_csv(stream: IO[str], pages: Iterator[_Page], phones: int, emails: int) -> None:
    # The byte-order mark by hand: the "utf-8-sig" codec encodes in Python, row by row.
    stream.write(csv_head(phones, emails))
    for page in pages:
        stream.write(csv_text(page, phones, emails))


# --- CSV in two processes ----------------------------------------------------------------

TWO_PROCESS_MIN_CONTACTS = 20_000
"""A CSV of the whole roster on SQLite spanning this many contact ids or more is written by
two processes (when the machine has two cores)."""
PART_PAGES = 5
"""Pages (of :data:`PAGE_SIZE` contacts) in each part of the roster the processes share out."""
HELPER_READY_SECONDS = 2.0
"""How long writers may be held up for the helper to begin reading (~50 ms when all is
well); beyond, this process writes the export alone."""
HELPER_SILENCE_SECONDS = 60.0
"""A helper silent this long while it has a part is stopped, and its parts written here."""
_LOCK_WAIT_SECONDS = 0.2
_HELPER_EXIT_SECONDS = 5.0


def _in_two_processes(database: Database, selection: _Selection) -> bool:
    """Whether a CSV export is one for two processes: the whole roster, on an SQLite file,
    at least :data:`TWO_PROCESS_MIN_CONTACTS` ids long, on a machine with two cores or more,
    run from Python (a frozen application has no interpreter to start the helper with)."""
    if not _dense(selection) or not database.is_sqlite or getattr(sys, "frozen", False):
        return False
    if (os.cpu_count() or 1) < 2 or not _sqlite_file(database):
        return False
    with database.session(write=False) as session:
        # Two subqueries: SQLite finds a lone MIN or MAX of the key at once, but both in one
        # SELECT by reading every row (20 ms at 100 000 contacts).
        low, high = (
            session.connection()
            .execute(
                select(
                    select(func.min(_CONTACT.c.id)).scalar_subquery(),
                    select(func.max(_CONTACT.c.id)).scalar_subquery(),
                )
            )
            .one()
        )
    return high is not None and high - low + 1 >= TWO_PROCESS_MIN_CONTACTS


def _sqlite_file(database: Database) -> str | None:
    path = database.url.database
    return path if path and path != ":memory:" and not path.startswith("file:") else None


def _write_lock(database: Database) -> sqlite3.Connection | None:
    """SQLite's write lock on a connection of its own, or None when another writer has it
    (an import holding it for minutes would otherwise hold the export up)."""
    lock = sqlite3.connect(
        _sqlite_file(database) or "",
        timeout=_LOCK_WAIT_SECONDS,
        isolation_level=None,
        check_same_thread=False,  # released by the helper's listening thread (_Helper)
    )
    try:
        lock.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        lock.close()
        return None
    return lock


# The helper: this copy of services.csv_helper, whatever the working folder holds (``-m``
# would look there first) or the environment says (``-I``: isolated, and quicker to start).
_HELPER_COMMAND = (
    sys.executable,
    "-I",
    "-c",
    "import sys; sys.path.insert(0, sys.argv.pop(1)); from services import csv_helper; "
    "sys.exit(csv_helper.main(sys.argv[1:]))",
    str(Path(__file__).resolve().parent.parent),
)


class _Helper:
    """The second process (``services.csv_helper``) and the thread that listens to it.

    The parts of the roster are shared out as asked for: this process takes them from the
    front (:meth:`claim_front`), the listening thread hands the helper the last one left
    each time it wants one, so both stay busy whatever the other's speed. The parts the
    helper finished (``wrote``) are joined from its scratch file; any other it took (it
    failed, or stopped answering) is written by this process at the end.
    """

    def __init__(self, database: Database, scratch: Path, lock: sqlite3.Connection) -> None:
        self.scratch = scratch
        # SQLite's write lock, held until both processes have begun reading (release()).
        self.held: sqlite3.Connection | None = lock
        self.began = False  # this process has begun its read transaction
        self.releasing = threading.Lock()
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop()
        self.process = subprocess.Popen(
            [*_HELPER_COMMAND, _sqlite_file(database) or ""],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            text=True,
            encoding="utf-8",
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
        self.lock = threading.Lock()
        self.parts: list[tuple[int, int]] = []
        self.front = self.back = 0
        self.handing = True  # parts are handed out when the helper asks (hand_out_no_more)
        self.wrote: dict[int, dict[str, Any]] = {}
        self.contacts = 0  # written by the helper so far (its pages)
        self.failure: str | None = None
        self.stopping = False
        self.done = False
        self.heard = time.monotonic()
        self.ready = threading.Event()
        self.answered = threading.Event()  # ready, or failed before it was
        self.finished = threading.Event()  # done, failed or gone
        self.listener = threading.Thread(
            target=self._listen, name="pressdesk-export-listener", daemon=True
        )
        self.listener.start()

    def _listen(self) -> None:
        assert self.process.stdout is not None
        try:
            for line in self.process.stdout:
                message = json.loads(line)
                self.heard = time.monotonic()
                if "want" in message:
                    self._hand_out()
                elif "page" in message:
                    with self.lock:
                        self.contacts += message["page"]
                elif "wrote" in message:
                    with self.lock:
                        self.wrote[message["wrote"]] = message
                elif "ready" in message:
                    self.ready.set()
                    self.answered.set()
                    self.release()
                elif "done" in message:
                    self.done = True
                    return
                elif "error" in message:
                    self.failure = message["error"]
                    return
            if not self.stopping:
                code = self.process.wait()
                self.failure = f"it ended without finishing its parts (exit code {code})"
        except (OSError, ValueError) as error:
            self.failure = f"{type(error).__name__}: {error}"
        finally:
            self.finished.set()
            self.answered.set()

    def release(self, *, anyway: bool = False) -> None:
        """Let writers go on, once both processes have begun reading (or ``anyway``: the
        helper is late or gone). Called by either thread, whichever knows it first: the lock
        is held for the helper's start (~50 ms), not for this process's preparations."""
        with self.releasing:
            if self.held is not None and (anyway or (self.began and self.ready.is_set())):
                try:
                    self.held.rollback()
                except sqlite3.Error:
                    self.held.close()  # closing a connection lets its lock go too
                self.held = None

    def _hand_out(self) -> None:
        """The helper wants a part: the last one nobody has taken, if any."""
        with self.lock:
            part: dict[str, Any] = {"part": None}
            if self.handing and self.front < self.back:
                self.back -= 1
                after, upto = self.parts[self.back]
                part = {"part": self.back, "after": after, "upto": upto}
        self._send(part)

    def _send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(message) + "\n")
            self.process.stdin.flush()
        except OSError as error:  # gone: what it took is written by this process
            self.failure = self.failure or f"{type(error).__name__}: {error}"

    def share(self, parts: list[tuple[int, int]]) -> None:
        """The parts to write, ``(after, upto)`` id ranges in order; none taken yet."""
        with self.lock:
            self.parts, self.front, self.back = parts, 0, len(parts)

    def start(self, job: dict[str, Any], parts: list[tuple[int, int]]) -> None:
        """Share ``parts`` out and send the helper its job: it begins asking for parts."""
        self.share(parts)
        self._send({**job, "scratch": str(self.scratch)})

    def claim_front(self) -> int | None:
        with self.lock:
            if self.front >= self.back:
                return None
            self.front += 1
            return self.front - 1

    def hand_out_no_more(self) -> dict[int, dict[str, Any]]:
        """Hand out no more parts; returns the parts the helper finished (see ``wrote``)."""
        with self.lock:
            self.handing = False
            return dict(self.wrote)

    def give_up(self) -> None:
        """Hand out nothing more, and stop the helper (what it finished is kept)."""
        self.hand_out_no_more()
        self.stop()

    def stop(self) -> None:
        """End the helper (once), and log why it failed if it did."""
        if self.stopping:
            return
        self.stopping = True  # the end it comes to is not its failure
        if self.done:  # it is closing its database and leaving
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(_HELPER_EXIT_SECONDS)
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.listener.join()  # it reads to the end of the dead helper's output
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()
        if self.failure:
            self.errors.seek(0)
            details = self.errors.read().decode("utf-8", "replace").strip()
            _log.warning(
                "The CSV export's helper process failed; this process wrote its parts.\n%s%s",
                self.failure,
                f"\n{details}" if details else "",
            )
        self.errors.close()


def _export_csv_in_two(
    database: Database, target: Path, selection: _Selection, progress: Progress | None
) -> int | None:
    """A CSV of the whole roster, written by this process and a helper process.

    Both read the same state of the database: SQLite's write lock is held (on a connection
    of its own) from before this process begins reading until the helper has begun its
    read transaction too (~50 ms, whatever the roster's size), so no commit falls between
    the two. Writers wait meanwhile (their busy timeout is 10 s); readers never do. A
    helper that has not begun within :data:`HELPER_READY_SECONDS` is stopped and this
    process writes the export alone, as it does every part the helper took and did not
    finish (it failed, or went silent).

    The roster is cut into parts of :data:`PART_PAGES` pages of the walk this process would
    make alone (:func:`_part_spans`), so the file is byte for byte the one it would write.

    Returns:
        How many contacts were written (opt-out counts in ``selection``); None, having
        written nothing, when another writer holds the lock (the export then runs here).
    """
    if target.is_dir():
        return None  # refused as the one-process export refuses it
    scratch = _temp_beside(target)  # an unwritable folder is refused here, before the lock
    lock = _write_lock(database)
    if lock is None:
        scratch.unlink()
        return None
    try:
        helper = _Helper(database, scratch, lock)
    except OSError as error:  # no interpreter to start: this process writes it alone
        _log.warning("The CSV export's helper process could not start: %s", error)
        lock.close()
        scratch.unlink(missing_ok=True)
        return None
    try:
        with (
            database.session(write=False) as session,
            _small_page_cache(session.connection()),
            _replacing(target) as (_, opener),
            opener("wb") as stream,
        ):
            connection = session.connection()
            connection.execute(select(_CONTACT.c.id).limit(1)).all()  # the state begins
            helper.began = True
            helper.release()  # if the helper has begun too
            phones, emails = _most_values(connection, selection)
            total = _count(connection, selection) if progress is not None else None
            parts = _part_spans(connection, selection)
            walk = _RangeWalk(connection, selection, _SHEET_SHAPE)
            helper.answered.wait(HELPER_READY_SECONDS)
            ready = helper.ready.is_set()
            helper.release(anyway=True)  # a helper late or gone begins no more
            if ready:
                helper.start(
                    {
                        "page_size": PAGE_SIZE,
                        "phones": phones,
                        "emails": emails,
                        "include_opted_out": selection.include_opted_out,
                        "keyset": walk.keyset.spec(after=0, upto=0),
                        "values": [query.spec(lo=0, hi=0) for query in walk.values],
                    },
                    parts,
                )
            else:
                helper.failure = helper.failure or f"it did not begin in {HELPER_READY_SECONDS} s"
                helper.share(parts)
                helper.give_up()
            return _write_parts(
                stream,
                helper,
                walk=walk,
                selection=selection,
                columns=(phones, emails),
                progressing=(progress, total),
            )
    finally:
        helper.stop()  # its listening thread is done with the lock
        lock.close()
        scratch.unlink(missing_ok=True)


def _part_spans(connection: Connection, selection: _Selection) -> list[tuple[int, int]]:
    """The roster cut into ``(after, upto)`` id ranges of :data:`PART_PAGES` pages, the last
    few of one page each (the two processes then finish within a page of each other).

    Each part starts where a page of the walk one process makes starts: a contact's line
    can depend on the page it is read with (all the cells of a page with a formula-looking
    value are neutralised, and a malformed extension kept in the tables would then be
    too), so the parts' pages must be that walk's for the file to be the same.
    """
    nth = _DriverQuery(
        connection,
        select(_CONTACT.c.id)
        .where(*selection.predicates(), _CONTACT.c.id > bindparam("after"))
        .order_by(_CONTACT.c.id)
        .limit(1)
        .offset(bindparam("skip")),
    )
    try:

        def ends(start: int, rows: int) -> list[int]:
            """The id of every ``rows``-th selected contact after ``start``, from ``start``."""
            found = [start]
            while row := nth({"after": found[-1], "skip": rows - 1}):
                found.append(row[0][0])
            return found

        bounds = ends(0, PART_PAGES * PAGE_SIZE)[:-1] or [0]
        bounds = bounds[:-1] + ends(bounds[-1], PAGE_SIZE)
    finally:
        nth.close()
    last = _last_id(connection)
    if last > bounds[-1]:
        bounds.append(last)
    return list(itertools.pairwise(bounds))


def _write_parts(
    stream: IO[bytes],
    helper: _Helper,
    *,
    walk: _RangeWalk,
    selection: _Selection,
    columns: tuple[int, int],
    progressing: tuple[Progress | None, int | None],
) -> int:
    """Write the parts from the front while the helper writes from the back, then join."""
    progress, total = progressing
    written = shown = joined = 0  # in the file; shown as progress; joined from the helper's

    def report() -> None:
        """Progress: what is in the file and what the helper wrote and is not yet joined
        (which counts pages of a part it may not finish: never shown past the total)."""
        nonlocal shown
        if progress is None:
            return
        with helper.lock:
            theirs = max(helper.contacts - joined, 0)
        count = written + theirs if total is None else min(written + theirs, total)
        shown = max(shown, count)
        if progress(shown, total) is False:
            raise ExportCancelled

    def write(part: int) -> None:
        nonlocal written
        for page in range_pages(walk.keyset, walk.values, selection, helper.parts[part], PAGE_SIZE):
            stream.write(csv_text(page, *columns).encode("utf-8"))
            written += len(page.contacts)
            report()

    try:
        report()
        stream.write(csv_head(*columns).encode("utf-8"))
        while (part := helper.claim_front()) is not None:
            write(part)
        # Every part is taken: wait for the helper to finish those it took.
        while not helper.finished.wait(0.05):
            report()
            if time.monotonic() - helper.heard > HELPER_SILENCE_SECONDS:
                helper.failure = "it stopped answering"
                break
        # Its parts are joined at once: a helper that is done leaves meanwhile (one that
        # failed or went silent is stopped after, see _export_csv_in_two).
        finished = helper.hand_out_no_more()
        with contextlib.ExitStack() as closing:
            # Its scratch file, if it wrote any part (it may have failed to create it).
            theirs = closing.enter_context(helper.scratch.open("rb")) if finished else None
            for part in range(helper.front, len(helper.parts)):
                done = finished.get(part)
                if done is None:
                    write(part)
                    continue
                assert theirs is not None
                theirs.seek(done["offset"])
                stream.write(theirs.read(done["length"]))
                written += done["contacts"]
                joined += done["contacts"]
                selection.skipped_opt_out += done["skipped"]
                selection.overridden.extend(done["overridden"])
        report()
    finally:
        walk.close()
    return written


# --- XLSX --------------------------------------------------------------------------------

_MIN_WIDTH = 8
_MAX_WIDTH = 50


def _display_width(text: str) -> int:
    # The same rule as cli.output.display_width; services may not import the CLI.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _write_xlsx(path: Path, pages: Iterator[_Page], phones: int, emails: int) -> None:
    import xlsxwriter  # noqa: PLC0415 - only an XLSX export pays for loading it

    headers = sheet_headers(phones, emails)
    workbook = xlsxwriter.Workbook(
        str(path),
        {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False},
    )
    try:
        sheet = workbook.add_worksheet("Contacts")
        bold = workbook.add_format({"bold": True})
        first = next(pages, None)
        rows = [] if first is None else _sheet_rows(first, phones, emails, neutralise=False)
        # Widths must be set before the first row is streamed; the first page is a fair sample.
        for column, heading in enumerate(headers):
            widest = max([_display_width(heading), *(_longest_line(r[column] or "") for r in rows)])
            sheet.set_column(column, column, min(max(widest + 2, _MIN_WIDTH), _MAX_WIDTH))
        sheet.freeze_panes(1, 0)
        for column, heading in enumerate(headers):
            sheet.write_string(0, column, heading, bold)
        number = 0
        # XlsxWriter's write_string only checks for A1 notation (a decorator) and calls
        # _write_string, its "undecorated version": called directly, two Python calls
        # fewer for each of a row's ~18 cells, which is most of what this loop adds to
        # XlsxWriter's own work. The public method if a later version renames it.
        write = getattr(sheet, "_write_string", sheet.write_string)
        for page_rows in _chain_rows(rows, pages, phones, emails):
            for row in page_rows:
                number += 1
                for column, value in enumerate(row):
                    if value:
                        write(number, column, value)
        sheet.autofilter(0, 0, max(number, 1), len(headers) - 1)
    finally:
        workbook.close()


def _longest_line(value: str) -> int:
    return max((_display_width(line) for line in value.split("\n")), default=0)


def _chain_rows(
    first: list[Sequence[str]], pages: Iterator[_Page], phones: int, emails: int
) -> Iterator[list[Sequence[str]]]:
    yield first
    for page in pages:
        yield _sheet_rows(page, phones, emails, neutralise=False)


# --- vCard -------------------------------------------------------------------------------

_CRLF = b"\r\n"
_FOLD_AT = 75
_ESCAPES = str.maketrans({"\\": "\\\\", ",": "\\,", ";": "\\;", "\n": "\\n"})
_PHONE_TYPES_30 = {
    "mobile": "CELL,VOICE",
    "work": "WORK,VOICE",
    "fax": "WORK,FAX",
    "home": "HOME,VOICE",
    "team": "WORK,VOICE,X-TEAM",
    "other": "VOICE,X-OTHER",
}
_PHONE_TYPES_40 = {
    "mobile": "cell",
    "work": "work",
    "fax": "fax",
    "home": "home",
    "team": '"work,x-team"',
    "other": "x-other",
}
_EMAIL_TYPES_30 = {
    "work": "INTERNET,WORK",
    "personal": "INTERNET,HOME",
    "team": "INTERNET,WORK,X-TEAM",
    "other": "INTERNET,X-OTHER",
}
_EMAIL_TYPES_40 = {"work": "work", "personal": "home", "team": '"work,x-team"', "other": "x-other"}
_OTHER_EMAIL_40 = _EMAIL_TYPES_40["other"]
# Two-character surnames, so N splits 歐陽志明 as 歐陽 + 志明 rather than 歐 + 陽志明.
_COMPOUND_SURNAMES = frozenset(
    [
        "歐陽",
        "司徒",
        "上官",
        "諸葛",
        "司馬",
        "東方",
        "皇甫",
        "尉遲",
        "公孫",
        "慕容",
        "令狐",
        "長孫",
        "宇文",
        "夏侯",
        "軒轅",
        "端木",
        "鍾離",
        "欧阳",
        "诸葛",
        "司马",
        "东方",
        "尉迟",
        "公孙",
        "长孙",
        "轩辕",
        "钟离",
    ]
)


_NEEDS_ESCAPE = re.compile(r"[\\,;\r\n]").search


def _escape(value: str) -> str:
    if _NEEDS_ESCAPE(value) is None:  # most values: one C call instead of three
        return value
    return value.replace("\r\n", "\n").replace("\r", "\n").translate(_ESCAPES)


def _fold(data: bytes) -> bytes:
    """One content line longer than 75 octets, folded without splitting a UTF-8 character."""
    parts = []
    start = 0
    limit = _FOLD_AT
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: back up to the character start
            end -= 1
        parts.append(data[start:end])
        start = end
        limit = _FOLD_AT - 1  # the leading space of a continuation line counts
    parts.append(data[start:])
    return b"\r\n ".join(parts) + _CRLF


def _structured_name(name: str, script: str) -> str:
    """N's value: family;given;;; (a Chinese name splits after its surname)."""
    if script == "zh":
        cut = 2 if name[:2] in _COMPOUND_SURNAMES and len(name) > 2 else 1
        return f"{_escape(name[:cut])};{_escape(name[cut:])};;;"
    family, comma, given = name.partition(",")
    if comma:
        return f"{_escape(family.strip())};{_escape(given.strip())};;;"
    words = name.split()
    if len(words) < 2:
        return f"{_escape(name)};;;;"
    return f"{_escape(words[-1])};{_escape(' '.join(words[:-1]))};;;"


_UID_PREFIX = UID_NAMESPACE.bytes + b"contact/"


def contact_uid(contact_id: int) -> str:
    """The vCard UID of a roster contact: the same on every export (see the module doc).

    ``uuid.uuid5(UID_NAMESPACE, f"contact/{contact_id}")``, computed directly: the uuid
    module's version costs ~12 µs, most of a card's time.
    """
    digest = bytearray(hashlib.sha1(_UID_PREFIX + str(contact_id).encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # the RFC 4122 variant
    h = digest.hex()
    return f"urn:uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _card(
    contact: tuple[Any, ...],
    phones: Sequence[tuple[Any, ...]],
    emails: Sequence[tuple[Any, ...]],
    tags: Sequence[tuple[Any, ...]],
    v4: bool,
) -> bytes:
    """One vCard from a page's rows (see :class:`_Page`): no objects built on the way."""
    contact_id, name_zh, name_en, title_zh, title_en, org_zh, org_en, notes, kind = contact[:9]
    # The preferred language's name first; a contact with no Chinese name is shown in English.
    en_first = bool((contact[10] == "en" and name_en) or not name_zh)
    if en_first:
        name, language, other_name, other_language = name_en, "en", name_zh, "zh-HK"
    else:
        name, language, other_name, other_language = name_zh, "zh-HK", name_en, "en"
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0" if v4 else "VERSION:3.0",
        "PRODID:-//PressDesk//EN",
        f"UID:{contact_uid(contact_id)}",
    ]
    if name:
        lines.append(f"FN;LANGUAGE={language}:{_escape(name)}")
        lines.append(f"N:{_structured_name(name, 'en' if en_first else 'zh')}")
    else:
        # FN is required: a mailbox or a nameless contact is shown by its organisation or address.
        shown = (
            org_zh or org_en or (emails[0][2] if emails else "") or (phones[0][2] if phones else "")
        )
        lines += [f"FN:{_escape(shown)}", "N:;;;;"]
    if other_name:
        lines.append(f"NICKNAME;LANGUAGE={other_language}:{_escape(other_name)}")
    for prop, altid, zh, en in (("ORG", 1, org_zh, org_en), ("TITLE", 2, title_zh, title_en)):
        alt = f";ALTID={altid}" if v4 and zh and en else ""
        first, second = (en, zh) if en_first else (zh, en)
        if first:
            lines.append(f"{prop}{alt};LANGUAGE={language}:{_escape(first)}")
        if second:
            lines.append(f"{prop}{alt};LANGUAGE={other_language}:{_escape(second)}")
    if v4:
        for _, phone_type, e164, extension in phones:
            kind_40 = _PHONE_TYPES_40.get(phone_type, _PHONE_TYPES_40["other"])
            ext = f";ext={extension}" if extension else ""
            lines.append(f"TEL;VALUE=uri;TYPE={kind_40}:tel:{e164}{ext}")
        for _, email_type, address in emails:
            lines.append(
                f"EMAIL;TYPE={_EMAIL_TYPES_40.get(email_type, _OTHER_EMAIL_40)}:{_escape(address)}"
            )
    else:
        for _, phone_type, e164, extension in phones:
            kind_30 = _PHONE_TYPES_30.get(phone_type, _PHONE_TYPES_30["other"])
            ext = f" ext. {extension}" if extension else ""
            lines.append(f"TEL;TYPE={kind_30}:{e164}{ext}")
        for _, email_type, address in emails:
            email_30 = _EMAIL_TYPES_30.get(email_type, _EMAIL_TYPES_30["other"])
            lines.append(f"EMAIL;TYPE={email_30}:{_escape(address)}")
    if tags:
        lines.append("CATEGORIES:" + ",".join([_escape(tag) for _, tag in tags]))
    if notes:
        lines.append(f"NOTE:{_escape(notes)}")
    if kind == "mailbox":
        lines.append("X-PRESSDESK-KIND:mailbox")
    lines.append("END:VCARD\r\n")
    # Values are escaped, so CRLF only ends lines: one encode for the card, and folding
    # only for a card with a line over 75 octets (most have none).
    data = "\r\n".join(lines).encode("utf-8")
    encoded_lines = data.split(_CRLF)
    if max(map(len, encoded_lines)) <= _FOLD_AT:
        return data
    return b"".join(
        [
            encoded + _CRLF if len(encoded) <= _FOLD_AT else _fold(encoded)
            for encoded in encoded_lines[:-1]
        ]
    )


def _write_vcards(stream: IO[bytes], pages: Iterator[_Page], version: str) -> None:
    v4 = version == "4.0"
    no_values: list[tuple[Any, ...]] = []
    for page in pages:
        phones_of = _grouped(page.phones).get
        emails_of = _grouped(page.emails).get
        tags_of = _grouped(page.tags).get
        stream.write(
            b"".join(
                [
                    _card(
                        contact,
                        phones_of(contact[0], no_values),
                        emails_of(contact[0], no_values),
                        tags_of(contact[0], no_values),
                        v4,
                    )
                    for contact in page.contacts
                ]
            )
        )


# --- PDF ---------------------------------------------------------------------------------


def _sheet(
    connection: Connection, selection: _Selection, pages: Iterator[list[SheetContact]]
) -> ContactSheet:
    """The PDF's data: contacts grouped by organisation, in order of first appearance."""
    groups: dict[int | str, SheetGroup] = {}
    count = 0
    for page in pages:
        count += len(page)
        if count > PDF_MAX_CONTACTS:
            raise _rejected(
                "selection",
                str(count),
                f"More than {PDF_MAX_CONTACTS} contacts are too many for a printed sheet.",
                "Export them as CSV or XLSX, or narrow the selection (a release, an "
                "organisation, a tag or a search).",
            )
        for contact in page:
            key: int | str = (
                contact.organization_id if contact.organization_id is not None else "none"
            )
            group = groups.setdefault(
                key, SheetGroup(contact.organization_zh, contact.organization_en, [])
            )
            group.contacts.append(contact)
    heading = ContactSheet(None, None, None, None, None, list(groups.values()))
    release_table = Release.__table__  # type: ignore[attr-defined]
    if selection.release_id is not None:
        release = connection.execute(
            select(
                release_table.c.title_zh,
                release_table.c.title_en,
                release_table.c.issued_on,
                release_table.c.place,
            ).where(release_table.c.id == selection.release_id)
        ).one()
        heading.title_zh, heading.title_en = release.title_zh, release.title_en
        issued: date | None = release.issued_on
        heading.issued_on = issued.isoformat() if issued else None
        heading.place = release.place
        heading.subtitle = "傳媒查詢 Media enquiries"
    else:
        heading.title_zh, heading.title_en = "聯絡人名單", "Contact sheet"
        heading.subtitle = _describe(connection, selection)
        heading.issued_on = date.today().isoformat()
    return heading


def _describe(connection: Connection, selection: _Selection) -> str | None:
    parts = []
    if selection.organization_id is not None:
        org = connection.execute(
            select(_ORG.c.name_zh, _ORG.c.name_en).where(_ORG.c.id == selection.organization_id)
        ).one()
        parts.append(" ".join(n for n in org if n))
    if selection.tag:
        parts.append(f"Tag 標籤: {selection.tag}")
    if selection.query:
        parts.append(f"Search 搜尋: {selection.query}")
    return " · ".join(parts) or None


def display_phone(e164: str, extension: str | None = None) -> str:
    """A stored number as people read it: ``+852 6986 5822 ext. 12``."""
    shown = format_phone(e164)
    return f"{shown} ext. {extension}" if extension else shown
