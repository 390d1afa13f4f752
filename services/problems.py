"""The one shape in which every importer and validator reports what it fixed or doubts."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum
from typing import Any

from services.phrases import Phrase
from services.pickling import fast_pickle


class Severity(StrEnum):
    """How serious a problem is.

    ``fixed``: the program corrected an obvious mistake and says so.
    ``warning``: the value was kept or guessed, but a person should check it.
    ``error``: the value was rejected.
    """

    FIXED = "fixed"
    WARNING = "warning"
    ERROR = "error"


@fast_pickle
@dataclass(frozen=True, slots=True)
class Problem:
    """One thing that is wrong, fixed or doubtful about an input value.

    Attributes:
        severity: fixed, warning or error.
        where: the place, as a person would look for it ("release.txt line 112").
        field: the field the value belongs to ("phone", "email", "title").
        value: the value as it was given.
        message: what is wrong, in a sentence.
        suggestion: the most likely correction, or None when there is none.
        phrase: ``message`` as a template and values, for the GUI to translate
            (services/phrases.py), or None when the message is plain English only.
        suggestion_phrase: ``suggestion`` so, when it is advice in words rather than a
            value ("Save the file as UTF-8 …").
    """

    severity: Severity
    where: str
    field: str
    value: str
    message: str
    suggestion: str | None = None
    # The same message as ``message``: two problems that say the same are equal.
    phrase: Phrase | None = dataclass_field(default=None, compare=False)
    suggestion_phrase: Phrase | None = dataclass_field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form used by the command line and the reports."""
        data = asdict(self)
        del data["phrase"]
        del data["suggestion_phrase"]
        data["severity"] = str(self.severity)
        return data

    def located(self, where: str) -> Problem:
        """Return a copy placed at ``where`` (validators do not know the file or line)."""
        return Problem(
            self.severity, where, self.field, self.value, self.message, self.suggestion,
            self.phrase, self.suggestion_phrase,
        )  # fmt: skip


class InputRejected(Exception):
    """A user-facing error: the input was refused and nothing was written.

    The command line exits 1 on it; the GUI shows ``message`` (translated, when it was
    given as a :class:`Phrase`) and the problems.
    """

    def __init__(self, message: str | Phrase, problems: list[Problem] | None = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.phrase = message if isinstance(message, Phrase) else None
        self.problems = list(problems or [])
