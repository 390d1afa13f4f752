"""Templated replies to an inquiry: choose a template, preview, edit, deliver, log.

The reply dialog (and the ``reply`` command) work in four steps, none of which touches a
database session outside this module:

1. :func:`templates_for_inquiry` lists the templates, the journalist's preferred language
   first.
2. :func:`render_reply` fills one with :func:`reply_context` and returns a
   :class:`ReplyDraft`, a plain dataclass the officer may edit (To, Cc, subject, body).
3. :func:`deliver_reply` sends it over SMTP, saves it as ``.eml`` or hands it to the mail
   client, and only then, in one unit of work, logs it on the inquiry (a ``SentEmail``,
   the first-response time, the status). When delivery fails nothing is logged and the
   caller still holds the draft (:func:`save_draft_eml` keeps it on disk).
4. :func:`sent_replies` shows what was sent on an inquiry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col

from db.engine import Database
from db.models import (
    OPEN_INQUIRY_STATUSES,
    AuditEntry,
    Contact,
    ContactEmail,
    EmailTemplate,
    Inquiry,
    InquiryStatus,
    Language,
    Organization,
    Release,
    ReplyMethod,
    SentEmail,
    utc_now,
)
from db.search import has_han
from services.emails import email_key
from services.inquiries import inquiry_dicts
from services.mail import (
    Mailbox,
    MailError,
    build_message,
    checked_mailbox,
    format_mailboxes,
    mailto_url,
    normalize_body,
    save_eml,
    send_smtp,
)
from services.phones import format_phone
from services.phrases import QT_TRANSLATE_NOOP, phrase
from services.problems import InputRejected
from services.roster import contact_dicts, organization_dict, release_dicts
from services.settings import Settings, load_settings
from services.templates import (
    DEFAULT_TEMPLATE_NAMES,
    LANGUAGE_NAMES,
    SUGGESTED_STATUS,
    ensure_default_templates,
    format_date,
    join_names,
    render_template,
    template_dict,
)

# The fields a template can use, for the template editor's help panel (which shows each
# meaning translated: lupdate finds them in this file; it needs the context as a literal).
FIELDS_CONTEXT = "ReplyFields"
REPLY_FIELDS: dict[str, str] = {
    "today": QT_TRANSLATE_NOOP("ReplyFields", "today's date, written in the template's language"),
    "language": QT_TRANSLATE_NOOP("ReplyFields", "the template's language (zh-HK or en)"),
    "journalist.name / .addressee": QT_TRANSLATE_NOOP(
        "ReplyFields", "the journalist's name; with their honorific"
    ),
    "journalist.email / .phone / .title": QT_TRANSLATE_NOOP(
        "ReplyFields", "the journalist's first e-mail, phone, job title"
    ),
    "outlet.name / .short_name": QT_TRANSLATE_NOOP("ReplyFields", "the journalist's outlet"),
    "inquiry.question / .channel_label / .id": QT_TRANSLATE_NOOP(
        "ReplyFields", "what was asked, and how"
    ),
    "inquiry.received_at / .deadline": QT_TRANSLATE_NOOP(
        "ReplyFields", "ISO times: use |date or |datetime"
    ),
    "release.title / .subtitle / .issued_on / .place": QT_TRANSLATE_NOOP(
        "ReplyFields", "the release the inquiry is about"
    ),
    "release.issuer_names / .issuers": QT_TRANSLATE_NOOP(
        "ReplyFields", "the issuing organisations (joined, or a list)"
    ),
    "release.highlights": QT_TRANSLATE_NOOP(
        "ReplyFields", "the release's bullet points, in the release's language"
    ),
    "spokespeople": QT_TRANSLATE_NOOP(
        "ReplyFields", "list: .name, .addressee, .title, .organization, .media_contact"
    ),
    "spokesperson": QT_TRANSLATE_NOOP(
        "ReplyFields", "the spokesperson asked for (named in the question, or chosen)"
    ),
    "media_contacts": QT_TRANSLATE_NOOP(
        "ReplyFields", "list: .name, .organization, .phone, .email, .reach"
    ),
    "sender.name / .title / .organization / .phone / .email / .signature": QT_TRANSLATE_NOOP(
        "ReplyFields", "you, from the settings"
    ),
}

_CHANNEL_LABELS: dict[str, dict[str, str]] = {
    "zh-HK": {
        "phone": "電話",
        "email": "電郵",
        "whatsapp": "WhatsApp",
        "wechat": "微信",
        "in_person": "親身",
        "other": "其他",
    },
    "en": {
        "phone": "phone",
        "email": "email",
        "whatsapp": "WhatsApp",
        "wechat": "WeChat",
        "in_person": "in person",
        "other": "other",
    },
}
_HONORIFIC_EN = {
    "博士": "Dr",
    "教授": "Professor",
    "先生": "Mr",
    "女士": "Ms",
    "小姐": "Ms",
    "太太": "Mrs",
    "工程師": "Ir",
    "醫生": "Dr",
}
_HONORIFIC_ZH = {
    "dr": "博士",
    "prof": "教授",
    "professor": "教授",
    "mr": "先生",
    "ms": "女士",
    "mrs": "太太",
    "miss": "小姐",
    "ir": "工程師",
}
_PLACES_EN = {
    "香港": "Hong Kong",
    "九龍": "Kowloon",
    "深圳": "Shenzhen",
    "廣州": "Guangzhou",
    "澳門": "Macao",
    "北京": "Beijing",
    "上海": "Shanghai",
    "台北": "Taipei",
    "新加坡": "Singapore",
}
_PLACES_ZH = {en.casefold(): zh for zh, en in _PLACES_EN.items()}
_BULLET = re.compile(r"^\s*[•●◆▪■►▶➢✓・]\s*")
_SENTENCE_END = ("。", "！", "？", ".", "!", "?", "；", ";")
_DATELINE = re.compile(
    r"^\s*[（(][^）)]{1,30}[，,]\s*\d{4}\s*年|^[A-Z][A-Za-z .]{1,40},\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4}"
)
_MAX_HIGHLIGHTS = 10


@dataclass
class ReplyDraft:
    """A reply as previewed; the officer may edit any field before it is delivered.

    Attributes:
        inquiry_id: the inquiry it answers.
        template_id: the stored template it came from (None for an unsaved one).
        template_name: the template's name.
        language: "zh-HK" or "en".
        sender: From; None until a From address is set in the settings.
        to: recipients (the journalist).
        cc: copy recipients.
        subject: one line.
        body_text: the plain-text body, exactly what will be sent.
        body_html: the HTML alternative, when the template has one.
        rendered_body_text: the body as the template produced it. When ``body_text`` was
            edited the HTML part no longer says the same and is not sent
            (:attr:`html_outdated`).
        suggested_status: the inquiry status this template suggests after sending.
        opted_out: recipients who asked not to be e-mailed.
        warnings: things the officer should see before sending.
    """

    inquiry_id: int
    template_id: int | None
    template_name: str
    language: str
    sender: Mailbox | None
    to: list[Mailbox]
    cc: list[Mailbox]
    subject: str
    body_text: str
    body_html: str | None = None
    rendered_body_text: str = ""
    suggested_status: str = InquiryStatus.ANSWERED
    opted_out: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def html_outdated(self) -> bool:
        """True when the text was edited after rendering, so the HTML part is left out."""
        return self.body_html is not None and normalize_body(self.body_text) != normalize_body(
            self.rendered_body_text
        )

    @property
    def html_to_send(self) -> str | None:
        """The HTML part that will be sent (None when there is none or it is outdated)."""
        return None if self.html_outdated else self.body_html

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form (for the command line)."""
        data = asdict(self)
        data["sender"] = str(self.sender) if self.sender else None
        data["to"] = [str(m) for m in self.to]
        data["cc"] = [str(m) for m in self.cc]
        data["html_outdated"] = self.html_outdated
        return data

    def as_text(self) -> str:
        """The message as the officer reads it: headers, a blank line, the body."""
        lines = [
            f"From: {self.sender or '(set your From address in the settings)'}",
            f"To: {format_mailboxes(self.to)}",
        ]
        if self.cc:
            lines.append(f"Cc: {format_mailboxes(self.cc)}")
        lines += [f"Subject: {self.subject}", "", self.body_text.rstrip("\n")]
        return "\n".join(lines) + "\n"


