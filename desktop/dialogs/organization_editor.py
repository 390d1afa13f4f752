"""The organisation editor: bilingual names, kind, website, default phone region, notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from db.models import OrganizationKind
from desktop.confirm import warn
from desktop.dialogs.conflict import edit_and_save
from services.contacts import (
    DEFAULT_REGION,
    EditConflict,
    create_organization,
    get_organization,
    phone_regions,
)
from services.problems import InputRejected


def kind_label(kind: str) -> str:
    """An organisation kind in the interface language."""
    labels: dict[str, str] = {
        OrganizationKind.ISSUER: QCoreApplication.translate("OrganizationEditor", "Issuer"),
        OrganizationKind.AGENCY: QCoreApplication.translate("OrganizationEditor", "PR agency"),
        OrganizationKind.MEDIA: QCoreApplication.translate("OrganizationEditor", "Media outlet"),
        OrganizationKind.GOVERNMENT: QCoreApplication.translate("OrganizationEditor", "Government"),
        OrganizationKind.OTHER: QCoreApplication.translate("OrganizationEditor", "Other"),
    }
    return labels.get(kind, kind)


def region_name(region: str) -> str:
    """A phone region's place name ("Hong Kong"), from Qt's locale data.

    Qt names territories in English only; the four regions listed first are named
    through the catalogue, so a Hong Kong office reads them in its own language.
    """
    near = {
        "HK": QCoreApplication.translate("PhoneRegions", "Hong Kong SAR China"),
        "MO": QCoreApplication.translate("PhoneRegions", "Macao SAR China"),
        "CN": QCoreApplication.translate("PhoneRegions", "China"),
        "TW": QCoreApplication.translate("PhoneRegions", "Taiwan"),
    }
    if region in near:
        return near[region]
    territory = QLocale.codeToTerritory(region)
    if territory == QLocale.Country.AnyTerritory:
        return region
    return QLocale.territoryToString(territory)


def region_label(region: str) -> str:
    """A phone region as lists show it: "Hong Kong (HK) +852"."""
    codes = dict(phone_regions())
    code = codes.get(region)
    label = f"{region_name(region)} ({region})"
    return f"{label} +{code}" if code else label


class RegionCombo(QComboBox):
    """A phone region with its calling code; Hong Kong, Macao, China and Taiwan first."""

    FIRST = ("HK", "MO", "CN", "TW")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        regions = phone_regions()
        first = [r for r in self.FIRST if r in dict(regions)]
        rest = sorted((r for r, _ in regions if r not in first), key=region_name)
        for region in first:
            self.addItem(region_label(region), region)
        self.insertSeparator(len(first))
        for region in rest:
            self.addItem(region_label(region), region)
        self.set_region(DEFAULT_REGION)

    def region(self) -> str:
        """The chosen region code ("HK")."""
        return str(self.currentData() or DEFAULT_REGION)

    def set_region(self, region: str) -> None:
        """Choose ``region`` (Hong Kong when unknown)."""
        index = self.findData(region or DEFAULT_REGION)
        self.setCurrentIndex(index if index >= 0 else self.findData(DEFAULT_REGION))


@dataclass
class OrganizationData:
    """What the editor gives back: the fields, and the version it showed."""

    organization_id: int | None
    version: int | None
    fields: dict[str, Any] = field(default_factory=dict)


class OrganizationEditor(QDialog):
    """Create or edit one organisation."""

    def __init__(
        self,
        organization: dict[str, Any] | None = None,
        parent: QWidget | None = None,
        *,
        name: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("organizationEditor")
        self._organization = organization or {}
        self.setWindowTitle(
            self.tr("Edit organisation") if organization else self.tr("New organisation")
        )
        self.name_zh = self._line("nameZh", self.tr("e.g. 愛德曼國際公關公司"))
        self.name_en = self._line("nameEn", self.tr("e.g. Edelman"))
        self.short_name = self._line("shortName", self.tr("e.g. HKSTP"))
        self.short_name_zh = self._line("shortNameZh", self.tr("e.g. 科技園"))
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for kind in OrganizationKind:
            self.kind.addItem(kind_label(kind), kind.value)
        self.website = self._line("website", self.tr("e.g. www.hkstp.org"))
        self.region = RegionCombo()
        self.region.setObjectName("phoneRegion")
        self.region.setToolTip(
            self.tr(
                "Phone numbers of this organisation's contacts typed without a country code are read as numbers of this region."
            )
        )
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setMaximumHeight(90)
        self.reason = QLabel()
        self.reason.setObjectName("saveReason")
        self.reason.setStyleSheet("color: #b3261e;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        form = QFormLayout()
        form.addRow(self.tr("Chinese name"), self.name_zh)
        form.addRow(self.tr("English name"), self.name_en)
        form.addRow(self.tr("Short name (English)"), self.short_name)
        form.addRow(self.tr("Short name (Chinese)"), self.short_name_zh)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Website"), self.website)
        form.addRow(self.tr("Default phone region"), self.region)
        form.addRow(self.tr("Notes"), self.notes)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self._fill(name)
        self._connect_signals()
        self.update_save_button()
        self.resize(520, self.sizeHint().height())

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _fill(self, name: str) -> None:
        org = self._organization
        self.name_zh.setText(org.get("name_zh") or "")
        self.name_en.setText(org.get("name_en") or "")
        if name and not org:
            (self.name_zh if any(ord(c) > 0x2E7F for c in name) else self.name_en).setText(name)
        self.short_name.setText(org.get("short_name") or "")
        self.short_name_zh.setText(org.get("short_name_zh") or "")
        index = self.kind.findData(org.get("kind") or OrganizationKind.OTHER.value)
        self.kind.setCurrentIndex(max(index, 0))
        self.website.setText(org.get("website") or "")
        self.region.set_region(org.get("phone_region") or DEFAULT_REGION)
        self.notes.setPlainText(org.get("notes") or "")

    def _connect_signals(self) -> None:
        for edit in (self.name_zh, self.name_en, self.short_name, self.short_name_zh, self.website):
            edit.textChanged.connect(self.update_save_button)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def problems(self) -> list[str]:
        """Why the organisation cannot be saved yet (empty when it can)."""
        found = []
        names = (self.name_zh, self.name_en, self.short_name, self.short_name_zh)
        if not any(edit.text().strip() for edit in names):
            found.append(self.tr("Give the organisation a Chinese or English name."))
        website = self.website.text().strip()
        if website and (" " in website or "." not in website):
            found.append(self.tr("The website is not a web address."))
        return found

    @Slot()
    def update_save_button(self) -> None:
        """Enable Save only when everything is valid, and say why not."""
        problems = self.problems()
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(not problems)
        save.setToolTip("\n".join(problems))
        self.reason.setText(problems[0] if problems else "")
        self.reason.setVisible(bool(problems))

    def data(self) -> OrganizationData:
        """The fields as entered."""
        return OrganizationData(
            self._organization.get("id"),
            self._organization.get("version"),
            {
                "name_zh": self.name_zh.text(),
                "name_en": self.name_en.text(),
                "short_name": self.short_name.text(),
                "short_name_zh": self.short_name_zh.text(),
                "kind": self.kind.currentData(),
                "website": self.website.text(),
                "phone_region": self.region.region(),
                "notes": self.notes.toPlainText(),
            },
        )

    @Slot()
    def accept(self) -> None:
        """Close with Save only when the organisation can be saved."""
        if not self.problems():
            super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, organization: dict[str, Any] | None = None, *, name: str = ""
    ) -> OrganizationData | None:
        """Show the editor; the entered data, or None when cancelled."""
        dialog = cls(organization, parent, name=name)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.data()


def _save_failed(parent: QWidget | None, error: InputRejected) -> None:
    title = (
        QCoreApplication.translate("OrganizationEditor", "Changed by a colleague")
        if isinstance(error, EditConflict)
        else QCoreApplication.translate("OrganizationEditor", "Organisation not saved")
    )
    warn(parent, title, error.message, "\n".join(p.message for p in error.problems))


def run_new_organization(
    parent: QWidget | None, database: Database, *, name: str = ""
) -> dict[str, Any] | None:
    """Ask for a new organisation and create it; the saved organisation, or None."""
    data = OrganizationEditor.ask(parent, name=name)
    if data is None:
        return None
    try:
        return create_organization(database, data.fields)
    except InputRejected as error:
        _save_failed(parent, error)
        return None


def run_edit_organization(
    parent: QWidget | None, database: Database, organization_id: int
) -> dict[str, Any] | None:
    """Edit an organisation; a colleague's newer save opens the conflict view, never overwritten."""
    try:
        organization = get_organization(database, organization_id)
    except InputRejected as error:
        _save_failed(parent, error)
        return None

    def edit(shown: dict[str, Any]) -> tuple[dict[str, Any], int] | None:
        data = OrganizationEditor.ask(parent, shown)
        if data is None or data.version is None:
            return None
        return data.fields, data.version

    try:
        return edit_and_save(parent, database, "organization", organization, edit)
    except InputRejected as error:
        _save_failed(parent, error)
        return None


def screenshot(window: Any) -> QWidget:
    """The editor filled with the seed release's agency, built and shown but not run."""
    dialog = OrganizationEditor(
        {
            "id": 0,
            "version": 1,
            "name_zh": "愛德曼國際公關公司",
            "name_en": "Edelman",
            "short_name": "Edelman",
            "kind": OrganizationKind.AGENCY.value,
            "website": "www.edelman.com.hk",
            "phone_region": "HK",
            "notes": "PR agency for HKSTP; media desk 9:00–19:00.",
        },
        window,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
