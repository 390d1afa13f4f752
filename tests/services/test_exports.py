"""Contact sheets read back by independent readers: csv, openpyxl, vobject and pdftotext.

Every export runs on SQLite and PostgreSQL. The roster is the seed release's media-contact
block plus contacts whose values have commas, semicolons, quotes, newlines, formula-looking
text, three phones and two e-mails.
"""

from __future__ import annotations

import csv
import itertools
import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlmodel import col

from db.engine import Database, open_database
from db.models import (
    AuditEntry,
    Contact,
    ContactEmail,
    ContactPhone,
    ContactTag,
    Organization,
    ReleaseMediaContact,
)
from services import exports, sheet_csv
from services.emails import email_key
from services.exports import (
    ExportCancelled,
    contact_uid,
    export_contact_sheet,
)
from services.problems import InputRejected
from services.release_import import import_release_file
from services.sheet_csv import neutralise_cell
from tests.conftest import SEED_RELEASE

NOTES = '=HYPERLINK("http://evil.example")\nsecond line, with a comma; a semicolon and "quotes"'
LONG_TITLE = "香港特別行政區政府新聞處首席新聞主任（傳媒關係及公共事務）兼發言人辦公室主管"


def _add_contact(
    database: Database,
    *,
    org: tuple[str | None, str | None] | None = None,
    phones: list[tuple[str, str, str | None]] = (),  # type: ignore[assignment]
    emails: list[tuple[str, str]] = (),  # type: ignore[assignment]
    tags: list[str] = (),  # type: ignore[assignment]
    **fields: Any,
) -> int:
    with database.session() as session:
        org_id = None
        if org is not None:
            organization = Organization(name_zh=org[0], name_en=org[1], kind="media")
            session.add(organization)
            session.flush()
            org_id = organization.id
        contact = Contact(organization_id=org_id, **fields)
        session.add(contact)
        session.flush()
        assert contact.id is not None
        for position, (kind, e164, extension) in enumerate(phones):
            session.add(
                ContactPhone(
                    contact_id=contact.id,
                    type=kind,
                    e164=e164,
                    extension=extension,
                    raw=e164,
                    position=position,
                )
            )
        for position, (kind, address) in enumerate(emails):
            session.add(
                ContactEmail(
                    contact_id=contact.id,
                    type=kind,
                    address=address,
                    address_key=email_key(address),
                    raw=address,
                    position=position,
                )
            )
        for tag in tags:
            session.add(ContactTag(contact_id=contact.id, tag=tag))
        return contact.id


@pytest.fixture
def roster(database: Database) -> dict[str, int]:
    """The seed release (release 1) plus hard cases; returns the extra contacts' ids."""
    report = import_release_file(database, SEED_RELEASE)
    assert report.written
    ids = {
        "chan": _add_contact(
            database,
            name_zh="陳大文",
            name_en='Chan, "Tai Man"; Jr',
            title_zh=LONG_TITLE,
            title_en="Editor-in-Chief, News; Online",
            org=("明報", "Ming Pao, Ltd.; HK"),
            notes=NOTES,
            phones=[
                ("mobile", "+85269865800", None),
                ("work", "+85223456789", "123"),
                ("fax", "+85223456780", None),
            ],
            emails=[("work", "chan@mingpao.com"), ("personal", "taiman@gmail.com")],
            tags=["TV", "@news desk"],
        ),
        "lee": _add_contact(
            database,
            name_en="+SUM(A1:A9)",
            preferred_language="en",
            notes="+852 2629 2329",
            title_en="-Reporter",
            phones=[("other", "+14155550100", None)],
            emails=[("team", "desk@example.com")],
        ),
        "opted_out": _add_contact(
            database, name_zh="退出者", opt_out=True, phones=[("mobile", "+85291234567", None)]
        ),
        "deleted": _add_contact(
            database,
            name_zh="已刪除",
            deleted_at=datetime.now(UTC),
            phones=[("mobile", "+85291234568", None)],
        ),
    }
    return ids


def _release_id(database: Database) -> int:
    from db.models import Release

    with database.session(write=False) as session:
        return int(session.scalars(select(Release.id)).one())  # type: ignore[arg-type]


# --- CSV -------------------------------------------------------------------------------------


def test_csv_opens_in_excel_and_reads_back(
    database: Database, roster: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "roster.csv"
    result = export_contact_sheet(database, "csv", path)
    assert result.to_dict() == {
        "path": str(path),
        "format": "csv",
        "contacts": 9,  # 4 media contacts and 3 spokespeople from the seed, and 2 more
        "skipped_opt_out": 1,
    }
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel needs the mark to read UTF-8
    assert data.count(b"\r\n") >= 10
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0])[:8] == [
        "Name (Chinese)",
        "Name (English)",
        "Title (Chinese)",
        "Title (English)",
        "Organisation (Chinese)",
        "Organisation (English)",
        "Phone 1 Type",
        "Phone 1",
    ]
    assert "Phone 3" in rows[0] and "Phone 4" not in rows[0]
    assert "E-mail 2" in rows[0] and "E-mail 3" not in rows[0]
    names = [r["Name (Chinese)"] or r["Name (English)"] for r in rows]
    assert names[:3] == ["溫安怡", "黃嘉琪", ""]
    assert "退出者" not in names and "已刪除" not in names
    chan = next(r for r in rows if r["Name (Chinese)"] == "陳大文")
    assert chan["Name (English)"] == 'Chan, "Tai Man"; Jr'
    assert chan["Organisation (English)"] == "Ming Pao, Ltd.; HK"
    assert chan["Title (Chinese)"] == LONG_TITLE
    assert [(chan[f"Phone {n} Type"], chan[f"Phone {n}"]) for n in (1, 2, 3)] == [
        ("mobile", "+85269865800"),
        ("work", "+85223456789 ext. 123"),
        ("fax", "+85223456780"),
    ]
    assert [(chan[f"E-mail {n} Type"], chan[f"E-mail {n}"]) for n in (1, 2)] == [
        ("work", "chan@mingpao.com"),
        ("personal", "taiman@gmail.com"),
    ]
    assert chan["Tags"] == "'@news desk; TV"  # neutralised: it starts with @
    assert chan["Notes"] == "'" + NOTES
    assert (chan["Kind"], chan["ID"]) == ("person", str(roster["chan"]))
    lee = next(r for r in rows if r["ID"] == str(roster["lee"]))
    assert lee["Name (English)"] == "'+SUM(A1:A9)"
    assert lee["Title (English)"] == "'-Reporter"
    assert lee["Notes"] == "+852 2629 2329"  # a phone number is not a formula
    assert lee["Phone 1"] == "+14155550100"
    mailbox = rows[2]
    assert (mailbox["Kind"], mailbox["E-mail 1 Type"]) == ("mailbox", "team")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("+852 2629 2329", "+852 2629 2329"),
        ("+85226292329", "+85226292329"),
        ("+1-415-555-0100", "+1-415-555-0100"),
        ("+852 2629 2329 =cmd", "'+852 2629 2329 =cmd"),
        ("+", "'+"),
        ("陳大文", "陳大文"),
        ("", ""),
    ],
)
def test_formula_neutralisation_spares_phone_numbers(value: str, expected: str) -> None:
    assert neutralise_cell(value) == expected


