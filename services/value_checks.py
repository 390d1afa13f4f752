"""Validating the phone and e-mail values an importer found, the same way for every source.

An importer may apply an obvious fix (a trailing "/", "mailto:", "00852" typed for
"+852", a mainland mobile without +86) but must say so; what
cannot be validated is returned as text so the caller can keep it on the contact.
"""

from __future__ import annotations

from typing import NamedTuple

from services.emails import check_email, email_key
from services.phones import check_phone, guess_phone_label
from services.phrases import QT_TRANSLATE_NOOP, phrase
from services.problems import Problem, Severity


class PhoneValue(NamedTuple):
    """A validated phone number ready to store (a tuple: cheap to send between processes)."""

    e164: str
    extension: str | None
    type: str
    raw: str


class EmailValue(NamedTuple):
    """A validated e-mail address ready to store (a tuple: cheap to send between processes)."""

    address: str
    key: str
    type: str
    raw: str


def validate_phone_text(
    text: str, *, region: str, where: str, label: str = "", type_: str = ""
) -> tuple[list[PhoneValue], list[str], list[Problem]]:
    """Validate a phone field that may hold several numbers.

    Returns:
        The valid numbers, the pieces that were not valid (to keep as text), and problems.
    """
    check = check_phone(text, region, field="phone", where=where)
    values: list[PhoneValue] = []
    invalid: list[str] = []
    fixed: dict[str, str] = {}  # as typed -> the number stored instead
    for number in check.numbers:
        stored = number if number.valid else number.fixed
        if stored is None or not stored.e164:
            invalid.append(number.input)
            continue
        values.append(
            PhoneValue(stored.e164, stored.extension, type_ or guess_phone_label(stored, label),
                       number.input)
        )  # fmt: skip
        if stored is not number and stored.international:
            fixed[number.input] = stored.international
    if not check.numbers and text.strip():
        invalid.append(text.strip())
    problems = [
        _imported_as(p, fixed[p.value]) if p.severity == Severity.ERROR and p.value in fixed else p
        for p in check.problems
    ]
    return values, invalid, problems


def validate_email_text(
    text: str, *, where: str, type_: str = "work"
) -> tuple[EmailValue | None, list[Problem]]:
    """Validate one e-mail address; apply an obvious fix and report it as fixed.

    Returns:
        The address to store (None when it cannot be used) and the problems.
    """
    check = check_email(text, field="email", where=where)
    if check.valid and check.normalized:
        return EmailValue(check.normalized, email_key(check.normalized), type_, text), list(
            check.problems
        )
    if check.obvious_fix and check.suggestion:
        fixed = check_email(check.suggestion, field="email", where=where)
        if fixed.valid and fixed.normalized:
            problems = [
                _imported_as(p, fixed.normalized) if p.severity == Severity.ERROR else p
                for p in check.problems
            ]
            return EmailValue(fixed.normalized, email_key(fixed.normalized), type_, text), problems
    return None, list(check.problems)


def _imported_as(problem: Problem, address: str) -> Problem:
    """``problem`` (a value refused as typed) reported as fixed: imported as ``address``."""
    said = phrase(
        QT_TRANSLATE_NOOP("Validation", "%1 Imported as %2."),
        problem.phrase or problem.message,
        address,
    )
    return Problem(
        Severity.FIXED,
        problem.where,
        problem.field,
        problem.value,
        str(said),
        problem.suggestion,
        said,
    )
