"""Reading contact files: CSV in four encodings, Google and Outlook CSV, XLSX, vCard 2.1/3.0/4.0.

Every reader is checked with exact expectations; every malformed file is refused with a
report that names the file, the line or card, the value and a suggestion.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import vobject

from services.contact_files import (
    CONTACT_FIELDS,
    ContactSource,
    guess_mapping,
    open_contact_file,
)
from services.contact_rows import IncomingContact, IncomingValue
from services.problems import InputRejected, Severity
from services.release_parser import split_honorific

DATA = Path(__file__).parent / "data" / "contacts"


def _rows(path: Path | str, **kwargs: object) -> tuple[ContactSource, list[IncomingContact]]:
    source = open_contact_file(path, **kwargs)  # type: ignore[arg-type]
    return source, list(source.rows())


def _values(values: list[IncomingValue]) -> list[tuple[str, str]]:
    return [(v.text, v.type) for v in values]


# --- CSV in every encoding ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("media_list.utf8.csv", "utf-8", ","),
        ("media_list.utf8-bom.csv", "utf-8", ","),
        ("media_list.utf16.txt", "utf-16-le", "\t"),
        ("media_list.big5hkscs.csv", "big5hkscs", ","),
    ],
)
def test_traditional_chinese_media_list_in_each_encoding(
    name: str, encoding: str, delimiter: str
) -> None:
    source, rows = _rows(DATA / name)
    assert (source.kind, source.encoding, source.delimiter) == ("csv", encoding, delimiter)
    assert source.columns == ["姓名", "英文姓名", "機構", "職位", "電話", "手提", "電郵", "備註"]
    assert source.mapping == {
        "姓名": "name",
        "英文姓名": "name_en",
        "機構": "organization",
        "職位": "title",
        "電話": "phone",
        "手提": "phone:mobile",
        "電郵": "email",
        "備註": "notes",
    }
    wong, wan, chan = rows
    assert wong.where == f"{name} line 2"
    assert (wong.name_zh, wong.name_en) == ("黃嘉琪", "June Wong")
    assert (wong.organization_zh, wong.title_zh) == ("愛德曼國際公關公司", "客戶總監")
    assert _values(wong.phones) == [("+852 3756 8623", ""), ("6986 5822", "mobile")]
    assert [p.label for p in wong.phones] == ["電話", "手提"]
    assert _values(wong.emails) == [
        ("June.Wong@edelman.com", ""),
        ("Edelmanhkstppr@edelman.com", ""),
    ]
    assert wong.notes == 'Prefers WhatsApp, not calls; "urgent" only\nsecond line'
    # The record above spans two physical lines, so the next starts on line 4.
    assert wan.where == f"{name} line 4"
    assert _values(wan.phones) == [("+852 2629 2329 / +852 2629 2330", "")]
    assert (chan.where, chan.name_zh, chan.organization_zh, chan.title_zh) == (
        f"{name} line 6",
        "陳大文",
        "明報",
        "記者",
    )
    assert chan.phones == [] and chan.emails == []
    (skipped,) = source.problems
    assert skipped.severity == Severity.WARNING
    assert (skipped.where, skipped.value) == (f"{name} line 7", "只有備註")


def test_gb18030_simplified_chinese_semicolon_delimited() -> None:
    source, rows = _rows(DATA / "media_list.gb18030.csv")
    assert (source.encoding, source.delimiter) == ("gb18030", ";")
    assert source.problems == []
    wong, xiong = rows
    assert (wong.name_zh, wong.organization_zh, wong.title_zh) == (
        "黄嘉琪",
        "爱德曼国际公关公司",
        "客户总监",
    )
    assert _values(wong.emails) == [
        ("June.Wong@edelman.com", ""),
        ("Edelmanhkstppr@edelman.com", ""),
    ]
    assert wong.notes == "Prefers WhatsApp; not calls\nsecond line"
    assert (xiong.where, xiong.name_en) == ("media_list.gb18030.csv line 4", "Miaomiao Xiong")
    assert _values(xiong.phones) == [("+86 151 2004 9549", "mobile")]


def test_google_contacts_csv_with_typed_pairs_and_multi_values() -> None:
    source, rows = _rows(DATA / "google_contacts.csv")
    assert source.mapping["Phone 1 - Value"] == "phone_value:1"
    assert source.mapping["E-mail 2 - Label"] == "email_type:2"
    june, wong = rows
    # Nickname and Birthday map to no field, but are empty in every record: nothing lost.
    assert source.problems == []
    assert (june.name_en, june.organization_en, june.title_en) == (
        "June Wong",
        "Edelman",
        "Account Director",
    )
    assert _values(june.phones) == [
        ("+852 3756 8623", "work"),
        ("+852 6986 5822", "mobile"),
        ("+852 6986 5823", "mobile"),
    ]
    assert _values(june.emails) == [
        ("June.Wong@edelman.com", "work"),
        ("Edelmanhkstppr@edelman.com", "other"),
    ]
    assert june.tags == ["Press", "Agency"]
    assert june.notes == "Met at the MoU signing, 1 Dec"
    assert (wong.name_zh, wong.name_en, wong.organization_zh) == ("黃嘉琪", None, "愛德曼")
    assert _values(wong.phones) == [("+852 3756 8600", "fax")]


def test_google_contacts_legacy_csv() -> None:
    _, (wan,) = _rows(DATA / "google_contacts_legacy.csv")
    assert wan.name_en == "Angela Wan"
    assert wan.organization_en == "Hong Kong Science and Technology Parks Corporation"
    assert wan.title_en == "Communications Manager"
    assert _values(wan.phones) == [("+852 2629 2329", "work")]
    assert _values(wan.emails) == [("angela.wan@hkstp.org", "work")]
    assert wan.tags == ["HKSTP"]


def test_outlook_csv() -> None:
    source, (june,) = _rows(DATA / "outlook_contacts.csv")
    assert source.mapping["Title"] == "honorific"  # Outlook's "Title" is Mr/Ms
    assert source.mapping["Job Title"] == "title"
    assert (june.honorific, june.name_en, june.title_en, june.organization_en) == (
        "Ms.",
        "June Wong",
        "Account Director",
        "Edelman",
    )
    assert _values(june.phones) == [
        ("+852 3756 8623", "work"),
        ("+852 6986 5822", "mobile"),
        ("+852 3756 8600", "fax"),
    ]
    assert _values(june.emails) == [
        ("June.Wong@edelman.com", ""),
        ("Edelmanhkstppr@edelman.com", "other"),
    ]
    assert june.notes == "Line one\nLine two"
    assert june.tags == ["Press", "Agency"]
    # Department holds a value no field takes; Suffix is empty, and Outlook's own e-mail
    # type and display name ("June Wong (June.Wong@…)") are its bookkeeping.
    (department,) = source.problems
    assert (department.where, department.field, department.value) == (
        "outlook_contacts.csv line 2",
        "Department",
        "PR",
    )
    assert department.severity is Severity.WARNING
    assert department.message == (
        "The column 'Department' matches no contact field, so its values are not imported "
        "(this is the first record with one)."
    )
    assert department.suggestion is not None and "import dialog" in department.suggestion


def test_unmapped_columns_are_reported_where_they_first_hold_a_value(tmp_path: Path) -> None:
    """An Outlook export has ~90 columns, most of them empty or holding what Outlook writes
    by itself (Birthday 0/0/00, Sensitivity Normal): the warning listed every one of them
    by name, so the column that did hold something was lost among them."""
    path = tmp_path / "outlook.csv"
    header = "First Name,Last Name,Birthday,Gender,Sensitivity,Web Page,Spouse,Mobile Phone\n"
    path.write_text(
        header
        + "June,Wong,0/0/00,Unspecified,Normal,,,6986 5822\n"
        + "Ka Yan,Chan,0/0/00,Female,Normal,,,9123 4567\n"
        + "Tai Man,Chan,12/3/1980,Unspecified,Normal,https://example.hk/chan,,6123 4567\n"
        + "Angela,Wan,0/0/00,Unspecified,Normal,https://hkstp.org,,2629 2329\n",
        encoding="utf-8",
    )
    source, rows = _rows(path)
    assert [r.name_en for r in rows] == ["June Wong", "Ka Yan Chan", "Tai Man Chan", "Angela Wan"]
    assert [(p.where, p.field, p.value) for p in source.problems] == [
        ("outlook.csv line 4", "Birthday", "12/3/1980"),
        ("outlook.csv line 3", "Gender", "Female"),
        ("outlook.csv line 4", "Web Page", "https://example.hk/chan"),
    ]
    assert {p.severity for p in source.problems} == {Severity.WARNING}


def test_guess_mapping_knows_our_google_outlook_and_chinese_headers() -> None:
    assert guess_mapping(["Name (Chinese)", "Phone 2 Type", "Phone 2", "E-mail 1", "ID"]) == {
        "Name (Chinese)": "name_zh",
        "Phone 2 Type": "phone_type:2",
        "Phone 2": "phone_value:2",
        "E-mail 1": "email_value:1",
        "ID": "uid",
    }
    assert guess_mapping(
        ["流動電話", "傳真", "中文姓名", "公司", "Mobile 2", "Favourite colour"]
    ) == {
        "流動電話": "phone:mobile",
        "傳真": "phone:fax",
        "中文姓名": "name_zh",
        "公司": "organization",
        "Mobile 2": "phone:mobile",
        "Favourite colour": "ignore",
    }
    assert all(f in CONTACT_FIELDS for f in ("name", "phone:mobile", "email:work", "ignore"))


_OUTLOOK_ZH_HEADER = (
    "稱謂,名字,中間名,姓氏,後置稱謂,公司,部門,職稱,商務傳真,商務電話,商務電話 2,公司代表線,"
    "住家電話,行動電話,電子郵件地址,電子郵件 2 地址,附註\r\n"
)
_OUTLOOK_ZH_ROW = (
    "先生,大文,,陳,,明報,港聞,首席記者,2898 3783,2595 3111,2595 3112,2595 3000,"
    "2345 6789,9123 4567,taiman.chan@mingpao.com,news@mingpao.com,出席費用 €50\r\n"
)


@pytest.mark.parametrize(("encoding", "read_as"), [("utf-8-sig", "utf-8"), ("cp950", "cp950")])
def test_outlook_csv_from_a_traditional_chinese_windows(
    tmp_path: Path, encoding: str, read_as: str
) -> None:
    """Outlook's export on a Chinese Windows: Chinese headers, 名字 the given name beside
    姓氏, and in Windows' Big5 (cp950), which Big5-HKSCS refuses for its €."""
    path = tmp_path / "outlook.csv"
    path.write_bytes((_OUTLOOK_ZH_HEADER + _OUTLOOK_ZH_ROW).encode(encoding))
    source, (chan,) = _rows(path)
    assert source.encoding == read_as
    assert source.mapping["名字"] == "given_name"
    assert source.mapping["姓氏"] == "family_name"
    assert (chan.name_zh, chan.honorific, chan.title_zh, chan.organization_zh) == (
        "陳大文",
        "先生",
        "首席記者",
        "明報",
    )
    assert _values(chan.phones) == [
        ("2898 3783", "fax"),
        ("2595 3111", "work"),
        ("2595 3112", "work"),
        ("2595 3000", "work"),
        ("2345 6789", "home"),
        ("9123 4567", "mobile"),
    ]
    assert _values(chan.emails) == [("taiman.chan@mingpao.com", ""), ("news@mingpao.com", "other")]
    assert chan.notes == "出席費用 €50"


