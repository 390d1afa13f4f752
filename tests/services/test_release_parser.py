"""Tests for services.release_parser, on the seed release, our own fixtures and edge cases."""

from __future__ import annotations

import contextlib
import hashlib
from datetime import date
from pathlib import Path

import pytest

from services.problems import InputRejected, Severity
from services.release_parser import (
    ParsedContact,
    ParsedOrganization,
    ParsedRelease,
    ParsedSpokesperson,
    RawValue,
    parse_release,
)
from services.text_files import read_text_file

RELEASES = Path(__file__).parent / "data" / "releases"
BUNDLED_SEED = (
    Path(__file__).parents[2] / "resources" / "releases" / "2023-12-01-hkstp-horizon-mou.txt"
)

W = Severity.WARNING


def parse_fixture(name: str) -> ParsedRelease:
    return parse_release(read_text_file(RELEASES / name).text, source=name)


def problems(release: ParsedRelease) -> list[tuple[Severity, str, str, str, str | None]]:
    return [(p.severity, p.where, p.field, p.value, p.suggestion) for p in release.problems]


def org_named(release: ParsedRelease, name: str) -> ParsedOrganization:
    for org in release.organizations:
        if name in (org.name_zh, org.name_en, org.short_name_zh, org.short_name_en):
            return org
    raise AssertionError(f"no organisation named {name}: {release.organizations}")


# =============================================================================== the seed


@pytest.fixture(scope="module")
def seed() -> ParsedRelease:
    return parse_fixture("seed_hkstp_horizon.txt")


def test_seed_header(seed: ParsedRelease) -> None:
    assert seed.title_zh == "香港科技園公司與地平線簽署合作備忘錄"
    assert seed.subtitle_zh == "設創新研發中心及招聘上百人團隊 推動香港微電子及智能汽車產業發展"
    assert seed.title_en is None
    assert seed.subtitle_en is None
    assert seed.issued_on == date(2023, 12, 1)
    assert seed.place == "香港"
    assert seed.language == "zh"


def test_seed_organisations(seed: ParsedRelease) -> None:
    assert seed.organizations == [
        ParsedOrganization(
            "香港科技園公司", "香港科技園公司", None, "科技園公司", "HKSTP", "issuer",
            "www.hkstp.org", 134,
        ),
        ParsedOrganization("地平線", "地平線", None, None, "Horizon", "issuer", "horizon.cc", 184),
        ParsedOrganization(
            "愛德曼國際公關公司", "愛德曼國際公關公司", None, None, "Edelman", "agency", None, 212
        ),
        ParsedOrganization(
            "創新科技及工業局", "創新科技及工業局", None, None, None, "government", None, 39
        ),
    ]  # fmt: skip
    assert seed.issuer_keys == ["香港科技園公司", "地平線"]


def test_seed_media_contacts(seed: ParsedRelease) -> None:
    assert seed.media_contacts == [
        ParsedContact(
            "香港科技園公司", "person", "溫安怡", "Angela Wan", None, None, None,
            [RawValue("+852 2629 2329", 208, "電話")],
            [RawValue("angela.wan@hkstp.org", 210, "電郵")],
            206,
        ),
        ParsedContact(
            "愛德曼國際公關公司", "person", "黃嘉琪", "June Wong", None, None, None,
            # One raw value: splitting the two numbers is the validator's job.
            [RawValue("+852 3756 8623／6986 5822", 216, "電話")],
            # Raw, trailing slash and all: the validator suggests the fix.
            [RawValue("June.Wong@edelman.com/", 218, "電郵")],
            214,
        ),
        ParsedContact(
            "愛德曼國際公關公司", "mailbox", None, None, None, None, None,
            [],
            [RawValue("Edelmanhkstppr@edelman.com", 220, "")],
            220,
        ),
        ParsedContact(
            "地平線", "person", "熊苗苗", "Miaomiao Xiong", None, None, None,
            [RawValue("+86 15120049549", 226, "電話")],
            [RawValue("miaomiao.xiong@horizon.cc", 228, "電郵")],
            224,
        ),
    ]  # fmt: skip


def test_seed_spokespeople_are_the_quoted_people_each_once(seed: ParsedRelease) -> None:
    assert seed.spokespeople == [
        ParsedSpokesperson("孫東", None, "教授", "創新科技及工業局局長", None, "創新科技及工業局", 39),
        ParsedSpokesperson("查毅超", None, "博士", "香港科技園公司主席", None, "香港科技園公司", 55),
        ParsedSpokesperson("余凱", None, "博士", "地平線始創人兼首席執行官", None, "地平線", 60),
    ]  # fmt: skip
    names = {person.name_zh for person in seed.spokespeople}
    # Witnesses and signatories are named in the body but not quoted.
    assert names.isdisjoint({"容偉雄", "張曼莉", "姚慶良", "陶斐雯"})


def test_seed_guesses_are_warnings_with_the_guess_as_suggestion(seed: ParsedRelease) -> None:
    source = "seed_hkstp_horizon.txt"
    assert problems(seed) == [
        (W, f"{source} line 180", "name_en", "www.hkstp.org", "HKSTP"),
        (W, f"{source} line 198", "name_en", "horizon.cc", "Horizon"),
        (W, f"{source} line 210", "name_en", "angela.wan@hkstp.org", "Angela Wan"),
        (W, f"{source} line 218", "name_en", "June.Wong@edelman.com/", "June Wong"),
        (W, f"{source} line 218", "name_en", "June.Wong@edelman.com/", "Edelman"),
        (W, f"{source} line 228", "name_en", "miaomiao.xiong@horizon.cc", "Miaomiao Xiong"),
    ]
    person_guess = seed.problems[2].message
    assert "inferred from the e-mail address" in person_guess
    assert "should be checked" in person_guess
    assert "guessed from its web address" in seed.problems[0].message


def test_bundled_seed_is_the_same_release(seed: ParsedRelease) -> None:
    bundled = parse_release(read_text_file(BUNDLED_SEED).text, source="seed_hkstp_horizon.txt")
    assert bundled == seed


@pytest.mark.parametrize(
    "name", ["seed_hkstp_horizon.big5hkscs.txt", "seed_hkstp_horizon.utf16be.txt"]
)
def test_seed_in_other_encodings_parses_the_same(seed: ParsedRelease, name: str) -> None:
    other = parse_fixture(name)
    assert other.fingerprint == seed.fingerprint
    assert other.media_contacts == seed.media_contacts
    assert other.spokespeople == seed.spokespeople
    assert other.organizations == seed.organizations


def test_seed_survives_crlf_form_feeds_and_invisible_characters(seed: ParsedRelease) -> None:
    text = (RELEASES / "seed_hkstp_horizon.txt").read_text(encoding="utf-8")
    messy = "\ufeff" + text.replace("\n", "\r\n").replace("\n關於地平線", "\n\f關於\u200b地平線")
    again = parse_release(messy, source="seed_hkstp_horizon.txt")
    assert again == seed


# =============================================================================== fixtures


def test_english_release_with_media_enquiries() -> None:
    release = parse_fixture("en_hk_media_enquiries.txt")
    # The headline was wrapped onto a second line; the subtitle is in sentence case.
    assert release.title_en == (
        "Kowloon Digital Hub and Harbour Robotics Launch HK$200 Million Smart Mobility Lab"
    )
    assert release.subtitle_en == "New lab to train 150 local engineers by 2026"
    assert (release.title_zh, release.subtitle_zh) == (None, None)
    assert (release.issued_on, release.place, release.language) == (
        date(2024, 3, 15), "Hong Kong", "en",
    )  # fmt: skip
    assert release.organizations == [
        ParsedOrganization("kowloon-digital-hub", None, "Kowloon Digital Hub", None, "KDH",
                           "issuer", "www.kdh.org.hk", 29),
        ParsedOrganization("harbour-robotics", None, "Harbour Robotics", None, None, "issuer",
                           "www.harbourrobotics.com", 34),
        ParsedOrganization("lantern-strategic-communications", None,
                           "Lantern Strategic Communications", None, None, "agency", None, 45),
    ]  # fmt: skip
    assert release.issuer_keys == ["kowloon-digital-hub", "harbour-robotics"]
    assert release.media_contacts == [
        ParsedContact("kowloon-digital-hub", "person", None, "Angela Chan", None, None,
                      "Senior Manager, Corporate Communications",
                      [RawValue("+852 3166 3800", 42, "Tel")],
                      [RawValue("angela.chan@kdh.org.hk", 43, "Email")], 40),
        ParsedContact("lantern-strategic-communications", "person", None, "Kelvin Ng", "Mr", None,
                      "Account Director",
                      [RawValue("+852 2114 4950 / +852 9123 4567", 48, "Tel")],
                      [RawValue("kelvin.ng@lanterncomms.com.hk", 49, "Email")], 46),
    ]  # fmt: skip
    # "Dr Ho added ..." is the same Dr Raymond Ho, not a third speaker.
    assert release.spokespeople == [
        ParsedSpokesperson(None, "Raymond Ho", "Dr", None, "Chief Executive Officer of KDH",
                           "kowloon-digital-hub", 18),
        ParsedSpokesperson(None, "Grace Lau", "Ms", None,
                           "Founder and Chief Executive Officer of Harbour Robotics",
                           "harbour-robotics", 22),
    ]  # fmt: skip
    assert release.problems == []


