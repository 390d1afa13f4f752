"""Property-based tests: whatever people paste or import gives a result or a clear refusal.

For phone and e-mail checks, the release parser, the text decoder and the contact-file
reader, any input ends in a normal result or in ``services.problems.InputRejected`` (the
user-facing error), never in another exception. Inputs are drawn both at random and from
shapes close to real ones (phone-like characters, address-like strings, mutated copies of
the seed release, CSV and vCard files in the encodings people send).

Bounded for CI: a fixed number of examples per test, no deadline, and a derandomised
search (the same examples on every run) with no example database.
"""

from __future__ import annotations

import codecs
import importlib
import importlib.util
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.emails import EmailCheck, check_email
from services.phones import PhoneCheck, check_phone
from services.problems import InputRejected, Problem
from services.release_parser import ParsedRelease, parse_release
from services.text_files import DecodedText, decode_text
from tests.conftest import SEED_RELEASE

BOUNDED = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
E164 = re.compile(r"\+[1-9]\d{6,14}")
REGIONS = ["HK", "MO", "CN", "TW", "SG", "GB", "US", "AU", "JP"]
SEED_TEXT = SEED_RELEASE.read_text(encoding="utf-8")
SEED_LINES = SEED_TEXT.splitlines()

# --- phones ------------------------------------------------------------------------------

_PHONE_PIECES = [
    *"0123456789",
    *"+-()./,;#*xX ",
    "\t",
    "\n",
    "\u3000",
    "\u200b",
    "＋",
    "８",
    "５",
    "２",
    "／",
    "或",
    "or",
    "ext",
    "ext.",
    "轉",
    "內線",
    "Tel:",
    "電話：",
    "手提",
    "Mobile",
    "黃小姐",
    "852",
    "+852",
    "+86",
    "00852",
]
phone_like = st.lists(st.sampled_from(_PHONE_PIECES), max_size=30).map("".join)
hk_numbers = st.builds(
    lambda first, rest, sep, prefix: f"{prefix}{first}{rest[:3]}{sep}{rest[3:]}",
    st.sampled_from("235679"),
    st.text(alphabet="0123456789", min_size=7, max_size=9),
    st.sampled_from(["", " ", "-", "　"]),
    st.sampled_from(["", "+852 ", "(852) ", "852-", "＋８５２ "]),
)
numbers_in_a_field = st.lists(hk_numbers, min_size=1, max_size=4).flatmap(
    lambda numbers: st.sampled_from([" / ", ", ", "; ", " 或 ", " or ", "／"]).map(
        lambda sep: sep.join(numbers)
    )
)


@BOUNDED
@given(
    text=st.one_of(phone_like, hk_numbers, numbers_in_a_field, st.text(max_size=80)),
    region=st.sampled_from(REGIONS),
)
def test_any_phone_field_gives_a_check(text: str, region: str) -> None:
    check = check_phone(text, region)
    assert isinstance(check, PhoneCheck)
    assert all(isinstance(p, Problem) for p in check.problems)
    for number in check.numbers:
        if number.valid:
            assert number.e164 is not None and E164.fullmatch(number.e164), number
    if not check.valid:
        assert any(p.severity == "error" for p in check.problems)


# --- e-mail ------------------------------------------------------------------------------

_LOCAL = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._-+'", min_size=1, max_size=15)
_LABEL = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=10)
address_like = st.builds(
    lambda before, local, at, labels, dot, tld, after: (
        f"{before}{local}{at}{'.'.join(labels)}{dot}{tld}{after}"
    ),
    st.sampled_from(["", "", "", " ", "mailto:", "<", "June Wong <", "電郵：", "\u200b"]),
    _LOCAL,
    st.sampled_from(["@", "@", "@", "＠", "@@", "", " @ "]),
    st.lists(_LABEL, min_size=1, max_size=3),
    st.sampled_from([".", ".", ".", "．", "。", ". "]),
    st.sampled_from(["com", "com.hk", "hk", "org", "con", "gov.hk", "ｃｏｍ", "c"]),
    st.sampled_from(["", "", "", ">", "/", ".", ",", " ", ";", "\n"]),
)

clean_address = st.builds(
    lambda local, labels, tld: f"{local}@{'.'.join(labels)}.{tld}",
    _LOCAL,
    st.lists(_LABEL, min_size=1, max_size=3),
    st.sampled_from(["com", "com.hk", "hk", "org", "gov.hk", "xn--j6w193g"]),
)


