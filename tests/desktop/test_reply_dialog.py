"""The reply dialog, driven as an officer would: pick a template, read the exact message,
edit it, send it to a real SMTP server on 127.0.0.1 (STARTTLS + AUTH), and see the reply
and the first-response time on the inquiry; failures keep the draft and log nothing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update
from sqlmodel import col

from db.engine import Database, open_database
from db.models import Contact, InquiryChannel
from desktop.dialogs import reply as reply_module
from desktop.dialogs.reply import ReplyDialog, run_reply
from desktop.i18n import install_translators
from desktop.main_window import MainWindow
from desktop.problem_text import error_text
from services.inquiries import InquiryCreate, add_inquiry, get_inquiry
from services.mail import Mailbox, MailError, build_message, parse_mailboxes, send_smtp
from services.release_import import import_release_file
from services.replies import sent_replies
from services.roster import list_releases
from services.secrets import set_smtp_password
from services.settings import Settings, SmtpSettings
from services.templates import ensure_default_templates, find_template, update_template
from tests.conftest import SEED_RELEASE
from tests.helpers import keyring as keyring_fixtures
from tests.helpers import smtp as smtp_fixtures
from tests.helpers.smtp import SmtpTestServer

memory_keyring = keyring_fixtures.memory_keyring
smtp_certificates = smtp_fixtures.smtp_certificates
smtp_server = smtp_fixtures.smtp_server

JOURNALIST = "david.chan@mingpao.com"


@dataclass
class Seeded:
    database: Database
    inquiry_id: int
    en_inquiry_id: int


@pytest.fixture
def seeded(sqlite_url: str) -> Iterator[Seeded]:
    database = open_database(sqlite_url)
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
            email=JOURNALIST,
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
    yield Seeded(database, zh["id"], en["id"])
    database.dispose()


def _officer(server: SmtpTestServer | None = None) -> Settings:
    return Settings(
        officer_name="溫安怡",
        officer_title="企業傳訊經理",
        organization="香港科技園公司",
        from_address="angela.wan@hkstp.org",
        from_name="溫安怡 Angela Wan",
        smtp=server.settings() if server else Settings().smtp,
    )


def _dialog(
    qtbot: QtBot, seeded: Seeded, settings: Settings, inquiry_id: int | None = None
) -> ReplyDialog:
    dialog = ReplyDialog(seeded.database, inquiry_id or seeded.inquiry_id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type_chinese(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _click(qtbot: QtBot, button: Any) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_preview_edit_send_and_the_inquiry_shows_the_reply(
    qtbot: QtBot, seeded: Seeded, smtp_server: SmtpTestServer, memory_keyring: Any
) -> None:
    settings = _officer(smtp_server)
    set_smtp_password(smtp_server.host, smtp_server.user, smtp_server.password)
    dialog = _dialog(qtbot, seeded, settings)

    # The journalist writes in Chinese: Chinese templates first, acknowledgement chosen.
    assert dialog.language.currentData() == "zh-HK"
    assert "journalist" in dialog.language.currentText()
    assert dialog.select_template("answer", "zh-HK")
    assert dialog.sender_label.text() == "溫安怡 Angela Wan <angela.wan@hkstp.org>"
    assert dialog.to.text() == f"陳大文 <{JOURNALIST}>"
    assert "香港科技園公司與地平線簽署合作備忘錄" in dialog.subject.text()
    assert "陳大文" in dialog.body.toPlainText()
    assert dialog.send_button.isEnabled()

    # Edit: a Chinese sentence at the end of the body and a Cc.
    dialog.body.moveCursor(dialog.body.textCursor().MoveOperation.End)
    _type_chinese(dialog.body, "\n研發中心預計招聘上百人。")
    qtbot.keyClicks(dialog.cc, "june.wong@edelman.com")
    body = dialog.body.toPlainText()
    subject = dialog.subject.text()
    dialog.status.setCurrentIndex(dialog.status.findData("answered"))

    with qtbot.waitSignal(dialog.delivered, timeout=20_000):
        _click(qtbot, dialog.send_button)

    (received,) = smtp_server.received
    assert sorted(received.recipients) == [JOURNALIST, "june.wong@edelman.com"]
    arrived = received.message
    assert arrived["Subject"] == subject
    assert arrived["To"].addresses[0].display_name == "陳大文"
    assert arrived["From"].addresses[0].display_name == "溫安怡 Angela Wan"
    text = arrived.get_body(("plain",))
    assert text is not None
    assert text.get_content().replace("\r\n", "\n").rstrip("\n") == body.rstrip("\n")

    (sent,) = sent_replies(seeded.database, seeded.inquiry_id)
    assert sent["method"] == "smtp"
    assert sent["subject"] == subject
    assert "研發中心預計招聘上百人。" in sent["body_text"]
    inquiry = get_inquiry(seeded.database, seeded.inquiry_id)
    assert inquiry["status"] == "answered"
    assert inquiry["first_response_at"] == sent["sent_at"]

    # The dialog shows it: the outcome, the new status and first response, the history.
    assert dialog.outcome.isVisible() and "david.chan@mingpao.com" in dialog.outcome.text()
    assert "First response" in dialog.inquiry_label.text()
    assert "Answered" in dialog.inquiry_label.text()
    assert dialog.history.count() == 1
    assert not dialog.send_button.isEnabled()  # no accidental second send


def test_a_refused_login_shows_the_error_keeps_the_draft_and_logs_nothing(
    qtbot: QtBot, seeded: Seeded, smtp_server: SmtpTestServer, memory_keyring: Any
) -> None:
    set_smtp_password(smtp_server.host, smtp_server.user, "wrong password")
    dialog = _dialog(qtbot, seeded, _officer(smtp_server))
    qtbot.keyClicks(dialog.subject, " (edited)")
    subject = dialog.subject.text()

    with qtbot.waitSignal(dialog.failed, timeout=20_000) as failure:
        _click(qtbot, dialog.send_button)

    assert "refused the login" in failure.args[0]
    assert dialog.outcome.isVisible() and "refused the login" in dialog.outcome.text()
    qtbot.waitUntil(dialog.send_button.isEnabled, timeout=5_000)
    assert dialog.subject.text() == subject  # the draft stays
    assert smtp_server.received == []
    assert sent_replies(seeded.database, seeded.inquiry_id) == []
    inquiry = get_inquiry(seeded.database, seeded.inquiry_id)
    assert inquiry["status"] == "new" and inquiry["first_response_at"] is None


def test_a_rejected_recipient_is_named(
    qtbot: QtBot, seeded: Seeded, smtp_server: SmtpTestServer, memory_keyring: Any
) -> None:
    set_smtp_password(smtp_server.host, smtp_server.user, smtp_server.password)
    dialog = _dialog(qtbot, seeded, _officer(smtp_server))
    dialog.to.setText("nobody@refused.example.com")
    with qtbot.waitSignal(dialog.failed, timeout=20_000) as failure:
        _click(qtbot, dialog.send_button)
    assert "refused a recipient" in failure.args[0]
    assert sent_replies(seeded.database, seeded.inquiry_id) == []


def test_an_unreachable_server_keeps_the_draft_editable_and_logs_nothing(
    qtbot: QtBot, seeded: Seeded, smtp_server: SmtpTestServer, memory_keyring: Any
) -> None:
    set_smtp_password(smtp_server.host, smtp_server.user, smtp_server.password)
    settings = _officer(smtp_server)
    settings = settings.model_copy(
        update={"smtp": smtp_server.settings(port=smtp_fixtures.free_port())}
    )
    dialog = _dialog(qtbot, seeded, settings)
    _type_chinese(dialog.body, "（已修改）")
    body = dialog.body.toPlainText()

    with qtbot.waitSignal(dialog.failed, timeout=20_000) as failure:
        _click(qtbot, dialog.send_button)

    assert "could not be reached" in failure.args[0]
    assert f"refused a connection on port {settings.smtp.port}" in failure.args[0]
    qtbot.waitUntil(dialog.send_button.isEnabled, timeout=5_000)
    assert dialog.body.toPlainText() == body and "（已修改）" in body
    assert dialog.message_form.isEnabled() and not dialog.body.isReadOnly()
    assert dialog.eml_button.isEnabled()  # it can still be kept as .eml
    assert smtp_server.received == []
    assert sent_replies(seeded.database, seeded.inquiry_id) == []
    inquiry = get_inquiry(seeded.database, seeded.inquiry_id)
    assert inquiry["status"] == "new" and inquiry["first_response_at"] is None


def test_from_the_inquiries_view_through_preview_to_send_off_the_gui_thread(
    qtbot: QtBot,
    seeded: Seeded,
    smtp_server: SmtpTestServer,
    memory_keyring: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_smtp_password(smtp_server.host, smtp_server.user, smtp_server.password)
    window = MainWindow(seeded.database)
    qtbot.addWidget(window)
    window.show()
    window.show_view("inquiries")
    view: Any = window.views["inquiries"]
    assert view.select_inquiry(seeded.inquiry_id)

    threads: list[threading.Thread] = []
    deliver = reply_module.deliver_reply

    def deliver_and_note_the_thread(*args: Any, **kwargs: Any) -> dict[str, Any]:
        threads.append(threading.current_thread())
        return deliver(*args, **kwargs)

    monkeypatch.setattr(reply_module, "deliver_reply", deliver_and_note_the_thread)

    def officer_replies(
        database: Database, inquiry_id: int, parent: Any = None
    ) -> dict[str, Any] | None:
        dialog = ReplyDialog(database, inquiry_id, parent, settings=_officer(smtp_server))
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.select_template("answer", "zh-HK")
        assert "陳大文" in dialog.body.toPlainText()
        with qtbot.waitSignal(dialog.delivered, timeout=20_000):
            _click(qtbot, dialog.send_button)
        return dialog.delivery

    monkeypatch.setattr(ReplyDialog, "ask", staticmethod(officer_replies))
    run_reply(window)

    assert len(threads) == 1 and threads[0] is not threading.main_thread()
    (received,) = smtp_server.received
    assert received.recipients == [JOURNALIST]
    (sent,) = sent_replies(seeded.database, seeded.inquiry_id)
    assert received.message["Subject"] == sent["subject"]
    # The inquiries view shows the inquiry answered, with its first-response time.
    row = next(
        r for r in range(view.model.rowCount()) if view.model.row_at(r)["id"] == seeded.inquiry_id
    )
    columns = [c.key for c in view.columns]

    def cell(key: str) -> str:
        return str(view.model.index(row, columns.index(key)).data())

    assert cell("status") == "Answered"
    assert cell("first_response") not in ("", "None")
    assert view.model.row_at(row)["first_response_at"] == sent["sent_at"]


def test_delivery_and_address_errors_are_shown_in_the_interface_language(
    qtbot: QtBot, seeded: Seeded
) -> None:
    unreachable = SmtpSettings(
        host="127.0.0.1", port=smtp_fixtures.free_port(), security="starttls", timeout=5
    )
    message = build_message(
        sender=Mailbox("angela.wan@hkstp.org"),
        to=[Mailbox(JOURNALIST)],
        subject="回覆",
        body_text="你好\n",
    )
    with pytest.raises(MailError) as refused:
        send_smtp(message, unreachable, None)
    with pytest.raises(MailError) as bad_address:
        parse_mailboxes("june.wong@edelman.com/")
    dialog = _dialog(qtbot, seeded, _officer())
    try:
        assert install_translators("zh_HK")
        dialog.on_rejected(refused.value)
        shown = dialog.outcome.text()
        address = error_text(bad_address.value)
    finally:
        install_translators("en")
    assert shown.startswith("無法連接郵件伺服器")
    assert f"伺服器 127.0.0.1 拒絕了連接埠 {unreachable.port} 的連線" in shown
    assert "refused" not in shown
    assert "june.wong@edelman.com" in address and address != bad_address.value.message
    assert error_text(refused.value) == refused.value.message  # English as the service says


def test_save_as_eml_writes_the_message_and_logs_it(
    qtbot: QtBot, seeded: Seeded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, seeded, _officer(), seeded.en_inquiry_id)
    assert dialog.language.currentData() == "zh-HK" or dialog.language.currentData() == "en"
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.to.text() == "Mary Lee <mary.lee@scmp.com>"
    target = tmp_path / "reply"  # the suffix is added
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    dialog.status.setCurrentIndex(dialog.status.findData("in_progress"))
    with qtbot.waitSignal(dialog.delivered, timeout=5_000):
        _click(qtbot, dialog.eml_button)

    saved = tmp_path / "reply.eml"
    parsed = BytesParser(policy=policy.default).parsebytes(saved.read_bytes())
    assert parsed["Subject"] == dialog.subject.text()
    assert parsed["To"].addresses[0].addr_spec == "mary.lee@scmp.com"
    assert parsed["X-Unsent"] == "1"
    text = parsed.get_body(("plain",))
    assert text is not None
    assert text.get_content().replace("\r\n", "\n").strip() == dialog.body.toPlainText().strip()
    (sent,) = sent_replies(seeded.database, seeded.en_inquiry_id)
    assert sent["method"] == "eml"
    inquiry = get_inquiry(seeded.database, seeded.en_inquiry_id)
    assert inquiry["status"] == "in_progress" and inquiry["first_response_at"] is not None


def test_open_in_mail_client_passes_a_mailto_url(
    qtbot: QtBot, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(bytes(url.toEncoded().data()).decode())
        return True

    monkeypatch.setattr(reply_module.QDesktopServices, "openUrl", staticmethod(open_url))
    dialog = _dialog(qtbot, seeded, _officer())
    dialog.mark.setChecked(False)  # the officer keeps the status as it is
    _click(qtbot, dialog.client_button)
    (url,) = opened
    assert url.startswith(f"mailto:{JOURNALIST}?")
    assert "subject=" in url
    inquiry = get_inquiry(seeded.database, seeded.inquiry_id)
    assert inquiry["status"] == "new" and inquiry["first_response_at"] is not None


def test_a_reply_too_long_for_the_mail_client_says_save_as_eml(
    qtbot: QtBot, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(reply_module.QDesktopServices, "openUrl", staticmethod(opened.append))
    dialog = _dialog(qtbot, seeded, _officer())
    dialog.body.setPlainText("研發中心預計招聘上百人科研團隊。\n" * 1_000)
    with qtbot.waitSignal(dialog.failed, timeout=5_000) as failure:
        _click(qtbot, dialog.client_button)
    assert "save it as .eml" in failure.args[0] and "too long" in failure.args[0]
    assert opened == []
    assert sent_replies(seeded.database, seeded.inquiry_id) == []
    assert dialog.eml_button.isEnabled()
    assert "Thunderbird" in dialog.eml_button.toolTip()


def test_an_unfillable_template_names_the_field_and_nothing_can_be_sent(
    qtbot: QtBot, seeded: Seeded
) -> None:
    ensure_default_templates(seeded.database)
    template = find_template(seeded.database, "follow_up", "zh-HK")
    assert template is not None
    update_template(
        seeded.database,
        template["id"],
        {**template, "body_text": "{{ journalist.addressee }}：\n{{ release.fax_number }}\n"},
        expected_version=template["version"],
    )
    dialog = _dialog(qtbot, seeded, _officer())
    assert dialog.select_template("follow_up", "zh-HK")
    assert dialog.refusal.isVisible()
    assert "release.fax_number" in dialog.refusal.text()
    assert dialog.draft is None
    assert not dialog.send_button.isEnabled()
    assert not dialog.client_button.isEnabled()
    assert not dialog.eml_button.isEnabled()
    # Another template is fine again.
    assert dialog.select_template("acknowledgement", "zh-HK")
    assert not dialog.refusal.isVisible() and dialog.send_button.isEnabled()


def test_an_opted_out_journalist_needs_the_explicit_override(
    qtbot: QtBot, seeded: Seeded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inquiry = get_inquiry(seeded.database, seeded.inquiry_id)
    with seeded.database.session() as session:
        session.execute(
            update(Contact).where(col(Contact.id) == inquiry["journalist_id"]).values(opt_out=True)
        )
    dialog = _dialog(qtbot, seeded, _officer())
    assert dialog.warnings.isVisible() and "opt-out" in dialog.warnings.text()
    assert dialog.override.isVisible() and not dialog.override.isChecked()
    assert not dialog.send_button.isEnabled() and not dialog.eml_button.isEnabled()
    dialog.override.setChecked(True)
    assert dialog.eml_button.isEnabled()
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "o.eml"), "")),
    )
    with qtbot.waitSignal(dialog.delivered, timeout=5_000):
        _click(qtbot, dialog.eml_button)
    assert len(sent_replies(seeded.database, seeded.inquiry_id)) == 1


def test_run_reply_uses_the_selected_inquiry_or_says_none_is_selected(
    qtbot: QtBot, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(seeded.database)
    qtbot.addWidget(window)
    window.show()
    window.show_view("inquiries")
    told: list[str] = []
    monkeypatch.setattr(reply_module, "inform", lambda _p, _t, text: told.append(text))
    asked: list[int] = []

    def fake_ask(database: Database, inquiry_id: int, parent: Any = None) -> None:
        asked.append(inquiry_id)

    monkeypatch.setattr(ReplyDialog, "ask", staticmethod(fake_ask))
    view: Any = window.views["inquiries"]
    view.table.clearSelection()
    view.table.setCurrentIndex(view.model.index(-1, -1))
    run_reply(window)
    assert told and "Select an inquiry" in told[0]
    assert asked == []

    assert view.select_inquiry(seeded.en_inquiry_id)
    run_reply(window)
    assert asked == [seeded.en_inquiry_id]


def test_screenshot(qtbot: QtBot, sqlite_url: str, tmp_path: Path) -> None:
    database = open_database(sqlite_url)
    window = MainWindow(database)
    qtbot.addWidget(window)
    widget = reply_module.screenshot(window)
    qtbot.addWidget(widget)
    assert isinstance(widget, ReplyDialog)
    assert widget.draft is not None and widget.to.text()
    assert widget.grab().save(str(tmp_path / "reply.png"))
    database.dispose()