def test_headers_in_both_languages_and_with_a_number_sign() -> None:
    assert guess_mapping(
        ["姓名 Name", "機構\nOrganisation", "電話 Tel", "Email 電郵", "Tel No.", "Mobile No.",
         "Fax No.", "手提號碼"]
    ) == {
        "姓名 Name": "name",
        "機構\nOrganisation": "organization",
        "電話 Tel": "phone",
        "Email 電郵": "email",
        "Tel No.": "phone",
        "Mobile No.": "phone:mobile",
        "Fax No.": "phone:fax",
        "手提號碼": "phone:mobile",
    }  # fmt: skip
    assert guess_mapping(["聯絡人姓名", "傳媒機構"]) == {
        "聯絡人姓名": "name",
        "傳媒機構": "organization",
    }
    # The halves naming two different fields: neither is guessed.
    assert guess_mapping(["姓名 Phone"]) == {"姓名 Phone": "ignore"}


def test_a_second_column_for_a_one_value_field_is_not_run_into_the_first() -> None:
    """機構 then 媒體 (the outlet, then its kind) made 「明報 報章」; Title beside Position
    is Mr/Ms, as in Outlook."""
    assert guess_mapping(["姓名", "機構", "媒體", "電話", "手提", "電話"]) == {
        "姓名": "name",
        "機構": "organization",
        "媒體": "ignore",
        "電話": "phone",
        "手提": "phone:mobile",
    }
    assert guess_mapping(["Name", "Title", "Position", "Organisation", "Media"]) == {
        "Name": "name",
        "Title": "honorific",
        "Position": "title",
        "Organisation": "organization",
        "Media": "ignore",
    }


