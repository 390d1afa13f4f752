"""Turn the plain text of a press release into structured data.

The parser reads what a press officer would read: the title and subtitle, the dateline
("（香港，2023 年 12 月 1 日）—", "HONG KONG, 1 December 2023 –"), the organisations behind
the release (from the dateline sentence and the 「關於…」 / "About …" sections), the
people quoted in the body, and the media-contact block at the end (「傳媒查詢」, "Media
enquiries").

It extracts raw text only. Phone numbers and e-mail addresses are kept exactly as written
(full-width slashes, trailing junk and all) for the importer to validate. Anything the
parser guesses, such as an English name read from an e-mail address, is reported as a
warning with the guess as its suggestion, never stated as fact. Lines of the contact block
it cannot understand become warnings, never silently dropped.

It is Qt-free and database-free, and linear in the size of the text: every pattern is
either anchored to a line or bounded, and the expensive per-line work only runs over the
small regions (header, contact block, "About" sections) where it is needed.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import accumulate, count, product
from operator import add

from services.phrases import QT_TRANSLATE_NOOP, Phrase, phrase
from services.problems import InputRejected, Problem, Severity

# --------------------------------------------------------------------------- the result


@dataclass
class RawValue:
    """A phone number or e-mail address exactly as the release writes it.

    Attributes:
        text: the value as it appears: not validated, not split, not cleaned.
        line: the 1-based line it is on.
        label: its label as written ("電話", "Tel", "Mobile", "Fax", "M", ...), or "".
    """

    text: str
    line: int
    label: str = ""


@dataclass
class ParsedOrganization:
    """An organisation named in the release.

    Attributes:
        key: identifies the organisation within this parse (contacts and spokespeople
            refer to it); derived from the first name seen.
        name_zh: the Chinese name.
        name_en: the English name.
        short_name_zh: the Chinese short name (科技園公司).
        short_name_en: the English short name (HKSTP).
        kind: "issuer", "agency", "government", "media" or "other".
        website: the web address as given, without scheme or trailing slash.
        line: the line where it was first named.
    """

    key: str
    name_zh: str | None
    name_en: str | None
    short_name_zh: str | None
    short_name_en: str | None
    kind: str
    website: str | None
    line: int | None


@dataclass
class ParsedContact:
    """One media contact from the contact block: a person or a shared mailbox.

    Attributes:
        organization_key: the key of the organisation the contact is listed under.
        kind: "person", or "mailbox" for anything that is not a person (a team
            mailbox, a press office line).
        name_zh: the Chinese name.
        name_en: the English name (possibly a guess; see the problems).
        honorific: Ms, Mr, Dr, 女士, 先生, ... as written.
        title_zh: the Chinese job title.
        title_en: the English job title.
        phones: the phone numbers as written.
        emails: the e-mail addresses as written.
        line: the line where the contact starts.
    """

    organization_key: str | None
    kind: str
    name_zh: str | None
    name_en: str | None
    honorific: str | None
    title_zh: str | None
    title_en: str | None
    phones: list[RawValue]
    emails: list[RawValue]
    line: int


@dataclass
class ParsedSpokesperson:
    """A person quoted in the body (表示, 說, "said", ...).

    Attributes:
        name_zh: the Chinese name.
        name_en: the English name.
        honorific: 教授, 博士, Dr, Ms, ... as written.
        title_zh: the Chinese title given with the quote.
        title_en: the English title given with the quote.
        organization_key: the key of the organisation the title names, if any.
        line: the line of the first quote.
    """

    name_zh: str | None
    name_en: str | None
    honorific: str | None
    title_zh: str | None
    title_en: str | None
    organization_key: str | None
    line: int


@dataclass
class ParsedRelease:
    """Everything read from one press release.

    Attributes:
        title_zh: the Chinese title.
        title_en: the English title.
        subtitle_zh: the Chinese subtitle.
        subtitle_en: the English subtitle.
        issued_on: the date of the dateline.
        place: the place of the dateline (香港, Hong Kong).
        language: "zh", "en" or "bilingual".
        organizations: every organisation found, issuers first.
        issuer_keys: the keys of the organisations issuing the release.
        media_contacts: the contact block's contacts, in the order given.
        spokespeople: the people quoted, each once, in order of first quote.
        problems: what was guessed, doubtful or missing, each with its line.
        fingerprint: SHA-256 of the whitespace-normalised text; the same release always
            gives the same fingerprint, whatever its encoding or line breaks.
    """

    title_zh: str | None
    title_en: str | None
    subtitle_zh: str | None
    subtitle_en: str | None
    issued_on: date | None
    place: str | None
    language: str
    organizations: list[ParsedOrganization]
    issuer_keys: list[str]
    media_contacts: list[ParsedContact]
    spokespeople: list[ParsedSpokesperson]
    problems: list[Problem]
    fingerprint: str


# --------------------------------------------------------------------------- characters

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_CHAR = re.compile(f"[{_HAN}]")
_HAN_RUN = re.compile(f"[{_HAN}]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_H = r"[^\S\n]"  # horizontal white space: any white space but a line break

# Zero-width characters and marks are invisible to a reader; form feeds and vertical tabs
# are page breaks from PDF or Word exports, not line breaks. (str.replace, one character at
# a time, is many times faster than str.translate on a large non-ASCII text.)
_INVISIBLE = (("\u200b", ""), ("\u200c", ""), ("\u200d", ""), ("\u2060", ""), ("\ufeff", ""),
              ("\f", " "), ("\v", " "))  # fmt: skip

_BULLET = re.compile(r"^(?:[•●◆◇■□▪▫►▶➢➤✓✔○◎·‧・*\-–]|\d{1,2}[.)、]|[(（]\d{1,2}[)）])\s*(?=\S)")
_SENTENCE_END = '。！？!?.…」』”"'

# --------------------------------------------------------------------------- limits

# Real releases are a few pages; these caps keep a 5 MB hostile input fast without ever
# cutting a real release short.
_MAX_HEADER_LINES = 40
_MAX_BLOCK_LINES = 300
_MAX_BLOCKS = 20
_MAX_ABOUT_LINES = 80
_MAX_QUOTE_HITS = 5000
_MAX_DATE_HITS = 2000
_MAX_CONTACT_LINE = 500
_MAX_WORD_HITS = 20_000
_DATE_HEAD_CHARS = 200_000  # datelines open a release (or, in government releases, close it)
_DATE_TAIL_CHARS = 20_000
_LANGUAGE_SAMPLE_CHARS = 200_000

# --------------------------------------------------------------------------- dates

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
           "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}  # fmt: skip
_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![A-Za-z])\.?"
)
_ZH_DATE = re.compile(
    rf"(?P<y>\d{{4}}|[〇零○Ｏ一二三四五六七八九]{{4}}){_H}*+年{_H}*+"
    rf"(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}}){_H}*+月{_H}*+"
    rf"(?P<d>\d{{1,2}}|[一二三四五六七八九十廿卅]{{1,3}}){_H}*+[日號号]"
)
_EN_DMY = re.compile(
    rf"(?<![\w/])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{_H}++{_MONTH}(?:,{_H}*+|{_H}++)(?P<y>\d{{4}})\b",
    re.I,
)
_EN_MDY = re.compile(
    rf"(?<![\w/]){_MONTH}{_H}++(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?{_H}++(?P<y>\d{{4}})\b", re.I
)
_ISO_DATE = re.compile(r"(?<![\w/-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\w/-])")
_ZH_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip

_WEEKDAY_ZH = r"(?:星期|週|周|禮拜|礼拜)[一二三四五六日天]"
_WEEKDAY_EN = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_WEEKDAY_AFTER = re.compile(
    rf"^{_H}*+[（(]?{_H}*+(?:{_WEEKDAY_ZH}|{_WEEKDAY_EN}|Mon|Tue|Wed|Thu|Fri|Sat|Sun){_H}*+[）)]?",
    re.I,
)
_DATE_LABEL_BEFORE = re.compile(
    rf"^(?:date[d]?|日期|發佈日期|发布日期|發稿日期|release\s+date|issued\s+on|"
    rf"for\s+immediate\s+release|即時發佈|即時發放|即时发布|ends?{_H}*+/)?{_H}*+[:：,，/]?{_H}*+"
    rf"(?:{_WEEKDAY_EN}|{_WEEKDAY_ZH})?{_H}*+[,，]?{_H}*+$",
    re.I,
)
# The dashes press offices put between a dateline and the body, or between its place and
# date: em and en dashes, the full-width hyphen, the horizontal bar and box-drawing lines
# (「（香港─2024年4月10日）」), and the middle dots of 「香港‧2024年4月10日」.
_DASHES = "—–－―─━‒"
_DATELINE_DOTS = "‧·・"
_DASH_AFTER_DATE = re.compile(
    rf"^{_H}*+[)）】\]〕]?{_H}*+(?:/[^/\n]{{1,30}}/{_H}*+)?(?:[{_DASHES}]+|-{{1,2}}(?!\d))"
)
_DATELINE_DASH = re.compile(
    rf"[{_DASHES}]+|(?:^|\s)-{{1,2}}(?=\s)|/[^/\n]{{1,30}}/\s*(?:-{{1,2}})?"
)
_EMBARGO = re.compile(r"embargo|禁止發佈|禁止发布|禁發|不得發佈|截至", re.I)
_ZH_PLACE = re.compile(rf"^(?P<place>[{_HAN}]{{2,10}}?)(?:訊|讯|電|电|報道|报道)?$")
_EN_PLACE = re.compile(r"^[A-Z][A-Za-z.'’-]*(?:(?:\s+|,\s*)[A-Za-z][A-Za-z.'’-]*){0,4}$")
_ZH_PLACE_AFTER = re.compile(
    rf"^{_H}*+(?:[，,、{_DATELINE_DOTS}{_DASHES}]+|-{{1,2}})?{_H}*+(?P<place>[{_HAN}]{{2,10}}){_H}*+[）)】\]〕]"
)
# 「二〇二四年七月十日（星期三），香港訊 ——」: the place after the date, then the dash.
_ZH_PLACE_THEN_DASH = re.compile(
    rf"^{_H}*+[，,、]{_H}*+(?P<place>[{_HAN}]{{2,10}}?)(?:訊|讯|電|电)?{_H}*+(?:[{_DASHES}]|-{{1,2}})"
)
_EN_PLACE_AFTER = re.compile(
    rf"^{_H}*+(?:\({_H}*+(?P<p1>[A-Z][A-Za-z .,'’-]{{1,40}}?){_H}*+\)"
    rf"|,{_H}*+(?P<p2>[A-Z][A-Za-z .'’-]{{1,40}}?){_H}*+(?:[—–－]|-{{1,2}}|$))"
)
_NOT_PLACES = frozenset(
    {"date", "dated", "ends", "friday", "monday", "tuesday", "wednesday", "thursday",
     "saturday", "sunday", "for immediate release", "日期", "發佈日期"}
)  # fmt: skip

# --------------------------------------------------------------------------- line kinds

_LABEL_LINE = re.compile(
    r"^(?:(?:joint\s+)?(?:press|media|news)\s+(?:release|statement|announcement|advisory|"
    r"alert|invitation)s?|for\s+immediate\s+release|immediate\s+release|embargo|under\s+embargo|"
    r"新聞稿|新闻稿|聯合新聞稿|联合新闻稿|新聞公報|新闻公报|即時發佈|即時發放|即時發布|即时发布|"
    r"即时发放|供即時發佈|香港特別行政區政府新聞公報|香港特别行政区政府新闻公报|政府新聞公報|"
    r"新聞發佈|新闻发布|傳媒通告|传媒通告|傳媒邀請|Government\s+press\s+release)",
    re.I,
)
# The heading patterns below are matched against one line at a time. Their white space is
# possessive (*+): a line of a million spaces must fail at once, not try every split.
_END_MARKER = re.compile(
    r"^\s*+[-－—–~*＊#_=]*+\s*+(?:完|全文完|完結|END|ENDS|THE\s+END|NNNN)\s*+[-－—–~*＊#_=.]*+\s*+$"
    r"|^\s*+ends?\s*+/|^\s*+(?:#\s*+){3,}$",
    re.I,
)
_END_WORDS = ("完", "END", "End", "end", "NNNN", "#")
_SEPARATOR = re.compile(r"^\s*+(?:[-－—–~*＊=＝_•·─━═]\s*+){3,}$")
_ABOUT_HEADING = re.compile(
    r"^\s*+[#*•■]*+\s*+(?:(?:關於|关于)\s*+(?P<zh>[^\n，。：:；;、!?！？]{1,40}?)"
    r"|(?i:about)\s++(?P<en>[^\n]{2,100}?))\s*+[:：]?\s*+$"
)
_ABOUT_WORDS = ("關於", "关于", "About", "ABOUT", "about")
_NOTES_HEADING = re.compile(
    r"^\s*+[#*•■]*+\s*+(?:notes?\s+to\s+(?:the\s+)?editors?|editor[’'`]?s?[’']?\s+notes?|"
    r"編輯備註|编辑备注|編者按|编者按|編輯注意|附註|附注|圖片說明|图片说明|相片說明|"
    r"photo\s+captions?|disclaimer|免責聲明|免责声明|forward[- ]looking\s+statements?)"
    r"\s*+[:：]?\s*+$",
    re.I,
)
_CONTACT_HEADING = re.compile(
    r"^\s*+[#*•●■▪◆►>\-–—]*+\s*+(?P<head>"
    r"(?:傳媒|媒體|新聞|传媒|媒体|新闻|採訪|采访)"
    r"(?:查詢|查询|垂詢|垂询|聯絡人|联络人|聯絡|联络|聯繫|联系人|联系)(?:事宜)?"
    r"|如(?:有|欲|需|需要|想)(?:任何)?(?:傳媒|媒體|传媒|媒体)?(?:查詢|查询|垂詢|垂询|疑問|疑问)"
    r"(?=[，,、：:\s]*+(?:請|请|敬請|可|歡迎|欢迎|聯絡|联络|致電|致电|$))"
    r"|(?:for\s++)?(?:further\s++|more\s++|all\s++)?(?:media|press|news)\s++"
    r"(?:enquiries|enquiry|inquiries|inquiry|contacts?|relations|information)"
    r"|for\s++(?:further|more|any)\s++(?:information|details|enquiries|inquiries|questions)"
    r"(?=\s*+(?:[,:]\s*+)?(?:please\s++)?(?:contact|call)\b|\s*+:\s*+$)"
    r"|(?:查詢|查询|垂詢|垂询|聯絡人|联络人|联系人|contacts?|enquiries|inquiries)(?=\s*+[:：])"
    r")(?P<rest>[^\n]*)$",
    re.I,
)
# Words one of which every contact heading contains: the text is searched for these (fast,
# in C) and only the lines holding one are matched against the heading pattern.
_CONTACT_WORDS = (
    "傳媒", "媒體", "传媒", "媒体", "新聞", "新闻", "如有", "查詢", "查询", "聯絡", "联络", "联系",
    "垂詢", "垂询", "採訪", "采访", "Media", "media", "MEDIA", "Press", "press", "PRESS", "News",
    "news", "NEWS", "Contact", "contact", "CONTACT", "Enquir", "enquir", "ENQUIR", "Inquir",
    "inquir", "INQUIR", "For ", "FOR ",
)  # fmt: skip
_HEADING_INVITATION = re.compile(
    r"^[,，、]?\s*(?:(?:please\s+)?(?:contact|call|e-?mail|reach)|請(?:聯絡|聯繫|聯系|致電|電郵)|"
    r"请(?:联络|联系|致电)|(?:敬請|可|歡迎|欢迎)?(?:聯絡|聯繫|联络|联系|致電|致电)|please)?\s*"
    r"(?:the\s+following)?\s*[:：]?\s*",
    re.I,
)

# --------------------------------------------------------------------------- names

_SURNAMES = frozenset(
    "陳陈李張张黃黄何林梁吳吴劉刘蔡鄭郑楊杨王謝谢郭曾麥麦鄧邓馮冯羅罗葉叶周朱蘇苏盧卢許许馬马"
    "蕭萧潘袁胡彭余譚谭莫岑鍾钟鐘姚杜廖施孔區区方文趙赵孫孙高徐唐韓韩董于於程傅沈曹呂吕丁魏薛"
    "葛閻阎江龐庞錢钱湯汤尹黎易常武喬乔賀贺賴赖龔龚邱邵石熊孟秦白毛史顧顾侯邢金任范汪陸陆田"
    "戴夏鄒邹萬万康雷倪嚴严牛溫温蔣蒋韋韦章伍甘祁關关霍翁柯洪游凌簡简查容姜歐欧冼尤時时柳車车"
    "鮑鲍戚左殷古卓紀纪屈巫翟衛卫聶聂駱骆房杭焦崔鄺邝岳魯鲁詹蒙利華华單单藍蓝包辛寧宁卜裴陶苗"
    "宋賈贾俞晏祝樊姬項项童樂乐談谈甄盛蒲涂塗符鄔邬阮勞劳湛冉農农季郁佘闞阚練练巢滕連连覃荊荆"
    "仇裘饒饶喻繆缪邱邬岑黎伍龍龙"
)
_COMPOUND_SURNAMES = frozenset(
    {"歐陽", "欧阳", "司徒", "上官", "司馬", "司马", "諸葛", "诸葛", "東方", "东方", "尉遲",
     "皇甫", "公孫", "公孙", "令狐", "夏侯", "端木", "慕容", "長孫", "长孙", "宇文", "鮮于", "申屠"}
)  # fmt: skip
# Characters that never appear in a Chinese personal name in a release but are common in
# the words around one; they stop "表示" clauses from yielding a fake name.
_NOT_NAME_CHARS = frozenset(
    "的了是在和與与及並并也都就將将會会為为對对於以而之其這这那此等們们說说表示指稱称"
)
# Of those, the ones some given names do hold (劉會平, 楊其龍, 梁和平, 李為民): taken in a
# name only where something else says it is one (a title just before it, an honorific
# after it), and never as the surname.
_GIVEN_NAME_FUNCTION_CHARS = frozenset("在和與与及將将會会為为對对於以而之其等")


def _bad_name_chars(name: str, *, vouched: bool) -> bool:
    """True when ``name`` holds characters a name in this place cannot hold."""
    found = _NOT_NAME_CHARS.intersection(name)
    if not found:
        return False
    surname = 2 if name[:2] in _COMPOUND_SURNAMES else 1
    return (
        not vouched
        or not found <= _GIVEN_NAME_FUNCTION_CHARS
        or bool(_NOT_NAME_CHARS.intersection(name[:surname]))
    )


_ZH_HONORIFICS = (
    "資深大律師", "太平紳士", "太平绅士", "大律師", "大律师", "工程師", "工程师", "會計師", "会计师",
    "建築師", "建筑师", "律師", "律师", "醫生", "医生", "教授", "博士", "先生", "女士", "小姐", "太太",
    "夫人", "議員", "议员", "法官", "院士", "爵士", "牧師", "神父",
)  # fmt: skip
_ZH_TITLE_SUFFIXES = (
    "首席執行官", "首席执行官", "常任秘書長", "行政總裁", "行政总裁", "聯合創辦人", "聯合創始人",
    "联合创始人", "總經理", "总经理", "董事長", "董事长", "秘書長", "秘书长", "理事長", "理事长",
    "總幹事", "总干事", "總編輯", "总编辑", "副總裁", "副总裁", "創辦人", "创办人", "創始人", "创始人",
    "始創人", "始创人", "合夥人", "合伙人", "發言人", "发言人", "負責人", "负责人", "講座教授",
    "局長", "局长", "司長", "司长", "署長", "署长", "處長", "处长", "主席", "總裁", "总裁", "總監",
    "总监", "經理", "经理", "主任", "董事", "院長", "院长", "校長", "校长", "會長", "会长", "社長",
    "顧問", "顾问", "代表", "主管", "專員", "专员", "議員", "议员", "部長", "部长", "市長", "市长",
    "行長", "行长", "長官", "长官", "教授", "醫生", "医生", "大使", "領事", "领事", "委員", "委员",
    "秘書", "秘书", "編輯", "编辑", "官", "長", "长",
)  # fmt: skip
_ZH_ROLE_WORDS = re.compile(
    "|".join(_ZH_TITLE_SUFFIXES[:-3])
    + r"|高級|高级|助理|統籌|统筹|分析師|行政人員|傳訊|传讯|公關經理|副總|副总|新聞主任|新闻主任"
)
_ZH_LEADING_CONNECTIVES = re.compile(
    r"^(?:此外|另外|同時|同时|其中|至於|至于|對此|对此|會上|会上|席上|另一方面|而|並|并|亦|但|在|"
    r"就此|當中|当中)+"
)
_ZH_TAIL_ADVERBS = re.compile(
    r"(?:[在於于][^，。：；「」『』]{1,24}?(?:時|时|上|中|後|后)|今日|今天|昨日|昨天|當日|当日|"
    r"同時|同时|會上|会上|席上|[亦也更則则又並并再均都續续還还])+$"
)

_EN_HONORIFICS = (
    "The Honourable", "The Hon", "Professor", "Madam", "Dame", "Lady", "Lord", "Prof", "Miss",
    "Mrs", "Mdm", "Sir", "Hon", "Rev", "Mr", "Ms", "Mx", "Dr", "Ir",
)  # fmt: skip
_EN_HON = "|".join(re.escape(h) for h in _EN_HONORIFICS)
_EN_HON_GROUP = rf"(?:(?:{_EN_HON})\.?\s+)+"
_EN_NAME_WORD = r"(?:[A-Z][A-Za-z'’\-]*|[A-Z]\.)"
_EN_NAME = rf"{_EN_NAME_WORD}(?:\s+{_EN_NAME_WORD}){{0,4}}"
_EN_PERSON = re.compile(rf"^(?P<hon>{_EN_HON_GROUP})?(?P<name>{_EN_NAME})$")
_EN_ROLE_WORDS = re.compile(
    r"\b(?:Manager|Director|Officer|Executive|Head|Lead|Associate|Consultant|Specialist|"
    r"Co-?ordinator|Assistant|President|VP|Vice|Chief|Senior|Account|Spokes(?:person|man|woman)|"
    r"Secretary|Partner|Analyst|Supervisor|Intern|Editor|Advis[oe]r|Counsel|Chairman|"
    r"Chairperson|Chairwoman|Chair|Founder|Co-founder|CEO|CFO|COO|CTO|CMO|CIO|Principal|"
    r"Administrator|Representative|Strategist|Planner|Producer|Engineer|Commissioner|"
    r"Controller|Dean|Professor|Fellow|Member|Deputy|Under\s+Secretary|Permanent)\b"
)
_POST_NOMINALS = re.compile(
    r"^(?:JP|SBS|BBS|MH|GBS|GBM|OBE|MBE|CBE|PhD|MBA|SC|QC|KC|FHKIE|IDSM|PDSM)$"
)

# --------------------------------------------------------------------------- organisations

_AGENCY = re.compile(
    r"公關|公关|傳訊顧問|传讯顾问|公共關係|公共关系|愛德曼|爱德曼|奧美|奥美|萬博宣偉|万博宣伟|博然思維|"
    r"高誠|福萊|偉達|伟达|博雅公關|縱橫公共關係|"
    r"\bPR\b|Public\s+Relations|Communications|Strategic|Porter\s+Novelli|Edelman|Ogilvy|"
    r"Weber\s+Shandwick|Brunswick|Golin|Fleishman\s*Hillard|Hill\s*(?:\+|&|and)\s*Knowlton|"
    r"Burson|\bBCW\b|Ketchum|Finsbury|FTI\s+Consulting|Teneo|Sandpiper|\bZeno\b|\bMSL\b|"
    r"Citigate|Archetype|Cohn\s*&\s*Wolfe|Red\s+Havas|\bAPCO\b|Racepoint|Grayling|\bH\+K\b|"
    r"Ruder\s+Finn|Highgate|Kreab|Hume\s+Brophy|Klareco|PRecious",
    re.I,
)
_COMPANY_DEPARTMENT = re.compile(
    r"(?:傳訊|传讯|市場|市场|市務|市务|公關|公关|業務|业务|銷售|销售|人事|財務|财务|行政|技術|技术|"
    r"研發|研发|客戶服務|客户服务|客服|傳播|传播|新聞|新闻|品牌|企業事務|企业事务|公共關係|公共关系|"
    r"公共事務|公共事务|營運|营运|資訊科技|信息技术|法律|法務|人力資源|人力资源)部$"
)
_GOVERNMENT_ZH = re.compile(
    r"(?:局|署|處|处|辦公室|办公室|委員會|委员会|政府|(?<!公)司|部|辦事處|办事处)$"
)
_GOVERNMENT_EN = re.compile(
    r"\b(?:Bureau|Department|Office\s+of|Government|Ministry|Commission)\b", re.I
)
_ORG_SUFFIX_ZH = re.compile(
    r"(?:有限公司|公司|集團|集团|機構|机构|協會|协会|學會|学会|商會|商会|基金會|基金会|大學|大学|"
    r"學院|学院|醫院|医院|銀行|银行|研究院|研究所|中心|聯會|联会|總會|总会|工會|工会|學校|学校|書院|"
    r"书院|博物館|博物馆|交易所|實驗室|实验室|科技園|科学园|科學園|電視|电视|電台|电台|日報|日报|"
    r"報|报|通訊社|通讯社|新聞社|新闻社|雜誌|杂志|公關顧問|公关顾问|公關|公关|傳訊|传讯|顧問公司|"
    r"事務所|事务所)$"
)
_ORG_SUFFIX_EN = re.compile(
    r"\b(?:Limited|Ltd\.?|Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.|Group|Holdings|"
    r"LLC|LLP|PLC|GmbH|University|College|Institute|Association|Foundation|Bank|Council|"
    r"Authority|Agency|Consultants|Consultancy|Consulting|Partners|Associates|Robotics|"
    r"Technologies|Technology|Labs?|Laboratories|Ventures|Capital|Media|Society|Federation|"
    r"Trust|Hospital|School|Centre|Center|Parks?|Club|Museum|Exchange|Studios?|Network|"
    r"Solutions|Systems|International|Worldwide|Hong\s+Kong|Asia|Pacific|China|Post|Times|"
    r"News|Daily|Radio|TV|Television)\b"
)
_ORG_SUFFIX_EN_AT_END = re.compile(_ORG_SUFFIX_EN.pattern + r"\W*$")
_MEDIA = re.compile(
    r"日報|日报|電視|电视|電台|电台|新聞社|新闻社|通訊社|通讯社|雜誌|杂志|\b(?:Post|Times|News|Daily|"
    r"Radio|TV|Television|Broadcasting|Magazine|Herald|Tribune|Journal|Press)\b",
    re.I,
)
_GOVERNMENT_TITLE = re.compile(
    r"^(?P<org>.{2,30}?(?:局|署|處|处|辦公室|办公室|委員會|委员会|政府|(?<!公)司|部))"
    r"(?:副|常任|首席)?(?:局長|局长|司長|司长|署長|署长|處長|处长|部長|部长|主任|秘書長|秘书长|專員|"
    r"专员|主席|秘書|秘书|政務助理|政治助理|官|長|长)$"
)
_COMPANY_IN_TITLE = re.compile(
    rf"^(?P<org>[{_HAN}A-Za-z]{{2,30}}?"
    r"(?:有限公司|公司|集團|集团|大學|大学|學院|学院|協會|协会|銀行|银行))"
)
# A department of an organisation (公共關係部, 新聞組): a unit, written like a title.
_ZH_UNIT = re.compile(r"(?:部|組|组|科|辦公室|办公室)$")
_DEPARTMENT_WORDS = frozenset(
    {"corporate", "communications", "communication", "public", "relations", "affairs",
     "marketing", "media", "department", "division", "office", "team", "unit", "external",
     "government", "brand", "pr", "and", "of", "the", "press", "investor", "digital",
     "content", "news", "strategy", "events"}
)  # fmt: skip
_ORG_AND_UNIT_ZH = re.compile(
    r"^(?P<org>.{2,30}?(?:局|署|處|处|辦公室|办公室|委員會|委员会|公司|集團|集团|政府))"
    r"(?P<unit>[^局署處处]{1,10}(?:組|组|部|科|處|处))$"
)
_ON_BEHALF = re.compile(r"\s*[(（]?\s*(?:for\s+and\s+)?on\s+behalf\s+of\s+[^)）]*[)）]?\s*$", re.I)
# A label before an organisation's line: 「香港公关代理：博达公关顾问有限公司」, "PR agency: …".
_ORG_LINE_LABEL = re.compile(
    r"^[^:：\d@]{0,8}?(?:公關代理|公关代理|代理|公關公司|公关公司|公關顧問|公关顾问|"
    r"(?:PR\s+|public\s+relations\s+)?(?:agency|consultants?))\s*[:：]\s*(?=\S)",
    re.I,
)
_LEGAL_SUFFIX = re.compile(
    r"(?:companylimited|colimited|coltd|limited|ltd|incorporated|inc|llc|plc|corporation|corp|"
    r"有限公司|股份有限公司)$"
)
_PAREN = re.compile(r"[（(]([^（()）]{1,60})[）)]")

# Words the press office writes around an English organisation's name in a dateline.
_EN_PREDICATE = re.compile(
    r"\b(?:today|yesterday|has|have|had|is|are|was|were|will|announced|announces|signed|signs|"
    r"launched|launches|unveiled|unveils|held|holds|hosted|hosts|officially|jointly|recently|"
    r"celebrated|celebrates|entered|enters|opened|opens|introduced|introduces|released|"
    r"releases|partnered|partners\s+with|joined|joins|received|receives|won|wins)\b"
)
# Words that start the predicate of a Chinese dateline sentence. Characters common inside
# names (為/为 in 華為, 于 as a surname) are left out on purpose.
_ZH_PREDICATE = re.compile(
    r"今日|今天|昨日|昨天|日前|近日|宣布|宣佈|宣告|正式|攜手|携手|聯合(?!國)|联合(?!国)|共同|簽署|"
    r"签署|推出|舉辦|举办|舉行|举行|公布|公佈|於|在|將|将|已經|已经|成功|欣然|很高興|很高兴|榮幸|"
    r"荣幸|獲|获|再度|首度|一同|一起"
)
_ZH_ORG_SPLIT = re.compile(r"與|与|、|暨|聯同|联同|以及|，|,")
_EN_ORG_SPLIT = re.compile(r",|\band\b|&|\|")
# A name, then its short name in brackets; a quoted short name may be followed by more
# ("Orient Pay" or the "Company", HKEX stock code: 8899), which is not part of it.
_EN_PAREN_NAME = re.compile(
    r"(?P<name>[A-Z][\w&'’.\-]*(?:\s+(?:[A-Z][\w&'’.\-]*|of|and|the|for|in|&|de|du))*?)\s*"
    r"\(\s*(?:the\s+|hereinafter\s+)?(?:[\"“'‘](?P<quoted>[^)\"”’]{1,30}?)[\"”'’][^()]{0,80}?"
    r"|(?P<short>[^)\"”’]{1,30}?))\s*\)"
)
_ZH_PAREN_NAME = re.compile(
    r"(?P<name>[^（(與与、，,]{2,40}?)\s*[（(]\s*(?:下稱|下称|以下簡稱|以下简称|簡稱|简称)?\s*"
    r"(?:[「“\"](?P<quoted>[^）)「」“”\"]{1,20}?)[」”\"][^（()）]{0,60}?"
    r"|(?P<short>[^）)「」“”\"]{1,20}?))\s*[）)]"
)
# What stands in brackets after a listed company's name but is no short name.
_STOCK_CODE = re.compile(
    r"股份代號|股份代号|股票代號|股票代码|證券代碼|证券代码|stock\s+code|\b(?:HKEX|SEHK|SZSE|SSE|"
    r"NYSE|NASDAQ|HK)\s*[:：]?\s*\d|^\s*[\d.\s]+$",
    re.I,
)


# Small words a proper name of several words may hold ("Bank of East Asia").
_NAME_JOINERS = frozenset({"of", "and", "the", "for", "in", "&", "de", "du", "on"})


def _short_of(paren: re.Match[str]) -> str | None:
    """The short name a bracket gives after a name, unless it is a stock code."""
    short = (paren["quoted"] or paren["short"] or "").strip()
    return short if short and not _STOCK_CODE.search(short) else None


_URL = re.compile(
    r"(?<![@\w.])(?:https?://)?(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?\.){1,5}"
    r"[A-Za-z]{2,24}(?![\w@])(?:/[^\s。，、）)」\"”]{0,200})?"
)
_GENERIC_DOMAIN_LABELS = frozenset(
    {"com", "org", "net", "gov", "edu", "hk", "cn", "cc", "io", "co", "uk", "sg", "tw", "mo",
     "ai", "biz", "asia", "info", "ac", "idv", "www"}
)  # fmt: skip

# --------------------------------------------------------------------------- contact block

_PHONE_LABELS = (
    "電話號碼", "聯絡電話", "辦公室電話", "辦公電話", "手提電話", "流動電話", "行動電話", "移動電話",
    "直線電話", "電話", "电话", "直線", "直綫", "手提", "手機", "手机", "熱線", "热线", "傳真",
    "传真", "电话号码", "联系电话", "联络电话", "办公室电话", "办公电话", "手提电话", "移动电话",
    "手机号码", "手機號碼", "座機", "座机", "固定電話", "固定电话", "固話", "固话", "總機", "总机",
    "直线电话", "直线", "Telephone", "Direct line", "Direct", "Mobile No", "Mobile", "Office",
    "Hotline", "WhatsApp", "Phone No", "Phone", "Cell", "Mob", "Tel No", "Tel", "Fax No", "Fax",
    "Ph", "DL", "T", "M", "F",
)  # fmt: skip
_EMAIL_LABELS = (
    "電子郵件地址", "電子郵件", "電子郵箱", "電郵地址", "電郵", "电邮", "郵箱", "邮箱", "電子郵",
    "电子邮件地址", "电子邮件", "电子邮箱", "电邮地址", "Email address", "E-mail", "Email",
    "Mail", "E",
)  # fmt: skip
_LABEL_ALT = "|".join(
    re.escape(label) for label in sorted(_PHONE_LABELS + _EMAIL_LABELS, key=len, reverse=True)
)
_VALUE_LABEL = re.compile(
    rf"(?:^|(?<=[\s|｜/／,，;；、·•(（]))"
    rf"(?P<label>(?:{_LABEL_ALT})(?:\s*[/／&]\s*(?:{_LABEL_ALT}))*)(?![A-Za-z])\.?"
    rf"(?:\s*[:：]\s*|\s+(?=[+＋(（]?\d)|(?<=[{_HAN}])(?=[+＋(（]?\d)|\s+(?=\S+[@＠]))",
    re.I,
)
# Bars between the cells of a contact line: ASCII, full-width, box-drawing.
# Between people named on one line: a slash, 、, "and", & or 及.
_PEOPLE_SEPARATOR = re.compile(r"\s+/\s+|\s*[／、&]\s*|\s+and\s+|及")
_CELL_BAR = re.compile(r"\s*[|｜│┃]\s*")
_NAMED_VALUE = re.compile(r"^(?P<name>[^:：@\d]{2,40})[:：]\s*(?P<value>[^:：]{6,80})$")
_LABEL_WORDS = frozenset(label.casefold() for label in _PHONE_LABELS + _EMAIL_LABELS)
_EMAIL_LABEL_WORDS = frozenset(label.casefold() for label in _EMAIL_LABELS)
_KEYED_FIELD = re.compile(
    r"^(?P<key>Name|Contact\s+person|Contact|姓名|聯絡人|联络人|Title|Position|Designation|"
    r"Job\s+title|職位|职位|職銜|职衔|職稱|职称|Organi[sz]ation|Company|Agency|機構|机构|公司|單位|单位)"
    r"\s*[:：]\s*(?P<value>.+)$",
    re.I,
)
_KEY_KINDS = {"name": "name", "contact person": "name", "contact": "name", "姓名": "name",
              "聯絡人": "name", "联络人": "name", "title": "title", "position": "title",
              "designation": "title", "job title": "title", "職位": "title", "职位": "title",
              "職銜": "title", "职衔": "title", "職稱": "title", "职称": "title",
              "organisation": "org", "organization": "org", "company": "org", "agency": "org",
              "機構": "org", "机构": "org", "公司": "org", "單位": "org", "单位": "org"}  # fmt: skip
_COLUMN_KINDS = dict(
    _KEY_KINDS,
    **{"tel": "phone", "tel.": "phone", "telephone": "phone", "phone": "phone", "電話": "phone",
       "电话": "phone", "mobile": "phone", "手提": "phone", "手機": "phone", "office": "phone",
       "direct line": "phone", "direct": "phone", "fax": "phone", "傳真": "phone", "email": "email",
       "e-mail": "email", "電郵": "email", "电邮": "email", "電子郵件": "email"},
)  # fmt: skip
_CELL_SPLIT = re.compile(r"\t+|\s*[|｜│┃]\s*|\s{2,}|\s+/\s+|\s*／\s*")
_ROW_SPLIT = re.compile(
    r"\t+|\s*[|｜]\s*|\s{2,}|\s*[;；]\s*|\s*：\s*|\s*:\s+|\s*,\s+(?=[+＋(（\d\w.-]*[@＠\d])"
)
_PHONE_NOTE = re.compile(
    r"\((?:[A-Za-z]{1,6}|辦|办|手|手提|辦公室|办公室|直線)\)|（(?:[A-Za-z]{1,6}|辦|办|手|手提|辦公室|直線)）"
    r"|\b(?:ext|extn|x)\.?\s*\d{1,6}|內線\s*\d{1,6}|内线\s*\d{1,6}|轉\s*\d{1,6}|转\s*\d{1,6}",
    re.I,
)
_PHONE_CHARS = re.compile(r"^[+＋(（]?[\d\s\-‐‑–—.()（）/／,，、+＋~或or]*$")
_DIGIT = re.compile(r"\d")
_EMAIL_TOKEN_SPLIT = re.compile(r"[\s,;，；、]+|(?<=[\w.])\s*[/／]\s*(?=[\w.+-]+[@＠])")
_ENCLOSING = "<>()（）[]【】\"'“”‘’「」"
# A line naming a shared mailbox or desk rather than a person ("Press team:", "新聞組").
_MAILBOX_NAME = re.compile(
    r"\b(?:pr|media|press|news(?:room)?|info(?:rmation)?|enquir\w*|inquir\w*|team|comms|"
    r"communications|office|admin|contact|hello|mailbox|marketing|general|desk|hotline)\b|"
    r"新聞組|新闻组|新聞處|新闻处|新聞部|傳訊部|传讯部|公關部|公关部|熱線|热线|查詢組|"
    r"(?:一般|傳媒|传媒|媒體|媒体|公眾|公众)?(?:查詢|查询|垂詢|垂询)(?:熱線|热线|電話|电话)?$|總機|总机",
    re.I,
)
_EMAIL_NAME_STOPWORDS = frozenset(
    {"pr", "media", "press", "news", "info", "team", "enquiries", "enquiry", "inquiries",
     "comms", "hk", "admin", "office", "marketing", "contact", "hello", "mailbox", "corp",
     "general", "desk", "mail", "service", "support"}
)  # fmt: skip


# --------------------------------------------------------------------------- small patterns

# Government titles end "（附圖）" (with photos): a note, not part of the headline.
_PHOTO_NOTE = re.compile(
    r"\s*[（(](?:附圖|附图|附短片|附圖及短片|附图及短片|with\s+photos?(?:\s+and\s+video)?|"
    r"with\s+video)[)）]\s*$",
    re.I,
)
_WEEKDAY_EN_WORD = re.compile(_WEEKDAY_EN, re.I)
_NAME_NOISE = re.compile(r"[\s\"'“”‘’「」.,()（）]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_PROSE_END = re.compile(r"[a-z][.!?][\"”’]?$")
_URL_SCHEME = re.compile(r"^[a-z]+://", re.I)
_HOST_END = re.compile(r"[/?#:\s]")
_HOST_TRAILING_JUNK = re.compile(r"[^a-z0-9.\-]+$")
_PLACE_WORD_BREAK = re.compile(r"(\s+|,\s*)")
_BRACKETED_PLACE = re.compile(r"^[^)）】\]〕]{0,20}[)）】\]〕]")
_COMPANY_WORDS_ZH = re.compile(r"公司|集團|集团|有限|大學|大学")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_LETTER = re.compile(rf"[{_HAN}A-Za-z]")
_NOT_HAN_OR_SPACE = re.compile(rf"[^\s{_HAN}]")
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_ORG_AFTER_OF = re.compile(r"\b(?:of|at)\s+(?:the\s+)?(?P<org>[A-Z][^,;]{1,100})$")
_SECRETARY_FOR = re.compile(r"^(?:Under\s+|Permanent\s+)?Secretary\s+for\s+(?P<area>.+)$")
_ACRONYM_AT_END = re.compile(r"[A-Z]{2,5}$")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,9}")
_SHORT_NAME = re.compile(r"[A-Z][A-Za-z0-9&]{1,11}")
_EN_SENTENCE_BREAK = re.compile(r"[\"“”]|[.!?](?=\s+[A-Z\"“])")
_EN_TITLE_END = re.compile(r"[\"“”;]|[.!?](?=\s|$)")
_LABEL_JOINER = re.compile(r"\s*[/／&]\s*")
_COMMA = re.compile(r"[,，]")
_LEADING_SEPARATORS = re.compile(r"^[|｜/／,，;；、·•]+")
# Full-width separators are never part of a value, even stuck to it ("2525 0011／電郵：…").
_TRAILING_SEPARATORS = re.compile(r"(?:\s+[|｜/／,，;；、·•]+|[｜／，；、]+)$")
# Contacts in a sentence (_ContactBlockReader._read_prose): a person by an honorific and
# a capitalised name; their e-mail addresses; their numbers, a note such as "(mobile)"
# after one; and a unit or title between the name and "at" ("of the Club's ... Department").
_PROSE_PERSON = re.compile(
    r"\b(?P<honorific>Mr|Ms|Mrs|Miss|Mdm|Madam|Dr|Prof|Professor)\.?\s+"
    r"(?P<name>[A-Z][A-Za-z'’\-]*(?:\s+[A-Z][A-Za-z'’\-]*){0,3})"
)
_ZH_PROSE_SEGMENT = re.compile(r"(?P<who>[^（()）；;。，,、]+?)\s*[（(](?P<values>[^（()）]+)[）)]")
_ZH_PROSE_JOINER = re.compile(r"^(?:或|及|和|與|与|、)+")
_ZH_PROSE_VALUES = re.compile(r"\s*[；;，,／]\s*")
_PROSE_EMAIL = re.compile(r"[\w.+\-]+[@＠][\w\-]+(?:\.[\w\-]+)+")
_PROSE_PHONE = re.compile(
    r"(?P<number>(?:\+|\(\+?\d{1,4}\)\s*)?\d[\d \-]{6,}\d)"
    r"(?:\s*\((?P<note>mobile|office|direct|fax|cell|tel|whatsapp|手提|手機|辦公室|傳真)\))?",
    re.I,
)
_PROSE_ROLE = re.compile(r"^\s*,?\s*(?:of\s+(?:the\s+)?)?(?P<role>.*?)\s+(?:at|on)\b", re.I)
_HEADING_CONTINUES = re.compile(r"^[,，、:：(（]|^(?:please|請|请|敬請|可|歡迎)", re.I)
_NAME_PARTS = re.compile(r"[\s\-]+")
_AT_SIGN = re.compile(r"[@＠]")
_LOCAL_PART_BREAK = re.compile(r"[._\-+\d]+")
_INLINE_SEPARATOR = re.compile(r"\s*[|｜]\s*|\s+[–—-]\s+|\s*[,，]\s*")
_MAILTO = re.compile(r"^mailto:", re.I)
_DIGIT_RUN = re.compile(r"\d+")
_NAME_SEPARATORS = re.compile(r"[._\-]")
_VOWEL = re.compile(r"[aeiouy]")
_CONSONANT_RUN = re.compile(r"[^aeiouy]{3,}")
_VERB_IN_NAME = re.compile(r"\b(?:is|are|was|were|has|have)\b")
_NAME_WITH_SHORT = re.compile(r"^(?P<name>.+?)\s*\((?:the\s+)?[\"“]?(?P<short>[^)\"”]+)[\"”]?\)$")


# =========================================================================== entry point


def parse_release(text: str, *, source: str = "release") -> ParsedRelease:
    """Parse the plain text of a press release.

    Args:
        text: the release text (already decoded; see ``services.text_files``).
        source: how to name the input in problems ("release.txt" gives
            "release.txt line 12").

    Returns:
        The structured release, with a problem for everything guessed, doubtful or
        missing.

    Raises:
        InputRejected: the text is empty, or is not a press release at all (no dateline,
            no media-contact block, no "About" section, no quote and no end mark).
    """
    document = _Document.from_text(text, source)
    _refuse_structured_data(document)
    return _ReleaseReader(document).read()


# =========================================================================== the document


@dataclass
class _Document:
    """The text split into lines, with each line's offset so a match finds its line."""

    source: str
    text: str
    lines: list[str]
    starts: list[int]

    @classmethod
    def from_text(cls, text: str, source: str) -> _Document:
        clean = _remove_invisible(text.replace("\r\n", "\n").replace("\r", "\n"))
        if not clean.strip():
            raise InputRejected(
                phrase(QT_TRANSLATE_NOOP("Validation", "%1 is empty: there is no text to read. Expected a press "
                       "release with a title, a dateline and a media-contact block."), source)
            )  # fmt: skip
        lines = clean.split("\n")
        # Line i starts after the i line breaks and the characters of the lines before it;
        # built from C-level iterators because a hostile file can have millions of lines.
        starts = list(map(add, accumulate(map(len, lines[:-1]), initial=0), count()))
        return cls(source, clean, lines, starts)

    def line_number(self, offset: int) -> int:
        """Return the 1-based line holding ``offset``."""
        return bisect.bisect_right(self.starts, offset)

    def line(self, number: int) -> str:
        """Return line ``number`` (1-based), stripped."""
        return self.lines[number - 1].strip()

    def where(self, number: int | None) -> str:
        """Return the place of line ``number`` as a person would look for it."""
        return self.source if number is None else f"{self.source} line {number}"

    def lines_with(self, words: tuple[str, ...]) -> list[int]:
        """The numbers of the lines holding any of ``words``, in order.

        Searching for plain words with ``str.find`` is far faster than running a line
        pattern at every line start, and only the few lines found need the pattern.
        """
        found: set[int] = set()
        for word in words:
            position = self.text.find(word)
            hits = 0
            while position >= 0 and hits < _MAX_WORD_HITS:
                hits += 1
                number = self.line_number(position)
                found.add(number)
                end = self.text.find("\n", position)
                if end < 0:
                    break
                position = self.text.find(word, end)
        return sorted(found)

    def numbered(self, first: int, last: int, width: int | None = None) -> list[tuple[int, str]]:
        """Return the non-blank lines ``first``..``last`` (1-based, inclusive), stripped.

        With ``width``, each line is cut to that many characters first: a heading, a
        title or a dateline sentence never needs more, and a hostile megabyte-long line
        then costs nothing.
        """
        result = []
        for number in range(max(first, 1), min(last, len(self.lines)) + 1):
            text = self.lines[number - 1][:width].strip()
            if text:
                result.append((number, text))
        return result