class ReplyNotLogged(InputRejected):
    """The reply was delivered but could not be logged; call :func:`record_reply` again.

    Attributes:
        sent_at: when it was delivered.
        message_id: its Message-ID (SMTP only).
        method: how it was delivered.
    """

    def __init__(
        self, message: str, *, sent_at: datetime, message_id: str | None, method: str
    ) -> None:
        super().__init__(message)
        self.sent_at = sent_at
        self.message_id = message_id
        self.method = method


# --- the context a template sees ---------------------------------------------------------


def _pick(language: str, zh: str | None, en: str | None) -> str | None:
    """The value in ``language``, else the other one (names are identity, shown either way)."""
    first, second = (zh, en) if language == Language.ZH_HK else (en, zh)
    return first or second or None


def _org_name(org: Mapping[str, Any] | None, language: str) -> str | None:
    if not org:
        return None
    if language == Language.ZH_HK:
        return (
            org.get("name_zh")
            or org.get("short_name_zh")
            or org.get("name_en")
            or org.get("short_name")
        )
    return (
        org.get("name_en")
        or org.get("short_name")
        or org.get("name_zh")
        or org.get("short_name_zh")
    )


def _honorific(value: str | None, language: str) -> str | None:
    if not value:
        return None
    if language == Language.ZH_HK:
        return value if has_han(value) else _HONORIFIC_ZH.get(value.strip().rstrip(".").casefold())
    return _HONORIFIC_EN.get(value.strip()) if has_han(value) else value.strip()


