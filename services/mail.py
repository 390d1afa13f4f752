"""E-mail messages built only from checked values, and the three ways they leave: SMTP,
a ``.eml`` draft file, and a ``mailto:`` URL for the officer's own mail client.

Headers are made from validated ``str`` values only: every address goes through
:func:`services.emails.check_email`, and a display name or subject holding a line break or
another control character is refused, not cleaned. (Python 3.11.7 lets a header copied from
a parsed message carry a ``Bcc:`` line through, CVE-2024-6923, so nothing here copies
header objects.) Chinese display names and subjects are RFC 2047-encoded by
:class:`email.headerregistry.Address` and the ``SMTP`` policy.

Opening the mail client is the GUI's job (``QDesktopServices``); this module gives it the URL.
"""

from __future__ import annotations

import contextlib
import copy
import os
import smtplib
import socket
import ssl
import sys
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from email_validator import EmailNotValidError, validate_email

from services.emails import check_email, split_emails
from services.phrases import QT_TRANSLATE_NOOP, Phrase, phrase
from services.problems import InputRejected, Problem, Severity
from services.saved_files import give_saved_mode

if TYPE_CHECKING:
    from services.settings import SmtpSettings

SMTP_POLICY = policy.SMTP
# The catalogue context of this module's messages (QT_TRANSLATE_NOOP needs it literally).
MAIL_CONTEXT = "Mail"
# "none" sends the password and the mail in clear text: only over the loopback interface,
# where nothing leaves the computer (a local relay, a test server).
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
NO_ENCRYPTION_MESSAGE = QT_TRANSLATE_NOOP(
    "Mail",
    'Security "none" sends your password and your mail unencrypted, so it is allowed only '
    "for a mail server on this computer (127.0.0.1 or localhost). Use SSL (usually port "
    "465) or STARTTLS (usually port 587) for any other server.",
)
# How long a mailto: URL may be before the mail client may get only part of it. RFC 6068
# sets no limit; on Windows about 2,000 characters is what is reported to arrive whole
# (Internet Explorer's URL limit is 2,083, Firefox stopped at ~2,000 in tests), while on
# Linux and macOS a URL is handed to the client as one program argument (128 KiB on Linux).
# Every Chinese character takes 9 characters encoded, so on Windows a Chinese reply of more
# than ~200 characters is too long for a link: it must be saved as .eml instead.
MAILTO_SAFE_LENGTH = 2000 if sys.platform == "win32" else 100_000
# Zero-width (non-)joiners are format characters that emoji and some scripts need.
_ALLOWED_FORMAT_CHARS = frozenset({"\u200c", "\u200d"})
_BODY_CONTROLS_ALLOWED = frozenset({"\n", "\t"})


class MailError(InputRejected):
    """A message that cannot be built or delivered, with a message for the officer.

    Attributes:
        kind: what went wrong, for the GUI to choose its help text: ``address``,
            ``header``, ``config``, ``login``, ``connection``, ``tls``, ``recipient``,
            ``sender``, ``server``, ``file`` or ``client``.
        phrase: the message as a template and values (context ``Mail``) for the GUI to
            translate, or None when it is plain English only.
    """

    def __init__(
        self, message: str | Phrase, *, kind: str, problems: list[Problem] | None = None
    ) -> None:
        super().__init__(message, problems)
        self.kind = kind


def _says(template: str, *values: str | Phrase) -> Phrase:
    """A message of this module (``template`` marked with ``QT_TRANSLATE_NOOP("Mail", …)``)."""
    return phrase(template, *values)


@dataclass(frozen=True, slots=True)
class Mailbox:
    """An address with an optional display name ("黃嘉琪 <June.Wong@edelman.com>")."""

    address: str
    name: str = ""

    def __str__(self) -> str:
        """The mailbox as a person reads it (not RFC 2047-encoded)."""
        if not self.name:
            return self.address
        local, _, domain = self.address.rpartition("@")
        return str(Address(display_name=self.name, username=local, domain=domain))


