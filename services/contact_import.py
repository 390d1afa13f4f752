"""The bulk contact importer: validate every row, merge duplicates, write all or nothing.

Rows come from any reader (CSV, XLSX, vCard) as :class:`IncomingContact`. Validation
(phonenumbers ~70 µs a number, email-validator ~40-60 µs an address) is the floor of an
import's cost, so it runs in worker processes on large inputs while this process merges
and writes the previous batches: the import keeps pace with validation alone. Writes go
through SQLAlchemy Core ``executemany`` in one transaction with ids allocated up front;
a failure, a cancel or a dry run rolls the whole import back.

Duplicates: an incoming contact is merged into an existing one (in the database or
earlier in the same file) when it has the same e-mail address (case-insensitive), the
same E.164 number, or the same name in the same organisation; its new phones, e-mails and
tags are added and empty fields filled, never overwritten. The report lists every merge.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import operator
import os
import pickle
import queue
import sys
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.connection import Connection as Connection_
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from sqlalchemy import Connection, Index, Table, bindparam, func, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col

from db.bulk import bulk_insert
from db.engine import Database
from db.indexing import reindex_contacts
from db.models import (
    AuditEntry,
    Contact,
    ContactEmail,
    ContactKind,
    ContactPhone,
    ContactTag,
    Language,
    Organization,
    OrganizationKind,
    utc_now,
)
from db.name_order import contact_sort_key
from db.search import (
    SEARCH_TABLE_PHONES,
    SEARCH_TABLE_TOKENS,
    SEARCH_TABLE_WORDS,
    SearchDocument,
    extend_document,
    has_han,
    insert_documents,
    org_tokens,
    search_document,
)
from services.audit import current_user
from services.contact_rows import IncomingContact, pack_rows, unpack_rows
from services.import_report import ImportReport
from services.match_keys import KeyFilter, KeyTable
from services.matching import names_agree
from services.phones import format_phone
from services.phrases import QT_TRANSLATE_NOOP, phrase
from services.pickling import fast_pickle
from services.problems import InputRejected, Problem, Severity
from services.processes import helper_context, widen_pipe
from services.value_checks import EmailValue, PhoneValue, validate_email_text, validate_phone_text

if TYPE_CHECKING:
    from services.contact_files import ContactSource

_log = logging.getLogger(__name__)

BATCH = 2000
# Below this many rows the worker processes cost more to start than they save.
PARALLEL_THRESHOLD = 4000
Progress = Callable[[int, int | None], bool]
_ORG_KINDS = frozenset(OrganizationKind)
_EMPTY_DOCUMENT = SearchDocument("", "")
_CONTACT_KINDS = frozenset(ContactKind)
# The columns of a new contact that come from its row alone (computed by the worker) ...
_OWN_COLUMNS = (
    "kind",
    "name_zh",
    "name_en",
    "romanisation",
    "honorific",
    "title_zh",
    "title_en",
    "preferred_language",
    "notes",
    "opt_out",
)
# ... and all of them, as the writer inserts them.
_CONTACT_COLUMNS = ("id", "organization_id", "created_at", "version", "sort_key", *_OWN_COLUMNS)
_NOTES = _CONTACT_COLUMNS.index("notes")
_NAME_ZH = _CONTACT_COLUMNS.index("name_zh")
_NAME_EN = _CONTACT_COLUMNS.index("name_en")
_PHONE_COLUMNS = ("contact_id", "type", "e164", "extension", "raw", "position")
_EMAIL_COLUMNS = ("contact_id", "type", "address", "address_key", "raw", "position")
_TAG_COLUMNS = ("contact_id", "tag")
_AUDIT_COLUMNS = ("at", "user", "entity", "entity_id", "action", "field_name", "new_value")


class _Keys(NamedTuple):
    """What a row is matched on: its names and its organisation's names, normalised."""

    name_zh: str | None  # stripped
    name_en: str | None  # folded (whitespace collapsed, case-folded)
    org_zh: str | None  # stripped
    org_en: str | None  # whitespace collapsed
    org_en_key: str | None  # folded


_NO_KEYS = _Keys(None, None, None, None, None)


@fast_pickle
@dataclass(slots=True)
class ValidatedContact:
    """An incoming contact after validation: clean values, what failed, what was said."""

    row: IncomingContact
    phones: list[PhoneValue] = field(default_factory=list)
    emails: list[EmailValue] = field(default_factory=list)
    unparsed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skip: bool = False
    # Computed in the worker too, so the writing process does not have to:
    sort_key: bytes = b""
    document: SearchDocument = _EMPTY_DOCUMENT
    values: tuple[Any, ...] = ()  # the contact's own columns, in _OWN_COLUMNS order
    keys: _Keys = _NO_KEYS


def validate_contact(row: IncomingContact, region: str = "HK") -> ValidatedContact:
    """Validate one incoming contact's phones and e-mails (no database needed)."""
    result = ValidatedContact(row)
    seen_phones: set[str] = set()
    for value in row.phones:
        if not value.text.strip():
            continue
        phones, invalid, problems = validate_phone_text(
            value.text, region=region, where=row.where, label=value.label, type_=value.type
        )
        for phone in phones:
            if phone.e164 not in seen_phones:
                seen_phones.add(phone.e164)
                result.phones.append(phone)
        result.unparsed.extend(invalid)
        result.problems.extend(problems)
    seen_emails: set[str] = set()
    default_type = "team" if row.kind == ContactKind.MAILBOX else "work"
    for value in row.emails:
        if not value.text.strip():
            continue
        email, problems = validate_email_text(
            value.text, where=row.where, type_=value.type or default_type
        )
        result.problems.extend(problems)
        if email is None:
            result.unparsed.append(value.text.strip())
        elif email.key not in seen_emails:
            seen_emails.add(email.key)
            result.emails.append(email)
    has_name = any((row.name_zh, row.name_en, row.romanisation))
    has_org = any((row.organization_zh, row.organization_en))
    if not (has_name or has_org or result.phones or result.emails or result.unparsed):
        result.skip = True
        result.problems.append(
            Problem(
                Severity.WARNING,
                row.where,
                "row",
                "",
                "No name, organisation, phone or e-mail: the row was skipped.",
                None,
            )
        )
    return result


def prepare_contact(validated: ValidatedContact) -> ValidatedContact:
    """Compute all that writing needs and that does not depend on the database.

    Sort key, search tokens, column values and match keys: done here, in the worker
    processes, the writing process only matches, numbers and inserts.
    """
    row = validated.row
    org_en = " ".join((row.organization_en or "").split()) or None
    validated.keys = _Keys(
        _clip(row.name_zh, 10_000),
        _fold(row.name_en),
        _clip(row.organization_zh, 10_000),
        org_en,
        _fold(org_en),
    )
    validated.values = _own_values(validated)
    validated.sort_key = contact_sort_key(_clip(row.name_zh, 200), _clip(row.name_en, 200))
    validated.document = search_document(
        [row.name_zh, row.name_en, row.romanisation, row.title_zh, row.title_en],
        [email.address for email in validated.emails],
        [phone.e164 for phone in validated.phones],
    )
    return validated


def validate_batch(rows: Sequence[IncomingContact], region: str = "HK") -> list[ValidatedContact]:
    """Validate and prepare a batch: every row validated, then every row prepared.

    Not row by row: alternating phonenumbers and email-validator with the search
    tokenizer cost ~10 µs a row more (118-125 µs a row against 106-112, 30 000 rows,
    three alternating runs), the two passes each keeping to its own code and data.
    """
    return [prepare_contact(validated) for validated in [validate_contact(r, region) for r in rows]]


# A row's outcome as a worker sends it: the named tuples (phones, e-mails, search
# document, match keys) as plain tuples. Pickle writes a named tuple through Python-level
# calls (its __reduce_ex__ and __getnewargs__): sending a batch cost 7.8 µs a row, plain
# 4.4 with the conversion. Here, unpickling plain tuples and making the named tuples again
# with tuple.__new__ costs 1.5 + 1.1 µs a row, as unpickling the named tuples did (2.6;
# 2 000 synthetic rows, best of seven).
_Outcome = tuple[
    list[tuple[Any, ...]],
    list[tuple[Any, ...]],
    list[str],
    list[Problem],
    bool,
    bytes,
    tuple[str, ...],
    tuple[Any, ...],
    tuple[Any, ...],
]


def _validate_remote(rows: Sequence[IncomingContact], region: str) -> list[_Outcome]:
    """:func:`validate_batch` in a worker process: returns the outcomes without the rows.

    The caller still holds the rows; sending them back would double the pickling.
    """
    return _outcomes(validate_batch(rows, region))


def _outcomes(validated: Iterable[ValidatedContact]) -> list[_Outcome]:
    """The validated rows' outcomes, to send to the writing process (see _Outcome)."""
    return [
        (
            list(map(tuple, v.phones)),
            list(map(tuple, v.emails)),
            v.unparsed,
            v.problems,
            v.skip,
            v.sort_key,
            tuple(v.document),
            v.values,
            tuple(v.keys),
        )
        for v in validated
    ]