def _person_name(person: Mapping[str, Any], language: str) -> str | None:
    if language == Language.ZH_HK:
        return person.get("name_zh") or person.get("name_en") or person.get("romanisation")
    return person.get("name_en") or person.get("romanisation") or person.get("name_zh")


def _addressee(name: str | None, honorific: str | None, language: str) -> str | None:
    if not name:
        return None
    if not honorific:
        return name
    return f"{name}{honorific}" if language == Language.ZH_HK else f"{honorific} {name}"


def _place(place: str | None, language: str) -> str | None:
    if not place:
        return None
    if language == Language.EN:
        return _PLACES_EN.get(place.strip(), place)
    return _PLACES_ZH.get(place.strip().casefold(), place)


def _phone_text(phone: Mapping[str, Any], language: str) -> str:
    text = format_phone(phone["e164"])
    if phone.get("extension"):
        text += (
            f" 內線 {phone['extension']}"
            if language == Language.ZH_HK
            else f" ext. {phone['extension']}"
        )
    return text


def _reach(phone: str | None, email: str | None, language: str) -> str | None:
    if language == Language.ZH_HK:
        parts = [f"電話 {phone}" if phone else None, f"電郵 {email}" if email else None]
        return "；".join(p for p in parts if p) or None
    parts = [f"tel. {phone}" if phone else None, f"email {email}" if email else None]
    return "; ".join(p for p in parts if p) or None


def _contact_view(contact: Mapping[str, Any], language: str) -> dict[str, Any]:
    org_name = _org_name(contact.get("organization"), language)
    name = _person_name(contact, language)
    if not name and contact.get("kind") == "mailbox" and org_name:
        name = f"{org_name}傳媒團隊" if language == Language.ZH_HK else f"{org_name} media team"
    phones = [_phone_text(p, language) for p in contact.get("phones", [])]
    emails = [e["address"] for e in contact.get("emails", [])]
    title = _pick(language, contact.get("title_zh"), contact.get("title_en"))
    return {
        "id": contact.get("id"),
        "name": name,
        "name_zh": contact.get("name_zh"),
        "name_en": contact.get("name_en"),
        "honorific": _honorific(contact.get("honorific"), language),
        "addressee": _addressee(name, _honorific(contact.get("honorific"), language), language),
        "title": title,
        "organization": org_name,
        "is_team": contact.get("kind") == "mailbox",
        "phone": phones[0] if phones else None,
        "phones": phones,
        "email": emails[0] if emails else None,
        "emails": emails,
        "reach": _reach(phones[0] if phones else None, emails[0] if emails else None, language),
        "preferred_language": contact.get("preferred_language"),
    }


def _release_highlights(body: str | None) -> list[str]:
    """The bullet points before the dateline ("• 科技園公司與地平線的合作…")."""
    if not body:
        return []
    highlights: list[str] = []
    current: str | None = None
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _DATELINE.match(line):
            break
        if _BULLET.match(line):
            if current:
                highlights.append(current)
            current = _BULLET.sub("", line)
        elif current is not None and not current.endswith(_SENTENCE_END):
            # A bullet wrapped onto the next line; Chinese joins without a space.
            space = " " if current[-1:].isascii() and line[:1].isascii() else ""
            current += space + line
        elif current is not None:
            highlights.append(current)
            current = None
        if len(highlights) >= _MAX_HIGHLIGHTS:
            break
    if current:
        highlights.append(current)
    return highlights[:_MAX_HIGHLIGHTS]


