"""A line edit that checks its value as you type, says what is wrong, and offers the fix.

Subclasses say how to check (:meth:`ValidatedField.check`); this class shows the result
under the field: a message, and a button that applies the suggested correction with one
click. Nothing is ever corrected silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

_ERROR_STYLE = "color: #a61b0f;"
_NOTE_STYLE = "color: #7a5b00;"
_INVALID_EDIT_STYLE = "QLineEdit { border: 1px solid #c0392b; border-radius: 2px; }"


@dataclass(frozen=True)
class FieldCheck:
    """What a check found.

    Attributes:
        valid: the value can be saved.
        value: the value to store (normalised), None when invalid or empty.
        message: what is wrong (invalid) or what was read differently (valid), or "".
        suggestion: the likely correct value, offered on a button, or None.
    """

    valid: bool
    value: str | None = None
    message: str = ""
    suggestion: str | None = None


class ValidatedField(QWidget):
    """A checked one-line field: the edit, an inline message, a suggestion button."""

    #: Emitted when the field turns valid or invalid.
    validity_changed = Signal(bool)
    #: Emitted after every check (the text changed, or a suggestion was applied).
    checked = Signal()

    def __init__(self, parent: QWidget | None = None, *, required: bool = False) -> None:
        super().__init__(parent)
        self.required = required
        self.edit = QLineEdit()
        self.edit.setObjectName("edit")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.suggestion_button = QPushButton()
        self.suggestion_button.setObjectName("suggestion")
        self.suggestion_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self._result = FieldCheck(valid=not required)
        self._valid = self._result.valid
        # The message gets the field's whole width; the fix sits under it, left, where
        # the eye lands after reading what is wrong.
        fix = QHBoxLayout()
        fix.setContentsMargins(0, 0, 0, 0)
        fix.addWidget(self.suggestion_button)
        fix.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        layout.addLayout(fix)
        self.setFocusProxy(self.edit)
        self._show(self._result, "")
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.edit.textChanged.connect(self.on_text_changed)
        self.edit.textEdited.connect(self.on_text_edited)
        self.suggestion_button.clicked.connect(self.apply_suggestion)

    # --- what subclasses provide -------------------------------------------------------------

    def check(self, text: str) -> FieldCheck:
        """Check a non-empty value."""
        raise NotImplementedError

    def reformat(self, text: str, cursor: int) -> tuple[str, int] | None:
        """Optionally reformat what the user is typing: (new text, new cursor) or None."""
        return None

    # --- the value -----------------------------------------------------------------------------

    def text(self) -> str:
        """The text as typed."""
        return self.edit.text()

    def setText(self, text: str) -> None:
        """Replace the text (and check it)."""
        self.edit.setText(text)

    def value(self) -> str | None:
        """The normalised value to store, or None (empty or invalid)."""
        return self._result.value

    def is_valid(self) -> bool:
        """Whether the field may be saved as it is (empty counts unless required)."""
        return self._result.valid

    def result(self) -> FieldCheck:
        """The last check."""
        return self._result

    def suggestion(self) -> str | None:
        """The correction offered on the button, if any."""
        return self._result.suggestion

    # --- behaviour -----------------------------------------------------------------------------

    @Slot(str)
    def on_text_edited(self, text: str) -> None:
        """Reformat as the user types, when the subclass wants to."""
        changed = self.reformat(text, self.edit.cursorPosition())
        if changed is not None and changed[0] != text:
            self.edit.setText(changed[0])
            self.edit.setCursorPosition(changed[1])

    @Slot(str)
    def on_text_changed(self, text: str) -> None:
        """Check the new text and show the verdict."""
        if text.strip():
            result = self.check(text)
        else:
            message = self.tr("Required.") if self.required else ""
            result = FieldCheck(valid=not self.required, message=message)
        self._result = result
        self._show(result, text)
        if result.valid != self._valid:
            self._valid = result.valid
            self.validity_changed.emit(result.valid)
        self.checked.emit()

    @Slot()
    def apply_suggestion(self) -> None:
        """Take the suggested correction (the user clicked it)."""
        suggestion = self._result.suggestion
        if suggestion is not None:
            self.edit.setText(suggestion)
            self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show(self, result: FieldCheck, text: str) -> None:
        show_error = not result.valid and bool(text.strip())
        self.message.setText(result.message)
        self.message.setStyleSheet(_ERROR_STYLE if not result.valid else _NOTE_STYLE)
        self.message.setVisible(bool(result.message) and (show_error or result.valid))
        self.edit.setStyleSheet(_INVALID_EDIT_STYLE if show_error else "")
        if result.suggestion:
            self.suggestion_button.setText(self.tr("Use %1").replace("%1", result.suggestion))
            self.suggestion_button.setToolTip(
                self.tr("Replace what you typed with %1").replace("%1", result.suggestion)
            )
        self.suggestion_button.setVisible(bool(result.suggestion))
