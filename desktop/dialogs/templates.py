"""Inquiries → Reply templates…: list, create, edit, delete and reset the reply templates.

The editor shows a live preview: the template filled for a real inquiry (the newest), so
an unfillable field is named before the template is ever used. Saves check the version
the editor showed; a colleague's change in between is shown as a conflict, never lost.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from desktop.confirm import confirm
from desktop.dialogs.reply import ERROR_STYLE, WARNING_STYLE, demo_inquiry, demo_settings
from services.inquiries import list_inquiries
from services.problems import InputRejected
from services.replies import FIELDS_CONTEXT, REPLY_FIELDS, render_reply
from services.settings import Settings, load_settings
from services.templates import (
    LANGUAGE_NAMES,
    TemplateConflict,
    UnfilledFieldError,
    create_template,
    delete_template,
    list_templates,
    reset_template,
    update_template,
)

PREVIEW_DELAY_MS = 250


class TemplatesDialog(QDialog):
    """The template manager: a list on the left, the editor and its preview on the right."""

    def __init__(
        self,
        database: Database,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
        sample_inquiry_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templatesDialog")
        self.setWindowTitle(self.tr("Reply templates"))
        self.database = database
        self.settings = settings or load_settings()
        if sample_inquiry_id is None:
            newest = list_inquiries(database, limit=1)
            sample_inquiry_id = int(newest[0]["id"]) if newest else None
        self.sample_inquiry_id = sample_inquiry_id
        self.changed = False
        self.loaded: dict[str, Any] | None = None  # the stored template being edited
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._build()
        self._connect_signals()
        self.reload_list()

    # --- construction ------------------------------------------------------------------------

    def _build(self) -> None:
        self.list = QListWidget()
        self.list.setObjectName("templateList")
        self.new_button = QPushButton(self.tr("&New"))
        self.new_button.setObjectName("newTemplate")
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.delete_button.setObjectName("deleteTemplate")
        self.reset_button = QPushButton(self.tr("&Reset to default"))
        self.reset_button.setObjectName("resetTemplate")
        list_buttons = QHBoxLayout()
        for button in (self.new_button, self.delete_button, self.reset_button):
            list_buttons.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(list_buttons)

        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, label in LANGUAGE_NAMES.items():
            self.language.addItem(label, code)
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.body = QPlainTextEdit()
        self.body.setObjectName("body")
        self.body_html = QPlainTextEdit()
        self.body_html.setObjectName("bodyHtml")
        self.body_html.setPlaceholderText(self.tr("Optional: the same message as HTML"))
        fields = QPlainTextEdit(
            "\n".join(
                f"{{{{ {name} }}}}  —  {QCoreApplication.translate(FIELDS_CONTEXT, meaning)}"
                for name, meaning in REPLY_FIELDS.items()
            )
        )
        fields.setReadOnly(True)
        self.edit_tabs = QTabWidget()
        self.edit_tabs.addTab(self.body, self.tr("Text"))
        self.edit_tabs.addTab(self.body_html, self.tr("HTML"))
        self.edit_tabs.addTab(fields, self.tr("Fields you can use"))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Subject"), self.subject)

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(ERROR_STYLE)
        self.banner.hide()
        self.reload_button = QPushButton(self.tr("Reload the stored version"))
        self.reload_button.setObjectName("reloadTemplate")
        self.reload_button.hide()
        self.save_button = QPushButton(self.tr("&Save template"))
        self.save_button.setObjectName("saveTemplate")
        save_row = QHBoxLayout()
        save_row.addWidget(self.reload_button)
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)

        self.preview_label = QLabel()
        self.preview_label.setObjectName("previewLabel")
        self.preview_label.setWordWrap(True)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("preview")
        self.preview.setReadOnly(True)
        self.preview_error = QLabel()
        self.preview_error.setObjectName("previewError")
        self.preview_error.setWordWrap(True)
        self.preview_error.setStyleSheet(WARNING_STYLE)
        self.preview_error.hide()

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(form)
        right_layout.addWidget(self.edit_tabs, 3)
        right_layout.addWidget(self.banner)
        right_layout.addLayout(save_row)
        right_layout.addWidget(self.preview_label)
        right_layout.addWidget(self.preview_error)
        right_layout.addWidget(self.preview, 2)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 700])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.resize(1000, 760)

    def _connect_signals(self) -> None:
        self.list.currentItemChanged.connect(self.on_current_changed)
        self.new_button.clicked.connect(self.on_new)
        self.delete_button.clicked.connect(self.on_delete)
        self.reset_button.clicked.connect(self.on_reset)
        self.save_button.clicked.connect(self.on_save)
        self.reload_button.clicked.connect(self.on_reload)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.name, self.subject):
            edit.textChanged.connect(self.on_edited)
        for text in (self.body, self.body_html):
            text.textChanged.connect(self.on_edited)
        self.language.currentIndexChanged.connect(self.on_edited)
        self._preview_timer.timeout.connect(self.update_preview)

    # --- the list ----------------------------------------------------------------------------

    def reload_list(self, select_id: int | None = None) -> None:
        """Show the stored templates; select ``select_id`` (default the first)."""
        self.templates = {t["id"]: t for t in list_templates(self.database)}
        self.list.blockSignals(True)
        self.list.clear()
        chosen = None
        for template in self.templates.values():
            marks = []
            if template["is_modified"]:
                marks.append(self.tr("edited"))
            elif not template["is_default"]:
                marks.append(self.tr("your own"))
            text = f"{template['label']} · {LANGUAGE_NAMES.get(template['language'], '')}"
            if marks:
                text += f"  ({', '.join(marks)})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, template["id"])
            item.setToolTip(template["name"])
            self.list.addItem(item)
            if chosen is None or template["id"] == select_id:
                chosen = item
        if chosen is not None:
            self.list.setCurrentItem(chosen)
        # Signals stay blocked while selecting: what is shown is being replaced on purpose.
        self.list.blockSignals(False)
        if chosen is not None:
            self.load(int(chosen.data(Qt.ItemDataRole.UserRole)))
        else:
            self.on_new()

    def select(self, name: str, language: str) -> bool:
        """Select a template by name and language; False when there is none."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            template = self.templates[int(item.data(Qt.ItemDataRole.UserRole))]
            if template["name"] == name and template["language"] == language:
                self.list.setCurrentItem(item)
                return True
        return False

    def load(self, template_id: int) -> None:
        """Put a stored template in the editor."""
        template = self.templates[template_id]
        self.loaded = template
        self._set_form(template)
        self._hide_banner()
        self.delete_button.setEnabled(True)
        self.reset_button.setEnabled(bool(template["is_modified"]))

    def _set_form(self, template: dict[str, Any]) -> None:
        self.name.setText(template.get("name", ""))
        self.language.setCurrentIndex(max(0, self.language.findData(template.get("language"))))
        self.subject.setText(template.get("subject", ""))
        self.body.setPlainText(template.get("body_text", ""))
        self.body_html.setPlainText(template.get("body_html") or "")
        self.update_preview()

    def form(self) -> dict[str, Any]:
        """The template as the editor holds it."""
        return {
            "name": self.name.text().strip(),
            "language": str(self.language.currentData()),
            "subject": self.subject.text(),
            "body_text": self.body.toPlainText(),
            "body_html": self.body_html.toPlainText() or None,
        }

    def is_dirty(self) -> bool:
        """Whether the editor holds changes not saved."""
        form = self.form()
        if self.loaded is None:
            return bool(form["subject"] or form["body_text"].strip())
        return any(
            form[k] != (self.loaded.get(k) or (None if k == "body_html" else "")) for k in form
        )

    # --- banners and preview -----------------------------------------------------------------

    def _show_banner(self, text: str, *, conflict: bool = False) -> None:
        self.banner.setText(text)
        self.banner.show()
        self.reload_button.setVisible(conflict)

    def _hide_banner(self) -> None:
        self.banner.hide()
        self.reload_button.hide()

    @Slot()
    def on_edited(self) -> None:
        """Refresh the preview after a short pause in typing."""
        self._preview_timer.start()

    @Slot()
    def update_preview(self) -> None:
        """Fill the template being edited for the sample inquiry."""
        self._preview_timer.stop()
        if self.sample_inquiry_id is None:
            self.preview_label.setText(self.tr("Add an inquiry to see a preview."))
            self.preview.clear()
            return
        self.preview_label.setText(
            self.tr("Preview for inquiry %1 (the newest):").replace(
                "%1", str(self.sample_inquiry_id)
            )
        )
        form = self.form()
        if not form["subject"].strip() or not form["body_text"].strip():
            self.preview_error.hide()
            self.preview.clear()
            return
        try:
            draft = render_reply(
                self.database,
                self.sample_inquiry_id,
                {**form, "name": form["name"] or "(unsaved)"},
                settings=self.settings,
            )
        except UnfilledFieldError as exc:
            self.preview_error.setText(
                self.tr('The field "%1" has no value for this inquiry: %2')
                .replace("%1", exc.field)
                .replace("%2", exc.message)
            )
            self.preview_error.show()
            self.preview.clear()
            return
        except InputRejected as exc:
            self.preview_error.setText(exc.message)
            self.preview_error.show()
            self.preview.clear()
            return
        self.preview_error.hide()
        self.preview.setPlainText(draft.as_text())

    # --- actions -----------------------------------------------------------------------------

    @Slot(QListWidgetItem, QListWidgetItem)
    def on_current_changed(
        self, current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        """Edit the template picked, after asking about unsaved changes."""
        if current is None:
            return
        if self.is_dirty() and not confirm(
            self,
            self.tr("Discard changes?"),
            self.tr("The template you were editing has unsaved changes. Discard them?"),
            destructive=True,
        ):
            self.list.blockSignals(True)
            if previous is not None:
                self.list.setCurrentItem(previous)
            self.list.blockSignals(False)
            return
        self.load(int(current.data(Qt.ItemDataRole.UserRole)))

    @Slot()
    def on_new(self) -> None:
        """Start a new template."""
        self.loaded = None
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self._set_form({"name": "", "language": "zh-HK", "subject": "", "body_text": ""})
        self._hide_banner()
        self.delete_button.setEnabled(False)
        self.reset_button.setEnabled(False)
        self.name.setFocus()

    @Slot()
    def on_save(self) -> None:
        """Save the editor's template (create, or update the version shown)."""
        try:
            if self.loaded is None:
                saved = create_template(self.database, self.form())
            else:
                saved = update_template(
                    self.database,
                    int(self.loaded["id"]),
                    self.form(),
                    expected_version=int(self.loaded["version"]),
                )
        except TemplateConflict as exc:
            self._conflict(exc.message)
            return
        except InputRejected as exc:
            self._show_banner(self.tr("Not saved: %1").replace("%1", exc.message))
            return
        self.changed = True
        self.reload_list(saved["id"])

    def _conflict(self, message: str) -> None:
        self._show_banner(
            self.tr(
                "Someone else changed or deleted this template since you opened it: %1 "
                "Your text is still in the editor; copy what you need, then reload."
            ).replace("%1", message),
            conflict=True,
        )

    @Slot()
    def on_reload(self) -> None:
        """Show the stored version after a conflict (the officer's edits are replaced)."""
        keep = self.loaded["id"] if self.loaded else None
        self.loaded = None
        self._hide_banner()
        self.reload_list(keep)

    @Slot()
    def on_delete(self) -> None:
        """Delete the selected template after confirmation."""
        if self.loaded is None:
            return
        if not confirm(
            self,
            self.tr("Delete template"),
            self.tr('Delete the template "%1"? Replies already sent keep their text.').replace(
                "%1", self.loaded["label"]
            ),
            destructive=True,
        ):
            return
        try:
            delete_template(
                self.database, int(self.loaded["id"]), expected_version=int(self.loaded["version"])
            )
        except TemplateConflict as exc:
            self._conflict(exc.message)
            return
        except InputRejected as exc:
            self._show_banner(exc.message)
            return
        self.changed = True
        self.loaded = None
        self.reload_list()

    @Slot()
    def on_reset(self) -> None:
        """Put an edited default template back to the shipped text."""
        if self.loaded is None or not confirm(
            self,
            self.tr("Reset template"),
            self.tr('Put "%1" back to the text PressDesk ships? Your edits are lost.').replace(
                "%1", self.loaded["label"]
            ),
            destructive=True,
        ):
            return
        try:
            saved = reset_template(
                self.database, int(self.loaded["id"]), expected_version=int(self.loaded["version"])
            )
        except TemplateConflict as exc:
            self._conflict(exc.message)
            return
        except InputRejected as exc:
            self._show_banner(exc.message)
            return
        self.changed = True
        self.reload_list(saved["id"])

    @classmethod
    def ask(cls, database: Database, parent: QWidget | None = None) -> bool | None:
        """Show the manager; True when templates were changed, else None."""
        dialog = cls(database, parent)
        dialog.exec()
        return True if dialog.changed else None


def run_templates(window: Any) -> None:
    """Inquiries → Reply templates…"""
    from services.templates import ensure_default_templates  # noqa: PLC0415 - lazy

    ensure_default_templates(window.database)
    TemplatesDialog.ask(window.database, window)


def screenshot(window: Any) -> QWidget:
    """The manager on the Chinese "answer" template, previewed for a seeded inquiry."""
    from services.first_run import import_bundled_release_once  # noqa: PLC0415 - lazy
    from services.templates import ensure_default_templates  # noqa: PLC0415 - lazy

    import_bundled_release_once(window.database)
    ensure_default_templates(window.database)
    dialog = TemplatesDialog(
        window.database,
        window,
        settings=demo_settings(),
        sample_inquiry_id=demo_inquiry(window.database),
    )
    dialog.select("answer", "zh-HK")
    dialog.show()
    return dialog
