"""Messages kept as a template and its values, so the GUI can show them translated.

The services stay Qt-free and speak English (the command line, the logs and the JSON
reports read :class:`Phrase` as plain text). A message the GUI shows to the user is
also kept as a :class:`Phrase`: an English template with ``%1``, ``%2`` … and the values
(strings, or phrases of their own) that fill it. The GUI translates each template
through Qt's catalogue (``desktop/problem_text.py``) and fills it the same way.

Templates are written as ``QT_TRANSLATE_NOOP("Validation", "...")`` so that Qt's
``lupdate`` (``python -m desktop.i18n_catalog``) finds them in the services' source.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

CONTEXT = "Validation"
_PLACEHOLDER = re.compile(r"%(\d)")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for the translation catalogue; return it unchanged."""
    return text


@dataclass(frozen=True, slots=True)
class Phrase:
    """An English template with ``%1``…``%9`` and the values that fill it.

    Attributes:
        template: the English text, a literal marked with ``QT_TRANSLATE_NOOP``.
        args: the values for ``%1``, ``%2`` …, strings or phrases.
    """

    template: str
    args: tuple[str | Phrase, ...] = ()

    def render(self, translate: Callable[[str], str]) -> str:
        """Fill the (translated) template; placeholders in the values stay as typed."""
        values = [a.render(translate) if isinstance(a, Phrase) else a for a in self.args]

        def fill(match: re.Match[str]) -> str:
            number = int(match.group(1))
            return values[number - 1] if 0 < number <= len(values) else match.group(0)

        return _PLACEHOLDER.sub(fill, translate(self.template))

    def __str__(self) -> str:
        return self.render(lambda template: template)


def phrase(template: str, *args: str | Phrase) -> Phrase:
    """Build a :class:`Phrase` (``phrase(QT_TRANSLATE_NOOP(CONTEXT…), value, …)``)."""
    return Phrase(template, args)