def _refuse_structured_data(document: _Document) -> None:
    """Refuse a CSV or a table: most lines split into the same number of fields."""
    sample = [line.strip() for line in document.lines[:400] if line.strip()][:200]
    if len(sample) < 3:
        return
    tables = (
        (",", QT_TRANSLATE_NOOP("Validation", "CSV")),
        ("\t", QT_TRANSLATE_NOOP("Validation", "tab-separated")),
        (";", QT_TRANSLATE_NOOP("Validation", "CSV")),
        ("|", QT_TRANSLATE_NOOP("Validation", "bar-separated")),
    )
    for delimiter, name in tables:
        counts = [line.count(delimiter) for line in sample]
        common = max(set(counts), key=counts.count)
        if common >= 1 and counts.count(common) >= 0.8 * len(sample):
            raise InputRejected(
                phrase(QT_TRANSLATE_NOOP("Validation", "%1 looks like a %2 table (most lines have %3 fields "
                       "separated by %4), not a press release. Expected a press release with a "
                       "title, a dateline such as 「（香港，2023年12月1日）」 or \"HONG KONG, 1 "
                       "December 2023 –\" and a media-contact block (傳媒查詢 / Media "
                       "enquiries). To import a contact list, use the contact import instead."),
                       document.source, phrase(name), str(common + 1), repr(delimiter))
            )  # fmt: skip


