"""Contact files as people hand them over: CSV, XLSX and vCard, read into incoming contacts.

:func:`open_contact_file` looks at a file, decides what it is, and either refuses it at once
with an :class:`~services.problems.InputRejected` that names the file, the line or card, the
value and what to do, or returns a :class:`ContactSource` whose :meth:`ContactSource.rows`
streams one :class:`~services.contact_rows.IncomingContact` per record. Nothing here touches
the database or validates a phone or an address: that is the bulk importer's job
(``services.contact_import``). Values are passed on as found.

* **CSV**: the encoding comes from :mod:`services.text_files` (UTF-8 with or without BOM,
  UTF-16, Big5-HKSCS, GB18030, Windows-1252); the delimiter is sniffed from ``,`` ``;`` tab
  ``|``; quoted newlines are kept. Columns are mapped by :func:`guess_mapping` (our own export,
  Google Contacts, Outlook, common Chinese headers) unless the caller gives a mapping.
* **XLSX**: the first worksheet, read with openpyxl in read-only mode.
* **vCard 2.1, 3.0 and 4.0**: read by a lenient parser of our own. It unfolds lines, decodes
  QUOTED-PRINTABLE values in their CHARSET (soft line breaks included, as old Nokia and
  Outlook exports write them), and accepts 2.1's bare parameters (``TEL;CELL;VOICE``).
  vobject is not used for reading because, measured here, it parses about 880 cards/s (a
  100 000-card file would take two minutes, far below the importer's validation rate) and
  it drops 2.1's bare type parameters, so every typed number would arrive untyped. The tests
  check this parser against vobject on 3.0 and 4.0 cards.

Problems met while streaming (a skipped empty record) are appended to
``ContactSource.problems``; a record that cannot be read at all (a CSV row with more
values than the header, an unterminated quote, a card without END:VCARD) raises
``InputRejected`` from :meth:`ContactSource.rows`, and the importer writes nothing.
"""

from __future__ import annotations

import csv
import functools
import io
import quopri
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NamedTuple, TextIO
from xml.etree import ElementTree

from db.search import has_han
from services.contact_rows import IncomingContact, IncomingValue
from services.emails import is_exchange_address, split_emails
from services.phrases import QT_TRANSLATE_NOOP, Phrase, phrase
from services.problems import InputRejected, Problem, Severity
from services.release_parser import split_honorific
from services.text_files import MAX_TEXT_BYTES, DecodedText, decode_text

# --- fields ------------------------------------------------------------------------------

# The labels are translated by the GUI's mapping editor (context "ContactFields").
CONTACT_FIELDS: dict[str, str] = {
    "name": QT_TRANSLATE_NOOP("ContactFields", "Name (Chinese or English, by script)"),
    "name_zh": QT_TRANSLATE_NOOP("ContactFields", "Name (Chinese)"),
    "name_en": QT_TRANSLATE_NOOP("ContactFields", "Name (English)"),
    "given_name": QT_TRANSLATE_NOOP("ContactFields", "Given name"),
    "middle_name": QT_TRANSLATE_NOOP("ContactFields", "Middle name"),
    "family_name": QT_TRANSLATE_NOOP("ContactFields", "Family name"),
    "romanisation": QT_TRANSLATE_NOOP("ContactFields", "Romanisation"),
    "honorific": QT_TRANSLATE_NOOP("ContactFields", "Honorific (Mr, Ms, Dr)"),
    "title": QT_TRANSLATE_NOOP("ContactFields", "Title (Chinese or English, by script)"),
    "title_zh": QT_TRANSLATE_NOOP("ContactFields", "Title (Chinese)"),
    "title_en": QT_TRANSLATE_NOOP("ContactFields", "Title (English)"),
    "organization": QT_TRANSLATE_NOOP(
        "ContactFields", "Organisation (Chinese or English, by script)"
    ),
    "organization_zh": QT_TRANSLATE_NOOP("ContactFields", "Organisation (Chinese)"),
    "organization_en": QT_TRANSLATE_NOOP("ContactFields", "Organisation (English)"),
    "phone": QT_TRANSLATE_NOOP("ContactFields", "Phone (type guessed)"),
    "phone:work": QT_TRANSLATE_NOOP("ContactFields", "Phone (work)"),
    "phone:mobile": QT_TRANSLATE_NOOP("ContactFields", "Phone (mobile)"),
    "phone:fax": QT_TRANSLATE_NOOP("ContactFields", "Phone (fax)"),
    "phone:home": QT_TRANSLATE_NOOP("ContactFields", "Phone (home)"),
    "phone:team": QT_TRANSLATE_NOOP("ContactFields", "Phone (team)"),
    "phone:other": QT_TRANSLATE_NOOP("ContactFields", "Phone (other)"),
    "email": QT_TRANSLATE_NOOP("ContactFields", "E-mail (type guessed)"),
    "email:work": QT_TRANSLATE_NOOP("ContactFields", "E-mail (work)"),
    "email:personal": QT_TRANSLATE_NOOP("ContactFields", "E-mail (personal)"),
    "email:team": QT_TRANSLATE_NOOP("ContactFields", "E-mail (team mailbox)"),
    "email:other": QT_TRANSLATE_NOOP("ContactFields", "E-mail (other)"),
    "notes": QT_TRANSLATE_NOOP("ContactFields", "Notes"),
    "tags": QT_TRANSLATE_NOOP("ContactFields", "Tags"),
    "kind": QT_TRANSLATE_NOOP("ContactFields", "Kind (person or mailbox)"),
    "uid": QT_TRANSLATE_NOOP("ContactFields", "Identifier from the source"),
    "ignore": QT_TRANSLATE_NOOP("ContactFields", "(ignore this column)"),
}
"""Every field a column can feed, with the label the GUI's mapping editor shows.

Besides these, paired columns name their pair: ``phone_type:N`` / ``phone_value:N`` and
``email_type:N`` / ``email_value:N`` (Google's "Phone 1 - Type" / "Phone 1 - Value", our own
"Phone 1 Type" / "Phone 1").
"""

_PAIR_FIELD = re.compile(r"\A(phone|email)_(type|value):(\d{1,3})\Z")
# Fields that make a record worth importing: without one of them it is skipped.
_IDENTIFYING = ("name", "given_name", "family_name", "organization", "phone", "email")

# --- header vocabulary -------------------------------------------------------------------

# Header text (NFKC, case-folded, single spaces) -> field. Our own export, Google Contacts,
# Outlook, and the Chinese headers seen on Hong Kong and mainland media lists.
_HEADERS: dict[str, str] = {
    **dict.fromkeys(
        ("name", "full name", "display name", "contact", "contact name", "姓名", "名稱", "名字",
         "聯絡人", "联系人", "聯絡人姓名", "联系人姓名", "contact person"),
        "name",
    ),
    **dict.fromkeys(
        ("name (chinese)", "chinese name", "name zh", "name_zh", "中文姓名", "中文名", "中文名稱"),
        "name_zh",
    ),
    **dict.fromkeys(
        ("name (english)", "english name", "name en", "name_en", "英文姓名", "英文名", "英文名稱"),
        "name_en",
    ),
    **dict.fromkeys(("first name", "given name", "given", "名"), "given_name"),
    **dict.fromkeys(("middle name", "additional name", "中間名", "中间名"), "middle_name"),
    **dict.fromkeys(
        ("last name", "family name", "surname", "family", "姓", "姓氏"), "family_name"
    ),
    **dict.fromkeys(
        ("romanisation", "romanization", "phonetic name", "phonetic first name",
         "phonetic middle name", "phonetic last name", "拼音"),
        "romanisation",
    ),
    **dict.fromkeys(
        ("honorific", "salutation", "name prefix", "prefix", "稱謂", "称谓"), "honorific"
    ),
    **dict.fromkeys(
        ("title", "job title", "position", "designation", "role", "organization title",
         "organization 1 - title", "post", "職位", "職銜", "職稱", "銜頭", "职位", "职称", "職務",
         "职务"),
        "title",
    ),
    **dict.fromkeys(("title (chinese)", "中文職位", "中文職銜"), "title_zh"),
    **dict.fromkeys(("title (english)", "英文職位", "英文職銜"), "title_en"),
    **dict.fromkeys(
        ("organisation", "organization", "company", "outlet", "media", "media outlet",
         "organization name", "organization 1 - name", "employer", "org", "company name",
         "公司", "機構", "机构", "機構名稱", "公司名稱", "单位", "單位", "傳媒", "媒體", "媒体",
         "所屬機構", "傳媒機構", "媒體機構", "媒体机构", "新聞機構"),
        "organization",
    ),
    **dict.fromkeys(
        ("organisation (chinese)", "organization (chinese)", "中文機構名稱", "機構(中文)"),
        "organization_zh",
    ),
    **dict.fromkeys(
        ("organisation (english)", "organization (english)", "英文機構名稱", "機構(英文)"),
        "organization_en",
    ),
    **dict.fromkeys(
        ("phone", "telephone", "tel", "tel.", "phone number", "電話", "电话", "聯絡電話",
         "電話號碼", "联系电话", "电话号码"),
        "phone",
    ),
    **dict.fromkeys(
        ("business phone", "business phone 2", "work phone", "office", "office phone",
         "direct line", "company main phone", "辦公室電話", "辦公電話", "直線", "直線電話",
         "商務電話", "商務電話 2", "公司代表線", "商务电话", "商务电话 2", "公司总机", "办公电话",
         "座機", "座机"),
        "phone:work",
    ),
    **dict.fromkeys(
        ("mobile", "mobile phone", "cell", "cell phone", "cellphone", "手提", "手提電話",
         "流動電話", "手機", "手机", "移動電話", "whatsapp", "行動電話", "移动电话", "手提號碼",
         "手機號碼", "手机号码"),
        "phone:mobile",
    ),
    **dict.fromkeys(
        ("fax", "business fax", "home fax", "other fax", "fax number", "傳真", "传真",
         "傳真號碼", "商務傳真", "住家傳真", "其他傳真", "商务传真", "住宅传真", "其他传真"),
        "phone:fax",
    ),
    **dict.fromkeys(
        ("home phone", "home phone 2", "住宅電話", "家居電話", "住家電話", "住家電話 2", "住宅电话",
         "住宅电话 2"),
        "phone:home",
    ),
    **dict.fromkeys(
        ("other phone", "primary phone", "assistant's phone", "car phone", "pager",
         "callback", "radio phone", "其他電話", "主要電話", "回撥電話", "汽車電話", "呼叫器",
         "無線電話", "其他电话", "主要电话", "回拨电话", "车载电话", "寻呼机"),
        "phone:other",
    ),
    **dict.fromkeys(
        ("email", "e-mail", "email address", "e-mail address", "mail", "電郵", "電郵地址",
         "電子郵件", "電子郵箱", "邮箱", "电子邮件", "电邮", "電子郵件地址", "电子邮件地址"),
        "email",
    ),
    **dict.fromkeys(
        ("e-mail 2 address", "e-mail 3 address", "電子郵件 2 地址", "電子郵件 3 地址",
         "电子邮件 2 地址", "电子邮件 3 地址"),
        "email:other",
    ),
    **dict.fromkeys(
        ("notes", "note", "remarks", "comments", "備註", "备注", "附註", "附注"), "notes"
    ),
    **dict.fromkeys(
        ("tags", "tag", "categories", "labels", "group membership", "groups", "標籤", "标签",
         "類別", "分類"),
        "tags",
    ),
    **dict.fromkeys(("kind", "type of contact"), "kind"),
    **dict.fromkeys(("id", "uid"), "uid"),
}  # fmt: skip
_PAIR_HEADER = re.compile(
    r"\A(?P<what>phone|e-mail|email)\s*(?P<n>\d{1,3})\s*(?:-\s*)?(?P<part>type|label|value)?\Z"
)