def test_an_outlook_exchange_address_is_one_value_refused_as_one(tmp_path: Path) -> None:
    """Outlook exports a colleague on the same Exchange server as an X.500 name; it was cut
    at its spaces into seven 'addresses', each refused."""
    from services.value_checks import validate_email_text

    x500 = "/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=ab12-kylee"
    path = tmp_path / "outlook.csv"
    path.write_text(
        '"First Name","Last Name","E-mail Address","E-mail Type","E-mail 2 Address"\n'
        f'"Ka Yan","Lee","{x500}","EX","kayan_lee@isd.gov.hk"\n',
        encoding="utf-8",
    )
    _, (lee,) = _rows(path)
    assert [v.text for v in lee.emails] == [x500, "kayan_lee@isd.gov.hk"]
    address, (problem,) = validate_email_text(x500, where="outlook.csv line 2")
    assert address is None
    assert "Exchange address" in problem.message and problem.severity is Severity.ERROR


def test_a_given_mapping_replaces_the_guess(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Who,Digits,Where\nJune Wong,6986 5822,Edelman\n", encoding="utf-8")
    with pytest.raises(InputRejected):
        open_contact_file(path)  # nothing in the header names a contact column
    mapping = {"Who": "name", "Digits": "phone:mobile", "Where": "organization"}
    source, (june,) = _rows(path, mapping=mapping)
    assert source.mapping == mapping
    assert (june.name_en, june.organization_en) == ("June Wong", "Edelman")
    assert _values(june.phones) == [("6986 5822", "mobile")]
    with pytest.raises(InputRejected, match="not a contact field"):
        open_contact_file(path, mapping={"Who": "nickname"})


def test_a_title_row_above_the_header_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Media list — MoU signing,,\n,,\nName,Phone,E-mail\nJune Wong,,j@x.hk\n")
    source, (june,) = _rows(path)
    assert source.columns == ["Name", "Phone", "E-mail"]
    assert (june.where, june.name_en) == ("list.csv line 4", "June Wong")


def test_one_name_cell_with_both_scripts_is_split(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("Name,Company\n陳大文 Chan Tai Man,明報 Ming Pao\n", encoding="utf-8")
    _, (chan,) = _rows(path)
    assert (chan.name_zh, chan.name_en) == ("陳大文", "Chan Tai Man")
    assert chan.organization_zh == "明報 Ming Pao"


def test_our_formula_neutraliser_is_undone_on_import(tmp_path: Path) -> None:
    path = tmp_path / "ours.csv"
    path.write_text("Name (English),Notes\n'=Wong,'-- see file\n", encoding="utf-8")
    _, (row,) = _rows(path)
    assert (row.name_en, row.notes) == ("=Wong", "-- see file")


def test_large_csv_streams_and_refuses_a_bad_record_late(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    line = "陳大文,+852 6986 5822,chan@example.com,{}\n"
    with path.open("w", encoding="utf-8") as stream:
        stream.write("姓名,電話,電郵,備註\n")
        for n in range(120_000):
            stream.write(line.format(n))
        stream.write("Wong, June,1,2,3\n")
    assert path.stat().st_size > 5 * 1024 * 1024  # past text_files' whole-file limit
    source = open_contact_file(path)
    assert source.encoding == "utf-8"
    hint = source.count_hint()
    assert hint is not None and 100_000 < hint < 140_000
    rows = source.rows()
    first = next(rows)
    assert (first.where, first.notes) == ("big.csv line 2", "0")
    with pytest.raises(InputRejected) as refused:
        for _ in rows:
            pass
    assert refused.value.problems[0].where == "big.csv line 120002"


# --- XLSX ------------------------------------------------------------------------------------


def test_xlsx_with_numbers_for_phones_and_a_title_row(tmp_path: Path) -> None:
    path = tmp_path / "media.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Media list 傳媒名單"])
    sheet.append(["姓名", "英文姓名", "機構", "手提", "電郵", "標籤"])
    sheet.append(
        ["黃嘉琪", "June Wong", "愛德曼國際公關公司", 69865822, "June.Wong@edelman.com", "TV, 科技"]
    )
    sheet.append([None, None, None, None, None, None])
    sheet.append(["熊苗苗", None, "地平線", "+86 151 2004 9549", None, None])
    sheet.append([None, None, None, None, None, "只有標籤"])
    workbook.save(path)
    source, (wong, xiong) = _rows(path)
    assert (source.kind, source.columns[0]) == ("xlsx", "姓名")
    assert (wong.where, wong.name_zh, wong.name_en) == ("media.xlsx row 3", "黃嘉琪", "June Wong")
    assert _values(wong.phones) == [("69865822", "mobile")]
    assert wong.tags == ["TV", "科技"]
    assert (xiong.where, _values(xiong.phones)) == (
        "media.xlsx row 5",
        [("+86 151 2004 9549", "mobile")],
    )
    (skipped,) = source.problems
    assert skipped.where == "media.xlsx row 6"


def test_xlsx_unmapped_column_reported_where_it_first_holds_a_value(tmp_path: Path) -> None:
    path = tmp_path / "media.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["姓名", "手提", "生日", "網頁"])
    sheet.append(["黃嘉琪", 69865822, None, None])
    sheet.append(["熊苗苗", "+86 151 2004 9549", "5月1日", None])
    workbook.save(path)
    source, rows = _rows(path)
    assert len(rows) == 2
    (birthday,) = source.problems
    assert (birthday.where, birthday.field, birthday.value) == (
        "media.xlsx row 3",
        "生日",
        "5月1日",
    )


def test_xlsx_every_sheet_with_a_header_is_read_and_the_others_are_reported(
    tmp_path: Path,
) -> None:
    """A press office keeps a sheet per kind of outlet, often after a cover sheet; only the
    first sheet was read (or, after a cover sheet, the file was refused)."""
    path = tmp_path / "press.xlsx"
    workbook = openpyxl.Workbook()
    cover = workbook.active
    assert cover is not None
    cover.title = "說明"
    cover.append(["本名單只供內部使用"])
    papers = workbook.create_sheet("報章")
    papers.append(["姓名", "機構", "電話", None])
    papers.append([None, None, "辦公室", "手提"])
    papers.append(["陳大文", "明報", 25953111, 91234567])
    tv = workbook.create_sheet("電視台")
    tv.append(["Name", "Outlet", "Mobile"])
    tv.append(["Lai Chi Keung", "TVB", "6123 4567"])
    workbook.create_sheet("空白")
    workbook.save(path)
    source, (chan, lai) = _rows(path)
    # 電話 over 「辦公室 | 手提」: a header of two rows, the second naming each column.
    assert source.columns == ["姓名", "機構", "電話 (辦公室)", "電話 (手提)"]
    assert (chan.where, chan.name_zh, chan.organization_zh) == (
        "press.xlsx [報章] row 3",
        "陳大文",
        "明報",
    )
    assert [(v.text, v.label) for v in chan.phones] == [
        ("25953111", "電話 (辦公室)"),
        ("91234567", "電話 (手提)"),
    ]
    assert (lai.where, lai.name_en, _values(lai.phones)) == (
        "press.xlsx [電視台] row 2",
        "Lai Chi Keung",
        [("6123 4567", "mobile")],
    )
    by_where = {p.where: p for p in source.problems}
    assert by_where["press.xlsx [說明] row 1"].severity is Severity.WARNING
    assert "'說明' was not imported" in by_where["press.xlsx [說明] row 1"].message
    assert not any("空白" in p.where for p in source.problems)


# --- vCard -----------------------------------------------------------------------------------


def test_card_markers_in_any_case_and_spacing_start_and_end_cards(tmp_path: Path) -> None:
    """BEGIN:VCARD and END:VCARD as hand-edited files and old exporters write them: in
    any case, spaced around the colon and after; an EMAIL line (also starting with E)
    stays a property. (A line starting with a space continues the line before it.)"""
    path = tmp_path / "loose.vcf"
    path.write_text(
        "begin:vcard\nVERSION:3.0\nFN:June Wong\nEMAIL:june@example.com\nend:vcard\n"
        "Begin : VCard \nVERSION:3.0\nFN:Ka Yan Chan\neMail:kayan@example.com\n"
        "End:VCARD  \n",
        encoding="utf-8",
    )
    _, cards = _rows(path)
    assert [(c.name_en, [e.text for e in c.emails]) for c in cards] == [
        ("June Wong", ["june@example.com"]),
        ("Ka Yan Chan", ["kayan@example.com"]),
    ]


def test_an_organisations_own_card_is_a_shared_contact_not_a_nameless_person(
    tmp_path: Path,
) -> None:
    path = tmp_path / "desks.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:香港電台\r\nORG:香港電台\r\n"
        "TEL;VALUE=uri;TYPE=work:tel:+852-2339-6300\r\nEMAIL:news@rthk.hk\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:Ming Pao News Desk\r\n"
        "ORG:Ming Pao\r\nX-ABShowAs:COMPANY\r\nTEL;type=WORK:2595 3111\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sing Tao\r\nORG:Sing Tao\r\n"
        "TEL;type=WORK:2798 2323\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    _, cards = _rows(path)
    assert [
        (c.kind, c.name_zh, c.name_en, c.organization_zh or c.organization_en) for c in cards
    ] == [
        ("mailbox", None, None, "香港電台"),
        ("mailbox", None, "Ming Pao News Desk", "Ming Pao"),
        ("mailbox", None, None, "Sing Tao"),
    ]


@pytest.mark.parametrize(
    ("name", "bare", "honorific"),
    [
        ("陳大文先生", "陳大文", "先生"),
        ("李嘉欣小姐", "李嘉欣", "小姐"),
        ("Ms. June Wong", "June Wong", "Ms"),
        ("Dr Alan Lam", "Alan Lam", "Dr"),
        ("June Wong", "June Wong", None),
        ("陳大文", "陳大文", None),
        ("Mr", "Mr", None),  # nothing left: not a name with an honorific
        ("Mrs Tang Catering Ltd", "Mrs Tang Catering Ltd", None),  # more than a name
        # Hon is also a surname (韓): a name, not the Honourable.
        ("Hon Wai Ming", "Hon Wai Ming", None),
        ("Mr Hon Chi Keung", "Hon Chi Keung", "Mr"),
        ("總監陳大文先生", "總監陳大文先生", None),  # a title in it: left for the officer
    ],
)
def test_split_honorific(name: str, bare: str, honorific: str | None) -> None:
    assert split_honorific(name) == (bare, honorific)


def test_an_honorific_typed_into_a_name_gets_its_own_field(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text(
        "姓名,機構,稱謂,電話\n陳大文先生,明報,,2595 3111\n李嘉欣小姐 Ms Lee Ka Yan,香港電台,,2339 6300\n"
        "Mr. Cheung Siu Ming,星島日報,Dr,2798 2323\n",
        encoding="utf-8",
    )
    _, (chan, lee, cheung) = _rows(path)
    assert (chan.name_zh, chan.honorific) == ("陳大文", "先生")
    assert (lee.name_zh, lee.name_en, lee.honorific) == ("李嘉欣", "Lee Ka Yan", "小姐")
    # Another honorific held in the same language: the name keeps its own, for the officer.
    assert (cheung.name_en, cheung.honorific) == ("Mr. Cheung Siu Ming", "Dr")
    card = tmp_path / "june.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Wong;June;;Ms.;\r\nFN:Ms. June Wong\r\n"
        "TEL:+852 6986 5822\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    _, (june,) = _rows(card)
    assert (june.name_en, june.honorific) == ("June Wong", "Ms")


def test_vcard_21_quoted_printable_utf8_big5_and_bare_types() -> None:
    source, (wong, chan) = _rows(DATA / "nokia_21.vcf")
    assert source.kind == "vcard" and source.problems == []
    assert (wong.where, wong.name_zh, wong.organization_zh) == (
        "nokia_21.vcf card 1",
        "黃嘉琪",
        "愛德曼國際公關公司",  # QUOTED-PRINTABLE with a soft line break
    )
    assert _values(wong.phones) == [
        ("+852 6986 5822", "mobile"),
        ("+852 3756 8623", "work"),
        ("+852 3756 8600", "fax"),
    ]
    assert _values(wong.emails) == [("June.Wong@edelman.com", "")]
    assert wong.notes == "First line\nSecond line, with a comma; and a semicolon"
    assert (chan.name_zh, chan.organization_zh) == ("陳大文", "明報")  # CHARSET=BIG5
    assert _values(chan.phones) == [("2345 6789", "home")]
    assert _values(chan.emails) == [("taiman@example.com", "personal")]


def test_vcard_30_apple_labels_escapes_and_folding() -> None:
    _, (wan,) = _rows(DATA / "apple_30.vcf")
    assert (wan.name_en, wan.name_zh, wan.romanisation) == ("Angela Wan", "溫安怡", "Wan On Yi")
    assert wan.organization_en == "Hong Kong Science and Technology Parks Corporation"
    assert wan.title_en == "Manager, Communications"
    assert _values(wan.phones) == [("+852 2629 2329", "work"), ("+852 2629 2330", "mobile")]
    assert _values(wan.emails) == [("angela.wan@hkstp.org", "work"), ("media@hkstp.org", "team")]
    assert wan.tags == ["Tech", "Press, HK"]
    assert wan.notes == (
        "Ask for the deck; embargo until 10:00\n"
        "Second line with a long text that has to be folded across lines by the exporter"
    )
    assert wan.uid == "6D5E1E4A-0B2C-4F3B-9C2D-1A2B3C4D5E6F"


def test_vcard_40_language_altid_and_tel_uris() -> None:
    _, (xiong,) = _rows(DATA / "thunderbird_40.vcf")
    assert (xiong.name_en, xiong.name_zh) == ("Miaomiao Xiong", "熊苗苗")
    assert (xiong.organization_zh, xiong.organization_en) == ("地平線", "Horizon Robotics")
    assert xiong.title_en == "PR Director"
    assert _values(xiong.phones) == [
        ("+86-151-2004-9549", "mobile"),
        ("+86-10-5648-1234;ext=88", "work"),
    ]
    assert _values(xiong.emails) == [("miaomiao.xiong@horizon.cc", "work")]
    assert xiong.uid == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"


@pytest.mark.parametrize("name", ["apple_30.vcf", "thunderbird_40.vcf"])
def test_our_vcard_reader_agrees_with_vobject(name: str) -> None:
    """An independent parser reads the same names, numbers and addresses."""
    _, (ours,) = _rows(DATA / name)
    card = vobject.readOne((DATA / name).read_text(encoding="utf-8"))
    tels = [t.value.removeprefix("tel:") for t in card.contents["tel"]]
    assert [p.text for p in ours.phones] == tels
    assert [e.text for e in ours.emails] == [e.value for e in card.contents["email"]]
    assert card.fn.value in (ours.name_zh, ours.name_en)
    assert card.nickname.value in (ours.name_zh, ours.name_en)


# --- malformed files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "where", "value", "words"),
    [
        ("no_header.csv", "no_header.csv line 1", "黃嘉琪, +852 3756 8623", "no header row"),
        ("ragged.csv", "ragged.csv line 3", "Wong, June,+852", "4 values"),
        ("unclosed_quote.csv", "unclosed_quote.csv line 2", "", "cannot be read as CSV"),
        ("not_a_workbook.xlsx", "not_a_workbook.xlsx", "", "not one"),
        ("no_begin.vcf", "no_begin.vcf line 1", "VERSION:3.0", "no BEGIN:VCARD"),
        ("no_end.vcf", "no_end.vcf card 1", "BEGIN:VCARD (line 1)", "no END:VCARD"),
    ],
)
def test_malformed_files_are_refused_with_a_clear_report(
    name: str, where: str, value: str, words: str
) -> None:
    with pytest.raises(InputRejected) as refused:
        _rows(DATA / name)
    (problem,) = refused.value.problems
    assert problem.severity == Severity.ERROR
    assert problem.where == where
    assert problem.value.startswith(value)
    assert words in problem.message
    assert problem.suggestion
    assert name in refused.value.message


def test_other_refusals(tmp_path: Path) -> None:
    with pytest.raises(InputRejected, match="was not found"):
        open_contact_file(tmp_path / "missing.csv")
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(InputRejected, match="empty"):
        open_contact_file(tmp_path / "empty.csv")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(InputRejected, match=r"old Excel \(\.xls\)"):
        open_contact_file(tmp_path / "old.xls")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputRejected, match="not an Excel workbook"):
        open_contact_file(tmp_path / "broken.xlsx")
    (tmp_path / "blank.csv").write_text(",,\n,,\n")
    with pytest.raises(InputRejected, match="only blank lines"):
        open_contact_file(tmp_path / "blank.csv")


