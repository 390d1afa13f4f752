"""How inquiry and call values read on screen, in the interface language.

The services keep statuses, channels and directions as stable codes ("in_progress");
these functions give the words a press officer reads, through Qt's translation, and
the few formats (local times, response times, release titles) every screen shares.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from db.models import CallDirection, InquiryChannel, InquiryStatus
from services.inquiries import DeadlineState, deadline_state


def status_label(status: str) -> str:
    """The status as a word ("In progress")."""
    labels = {
        InquiryStatus.NEW: QCoreApplication.translate("InquiryLabels", "New"),
        InquiryStatus.IN_PROGRESS: QCoreApplication.translate("InquiryLabels", "In progress"),
        InquiryStatus.ANSWERED: QCoreApplication.translate("InquiryLabels", "Answered"),
        InquiryStatus.DECLINED: QCoreApplication.translate("InquiryLabels", "Declined"),
        InquiryStatus.CLOSED: QCoreApplication.translate("InquiryLabels", "Closed"),
    }
    return labels.get(status, status)  # type: ignore[call-overload]


def channel_label(channel: str) -> str:
    """How the inquiry came in ("WhatsApp")."""
    labels = {
        InquiryChannel.PHONE: QCoreApplication.translate("InquiryLabels", "Phone"),
        InquiryChannel.EMAIL: QCoreApplication.translate("InquiryLabels", "E-mail"),
        InquiryChannel.WHATSAPP: QCoreApplication.translate("InquiryLabels", "WhatsApp"),
        InquiryChannel.WECHAT: QCoreApplication.translate("InquiryLabels", "WeChat"),
        InquiryChannel.IN_PERSON: QCoreApplication.translate("InquiryLabels", "In person"),
        InquiryChannel.OTHER: QCoreApplication.translate("InquiryLabels", "Other"),
    }
    return labels.get(channel, channel)  # type: ignore[call-overload]


def direction_label(direction: str) -> str:
    """Incoming or outgoing, as a word."""
    labels = {
        CallDirection.INCOMING: QCoreApplication.translate("InquiryLabels", "Incoming"),
        CallDirection.OUTGOING: QCoreApplication.translate("InquiryLabels", "Outgoing"),
    }
    return labels.get(direction, direction)  # type: ignore[call-overload]


def prefers_english() -> bool:
    """True when the interface speaks English (then English titles come first)."""
    return QLocale().language() == QLocale.Language.English


def release_title(
    release: dict[str, Any], *, zh_key: str = "title_zh", en_key: str = "title_en"
) -> str:
    """A release's title in the interface language when it has one, else the other."""
    zh, en = release.get(zh_key), release.get(en_key)
    first, second = (en, zh) if prefers_english() else (zh, en)
    return str(first or second or "")


def short_text(text: str, limit: int = 28) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis (for table cells)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def local_time(value: str | datetime | None, *, with_date: bool = True) -> str:
    """A stored UTC time shown in local time: "2023-12-01 10:05" (or "10:05")."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    local = moment.astimezone()
    return local.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")


def response_time(seconds: int | None) -> str:
    """A time to first response for a table cell ("25 min", "3 h 05 min", "2 d 4 h")."""
    if seconds is None:
        return ""
    minutes = max(0, seconds) // 60
    if minutes < 60:
        return QCoreApplication.translate("InquiryLabels", "%1 min").replace("%1", str(minutes))
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return (
            QCoreApplication.translate("InquiryLabels", "%1 h %2 min")
            .replace("%1", str(hours))
            .replace("%2", f"{minutes:02d}")
        )
    days, hours = divmod(hours, 24)
    return (
        QCoreApplication.translate("InquiryLabels", "%1 d %2 h")
        .replace("%1", str(days))
        .replace("%2", str(hours))
    )


def duration(seconds: int) -> str:
    """A call's length as a running clock: "04:35", or "1:02:09" past an hour."""
    minutes, secs = divmod(max(0, seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def deadline_text(row: dict[str, Any], now: datetime) -> str:
    """An inquiry's deadline in words as well as colour: "Overdue · 10:35", "Due today 17:00".

    The date is left out when it is today, so the words fit a table cell.
    """
    deadline = row.get("deadline")
    if not deadline:
        return ""
    state = deadline_state(row["status"], deadline, now)
    if state == DeadlineState.OVERDUE:
        today = local_time(now)[:10] == local_time(deadline)[:10]
        return QCoreApplication.translate("InquiryLabels", "Overdue · %1").replace(
            "%1", local_time(deadline, with_date=not today)
        )
    if state == DeadlineState.DUE_TODAY:
        return QCoreApplication.translate("InquiryLabels", "Due today %1").replace(
            "%1", local_time(deadline, with_date=False)
        )
    return local_time(deadline)
