"""Make the README's screenshots: every main view and dialog, in English and 繁體中文.

    python -m tests.helpers.readme_screenshots docs/screenshots

Builds the demo database (tests/helpers/demo_database.py) in a temporary folder, with
settings and user folders of its own, runs ``main.py --screenshot`` once per language
(offscreen unless QT_QPA_PLATFORM says otherwise), and reduces each PNG to 256 colours
(without dithering, so text stays crisp) to keep the repository small.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from services.settings import Settings, save_settings
from tests.helpers.demo_database import build

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "zh_HK")


def _shrink(png: Path) -> None:
    flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
    QImage(str(png)).convertToFormat(QImage.Format.Format_Indexed8, flags).save(str(png))


def make(target: Path) -> list[Path]:
    """Write ``target/<language>/*.png`` and return the files."""
    with tempfile.TemporaryDirectory(prefix="pressdesk-shots-") as tmp:
        home = Path(tmp)
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env.pop("PRESSDESK_DB", None)
        for name in ("CONFIG", "DATA", "STATE", "CACHE"):
            env[f"XDG_{name}_HOME"] = str(home / name.lower())
        os.environ.update({k: v for k, v in env.items() if k.startswith("XDG_")})
        save_settings(Settings(officer_name="溫安怡 Angela Wan"))
        database = home / "pressdesk.sqlite"
        build(database)
        saved: list[Path] = []
        for language in LANGUAGES:
            out = target / language
            if out.exists():
                shutil.rmtree(out)
            subprocess.run(
                [
                    sys.executable,
                    str(REPO / "main.py"),
                    "--db",
                    f"sqlite:///{database}",
                    "--lang",
                    language,
                    "--screenshot",
                    str(out),
                ],
                env=env,
                check=True,
            )
            for png in sorted(out.glob("*.png")):
                _shrink(png)
                saved.append(png)
    return saved


if __name__ == "__main__":
    for path in make(Path(sys.argv[1])):
        sys.stdout.write(f"{path} {path.stat().st_size} bytes\n")