# =========================================================================== small helpers


def _remove_invisible(text: str) -> str:
    for char, replacement in _INVISIBLE:
        if char in text:
            text = text.replace(char, replacement)
    return text


def _han_count(text: str) -> int:
    return len(_HAN_CHAR.findall(text))


def _is_zh(text: str) -> bool:
    """True when a line is written mostly in Chinese (a Han character ~ an English word)."""
    han = _han_count(text)
    return han > 0 and han >= len(_LATIN_WORD.findall(text))


def _strip_parens(text: str) -> str:
    return _PAREN.sub("", text).strip()


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _norm_name(name: str) -> str:
    """Fold an organisation name for comparison.

    Case, spaces, quotes, a leading "the" and a legal suffix ("Limited", 有限公司) do not
    make a different organisation: "Kowloon Digital Hub Limited" is "Kowloon Digital Hub".
    """
    folded = _NAME_NOISE.sub("", name.casefold())
    folded = _LEGAL_SUFFIX.sub("", folded) or folded
    return folded[3:] if folded.startswith("the") and len(folded) > 6 else folded


def _slug(name: str) -> str:
    if _HAN_CHAR.search(name):
        return _WHITESPACE_RUN.sub("", name)
    return _NOT_SLUG.sub("-", name.casefold()).strip("-") or "organisation"


def _is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text)) and not _SEPARATOR.match(text)


def _is_prose(text: str) -> bool:
    """True for a line of running text (a body paragraph), as opposed to a heading or a name."""
    if "@" in text or "＠" in text:
        return False
    han = _han_count(text)
    if han >= 25 and any(mark in text for mark in "。，；："):
        return True
    if "。" in text and han >= 8:
        return True
    words = len(_LATIN_WORD.findall(text))
    return words >= 14 or (words >= 8 and bool(_PROSE_END.search(text)))


def _looks_like_phone(text: str) -> bool:
    """True for a bare phone number (or several): digits with phone punctuation only."""
    stripped = _PHONE_NOTE.sub("", text).strip()
    digits = len(_DIGIT.findall(stripped))
    return 6 <= digits <= 40 and bool(_PHONE_CHARS.match(stripped)) and len(stripped) <= 80


def _has_email(text: str) -> bool:
    return "@" in text or "＠" in text


def _prose_values(text: str) -> tuple[list[str], list[tuple[str, str]], str]:
    """The e-mail addresses, the (number, note) pairs and what is left of ``text``."""
    emails = _PROSE_EMAIL.findall(text)
    rest = _PROSE_EMAIL.sub(" ", text)
    phones = [
        (found["number"].strip(), (found["note"] or "").strip())
        for found in _PROSE_PHONE.finditer(rest)
    ]
    return emails, phones, _PROSE_PHONE.sub(" ", rest)


def _registered_domain(address: str) -> str | None:
    """Return "hkstp.org" for "www.hkstp.org/about" or "a@hkstp.org/", else None."""
    host = address.rsplit("@", 1)[-1] if "@" in address else address
    host = _URL_SCHEME.sub("", host.strip().casefold())
    host = _HOST_END.split(host, maxsplit=1)[0].strip(".")
    host = _HOST_TRAILING_JUNK.sub("", host)
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return None
    keep = 3 if len(labels) >= 3 and labels[-2] in _GENERIC_DOMAIN_LABELS else 2
    return ".".join(labels[-keep:])


def _website(raw: str) -> str:
    """Return a web address without scheme or bare trailing slash ("www.hkstp.org")."""
    site = _URL_SCHEME.sub("", raw.strip())
    site = site.rstrip("。.,，、;；)）」”\"'")
    return site[:-1] if site.endswith("/") and site.count("/") == 1 else site


def _title_case_place(place: str) -> str:
    words = _PLACE_WORD_BREAK.split(place.strip())
    return "".join(
        word.capitalize() if word.isalpha() and word.isupper() and len(word) >= 4 else word
        for word in words
    )


# =========================================================================== dates


@dataclass(frozen=True)
class _DateHit:
    line: int
    column: int
    end_column: int
    year: int
    month: int
    day: int
    language: str
    raw: str


@dataclass(frozen=True)
class _Dateline:
    hit: _DateHit
    place: str | None
    body_starts: bool  # the dateline line goes on into the first paragraph


def _zh_number(text: str) -> int:
    """Read a date part written in digits or Chinese numerals (二〇二三, 十二, 廿一)."""
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(char in _ZH_DIGITS for char in text):
        return int("".join(str(_ZH_DIGITS[char]) for char in text))
    tens = {"十": 1, "廿": 2, "卅": 3}
    for char, value in tens.items():
        if char in text:
            before, _, after = text.partition(char)
            return (_ZH_DIGITS.get(before, value) if before else value) * 10 + (
                _ZH_DIGITS.get(after, 0) if after else 0
            )
    return _ZH_DIGITS.get(text, 0)


def _date_parts(match: re.Match[str], language: str) -> tuple[int, int, int]:
    if language == "zh":
        return _zh_number(match["y"]), _zh_number(match["m"]), _zh_number(match["d"])
    year, day = int(match["y"]), int(match["d"])
    month = int(match["m"]) if "m" in match.groupdict() else _MONTHS[match["mon"][:3].casefold()]
    return year, month, day


def _date_hits(document: _Document) -> list[_DateHit]:
    """Every full date in the text (capped), in text order."""
    hits: list[_DateHit] = []
    text = document.text
    windows = [(0, min(len(text), _DATE_HEAD_CHARS))]
    if len(text) > _DATE_HEAD_CHARS:
        windows.append((max(_DATE_HEAD_CHARS, len(text) - _DATE_TAIL_CHARS), len(text)))
    patterns = ((_ZH_DATE, "zh"), (_EN_DMY, "en"), (_EN_MDY, "en"), (_ISO_DATE, "iso"))
    for (pattern, language), (first, last) in product(patterns, windows):
        for number_of_hits, match in enumerate(pattern.finditer(text, first, last)):
            if number_of_hits >= _MAX_DATE_HITS:
                break
            number = document.line_number(match.start())
            start = document.starts[number - 1]
            year, month, day = _date_parts(match, "zh" if language == "zh" else "en")
            hits.append(
                _DateHit(number, match.start() - start, match.end() - start, year, month, day,
                         language, match.group())
            )  # fmt: skip
    hits.sort(key=lambda hit: (hit.line, hit.column))
    return hits


def _as_dateline(document: _Document, hit: _DateHit) -> _Dateline | None:
    """Return the hit as a dateline when its surroundings say so, else None.

    A dateline is a date near the start of its line that is bracketed with a place, or
    followed by the dateline dash, or alone on its line (a date line, or the government
    "Ends/Friday, December 1, 2023").
    """
    raw_line = document.lines[hit.line - 1]
    if hit.column > 200:
        return None  # deep inside a line: a date in the body, not a dateline
    before = raw_line[: hit.column]
    after = raw_line[hit.end_column : hit.end_column + 200]
    if len(before.strip()) > 60 or _EMBARGO.search(before):
        return None
    after = _WEEKDAY_AFTER.sub("", after, count=1)
    place = _place_before(before, hit.language) or _place_after(after, hit.language)
    dash = _DASH_AFTER_DATE.match(after)
    alone = not after.strip(" ，,。.)）】]〕") and bool(_DATE_LABEL_BEFORE.match(before.strip()))
    if hit.language == "iso" and not (place or alone):
        return None
    if not (place or dash or alone):
        return None
    return _Dateline(hit, place, bool(_text_after_dateline(after).strip(" ，,。.)）】]〕")))


def _text_after_dateline(after: str) -> str:
    """The first words of the body after the date: past the dash, or past the bracket."""
    after = _WEEKDAY_AFTER.sub("", after, count=1)
    # The place after the date inside the brackets, whatever separates them:
    # 「（2024年4月10日－香港）」.
    place = _ZH_PLACE_AFTER.match(after)
    if place:
        after = after[place.end() :]
        dash = _DASH_AFTER_DATE.match(after)
        return after[dash.end() :] if dash else after
    dash = _DATELINE_DASH.search(after[:60])
    if dash:
        return after[dash.end() :]
    return _strip_place_after(after)


