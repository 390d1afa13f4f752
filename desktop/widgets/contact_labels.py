"""How contact values read on screen: phone and e-mail types in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def phone_type_label(kind: str) -> str:
    """A phone type (services.phones.PHONE_TYPES) as a word ("Mobile")."""
    labels = {
        "work": QCoreApplication.translate("ContactLabels", "Work"),
        "mobile": QCoreApplication.translate("ContactLabels", "Mobile"),
        "fax": QCoreApplication.translate("ContactLabels", "Fax"),
        "home": QCoreApplication.translate("ContactLabels", "Home"),
        "team": QCoreApplication.translate("ContactLabels", "Team"),
        "other": QCoreApplication.translate("ContactLabels", "Other"),
    }
    return labels.get(kind, kind)


def email_type_label(kind: str) -> str:
    """An e-mail type (services.emails.EMAIL_TYPES) as a word ("Personal")."""
    labels = {
        "work": QCoreApplication.translate("ContactLabels", "Work"),
        "personal": QCoreApplication.translate("ContactLabels", "Personal"),
        "team": QCoreApplication.translate("ContactLabels", "Team"),
        "other": QCoreApplication.translate("ContactLabels", "Other"),
    }
    return labels.get(kind, kind)