def test_bilingual_release() -> None:
    release = parse_fixture("bilingual_release.txt")
    assert release.title_zh == "九龍數碼樞紐與海港機械人合作設立智慧出行實驗室"
    assert release.subtitle_zh == "三年投資二億港元 培訓 150 名本地工程師"
    assert release.title_en == "Kowloon Digital Hub and Harbour Robotics Set Up Smart Mobility Lab"
    assert release.subtitle_en == "HK$200 million over three years to train 150 local engineers"
    assert (release.issued_on, release.place, release.language) == (
        date(2024, 3, 15), "香港", "bilingual",
    )  # fmt: skip
    # The Chinese and English names of each issuer end up on one organisation: KDH by
    # its web address, Harbour Robotics through its quoted founder.
    assert release.organizations == [
        ParsedOrganization("九龍數碼樞紐", "九龍數碼樞紐", "Kowloon Digital Hub", "數碼樞紐", "KDH",
                           "issuer", "www.kdh.org.hk", 19),
        ParsedOrganization("海港機械人有限公司", "海港機械人有限公司", "Harbour Robotics Limited",
                           "海港機械人", "Harbour Robotics", "issuer", None, 7),
    ]  # fmt: skip
    assert release.issuer_keys == ["九龍數碼樞紐", "海港機械人有限公司"]
    # Listed in both contact blocks with the same e-mail address: one contact.
    assert release.media_contacts == [
        ParsedContact("九龍數碼樞紐", "person", "陳安琪", "Angela Chan", "Ms", "企業傳訊高級經理",
                      "Senior Manager, Corporate Communications",
                      [RawValue("+852 3166 3800", 27, "電話")],
                      [RawValue("angela.chan@kdh.org.hk", 28, "電郵")], 25),
    ]  # fmt: skip
    assert release.spokespeople == [
        ParsedSpokesperson("何志偉", "Raymond Ho", "博士", "數碼樞紐行政總裁",
                           "Chief Executive Officer of KDH", "九龍數碼樞紐", 11),
        ParsedSpokesperson("劉嘉欣", "Grace Lau", "女士", "海港機械人創辦人兼行政總裁",
                           "Founder and Chief Executive Officer of Harbour Robotics",
                           "海港機械人有限公司", 14),
    ]  # fmt: skip
    # Pairing the Chinese and English speakers by their order is a guess: reported.
    assert problems(release) == [
        (W, "bilingual_release.txt line 39", "name_en", "Raymond Ho", "Raymond Ho"),
        (W, "bilingual_release.txt line 42", "name_en", "Grace Lau", "Grace Lau"),
    ]


def test_bilingual_release_in_utf16_parses_the_same() -> None:
    utf8 = parse_fixture("bilingual_release.txt")
    utf16 = parse_fixture("bilingual_release.utf16.txt")
    assert utf16.fingerprint == utf8.fingerprint
    assert utf16.media_contacts == utf8.media_contacts
    assert utf16.spokespeople == utf8.spokespeople
    assert utf16.title_en == utf8.title_en


def test_table_of_contacts() -> None:
    release = parse_fixture("table_contacts_release.txt")
    assert (
        release.title_en == "Harbour University of Science Opens Marine Robotics Centre in Sai Kung"
    )
    assert (release.issued_on, release.place, release.language) == (
        date(2024, 1, 8), "Hong Kong", "en",
    )  # fmt: skip
    assert release.organizations == [
        ParsedOrganization("harbour-university-of-science", None, "Harbour University of Science",
                           None, "HUS", "issuer", "www.hus.edu.hk", 18),
    ]  # fmt: skip
    key = "harbour-university-of-science"
    assert release.media_contacts == [
        ParsedContact(key, "person", None, "Priscilla Yeung", None, None,
                      "Manager, Communications and Public Affairs",
                      # " / " inside the Tel cell: still one raw value.
                      [RawValue("+852 3943 1234 / 6123 4567", 25, "Tel")],
                      [RawValue("priscilla.yeung@hus.edu.hk", 25, "Email")], 25),
        ParsedContact(key, "person", None, "Daniel Tse", None, None,
                      "Assistant Director, Media Relations",
                      [RawValue("+852 3943 5678", 26, "Tel")],
                      [RawValue("daniel.tse@hus.edu.hk", 26, "Email")], 26),
    ]  # fmt: skip
    assert release.spokespeople == [
        ParsedSpokesperson(None, "Helen Kwok", "Professor", None, "Dean of Engineering at HUS",
                           key, 9),
    ]  # fmt: skip
    assert release.problems == []


def test_honorifics_and_single_letter_labels() -> None:
    release = parse_fixture("honorific_labels_release.txt")
    assert release.title_en == "Harbour Robotics Wins Smart City Award for Pier Inspection Robot"
    assert (release.issued_on, release.place) == (date(2023, 12, 1), "Hong Kong")
    porter, harbour = (
        org_named(release, "Porter Novelli Hong Kong"),
        org_named(release, "Harbour Robotics"),
    )
    assert porter.kind == "agency"
    assert harbour.kind == "issuer"
    assert release.media_contacts == [
        # The organisation line comes after the name line here.
        ParsedContact(porter.key, "person", None, "June Wong", "Ms", None, "Account Director",
                      [RawValue("+852 2525 6767", 19, "T"), RawValue("+852 9876 5432", 19, "M")],
                      [RawValue("june.wong@porternovelli.com", 20, "E")], 17),
        # "Head of Communications, Harbour Robotics": the title names the employer.
        ParsedContact(harbour.key, "person", None, "Alan Lam", "Dr", None,
                      "Head of Communications, Harbour Robotics",
                      [RawValue("+852 3000 1111", 24, "T")],
                      [RawValue("alan.lam@harbourrobotics.com", 25, "E")], 22),
    ]  # fmt: skip
    assert release.spokespeople == [
        ParsedSpokesperson(None, "Grace Lau", "Ms", None,
                           "Founder and Chief Executive Officer of Harbour Robotics",
                           harbour.key, 7),
    ]  # fmt: skip
    assert release.problems == []


def test_pr_agency_release() -> None:
    release = parse_fixture("agency_release.txt")
    assert release.title_en == (
        "Harbour Robotics Opens Shenzhen Test Track, Plans 80 New Hires in Hong Kong"
    )
    assert (release.issued_on, release.place) == (date(2023, 12, 1), "Hong Kong")
    assert release.organizations == [
        ParsedOrganization("harbour-robotics-limited", None, "Harbour Robotics Limited", None,
                           "Harbour Robotics", "issuer", None, 5),
        ParsedOrganization("weber-shandwick", None, "Weber Shandwick", None, None, "agency",
                           None, 17),
    ]  # fmt: skip
    assert release.issuer_keys == ["harbour-robotics-limited"]
    assert release.media_contacts == [
        ParsedContact("weber-shandwick", "person", "馮詠詩", "Chloe Fung", None, None,
                      "Senior Account Executive", [RawValue("2845 1008", 20, "Tel")],
                      [RawValue("cfung@webershandwick.com", 21, "Email")], 18),
        ParsedContact("weber-shandwick", "person", "李俊傑", "Jason Li", None, None, None,
                      [RawValue("2845 1012 / 9456 7788", 24, "Tel")],
                      [RawValue("jli@webershandwick.com", 25, "Email")], 23),
        # A lone second address that is not Jason Li's name: the team mailbox.
        ParsedContact("weber-shandwick", "mailbox", None, None, None, None, None, [],
                      [RawValue("webershandwick-harbour@webershandwick.com", 26, "")], 26),
    ]  # fmt: skip
    # "said the test track would ..." (reported speech) and '"...," said Mr Chau' (the
    # same person again) give one spokesperson.
    assert release.spokespeople == [
        ParsedSpokesperson(None, "Victor Chau", "Mr", None,
                           "Chief Technology Officer of Harbour Robotics",
                           "harbour-robotics-limited", 9),
    ]  # fmt: skip
    assert release.problems == []


