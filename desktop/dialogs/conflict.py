"""The conflict view: a colleague saved the record while the officer was editing it.

Field by field, theirs (the stored record, read again) beside mine (the form, unsaved),
the fields that differ highlighted. The officer keeps mine (saved over the newer
version), takes theirs (the form opens again on the stored values) or merges, choosing a
side per field. A field the officer changed starts on "mine", one only the colleague
changed on "theirs". If yet another save lands while this is open, saving conflicts
again and the view opens again on the newest version: never a lost update.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from desktop.widgets.field_labels import field_label, value_text
from services.conflicts import (
    CONFLICTS,
    Conflict,
    FieldConflict,
    reread,
    save_resolution,
    save_values,
)

_DIFFERS_STYLE = "background: #fff4ce; padding: 4px;"
_SAME_STYLE = "color: palette(placeholder-text); padding: 4px;"

Choice = Literal["mine", "theirs", "merge"]


@dataclass(frozen=True)
class Resolution:
    """What the officer chose: keep mine, take theirs, or a merge, with the values to save."""

    choice: Choice
    values: dict[str, Any]


def _record_word(kind: str) -> str:
    words = {
        "contact": QCoreApplication.translate("ConflictDialog", "contact"),
        "organization": QCoreApplication.translate("ConflictDialog", "organisation"),
        "inquiry": QCoreApplication.translate("ConflictDialog", "inquiry"),
        "release": QCoreApplication.translate("ConflictDialog", "release"),
    }
    return words.get(kind, kind)


class ConflictDialog(QDialog):
    """Theirs and mine side by side; keep mine, take theirs, or merge field by field."""

    def __init__(self, conflict: Conflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.conflict = conflict
        self.choice: Choice | None = None
        self.setWindowTitle(QCoreApplication.translate("ConflictDialog", "Changed by a colleague"))
        self._groups: dict[str, QButtonGroup] = {}
        self.mine_buttons: dict[str, QRadioButton] = {}
        self.theirs_buttons: dict[str, QRadioButton] = {}
        self._build()
        self._connect_signals()
        self.resize(900, 660)

    def _build(self) -> None:
        who = self.conflict.changed_by or QCoreApplication.translate(
            "ConflictDialog", "A colleague"
        )
        intro = QLabel(
            QCoreApplication.translate(
                "ConflictDialog",
                "%1 saved this %2 while you were editing it. Nothing of yours is saved yet. "
                "The fields that differ are highlighted: keep your version, take theirs, "
                "or choose field by field and save the merge.",
            )
            .replace("%1", who)
            .replace("%2", _record_word(self.conflict.kind))
        )
        intro.setObjectName("conflictIntro")
        intro.setWordWrap(True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        headers = (
            QCoreApplication.translate("ConflictDialog", "Field"),
            QCoreApplication.translate("ConflictDialog", "Theirs (saved)"),
            QCoreApplication.translate("ConflictDialog", "Mine (not saved)"),
            QCoreApplication.translate("ConflictDialog", "Keep"),
        )
        for column, text in enumerate(headers):
            header = QLabel(f"<b>{text}</b>")
            grid.addWidget(header, 0, column)
        for row, field in enumerate(self.conflict.fields, start=1):
            label = QLabel(field_label(field.name, self.conflict.kind))
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            label.setStyleSheet("padding: 4px 0;")
            theirs = self._value(value_text(field.name, field.theirs_shown), field.differs)
            mine = self._value(value_text(field.name, field.mine_shown), field.differs)
            theirs.setObjectName(f"theirs_{field.name}")
            mine.setObjectName(f"mine_{field.name}")
            grid.addWidget(label, row, 0)
            grid.addWidget(theirs, row, 1)
            grid.addWidget(mine, row, 2)
            if field.differs:
                bold = label.font()
                bold.setBold(True)
                label.setFont(bold)
                grid.addWidget(
                    self._side_buttons(field.name, field.changed_by_me),
                    row,
                    3,
                    Qt.AlignmentFlag.AlignTop,
                )
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(self.conflict.fields) + 1, 1)
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.keep_mine_button = self._button(
            "keepMine", QCoreApplication.translate("ConflictDialog", "Keep mine")
        )
        self.keep_mine_button.setToolTip(
            QCoreApplication.translate("ConflictDialog", "Save your version over theirs")
        )
        self.take_theirs_button = self._button(
            "takeTheirs", QCoreApplication.translate("ConflictDialog", "Take theirs")
        )
        self.take_theirs_button.setToolTip(
            QCoreApplication.translate("ConflictDialog", "Drop your changes and edit their version")
        )
        self.merge_button = self._button(
            "saveMerge", QCoreApplication.translate("ConflictDialog", "Save merge")
        )
        self.merge_button.setToolTip(
            QCoreApplication.translate(
                "ConflictDialog", "Save each field from the side chosen under Keep"
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

    def _value(self, text: str, differs: bool) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setStyleSheet(_DIFFERS_STYLE if differs else _SAME_STYLE)
        return label

    def _side_buttons(self, name: str, mine_first: bool) -> QWidget:
        box = QWidget()
        column = QHBoxLayout(box)
        column.setContentsMargins(0, 4, 0, 0)
        theirs = QRadioButton(QCoreApplication.translate("ConflictDialog", "Theirs"))
        mine = QRadioButton(QCoreApplication.translate("ConflictDialog", "Mine"))
        theirs.setObjectName(f"keepTheirs_{name}")
        mine.setObjectName(f"keepMine_{name}")
        group = QButtonGroup(self)
        group.addButton(theirs)
        group.addButton(mine)
        (mine if mine_first else theirs).setChecked(True)
        column.addWidget(theirs)
        column.addWidget(mine)
        self._groups[name] = group
        self.theirs_buttons[name] = theirs
        self.mine_buttons[name] = mine
        return box

    def _button(self, name: str, text: str) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    def _connect_signals(self) -> None:
        self.keep_mine_button.clicked.connect(self.on_keep_mine)
        self.take_theirs_button.clicked.connect(self.on_take_theirs)
        self.merge_button.clicked.connect(self.on_merge)
        self.buttons.rejected.connect(self.reject)

    @Slot()
    def on_keep_mine(self) -> None:
        """Close choosing to save mine over theirs."""
        self.choice = "mine"
        self.accept()

    @Slot()
    def on_take_theirs(self) -> None:
        """Close choosing the stored version."""
        self.choice = "theirs"
        self.accept()

    @Slot()
    def on_merge(self) -> None:
        """Close choosing the merge set up field by field."""
        self.choice = "merge"
        self.accept()

    def chosen_mine(self) -> set[str]:
        """The differing fields set to keep mine in the merge."""
        return {name for name, button in self.mine_buttons.items() if button.isChecked()}

    def resolution(self) -> Resolution | None:
        """What was chosen, with the values to save; None when cancelled."""
        if self.choice is None or self.result() != QDialog.DialogCode.Accepted:
            return None
        if self.choice == "mine":
            return Resolution("mine", self.conflict.mine())
        if self.choice == "theirs":
            return Resolution("theirs", self.conflict.values(()))
        return Resolution("merge", self.conflict.values(self.chosen_mine()))

    @classmethod
    def ask(cls, parent: QWidget | None, conflict: Conflict) -> Resolution | None:
        """Show the conflict; the officer's resolution, or None when cancelled."""
        dialog = cls(conflict, parent)
        try:
            dialog.exec()
            return dialog.resolution()
        finally:
            dialog.deleteLater()