def _rows_as_openpyxl_reads_them(opened: Any, *, nonempty: bool = False) -> list[Any]:
    """(number, values) of the first sheet's rows from row 2, by openpyxl's own reader."""
    return [
        (number, list(values))
        for number, values in enumerate(
            opened.worksheets[0].iter_rows(min_row=2, values_only=True), start=2
        )
        if not nonempty or any(v is not None for v in values)
    ]


def test_xlsx_rows_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    """Our streaming sheet reader gives the values openpyxl's read-only iter_rows gives."""
    from datetime import datetime

    import xlsxwriter
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    from services.contact_files import _open_workbook, _sheet_values

    shared = tmp_path / "shared.xlsx"  # openpyxl writes shared strings
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Phone", "Joined", "Active", "Score"])
    sheet.append(["陳大文", 85291234567, datetime(2024, 5, 1, 9, 30), True, 2.5])
    sheet.append([None, None, None, None, None])
    sheet["A5"] = CellRichText("Chan ", TextBlock(InlineFont(b=True), "Tai Man"))
    sheet["C5"] = "=1+1"
    sheet["E7"] = 'far, "quoted"\nline'
    workbook.save(shared)
    inline = tmp_path / "inline.xlsx"  # XlsxWriter's constant-memory mode: inline strings
    book = xlsxwriter.Workbook(str(inline), {"constant_memory": True})
    ws = book.add_worksheet()
    ws.write_row(0, 0, ["Name", "E-mail"])
    ws.write_row(1, 0, ["黃 <b>&amp;</b>", "a@b.hk"])
    ws.write_number(3, 1, 61234567)
    ws.write_datetime(4, 0, datetime(2023, 1, 2), book.add_format({"num_format": "yyyy-mm-dd"}))
    book.close()
    for path in (shared, inline):
        opened = _open_workbook(path)
        expected = _rows_as_openpyxl_reads_them(opened, nonempty=True)
        ours = [
            (number, values + [None] * (len(expected[0][1]) - len(values)))
            for number, values in _sheet_values(opened, 2, path.name)
            if any(v is not None for v in values)
        ]
        opened.close()
        assert ours == expected