def test_a_formula_looking_address_alone_on_its_page_is_neutralised_in_csv_only(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One contact a page: the address is the page's only value that starts like a formula,
    # so the check over e-mail rows (not only the contact's own columns) must find it.
    monkeypatch.setattr(exports, "PAGE_SIZE", 1)
    plain = _add_contact(database, name_zh="張三", phones=[("work", "+85223456789", "")])
    odd = _add_contact(
        database,
        name_zh="李四",
        emails=[("work", "=cmd@example.com"), ("personal", "ok@example.com")],
        tags=["TV"],
    )
    csv_path, xlsx_path = tmp_path / "odd.csv", tmp_path / "odd.xlsx"
    export_contact_sheet(database, "csv", csv_path)
    export_contact_sheet(database, "xlsx", xlsx_path)
    with csv_path.open(encoding="utf-8-sig", newline="") as stream:
        rows = {r["ID"]: r for r in csv.DictReader(stream)}
    assert rows[str(odd)]["E-mail 1"] == "'=cmd@example.com"
    assert rows[str(odd)]["E-mail 2"] == "ok@example.com"
    assert (rows[str(odd)]["Phone 1"], rows[str(odd)]["Tags"]) == ("", "TV")
    # An empty extension is no extension; a contact without e-mails has empty columns.
    assert (rows[str(plain)]["Phone 1"], rows[str(plain)]["E-mail 1"]) == ("+85223456789", "")
    sheet = openpyxl.load_workbook(xlsx_path).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    cells = {row[header.index("ID")]: row for row in sheet.iter_rows(2, values_only=True)}
    assert cells[str(odd)][header.index("E-mail 1")] == "=cmd@example.com"  # a text cell
    assert cells[str(plain)][header.index("Phone 1")] == "+85223456789"


# Values people type that a sheet must keep apart: quotes, commas, semicolons, line breaks,
# Chinese, "" and None; and formula starts (and a phone number that is not one).
_QUOTED = ['"quoted"', "a,b", "semi;colon", "line\r\nbreak", "cr\ronly", "lf\nonly", "陳大文",
           "", "'already", 'He said "hi", then', "中文,逗號", "x\ty", "trailing,", "end\r\n"]  # fmt: skip
_FORMULA = ["=1+2", "+852 not a phone", "-x", "@y", "\tTab", "\rCR", "\nLF", "+852 2629 2329",
            '=HYPERLINK("x")', "-", "+", "@"]  # fmt: skip
_PLAIN = ["陳嘉欣", "Wong Ka Yan", "黃志明", "Lee Mei", "Editor", "記者"]


def _typed(rng: random.Random, pool: list[str]) -> str | None:
    roll = rng.random()
    if roll < 0.2:
        return None
    return rng.choice(pool) if pool and roll < 0.5 else f"{rng.choice(_PLAIN)}{rng.randrange(99)}"


@pytest.fixture
def nasty_roster(database: Database) -> Database:
    """~200 contacts, plain, hard to quote, or with formula-looking values; odd extensions
    and types (not validated at the table), phones out of position order, opted-out and
    deleted contacts."""
    import_release_file(database, SEED_RELEASE)
    rng = random.Random(11)
    ids = []
    for _ in range(200):
        hard = rng.choice(["plain", "quoted", "formula"])
        pool = [] if hard == "plain" else _QUOTED if hard == "quoted" else _QUOTED + _FORMULA
        orgs: list[tuple[str | None, str | None] | None] = [("明報", "Ming Pao, Ltd.; HK")]
        types, extensions = ["mobile", "work", "fax", "team", "other"], [None, "12"]
        addresses, tags = ["a@b.hk", "ok@example.com"], ["TV", "radio", "print"]
        kinds = ["person", "mailbox"]
        if hard != "plain":
            kinds.append("odd,kind")
            orgs += [None, (None, None), ("", ""), ("東方,日報", 'The "Sun"')]
            types += ["a,b", "x y"]
            extensions += ["", "1234567", "12345678", "12a"]
            addresses += ["陳@例子.香港", '"a,b"@x.com']
            tags += ["a,b", 'q"t', "x; y", "中文"]
        if hard == "formula":
            orgs.append(("=cmd", "-org"))
            types.append("=odd")
            addresses += ["=cmd@x.com", "-x@y.com", "=@t.com"]
            tags += ["=1+2", "\ttab", "@news"]
        contact_id = _add_contact(
            database,
            org=rng.choice(orgs),
            phones=[
                (
                    rng.choice(types),
                    rng.choice(["+85269865800", "+14155550100"]),
                    rng.choice(extensions),
                )
                for _ in range(rng.choice([0, 1, 2, 2, 3, 5]))
            ],
            emails=[
                (rng.choice(["work", "personal", "team", "other"]), rng.choice(addresses))
                for _ in range(rng.choice([0, 1, 2, 4]))
            ],
            tags=sorted({rng.choice(tags) for _ in range(rng.choice([0, 0, 1, 3]))}),
            name_zh=_typed(rng, pool),
            name_en=_typed(rng, pool),
            title_zh=_typed(rng, pool),
            title_en=_typed(rng, pool),
            notes=_typed(rng, pool),
            kind=rng.choice(kinds),
            opt_out=rng.random() < 0.1,
            deleted_at=datetime.now(UTC) if rng.random() < 0.03 else None,
        )
        ids.append(contact_id)
    with database.session() as session:
        # Positions that are not in the order the rows were written.
        for phone in session.scalars(
            select(ContactPhone).where(ContactPhone.contact_id.in_(ids[::7]))  # type: ignore[attr-defined]
        ):
            phone.position = rng.randrange(5)
        release = _release_id(database)
        for position, contact_id in enumerate(rng.sample(ids, 40)):
            session.add(
                ReleaseMediaContact(
                    release_id=release, contact_id=contact_id, position=(position * 7) % 23
                )
            )
    return database


@pytest.mark.parametrize("page_size", [1000, 7, 1])
def test_csv_joined_pages_match_the_csv_module_on_hard_values(
    nasty_roster: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page_size: int
) -> None:
    """The CSV writer joins the cells of most pages itself: byte for byte what the csv module
    writes for the same rows, neutralised pages included, for every kind of selection."""
    database = nasty_roster
    monkeypatch.setattr(exports, "PAGE_SIZE", page_size)
    with database.session(write=False) as session:
        org_ids = session.scalars(select(Organization.id)).all()
    selections: list[dict[str, Any]] = [
        {},
        {"release_id": _release_id(database)},
        *({"organization_id": org_id} for org_id in org_ids[:4]),
        {"tag": "TV"},
        {"tag": "=1+2"},
        {"tag": "a,b"},
        {"organization_id": org_ids[1], "tag": "radio"},
        {"query": "陳"},
        {"query": "example"},
    ]
    joined_csv = sheet_csv.joined_csv
    pages = {"joined": 0, "csv module": 0}

    def counting(*args: Any) -> str | None:
        text = joined_csv(*args)
        pages["joined" if text is not None else "csv module"] += 1
        return text

    for n, selection in enumerate(selections):
        for include_opted_out in (False, True):
            fast, reference = tmp_path / f"{n}-fast.csv", tmp_path / f"{n}-csv.csv"
            with monkeypatch.context() as patch:
                patch.setattr(sheet_csv, "joined_csv", counting)
                fast_result = export_contact_sheet(
                    database, "csv", fast, include_opted_out=include_opted_out, **selection
                )
            with monkeypatch.context() as patch:
                patch.setattr(sheet_csv, "joined_csv", lambda *args: None)
                reference_result = export_contact_sheet(
                    database, "csv", reference, include_opted_out=include_opted_out, **selection
                )
            assert fast.read_bytes() == reference.read_bytes(), selection
            assert fast_result.contacts == reference_result.contacts
            assert fast_result.skipped_opt_out == reference_result.skipped_opt_out
    # Both ways were taken, so the comparison tested the joined pages.
    assert pages["joined"] > 0 and pages["csv module"] > 0


# --- XLSX ------------------------------------------------------------------------------------


def test_xlsx_has_a_frozen_filtered_header_and_only_text(
    database: Database, roster: dict[str, int], tmp_path: Path
) -> None:
    path = tmp_path / "roster.xlsx"
    result = export_contact_sheet(database, "xlsx", path, include_opted_out=True)
    assert (result.contacts, result.skipped_opt_out) == (10, 0)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}11"
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["Name (Chinese)", "Name (English)"]
    assert sheet.cell(1, 1).font.b
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]
    chan = next(r for r in rows if r["Name (Chinese)"] == "陳大文")
    assert chan["Notes"] == NOTES  # as typed: a string cell cannot run
    assert chan["Phone 2"] == "+85223456789 ext. 123"
    assert chan["E-mail 2"] == "taiman@gmail.com"
    assert chan["Tags"] == "@news desk; TV"
    cells = [c for row in sheet.iter_rows(2) for c in row if c.value is not None]
    assert {c.data_type for c in cells} == {"s"}  # never a formula, never a number
    assert any(r["Name (Chinese)"] == "退出者" for r in rows)
    widths = {k: v.width for k, v in sheet.column_dimensions.items()}
    # Chinese counts double: the Chinese title column is the widest, capped at 50.
    assert 50 <= widths["C"] < 52
    assert widths["A"] >= len("Name (Chinese)") + 2


