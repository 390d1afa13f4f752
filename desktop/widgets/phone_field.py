"""A phone number field: checked as you type, formatted as you type, with a one-click fix.

Typing ``69865822`` shows ``6986 5822``; a full-width ``６９８６５８２２`` from a Chinese
input method becomes ASCII digits; an invalid number says why and, when the checker has
a likely correction (a mainland mobile without +86, ``00852``), offers it on a button.
"""

from __future__ import annotations

import re
import unicodedata

from phonenumbers import AsYouTypeFormatter
from PySide6.QtWidgets import QWidget

from desktop.problem_text import problem_text
from desktop.widgets.validated_field import FieldCheck, ValidatedField
from services.phones import check_phone, format_phone
from services.problems import Severity

# Only plain digits (and a leading "+") are reformatted while typing: text with dashes,
# brackets, labels or several numbers is left exactly as the user wrote it.
_FORMATTABLE = re.compile(r"\+?[\d ]*")


class PhoneField(ValidatedField):
    """One phone number, stored as E.164 (:meth:`value`)."""

    def __init__(
        self, parent: QWidget | None = None, *, region: str = "HK", required: bool = False
    ) -> None:
        self.region = region
        super().__init__(parent, required=required)
        self.edit.setPlaceholderText(self.tr("e.g. 6986 5822 or +86 151 2004 9549"))

    def set_region(self, region: str) -> None:
        """Read numbers without a country code as numbers of ``region`` (and re-check)."""
        self.region = region
        self.on_text_changed(self.text())

    def check(self, text: str) -> FieldCheck:
        result = check_phone(text, self.region, field="phone")
        errors = [p for p in result.problems if p.severity == Severity.ERROR]
        if len(result.numbers) > 1:
            return FieldCheck(False, None, self.tr("Give one number here, not several."), None)
        if result.valid and result.numbers:
            number = result.numbers[0]
            notes = [problem_text(p) for p in result.problems if p.severity != Severity.ERROR]
            shown = format_phone(number.e164 or "")
            message = notes[0] if notes else self.tr("Reads as %1").replace("%1", shown)
            return FieldCheck(True, number.e164, message if notes or shown != text else "", None)
        problem = errors[0] if errors else None
        message = self.tr("Not a valid phone number: %1").replace(
            "%1", problem_text(problem) if problem else text
        )
        return FieldCheck(False, None, message, problem.suggestion if problem else None)

    def reformat(self, text: str, cursor: int) -> tuple[str, int] | None:
        if cursor != len(text):
            return None  # editing in the middle: do not move the text under the cursor
        plain = unicodedata.normalize("NFKC", text)
        if not _FORMATTABLE.fullmatch(plain):
            return None
        formatter = AsYouTypeFormatter(self.region)
        formatted = ""
        for char in plain:
            if char != " ":
                formatted = formatter.input_digit(char)
        return formatted, len(formatted)