@pytest.mark.parametrize("layout", ["prefixed", "extensions", "small blocks"])
def test_xlsx_sheets_laid_out_otherwise_read_as_openpyxl_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    """Blocks of rows are cut from the XML as written: other writers' layouts still read right."""
    import re
    import zipfile

    from services import contact_files
    from services.contact_files import _open_workbook, _sheet_values

    plain = tmp_path / "plain.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Phone", "E-mail"])
    for n in range(300):
        sheet.append([f"陳{n}文 & <Co>", 85261230000 + n, f"chan{n}@example.com"])
    workbook.save(plain)
    path = tmp_path / f"{layout}.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml" and layout == "prefixed":
                # The main namespace under a prefix, as some generators write it.
                data = data.replace(b'xmlns="', b'xmlns:x="')
                data = re.sub(rb"<(/?)(?!\?)(\w+)([ />])", rb"<\1x:\2\3", data)
            elif item.filename == "xl/worksheets/sheet1.xml" and layout == "extensions":
                # Excel's x14ac attributes on rows, declared on the root only.
                data = data.replace(
                    b"<worksheet ",
                    b'<worksheet xmlns:x14ac="http://schemas.microsoft.com/office/'
                    b'spreadsheetml/2009/9/ac" ',
                ).replace(b"<row ", b'<row x14ac:dyDescent="0.25" ')
            target.writestr(item, data)
    if layout == "small blocks":
        monkeypatch.setattr(contact_files, "_SHEET_BLOCK", 97)

    def event_by_event(source: object) -> None:
        raise AssertionError("read event by event, not in blocks")

    monkeypatch.setattr(contact_files, "_rows_by_events", event_by_event)
    opened = _open_workbook(path)
    try:
        expected = _rows_as_openpyxl_reads_them(opened)
        assert len(expected) == 300 and expected[0][1][0] == "陳0文 & <Co>"
        assert list(_sheet_values(opened, 2, path.name)) == expected
    finally:
        opened.close()


