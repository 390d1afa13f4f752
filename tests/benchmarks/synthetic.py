"""Deterministic synthetic bilingual rosters for benchmarks (Hong Kong-like names and numbers)."""

from __future__ import annotations

import functools
import random
from collections.abc import Iterator

import phonenumbers

from services.contact_rows import IncomingContact, IncomingValue

# Surnames with rough Hong Kong frequencies (陳 and 黃 are the commonest), and their
# Cantonese romanisations as they appear on HKID cards.
SURNAMES = [
    ("陳", "Chan", 8),
    ("黃", "Wong", 6),
    ("李", "Lee", 5),
    ("張", "Cheung", 4),
    ("梁", "Leung", 4),
    ("林", "Lam", 3),
    ("劉", "Lau", 3),
    ("吳", "Ng", 3),
    ("何", "Ho", 3),
    ("鄭", "Cheng", 2),
    ("王", "Wong", 2),
    ("楊", "Yeung", 2),
    ("麥", "Mak", 2),
    ("郭", "Kwok", 2),
    ("謝", "Tse", 2),
    ("羅", "Law", 2),
    ("蔡", "Choi", 2),
    ("曾", "Tsang", 2),
    ("馮", "Fung", 1),
    ("鄧", "Tang", 1),
    ("葉", "Yip", 1),
    ("蘇", "So", 1),
    ("朱", "Chu", 1),
    ("潘", "Poon", 1),
    ("余", "Yu", 1),
    ("熊", "Hung", 1),
    ("溫", "Wan", 1),
    ("區", "Au", 1),
    ("歐陽", "Au Yeung", 1),
    ("司徒", "Szeto", 1),
]
GIVEN = [
    ("嘉", "Ka"),
    ("欣", "Yan"),
    ("偉", "Wai"),
    ("明", "Ming"),
    ("志", "Chi"),
    ("強", "Keung"),
    ("家", "Ka"),
    ("俊", "Chun"),
    ("詠", "Wing"),
    ("詩", "Sze"),
    ("美", "Mei"),
    ("玲", "Ling"),
    ("曉", "Hiu"),
    ("文", "Man"),
    ("慧", "Wai"),
    ("敏", "Man"),
    ("子", "Tsz"),
    ("健", "Kin"),
    ("凱", "Hoi"),
    ("琪", "Kei"),
    ("安", "On"),
    ("怡", "Yee"),
    ("苗", "Miu"),
    ("東", "Tung"),
    ("毅", "Ngai"),
    ("超", "Chiu"),
    ("雅", "Nga"),
    ("麗", "Lai"),
    ("婷", "Ting"),
    ("思", "Sze"),
    ("穎", "Wing"),
    ("浩", "Ho"),
    ("然", "Yin"),
    ("樂", "Lok"),
    ("天", "Tin"),
    ("心", "Sum"),
    ("晴", "Ching"),
    ("德", "Tak"),
    ("華", "Wah"),
    ("秀", "Sau"),
]
# More given-name characters (with a romanisation each) so that, as in a real roster, the
# same full name in the same outlet is rare (the importer would rightly merge those).
_MORE = "國榮志明寶琳淑儀家豪詠琪卓賢嘉敏子謙頌恩芷晴梓軒樂瑤希彤靖雯俊傑鎮宇海峰紫君振邦雪瑩"
_MORE_EN = [
    "Kwok",
    "Wing",
    "Chi",
    "Ming",
    "Po",
    "Lam",
    "Suk",
    "Yee",
    "Ka",
    "Ho",
    "Wing",
    "Kei",
    "Cheuk",
    "Yin",
    "Ka",
    "Man",
    "Tsz",
    "Him",
    "Chung",
    "Yan",
    "Tsz",
    "Ching",
    "Tsz",
    "Hin",
    "Lok",
    "Yiu",
    "Hei",
    "Tung",
    "Ching",
    "Man",
    "Chun",
    "Kit",
    "Chun",
    "Yu",
    "Hoi",
    "Fung",
    "Tsz",
    "Kwan",
    "Chun",
    "Bong",
    "Suet",
    "Ying",
]
GIVEN += list(zip(_MORE, _MORE_EN, strict=True))
WESTERN = [
    "June",
    "Angela",
    "Peter",
    "Mary",
    "John",
    "Karen",
    "Kelvin",
    "Joyce",
    "Ivan",
    "Gloria",
    "Raymond",
    "Winnie",
    "Kenneth",
    "Cindy",
    "Terence",
    "Vivian",
    "Alan",
    "Fiona",
]
OUTLETS = [
    ("香港電台", "RTHK", "rthk.hk"),
    ("明報", "Ming Pao", "mingpao.com"),
    ("南華早報", "South China Morning Post", "scmp.com"),
    ("無綫電視", "TVB", "tvb.com.hk"),
    ("有線電視", "i-Cable", "i-cable.com"),
    ("香港經濟日報", "Hong Kong Economic Times", "hket.com"),
    ("信報", "Hong Kong Economic Journal", "hkej.com"),
    ("星島日報", "Sing Tao Daily", "singtao.com"),
    ("東方日報", "Oriental Daily News", "on.cc"),
    ("商業電台", "Commercial Radio", "881903.com"),
    ("香港01", "HK01", "hk01.com"),
    ("亞洲電視", "ATV", "hkatv.com"),
    ("路透社", "Reuters", "reuters.com"),
    ("彭博", "Bloomberg", "bloomberg.net"),
    ("法新社", "AFP", "afp.com"),
    ("香港科技園公司", "HKSTP", "hkstp.org"),
    ("愛德曼國際公關公司", "Edelman", "edelman.com"),
]
TITLES = [
    ("記者", "Reporter"),
    ("編輯", "Editor"),
    ("採訪主任", "Assignment Editor"),
    ("高級記者", "Senior Reporter"),
    ("監製", "Producer"),
    ("主播", "Anchor"),
]


