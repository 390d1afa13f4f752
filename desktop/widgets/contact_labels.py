"""How contact values read on screen: phone and e-mail types in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

_CONTEXT = "ContactLabels"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def phone_type_label(kind: str) -> str:
    """A phone type (services.phones.PHONE_TYPES) as a word ("Mobile")."""
    labels = {
        "work": _tr("Work"),
        "mobile": _tr("Mobile"),
        "fax": _tr("Fax"),
        "home": _tr("Home"),
        "team": _tr("Team"),
        "other": _tr("Other"),
    }
    return labels.get(kind, kind)


def email_type_label(kind: str) -> str:
    """An e-mail type (services.emails.EMAIL_TYPES) as a word ("Personal")."""
    labels = {
        "work": _tr("Work"),
        "personal": _tr("Personal"),
        "team": _tr("Team"),
        "other": _tr("Other"),
    }
    return labels.get(kind, kind)