@BOUNDED
@given(text=st.one_of(clean_address, address_like, st.text(max_size=80)))
def test_any_email_field_gives_a_check(text: str) -> None:
    check = check_email(text)
    assert isinstance(check, EmailCheck)
    if check.valid:
        assert check.normalized is not None and "@" in check.normalized
        again = check_email(check.normalized)  # what was stored is accepted as it is
        assert again.valid and again.normalized == check.normalized
    else:
        assert check.normalized is None
        assert any(p.severity == "error" for p in check.problems)


# --- releases ------------------------------------------------------------------------------


@st.composite
def mutated_release(draw: st.DrawFn) -> str:
    """The seed release with lines dropped, repeated, cut, swapped or spliced with noise."""
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        if not lines:
            break
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "cut", "noise", "swap", "blank"]))
        if action == "drop":
            del lines[index]
        elif action == "repeat":
            lines.insert(index, lines[index])
        elif action == "cut":
            line = lines[index]
            lines[index] = line[: draw(st.integers(min_value=0, max_value=max(len(line), 0)))]
        elif action == "noise":
            lines.insert(index, draw(st.text(max_size=60)))
        elif action == "swap":
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            lines[index] = ""
    return "\n".join(lines)


release_pieces = st.lists(
    st.sampled_from(
        [
            "香港 – 2023年12月1日",
            "HONG KONG, 1 December 2023 –",
            "（2023年12月1日）",
            "傳媒查詢",
            "Media enquiries:",
            "For media enquiries, please contact:",
            "黃嘉琪 June Wong",
            "愛德曼國際公關公司",
            "電話：+852 9123 4567 / 2629 2329",
            "Tel: (852) 6986 5822",
            "電郵：june.wong@edelman.com",
            "Email: june.wong@edelman.com/",
            "關於香港科技園公司",
            "About Hong Kong Science and Technology Parks Corporation",
            "香港科技園公司行政總裁黃克強表示：「我們很高興。」",
            '"We are delighted," said Albert Wong, CEO of HKSTP.',
            "###",
            "– 完 –",
            "",
            "- Ends -",
            '{"not": "a release"}',
        ]
    ),
    max_size=25,
).map("\n".join)


@BOUNDED
@given(text=st.one_of(mutated_release(), release_pieces, st.text(max_size=600)))
def test_any_release_text_parses_or_is_refused(text: str) -> None:
    try:
        parsed = parse_release(text, source="release.txt")
    except InputRejected as exc:
        assert exc.message
        return
    assert isinstance(parsed, ParsedRelease)


# --- text files ------------------------------------------------------------------------------

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "big5hkscs", "gb18030", "cp1252"]


@BOUNDED
@given(
    data=st.one_of(
        st.binary(max_size=600),
        st.builds(
            lambda text, encoding: text.encode(encoding, errors="replace"),
            st.text(max_size=300),
            st.sampled_from(ENCODINGS),
        ),
        st.builds(
            lambda cut: SEED_TEXT.encode("big5hkscs", errors="replace")[:cut], st.integers(0, 3000)
        ),
    )
)
def test_any_bytes_decode_or_are_refused(data: bytes) -> None:
    try:
        decoded = decode_text(data, source="release.txt")
    except InputRejected as exc:
        assert exc.message.startswith("release.txt")
        return
    assert isinstance(decoded, DecodedText)
    assert "\r" not in decoded.text
    assert decoded.text.strip()
    codecs.lookup(decoded.encoding)  # a codec Python knows


_PRINTABLE = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff"
    ),
    min_size=1,
    max_size=200,
).filter(lambda text: text.strip() != "")


@BOUNDED
@given(text=_PRINTABLE)
def test_utf8_text_decodes_to_itself(text: str) -> None:
    assert decode_text(text.encode("utf-8"), source="x.txt").text == text


# --- contact files -----------------------------------------------------------------------------

_contact_files = (
    importlib.import_module("services.contact_files")
    if importlib.util.find_spec("services.contact_files") is not None
    else None
)
open_contact_file = getattr(_contact_files, "open_contact_file", None)
needs_contact_files = pytest.mark.skipif(
    open_contact_file is None,
    reason="services.contact_files.open_contact_file (another engineer's module) is not there yet",
)