def _release_view(release: Mapping[str, Any], body: str | None, language: str) -> dict[str, Any]:
    title = _pick(language, release.get("title_zh"), release.get("title_en"))
    issuers = [
        {
            "name": _org_name(org, language),
            "name_zh": org.get("name_zh"),
            "name_en": org.get("name_en"),
            "short_name": org.get("short_name"),
            "website": org.get("website"),
        }
        for org in release.get("issuers", [])
    ]
    highlights = _release_highlights(body)
    highlight_language = Language.ZH_HK if any(has_han(h) for h in highlights) else Language.EN
    return {
        "id": release.get("id"),
        "title": title,
        "title_zh": release.get("title_zh"),
        "title_en": release.get("title_en"),
        "subtitle": _pick(language, release.get("subtitle_zh"), release.get("subtitle_en")),
        "subtitle_zh": release.get("subtitle_zh"),
        "subtitle_en": release.get("subtitle_en"),
        "issued_on": release.get("issued_on"),
        "place": _place(release.get("place"), language),
        "issuers": issuers,
        "issuer_names": join_names((i["name"] for i in issuers), language),
        "highlights": highlights,
        "highlights_language": str(highlight_language) if highlights else None,
        "language": str(Language.ZH_HK if has_han(title) else Language.EN),
    }


def _spokesperson_view(
    person: Mapping[str, Any], media_contacts: list[dict[str, Any]], language: str
) -> dict[str, Any]:
    name = _person_name(person, language)
    honorific = _honorific(person.get("honorific"), language)
    org = person.get("organization") or {}
    # The release's media contact from the spokesperson's own organisation arranges
    # interviews with them (溫安怡 of HKSTP for 查毅超).
    contact = next(
        (
            c
            for c in media_contacts
            if org.get("id") is not None and c["organization_id"] == org.get("id")
        ),
        None,
    )
    return {
        "id": person.get("contact_id"),
        "name": name,
        "name_zh": person.get("name_zh"),
        "name_en": person.get("name_en"),
        "honorific": honorific,
        "addressee": _addressee(name, honorific, language),
        "title": _pick(language, person.get("title_zh"), person.get("title_en")),
        "organization": _org_name(org, language),
        "media_contact": {k: v for k, v in contact.items() if k != "organization_id"}
        if contact
        else None,
    }


def _choose_spokesperson(
    people: list[dict[str, Any]], question: str, spokesperson_id: int | None
) -> dict[str, Any] | None:
    if spokesperson_id is not None:
        chosen = next((p for p in people if p["id"] == spokesperson_id), None)
        if chosen is None:
            raise InputRejected(
                f"Contact {spokesperson_id} is not a spokesperson of this inquiry's release."
            )
        return chosen
    folded = question.casefold()
    for person in people:
        names = (person.get("name_zh"), person.get("name_en"))
        if any(n and n.casefold() in folded for n in names):
            return person
    return people[0] if people else None


def _sender_view(settings: Settings, language: str) -> dict[str, Any]:
    zh = language == Language.ZH_HK
    lines = [
        settings.officer_name,
        settings.officer_title,
        settings.organization,
        (f"電話：{settings.phone}" if zh else f"Tel: {settings.phone}") if settings.phone else "",
        (f"電郵：{settings.from_address}" if zh else f"Email: {settings.from_address}")
        if settings.from_address
        else "",
    ]
    return {
        "name": settings.officer_name,
        "title": settings.officer_title,
        "organization": settings.organization,
        "phone": settings.phone,
        "email": settings.from_address,
        "signature": "\n".join(line for line in lines if line),
    }


def _no_inquiry(inquiry_id: int) -> InputRejected:
    return InputRejected(
        f"There is no inquiry {inquiry_id}. List the inquiries with `pressdesk inquiries`."
    )


@dataclass
class _InquiryFacts:
    inquiry: dict[str, Any]
    journalist: dict[str, Any] | None
    outlet: dict[str, Any] | None
    release: dict[str, Any] | None
    release_body: str | None


def _facts(database: Database, inquiry_id: int) -> _InquiryFacts:
    with database.session(write=False) as session:
        inquiry = session.get(Inquiry, inquiry_id)
        if inquiry is None or inquiry.deleted_at is not None:
            raise _no_inquiry(inquiry_id)
        journalists = (
            contact_dicts(session, [inquiry.journalist_id]) if inquiry.journalist_id else []
        )
        outlet = session.get(Organization, inquiry.outlet_id) if inquiry.outlet_id else None
        releases = release_dicts(session, [inquiry.release_id]) if inquiry.release_id else []
        release_row = session.get(Release, inquiry.release_id) if releases else None
        return _InquiryFacts(
            inquiry=inquiry_dicts(session, [inquiry])[0],
            journalist=journalists[0] if journalists else None,
            outlet=organization_dict(outlet),
            release=releases[0] if releases else None,
            release_body=release_row.body if release_row else None,
        )


def _preferred_language(facts: _InquiryFacts) -> str:
    preferred = (facts.journalist or {}).get("preferred_language")
    if preferred in (Language.ZH_HK, Language.EN):
        return str(preferred)
    return Language.ZH_HK if has_han(facts.inquiry.get("question")) else Language.EN


