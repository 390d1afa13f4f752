"""What a bulk import remembers of the match keys it has written (services.contact_import).

An import matches each row on its e-mail keys, E.164 numbers and names within their
organisation, against the roster and against the rows it has written itself. Memory must
stay flat however large the file, so neither keeps a dict of every key:

* :class:`KeyFilter` tells which of a batch's keys may have been written before (a Bloom
  filter): only those are looked up in the tables' indexes;
* :class:`KeyTable` holds every key written with the contacts that have it, in fixed
  arrays: into an empty SQLite roster it stands in for the key indexes, which the import
  then sets aside and builds again in one sorted pass at the end.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Any


class KeyFilter:
    """The match keys of the rows an import has taken so far (each batch's are added as it
    begins), in a fixed 32 MiB (a one-hash Bloom filter).

    A key added is always found; a key never added is found by chance, a false alarm
    that costs one index look-up: ~1.5 % of keys at a million contacts (4 million keys
    in 2**28 bits). Dicts of every key would instead grow with the file, ~600 bytes a
    contact. One bit a key, tested and set in loops without a call per key: ~0.3 µs a
    key (two bits a key through ``__contains__`` cost ~1.5 µs, 20 µs a contact).
    """

    _BITS = 28
    _MASK = (1 << _BITS) - 1

    def __init__(self) -> None:
        self.bits = bytearray(1 << (self._BITS - 3))

    def seen_before(self, keys: Sequence[Any]) -> list[Any]:
        """Add ``keys``; return those that may have been added before (all that were, a key
        that repeats in ``keys`` from its second time on, and a few others).

        One pass, one access to the filter a key: a test pass and a later pass adding the
        written keys cost ~550-740 ns a key against ~350-430 (its 32 MiB are far from the
        processor's caches, and each access is a miss).
        """
        bits, mask = self.bits, self._MASK
        found = []
        for hashed, key in zip(map(hash, keys), keys, strict=True):
            code = hashed & mask
            byte, bit = code >> 3, 1 << (code & 7)
            if bits[byte] & bit:
                found.append(key)
            else:
                bits[byte] |= bit
        return found


class KeyTable:
    """Every match key an import has written, with the contacts that have it.

    Open addressing with linear probing over two arrays: each entry a key's 64-bit hash
    (0 marks a free slot) and a contact id (-1 once that contact no longer has the key).
    A key may belong to several contacts, each its own entry; :meth:`find` gives the
    lowest id, as the tables' look-ups do (ordered by id). Two keys with the same 64-bit
    hash would be taken for one: ~10⁻¹² a million-contact import.

    12 bytes a slot, at most 70 % used: from 12 MiB (~170 000 contacts) or the room for
    the keys expected, doubled as the import grows (the entries moved over, ~0.15 µs a
    slot), up to ``max_bits`` (2**23 slots, 96 MiB: ~5.8 million keys, 1.3 million
    contacts of the synthetic roster). An import that needs more goes back to the indexes
    (:meth:`fits` says so).

    Adding a key costs ~0.75 µs at 100 000 contacts and ~1 µs at a million (its slot is far
    from the processor's caches), in loops without a call per key; only the keys the
    filter flags are looked up. Inserting them in the key indexes instead cost ~3 µs a key
    at 100 000 contacts and ~5 at a million (the indexes outgrow SQLite's page cache, each
    insert at a random page).
    """

    FIRST_BITS = 20
    MAX_BITS = 23
    _LOAD = 0.7

    def __init__(self, max_bits: int = MAX_BITS, expected: int = 0) -> None:
        """``expected``: how many keys are likely (the table starts with room for them)."""
        self.max_bits = max_bits
        bits = self.FIRST_BITS
        while bits < max_bits and (1 << bits) * self._LOAD < expected:
            bits += 1
        self._allocate(min(bits, max_bits))

    def _allocate(self, bits: int) -> None:
        size = 1 << bits
        self.size_bits = bits
        self.hashes = memoryview(bytearray(8 * size)).cast("q")
        self.owners = memoryview(bytearray(4 * size)).cast("i")
        self.mask = size - 1
        self.used = 0
        self.limit = int(size * self._LOAD)

    def fits(self, count: int) -> bool:
        """Make room for ``count`` more entries; False when the table cannot grow to it."""
        while self.used + count > self.limit:
            if self.size_bits >= self.max_bits:
                return False
            self._grow()
        return True

    def _grow(self) -> None:
        hashes, owners = self.hashes, self.owners
        self._allocate(self.size_bits + 1)
        self._place(
            (hashed, owner)
            for hashed, owner in zip(hashes, owners, strict=True)
            if hashed and owner > 0
        )

    def _place(self, entries: Iterable[tuple[int, int]]) -> None:
        """Add (hash, contact) entries."""
        hashes, owners, mask = self.hashes, self.owners, self.mask
        used = self.used
        for key_hash, owner in entries:
            hashed = key_hash or 1  # 0 marks a free slot
            slot = hashed & mask
            while stored := hashes[slot]:
                if stored == hashed and owners[slot] == owner:
                    break
                slot = (slot + 1) & mask
            else:
                hashes[slot] = hashed
                owners[slot] = owner
                used += 1
        self.used = used

    def add(self, keys: Iterable[Hashable], contacts: Iterable[int]) -> None:
        """Record that each contact has its key (the two in step); room made first
        (:meth:`fits`)."""
        self._place(zip(map(hash, keys), contacts, strict=True))

    def discard(self, pairs: Iterable[tuple[Hashable, int]]) -> None:
        """Record that each contact no longer has its key."""
        hashes, owners, mask = self.hashes, self.owners, self.mask
        for key, owner in pairs:
            hashed = hash(key) or 1
            slot = hashed & mask
            while stored := hashes[slot]:
                if stored == hashed and owners[slot] == owner:
                    owners[slot] = -1
                slot = (slot + 1) & mask

    def find(self, keys: Iterable[Any]) -> dict[Any, int]:
        """The lowest id of a contact that has each key, for the keys some contact has."""
        hashes, owners, mask = self.hashes, self.owners, self.mask
        found: dict[Any, int] = {}
        for key in keys:
            hashed = hash(key) or 1
            slot = hashed & mask
            lowest = 0
            while stored := hashes[slot]:
                if stored == hashed:
                    owner = owners[slot]
                    if owner > 0 and (not lowest or owner < lowest):
                        lowest = owner
                slot = (slot + 1) & mask
            if lowest:
                found[key] = lowest
        return found
