"""Where a contact's name sorts: a stored key that gives zh-HK collation order by ``ORDER BY``.

Chinese names must not sort by code point (張 < 李 < 陳 < 黃) but as a Hong Kong reader
expects: by stroke count (李 7 < 張 11 < 陳 11 < 黃 12), the order of Qt's (ICU's) zh-HK
collator. A million-contact roster cannot be sorted in Python or by a collation the
database may not have, so each contact stores ``sort_key``: bytes whose plain byte order
(``memcmp``, the same on SQLite BLOBs and PostgreSQL ``bytea``) is that order. An index
on ``(sort_key, id)`` then returns any page of the roster by name straight from the
index, on both engines.

The key is one 4-byte token per character, ``class`` then a 3-byte weight, in ICU's
order of classes: spaces and punctuation, digits, Han (rank in the bundled table
``resources/collation/zh_hk_han_order.txt``, generated from ``QCollator(QLocale("zh_HK"))``
by ``desktop/collation.py``), Latin (case and accents ignored), other scripts. It
compares at ICU's primary level; ties (same name) fall back to the contact id.

This module is Qt-free. A ``before_flush`` listener keeps the key of every contact
written through the ORM in step; rows written around the ORM (bulk import) are left
NULL and filled by :func:`fill_missing_sort_keys` before anyone sorts by name.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, event, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from db.models import Contact

HAN_ORDER_TABLE = (
    Path(__file__).resolve().parent.parent / "resources" / "collation" / "zh_hk_han_order.txt"
)
MAX_KEY_CHARS = 48
NO_NAME = b"\xff"  # a contact without any name sorts after every named one

_PUNCTUATION = 0x01
_DIGIT = 0x02
_HAN = 0x03
_LATIN = 0x04
_OTHER = 0x05
# Han characters not in the table (rare extension blocks) come after every ranked one.
_UNRANKED_HAN = 0xF00000


@functools.cache
def _han_ranks() -> dict[str, int]:
    """Han character -> its position in zh-HK collation order (1-based)."""
    ranks: dict[str, int] = {}
    with HAN_ORDER_TABLE.open(encoding="utf-8") as table:
        for line in table:
            if line.startswith("#"):
                continue
            for char in line.rstrip("\n"):
                ranks.setdefault(char, len(ranks) + 1)
    return ranks


def _is_han(char: str) -> bool:
    code = ord(char)
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


def _token(char: str, ranks: dict[str, int]) -> bytes:
    rank = ranks.get(char)
    if rank is not None:
        return bytes((_HAN, rank >> 16, (rank >> 8) & 0xFF, rank & 0xFF))
    if _is_han(char):
        return (_HAN << 24 | _UNRANKED_HAN | (ord(char) & 0xFFFFF)).to_bytes(4, "big")
    if char.isdecimal():
        return bytes((_DIGIT, 0, 0, unicodedata.decimal(char)))
    if char.isalpha():
        base = unicodedata.normalize("NFD", char)[0].casefold()
        group = _LATIN if base.isascii() else _OTHER
        return (group << 24 | ord(base[0])).to_bytes(4, "big")
    return (_PUNCTUATION << 24 | ord(char)).to_bytes(4, "big")


def display_name(name_zh: str | None, name_en: str | None) -> str:
    """The name as the roster shows it: Chinese, then English."""
    return " ".join(n.strip() for n in (name_zh, name_en) if n and n.strip())


def name_sort_key(text: str) -> bytes:
    """The stored sort key of a display name (see the module docstring)."""
    folded = unicodedata.normalize("NFKC", " ".join(text.split()))[:MAX_KEY_CHARS]
    if not folded:
        return NO_NAME
    # Each character maps to its token as four Latin-1 characters, so one str.translate
    # (in C) and one encode make the key (~1 µs for a bilingual name against ~3.5 µs a
    # character at a time). translate leaves a character without a token yet as it is:
    # the key then falls short of four characters per character, and those get theirs.
    key = folded.translate(_TOKENS)
    if len(key) != 4 * len(folded):
        for char in folded:
            if ord(char) not in _TOKENS:
                _TOKENS[ord(char)] = _token(char, _han_ranks()).decode("latin-1")
        key = folded.translate(_TOKENS)
    return key.encode("latin-1")


# Each character's token (code point -> its four bytes as Latin-1 text), computed once: a
# roster's names use a few thousand characters.
_TOKENS: dict[int, str] = {}


def contact_sort_key(name_zh: str | None, name_en: str | None) -> bytes:
    """The sort key of a contact with these names."""
    return name_sort_key(display_name(name_zh, name_en))


@event.listens_for(Session, "before_flush")
def _keep_sort_keys(session: Session, _context: Any, _instances: Any) -> None:
    for obj in chain(session.new, session.dirty):
        if isinstance(obj, Contact):
            key = contact_sort_key(obj.name_zh, obj.name_en)
            if obj.sort_key != key:
                obj.sort_key = key


def missing_sort_keys(connection: Connection) -> bool:
    """True when some contact has no sort key yet (one index probe)."""
    return (
        connection.execute(
            select(col(Contact.id)).where(col(Contact.sort_key).is_(None)).limit(1)
        ).first()
        is not None
    )


def fill_missing_sort_keys(
    connection: Connection,
    *,
    batch: int = 5000,
    progress: Callable[[int, int | None], bool] | None = None,
) -> int:
    """Compute the key of every contact that has none; returns how many were filled.

    Args:
        connection: a connection inside the caller's transaction.
        batch: rows read and written per round trip.
        progress: called with (done, None) after each batch; returning False stops early
            (what was filled stays filled: a key is correct on its own).
    """
    statement = (
        update(Contact)
        .where(col(Contact.id) == bindparam("contact_id"))
        .values(sort_key=bindparam("key"))
    )
    done = 0
    while True:
        rows = connection.execute(
            select(col(Contact.id), col(Contact.name_zh), col(Contact.name_en))
            .where(col(Contact.sort_key).is_(None))
            .order_by(col(Contact.id))
            .limit(batch)
        ).all()
        if not rows:
            return done
        connection.execute(
            statement,
            [{"contact_id": r.id, "key": contact_sort_key(r.name_zh, r.name_en)} for r in rows],
        )
        done += len(rows)
        if progress is not None and not progress(done, None):
            return done
