"""A real SMTP server on 127.0.0.1 for the tests: aiosmtpd with STARTTLS (or implicit TLS),
AUTH, and a certificate from a throw-away certificate authority.

The client verifies the server exactly as it would a real one: the tests give it the
authority's certificate as ``ca_file`` (a private CA, as a corporate network has), never
an unverified context.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd import smtp as aiosmtp
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from services.settings import SmtpSettings

SMTP_USER = "press.officer@pressdesk.test"
SMTP_PASSWORD = "Tr0ub4dor&3 horse-battery"  # the test server's own password
REFUSED_DOMAIN = "refused.example.com"


@dataclass(frozen=True)
class Certificates:
    """A private CA and a server certificate for localhost / 127.0.0.1 signed by it."""

    ca_file: Path
    cert_file: Path
    key_file: Path


@dataclass(frozen=True)
class ReceivedMessage:
    """One message as the server received it."""

    mail_from: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        """The message parsed back (policy ``default``: headers decoded)."""
        parsed = BytesParser(policy=policy.default).parsebytes(self.data)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class RecordingHandler:
    """Accepts mail, refusing recipients at :data:`REFUSED_DOMAIN`, and keeps it."""

    received: list[ReceivedMessage] = field(default_factory=list)

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self,
        server: aiosmtp.SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if address.lower().endswith("@" + REFUSED_DOMAIN):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 - aiosmtpd's hook name
        self, server: aiosmtp.SMTP, session: Session, envelope: Envelope
    ) -> str:
        data = envelope.original_content or b""
        self.received.append(
            ReceivedMessage(str(envelope.mail_from), list(envelope.rcpt_tos), bytes(data))
        )
        return "250 Message accepted for delivery"


def _authenticate(
    server: aiosmtp.SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == SMTP_USER.encode()
        and auth_data.password == SMTP_PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)


@dataclass
class SmtpTestServer:
    """A running server and how to reach it."""

    host: str
    port: int
    security: str
    ca_file: Path
    handler: RecordingHandler
    user: str = SMTP_USER
    password: str = SMTP_PASSWORD

    @property
    def received(self) -> list[ReceivedMessage]:
        """Every message accepted so far."""
        return self.handler.received

    def settings(self, **changes: Any) -> SmtpSettings:
        """SMTP settings that reach this server, verified against the test CA."""
        values: dict[str, Any] = {
            "host": self.host,
            "port": self.port,
            "security": self.security,
            "user": self.user,
            "ca_file": str(self.ca_file),
            "timeout": 10,
        }
        values.update(changes)
        return SmtpSettings(**values)


def free_port() -> int:
    """A TCP port nobody listens on now (aiosmtpd's Controller cannot take port 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_certificates(directory: Path) -> Certificates:
    """Write a CA certificate and a localhost server certificate signed by it."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "PressDesk test CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    files = Certificates(directory / "ca.pem", directory / "server.pem", directory / "server.key")
    files.ca_file.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    files.cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    files.key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return files


class _ImplicitTLSServer(aiosmtp.SMTP):
    """aiosmtpd counts only STARTTLS as TLS when deciding to offer AUTH; on an
    implicit-TLS port the whole connection is TLS, so it counts too."""

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)
        if transport.get_extra_info("ssl_object") is not None:
            self._tls_protocol = transport


class _ImplicitTLSController(Controller):
    def factory(self) -> aiosmtp.SMTP:
        return _ImplicitTLSServer(self.handler, **self.SMTP_kwargs)


def _server_context(certificates: Certificates) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certificates.cert_file, certificates.key_file)
    return context


def _running(certificates: Certificates, *, implicit_tls: bool) -> Iterator[SmtpTestServer]:
    handler = RecordingHandler()
    port = free_port()
    context = _server_context(certificates)
    tls: dict[str, Any] = (
        {"ssl_context": context}
        if implicit_tls
        else {"tls_context": context, "require_starttls": True}
    )
    controller_class = _ImplicitTLSController if implicit_tls else Controller
    controller = controller_class(
        handler,
        hostname="127.0.0.1",
        port=port,
        auth_required=True,
        auth_require_tls=True,
        authenticator=_authenticate,
        **tls,
    )
    controller.start()
    try:
        yield SmtpTestServer(
            host="127.0.0.1",
            port=port,
            security="ssl" if implicit_tls else "starttls",
            ca_file=certificates.ca_file,
            handler=handler,
        )
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def smtp_certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    """One test CA and server certificate for the whole run."""
    return make_certificates(tmp_path_factory.mktemp("smtp-tls"))


@pytest.fixture
def smtp_server(smtp_certificates: Certificates) -> Iterator[SmtpTestServer]:
    """An SMTP server on 127.0.0.1 that requires STARTTLS and AUTH."""
    yield from _running(smtp_certificates, implicit_tls=False)


@pytest.fixture
def smtp_ssl_server(smtp_certificates: Certificates) -> Iterator[SmtpTestServer]:
    """An SMTP server on 127.0.0.1 with TLS from the first byte (port-465 style) and AUTH."""
    yield from _running(smtp_certificates, implicit_tls=True)
