"""How a record's fields and their values read on screen, for the conflict and history views.

The services name fields as their tables do (``name_zh``, ``journalist_id``) and keep
codes ("in_progress", "mobile"); these functions give the words a press officer reads,
in the interface language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.widgets.contact_labels import email_type_label, phone_type_label
from desktop.widgets.inquiry_labels import channel_label, local_time, status_label
from services.phones import format_phone

EMPTY = "—"
# A phone or e-mail as the audit trail writes it: "+85291234567 ext. 12 (mobile)".
_PART = re.compile(r"(.+) \((\w+)\)")


def field_label(name: str | None, entity: str = "") -> str:
    """A field of a contact, organisation, inquiry or release, as a form labels it.

    Args:
        name: the field as the services name it.
        entity: the record's kind ("release": its titles are headlines, not job titles).
    """
    if entity == "release" and name in ("title_zh", "title_en"):
        if name == "title_zh":
            return QCoreApplication.translate("FieldLabels", "Title (Chinese)", "release")
        return QCoreApplication.translate("FieldLabels", "Title (English)", "release")
    labels = {
        "kind": QCoreApplication.translate("FieldLabels", "Kind"),
        "name_zh": QCoreApplication.translate("FieldLabels", "Chinese name"),
        "name_en": QCoreApplication.translate("FieldLabels", "English name"),
        "romanisation": QCoreApplication.translate("FieldLabels", "Romanisation"),
        "honorific": QCoreApplication.translate("FieldLabels", "Honorific"),
        "title_zh": QCoreApplication.translate("FieldLabels", "Title (Chinese)"),
        "title_en": QCoreApplication.translate("FieldLabels", "Title (English)"),
        "organization_id": QCoreApplication.translate("FieldLabels", "Organisation"),
        "preferred_language": QCoreApplication.translate("FieldLabels", "Preferred language"),
        "notes": QCoreApplication.translate("FieldLabels", "Notes"),
        "opt_out": QCoreApplication.translate("FieldLabels", "Opted out"),
        "phones": QCoreApplication.translate("FieldLabels", "Phones"),
        "phone": QCoreApplication.translate("FieldLabels", "Phone"),
        "emails": QCoreApplication.translate("FieldLabels", "E-mail addresses"),
        "email": QCoreApplication.translate("FieldLabels", "E-mail"),
        "tags": QCoreApplication.translate("FieldLabels", "Tags"),
        "tag": QCoreApplication.translate("FieldLabels", "Tag"),
        "short_name": QCoreApplication.translate("FieldLabels", "Short name"),
        "short_name_zh": QCoreApplication.translate("FieldLabels", "Short name (Chinese)"),
        "website": QCoreApplication.translate("FieldLabels", "Website"),
        "phone_region": QCoreApplication.translate("FieldLabels", "Phone region"),
        "release_id": QCoreApplication.translate("FieldLabels", "Release"),
        "journalist_id": QCoreApplication.translate("FieldLabels", "Journalist"),
        "journalist_name": QCoreApplication.translate("FieldLabels", "Journalist"),
        "outlet_id": QCoreApplication.translate("FieldLabels", "Outlet"),
        "outlet_name": QCoreApplication.translate("FieldLabels", "Outlet"),
        "channel": QCoreApplication.translate("FieldLabels", "Channel"),
        "question": QCoreApplication.translate("FieldLabels", "Question"),
        "deadline": QCoreApplication.translate("FieldLabels", "Deadline"),
        "owner_id": QCoreApplication.translate("FieldLabels", "Owner"),
        "status": QCoreApplication.translate("FieldLabels", "Status"),
        "received_at": QCoreApplication.translate("FieldLabels", "Received"),
        "first_response_at": QCoreApplication.translate("FieldLabels", "First response"),
        "subtitle_zh": QCoreApplication.translate("FieldLabels", "Subtitle (Chinese)"),
        "subtitle_en": QCoreApplication.translate("FieldLabels", "Subtitle (English)"),
        "issued_on": QCoreApplication.translate("FieldLabels", "Issued on"),
        "place": QCoreApplication.translate("FieldLabels", "Place"),
        "embargo_until": QCoreApplication.translate("FieldLabels", "Embargo until"),
        "issuer_ids": QCoreApplication.translate("FieldLabels", "Issuers"),
        "media_contact_ids": QCoreApplication.translate("FieldLabels", "Media contacts"),
        "spokespeople": QCoreApplication.translate("FieldLabels", "Spokespeople"),
        "deleted_at": QCoreApplication.translate("FieldLabels", "Deleted"),
        None: QCoreApplication.translate("FieldLabels", "Record"),
        # Where an importer's problem lies in a file (services.contact_files).
        "record": QCoreApplication.translate("FieldLabels", "Record"),
        "file": QCoreApplication.translate("FieldLabels", "File"),
        "header": QCoreApplication.translate("FieldLabels", "Header row"),
        "sheet": QCoreApplication.translate("FieldLabels", "Sheet"),
        "mapping": QCoreApplication.translate("FieldLabels", "Column mapping"),
        # Entries the importer and the PDPO overrides write (services.contact_import,
        # services.exports, services.replies).
        "import": QCoreApplication.translate("FieldLabels", "Imported"),
        "export": QCoreApplication.translate("FieldLabels", "Exported despite opt-out"),
        "recipients": QCoreApplication.translate("FieldLabels", "Sent despite opt-out"),
    }
    return labels.get(name, name or "")


def _code_label(name: str, code: str) -> str:
    # Imported on use: the organisation editor opens the conflict view, which imports this.
    from desktop.dialogs.organization_editor import kind_label, region_label  # noqa: PLC0415

    if name == "status":
        return status_label(code)
    if name == "channel":
        return channel_label(code)
    if name == "phone_region":
        return region_label(code)
    if name == "preferred_language":
        return {
            "zh-HK": QCoreApplication.translate("FieldLabels", "繁體中文 (zh-HK)"),
            "en": QCoreApplication.translate("FieldLabels", "English (en)"),
        }.get(code, code)
    if name == "kind":
        person = {
            "person": QCoreApplication.translate("FieldLabels", "Person"),
            "mailbox": QCoreApplication.translate("FieldLabels", "Shared mailbox"),
        }
        return person.get(code) or kind_label(code)
    return code


def _entry_text(name: str, entry: Mapping[str, Any]) -> str:
    if "text" in entry:
        kind = str(entry.get("type") or "")
        label = email_type_label(kind) if name == "emails" else phone_type_label(kind)
        return f"{entry['text']} ({label})" if kind else str(entry["text"])
    titles = " / ".join(t for t in (entry.get("title_zh"), entry.get("title_en")) if t)
    who = str(entry.get("name") or "")
    return f"{who} — {titles}" if titles else who


def value_text(name: str, value: Any) -> str:
    """A field's value as one readable text (a list one item a line; nothing as "—")."""
    if value is None or value in ("", []):
        return EMPTY
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("FieldLabels", "Yes")
            if value
            else QCoreApplication.translate("FieldLabels", "No")
        )
    if isinstance(value, datetime):
        return local_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        if name == "tags":
            return ", ".join(str(v) for v in value)
        return "\n".join(_entry_text(name, v) if isinstance(v, Mapping) else str(v) for v in value)
    return _code_label(name, str(value))


def stored_text(name: str | None, text: str | None) -> str:
    """A value as the audit trail stored it (text), in the interface language."""
    if text is None or text == "":
        return EMPTY
    if name in ("status", "channel", "phone_region", "preferred_language", "kind"):
        return _code_label(name, text)
    part = _PART.fullmatch(text) if name in ("phone", "email") else None
    if part is not None:
        value, kind = part.groups()
        if name == "email":
            return f"{value} ({email_type_label(kind)})"
        number, _, extension = value.partition(" ext. ")
        shown = format_phone(number) + (f" ext. {extension}" if extension else "")
        return f"{shown} ({phone_type_label(kind)})"
    if name == "opt_out" and text in ("yes", "no"):
        return (
            QCoreApplication.translate("FieldLabels", "Yes")
            if text == "yes"
            else QCoreApplication.translate("FieldLabels", "No")
        )
    if name in ("deadline", "received_at", "embargo_until", "first_response_at", "deleted_at"):
        try:
            return local_time(text)
        except ValueError:
            return text
    return text
