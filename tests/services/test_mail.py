"""Messages, SMTP against a real server on 127.0.0.1, .eml drafts, mailto: URLs, settings and
the password's keyring: what arrives is parsed back and compared, nothing is mocked."""

from __future__ import annotations

import json
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from services.mail import (
    Mailbox,
    MailError,
    build_message,
    checked_mailbox,
    format_mailboxes,
    mailto_url,
    parse_mailboxes,
    save_eml,
    send_smtp,
)
from services.secrets import (
    forget_smtp_password,
    get_smtp_password,
    keyring_service,
    keyring_unavailable_reason,
    set_smtp_password,
)
from services.settings import (
    Settings,
    SettingsError,
    SmtpSettings,
    load_settings,
    save_settings,
    settings_path,
)
from tests.helpers import keyring as keyring_fixtures
from tests.helpers import smtp as smtp_fixtures
from tests.helpers.keyring import MemoryKeyring
from tests.helpers.smtp import REFUSED_DOMAIN, SmtpTestServer, free_port

# pytest finds fixtures by their module-level names.
memory_keyring = keyring_fixtures.memory_keyring
no_keyring = keyring_fixtures.no_keyring
smtp_certificates = smtp_fixtures.smtp_certificates
smtp_server = smtp_fixtures.smtp_server
smtp_ssl_server = smtp_fixtures.smtp_ssl_server

SENDER = Mailbox("angela.wan@hkstp.org", "溫安怡 Angela Wan")
JOURNALIST = Mailbox("june.wong@edelman.com", "黃嘉琪")
SUBJECT = "回覆：有關「香港科技園公司與地平線簽署合作備忘錄」的查詢 (MoU + R&D centre)"
BODY = "黃嘉琪：\n\n你好！謝謝你的查詢。\n地平線 2028 年底前的總投資額約為 30 億港元。\n"
HTML = "<p>黃嘉琪：</p><p>你好！謝謝你的查詢。</p>"


def _message(**changes: object) -> EmailMessage:
    values: dict[str, object] = {
        "sender": SENDER,
        "to": [JOURNALIST],
        "cc": [Mailbox("Edelmanhkstppr@edelman.com")],
        "subject": SUBJECT,
        "body_text": BODY,
        "body_html": HTML,
        "language": "zh-HK",
    }
    values.update(changes)
    return build_message(**values)  # type: ignore[arg-type]


def _parse(data: bytes) -> EmailMessage:
    parsed = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(parsed, EmailMessage)
    return parsed


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n")  # lines travel as CRLF (RFC 5322); clients show LF


def _text_and_html(message: EmailMessage) -> tuple[str, str | None]:
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None
    return _lf(text.get_content()), _lf(html.get_content()) if html is not None else None


# --- building ----------------------------------------------------------------------------


def test_chinese_names_and_subject_are_encoded_and_parse_back_exactly() -> None:
    data = _message().as_bytes()
    headers = data.split(b"\r\n\r\n", 1)[0]
    assert headers.isascii(), "headers must be RFC 2047-encoded, not raw UTF-8"
    assert b"=?utf-8?" in headers
    parsed = _parse(data)
    assert parsed["Subject"] == SUBJECT
    assert parsed["From"].addresses[0].display_name == "溫安怡 Angela Wan"
    assert parsed["To"].addresses[0].display_name == "黃嘉琪"
    assert parsed["To"].addresses[0].addr_spec == "june.wong@edelman.com"
    assert parsed.get_content_type() == "multipart/alternative"
    assert _text_and_html(parsed) == (BODY, HTML + "\n")
    assert parsed["Message-ID"].endswith("@hkstp.org>")
    assert parsed["Date"] is not None
    assert parsed["Content-Language"] == "zh-HK"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"subject": "Re: hello\r\nBcc: everyone@example.com"}, "subject"),
        ({"to": [Mailbox("june.wong@edelman.com", "黃嘉琪\nBcc: everyone@example.com")]}, "name"),
        ({"sender": Mailbox("angela.wan@hkstp.org", "Angela\u2028Wan")}, "name"),
        ({"subject": "Re: \u202etxt.exe"}, "subject"),
    ],
)
def test_a_line_break_or_control_character_in_a_header_is_refused(
    changes: dict[str, object], field: str
) -> None:
    with pytest.raises(MailError) as caught:
        _message(**changes)
    assert caught.value.kind == "header"
    assert field in caught.value.message
    assert "single line" in caught.value.message