# --- vCard -----------------------------------------------------------------------------------


def _cards(path: Path) -> list[Any]:
    return list(vobject.readComponents(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vcards_parse_with_vobject_and_keep_every_number(
    database: Database, roster: dict[str, int], tmp_path: Path, version: str
) -> None:
    path = tmp_path / "roster.vcf"
    result = export_contact_sheet(database, "vcf", path, vcard_version=version)
    assert result.contacts == 9
    raw = path.read_bytes()
    assert raw.endswith(b"END:VCARD\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never cuts a character in two
    cards = _cards(path)  # every card must parse
    assert len(cards) == 9
    assert {c.version.value for c in cards} == {version}
    by_uid = {c.uid.value: c for c in cards}
    chan = by_uid[contact_uid(roster["chan"])]
    assert chan.fn.value == "陳大文"
    assert chan.fn.params["LANGUAGE"] == ["zh-HK"]
    assert chan.nickname.value == 'Chan, "Tai Man"; Jr'
    assert chan.n.value.family == "陳" and chan.n.value.given == "大文"
    orgs = [o.value[0] for o in chan.contents["org"]]
    assert orgs == ["明報", "Ming Pao, Ltd.; HK"]
    titles = [t.value for t in chan.contents["title"]]
    assert titles == [LONG_TITLE, "Editor-in-Chief, News; Online"]
    assert chan.note.value == NOTES
    assert chan.categories.value == ["@news desk", "TV"]
    tels = [(t.params.get("TYPE"), t.value) for t in chan.contents["tel"]]
    emails = [(e.params.get("TYPE"), e.value) for e in chan.contents["email"]]
    if version == "3.0":
        assert tels == [
            (["CELL", "VOICE"], "+85269865800"),
            (["WORK", "VOICE"], "+85223456789 ext. 123"),
            (["WORK", "FAX"], "+85223456780"),
        ]
        assert emails == [
            (["INTERNET", "WORK"], "chan@mingpao.com"),
            (["INTERNET", "HOME"], "taiman@gmail.com"),
        ]
    else:
        assert tels == [
            (["cell"], "tel:+85269865800"),
            (["work"], "tel:+85223456789;ext=123"),
            (["fax"], "tel:+85223456780"),
        ]
        assert {t.params["VALUE"][0] for t in chan.contents["tel"]} == {"uri"}
        assert emails == [(["work"], "chan@mingpao.com"), (["home"], "taiman@gmail.com")]
        assert [o.params["ALTID"] for o in chan.contents["org"]] == [["1"], ["1"]]
    lee = by_uid[contact_uid(roster["lee"])]
    assert lee.fn.value == "+SUM(A1:A9)" and lee.fn.params["LANGUAGE"] == ["en"]
    assert "nickname" not in lee.contents
    mailbox = next(c for c in cards if "x-pressdesk-kind" in c.contents)
    assert mailbox.fn.value == "愛德曼國際公關公司"
    assert mailbox.email.value == "Edelmanhkstppr@edelman.com"

    again = tmp_path / "again.vcf"
    export_contact_sheet(database, "vcf", again, vcard_version=version)
    assert [c.uid.value for c in _cards(again)] == [c.uid.value for c in cards]


# --- PDF -------------------------------------------------------------------------------------


def _pdf_text(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    # Latin ligatures ("ﬃ" in "Office") are a typesetting choice; fold only those, so that a
    # Kangxi radical in place of a Chinese character (⾹ for 香) still fails the test.
    return "".join(
        unicodedata.normalize("NFKC", ch) if "\ufb00" <= ch <= "\ufb06" else ch for ch in text
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pdf_is_a_bilingual_sheet_with_embedded_chinese_fonts(
    database: Database, roster: dict[str, int], tmp_path: Path, qapp: Any
) -> None:
    # ``qapp``: a QApplication, not the bare QGuiApplication the PDF writer would create
    # for itself, which would abort the first widget test run after this one.
    from desktop.pdf_export import write_contact_sheet_pdf

    path = tmp_path / "release.pdf"
    result = export_contact_sheet(
        database, "pdf", path, release_id=_release_id(database), pdf_writer=write_contact_sheet_pdf
    )
    assert result.contacts == 4
    text = _pdf_text(path)
    for expected in (
        "香港科技園公司與地平線簽署合作備忘錄",
        "2023-12-01",
        "香港科技園公司",
        "溫安怡",
        "Angela Wan",
        "+852 2629 2329",
        "angela.wan@hkstp.org",
        "愛德曼國際公關公司",
        "黃嘉琪",
        "+852 3756 8623",
        "+852 6986 5822",
        "Edelmanhkstppr@edelman.com",
        "地平線",
        "熊苗苗",
        "+86 151 2004 9549",
    ):
        assert expected in text, expected
    assert text.index("溫安怡") < text.index("黃嘉琪") < text.index("熊苗苗")
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(" yes " in line for line in cjk)  # embedded

    roster_pdf = tmp_path / "roster.pdf"
    export_contact_sheet(database, "pdf", roster_pdf, pdf_writer=write_contact_sheet_pdf)
    text = _pdf_text(roster_pdf)
    assert "Ming Pao, Ltd.; HK" in text and "+852 2345 6789" in text
    # 長 and 香 share their glyph with a CJK radical in Noto CJK; the text layer is repaired.
    assert "創新科技及工業局局長" in text and "香港科技園公司主席" in text
    assert not any("\u2e80" <= ch <= "\u2fdf" for ch in text)


# --- selection, refusals, cancel ------------------------------------------------------------


def _exported_ids(path: Path) -> list[int]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return [int(r["ID"]) for r in csv.DictReader(stream)]


def test_selections(database: Database, roster: dict[str, int], tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    release = _release_id(database)
    export_contact_sheet(database, "csv", path, release_id=release)
    with path.open(encoding="utf-8-sig", newline="") as stream:
        names = [r["Name (Chinese)"] or r["E-mail 1"] for r in csv.DictReader(stream)]
    assert names == ["溫安怡", "黃嘉琪", "Edelmanhkstppr@edelman.com", "熊苗苗"]

    with database.session(write=False) as session:
        chan = session.get(Contact, roster["chan"])
        assert chan is not None
        org_id = chan.organization_id
    export_contact_sheet(database, "csv", path, organization_id=org_id)
    assert _exported_ids(path) == [roster["chan"]]
    export_contact_sheet(database, "csv", path, tag="TV")
    assert _exported_ids(path) == [roster["chan"]]
    export_contact_sheet(database, "csv", path, query="黃嘉")
    assert len(_exported_ids(path)) == 1
    export_contact_sheet(database, "csv", path, query="6986 5800")
    assert _exported_ids(path) == [roster["chan"]]
    result = export_contact_sheet(database, "csv", path, query="退出")
    assert (result.contacts, result.skipped_opt_out) == (0, 1)
    result = export_contact_sheet(database, "csv", path, query="退出", include_opted_out=True)
    assert _exported_ids(path) == [roster["opted_out"]]


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return next(csv.reader(stream))


def test_a_sheet_has_as_many_phone_and_email_columns_as_its_own_contacts_need(
    database: Database, roster: dict[str, int], tmp_path: Path
) -> None:
    """A release's sheet got Phone 3 and E-mail 2 columns, empty in every row, because a
    contact outside the release (陳大文) has three phones and two e-mails."""
    path = tmp_path / "x.csv"
    export_contact_sheet(database, "csv", path, release_id=_release_id(database))
    header = _header(path)
    assert "Phone 2" in header and "Phone 3" not in header  # two at least, always
    assert "E-mail 2" in header and "E-mail 3" not in header
    with database.session(write=False) as session:
        chan = session.get(Contact, roster["chan"])
        assert chan is not None
        org_id = chan.organization_id
    export_contact_sheet(database, "csv", path, organization_id=org_id)
    assert "Phone 3" in _header(path) and "Phone 4" not in _header(path)
    # A search's matches are known page by page only: the roster decides.
    export_contact_sheet(database, "csv", path, query="溫安怡")
    assert "Phone 3" in _header(path)
    xlsx = tmp_path / "x.xlsx"
    export_contact_sheet(database, "xlsx", xlsx, tag="TV")
    sheet = openpyxl.load_workbook(xlsx, read_only=True).worksheets[0]
    (first,) = sheet.iter_rows(max_row=1, values_only=True)
    assert "Phone 3" in first and "Phone 4" not in first


def test_exporting_an_opted_out_contact_is_recorded_on_them(
    database: Database, roster: dict[str, int], tmp_path: Path
) -> None:
    """PDPO: the override is logged, on the contact, for the officer; a plain export is not."""
    from services.audit import history, set_officer

    set_officer(database, "溫安怡")
    path = tmp_path / "sheet.csv"
    export_contact_sheet(database, "csv", path)
    assert all(
        e["action"] != "opt_out_override" for e in history(database, "contact", roster["opted_out"])
    )
    export_contact_sheet(database, "vcf", tmp_path / "all.vcf", include_opted_out=True)
    overrides = [
        (e["action"], e["field"], e["new"], e["user"])
        for e in history(database, "contact", roster["opted_out"])
        if e["action"] == "opt_out_override"
    ]
    assert overrides == [("opt_out_override", "export", "vcf: all.vcf", "溫安怡")]
    assert all(
        e["action"] != "opt_out_override" for e in history(database, "contact", roster["chan"])
    )


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"fmt": "docx"}, "format", "not an export format"),
        ({"fmt": "vcf", "vcard_version": "2.1"}, "vcard_version", "cannot be written"),
        ({"release_id": 999}, "release", "no release 999"),
        ({"organization_id": 999}, "organization", "no organisation 999"),
        ({"release_id": 1, "query": "x"}, "query", "cannot be exported together"),
    ],
)
def test_bad_requests_are_refused_and_write_nothing(
    database: Database, tmp_path: Path, kwargs: dict[str, Any], field: str, words: str
) -> None:
    import_release_file(database, SEED_RELEASE)
    kwargs = dict(kwargs)  # the parameter is shared by the SQLite and PostgreSQL runs
    fmt = kwargs.pop("fmt", "csv")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(InputRejected) as refused:
        export_contact_sheet(database, fmt, out / "sheet", **kwargs)
    assert words in refused.value.message
    (problem,) = refused.value.problems
    assert problem.field == field and problem.suggestion
    assert list(out.iterdir()) == []


def test_unwritable_target_is_refused(database: Database, tmp_path: Path) -> None:
    with pytest.raises(InputRejected, match="cannot be written"):
        export_contact_sheet(database, "csv", tmp_path / "no" / "such" / "dir.csv")
    with pytest.raises(InputRejected, match="is a folder"):
        export_contact_sheet(database, "csv", tmp_path)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "vcf"])