def _checked_language(language: str) -> str:
    if language not in (Language.ZH_HK, Language.EN):
        raise InputRejected(f"{language!r} is not a template language; use zh-HK or en.")
    return language


def _context(
    facts: _InquiryFacts,
    language: str,
    settings: Settings,
    today: date,
    spokesperson_id: int | None,
) -> dict[str, Any]:
    inquiry = facts.inquiry
    release = facts.release
    media_contacts = [
        {
            **_contact_view(c, language),
            "organization_id": (c.get("organization") or {}).get("id"),
        }
        for c in (release or {}).get("media_contacts", [])
    ]
    spokespeople = [
        _spokesperson_view(p, media_contacts, language)
        for p in (release or {}).get("spokespeople", [])
    ]
    journalist = _contact_view(facts.journalist, language) if facts.journalist else None
    if journalist is not None:
        journalist["email"] = inquiry.get("email") or journalist["email"]
        journalist["phone"] = (
            format_phone(inquiry["phone"]) if inquiry.get("phone") else journalist["phone"]
        )
    outlet = facts.outlet
    return {
        "language": language,
        "today": format_date(today, language),
        "today_iso": today.isoformat(),
        "inquiry": {
            "id": inquiry["id"],
            "question": inquiry.get("question"),
            "channel": inquiry.get("channel"),
            "channel_label": _CHANNEL_LABELS[language].get(inquiry.get("channel") or "", None),
            "received_at": inquiry.get("received_at"),
            "deadline": inquiry.get("deadline"),
            "status": inquiry.get("status"),
        },
        "journalist": journalist,
        "outlet": {
            "id": outlet["id"],
            "name": _org_name(outlet, language),
            "name_zh": outlet.get("name_zh"),
            "name_en": outlet.get("name_en"),
            "short_name": outlet.get("short_name"),
        }
        if outlet
        else None,
        "release": _release_view(release, facts.release_body, language) if release else None,
        "spokespeople": spokespeople,
        "spokesperson": _choose_spokesperson(
            spokespeople, inquiry.get("question") or "", spokesperson_id
        ),
        "media_contacts": [
            {k: v for k, v in c.items() if k != "organization_id"} for c in media_contacts
        ],
        "sender": _sender_view(settings, language),
    }


def reply_context(
    database: Database,
    inquiry_id: int,
    *,
    language: str | None = None,
    settings: Settings | None = None,
    today: date | None = None,
    spokesperson_id: int | None = None,
) -> dict[str, Any]:
    """The values a template sees for this inquiry: plain dicts, lists and strings.

    Args:
        database: the database.
        inquiry_id: the inquiry being answered.
        language: the template's language; default the journalist's preferred one.
        settings: the officer's settings (for ``sender``); default the settings file.
        today: the date to write as ``today`` (default today).
        spokesperson_id: the spokesperson an interview is asked for; default the one the
            question names, else the release's first.

    Raises:
        InputRejected: there is no such inquiry, or ``spokesperson_id`` is not one of
            the release's spokespeople.
    """
    facts = _facts(database, inquiry_id)
    return _context(
        facts,
        _checked_language(language or _preferred_language(facts)),
        settings or load_settings(),
        today or date.today(),
        spokesperson_id,
    )


def templates_for_inquiry(database: Database, inquiry_id: int) -> list[dict[str, Any]]:
    """Every template, the journalist's preferred language first, defaults in usual order.

    Each item is a template dict (see :func:`services.templates.template_dict`) plus
    ``preferred``: True for the journalist's language.

    Raises:
        InputRejected: there is no such inquiry.
    """
    facts = _facts(database, inquiry_id)
    preferred = _preferred_language(facts)
    ensure_default_templates(database)
    rank = {name: i for i, name in enumerate(DEFAULT_TEMPLATE_NAMES)}
    with database.session(write=False) as session:
        templates = [template_dict(t) for t in session.scalars(select(EmailTemplate))]
    templates.sort(
        key=lambda t: (
            t["language"] != preferred,
            rank.get(t["name"], len(rank)),
            t["name"].casefold(),
            t["language"],
        )
    )
    return [{**t, "preferred": t["language"] == preferred} for t in templates]


