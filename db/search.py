"""Roster search: names in both scripts, organisations, e-mails and phone digits.

One query function (:func:`search_contact_ids`) over one tokenisation, stored in whatever
the engine does best:

* SQLite: an FTS5 table ``contact_search`` (rowid = contact id) with prefix indexes.
* PostgreSQL: a plain ``contact_search_token`` table (token, contact id) with a B-tree.

Why our own tokens instead of FTS5's trigram tokenizer or ``LIKE '%…%'``: trigram finds
nothing for 1–2 character terms (黃嘉, 陳 — the commonest Chinese name queries) and
``LIKE`` scans every row. Han text is indexed as unigrams and bigrams, so any one or two
characters from the middle of a name are one token; Latin words are matched by prefix; a
phone number is indexed by its runs of four digits, so any run of digits typed -- the last
eight, the middle four, or the number with its country code -- is found by its own runs
and confirmed against the stored numbers.
"""

from __future__ import annotations

import functools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from sqlalchemy import Connection, bindparam, text

SEARCH_TABLE_WORDS = "contact_search"
SEARCH_TABLE_PHONES = "contact_search_phone"
SEARCH_TABLE_TOKENS = "contact_search_token"
# Phone digits are indexed in windows of this many digits (see phone_tokens); a run
# shorter than MIN_PHONE_RUN is not searched in numbers (one digit is in every number).
PHONE_WINDOW = 4
MIN_PHONE_RUN = 2
# FTS5 answers a prefix query lazily from a prefix index of exactly that length; a longer
# prefix is expanded term by term up front. These lengths must match migrations 0001 (words)
# and 0007 (phones).
WORD_PREFIX_LENGTHS = (1, 2, 3, 4, 5)
PHONE_PREFIX_LENGTHS = (2, 3)
# On PostgreSQL words and phone windows share one token table; this keeps them apart.
PHONE_MARK = "#"

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f"
_HAN_RUN = re.compile(f"[{_HAN}]+")
# Words, with letters and digits apart: "wong123" is "wong" + "123", so a name prefix
# query does not have to merge the doclists of a million distinct "wongNNN" terms.
_WORD = re.compile(r"\d+|[^\W\d_]+")
_DIGITS = re.compile(r"\d+")
_SPLIT_HAN = re.compile(f"([{_HAN}]+)")
# Han text that folding leaves as it is (the compatibility ideographs, U+F900-FAFF, are the
# ones NFKC changes): most Chinese names and titles, tokenised without folding.
_UNIFIED_HAN_RUN = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ebef\U00030000-\U0003134f]+"
)


def has_han(value: str | None) -> bool:
    """True when the text holds Chinese characters (to tell a Chinese name from an English one)."""
    return bool(value) and _HAN_RUN.search(value or "") is not None