def test_addresses_are_checked_and_a_likely_fix_is_suggested() -> None:
    with pytest.raises(MailError) as caught:
        checked_mailbox("June.Wong@edelman.com/", "黃嘉琪")
    assert caught.value.kind == "address"
    assert "Did you mean June.Wong@edelman.com?" in caught.value.message
    with pytest.raises(MailError, match="no recipient"):
        _message(to=[])


def test_typed_recipients_parse_and_format_back() -> None:
    typed = '黃嘉琪 <June.Wong@edelman.com>; "Wong, June" <june@example.com>, media@hkstp.org'
    boxes = parse_mailboxes(typed)
    assert boxes == [
        Mailbox("June.Wong@edelman.com", "黃嘉琪"),
        Mailbox("june@example.com", "Wong, June"),
        Mailbox("media@hkstp.org"),
    ]
    assert parse_mailboxes(format_mailboxes(boxes)) == boxes


def test_plain_text_only_when_there_is_no_html() -> None:
    parsed = _parse(_message(body_html=None).as_bytes())
    assert parsed.get_content_type() == "text/plain"
    assert _lf(parsed.get_content()) == BODY


# --- SMTP against a real server ----------------------------------------------------------


def test_send_over_starttls_with_login(smtp_server: SmtpTestServer) -> None:
    message = _message()
    result = send_smtp(message, smtp_server.settings(), smtp_server.password)
    assert result.refused == {}
    (received,) = smtp_server.received
    assert received.mail_from == "angela.wan@hkstp.org"
    assert sorted(received.recipients) == ["Edelmanhkstppr@edelman.com", "june.wong@edelman.com"]
    headers = received.data.split(b"\r\n\r\n", 1)[0]
    assert headers.isascii() and b"=?utf-8?" in headers  # RFC 2047 on the wire
    arrived = received.message
    assert arrived["Subject"] == SUBJECT
    assert arrived["To"].addresses[0].display_name == "黃嘉琪"
    assert arrived["From"].addresses[0].display_name == "溫安怡 Angela Wan"
    assert arrived.get_content_type() == "multipart/alternative"
    assert arrived["Message-ID"] == result.message_id
    assert _text_and_html(arrived) == (BODY, HTML + "\n")
    assert "Bcc" not in arrived


def test_send_over_implicit_ssl(smtp_ssl_server: SmtpTestServer) -> None:
    send_smtp(_message(), smtp_ssl_server.settings(), smtp_ssl_server.password)
    (received,) = smtp_ssl_server.received
    assert received.message["Subject"] == SUBJECT


def test_a_refused_login_says_so_and_sends_nothing(smtp_server: SmtpTestServer) -> None:
    with pytest.raises(MailError) as caught:
        send_smtp(_message(), smtp_server.settings(), "not the password")
    assert caught.value.kind == "login"
    assert "refused the login" in caught.value.message
    assert smtp_server.password not in caught.value.message
    assert smtp_server.received == []


def test_a_missing_password_is_asked_for_before_connecting(smtp_server: SmtpTestServer) -> None:
    with pytest.raises(MailError, match=r"password .* is needed") as caught:
        send_smtp(_message(), smtp_server.settings(), None)
    assert caught.value.kind == "login"


def test_every_recipient_refused_sends_nothing(smtp_server: SmtpTestServer) -> None:
    message = _message(to=[Mailbox(f"nobody@{REFUSED_DOMAIN}")], cc=[])
    with pytest.raises(MailError) as caught:
        send_smtp(message, smtp_server.settings(), smtp_server.password)
    assert caught.value.kind == "recipient"
    assert f"nobody@{REFUSED_DOMAIN}" in caught.value.message
    assert "550" in caught.value.message
    assert smtp_server.received == []


def test_one_recipient_refused_is_reported_and_the_others_get_it(
    smtp_server: SmtpTestServer,
) -> None:
    message = _message(cc=[Mailbox(f"nobody@{REFUSED_DOMAIN}")])
    result = send_smtp(message, smtp_server.settings(), smtp_server.password)
    assert list(result.refused) == [f"nobody@{REFUSED_DOMAIN}"]
    (received,) = smtp_server.received
    assert received.recipients == ["june.wong@edelman.com"]


def test_an_untrusted_certificate_is_a_tls_error(smtp_server: SmtpTestServer) -> None:
    # Without the private CA the server's certificate cannot be verified: refused,
    # never silently accepted (smtplib without a context would accept it).
    with pytest.raises(MailError) as caught:
        send_smtp(_message(), smtp_server.settings(ca_file=None), smtp_server.password)
    assert caught.value.kind == "tls"
    assert "could not be verified" in caught.value.message
    assert smtp_server.received == []


