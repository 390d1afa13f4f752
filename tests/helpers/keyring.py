"""Keyrings for the tests: an in-memory one, and the "none available" of a headless machine."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError

from services.secrets import clear_session_passwords


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict (never on disk)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")


@contextmanager
def _installed(backend: KeyringBackend) -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    clear_session_passwords()
    try:
        yield
    finally:
        keyring.set_keyring(previous)
        clear_session_passwords()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A working system keyring, in memory."""
    backend = MemoryKeyring()
    with _installed(backend):
        yield backend


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """No keyring at all, as on a headless Linux machine (every call raises NoKeyringError)."""
    with _installed(fail.Keyring()):
        yield