def _validate_packed(rows: bytes, region: str) -> list[_Outcome]:
    """:func:`_validate_remote` of a batch as :func:`pack_rows` pickled it (here or in the
    file reader process)."""
    _collect_leftovers()
    return _validate_remote(unpack_rows(rows), region)


# A helper process runs without the cyclic GC (see _start_helper_process); between two
# batches it collects once this many tracked objects have been left since the last time.
_COLLECT_AFTER = 20_000


def _collect_leftovers() -> None:
    """Free what earlier batches left in reference cycles, in a helper process, once it adds up.

    Called between batches, when the batch before has been sent and freed: a collection
    then looks only at what outlived it (caches, and the cycles to free). Collecting at
    the end of every batch, with the batch still alive, took ~5 µs a row of a validation
    worker's time (0.44 s of 100 000 rows).
    """
    if not gc.isenabled() and gc.get_count()[0] > _COLLECT_AFTER:
        gc.collect()


class _ReadBatch(list[IncomingContact]):
    """A batch of rows from the reader process, with the bytes they came in (pack_rows).

    Handed on to a validation worker as they are: this process does not pickle them again.
    """

    packed: bytes


def _rejoin(
    rows: Sequence[IncomingContact], outcomes: Sequence[_Outcome]
) -> list[ValidatedContact]:
    """The rows with the outcomes a worker sent (:func:`_validate_remote`)."""
    new: Any = tuple.__new__  # builds each named tuple in C, not through its __new__
    return [
        ValidatedContact(
            row,
            [new(PhoneValue, phone) for phone in phones],
            [new(EmailValue, email) for email in emails],
            unparsed,
            problems,
            skip,
            sort_key,
            new(SearchDocument, document),
            values,
            new(_Keys, keys),
        )
        for row, (
            phones,
            emails,
            unparsed,
            problems,
            skip,
            sort_key,
            document,
            values,
            keys,
        ) in zip(rows, outcomes, strict=True)
    ]


