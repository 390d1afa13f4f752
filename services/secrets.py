"""The SMTP password: kept in the system keyring, never in a file or the database.

Where no keyring works (a headless Linux machine has none; keyring then raises
``NoKeyringError``), the password is kept in this process's memory only, and
:func:`keyring_unavailable_reason` says why, so the GUI can ask once per session and tell
the officer that the password is forgotten when they quit. A file-based keyring
(``keyrings.alt``) is deliberately not used: it stores the password as plain text.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import keyring
from keyring.backends import fail
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

from services.problems import InputRejected

SERVICE_PREFIX = "PressDesk SMTP"

_lock = threading.Lock()
_session_passwords: dict[tuple[str, str], str] = {}
_last_problem: str | None = None


@dataclass(frozen=True, slots=True)
class PasswordStorage:
    """Where a password was put.

    Attributes:
        in_keyring: True when the system keyring holds it.
        reason: why it is only in memory (for the user), None when in the keyring.
    """

    in_keyring: bool
    reason: str | None = None


def keyring_service(host: str) -> str:
    """The keyring's service name for an SMTP server (``keyring get`` uses it too)."""
    return f"{SERVICE_PREFIX} {host.strip().lower()}"


def _key(host: str, user: str) -> tuple[str, str]:
    return host.strip().lower(), user


# keyring's own text recommends keyrings.alt (plain-text storage): not our advice. The GUI
# has a translation of this exact text (desktop/dialogs/smtp_settings.py, keyring_note).
NO_KEYRING_REASON = (
    "No system keyring is available (no keyring service such as GNOME Keyring, KWallet, "
    "macOS Keychain or Windows Credential Manager is running); the password is kept only "
    "until you quit."
)


def _unavailable(exc: KeyringError) -> str:
    global _last_problem  # noqa: PLW0603 - one fact about this process, shared by threads
    if isinstance(exc, NoKeyringError):
        reason = NO_KEYRING_REASON
    else:
        cause = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        reason = (
            f"No system keyring is available ({cause}); the password is kept only until you quit."
        )
    _last_problem = reason
    return reason


def keyring_unavailable_reason() -> str | None:
    """Why passwords cannot be kept in the system keyring, or None when they can.

    The GUI shows this beside the password field before asking for the password.
    """
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return _unavailable(NoKeyringError())
    return _last_problem


def get_smtp_password(host: str, user: str) -> str | None:
    """The saved password for ``user`` on ``host``, or None when there is none."""
    key = _key(host, user)
    with _lock:
        if key in _session_passwords:
            return _session_passwords[key]
    try:
        return keyring.get_password(keyring_service(host), user)
    except KeyringError as exc:
        _unavailable(exc)
        return None


def set_smtp_password(host: str, user: str, password: str) -> PasswordStorage:
    """Save the password in the keyring, or in memory until quit when there is none.

    The keyring is read back after writing: a backend that silently discards passwords
    (keyring's "null" backend) would otherwise make the app ask again on every send.

    Raises:
        InputRejected: the password is empty.
    """
    if not password:
        raise InputRejected("The password is empty; type the password of your mail account.")
    key = _key(host, user)
    service = keyring_service(host)
    try:
        keyring.set_password(service, user, password)
        kept = keyring.get_password(service, user) == password
    except KeyringError as exc:
        reason = _unavailable(exc)
    else:
        if kept:
            with _lock:
                _session_passwords.pop(key, None)
            return PasswordStorage(in_keyring=True)
        reason = _unavailable(
            KeyringError(f"the keyring {type(keyring.get_keyring()).__name__} did not keep it")
        )
    with _lock:
        _session_passwords[key] = password
    return PasswordStorage(in_keyring=False, reason=reason)


def forget_smtp_password(host: str, user: str) -> None:
    """Remove the password from memory and from the keyring (nothing to forget is fine)."""
    with _lock:
        _session_passwords.pop(_key(host, user), None)
    try:
        keyring.delete_password(keyring_service(host), user)
    except PasswordDeleteError:
        pass  # there was none
    except KeyringError as exc:
        _unavailable(exc)


def clear_session_passwords() -> None:
    """Forget every password kept in memory (on quit, or between tests)."""
    global _last_problem  # noqa: PLW0603
    with _lock:
        _session_passwords.clear()
    _last_problem = None