def _load_template(
    database: Database, template: int | tuple[str, str] | Mapping[str, Any]
) -> dict[str, Any]:
    if isinstance(template, Mapping):
        return dict(template)
    ensure_default_templates(database)
    with database.session(write=False) as session:
        if isinstance(template, int):
            row = session.get(EmailTemplate, template)
            if row is None:
                raise InputRejected(f"There is no template {template}.")
        else:
            name, language = template
            row = session.scalars(
                select(EmailTemplate).where(
                    col(EmailTemplate.name) == name, col(EmailTemplate.language) == language
                )
            ).first()
            if row is None:
                names = sorted(
                    {
                        f"{t.name} ({t.language})"
                        for t in session.scalars(
                            select(EmailTemplate).where(col(EmailTemplate.name) == name)
                        )
                    }
                )
                others = f" It exists in: {', '.join(names)}." if names else ""
                raise InputRejected(
                    f'There is no template "{name}" in {LANGUAGE_NAMES.get(language, language)}.'
                    f"{others} List the templates with `pressdesk templates`."
                )
        return template_dict(row)


def _opted_out_addresses(database: Database, addresses: Sequence[str]) -> list[str]:
    keys = {email_key(a): a for a in addresses}
    if not keys:
        return []
    with database.session(write=False) as session:
        found = session.scalars(
            select(col(ContactEmail.address_key))
            .join(Contact, col(Contact.id) == col(ContactEmail.contact_id))
            .where(
                col(ContactEmail.address_key).in_(list(keys)),
                col(Contact.opt_out).is_(True),
                col(Contact.deleted_at).is_(None),
            )
        ).all()
    return [keys[k] for k in keys if k in set(found)]


def render_reply(
    database: Database,
    inquiry_id: int,
    template: int | tuple[str, str] | Mapping[str, Any],
    *,
    settings: Settings | None = None,
    today: date | None = None,
    spokesperson_id: int | None = None,
) -> ReplyDraft:
    """Fill a template for an inquiry: the exact message, ready to preview and edit.

    Args:
        database: the database.
        inquiry_id: the inquiry being answered.
        template: a template id, a ``(name, language)`` pair, or an unsaved template
            (a mapping with name, language, subject, body_text, body_html) being edited.
        settings: the officer's settings (From, signature); default the settings file.
        today: the date the reply is written (default today).
        spokesperson_id: see :func:`reply_context`.

    Raises:
        UnfilledFieldError: the template uses a field this inquiry has no value for.
        TemplateError: the template is invalid or does something the sandbox refuses.
        InputRejected: there is no such inquiry or template.
    """
    settings = settings or load_settings()
    chosen = _load_template(database, template)
    language = _checked_language(str(chosen.get("language") or Language.ZH_HK))
    facts = _facts(database, inquiry_id)
    context = _context(facts, language, settings, today or date.today(), spokesperson_id)
    rendered = render_template(chosen, context)
    warnings: list[str] = []
    to: list[Mailbox] = []
    journalist = context["journalist"] or {}
    address = journalist.get("email")
    if address:
        try:
            to.append(checked_mailbox(address, journalist.get("name") or "", field="to"))
        except MailError as exc:
            warnings.append(f"The journalist's address cannot be used: {exc.message}")
    else:
        warnings.append("There is no e-mail address for the journalist: add one in To.")
    sender = None
    if settings.from_address:
        sender = Mailbox(settings.from_address, settings.sender_name)
    else:
        warnings.append("Your From address is not set up: set it in the settings to send.")
    opted_out = _opted_out_addresses(database, [m.address for m in to])
    if (
        facts.journalist
        and facts.journalist.get("opt_out")
        and address
        and address not in opted_out
    ):
        opted_out.append(address)
    if opted_out:
        warnings.append(
            f"{', '.join(opted_out)} asked not to be e-mailed (opt-out); sending needs an "
            "explicit override, which is recorded."
        )
    name = str(chosen.get("name") or "(unsaved)")
    return ReplyDraft(
        inquiry_id=inquiry_id,
        template_id=chosen.get("id"),
        template_name=name,
        language=language,
        sender=sender,
        to=to,
        cc=[],
        subject=rendered.subject,
        body_text=rendered.body_text,
        body_html=rendered.body_html,
        rendered_body_text=rendered.body_text,
        suggested_status=str(SUGGESTED_STATUS.get(name, InquiryStatus.ANSWERED)),
        opted_out=opted_out,
        warnings=warnings,
    )


# --- delivering and logging --------------------------------------------------------------


def _message(draft: ReplyDraft, *, for_client: bool) -> Any:
    return build_message(
        sender=draft.sender,
        to=draft.to,
        cc=draft.cc,
        subject=draft.subject,
        body_text=draft.body_text,
        body_html=draft.html_to_send,
        language=draft.language,
        draft=for_client,
    )


def save_draft_eml(draft: ReplyDraft, path: Path) -> Path:
    """Keep a draft on disk as ``.eml`` without logging it (e.g. when sending failed).

    Raises:
        MailError: the draft's headers are invalid or the file cannot be written.
    """
    return save_eml(_message(draft, for_client=True), path)