def _place_before(before: str, language: str) -> str | None:
    text = before.strip().lstrip("（(【[〔「")
    text = text.rstrip(f"，,、(（-{_DASHES}{_DATELINE_DOTS} 】)）]〕」").strip()
    if not text or text.casefold() in _NOT_PLACES:
        return None
    if language == "zh":
        # 「中国·深圳」: the country, then the city the release is issued in.
        match = _ZH_PLACE.match(re.split(f"[{_DATELINE_DOTS}]", text)[-1].strip())
        return match["place"] if match else None
    if _EN_PLACE.match(text) and not _WEEKDAY_EN_WORD.search(text):
        return _title_case_place(text)
    return None


def _place_after(after: str, language: str) -> str | None:
    if language == "zh":
        match = _ZH_PLACE_AFTER.match(after) or _ZH_PLACE_THEN_DASH.match(after)
        return match["place"] if match else None
    match = _EN_PLACE_AFTER.match(after)
    if not match:
        return None
    place = (match["p1"] or match["p2"]).strip()
    return None if place.casefold() in _NOT_PLACES else _title_case_place(place)


def _strip_place_after(after: str) -> str:
    return _BRACKETED_PLACE.sub("", after, count=1)


# =========================================================================== organisations


class _Organizations:
    """The organisations found so far; adding a known name fills in the existing entry."""

    def __init__(self) -> None:
        self.items: list[ParsedOrganization] = []

    def find(self, name: str | None) -> ParsedOrganization | None:
        """Return the organisation with this name (any of its four names), if any."""
        if not name:
            return None
        wanted = _norm_name(name)
        for org in self.items:
            names = (org.name_zh, org.name_en, org.short_name_zh, org.short_name_en)
            if any(known and _norm_name(known) == wanted for known in names):
                return org
        return None

    def find_in(self, text: str) -> ParsedOrganization | None:
        """Return the organisation whose longest name appears in ``text``, if any."""
        best: tuple[int, ParsedOrganization] | None = None
        folded = text.casefold()
        for org in self.items:
            for name in (org.name_zh, org.name_en, org.short_name_zh, org.short_name_en):
                if not name or len(name) < 2:
                    continue
                found = _contains_name(folded, name.casefold())
                if found and (best is None or len(name) > best[0]):
                    best = (len(name), org)
        return best[1] if best else None

    def add(
        self,
        *,
        line: int | None,
        kind: str = "other",
        name_zh: str | None = None,
        name_en: str | None = None,
        short_zh: str | None = None,
        short_en: str | None = None,
        website: str | None = None,
    ) -> ParsedOrganization:
        """Add an organisation, or fill in the blanks of the one already known by a name."""
        org = None
        for name in (name_zh, name_en, short_zh, short_en):
            org = org or self.find(name)
        if org is None:
            first = name_zh or name_en or short_zh or short_en or "organisation"
            org = ParsedOrganization(
                self._unique_key(_slug(first)), None, None, None, None, kind, None, line
            )
            self.items.append(org)
        org.name_zh = org.name_zh or name_zh
        org.name_en = org.name_en or name_en
        short_zh, short_en = (
            None if short is None or _STOCK_CODE.search(short) else short
            for short in (short_zh, short_en)
        )
        org.short_name_zh = org.short_name_zh or (short_zh if short_zh != org.name_zh else None)
        org.short_name_en = org.short_name_en or (short_en if short_en != org.name_en else None)
        org.website = org.website or website
        if kind != "other" and org.kind == "other":
            org.kind = kind
        return org

    def _unique_key(self, key: str) -> str:
        taken = {org.key for org in self.items}
        candidate, number = key, 2
        while candidate in taken:
            candidate, number = f"{key}-{number}", number + 1
        return candidate


def _contains_name(folded_text: str, folded_name: str) -> bool:
    index = folded_text.find(folded_name)
    if index < 0:
        return False
    if _HAN_CHAR.match(folded_name[0]):
        return True
    # An English name must stand as whole words ("HKSTP" is not inside "HKSTPX").
    before = folded_text[index - 1] if index else " "
    after_index = index + len(folded_name)
    after = folded_text[after_index] if after_index < len(folded_text) else " "
    return not (before.isalnum() or after.isalnum())


def _org_kind(name: str) -> str:
    """Classify an organisation by its name alone."""
    if _AGENCY.search(name):
        return "agency"
    if _is_government(name):
        return "government"
    if _MEDIA.search(name):
        return "media"
    return "other"


def _is_government(name: str) -> bool:
    if _GOVERNMENT_EN.search(name):
        return True
    zh = "".join(_HAN_RUN.findall(name))
    if not zh or len(zh) < 3 or _COMPANY_WORDS_ZH.search(zh):
        return False
    return bool(_GOVERNMENT_ZH.search(zh)) and not _COMPANY_DEPARTMENT.search(zh)


def _looks_like_org(text: str) -> bool:
    zh = "".join(_HAN_RUN.findall(text))
    if zh and (_ORG_SUFFIX_ZH.search(zh) or _is_government(zh)):
        return True
    return bool(_ORG_SUFFIX_EN.search(text) or _AGENCY.search(text) or _GOVERNMENT_EN.search(text))


# 「卓訊公關顧問」 is a PR agency although 顧問 ends a title; 「高級公關顧問」 is a title.
_ZH_AGENCY_END = re.compile(r"^(?!高級|高级|資深|资深|首席|助理|副|總|总).+(?:公關顧問|公关顾问)$")


def _ends_like_org(zh: str | None, en: str | None) -> bool:
    """True for 「愛德曼國際公關公司」 or "Porter Novelli Hong Kong", not for 「公司經理」."""
    if (
        zh
        and (not zh.endswith(_ZH_TITLE_SUFFIXES) or _ZH_AGENCY_END.search(zh))
        and (_ORG_SUFFIX_ZH.search(zh) or _is_government(zh))
    ):
        return True
    return bool(
        en
        and not _EN_ROLE_WORDS.search(en)
        and not _is_department(en)
        and _ORG_SUFFIX_EN_AT_END.search(en)
    )


def _is_employer(text: str) -> bool:
    """True for the organisation after a title's comma ("Account Director, Edelman")."""
    return (
        _looks_like_org(text)
        and not _is_department(text)
        and not _EN_ROLE_WORDS.search(text)
        and not _ZH_ROLE_WORDS.search(text)
    )


_EN_UNIT_SEPARATOR = re.compile(r"\s*,\s+|\s+[–—-]\s+")


def _split_unit(text: str) -> tuple[str, str]:
    """("Orient Pay Holdings Limited", "Investor Relations") from the two joined by a comma
    or a dash, when what follows is a department; (text, "") otherwise."""
    parts = _EN_UNIT_SEPARATOR.split(text, maxsplit=1)
    if len(parts) == 2 and _is_department(parts[1].replace("&", " and ")):
        return parts[0].strip(), parts[1].strip()
    return text, ""


# What a company's registered Chinese name adds to the name it goes by.
_ZH_COMPANY_TAIL = re.compile(
    r"^(?:科技|集團|集团|控股|國際|国际|實業|实业|投資|投资|發展|发展|香港|中國|中国)*"
    r"(?:股份)?(?:有限)?(?:公司|集團|集团)$"
)


def _full_company_name(name: str | None, other: str | None) -> str | None:
    """The longer of two Chinese names of one company (星河新能源, 星河新能源科技股份有限公司),
    or None when they are not so."""
    if not name or not other or name == other:
        return None
    short, full = sorted((name, other), key=len)
    if len(short) >= 2 and full.startswith(short) and _ZH_COMPANY_TAIL.match(full[len(short) :]):
        return full
    return None


def _is_department(text: str) -> bool:
    """True for a department rather than a company: "Corporate Communications"."""
    words = _LATIN_WORD.findall(text)
    return bool(words) and all(word.casefold() in _DEPARTMENT_WORDS for word in words)


def _split_scripts(text: str) -> tuple[str | None, str | None]:
    """Split "香港科技園公司 Hong Kong Science Park" into its Chinese and English parts."""
    han_runs = list(_HAN_RUN.finditer(text))
    if not han_runs:
        return None, _collapse(text) or None
    first, last = han_runs[0].start(), han_runs[-1].end()
    zh = text[first:last].strip()
    en = _collapse((text[:first] + " " + text[last:]).strip(" ()（）/|｜-–—,，"))
    if en and not _LATIN_LETTER.search(en):
        en = ""
    return zh or None, en or None


# =========================================================================== the reader


@dataclass
class _Block:
    heading: int
    inline: str
    first: int
    last: int


@dataclass
class _Person:
    name_zh: str | None = None
    name_en: str | None = None
    honorific: str | None = None
    title_zh: str | None = None
    title_en: str | None = None
    organization: str | None = None  # "Angela Wan, HKSTP": where the person works


