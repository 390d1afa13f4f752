"""The README's screenshots: every main view and dialog, in both languages, each linked."""

from __future__ import annotations

import re

import pytest

from desktop.app import SCREENSHOT_DIALOGS
from desktop.main_window import VIEWS
from tests.conftest import REPO

SHOTS = REPO / "docs" / "screenshots"
LANGUAGES = ("en", "zh_HK")


def _expected() -> set[str]:
    views = {f"view-{name}.png" for name, _, _ in VIEWS}
    dialogs = {f"dialog-{module.rsplit('.', 1)[-1]}.png" for module in SCREENSHOT_DIALOGS}
    return views | dialogs


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_screenshot_of_every_view_and_dialog_is_committed(language: str) -> None:
    found = {p.name for p in (SHOTS / language).glob("*.png")}
    missing = _expected() - found
    stale = found - _expected()
    assert not missing and not stale, (
        f"run python -m tests.helpers.readme_screenshots docs/screenshots: "
        f"missing {sorted(missing)}, no longer made {sorted(stale)}"
    )


def test_the_readme_links_every_screenshot_and_only_existing_ones() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"docs/screenshots/((?:en|zh_HK)/[\w-]+\.png)", readme))
    committed = {f"{p.parent.name}/{p.name}" for p in SHOTS.glob("*/*.png")}
    assert linked <= committed, sorted(linked - committed)
    assert committed <= linked, sorted(committed - linked)