@functools.cache
def _valid_prefixes() -> tuple[list[str], list[str]]:
    """Four-digit Hong Kong prefixes that phonenumbers accepts (mobile 5/6/9, fixed 2/3),
    so the synthetic roster is clean and the benchmark measures the happy path."""
    rng = random.Random(1)
    mobile, fixed = [], []
    for prefix in map(str, range(2000, 10000)):
        if prefix[0] not in "23569":
            continue
        if all(
            phonenumbers.is_valid_number(
                phonenumbers.parse(f"{prefix}{rng.randrange(10_000):04d}", "HK")
            )
            for _ in range(4)
        ):
            (fixed if prefix[0] in "23" else mobile).append(prefix)
    return mobile, fixed


_WEIGHTED_SURNAMES = [s for s in SURNAMES for _ in range(s[2])]


def synthetic_contacts(
    count: int, *, seed: int = 20231201, outlets: int = 2000
) -> Iterator[IncomingContact]:
    """``count`` contacts as an importer would hand them over: names in both scripts,
    an outlet, one or two phones (some mainland mobiles), one or two e-mails."""
    rng = random.Random(seed)
    mobile_prefixes, fixed_prefixes = _valid_prefixes()
    pool = [
        (
            f"{zh}{'' if i < len(OUTLETS) else i}",
            f"{en}{'' if i < len(OUTLETS) else f' {i}'}",
            domain if i < len(OUTLETS) else f"outlet{i}.com.hk",
        )
        for i in range(outlets)
        for zh, en, domain in [OUTLETS[i % len(OUTLETS)]]
    ]
    for n in range(count):
        sur_zh, sur_en, _ = rng.choice(_WEIGHTED_SURNAMES)
        given = [rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.08 else 2)]
        name_zh = sur_zh + "".join(g[0] for g in given)
        romanised = " ".join(g[1] for g in given)
        western = rng.choice(WESTERN) if rng.random() < 0.4 else None
        first = western or romanised
        # "June Wong Ka Yan", as many Hong Kong journalists write their names.
        name_en = f"{western} {sur_en} {romanised}" if western else f"{romanised} {sur_en}"
        big = rng.random() < 0.3
        org_zh, org_en, domain = pool[rng.randrange(len(OUTLETS) if big else len(pool))]
        local = f"{first.replace(' ', '').lower()}.{sur_en.replace(' ', '').lower()}{n}"
        emails = [IncomingValue(f"{local}@{domain}", "work")]
        if rng.random() < 0.15:
            emails.append(IncomingValue(f"{local}@gmail.com", "personal"))
        if rng.random() < 0.05:
            phones = [
                IncomingValue(f"+86 1{rng.choice('3589')}{rng.randrange(10**9):09d}", "mobile")
            ]
        else:
            phones = [
                IncomingValue(f"{rng.choice(mobile_prefixes)}{rng.randrange(10**4):04d}", "mobile")
            ]
        if rng.random() < 0.3:
            phones.append(
                IncomingValue(
                    f"+852 {rng.choice(fixed_prefixes)}{rng.randrange(10**4):04d}", "work"
                )
            )
        title_zh, title_en = rng.choice(TITLES)
        yield IncomingContact(
            where=f"synthetic row {n + 2}",
            name_zh=name_zh,
            name_en=name_en,
            title_zh=title_zh,
            title_en=title_en,
            organization_zh=org_zh,
            organization_en=org_en,
            organization_kind="media",
            phones=phones,
            emails=emails,
        )