@pytest.mark.parametrize("name", ["government_release.txt", "government_release.big5hkscs.txt"])
def test_government_press_release(name: str) -> None:
    release = parse_fixture(name)
    assert release.title_zh == "創新科技及工業局局長出席智慧出行論壇"  # "（附圖）" dropped
    assert release.subtitle_zh is None
    # The date is at the end, government style, under 「完」.
    assert (release.issued_on, release.place, release.language) == (date(2023, 12, 1), None, "zh")
    assert release.organizations == [
        ParsedOrganization("創新科技及工業局", "創新科技及工業局", None, None, "ITIB",
                           "government", None, 16),
    ]  # fmt: skip
    assert release.issuer_keys == ["創新科技及工業局"]
    # The press office is a desk, not a person: a contact of kind "mailbox".
    assert release.media_contacts == [
        ParsedContact("創新科技及工業局", "mailbox", "新聞組", None, None, None, None,
                      [RawValue("3655 5818", 17, "電話"), RawValue("2511 8211", 18, "傳真")],
                      [RawValue("press@itib.gov.hk", 19, "電郵")], 16),
    ]  # fmt: skip
    # Quoted in the second paragraph; the title comes from the first mention.
    assert release.spokespeople == [
        ParsedSpokesperson("孫東", None, "教授", "創新科技及工業局局長", None, "創新科技及工業局", 9),
    ]  # fmt: skip
    assert problems(release) == [
        (W, f"{name} line 16", "issuer", "創新科技及工業局", None),
        (W, f"{name} line 19", "name_en", "press@itib.gov.hk", "ITIB"),
    ]


def test_chinese_release_with_department_and_agency() -> None:
    release = parse_fixture("zh_agency_release.txt")
    assert release.title_zh == "九龍數碼樞紐初創企業於國際創新大獎勇奪三項金獎"
    assert (release.issued_on, release.place, release.language) == (date(2024, 5, 20), "香港", "zh")
    assert release.organizations == [
        ParsedOrganization("九龍數碼樞紐", "九龍數碼樞紐", None, None, "KDH", "issuer",
                           "www.kdh.org.hk", 13),
        ParsedOrganization("燈塔策略傳訊顧問有限公司", "燈塔策略傳訊顧問有限公司", None, None,
                           "Lanterncomms", "agency", None, 23),
    ]  # fmt: skip
    # 「公共關係部」 is a department of the organisation above it, not an organisation.
    assert release.media_contacts == [
        ParsedContact("九龍數碼樞紐", "person", "何詠詩", None, None, "公共關係部高級經理", None,
                      [RawValue("(852) 3166 3852 / 9876 5432", 20, "電話")],
                      [RawValue("winnieho@kdh.org.hk", 21, "電郵")], 19),
        ParsedContact("燈塔策略傳訊顧問有限公司", "person", "張家豪", "Kelvin Cheung", None, None,
                      None, [RawValue("(852) 2894 6221", 25, "電話")],
                      [RawValue("kelvin.cheung@lanterncomms.com.hk", 26, "電郵")], 24),
    ]  # fmt: skip
    assert release.spokespeople == [
        ParsedSpokesperson("何志偉", None, "博士", "九龍數碼樞紐行政總裁", None, "九龍數碼樞紐", 7),
        ParsedSpokesperson("李俊文", None, "先生", "創辦人", None, None, 9),
    ]  # fmt: skip
    source = "zh_agency_release.txt"
    assert problems(release) == [
        (W, f"{source} line 14", "name_en", "www.kdh.org.hk", "KDH"),
        (W, f"{source} line 26", "name_en", "kelvin.cheung@lanterncomms.com.hk", "Kelvin Cheung"),
        (W, f"{source} line 26", "name_en", "kelvin.cheung@lanterncomms.com.hk", "Lanterncomms"),
    ]


@pytest.mark.parametrize("name", ["mainland_release.txt", "mainland_release.gb18030.txt"])
def test_mainland_simplified_chinese_release(name: str) -> None:
    release = parse_fixture(name)
    assert release.title_zh == "深湾智能与香港海港大学签署战略合作协议"
    assert (release.issued_on, release.place, release.language) == (
        date(2023, 11, 28),
        "深圳",
        "zh",
    )
    # 「深湾智能科技有限公司（深湾智能）与香港海港大学（海大）今日…」: both are issuers.
    assert release.organizations == [
        ParsedOrganization("深湾智能科技有限公司", "深湾智能科技有限公司", None, "深湾智能",
                           "Shenwan AI", "issuer", None, 5),
        ParsedOrganization("香港海港大学", "香港海港大学", None, "海大", None, "issuer", None, 5),
    ]  # fmt: skip
    assert release.media_contacts == [
        ParsedContact("深湾智能科技有限公司", "person", "王", None, "先生", None, None,
                      [RawValue("+86 755 2878 0808", 14, "电话")],
                      [RawValue("media@shenwan-ai.cn", 15, "邮箱")], 13),
    ]  # fmt: skip
    assert release.spokespeople == [
        ParsedSpokesperson("徐志强", None, None, "深湾智能董事长", None, "深湾智能科技有限公司", 7),
        ParsedSpokesperson("滕家明", None, "教授", "香港海港大学校长", None, "香港海港大学", 9),
    ]  # fmt: skip
    assert problems(release) == [
        (W, f"{name} line 15", "name_en", "media@shenwan-ai.cn", "Shenwan AI"),
    ]


# =============================================================================== datelines

RELEASE_BODY_EN = (
    "ABC Launches New Service\n\n{dateline} ABC Limited today launched a new service.\n\n"
    "Media enquiries\nABC Limited\nJohn Chan\nTel: 2123 4567\n"
)
RELEASE_BODY_ZH = (
    "ABC推出新服務\n\n{dateline}ABC公司今日推出新服務。\n\n"
    "傳媒查詢\nABC公司\n陳大文\n電話：2123 4567\n"
)


@pytest.mark.parametrize(
    ("dateline", "place"),
    [
        ("HONG KONG, 1 December 2023 –", "Hong Kong"),
        ("Hong Kong (Dec 1, 2023) –", "Hong Kong"),
        ("1 December 2023 (Hong Kong) –", "Hong Kong"),
        ("HONG KONG, December 1, 2023 /PRNewswire/ --", "Hong Kong"),
        ("SHENZHEN, China, Dec. 1, 2023 –", "Shenzhen, China"),
        ("Hong Kong, 1st December 2023 -", "Hong Kong"),
        ("1 December 2023, Hong Kong –", "Hong Kong"),
    ],
)
def test_english_datelines(dateline: str, place: str) -> None:
    release = parse_release(RELEASE_BODY_EN.format(dateline=dateline), source="x")
    assert release.issued_on == date(2023, 12, 1)
    assert release.place == place
    assert release.title_en == "ABC Launches New Service"
    assert release.issuer_keys == ["abc-limited"]


@pytest.mark.parametrize(
    ("dateline", "place"),
    [
        ("（香港，2023 年 12 月 1 日）— ", "香港"),
        ("（香港，2023年12月1日）—", "香港"),
        ("（香港，２０２３年１２月１日）—", "香港"),
        ("（二〇二三年十二月一日，香港）", "香港"),
        ("【香港訊】2023年12月1日 — ", "香港"),
        ("香港 2023年12月1日 — ", "香港"),
        ("（2023年12月1日，香港）", "香港"),
        # The place and date apart by a dash or a dot of another kind, either way round.
        ("（香港－2023年12月1日）", "香港"),
        ("（香港 ─ 2023年12月1日）", "香港"),
        ("（香港‧2023年12月1日）", "香港"),
        ("香港－2023年12月1日－", "香港"),
        ("（2023年12月1日－香港）", "香港"),
        ("（2023年12月1日 – 香港）", "香港"),
        ("二〇二三年十二月一日（星期五），香港訊 —— ", "香港"),
        ("（中国·深圳，2023年12月1日）", "深圳"),
    ],
)
def test_chinese_datelines(dateline: str, place: str) -> None:
    release = parse_release(RELEASE_BODY_ZH.format(dateline=dateline), source="x")
    assert release.issued_on == date(2023, 12, 1)
    assert release.place == place
    assert release.title_zh == "ABC推出新服務"
    assert [org.name_zh for org in release.organizations if org.key in release.issuer_keys] == [
        "ABC公司"
    ]


@pytest.mark.parametrize(
    ("opening", "issuers"),
    [
        # Words before the issuer's name are not an organisation of their own.
        ("A research team led by The Harbour Polytechnic University (HarbourPoly) has built it.",
         [("Harbour Polytechnic University", None, "HarbourPoly")]),
        ("Three research teams from Victoria City University (VCU) have won awards.",
         [("Victoria City University", None, "VCU")]),
        # The stock code in the brackets is no short name; the quoted name before it is.
        ('Orient Pay Holdings Limited ("Orient Pay" or the "Company", HKEX stock code: 8899) '
         "today announced its results.", [("Orient Pay Holdings Limited", None, "Orient Pay")]),
        ("Dragon Pearl Hotels Limited (HKEX: 0888) today announced its results.",
         [("Dragon Pearl Hotels Limited", None, None)]),
    ],
)  # fmt: skip
def test_dateline_sentence_issuers_in_english(
    opening: str, issuers: list[tuple[str, str | None, str | None]]
) -> None:
    release = parse_release(
        f"Results\n\nHONG KONG, 1 December 2023 – {opening}\n\n"
        "Media enquiries\nJohn Chan\nTel: 2123 4567\n",
        source="x",
    )
    found = [o for o in release.organizations if o.key in release.issuer_keys]
    assert [(o.name_en, o.short_name_zh, o.short_name_en) for o in found] == issuers
    assert len(release.organizations) == len(issuers)