def _fold(value: str) -> str:
    """NFKC, case-fold and strip diacritics (what FTS5's unicode61 with diacritics=2 does)."""
    value = unicodedata.normalize("NFKC", value).casefold()
    if value.isascii():
        return value
    decomposed = unicodedata.normalize("NFD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def _text_tokens(value: str) -> list[str]:
    """Index tokens of free text: Han unigrams and bigrams, other words whole.

    The list returned may be shared (remembered for the next same text: the titles of a
    roster repeat, 記者, Reporter); extend another list with it, never change it.
    """
    tokens = _REMEMBERED.get(value)
    if tokens is None:
        if len(_REMEMBERED) >= _REMEMBER_AT_MOST:
            _REMEMBERED.clear()
        tokens = _REMEMBERED[value] = _tokenise(value)
    return tokens


# Texts tokenised lately (a bulk import's titles and organisations repeat); cleared when full.
_REMEMBERED: dict[str, list[str]] = {}
_REMEMBER_AT_MOST = 20_000


def _tokenise(value: str) -> list[str]:
    if value.isascii():
        return _WORD.findall(value.lower())
    if _UNIFIED_HAN_RUN.fullmatch(value):
        return _han_tokens(value)
    return _mixed_tokens(value)


def _han_tokens(run: str) -> list[str]:
    """A run of Han characters: its unigrams, then its bigrams."""
    return [*run, *[run[i : i + 2] for i in range(len(run) - 1)]]


def _mixed_tokens(value: str) -> list[str]:
    """Folded text with Han and other characters: Han runs as :func:`_han_tokens`, the
    rest as words."""
    tokens: list[str] = []
    for chunk in _SPLIT_HAN.split(_fold(value)):
        if not chunk:
            continue
        if _HAN_RUN.fullmatch(chunk):
            tokens.extend(_han_tokens(chunk))
        else:
            tokens.extend(_WORD.findall(chunk))
    return tokens


def phone_tokens(e164: str) -> list[str]:
    """Every run of four digits in a phone number (with its country code), and its last
    three and last two: the start of every run of digits a user can type is one of these.

    A query of two to four digits is then one term (a prefix of a window); a longer one is
    all its windows, and the stored numbers confirm the run is there in one piece (see
    :func:`phone_match_sql`). Windows instead of every suffix of the number: a roster has at
    most 11 110 distinct windows, so each new number appends to a few doclists instead of
    adding seven new terms with four prefixes each (an import indexed phones 5x faster).

    A window may repeat (2222 2222): neither FTS5 nor the token table minds.
    """
    digits = e164.lstrip("+")
    if len(digits) > MIN_PHONE_RUN:
        return list(_windows(len(digits))(digits))
    # One window or none (itemgetter of a single slice would return it bare, not a tuple).
    return [digits] if len(digits) == MIN_PHONE_RUN else []


@functools.cache
def _windows(length: int) -> Callable[[str], tuple[str, ...]]:
    """Cut a string of ``length`` digits into the windows of :func:`phone_tokens` (one C
    call a number instead of a slice in Python per window: ~0.4 µs against ~1.5 µs)."""
    return operator.itemgetter(
        *[slice(i, i + PHONE_WINDOW) for i in range(length - MIN_PHONE_RUN + 1)]
    )


class SearchDocument(NamedTuple):
    """What is indexed for one contact: word tokens and phone-digit tokens.

    A tuple, so that bulk importers can send millions of them between processes cheaply.
    """

    words: str
    phones: str


def org_tokens(names: Iterable[str | None]) -> list[str]:
    """The tokens of an organisation's names (computed once, shared by all its contacts)."""
    tokens: list[str] = []
    for name in names:
        if name:
            tokens.extend(_text_tokens(name))
    return tokens


def search_document(
    names: Iterable[str | None],
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    organization: Sequence[str] = (),
) -> SearchDocument:
    """The tokens indexed for one contact, the same on every engine.

    Args:
        names: the contact's names, romanisation and title (and its organisation's names
            when ``organization`` is not given).
        emails: e-mail addresses (split at their punctuation: june, wong, edelman, com).
        phones: E.164 numbers.
        organization: the organisation's tokens from :func:`org_tokens`.
    """
    words = org_tokens(names)
    for email in emails:
        words.extend(_text_tokens(email))
    words.extend(organization)
    digits: list[str] = []
    for e164 in phones:
        digits.extend(phone_tokens(e164))
    # A token may repeat (a name's word in the e-mail address): FTS5 (detail=none) and the
    # token table keep one entry a contact all the same, and skipping the dedupe here saved
    # ~5 µs a contact of an import's validation workers.
    return SearchDocument(" ".join(words), " ".join(digits))


def extend_document(
    document: SearchDocument,
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    organization: str = "",
) -> SearchDocument:
    """A document with more e-mails, phones and organisation words (space-joined tokens).

    A token may then appear twice; neither FTS5 (detail=none) nor the token table cares.
    """
    if not (emails or phones):
        if not organization:
            return document
        # A new contact with its organisation's words: the common case of a bulk import.
        words_only = f"{document.words} {organization}" if document.words else organization
        return SearchDocument(words_only, document.phones)
    words = [document.words, organization] if organization else [document.words]
    words.extend(token for email in emails for token in _text_tokens(email))
    digits = [document.phones]
    digits.extend(token for e164 in phones for token in phone_tokens(e164))
    return SearchDocument(" ".join(w for w in words if w), " ".join(d for d in digits if d))


@dataclass(frozen=True, slots=True)
class Term:
    """One token a query must match: exactly, or as a prefix of an indexed token."""

    token: str
    prefix: bool


@dataclass(frozen=True, slots=True)
class QueryPlan:
    """The terms of a query: every word term and every phone term must match."""

    words: tuple[Term, ...]
    phones: tuple[Term, ...]
    # A run of digits longer than a window: every match has a number that holds it whole
    # (its windows alone may come from different places or numbers).
    digits: str = ""

    def __bool__(self) -> bool:
        return bool(self.words or self.phones)

    def exact_words(self) -> QueryPlan | None:
        """The same query with long word prefixes taken as whole words (None if none are).

        A prefix longer than the longest prefix index is expanded term by term, which is
        slow for a common word (wong, scmp); the whole word is one lazy doclist.
        """
        longest = WORD_PREFIX_LENGTHS[-1]
        if not any(t.prefix and len(t.token) > longest for t in self.words):
            return None
        words = tuple(
            Term(t.token, prefix=False) if t.prefix and len(t.token) > longest else t
            for t in self.words
        )
        return replace(self, words=words)


_PHONE_QUERY = re.compile(r"^[+(]?[\d\s().\-\u2010-\u2015/]*\d[\d\s().\-\u2010-\u2015]*$")


def plan_query(query: str, phone_e164: str | None = None) -> QueryPlan:
    """Translate what a user typed into the tokens every match must contain.

    Args:
        query: the search text.
        phone_e164: the query read as a phone number, when it is one; its digits then
            replace the digits typed, so "6986-5822" and "+852 6986 5822" both match.
    """
    folded = _fold(query).strip()
    if phone_e164:
        return _digits_plan(phone_e164.lstrip("+"))
    digits = "".join(_DIGITS.findall(folded)) if _PHONE_QUERY.match(folded) else ""
    # One digit is in almost every number: no prefix index answers it and expanding every
    # digit token starting with it takes ~0.5 s at a million contacts. Until a second digit
    # is typed, the digit is searched as a word (outlet "6 Media", an e-mail "6@…").
    if len(digits) >= MIN_PHONE_RUN:
        # A national number typed with its trunk 0 (020 7946 0000) is stored without it.
        trimmed = digits.lstrip("0") if len(digits) > PHONE_WINDOW else digits
        return _digits_plan(trimmed or digits)
    words: list[Term] = []
    for chunk in _SPLIT_HAN.split(folded):
        if not chunk:
            continue
        if _HAN_RUN.fullmatch(chunk):
            if len(chunk) <= 2:
                words.append(Term(chunk, prefix=False))
            else:
                words.extend(Term(chunk[i : i + 2], prefix=False) for i in range(len(chunk) - 1))
            continue
        words.extend(Term(word, prefix=True) for word in _WORD.findall(chunk))
    return QueryPlan(tuple(dict.fromkeys(words)), ())


def _digits_plan(digits: str) -> QueryPlan:
    """A run of digits: a prefix of one window when it is short, else all its windows."""
    if len(digits) < PHONE_WINDOW:
        return QueryPlan((), (Term(digits, prefix=True),))
    windows = phone_tokens(digits)[: len(digits) - PHONE_WINDOW + 1]  # the whole ones
    return QueryPlan(
        (),
        tuple(Term(window, prefix=False) for window in dict.fromkeys(windows)),
        digits if len(digits) > PHONE_WINDOW else "",
    )


def phone_match_sql(plan: QueryPlan, contact_id: str) -> tuple[str, dict[str, object]]:
    """SQL (and its parameter) that is true when the contact ``contact_id`` names has a
    number holding the plan's run of digits whole; "" when its windows say enough."""
    if not plan.digits:
        return "", {}
    return (
        "EXISTS (SELECT 1 FROM contact_phone WHERE contact_phone.contact_id = "
        f"{contact_id} AND contact_phone.e164 LIKE :phone_run)",
        {"phone_run": f"%{plan.digits}%"},
    )


def fts5_expression(terms: Sequence[Term]) -> str:
    parts = []
    for term in terms:
        quoted = '"' + term.token.replace('"', '""') + '"'
        parts.append(quoted + "*" if term.prefix else quoted)
    return " AND ".join(parts)


def _sqlite_ids(connection: Connection, plan: QueryPlan, limit: int, offset: int) -> list[int]:
    clauses = []
    params: dict[str, object] = {"limit": limit, "offset": offset}
    if plan.words:
        params["w"] = fts5_expression(plan.words)
        clauses.append(
            f"SELECT rowid FROM {SEARCH_TABLE_WORDS} WHERE {SEARCH_TABLE_WORDS} MATCH :w"
        )
    if plan.phones:
        params["p"] = fts5_expression(plan.phones)
        whole, run = phone_match_sql(plan, f"{SEARCH_TABLE_PHONES}.rowid")
        params.update(run)
        clauses.append(
            f"SELECT rowid FROM {SEARCH_TABLE_PHONES} WHERE {SEARCH_TABLE_PHONES} MATCH :p"
            + (f" AND {whole}" if whole else "")
        )
    sql = clauses[0]
    if len(clauses) == 2:
        sql += f" AND rowid IN ({clauses[1]})"
    rows = connection.execute(text(f"{sql} ORDER BY rowid LIMIT :limit OFFSET :offset"), params)
    return [row[0] for row in rows]


def token_conditions(plan: QueryPlan, name: str = "t") -> tuple[list[str], dict[str, object]]:
    """Conditions on ``token`` (one per term, each true for the token rows that match it)
    and their parameters, for the token table (PostgreSQL).

    A long run of digits is looked up by its last window alone, and the stored numbers
    confirm the run (:func:`phone_match_sql`): a B-tree gives each window's rows whole,
    and a window at the start of a number (8526: every Hong Kong mobile beginning with 6)
    has hundreds of thousands of them at a million contacts, where the subscriber
    number's last four digits have about a thousand.
    """
    terms = [(t.token, t.prefix) for t in plan.words]
    phones = plan.phones[-1:] if plan.digits else plan.phones
    terms += [(PHONE_MARK + t.token, t.prefix) for t in phones]
    conditions: list[str] = []
    params: dict[str, object] = {}
    for i, (token, prefix) in enumerate(terms):
        if prefix:
            escaped = token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params[f"{name}{i}"] = escaped + "%"
            conditions.append(f"token LIKE :{name}{i} ESCAPE '\\'")
        else:
            params[f"{name}{i}"] = token
            conditions.append(f"token = :{name}{i}")
    return conditions, params


def _token_ids(connection: Connection, plan: QueryPlan, limit: int, offset: int) -> list[int]:
    conditions, params = token_conditions(plan)
    params.update(limit=limit, offset=offset)
    selects = [f"SELECT contact_id FROM {SEARCH_TABLE_TOKENS} WHERE {c}" for c in conditions]
    sql = " INTERSECT ".join(selects)
    whole, run = phone_match_sql(plan, "m.contact_id")
    params.update(run)
    rows = connection.execute(
        text(
            f"SELECT contact_id FROM ({sql}) AS m {'WHERE ' + whole if whole else ''} "
            "ORDER BY contact_id LIMIT :limit OFFSET :offset"
        ),
        params,
    )
    return [row[0] for row in rows]


def search_contact_ids(
    connection: Connection,
    query: str,
    *,
    phone_e164: str | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[int]:
    """Ids of the contacts matching every term of ``query``, in id order.

    Results come in index order (contact id) so a page needs no sort of the whole match
    set: that sort, not the index look-up, is what makes a search on a large roster slow.
    When whole-word matches of a long word fill a page, those are the answer (a page of
    "wong" never waits for "wongsakul"); otherwise every prefix match is.
    """
    plan = plan_query(query, phone_e164)
    if not plan:
        return []
    run = _sqlite_ids if connection.dialect.name == "sqlite" else _token_ids
    exact = plan.exact_words()
    if exact is not None and len(run(connection, exact, limit, 0)) >= limit:
        return run(connection, exact, limit, offset)
    return run(connection, plan, limit, offset)


def write_documents(
    connection: Connection, documents: Sequence[tuple[int, SearchDocument]]
) -> None:
    """Store the search documents of these contacts, replacing what was indexed before."""
    if not documents:
        return
    remove_documents(connection, [contact_id for contact_id, _ in documents])
    insert_documents(connection, documents)


def insert_documents(
    connection: Connection, documents: Sequence[tuple[int, SearchDocument]]
) -> None:
    """Index contacts that are not indexed yet (a bulk import's new rows)."""
    if not documents:
        return
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(
            f"INSERT INTO {SEARCH_TABLE_WORDS}(rowid, doc) VALUES (?, ?)",
            [(cid, doc.words) for cid, doc in documents],
        )
        phone_rows = [(cid, doc.phones) for cid, doc in documents if doc.phones]
        if phone_rows:
            connection.exec_driver_sql(
                f"INSERT INTO {SEARCH_TABLE_PHONES}(rowid, doc) VALUES (?, ?)", phone_rows
            )
        return
    rows = [
        {"token": token, "contact_id": cid}
        for cid, doc in documents
        # A document may repeat a token; each is one row here.
        for token in dict.fromkeys(
            (*doc.words.split(), *(PHONE_MARK + t for t in doc.phones.split()))
        )
    ]
    if rows:
        connection.execute(
            text(
                f"INSERT INTO {SEARCH_TABLE_TOKENS}(token, contact_id) "
                "VALUES (:token, :contact_id) ON CONFLICT DO NOTHING"
            ),
            rows,
        )


def remove_documents(connection: Connection, contact_ids: Sequence[int]) -> None:
    """Take these contacts out of the search index (deleted, or about to be re-indexed)."""
    if not contact_ids:
        return
    if connection.dialect.name == "sqlite":
        # One statement a contact, not ``rowid IN (...)``: FTS5 deleted a list of rowids
        # given by IN 4-12x slower (713 contacts re-indexed at the end of a 100 000-contact
        # import: 0.09 s against 0.007 s in the words table).
        ids = [(contact_id,) for contact_id in contact_ids]
        for table in (SEARCH_TABLE_WORDS, SEARCH_TABLE_PHONES):
            connection.exec_driver_sql(f"DELETE FROM {table} WHERE rowid = ?", ids)
        return
    statement = text(f"DELETE FROM {SEARCH_TABLE_TOKENS} WHERE contact_id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    for start in range(0, len(contact_ids), 500):
        connection.execute(statement, {"ids": list(contact_ids[start : start + 500])})