class _ReleaseReader:
    """Reads one document into a :class:`ParsedRelease`; holds the state while it does."""

    def __init__(self, document: _Document) -> None:
        self.doc = document
        self.orgs = _Organizations()
        self.issuers: list[ParsedOrganization] = []
        self.contacts: list[ParsedContact] = []
        self.spokespeople: list[ParsedSpokesperson] = []
        self.problems: list[tuple[int, int, Problem]] = []
        self.website_lines: dict[str, int] = {}
        self.dateline_issuers: list[ParsedOrganization] = []

    # ------------------------------------------------------------------ orchestration

    def read(self) -> ParsedRelease:
        """Run every step and assemble the result."""
        datelines, body_date = self._datelines()
        blocks = self._contact_blocks()
        about = self._about_sections()
        has_end = any(
            _END_MARKER.match(self.doc.lines[n - 1]) for n in self.doc.lines_with(_END_WORDS)
        )
        titles = self._titles(datelines, blocks)
        primary = min(datelines.values(), key=lambda d: (d.hit.line, d.hit.column), default=None)
        issued_on, place = self._issue_date(primary, datelines, body_date)
        for heading, name_zh, name_en in about:
            self._read_about(heading, name_zh, name_en, blocks)
        for dateline in sorted(datelines.values(), key=lambda d: d.hit.line):
            self._read_dateline_sentence(dateline)
        for block in blocks:
            _ContactBlockReader(self, block).read()
        self._attach_contacts_by_domain()
        self._merge_orgs_by_domain()
        self._find_spokespeople(blocks)
        if not (primary or blocks or about or has_end or self.spokespeople):
            raise InputRejected(
                phrase(QT_TRANSLATE_NOOP("Validation", "%1 does not look like a press release: it has no "
                       "dateline, no media-contact block, no 「關於…」/About section and no "
                       "quotes. Expected a press release with a title, a dateline such as "
                       "「（香港，2023年12月1日）」 or \"HONG KONG, 1 December 2023 –\" and a "
                       "media-contact block headed 傳媒查詢 or \"Media enquiries\". Nothing "
                       "was imported."), self.doc.source)
            )  # fmt: skip
        self._finish(titles, issued_on, blocks)
        return ParsedRelease(
            title_zh=titles.get("title_zh"),
            title_en=titles.get("title_en"),
            subtitle_zh=titles.get("subtitle_zh"),
            subtitle_en=titles.get("subtitle_en"),
            issued_on=issued_on,
            place=place,
            language=self._language(titles, datelines),
            organizations=self._ordered_orgs(),
            issuer_keys=[org.key for org in self.issuers],
            media_contacts=self.contacts,
            spokespeople=self.spokespeople,
            problems=[problem for _, _, problem in sorted(self.problems, key=lambda p: p[:2])],
            fingerprint=_fingerprint(self.doc.text),
        )

    def problem(
        self,
        severity: Severity,
        line: int | None,
        field_name: str,
        value: str,
        message: str | Phrase,
        *,
        suggestion: str | None = None,
    ) -> None:
        """Record a problem at ``line`` (a phrase, so the GUI can show it translated)."""
        said = message if isinstance(message, Phrase) else None
        problem = Problem(
            severity, self.doc.where(line), field_name, value, str(message), suggestion, said
        )
        self.problems.append((line or 0, len(self.problems), problem))

    # ------------------------------------------------------------------ dateline and date

    def _datelines(self) -> tuple[dict[str, _Dateline], _DateHit | None]:
        """The first dateline in each language, and the first date anywhere (fallback)."""
        found: dict[str, _Dateline] = {}
        first_date: _DateHit | None = None
        for hit in _date_hits(self.doc):
            first_date = first_date or hit
            language = "en" if hit.language == "iso" else hit.language
            if language in found:
                continue
            dateline = _as_dateline(self.doc, hit)
            if dateline:
                found[language] = dateline
            if len(found) == 2:
                break
        return found, first_date

    def _issue_date(
        self,
        primary: _Dateline | None,
        datelines: dict[str, _Dateline],
        body_date: _DateHit | None,
    ) -> tuple[date | None, str | None]:
        hit = primary.hit if primary else body_date
        if hit is None:
            self.problem(Severity.ERROR, None, "issued_on", "",
                         phrase(QT_TRANSLATE_NOOP("Validation", "No issue date found: expected a dateline such as "
                         "「（香港，2023年12月1日）」 or \"HONG KONG, 1 December 2023 –\".")))  # fmt: skip
            return None, None
        issued = self._real_date(hit)
        if primary is None:
            self.problem(Severity.WARNING, hit.line, "issued_on", hit.raw,
                         phrase(QT_TRANSLATE_NOOP("Validation", "No dateline found; the issue date was taken from the first "
                         "date in the text. Check it.")), suggestion=issued.isoformat() if issued else None)  # fmt: skip
        for other in datelines.values():
            other_date = self._real_date(other.hit, report=False)
            if issued and other_date and other_date != issued:
                self.problem(Severity.WARNING, other.hit.line, "issued_on", other.hit.raw,
                             phrase(QT_TRANSLATE_NOOP("Validation", "The datelines disagree: %1 and %2. The first was used."),
                                    issued.isoformat(), other_date.isoformat()))  # fmt: skip
        place = primary.place if primary else None
        if primary and place is None:
            for other in datelines.values():
                place = place or other.place
        return issued, place

    def _real_date(self, hit: _DateHit, *, report: bool = True) -> date | None:
        try:
            return date(hit.year, hit.month, hit.day)
        except ValueError:
            if report:
                self.problem(Severity.ERROR, hit.line, "issued_on", hit.raw,
                             phrase(QT_TRANSLATE_NOOP("Validation", "The dateline's date does not exist in the calendar.")))  # fmt: skip
            return None

    # ------------------------------------------------------------------ titles

    def _titles(self, datelines: dict[str, _Dateline], blocks: list[_Block]) -> dict[str, str]:
        """Title and subtitle in each language, from the header above the first paragraph."""
        titles: dict[str, str] = {}
        dateline_lines = {d.hit.line: d for d in datelines.values()}
        self._fill_titles(titles, self._header_lines(1, dateline_lines))
        blocked = {n for block in blocks for n in range(block.heading, block.last + 1)}
        for language, dateline in datelines.items():
            if f"title_{language}" in titles:
                continue
            lines = self._header_lines_before(dateline.hit.line, language, blocked)
            self._fill_titles(titles, lines)
        if "title_zh" not in titles and "title_en" not in titles:
            self.problem(Severity.ERROR, None, "title", "",
                         phrase(QT_TRANSLATE_NOOP("Validation", "No title found: expected the release's headline above the "
                                "dateline.")))  # fmt: skip
        return titles

    def _header_lines(self, first: int, datelines: dict[int, _Dateline]) -> list[str]:
        candidates: list[str] = []
        in_bullet = False
        for number, text in self.doc.numbered(first, first + 3 * _MAX_HEADER_LINES, width=1000):
            dateline = datelines.get(number)
            if dateline and dateline.body_starts:
                break
            if self._ends_header(text):
                break
            if _is_bullet(text):
                in_bullet = not text.endswith(tuple(_SENTENCE_END))
                continue
            if in_bullet:
                # A bullet wrapped onto the next line: it belongs to the bullet, not the title.
                in_bullet = not text.endswith(tuple(_SENTENCE_END))
                continue
            if dateline or _LABEL_LINE.match(text) or self._is_title_noise(text):
                continue
            if _is_prose(text) or _ENDS_LIKE_A_SENTENCE.search(text):
                break  # the first paragraph: headlines do not end with a full stop
            candidates.append(text)
            if len(candidates) >= 6:
                break
        return candidates

    def _header_lines_before(self, number: int, language: str, blocked: set[int]) -> list[str]:
        """Title lines just above a later dateline (the second half of a bilingual release)."""
        found: list[str] = []
        for previous in range(number - 1, max(0, number - _MAX_HEADER_LINES), -1):
            text = self.doc.line(previous)
            if not text or _is_bullet(text):
                continue
            if previous in blocked or self._ends_header(text) or _is_prose(text):
                break
            if _LABEL_LINE.match(text) or self._is_title_noise(text):
                continue
            if _is_zh(text) != (language == "zh"):
                break
            found.append(text)
            if len(found) >= 3:
                break
        return found[::-1]

    def _ends_header(self, text: str) -> bool:
        return bool(
            _SEPARATOR.match(text)
            or _END_MARKER.match(text)
            or _CONTACT_HEADING.match(text)
            or _ABOUT_HEADING.match(text)
        )

    def _is_title_noise(self, text: str) -> bool:
        return (
            _has_email(text)
            or _VALUE_LABEL.match(text) is not None
            or _URL.fullmatch(text) is not None
            or (len(text) > 300)
            or not (_HAN_CHAR.search(text) or _LATIN_WORD.search(text))
        )

    def _fill_titles(self, titles: dict[str, str], lines: list[str]) -> None:
        lines = _join_wrapped_english(lines)
        for text in lines:
            language = "zh" if _is_zh(text) else "en"
            clean = _PHOTO_NOTE.sub("", text).strip()
            for slot in (f"title_{language}", f"subtitle_{language}"):
                if slot not in titles:
                    titles[slot] = clean
                    break

    # ------------------------------------------------------------------ sections

    def _contact_blocks(self) -> list[_Block]:
        blocks: list[_Block] = []
        for heading in self.doc.lines_with(_CONTACT_WORDS):
            if blocks and heading <= blocks[-1].last:
                continue
            match = _CONTACT_HEADING.match(self.doc.lines[heading - 1])
            if match is None:
                continue
            inline = _heading_inline(match["rest"])
            if inline is None:
                continue
            if len(blocks) >= _MAX_BLOCKS:
                self.problem(Severity.WARNING, heading, "contact", match.group().strip(),
                             phrase(QT_TRANSLATE_NOOP("Validation", "More than %1 media-contact blocks; the rest were not "
                                    "read."), str(_MAX_BLOCKS)))  # fmt: skip
                break
            blocks.append(_Block(heading, inline, heading + 1, self._block_end(heading)))
        return blocks

    def _block_end(self, heading: int) -> int:
        """The last line of the contact block under ``heading``."""
        last_value = heading
        seen_content = False
        limit = min(len(self.doc.lines), heading + 4 * _MAX_BLOCK_LINES)
        for number in range(heading + 1, limit + 1):
            text = self.doc.line(number)
            if not text:
                continue
            if len(text) > _MAX_CONTACT_LINE:
                return number - 1  # a paragraph: no contact line is this long
            if self._is_block_boundary(text, seen_content):
                # A title above a later dateline sits after the last contact value.
                return last_value if self._starts_new_part(number) else number - 1
            seen_content = True
            if _has_email(text) or _VALUE_LABEL.search(text) or _looks_like_phone(text):
                last_value = number
        if limit < len(self.doc.lines):
            self.problem(Severity.WARNING, limit, "contact", "",
                         phrase(QT_TRANSLATE_NOOP("Validation", "The media-contact block is unusually long; reading stopped "
                                "here.")))  # fmt: skip
        return limit

    def _is_block_boundary(self, text: str, seen_content: bool) -> bool:
        if (
            _CONTACT_HEADING.match(text)
            or _ABOUT_HEADING.match(text)
            or _NOTES_HEADING.match(text)
            or _END_MARKER.match(text)
            or _SEPARATOR.match(text)
            or _LABEL_LINE.match(text)
        ):
            return True
        return seen_content and _is_prose(text) and not _VALUE_LABEL.search(text)

    def _starts_new_part(self, number: int) -> bool:
        """True when line ``number`` is (or is just above) a dateline: a new language part."""
        for ahead in range(number, min(number + 12, len(self.doc.lines)) + 1):
            text = self.doc.line(ahead)
            if text and (_ZH_DATE.search(text[:80]) or _EN_DMY.search(text[:80])
                         or _EN_MDY.search(text[:80])):  # fmt: skip
                return True
        return False

    def _about_sections(self) -> list[tuple[int, str | None, str | None]]:
        sections: list[tuple[int, str | None, str | None]] = []
        for number in self.doc.lines_with(_ABOUT_WORDS):
            match = _ABOUT_HEADING.match(self.doc.lines[number - 1])
            if match is None:
                continue
            name_zh = match["zh"].strip() if match["zh"] else None
            name_en = _about_name_en(match["en"]) if match["en"] else None
            if name_zh and not _HAN_CHAR.search(name_zh):
                name_zh = None
            if name_zh or name_en:
                sections.append((number, name_zh, name_en))
            if len(sections) >= _MAX_BLOCKS:
                break
        return sections

    def _read_about(
        self, heading: int, name_zh: str | None, name_en: str | None, blocks: list[_Block]
    ) -> None:
        """Register the issuer an "About" section describes, with its short name and website."""
        lines = self._about_lines(heading, blocks)
        body = " ".join(text for _, text in lines)
        short_zh = short_en = None
        if name_zh:
            short = _PAREN.search(name_zh)
            if short:
                name_zh, short_zh = _strip_parens(name_zh), short.group(1).strip()
            short_zh = short_zh or _short_name_after(body, name_zh)
        if name_en:
            name_en, short_en = _split_en_name_and_short(name_en, body)
        website, website_line = None, None
        for number, text in lines:
            url = next(_URL.finditer(text), None)
            if url:
                website, website_line = _website(url.group()), number
                break
        org = self.orgs.add(line=heading, kind="issuer", name_zh=name_zh, name_en=name_en,
                            short_zh=short_zh, short_en=short_en, website=website)  # fmt: skip
        if website_line and org.website == website:
            self.website_lines.setdefault(org.key, website_line)
        self._add_issuer(org)

    def _about_lines(self, heading: int, blocks: list[_Block]) -> list[tuple[int, str]]:
        block_starts = {block.heading for block in blocks}
        lines: list[tuple[int, str]] = []
        for number, text in self.doc.numbered(heading + 1, heading + _MAX_ABOUT_LINES, width=2000):
            if number in block_starts or self._is_block_boundary(text, seen_content=False):
                break
            lines.append((number, text))
        return lines

    def _add_issuer(self, org: ParsedOrganization, *, from_dateline: bool = False) -> None:
        if org not in self.issuers:
            self.issuers.append(org)
        if from_dateline and org not in self.dateline_issuers:
            self.dateline_issuers.append(org)

    # ------------------------------------------------------------------ dateline sentence

    def _read_dateline_sentence(self, dateline: _Dateline) -> None:
        """Register the organisations named as the subject of the dateline sentence."""
        if not dateline.body_starts:
            return
        hit = dateline.hit
        text = _text_after_dateline(
            self.doc.lines[hit.line - 1][hit.end_column : hit.end_column + 400]
        )
        following = self.doc.numbered(hit.line + 1, hit.line + 8, width=400)
        joiner = "" if hit.language == "zh" else " "
        sentence = joiner.join([text.strip()] + [line for _, line in following])[:400]
        if hit.language == "zh":
            self._issuers_zh(sentence, hit.line)
        else:
            self._issuers_en(sentence, hit.line)

    def _issuers_zh(self, sentence: str, line: int) -> None:
        # A predicate word inside brackets (「（下稱"在線"）」) does not end the subject.
        masked = _PAREN.sub(lambda paren: "（" + "　" * len(paren.group(1)) + "）", sentence)
        match = _ZH_PREDICATE.search(masked, 2)
        subject = sentence[: match.start()] if match else ""
        if not subject or len(subject) > 80:
            return
        for paren in _ZH_PAREN_NAME.finditer(subject):
            name = paren["name"].strip()
            known = self.orgs.find_in(name)
            org = known or self.orgs.add(line=line, kind="issuer", name_zh=name)
            if known and known.name_zh is None:
                org.name_zh = name
            short = _short_of(paren)
            if short and short != org.name_zh and not org.short_name_zh:
                org.short_name_zh = short
            self._add_issuer(org, from_dateline=True)
        for raw_piece in _ZH_ORG_SPLIT.split(_strip_parens(subject)):
            piece = raw_piece.strip()
            known = self.orgs.find_in(piece) if piece else None
            if known:
                self._add_issuer(known, from_dateline=True)
            elif 2 <= len(piece) <= 20 and "的" not in piece and _HAN_CHAR.search(piece):
                self._add_issuer(
                    self.orgs.add(line=line, kind="issuer", name_zh=piece), from_dateline=True
                )

    def _issuers_en(self, sentence: str, line: int) -> None:
        match = _EN_PREDICATE.search(sentence)
        subject = sentence[: match.start()] if match else ""
        if not subject or len(subject) > 300:
            return
        for paren in _EN_PAREN_NAME.finditer(subject):
            name = _LEADING_THE.sub("", paren["name"].strip())
            short = _short_of(paren)
            self._add_issuer(
                self.orgs.add(line=line, kind="issuer", name_en=name, short_en=short),
                from_dateline=True,
            )
        rest = _EN_PAREN_NAME.sub("|", subject)
        for org in self.orgs.items:
            for known in (org.name_en, org.short_name_en):
                if known and _contains_name(rest.casefold(), known.casefold()):
                    self._add_issuer(org, from_dateline=True)
                    rest = re.sub(re.escape(known), "|", rest, flags=re.I)
        for raw_piece in _EN_ORG_SPLIT.split(rest):
            piece = _LEADING_THE.sub("", raw_piece.strip(' ,."“”'))
            words = piece.split()
            if (
                1 <= len(words) <= 8
                and all(word[:1].isupper() or word in _NAME_JOINERS for word in words)
                and not _EN_ROLE_WORDS.search(piece)
            ):
                self._add_issuer(
                    self.orgs.add(line=line, kind="issuer", name_en=piece), from_dateline=True
                )

    # ------------------------------------------------------------------ spokespeople

    def _find_spokespeople(self, blocks: list[_Block]) -> None:
        skipped = [(block.heading, block.last) for block in blocks]
        found: list[tuple[int, ParsedSpokesperson]] = []
        found.extend(self._spokespeople_zh(skipped))
        found.extend(self._spokespeople_en(skipped))
        found.sort(key=lambda item: item[0])
        for _, person in found:
            self._keep_spokesperson(person)
        self._pair_bilingual_spokespeople()

    def _in_blocks(self, line: int, skipped: list[tuple[int, int]]) -> bool:
        return any(first <= line <= last for first, last in skipped)

    def _spokespeople_zh(
        self, skipped: list[tuple[int, int]]
    ) -> list[tuple[int, ParsedSpokesperson]]:
        found = []
        text = self.doc.text
        hits = 0
        for pattern in (_ZH_QUOTE_HONORIFIC, _ZH_QUOTE_TITLE):
            for match in pattern.finditer(text):
                hits += 1
                if hits > _MAX_QUOTE_HITS:
                    break
                subject_end = next(
                    match.start(group) for group in ("post", "tail", "verb") if match[group]
                )
                subject, start = _zh_subject_before(text, subject_end)
                parsed = _parse_zh_speaker(subject)
                if parsed is None:
                    continue
                line = self.doc.line_number(start)
                if self._in_blocks(line, skipped):
                    continue
                found.append((start, self._spokesperson(parsed, line)))
        return found

    def _spokespeople_en(
        self, skipped: list[tuple[int, int]]
    ) -> list[tuple[int, ParsedSpokesperson]]:
        found = []
        text = self.doc.text
        for start, end in _say_verbs(text):
            after = _collapse(_paragraph_head(text[end : end + 240]))
            parsed = _parse_en_speaker_after(after)
            offset = end
            if parsed is None:
                before = _collapse(_paragraph_tail(text[max(0, start - 300) : start]))
                parsed = _parse_en_speaker_before(before)
                offset = start
            if parsed is None:
                continue
            line = self.doc.line_number(offset)
            if self._in_blocks(line, skipped):
                continue
            found.append((offset, self._spokesperson(parsed, line)))
        return found

    def _spokesperson(self, person: _Person, line: int) -> ParsedSpokesperson:
        return ParsedSpokesperson(
            person.name_zh, person.name_en, person.honorific, person.title_zh,
            person.title_en, None, line,
        )  # fmt: skip

    def _keep_spokesperson(self, person: ParsedSpokesperson) -> None:
        for known in self.spokespeople:
            if _same_speaker(known, person):
                return
        if person.name_zh and not person.title_zh:
            person.title_zh = self._title_for_name(person.name_zh)
        if person.name_en and " " not in person.name_en.strip():
            self._full_english_name(person)
        title = person.title_zh or person.title_en
        if title:
            org = self._org_from_title(title, person.line)
            person.organization_key = org.key if org else None
        self.spokespeople.append(person)

    def _full_english_name(self, person: ParsedSpokesperson) -> None:
        """Complete "Dr Choi said" from where the release first named her: "The Secretary for
        Education, Dr Choi Yuk-lin, visited…" gives the full name and the title."""
        honorific = re.escape(person.honorific) if person.honorific else _EN_HON
        mention = re.compile(
            rf"(?:(?P<title>[A-Z][A-Za-z&'’ ]{{3,80}}?),\s+)?(?:{honorific})\.?\s+"
            rf"(?P<name>{re.escape(person.name_en or '')}(?:\s+[A-Z][A-Za-z'’\-]*){{1,3}})"
            r"(?=\s*[,.;(]|\s+(?:said|says|added|noted|visited|announced)\b)"
        )
        found = mention.search(self.doc.text[:_DATE_HEAD_CHARS])
        if found is None:
            return
        person.name_en = found["name"]
        title = _LEADING_THE.sub("", found["title"] or "").strip()
        if title and not person.title_en and _EN_ROLE_WORDS.search(title):
            person.title_en = title

    def _org_from_title(self, title: str, line: int) -> ParsedOrganization | None:
        known = self.orgs.find_in(title)
        if known:
            return known
        if _is_zh(title):
            zh = _strip_parens(title)
            match = _GOVERNMENT_TITLE.match(zh)
            if match and _is_government(match["org"]):
                return self.orgs.add(line=line, kind="government", name_zh=match["org"])
            company = _COMPANY_IN_TITLE.match(zh)
            if company:
                return self.orgs.add(line=line, kind=_org_kind(company["org"]),
                                     name_zh=company["org"])  # fmt: skip
            return None
        return self._org_from_en_title(title, line)

    def _org_from_en_title(self, title: str, line: int) -> ParsedOrganization | None:
        of = _ORG_AFTER_OF.search(title)
        if of:
            name = of["org"].strip()
            short = _PAREN.search(name)
            plain = _strip_parens(name)
            return self.orgs.add(line=line, kind=_org_kind(plain), name_en=plain,
                                 short_en=short.group(1) if short else None)  # fmt: skip
        secretary = _SECRETARY_FOR.match(title)
        if secretary:
            name = f"{secretary['area'].strip()} Bureau"
            org = self.orgs.add(line=line, kind="government", name_en=name)
            self.problem(Severity.WARNING, line, "organization", title,
                         phrase(QT_TRANSLATE_NOOP("Validation", "The organisation was inferred from the title (%1); check "
                                "it."), title),
                         suggestion=name)  # fmt: skip
            return org
        return None

    def _pair_bilingual_spokespeople(self) -> None:
        """Join each Chinese-only speaker to the English-only one quoted in the same place.

        A bilingual release quotes the same people in the same order in both halves; with
        no romanisation to go on, order (and matching honorifics) is the only link, so the
        pairing is reported as a guess.
        """
        zh_only = [p for p in self.spokespeople if p.name_zh and not p.name_en]
        en_only = [p for p in self.spokespeople if p.name_en and not p.name_zh]
        if not zh_only or len(zh_only) != len(en_only):
            return
        if not all(
            _honorifics_agree(zh.honorific, en.honorific)
            for zh, en in zip(zh_only, en_only, strict=True)
        ):
            return
        for zh, en in zip(zh_only, en_only, strict=True):
            zh.name_en, zh.title_en = en.name_en, en.title_en
            self._merge_speaker_orgs(zh, en)
            self.spokespeople.remove(en)
            self.problem(Severity.WARNING, en.line, "name_en", en.name_en or "",
                         phrase(QT_TRANSLATE_NOOP("Validation", "%1 was taken to be %2 because both are quoted in the same "
                                "order in the two language versions; check it."),
                                en.name_en or "", zh.name_zh or ""),
                         suggestion=en.name_en)  # fmt: skip

    def _merge_speaker_orgs(self, zh: ParsedSpokesperson, en: ParsedSpokesperson) -> None:
        """Paired speakers' organisations are one organisation named in both languages."""
        keys = {org.key: org for org in self.orgs.items}
        zh_org, en_org = keys.get(zh.organization_key or ""), keys.get(en.organization_key or "")
        if zh_org is None:
            zh.organization_key = en.organization_key
            return
        complementary = (
            en_org is not None
            and en_org is not zh_org
            and not (zh_org.name_en or zh_org.short_name_en)
            and not (en_org.name_zh or en_org.short_name_zh)
        )
        if complementary and en_org is not None:
            self._merge_org(zh_org, en_org)

    def _title_for_name(self, name: str) -> str | None:
        """Find a title given with ``name`` elsewhere (「…局局長孫東教授」 for a later 「孫東教授表示」)."""
        start = 0
        for _ in range(20):
            index = self.doc.text.find(name, start)
            if index < 0:
                return None
            start = index + len(name)
            subject, _ = _zh_subject_before(self.doc.text, index)
            subject = _ZH_LEADING_CONNECTIVES.sub("", _strip_parens(subject))
            if subject.endswith(_ZH_TITLE_SUFFIXES) and len(subject) >= 2:
                return subject
        return None

    # ------------------------------------------------------------------ finishing

    def _finish(self, titles: dict[str, str], issued_on: date | None, blocks: list[_Block]) -> None:
        if not blocks:
            self.problem(Severity.WARNING, None, "contact", "",
                         phrase(QT_TRANSLATE_NOOP("Validation", "No media-contact block found (expected a block headed 傳媒查詢 "
                                "or \"Media enquiries\"); the release has no media contacts.")))  # fmt: skip
        self._merge_duplicate_contacts()
        self._guess_contact_names()
        self._guess_short_names()
        if not self.issuers:
            fallback = next((o for o in self.orgs.items if o.kind != "agency"
                             and any(c.organization_key == o.key for c in self.contacts)), None)  # fmt: skip
            if fallback:
                self._add_issuer(fallback)
                self.problem(Severity.WARNING, fallback.line, "issuer",
                             fallback.name_zh or fallback.name_en or "",
                             phrase(QT_TRANSLATE_NOOP("Validation", "No 「關於…」/About section or dateline sentence names the "
                                    "issuer; the first organisation of the contact block was taken. "
                                    "Check it.")))  # fmt: skip
            else:
                self.problem(Severity.WARNING, None, "issuer", "",
                             phrase(QT_TRANSLATE_NOOP("Validation", "No issuing organisation found (no 「關於…」/About section and "
                                    "no organisation named in the dateline sentence).")))  # fmt: skip
        for org in self.orgs.items:
            org.kind = self._final_kind(org)
        # The dateline sentence names the lead issuer first; "About" sections may not.
        named_first = [org for org in self.dateline_issuers if org in self.issuers]
        self.issuers = named_first + [org for org in self.issuers if org not in named_first]

    def _final_kind(self, org: ParsedOrganization) -> str:
        names = " ".join(n for n in (org.name_zh, org.name_en, org.short_name_en) if n)
        if _AGENCY.search(names):
            return "agency"
        if any(_is_government(n) for n in (org.name_zh, org.name_en) if n):
            return "government"
        if org in self.issuers:
            return "issuer"
        return org.kind if org.kind in ("media", "agency", "government") else _org_kind(names)

    def _ordered_orgs(self) -> list[ParsedOrganization]:
        return self.issuers + [org for org in self.orgs.items if org not in self.issuers]

    def _attach_contacts_by_domain(self) -> None:
        for contact in self.contacts:
            if contact.organization_key or not contact.emails:
                continue
            domain = _registered_domain(contact.emails[0].text)
            for org in self.orgs.items:
                if org.website and _registered_domain(org.website) == domain:
                    contact.organization_key = org.key
                    break

    def _merge_orgs_by_domain(self) -> None:
        """Merge a Chinese-only and an English-only organisation that share a web domain."""
        for org in list(self.orgs.items):
            domain = self._org_domain(org)
            if domain is None or org not in self.orgs.items:
                continue
            for other in list(self.orgs.items):
                if other is org or self._org_domain(other) != domain:
                    continue
                full = _full_company_name(org.name_zh, other.name_zh)
                if full is not None and not (org.name_en and other.name_en):
                    # 星河新能源 (as the release calls it) and 星河新能源科技股份有限公司 (its
                    # registered name) at one domain: one company, the short name kept.
                    keep, drop = (org, other) if org.name_zh == full else (other, org)
                    keep.short_name_zh = keep.short_name_zh or drop.name_zh
                    self._merge_org(keep, drop)
                    break
                if (org.name_zh and other.name_zh) or (org.name_en and other.name_en):
                    continue
                self._merge_org(org, other)

    def _org_domain(self, org: ParsedOrganization) -> str | None:
        if org.website:
            return _registered_domain(org.website)
        domains = {
            _registered_domain(email.text)
            for contact in self.contacts
            if contact.organization_key == org.key
            for email in contact.emails
        }
        return domains.pop() if len(domains) == 1 else None

    def _merge_org(self, keep: ParsedOrganization, drop: ParsedOrganization) -> None:
        for attribute in ("name_zh", "name_en", "short_name_zh", "short_name_en", "website"):
            if getattr(keep, attribute) is None:
                setattr(keep, attribute, getattr(drop, attribute))
        items: list[ParsedContact | ParsedSpokesperson] = [*self.contacts, *self.spokespeople]
        for item in items:
            if item.organization_key == drop.key:
                item.organization_key = keep.key
        if drop in self.issuers:
            self.issuers.remove(drop)
            self._add_issuer(keep)
        self.orgs.items.remove(drop)

    def _merge_duplicate_contacts(self) -> None:
        """Merge a contact listed twice (once per language) with the same e-mail address."""
        kept: list[ParsedContact] = []
        for contact in self.contacts:
            twin = next((k for k in kept if _same_contact(k, contact)), None)
            if twin is None:
                kept.append(contact)
                continue
            for attribute in ("name_zh", "name_en", "honorific", "title_zh", "title_en",
                              "organization_key"):  # fmt: skip
                if getattr(twin, attribute) is None:
                    setattr(twin, attribute, getattr(contact, attribute))
            known = {value.text for value in twin.phones}
            twin.phones.extend(v for v in contact.phones if v.text not in known)
        self.contacts = kept

    def _guess_contact_names(self) -> None:
        for contact in self.contacts:
            if contact.kind != "person" or contact.name_en or not contact.name_zh:
                continue
            for email in contact.emails:
                guess = _name_from_email(email.text)
                if guess:
                    contact.name_en = guess
                    self.problem(Severity.WARNING, email.line, "name_en", email.text,
                                 phrase(QT_TRANSLATE_NOOP("Validation", "The English name of %1 was inferred from the e-mail "
                                        "address and should be checked."), contact.name_zh or ""),
                                 suggestion=guess)  # fmt: skip
                    break

    def _guess_short_names(self) -> None:
        for org in self.orgs.items:
            if org.name_en or org.short_name_en:
                continue
            source, line = self._org_address(org)
            guess = _short_name_from_domain(source) if source else None
            if guess and source:
                org.short_name_en = guess
                what = (
                    phrase(QT_TRANSLATE_NOOP("Validation", "web address"))
                    if source == org.website
                    else phrase(QT_TRANSLATE_NOOP("Validation", "e-mail domain"))
                )
                self.problem(Severity.WARNING, line, "name_en", source,
                             phrase(QT_TRANSLATE_NOOP("Validation", "The English short name of %1 was guessed from its %2 and "
                                    "should be checked."), org.name_zh or org.key, what),
                             suggestion=guess)  # fmt: skip

    def _org_address(self, org: ParsedOrganization) -> tuple[str | None, int | None]:
        if org.website:
            return org.website, self.website_lines.get(org.key, org.line)
        for contact in self.contacts:
            if contact.organization_key == org.key and contact.emails:
                return contact.emails[0].text, contact.emails[0].line
        return None, None

    def _language(self, titles: dict[str, str], datelines: dict[str, _Dateline]) -> str:
        """Say "zh", "en" or "bilingual", from the titles and datelines, else from the text.

        Names, e-mail addresses and an English "About" paragraph in a Chinese release (or a
        Chinese contact name in an English one) do not make it bilingual; a headline or a
        dateline in each language, or two substantial halves, do.
        """
        if ("title_zh" in titles and "title_en" in titles) or len(datelines) == 2:
            return "bilingual"
        sample = self.doc.text[:_LANGUAGE_SAMPLE_CHARS]
        han = len(_HAN_CHAR.findall(sample))
        words = len(_LATIN_WORD.findall(sample))
        share = han / (han + 1.5 * words) if han or words else 0.0
        if 0.25 <= share <= 0.75 and han >= 300 and words >= 150:
            return "bilingual"
        if "title_zh" in titles or "zh" in datelines:
            return "zh"
        if "title_en" in titles or "en" in datelines:
            return "en"
        return "zh" if share >= 0.5 else "en"