def mailto_for_draft(draft: ReplyDraft) -> str:
    """The ``mailto:`` URL for the draft (plain text only: a URL cannot carry HTML).

    Raises:
        MailError: an address or the subject is invalid.
    """
    _message(draft, for_client=True)  # the same checks as every other way out
    return mailto_url(draft.to, draft.cc, draft.subject, draft.body_text)


def _check_before_delivery(
    database: Database, draft: ReplyDraft, inquiry_id: int, override_opt_out: bool
) -> list[str]:
    if draft.inquiry_id != inquiry_id:
        raise InputRejected(
            f"This draft answers inquiry {draft.inquiry_id}, not inquiry {inquiry_id}."
        )
    facts = _facts(database, inquiry_id)
    addresses = [m.address for m in [*draft.to, *draft.cc]]
    opted_out = _opted_out_addresses(database, addresses)
    journalist = facts.journalist or {}
    if journalist.get("opt_out"):
        own = {email_key(e["address"]) for e in journalist.get("emails", [])}
        if facts.inquiry.get("email"):
            own.add(email_key(facts.inquiry["email"]))
        opted_out += [a for a in addresses if email_key(a) in own and a not in opted_out]
    if opted_out and not override_opt_out:
        raise InputRejected(
            f"{', '.join(opted_out)} asked not to be e-mailed (opt-out), so nothing was sent. "
            "Send anyway only with an explicit override; it is recorded on the inquiry."
        )
    return opted_out


def deliver_reply(
    database: Database,
    inquiry_id: int,
    draft: ReplyDraft,
    method: str,
    *,
    settings: Settings | None = None,
    password: str | None = None,
    eml_path: Path | None = None,
    opener: Callable[[str], bool] | None = None,
    mark_answered: bool = True,
    status: str = InquiryStatus.ANSWERED,
    override_opt_out: bool = False,
    user: str | None = None,
) -> dict[str, Any]:
    """Deliver the (possibly edited) draft, then log it on the inquiry in one unit of work.

    Delivery happens first; when it fails nothing is logged and the draft is untouched,
    so the officer can fix it, retry, or keep it with :func:`save_draft_eml`.

    Args:
        database: the database.
        inquiry_id: the inquiry answered.
        draft: the draft as the officer left it.
        method: "smtp" (send), "eml" (save to ``eml_path``) or "mail_client" (hand the
            ``mailto:`` URL to ``opener``, e.g. the GUI's ``QDesktopServices.openUrl``).
        settings: SMTP server and From (default the settings file).
        password: the SMTP password (see :mod:`services.secrets`).
        eml_path: where to save, for "eml".
        opener: opens a URL and says whether it could, for "mail_client".
        mark_answered: move an open inquiry (new / in progress) to ``status``.
        status: the status to move to: answered (default), declined, or in_progress
            (an acknowledgement; the draft's ``suggested_status`` says which fits).
        override_opt_out: send to a contact who opted out; recorded as an audit entry.
        user: who sent it (default the officer name in the settings).

    Returns:
        ``sent_email`` (the log entry), ``inquiry`` (as now stored), ``refused``
        (recipients the server refused while accepting others), and ``eml_path`` or
        ``mailto`` for those methods.

    Raises:
        MailError: delivery failed (login, server, TLS, recipient, file, mail client).
        InputRejected: no such inquiry, an opt-out without override, a bad argument.
        ReplyNotLogged: delivered, but the database could not log it (retry with
            :func:`record_reply` and the exception's ``sent_at``/``message_id``).
    """
    try:
        how = ReplyMethod(method)
    except ValueError:
        raise InputRejected(
            f"{method!r} is not a way to deliver a reply: use smtp, eml or mail_client."
        ) from None
    if status not in (InquiryStatus.ANSWERED, InquiryStatus.DECLINED, InquiryStatus.IN_PROGRESS):
        raise InputRejected(f"{status!r} is not a status a reply can set.")
    settings = settings or load_settings()
    opted_out = _check_before_delivery(database, draft, inquiry_id, override_opt_out)
    extra: dict[str, Any] = {"refused": {}}
    message_id = None
    html: str | None = draft.html_to_send
    if how is ReplyMethod.SMTP:
        result = send_smtp(_message(draft, for_client=False), settings.smtp, password)
        message_id = result.message_id
        extra["refused"] = result.refused
    elif how is ReplyMethod.EML:
        if eml_path is None:
            raise InputRejected("Say where to save the .eml file.")
        extra["eml_path"] = str(save_draft_eml(draft, eml_path))
    else:
        if opener is None:
            raise InputRejected("Opening the mail client needs a way to open a mailto: URL.")
        url = mailto_for_draft(draft)
        if not opener(url):
            raise MailError(
                phrase(
                    QT_TRANSLATE_NOOP(
                        "Mail",
                        "The mail client could not be opened; check that one is set up as the "
                        "default for e-mail, or save the reply as .eml instead.",
                    )
                ),
                kind="client",
            )
        extra["mailto"] = url
        html = None
    sent_at = utc_now()
    try:
        logged = record_reply(
            database,
            inquiry_id,
            draft,
            how,
            sent_at=sent_at,
            message_id=message_id,
            body_html=html,
            mark_answered=mark_answered,
            status=status,
            opt_out_override=opted_out,
            user=user if user is not None else settings.officer_name,
        )
    except SQLAlchemyError as exc:
        raise ReplyNotLogged(
            f"The reply was {'sent' if how is ReplyMethod.SMTP else 'delivered'} but could "
            f"not be logged on inquiry {inquiry_id} ({type(exc).__name__}). Try logging it "
            "again; do not send it twice.",
            sent_at=sent_at,
            message_id=message_id,
            method=how,
        ) from exc
    return {**logged, **extra}