def test_dateline_sentence_issuer_in_chinese_with_quoted_short_names_and_stock_code() -> None:
    release = parse_release(
        "全年業績\n\n（2024年3月28日 – 香港）港灣置業集團有限公司（「港灣置業」或「集團」，"
        "股份代號：1234）今天公佈全年業績。\n\n傳媒查詢\n陳大文\n電話：2123 4567\n\n"
        "關於港灣置業集團有限公司\n港灣置業集團有限公司（股份代號：1234）於香港聯合交易所主板上市。\n",
        source="x",
    )
    (issuer,) = release.organizations
    assert (issuer.name_zh, issuer.short_name_zh) == ("港灣置業集團有限公司", "港灣置業")
    assert release.issuer_keys == [issuer.key]


def test_government_english_ending_gives_the_date() -> None:
    text = (
        "LCQ1: Smart mobility\n**********************\n\n"
        "Following is a question by the Hon Chan and a reply by the Secretary for Innovation, "
        "Technology and Industry, Professor Sun Dong, in the Legislative Council today.\n\n"
        "Ends/Friday, December 1, 2023\nIssued at HKT 17:30\nNNNN\n"
    )
    release = parse_release(text, source="x")
    assert release.issued_on == date(2023, 12, 1)
    assert release.title_en == "LCQ1: Smart mobility"


def test_embargo_date_is_not_the_issue_date() -> None:
    text = (
        "Embargoed until 2 December 2023, 10:00\n\nABC Launches New Service\n\n"
        "HONG KONG, 1 December 2023 – ABC Limited today launched a new service.\n"
    )
    assert parse_release(text, source="x").issued_on == date(2023, 12, 1)


def test_impossible_date_is_an_error_at_its_line() -> None:
    text = RELEASE_BODY_ZH.format(dateline="（香港，2023年2月30日）—")
    release = parse_release(text, source="x")
    assert release.issued_on is None
    assert (Severity.ERROR, "x line 3", "issued_on", "2023年2月30日", None) in problems(release)


# =============================================================================== contact blocks

HEADER_ZH = "ABC推出新服務\n\n（香港，2023年12月1日）— ABC公司今日推出新服務。\n\n"


def contacts_of(block: str) -> list[ParsedContact]:
    return parse_release(HEADER_ZH + block, source="x").media_contacts


@pytest.mark.parametrize(
    "heading",
    [
        "傳媒查詢", "傳媒查詢：", "傳媒查詢，請聯絡：", "如有查詢，請聯絡：", "Media enquiries",
        "Media Enquiries:", "For media enquiries, please contact:", "Media contacts:",
        "Media contact", "Press contacts:", "PRESS CONTACT:", "媒體查詢：", "新聞查詢：",
        "如有垂詢，請聯絡：", "傳媒垂詢：", "如欲查詢，請聯絡：", "如需查詢，請致電：", "採訪查詢：",
        "For further information, please contact:", "For more information, contact:",
        "For further enquiries:", "媒体垂询：", "如有查詢，聯絡：",
    ],
)  # fmt: skip
def test_contact_headings(heading: str) -> None:
    contacts = contacts_of(f"{heading}\n陳大文\n電話：2123 4567\n")
    assert [(c.name_zh, c.phones) for c in contacts] == [
        ("陳大文", [RawValue("2123 4567", 7, "電話")])
    ]


@pytest.mark.parametrize(
    ("line", "name_zh", "name_en", "honorific"),
    [
        ("Ms June Wong", None, "June Wong", "Ms"),
        ("Mr. Angela Wan (溫安怡)", "溫安怡", "Angela Wan", "Mr"),
        ("溫安怡女士", "溫安怡", None, "女士"),
        ("溫安怡 Angela Wan", "溫安怡", "Angela Wan", None),
        ("Angela Wan 溫安怡", "溫安怡", "Angela Wan", None),
        ("Dr Alan Lam", None, "Alan Lam", "Dr"),
        ("歐陽志明先生", "歐陽志明", None, "先生"),
        # Given names holding a character that is also a common function word.
        ("李為民", "李為民", None, None),
        ("楊其龍先生", "楊其龍", None, "先生"),
    ],
)
def test_person_lines(
    line: str, name_zh: str | None, name_en: str | None, honorific: str | None
) -> None:
    (contact,) = contacts_of(f"Media enquiries\n{line}\nTel: 2123 4567\n")
    assert (contact.kind, contact.name_zh, contact.name_en, contact.honorific) == (
        "person", name_zh, name_en, honorific,
    )  # fmt: skip


def test_an_invitation_to_a_website_in_the_body_is_no_contact_heading() -> None:
    release = parse_release(
        HEADER_ZH + "如欲查詢詳情，請瀏覽網頁 www.abc.com.hk。\n\n"
        "傳媒查詢：\n陳大文\n電話：2123 4567\n",
        source="x",
    )
    assert [(c.name_zh, c.organization_key) for c in release.media_contacts] == [("陳大文", None)]
    assert release.problems == []


def test_name_with_title_on_one_line_and_title_lines() -> None:
    contacts = contacts_of(
        "Media enquiries\n"
        "Angela Wan | Senior Manager, Corporate Communications\nTel: +852 2629 2329\n\n"
        "June Wong\nAccount Director\nPublic Relations\nTel: +852 3756 8623\n\n"
        "溫安怡（企業傳訊高級經理）\n電話：2629 2329\n"
    )
    assert [(c.name_en, c.name_zh, c.title_en, c.title_zh) for c in contacts] == [
        ("Angela Wan", None, "Senior Manager, Corporate Communications", None),
        ("June Wong", None, "Account Director, Public Relations", None),
        (None, "溫安怡", None, "企業傳訊高級經理"),
    ]


@pytest.mark.parametrize(
    ("line", "label", "value"),
    [
        ("電話：2629 2329", "電話", "2629 2329"),
        ("電話: +852 2629-2329", "電話", "+852 2629-2329"),
        ("Tel: +852 2629 2329", "Tel", "+852 2629 2329"),
        ("Tel. +852 2629 2329", "Tel", "+852 2629 2329"),
        ("Telephone: (852) 2629 2329", "Telephone", "(852) 2629 2329"),
        ("T: +852 2629 2329", "T", "+852 2629 2329"),
        ("Phone: 2629 2329 ext. 12", "Phone", "2629 2329 ext. 12"),
        ("Mobile: 9123 4567", "Mobile", "9123 4567"),
        ("M: 9123 4567", "M", "9123 4567"),
        ("手提：9123 4567", "手提", "9123 4567"),
        ("流動電話：9123 4567", "流動電話", "9123 4567"),
        ("Direct: 2629 2329", "Direct", "2629 2329"),
        ("Fax: 2629 2300", "Fax", "2629 2300"),
        ("傳真：2629 2300", "傳真", "2629 2300"),
        ("Tel/Fax: 2629 2329", "Tel/Fax", "2629 2329"),
        ("電話２６２９ ２３２９", "電話", "２６２９ ２３２９"),
        ("+852 2629 2329", "", "+852 2629 2329"),
        # Mainland labels: a desk phone (座机, 固话, 办公电话) and a mobile's number.
        ("座机：+86-755-8888 6666 转 8021", "座机", "+86-755-8888 6666 转 8021"),
        ("固话：0755-8888 6666", "固话", "0755-8888 6666"),
        ("办公电话：+86 10 6512 3456", "办公电话", "+86 10 6512 3456"),
        ("手机号码：138 2345 6789", "手机号码", "138 2345 6789"),
        ("Tel No.: 2629 2329", "Tel No", "2629 2329"),
    ],
)
def test_phone_labels(line: str, label: str, value: str) -> None:
    (contact,) = contacts_of(f"傳媒查詢\n陳大文\n{line}\n")
    assert contact.phones == [RawValue(value, 7, label)]


