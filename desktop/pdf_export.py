"""The printable contact sheet: a bilingual A4 PDF laid out by Qt, Chinese fonts embedded.

``services.exports`` selects and groups the contacts and calls
:func:`write_contact_sheet_pdf` (the command line and the GUI pass it in, so the services
never import Qt). The layout follows a release's media-contact block: the release title in
both languages and its date on top, then each organisation's names, then its people with
their names in both scripts, title, every phone formatted for reading and every e-mail.

QTextDocument embeds the subset of the font it uses; without a CJK font Qt would draw
Chinese as empty boxes, so a font family that has Traditional Chinese glyphs is chosen
explicitly (Noto Sans CJK, installed from ``fonts-noto-cjk`` on Debian, or the system
fonts of Windows and macOS).
"""

from __future__ import annotations

import html
import os
import re
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QRawFont,
    QTextDocument,
)

from services.exports import ContactSheet, SheetContact, display_phone

# Hong Kong forms first (their glyphs follow the HK standard), then Taiwan's, then the
# platform fonts; Simplified last, as it still has every Traditional character.
CJK_FAMILIES = (
    "Noto Sans CJK HK",
    "Noto Sans CJK TC",
    "Noto Sans HK",
    "Noto Sans TC",
    "Source Han Sans HK",
    "Source Han Sans TC",
    "PingFang HK",
    "PingFang TC",
    "Microsoft JhengHei",
    "Microsoft JhengHei UI",
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
)
_PHONE_LABELS = {
    "work": "Office 辦公室",
    "mobile": "Mobile 手提",
    "fax": "Fax 傳真",
    "home": "Home 住宅",
    "team": "Team 團隊",
    "other": "Other 其他",
}
_EMAIL_LABELS = {
    "work": "E-mail 電郵",
    "personal": "Personal 私人",
    "team": "Team 團隊",
    "other": "Other 其他",
}
_app: QGuiApplication | None = None  # kept alive while the process runs


def _ensure_gui_application() -> None:
    """Fonts and PDF painting need a QGuiApplication; the command line has none."""
    global _app  # noqa: PLW0603 - one application per process, created on first need
    if QCoreApplication.instance() is not None:
        return
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["pressdesk-export"])


def cjk_font_family() -> str | None:
    """The first installed font family of :data:`CJK_FAMILIES`, or None."""
    installed = set(QFontDatabase.families())
    return next((family for family in CJK_FAMILIES if family in installed), None)


def _e(text: str | None) -> str:
    return html.escape(text or "").replace("\n", "<br/>")


def _person(contact: SheetContact) -> str:
    names = []
    if contact.name_zh:
        names.append(f"<b>{_e(contact.name_zh)}</b>")
    if contact.name_en:
        names.append(_e(contact.name_en) if names else f"<b>{_e(contact.name_en)}</b>")
    if not names:
        names.append("<i>(Team mailbox 團隊郵箱)</i>" if contact.kind == "mailbox" else "")
    titles = [t for t in (contact.title_zh, contact.title_en) if t]
    who = "<br/>".join(names)
    if titles:
        who += "<br/><span style='color:#444'>" + "<br/>".join(_e(t) for t in titles) + "</span>"
    phones = "<br/>".join(
        f"<span style='white-space:nowrap'><span style='color:#555'>"
        f"{_PHONE_LABELS.get(kind, kind)}</span>&nbsp; {_e(display_phone(e164, extension))}</span>"
        for kind, e164, extension in contact.phones
    )
    emails = "<br/>".join(
        f"<span style='color:#555'>{_EMAIL_LABELS.get(kind, kind)}</span><br/>{_e(address)}"
        for kind, address in contact.emails
    )
    return (
        f'<tr><td width="30%">{who}</td><td width="32%">{phones}</td>'
        f'<td width="38%">{emails}</td></tr>'
    )


