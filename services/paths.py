"""Where bundled data lives (resources/ beside the code)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
BUNDLED_RELEASE = RESOURCES / "releases" / "2023-12-01-hkstp-horizon-mou.txt"