@pytest.mark.parametrize(
    ("line", "label", "value"),
    [
        ("電郵：chan@abc.com.hk", "電郵", "chan@abc.com.hk"),
        ("電郵： chan@abc.com.hk", "電郵", "chan@abc.com.hk"),
        ("Email: chan@abc.com.hk", "Email", "chan@abc.com.hk"),
        ("E-mail: chan@abc.com.hk", "E-mail", "chan@abc.com.hk"),
        ("E: chan@abc.com.hk", "E", "chan@abc.com.hk"),
        ("Email chan@abc.com.hk", "Email", "chan@abc.com.hk"),
        ("chan@abc.com.hk", "", "chan@abc.com.hk"),
        ("電郵：chan＠abc.com.hk", "電郵", "chan＠abc.com.hk"),
        ("Email: <chan@abc.com.hk>", "Email", "chan@abc.com.hk"),
    ],
)
def test_email_labels(line: str, label: str, value: str) -> None:
    (contact,) = contacts_of(f"傳媒查詢\n陳大文\n{line}\n")
    assert contact.emails == [RawValue(value, 7, label)]


def test_several_values_on_one_line() -> None:
    (contact,) = contacts_of(
        "Media enquiries\nJune Wong\nT: +852 2525 6767 | M: +852 9876 5432 | E: june.wong@pn.com\n"
        "電話：2629 2329　傳真：2629 2300\n"
    )
    assert contact.phones == [
        RawValue("+852 2525 6767", 7, "T"),
        RawValue("+852 9876 5432", 7, "M"),
        RawValue("2629 2329", 8, "電話"),
        RawValue("2629 2300", 8, "傳真"),
    ]
    assert contact.emails == [RawValue("june.wong@pn.com", 7, "E")]


def test_several_contacts_under_one_organisation_and_agency_kinds() -> None:
    release = parse_release(
        HEADER_ZH
        + "傳媒查詢\n縱橫公共關係顧問集團\n陳大文\n電話：2123 4567\n李小明\n電話：2123 4568\n"
        "\nOgilvy Hong Kong\nMary Lee\nTel: 2123 4569\n",
        source="x",
    )
    strategic, ogilvy = (
        org_named(release, "縱橫公共關係顧問集團"),
        org_named(release, "Ogilvy Hong Kong"),
    )
    assert (strategic.kind, ogilvy.kind) == ("agency", "agency")
    assert [(c.name_zh or c.name_en, c.organization_key) for c in release.media_contacts] == [
        ("陳大文", strategic.key), ("李小明", strategic.key), ("Mary Lee", ogilvy.key),
    ]  # fmt: skip


def test_government_unit_in_the_heading_line() -> None:
    release = parse_release(
        HEADER_ZH + "傳媒查詢：創新科技及工業局新聞組（電話：3655 5818）\n", source="x"
    )
    (contact,) = release.media_contacts
    assert (contact.kind, contact.name_zh, contact.phones) == (
        "mailbox", "新聞組", [RawValue("3655 5818", 5, "電話")],
    )  # fmt: skip
    assert org_named(release, "創新科技及工業局").kind == "government"


def test_table_with_name_title_tel_email_columns_separated_by_slashes() -> None:
    (contact,) = contacts_of(
        "Media enquiries\nName / Title / Tel / Email\n"
        "Angela Wan / Senior Manager, Corporate Communications / +852 2629 2329 / angela.wan@hkstp.org\n"
    )
    assert (contact.name_en, contact.title_en) == (
        "Angela Wan",
        "Senior Manager, Corporate Communications",
    )
    assert contact.phones == [RawValue("+852 2629 2329", 7, "Tel")]
    assert contact.emails == [RawValue("angela.wan@hkstp.org", 7, "Email")]


def test_a_labelled_value_ends_at_a_cell_bar() -> None:
    """ "M: +852 9333 1234 | tiffany@…": the mobile, then an unlabelled address; both were
    read as one address labelled M, and the mobile was lost."""
    tiffany, samuel, desk = contacts_of(
        "Media enquiries\n"
        "Ms. Tiffany Yuen | Account Manager | T: +852 2111 8890 ext. 318 | M: +852 9333 1234 | "
        "tiffany.yuen@cornerstone.com\n"
        "Mr. Samuel Ko | Senior Account Executive | T: +852 2111 8890 ext. 322 | "
        "samuel.ko@cornerstone.com\n"
        "General press line: 3442 6800 | press@cornerstone.com\n"
    )
    assert tiffany.phones == [
        RawValue("+852 2111 8890 ext. 318", 6, "T"),
        RawValue("+852 9333 1234", 6, "M"),
    ]
    assert tiffany.emails == [RawValue("tiffany.yuen@cornerstone.com", 6, "")]
    assert samuel.phones == [RawValue("+852 2111 8890 ext. 322", 7, "T")]
    assert samuel.emails == [RawValue("samuel.ko@cornerstone.com", 7, "")]
    assert (desk.kind, desk.name_en) == ("mailbox", "General press line")
    assert desk.phones == [RawValue("3442 6800", 8, "")]
    assert desk.emails == [RawValue("press@cornerstone.com", 8, "")]


def test_table_drawn_with_box_drawing_bars() -> None:
    (contact,) = contacts_of(
        "傳媒查詢：\n│機構│姓名│職位│電話│電郵│\n"
        "│明暉長者服務協會│李嘉欣小姐│傳訊主任│2345 6789│kayan.lee@brighteld.org.hk│\n"
    )
    assert (contact.name_zh, contact.honorific, contact.title_zh) == ("李嘉欣", "小姐", "傳訊主任")
    assert contact.phones == [RawValue("2345 6789", 7, "電話")]
    assert contact.emails == [RawValue("kayan.lee@brighteld.org.hk", 7, "電郵")]


def test_a_pr_agency_then_title_name_in_both_scripts_and_bracketed_values() -> None:
    release = parse_release(
        HEADER_ZH + "新聞聯絡：\n卓訊公關顧問\n"
        "總監 Ms. Doris Ip 葉慧儀（電話：2525 0011／電郵：doris@zhuoxun.com.hk）\n"
        "客戶主任 Mr. Tony Lo 盧子聰（電話：2525 0012／電郵：tony@zhuoxun.com.hk）\n",
        source="x",
    )
    agency = org_named(release, "卓訊公關顧問")
    assert agency.kind == "agency"
    assert [
        (c.organization_key, c.name_zh, c.name_en, c.honorific, c.title_zh, c.phones, c.emails)
        for c in release.media_contacts
    ] == [
        (agency.key, "葉慧儀", "Doris Ip", "Ms", "總監", [RawValue("2525 0011", 7, "電話")],
         [RawValue("doris@zhuoxun.com.hk", 7, "電郵")]),
        (agency.key, "盧子聰", "Tony Lo", "Mr", "客戶主任", [RawValue("2525 0012", 8, "電話")],
         [RawValue("tony@zhuoxun.com.hk", 8, "電郵")]),
    ]  # fmt: skip


def test_an_organisations_unit_after_a_comma_or_dash_and_a_label_before_it() -> None:
    """A unit after the organisation's name (a comma, a dash) or a label before it
    (「香港公关代理：」) made organisations of their own."""
    release = parse_release(
        HEADER_EN + "Media enquiries\n"
        "ABC Limited, Corporate Communications Department\nMs Law Wai-lam\nTel: 2584 4525\n"
        "General enquiries: 2584 4333\n\n"
        "Orient Pay Holdings Limited – Investor Relations\nMs Amy Chan\nTel: 3188 7700\n\n"
        "PR agency: Strategic Financial Relations Limited\nMr Ken Hui\nTel: 2864 4812\n",
        source="x",
    )
    names = [o.name_en for o in release.organizations]
    assert names == [
        "ABC Limited",
        "Orient Pay Holdings Limited",
        "Strategic Financial Relations Limited",
    ]
    law, desk, amy, ken = release.media_contacts
    assert (law.name_en, law.organization_key, law.title_en) == (
        "Law Wai-lam",
        release.organizations[0].key,
        "Corporate Communications Department",
    )
    assert (desk.kind, desk.name_en, desk.organization_key) == (
        "mailbox",
        "General enquiries",
        release.organizations[0].key,
    )
    assert (amy.organization_key, ken.organization_key) == (
        release.organizations[1].key,
        release.organizations[2].key,
    )
    zh = parse_release(
        HEADER_ZH + "傳媒查詢\nABC公司\n陳大文\n電話：2123 4567\n一般查詢：2123 4000\n\n"
        "香港公关代理：博达公关顾问有限公司\n陈小姐\n电话：3105 0000\n",
        source="x",
    )
    assert [o.name_zh for o in zh.organizations] == ["ABC公司", "博达公关顾问有限公司"]
    _chan, general, chen = zh.media_contacts
    assert (general.kind, general.name_zh, general.organization_key) == (
        "mailbox",
        "一般查詢",
        zh.organizations[0].key,
    )
    assert chen.organization_key == zh.organizations[1].key