@dataclass(frozen=True, slots=True)
class SendResult:
    """What the SMTP server accepted.

    Attributes:
        message_id: the Message-ID header of the message sent.
        refused: recipients the server refused while accepting others, with its reply.
    """

    message_id: str | None
    refused: dict[str, str] = field(default_factory=dict)


def _control_char(value: str, allowed: frozenset[str] = frozenset()) -> tuple[int, str] | None:
    for index, ch in enumerate(value):
        if ch in allowed or ch in _ALLOWED_FORMAT_CHARS:
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            return index, ch
    return None


def check_header_text(value: str, field: str) -> str:
    """Return ``value`` when it can be one header line; refuse it otherwise.

    A line break in a name or subject is how a header is injected (a hidden ``Bcc:``),
    and a direction override can disguise what a person reads, so these are refused, not
    silently removed: the officer sees what was wrong.

    Raises:
        MailError: ``value`` holds a line break or another control character.
    """
    found = _control_char(value)
    if found is None:
        return value
    index, ch = found
    what = "a line break" if ch in "\r\n\u2028\u2029\x85" else "a control character"
    message = (
        f"The {field} contains {what} (U+{ord(ch):04X}) at position {index + 1}; "
        "it must be a single line of text."
    )
    raise MailError(
        message,
        kind="header",
        problems=[Problem(Severity.ERROR, "message", field, value, message, None)],
    )


def checked_mailbox(address: str, name: str = "", *, field: str = "address") -> Mailbox:
    """A :class:`Mailbox` from an address and display name, both checked.

    Raises:
        MailError: the address is not valid (the message carries the likely correction),
            or the name is not a single line of text.
    """
    check = check_email(address, field=field, where="message")
    if not check.valid or check.normalized is None:
        problems = [p for p in check.problems if p.severity == Severity.ERROR]
        message: str | Phrase = (
            (problems[0].phrase or problems[0].message)
            if problems
            else _says(QT_TRANSLATE_NOOP("Mail", "%1 is not an e-mail address."), repr(address))
        )
        raise MailError(message, kind="address", problems=problems)
    return Mailbox(check.normalized, check_header_text(name.strip(), f"{field} name"))


def parse_mailboxes(text: str, *, field: str = "to") -> list[Mailbox]:
    """Read what an officer typed in a To or Cc box: addresses, optionally with names.

    Accepts ``a@x.com, 黃嘉琪 <June.Wong@edelman.com>; "Wong, June" <june@x.com>``.

    Raises:
        MailError: one of the addresses or names is not valid.
    """
    mailboxes = []
    for piece in split_emails(text):
        name, _, rest = piece.partition("<")
        if rest:
            address = rest.rstrip().removesuffix(">").strip()
            name = name.strip().strip("\"“”'")
        else:
            address, name = piece, ""
        mailboxes.append(checked_mailbox(address, name, field=field))
    return mailboxes


def format_mailboxes(mailboxes: Sequence[Mailbox]) -> str:
    """Mailboxes as one line a person can read and :func:`parse_mailboxes` reads back."""
    return ", ".join(str(m) for m in mailboxes)