# Type words in Google's "Phone 1 - Type", Outlook headers and vCard TYPE parameters.
_PHONE_TYPE_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("fax", "傳真", "传真"), "fax"),
    (("mobile", "cell", "iphone", "手提", "手機", "手机", "流動"), "mobile"),
    (("home", "住宅", "家"), "home"),
    (("work", "business", "office", "main", "company", "辦公", "公司"), "work"),
    (("team",), "team"),
    (("other", "pager"), "other"),
)
_EMAIL_TYPE_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("team",), "team"),
    (("home", "personal", "私人"), "personal"),
    (("work", "business", "office", "公司"), "work"),
    (("other",), "other"),
)
_MULTI_VALUE = ":::"  # Google Contacts puts several values of one field in a cell so.
_TAG_SPLIT = re.compile(r"\s*(?::::|[;,、；，\n])\s*")
# What our own CSV export puts before a value a spreadsheet would run as a formula.
_FORMULA_START = frozenset("=+-@\t\r\n")
_DELIMITERS = (",", "\t", ";", "|")
_SAMPLE_BYTES = 256 * 1024
_SAMPLE_ROWS = 200
# What Outlook writes into columns left blank (its CSV export fills every record so), and
# its e-mail bookkeeping (the address type, and a display name made of the name and the
# address): not values a user typed, so an unmapped column holding only these loses nothing.
_PLACEHOLDERS = {
    "birthday": {"0/0/00"},
    "anniversary": {"0/0/00"},
    "gender": {"unspecified"},
    "priority": {"normal"},
    "sensitivity": {"normal"},
    "private": {"false"},
    **{f"e-mail{n} type": {"smtp", "ex"} for n in ("", " 2", " 3")},
}
_OUTLOOK_DISPLAY_NAME = re.compile(r"e-mail(?: [23])? display name")


def _placeholder(column: str, value: str) -> bool:
    """Whether ``value`` is only what Outlook writes into the column ``column`` by itself."""
    column = column.casefold()
    if _OUTLOOK_DISPLAY_NAME.fullmatch(column):
        return "@" in value
    return value.casefold() in _PLACEHOLDERS.get(column, ())


def _header_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).replace("\ufeff", "").casefold().split())


def guess_mapping(columns: Sequence[str]) -> dict[str, str]:
    """Map each column header to one of our fields (see :data:`CONTACT_FIELDS`).

    Knows our own export's headers, Google Contacts' and Outlook's CSV headers and the
    common Chinese and English headers of media lists. A header it does not know maps to
    ``"ignore"``.

    Args:
        columns: the header row as written.

    Returns:
        Column name -> field id, for every column.
    """
    keys = [_header_key(c) for c in columns]
    fields = [_field_of(key) for key in keys]
    # "Title" beside another title column ("Job Title", "Position") is Mr/Ms, as in
    # Outlook; 名字 beside 姓氏 is the given name, as in a Chinese Outlook's export.
    titled = sum(field == "title" for field in fields) > 1
    family = "family_name" in fields
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for column, key, known in zip(columns, keys, fields, strict=True):
        target = known
        if titled and key == "title":
            target = "honorific"
        elif family and key in _GIVEN_BESIDE_FAMILY:
            target = "given_name"
        if target in _ONE_VALUE_FIELDS:
            # A second column for a field that holds one value (機構 then 媒體: the outlet
            # and its kind) is not run into the first; the user may map it in the dialog.
            if target in taken:
                target = "ignore"
            taken.add(target)
        mapping.setdefault(column, target)
    return mapping


# Fields a contact has one of: a second column mapped to one is left out.
_ONE_VALUE_FIELDS = frozenset(
    {"name", "name_zh", "name_en", "honorific", "title", "title_zh", "title_en",
     "organization", "organization_zh", "organization_en", "kind", "uid"}
)  # fmt: skip
_GIVEN_BESIDE_FAMILY = frozenset({"名字", "名"})
_HAN_PART = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+(?:\s*\d+)?(?:\s*[(（][^)）]*[)）])?")


def _field_of(key: str) -> str:
    """The field a header names: known as it is, numbered, suffixed, or in two languages."""
    if key in _HEADERS:
        return _HEADERS[key]
    return _pair_field(key) or _suffixed_field(key) or _bilingual_field(key) or "ignore"


def _bilingual_field(key: str) -> str | None:
    """A header in both languages ("姓名 Name", "電話\nTel", "Email 電郵"): the field both
    halves name, or the one that one half names."""
    han = " ".join(_HAN_PART.findall(key))
    latin = _HAN_PART.sub(" ", key).strip(" /|-:：()（）")
    if not han or not latin:
        return None
    halves = [
        _HEADERS.get(part) or _pair_field(part) or _suffixed_field(part)
        for part in (_header_key(han), _header_key(latin))
    ]
    found = [field for field in halves if field]
    return found[0] if found and all(f == found[0] for f in found) else None


def _pair_field(key: str) -> str | None:
    """Field of "Phone 1 - Type", "Phone 1 - Value", "E-mail 2" (Google's and ours)."""
    match = _PAIR_HEADER.match(key)
    if match is None:
        return None
    what = "phone" if match["what"] == "phone" else "email"
    part = {"label": "type", None: "value"}.get(match["part"], match["part"])
    return f"{what}_{part}:{int(match['n'])}"


def _suffixed_field(key: str) -> str | None:
    """A known header with a number or a type after it ("Mobile 2", "電話 (辦公室)",
    "Tel No.")."""
    base = re.sub(
        r"[\s(（]*\d+[)）]?\Z|\s*[(（][^)）]*[)）]\Z|\s*(?:no\.?|number|#|號碼|号码)\Z", "", key
    ).strip()
    if base != key and base in _HEADERS:
        return _HEADERS[base]
    return None


def _check_mapping(mapping: dict[str, str], columns: Sequence[str], where: str) -> None:
    """Refuse a mapping naming a field we do not have (a GUI or caller error)."""
    bad = [
        (column, target)
        for column, target in mapping.items()
        if target not in CONTACT_FIELDS and not _PAIR_FIELD.match(target)
    ]
    if bad:
        column, target = bad[0]
        raise InputRejected(
            f"The column mapping sends {column!r} to {target!r}, which is not a contact field.",
            [
                _problem(
                    Severity.ERROR,
                    where,
                    "mapping",
                    f"{column} -> {target}",
                    phrase(
                        QT_TRANSLATE_NOOP("Validation", "%1 is not a contact field."), repr(target)
                    ),
                    suggestion=phrase(
                        QT_TRANSLATE_NOOP("Validation", "Use one of: %1."),
                        ", ".join(CONTACT_FIELDS),
                    ),
                )
            ],
        )
    missing = [column for column in mapping if column not in columns]
    if missing:
        raise InputRejected(
            f"The column mapping names {missing[0]!r}, which is not a column of the file.",
            [
                _problem(
                    Severity.ERROR,
                    where,
                    "mapping",
                    missing[0],
                    phrase(
                        QT_TRANSLATE_NOOP(
                            "Validation", "There is no column of this name in the header row."
                        )
                    ),
                    suggestion=phrase(
                        QT_TRANSLATE_NOOP("Validation", "The columns are: %1."), ", ".join(columns)
                    ),
                )
            ],
        )


@dataclass
class ColumnMapping:
    """Which of our fields each source column feeds, resolved to column positions.

    Attributes:
        columns: the header row as written.
        fields: our field for each column, in column order ("ignore" for none).
    """

    columns: list[str]
    fields: list[str]

    @classmethod
    def build(cls, columns: Sequence[str], mapping: dict[str, str]) -> ColumnMapping:
        """Resolve a name -> field mapping; columns it does not name are ignored."""
        return cls(list(columns), [mapping.get(c, "ignore") for c in columns])

    def as_dict(self) -> dict[str, str]:
        """The mapping as column name -> field (the first of two same-named columns wins)."""
        result: dict[str, str] = {}
        for column, target in zip(self.columns, self.fields, strict=True):
            result.setdefault(column, target)
        return result

    @property
    def identifies(self) -> bool:
        """True when some column gives a name, organisation, phone or e-mail."""
        return any(
            f.split(":")[0].split("_")[0] in ("phone", "email")
            or f.removesuffix("_zh").removesuffix("_en") in _IDENTIFYING
            for f in self.fields
        )

    @property
    def unmapped(self) -> dict[int, str]:
        """Non-empty column headers nobody maps, by position (their values are not imported)."""
        return {
            i: c
            for i, (c, f) in enumerate(zip(self.columns, self.fields, strict=True))
            if f == "ignore" and c
        }


# --- one record -> one contact -------------------------------------------------------------


@functools.lru_cache(maxsize=512)
def _type_from_words(label: str, table: tuple[tuple[tuple[str, ...], str], ...]) -> str:
    # Cached: a file repeats the same few labels ("mobile", "work") on every row.
    text = label.casefold()
    for words, kind in table:
        if any(word in text for word in words):
            return kind
    return ""


def _strip_neutraliser(value: str) -> str:
    """Undo the ``'`` our CSV export puts before a formula-looking value."""
    if len(value) > 1 and value[0] == "'" and value[1] in _FORMULA_START:
        return value[1:]
    return value