@dataclass(frozen=True)
class Outcome:
    """How a conflict ended: saved (the record as stored now), theirs taken, or cancelled.

    Attributes:
        saved: the saved record, when mine or a merge was saved.
        reload: the stored record, when the officer took theirs (edit it again).
    """

    saved: dict[str, Any] | None = None
    reload: dict[str, Any] | None = None


def resolve_conflict(
    parent: QWidget | None,
    database: Database,
    kind: str,
    record_id: int,
    *,
    loaded: Mapping[str, Any],
    mine: Mapping[str, Any],
    user: str | None = None,
) -> Outcome:
    """After a save was refused as a conflict: show it until it is saved, taken or cancelled.

    Args:
        parent: the window to show the view over.
        database: the database.
        kind: "contact", "organization", "inquiry" or "release".
        record_id: the record.
        loaded: the record as the form loaded it.
        mine: the form's values, as the update service takes them.
        user: who saves, for the services that take it (the audit trail).

    Raises:
        InputRejected: a chosen value is refused, or the record was deleted meanwhile.
    """
    while True:
        conflict = reread(database, kind, record_id, mine, loaded)
        resolution = ConflictDialog.ask(parent, conflict)
        if resolution is None:
            return Outcome()
        if resolution.choice == "theirs":
            return Outcome(reload=conflict.stored)
        try:
            return Outcome(saved=save_resolution(database, conflict, resolution.values, user=user))
        except CONFLICTS:
            # Yet another save landed: show the newest version beside what was chosen.
            loaded, mine = conflict.stored, resolution.values


