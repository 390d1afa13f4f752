"""A contact sheet's CSV, from pages of rows: no database library, no Qt.

:mod:`services.exports` reads the pages and writes every format; the CSV formatting is here,
apart, so that the second process of a large CSV export (:mod:`services.csv_helper`) can
run it having imported only the standard library and this module (~40 ms to start, against
~0.9 s for SQLAlchemy and the models). The two write byte for byte the same file.

What a page is (:class:`Page`), which contacts of a page are written (:func:`kept_contacts`,
the PDPO opt-out rule), the walk of the roster in id order by page (:func:`range_pages`),
and a page's CSV text (:func:`csv_text`) are shared by both processes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, groupby
from operator import itemgetter
from typing import Any, Protocol

RowQuery = Callable[[dict[str, Any]], list[Any]]
"""A query run with its parameters, returning the driver's rows (tuples)."""

EXPORT_CACHE_KIB = 2048
"""SQLite's page cache while an export reads the roster (SQLite's own default size), in
each process that reads it (services.exports, services.csv_helper)."""


@dataclass(slots=True)
class Page:
    """One page of selected contacts as the database driver returned them: plain tuples.

    Attributes:
        contacts: rows of the shape's contact columns, in export order, opted-out left out.
        phones: rows (contact id, type, ...) in contact id, then the contact's order; the
            rest is (E.164, extension or None) for cards, or the sheet's cell for sheets.
        emails: rows (contact id, type, address), in the same order.
        tags: rows (contact id, tag), by contact id, then alphabetical.

    Values are left in rows, not grouped: each format groups them the way it writes them
    (:func:`_grouped` for cards and the PDF, :func:`_pairs` for sheets).
    """

    contacts: list[tuple[Any, ...]]
    phones: list[tuple[Any, ...]]
    emails: list[tuple[Any, ...]]
    tags: list[tuple[Any, ...]]


_FORMULA_START = frozenset("=+-@\t\r\n")
# "+852 2629 2329", "+85226292329", "+1-415-555-0100", "+85223456789 ext. 123": a number.
_WELL_FORMED_PHONE = re.compile(r"\+[1-9]\d{0,3}(?:[ \-]?\d{1,8}){1,6}(?: ext\. \d{1,7})?\Z")


def neutralise_cell(value: str) -> str:
    """Make a spreadsheet show ``value`` as text instead of running it as a formula.

    A value starting with ``= + - @``, tab, CR or LF gets a leading ``'`` (OWASP's advice
    for CSV injection), except a well-formed phone number such as ``+852 2629 2329``.
    """
    if value and value[0] in _FORMULA_START and not _WELL_FORMED_PHONE.match(value):
        return "'" + value
    return value


def sheet_headers(phones: int, emails: int) -> list[str]:
    """The stable column headers of our CSV and XLSX sheets (read back by our importer)."""
    headers = [
        "Name (Chinese)",
        "Name (English)",
        "Title (Chinese)",
        "Title (English)",
        "Organisation (Chinese)",
        "Organisation (English)",
    ]
    for n in range(1, phones + 1):
        headers += [f"Phone {n} Type", f"Phone {n}"]
    for n in range(1, emails + 1):
        headers += [f"E-mail {n} Type", f"E-mail {n}"]
    return [*headers, "Tags", "Notes", "Kind", "ID"]


_FIRST = BY_CONTACT = itemgetter(0)


def _any_starts_formula(values: Iterable[str]) -> bool:
    """Whether any of ``values`` (none empty) starts like a formula, in C code only.

    (~0.4 ms a page of a thousand contacts; substring searches for each start character
    over the joined page took twice that, and a regex over it ~1 ms.)
    """
    return not _FORMULA_START.isdisjoint(map(_FIRST, values))


def _pairs(rows: list[tuple[Any, ...]]) -> dict[int, tuple[Any, ...]]:
    """(contact id, type, value) rows -> contact id -> (type, value, type, value, ...)."""
    pairs: dict[int, tuple[Any, ...]] = {}
    get = pairs.get
    for contact_id, kind, value in rows:
        # Concatenation: twice as fast as (*pairs, kind, value), which builds a list first.
        pairs[contact_id] = get(contact_id, ()) + (kind, value)  # noqa: RUF005
    return pairs


_NEEDS_QUOTES = re.compile(r'[,"\r\n]').search
"""What makes the csv module quote a cell (QUOTE_MINIMAL, with CRLF line ends)."""
_QUOTABLE = range(1, 9)
"""A sheet contact row's cells that may need quotes: names, titles, organisations, notes, kind."""


def _any_needs_quotes(values: Iterable[str]) -> bool:
    return _NEEDS_QUOTES("\x00".join(values)) is not None


def _quoted(value: str) -> str:
    """A cell as the csv module writes it."""
    return '"' + value.replace('"', '""') + '"' if _NEEDS_QUOTES(value) else value


def joined_csv(page: Page, phone_columns: int, email_columns: int) -> str | None:
    """A page's CSV lines, byte for byte as the csv module writes them, built by joining
    cells; None when the page needs the csv module instead.

    That is a page with a value people typed that starts like a formula (every cell of it
    goes through :func:`neutralise_cell`, as :func:`sheet_rows` does), or with a phone,
    e-mail or tag that would need quotes (addresses such as ``"a,b"@example.com``): both
    rare. Otherwise only the contact cells can need quotes; the columns that do (an
    organisation's "Ltd., HK", notes with line breaks) are quoted here, the rest as read.
    Measured ~1.4 µs a row less than the csv module over a 100 000-contact export.

    Letting SQLite write the lines instead (cells quoted with ``GLOB`` and ``replace``,
    phones and e-mails pivoted by correlated subqueries, a page as one ``group_concat``)
    measured ~12-15 µs a contact of SQLite time alone: more than reading the rows and
    joining them here.
    """
    if _typed_starts_formula(page) or any(
        _any_needs_quotes(map(cell, values))
        for values in (page.phones, page.emails)
        for cell in (_FIRST_VALUE, _SECOND)
    ):
        return None
    if page.tags and _any_needs_quotes(map(_FIRST_VALUE, page.tags)):
        return None
    columns = list(zip(*page.contacts, strict=True))
    quoted = [i for i in _QUOTABLE if _any_needs_quotes(columns[i])]
    if quoted:
        for i in quoted:
            columns[i] = tuple(map(_quoted, columns[i]))
        page = Page(list(zip(*columns, strict=True)), page.phones, page.emails, page.tags)
    rows = sheet_rows(page, phone_columns, email_columns, neutralise=False)
    return "\r\n".join(map(",".join, rows)) + "\r\n"