def _split_name(text: str) -> tuple[str | None, str | None]:
    """(Chinese, English) of a name cell that may hold both ("陳大文 Chan Tai Man")."""
    if not has_han(text):
        return None, text
    if not re.search(r"[A-Za-z]", text):
        return text, None
    han = "".join(re.findall(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+", text))
    rest = re.sub(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+", " ", text)
    rest = " ".join(rest.replace("(", " ").replace(")", " ").split())
    return han, rest or None


def _join_name(given: str, middle: str, family: str) -> str:
    """A name from its parts: family first for Chinese, given first otherwise."""
    if has_han(family) or has_han(given):
        return f"{family}{given}".strip()
    return " ".join(p for p in (given, middle, family) if p)


def _add(contact: IncomingContact, attr: str, value: str, sep: str = " ") -> None:
    current = getattr(contact, attr)
    setattr(contact, attr, f"{current}{sep}{value}" if current else value)


class _RecordReader:
    """Turns the cells of one CSV or XLSX record into an IncomingContact."""

    def __init__(self, mapping: ColumnMapping) -> None:
        # Named columns nobody maps, until a record has a value in them (see unused_problems),
        # then by position: (column, where, first value).
        self.unused = mapping.unmapped
        self.unused_found: dict[int, tuple[str, str, str]] = {}
        # Everything a row needs to know of its columns, worked out once for the file:
        # (index, field, column name, (phone|email, pair number, type|value) or None,
        # field before ":", type after it).
        self.plan: list[tuple[int, str, str, tuple[str, int, str] | None, str, str]] = []
        for i, target in enumerate(mapping.fields):
            if target == "ignore":
                continue
            match = _PAIR_FIELD.match(target)
            pair = (match[1], int(match[3]), match[2]) if match else None
            base, _, kind = target.partition(":")
            self.plan.append((i, target, mapping.columns[i], pair, base, kind))

    def contact(self, cells: Sequence[str], where: str) -> IncomingContact:
        """The contact of these cells (check it with ``_worth_importing``)."""
        if self.unused:
            self._note_unused(cells, where)
        contact = IncomingContact(where=where)
        pairs: dict[tuple[str, int], dict[str, str]] = {}
        given = middle = family = ""
        count = len(cells)
        for index, target, column, pair, base, kind in self.plan:
            if index >= count:
                continue
            value = cells[index].strip()
            if not value:
                continue
            if value[0] == "'":
                value = _strip_neutraliser(value)
            if pair is not None:
                slot = pairs.setdefault(pair[:2], {})
                slot[pair[2]] = value
                slot.setdefault("label", column)
                continue
            if base == "phone":
                self._phones(contact, value, kind, column)
            elif base == "email":
                self._emails(contact, value, kind, column)
            elif target == "given_name":
                given = value
            elif target == "middle_name":
                middle = value
            elif target == "family_name":
                family = value
            else:
                self._text(contact, target, value)
        if given or middle or family:
            zh, en = _split_name(_join_name(given, middle, family))
            contact.name_zh = contact.name_zh or zh
            contact.name_en = contact.name_en or en
        for (what, _), slot in sorted(pairs.items(), key=lambda item: item[0][1]):
            value = slot.get("value", "")
            if not value:
                continue
            label = slot.get("type", "")
            if what == "phone":
                kind = _type_from_words(label, _PHONE_TYPE_WORDS)
                self._phones(contact, value, kind, label or slot["label"])
            else:
                kind = _type_from_words(label, _EMAIL_TYPE_WORDS)
                self._emails(contact, value, kind, label or slot["label"])
        _honorific_apart(contact)
        return contact

    def _note_unused(self, cells: Sequence[str], where: str) -> None:
        """Remember where an unmapped column first holds a value (not a placeholder)."""
        count = len(cells)
        for index, column in list(self.unused.items()):
            value = cells[index].strip() if index < count else ""
            if value and not _placeholder(column, value):
                self.unused_found[index] = (column, where, value)
                del self.unused[index]

    def unused_problems(self) -> list[Problem]:
        """A warning for each unmapped column that held a value: where it first did.

        Columns left empty in every record (most of an Outlook export's 92) are passed over
        in silence: nothing in them is lost.
        """
        problems = []
        for _, (column, where, value) in sorted(self.unused_found.items()):
            problems.append(_problem(
                Severity.WARNING, where, column, value[:200],
                phrase(QT_TRANSLATE_NOOP("Validation", "The column %1 matches no contact field, so "
                       "its values are not imported (this is the first record with one)."), repr(column)),
                suggestion=phrase(QT_TRANSLATE_NOOP("Validation", "Choose a field for the column "
                       "in the import dialog, or add its values to the contacts by hand.")),
            ))  # fmt: skip
        return problems

    @staticmethod
    def _phones(contact: IncomingContact, value: str, kind: str, label: str) -> None:
        # Several numbers in one piece are left together: the importer's check_phone
        # splits them and keeps each one's own label ("Tel: ... Fax: ...").
        for piece in value.split(_MULTI_VALUE):
            if piece.strip():
                contact.phones.append(IncomingValue(piece.strip(), kind, label))

    @staticmethod
    def _emails(contact: IncomingContact, value: str, kind: str, label: str) -> None:
        for piece in value.split(_MULTI_VALUE):
            if is_exchange_address(piece):
                # One value, refused as one (not cut at its spaces).
                contact.emails.append(IncomingValue(piece.strip(), kind, label))
                continue
            for address in split_emails(piece):
                contact.emails.append(IncomingValue(address, kind, label))

    @staticmethod
    def _text(contact: IncomingContact, target: str, value: str) -> None:
        if target == "name":
            zh, en = _split_name(value)
            if zh:
                _add(contact, "name_zh", zh)
            if en:
                _add(contact, "name_en", en)
        elif target in ("title", "organization"):
            _add(contact, f"{target}_{'zh' if has_han(value) else 'en'}", value)
        elif target == "notes":
            _add(contact, "notes", value, "\n")
        elif target == "tags":
            for piece in _TAG_SPLIT.split(value):
                tag = piece.strip().removeprefix("* ").strip()
                if (
                    tag
                    and tag.casefold().replace(" ", "") not in ("mycontacts", "starred")
                    and (tag not in contact.tags)
                ):
                    contact.tags.append(tag)
        elif target == "kind":
            contact.kind = "mailbox" if value.casefold() in ("mailbox", "team") else "person"
        elif target == "uid":
            contact.uid = value
        else:
            _add(contact, target, value)


def _honorific_apart(contact: IncomingContact) -> None:
    """Take an honorific typed into a name into its own field: 「陳大文先生」, "Ms. June Wong".

    Not when the contact holds another honorific in the same language ("Dr" held, "Mr" in
    the name): which is right is for the officer to see, so the name keeps it.
    """
    for slot in ("name_zh", "name_en"):
        name = getattr(contact, slot)
        if not name:
            continue
        bare, honorific = split_honorific(name)
        if honorific is None:
            continue
        held = (contact.honorific or "").strip().rstrip(".").casefold()
        # 小姐 held and "Ms" in the English name: the same word in the other language.
        if held and held != honorific.casefold() and has_han(held) == has_han(honorific):
            continue
        setattr(contact, slot, bare)
        contact.honorific = contact.honorific or honorific


def _worth_importing(contact: IncomingContact) -> bool:
    """Whether a record holds a contact: a name, an organisation, or a value that could be a
    number or an address (a row of sub-headers, 「辦公室 | 手提」 under 電話, holds none)."""
    return bool(
        contact.name_zh
        or contact.name_en
        or contact.organization_zh
        or contact.organization_en
        or any(_HAS_DIGIT.search(value.text) for value in contact.phones)
        or any("@" in value.text or "＠" in value.text for value in contact.emails)
    )


_HAS_DIGIT = re.compile(r"\d")


def _skipped(where: str, cells: Iterable[str]) -> Problem:
    shown = " | ".join(c.strip() for c in cells if c and c.strip())
    return _problem(
        Severity.WARNING,
        where,
        "record",
        shown[:200],
        phrase(
            QT_TRANSLATE_NOOP(
                "Validation", "It has no name, organisation, phone or e-mail, so it was skipped."
            )
        ),
        suggestion=phrase(
            QT_TRANSLATE_NOOP(
                "Validation", "Fill in a name, organisation, phone or e-mail, or delete the record."
            )
        ),
    )


# --- the source ----------------------------------------------------------------------------


@dataclass
class ContactSource:
    """A contact file, opened and checked, ready to stream.

    Attributes:
        path: the file.
        kind: "csv", "xlsx" or "vcard".
        encoding: the text encoding (CSV and vCard), else None.
        delimiter: the CSV delimiter, else None.
        columns: the header row (CSV, XLSX); empty for vCard.
        mapping: column -> field in force (guessed or given); empty for vCard.
        problems: file-level problems (unmapped columns), plus those met while streaming.
    """

    path: Path
    kind: str
    encoding: str | None
    delimiter: str | None
    columns: list[str]
    mapping: dict[str, str]
    problems: list[Problem] = field(default_factory=list)
    _rows: Callable[[ContactSource], Iterator[IncomingContact]] | None = field(
        default=None, repr=False
    )
    _count_hint: int | None = field(default=None, repr=False)

    def rows(self) -> Iterator[IncomingContact]:
        """Stream the contacts, one record at a time (each call reads the file afresh).

        Raises:
            InputRejected: a record cannot be read (see the module docstring).
        """
        if self._rows is None:
            return iter(())
        return self._rows(self)

    def count_hint(self) -> int | None:
        """Roughly how many records the file has (for a progress bar), or None."""
        return self._count_hint


def open_contact_file(path: Path | str, *, mapping: dict[str, str] | None = None) -> ContactSource:
    """Open a CSV, XLSX or vCard file of contacts.

    The kind is told by the content first (a ZIP is a workbook, ``BEGIN:VCARD`` is a vCard),
    then by the extension.

    Args:
        path: the file.
        mapping: column -> field (see :data:`CONTACT_FIELDS`) for CSV and XLSX; None to
            guess it from the header row.

    Returns:
        The source; iterate :meth:`ContactSource.rows`.

    Raises:
        InputRejected: the file is missing, unreadable, of an unknown kind or malformed
            (no header row that names a contact column, no BEGIN:VCARD, not a workbook).
    """
    file = Path(path)
    name = file.name
    head = _read_head(file)
    suffix = file.suffix.lower()
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")) or suffix in (".xlsx", ".xlsm"):
        return _open_xlsx(file, head, mapping)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise _refused(
            name,
            "file",
            phrase(
                QT_TRANSLATE_NOOP(
                    "Validation", "It is an old Excel (.xls) workbook, which cannot be read."
                )
            ),
            phrase(
                QT_TRANSLATE_NOOP(
                    "Validation",
                    "Open it in Excel and save it as .xlsx or as CSV UTF-8, then import that.",
                )
            ),
        )
    decoded = _decode(file, head)
    if _looks_like_vcard(decoded.sample) or suffix in (".vcf", ".vcard"):
        return _open_vcard(file, decoded)
    return _open_csv(file, decoded, mapping)


def looks_like_contact_table(path: Path | str) -> bool:
    """Whether a text file is a table of contacts: its first line names contact columns.

    Excel saves "Unicode Text" (UTF-16, tab-separated) as ``.txt``, the suffix of a press
    release; a first line with two or more headers we know (姓名, 電話, E-mail …) tells
    a media list from a release, which is prose.
    """
    try:
        head = _read_head(Path(path))
        text = decode_text(_cut_at_line_end(head), source=str(path), max_bytes=len(head)).text
    except (InputRejected, UnicodeError):
        return False
    first = next((line for line in text.splitlines() if line.strip()), "")
    columns = first.split(_sniff_delimiter(first)) if first else []
    known = [field for field in guess_mapping(columns).values() if field != "ignore"]
    return len(known) >= 2


_SAVE_AS_XLSX = phrase(
    QT_TRANSLATE_NOOP(
        "Validation",
        "Open it in Excel and save it again as .xlsx (Excel Workbook) or as CSV UTF-8.",
    )
)


def _refused(
    where: str, field_name: str, message: Phrase, suggestion: Phrase, value: str = ""
) -> InputRejected:
    """The file refused at ``where``: one problem, its words translatable in the GUI."""
    problem = _problem(Severity.ERROR, where, field_name, value, message, suggestion=suggestion)
    return InputRejected(
        phrase(QT_TRANSLATE_NOOP("Validation", "%1: %2"), where, message), [problem]
    )


def _problem(
    severity: Severity,
    where: str,
    field_name: str,
    value: str,
    message: Phrase,
    *,
    suggestion: Phrase,
) -> Problem:
    return Problem(
        severity, where, field_name, value, str(message), str(suggestion), message, suggestion
    )


def _read_head(file: Path) -> bytes:
    name = str(file)
    try:
        if file.is_dir():
            raise InputRejected(
                phrase(
                    QT_TRANSLATE_NOOP(
                        "Validation",
                        "%1 is a folder, not a file. Choose the contact file inside it.",
                    ),
                    name,
                )
            )
        with file.open("rb") as stream:
            head = stream.read(_SAMPLE_BYTES)
    except FileNotFoundError:
        raise InputRejected(
            phrase(
                QT_TRANSLATE_NOOP(
                    "Validation",
                    "%1 was not found. Check the file name and the folder, and try again.",
                ),
                name,
            )
        ) from None
    except PermissionError:
        raise InputRejected(
            phrase(
                QT_TRANSLATE_NOOP(
                    "Validation",
                    "%1 cannot be read: permission denied. Ask for access to the "
                    "file, or copy it to a folder you can read.",
                ),
                name,
            )
        ) from None
    except OSError as error:
        raise InputRejected(
            phrase(
                QT_TRANSLATE_NOOP("Validation", "%1 cannot be read: %2."),
                name,
                str(error.strerror or error),
            )
        ) from None
    if not head:
        raise InputRejected(
            phrase(
                QT_TRANSLATE_NOOP(
                    "Validation", "%1 is empty (0 bytes). Choose the file that holds the contacts."
                ),
                name,
            )
        )
    return head


# --- text files (CSV, vCard) ---------------------------------------------------------------


@dataclass
class _Decoded:
    """How to read a text file: the whole text when small, else the codec to stream with."""

    file: Path
    encoding: str
    stream_codec: str
    sample: str
    text: str | None  # the whole text for files up to MAX_TEXT_BYTES
    size: int

    def open(self) -> TextIO:
        """A text stream over the whole file, line breaks kept as written."""
        if self.text is not None:
            return io.StringIO(self.text)
        return self.file.open(encoding=self.stream_codec, newline="")


def _stream_codec(decoded: DecodedText) -> str:
    if decoded.had_bom and decoded.encoding == "utf-8":
        return "utf-8-sig"
    if decoded.had_bom and decoded.encoding.startswith(("utf-16", "utf-32")):
        return decoded.encoding[:6]  # "utf-16" / "utf-32" read and drop the mark themselves
    return decoded.encoding


def _cut_at_line_end(head: bytes) -> bytes:
    """The sample up to its last line break, so no multi-byte character is cut in two."""
    cut = head.rfind(b"\n")
    if cut <= 0:
        return head
    end = cut + 1
    if end < len(head) and head[end] == 0:  # UTF-16-LE: the NUL after "\n" belongs to it
        end += 1
    return head[:end]


def _decode(file: Path, head: bytes) -> _Decoded:
    size = file.stat().st_size
    if size <= MAX_TEXT_BYTES:
        data = head if size <= len(head) else file.read_bytes()
        decoded = decode_text(data, source=file.name)
        return _Decoded(
            file, decoded.encoding, _stream_codec(decoded), decoded.text[:_SAMPLE_BYTES],
            decoded.text, size,
        )  # fmt: skip
    # A large file is judged by its first 256 KB and then streamed, never held whole.
    decoded = decode_text(_cut_at_line_end(head), source=file.name, max_bytes=len(head))
    return _Decoded(file, decoded.encoding, _stream_codec(decoded), decoded.text, None, size)


def _decode_error(name: str, line: int, encoding: str) -> InputRejected:
    return _refused(
        f"{name} line {line}",
        "file",
        phrase(QT_TRANSLATE_NOOP("Validation", "The text stops being valid %1 here (the file mixes encodings or is "
               "damaged)."), encoding),
        phrase(QT_TRANSLATE_NOOP("Validation", "Open the file in a text editor or Excel, save it again as UTF-8, "
               "and import that.")),
    )  # fmt: skip


def _estimate_records(decoded: _Decoded, per_record: Callable[[str], int]) -> int | None:
    sample_records = per_record(decoded.sample)
    if decoded.text is not None:
        return per_record(decoded.text)
    if not sample_records:
        return None
    sample_bytes = len(decoded.sample.encode(decoded.encoding, errors="replace"))
    return int(decoded.size / max(sample_bytes, 1) * sample_records)


# --- CSV -----------------------------------------------------------------------------------


def _sniff_delimiter(sample: str) -> str:
    """The delimiter that gives the widest header and the same width on the next lines."""
    lines = [line for line in sample.split("\n")[:60] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in _DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO("\n".join(lines[:30])), delimiter=delimiter))
        except csv.Error:
            continue
        if not rows:
            continue
        width = len(rows[0])
        if width < 2:
            continue
        agreeing = sum(1 for row in rows[1:] if len(row) == width)
        score = (agreeing * 100 // max(len(rows) - 1, 1), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_reader(stream: TextIO, delimiter: str) -> Any:
    # strict: an unterminated quote at the end of the file is an error, not a silently
    # swallowed rest of the file.
    return csv.reader(stream, delimiter=delimiter, strict=True)


def _csv_records(decoded: _Decoded, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(starting line, cells) of every record, raising InputRejected for unreadable text."""
    name = decoded.file.name
    with decoded.open() as stream:
        reader = _csv_reader(stream, delimiter)
        end = 0
        while True:
            start = end + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise _refused(
                    f"{name} line {start}",
                    "file",
                    phrase(QT_TRANSLATE_NOOP("Validation", "This record cannot be read as CSV (%1)."), str(error)),
                    phrase(QT_TRANSLATE_NOOP("Validation", 'A quote (") opened in a value is probably never '
                           "closed: close it, or save the file again from Excel as CSV UTF-8.")),
                ) from None  # fmt: skip
            except UnicodeDecodeError:
                raise _decode_error(name, start, decoded.encoding) from None
            end = reader.line_num
            yield start, cells


def _check_width(cells: list[str], width: int, where: str, delimiter: str) -> list[str]:
    """Pad a short record; trim empty extra cells; refuse extra values (they would shift)."""
    if len(cells) == width:
        return cells
    if len(cells) < width:
        return cells + [""] * (width - len(cells))
    if not any(c.strip() for c in cells[width:]):
        return cells[:width]
    shown = "," if delimiter == "," else delimiter
    raise _refused(
        where,
        "record",
        phrase(QT_TRANSLATE_NOOP("Validation", "It has %1 values but the header row has %2 columns, so values would "
               "land in the wrong columns."), str(len(cells)), str(width)),
        phrase(QT_TRANSLATE_NOOP("Validation", 'A value containing %1 needs quotes around it ("Wong%2 June"); fix the '
               "record, or save the file again from Excel as CSV UTF-8."), repr(shown), shown),
        shown.join(cells)[:200],
    )  # fmt: skip


def _open_csv(file: Path, decoded: _Decoded, mapping: dict[str, str] | None) -> ContactSource:
    name = file.name
    delimiter = _sniff_delimiter(decoded.sample)
    # The first records are read now, so that a file without a usable header row or with
    # misaligned records is refused before the importer reads anything. A large file's
    # sample may end inside a record: an error there is left for rows() to find.
    whole = decoded.text is not None
    sample = decoded
    if not whole:
        sample = _Decoded(file, decoded.encoding, decoded.stream_codec, decoded.sample,
                          decoded.sample, decoded.size)  # fmt: skip
    leading: list[tuple[int, list[str]]] = []
    found: tuple[int, ColumnMapping] | None = None
    checked = 0
    try:
        for line, cells in _csv_records(sample, delimiter):
            if not any(c.strip() for c in cells):
                continue
            if found is None:
                leading.append((line, [c.strip() for c in cells]))
                found = _header_among(leading, mapping, lambda n: f"{name} line {n}")
                continue
            _check_width(cells, len(found[1].columns), f"{name} line {line}", delimiter)
            checked += 1
            if checked >= _SAMPLE_ROWS:
                break
    except InputRejected:
        if whole or found is None:
            raise
    header_line, resolved = found or _no_header(leading, mapping, lambda n: f"{name} line {n}")
    columns = resolved.columns
    source = ContactSource(file, "csv", decoded.encoding, delimiter, columns, resolved.as_dict())
    source._count_hint = _estimate_records(decoded, lambda t: max(t.count("\n") - 1, 0))

    def rows(src: ContactSource) -> Iterator[IncomingContact]:
        reader = _RecordReader(resolved)
        width = len(columns)
        for line, cells in _csv_records(decoded, delimiter):
            if line <= header_line or not any(c.strip() for c in cells):
                continue  # above the header, or a blank line: layout, not data
            where = f"{name} line {line}"
            contact = reader.contact(_check_width(cells, width, where, delimiter), where)
            if _worth_importing(contact):
                yield contact
            else:
                src.problems.append(_skipped(where, cells))
        src.problems.extend(reader.unused_problems())

    source._rows = rows
    return source


_MAX_TITLE_ROWS = 10


def _header_among(
    leading: list[tuple[int, list[str]]],
    mapping: dict[str, str] | None,
    where: Callable[[int], str],
) -> tuple[int, ColumnMapping] | None:
    """The header row once it is seen: a title row or two above it is common in media lists.

    With a given mapping the header is the first row that has every column it names;
    otherwise the first row whose headers name a name, organisation, phone or e-mail column.
    Raises InputRejected when none of the first rows qualifies.
    """
    line, cells = leading[-1]
    while cells and not cells[-1]:
        cells = cells[:-1]
    if mapping is not None:
        if all(column in cells for column in mapping if column):
            _check_mapping(mapping, cells, where(line))
            return line, ColumnMapping.build(cells, mapping)
    else:
        resolved = ColumnMapping.build(cells, guess_mapping(cells))
        if resolved.identifies:
            return line, resolved
    if len(leading) >= _MAX_TITLE_ROWS:
        _no_header(leading, mapping, where)
    return None


def _no_header(
    leading: list[tuple[int, list[str]]],
    mapping: dict[str, str] | None,
    where: Callable[[int], str],
) -> tuple[int, ColumnMapping]:
    """Refuse a file whose first rows hold no header row (always raises)."""
    if not leading:
        raise _refused(where(1), "file",
                       phrase(QT_TRANSLATE_NOOP("Validation", "It holds no records, only blank lines.")),
                       phrase(QT_TRANSLATE_NOOP("Validation", "Choose the file that holds the contacts.")))  # fmt: skip
    line, cells = leading[0]
    shown = ", ".join(c for c in cells if c)[:200]
    if mapping is not None:
        _check_mapping(mapping, cells, where(line))  # names the missing column
    raise _refused(
        where(line),
        "header",
        phrase(QT_TRANSLATE_NOOP("Validation", "There is no header row naming a name, organisation, phone or e-mail "
               "column (the first row reads: %1)."), shown),
        phrase(QT_TRANSLATE_NOOP("Validation", "Add a header row such as: Name, Organisation, Title, Phone, Mobile, "
               "E-mail (or 姓名, 機構, 職位, 電話, 手提, 電郵), or choose the columns in the "
               "import dialog.")),
        shown,
    )  # fmt: skip


# --- XLSX ----------------------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    """A cell as the text a person sees (a phone stored as a number keeps its digits)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _open_workbook(file: Path) -> Any:
    import openpyxl  # noqa: PLC0415 - only an XLSX import pays for loading it
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

    try:
        return openpyxl.load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise _refused(
            file.name,
            "file",
            phrase(QT_TRANSLATE_NOOP("Validation", "It is not an Excel workbook that can be read (%1)."),
                   f"{type(error).__name__}: {error}"),
            _SAVE_AS_XLSX,
        ) from None  # fmt: skip


_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE, _INLINE, _TEXT, _RUN, _SHEET_DATA = (
    _SHEET_NS + tag for tag in ("row", "c", "v", "is", "t", "r", "sheetData")
)


def _column_number(ref: str) -> int:
    """1 for "A7", 28 for "AB7"."""
    number = 0
    for char in ref:
        if not "A" <= char <= "Z":
            break
        number = number * 26 + ord(char) - 64
    return number


def _sheet_values(
    book: Any, min_row: int, where: str | Callable[[int], str], index: int = 0
) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cell values by column) of a worksheet's rows from ``min_row`` on.

    The values openpyxl's read-only ``iter_rows(values_only=True)`` gives (the same number,
    date and shared-string conversions, from the workbook openpyxl opened), read by our own
    streaming pass: openpyxl builds a rich-text object for every inline string (what
    XlsxWriter's constant-memory mode, and so our export, writes), which made reading a
    cell cost more than validating it. The sheet's XML is cut into blocks of whole rows,
    each read by regular expressions when its cells are written as the usual writers write
    them (:meth:`_CellReader.plain_rows`; 55 -> 35 µs a contact of our export, reading
    included), else parsed at once by the C parser (an event per element cost ~1 µs of
    Python each, ~90 a contact); a sheet laid out otherwise is read event by event.
    Memory does not grow with the sheet; empty rows are not yielded.
    """
    if isinstance(where, str):
        where = _row_label(where, None)
    cells = _CellReader(book)
    number = 0
    sheet = book.worksheets[index]
    try:
        with sheet._get_source() as source:
            sheet_blocks = _row_blocks(source)
            if sheet_blocks is not None:
                try:
                    for block in sheet_blocks.blocks:
                        read = cells.plain_rows(block, number) if sheet_blocks.plain else None
                        if read is None:
                            read = []
                            for row in sheet_blocks.elements(block):
                                number, values = cells.row(row, number, min_row)
                                read.append((number, values))
                        for number, values in read:
                            if values and number >= min_row:
                                yield number, values
                    return
                except ElementTree.ParseError:
                    pass  # read it again event by event, which says where it is wrong
        with sheet._get_source() as source:
            done, number = number, 0
            for row in _rows_by_events(source):
                number, values = cells.row(row, number, min_row)
                if values and number > done:
                    yield number, values
    except (ElementTree.ParseError, zipfile.BadZipFile, KeyError, ValueError, IndexError) as error:
        raise _refused(
            where(number + 1),
            "file",
            phrase(QT_TRANSLATE_NOOP("Validation", "The worksheet cannot be read (%1)."),
                   f"{type(error).__name__}: {error}"),
            _SAVE_AS_XLSX,
        ) from None  # fmt: skip


class _CellReader:
    """Turns a worksheet's ``<row>`` element into its values, as openpyxl reads them."""

    def __init__(self, book: Any) -> None:
        from openpyxl.utils.datetime import from_excel, from_ISO8601  # noqa: PLC0415
        from openpyxl.worksheet._reader import _cast_number  # noqa: PLC0415

        self.strings = book.shared_strings
        self.dates, self.durations, self.epoch = (
            book._date_formats,
            book._timedelta_formats,
            book.epoch,
        )
        self.from_excel, self.from_iso, self.cast_number = from_excel, from_ISO8601, _cast_number
        self.columns: dict[str, int] = {}  # "AB" -> 28

    def row(self, element: Any, previous: int, min_row: int) -> tuple[int, list[Any]]:
        """(its number, its values by column); no values for a row above ``min_row``."""
        row = element.get("r")
        number = int(float(row)) if row else previous + 1
        values: list[Any] = []
        column = 0
        columns = self.columns
        for cell in element.iter(_CELL) if number >= min_row else ():
            ref = cell.get("r")
            if ref:
                letters = ref.rstrip(_DIGITS)
                column = columns.get(letters) or columns.setdefault(
                    letters, _column_number(letters)
                )
            else:
                column += 1
            kind = cell.get("t", "n")
            value: Any = None
            if kind == "inlineStr":
                inline = cell.find(_INLINE)
                if inline is None:
                    pass
                elif len(inline) == 1 and inline[0].tag == _TEXT:  # no runs: the usual
                    value = inline[0].text or ""
                else:
                    runs = (run.findtext(_TEXT) for run in inline.iterfind(_RUN))
                    texts = (inline.findtext(_TEXT), *runs)
                    value = "".join(t for t in texts if t is not None)
            else:
                value = self.value(kind, cell.findtext(_VALUE) or None, cell.get("s"))
            if column > len(values):
                values.extend([None] * (column - len(values)))
            values[column - 1] = value
        return number, values

    def value(self, kind: str, text: str | None, style: str | None) -> Any:
        """A cell's value from the text of its ``<v>``, by its type and style."""
        if text is None:
            return None
        if kind == "n":
            number = self.cast_number(text)
            style_id = int(style or 0)
            if style_id in self.dates:
                try:
                    return self.from_excel(number, self.epoch, timedelta=style_id in self.durations)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return number
        if kind == "s":
            return self.strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return self.from_iso(text)
        return text

    def plain_rows(self, block: bytes, previous: int) -> list[tuple[int, list[Any]]] | None:
        """(number, values) of each row of a block, read by regular expressions; None when
        the block holds anything they do not read exactly as the XML parser would.

        What Excel, LibreOffice, Google Sheets, openpyxl and XlsxWriter write: rows of
        cells ``<c r="B7" s="1" t="...">`` (s and t optional) holding nothing, a ``<v>``,
        a formula and its ``<v>``, or one ``<is><t>``. Anything else -- a cell without
        its reference, rich text, a comment, CDATA, a carriage return (which XML turns
        into a line feed), an unknown entity -- and the caller parses the block as XML
        instead, which also says where a broken sheet is wrong. The same values, without
        an element object per cell and a Python call per attribute (tests: both ways give
        the same rows for every workbook of the tests).
        """
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if "\r" in text or ("&" in text and not _xml_references_known(text)):
            return None
        rows = _PLAIN_ROW.findall(text)
        # Every character in a row that the expression read: nothing it does not know.
        if sum(len(whole) for whole, _, _ in rows) != len(text):
            return None
        try:
            return self._plain_values(rows, previous)
        except (ValueError, KeyError, IndexError, OverflowError):
            return None  # the XML path meets it again, and says at which row

    def _plain_values(
        self, rows: list[tuple[str, str, str]], previous: int
    ) -> list[tuple[int, list[Any]]]:
        read: list[tuple[int, list[Any]]] = []
        columns = self.columns
        for _, attributes, content in rows:
            found = _PLAIN_ROW_NUMBER.search(attributes)
            previous = int(float(found.group(1))) if found else previous + 1
            values: list[Any] = []
            for letters, style, kind, value_text, inline, inline_text in _PLAIN_CELL.findall(
                content
            ):
                column = columns.get(letters) or columns.setdefault(
                    letters, _column_number(letters)
                )
                if kind == "inlineStr":
                    value: Any = _xml_text(inline_text) if inline else None
                else:
                    value = self.value(kind or "n", _xml_text(value_text) or None, style)
                if column > len(values):
                    values.extend([None] * (column - len(values)))
                values[column - 1] = value
            read.append((previous, values))
        return read


# The rows and cells of a sheet as _CellReader.plain_rows reads them: a cell holds nothing,
# a value (after a formula, or not), or one inline text.
_PLAIN_ATTRIBUTES = r'(?:\s+[\w:]+="[^"<]*")*\s*'
_PLAIN_CELL_FORM = (
    r'<c r="([A-Z]{1,3})\d+"(?: s="(\d+)")?(?: t="(\w+)")?'
    r"(?:/>|></c>"
    rf"|>(?:<f\b{_PLAIN_ATTRIBUTES}(?:/>|>[^<]*</f>))?<v>([^<]*)</v></c>"
    r'|>(<is><t(?: xml:space="preserve")?>([^<]*)</t></is>)</c>)'
)
_PLAIN_CELL = re.compile(_PLAIN_CELL_FORM)
# A row: its cells, each read whole or not at all (atomic), so that a row that is not
# read fails in one pass instead of trying every other reading of the cells before.
_PLAIN_ROW = re.compile(
    rf"(\s*<row\b({_PLAIN_ATTRIBUTES})(?:/>|>((?:\s*(?>"
    + re.sub(r"\((?!\?)", "(?:", _PLAIN_CELL_FORM)
    + r"))*+)\s*</row>)\s*)"
)
_PLAIN_ROW_NUMBER = re.compile(r'(?:^|\s)r="([^"]*)"')
_XML_REFERENCE = re.compile(r"&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));")
_XML_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _xml_references_known(text: str) -> bool:
    """True when every ``&`` of the text begins a reference the XML parser replaces with
    a character (a name it knows, or a number of a character XML allows)."""
    references = _XML_REFERENCE.findall(text)
    if len(references) != text.count("&"):
        return False
    try:
        return all(_xml_reference_text(*found) for found in references)
    except (ValueError, OverflowError):
        return False


def _xml_text(text: str) -> str:
    """Character data as the XML parser gives it: its references replaced (all known:
    :func:`_xml_references_known`)."""
    if "&" not in text:
        return text
    return _XML_REFERENCE.sub(lambda found: _xml_reference_text(*found.groups()), text)


def _xml_reference_text(decimal: str | None, hexadecimal: str | None, name: str | None) -> str:
    if name:
        return _XML_NAMED[name]
    code = int(decimal) if decimal else int(hexadecimal or "", 16)
    if not (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0x10FFFF):
        raise ValueError(code)  # not a character XML allows: the parser refuses it
    if 0xFFFE <= code <= 0xFFFF:
        raise ValueError(code)
    return chr(code)


def _rows_by_events(source: Any) -> Iterator[Any]:
    """The sheet's ``<row>`` elements, parsed event by event (any layout of the XML)."""
    sheet_data: Any = None
    for event, element in ElementTree.iterparse(source, events=("start", "end")):
        if event == "start":
            if element.tag == _SHEET_DATA:
                sheet_data = element
            continue
        if element.tag == _ROW:
            yield element
            (sheet_data if sheet_data is not None else element).clear()


_DIGITS = "0123456789"
_SHEET_START = re.compile(rb"<(?:(\w+):)?sheetData\b[^>]*>")
_WORKSHEET_START = re.compile(rb"<((?:\w+:)?worksheet)\b[^>]*>")
_SHEET_BLOCK = 1 << 20  # bytes of rows parsed at once
_SHEET_HEAD_LIMIT = 16 << 20  # where <sheetData> must have begun (column widths, panes...)


def _row_blocks(source: Any) -> _SheetBlocks | None:
    """The sheet's ``<row>`` elements, in blocks of whole rows (~1 MiB each).

    None when the sheet is not laid out as Excel, LibreOffice, Google Sheets, openpyxl
    and XlsxWriter write it (UTF-8, ``<worksheet ...>`` then ``<sheetData>`` within the
    first 16 MiB): the caller reads it event by event instead.
    """
    head = source.read(_SHEET_BLOCK)
    while _SHEET_START.search(head) is None and len(head) < _SHEET_HEAD_LIMIT:
        chunk = source.read(_SHEET_BLOCK)
        if not chunk:
            break
        head += chunk
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16: not cut into blocks
    worksheet = _WORKSHEET_START.search(head)
    sheet = _SHEET_START.search(head, worksheet.end()) if worksheet else None
    if worksheet is None or sheet is None or sheet.group(0).endswith(b"/>"):
        return None
    prefix = sheet.group(1) + b":" if sheet.group(1) else b""
    opening = head[: worksheet.end()] + b"<" + prefix + b"sheetData>"
    closing = b"</" + prefix + b"sheetData></" + worksheet.group(1) + b">"
    row_end, sheet_end = b"</" + prefix + b"row>", b"</" + prefix + b"sheetData>"

    def blocks() -> Iterator[bytes]:
        pending, more = head[sheet.end() :], True
        while pending or more:
            if more and len(pending) < _SHEET_BLOCK:
                chunk = source.read(_SHEET_BLOCK)
                more = bool(chunk)
                pending += chunk
                if more:
                    continue
            stop = pending.find(sheet_end)
            if stop >= 0:
                block, pending, more = pending[:stop], b"", False
            else:
                cut = pending.rfind(row_end)
                if cut < 0:
                    if not more:
                        raise ElementTree.ParseError("the worksheet ends inside a row")
                    chunk = source.read(_SHEET_BLOCK)
                    more = bool(chunk)
                    pending += chunk
                    continue
                cut += len(row_end)
                block, pending = pending[:cut], pending[cut:]
            yield block

    return _SheetBlocks(blocks(), opening, closing, plain=not prefix)


class _SheetBlocks(NamedTuple):
    """A sheet's rows as blocks of whole ``<row>`` elements (bytes), and what makes a
    block a document of its own for the XML parser."""

    blocks: Iterator[bytes]
    opening: bytes
    closing: bytes
    plain: bool  # the sheet's elements have no namespace prefix

    def elements(self, block: bytes) -> list[Any]:
        """The block's ``<row>`` elements, parsed at once by the C parser."""
        return list(ElementTree.fromstring(self.opening + block + self.closing).iter(_ROW))


class _SheetHeader(NamedTuple):
    """A worksheet to import: its index, header row, columns and how its rows are named."""

    sheet: int
    row: int
    mapping: ColumnMapping
    where: Callable[[int], str]
    max_row: int | None


def _row_label(name: str, sheet: str | None) -> Callable[[int], str]:
    """How a row is named in problems: "list.xlsx row 4", or with its sheet when there are
    several ("list.xlsx [電視台] row 4")."""
    if sheet is None:
        return lambda number: f"{name} row {number}"
    return lambda number: f"{name} [{sheet}] row {number}"


def _sheet_header(
    sheet: Any, mapping: dict[str, str] | None, where: Callable[[int], str]
) -> tuple[list[tuple[int, list[str]]], tuple[int, ColumnMapping] | None]:
    """A sheet's first non-empty rows up to its header row, and the header (None if none).

    Every sheet of a workbook with a header row is imported: a press office keeps one
    sheet per kind of outlet (報章, 電視台, 網媒), or a cover sheet of instructions first.
    """
    leading: list[tuple[int, list[str]]] = []
    rows = sheet.iter_rows(min_row=1, values_only=True)
    for number, values in enumerate(rows, start=1):
        cells = [_cell_text(v).strip() for v in values]
        if not any(cells):
            continue
        leading.append((number, cells))
        try:
            header = _header_among(leading, mapping, where)
        except InputRejected:
            return leading, None
        if header is not None:
            break
    else:
        return leading, None
    if mapping is None:
        # A two-row header: 「電話」 merged over 「辦公室 | 手提」 in the row below it.
        below = next(rows, None)
        cells = [_cell_text(v).strip() for v in below] if below is not None else []
        combined = _two_row_header(header[1].columns, cells)
        if combined is not None:
            return leading, (header[0] + 1, combined)
    return leading, header


# Words a sub-header cell under 「電話」 may hold: which kind of number the column has.
_SUB_HEADER_WORDS = frozenset(word for words, _ in _PHONE_TYPE_WORDS for word in words) | {
    "辦公室",
    "直線",
    "office",
    "direct",
    "手提電話",
    "流動電話",
    "whatsapp",
}


def _two_row_header(top: Sequence[str], below: Sequence[str]) -> ColumnMapping | None:
    """The header of a sheet whose header spans two rows, or None when ``below`` is data.

    A cell merged across columns in the top row is read in each column it spans (openpyxl
    gives it to the first and leaves the rest empty). ``below`` is a sub-header only when
    every cell in it is a header or a kind of number, and it names a column the top row
    left unnamed or tells two columns of one field apart.
    """
    words = [cell for cell in below if cell]
    if not words or any(not _sub_header_word(cell) for cell in words):
        return None
    columns: list[str] = []
    spanning = ""
    for index in range(max(len(top), len(below))):
        head = top[index] if index < len(top) else ""
        sub = below[index] if index < len(below) else ""
        spanning = head or spanning
        if not sub or _header_key(sub) == _header_key(spanning):
            columns.append(head or sub)
            continue
        top_field = _field_of(_header_key(spanning)).partition(":")[0] if spanning else "ignore"
        sub_field = _field_of(_header_key(sub))
        if top_field != "ignore" and (sub_field == "ignore" or sub_field.startswith(top_field)):
            columns.append(f"{spanning} ({sub})")  # 「電話 (手提)」: a phone column, mobiles
        else:
            columns.append(sub)  # a column the sub-header alone names
    resolved = ColumnMapping.build(columns, guess_mapping(columns))
    return resolved if resolved.identifies else None


def _sub_header_word(cell: str) -> bool:
    key = _header_key(cell)
    return key in _SUB_HEADER_WORDS or _field_of(key) != "ignore"


def _open_xlsx(file: Path, head: bytes, mapping: dict[str, str] | None) -> ContactSource:
    name = file.name
    if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise _refused(
            name,
            "file",
            phrase(QT_TRANSLATE_NOOP("Validation", "It is named like an Excel workbook but is not one (an .xlsx file "
                   "is a ZIP archive, and this is not).")),
            phrase(QT_TRANSLATE_NOOP("Validation", "Open it in Excel and save it again as .xlsx, or export it as "
                   "CSV UTF-8.")),
        )  # fmt: skip
    workbook = _open_workbook(file)
    try:
        several = len(workbook.worksheets) > 1
        found: list[_SheetHeader] = []
        headless: list[tuple[str, list[tuple[int, list[str]]], Callable[[int], str]]] = []
        for index, sheet in enumerate(workbook.worksheets):
            where_in = _row_label(name, sheet.title if several else None)
            leading, header = _sheet_header(sheet, mapping, where_in)
            if header is not None:
                found.append(_SheetHeader(index, header[0], header[1], where_in, sheet.max_row))
            elif leading:
                headless.append((sheet.title, leading, where_in))
    finally:
        workbook.close()
    if not found:
        # Refused as the first sheet with anything in it says (a workbook of one sheet, as
        # always); _no_header names the first row, or the column a given mapping lacks.
        _, leading, where_in = headless[0] if headless else ("", [], _row_label(name, None))
        _no_header(leading, mapping, where_in)
    first = found[0]
    source = ContactSource(file, "xlsx", None, None, first.mapping.columns, first.mapping.as_dict())
    for title, leading, where_in in headless:
        source.problems.append(
            _problem(
                Severity.WARNING, where_in(leading[0][0]), "sheet", title,
                phrase(QT_TRANSLATE_NOOP("Validation", "The sheet %1 was not imported: none of its first rows "
                       "names a name, organisation, phone or e-mail column."), repr(title)),
                suggestion=phrase(QT_TRANSLATE_NOOP("Validation", "Add such a header row to the sheet, or save the sheet "
                       "as CSV and import it.")),
            )
        )  # fmt: skip
    rows_left = [max((h.max_row or 0) - h.row, 0) for h in found]
    source._count_hint = sum(rows_left) if all(h.max_row for h in found) else None

    def rows(src: ContactSource) -> Iterator[IncomingContact]:
        book = _open_workbook(file)
        try:
            for sheet_header in found:
                reader = _RecordReader(sheet_header.mapping)
                values_of = _sheet_values(
                    book, sheet_header.row + 1, sheet_header.where, sheet_header.sheet
                )
                for number, values in values_of:
                    cells = [_cell_text(v) for v in values]
                    if not any(c.strip() for c in cells):
                        continue
                    where = sheet_header.where(number)
                    contact = reader.contact(cells, where)
                    if _worth_importing(contact):
                        yield contact
                    else:
                        src.problems.append(_skipped(where, cells))
                src.problems.extend(reader.unused_problems())
        finally:
            book.close()

    source._rows = rows
    return source


# --- vCard ---------------------------------------------------------------------------------

_BEGIN = re.compile(r"\A\s*BEGIN\s*:\s*VCARD\s*\Z", re.IGNORECASE)
_END = re.compile(r"\A\s*END\s*:\s*VCARD\s*\Z", re.IGNORECASE)
_MARKER_STARTS = frozenset("BbEe")
_KEPT = frozenset(
    {"VERSION", "FN", "N", "NICKNAME", "ORG", "TITLE", "TEL", "EMAIL", "NOTE", "CATEGORIES",
     "UID", "X-PHONETIC-FIRST-NAME", "X-PHONETIC-MIDDLE-NAME", "X-PHONETIC-LAST-NAME",
     "X-ABLABEL", "X-PRESSDESK-KIND", "KIND", "X-ABSHOWAS"}
)  # fmt: skip
# How a card says it is an organisation's, not a person's: vCard 4.0, and Apple's Contacts.
_COMPANY_CARD = frozenset({("KIND", "org"), ("X-ABSHOWAS", "company")})
_CHARSET_ALIASES = {"big5": "big5hkscs", "gb2312": "gb18030", "gbk": "gb18030"}
_FALLBACK_CHARSETS = ("utf-8", "big5hkscs", "cp950", "gb18030", "cp1252")
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")


def _looks_like_vcard(sample: str) -> bool:
    return any(_BEGIN.match(line) for line in sample.lstrip("\ufeff").split("\n", 20)[:20])


@dataclass(slots=True)
class _Property:
    """One logical vCard line: group, name, parameters and the raw (still escaped) value."""

    group: str
    name: str
    params: dict[str, list[str]]
    value: str
    line: int

    @property
    def types(self) -> set[str]:
        return {t.upper() for t in self.params.get("TYPE", [])}

    @property
    def language(self) -> str:
        return (self.params.get("LANGUAGE") or [""])[0].lower()


def _split_unescaped(value: str, sep: str) -> list[str]:
    """Split on ``sep`` where it is not escaped with a backslash."""
    if "\\" not in value:
        return value.split(sep)  # nothing escaped (most values): the same pieces
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for char in value:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    if escaped:
        current.append("\\")
    parts.append("".join(current))
    return parts


_UNESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}


def _unescape(value: str) -> str:
    """RFC 6350/2426 text unescaping; an unknown escape keeps its backslash (2.1 leniency)."""
    if "\\" not in value:
        return value
    out: list[str] = []
    i = 0
    while i < len(value):
        char = value[i]
        if char == "\\" and i + 1 < len(value) and value[i + 1] in _UNESCAPES:
            out.append(_UNESCAPES[value[i + 1]])
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _parse_params(text: str) -> dict[str, list[str]]:
    """``;TYPE=WORK,VOICE;CELL;TYPE="cell,voice";CHARSET=UTF-8`` -> {"TYPE": [...], ...}.

    Called once per distinct property head (see :func:`_property_head`, which caches).
    """
    params: dict[str, list[str]] = {}
    for raw in _split_params(text):
        if not raw:
            continue
        key, eq, value = raw.partition("=")
        key = key.strip().upper()
        if not eq:
            # vCard 2.1 writes bare parameters: TEL;CELL;VOICE, EMAIL;INTERNET, ;QUOTED-PRINTABLE.
            if key in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"):
                params.setdefault("ENCODING", []).append(key)
            else:
                params.setdefault("TYPE", []).append(key)
            continue
        values = [v.strip().strip('"') for v in value.strip().strip('"').split(",")]
        params.setdefault(key, []).extend(v for v in values if v)
    return params


def _split_params(text: str) -> list[str]:
    if '"' not in text:
        return text.split(";")
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
            current.append(char)
        elif char == ";" and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _split_property(line: str) -> tuple[str, str] | None:
    """(name and parameters, value) of a logical line; None when it has no colon."""
    colon = line.find(":")
    if colon < 0:
        return None
    if line.find('"', 0, colon) < 0:
        return line[:colon], line[colon + 1 :]  # no quoted parameter before the colon
    quoted = False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:i], line[i + 1 :]
    return None


def _is_quoted_printable(head: str) -> bool:
    return "QUOTED-PRINTABLE" in head.upper()


def _logical_lines(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Unfold continuation lines and QUOTED-PRINTABLE soft line breaks."""
    current: str | None = None
    start = 0
    qp = False
    for number, line in lines:
        if current is not None and qp and current.endswith("="):
            current = current[:-1] + line  # a soft line break joins the lines exactly
            continue
        if current is not None and line[:1] in (" ", "\t"):
            current += line[1:]
            continue
        if current is not None:
            yield start, current
        current, start = line, number
        # Most lines say nothing of QUOTED-PRINTABLE: only those need their head split.
        qp = "QUOTED-PRINTABLE" in line.upper()
        if qp:
            head = _split_property(line)
            qp = head is not None and _is_quoted_printable(head[0])
    if current is not None:
        yield start, current


def _decode_qp(value: str, charset: str | None) -> str | None:
    """Decode a QUOTED-PRINTABLE value in its CHARSET, else the first charset that fits.

    Phones label UTF-8 text as CHARSET=UTF-8 or write Big5 bytes labelled Big5; a wrong
    label is common enough that a charset that decodes strictly is taken. None when none does.
    """
    data = quopri.decodestring(value.encode("ascii", errors="replace"))
    tried: list[str] = []
    if charset:
        declared = charset.lower()
        tried.append(_CHARSET_ALIASES.get(declared, declared))
    tried.extend(c for c in _FALLBACK_CHARSETS if c not in tried)
    for codec in tried:
        try:
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
    return None


def _vcard_property(number: int, line: str, where: str) -> _Property | None:
    split = _split_property(line)
    if split is None:
        return None
    head, value = split
    parsed = _property_head(head)
    if parsed is None:
        return None
    group, name, params, encoding, charset = parsed
    if "QUOTED-PRINTABLE" in encoding:
        decoded = _decode_qp(value, charset)
        if decoded is None:
            raise _refused(
                where,
                name.lower(),
                phrase(QT_TRANSLATE_NOOP("Validation", "Line %1: a QUOTED-PRINTABLE value is not valid text in "
                       "CHARSET=%2."), str(number), charset or "?"),
                phrase(QT_TRANSLATE_NOOP("Validation", "Export the contacts again from the phone or mail program "
                       "(as vCard 3.0, UTF-8).")),
                value[:200],
            )  # fmt: skip
        # A decoded line break is the value's own newline: escape it the way 3.0 writes it.
        value = decoded.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    elif encoding & {"BASE64", "B"}:
        return None  # a binary value (a photo, a sound); nothing we keep is binary
    return _Property(group, name, params, value, number)


@functools.lru_cache(maxsize=4096)
def _property_head(
    head: str,
) -> tuple[str, str, dict[str, list[str]], frozenset[str], str | None] | None:
    """(group, name, parameters, encodings, charset) of ``item1.TEL;TYPE=CELL``, or None
    for a property we do not keep.

    A file repeats the same few heads on every card: each is parsed once. The parameters
    are shared by the properties of the same head, and never changed.
    """
    name_part, _, param_text = head.partition(";")
    group, _, name = name_part.strip().rpartition(".")
    name = name.upper()
    if name not in _KEPT:
        return None
    params = _parse_params(param_text)
    encoding = frozenset(e.upper() for e in params.pop("ENCODING", []))
    charsets = params.pop("CHARSET", None)
    return group.upper(), name, params, encoding, charsets[0] if charsets else None


def _vcard_cards(decoded: _Decoded) -> Iterator[tuple[int, int, list[_Property]]]:
    """(card number, starting line, properties) of every card, refusing a broken structure."""
    name = decoded.file.name
    card: list[_Property] | None = None
    card_number = 0
    card_line = 0
    with decoded.open() as stream:
        numbered = _numbered_lines(stream, decoded)
        for number, line in _logical_lines(numbered):
            # Only BEGIN:VCARD and END:VCARD lines start with B or E, but EMAIL lines too:
            # the patterns run on those alone (~0.6 µs a line of the others).
            marker = line[:1] in _MARKER_STARTS or line[:1].isspace()
            if marker and _BEGIN.match(line):
                if card is not None:
                    raise _no_end(name, card_number, card_line, number)
                card, card_number, card_line = [], card_number + 1, number
                continue
            if marker and _END.match(line):
                if card is None:
                    raise _refused(
                        f"{name} line {number}",
                        "file",
                        phrase(QT_TRANSLATE_NOOP("Validation", "END:VCARD without a BEGIN:VCARD before it.")),
                        phrase(QT_TRANSLATE_NOOP("Validation", "The file is damaged or was edited by hand: "
                               "export it again.")),
                        line,
                    )  # fmt: skip
                yield card_number, card_line, card
                card = None
                continue
            if card is None:
                if line.strip():
                    raise _refused(
                        f"{name} line {number}",
                        "file",
                        phrase(QT_TRANSLATE_NOOP("Validation", "Text outside a card (every card starts with "
                               "BEGIN:VCARD and ends with END:VCARD).")),
                        phrase(QT_TRANSLATE_NOOP("Validation", "Delete the stray text, or export the contacts "
                               "again.")),
                        line[:200],
                    )  # fmt: skip
                continue
            prop = _vcard_property(number, line, f"{name} card {card_number}")
            if prop is not None:
                card.append(prop)
    if card is not None:
        raise _no_end(name, card_number, card_line, None)


def _numbered_lines(stream: TextIO, decoded: _Decoded) -> Iterator[tuple[int, str]]:
    number = 0
    try:
        for number, raw in enumerate(stream, start=1):
            yield number, raw.rstrip("\r\n").lstrip("\ufeff")
    except UnicodeDecodeError:
        raise _decode_error(decoded.file.name, number + 1, decoded.encoding) from None


def _no_end(name: str, card: int, line: int, next_line: int | None) -> InputRejected:
    where = f"{name} card {card}"
    message = (
        phrase(
            QT_TRANSLATE_NOOP(
                "Validation",
                "The card starting at line %1 has no END:VCARD before the next "
                "BEGIN:VCARD at line %2 (the file may be cut short).",
            ),
            str(line),
            str(next_line),
        )
        if next_line
        else phrase(
            QT_TRANSLATE_NOOP(
                "Validation",
                "The card starting at line %1 has no END:VCARD at the end "
                "(the file may be cut short).",
            ),
            str(line),
        )
    )
    return _refused(
        where,
        "file",
        message,
        phrase(QT_TRANSLATE_NOOP("Validation", "Export the contacts again, or add the missing END:VCARD line.")),
        f"BEGIN:VCARD (line {line})",
    )  # fmt: skip


_VCARD_PHONE_TYPES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"FAX"}), "fax"),
    (frozenset({"CELL", "MOBILE", "IPHONE"}), "mobile"),
    (frozenset({"X-TEAM"}), "team"),
    (frozenset({"HOME"}), "home"),
    (frozenset({"WORK", "MAIN"}), "work"),
    (frozenset({"X-OTHER", "OTHER", "PAGER"}), "other"),
)
_VCARD_EMAIL_TYPES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"X-TEAM"}), "team"),
    (frozenset({"HOME"}), "personal"),
    (frozenset({"WORK"}), "work"),
    (frozenset({"X-OTHER", "OTHER"}), "other"),
)


def _vcard_type(
    types: set[str], table: tuple[tuple[frozenset[str], str], ...], label: str, words: Any
) -> str:
    for names, kind in table:
        if types & names:
            return kind
    return _type_from_words(label, words) if label else ""


def _slot_for(prop: _Property, text: str) -> str:
    language = prop.language
    if language.startswith("zh") or language.startswith("yue"):
        return "zh"
    if language:
        return "en"
    return "zh" if has_han(text) else "en"


def _compose_n(value: str) -> str:
    parts = [_unescape(p).strip() for p in _split_unescaped(value, ";")]
    parts += [""] * (5 - len(parts))
    family, given, middle = parts[0], parts[1], parts[2]
    return _join_name(given, middle, family)


def _card_contact(name: str, number: int, props: list[_Property]) -> IncomingContact:
    where = f"{name} card {number}"
    contact = IncomingContact(where=where)
    labels = {p.group: p.value for p in props if p.name == "X-ABLABEL" and p.group}
    full_names: list[tuple[_Property, str]] = []
    structured = ""
    nicknames: list[tuple[_Property, str]] = []
    phonetic: dict[str, str] = {}
    for prop in props:
        kind = prop.name
        if kind == "FN":
            full_names.append((prop, _unescape(prop.value).strip()))
        elif kind == "N" and not structured:
            structured = _compose_n(prop.value)
        elif kind == "NICKNAME":
            nicknames.extend(
                (prop, _unescape(v).strip()) for v in _split_unescaped(prop.value, ",")
            )
        elif kind.startswith("X-PHONETIC-"):
            phonetic[kind] = _unescape(prop.value).strip()
        elif kind in ("ORG", "TITLE"):
            text = _unescape(_split_unescaped(prop.value, ";")[0]).strip()
            attr = "organization" if kind == "ORG" else "title"
            slot = f"{attr}_{_slot_for(prop, text)}"
            if text and not getattr(contact, slot):
                setattr(contact, slot, text)
        elif kind == "TEL":
            _card_phone(contact, prop, labels)
        elif kind == "EMAIL":
            text = _unescape(prop.value).strip().removeprefix("mailto:")
            if text:
                label = _apple_label(labels.get(prop.group, ""))
                email_type = _vcard_type(prop.types, _VCARD_EMAIL_TYPES, label, _EMAIL_TYPE_WORDS)
                contact.emails.append(IncomingValue(text, email_type, _label(prop, label)))
        elif kind == "NOTE":
            _add(contact, "notes", _unescape(prop.value).strip(), "\n")
        elif kind == "CATEGORIES":
            for piece in _split_unescaped(prop.value, ","):
                tag = _unescape(piece).strip()
                if tag and tag not in contact.tags:
                    contact.tags.append(tag)
        elif kind == "UID":
            contact.uid = _unescape(prop.value).strip() or None
        elif kind == "X-PRESSDESK-KIND" and prop.value.strip().lower() == "mailbox":
            contact.kind = "mailbox"
        elif (kind, prop.value.strip().lower()) in _COMPANY_CARD:
            contact.kind = "mailbox"  # an organisation's own card: its desk, not a person
    _card_names(contact, full_names, structured, nicknames)
    if not (contact.name_zh or contact.name_en) and (
        contact.organization_zh or contact.organization_en
    ):
        contact.kind = "mailbox"  # a card naming only its organisation
    romanised = " ".join(
        phonetic.get(k, "")
        for k in ("X-PHONETIC-LAST-NAME", "X-PHONETIC-FIRST-NAME", "X-PHONETIC-MIDDLE-NAME")
    ).split()
    if romanised:
        contact.romanisation = " ".join(romanised)
    _honorific_apart(contact)
    return contact


def _card_phone(contact: IncomingContact, prop: _Property, labels: dict[str, str]) -> None:
    text = _unescape(prop.value).strip()
    if text.lower().startswith("tel:"):
        text = text[4:]  # a 4.0 tel: URI; ";ext=" stays for the importer to read
    if not text:
        return
    label = _apple_label(labels.get(prop.group, ""))
    phone_type = _vcard_type(prop.types, _VCARD_PHONE_TYPES, label, _PHONE_TYPE_WORDS)
    contact.phones.append(IncomingValue(text, phone_type, _label(prop, label)))


def _apple_label(label: str) -> str:
    """Apple writes its standard labels as ``_$!<Mobile>!$_``; a custom one as typed."""
    match = _APPLE_LABEL.fullmatch(label.strip())
    return match.group(1) if match else _unescape(label.strip())


def _label(prop: _Property, label: str) -> str:
    types = ",".join(prop.params.get("TYPE", []))
    text = f"{prop.name};TYPE={types}" if types else prop.name
    return f"{text} ({label})" if label else text


def _card_names(
    contact: IncomingContact,
    full_names: list[tuple[_Property, str]],
    structured: str,
    nicknames: list[tuple[_Property, str]],
) -> None:
    """Put the card's names into name_zh / name_en by LANGUAGE, else by script.

    FN is the name; a NICKNAME in the other script is the other name (that is where our
    export puts it). A card with no N whose FN only repeats its organisation or an address
    is a company or mailbox card and has no person's name.
    """
    not_names = {
        v.casefold()
        for v in (
            contact.organization_zh,
            contact.organization_en,
            *(e.text for e in contact.emails),
        )
        if v
    }
    candidates = [(p, t) for p, t in full_names if t]
    if not candidates and structured:
        candidates = [(_Property("", "N", {}, structured, 0), structured)]
    if not structured and candidates and all(t.casefold() in not_names for _, t in candidates):
        candidates = []
    for prop, text in candidates:
        slot = f"name_{_slot_for(prop, text)}"
        if not getattr(contact, slot):
            setattr(contact, slot, text)
    for prop, text in nicknames:
        if not text:
            continue
        slot = f"name_{_slot_for(prop, text)}"
        if not getattr(contact, slot):
            setattr(contact, slot, text)
        elif text not in (contact.name_zh, contact.name_en):
            _add(contact, "notes", f"Nickname: {text}", "\n")


def _open_vcard(file: Path, decoded: _Decoded) -> ContactSource:
    name = file.name
    if not _looks_like_vcard(decoded.sample):
        first = next((line for line in decoded.sample.split("\n") if line.strip()), "")
        raise _refused(
            f"{name} line 1",
            "file",
            phrase(QT_TRANSLATE_NOOP("Validation", "It is named as a vCard file but has no BEGIN:VCARD line: it is "
                   "not a vCard.")),
            phrase(QT_TRANSLATE_NOOP("Validation", "Export the contacts from the phone or mail program as vCard "
                   "(.vcf) again, or rename the file if it is really a CSV.")),
            first[:200],
        )  # fmt: skip
    source = ContactSource(file, "vcard", decoded.encoding, None, [], {})
    source._count_hint = _estimate_records(decoded, lambda t: t.upper().count("BEGIN:VCARD"))

    def rows(src: ContactSource) -> Iterator[IncomingContact]:
        for number, _line, props in _vcard_cards(decoded):
            contact = _card_contact(name, number, props)
            if _worth_importing(contact):
                yield contact
            else:
                cells = [p.value for p in props if p.name != "VERSION"]
                src.problems.append(_skipped(contact.where, cells))

    source._rows = rows
    return source