@pytest.mark.parametrize(
    ("block", "names"),
    [
        ("Media enquiries\nABC Limited\nMr. Jacky Mak / Ms. Winnie Sze\n"
         "Tel: (852) 2864 4812 / 2864 4877\nEmail: abc@sprg.com.hk\n",
         [(None, "Jacky Mak"), (None, "Winnie Sze")]),
        ("傳媒查詢\nABC公司\n陳小姐／李先生\n電話：(852) 2864 4812 / 2864 4877\n"
         "電郵：abc@sprg.com.hk\n", [("陳", None), ("李", None)]),
    ],
)  # fmt: skip
def test_people_named_on_one_line_share_the_values_under_them(
    block: str, names: list[tuple[str | None, str | None]]
) -> None:
    """「Mr. Jacky Mak / Ms. Winnie Sze」 then their Tel and Email: both people, each with the
    numbers and the address (the line was not understood; a nameless mailbox had them)."""
    contacts = contacts_of(block)
    assert [(c.kind, c.name_zh, c.name_en) for c in contacts] == [
        ("person", zh, en) for zh, en in names
    ]
    for contact in contacts:
        assert [p.text for p in contact.phones] == ["(852) 2864 4812 / 2864 4877"]
        assert [e.text for e in contact.emails] == ["abc@sprg.com.hk"]


def test_a_line_under_a_contact_table_is_the_organisations_not_its_last_persons() -> None:
    """A shared fax under a table of people went to the table's last person."""
    carmen, alan, shared = contacts_of(
        "傳媒查詢：\n縱橫公共關係顧問集團\n姓名\t職位\t電話\t電郵\n"
        "陳嘉敏小姐\t副總監\t2864 4831\tcarmen.chan@sprg.com.hk\n"
        "吳偉倫先生\t高級經理\t2864 4856\talan.ng@sprg.com.hk\n傳真：2804 2789\n"
    )
    assert [p.text for p in alan.phones] == ["2864 4856"]
    assert (shared.kind, shared.organization_key) == ("mailbox", alan.organization_key)
    assert shared.phones == [RawValue("2804 2789", 10, "傳真")]
    assert carmen.name_zh == "陳嘉敏"


def test_a_company_by_its_short_and_its_registered_name_at_one_domain_is_one() -> None:
    """The dateline's 星河新能源 and the contact block's 星河新能源科技股份有限公司 were two
    organisations, the contact filed under the one that does not issue the release."""
    release = parse_release(
        "星河新能源設立國際總部\n\n（香港，2024年6月18日）星河新能源今日宣布設立國際總部。\n\n"
        "星河新能源董事長王建國先生表示：「好。」\n\n媒體聯絡：\n星河新能源科技股份有限公司\n"
        "張偉先生\n電郵：zhangwei@xinghe-energy.com\n\n關於星河新能源\n網址：www.xinghe-energy.com\n",
        source="x",
    )
    (company,) = release.organizations
    assert (company.name_zh, company.short_name_zh) == ("星河新能源科技股份有限公司", "星河新能源")
    assert release.issuer_keys == [company.key]
    (zhang,) = release.media_contacts
    (wang,) = release.spokespeople
    assert zhang.organization_key == wang.organization_key == company.key


def test_keyed_name_title_organisation_fields() -> None:
    release = parse_release(
        HEADER_ZH + "Media enquiries\nName: Ms Priscilla Yeung\nTitle: Manager, Public Affairs\n"
        "Organisation: Harbour University\nTel: 3943 1234\nEmail: priscilla.yeung@hus.edu.hk\n",
        source="x",
    )
    (contact,) = release.media_contacts
    assert (contact.name_en, contact.honorific, contact.title_en) == (
        "Priscilla Yeung", "Ms", "Manager, Public Affairs",
    )  # fmt: skip
    assert contact.organization_key == org_named(release, "Harbour University").key
    assert (contact.phones, contact.emails) == (
        [RawValue("3943 1234", 9, "Tel")], [RawValue("priscilla.yeung@hus.edu.hk", 10, "Email")],
    )  # fmt: skip


def test_named_team_mailbox() -> None:
    contacts = contacts_of(
        "Media enquiries\nJune Wong 黃嘉琪\nEmail: june.wong@edelman.com\n"
        "Press team: edelmanhkstppr@edelman.com\n"
    )
    assert [(c.kind, c.name_en, [e.text for e in c.emails]) for c in contacts] == [
        ("person", "June Wong", ["june.wong@edelman.com"]),
        ("mailbox", "Press team", ["edelmanhkstppr@edelman.com"]),
    ]


def test_second_address_of_the_same_person_stays_with_them() -> None:
    (contact,) = contacts_of(
        "Media enquiries\nJune Wong\nEmail: june.wong@edelman.com\njwong@gmail.com\n"
    )
    assert [e.text for e in contact.emails] == ["june.wong@edelman.com", "jwong@gmail.com"]


def test_surname_with_honorific_name_then_title_and_organisation_with_unit() -> None:
    release = parse_release(
        HEADER_ZH + "傳媒查詢：\n博然思維集團\n黃小姐　電話：9123 4567　電郵：wong@brunswick.com\n"
        "香港科技園公司企業傳訊部\n溫安怡 企業傳訊經理\n電話：2629 2329\n",
        source="x",
    )
    brunswick, hkstp = org_named(release, "博然思維集團"), org_named(release, "香港科技園公司")
    assert brunswick.kind == "agency"
    assert [
        (c.name_zh, c.honorific, c.title_zh, c.organization_key, [p.text for p in c.phones])
        for c in release.media_contacts
    ] == [
        ("黃", "小姐", None, brunswick.key, ["9123 4567"]),
        ("溫安怡", None, "企業傳訊部企業傳訊經理", hkstp.key, ["2629 2329"]),
    ]


def test_rows_of_cells_without_labels() -> None:
    release = parse_release(
        HEADER_ZH + "Media contacts\nHKSTP: Angela Wan, +852 2629 2329, angela.wan@hkstp.org\n"
        "陳美美\t電話：2864 4812\t電郵：may.chan@sprg.com.hk\n",
        source="x",
    )
    hkstp = org_named(release, "HKSTP")
    assert [
        (c.name_en, c.name_zh, c.organization_key, c.phones, c.emails)
        for c in release.media_contacts
    ] == [
        ("Angela Wan", None, hkstp.key, [RawValue("+852 2629 2329", 6, "")],
         [RawValue("angela.wan@hkstp.org", 6, "")]),
        ("May Chan", "陳美美", hkstp.key, [RawValue("2864 4812", 7, "電話")],
         [RawValue("may.chan@sprg.com.hk", 7, "電郵")]),
    ]  # fmt: skip


def test_title_naming_the_employer_gives_the_organisation() -> None:
    release = parse_release(
        HEADER_ZH + "Media enquiries\nJune Wong | Account Director, Edelman\nT +852 3756 8623\n",
        source="x",
    )
    (contact,) = release.media_contacts
    edelman = org_named(release, "Edelman")
    assert (edelman.kind, contact.organization_key, contact.title_en) == (
        "agency", edelman.key, "Account Director, Edelman",
    )  # fmt: skip
    assert contact.phones == [RawValue("+852 3756 8623", 7, "T")]


def test_lines_not_understood_are_warnings_at_their_line() -> None:
    release = parse_release(
        HEADER_ZH + "Press contacts\nHKSTP\nAngela Wan, Senior Manager\n+852 2629 2329\n"
        "angela.wan@hkstp.org\nxyzzy frobnicate 123\nTel:\n",
        source="release.txt",
    )
    (contact,) = release.media_contacts
    assert (contact.name_en, contact.title_en, contact.phones[0].text) == (
        "Angela Wan", "Senior Manager", "+852 2629 2329",
    )  # fmt: skip
    assert problems(release) == [
        (W, "release.txt line 10", "contact", "xyzzy frobnicate 123", None),
        (W, "release.txt line 11", "contact", "Tel:", None),
    ]
    assert "not understood" in release.problems[0].message
    assert "no value" in release.problems[1].message


def test_contact_without_phone_or_email_is_reported() -> None:
    release = parse_release(HEADER_ZH + "傳媒查詢\n陳大文\n李小明\n電話：2123 4567\n", source="x")
    assert [c.name_zh for c in release.media_contacts] == ["陳大文", "李小明"]
    assert (W, "x line 6", "contact", "陳大文", None) in problems(release)


def test_block_ends_at_a_section_boundary() -> None:
    release = parse_release(
        HEADER_ZH + "傳媒查詢\n陳大文\n電話：2123 4567\n\n###\n\n"
        "關於ABC公司\nABC公司（ABC）於 2001 年成立，是本地領先的服務商。詳情請瀏覽 www.abc.com.hk。\n",
        source="x",
    )
    assert len(release.media_contacts) == 1
    abc = org_named(release, "ABC公司")
    assert (abc.short_name_zh, abc.website) == ("ABC", "www.abc.com.hk")
    assert [p for p in release.problems if p.field == "contact"] == []