def contact_sheet_html(sheet: ContactSheet, family: str | None) -> str:
    """The sheet as the HTML subset QTextDocument lays out."""
    font = f"font-family:'{family}';" if family else ""
    parts = [f'<html><body style="{font} font-size:10pt">']
    if sheet.title_zh:
        parts.append(f"<h1 style='margin-bottom:2px'>{_e(sheet.title_zh)}</h1>")
    if sheet.title_en:
        tag = "h2" if sheet.title_zh else "h1"
        parts.append(f"<{tag} style='margin-top:2px'>{_e(sheet.title_en)}</{tag}>")
    dateline = " · ".join(p for p in (sheet.issued_on, sheet.place) if p)
    if dateline:
        parts.append(f"<p>{_e(dateline)}</p>")
    if sheet.subtitle:
        parts.append(f"<p><b>{_e(sheet.subtitle)}</b></p>")
    if not sheet.groups:
        parts.append("<p><i>No contacts 沒有聯絡人</i></p>")
    for group in sheet.groups:
        names = [n for n in (group.organization_zh, group.organization_en) if n]
        heading = "<br/>".join(_e(n) for n in names) or "(No organisation 沒有機構)"
        parts.append(f"<h3 style='margin-top:14px; margin-bottom:4px'>{heading}</h3>")
        parts.append('<table width="100%" cellspacing="0" cellpadding="4" border="0">')
        parts.extend(_person(contact) for contact in group.contacts)
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def write_contact_sheet_pdf(path: Path, sheet: ContactSheet) -> None:
    """Lay the sheet out on A4 pages and write it as a PDF to ``path``."""
    _ensure_gui_application()
    family = cjk_font_family()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    # print_() adds a 2 cm margin of its own inside the page layout's margins.
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(" ".join(t for t in (sheet.title_zh, sheet.title_en) if t))
    writer.setCreator("PressDesk")
    document = QTextDocument()
    if family:
        document.setDefaultFont(QFont(family, 10))
    document.setHtml(contact_sheet_html(sheet, family))
    # No page size of our own: print_() then fits the text to the writer's page and
    # numbers the pages.
    document.print_(writer)
    del writer  # closes the file
    if family:
        repair_text_layer(path, document.toPlainText(), family)


# What the PDF's text layer (ToUnicode CMap) says each glyph is, e.g. <0001> <006C> [<0032> ...].
_BFRANGE = re.compile(rb"(beginbfrange)(.*?)(endbfrange)", re.S)
_RANGE_ENTRY = re.compile(rb"(<[0-9A-Fa-f]+>\s+<[0-9A-Fa-f]+>\s+)(\[[^\]]*\]|<[0-9A-Fa-f]+>)")
_BFCHAR = re.compile(rb"(beginbfchar)(.*?)(endbfchar)", re.S)
_CHAR_ENTRY = re.compile(rb"(<[0-9A-Fa-f]+>\s+)(<[0-9A-Fa-f]+>)")
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")


def _suspect(code: int) -> bool:
    """Code points Qt picks by mistake: controls, CJK radicals, compatibility ideographs."""
    return code < 0x20 or 0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF


def repair_text_layer(path: Path, text: str, family: str) -> None:
    """Make the PDF's text layer say the characters that were drawn.

    Qt writes each glyph's character by scanning the font's character map from U+0000 up
    and keeping the first character that uses the glyph. Noto Sans CJK draws 香 and the
    Kangxi radical ⾹, or 長 and the radical ⻑, with one glyph, and some digits with the
    glyph of a control character, so text copied or extracted from the PDF would say ⾹港,
    局⻑ and "A :A ". Each such entry is replaced by the drawn character with the same
    glyph. Codes keep their four hex digits, so no byte offset in the file moves.
    """
    used = {ch for ch in text if ord(ch) < 0x10000}
    faces = [
        QRawFont.fromFont(QFont(family, 10, weight))
        for weight in (QFont.Weight.Normal, QFont.Weight.Bold)
    ]
    drawn: dict[tuple[int, int], str] = {}
    for face_index, face in enumerate(faces):
        for char in sorted(used):
            glyphs = face.glyphIndexesForString(char)
            if glyphs and glyphs[0]:
                drawn.setdefault((face_index, glyphs[0]), char)

    def code(match: re.Match[bytes]) -> bytes:
        value = int(match.group(1), 16)
        if not _suspect(value) or chr(value) in used:
            return match.group(0)
        for face_index, face in enumerate(faces):
            glyphs = face.glyphIndexesForString(chr(value))
            char = drawn.get((face_index, glyphs[0])) if glyphs and glyphs[0] else None
            if char is not None:
                return f"<{ord(char):04X}>".encode("ascii")
        return match.group(0)

    def destinations(match: re.Match[bytes]) -> bytes:
        return match.group(1) + _CODE.sub(code, match.group(2))

    def block(entry: re.Pattern[bytes]) -> Any:
        def repair(match: re.Match[bytes]) -> bytes:
            return match.group(1) + entry.sub(destinations, match.group(2)) + match.group(3)

        return repair

    data = path.read_bytes()
    fixed = _BFCHAR.sub(block(_CHAR_ENTRY), _BFRANGE.sub(block(_RANGE_ENTRY), data))
    if fixed != data:
        assert len(fixed) == len(data)  # the cross-reference table's offsets stay right
        path.write_bytes(fixed)