# =========================================================================== quotes (zh)

_ZH_HON_ALT = "|".join(sorted(_ZH_HONORIFICS, key=len, reverse=True))
_ZH_VERB = (
    r"(?P<verb>表示|指出|認為|认为|強調|强调|透露|坦言|直言|補充(?:說|说)?|补充(?:說|说)?|形容|"
    r"分享(?:說|说|道)?|"
    r"說(?![明服法])|说(?![明服法])|稱(?![為为號号讚赞呼])|称(?![为号赞呼]))"
)
_ZH_TAIL = (
    r"(?P<tail>(?:(?:[在於于][^，。：；「」『』\n]{1,24}?(?:時|时|上|中|後|后)|今日|今天|昨日|昨天|"
    r"當日|当日|同時|同时|會上|会上|席上|[亦也更則则又並并再均都續续還还])\s*+){1,3})?"
)
# Honours and post-nominals written after a name: 「鄭國華先生，GBS，太平紳士表示」.
_ZH_POSTNOMINALS = (
    r"(?P<post>(?:\s*+[，,、]?\s*+(?:GBM|GBS|SBS|BBS|MH|JP|ISO|SC|OBE|MBE|CBE|"
    r"太平紳士|太平绅士)(?![A-Za-z]))+)?"
)
_ZH_QUOTE_HONORIFIC = re.compile(rf"(?:{_ZH_HON_ALT}){_ZH_POSTNOMINALS}\s*+{_ZH_TAIL}{_ZH_VERB}")
_ZH_TITLE_ALT = "|".join(sorted(set(_ZH_TITLE_SUFFIXES), key=len, reverse=True))
_ZH_QUOTE_TITLE = re.compile(
    rf"(?:{_ZH_TITLE_ALT})\s*+(?:[{_HAN}]\s*+){{2,4}}?{_ZH_POSTNOMINALS}{_ZH_TAIL}{_ZH_VERB}"
)
# Verbs that introduce or follow a quote; a two-word verb gives its second word.
_EN_SAY_WORDS: tuple[tuple[str, str], ...] = (
    *((word, "") for word in (
        "said", "says", "added", "adds", "commented", "comments", "noted", "stated", "explained",
        "explains", "remarked", "emphasised", "emphasized", "emphasises", "emphasizes",
        "highlighted", "continued", "concluded", "shared", "observed",
    )),
    ("pointed", "out"), ("According", "to"), ("according", "to"), ("told", "reporters"),
    ("told", "journalists"), ("told", "the"),
)  # fmt: skip


def _say_verbs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each whole-word quote verb, in text order (found with str.find)."""
    hits: list[tuple[int, int]] = []
    for word, second in _EN_SAY_WORDS:
        position = text.find(word)
        while position >= 0 and len(hits) < _MAX_QUOTE_HITS:
            end = position + len(word)
            if (
                not (position and text[position - 1].isalpha())
                and not text[end : end + 1].isalpha()
            ):
                if not second:
                    hits.append((position, end))
                else:
                    follow = re.match(rf"\s+{second}(?![A-Za-z])", text[end : end + 20])
                    if follow:
                        hits.append((position, end + follow.end()))
            position = text.find(word, end)
    return sorted(hits)


_ZH_SUBJECT_CHAR = re.compile(rf"[{_HAN}A-Za-z0-9&·‧（）()]")


def _zh_subject_before(text: str, end: int, limit: int = 50) -> tuple[str, int]:
    """Return the clause that ends at ``end`` (white space and line breaks dropped) and its start.

    The clause runs back to the previous punctuation mark, which is where a Chinese
    sentence's subject (title, name, honorific) begins.
    """
    chars: list[str] = []
    position = end
    steps = 0
    while position > 0 and len(chars) < limit and steps < 4 * limit:
        steps += 1
        char = text[position - 1]
        if char.isspace():
            position -= 1
            continue
        if not _ZH_SUBJECT_CHAR.match(char):
            break
        chars.append(char)
        position -= 1
    while position < end and text[position].isspace():
        position += 1
    return "".join(reversed(chars)), position


@lru_cache(maxsize=4096)
def _parse_zh_speaker(subject: str) -> _Person | None:
    """Split 「創新科技及工業局局長孫東教授」 into title, name and honorific.

    Cached because a release quotes the same people again and again, and because a hostile
    input repeating one phrase must stay fast.
    """
    subject = _ZH_LEADING_CONNECTIVES.sub("", _strip_parens(subject))
    subject = _ZH_TAIL_ADVERBS.sub("", subject)
    honorifics: list[str] = []
    while True:
        suffix = next(
            (h for h in _ZH_HONORIFICS if subject.endswith(h) and len(subject) > len(h) + 1), None
        )
        if suffix is None:
            break
        honorifics.insert(0, suffix)
        subject = subject[: -len(suffix)]
    honorific = "".join(honorifics) or None
    split = _split_title_name_zh(subject, has_honorific=honorific is not None)
    if split is None:
        return None
    title, name = split
    return _Person(name_zh=name, honorific=honorific, title_zh=title)


def _split_title_name_zh(text: str, *, has_honorific: bool) -> tuple[str | None, str] | None:
    """Split 「香港科技園公司主席查毅超」 into (title, name), or None when no name is there."""
    candidates: list[tuple[str | None, str]] = []
    # A surname alone goes last, and only before an honorific: 「企業傳訊部高級主任陳小姐」
    # is 陳, not 任陳 after a title cut short.
    for size in (3, 2, 4, 1) if has_honorific else (3, 2, 4):
        if len(text) < size:
            continue
        name, title = text[-size:], text[:-size]
        if not _HAN_RUN.fullmatch(name) or not _is_chinese_name(name):
            continue
        titled = title.endswith(_ZH_TITLE_SUFFIXES) or bool(_ACRONYM_AT_END.search(title))
        if _bad_name_chars(name, vouched=has_honorific or (titled and size > 2)):
            continue
        if not title:
            if has_honorific:
                return None, name
            continue
        if titled:
            return title, name
        candidates.append((title, name))
    if has_honorific and candidates:
        return candidates[0]
    return None


def _is_chinese_name(name: str) -> bool:
    if name[:2] in _COMPOUND_SURNAMES:
        return len(name) >= 3
    if len(name) == 4:
        return name[0] in _SURNAMES and name[1] in _SURNAMES
    return name[0] in _SURNAMES


# =========================================================================== quotes (en)


_EN_AFTER = re.compile(rf"^[\s,:]*(?P<hon>{_EN_HON_GROUP})?(?P<name>{_EN_NAME})(?P<rest>.*)$")
_EN_HON_START = re.compile(rf"(?<![A-Za-z])(?:{_EN_HON})\.?\s+(?=[A-Z])")
_EN_BEFORE = re.compile(
    rf"(?P<hon>{_EN_HON_GROUP})?(?P<name>{_EN_NAME})(?:\s*,\s*(?P<title>[^\"“”]{{2,200}}?))?\s*,?\s*$"
)
# Words ending in a full stop that does not end the sentence, and initials ("Richard K. H. Yip").
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Prof|Ir|St|Co|Ltd|Inc|No|Jr|Sr|Corp|Mt|Hon|[A-Z])\.$"
)


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_ENDS_SENTENCE = re.compile(r"[.!?\"”:。」]\s*$")


def _paragraph_head(text: str) -> str:
    """``text`` up to the end of its paragraph: a blank line after a finished sentence."""
    for match in _PARAGRAPH_BREAK.finditer(text):
        if _ENDS_SENTENCE.search(text[: match.start()]):
            return text[: match.start()]
    return text


def _paragraph_tail(text: str) -> str:
    """``text`` from the start of its last paragraph."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if _ENDS_SENTENCE.search(text[: match.start()]):
            start = match.end()
    return text[start:]


def _en_sentence_start(text: str) -> int:
    """Offset where the last sentence of ``text`` starts (after a quote or a full stop)."""
    start = 0
    for match in _EN_SENTENCE_BREAK.finditer(text):
        if match.group() == "." and _ABBREVIATIONS.search(text[: match.end()]):
            continue
        start = match.end()
    return start


def _en_title_until_sentence_end(rest: str) -> str:
    end = len(rest)
    for match in _EN_TITLE_END.finditer(rest):
        if match.group() == "." and _ABBREVIATIONS.search(rest[: match.end()]):
            continue
        end = match.start()
        break
    return rest[:end]


def _clean_en_title(title: str) -> str | None:
    """Drop post-nominals ("JP, SBS") before a title and running text after it."""
    parts = [part.strip() for part in title.split(",")]
    while parts and (not parts[0] or _POST_NOMINALS.match(parts[0])):
        parts.pop(0)
    kept: list[str] = []
    for part in parts:
        if kept and part[:1].islower() and not part.startswith(("and ", "of ")):
            break  # ", the park is full": the sentence goes on after the title
        kept.append(part)
    cleaned = ", ".join(part for part in kept if part).strip(" ,")
    return cleaned or None


def _split_trailing_role(name: str) -> tuple[str, str | None]:
    """Split "Sunny Chai Chairman" into ("Sunny Chai", "Chairman")."""
    words = name.split()
    for index in range(1, len(words)):
        if _EN_ROLE_WORDS.fullmatch(words[index]) or _ORG_SUFFIX_EN.fullmatch(words[index]):
            return " ".join(words[:index]), " ".join(words[index:])
    return name, None


def _parse_en_speaker_after(after: str) -> _Person | None:
    """Read the speaker after "said": "Dr Sunny Chai, Chairman of HKSTP."."""
    match = _EN_AFTER.match(after)
    if not match:
        return None
    name, trailing = _split_trailing_role(match["name"])
    rest = match["rest"]
    title = None
    if rest.startswith(","):
        title = _clean_en_title(_en_title_until_sentence_end(rest[1:]))
    if trailing:
        title = f"{trailing} {title}" if title else trailing
    return _en_person(match["hon"], name, title)


def _parse_en_speaker_before(before: str) -> _Person | None:
    """Read the speaker before "said": "Mr X, Title," or "HKSTP Chairman Dr Sunny Chai";
    a Chinese name in brackets after the English one is the speaker's ("Mr Alex Tsang
    (曾俊輝), Chairman of …")."""
    sentence = before[_en_sentence_start(before) :].strip()
    bracketed = _ZH_NAME_IN_BRACKETS.search(sentence)
    zh_name = None
    if bracketed is not None and _is_chinese_name(bracketed["zh"]):
        zh_name = bracketed["zh"]
        sentence = sentence[: bracketed.start()] + sentence[bracketed.end() :]
    person = _en_speaker_in(sentence)
    if person is not None and zh_name:
        person.name_zh = zh_name
    return person


_ZH_NAME_IN_BRACKETS = re.compile(rf"\s*[(（](?P<zh>[{_HAN}]{{2,4}})[)）]")


def _en_speaker_in(sentence: str) -> _Person | None:
    starts: list[int] = []
    previous_end = -1
    for hon in _EN_HON_START.finditer(sentence):
        if hon.start() != previous_end:  # "Ir Dr Yiu": one run of honorifics, one start
            starts.append(hon.start())
        previous_end = hon.end()
    starts = starts or [0]
    for start in reversed(starts):
        match = _EN_BEFORE.match(sentence, start)
        if not match:
            continue
        title = _clean_en_title(match["title"]) if match["title"] else None
        prefix = sentence[:start].strip(" ,")
        if title is None and match["hon"] and prefix and _EN_ROLE_WORDS.search(prefix):
            title = prefix
        person = _en_person(match["hon"], match["name"], title)
        if person:
            return person
    return None


def _en_person(hon: str | None, name: str, title: str | None) -> _Person | None:
    words = name.split()
    if any(_ORG_SUFFIX_EN.fullmatch(word) or _EN_ROLE_WORDS.fullmatch(word) for word in words):
        return None
    if not hon and (len(words) < 2 or not title):
        return None
    if title and not (_EN_ROLE_WORDS.search(title) or " of " in f" {title} "):
        title = None if not hon else title
    honorific = _collapse(hon).replace(".", "") if hon else None
    return _Person(name_en=name, honorific=honorific, title_en=title)


def _same_speaker(known: ParsedSpokesperson, new: ParsedSpokesperson) -> bool:
    if known.name_zh and new.name_zh:
        return known.name_zh == new.name_zh
    if known.name_en and new.name_en:
        a, b = known.name_en.casefold().split(), new.name_en.casefold().split()
        # A surname alone is the same person's: last in "Sunny Chai", first in "Wong Siu-keung".
        return (
            a == b
            or (len(b) == 1 and b[0] in (a[0], a[-1]))
            or (len(a) == 1 and a[0] in (b[0], b[-1]))
        )
    return False


_HONORIFIC_PAIRS = {"教授": ("professor", "prof"), "博士": ("dr",), "先生": ("mr",),
                    "女士": ("ms", "mrs", "miss", "madam", "mdm"), "小姐": ("miss", "ms"),
                    "太太": ("mrs",), "工程師": ("ir",), "醫生": ("dr",), "議員": ("hon",)}  # fmt: skip


def _honorifics_agree(zh: str | None, en: str | None) -> bool:
    if not zh or not en:
        return True
    english = set(en.casefold().replace(".", "").split())
    return any(key in zh and english & set(values) for key, values in _HONORIFIC_PAIRS.items())


# =========================================================================== contact block


