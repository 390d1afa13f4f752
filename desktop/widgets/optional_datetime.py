"""A date and time that may be left empty (a deadline), edited in local time, kept in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QHBoxLayout, QWidget


def to_qdatetime(moment: datetime) -> QDateTime:
    """An aware datetime as a local-time QDateTime (what the officer reads)."""
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    """A QDateTime (local time in the editor) as aware UTC, to the minute."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC).replace(second=0)


class OptionalDateTimeEdit(QWidget):
    """A check box ("Deadline") that enables a date-time editor with a calendar."""

    #: Emitted when the value changes (set, cleared or edited).
    value_changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled_box = QCheckBox(label)
        self.enabled_box.setObjectName("enabled")
        self.editor = QDateTimeEdit()
        self.editor.setObjectName("dateTime")
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.editor.setDateTime(QDateTime.currentDateTime())
        self.editor.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled_box)
        layout.addWidget(self.editor, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.enabled_box.toggled.connect(self.on_toggled)
        self.enabled_box.clicked.connect(self.on_clicked)
        self.editor.dateTimeChanged.connect(self.value_changed)

    @Slot(bool)
    def on_toggled(self, checked: bool) -> None:
        """Enable the editor when the box is ticked."""
        self.editor.setEnabled(checked)
        self.value_changed.emit()

    @Slot(bool)
    def on_clicked(self, checked: bool) -> None:
        """The officer ticked the box: the time is what they will type next."""
        if checked:
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def value(self) -> datetime | None:
        """The time set (aware UTC), or None when the box is not ticked."""
        if not self.enabled_box.isChecked():
            return None
        return from_qdatetime(self.editor.dateTime())

    def set_value(self, moment: datetime | None) -> None:
        """Show ``moment`` in local time, or clear the box for None."""
        if moment is not None:
            self.editor.setDateTime(to_qdatetime(moment))
        self.enabled_box.setChecked(moment is not None)
        self.editor.setEnabled(moment is not None)