def normalize_body(text: str, field: str = "body") -> str:
    """The body with every line break as ``\\n``; other control characters are refused.

    Raises:
        MailError: the body holds a control character other than a line break or tab.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n")
    found = _control_char(text, _BODY_CONTROLS_ALLOWED)
    if found is not None and unicodedata.category(found[1]) == "Cc":
        index, ch = found
        raise MailError(
            f"The {field} contains the control character U+{ord(ch):04X} at position "
            f"{index + 1}; remove it.",
            kind="header",
        )
    return text


def _header_address(mailbox: Mailbox) -> Address:
    checked = checked_mailbox(mailbox.address, mailbox.name)
    try:
        ascii_form = validate_email(checked.address, check_deliverability=False).ascii_email
    except EmailNotValidError as exc:  # check_email accepted it, so this is a bug
        raise AssertionError(
            f"{checked.address!r} passed check_email but not validate_email"
        ) from exc
    if ascii_form is None:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP(
                    "Mail",
                    "%1 has non-ASCII characters before the @, which needs a mail system "
                    "feature (SMTPUTF8) PressDesk does not use; ask for another address.",
                ),
                checked.address,
            ),
            kind="address",
        )
    local, _, domain = ascii_form.rpartition("@")
    return Address(display_name=checked.name, username=local, domain=domain)


def build_message(
    *,
    sender: Mailbox | None,
    to: Sequence[Mailbox],
    cc: Sequence[Mailbox] = (),
    subject: str,
    body_text: str,
    body_html: str | None = None,
    language: str | None = None,
    draft: bool = False,
) -> EmailMessage:
    """Build a message from checked values; plain text, plus HTML as an alternative.

    Args:
        sender: the From mailbox; may be None only for a ``draft`` (the mail client fills it).
        to: the recipients; at least one.
        cc: copy recipients.
        subject: one line.
        body_text: the plain-text body, exactly as previewed.
        body_html: an HTML alternative, or None for plain text only.
        language: the Content-Language ("zh-HK", "en").
        draft: a draft for a mail client: ``X-Unsent: 1``, and no Date or Message-ID
            (the client sets them when it sends).

    Raises:
        MailError: an address, name, subject or body is not acceptable.
    """
    if not to:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP(
                    "Mail", "There is no recipient: add the journalist's e-mail address."
                )
            ),
            kind="address",
        )
    if sender is None and not draft:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP(
                    "Mail", "There is no sender address: set your From address in the settings."
                )
            ),
            kind="config",
        )
    subject = check_header_text(subject.strip(), "subject")
    if not subject:
        raise MailError(_says(QT_TRANSLATE_NOOP("Mail", "The subject is empty.")), kind="header")
    text = normalize_body(body_text)
    html = normalize_body(body_html, "HTML body") if body_html is not None else None
    message = EmailMessage(policy=SMTP_POLICY)
    if sender is not None:
        message["From"] = _header_address(sender)
    message["To"] = tuple(_header_address(m) for m in to)
    if cc:
        message["Cc"] = tuple(_header_address(m) for m in cc)
    message["Subject"] = subject
    if draft:
        message["X-Unsent"] = "1"
    else:
        message["Date"] = format_datetime(datetime.now().astimezone())
        domain = _header_address(sender).domain if sender is not None else None
        message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    if language:  # after the content: set_content() replaces every Content-* header
        message["Content-Language"] = language
    return message


def tls_context(ca_file: str | None) -> ssl.SSLContext:
    """The context every TLS connection uses: certificates and host names verified.

    Raises:
        MailError: ``ca_file`` cannot be read as a certificate bundle.
    """
    try:
        return ssl.create_default_context(cafile=ca_file)
    except FileNotFoundError as exc:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP(
                    "Mail", "The certificate file %1 in the settings does not exist."
                ),
                str(ca_file),
            ),
            kind="config",
        ) from exc
    except (ssl.SSLError, OSError) as exc:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP(
                    "Mail", "The certificate file %1 in the settings cannot be used: %2"
                ),
                str(ca_file),
                str(exc),
            ),
            kind="config",
        ) from exc


def _reply_text(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return f"{code} {' '.join(text.split())}"


def send_smtp(message: EmailMessage, smtp: SmtpSettings, password: str | None) -> SendResult:
    """Send ``message`` through the configured server, over SSL or STARTTLS, verified.

    Args:
        message: a message from :func:`build_message`.
        smtp: the server settings.
        password: the login password; needed when ``smtp.user`` is set.

    Returns:
        The Message-ID, and any recipients refused while others were accepted (the message
        was then sent to the others).

    Raises:
        MailError: not set up, login refused, server unreachable, TLS failure, every
            recipient refused, or another server error. Nothing was sent.
    """
    host, port = smtp.host, smtp.port
    where = f"{host}:{port}"
    check_ports = QT_TRANSLATE_NOOP(
        "Mail",
        "Check the port and the security setting (SSL is usually port 465, STARTTLS port 587).",
    )
    if not host:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP(
                    "Mail",
                    "No outgoing mail server is set up: enter the SMTP server in the settings.",
                )
            ),
            kind="config",
        )
    if smtp.security == "none" and host.lower() not in LOCAL_HOSTS:
        raise MailError(_says(NO_ENCRYPTION_MESSAGE), kind="config")
    if smtp.user and not password:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP("Mail", "The password of %1 on %2 is needed to send."),
                smtp.user,
                host,
            ),
            kind="login",
        )
    context = tls_context(smtp.ca_file)
    try:
        client: smtplib.SMTP
        if smtp.security == "ssl":
            client = smtplib.SMTP_SSL(host, port, timeout=smtp.timeout, context=context)
        else:
            client = smtplib.SMTP(host, port, timeout=smtp.timeout)
        with client:
            client.ehlo()
            if smtp.security == "starttls":
                if not client.has_extn("starttls"):
                    raise MailError(
                        _says(
                            QT_TRANSLATE_NOOP(
                                "Mail",
                                "The server %1 does not offer STARTTLS, so the password and "
                                "mail would travel unencrypted. %2",
                            ),
                            where,
                            _says(check_ports),
                        ),
                        kind="tls",
                    )
                client.starttls(context=context)
                client.ehlo()
            if smtp.user:
                assert password is not None
                client.login(smtp.user, password)
            refused = client.send_message(message)
    except MailError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP(
                    "Mail",
                    "The server %1 refused the login of %2 (%3). Check the user name and password.",
                ),
                host,
                smtp.user,
                _reply_text(exc.smtp_code, exc.smtp_error),
            ),
            kind="login",
        ) from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP(
                    "Mail",
                    "The server %1 does not support what was asked of it (%2). If it needs "
                    "no login, leave the SMTP user empty.",
                ),
                where,
                str(exc),
            ),
            kind="login",
        ) from exc
    except smtplib.SMTPRecipientsRefused as exc:
        detail = "; ".join(
            f"{address}: {_reply_text(code, reply)}"
            for address, (code, reply) in exc.recipients.items()
        )
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP(
                    "Mail", "The server %1 refused every recipient, so nothing was sent: %2."
                ),
                host,
                detail,
            ),
            kind="recipient",
        ) from exc
    except smtplib.SMTPSenderRefused as exc:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP(
                    "Mail",
                    "The server %1 refused the sender address %2 (%3). Use the address of the "
                    "mail account you log in with.",
                ),
                host,
                str(exc.sender),
                _reply_text(exc.smtp_code, exc.smtp_error),
            ),
            kind="sender",
        ) from exc
    except smtplib.SMTPServerDisconnected as exc:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP("Mail", "The server %1 closed the connection (%2). %3"),
                where,
                str(exc) or _says(QT_TRANSLATE_NOOP("Mail", "no reason given")),
                _says(check_ports),
            ),
            kind="connection",
        ) from exc
    except smtplib.SMTPResponseException as exc:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP("Mail", "The server %1 did not accept the message (%2)."),
                host,
                _reply_text(exc.smtp_code, exc.smtp_error),
            ),
            kind="server",
        ) from exc
    except smtplib.SMTPException as exc:
        raise MailError(
            _says(QT_TRANSLATE_NOOP("Mail", "Sending through %1 failed: %2"), where, str(exc)),
            kind="server",
        ) from exc
    except ssl.SSLCertVerificationError as exc:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP(
                    "Mail",
                    "The certificate of %1 could not be verified (%2), so nothing was sent. "
                    "If your organisation uses its own certificate authority, set its "
                    "certificate file (CA file) in the settings.",
                ),
                host,
                str(exc.verify_message),
            ),
            kind="tls",
        ) from exc
    except ssl.SSLError as exc:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP("Mail", "The encrypted connection to %1 failed (%2). %3"),
                where,
                str(exc.reason or exc),
                _says(check_ports),
            ),
            kind="tls",
        ) from exc
    except TimeoutError as exc:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP("Mail", "The server %1 did not answer within %2 seconds."),
                where,
                f"{smtp.timeout:g}",
            ),
            kind="connection",
        ) from exc
    except socket.gaierror as exc:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP(
                    "Mail",
                    "The server name %1 cannot be found (%2). Check the name and your "
                    "network connection.",
                ),
                host,
                str(exc.strerror),
            ),
            kind="connection",
        ) from exc
    except ConnectionRefusedError as exc:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP(
                    "Mail", "The server %1 refused a connection on port %2. Check the port."
                ),
                host,
                str(port),
            ),
            kind="connection",
        ) from exc
    except OSError as exc:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP("Mail", "Cannot reach the server %1: %2."),
                where,
                str(exc.strerror or exc),
            ),
            kind="connection",
        ) from exc
    except UnicodeEncodeError as exc:  # smtplib sends the login as ASCII only
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP(
                    "Mail",
                    "The user name or password contains characters the mail login cannot "
                    "carry (only ASCII is possible).",
                )
            ),
            kind="login",
        ) from exc
    return SendResult(
        message_id=message["Message-ID"],
        refused={address: _reply_text(code, reply) for address, (code, reply) in refused.items()},
    )


def save_eml(message: EmailMessage, path: Path) -> Path:
    """Write ``message`` as a ``.eml`` draft and return the path.

    ``X-Unsent: 1`` makes Outlook open the file as a new message ready to send. Thunderbird
    ignores the header and shows the file read-only, as a received message; its "Edit as
    New Message" (Ctrl+E) turns it into a draft. The header is kept for Outlook.

    Raises:
        MailError: the file cannot be written (nothing is left half-written).
    """
    draft = copy.deepcopy(message)
    if draft["X-Unsent"] is None:
        draft["X-Unsent"] = "1"
    data = draft.as_bytes(policy=SMTP_POLICY)
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".draft-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            give_saved_mode(temporary, path)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except OSError as exc:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP("Mail", "Cannot save %1: %2."),
                str(path),
                str(exc.strerror or exc),
            ),
            kind="file",
        ) from exc
    return path


def mailto_url(
    to: Sequence[Mailbox | str],
    cc: Sequence[Mailbox | str] = (),
    subject: str = "",
    body: str = "",
    *,
    max_length: int = MAILTO_SAFE_LENGTH,
) -> str:
    """A ``mailto:`` URL (RFC 6068) that opens a new message in the officer's mail client.

    Every value is percent-encoded as UTF-8 with nothing left bare, so ``+``, ``&``, ``#``
    and Chinese arrive as typed (``QUrlQuery`` would leave ``+``, which some clients read
    as a space). Line breaks in the body become ``%0D%0A``. Display names are not part of
    a mailto: URL; only the addresses are.

    A URL longer than ``max_length`` is refused rather than handed over: the mail client
    could silently get a cut-off body while the whole text is logged as delivered.

    Raises:
        MailError: an address is not valid, the subject is not one line, or the URL would
            be longer than ``max_length`` (kind ``client``; save as .eml instead).
    """

    def addresses(values: Sequence[Mailbox | str], field: str) -> str:
        checked = [
            checked_mailbox(v.address if isinstance(v, Mailbox) else v, field=field) for v in values
        ]
        return ",".join(quote(m.address, safe="@") for m in checked)

    subject = check_header_text(subject, "subject")
    url = "mailto:" + addresses(to, "to")
    query = []
    if cc:
        query.append("cc=" + addresses(cc, "cc"))
    if subject:
        query.append("subject=" + quote(subject, safe=""))
    if body:
        query.append("body=" + quote(normalize_body(body).replace("\n", "\r\n"), safe=""))
    url += "?" + "&".join(query) if query else ""
    if len(url) > max_length:
        raise MailError(
            _says(
                QT_TRANSLATE_NOOP(
                    "Mail",
                    "The message is too long to hand to the mail client as a link (%1 "
                    "characters encoded; at most %2 arrive whole, and every Chinese character "
                    "takes 9). Save it as .eml and open that, or send it from PressDesk.",
                ),
                f"{len(url):,}",
                f"{max_length:,}",
            ),
            kind="client",
        )
    return url