_CELLS = [
    "黃嘉琪",
    "June Wong",
    "Wong, June",
    '"quoted, with comma"',
    '"multi\nline"',
    "+852 9123 4567",
    "9123 4567 / 2629 2329",
    "june.wong@edelman.com",
    "june.wong@edelman.com/",
    "愛德曼",
    '=HYPERLINK("x")',
    "'+85291234567",
    "",
    " ",
    '"',
    "a\tb",
    "Ms",
    "高級客戶經理",
    "yes",
]
_HEADERS = [
    "Name",
    "姓名",
    "Name (English)",
    "First Name",
    "Last Name",
    "Organization",
    "機構",
    "Phone",
    "Mobile Phone",
    "電話",
    "E-mail",
    "E-mail Address",
    "電郵",
    "Title",
    "Tags",
    "Notes",
    "Opt out",
    "Unknown column",
    "",
]


@st.composite
def csv_text(draw: st.DrawFn) -> str:
    header = draw(st.lists(st.sampled_from(_HEADERS), min_size=1, max_size=7))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    cell = st.one_of(st.sampled_from(_CELLS), st.text(max_size=15))
    # Mostly as wide as the header (ragged rows are refused at once, which is tested too).
    width = st.sampled_from([len(header)] * 4 + [0, len(header) - 1, len(header) + 1])
    rows = draw(
        st.lists(width.flatmap(lambda n: st.lists(cell, min_size=n, max_size=n)), max_size=8)
    )
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


_VCARD_LINES = [
    "BEGIN:VCARD",
    "VERSION:2.1",
    "VERSION:3.0",
    "VERSION:4.0",
    "FN:June Wong",
    "FN;CHARSET=UTF-8:黃嘉琪",
    "N:Wong;June;;Ms;",
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E9=BB=83;=E5=98=89=E7=90=AA;;;",
    "FN;ENCODING=QUOTED-PRINTABLE:June=",
    " Wong",
    "ORG:Edelman;Hong Kong",
    "TITLE:Senior Account Manager",
    "TEL;CELL;VOICE:+852 9123 4567",
    "TEL;TYPE=work,voice;VALUE=uri:tel:+852-2629-2329",
    "TEL:",
    "EMAIL;TYPE=INTERNET:june.wong@edelman.com",
    "EMAIL:not an address",
    "item1.TEL:9123 4567",
    "item1.X-ABLabel:手提",
    "NOTE:line one\\nline two\\, with comma",
    "UID:123",
    "PHOTO;ENCODING=b;TYPE=JPEG:AAAA",
    "X-UNKNOWN:whatever",
    "END:VCARD",
    "",
    ":",
    ";;;",
]


@st.composite
def vcard_text(draw: st.DrawFn) -> str:
    cards: list[str] = []
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        body = draw(
            st.lists(st.one_of(st.sampled_from(_VCARD_LINES), st.text(max_size=30)), max_size=10)
        )
        opened = draw(st.booleans()) or not cards
        closed = draw(st.integers(min_value=0, max_value=4)) > 0
        cards.append(
            "\r\n".join(
                (["BEGIN:VCARD"] if opened else []) + body + (["END:VCARD"] if closed else [])
            )
        )
    return "\r\n".join(cards)


@pytest.fixture(scope="module")
def contact_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("contact-files")


def _read_all(path: Path) -> None:
    try:
        assert open_contact_file is not None
        source = open_contact_file(path)
        rows = list(source.rows())
    except InputRejected as exc:
        assert exc.message
        return
    assert all(row.where for row in rows)


@needs_contact_files
@BOUNDED
@given(text=st.one_of(csv_text(), st.text(max_size=300)), encoding=st.sampled_from(ENCODINGS))
def test_any_csv_file_reads_or_is_refused(contact_folder: Path, text: str, encoding: str) -> None:
    path = contact_folder / "contacts.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    _read_all(path)


@needs_contact_files
@BOUNDED
@given(text=vcard_text(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "big5hkscs"]))
def test_any_vcard_file_reads_or_is_refused(contact_folder: Path, text: str, encoding: str) -> None:
    path = contact_folder / "contacts.vcf"
    path.write_bytes(text.encode(encoding, errors="replace"))
    _read_all(path)
