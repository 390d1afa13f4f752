"""The releases view (being built: issue 3)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from db.engine import Database
from desktop.views.base import View


class ReleasesView(View):
    """Releases."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Releases")))

    def title(self) -> str:
        return self.tr("Releases")

    def apply_search(self, text: str) -> None:
        """Nothing to filter yet."""