def test_cancel_leaves_no_file_and_keeps_the_old_one(
    database: Database, roster: dict[str, int], tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"sheet.{fmt}"
    target.write_bytes(b"the previous export")
    calls: list[tuple[int, int | None]] = []

    def cancel_after_first(done: int, total: int | None) -> bool:
        calls.append((done, total))
        return done == 0

    with pytest.raises(ExportCancelled):
        export_contact_sheet(database, fmt, target, progress=cancel_after_first)
    assert calls == [(0, 9), (9, 9)]
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in out.iterdir()] == [target.name]


def test_a_failure_midway_leaves_no_half_file(
    database: Database, roster: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "sheet.csv"

    def explode(done: int, total: int | None) -> bool:
        if done:
            raise RuntimeError("disk full")
        return True

    with pytest.raises(RuntimeError):
        export_contact_sheet(database, "csv", target, progress=explode)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    "selection",
    [{}, {"release": True}, {"query": "黃"}, {"tag": "TV"}, {"include_opted_out": True}],
)
def test_pages_of_any_size_give_the_same_sheets(
    database: Database,
    roster: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    selection: dict[str, Any],
) -> None:
    # Pages of two: rows with formula-looking values share pages with rows without, and
    # every reading path (id range, id list, search pages) crosses page ends.
    kwargs = dict(selection)
    if kwargs.pop("release", False):
        kwargs["release_id"] = _release_id(database)
    sheets = {}
    for page_size in (exports.PAGE_SIZE, 2):
        monkeypatch.setattr(exports, "PAGE_SIZE", page_size)
        for fmt in ("csv", "vcf"):
            path = tmp_path / f"{page_size}.{fmt}"
            result = export_contact_sheet(database, fmt, path, **kwargs)
            sheets[page_size, fmt] = (path.read_bytes(), result.to_dict()["contacts"])
    for fmt in ("csv", "vcf"):
        assert sheets[2, fmt] == sheets[exports.PAGE_SIZE, fmt]
        assert sheets[2, fmt][1] > 0


