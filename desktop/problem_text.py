"""The text of a service's problem in the interface language.

Services keep user-facing validation messages as a :class:`~services.phrases.Phrase`
(an English template and its values); here each template is looked up in Qt's
catalogue, context ``Validation``, where ``lupdate`` found it in the services' source.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from services.mail import MAIL_CONTEXT, MailError
from services.phrases import CONTEXT, Phrase
from services.problems import InputRejected, Problem, Severity


def phrase_text(phrase: Phrase) -> str:
    """``phrase`` translated and filled in."""
    return phrase.render(lambda template: QCoreApplication.translate(CONTEXT, template))


def problem_text(problem: Problem) -> str:
    """What ``problem`` says, translated when the service gave it as a phrase."""
    return phrase_text(problem.phrase) if problem.phrase is not None else problem.message


def suggestion_text(problem: Problem) -> str | None:
    """What ``problem`` suggests, translated when the service gave it as a phrase."""
    if problem.suggestion_phrase is not None:
        return phrase_text(problem.suggestion_phrase)
    return problem.suggestion


def _mail_or_validation(template: str) -> str:
    # A mail error may hold an address problem's phrase, which lives in Validation.
    text = QCoreApplication.translate(MAIL_CONTEXT, template)
    return text if text != template else QCoreApplication.translate(CONTEXT, template)


def error_text(error: InputRejected) -> str:
    """What a refused input or failed delivery says, translated where the service allows."""
    if isinstance(error, MailError) and error.phrase is not None:
        return error.phrase.render(_mail_or_validation)
    if error.phrase is not None:
        return phrase_text(error.phrase)
    return error.message


def refusal_problems(error: InputRejected, file_name: str) -> list[Problem]:
    """The problems a refused file shows: the service's, or the refusal as one problem."""
    if error.problems:
        return error.problems
    return [
        Problem(Severity.ERROR, file_name, "file", file_name, error.message, None, error.phrase)
    ]
