"""``templates`` and ``reply`` on the command line: shapes, exit codes, and real sending."""

from __future__ import annotations

import json
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest

from cli.main import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, run
from cli.replies import PASSWORD_ENV_VAR
from services.settings import Settings, SmtpSettings, save_settings, settings_path
from tests.conftest import SEED_RELEASE
from tests.helpers import keyring as keyring_fixtures
from tests.helpers import smtp as smtp_fixtures
from tests.helpers.smtp import SmtpTestServer

# pytest finds fixtures by their module-level names.
memory_keyring = keyring_fixtures.memory_keyring
no_keyring = keyring_fixtures.no_keyring
smtp_certificates = smtp_fixtures.smtp_certificates
smtp_server = smtp_fixtures.smtp_server


def _run(capsys: pytest.CaptureFixture[str], db_url: str, *args: str) -> tuple[int, Any, str]:
    code = run(["--db", db_url, *args])
    out, err = capsys.readouterr()
    data = json.loads(out) if "--json" in args and out.strip() else out
    return code, data, err


@pytest.fixture
def inquiry_id(capsys: pytest.CaptureFixture[str], db_url: str) -> int:
    code, _, _ = _run(capsys, db_url, "import", str(SEED_RELEASE), "--json")
    assert code == EXIT_OK
    code, releases, _ = _run(capsys, db_url, "releases", "--json")
    code, inquiry, _ = _run(
        capsys,
        db_url,
        "inquiries",
        "add",
        "--json",
        "--release",
        str(releases[0]["id"]),
        "--journalist",
        "陳大文",
        "--outlet",
        "明報",
        "--channel",
        "email",
        "--question",
        "想訪問余凱博士。",
        "--email",
        "david.chan@mingpao.com",
    )
    assert code == EXIT_OK
    return int(inquiry["id"])


def _save_officer(server: SmtpTestServer | None = None) -> None:
    save_settings(
        Settings(
            officer_name="溫安怡",
            from_address="angela.wan@hkstp.org",
            from_name="溫安怡",
            smtp=server.settings() if server else SmtpSettings(),
        )
    )


def _logged(capsys: pytest.CaptureFixture[str], db_url: str, inquiry: int) -> dict[str, Any]:
    _, rows, _ = _run(capsys, db_url, "inquiries", "--json")
    return next(r for r in rows if r["id"] == inquiry)