def record_reply(
    database: Database,
    inquiry_id: int,
    draft: ReplyDraft,
    method: str,
    *,
    sent_at: datetime,
    message_id: str | None = None,
    body_html: str | None = None,
    mark_answered: bool = True,
    status: str = InquiryStatus.ANSWERED,
    opt_out_override: Sequence[str] = (),
    user: str | None = None,
) -> dict[str, Any]:
    """Log a delivered reply on its inquiry, in one unit of work.

    Stores the reply exactly as delivered (how, when, from, to, cc, subject, text), sets
    the inquiry's first-response time if it has none, moves an open inquiry to
    ``status`` when ``mark_answered``, and records an opt-out override.

    Raises:
        InputRejected: the inquiry no longer exists.
    """
    with database.session() as session:
        inquiry = session.scalars(
            select(Inquiry).where(col(Inquiry.id) == inquiry_id).with_for_update()
        ).first()
        if inquiry is None or inquiry.deleted_at is not None:
            raise _no_inquiry(inquiry_id)
        sent = SentEmail(
            inquiry_id=inquiry_id,
            template_id=draft.template_id,
            method=ReplyMethod(method),
            sent_at=sent_at,
            from_address=str(draft.sender) if draft.sender else "",
            to_addresses=format_mailboxes(draft.to),
            cc_addresses=format_mailboxes(draft.cc),
            subject=draft.subject.strip(),
            body_text=normalize_body(draft.body_text),
            body_html=body_html,
            message_id=message_id,
            created_by=user,
        )
        if draft.template_id is not None and session.get(EmailTemplate, draft.template_id) is None:
            sent.template_id = None  # deleted meanwhile; the text is kept all the same
        session.add(sent)
        changed = False
        if inquiry.first_response_at is None:
            inquiry.first_response_at = sent_at
            changed = True
        if mark_answered and inquiry.status in OPEN_INQUIRY_STATUSES and inquiry.status != status:
            inquiry.status = status
            changed = True
        if changed:
            inquiry.updated_at = utc_now()
        if opt_out_override:
            session.add(
                AuditEntry(
                    user=user or "",
                    entity="inquiry",
                    entity_id=inquiry_id,
                    action="opt_out_override",
                    field_name="recipients",
                    new_value=", ".join(opt_out_override),
                )
            )
        session.flush()
        return {"sent_email": _sent_dict(sent), "inquiry": inquiry_dicts(session, [inquiry])[0]}


def _sent_dict(sent: SentEmail) -> dict[str, Any]:
    return {
        "id": sent.id,
        "inquiry_id": sent.inquiry_id,
        "template_id": sent.template_id,
        "method": sent.method,
        "sent_at": sent.sent_at.isoformat(),
        "from": sent.from_address,
        "to": sent.to_addresses,
        "cc": sent.cc_addresses,
        "subject": sent.subject,
        "body_text": sent.body_text,
        "body_html": sent.body_html,
        "message_id": sent.message_id,
        "created_by": sent.created_by,
    }


def sent_replies(database: Database, inquiry_id: int) -> list[dict[str, Any]]:
    """The replies logged on an inquiry, oldest first."""
    with database.session(write=False) as session:
        return [
            _sent_dict(s)
            for s in session.scalars(
                select(SentEmail)
                .where(col(SentEmail.inquiry_id) == inquiry_id)
                .order_by(col(SentEmail.sent_at), col(SentEmail.id))
            )
        ]
