"""The text of a press release written in Word (.docx), as the release importer reads it.

Press offices write releases in Word and send them as .docx; asking the officer to save
each as plain text first costs a step on deadline and loses the tables a media-contact
block is often laid out in. A .docx is a ZIP of XML: the text of ``word/document.xml`` is
read in document order, a paragraph a line, a table row a line with its cells apart by
tabs (as the importer reads a table pasted from Word), a manual line break a line break.
Deleted tracked changes and field codes are not text a reader sees, so they are left out.
Only the standard library is needed.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from services.phrases import QT_TRANSLATE_NOOP, phrase
from services.problems import InputRejected
from services.text_files import MAX_TEXT_BYTES, DecodedText, read_text_file

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCUMENT = "word/document.xml"
# The document's XML is several times its text (markup, run properties): a 5 MB text limit
# allows this much XML, and a ZIP that claims more is refused before it is inflated.
MAX_DOCUMENT_XML_BYTES = 20 * MAX_TEXT_BYTES
_BREAKS = frozenset({f"{_W}br", f"{_W}cr"})


def is_word_document(path: Path | str) -> bool:
    """True for a .docx (a ZIP holding ``word/document.xml``), whatever its name."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _DOCUMENT in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def read_release_document(path: Path | str) -> DecodedText:
    """The text of a release file: a Word document's, or a text file's in any encoding.

    Raises:
        InputRejected: unreadable, damaged, empty, binary or too large.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return read_text_file(path)  # not a ZIP: text (or refused, saying what it is)
    name = Path(path).name
    with archive:
        if _DOCUMENT not in archive.namelist():
            return read_text_file(path)  # another ZIP: refused, saying what it is
        try:
            if archive.getinfo(_DOCUMENT).file_size > MAX_DOCUMENT_XML_BYTES:
                raise InputRejected(
                    phrase(
                        QT_TRANSLATE_NOOP(
                            "Validation",
                            "%1 is too large a Word document for a press release. Check that "
                            "this is the right file.",
                        ),
                        name,
                    )
                )
            root = ElementTree.fromstring(archive.read(_DOCUMENT))
        except (zipfile.BadZipFile, KeyError, OSError, ElementTree.ParseError) as error:
            raise InputRejected(
                phrase(
                    QT_TRANSLATE_NOOP(
                        "Validation",
                        "%1 is a damaged Word document (%2). Open it in Word and save it "
                        "again, or save it as plain text (.txt, UTF-8).",
                    ),
                    name,
                    type(error).__name__,
                )
            ) from None
    body = root.find(f"{_W}body")
    text = "\n".join(_blocks(body)) if body is not None else ""
    if not text.strip():
        raise InputRejected(
            phrase(
                QT_TRANSLATE_NOOP("Validation", "%1 is a Word document with no text in it."),
                name,
            )
        )
    return DecodedText(text, "docx", False)


def _blocks(container: ElementTree.Element) -> list[str]:
    """The lines of the paragraphs and tables directly in ``container``, in order."""
    lines: list[str] = []
    for block in container:
        if block.tag == f"{_W}p":
            lines.append(_paragraph(block))
        elif block.tag == f"{_W}tbl":
            for row in block.iter(f"{_W}tr"):
                cells = [" ".join(_blocks(cell)).strip() for cell in row.findall(f"{_W}tc")]
                lines.append("\t".join(cells))
        elif block.tag == f"{_W}sdt":  # a content control: its paragraphs are text too
            content = block.find(f"{_W}sdtContent")
            if content is not None:
                lines.extend(_blocks(content))
    return lines


def _paragraph(paragraph: ElementTree.Element) -> str:
    parts: list[str] = []
    for element in paragraph.iter():
        if element.tag == f"{_W}t":
            parts.append(element.text or "")
        elif element.tag == f"{_W}tab":
            parts.append("\t")
        elif element.tag in _BREAKS:
            parts.append("\n")
    return "".join(parts)