# Commas, semicolons, backslashes, CR/LF, colons, quotes, a 4-byte character (folding).
_VCARD_TEXT = st.text(
    st.sampled_from(list("陳大文歐陽𠀀 abc,;:\\\n\r\"'=+é")), min_size=1, max_size=120
)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(
    name_zh=_VCARD_TEXT,
    name_en=_VCARD_TEXT,
    organization=_VCARD_TEXT,
    title=_VCARD_TEXT,
    notes=_VCARD_TEXT,
    tag=_VCARD_TEXT,
    v4=st.booleans(),
)
def test_every_card_our_writer_makes_reads_back_in_vobject(
    *, name_zh: str, name_en: str, organization: str, title: str, notes: str, tag: str, v4: bool
) -> None:
    # A page's rows, as the writer gets them (see sheet_csv.Page and exports._CONTACT_COLUMNS).
    contact = (17, name_zh, name_en, title, None, organization, None, notes, "person", 1, "zh-HK")
    phones = [(17, "mobile", "+85269865822", None), (17, "work", "+85223456789", "123")]
    data = exports._card(contact, phones, [(17, "work", "chan@example.com")], [(17, tag)], v4)
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    card = vobject.readOne(data.decode("utf-8"))

    def typed(value: str) -> str:
        return value.replace("\r\n", "\n").replace("\r", "\n")

    assert card.fn.value == typed(name_zh)
    assert card.nickname.value == typed(name_en)
    assert card.org.value == [typed(organization)]
    assert card.title.value == typed(title)
    assert card.note.value == typed(notes)
    assert card.categories.value == [typed(tag)]
    assert card.uid.value == contact_uid(17)
    assert len(card.contents["tel"]) == 2


