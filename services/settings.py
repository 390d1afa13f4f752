"""The settings file: who the press officer is and how their mail leaves this computer.

The settings are JSON in the user's configuration folder
(``platformdirs.user_config_path("PressDesk")/settings.json``). The SMTP password is
never part of them: it lives in the system keyring (:mod:`services.secrets`). A
``password`` someone typed into the file by hand is ignored and dropped on the next save.

Saving is atomic (a temporary file in the same folder, flushed, then renamed over the old
one), so a crash or a full disk never leaves half a settings file behind.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Literal

from platformdirs import user_config_path
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from db.engine import APP_NAME
from services.emails import check_email
from services.inquiries import validation_problems
from services.mail import LOCAL_HOSTS, NO_ENCRYPTION_MESSAGE, check_header_text
from services.problems import InputRejected, Severity

SETTINGS_FILE_NAME = "settings.json"
SmtpSecurity = Literal["ssl", "starttls", "none"]
SMTP_SECURITY_CHOICES: tuple[str, ...] = ("ssl", "starttls", "none")
DEFAULT_SMTP_PORTS: dict[str, int] = {"ssl": 465, "starttls": 587, "none": 25}


class SettingsError(InputRejected):
    """The settings file cannot be read or holds values that cannot be used."""


def settings_path() -> Path:
    """Return where this user's settings file lives."""
    return user_config_path(APP_NAME, appauthor=False) / SETTINGS_FILE_NAME


def _default_officer_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name and no passwd entry (some containers)
        return ""


def _one_line(value: str, field: str) -> str:
    try:
        return check_header_text(value, field)
    except InputRejected as exc:
        raise ValueError(exc.message) from exc


class SmtpSettings(BaseModel):
    """How to reach the outgoing mail server.

    Attributes:
        host: the server name or address; empty until the officer sets it up.
        port: the TCP port (465 for SSL, 587 for STARTTLS are the usual ones).
        security: "ssl" (TLS from the first byte), "starttls" (upgrade after connecting),
            or "none" (only for a server on this computer).
        user: the login name; empty for a server that needs no login.
        ca_file: a certificate bundle of a private or corporate certificate authority, used
            instead of the system's to verify the server. Verification is never turned off.
        timeout: seconds to wait for the server before giving up.
    """

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    host: str = Field(default="", max_length=255)
    port: int = Field(default=DEFAULT_SMTP_PORTS["starttls"], ge=1, le=65535)
    security: SmtpSecurity = "starttls"
    user: str = Field(default="", max_length=320)
    ca_file: str | None = None
    timeout: float = Field(default=30.0, gt=0, le=600)

    @field_validator("host")
    @classmethod
    def _host(cls, value: str) -> str:
        if any(ch.isspace() for ch in value):
            raise ValueError(f"{value!r} is not a server name: it contains a space.")
        return _one_line(value, "SMTP host")

    @field_validator("user")
    @classmethod
    def _user(cls, value: str) -> str:
        return _one_line(value, "SMTP user")

    @field_validator("ca_file")
    @classmethod
    def _ca_file(cls, value: str | None) -> str | None:
        return value or None

    @model_validator(mode="after")
    def _encryption_off_only_locally(self) -> SmtpSettings:
        if self.security == "none" and self.host and self.host.lower() not in LOCAL_HOSTS:
            raise ValueError(NO_ENCRYPTION_MESSAGE)
        return self


class Settings(BaseModel):
    """Everything the settings file holds.

    Attributes:
        officer_name: the name replies are signed with (defaults to the login name).
        officer_title: the officer's job title, for the signature.
        organization: the press office's organisation, for the signature.
        phone: the officer's phone number, for the signature.
        from_address: the address replies come from.
        from_name: the display name beside ``from_address`` (defaults to ``officer_name``).
        smtp: the outgoing mail server.
    """

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    officer_name: str = Field(default_factory=_default_officer_name, max_length=100)
    officer_title: str = Field(default="", max_length=200)
    organization: str = Field(default="", max_length=300)
    phone: str = Field(default="", max_length=60)
    from_address: str = Field(default="", max_length=320)
    from_name: str = Field(default="", max_length=200)
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)

    @field_validator("officer_name", "officer_title", "organization", "phone", "from_name")
    @classmethod
    def _single_line(cls, value: str) -> str:
        return _one_line(value, "setting")

    @field_validator("from_address")
    @classmethod
    def _from_address(cls, value: str) -> str:
        if not value:
            return ""
        check = check_email(value, field="from_address")
        if not check.valid or check.normalized is None:
            problem = next(p for p in check.problems if p.severity == Severity.ERROR)
            raise ValueError(problem.message)
        return check.normalized

    @property
    def sender_name(self) -> str:
        """The display name on outgoing mail."""
        return self.from_name or self.officer_name


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; a missing file gives the defaults.

    Args:
        path: another file to read (tests); default :func:`settings_path`.

    Raises:
        SettingsError: the file cannot be read, is not JSON, or holds unusable values.
            The message names the file and the setting, so the user can fix or delete it.
    """
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"Cannot read the settings file {path}: {exc}") from exc
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SettingsError(
            f"The settings file {path} is not valid JSON (line {exc.lineno}: {exc.msg}). "
            "Correct it, or delete it to start again from the defaults."
        ) from exc
    if not isinstance(data, dict):
        raise SettingsError(f"The settings file {path} does not hold settings (a JSON object).")
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, str(path))
        detail = "; ".join(f"{p.field}: {p.message}" for p in problems)
        raise SettingsError(
            f"The settings file {path} has values that cannot be used: {detail}", problems
        ) from exc


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings file atomically and return its path.

    The settings are validated again first (a caller may have built them with
    ``model_construct``), so an unusable file is never written.

    Raises:
        SettingsError: a value is unusable, or the file cannot be written.
    """
    path = path or settings_path()
    try:
        checked = Settings.model_validate(settings.model_dump())
    except ValidationError as exc:
        problems = validation_problems(exc, "settings")
        raise SettingsError(problems[0].message if problems else str(exc), problems) from exc
    text = json.dumps(checked.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, text)
    except OSError as exc:
        raise SettingsError(f"Cannot save the settings to {path}: {exc}") from exc
    return path


def _write_atomically(path: Path, text: str) -> None:
    # mkstemp creates the file readable by this user only; the rename replaces the old
    # file in one step, so a reader sees either the old settings or the new ones.
    fd, temporary = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
