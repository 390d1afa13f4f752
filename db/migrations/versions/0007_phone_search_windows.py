"""phone numbers indexed for search by their runs of four digits instead of every suffix

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

Every suffix of a number (seven tokens for a Hong Kong number, each with prefix entries of
two to five digits) made almost every token a new term of the phone index: indexing the
phones of 100 000 contacts cost 1.5 s of a bulk import's one writing core. Runs of four
digits (and the last three and two) are at most 11 110 distinct terms, each number adds
to a few of their lists, and a longer run typed is confirmed against the stored numbers
(db/search.py): the same 100 000 contacts index in 0.3-0.4 s. The index is rebuilt here
from the stored numbers of every live contact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import sqlalchemy as sa
from alembic import op
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE

from db.search import PHONE_MARK, phone_tokens

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LIVE_NUMBERS = (
    "SELECT contact_phone.contact_id, contact_phone.e164 FROM contact_phone"
    " JOIN contact ON contact.id = contact_phone.contact_id"
    " WHERE contact.deleted_at IS NULL ORDER BY contact_phone.contact_id"
)
_CHUNK = 5000  # contacts indexed at a time
_COUNTRY_CODES = frozenset(str(code) for code in COUNTRY_CODE_TO_REGION_CODE)


def upgrade() -> None:
    _rebuild("2 3", phone_tokens)


def downgrade() -> None:
    _rebuild("2 3 4 5", _suffixes)


def _suffixes(e164: str) -> list[str]:
    """The tokens of revision 0001: the whole number, then every suffix of three digits or
    more from the national number on."""
    digits = e164.lstrip("+")
    codes = _COUNTRY_CODES
    national = 2 if digits[:2] in codes else 3 if digits[:3] in codes else 1
    return [digits, *[digits[i:] for i in range(national, len(digits) - 2)]]


def _documents(tokens_of: Callable[[str], list[str]]) -> Iterator[list[tuple[int, list[str]]]]:
    """Each live contact with a phone and the tokens of all its numbers, a few thousand
    contacts at a time (a million-contact roster's tokens would not fit in memory at once)."""
    documents: dict[int, dict[str, None]] = {}
    numbers = op.get_bind().exec_driver_sql(
        _LIVE_NUMBERS, execution_options={"stream_results": True, "yield_per": 10_000}
    )
    for contact_id, e164 in numbers:
        if contact_id not in documents and len(documents) >= _CHUNK:
            yield [(cid, list(tokens)) for cid, tokens in documents.items()]
            documents = {}
        documents.setdefault(contact_id, {}).update(dict.fromkeys(tokens_of(e164)))
    if documents:
        yield [(cid, list(tokens)) for cid, tokens in documents.items()]


def _rebuild(prefix: str, tokens_of: Callable[[str], list[str]]) -> None:
    connection = op.get_bind()
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TABLE contact_search_phone")
        op.execute(
            "CREATE VIRTUAL TABLE contact_search_phone USING fts5(doc, "
            f"tokenize='unicode61', prefix='{prefix}', detail=none)"
        )
    else:
        connection.execute(
            sa.text("DELETE FROM contact_search_token WHERE token LIKE :mark"),
            {"mark": PHONE_MARK + "%"},
        )
    # Written while the numbers are still read (another table: the read is not affected).
    for chunk in _documents(tokens_of):
        if sqlite:
            connection.exec_driver_sql(
                "INSERT INTO contact_search_phone(rowid, doc) VALUES (?, ?)",
                [(contact_id, " ".join(tokens)) for contact_id, tokens in chunk],
            )
            continue
        connection.execute(
            sa.text(
                "INSERT INTO contact_search_token(token, contact_id) VALUES (:token, :contact_id)"
                " ON CONFLICT DO NOTHING"
            ),
            [
                {"token": PHONE_MARK + token, "contact_id": contact_id}
                for contact_id, tokens in chunk
                for token in tokens
            ],
        )