class _ContactBlockReader:
    """Reads one media-contact block line by line.

    The block is a small state machine: an organisation line opens a group, a person line
    opens a contact in it, title lines describe that person, and labelled values (電話,
    Tel, E, ...) attach to the current contact. Anything else is reported, not dropped.
    """

    def __init__(self, reader: _ReleaseReader, block: _Block) -> None:
        self.reader = reader
        self.block = block
        self.org: ParsedOrganization | None = None
        self.contact: ParsedContact | None = None
        self.pending: list[tuple[int, str]] = []  # title or unit lines awaiting a person
        self.columns: list[tuple[str, str]] | None = None  # table header: (kind, label)
        self.org_line: int | None = None
        # People named on one line ("Mr Jacky Mak / Ms Winnie Sze"): the numbers and
        # addresses that follow are each of theirs.
        self.sharing: list[ParsedContact] = []

    def read(self) -> None:
        """Read every line of the block."""
        lines = []
        if self.block.inline:
            lines.append((self.block.heading, self.block.inline))
        lines.extend(self.reader.doc.numbered(self.block.first, self.block.last))
        for index, (number, text) in enumerate(lines):
            following = lines[index + 1][1] if index + 1 < len(lines) else None
            if len(text) > _MAX_CONTACT_LINE:
                self._not_understood(
                    number,
                    text[:80] + "…",
                    phrase(QT_TRANSLATE_NOOP("Validation", "is too long for a contact line")),
                )
                continue
            self._read_line(number, text, following)
        self._close()

    # ------------------------------------------------------------------ dispatch

    def _read_line(self, number: int, text: str, following: str | None) -> None:
        if self._read_table_line(number, text):
            return
        keyed = _KEYED_FIELD.match(text)
        if keyed and not _VALUE_LABEL.match(text):
            self._read_keyed(number, _KEY_KINDS[_collapse(keyed["key"]).casefold()], keyed["value"])
            return
        if self._read_named_value(number, text):
            return
        if self._read_zh_prose(number, text):
            return
        labels = list(_VALUE_LABEL.finditer(text))
        if labels:
            self._read_labelled(number, text, labels, following)
            return
        if _has_email(text) and self._read_email_line(number, text):
            return
        if _looks_like_phone(text):
            self._add_phone(number, text, "")
            return
        if self._read_row(number, text, None):
            return
        if self._read_prose(number, text) or self._read_name_then_values(number, text):
            return
        if self._read_people_line(number, text):
            return
        # A line with a number or an address in it is no name, title or organisation.
        has_value = _has_email(text) or _PROSE_PHONE.search(text) is not None
        if has_value or not self._read_entity(number, text, following):
            self._not_understood(
                number, text, phrase(QT_TRANSLATE_NOOP("Validation", "was not understood"))
            )

    def _assume_issuer(self, number: int, text: str) -> None:
        """Contacts in a sentence under no organisation line are the issuer's: said so."""
        if self.org is not None or not self.reader.issuers:
            return
        issuer = self.reader.issuers[0]
        self._open_org(number, issuer, None)
        name = (issuer.name_zh or issuer.name_en) if _is_zh(text) else issuer.name_en
        value = text if len(text) <= 200 else text[:200] + "…"
        self.reader.problem(Severity.WARNING, number, "contact", value,
                            phrase(QT_TRANSLATE_NOOP("Validation", "These media contacts were taken to be of %1, which "
                                   "issues the release: the sentence names no organisation."),
                                   name or issuer.name_zh or issuer.key))  # fmt: skip

    def _read_people_line(self, number: int, text: str) -> bool:
        """Read 「Mr. Jacky Mak / Ms. Winnie Sze」: people of one team on one line, each with
        an honorific, who share the numbers and addresses under them. False, having read
        nothing, unless every part is such a person."""
        parts = [part.strip() for part in _PEOPLE_SEPARATOR.split(text)]
        if len(parts) < 2:
            return False
        people = [_parse_person(part) for part in parts]
        if not all(person is not None and person.honorific for person in people):
            return False
        opened: list[ParsedContact] = []
        for person in people:
            assert person is not None
            self.contact = None
            self._open_person(number, person)
            if self.contact is not None:
                opened.append(self.contact)
        self.sharing = opened
        return True

    def _read_name_then_values(self, number: int, text: str) -> bool:
        """Read 「陳小姐 2131 0000 chan@nwd.com.hk」: a name with its honorific, then its numbers
        and addresses, one space apart. False, having read nothing, unless every word after
        the name is part of a number or an address."""
        name, _, values = text.strip().partition(" ")
        person = _parse_person(name) if values else None
        if person is None or not person.honorific:
            return False
        emails, phones, rest = _prose_values(values)
        if rest.strip(" /／,，;；、|｜") or not (emails or phones):
            return False
        self._open_with_values(number, person, [(value, "") for value, _ in phones], emails)
        return True

    def _open_with_values(
        self, number: int, person: _Person, phones: list[tuple[str, str]], emails: list[str]
    ) -> None:
        """Open ``person``'s contact with these (number, label) pairs and addresses."""
        self.contact = None
        self._open_person(number, person)
        for value, label in phones:
            self._add_phone(number, value, label)
        for address in emails:
            self._add_emails(number, address, "", lone=False)

    def _read_zh_prose(self, number: int, text: str) -> bool:
        """Read contacts given in a Chinese sentence, each with its values in brackets:
        「新世界發展企業傳訊部陳小姐（電話：2131 0000；電郵：chan@nwd.com.hk）或李先生（手提：
        9123 4567）。」 False, having read nothing, unless the line is such a sentence: every
        bracket follows a person and holds a number or an address, and it names a person
        after 或 / 及, or ends like a sentence."""
        segments = list(_ZH_PROSE_SEGMENT.finditer(text))
        if not segments:
            return False
        rest = _ZH_PROSE_SEGMENT.sub("", text).strip(" 或及和與、，,；;。.")
        if rest or not (len(segments) > 1 or text.rstrip().endswith(("。", "."))):
            return False
        people = []
        for segment in segments:
            who = _ZH_PROSE_JOINER.sub("", segment["who"]).strip()
            values = segment["values"]
            person = _parse_person(who) if who else None
            if person is None or not person.honorific:
                return False
            if not (_has_email(values) or _PROSE_PHONE.search(values)):
                return False
            people.append((person, values))
        self._assume_issuer(number, text)
        for person, values in people:
            self.contact = None
            self._open_person(number, person)
            for piece in _ZH_PROSE_VALUES.split(values):
                if piece.strip():
                    self._read_line(number, piece.strip(), None)
        return True

    def _read_prose(self, number: int, text: str) -> bool:
        """Read contacts given in a sentence: "please contact Ms Cindy Lau of Corporate
        Communications at 2966 8111 or cindy.lau@hkjc.org.hk, or Mr Kelvin Ho at 9012 3456
        (mobile)." Each person, found by an honorific, takes the numbers and addresses that
        follow until the next one; what stands between a name and "at" is their unit or title.
        False, having read nothing, unless every person found has a value."""
        matches = list(_PROSE_PERSON.finditer(text))
        people = []
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
            rest = text[match.end() : end]
            emails, phones, _ = _prose_values(rest)
            person = _parse_name(f"{match['honorific']} {match['name']}")
            if person is None or not (emails or phones):
                return False
            role = _PROSE_ROLE.match(rest)
            unit = role["role"].strip(" ,") if role is not None else ""
            if unit and len(unit) <= 80 and not _DIGIT.search(unit):
                person.title_zh, person.title_en = _parse_title(unit) or _as_title(unit)
            people.append((person, phones, emails))
        if not people:
            return False
        self._assume_issuer(number, text)
        for person, phones, emails in people:
            self._open_with_values(number, person, phones, emails)
        return True

    def _read_named_value(self, number: int, text: str) -> bool:
        """Read "Press team: pr@x.com" or "Angela Wan: +852 ..." (a name instead of a label)."""
        match = _NAMED_VALUE.match(text)
        if match is None:
            return False
        name, value = match["name"].strip(), match["value"].strip()
        if _collapse(name).casefold() in _LABEL_WORDS or _ends_with_label(name):
            return False  # "Tel: ...", "新聞組（電話：...": a label, read as one
        if not (_has_email(value) or _looks_like_phone(value)):
            return False
        is_mailbox = bool(_MAILBOX_NAME.search(name))
        person = None if is_mailbox else _parse_person(name)
        if person is not None:
            self.contact = None
            self._open_person(number, person)
        elif is_mailbox:
            self.pending = [(number, name)]
            self.contact = None
            self._open_mailbox(number)
        else:
            return False
        for cell in filter(None, (c.strip() for c in _CELL_BAR.split(value))):
            self._add_phone(number, cell, "")  # an address goes on to _add_emails
        return True

    def _not_understood(self, number: int, text: str, what: Phrase) -> None:
        self.reader.problem(Severity.WARNING, number, "contact", text,
                            phrase(QT_TRANSLATE_NOOP("Validation", "This line of the media-contact block %1, so it was not "
                                   "imported; check it and add it by hand if needed."), what))  # fmt: skip

    # ------------------------------------------------------------------ values

    def _read_labelled(
        self, number: int, text: str, labels: list[re.Match[str]], following: str | None
    ) -> None:
        prefix = text[: labels[0].start()].strip(" |｜/／,，;；、·•（(")
        if prefix and not self._read_entity(number, prefix, following):
            self._not_understood(
                number,
                prefix,
                phrase(QT_TRANSLATE_NOOP("Validation", "starts with text that was not understood")),
            )
        for index, label in enumerate(labels):
            end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
            # A label's value ends at a cell bar: what follows in another cell is a value
            # of its own ("M: +852 9333 1234 | tiffany.yuen@…": a mobile, then an address).
            value, *cells = _CELL_BAR.split(text[label.end() : end])
            for cell in filter(None, (_trim_separators(c) for c in cells)):
                if _has_email(cell):
                    self._add_emails(number, cell, "", lone=False)
                elif _looks_like_phone(cell):
                    self._add_phone(number, cell, "")
                else:
                    self._not_understood(number, cell, phrase(QT_TRANSLATE_NOOP(
                        "Validation", "was not understood")))  # fmt: skip
            value = _trim_separators(value)
            name = label["label"]
            if not value:
                self.reader.problem(Severity.WARNING, number, "contact", text,
                                    phrase(QT_TRANSLATE_NOOP("Validation", "The label %1 has no value after it."), name))  # fmt: skip
                continue
            is_email_label = (
                _collapse(_LABEL_JOINER.split(name)[0]).casefold() in _EMAIL_LABEL_WORDS
            )
            if _has_email(value) or is_email_label:
                self._add_emails(number, value, name, lone=False)
            else:
                self._add_phone(number, value, name)

    def _read_email_line(self, number: int, text: str) -> bool:
        tokens = [
            t for t in _EMAIL_TOKEN_SPLIT.split(text) if t and t.casefold() not in ("or", "或")
        ]
        if not tokens or not all(_has_email(token) for token in tokens):
            return False
        self._add_emails(number, text, "", lone=True)
        return True

    def _add_phone(self, number: int, value: str, label: str) -> None:
        if _has_email(value):
            self._add_emails(number, value, label, lone=False)
            return
        for contact in self.sharing or [self.contact or self._open_mailbox(number)]:
            contact.phones.append(RawValue(value, number, label.rstrip(".")))

    def _add_emails(self, number: int, value: str, label: str, *, lone: bool) -> None:
        tokens = [t for t in _EMAIL_TOKEN_SPLIT.split(value) if t]
        addresses = [t.strip(_ENCLOSING) for t in tokens if _has_email(t)]
        leftovers = [
            t for t in tokens if not _has_email(t) and t.casefold() not in ("or", "或", "mailto:")
        ]
        for address in addresses:
            owners = self.sharing or [self._contact_for_email(number, address, lone=lone)]
            for contact in owners:
                contact.emails.append(RawValue(address, number, label.rstrip(".")))
        if leftovers:
            text = " ".join(leftovers)
            if _looks_like_phone(text):
                self._add_phone(number, text, "")
            else:
                self.reader.problem(Severity.WARNING, number, "email", value,
                                    f"Text next to the e-mail address was ignored: {text}")  # fmt: skip

    def _contact_for_email(self, number: int, address: str, *, lone: bool) -> ParsedContact:
        """The contact an address belongs to: the current one, or a shared mailbox.

        A lone address on its own line, after a person who already has one, whose local
        part is not that person's name, is a team mailbox, not the person's second address.
        """
        contact = self.contact
        if contact is None:
            return self._open_mailbox(number)
        if not lone or contact.kind != "person" or not contact.emails:
            return contact
        if _email_matches_person(address, contact):
            return contact
        return self._open_mailbox(number)

    def _open_mailbox(self, number: int) -> ParsedContact:
        """Open a contact that is not a person, named after the unit line above it, if any."""
        self.sharing = []
        unit_line, unit = self.pending[-1] if self.pending else (number, None)
        self.pending = []
        zh, en = _split_scripts(unit) if unit else (None, None)
        contact = ParsedContact(self.org.key if self.org else None, "mailbox", zh, en,
                                None, None, None, [], [], unit_line)  # fmt: skip
        self._append(contact)
        return contact

    # ------------------------------------------------------------------ people, titles, orgs

    def _read_entity(self, number: int, text: str, following: str | None) -> bool:
        """Read a name, title or organisation line; False when it is none of them."""
        if not _LETTER.search(text) and not _DIGIT.search(text):
            return True  # a lone dash or slash between entries says nothing
        org_line = self._org_line(number, text, following)
        if org_line is not None:
            self._open_org(number, *org_line)
            return True
        person = _parse_person(text)
        if person is not None:
            self._open_person(number, person)
            return True
        title = _parse_title(text)
        if title is not None:
            self._add_title(number, text, title)
            return True
        return False

    def _org_line(
        self, number: int, text: str, following: str | None
    ) -> tuple[ParsedOrganization, str | None] | None:
        """(organisation, unit) when ``text`` names an organisation, else None.

        In order: a name the release already gave; a Chinese name with a unit after it
        (創新科技及工業局新聞組); a name that ends like an organisation (公司, 局, Limited);
        then, if the line is neither a person nor a title, one with an organisation's words
        (PR, Communications) or one sitting right above a person.
        """
        plain = _ORG_LINE_LABEL.sub("", _ON_BEHALF.sub("", text)).strip()
        known = self.reader.orgs.find(plain) or self.reader.orgs.find(_strip_parens(plain))
        if known:
            return known, None
        zh, en = _split_scripts(_strip_parens(plain) or plain)
        unit = _ORG_AND_UNIT_ZH.match(zh or "")
        if unit and (
            self.reader.orgs.find(unit["org"])
            or _is_government(unit["org"])
            or _ORG_SUFFIX_ZH.search(unit["org"])
        ):
            return self._register_org(number, unit["org"], en), unit["unit"]
        if en and not zh:
            # "Hong Kong Trade Promotion Council, Communications & Public Affairs Department",
            # "Orient Pay Holdings Limited – Investor Relations": the organisation, its unit.
            head, department = _split_unit(en)
            known_head = self.reader.orgs.find(head) if department else None
            if department and (known_head or _ends_like_org(None, head)):
                return known_head or self._register_org(number, None, head), department
        if _ends_like_org(zh, en):
            return self._register_org(number, zh, en), None
        if _parse_person(plain) is not None:
            is_org = self._names_employer(plain, following)
        elif _parse_title(plain) is not None:
            is_org = False
        else:
            is_org = _looks_like_org(plain) or bool(following and _parse_person(following))
        if not is_org:
            return None
        return self._register_org(number, zh, en), None

    def _register_org(
        self, number: int, name_zh: str | None, name_en: str | None
    ) -> ParsedOrganization:
        names = " ".join(n for n in (name_zh, name_en) if n)
        return self.reader.orgs.add(line=number, kind=_org_kind(names), name_zh=name_zh,
                                    name_en=name_en)  # fmt: skip

    def _names_employer(self, text: str, following: str | None) -> bool:
        """True for "Horizon Robotics" above "Miaomiao Xiong": two bare English names in a
        row are an organisation and its person (a Chinese name is told by its surname)."""
        return (
            following is not None
            and not _HAN_CHAR.search(text)
            and not _EN_HON_START.match(text)
            and _parse_person(following) is not None
        )

    def _open_org(self, number: int, org: ParsedOrganization, unit: str | None) -> None:
        """Make ``org`` the organisation of the lines that follow."""
        self.sharing = []
        contact = self.contact
        if (
            contact is not None
            and contact.kind == "person"
            and not (contact.phones or contact.emails)
            and (self.org is None or contact.organization_key == self.org.key)
            and contact.line > (self.org_line or 0)
        ):
            # "Ms June Wong, Account Director" then "Porter Novelli": the organisation
            # line under a name says where that person works.
            contact.organization_key = org.key
            self.org, self.org_line = org, number
            return
        # A unit line above the organisation ("Corporate Communications Department") stays
        # pending for the person below it.
        self.org, self.org_line = org, number
        self.contact = None
        if unit:
            self.pending.append((number, unit))

    def _open_person(self, number: int, person: _Person) -> None:
        """Start a contact for ``person``, or complete the current one with their other name."""
        self.sharing = []
        current = self.contact
        if (
            current is not None
            and current.kind == "person"
            and not current.phones
            and not current.emails
            and _complements(current, person)
        ):
            current.name_zh = current.name_zh or person.name_zh
            current.name_en = current.name_en or person.name_en
            current.honorific = current.honorific or person.honorific
            current.title_zh = current.title_zh or person.title_zh
            current.title_en = current.title_en or person.title_en
            return
        employer = self._employer_in_title(number, person.title_en or "")
        if person.organization:
            self.org = self._register_org(number, *_split_scripts(person.organization))
            self.org_line = number
        org = employer or self.org
        contact = ParsedContact(
            org.key if org else None, "person", person.name_zh, person.name_en,
            person.honorific, None, None, [], [], number,
        )  # fmt: skip
        # A unit or title line above the name reads before the person's own title in
        # Chinese (企業傳訊部 + 經理) and after it in English (Manager, Corporate Communications).
        for _, title in self.pending:
            _set_title(contact, ((_parse_title(title) or _as_title(title))[0], None))
        _set_title(contact, (person.title_zh, person.title_en))
        for _, title in self.pending:
            _set_title(contact, (None, (_parse_title(title) or _as_title(title))[1]))
        self.pending = []
        self._append(contact)

    def _add_title(self, number: int, text: str, title: tuple[str | None, str | None]) -> None:
        """Give the current person a title line, or keep it for the person who follows."""
        if self.contact is not None and self.contact.kind == "person":
            _set_title(self.contact, title)
            employer = self._employer_in_title(number, text)
            if employer is not None:
                self.contact.organization_key = employer.key
        else:
            self.pending.append((number, text))

    def _employer_in_title(self, number: int, title: str) -> ParsedOrganization | None:
        """The organisation a title ends with: "Head of Communications, Harbour Robotics"."""
        parts = _COMMA.split(title)
        if len(parts) < 2:
            return None
        last = parts[-1].strip()
        known = self.reader.orgs.find(last)
        if known is None and _is_employer(last):
            return self._register_org(number, *_split_scripts(last))
        return known

    def _apply_pending_titles_as_warning(self) -> None:
        for number, text in self.pending:
            self._not_understood(
                number,
                text,
                phrase(
                    QT_TRANSLATE_NOOP("Validation", "is a title or unit with no person after it")
                ),
            )
        self.pending = []

    def _append(self, contact: ParsedContact) -> None:
        self.contact = contact
        self.reader.contacts.append(contact)

    # ------------------------------------------------------------------ tables and keys

    def _read_keyed(self, number: int, kind: str, value: str) -> None:
        """Read a "Name:", "Title:" or "Organisation:" line (a form-like contact block)."""
        value = value.strip()
        if kind == "name":
            # After "Name:" comes a name, even one that is not recognised as such.
            person = _parse_person(value) or _Person(*_split_scripts(value))
            self.contact = None
            self._open_person(number, person)
        elif kind == "title":
            self._add_title(number, value, _parse_title(value) or _as_title(value))
        else:
            zh, en = _split_scripts(_ON_BEHALF.sub("", value))
            contact = self.contact
            self._open_org(number, self._register_org(number, zh, en), None)
            if contact is not None and contact.organization_key is None:
                contact.organization_key = self.org.key if self.org else None
                self.contact = contact

    def _read_table_line(self, number: int, text: str) -> bool:
        """Read a table's header row ("Name | Title | Tel | Email") or one of its rows."""
        cells = [c.strip() for c in _CELL_SPLIT.split(text) if c.strip()]
        kinds = [_COLUMN_KINDS.get(cell.casefold().rstrip(":：")) for cell in cells]
        if len(cells) >= 2 and all(kinds) and "name" in kinds:
            self.columns = [
                (kind or "", cell.rstrip(":：")) for kind, cell in zip(kinds, cells, strict=True)
            ]
            return True
        if self.columns is None:
            return False
        if self._read_row(number, text, self.columns):
            return True
        # The table has ended: a line under it (「傳真：2804 2789」) is the organisation's,
        # shared, not its last row's person's.
        self.columns = None
        self.contact = None
        return False

    def _read_row(self, number: int, text: str, columns: list[tuple[str, str]] | None) -> bool:
        """Read one row of a contact table, or one line of cells ("Angela Wan  2629 2329  a@b")."""
        cells = _cell_spans(text, _CELL_SPLIT if columns else _ROW_SPLIT)
        if len(cells) < 2 or not any(_is_value(cell) for _, _, cell in cells):
            return False
        if columns and len(cells) == len(columns):
            typed = [
                _Cell(kind, label, cell)
                for (kind, label), (_, _, cell) in zip(columns, cells, strict=True)
            ]
        else:
            typed = _type_cells(text, cells, columns)
        if not self._read_row_people(number, typed, trust_names=columns is not None):
            return False
        for cell in typed:
            if cell.kind == "phone":
                self._add_phone(number, cell.text, cell.label)
            elif cell.kind == "email":
                self._add_emails(number, cell.text, cell.label, lone=False)
        return True

    def _read_row_people(self, number: int, cells: list[_Cell], *, trust_names: bool) -> bool:
        """Open the contact a row describes; False when its name cell is not a name."""
        person: _Person | None = None
        organization: str | None = None
        for cell in cells:
            if cell.kind == "text":
                cell.kind = _text_cell_kind(cell.text, have_person=person is not None)
            if cell.kind == "unknown":
                self._not_understood(
                    number,
                    cell.text,
                    phrase(QT_TRANSLATE_NOOP("Validation", "has a part that was not understood")),
                )
            elif cell.kind == "name":
                person = _parse_person(cell.text)
                if person is None and trust_names:
                    # A "Name" column holds a name even when it is not one we recognise.
                    person = _Person(*_split_scripts(cell.text))
                elif person is None and _looks_like_org(cell.text):
                    organization = cell.text
            elif cell.kind == "title" and person is not None:
                person.title_zh, person.title_en = _parse_title(cell.text) or _as_title(cell.text)
            elif cell.kind == "org":
                organization = cell.text
        if person is None and organization is None:
            return False
        if organization:
            zh, en = _split_scripts(_ON_BEHALF.sub("", organization))
            self._open_org(number, self._register_org(number, zh, en), None)
        self.contact = None
        if person is not None:
            self._open_person(number, person)
        return True

    def _close(self) -> None:
        self._apply_pending_titles_as_warning()
        for contact in self.reader.contacts:
            if contact.line < self.block.heading or contact.phones or contact.emails:
                continue
            if contact.line > self.block.last:
                continue
            self.reader.problem(Severity.WARNING, contact.line, "contact",
                                contact.name_zh or contact.name_en or "",
                                "This contact has no phone number and no e-mail address.")  # fmt: skip


