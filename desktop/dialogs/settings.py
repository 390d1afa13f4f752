"""File → Settings: interface language and who the officer is (stamped on changes, replies)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.confirm import warn
from desktop.i18n import LANGUAGES, current_language, install_translators, remember_language
from desktop.main_window import MainWindow
from services.audit import set_officer
from services.problems import InputRejected
from services.settings import Settings, load_settings, save_settings


@dataclass
class GeneralSettings:
    """What the dialog edits."""

    language: str
    officer_name: str
    officer_title: str
    organization: str
    phone: str
    from_address: str
    from_name: str


class SettingsDialog(QDialog):
    """The settings form."""

    def __init__(self, current: GeneralSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current.language)))
        self.officer_name = QLineEdit(current.officer_name)
        self.officer_name.setObjectName("officerName")
        self.officer_title = QLineEdit(current.officer_title)
        self.organization = QLineEdit(current.organization)
        self.phone = QLineEdit(current.phone)
        self.from_address = QLineEdit(current.from_address)
        self.from_name = QLineEdit(current.from_name)
        form = QFormLayout()
        form.addRow(self.tr("Interface language"), self.language)
        form.addRow(self.tr("Your name (stamped on your changes)"), self.officer_name)
        form.addRow(self.tr("Your title"), self.officer_title)
        form.addRow(self.tr("Your organisation"), self.organization)
        form.addRow(self.tr("Your phone"), self.phone)
        form.addRow(self.tr("Reply from (e-mail)"), self.from_address)
        form.addRow(self.tr("Reply from (display name)"), self.from_name)
        note = QLabel(self.tr("A new interface language applies at once; the window is rebuilt."))
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def value(self) -> GeneralSettings:
        """What the form holds now."""
        return GeneralSettings(
            language=str(self.language.currentData()),
            officer_name=self.officer_name.text().strip(),
            officer_title=self.officer_title.text().strip(),
            organization=self.organization.text().strip(),
            phone=self.phone.text().strip(),
            from_address=self.from_address.text().strip(),
            from_name=self.from_name.text().strip(),
        )

    @classmethod
    def ask(cls, current: GeneralSettings, parent: QWidget | None = None) -> GeneralSettings | None:
        """Show the dialog; the new settings, or None when cancelled."""
        dialog = cls(current, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def current_settings() -> tuple[GeneralSettings, Settings]:
    """The settings as stored now (the app file plus the interface language shown now)."""
    stored = load_settings()
    general = GeneralSettings(
        language=current_language(),
        officer_name=stored.officer_name,
        officer_title=stored.officer_title,
        organization=stored.organization,
        phone=stored.phone,
        from_address=stored.from_address,
        from_name=stored.from_name,
    )
    return general, stored


def apply_settings(window: MainWindow, chosen: GeneralSettings, stored: Settings) -> None:
    """Save the settings (the officer's name stamps changes at once); switch the language."""
    updated = stored.model_copy(
        update={
            "officer_name": chosen.officer_name or stored.officer_name,
            "officer_title": chosen.officer_title,
            "organization": chosen.organization,
            "phone": chosen.phone,
            "from_address": chosen.from_address,
            "from_name": chosen.from_name,
        }
    )
    saved = Settings.model_validate(updated.model_dump())
    save_settings(saved)
    # Every change from now on carries the new name, not only after a restart.
    set_officer(window.database, saved.officer_name)
    if chosen.language != current_language():
        remember_language(chosen.language)
        install_translators(chosen.language)
        window.language_change_requested.emit(chosen.language)


def run_settings(window: MainWindow) -> None:
    """File → Settings…"""
    general, stored = current_settings()
    chosen = SettingsDialog.ask(general, window)
    if chosen is None:
        return
    try:
        apply_settings(window, chosen, stored)
    except InputRejected as exc:
        warn(window, QCoreApplication.translate("window", "Settings not saved"), exc.message)


def screenshot(window: MainWindow) -> QWidget:
    """The settings dialog, built but not run."""
    dialog = SettingsDialog(current_settings()[0], window)
    dialog.show()
    return dialog