def test_english_name_guess_needs_a_name_like_address() -> None:
    contacts = contacts_of(
        "傳媒查詢\n陳大文\n電郵：pr@abc.com\n李小明\n電郵：xiaoming.li@abc.com\n"
    )
    assert [(c.name_zh, c.name_en) for c in contacts] == [
        ("陳大文", None),
        ("李小明", "Xiaoming Li"),
    ]


# =============================================================================== spokespeople

HEADER_EN = (
    "ABC Launches New Service\n\nHONG KONG, 1 December 2023 – ABC Limited today launched it.\n\n"
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('"We are delighted," said Dr Sunny Chai, Chairman of HKSTP. "More to come."',
         ("Sunny Chai", "Dr", "Chairman of HKSTP")),
        ('Mr Albert Wong, Chief Executive Officer of HKSTP, said: "We are delighted."',
         ("Albert Wong", "Mr", "Chief Executive Officer of HKSTP")),
        ('"We are delighted," said Ms Y Lee, Chief Executive Officer of Z Group.',
         ("Y Lee", "Ms", "Chief Executive Officer of Z Group")),
        ('Professor Sun Dong, JP, Secretary for Innovation, Technology and Industry, said, "Good."',
         ("Sun Dong", "Professor", "Secretary for Innovation, Technology and Industry")),
        ("HKSTP Chairman Dr Sunny Chai said the partnership was important.",
         ("Sunny Chai", "Dr", "HKSTP Chairman")),
        ("According to Dr Sunny Chai, Chairman of HKSTP, the park is full.",
         ("Sunny Chai", "Dr", "Chairman of HKSTP")),
        ('Ir Dr Yiu Hing-leung, Chief Corporate Development Officer of HKSTP, commented: "Yes."',
         ("Yiu Hing-leung", "Ir Dr", "Chief Corporate Development Officer of HKSTP")),
        ('"Great," said John Smith, CEO of Example Corp.',
         ("John Smith", None, "CEO of Example Corp.")),
        # Initials with full stops; "told reporters".
        ('Mr. Richard K. H. Yip, Group Managing Director of HKSTP, commented: "Good."',
         ("Richard K. H. Yip", "Mr", "Group Managing Director of HKSTP")),
        ('Mr Alex Tsang, Chairman of HKSTP, told reporters: "Good."',
         ("Alex Tsang", "Mr", "Chairman of HKSTP")),
    ],
)  # fmt: skip
def test_english_quotes(body: str, expected: tuple[str, str | None, str]) -> None:
    (person,) = parse_release(HEADER_EN + body + "\n", source="x").spokespeople
    assert (person.name_en, person.honorific, person.title_en) == expected
    assert person.line == 5


def test_an_english_speaker_with_the_chinese_name_in_brackets_and_later_by_surname() -> None:
    release = parse_release(
        HEADER_EN + 'Mr. Alex Tsang Chun-fai (曾俊輝), Chairman and CEO of HKSTP, stated: "Good."'
        '\n\nIr Prof. Wong Siu-keung, BBS, JP, Vice President of HKSTP, noted, "Yes."\n\n'
        "Professor Wong added that the park would grow.\n",
        source="x",
    )
    assert [(s.name_en, s.name_zh, s.title_en) for s in release.spokespeople] == [
        ("Alex Tsang Chun-fai", "曾俊輝", "Chairman and CEO of HKSTP"),
        ("Wong Siu-keung", None, "Vice President of HKSTP"),  # "Professor Wong": the same
    ]


def test_a_speaker_quoted_by_surname_takes_the_full_name_and_title_given_before() -> None:
    """A government release names the official in full once, then quotes "Dr Choi"."""
    release = parse_release(
        HEADER_EN + "The Secretary for Education, Dr Choi Yuk-lin, visited two schools today."
        "\n\nDr Choi first visited a primary school.\n\n"
        '"We will support the schools," Dr Choi said.\n',
        source="x",
    )
    (choi,) = release.spokespeople
    assert (choi.name_en, choi.honorific, choi.title_en) == (
        "Choi Yuk-lin",
        "Dr",
        "Secretary for Education",
    )


def test_pronouns_and_organisations_are_not_spokespeople() -> None:
    body = "The United States said nothing. He said it was fine. The report noted growth.\n"
    assert parse_release(HEADER_EN + body, source="x").spokespeople == []


def test_secretary_title_gives_a_bureau_as_a_reported_guess() -> None:
    body = 'Professor Sun Dong, Secretary for Innovation, Technology and Industry, said: "Yes."\n'
    release = parse_release(HEADER_EN + body, source="x")
    bureau = org_named(release, "Innovation, Technology and Industry Bureau")
    assert (bureau.kind, release.spokespeople[0].organization_key) == ("government", bureau.key)
    assert (W, "x line 5", "organization", "Secretary for Innovation, Technology and Industry",
            "Innovation, Technology and Industry Bureau") in problems(release)  # fmt: skip


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("香港科技園公司主席查毅超博士在簽署儀式上致辭時表示：「很好。」",
         ("查毅超", "博士", "香港科技園公司主席", "香港科技園公司")),
        ("保安局局長鄧炳強先生指出，治安良好。", ("鄧炳強", "先生", "保安局局長", "保安局")),
        ("港鐵公司行政總裁金澤培博士說：「好。」", ("金澤培", "博士", "港鐵公司行政總裁", "港鐵公司")),
        ("此外，香港科技園公司行政總裁黃克強亦表示：「好。」",
         ("黃克強", None, "香港科技園公司行政總裁", "香港科技園公司")),
        ("立法會議員葉劉淑儀認為計劃可行。", ("葉劉淑儀", None, "立法會議員", None)),
        ("財政司司長陳茂波今日強調：「好。」", ("陳茂波", None, "財政司司長", "財政司")),
        ("香港大學校長張翔教授稱，研究進展良好。", ("張翔", "教授", "香港大學校長", "香港大學")),
        # A given name with 會 in it, after a title: 劉會平, not nobody.
        ("香港大學副校長劉會平補充：「好。」", ("劉會平", None, "香港大學副校長", "香港大學")),
        ("香港大學校長梁和平博士表示：「好。」", ("梁和平", "博士", "香港大學校長", "香港大學")),
        # Honours after the name, and the verbs 形容 and 分享說.
        ("教育局局長蔡若蓮博士，JP在致辭時強調：「好。」", ("蔡若蓮", "博士", "教育局局長", "教育局")),
        ("香港大學校長鄭國華先生，GBS，太平紳士表示：「好。」",
         ("鄭國華", "先生", "香港大學校長", "香港大學")),
        ("香港大學校長何潔雯醫生，MH 則形容：「好。」", ("何潔雯", "醫生", "香港大學校長", "香港大學")),
        ("香港大學校長張翔，SBS，JP分享說：「好。」", ("張翔", None, "香港大學校長", "香港大學")),
    ],
)  # fmt: skip
def test_chinese_quotes(body: str, expected: tuple[str, str | None, str, str | None]) -> None:
    release = parse_release(HEADER_ZH + body + "\n", source="x")
    (person,) = release.spokespeople
    org = next((o for o in release.organizations if o.key == person.organization_key), None)
    assert (person.name_zh, person.honorific, person.title_zh, org and org.name_zh) == expected
    assert person.line == 5


@pytest.mark.parametrize(
    "body",
    [
        "政府方面表示，會繼續跟進。文件指出，情況良好。他表示同意。",
        "在創新科技及工業局局長孫東教授的見證下，雙方簽署備忘錄。",
        "查博士表示滿意。這被稱為新模式。",
        # Function words after a title are not a given name without something vouching for it.
        "大會主席及其他嘉賓均表示支持。",
        "香港大學校長黃將表示歡迎。",
    ],
)
def test_chinese_non_quotes(body: str) -> None:
    assert parse_release(HEADER_ZH + body + "\n", source="x").spokespeople == []


# =============================================================================== missing parts


def test_release_without_contact_block_parses_with_a_warning() -> None:
    release = parse_release(
        HEADER_EN + '"Good," said Dr Sunny Chai, Chairman of HKSTP.\n', source="x"
    )
    assert release.media_contacts == []
    assert (W, "x", "contact", "", None) in problems(release)


def test_release_without_date_parses_with_an_error() -> None:
    release = parse_release(
        "ABC Launches New Service\n\nABC Limited launched a service.\n\n"
        "Media enquiries\nABC Limited\nJohn Chan\nTel: 2123 4567\n",
        source="x",
    )
    assert release.issued_on is None
    assert release.title_en == "ABC Launches New Service"
    assert (Severity.ERROR, "x", "issued_on", "", None) in problems(release)
    # With no About section or dateline sentence, the contact block's organisation is the
    # issuer, and that is reported as a guess.
    assert release.issuer_keys == ["abc-limited"]
    assert (W, "x line 6", "issuer", "ABC Limited", None) in problems(release)


