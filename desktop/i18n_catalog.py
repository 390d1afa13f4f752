"""Keep the translation catalogue in step with the code: ``python -m desktop.i18n_catalog``.

Runs Qt's ``lupdate`` over desktop/ (new strings are added as unfinished, vanished ones
marked obsolete, existing translations kept) and ``lrelease`` to compile the ``.qm`` files
the application loads. Translators edit ``resources/i18n/pressdesk_zh_HK.ts`` (Qt
Linguist, or any XML editor); tests/desktop/test_translations.py fails while a string
has no translation or the catalogue lags behind the code.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.i18n import I18N_DIR

SOURCE_DIR = Path(__file__).resolve().parent
CATALOGUES = [I18N_DIR / "pressdesk_zh_HK.ts"]


def _tool(name: str) -> str:
    candidate = Path(sys.executable).with_name(f"pyside6-{name}")
    return str(candidate) if candidate.exists() else f"pyside6-{name}"


# The services mark the messages the GUI translates with QT_TRANSLATE_NOOP
# (services/phrases.py); they are read for those marks only.
SERVICES_DIR = SOURCE_DIR.parent / "services"


def source_files() -> list[str]:
    """Every Python file of the GUI and of the services, in a stable order."""
    files = [*SOURCE_DIR.rglob("*.py"), *SERVICES_DIR.rglob("*.py")]
    return sorted(str(p) for p in files)


def update(catalogue: Path, *, no_obsolete: bool = True) -> None:
    """Merge the strings of the code into ``catalogue``."""
    options = ["-no-obsolete"] if no_obsolete else []
    subprocess.run(
        [_tool("lupdate"), *options, "-locations", "none", *source_files(), "-ts", str(catalogue)],
        check=True,
        capture_output=True,
    )


def release(catalogue: Path) -> Path:
    """Compile ``catalogue`` to the ``.qm`` the application loads."""
    target = catalogue.with_suffix(".qm")
    subprocess.run(
        [_tool("lrelease"), str(catalogue), "-qm", str(target)], check=True, capture_output=True
    )
    return target


def main() -> None:
    """Update and compile every catalogue."""
    for catalogue in CATALOGUES:
        update(catalogue)
        release(catalogue)


if __name__ == "__main__":
    main()