def _ends_with_label(text: str) -> bool:
    labelled = text + "："
    return any(match.end() == len(labelled) for match in _VALUE_LABEL.finditer(labelled))


def _trim_separators(value: str) -> str:
    """Drop the separators between labelled values ("2629 2329 / E: ...") but keep a
    character stuck to the value itself (the "/" of "June.Wong@edelman.com/" is data).

    A closing bracket with no opening one belongs to the text around the value
    ("新聞組（電話：3655 5818）"), so it goes too.
    """
    value = _LEADING_SEPARATORS.sub("", value.strip())
    value = _TRAILING_SEPARATORS.sub("", value).strip()
    return _drop_unbalanced_brackets(value)


def _drop_unbalanced_brackets(text: str) -> str:
    text = text.strip()
    while text[-1:] in ("）", ")") and text.count(text[-1]) > text.count(
        "（" if text[-1] == "）" else "("
    ):
        text = text[:-1].rstrip()
    while text[:1] in ("（", "(") and text.count(text[0]) > text.count(
        "）" if text[0] == "（" else ")"
    ):
        text = text[1:].lstrip()
    return text


@dataclass
class _Cell:
    kind: str  # "name", "title", "org", "phone" or "email"
    label: str  # the column heading, used as the label of a phone or e-mail
    text: str


def _is_value(text: str) -> bool:
    return _has_email(text) or _looks_like_phone(text)


def _type_cells(
    text: str, cells: list[tuple[int, int, str]], columns: list[tuple[str, str]] | None
) -> list[_Cell]:
    """Type cells by their content when they do not line up with the table's columns.

    Text cells take the table's text columns in order (name, title, organisation);
    consecutive phone cells are one raw value again, because it was a " / " inside one
    phone field that split them.
    """
    # Without a header row, text cells are typed later, by what they say.
    text_kinds = iter([kind for kind, _ in columns or [] if kind not in ("phone", "email")])
    phone_label = next((label for kind, label in columns or [] if kind == "phone"), "")
    email_label = next((label for kind, label in columns or [] if kind == "email"), "")
    typed: list[_Cell] = []
    run: list[tuple[int, int, str]] = []
    for start, end, cell in [*cells, (0, 0, "")]:
        if cell and _looks_like_phone(cell) and not _has_email(cell):
            run.append((start, end, cell))
            continue
        if run:
            typed.append(_Cell("phone", phone_label, text[run[0][0] : run[-1][1]]))
            run = []
        if not cell:
            continue
        if _has_email(cell):
            typed.append(_Cell("email", email_label, cell))
        else:
            typed.append(_Cell(next(text_kinds, "text"), "", cell))
    return typed


def _text_cell_kind(text: str, *, have_person: bool) -> str:
    """What a text cell of a row without a header is: "name", "title", "org" or "unknown"."""
    if not have_person and _parse_person(text) is not None:
        return "name"
    if _parse_title(text) is not None:
        return "title"
    if _looks_like_org(text) or _SHORT_NAME.fullmatch(text) or _is_zh(text):
        return "org"
    return "unknown"


def _cell_spans(text: str, splitter: re.Pattern[str]) -> list[tuple[int, int, str]]:
    spans = []
    position = 0
    for match in splitter.finditer(text):
        if match.start() > position:
            spans.append((position, match.start(), text[position : match.start()].strip()))
        position = match.end()
    if position < len(text):
        spans.append((position, len(text), text[position:].strip()))
    return [span for span in spans if span[2]]


def _heading_inline(rest: str) -> str | None:
    """What follows a contact heading on its own line, "" if nothing, None if not a heading."""
    rest = rest.strip()
    if not rest:
        return ""
    if not _HEADING_CONTINUES.match(rest):
        return None
    inline = _HEADING_INVITATION.sub("", rest, count=1).strip(" :：,，")
    if len(inline) > 150 and not (_has_email(inline) or _DIGIT.search(inline)):
        return None
    return inline


def _email_matches_person(address: str, contact: ParsedContact) -> bool:
    """True when an address's local part is (part of) the person's name: "jwong" for June Wong."""
    local = _local_tokens(address)
    known: set[str] = set()
    for email in contact.emails:
        known |= _local_tokens(email.text)
    if contact.name_en:
        known |= {t for t in _NAME_PARTS.split(contact.name_en.casefold()) if t}
    if local & known:
        return True
    return any(
        len(part) >= 3 and (token.endswith(part) or token.startswith(part))
        for token in local
        for part in known
    )


def _local_tokens(address: str) -> set[str]:
    local = _AT_SIGN.split(address)[0].casefold().strip(_ENCLOSING)
    return {token for token in _LOCAL_PART_BREAK.split(local) if token}


def _complements(current: ParsedContact, person: _Person) -> bool:
    """True when ``person`` adds the other script's name to ``current`` (「溫安怡」 then "Angela Wan")."""
    return not (person.name_zh and current.name_zh) and not (person.name_en and current.name_en)


def _set_title(contact: ParsedContact, title: tuple[str | None, str | None]) -> None:
    zh, en = title
    if zh:
        contact.title_zh = f"{contact.title_zh}{zh}" if contact.title_zh else zh
    if en:
        contact.title_en = f"{contact.title_en}, {en}" if contact.title_en else en


def _as_title(text: str) -> tuple[str | None, str | None]:
    return (text, None) if _is_zh(text) else (None, text)


def _parse_title(text: str) -> tuple[str | None, str | None] | None:
    """(title_zh, title_en) when ``text`` is a job title, else None."""
    if _DIGIT.search(text) or _has_email(text) or len(text) > 160:
        return None
    zh, en = _split_scripts(text)
    zh_ok = bool(zh and (_ZH_ROLE_WORDS.search(zh) or (len(zh) <= 10 and _ZH_UNIT.search(zh))))
    en_ok = bool(en and (_EN_ROLE_WORDS.search(en) or _is_department(en)))
    if not (zh_ok or en_ok):
        return None
    return (zh if zh else None), (en if en else None)


def _parse_person(text: str) -> _Person | None:
    """Read a contact's name line: "Ms June Wong", "溫安怡女士", "Angela Wan (溫安怡)",
    "Angela Wan | Senior Manager, Corporate Communications", "新聞主任陳大文先生"."""
    parts = [part for part in _PAREN.findall(text)]
    main = _strip_parens(text)
    pieces = _INLINE_SEPARATOR.split(main, maxsplit=1)
    head = pieces[0].strip()
    extras = [piece for piece in (pieces[1:] + parts) if piece.strip()]
    person = _parse_name(head)
    if person is None:
        person = _parse_titled_name(head)
        if person is None:
            return None
    for raw_extra in extras:
        extra = raw_extra.strip()
        name = _parse_name(extra)
        if name and name.name_zh and not person.name_zh and not name.title_zh:
            person.name_zh, person.honorific = name.name_zh, person.honorific or name.honorific
        elif name and name.name_en and not person.name_en:
            person.name_en, person.honorific = name.name_en, person.honorific or name.honorific
        elif _parse_title(extra) is not None:
            zh, en = _parse_title(extra) or (None, None)
            person.title_zh = person.title_zh or zh
            person.title_en = person.title_en or en
        elif person.organization is None and (
            _looks_like_org(extra) or _SHORT_NAME.fullmatch(extra)
        ):
            person.organization = extra
        else:
            return None
    return person


def _parse_titled_name(text: str) -> _Person | None:
    """「總監 Ms. Doris Ip 葉慧儀」: a Chinese title, a space, then a name in both scripts."""
    title, _, rest = text.strip().partition(" ")
    if not rest or not _HAN_RUN.fullmatch(title) or not _ZH_ROLE_WORDS.search(title):
        return None
    person = _parse_name(rest.strip())
    if person is None or person.title_zh or not (person.name_zh or person.name_en):
        return None
    person.title_zh = title
    return person


# The English honorifics a contact file's name may start with. Not Hon, Lord, Lady or Rev:
# Hon is also a Hong Kong surname (韓), and "Hon Wai Ming" must stay a name.
_LEADING_HONORIFIC = re.compile(
    rf"^\s*(?P<hon>Professor|Madam|Prof|Miss|Mrs|Mdm|Mr|Ms|Mx|Dr|Ir)\.?\s+(?P<name>{_EN_NAME})\s*$"
)
_TRAILING_ZH_HONORIFIC = re.compile(f"(?:{'|'.join(_ZH_HONORIFICS)})\\s*$")


def split_honorific(name: str) -> tuple[str, str | None]:
    """A contact's name without the honorific typed into it, and the honorific.

    「陳大文先生」 → (陳大文, 先生); "Ms. June Wong" → (June Wong, Ms). A name without one, or
    that is not one person's name in one script, is returned as it is, with None.
    """
    english = _LEADING_HONORIFIC.match(name)
    if english is not None and not _ORG_SUFFIX_EN.search(english["name"]):
        return english["name"], english["hon"]
    if not _TRAILING_ZH_HONORIFIC.search(name):
        return name, None
    person = _parse_zh_contact_name(name.strip())
    if person is None or not person.honorific or person.title_zh or not person.name_zh:
        return name, None
    return person.name_zh, person.honorific


def _parse_name(text: str) -> _Person | None:
    """A name in Chinese, English or both ("溫安怡 Angela Wan"), with its honorific."""
    zh, en = _split_scripts(text)
    if zh and _NOT_HAN_OR_SPACE.search(zh):
        return None
    person = _Person()
    if zh:
        parsed = _parse_zh_contact_name(zh)
        if parsed is None:
            return None
        person = parsed
    if en:
        match = _EN_PERSON.match(en)
        if match is None:
            return None
        hon = _collapse(match["hon"]).replace(".", "") if match["hon"] else None
        words = match["name"].split()
        if any(
            _ORG_SUFFIX_EN.fullmatch(w) or _EN_ROLE_WORDS.fullmatch(w) or _AGENCY.fullmatch(w)
            for w in words
        ):
            return None
        if not hon and (len(words) < 2 or _is_department(match["name"])):
            return None
        person.name_en = match["name"]
        person.honorific = person.honorific or hon
    return person if (person.name_zh or person.name_en) else None


def _parse_zh_contact_name(text: str) -> _Person | None:
    """A Chinese contact name: 「溫安怡」, 「溫安怡女士」, 「陳小姐」, 「新聞主任陳大文」,
    「溫安怡 企業傳訊經理」 (name, a space, then the title)."""
    words = text.split()
    if len(words) == 2 and _ZH_ROLE_WORDS.search(words[1]):
        person = _parse_zh_contact_name(words[0])
        if person is not None and person.title_zh is None:
            person.title_zh = words[1]
            return person
    text = "".join(words)
    honorific = next((h for h in _ZH_HONORIFICS if text.endswith(h) and len(text) > len(h)), None)
    core = text[: -len(honorific)] if honorific else text
    if honorific and (core in _SURNAMES or core in _COMPOUND_SURNAMES):
        return _Person(name_zh=core, honorific=honorific)  # 「陳小姐」: Miss Chan
    if (
        2 <= len(core) <= 4
        and _is_chinese_name(core)
        and not _bad_name_chars(core, vouched=honorific is not None or len(core) == 3)
    ):
        if _ORG_SUFFIX_ZH.search(core) or _ZH_ROLE_WORDS.search(core):
            return None
        return _Person(name_zh=core, honorific=honorific)
    split = _split_title_name_zh(core, has_honorific=honorific is not None)
    if split is None or split[0] is None:
        return None
    return _Person(name_zh=split[1], honorific=honorific, title_zh=split[0])


# =========================================================================== guesses


def _name_from_email(address: str) -> str | None:
    """ "Angela Wan" from "angela.wan@hkstp.org", or None when the address is not a name."""
    local = _AT_SIGN.split(address)[0].strip(_ENCLOSING)
    local = _MAILTO.sub("", local)
    parts = [_DIGIT_RUN.sub("", part) for part in _NAME_SEPARATORS.split(local)]
    parts = [part for part in parts if part]
    if not 2 <= len(parts) <= 3 or not all(part.isalpha() and part.isascii() for part in parts):
        return None
    if any(len(part) < 2 or part.casefold() in _EMAIL_NAME_STOPWORDS for part in parts):
        return None
    return " ".join(part.capitalize() for part in parts)


def _short_name_from_domain(address: str) -> str | None:
    """ "HKSTP" from "www.hkstp.org", "Edelman" from "edelman.com", "Horizon" from "horizon.cc"."""
    domain = _registered_domain(address)
    if domain is None:
        return None
    labels = [label for label in domain.split(".") if label not in _GENERIC_DOMAIN_LABELS]
    if not labels:
        return None
    label = labels[-1]
    words = [word for word in label.split("-") if word]
    if not words or not all(word.isalnum() for word in words):
        return None
    return " ".join(
        word.upper() if _looks_like_acronym(word) else word.capitalize() for word in words
    )


def _looks_like_acronym(word: str) -> bool:
    word = word.casefold()
    if len(word) <= 4 or not _VOWEL.search(word):
        return True
    # "hkstp", "hktdc", "cuhk": short, Hong Kong-prefixed or unpronounceable.
    return len(word) <= 6 and (
        word.startswith("hk") or word.endswith("hk") or bool(_CONSONANT_RUN.search(word))
    )


def _same_contact(a: ParsedContact, b: ParsedContact) -> bool:
    if (a.name_zh and b.name_zh and a.name_zh != b.name_zh) or (
        a.name_en and b.name_en and a.name_en.casefold() != b.name_en.casefold()
    ):
        return False
    if a.kind != b.kind:
        return False
    mine = {_email_key(e.text) for e in a.emails}
    return any(_email_key(e.text) in mine for e in b.emails)


def _email_key(address: str) -> str:
    return address.casefold().strip(_ENCLOSING + "/.,;")


def _about_name_en(name: str) -> str | None:
    name = name.strip().rstrip(":：")
    name = _LEADING_THE.sub("", name)
    words = name.split()
    if not words or not (words[0][0].isupper() or words[0][0].isdigit()) or len(words) > 14:
        return None
    if name.endswith(".") or _VERB_IN_NAME.search(name):
        return None
    if name.casefold() in {"us", "the company", "the organiser", "the organisers", "the event"}:
        return None
    return name


def _split_en_name_and_short(name: str, body: str) -> tuple[str | None, str | None]:
    """Full name and short name from an "About" heading and the section's first sentence."""
    paren = _NAME_WITH_SHORT.search(name)
    if paren:
        return paren["name"].strip(), paren["short"].strip()
    if _ACRONYM.fullmatch(name):
        # The heading is an acronym ("About HKSTP"); the first sentence spells it out.
        spelled = re.search(
            rf"(?P<full>[A-Z][\w&'’.\-]*(?:\s+(?:[A-Z][\w&'’.\-]*|of|and|the|for|in|&))*)\s*"
            rf"\(\s*[\"“]?{re.escape(name)}[\"”]?\s*\)",
            body[:600],
        )
        return (spelled["full"], name) if spelled else (None, name)
    short = re.search(
        rf"{re.escape(name)}\s*\(\s*(?:the\s+)?[\"“]?(?P<short>[^)\"”]{{1,30}})[\"”]?\s*\)",
        body[:600],
    )
    return name, short["short"].strip() if short else None


def _short_name_after(body: str, name: str) -> str | None:
    match = re.search(
        rf"{re.escape(name)}\s*[（(]\s*[「“]?(?P<short>[^）)」”]{{1,20}})[」”]?\s*[）)]", body[:600]
    )
    return match["short"].strip() if match else None


def _join_wrapped_english(lines: list[str]) -> list[str]:
    """Join an English headline that a PDF or e-mail wrapped onto the next line.

    The next line continues the headline when it starts in lower case, when the line
    before ends on a joining word ("and", "of"), or when a long Title Case line runs on
    into more Title Case (a subtitle is usually in sentence case).
    """
    joined: list[str] = []
    for text in lines:
        previous = joined[-1] if joined else ""
        continues = (
            previous
            and not _is_zh(text)
            and not _is_zh(previous)
            and not previous.endswith((*_SENTENCE_END, ":", "："))
            and (
                text[:1].islower()
                or bool(_JOINING_WORD_AT_END.search(previous))
                or (len(previous) >= 60 and _is_title_case(previous) and _is_title_case(text))
            )
        )
        if continues:
            joined[-1] = f"{previous} {text}"
        else:
            joined.append(text)
    return joined


def _is_title_case(text: str) -> bool:
    words = [w for w in _LATIN_WORD.findall(text) if len(w) >= 4]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


_ENDS_LIKE_A_SENTENCE = re.compile(r"。$|[a-z]{2}\.$")
_WHITESPACE_RUN = re.compile(r"\s+")
_JOINING_WORD_AT_END = re.compile(
    r"\b(?:and|of|to|for|the|a|an|in|with|on|at|by|from|as|&|–|—|-)$", re.I
)


def _fingerprint(text: str) -> str:
    # Same white space as str.split(), without building a list of every word.
    normalised = _WHITESPACE_RUN.sub(" ", _remove_invisible(text)).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