@pytest.mark.parametrize(
    ("cells", "plain"),
    [
        # What writers write: read without the XML parser.
        ('<c r="A2" t="inlineStr"><is><t>陳 &amp; &lt;Co&gt; &#x9EC3;&#40644;</t></is></c>', True),
        ('<c r="A2" s="1" t="inlineStr"><is><t xml:space="preserve"> Wong </t></is></c>', True),
        (
            '<c r="A2" t="str"><f>CONCAT("a","b")</f><v>ab</v></c><c r="C2"><v>85261234567</v></c>',
            True,
        ),
        (
            '<c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><v>#N/A</v></c><c r="C2"/><c r="D2"></c>',
            True,
        ),
        ('<c r="A2" t="inlineStr"><is><t></t></is></c><c r="B2"><v></v></c>', True),
        # Anything else: the block is parsed as XML, as before.
        ('<c r="A2" t="inlineStr"><is><r><t>Chan </t></r><r><t>Tai Man</t></r></is></c>', False),
        ('<c r="A2" t="inlineStr"><is><t>one\r\ntwo</t></is></c>', False),
        ('<c t="inlineStr"><is><t>no reference</t></is></c>', False),
        ('<c r="A2" t="inlineStr"><is><t><![CDATA[<b>]]></t></is></c>', False),
        ('<!-- a comment --><c r="A2" t="inlineStr"><is><t>x</t></is></c>', False),
        ('<c r="A2" t="inlineStr"><is><t>x</t></is><extLst/></c>', False),
    ],
)
def test_xlsx_cells_read_without_the_xml_parser_only_when_they_read_the_same(
    tmp_path: Path, cells: str, plain: bool
) -> None:
    """Sheets as writers write them are read by regular expressions (_CellReader.plain_rows);
    anything those do not read exactly as the XML parser would goes to the parser, and
    either way the values are openpyxl's."""
    import zipfile

    from services.contact_files import _CellReader, _open_workbook, _sheet_values

    made = tmp_path / "made.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "Phone", "E-mail", "Notes"])
    workbook.active.append(["placeholder"])
    workbook.active.append(["Chan Tai Man", "6123 4567"])
    workbook.save(made)
    path = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                start = data.index(b'<row r="2"')
                end = data.index(b"</row>", start)
                row = data[start : data.index(b">", start) + 1]
                data = data[:start] + row + cells.encode() + data[end:]
            target.writestr(item, data)
    opened = _open_workbook(path)
    try:
        expected = _rows_as_openpyxl_reads_them(opened, nonempty=True)
        width = len(expected[0][1])
        ours = [(n, v + [None] * (width - len(v))) for n, v in _sheet_values(opened, 2, "odd")]
        assert ours == expected
        with opened.worksheets[0]._get_source() as sheet_xml:
            xml = sheet_xml.read()
        rows = xml[xml.index(b"<row") : xml.rindex(b"</row>") + 6]
        assert (_CellReader(opened).plain_rows(rows, 0) is not None) is plain
    finally:
        opened.close()