def test_ssl_against_a_starttls_port_is_a_clear_error(smtp_server: SmtpTestServer) -> None:
    with pytest.raises(MailError) as caught:
        send_smtp(_message(), smtp_server.settings(security="ssl"), smtp_server.password)
    assert caught.value.kind in {"tls", "connection"}
    assert "security setting" in caught.value.message


def test_a_missing_ca_file_is_a_settings_error(smtp_server: SmtpTestServer, tmp_path: Path) -> None:
    settings = smtp_server.settings(ca_file=str(tmp_path / "missing.pem"))
    with pytest.raises(MailError, match="does not exist") as caught:
        send_smtp(_message(), settings, smtp_server.password)
    assert caught.value.kind == "config"
    assert smtp_server.received == []


def test_an_unreachable_server_is_a_connection_error() -> None:
    settings = SmtpSettings(host="127.0.0.1", port=free_port(), security="starttls", timeout=5)
    with pytest.raises(MailError) as caught:
        send_smtp(_message(), settings, None)
    assert caught.value.kind == "connection"
    assert "refused a connection" in caught.value.message


def test_no_encryption_is_allowed_only_for_this_computer() -> None:
    assert SmtpSettings(host="localhost", security="none", port=25).security == "none"
    with pytest.raises(ValueError, match="only for a mail server on this computer"):
        SmtpSettings(host="smtp.hkstp.org", security="none", port=25)
    forged = SmtpSettings.model_construct(host="smtp.hkstp.org", port=25, security="none")
    with pytest.raises(MailError, match="only for a mail server on this computer"):
        send_smtp(_message(), forged, None)


def test_unconfigured_server_is_a_clear_error() -> None:
    with pytest.raises(MailError, match="No outgoing mail server") as caught:
        send_smtp(_message(), SmtpSettings(), None)
    assert caught.value.kind == "config"


# --- .eml and mailto: --------------------------------------------------------------------


def test_eml_draft_parses_back_with_the_same_content_and_x_unsent(tmp_path: Path) -> None:
    message = _message(draft=True)
    path = save_eml(message, tmp_path / "reply.eml")
    data = path.read_bytes()
    parsed = _parse(data)
    assert parsed["X-Unsent"] == "1"
    assert parsed["Subject"] == SUBJECT
    assert parsed["To"].addresses[0].display_name == "黃嘉琪"
    assert _text_and_html(parsed) == (BODY, HTML + "\n")
    # A draft has no Date or Message-ID: the mail client sets them when it sends.
    assert parsed["Date"] is None
    assert parsed["Message-ID"] is None
    assert [p.name for p in tmp_path.iterdir()] == ["reply.eml"]


def test_save_eml_adds_x_unsent_to_a_sendable_message_copy(tmp_path: Path) -> None:
    message = _message()
    save_eml(message, tmp_path / "copy.eml")
    assert _parse((tmp_path / "copy.eml").read_bytes())["X-Unsent"] == "1"
    assert message["X-Unsent"] is None


def test_eml_to_an_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(MailError) as caught:
        save_eml(_message(draft=True), blocker / "reply.eml")
    assert caught.value.kind == "file"


def test_mailto_round_trips_plus_ampersand_and_chinese() -> None:
    subject = "Re: R&D + MoU 研發中心 #1 100%"
    body = "黃嘉琪：\n\n1 + 1 = 2 & more?\nhttps://www.hkstp.org/?a=1&b=2\n"
    url = mailto_url(
        [JOURNALIST, "june+press@edelman.com"], ["Edelmanhkstppr@edelman.com"], subject, body
    )
    assert url.startswith("mailto:")
    assert " " not in url
    assert "+" not in url.split("?", 1)[1], "+ must be encoded: some clients read it as a space"
    parts = urlsplit(url)
    assert [unquote(a) for a in parts.path.split(",")] == [
        "june.wong@edelman.com",
        "june+press@edelman.com",
    ]
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert query == {
        "cc": ["Edelmanhkstppr@edelman.com"],
        "subject": [subject],
        "body": [body.replace("\n", "\r\n")],
    }


def test_mailto_encodes_chinese_as_utf8_and_line_breaks_as_crlf() -> None:
    url = mailto_url([JOURNALIST], subject="回覆", body="黃嘉琪：\n你好\r\n再見")
    assert url == (
        "mailto:june.wong@edelman.com?subject=%E5%9B%9E%E8%A6%86"
        "&body=%E9%BB%83%E5%98%89%E7%90%AA%EF%BC%9A%0D%0A%E4%BD%A0%E5%A5%BD%0D%0A%E5%86%8D%E8%A6%8B"
    )
    assert url.isascii()


