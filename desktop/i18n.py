"""Interface language: English or 繁體中文 (香港), chosen in Settings, default the system's."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
LANGUAGES = {"en": "English", "zh_HK": "繁體中文（香港）"}
_SETTING = "ui/language"
_installed: list[QTranslator] = []
_active = ["en"]  # the language of the translators installed now


def system_language() -> str:
    """zh_HK for any Chinese system locale written in Traditional script, else English."""
    locale = QLocale.system()
    if (
        locale.language() == QLocale.Language.Chinese
        and locale.script() != QLocale.Script.SimplifiedHanScript
    ):
        return "zh_HK"
    return "en"


def chosen_language() -> str:
    """The language the user picked in Settings, or the system's."""
    value = QSettings().value(_SETTING, "")
    return value if isinstance(value, str) and value in LANGUAGES else system_language()


def current_language() -> str:
    """The language the interface speaks now (``--lang`` may differ from the stored choice)."""
    return _active[0]


def remember_language(language: str) -> None:
    """Store the user's choice for the next start."""
    QSettings().setValue(_SETTING, language)


def install_translators(language: str) -> bool:
    """Load our translation and Qt's own (for its standard buttons); True if ours loaded.

    Qt ships no qtbase_zh_HK, so Hong Kong users get Qt's Taiwan translation of its own
    buttons (same script; FIELD-NOTES.md).
    """
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _active[0] = "en"
    if language == "en":
        return True
    ours = QTranslator(app)
    loaded = ours.load(str(I18N_DIR / f"pressdesk_{language}.qm"))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
        _active[0] = language
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load("qtbase_zh_TW", qt_dir) or qt.load("qt_zh_TW", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    return loaded