def _batches(rows: Iterable[IncomingContact], size: int) -> Iterator[list[IncomingContact]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def validated_batches(
    rows: Iterable[IncomingContact],
    *,
    region: str = "HK",
    workers: int | None = None,
    ending: Callable[[], None] | None = None,
) -> Iterator[list[ValidatedContact]]:
    """Validate rows batch by batch, in order; with helper processes when there are many.

    ``workers`` processes validate, this one included: ``workers - 1`` helpers validate
    the next batches while this process writes the previous ones, and whenever the next
    batch is not back from them yet this process validates a batch itself instead of
    waiting. On two cores: one helper beside the writer, each on its own core. Two
    helpers (one a core, the writer beside them) left each one switching with the writer
    on its core and fed through threads that waited for this process's interpreter lock:
    more work for the same rows (import CPU 2.30 against 2.19 x validation, 100 000 rows,
    four alternating runs each; import / validation-only 0.814 -> 0.840).

    At most ``_HELPER_AHEAD`` batches a helper and ``_LOCAL_AHEAD`` of this process's own
    are in flight, so memory stays flat however large the file. A file read aside with one
    helper to have (two cores) has none: its reader process validates in its place
    (:meth:`_RowsReadAside.validated`).

    Args:
        workers: processes that validate, this one included (default: one per core).
        ending: called once, with helpers, as soon as the end of the rows is in sight
            (the last batch read, the helpers' queue full): work this process would
            otherwise do after the helpers are done, with their core idle.
    """
    cores = os.cpu_count() or 1
    helpers = (workers if workers is not None else cores) - 1
    if isinstance(rows, _RowsReadAside) and helpers == 1:
        # Two processes for two cores: the file's reader validates too (see _share_work).
        with _prompt_helper_threads():
            yield from rows.validated(region, ending)
        return
    batches = rows.batches() if isinstance(rows, _RowsReadAside) else _batches(rows, BATCH)
    head = list(itertools.islice(batches, PARALLEL_THRESHOLD // BATCH))
    if len(head) < PARALLEL_THRESHOLD // BATCH or helpers < 1:
        for batch in itertools.chain(head, batches):
            yield validate_batch(batch, region)
        return
    # Helpers run below this process only when the import's processes (this one, the
    # helpers and a file's reader) outnumber the cores: see _lower_priority.
    lowered = 1 + helpers + isinstance(rows, _RowsReadAside) > cores
    with validation_pool(helpers, lowered=lowered) as pool, _prompt_helper_threads():
        source: Iterator[list[IncomingContact]] = itertools.chain(head, batches)
        # Starting the helpers waits for the fork server, which first imports what they
        # run (~0.7 s when it is not running yet), and submitting a batch would wait for
        # that: a thread waits instead, while this process validates and writes the first
        # batches itself.
        starting = threading.Thread(
            target=_start_workers, args=(pool, helpers), name="validation-workers", daemon=True
        )
        starting.start()
        # Validated here while the helpers start; once they run, they get batches before
        # the last of these is written (writing it first left them idle ~0.5 s).
        started: _InFlight | None = None
        try:
            while starting.is_alive():
                first = next(source, None)
                if first is None:
                    break
                validated = _validate_until(first, region, starting.is_alive)
                if len(validated) < len(first):
                    started = (first[: len(validated)], None, validated)
                    source = itertools.chain([first[len(validated) :]], source)
                    break
                if not starting.is_alive():
                    started = (first, None, validated)
                    break
                yield validated
        finally:
            starting.join()
        # Only now: looking ahead for the last batches would have held the first one back
        # until the reader of a file had sent the next ones too.
        last_read = threading.Event()
        source = _tapered(source, helpers, last_read.set)
        # Batches in input order: a helper's future, or a batch this process validated.
        pending: deque[_InFlight] = deque([started] if started is not None else [])
        with_helpers = 0
        own = len(pending)  # batches validated here, not written yet
        done = False  # every batch of the source taken
        try:
            while True:
                while not done and with_helpers < _HELPER_AHEAD * helpers:
                    following = next(source, None)
                    if following is None:
                        done = True
                    else:
                        pending.append(_submit(pool, following, region))
                        with_helpers += 1
                if not pending:
                    break
                if ending is not None and last_read.is_set():
                    ending()
                    ending = None
                    continue
                # Rather than wait for the helpers' next batch: validate one here, a slice
                # at a time, in its place, and hand them what is left of it once theirs is
                # back. The first batch they have not started, else (they have started all
                # theirs) the next of the rows.
                late = not _ready(pending[0]) and own < _LOCAL_AHEAD
                taken = _take_back(pending) if late else None
                if taken is not None:
                    with_helpers -= 1
                elif late and not done:
                    following = next(source, None)
                    if following is None:
                        done = True
                    else:
                        taken = (len(pending), following)
                if taken is not None:
                    own += 1
                    with_helpers += _validate_in_place(pending, *taken, pool, region)
                    continue
                entry = pending.popleft()
                if entry[1] is not None:
                    with_helpers -= 1
                else:
                    own -= 1
                yield _result(entry)
        finally:
            for _, future, _ in pending:
                if future is not None:
                    future.cancel()


def _validate_until(
    batch: list[IncomingContact], region: str, going_on: Callable[[], bool]
) -> list[ValidatedContact]:
    """Validate the batch's first rows, ``_STARTING_SLICE`` at a time, while ``going_on()``
    (asked after each slice); at least one slice.

    A slice at a time, so that the helpers get the rest of the batch as soon as they can
    take it (~0.06 s here): validating a whole batch first left one core idle ~0.3 s while
    the helpers started."""
    validated: list[ValidatedContact] = []
    for piece in _batches(batch, _STARTING_SLICE):
        validated += validate_batch(piece, region)
        if not going_on():
            break
    return validated


def _submit(pool: ProcessPoolExecutor, batch: list[IncomingContact], region: str) -> _InFlight:
    packed = batch.packed if isinstance(batch, _ReadBatch) else pack_rows(batch)
    return (batch, pool.submit(_validate_packed, packed, region), None)


# While helpers validate, this process's threads that feed them and take their results
# (concurrent.futures') get the interpreter lock within this interval of asking for it,
# instead of Python's 5 ms: with the writer holding the lock, a helper waited ~20-90 ms
# for each batch (pipe writes of 64 KiB, each after a wait for the lock).
_SWITCH_INTERVAL_S = 0.0005


class _SwitchInterval:
    """The interpreter's switch interval, short while any import with helpers runs."""

    lock = threading.Lock()
    imports = 0
    before = 0.0  # the interval before the first of them


@contextlib.contextmanager
def _prompt_helper_threads() -> Iterator[None]:
    """A short interpreter switch interval while an import with helpers runs."""
    with _SwitchInterval.lock:
        if _SwitchInterval.imports == 0:
            _SwitchInterval.before = sys.getswitchinterval()
            sys.setswitchinterval(_SWITCH_INTERVAL_S)
        _SwitchInterval.imports += 1
    try:
        yield
    finally:
        with _SwitchInterval.lock:
            _SwitchInterval.imports -= 1
            if _SwitchInterval.imports == 0:
                sys.setswitchinterval(_SwitchInterval.before)


def _tapered(
    batches: Iterator[list[IncomingContact]],
    count: int,
    last_read: Callable[[], None] | None = None,
) -> Iterator[list[IncomingContact]]:
    """The batches, the last ``count`` of them cut into smaller ones.

    The workers finish their last batches together, and this process then wrote them one
    after the other with the workers done and one core idle (~0.35 s of a 100 000-row
    import). Smaller last batches come back while this process still writes the larger
    ones before them: it is left with one small batch to write. Looks ahead ``count``
    batches (as they are read, never more); ``last_read`` is called when the batches
    run out, before the held ones are handed on.
    """
    held: deque[list[IncomingContact]] = deque()
    for batch in batches:
        held.append(batch)
        if len(held) > count:
            yield held.popleft()
    if last_read is not None:
        last_read()
    for batch in held:
        yield from _batches(batch, _LAST_BATCHES)


def _start_workers(pool: ProcessPoolExecutor, count: int) -> None:
    """Start the pool's ``count`` worker processes (each submit starts one while none is
    idle), and wait until they run. A pool that fails to start raises again when a batch
    is submitted to it."""
    with contextlib.suppress(BrokenProcessPool):
        for started in [pool.submit(int) for _ in range(count)]:
            started.result()


# How much lower the validation workers run than this process (Unix nice increment).
_WORKER_NICENESS = 10


def validation_pool(count: int, *, lowered: bool = True) -> ProcessPoolExecutor:
    """The worker processes that validate an import's batches; ``lowered``: below this
    one's priority (:func:`_lower_priority`)."""
    pool = ProcessPoolExecutor(
        max_workers=count,
        mp_context=helper_context(),
        initializer=_start_helper_process,
        initargs=(lowered,),
    )
    # Its two pipes: batches to the workers, outcomes back (see widen_pipe).
    for channel in (getattr(pool, "_call_queue", None), getattr(pool, "_result_queue", None)):
        writer = getattr(channel, "_writer", None)
        if writer is not None:
            widen_pipe(writer)
    return pool


def _start_helper_process(lowered: bool = True) -> None:
    """Set up a validation worker or a file reader: below this process (when ``lowered``),
    without the GC.

    Below: see :func:`_lower_priority` (the reader too: at the writer's priority it took
    the writer's core and the workers', 50 000-row XLSX 19.9 s against 16.7 s lowered).
    The cyclic garbage collector would rescan a batch's thousands of new objects again and
    again (10-20 % of a worker's time) while there are no cycles to find; as in the
    writing process (import_contacts), it is off. What was imported before the work
    starts is frozen out of it, and what batches leave in cycles is collected between
    them (:func:`_collect_leftovers`).
    """
    if lowered:
        _lower_priority()
    gc.freeze()
    gc.disable()


def _lower_priority() -> None:
    """Run this worker below the writing process, which is the import's bottleneck.

    This process merges and writes every row alone (SQLite has one writer), while any
    number of workers validate. At equal priority two workers on two cores take a third
    of this process's core away from it and the import slows to its share: ~3 000 rows/s
    instead of ~4 100 (50 000 synthetic rows, measured A/B). Lowered, the workers use
    what the writer leaves, and they stay ahead of it all the same. On a machine that
    is busy with other work, the workers yield to it too.

    Only when the import's processes outnumber the cores (validated_batches): a file's
    reader, the writer and helpers on fewer cores (with ``workers`` set; by default a file
    on two cores has no helper, see _share_work). With a core each (rows already read,
    one helper on two cores), lowered, the helper lost its core whenever a thread of the
    writing process ran beside the writer (the threads that feed the helpers and take
    their results; SQLite releases the interpreter lock while it writes): 100 000 rows,
    six alternating runs each, import / validation-only median 0.849 -> 0.880, the runs
    0.78-0.94 -> 0.86-0.91.
    """
    if hasattr(os, "nice"):
        # Not allowed here: the worker runs at the normal priority.
        with contextlib.suppress(OSError):
            os.nice(_WORKER_NICENESS)
    elif sys.platform == "win32":
        import ctypes  # noqa: PLC0415 - Windows only

        below_normal = 0x00004000
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), below_normal)


# The contact indexes that list the roster in name order, which an import never reads,
# and how many new contacts an import writes before it sets them aside until it ends.
_LISTING_INDEXES = frozenset({"ix_contact_live_name", "ix_contact_organization_live_name"})
# The indexes a row's name is matched on, within its organisation (db/models.py).
_NAME_ZH_INDEX = "ix_contact_name_zh_organization"
_NAME_EN_INDEX = "ix_contact_name_en_lower_organization"
DEFER_LISTING_INDEXES_AFTER = 20_000
# The indexes an import into an empty SQLite roster matches on in memory instead
# (_BulkWriter._set_key_indexes_aside), and the most slots of the table that holds the keys.
_KEY_INDEXES = frozenset(
    {
        "ix_contact_email_address_key",
        "ix_contact_phone_e164",
        _NAME_ZH_INDEX,
        _NAME_EN_INDEX,
    }
)
_KEY_TABLE_BITS = KeyTable.MAX_BITS
# The keys a contact has, about (synthetic roster: 1.3 numbers, 1.15 addresses, 1.9 names):
# what the table is first sized for, when the number of rows is known.
_KEYS_A_CONTACT = 4.5
_FIRST, _SECOND, _THIRD, _FOURTH = map(operator.itemgetter, range(4))
# How many new contacts make a PostgreSQL import refresh the planner's statistics.
ANALYZE_AFTER = 1000
# How many contacts merged into by later batches are re-indexed together.
REINDEX_TOUCHED_AT = 5000

# FTS5's automerge: its default, and what a bulk import uses while it writes.
_DEFAULT_AUTOMERGE = 4
_BULK_AUTOMERGE = 16

# A batch, and its worker's future or (None and) the batch this process validated itself.
_InFlight = tuple[list[IncomingContact], Future[list[_Outcome]] | None, Any]
# How many batches this process may validate ahead of the workers while it waits for them.
_LOCAL_AHEAD = 3
# How many batches a helper may have. Three left a helper idle ~20 % of a million-row
# import: the writer's long pauses (a search-index merge, re-indexing the contacts merged
# into, a key index built) outlasted them. With more, this process takes back a batch the
# helper has not started when it would wait (_take_back) instead of queueing one of its
# own behind them. A million rows: 0.79 and 0.77 against 0.78 and 0.73 (alternating runs
# of bench_roster); 100 000: no change beyond the spread (two alternating invocations of
# five runs each: medians 0.84 and 0.87 against 0.87 and 0.84).
_HELPER_AHEAD = 8
# Rows this process validates between two looks at whether the helpers run yet, or at
# whether their late batch is back.
_STARTING_SLICE = 250
# The size of the batches the last ones are cut into (_tapered).
_LAST_BATCHES = 500


def _take_back(pending: deque[_InFlight]) -> tuple[int, list[IncomingContact]] | None:
    """The first batch the helpers have not started, taken back from them, and its place;
    None when they have started every batch they have (a batch handed to a helper
    process's queue cannot be cancelled)."""
    for index, (batch, future, _) in enumerate(pending):
        if future is not None and future.cancel():
            return index, batch
    return None


def _validate_in_place(
    pending: deque[_InFlight],
    index: int,
    batch: list[IncomingContact],
    pool: ProcessPoolExecutor,
    region: str,
) -> bool:
    """Validate ``batch`` here as ``pending[index]`` (its place, or the end), a slice at a
    time while the helpers' next batch is not back; what is left goes to them right after
    it. True when something went to them."""
    validated = _validate_until(batch, region, lambda: not _ready(pending[0]))
    here: _InFlight = (batch[: len(validated)], None, validated)
    if index < len(pending):
        pending[index] = here
    else:
        pending.append(here)
    if len(validated) == len(batch):
        return False
    pending.insert(index + 1, _submit(pool, batch[len(validated) :], region))
    return True


def _ready(entry: _InFlight) -> bool:
    return entry[1] is None or entry[1].done()


def _result(
    entry: _InFlight,
) -> list[ValidatedContact]:
    batch, future, local = entry
    return local if future is None else _rejoin(batch, future.result())


class _Apart(NamedTuple):
    """A row's address or number that a contact of another name has: kept apart."""

    why: str  # "e-mail" or "phone"
    value: str  # the address key or E.164 number
    label: str  # the other contact's name


class _Cancelled(Exception):
    """The user cancelled: roll everything back."""


class _DryRun(Exception):
    """A dry run reached its end: roll everything back."""


def _name_keys(keys: _Keys, org_id: int | None) -> list[tuple[str, int | None]]:
    """What a row's names are matched on: each script's name within its organisation."""
    names: list[tuple[str, int | None]] = []
    if keys.name_zh:
        names.append((keys.name_zh, org_id))
    if keys.name_en:
        names.append((_english(keys.name_en), org_id))
    return names


def _stored_name_keys(
    name_zh: str | None, name_en: str | None, org_id: int | None
) -> list[tuple[str, int | None]]:
    """The name keys a contact's stored names are found by, as the name look-ups find
    them (``_by_name``): its Chinese name as stored, its English name lowered as SQLite's
    ``lower()`` does (ASCII letters only), each within its organisation."""
    names: list[tuple[str, int | None]] = []
    if name_zh:
        names.append((name_zh, org_id))
    if name_en:
        names.append((_stored_english(name_en), org_id))
    return names


def _stored_english(name_en: str) -> str:
    """The match key of an English name as stored: lowered as SQLite's ``lower()`` does."""
    return _english(name_en.lower() if name_en.isascii() else name_en.translate(_ASCII_LOWER))


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _english(folded_name: str) -> str:
    """An English name's match key (kept apart from a Chinese name spelt the same)."""
    return f"en:{folded_name}"


def _fold(value: str | None) -> str | None:
    return " ".join(value.split()).casefold() if value and value.strip() else None


class _BulkWriter:
    """Merges and writes validated contacts on one connection inside one transaction."""

    def __init__(
        self,
        connection: Connection,
        report: ImportReport,
        user: str | None = None,
        expected: int | None = None,
    ) -> None:
        self.conn = connection
        self.report = report
        # The officer the import is recorded for (services.audit); None: not audited.
        self.user = user
        self.next_id = self._first_free_id()
        # Into an empty roster, only rows of this import can match: no look-ups needed.
        self.roster_before = self.next_id - 1
        self.roster_was_empty = self.roster_before == 0
        # Listing indexes set aside while a large import writes (see _defer_listing_indexes).
        self.written = 0
        self.deferred: list[Index] = []
        self.restored = False  # rebuilt before the end (finish_early): not set aside again
        self.org_by_zh: dict[str, int] = {}
        self.org_by_en: dict[str, int] = {}
        self.org_tokens: dict[int, list[str]] = {}
        self.org_words: dict[int, str] = {}
        self.new_orgs: list[dict[str, Any]] = []
        self.next_org_id = 1
        self._load_organizations()
        self._tune_search_index(_BULK_AUTOMERGE)
        # This batch's contacts, by every key a later row could match on (earlier batches
        # are in the tables by then, and found there; see _existing_matches).
        self.by_email: dict[str, int] = {}
        self.by_phone: dict[str, int] = {}
        self.by_name: dict[tuple[str, int | None], int] = {}
        self.known_phones: dict[int, set[str]] = {}
        self.known_emails: dict[int, set[str]] = {}
        self.labels: dict[int, str] = {}
        # The contacts of earlier batches or of the roster this batch may merge into, and
        # the numbers and addresses of those and of this batch's new contacts: every
        # contact a row can merge into is here (_load_targets, write_batch).
        self.current: dict[int, dict[str, Any]] = {}
        # Into an empty roster: a filter of every key written by this import, and on SQLite
        # the keys with their contacts, in memory instead of the key indexes (as long as
        # that table holds them; see _set_key_indexes_aside).
        self.written_keys = KeyFilter() if self.roster_was_empty else None
        self.keys: KeyTable | None = None
        self.key_indexes: list[Index] = []
        # Name keys a merge changed in this batch (_fill_existing).
        self.names_gone: list[tuple[tuple[str, int | None], int]] = []
        self.names_new: list[tuple[tuple[str, int | None], int]] = []
        if self.roster_was_empty and self.conn.dialect.name == "sqlite":
            self._set_key_indexes_aside(expected)
        # Contacts that existed before the batch that merged into them, and contacts whose
        # names or titles a row of their own batch filled in: re-indexed at the end.
        self.touched: set[int] = set()
        self.batch_tags: dict[int, set[str]] = {}

    def _first_free_id(self) -> int:
        if self.conn.dialect.name == "postgresql":
            # New ids are taken as one block; keep other writers out until we commit.
            self.conn.execute(text("LOCK TABLE contact IN SHARE ROW EXCLUSIVE MODE"))
        return int(self.conn.scalar(select(func.coalesce(func.max(col(Contact.id)), 0))) or 0) + 1

    def _defer_listing_indexes(self) -> None:
        """Drop the roster's listing indexes once the import outgrows the roster (SQLite).

        Each new contact is an insert at a random place of the name-order indexes, which
        the import itself never reads: at a million contacts ~30 µs a contact. Built
        again in one sorted pass at the end (:meth:`finish`), they cost a few µs a
        contact, counting the roster there was. Dropped and rebuilt inside the import's
        transaction: a cancelled or failed import never changed them, and other
        connections read their own snapshot meanwhile. Not on PostgreSQL, where dropping
        an index locks the table against every reader until the import commits.
        """
        if self.deferred or self.restored or self.conn.dialect.name != "sqlite":
            return
        if self.written < max(DEFER_LISTING_INDEXES_AFTER, self.roster_before):
            return
        self.deferred = [
            index for index in _table(Contact).indexes if index.name in _LISTING_INDEXES
        ]
        for index in self.deferred:
            index.drop(self.conn)

    def _set_key_indexes_aside(self, expected: int | None) -> None:
        """Match an import into an empty SQLite roster on a :class:`KeyTable`, without the
        key indexes (e-mail key, E.164, names within their organisation).

        Each new contact's keys went into those indexes at random places, and flagged keys
        were looked up in them: ~14 µs a contact at 100 000 contacts, ~24 at a million,
        where they outgrow SQLite's page cache (the writer's cost per contact doubled over
        the import). The table holds them in memory, exactly, for ~5 µs a contact (a
        million: 5.3 s); the indexes are built in one sorted pass each (the four: ~6 s at a
        million) at the end (:meth:`finish_early`), or as soon as the table is full
        (:meth:`_remember_keys`). Dropped inside the import's transaction, as the listing
        indexes: a cancelled or failed import never changed them. ``expected``: the rows
        coming, when known (the table starts with room for their keys).
        """
        self.keys = KeyTable(_KEY_TABLE_BITS, int(_KEYS_A_CONTACT * (expected or 0)))
        for model in (ContactEmail, ContactPhone, Contact):
            self.key_indexes += [i for i in _table(model).indexes if i.name in _KEY_INDEXES]
        for index in self.key_indexes:
            index.drop(self.conn)

    def _remember_keys(
        self,
        contacts: dict[int, list[Any]],
        phones: list[tuple[Any, ...]],
        emails: list[tuple[Any, ...]],
    ) -> None:
        """Put this batch's keys in the table: the numbers and addresses written, the new
        contacts' names and the names a merge filled in, as the tables now hold them.

        A name a merge filled in goes into the filter too: the filter has the keys of the
        rows, and a contact's organisation filled in gives its other name a new key.
        """
        names_new, names_gone = self.names_new, self.names_gone
        self.names_gone, self.names_new = [], []
        if self.written_keys is not None and names_new:
            self.written_keys.seen_before([key for key, _ in names_new])
        if self.keys is None:
            return
        names = [
            (key, cid)
            for cid, values in contacts.items()
            for key in _stored_name_keys(values[_NAME_ZH], values[_NAME_EN], values[1])
        ]
        names += names_new
        self.keys.discard(names_gone)
        if self.keys.fits(len(phones) + len(emails) + len(names)):
            self.keys.add(map(_THIRD, phones), map(_FIRST, phones))
            self.keys.add(map(_FOURTH, emails), map(_FIRST, emails))
            self.keys.add(map(_FIRST, names), map(_SECOND, names))
        else:
            # Full: the key indexes are built now, and matched on from here on.
            self.keys = None
            self._restore_key_indexes()

    def _restore_key_indexes(self) -> None:
        for index in self.key_indexes:
            index.create(self.conn)
        self.key_indexes = []

    def finish_early(self) -> None:
        """Do what :meth:`finish` would, once the last rows are in sight (validated_batches'
        ``ending``), while the helpers validate the last batches.

        After the last batch, this ran with the helpers done and their core idle (100 000
        contacts: the listing indexes rebuilt in ~0.4 s, the merged contacts re-indexed,
        which first writes out the search index's pending terms, ~0.1 s). The few batches
        left are written into the rebuilt indexes, which are not set aside again;
        :meth:`finish` re-indexes the contacts they merge into.
        """
        self._restore_listing_indexes()
        self._restore_key_indexes()
        self._reindex_touched()

    def _reindex_touched(self) -> None:
        touched = sorted(self.touched)
        for start in range(0, len(touched), REINDEX_TOUCHED_AT):
            reindex_contacts(self.conn, touched[start : start + REINDEX_TOUCHED_AT])
        self.touched.clear()

    def _restore_listing_indexes(self) -> None:
        for index in self.deferred:
            index.create(self.conn)
        self.deferred = []
        self.restored = True

    def finish(self) -> None:
        """Bring the id sequence past our block and re-index merged existing contacts."""
        self._restore_listing_indexes()
        self._restore_key_indexes()
        self._reindex_touched()
        self._tune_search_index(_DEFAULT_AUTOMERGE)
        if self.conn.dialect.name == "postgresql":
            self.conn.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('contact', 'id'), "
                    "GREATEST((SELECT COALESCE(MAX(id), 0) FROM contact), 1))"
                )
            )
            self.conn.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('organization', 'id'), "
                    "GREATEST((SELECT COALESCE(MAX(id), 0) FROM organization), 1))"
                )
            )

    def grew_the_roster(self) -> bool:
        """True when this import added a tenth of the roster or more (autovacuum's own
        measure of a table that needs new statistics), and at least ANALYZE_AFTER."""
        return self.written >= max(ANALYZE_AFTER, self.roster_before // 10)

    def _tune_search_index(self, automerge: int) -> None:
        """Set how many FTS5 segments of a level wait before they are merged (SQLite).

        A bulk import writes a new segment every megabyte of terms; merging them 16 at a
        time instead of FTS5's default 4 halves the times each term is rewritten (~17 %
        less index work at a million contacts) and leaves searches as fast. The setting
        is stored in the index, inside this transaction: the import sets the default back
        when it finishes, and a rolled-back import never changed it.
        """
        if self.conn.dialect.name != "sqlite":
            return
        for table in (SEARCH_TABLE_WORDS, SEARCH_TABLE_PHONES):
            self.conn.exec_driver_sql(
                f"INSERT INTO {table}({table}, rank) VALUES ('automerge', ?)", (automerge,)
            )

    # --- organisations -------------------------------------------------------------------

    def _load_organizations(self) -> None:
        """Every live organisation by each of its names (a roster has few; one query)."""
        for org_id, name_zh, name_en, short_name, short_name_zh in self.conn.execute(
            select(
                col(Organization.id),
                col(Organization.name_zh),
                col(Organization.name_en),
                col(Organization.short_name),
                col(Organization.short_name_zh),
            )
            .where(col(Organization.deleted_at).is_(None))
            .order_by(col(Organization.id).desc())  # the oldest wins a shared name
        ):
            if org_id is None:
                continue
            for name in (name_zh, short_name_zh):
                if name:
                    self.org_by_zh[name.strip()] = org_id
            for name in (name_en, short_name):
                if name and _fold(name):
                    self.org_by_en[_fold(name) or ""] = org_id
            self.org_tokens[org_id] = org_tokens([name_zh, name_en, short_name, short_name_zh])
        if self.conn.dialect.name == "postgresql":
            self.conn.execute(text("LOCK TABLE organization IN SHARE ROW EXCLUSIVE MODE"))
        self.next_org_id = (
            int(self.conn.scalar(select(func.coalesce(func.max(col(Organization.id)), 0))) or 0) + 1
        )

    def _org_words(self, org_id: int | None) -> str:
        if org_id is None:
            return ""
        words = self.org_words.get(org_id)
        if words is None:
            words = self.org_words[org_id] = " ".join(
                dict.fromkeys(self.org_tokens.get(org_id, []))
            )
        return words

    def organization_id(self, validated: ValidatedContact) -> int | None:
        """The id of the row's organisation, creating it (in this batch) when it is new."""
        row = validated.row
        _, _, zh, en, en_key = validated.keys
        if zh is None and en is None:
            return None
        found = (self.org_by_zh.get(zh) if zh else None) or (
            self.org_by_en.get(en_key or "") if en else None
        )
        if found is not None:
            return found
        org_id = self.next_org_id
        self.next_org_id += 1
        kind = row.organization_kind if row.organization_kind in _ORG_KINDS else None
        self.new_orgs.append(
            {
                "id": org_id,
                "name_zh": _clip(zh, 300),
                "name_en": _clip(en, 300),
                "kind": kind or OrganizationKind.OTHER,
                "phone_region": "HK",
                "created_at": utc_now(),
                "version": 1,
            }
        )
        if zh:
            self.org_by_zh[zh] = org_id
        if en:
            self.org_by_en[en_key or ""] = org_id
        self.org_tokens[org_id] = org_tokens([zh, en])
        self.report.created["organizations"] += 1
        return org_id

    # --- matching ------------------------------------------------------------------------

    def _existing_matches(
        self,
        batch: list[tuple[ValidatedContact, int | None]],
        name_keys: list[list[tuple[str, int | None]]],
    ) -> tuple[dict[str, int], dict[str, int], dict[tuple[str, int | None], int]]:
        """Contacts in the tables matching this batch, by e-mail key, E.164 and name.

        Those of the roster before the import, and those of this import's earlier batches
        (written in this same transaction): memory stays flat however long the file. Into
        an empty roster only keys this import wrote can match, and the filter of those
        spares the look-ups of all the others; on SQLite they are looked up in the table
        of the keys written (_set_key_indexes_aside), as long as it holds them.
        """
        if self.written_keys is not None:
            # Every key of the batch goes into the filter now: the rows are all written
            # (merged or new), and a key met again in this batch is found in its dicts.
            seen = self.written_keys
            keys = set(seen.seen_before([e.key for v, _ in batch for e in v.emails]))
            numbers = set(seen.seen_before([p.e164 for v, _ in batch for p in v.phones]))
            named = set(seen.seen_before(list(itertools.chain.from_iterable(name_keys))))
            if self.keys is not None:
                return self.keys.find(keys), self.keys.find(numbers), self.keys.find(named)
            names_zh = {
                (v.keys.name_zh, o)
                for v, o in batch
                if v.keys.name_zh and (v.keys.name_zh, o) in named
            }
            names_en = {
                (v.keys.name_en, o)
                for v, o in batch
                if v.keys.name_en and (_english(v.keys.name_en), o) in named
            }
        else:
            keys = {e.key for v, _ in batch for e in v.emails}
            numbers = {p.e164 for v, _ in batch for p in v.phones}
            names_zh = {(v.keys.name_zh, org_id) for v, org_id in batch if v.keys.name_zh}
            names_en = {(v.keys.name_en, org_id) for v, org_id in batch if v.keys.name_en}
        live = col(Contact.deleted_at).is_(None)
        by_email: dict[str, int] = {}
        by_phone: dict[str, int] = {}
        by_name: dict[tuple[str, int | None], int] = {}
        for chunk in _chunks(sorted(keys)):
            for key, cid in self.conn.execute(
                select(col(ContactEmail.address_key), col(ContactEmail.contact_id))
                .join(Contact, col(Contact.id) == col(ContactEmail.contact_id))
                .where(col(ContactEmail.address_key).in_(chunk), live)
                .order_by(col(ContactEmail.contact_id))
            ):
                by_email.setdefault(key, cid)
        for chunk in _chunks(sorted(numbers)):
            for number, cid in self.conn.execute(
                select(col(ContactPhone.e164), col(ContactPhone.contact_id))
                .join(Contact, col(Contact.id) == col(ContactPhone.contact_id))
                .where(col(ContactPhone.e164).in_(chunk), live)
                .order_by(col(ContactPhone.contact_id))
            ):
                by_phone.setdefault(number, cid)
        for name, org_id, cid in self._by_name("c.name_zh", _NAME_ZH_INDEX, names_zh):
            by_name.setdefault((name, org_id), cid)
        for name, org_id, cid in self._by_name("lower(c.name_en)", _NAME_EN_INDEX, names_en):
            by_name.setdefault((_english(name), org_id), cid)
        return by_email, by_phone, by_name

    def _by_name(
        self, name: str, index: str, wanted: set[tuple[str, int | None]]
    ) -> Iterator[tuple[str, int | None, int]]:
        """Live contacts by (name, organisation id), oldest first for each pair.

        Pairs, not names: a common name has hundreds of contacts in a large roster, and
        the index on (name, organisation) reads only those in the organisation wanted.
        The pairs are a table joined to the contacts: SQLite does not use that index for
        ``(name, organisation) IN (VALUES ...)``, but does for the join.

        On SQLite that index is named, and the pairs are read first (CROSS JOIN): its
        planner, without statistics, rated the organisation's listing index
        (organization_id, deleted_at, ...) as good once a large import had rebuilt it
        (it then comes after the name indexes in the schema), and read every contact of
        the organisation for each pair; for 250 English names it read the whole name
        index. At a million contacts: 2.5 s for 250 pairs, against 3.4 ms.
        """
        sqlite = self.conn.dialect.name == "sqlite"
        contacts = f"contact c INDEXED BY {index}" if sqlite else "contact c"
        join = "CROSS JOIN" if sqlite else "JOIN"
        in_organizations = sorted((n, o) for n, o in wanted if o is not None)
        for chunk in _chunks(in_organizations, 250):
            pairs = ", ".join(f"(:n{i}, :o{i})" for i in range(len(chunk)))
            params: dict[str, Any] = {}
            for i, (n, o) in enumerate(chunk):
                params[f"n{i}"], params[f"o{i}"] = n, o
            yield from self.conn.execute(
                text(
                    f"WITH wanted(name, org) AS (VALUES {pairs}) "
                    f"SELECT {name}, c.organization_id, c.id FROM wanted {join} {contacts} "
                    f"ON {name} = wanted.name AND c.organization_id = wanted.org "
                    "WHERE c.deleted_at IS NULL ORDER BY c.id"
                ),
                params,
            )
        without = sorted(n for n, o in wanted if o is None)
        for names in _chunks(without):
            yield from self.conn.execute(
                text(
                    f"SELECT {name}, c.organization_id, c.id FROM {contacts} "
                    f"WHERE {name} IN :names AND c.organization_id IS NULL "
                    "AND c.deleted_at IS NULL ORDER BY c.id"
                ).bindparams(bindparam("names", expanding=True)),
                {"names": list(names)},
            )

    def _match(
        self,
        validated: ValidatedContact,
        name_keys: list[tuple[str, int | None]],
        existing: tuple[dict[str, int], dict[str, int], dict[tuple[str, int | None], int]],
        contacts: dict[int, list[Any]],
    ) -> tuple[int | None, str, _Apart | None]:
        """The contact this row is, and why; with no contact, the first address or number
        the row shares with a contact of another name (see services.matching.names_agree)."""
        by_email, by_phone, by_name = existing
        row = validated.row
        apart: _Apart | None = None
        for why, values, tables in (
            ("e-mail", [e.key for e in validated.emails], (self.by_email, by_email)),
            ("phone", [p.e164 for p in validated.phones], (self.by_phone, by_phone)),
        ):
            for value in values:
                for table in tables:
                    target = table.get(value)
                    if target is None:
                        continue
                    zh, en = self._names(target, contacts)
                    if names_agree(zh, en, row.name_zh, row.name_en):
                        return target, why, None
                    apart = apart or _Apart(why, value, zh or en or f"contact {target}")
        for key in name_keys:
            for names_table in (self.by_name, by_name):
                if key in names_table:
                    return names_table[key], "name", None
        return None, "", apart

    def _report_apart(self, validated: ValidatedContact, apart: _Apart) -> None:
        """Say that a row sharing an address or number with another person was kept apart."""
        said = phrase(
            QT_TRANSLATE_NOOP(
                "Validation",
                "Shares %1 with %2, who has another name: imported as a separate contact.",
            ),
            format_phone(apart.value) if apart.why == "phone" else apart.value,
            apart.label,
        )
        field_name = "phone" if apart.why == "phone" else "email"
        self.report.problems.append(
            Problem(
                Severity.WARNING, validated.row.where, field_name, apart.value, str(said), None,
                said,
            )
        )  # fmt: skip

    def _names(self, target: int, contacts: dict[int, list[Any]]) -> tuple[Any, Any]:
        """The Chinese and English names of a contact a row may merge into."""
        if target in contacts:
            return contacts[target][_NAME_ZH], contacts[target][_NAME_EN]
        current = self.current.get(target)
        return (current["name_zh"], current["name_en"]) if current else (None, None)

    # --- writing -------------------------------------------------------------------------

    def write_batch(self, batch: list[ValidatedContact]) -> None:
        prepared = []
        for validated in batch:
            self.report.problems.extend(validated.problems)
            if not validated.skip:
                prepared.append((validated, self.organization_id(validated)))
        if self.new_orgs:
            _insert(self.conn, Organization, self.new_orgs)
            self.new_orgs = []
        if not prepared:
            return
        name_keys = [_name_keys(v.keys, org_id) for v, org_id in prepared]
        existing = self._existing_matches(prepared, name_keys)
        self._load_targets({cid for found in existing for cid in found.values()})
        contacts: dict[int, list[Any]] = {}
        documents: dict[int, tuple[SearchDocument, list[str], list[str], int | None]] = {}
        phones: list[tuple[Any, ...]] = []
        emails: list[tuple[Any, ...]] = []
        tags: list[tuple[int, str]] = []
        audit: list[tuple[Any, ...]] = []
        touched: set[int] = set()
        now = utc_now()
        for (validated, org_id), names in zip(prepared, name_keys, strict=True):
            row = validated.row
            target, why, apart = self._match(validated, names, existing, contacts)
            if apart is not None:
                self._report_apart(validated, apart)
            if target is None:
                target = self.next_id
                self.next_id += 1
                contacts[target] = [target, org_id, now, 1, validated.sort_key, *validated.values]
                # The worker indexed this row's own names, e-mails and phones; rows merged
                # into it later in this batch add theirs below.
                documents[target] = (validated.document, [], [], org_id)
                merged = False
                self.known_phones[target] = set()
                self.known_emails[target] = set()
                self.labels[target] = (
                    row.name_zh
                    or row.name_en
                    or (validated.emails[0].address if validated.emails else row.where)
                )
                self.report.created["contacts"] += 1
                if self.user is not None:
                    audit.append((now, self.user, "contact", target, "create", "import", row.where))
            else:
                if target in contacts:
                    merged_into = contacts[target]
                    merged_into[_NOTES] = _with_unparsed(merged_into[_NOTES], validated.unparsed)
                    if self._fill_new(merged_into, validated, org_id):
                        # Its search document has its first row's names and titles.
                        touched.add(target)
                else:
                    self._fill_existing(target, validated, org_id)
                    touched.add(target)
                merged = True
                label = self.labels.get(target) or f"contact {target}"
                self.report.note_merge(f"{row.where}: merged into {label} (same {why})")
                if self.user is not None:
                    audit.append(
                        (
                            now,
                            self.user,
                            "contact",
                            target,
                            "update",
                            "import",
                            f"{row.where} ({why})",
                        )
                    )
            for phone in validated.phones:
                known = self.known_phones[target]
                if phone.e164 in known:
                    continue
                known.add(phone.e164)
                phones.append(
                    (
                        target,
                        phone.type,
                        phone.e164,
                        phone.extension,
                        phone.raw[:200],
                        len(known) - 1,
                    )
                )
                self.by_phone.setdefault(phone.e164, target)
                if merged and target in documents:
                    documents[target][2].append(phone.e164)
            for email in validated.emails:
                known = self.known_emails[target]
                if email.key in known:
                    continue
                known.add(email.key)
                emails.append(
                    (target, email.type, email.address, email.key, email.raw[:400], len(known) - 1)
                )
                self.by_email.setdefault(email.key, target)
                if merged and target in documents:
                    documents[target][1].append(email.address)
            if row.tags:
                tags.extend(
                    (target, tag)
                    for tag in self._new_tags(target, row.tags, fresh=target in contacts)
                )
            for key in names:
                self.by_name.setdefault(key, target)
        bulk_insert(
            self.conn, _table(Contact), _CONTACT_COLUMNS, [tuple(c) for c in contacts.values()]
        )
        bulk_insert(self.conn, _table(ContactPhone), _PHONE_COLUMNS, phones)
        bulk_insert(self.conn, _table(ContactEmail), _EMAIL_COLUMNS, emails)
        bulk_insert(self.conn, _table(ContactTag), _TAG_COLUMNS, tags)
        # Who imported what: one entry per contact created or merged into (the ORM's audit
        # listener, which records field by field, never sees these Core inserts).
        bulk_insert(self.conn, _table(AuditEntry), _AUDIT_COLUMNS, audit)
        self._remember_keys(contacts, phones, emails)
        self.written += len(contacts)
        self._defer_listing_indexes()
        self.report.created["phones"] += len(phones)
        self.report.created["emails"] += len(emails)
        insert_documents(
            self.conn,
            [
                (cid, extend_document(doc, emails, phones, self._org_words(org_id)))
                for cid, (doc, emails, phones, org_id) in documents.items()
            ],
        )
        # Contacts that existed before this batch and gained phones or e-mails (and those a
        # row filled in) are re-indexed a few thousand at a time: deleting an older rowid
        # from FTS5 flushes its pending terms, so doing it batch by batch cost a segment
        # write per batch; all at the end, it ran alone (23 s of a million-row import,
        # ~70 000 merged contacts) after the workers had finished, instead of while they
        # validate.
        self.touched |= touched
        if len(self.touched) >= REINDEX_TOUCHED_AT:
            self._reindex_touched()
        # Keys, phones, e-mails and tags are remembered only for this batch's contacts:
        # memory stays flat however long the file. A later row merging into an older
        # contact finds it, and reads its values back, in the tables (written inside this
        # same transaction).
        for remembered in (
            self.by_email,
            self.by_phone,
            self.by_name,
            self.labels,
            self.current,
            self.known_phones,
            self.known_emails,
            self.batch_tags,
        ):
            remembered.clear()

    def _load_targets(self, contact_ids: Iterable[int]) -> None:
        """Read, in a few queries a batch, what merging needs of the contacts a batch may
        merge into: their columns, numbers and addresses.

        A query for each merge cost ~1 ms (four of them): at a million synthetic rows,
        where one row in ten shares a name and an outlet with an earlier one, that was a
        third of the writing.
        """
        ids = sorted(set(contact_ids) - self.current.keys())
        for chunk in _chunks(ids):
            for current in self.conn.execute(
                select(Contact).where(col(Contact.id).in_(chunk))
            ).mappings():
                self.current[current["id"]] = dict(current)
                self.known_phones.setdefault(current["id"], set())
                self.known_emails.setdefault(current["id"], set())
            for contact_id, number in self.conn.execute(
                select(col(ContactPhone.contact_id), col(ContactPhone.e164)).where(
                    col(ContactPhone.contact_id).in_(chunk)
                )
            ):
                self.known_phones[contact_id].add(number)
            for contact_id, key in self.conn.execute(
                select(col(ContactEmail.contact_id), col(ContactEmail.address_key)).where(
                    col(ContactEmail.contact_id).in_(chunk)
                )
            ):
                self.known_emails[contact_id].add(key)

    def _new_tags(self, contact_id: int, incoming: list[str], *, fresh: bool) -> list[str]:
        wanted = [t.strip()[:100] for t in incoming if t and t.strip()]
        if not wanted:
            return []
        if contact_id not in self.batch_tags:
            self.batch_tags[contact_id] = (
                set()
                if fresh
                else set(
                    self.conn.scalars(
                        select(col(ContactTag.tag)).where(col(ContactTag.contact_id) == contact_id)
                    )
                )
            )
        have = self.batch_tags[contact_id]
        new = [t for t in dict.fromkeys(wanted) if t not in have]
        have.update(new)
        return new

    def _fill_existing(
        self, contact_id: int, validated: ValidatedContact, org_id: int | None
    ) -> None:
        """Fill the empty fields of a contact we merge into; never overwrite a value."""
        self._load_targets([contact_id])
        current = self.current.get(contact_id)
        if current is None:
            return
        values = self._filled_in(contact_id, current, validated, org_id)
        if validated.unparsed:
            values["notes"] = _with_unparsed(current["notes"], validated.unparsed)
        if contact_id not in self.labels:
            self.labels[contact_id] = (
                current["name_zh"] or current["name_en"] or f"contact {contact_id}"
            )
        if values:
            values["version"] = current["version"] + 1
            values["updated_at"] = utc_now()
            self.conn.execute(update(Contact).where(col(Contact.id) == contact_id).values(**values))
            current.update(values)  # what a later row of this batch merging into it sees

    def _fill_new(
        self, contact: list[Any], validated: ValidatedContact, org_id: int | None
    ) -> bool:
        """Fill the empty fields of a contact this batch created (its column values, in
        ``_CONTACT_COLUMNS`` order), as :meth:`_fill_existing` fills an older one; True when
        a field was filled.

        Before, a row merging into a contact of its own batch added only its phones,
        e-mails, tags and notes: its English name, title or organisation were lost, and
        kept only when the two rows fell into different batches.
        """
        values = self._filled_in(
            contact[0], dict(zip(_CONTACT_COLUMNS, contact, strict=True)), validated, org_id
        )
        for column, value in values.items():
            contact[_CONTACT_COLUMNS.index(column)] = value
        return bool(values)

    def _filled_in(
        self,
        contact_id: int,
        current: dict[str, Any],
        validated: ValidatedContact,
        org_id: int | None,
    ) -> dict[str, Any]:
        """The empty fields of a contact that the row merging into it fills (names, titles,
        organisation; the sort key of new names), clipped as a new contact's; the name
        keys that changes are noted for the key filter and table (_remember_keys)."""
        row = validated.row
        values: dict[str, Any] = {}
        for column, incoming, limit in (
            ("name_zh", row.name_zh, 200),
            ("name_en", row.name_en, 200),
            ("romanisation", row.romanisation, 200),
            ("honorific", row.honorific, 40),
            ("title_zh", row.title_zh, 300),
            ("title_en", row.title_en, 300),
        ):
            if not current[column] and (clipped := _clip(incoming, limit)):
                values[column] = clipped
        if org_id is not None and current["organization_id"] is None:
            values["organization_id"] = org_id
        if "name_zh" in values or "name_en" in values:
            values["sort_key"] = contact_sort_key(
                values.get("name_zh", current["name_zh"]), values.get("name_en", current["name_en"])
            )
        if values and self.written_keys is not None:
            before = _stored_name_keys(
                current["name_zh"], current["name_en"], current["organization_id"]
            )
            after = _stored_name_keys(
                values.get("name_zh", current["name_zh"]),
                values.get("name_en", current["name_en"]),
                values.get("organization_id", current["organization_id"]),
            )
            self.names_gone += [(key, contact_id) for key in before if key not in after]
            self.names_new += [(key, contact_id) for key in after if key not in before]
        return values


def _insert(connection: Connection, model: Any, rows: list[dict[str, Any]]) -> None:
    columns = list(rows[0])
    bulk_insert(connection, model.__table__, columns, [tuple(r[c] for c in columns) for r in rows])


def _own_values(validated: ValidatedContact) -> tuple[Any, ...]:
    """A new contact's own column values (in ``_OWN_COLUMNS`` order), from its row alone."""
    row = validated.row
    notes = row.notes.strip() if row.notes and row.notes.strip() else None
    language = row.preferred_language
    if language not in (Language.ZH_HK, Language.EN):
        language = Language.ZH_HK if has_han(row.name_zh) else Language.EN
    return (
        row.kind if row.kind in _CONTACT_KINDS else ContactKind.PERSON,
        _clip(row.name_zh, 200),
        _clip(row.name_en, 200),
        _clip(row.romanisation, 200),
        _clip(row.honorific, 40),
        _clip(row.title_zh, 300),
        _clip(row.title_en, 300),
        language,
        _with_unparsed(notes, validated.unparsed),
        bool(row.opt_out),
    )


def _with_unparsed(notes: str | None, unparsed: list[str]) -> str | None:
    """Keep what could not be validated in the contact's notes: an import loses nothing."""
    if not unparsed:
        return notes
    kept = "Not imported (invalid): " + "; ".join(unparsed)
    return f"{notes}\n{kept}" if notes else kept


def _table(model: Any) -> Table:
    return cast(Table, model.__table__)


def _chunks(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _clip(value: str | None, limit: int) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value[:limit] or None


def import_contacts(
    database: Database,
    rows: Iterable[IncomingContact],
    *,
    source: str,
    dry_run: bool = False,
    progress: Progress | None = None,
    total: int | None = None,
    region: str = "HK",
    workers: int | None = None,
) -> ImportReport:
    """Validate, merge and write contacts in one unit of work.

    Args:
        rows: the incoming contacts (streamed; never held all at once).
        source: the file name, for the report.
        dry_run: do everything, report it, then roll back.
        progress: called with (rows done, total or None) after each batch; return False
            to cancel (everything is rolled back).
        total: the number of rows, when the reader knows it (for progress).
        region: the phone region for numbers without a country code.
        workers: processes that validate, this one included (default: one per core).
    """
    report = ImportReport(source=source)
    done = 0
    # The import allocates millions of small objects and frees them all at the end; the
    # cyclic garbage collector would rescan every one of them again and again (~20 % of
    # the import's time) while there are no cycles to find. Reference counting still frees.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with database.session(bulk=True) as session:
            if total is None and isinstance(rows, Sized):
                total = len(rows)
            writer = _BulkWriter(session.connection(), report, current_user(session), total)
            batches = validated_batches(
                rows, region=region, workers=workers, ending=writer.finish_early
            )
            for batch in batches:
                writer.write_batch(batch)
                done += len(batch)
                if progress is not None and progress(done, total) is False:
                    raise _Cancelled
            writer.finish()
            if dry_run:
                raise _DryRun
        if writer.grew_the_roster():
            _analyze(database)
    except _Cancelled:
        report.cancelled = True
        report.problems.append(
            Problem(
                Severity.WARNING,
                source,
                "import",
                source,
                f"Cancelled after {done} rows; nothing was written.",
                None,
            )
        )
        return report
    except _DryRun:
        return report
    finally:
        if collecting:
            gc.enable()
    report.written = True
    return report


def _analyze(database: Database) -> None:
    """Refresh PostgreSQL's statistics of the tables a large import grew, once it committed.

    Until autovacuum gets to them, the planner takes the tables for what they were: a phone
    search, which confirms a run of digits against each candidate's numbers, was then
    planned as a scan of every number (6.8 ms median at 50 000 contacts, 0.52 ms after
    ANALYZE). Not inside the import's transaction: ANALYZE writes a table's row estimate
    in place, so a rolled-back import (a dry run) would leave it counting rows that never
    were. Statistics only: a failure here is logged, the import stands.
    """
    if database.engine.dialect.name != "postgresql":
        return
    try:
        with database.engine.begin() as connection:
            for table in ("contact", "contact_phone", "contact_email", SEARCH_TABLE_TOKENS):
                connection.exec_driver_sql(f"ANALYZE {table}")
    except SQLAlchemyError:
        _log.warning("ANALYZE after an import failed", exc_info=True)


def import_contact_file(
    database: Database,
    path: Path | str,
    *,
    dry_run: bool = False,
    mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a CSV, XLSX or vCard file of contacts.

    Raises:
        InputRejected: the file cannot be read as contacts; nothing was written.
    """
    from services.contact_files import open_contact_file  # noqa: PLC0415 - optional readers

    contact_source = open_contact_file(path, mapping=mapping)
    hint = contact_source.count_hint()
    parallel = (hint is None or hint >= PARALLEL_THRESHOLD) and (os.cpu_count() or 1) >= 2
    report = import_contacts(
        database,
        _RowsReadAside(contact_source, mapping) if parallel else contact_source.rows(),
        source=Path(path).name,
        dry_run=dry_run,
        progress=progress,
        total=hint,
    )
    report.problems[:0] = contact_source.problems
    if not report.written and not report.cancelled and not dry_run:
        raise InputRejected(f"{Path(path).name} could not be imported.", report.problems)
    return report


class _RowsReadAside:
    """The file's rows, read and parsed in a process of their own.

    Parsing costs as much as a third of validation (XLSX XML, vCard lines, CSV cells into
    fields), and this process, which alone merges and writes, is the import's bottleneck:
    a reader beside it keeps it to its writing. On two cores the reader also validates
    whatever batches this process is not waiting for (:meth:`validated`); with more, it
    only reads, below this process's priority as the validation workers. Rows come in
    batches through a pipe, which holds a few at most: memory stays flat. The problems
    met while reading join ``source.problems`` at the end, as when the rows are read
    here; a file refused midway raises the same InputRejected.
    """

    def __init__(self, source: ContactSource, mapping: dict[str, str] | None) -> None:
        self.source = source
        self.mapping = mapping

    def __iter__(self) -> Iterator[IncomingContact]:
        for batch in self.batches():
            yield from batch

    def validated(
        self, region: str, ending: Callable[[], None] | None
    ) -> Iterator[list[ValidatedContact]]:
        """The rows validated, in order: by the reader process, or here when it sent them
        as they were (this process was about to wait for them; see :func:`_share_work`).

        ``ending`` is called when the reader has read the whole file: it validates its
        last batch meanwhile.
        """
        for batch in self.batches(region, ending):
            yield batch if isinstance(batch, _ValidatedBatch) else validate_batch(batch, region)

    def batches(
        self, region: str | None = None, ending: Callable[[], None] | None = None
    ) -> Iterator[list[Any]]:
        """The rows in the reader's batches: each a :class:`_ReadBatch` (with its pickled
        bytes), or with a ``region`` (the reader validates too, in it) a
        :class:`_ValidatedBatch`; ``ending`` called once the reader has read the file."""
        name = self.source.path.name
        context = helper_context()
        receiving, sending = context.Pipe(duplex=False)
        widen_pipe(sending)
        # Batches this process has taken (shared memory): how far the reader is ahead.
        taken = context.RawValue("q", 0) if region is not None else None
        orders = _ReaderOrders(BATCH, region, _WAITING_ENOUGH)
        reader = context.Process(  # type: ignore[attr-defined]
            target=_read_rows,
            args=(str(self.source.path), self.mapping, sending, orders, taken),
            daemon=True,
        )
        reader.start()
        sending.close()
        # A pipe holds 64 KiB (1 MiB widened, a few batches): read alone, the reader would
        # wait for this process to want each batch and parse it only then. A thread takes its
        # batches as they come (the reads release the GIL), a few ahead.
        ready: queue.Queue[bytes | None] = queue.Queue(maxsize=_READ_AHEAD)
        stop = threading.Event()
        pump = threading.Thread(
            target=_pump, args=(receiving, ready, stop), name="contact-file-reader", daemon=True
        )
        pump.start()
        finished = False
        try:
            while True:
                message = ready.get()
                if message is None:
                    reader.join(timeout=5)
                    raise RuntimeError(
                        f"The process reading {name} stopped unexpectedly "
                        f"(exit code {reader.exitcode})."
                    )
                kind = message[:1]
                if kind in (_ROWS, _VALIDATED):
                    if taken is not None:
                        taken.value += 1
                    yield _received(message)
                    continue
                if kind == _LAST_READ:
                    if ending is not None:
                        ending()
                    continue
                what, payload = pickle.loads(message)
                if what == "end":
                    self.source.problems.extend(payload)
                    finished = True
                    return
                if what == "rejected":
                    message_text, problems = payload
                    raise InputRejected(message_text, problems)
                raise RuntimeError(f"Reading {name} failed:\n{payload}")
        finally:
            stop.set()
            if not finished:
                reader.terminate()  # cancelled, refused or failed: no more rows wanted
            reader.join()  # its end of the pipe is closed: the pump's read ends
            pump.join()
            receiving.close()


class _ReaderOrders(NamedTuple):
    """What the reader process is told (this module's settings, as they are here)."""

    batch: int  # rows a batch
    region: str | None  # validate too, in this region (_share_work)
    waiting_enough: int  # see _WAITING_ENOUGH


class _ValidatedBatch(list[ValidatedContact]):
    """A batch the reader process validated."""


def _received(message: bytes) -> list[Any]:
    """A batch of rows from the reader: as they were read, or validated there."""
    view = memoryview(message)
    if message[:1] == _ROWS:
        batch = _ReadBatch(unpack_rows(view[1:]))
        batch.packed = message[1:]
        return batch
    size = int.from_bytes(view[1:9], "little")
    rows = unpack_rows(view[9 : 9 + size])
    return _ValidatedBatch(_rejoin(rows, pickle.loads(view[9 + size :])))


def _pump(receiving: Connection_, ready: queue.Queue[bytes | None], stop: threading.Event) -> None:
    """Move the reader's messages from the pipe to ``ready``; None when the pipe closes."""
    while True:
        try:
            message: bytes | None = receiving.recv_bytes()
        except (EOFError, OSError):
            message = None
        while not stop.is_set():
            try:
                ready.put(message, timeout=0.1)
                break
            except queue.Full:
                continue
        if message is None or stop.is_set():
            return


# How many batches the reader may be ahead of this process.
_READ_AHEAD = 4
# How many batches, sent and not yet taken by this process, let the reader validate the
# next one itself (_share_work).
_WAITING_ENOUGH = 2


# What starts the reader's messages: a batch of rows (pack_rows); a batch it validated
# (the packed rows' length in 8 bytes, the packed rows, their outcomes pickled: _received);
# the end of the file reached. Its other messages are pickles, which never start with
# these bytes.
_ROWS = b"R"
_VALIDATED = b"V"
_LAST_READ = b"L"


def _read_rows(
    path: str,
    mapping: dict[str, str] | None,
    sending: Connection_,
    orders: _ReaderOrders,
    taken: Any = None,
) -> None:
    """In the reader process: stream the file's rows to the importer in batches; with a
    region, validate those the importer is not waiting for (:func:`_share_work`)."""
    from services.contact_files import open_contact_file  # noqa: PLC0415 - see above

    # Lowered only beside validation workers: alone beside the writer, each has a core.
    _start_helper_process(lowered=orders.region is None)
    try:
        source = open_contact_file(path, mapping=mapping)
        opened = len(source.problems)  # the importer has these already
        batches = _batches(source.rows(), orders.batch)
        if orders.region is None:
            for batch in batches:
                sending.send_bytes(_ROWS + pack_rows(batch))
                del batch
                _collect_leftovers()
        else:
            _share_work(batches, sending, orders, taken)
        sending.send(("end", source.problems[opened:]))
    except InputRejected as error:
        sending.send(("rejected", (error.message, error.problems)))
    except Exception:  # a bug: reported to the importer, which raises it
        sending.send(("error", traceback.format_exc()))
    finally:
        sending.close()


def _share_work(
    batches: Iterator[list[IncomingContact]],
    sending: Connection_,
    orders: _ReaderOrders,
    taken: Any,
) -> None:
    """In the reader process, on two cores: read, and validate what the writer would not
    wait for.

    The writer (merging, writing) and this process (parsing) share two cores, and
    validation is most of the work: rather than a third process for it, each validates
    part. While at least ``_WAITING_ENOUGH`` batches wait for the writer, this process
    validates the next one, a slice at a time; once fewer wait, it sends the rest as read,
    and the writer validates those itself. The last batch is held until the file is read:
    this process validates it while the writer does what comes at the end (``ending``).
    """
    sent = 0
    region = cast(str, orders.region)

    def writer_busy() -> bool:
        return sent - taken.value >= orders.waiting_enough

    held: list[IncomingContact] | None = None
    for batch in batches:
        if held is not None:
            sent += _send_shared(sending, held, region, writer_busy)
        held = batch
        _collect_leftovers()
    sending.send_bytes(_LAST_READ)
    if held is not None:
        _send_shared(sending, held, region, lambda: True)


def _send_shared(
    sending: Connection_,
    batch: list[IncomingContact],
    region: str,
    validating: Callable[[], bool],
) -> int:
    """Send the batch: its first slices validated here while ``validating()``, the rest
    as read. Returns the messages sent."""
    validated = _validate_until(batch, region, validating) if validating() else []
    messages = 0
    if validated:
        rows = pack_rows(batch[: len(validated)])
        outcomes = pickle.dumps(_outcomes(validated), pickle.HIGHEST_PROTOCOL)
        sending.send_bytes(b"".join((_VALIDATED, len(rows).to_bytes(8, "little"), rows, outcomes)))
        messages += 1
    if len(validated) < len(batch):
        sending.send_bytes(_ROWS + pack_rows(batch[len(validated) :]))
        messages += 1
    return messages