def test_a_mailto_url_too_long_to_arrive_whole_is_refused() -> None:
    # Each Chinese character is 9 characters encoded: 222 of them pass 2,000.
    short, long = "你" * 200, "你" * 230
    assert len(mailto_url([JOURNALIST], body=short, max_length=2000)) <= 2000
    with pytest.raises(MailError, match=r"too long .* Save it as \.eml") as caught:
        mailto_url([JOURNALIST], body=long, max_length=2000)
    assert caught.value.kind == "client"
    # The default limit holds on every platform (2,000 on Windows, 100,000 elsewhere).
    with pytest.raises(MailError, match="too long"):
        mailto_url([JOURNALIST], subject="回覆", body="研發中心。\n" * 3_000)


def test_mailto_refuses_a_bad_address_or_subject() -> None:
    with pytest.raises(MailError):
        mailto_url(["not an address"])
    with pytest.raises(MailError):
        mailto_url([JOURNALIST], subject="a\nBcc: x@example.com")


# --- settings ----------------------------------------------------------------------------


def test_settings_round_trip_atomically_in_the_user_config_folder() -> None:
    path = settings_path()
    assert "PressDesk" in str(path)
    assert load_settings() == Settings()  # no file yet: the defaults
    settings = Settings(
        officer_name="溫安怡",
        from_address="angela.wan@hkstp.org",
        from_name="溫安怡 Angela Wan",
        smtp=SmtpSettings(host="smtp.hkstp.org", port=465, security="ssl", user="angela.wan"),
    )
    assert save_settings(settings) == path
    assert load_settings() == settings
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["officer_name"] == "溫安怡"
    assert data["smtp"]["security"] == "ssl"
    assert "password" not in json.dumps(data)


def test_a_hand_written_password_is_ignored_and_dropped() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"officer_name": "A", "smtp": {"host": "h", "password": "hunter2"}}),
        encoding="utf-8",
    )
    settings = load_settings()
    assert "hunter2" not in settings.model_dump_json()
    save_settings(settings)
    assert "hunter2" not in path.read_text(encoding="utf-8")


def test_a_broken_settings_file_is_a_clear_error() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"not valid JSON \(line 1"):
        load_settings()
    path.write_text(json.dumps({"smtp": {"host": "smtp.example.com", "security": "none"}}))
    with pytest.raises(SettingsError, match="only for a mail server on this computer"):
        load_settings()
    path.write_text(json.dumps({"from_address": "angela.wan@hkstp.org/"}))
    with pytest.raises(SettingsError, match=r"Did you mean angela\.wan@hkstp\.org"):
        load_settings()


def test_the_officer_name_defaults_to_the_login_name() -> None:
    import getpass

    assert Settings().officer_name == getpass.getuser()


# --- the password ------------------------------------------------------------------------


def test_password_lives_in_the_keyring(memory_keyring: MemoryKeyring) -> None:
    storage = set_smtp_password("SMTP.hkstp.org", "angela", "s3cret pass")
    assert storage.in_keyring and storage.reason is None
    assert memory_keyring.passwords == {
        (keyring_service("smtp.hkstp.org"), "angela"): "s3cret pass"
    }
    assert get_smtp_password("smtp.hkstp.org", "angela") == "s3cret pass"
    assert keyring_unavailable_reason() is None
    forget_smtp_password("smtp.hkstp.org", "angela")
    assert get_smtp_password("smtp.hkstp.org", "angela") is None
    forget_smtp_password("smtp.hkstp.org", "angela")  # nothing to forget is fine


@pytest.mark.usefixtures("no_keyring")
def test_without_a_keyring_the_password_is_kept_until_quit_and_the_reason_given(
    tmp_path: Path,
) -> None:
    reason = keyring_unavailable_reason()
    assert reason is not None
    assert reason.startswith("No system keyring is available (")
    assert reason.endswith("the password is kept only until you quit.")
    assert "keyrings.alt" not in reason
    assert get_smtp_password("smtp.hkstp.org", "angela") is None
    storage = set_smtp_password("smtp.hkstp.org", "angela", "s3cret pass")
    assert not storage.in_keyring
    assert storage.reason == reason
    assert get_smtp_password("smtp.hkstp.org", "angela") == "s3cret pass"
    save_settings(Settings(smtp=SmtpSettings(host="smtp.hkstp.org", user="angela")))
    assert b"s3cret" not in settings_path().read_bytes()
    forget_smtp_password("smtp.hkstp.org", "angela")
    assert get_smtp_password("smtp.hkstp.org", "angela") is None