def test_templates_lists_the_defaults(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    code, templates, _ = _run(capsys, db_url, "templates", "--json")
    assert code == EXIT_OK
    assert len(templates) == 10
    assert all(set(t) == {"id", "name", "language", "subject"} for t in templates)
    assert {(t["name"], t["language"]) for t in templates} >= {
        ("acknowledgement", "zh-HK"),
        ("acknowledgement", "en"),
        ("interview_request", "zh-HK"),
    }
    code, text, _ = _run(capsys, db_url, "templates")
    assert code == EXIT_OK
    assert "確認收到查詢" in text and "Decline / no comment" in text


def test_print_shows_the_exact_message_and_logs_nothing(
    capsys: pytest.CaptureFixture[str], db_url: str, inquiry_id: int
) -> None:
    _save_officer()
    code, text, err = _run(
        capsys, db_url, "reply", str(inquiry_id), "--template", "interview_request", "--print"
    )
    assert code == EXIT_OK, err
    assert text.startswith(
        "From: 溫安怡 <angela.wan@hkstp.org>\nTo: 陳大文 <david.chan@mingpao.com>\n"
    )
    assert "Subject: 回覆：邀請余凱博士接受訪問\n\n陳大文：\n" in text
    code, draft, _ = _run(
        capsys,
        db_url,
        "reply",
        str(inquiry_id),
        "--template",
        "answer",
        "--lang",
        "en",
        "--print",
        "--json",
    )
    assert code == EXIT_OK
    assert draft["language"] == "en"
    assert draft["to"] == ["陳大文 <david.chan@mingpao.com>"]
    assert draft["body_text"].startswith("Dear 陳大文,\n")
    logged = _logged(capsys, db_url, inquiry_id)
    assert (logged["status"], logged["first_response_at"]) == ("new", None)


@pytest.mark.usefixtures("no_keyring")
def test_send_uses_the_settings_and_the_password_from_the_environment(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    inquiry_id: int,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _save_officer(smtp_server)
    monkeypatch.setenv(PASSWORD_ENV_VAR, smtp_server.password)
    code, result, err = _run(
        capsys, db_url, "reply", str(inquiry_id), "--template", "answer", "--send", "--json"
    )
    assert code == EXIT_OK, err
    assert result["sent"] is True
    (received,) = smtp_server.received
    arrived = received.message
    assert arrived["Subject"] == result["sent_email"]["subject"]
    body = arrived.get_body(("plain",))
    assert body is not None
    assert body.get_content().replace("\r\n", "\n") == result["sent_email"]["body_text"]
    logged = _logged(capsys, db_url, inquiry_id)
    assert logged["status"] == "answered"
    assert logged["first_response_at"] == result["sent_email"]["sent_at"]
    assert smtp_server.password not in settings_path().read_text(encoding="utf-8")


def test_send_with_smtp_options_and_a_keyring_password(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    inquiry_id: int,
    smtp_server: SmtpTestServer,
    memory_keyring: object,
) -> None:
    from services.secrets import set_smtp_password

    _save_officer()  # no SMTP server in the settings: the options give it
    set_smtp_password(smtp_server.host, smtp_server.user, smtp_server.password)
    code, text, err = _run(
        capsys,
        db_url,
        "reply",
        str(inquiry_id),
        "--template",
        "acknowledgement",
        "--send",
        "--smtp-host",
        smtp_server.host,
        "--smtp-port",
        str(smtp_server.port),
        "--smtp-user",
        smtp_server.user,
        "--smtp-starttls",
        "--smtp-ca-file",
        str(smtp_server.ca_file),
        "--no-mark-answered",
    )
    assert code == EXIT_OK, err
    assert "sent to 陳大文 <david.chan@mingpao.com>" in text
    assert len(smtp_server.received) == 1
    logged = _logged(capsys, db_url, inquiry_id)
    assert logged["status"] == "new"
    assert logged["first_response_at"] is not None


@pytest.mark.usefixtures("no_keyring")
def test_a_refused_login_exits_1_and_nothing_is_sent_or_logged(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    inquiry_id: int,
    smtp_server: SmtpTestServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _save_officer(smtp_server)
    monkeypatch.setenv(PASSWORD_ENV_VAR, "wrong password")
    code, _, err = _run(capsys, db_url, "reply", str(inquiry_id), "--template", "answer", "--send")
    assert code == EXIT_REJECTED
    assert "refused the login" in err
    assert "Traceback" not in err
    assert smtp_server.received == []
    assert _logged(capsys, db_url, inquiry_id)["first_response_at"] is None

    monkeypatch.delenv(PASSWORD_ENV_VAR)
    code, result, _ = _run(
        capsys, db_url, "reply", str(inquiry_id), "--template", "answer", "--send", "--json"
    )
    assert code == EXIT_REJECTED
    assert result["sent"] is False
    assert PASSWORD_ENV_VAR in result["error"]
    assert smtp_server.received == []


def test_unfillable_template_and_bad_inquiry_exit_1(
    capsys: pytest.CaptureFixture[str], db_url: str, inquiry_id: int
) -> None:
    from db.engine import open_database
    from services.templates import create_template

    _save_officer()
    database = open_database(db_url)
    try:
        create_template(
            database,
            {
                "name": "needs title",
                "language": "zh-HK",
                "subject": "S",
                "body_text": "{{ journalist.title }}",
            },
        )
    finally:
        database.dispose()
    code, _, err = _run(
        capsys, db_url, "reply", str(inquiry_id), "--template", "needs title", "--print"
    )
    assert code == EXIT_REJECTED
    assert "journalist.title has no value" in err
    code, _, err = _run(capsys, db_url, "reply", "9999", "--template", "answer", "--print")
    assert code == EXIT_REJECTED
    assert "There is no inquiry 9999" in err
    code, _, err = _run(
        capsys, db_url, "reply", str(inquiry_id), "--template", "nonsense", "--print"
    )
    assert code == EXIT_REJECTED
    assert 'no template named "nonsense"' in err


def test_eml_saves_and_logs(
    capsys: pytest.CaptureFixture[str], db_url: str, inquiry_id: int, tmp_path: Path
) -> None:
    _save_officer()
    path = tmp_path / "reply.eml"
    code, result, err = _run(
        capsys,
        db_url,
        "reply",
        str(inquiry_id),
        "--template",
        "decline",
        "--eml",
        str(path),
        "--status",
        "declined",
        "--json",
    )
    assert code == EXIT_OK, err
    parsed = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert isinstance(parsed, EmailMessage)
    assert parsed["X-Unsent"] == "1"
    assert parsed["Subject"] == result["sent_email"]["subject"]
    assert _logged(capsys, db_url, inquiry_id)["status"] == "declined"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    assert _run(capsys, db_url, "reply", "1", "--template", "answer")[0] == EXIT_USAGE
    assert (
        _run(capsys, db_url, "reply", "1", "--template", "answer", "--print", "--send")[0]
        == EXIT_USAGE
    )
    code, _, err = _run(
        capsys, db_url, "reply", "1", "--template", "answer", "--send", "--smtp-host", "bad host"
    )
    assert code == EXIT_USAGE
    assert "space" in err
