"""The stored name sort key: one 4-byte token per character, made in one pass once known."""

from __future__ import annotations

import unicodedata

from db.name_order import MAX_KEY_CHARS, NO_NAME, _han_ranks, _token, name_sort_key

NAMES = [
    "黃嘉琪 June Wong",
    "溫安怡",
    "熊苗苗 Miaomiao Xiong",
    "Müller, José",
    "ǅ İstanbul straße",
    "\uf900文",  # a compatibility ideograph, folded by NFKC
    "𠮷野家 3",
    "  spaced\tout  ",
    "Ольга",
    "x" * 80,
]


def _one_by_one(text: str) -> bytes:
    folded = unicodedata.normalize("NFKC", " ".join(text.split()))[:MAX_KEY_CHARS]
    return b"".join(_token(char, _han_ranks()) for char in folded) if folded else NO_NAME


def test_the_key_is_the_same_whether_its_characters_are_new_or_known() -> None:
    """The first key of a name meets characters without a token yet (made one at a time);
    the second finds them all (made by one translate): both are the tokens in order."""
    for name in NAMES:
        assert name_sort_key(name) == _one_by_one(name), name
        assert name_sort_key(name) == _one_by_one(name), name
    assert name_sort_key("   ") == NO_NAME


def test_chinese_names_sort_by_strokes() -> None:
    keys = [name_sort_key(n) for n in ("黃", "陳", "李", "張")]
    assert sorted(keys) == [name_sort_key(n) for n in ("李", "張", "陳", "黃")]