def test_an_export_reads_through_a_small_page_cache_and_restores_it(database: Database) -> None:
    if database.engine.dialect.name != "sqlite":
        pytest.skip("a SQLite page-cache setting")
    with database.session(write=False) as session:
        connection = session.connection()

        def cache_size() -> int:
            return int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())

        before = cache_size()
        assert before < -exports.EXPORT_CACHE_KIB  # the engine's larger cache
        with exports._small_page_cache(connection):
            assert cache_size() == -exports.EXPORT_CACHE_KIB
        assert cache_size() == before


# --- round trip ------------------------------------------------------------------------------


def _roster(database: Database) -> set[tuple[Any, ...]]:
    from services.roster import search_contacts

    result = set()
    for c in search_contacts(database, limit=10_000):
        org = c["organization"] or {}
        result.add(
            (
                c["kind"],
                c["name_zh"],
                c["name_en"],
                c["title_zh"],
                c["title_en"],
                org.get("name_zh"),
                org.get("name_en"),
                tuple((p["type"], p["e164"], p["extension"]) for p in c["phones"]),
                tuple((e["type"], e["address"]) for e in c["emails"]),
            )
        )
    return result


@pytest.mark.parametrize(
    ("fmt", "version"), [("csv", "3.0"), ("xlsx", "3.0"), ("vcf", "3.0"), ("vcf", "4.0")]
)
def test_round_trip_into_an_empty_database_gives_the_same_roster(
    database: Database, roster: dict[str, int], tmp_path: Path, fmt: str, version: str
) -> None:
    from db.engine import open_database
    from services.contact_import import import_contact_file

    path = tmp_path / f"roster.{fmt}"
    export_contact_sheet(database, fmt, path, vcard_version=version, include_opted_out=True)
    empty = open_database(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    try:
        report = import_contact_file(empty, path)
        assert report.written, report.to_dict()
        assert _roster(empty) == _roster(database)
    finally:
        empty.dispose()


# --- CSV in two processes ----------------------------------------------------------------------


@pytest.fixture
def sqlite_roster(request: pytest.FixtureRequest, db_url: str) -> Database:
    """The nasty roster, on SQLite only: only SQLite exports run in two processes."""
    if not db_url.startswith("sqlite"):
        pytest.skip("only SQLite exports run in two processes")
    roster: Database = request.getfixturevalue("nasty_roster")
    return roster


def test_a_page_of_phones_and_e_mails_is_read_in_order_without_a_sort(
    sqlite_roster: Database,
) -> None:
    """The (contact_id, position) indexes give a page's values in each contact's order:
    SQLite sorted every page in a temporary B-tree with contact_id alone indexed."""
    selection = exports._Selection(None, None, None, None, False)
    with sqlite_roster.session(write=False) as session:
        connection = session.connection()
        for shape in (exports._SHEET_SHAPE, exports._CARD_SHAPE):
            walk = exports._RangeWalk(connection, selection, shape)
            try:
                for query in walk.values:
                    sql, names, _ = query.spec(lo=0, hi=0)
                    plan = " ".join(
                        str(row[-1])
                        for row in connection.exec_driver_sql(
                            f"EXPLAIN QUERY PLAN {sql}", tuple(1 for _ in names)
                        )
                    )
                    assert "TEMP B-TREE" not in plan, (sql, plan)
                    assert "INDEX" in plan, (sql, plan)
            finally:
                walk.close()


class _RecordedHelper(exports._Helper):
    """The export's helper, kept for the test to look at afterwards."""

    made: list[exports._Helper] = []  # noqa: RUF012 - the test's record, reset by _two_processes

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.made.append(self)


def _two_processes(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page_size: int = 7
) -> Path:
    """Large-export settings for a small roster: a CSV of the whole roster runs in two
    processes, in parts of two pages.

    Returns:
        A folder for the exports (the database is in ``tmp_path``).
    """
    monkeypatch.setattr(exports, "PAGE_SIZE", page_size)
    monkeypatch.setattr(exports, "PART_PAGES", 2)
    monkeypatch.setattr(exports, "TWO_PROCESS_MIN_CONTACTS", 1)
    monkeypatch.setattr(exports, "_Helper", _RecordedHelper)
    _RecordedHelper.made = []
    out = tmp_path / "out"
    out.mkdir()
    return out


def _one_process_csv(
    database: Database, target: Path, monkeypatch: pytest.MonkeyPatch, **kwargs: Any
) -> exports.ExportResult:
    with monkeypatch.context() as patch:
        patch.setattr(exports, "TWO_PROCESS_MIN_CONTACTS", 10**9)
        return export_contact_sheet(database, "csv", target, **kwargs)


def _until_the_helper_wrote_a_part() -> None:
    """Hold this process back until the helper has written a part (however long it takes
    to start on a busy machine), so that both processes' parts are in the file."""
    deadline = time.monotonic() + 30
    helper = _RecordedHelper.made[0]
    while not helper.wrote and helper.failure is None and time.monotonic() < deadline:
        time.sleep(0.005)


def _with_one_process_csv(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path]:
    """Two-process settings (see _two_processes) and the one-process CSV to compare with.

    Returns:
        The exports' folder and the one-process CSV in it (``one.csv``).
    """
    out = _two_processes(database, tmp_path, monkeypatch)
    one = out / "one.csv"
    _one_process_csv(database, one, monkeypatch)
    return out, one


def _slowly(seen: list[int]) -> Any:
    """A progress callback that lets the helper take parts."""

    def progress(done: int, total: int | None) -> bool:
        seen.append(done)
        if done:
            _until_the_helper_wrote_a_part()
        return True

    return progress


def _overrides_recorded(database: Database, name: str) -> list[int]:
    with database.session(write=False) as session:
        return list(
            session.scalars(
                select(col(AuditEntry.entity_id))
                .where(col(AuditEntry.action) == "opt_out_override")
                .where(col(AuditEntry.new_value) == name)
                .order_by(col(AuditEntry.id))
            )
        )


@pytest.mark.parametrize("include_opted_out", [False, True])
def test_csv_in_two_processes_is_byte_for_byte_the_one_process_csv(
    sqlite_roster: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    include_opted_out: bool,
) -> None:
    """The helper's parts and this process's join into the very file one process writes,
    with the same counts and the same PDPO overrides recorded."""
    database = sqlite_roster
    out = _two_processes(database, tmp_path, monkeypatch)
    one, two = out / "one.csv", out / "two.csv"
    one_result = _one_process_csv(database, one, monkeypatch, include_opted_out=include_opted_out)
    seen: list[int] = []
    two_result = export_contact_sheet(
        database, "csv", two, progress=_slowly(seen), include_opted_out=include_opted_out
    )
    assert two.read_bytes() == one.read_bytes()
    assert (two_result.contacts, two_result.skipped_opt_out) == (
        one_result.contacts,
        one_result.skipped_opt_out,
    )
    assert (two_result.skipped_opt_out > 0) != include_opted_out
    assert _overrides_recorded(database, "csv: two.csv") == _overrides_recorded(
        database, "csv: one.csv"
    )
    assert bool(_overrides_recorded(database, "csv: two.csv")) == include_opted_out
    # The helper wrote parts of it, and its pages showed in the progress.
    (helper,) = _RecordedHelper.made
    assert helper.wrote and helper.failure is None
    assert seen == sorted(seen) and seen[-1] == two_result.contacts
    assert max(b - a for a, b in itertools.pairwise(seen)) > 7
    assert helper.process.returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["one.csv", "two.csv"]


def test_the_helper_imports_only_the_standard_library_and_the_csv_formatting() -> None:
    """Its start is what makes two processes pay (~40 ms, not ~0.9 s with SQLAlchemy)."""
    code = (
        "import sys, services.csv_helper\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'sqlalchemy', 'sqlmodel', 'pydantic', 'db', 'PySide6', 'phonenumbers'})\n"
        "mine = sorted(m for m in sys.modules if m.startswith('services.'))\n"
        "print(heavy, mine)"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert shown == "[] ['services.csv_helper', 'services.sheet_csv']"


def test_csv_in_two_processes_reads_one_state_whatever_is_committed_meanwhile(
    sqlite_roster: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both processes read the state of the export's start: a commit by another connection
    while they write (contacts added, deleted, renamed at both ends) is in neither part."""
    database = sqlite_roster
    out = _two_processes(database, tmp_path, monkeypatch)
    before = out / "before.csv"
    _one_process_csv(database, before, monkeypatch)
    with database.session(write=False) as session:
        ids = session.scalars(
            select(col(Contact.id))
            .where(col(Contact.deleted_at).is_(None))
            .order_by(col(Contact.id))
        ).all()
    first, last = ids[0], ids[-1]

    def commit_elsewhere() -> None:
        other = open_database(database.url, upgrade=False)
        try:
            with other.session() as session:
                for contact in session.scalars(
                    select(Contact).where(col(Contact.id).in_([first, ids[1], last]))
                ):
                    if contact.id == ids[1]:
                        contact.name_en = "Renamed meanwhile"
                    else:
                        contact.deleted_at = datetime.now(UTC)
            _add_contact(other, name_en="Added meanwhile")
        finally:
            other.dispose()

    committer = threading.Thread(target=commit_elsewhere)
    seen: list[tuple[int, bool]] = []

    def commit_while_exporting(done: int, total: int | None) -> bool:
        if done and committer.ident is None:
            committer.start()
        if committer.ident is not None:
            committer.join(10)  # it commits while both processes read (no lock held)
            _until_the_helper_wrote_a_part()
        seen.append((done, committer.ident is not None and not committer.is_alive()))
        return True

    during = out / "during.csv"
    result = export_contact_sheet(database, "csv", during, progress=commit_while_exporting)
    committer.join()
    assert any(committed for done, committed in seen if done < result.contacts), seen
    assert _RecordedHelper.made[0].wrote  # the helper wrote parts after the commit
    assert during.read_bytes() == before.read_bytes()
    after = out / "after.csv"
    export_contact_sheet(database, "csv", after)
    text = after.read_text(encoding="utf-8-sig")
    assert "Renamed meanwhile" in text and "Added meanwhile" in text
    assert f",{first}\r\n" not in text and f",{last}\r\n" not in text


def test_cancelling_a_csv_in_two_processes_leaves_no_file_and_no_helper(
    sqlite_roster: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = sqlite_roster
    out = _two_processes(database, tmp_path, monkeypatch)
    target = out / "sheet.csv"
    target.write_bytes(b"the previous export")
    calls: list[int] = []

    def cancel_after_the_first_page(done: int, total: int | None) -> bool:
        # Called once before the first page and after each page this process writes; it
        # always writes the first part (the helper takes parts from the back). A third
        # call never came when the helper, started from a running fork server, took every
        # other part before this process had written its second page.
        calls.append(done)
        time.sleep(0.02)
        return len(calls) < 2

    with pytest.raises(ExportCancelled):
        export_contact_sheet(database, "csv", target, progress=cancel_after_the_first_page)
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in out.iterdir()] == [target.name]
    (helper,) = _RecordedHelper.made
    assert helper.process.returncode is not None  # stopped and reaped


def test_a_helper_that_dies_leaves_its_parts_to_this_process(
    sqlite_roster: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Killed midway, the parts it took and did not finish are written here: the same file."""
    database = sqlite_roster
    out, one = _with_one_process_csv(database, tmp_path, monkeypatch)

    def kill_helper(done: int, total: int | None) -> bool:
        helper = _RecordedHelper.made[0]
        if done and helper.process.poll() is None:
            helper.process.kill()
            helper.process.wait()
        time.sleep(0.01)
        return True

    two = out / "two.csv"
    export_contact_sheet(database, "csv", two, progress=kill_helper)
    assert two.read_bytes() == one.read_bytes()
    assert "helper process failed" in caplog.text
    assert sorted(p.name for p in out.iterdir()) == ["one.csv", "two.csv"]


def test_an_error_in_the_helper_leaves_its_parts_to_this_process(
    sqlite_roster: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The helper cannot open its scratch file: the export is written here, and its
    traceback logged."""
    database = sqlite_roster
    out, one = _with_one_process_csv(database, tmp_path, monkeypatch)
    start = exports._Helper.start

    def unopenable(self: exports._Helper, job: dict[str, Any], parts: Any) -> None:
        self.scratch = self.scratch / "no such folder" / "scratch"
        start(self, job, parts)

    monkeypatch.setattr(exports._Helper, "start", unopenable)
    two = out / "two.csv"
    export_contact_sheet(database, "csv", two, progress=_slowly([]))
    assert two.read_bytes() == one.read_bytes()
    assert "NotADirectoryError" in caplog.text
    assert sorted(p.name for p in out.iterdir()) == ["one.csv", "two.csv"]


def test_a_csv_export_runs_alone_when_the_helper_is_late_or_a_writer_holds_the_lock(
    sqlite_roster: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = sqlite_roster
    out, one = _with_one_process_csv(database, tmp_path, monkeypatch)
    # A helper that has not begun reading in time is stopped; writers were held up no longer.
    monkeypatch.setattr(exports, "HELPER_READY_SECONDS", 0)
    late = out / "late.csv"
    export_contact_sheet(database, "csv", late)
    assert late.read_bytes() == one.read_bytes()
    (helper,) = _RecordedHelper.made
    assert not helper.wrote and helper.process.returncode is not None
    # Another writer holds SQLite's write lock (an import): no helper, no waiting for it.
    writer = sqlite3.connect(str(database.url.database), isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        locked = out / "locked.csv"
        export_contact_sheet(database, "csv", locked)
    finally:
        writer.close()
    assert locked.read_bytes() == one.read_bytes()
    assert len(_RecordedHelper.made) == 1


def test_the_helper_is_this_copy_whatever_the_working_folder_or_environment_hold(
    sqlite_roster: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``python -m`` would import a ``services`` package of the working folder first."""
    database = sqlite_roster
    out, one = _with_one_process_csv(database, tmp_path, monkeypatch)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "services").mkdir(parents=True)
    (elsewhere / "services" / "__init__.py").write_text('raise SystemExit("not ours")\n')
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("PYTHONPATH", str(elsewhere))
    two = out / "two.csv"
    export_contact_sheet(database, "csv", two, progress=_slowly([]))
    assert two.read_bytes() == one.read_bytes()
    (helper,) = _RecordedHelper.made
    assert helper.wrote and helper.failure is None


def test_an_unwritable_target_is_refused_before_two_processes_lock_anything(
    sqlite_roster: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = sqlite_roster
    out = _two_processes(database, tmp_path, monkeypatch)
    with pytest.raises(InputRejected, match="cannot be written"):
        export_contact_sheet(database, "csv", out / "no" / "such" / "dir.csv")
    with pytest.raises(InputRejected, match="is a folder"):
        export_contact_sheet(database, "csv", out)
    assert _RecordedHelper.made == []
    # Nothing holds SQLite's write lock: another connection writes at once.
    writer = sqlite3.connect(str(database.url.database), timeout=0, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    assert list(out.iterdir()) == []


def test_writers_wait_for_the_helper_to_begin_not_for_the_export_to_prepare(
    sqlite_roster: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write lock is let go once both processes read (~50 ms), not after this process
    has counted the columns and cut the parts (a second or so at a million contacts)."""
    database = sqlite_roster
    out, one = _with_one_process_csv(database, tmp_path, monkeypatch)
    most_values = exports._most_values
    wrote: list[str] = []

    def write_meanwhile(connection: Any, selection: Any) -> tuple[int, int]:
        assert _RecordedHelper.made[0].ready.wait(30)
        writer = sqlite3.connect(str(database.url.database), timeout=5, isolation_level=None)
        try:
            writer.execute("BEGIN IMMEDIATE")  # waits for the lock, 5 s at most
            writer.execute("UPDATE contact SET notes = 'written meanwhile' WHERE id = 1")
            writer.execute("COMMIT")
            wrote.append("yes")
        finally:
            writer.close()
        return most_values(connection, selection)

    monkeypatch.setattr(exports, "_most_values", write_meanwhile)
    two = out / "two.csv"
    export_contact_sheet(database, "csv", two)
    assert wrote == ["yes"]
    assert two.read_bytes() == one.read_bytes()  # the state before that write
    assert "written meanwhile" not in two.read_text(encoding="utf-8-sig")
    after = out / "after.csv"
    _one_process_csv(database, after, monkeypatch)
    assert "written meanwhile" in after.read_text(encoding="utf-8-sig")


def test_csv_in_two_processes_from_and_to_a_chinese_named_folder(
    sqlite_roster: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database's path goes to the helper on its command line, the scratch file's in
    its JSON job: both as the user's folder names them."""
    out, one = _with_one_process_csv(sqlite_roster, tmp_path, monkeypatch)
    folder = tmp_path / "陳大文 的 文件"
    folder.mkdir()
    source = sqlite3.connect(str(sqlite_roster.url.database))
    copy = sqlite3.connect(str(folder / "通訊錄.sqlite"))
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    database = open_database(f"sqlite:///{folder / '通訊錄.sqlite'}", upgrade=False)
    try:
        target = folder / "聯絡人.csv"
        export_contact_sheet(database, "csv", target, progress=_slowly([]))
    finally:
        database.dispose()
    assert target.read_bytes() == one.read_bytes()
    (helper,) = _RecordedHelper.made
    assert helper.wrote and helper.failure is None
    assert not [p.name for p in folder.iterdir() if p.suffix == ".part"]  # no scratch left
    assert [p.name for p in out.iterdir()] == ["one.csv"]
