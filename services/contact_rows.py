"""One incoming contact, as any importer (CSV, XLSX, vCard, a form) hands it over.

Every value is raw text as found in the source; nothing is validated yet. The bulk
importer (``services.contact_import``) validates, merges and writes these.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from operator import attrgetter

from services.pickling import fast_pickle


@fast_pickle
@dataclass(slots=True)
class IncomingValue:
    """A phone number or e-mail address as found, with its type label as found.

    Attributes:
        text: the raw value ("+852 6986 5822", "june.wong@edelman.com/"); may hold several.
        type: our type for it ("work", "mobile", "fax", "home", "team", "personal", "other"),
            or "" to let the importer guess from ``label`` and the number.
        label: the label as the source wrote it ("TEL;TYPE=CELL", "Mobile Phone", "手提").
    """

    text: str
    type: str = ""
    label: str = ""


@fast_pickle
@dataclass(slots=True)
class IncomingContact:
    """One contact from an import source.

    Attributes:
        where: where it came from, as a person would look for it ("team.csv line 12",
            "phone.vcf card 3").
        kind: "person" or "mailbox".
        organization_zh / organization_en: the organisation's names as written.
        uid: a stable identifier from the source (a vCard UID), if any.
    """

    where: str
    kind: str = "person"
    name_zh: str | None = None
    name_en: str | None = None
    romanisation: str | None = None
    honorific: str | None = None
    title_zh: str | None = None
    title_en: str | None = None
    organization_zh: str | None = None
    organization_en: str | None = None
    organization_kind: str | None = None
    preferred_language: str | None = None
    phones: list[IncomingValue] = field(default_factory=list)
    emails: list[IncomingValue] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str | None = None
    opt_out: bool = False
    uid: str | None = None


# Rows cross to a validation worker (and from the file reader) by the thousand: as plain
# tuples of their fields they pickle in ~2.5 µs a row instead of ~8 µs through the classes'
# own reduction (benchmark rows, measured here), in the importing process that also writes.
_FIELDS = [f.name for f in fields(IncomingContact)]
_PHONES = _FIELDS.index("phones")
if _FIELDS[_PHONES + 1] != "emails":  # the layout pack_rows relies on
    raise TypeError("IncomingContact: emails must follow phones")
_head = attrgetter(*_FIELDS[:_PHONES])
_tail = attrgetter(*_FIELDS[_PHONES + 2 :])
_value = attrgetter("text", "type", "label")


def pack_rows(rows: Iterable[IncomingContact]) -> bytes:
    """Pickle rows as plain tuples (read back by :func:`unpack_rows`)."""
    return pickle.dumps(
        [
            (
                _head(row),
                [_value(value) for value in row.phones],
                [_value(value) for value in row.emails],
                _tail(row),
            )
            for row in rows
        ],
        pickle.HIGHEST_PROTOCOL,
    )


def unpack_rows(data: bytes | memoryview) -> list[IncomingContact]:
    """The rows :func:`pack_rows` pickled."""
    return [
        IncomingContact(  # type: ignore[call-arg]
            *head,
            [IncomingValue(*value) for value in phones],
            [IncomingValue(*value) for value in emails],
            *tail,
        )
        for head, phones, emails, tail in pickle.loads(data)
    ]