def test_release_without_title_parses_with_an_error() -> None:
    release = parse_release(
        "HONG KONG, 1 December 2023 – ABC Limited today launched a service.\n", source="x"
    )
    assert (release.title_en, release.title_zh) == (None, None)
    assert (Severity.ERROR, "x", "title", "", None) in problems(release)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Milk\nEggs\nBread\nButter (salted)\nApples x 6\n", "does not look like a press release"),
        ("import os\n\n\ndef main():\n    print('hello')\n    return 0\n", "does not look like a press release"),
        ("# 2023-12-01: fixed the bug\nx = 1\ny = 2\n", "does not look like a press release"),
        ("name,phone,email\nAngela Wan,+852 2629 2329,a@b.com\nJune Wong,+852 3756 8623,c@d.com\n",
         "looks like a CSV table"),
        ("name\tphone\nAngela\t2629 2329\nJune\t3756 8623\n", "looks like a tab-separated table"),
    ],
)  # fmt: skip
def test_not_a_release_is_refused(text: str, why: str) -> None:
    with pytest.raises(InputRejected) as caught:
        parse_release(text, source="upload.txt")
    message = caught.value.message
    assert message.startswith(f"upload.txt {why}")
    assert "dateline" in message
    assert "傳媒查詢" in message


@pytest.mark.parametrize("text", ["", "   \n\t\n\u3000\n", "\ufeff\u200b\n"])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(InputRejected, match="is empty"):
        parse_release(text, source="paste")


# =============================================================================== fingerprint


def test_fingerprint_is_sha256_of_the_whitespace_normalised_text(seed: ParsedRelease) -> None:
    text = (RELEASES / "seed_hkstp_horizon.txt").read_text(encoding="utf-8")
    expected = hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()
    assert seed.fingerprint == expected


def test_fingerprint_ignores_layout_but_not_content() -> None:
    base = parse_release(RELEASE_BODY_EN.format(dateline="HONG KONG, 1 December 2023 –"))
    relaid = parse_release(
        "  "
        + RELEASE_BODY_EN.format(dateline="HONG KONG,\u00a01 December 2023 –").replace(
            "\n", "\r\n\r\n"
        )
    )
    changed = parse_release(RELEASE_BODY_EN.format(dateline="HONG KONG, 2 December 2023 –"))
    assert relaid.fingerprint == base.fingerprint
    assert changed.fingerprint != base.fingerprint


# =============================================================================== speed

FIVE_MB = 5 * 1024 * 1024


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a\n" * (FIVE_MB // 2), id="millions-of-short-lines"),
        pytest.param(" " * FIVE_MB + "傳媒x", id="one-line-of-spaces"),
        pytest.param("教授表示" * (FIVE_MB // 12), id="honorific-verb-repeated"),
        pytest.param("said Dr A, " * (FIVE_MB // 11), id="said-repeated"),
        pytest.param("傳媒查詢\n" + "電話：2123 4567\n" * (FIVE_MB // 21), id="huge-contact-block"),
        pytest.param("2023年12月1日" + " " * FIVE_MB + "x", id="date-then-spaces"),
        pytest.param("About X\n" + "a." * (FIVE_MB // 2), id="about-with-a-huge-line"),
        pytest.param("x@" * (FIVE_MB // 2), id="at-signs"),
    ],
)
def test_five_megabytes_of_pathological_text_finish(text: str) -> None:
    # Guarded by the timeout above (which fails the run): no pattern may backtrack
    # quadratically. Measured at about a second each on two cores.
    with contextlib.suppress(InputRejected):
        parse_release(text, source="huge.txt")


@pytest.mark.timeout(60)
def test_five_megabytes_of_repeated_releases_still_parse(seed: ParsedRelease) -> None:
    text = (RELEASES / "seed_hkstp_horizon.txt").read_text(encoding="utf-8")
    release = parse_release(text * (FIVE_MB // len(text.encode("utf-8"))), source="x")
    assert release.title_zh == seed.title_zh
    assert [p.name_zh for p in release.spokespeople] == ["孫東", "查毅超", "余凱"]


# ==================================================== media contacts given in a sentence

_PROSE_EN = """\
The Hong Kong Jockey Club Charities Trust Announces HK$100 Million Elderly Care Initiative

HONG KONG, 8 November 2024 – The Hong Kong Jockey Club Charities Trust today announced a \
HK$100 million initiative to support community elderly care.

For media enquiries, please contact Ms Cindy Lau of the Club's Corporate Communications \
Department at 2966 8111 or cindy.lau@hkjc.org.hk, or Mr Kelvin Ho at 9012 3456 (mobile).
"""

_PROSE_ZH = """\
新世界發展宣布推出綠色債券

（香港，2024年9月2日）新世界發展有限公司今日宣布發行綠色債券。

如有查詢，請聯絡新世界發展企業傳訊部高級主任陳小姐（電話：2131 0000；電郵：chan@nwd.com.hk）\
或李先生（手提：9123 4567）。
"""


def test_media_contacts_in_an_english_sentence_are_read_person_by_person() -> None:
    release = parse_release(_PROSE_EN, source="hkjc.txt")
    issuer = release.issuer_keys[0]
    assert [o.name_en for o in release.organizations if o.key == issuer] == [
        "Hong Kong Jockey Club Charities Trust"
    ]
    assert release.media_contacts == [
        ParsedContact(issuer, "person", None, "Cindy Lau", "Ms", None,
                      "Club's Corporate Communications Department",
                      [RawValue("2966 8111", 5, "")], [RawValue("cindy.lau@hkjc.org.hk", 5, "")], 5),
        ParsedContact(issuer, "person", None, "Kelvin Ho", "Mr", None, None,
                      [RawValue("9012 3456", 5, "mobile")], [], 5),
    ]  # fmt: skip
    # The sentence is no organisation (it became one, "Ms Cindy Lau of the Club's ...").
    assert all("@" not in (o.name_en or "") for o in release.organizations)
    (said,) = [p for p in release.problems if p.field == "contact"]
    assert said.severity is W and "taken to be of Hong Kong Jockey Club Charities Trust" in (
        said.message
    )


def test_media_contacts_in_a_chinese_sentence_are_read_person_by_person() -> None:
    release = parse_release(_PROSE_ZH, source="nwd.txt")
    (issuer,) = release.issuer_keys
    assert release.media_contacts == [
        ParsedContact(issuer, "person", "陳", None, "小姐", "新世界發展企業傳訊部高級主任", None,
                      [RawValue("2131 0000", 5, "電話")], [RawValue("chan@nwd.com.hk", 5, "電郵")], 5),
        ParsedContact(issuer, "person", "李", None, "先生", None, None,
                      [RawValue("9123 4567", 5, "手提")], [], 5),
    ]  # fmt: skip
    assert not [p for p in release.problems if p.severity is Severity.ERROR]


def _not_understood(release: ParsedRelease, line_start: str) -> bool:
    """Whether the release reports the contact line starting so as not understood."""
    return any(
        p.field == "contact" and "not understood" in p.message and p.value.startswith(line_start)
        for p in release.problems
    )


def test_a_contact_line_with_a_number_in_it_is_never_taken_for_an_organisation() -> None:
    text = _PROSE_EN.replace(
        "please contact Ms Cindy Lau of the Club's Corporate Communications Department at "
        "2966 8111 or cindy.lau@hkjc.org.hk, or Mr Kelvin Ho at 9012 3456 (mobile).",
        "our Corporate Communications Department is there for you on 2966 8111 weekdays.",
    )
    release = parse_release(text, source="hkjc.txt")
    assert [o.name_en for o in release.organizations] == ["Hong Kong Jockey Club Charities Trust"]
    assert _not_understood(release, "our Corporate Communications Department is there for you")


def test_a_chinese_name_then_its_values_one_space_apart_is_a_contact() -> None:
    text = _PROSE_ZH.replace(
        "如有查詢，請聯絡新世界發展企業傳訊部高級主任陳小姐（電話：2131 0000；電郵：chan@nwd.com.hk）"
        "或李先生（手提：9123 4567）。",
        "傳媒查詢：\n陳小姐 2131 0000 chan@nwd.com.hk\n李先生 9123 4567 / 2131 0001\n王先生 2131 0000 轉 123",
    )
    release = parse_release(text, source="nwd.txt")
    assert [(c.name_zh, c.honorific, [v.text for v in c.phones], [v.text for v in c.emails])
            for c in release.media_contacts] == [
        ("陳", "小姐", ["2131 0000"], ["chan@nwd.com.hk"]),
        ("李", "先生", ["9123 4567", "2131 0001"], []),
    ]  # fmt: skip
    # A word that is neither a number nor an address (an extension's 轉): said, not guessed.
    assert _not_understood(release, "王先生 2131 0000 轉 123")
