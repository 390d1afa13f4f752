"""An e-mail field: checked as you type, with the likely correction one click away.

``June.Wong@edelman.com/`` (a trailing slash pasted from a press release) is refused
and ``Use June.Wong@edelman.com`` offered; a full-width ``＠`` is accepted and said so.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.problem_text import problem_text
from desktop.widgets.validated_field import FieldCheck, ValidatedField
from services.emails import check_email
from services.problems import Severity


class EmailField(ValidatedField):
    """One e-mail address, stored normalised (:meth:`value`)."""

    def __init__(self, parent: QWidget | None = None, *, required: bool = False) -> None:
        super().__init__(parent, required=required)
        self.edit.setPlaceholderText(self.tr("e.g. june.wong@edelman.com"))

    def check(self, text: str) -> FieldCheck:
        result = check_email(text, field="email")
        if result.valid:
            notes = [problem_text(p) for p in result.problems if p.severity != Severity.ERROR]
            return FieldCheck(True, result.normalized, notes[0] if notes else "", None)
        problem = next((p for p in result.problems if p.severity == Severity.ERROR), None)
        # The checker's message already names the address, every fault and the fix;
        # prefixing "Not a valid e-mail address" would say it twice.
        message = problem_text(problem) if problem else self.tr("Not a valid e-mail address.")
        return FieldCheck(False, None, message, result.suggestion)
