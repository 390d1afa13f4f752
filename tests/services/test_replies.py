"""A reply from an inquiry: preview, edit, deliver to a real SMTP server (or .eml, or the
mail client), and the reply logged on the inquiry; when anything fails, nothing is sent and
nothing is logged."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update
from sqlmodel import col

from db.engine import Database, open_database
from db.models import AuditEntry, Contact, ContactEmail, Inquiry, InquiryChannel, SentEmail
from services.inquiries import InquiryCreate, add_inquiry, list_inquiries
from services.mail import Mailbox, MailError
from services.problems import InputRejected
from services.release_import import import_release_file
from services.replies import (
    ReplyDraft,
    deliver_reply,
    mailto_for_draft,
    render_reply,
    save_draft_eml,
    sent_replies,
    templates_for_inquiry,
)
from services.roster import list_releases
from services.secrets import get_smtp_password, set_smtp_password
from services.settings import Settings, save_settings, settings_path
from services.templates import UnfilledFieldError, create_template
from tests.conftest import SEED_RELEASE
from tests.helpers import keyring as keyring_fixtures
from tests.helpers import smtp as smtp_fixtures
from tests.helpers.keyring import MemoryKeyring
from tests.helpers.smtp import SmtpTestServer

# pytest finds fixtures by their module-level names.
memory_keyring = keyring_fixtures.memory_keyring
smtp_certificates = smtp_fixtures.smtp_certificates
smtp_server = smtp_fixtures.smtp_server

JOURNALIST_ADDRESS = "david.chan@mingpao.com"


@dataclass
class Seeded:
    zh_inquiry: int
    en_inquiry: int
    release_id: int


@pytest.fixture
def seeded(database: Database) -> Seeded:
    import_release_file(database, SEED_RELEASE)
    (release,) = list_releases(database)
    zh = add_inquiry(
        database,
        InquiryCreate(
            release_id=release["id"],
            journalist="陳大文",
            outlet="明報",
            channel=InquiryChannel.EMAIL,
            question="想訪問余凱博士，了解研發中心的招聘計劃。",
            email=JOURNALIST_ADDRESS,
            deadline=datetime(2023, 12, 1, 9, 0, tzinfo=UTC),
        ),
    )
    en = add_inquiry(
        database,
        InquiryCreate(
            release_id=release["id"],
            journalist="Mary Lee",
            outlet="South China Morning Post",
            channel=InquiryChannel.PHONE,
            question="How many jobs will the R&D centre create?",
            email="mary.lee@scmp.com",
        ),
    )
    return Seeded(zh["id"], en["id"], release["id"])


def _officer(server: SmtpTestServer | None = None) -> Settings:
    return Settings(
        officer_name="溫安怡",
        officer_title="企業傳訊經理",
        organization="香港科技園公司",
        phone="+852 2629 2329",
        from_address="angela.wan@hkstp.org",
        from_name="溫安怡 Angela Wan",
        smtp=server.settings() if server else Settings().smtp,
    )


def _inquiry(database: Database, inquiry_id: int) -> dict[str, object]:
    return next(i for i in list_inquiries(database) if i["id"] == inquiry_id)


def _sent_count(database: Database) -> int:
    with database.session(write=False) as session:
        return session.scalar(select(func.count()).select_from(SentEmail)) or 0


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n")


def _parts(message: EmailMessage) -> tuple[str, str | None]:
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None
    return _lf(text.get_content()), _lf(html.get_content()) if html is not None else None


def _assert_nothing_happened(database: Database, server: SmtpTestServer, inquiry_id: int) -> None:
    assert server.received == []
    assert _sent_count(database) == 0
    inquiry = _inquiry(database, inquiry_id)
    assert inquiry["status"] == "new"
    assert inquiry["first_response_at"] is None


def _sending_fails(
    database: Database,
    inquiry_id: int,
    draft: ReplyDraft,
    settings: Settings,
    server: SmtpTestServer,
) -> MailError:
    """Send ``draft``, expecting a MailError; nothing sent or logged, the draft unchanged."""
    kept = dataclasses.asdict(draft)
    with pytest.raises(MailError) as caught:
        deliver_reply(
            database, inquiry_id, draft, "smtp", settings=settings, password=server.password
        )
    _assert_nothing_happened(database, server, inquiry_id)
    assert dataclasses.asdict(draft) == kept  # still there to fix and retry
    return caught.value


# --- the whole flow ----------------------------------------------------------------------


def test_preview_edit_send_and_the_reply_is_logged(
    database: Database, seeded: Seeded, smtp_server: SmtpTestServer
) -> None:
    settings = _officer(smtp_server)
    choices = templates_for_inquiry(database, seeded.zh_inquiry)
    assert choices[0]["language"] == "zh-HK" and choices[0]["preferred"]
    assert [c["name"] for c in choices[:5]] == [
        "acknowledgement",
        "answer",
        "interview_request",
        "decline",
        "follow_up",
    ]
    answer = next(c for c in choices if c["name"] == "answer" and c["language"] == "zh-HK")

    draft = render_reply(database, seeded.zh_inquiry, answer["id"], settings=settings)
    assert draft.to == [Mailbox(JOURNALIST_ADDRESS, "陳大文")]
    assert draft.sender == Mailbox("angela.wan@hkstp.org", "溫安怡 Angela Wan")
    assert draft.warnings == []
    draft.body_text = draft.body_text.replace(
        "如有其他問題", "研發中心預計招聘上百人科研團隊。\n\n如有其他問題"
    )
    draft.cc = [Mailbox("Edelmanhkstppr@edelman.com", "愛德曼團隊")]

    result = deliver_reply(
        database,
        seeded.zh_inquiry,
        draft,
        "smtp",
        settings=settings,
        password=smtp_server.password,
        user="溫安怡",
    )

    (received,) = smtp_server.received
    assert sorted(received.recipients) == ["Edelmanhkstppr@edelman.com", JOURNALIST_ADDRESS]
    arrived = received.message
    assert (
        arrived["Subject"]
        == draft.subject
        == "回覆：有關「香港科技園公司與地平線簽署合作備忘錄」的查詢"
    )
    assert arrived["To"].addresses[0].display_name == "陳大文"
    assert arrived["Cc"].addresses[0].display_name == "愛德曼團隊"
    assert arrived["From"].addresses[0].display_name == "溫安怡 Angela Wan"
    assert _parts(arrived) == (draft.body_text, None)
    assert "研發中心預計招聘上百人科研團隊。" in draft.body_text

    sent = result["sent_email"]
    assert sent["method"] == "smtp"
    assert sent["to"] == "陳大文 <david.chan@mingpao.com>"
    assert sent["cc"] == "愛德曼團隊 <Edelmanhkstppr@edelman.com>"
    assert sent["subject"] == draft.subject
    assert sent["body_text"] == draft.body_text
    assert sent["message_id"] == arrived["Message-ID"]
    assert sent["template_id"] == answer["id"]
    assert sent["created_by"] == "溫安怡"
    assert sent_replies(database, seeded.zh_inquiry) == [sent]
    assert result["refused"] == {}

    inquiry = _inquiry(database, seeded.zh_inquiry)
    assert inquiry["status"] == "answered"
    assert inquiry["first_response_at"] == sent["sent_at"]
    assert result["inquiry"] == inquiry

    # A second reply keeps the first-response time.
    again = render_reply(database, seeded.zh_inquiry, ("follow_up", "zh-HK"), settings=settings)
    deliver_reply(
        database, seeded.zh_inquiry, again, "smtp", settings=settings, password=smtp_server.password
    )
    assert _inquiry(database, seeded.zh_inquiry)["first_response_at"] == sent["sent_at"]
    assert len(sent_replies(database, seeded.zh_inquiry)) == 2


def test_plain_and_html_parts_arrive_and_an_edited_text_drops_the_stale_html(
    database: Database, seeded: Seeded, smtp_server: SmtpTestServer
) -> None:
    settings = _officer(smtp_server)
    template = create_template(
        database,
        {
            "name": "answer with html",
            "language": "en",
            "subject": 'Re: "{{ release.title }}"',
            "body_text": "Dear {{ journalist.addressee }},\n\nThe R&D centre opens in 2024.\n",
            "body_html": "<p>Dear {{ journalist.addressee }},</p><p>R&amp;D centre: 2024</p>",
        },
    )
    draft = render_reply(database, seeded.en_inquiry, template["id"], settings=settings)
    assert not draft.html_outdated
    deliver_reply(
        database, seeded.en_inquiry, draft, "smtp", settings=settings, password=smtp_server.password
    )
    (received,) = smtp_server.received
    arrived = received.message
    assert arrived.get_content_type() == "multipart/alternative"
    assert _parts(arrived) == (draft.body_text, draft.body_html + "\n" if draft.body_html else None)
    assert "<p>Dear Mary Lee,</p>" in (draft.body_html or "")

    draft.body_text = draft.body_text.replace("2024", "the second half of 2024")
    assert draft.html_outdated
    result = deliver_reply(
        database, seeded.en_inquiry, draft, "smtp", settings=settings, password=smtp_server.password
    )
    arrived = smtp_server.received[1].message
    assert arrived.get_content_type() == "text/plain"
    assert _lf(arrived.get_content()) == draft.body_text
    assert result["sent_email"]["body_html"] is None


# --- failures: nothing sent, nothing logged ----------------------------------------------


def test_an_unfillable_template_is_refused_before_anything_is_sent(
    database: Database, seeded: Seeded, smtp_server: SmtpTestServer
) -> None:
    template = create_template(
        database,
        {
            "name": "needs a title",
            "language": "zh-HK",
            "subject": "回覆",
            "body_text": "{{ journalist.addressee }}{{ journalist.title }}：\n",
        },
    )
    with pytest.raises(UnfilledFieldError) as caught:
        render_reply(database, seeded.zh_inquiry, template["id"], settings=_officer(smtp_server))
    assert caught.value.field == "journalist.title"
    assert 'Template "needs a title" (中文), body, line 1' in caught.value.message
    _assert_nothing_happened(database, smtp_server, seeded.zh_inquiry)


@pytest.mark.parametrize(
    "edit",
    [
        {"subject": "回覆\r\nBcc: everyone@example.com"},
        {"to": [Mailbox(JOURNALIST_ADDRESS, "陳大文\nBcc: everyone@example.com")]},
        {"cc": [Mailbox("June.Wong@edelman.com/", "黃嘉琪")]},
        {"to": []},
    ],
)
def test_a_bad_header_or_address_sends_and_logs_nothing(
    database: Database,
    seeded: Seeded,
    smtp_server: SmtpTestServer,
    edit: dict[str, object],
) -> None:
    settings = _officer(smtp_server)
    draft = render_reply(
        database, seeded.zh_inquiry, ("acknowledgement", "zh-HK"), settings=settings
    )
    draft = dataclasses.replace(draft, **edit)  # type: ignore[arg-type]
    error = _sending_fails(database, seeded.zh_inquiry, draft, settings, smtp_server)
    assert error.kind in {"header", "address"}


def test_a_line_break_in_the_journalists_stored_name_never_reaches_a_header(
    database: Database, seeded: Seeded, smtp_server: SmtpTestServer
) -> None:
    with database.session() as session:
        journalist_id = session.get(Inquiry, seeded.zh_inquiry).journalist_id  # type: ignore[union-attr]
        session.execute(
            update(Contact)
            .where(col(Contact.id) == journalist_id)
            .values(name_zh="陳大文\nBcc: everyone@example.com")
        )
    settings = _officer(smtp_server)
    draft = render_reply(database, seeded.zh_inquiry, ("answer", "zh-HK"), settings=settings)
    assert draft.to == []
    assert any("line break (U+000A)" in w for w in draft.warnings)
    error = _sending_fails(database, seeded.zh_inquiry, draft, settings, smtp_server)
    assert error.kind == "address" and "no recipient" in error.message


def test_a_refused_login_logs_nothing_and_the_draft_can_be_kept_as_eml(
    database: Database, seeded: Seeded, smtp_server: SmtpTestServer, tmp_path: Path
) -> None:
    settings = _officer(smtp_server)
    draft = render_reply(database, seeded.zh_inquiry, ("answer", "zh-HK"), settings=settings)
    with pytest.raises(MailError) as caught:
        deliver_reply(
            database, seeded.zh_inquiry, draft, "smtp", settings=settings, password="wrong"
        )
    assert caught.value.kind == "login"
    assert "refused the login" in caught.value.message
    _assert_nothing_happened(database, smtp_server, seeded.zh_inquiry)

    kept = save_draft_eml(draft, tmp_path / "draft.eml")
    parsed = BytesParser(policy=policy.default).parsebytes(kept.read_bytes())
    assert isinstance(parsed, EmailMessage)
    assert parsed["X-Unsent"] == "1"
    assert parsed["Subject"] == draft.subject
    assert _parts(parsed) == (draft.body_text, None)
    assert _sent_count(database) == 0


@pytest.mark.parametrize("failure", ["unreachable", "recipient refused"])
def test_an_unreachable_server_or_a_refused_recipient_loses_nothing(
    database: Database, seeded: Seeded, smtp_server: SmtpTestServer, failure: str
) -> None:
    settings = _officer(smtp_server)
    draft = render_reply(database, seeded.zh_inquiry, ("answer", "zh-HK"), settings=settings)
    draft.body_text += "\n（已修改）\n"
    if failure == "unreachable":
        settings = settings.model_copy(
            update={"smtp": smtp_server.settings(port=smtp_fixtures.free_port())}
        )
    else:
        draft.to = [Mailbox(f"nobody@{smtp_fixtures.REFUSED_DOMAIN}", "無人")]
    error = _sending_fails(database, seeded.zh_inquiry, draft, settings, smtp_server)
    if failure == "unreachable":
        assert error.kind == "connection"
        assert f"refused a connection on port {settings.smtp.port}" in error.message
    else:
        assert error.kind == "recipient"
        assert f"nobody@{smtp_fixtures.REFUSED_DOMAIN}: 550" in error.message


def test_a_reply_too_long_for_a_mailto_link_is_refused_and_not_logged(
    database: Database, seeded: Seeded
) -> None:
    draft = render_reply(
        database, seeded.zh_inquiry, ("acknowledgement", "zh-HK"), settings=_officer()
    )
    draft.body_text = "研發中心預計招聘上百人科研團隊。\n" * 1_000
    opened: list[str] = []
    with pytest.raises(MailError, match="too long") as caught:
        deliver_reply(
            database,
            seeded.zh_inquiry,
            draft,
            "mail_client",
            settings=_officer(),
            opener=lambda url: opened.append(url) or True,
        )
    assert caught.value.kind == "client"
    assert opened == []
    assert _sent_count(database) == 0


def test_an_opted_out_journalist_needs_an_override_which_is_recorded(
    database: Database, seeded: Seeded, smtp_server: SmtpTestServer
) -> None:
    settings = _officer(smtp_server)
    with database.session() as session:
        journalist_id = session.get(Inquiry, seeded.zh_inquiry).journalist_id  # type: ignore[union-attr]
        session.execute(update(Contact).where(Contact.id == journalist_id).values(opt_out=True))  # type: ignore[arg-type]
    draft = render_reply(database, seeded.zh_inquiry, ("decline", "zh-HK"), settings=settings)
    assert draft.opted_out == [JOURNALIST_ADDRESS]
    assert any("opt-out" in w for w in draft.warnings)
    assert draft.suggested_status == "declined"

    with pytest.raises(InputRejected, match="asked not to be e-mailed"):
        deliver_reply(
            database,
            seeded.zh_inquiry,
            draft,
            "smtp",
            settings=settings,
            password=smtp_server.password,
        )
    _assert_nothing_happened(database, smtp_server, seeded.zh_inquiry)

    deliver_reply(
        database,
        seeded.zh_inquiry,
        draft,
        "smtp",
        settings=settings,
        password=smtp_server.password,
        override_opt_out=True,
        status=draft.suggested_status,
        user="溫安怡",
    )
    assert len(smtp_server.received) == 1
    assert _inquiry(database, seeded.zh_inquiry)["status"] == "declined"
    with database.session(write=False) as session:
        (entry,) = session.scalars(select(AuditEntry)).all()
        assert (entry.entity, entry.entity_id, entry.action) == (
            "inquiry",
            seeded.zh_inquiry,
            "opt_out_override",
        )
        assert entry.new_value == JOURNALIST_ADDRESS
        assert entry.user == "溫安怡"


def test_no_such_inquiry_or_template(database: Database, seeded: Seeded) -> None:
    with pytest.raises(InputRejected, match="There is no inquiry 9999"):
        render_reply(database, 9999, ("answer", "en"), settings=_officer())
    with pytest.raises(InputRejected, match='no template "nonsense"'):
        render_reply(database, seeded.zh_inquiry, ("nonsense", "en"), settings=_officer())
    draft = render_reply(database, seeded.zh_inquiry, ("answer", "en"), settings=_officer())
    with pytest.raises(InputRejected, match="answers inquiry"):
        deliver_reply(
            database, seeded.en_inquiry, draft, "eml", settings=_officer(), eml_path=Path("x.eml")
        )


def test_the_password_is_never_stored_in_the_database_or_settings_file(
    sqlite_url: str, smtp_server: SmtpTestServer, memory_keyring: MemoryKeyring
) -> None:
    database = open_database(sqlite_url)
    try:
        import_release_file(database, SEED_RELEASE)
        inquiry = add_inquiry(
            database,
            InquiryCreate(
                journalist="陳大文",
                outlet="明報",
                channel=InquiryChannel.EMAIL,
                question="招聘計劃？",
                email=JOURNALIST_ADDRESS,
            ),
        )
        settings = _officer(smtp_server)
        save_settings(settings)
        set_smtp_password(smtp_server.host, smtp_server.user, smtp_server.password)
        password = get_smtp_password(smtp_server.host, smtp_server.user)
        draft = render_reply(
            database, inquiry["id"], ("acknowledgement", "zh-HK"), settings=settings
        )
        deliver_reply(database, inquiry["id"], draft, "smtp", settings=settings, password=password)
        assert len(smtp_server.received) == 1
    finally:
        database.dispose()
    secret = smtp_server.password.encode()
    db_file = Path(sqlite_url.removeprefix("sqlite:///"))
    stored = b"".join(p.read_bytes() for p in db_file.parent.glob(db_file.name + "*"))
    assert b"david.chan@mingpao.com" in stored  # the file was read, and the reply is in it
    assert secret not in stored
    assert secret not in settings_path().read_bytes()
    assert list(memory_keyring.passwords.values()) == [smtp_server.password]


# --- the other ways out ------------------------------------------------------------------


def test_eml_delivery_saves_a_draft_and_logs_it(
    database: Database, seeded: Seeded, tmp_path: Path
) -> None:
    draft = render_reply(
        database, seeded.en_inquiry, ("acknowledgement", "en"), settings=_officer()
    )
    result = deliver_reply(
        database,
        seeded.en_inquiry,
        draft,
        "eml",
        settings=_officer(),
        eml_path=tmp_path / "reply.eml",
        status=draft.suggested_status,
    )
    parsed = BytesParser(policy=policy.default).parsebytes((tmp_path / "reply.eml").read_bytes())
    assert isinstance(parsed, EmailMessage)
    assert parsed["X-Unsent"] == "1"
    assert parsed["To"].addresses[0].addr_spec == "mary.lee@scmp.com"
    assert _parts(parsed) == (draft.body_text, None)
    assert result["eml_path"] == str(tmp_path / "reply.eml")
    assert result["sent_email"]["method"] == "eml"
    inquiry = _inquiry(database, seeded.en_inquiry)
    assert inquiry["status"] == "in_progress"  # an acknowledgement is not an answer
    assert inquiry["first_response_at"] is not None


def test_mark_answered_false_keeps_the_status_but_sets_the_first_response(
    database: Database, seeded: Seeded, tmp_path: Path
) -> None:
    draft = render_reply(database, seeded.en_inquiry, ("answer", "en"), settings=_officer())
    deliver_reply(
        database,
        seeded.en_inquiry,
        draft,
        "eml",
        settings=_officer(),
        eml_path=tmp_path / "a.eml",
        mark_answered=False,
    )
    inquiry = _inquiry(database, seeded.en_inquiry)
    assert inquiry["status"] == "new"
    assert inquiry["first_response_at"] is not None


def test_mail_client_gets_a_mailto_url_and_the_reply_is_logged_only_if_it_opened(
    database: Database, seeded: Seeded
) -> None:
    draft = render_reply(
        database, seeded.zh_inquiry, ("acknowledgement", "zh-HK"), settings=_officer()
    )
    opened: list[str] = []

    def open_url(url: str) -> bool:
        opened.append(url)
        return True

    with pytest.raises(MailError) as caught:
        deliver_reply(database, seeded.zh_inquiry, draft, "mail_client", opener=lambda url: False)
    assert caught.value.kind == "client"
    assert _sent_count(database) == 0

    result = deliver_reply(
        database,
        seeded.zh_inquiry,
        draft,
        "mail_client",
        settings=_officer(),
        opener=open_url,
    )
    assert opened == [mailto_for_draft(draft)] == [result["mailto"]]
    assert opened[0].startswith(f"mailto:{JOURNALIST_ADDRESS}?subject=")
    assert result["sent_email"]["method"] == "mail_client"
    assert _inquiry(database, seeded.zh_inquiry)["status"] == "answered"


def test_templates_come_in_the_journalists_language_first(
    database: Database, seeded: Seeded
) -> None:
    zh = templates_for_inquiry(database, seeded.zh_inquiry)
    en = templates_for_inquiry(database, seeded.en_inquiry)
    assert {t["language"] for t in zh[:5]} == {"zh-HK"}
    assert {t["language"] for t in en[:5]} == {"en"}
    assert [t["preferred"] for t in en] == [True] * 5 + [False] * 5
    assert zh[0]["label"] == "確認收到查詢"
    assert en[3]["label"] == "Decline / no comment"


def test_a_draft_without_a_recipient_or_sender_says_so(database: Database, seeded: Seeded) -> None:
    with database.session() as session:
        session.execute(update(Inquiry).where(Inquiry.id == seeded.en_inquiry).values(email=None))  # type: ignore[arg-type]
        journalist_id = session.get(Inquiry, seeded.en_inquiry).journalist_id  # type: ignore[union-attr]
        session.execute(update(Contact).where(Contact.id == journalist_id).values(opt_out=False))  # type: ignore[arg-type]
    with database.session() as session:
        session.execute(delete(ContactEmail))
    draft = render_reply(
        database, seeded.en_inquiry, ("answer", "en"), settings=Settings(officer_name="A")
    )
    assert draft.to == [] and draft.sender is None
    assert any("no e-mail address for the journalist" in w for w in draft.warnings)
    assert any("From address is not set up" in w for w in draft.warnings)
    assert isinstance(draft, ReplyDraft)
    assert draft.as_text().startswith("From: (set your From address in the settings)\nTo: \n")
    assert draft.to_dict()["sender"] is None


def test_an_unsaved_template_can_be_previewed_for_an_inquiry(
    database: Database, seeded: Seeded
) -> None:
    editing = {
        "name": "draft being edited",
        "language": "zh-HK",
        "subject": "{{ release.title }}",
        "body_text": "{{ journalist.addressee }}：\n\n{{ spokesperson.addressee }}\n",
    }
    draft = render_reply(database, seeded.zh_inquiry, editing, settings=_officer())
    assert draft.template_id is None
    assert draft.body_text == "陳大文：\n\n余凱博士\n"
    chosen = render_reply(
        database,
        seeded.zh_inquiry,
        editing,
        settings=_officer(),
        spokesperson_id=_speaker_id(database),
    )
    assert chosen.body_text == "陳大文：\n\n查毅超博士\n"
    assert _sent_count(database) == 0


def _speaker_id(database: Database) -> int:
    with database.session(write=False) as session:
        contact_id = session.scalar(select(col(Contact.id)).where(col(Contact.name_zh) == "查毅超"))
        assert contact_id is not None
        return int(contact_id)