_TYPED = itemgetter(1, 2, 3, 4, 5, 6, 7)
"""A sheet contact row's values people typed: names, titles, organisations, notes."""
_FIRST_VALUE, _SECOND = itemgetter(1), itemgetter(2)


def sheet_rows(
    page: Page, phone_columns: int, email_columns: int, *, neutralise: bool
) -> list[Sequence[str]]:
    """A page as sheet rows (see :func:`sheet_headers`); "" is an empty cell.

    ``page`` must have been read with :data:`_SHEET_SHAPE`. Each row is one tuple built by
    concatenation, without a Python step per cell. With ``neutralise`` (CSV), when any
    value people typed on the page starts like a formula, every cell of the page goes
    through :func:`neutralise_cell` (its phone numbers are well-formed and kept); most
    pages have none, and are checked in a few substring searches.
    """
    phone_pad = [("",) * (2 * phone_columns - n) for n in range(2 * phone_columns + 1)]
    email_pad = [("",) * (2 * email_columns - n) for n in range(2 * email_columns + 1)]
    phones_of, emails_of = _pairs(page.phones).get, _pairs(page.emails).get
    tags_of = {
        contact_id: "; ".join([tag for _, tag in tags])
        for contact_id, tags in groupby(page.tags, BY_CONTACT)
    }.get
    rows: list[Sequence[str]] = [
        contact[1:7]  # names, titles, organisation names
        + (phones := phones_of(contact[0], ()))
        + phone_pad[len(phones)]
        + (emails := emails_of(contact[0], ()))
        + email_pad[len(emails)]
        + (tags_of(contact[0], ""), contact[7], contact[8], str(contact[0]))
        for contact in page.contacts
    ]
    if neutralise and _typed_starts_formula(page):
        rows = [[neutralise_cell(v) if v else v for v in row] for row in rows]
    return rows


def _typed_starts_formula(page: Page) -> bool:
    """Whether any value people typed on this page starts like a formula.

    Only names, titles, organisations, notes, addresses and tags can; types, E.164
    numbers, kinds and ids are ours.
    """
    return (
        _any_starts_formula(filter(None, chain.from_iterable(map(_TYPED, page.contacts))))
        or _any_starts_formula(filter(None, map(_SECOND, page.emails)))
        or _any_starts_formula(filter(None, map(_FIRST_VALUE, page.tags)))
    )


def csv_head(phones: int, emails: int) -> str:
    """The start of a sheet's CSV: the byte-order mark (Excel then shows Chinese) and the
    header line."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(sheet_headers(phones, emails))
    return "\ufeff" + buffer.getvalue()


def csv_text(page: Page, phones: int, emails: int) -> str:
    """A page's CSV lines: joined (:func:`joined_csv`) or, when it needs it, by the csv module.

    A page at a time into one string, written at once: csv.writer calls its stream's write
    for every row, and a file's text layer encodes each call (~1.8 µs a row more).
    """
    text = joined_csv(page, phones, emails)
    if text is not None:
        return text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        sheet_rows(page, phones, emails, neutralise=True)
    )
    return buffer.getvalue()


class OptOutTally(Protocol):
    """Where a walk counts the contacts who opted out (services.exports' selection)."""

    include_opted_out: bool
    skipped_opt_out: int
    overridden: list[int]


def kept_contacts(rows: Sequence[Any], tally: OptOutTally) -> list[Any]:
    """The rows of a page that are written (``opt_out`` is each row's last value).

    Contacts who opted out of contact (PDPO) are left out and counted, or, when the officer
    includes them, written and remembered (each export records the override).
    """
    if tally.include_opted_out:
        tally.overridden.extend(row[0] for row in rows if row[-1])
        return list(rows)
    contacts = [row for row in rows if not row[-1]]
    tally.skipped_opt_out += len(rows) - len(contacts)
    return contacts


def range_pages(
    keyset: RowQuery,
    values: Sequence[RowQuery],
    tally: OptOutTally,
    span: tuple[int, int],
    page_size: int,
) -> Iterator[Page]:
    """The contacts with ``span[0] < id <= span[1]``, a page at a time, in id order.

    ``keyset`` takes ``after`` and ``upto`` and returns up to ``page_size`` contact rows (id
    first, ``opt_out`` last); each of ``values`` (phones, e-mails, tags) takes the page's
    id range ``lo``/``hi``: one index range each, cheaper to ask for than a thousand ids.
    An opted-out contact's values, fetched with the range, are simply never looked up.
    """
    after, upto = span
    while True:
        rows = keyset({"after": after, "upto": upto})
        if not rows:
            return
        contacts = kept_contacts(rows, tally)
        if contacts:
            bounds = {"lo": rows[0][0], "hi": rows[-1][0]}
            phones, emails, tags = (query(bounds) for query in values)
            yield Page(contacts, phones, emails, tags)
        if len(rows) < page_size:
            return
        after = rows[-1][0]
