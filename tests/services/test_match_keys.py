"""The import's memory of the match keys it wrote: the filter and the table."""

from __future__ import annotations

import random

import pytest

from services.match_keys import KeyFilter, KeyTable


def test_the_filter_finds_every_key_added_before_and_few_others() -> None:
    keys = [f"+8526{n:07d}" for n in range(20_000)]
    seen = KeyFilter()
    assert len(seen.seen_before(keys[:10_000])) < 10  # false alarms (one bit a key): rare
    assert seen.seen_before(keys[:100]) == keys[:100]
    assert len(seen.seen_before(keys[10_000:])) < 10


def test_the_table_gives_the_lowest_contact_that_still_has_each_key() -> None:
    table = KeyTable()
    assert table.find(["a@example.com"]) == {}
    assert table.fits(4)
    table.add(["a@example.com", "a@example.com", ("陳志", 2), "+85261234567"], [7, 3, 5, 9])
    table.add(["a@example.com"], [3])  # a contact has a key once
    assert table.used == 4
    wanted = ["a@example.com", ("陳志", 2), ("陳志", None), "+85261234567", "b@example.com"]
    assert table.find(wanted) == {"a@example.com": 3, ("陳志", 2): 5, "+85261234567": 9}
    table.discard([("a@example.com", 3), (("陳志", 2), 5)])
    assert table.find(wanted) == {"a@example.com": 7, "+85261234567": 9}
    assert table.fits(1)
    table.add([("陳志", 2)], [5])  # the key again, after the contact lost it
    assert table.find([("陳志", 2)]) == {("陳志", 2): 5}


def test_the_table_grows_as_keys_come_and_keeps_them_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(KeyTable, "FIRST_BITS", 12)
    table = KeyTable(max_bits=14)
    rng = random.Random(4)
    owners = {f"person{n}@example.com": rng.randrange(1, 1 << 30) for n in range(11_000)}
    pairs = list(owners.items())
    for start in range(0, len(pairs), 1000):
        chunk = pairs[start : start + 1000]
        assert table.fits(len(chunk))
        table.add([key for key, _ in chunk], [owner for _, owner in chunk])
    assert table.size_bits == 14 and table.used == len(pairs)
    assert table.used <= 0.7 * (1 << table.size_bits)
    assert table.find(owners) == owners
    assert table.find([f"other{n}@example.com" for n in range(10_000)]) == {}


def test_a_full_table_says_so_and_stays_as_it_was() -> None:
    table = KeyTable(max_bits=8)  # 256 slots, 179 keys at most
    assert table.fits(100)
    table.add([f"k{n}" for n in range(100)], range(1, 101))
    assert not table.fits(80)
    assert table.fits(79)
    assert table.find(f"k{n}" for n in range(100)) == {f"k{n}": n + 1 for n in range(100)}


def test_the_table_starts_with_room_for_the_keys_expected() -> None:
    assert KeyTable(expected=10).size_bits == KeyTable.FIRST_BITS
    assert KeyTable(max_bits=22, expected=1_000_000).size_bits == 21  # 1.47 million at 70 %
    assert KeyTable(max_bits=21, expected=10_000_000).size_bits == 21