def test_a_large_row_that_the_expressions_do_not_read_fails_them_at_once() -> None:
    """A row's cells are matched atomically: a row that does not match is given up in one
    pass, not after trying every other reading of the cells before its end (without the
    atomic groups, a row of 100 cells and a broken end did not finish in two minutes; the
    suite's timeout fails this test if that comes back)."""
    from services.contact_files import _PLAIN_ROW

    cells = "".join(f'<c r="A{n}" t="inlineStr"><is><t>Chan</t></is></c>' for n in range(5000))
    good = f'<row r="1">{cells}</row>\n<row r="2"/>'
    assert sum(len(whole) for whole, _, _ in _PLAIN_ROW.findall(good)) == len(good)
    broken = f'<row r="1">{cells}<junk/></row>'
    assert sum(len(whole) for whole, _, _ in _PLAIN_ROW.findall(broken)) < len(broken)


def _fifty_rows_with_the_sheet_edited(
    tmp_path: Path, name: str, edit: Callable[[bytes], bytes]
) -> Path:
    """A workbook of 50 contacts under a header, its sheet's XML changed by ``edit``."""
    import zipfile

    plain = tmp_path / "plain.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "Phone"])
    for n in range(50):
        workbook.active.append([f"Chan {n}", f"6123 {n:04d}"])
    workbook.save(plain)
    edited = tmp_path / name
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(edited, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = edit(data)
            target.writestr(item, data)
    return edited


@pytest.mark.parametrize("text", ["Chan &nbsp; Tai Man", "Chan &#1; Tai Man", "Chan & Co"])
def test_a_worksheet_with_text_xml_does_not_allow_is_refused_at_its_row(
    tmp_path: Path, text: str
) -> None:
    """An entity XML does not define, a character it does not allow, a bare ``&``: the
    parser refuses the sheet and says where, as it did before the regular expressions."""

    def add_a_cell(data: bytes) -> bytes:
        cell = f'<c r="C12" t="inlineStr"><is><t>{text}</t></is></c></row>'.encode()
        start = data.index(b'<row r="12"')
        return data[:start] + data[start:].replace(b"</row>", cell, 1)

    odd = _fifty_rows_with_the_sheet_edited(tmp_path, "odd.xlsx", add_a_cell)
    with pytest.raises(InputRejected, match="worksheet cannot be read") as refused:
        list(open_contact_file(odd).rows())
    assert refused.value.problems[0].where == "odd.xlsx row 12"


def test_a_cell_that_cannot_be_read_is_refused_at_its_row(tmp_path: Path) -> None:
    """A shared string the workbook does not have: refused at that row, in whichever way
    the block was being read."""
    odd = _fifty_rows_with_the_sheet_edited(
        tmp_path,
        "odd.xlsx",
        lambda data: data.replace(
            b'<row r="40">', b'<row r="40"><c r="C40" t="s"><v>99999</v></c>', 1
        ),
    )
    with pytest.raises(InputRejected, match="worksheet cannot be read") as refused:
        list(open_contact_file(odd).rows())
    assert refused.value.problems[0].where == "odd.xlsx row 40"


def test_a_worksheet_broken_midway_is_refused_at_its_row(tmp_path: Path) -> None:
    broken = _fifty_rows_with_the_sheet_edited(
        tmp_path,
        "broken.xlsx",
        lambda data: data.replace(b'<row r="31"', b'<row r="31"><c r="A31"', 1),
    )
    database_rows = open_contact_file(broken).rows()
    with pytest.raises(InputRejected, match="worksheet cannot be read") as refused:
        list(database_rows)
    assert refused.value.problems[0].where == "broken.xlsx row 31"