def edit_and_save(
    parent: QWidget | None,
    database: Database,
    kind: str,
    record: dict[str, Any],
    edit: Callable[[dict[str, Any]], tuple[Mapping[str, Any], int] | None],
    *,
    user: str | None = None,
) -> dict[str, Any] | None:
    """Run an editor on ``record`` and save its values over the version it showed.

    A colleague's newer save opens the conflict view; taking theirs runs the editor
    again on the stored values.

    Args:
        parent: the window.
        database: the database.
        kind: "contact", "organization", "inquiry" or "release".
        record: the record as its read service gives it (with ``id`` and ``version``).
        edit: shows the editor on a record; the form values to save with the version the
            form showed, or None (cancelled).
        user: who saves, for the services that take it (the audit trail).

    Returns:
        The saved record, or None when the officer cancelled.

    Raises:
        InputRejected: a value was refused, or the record was deleted meanwhile.
    """
    record_id = int(record["id"])
    while True:
        edited = edit(record)
        if edited is None:
            return None
        mine, version = edited
        try:
            return save_values(database, kind, record_id, mine, version, user=user)
        except CONFLICTS:
            outcome = resolve_conflict(
                parent, database, kind, record_id, loaded=record, mine=mine, user=user
            )
        if outcome.reload is None:
            return outcome.saved
        record = outcome.reload


def screenshot(window: Any) -> QWidget:
    """A contact's conflict as it looks, built and shown (not run)."""

    def row(name: str, theirs: Any, mine: Any, *, by_me: bool = True) -> FieldConflict:
        return FieldConflict(
            name, (name,), {name: theirs}, {name: mine}, theirs, mine, theirs != mine, by_me
        )

    conflict = Conflict(
        "contact",
        0,
        3,
        {},
        (
            row("name_zh", "黃嘉琪", "黃嘉琪"),
            row("name_en", "June Wong", "June Wong"),
            row("title_zh", "客戶總監", "高級客戶總監"),
            row("title_en", "Account Director", "Senior Account Director"),
            row("organization_id", "愛德曼國際公關公司 (Edelman)", "愛德曼國際公關公司 (Edelman)"),
            row("notes", "新聞稿後致電", None, by_me=False),
            row(
                "phones",
                [{"text": "+852 3756 8623", "type": "work"}],
                [
                    {"text": "+852 3756 8623", "type": "work"},
                    {"text": "+852 6986 5822", "type": "mobile"},
                ],
            ),
            row("opt_out", False, False),
        ),
        "溫安怡",
    )
    dialog = ConflictDialog(conflict, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
