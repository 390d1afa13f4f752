"""Releases written in Word (.docx): read in document order, tables as tab-separated rows."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from db.engine import Database
from services.problems import InputRejected
from services.release_import import import_release_file
from services.release_parser import parse_release
from services.roster import list_releases
from services.word_files import is_word_document, read_release_document
from tests.conftest import SEED_RELEASE

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _runs(text: str) -> str:
    parts = text.split("\t")
    runs = []
    for index, part in enumerate(parts):
        runs.append(
            f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escape(part)}</w:t></w:r>'
        )
        if index < len(parts) - 1:
            runs.append("<w:r><w:tab/></w:r>")
    return "".join(runs)


def _paragraph(text: str) -> str:
    return f"<w:p><w:pPr><w:jc w:val='left'/></w:pPr>{_runs(text)}</w:p>"


def _table(rows: list[list[str]]) -> str:
    cells = (
        "<w:tr>" + "".join(f"<w:tc><w:tcPr/>{_paragraph(c)}</w:tc>" for c in row) + "</w:tr>"
        for row in rows
    )
    return "<w:tbl><w:tblPr/>" + "".join(cells) + "</w:tbl>"


def _docx(path: Path, body: str) -> Path:
    """A Word document as Word writes one: the package, its parts, the body's XML."""
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<w:document {_W}><w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Override PartName="/word/document.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
            "/></Types>",
        )
        package.writestr("word/document.xml", document)
        package.writestr("word/styles.xml", f"<w:styles {_W}/>")
    return path


def test_the_seed_written_in_word_is_the_same_release(database: Database, tmp_path: Path) -> None:
    text = SEED_RELEASE.read_text(encoding="utf-8")
    word = _docx(tmp_path / "release.docx", "".join(_paragraph(line) for line in text.split("\n")))
    assert is_word_document(word) and not is_word_document(SEED_RELEASE)
    decoded = read_release_document(word)
    assert decoded.encoding == "docx"
    from_word = parse_release(decoded.text, source=word.name)
    from_text = parse_release(text, source=SEED_RELEASE.name)
    assert from_word.media_contacts == from_text.media_contacts
    assert from_word.spokespeople == from_text.spokespeople
    assert from_word.fingerprint == from_text.fingerprint
    # The same release as text, then as Word: the second import creates nothing.
    assert import_release_file(database, SEED_RELEASE).written
    again = import_release_file(database, word)
    assert again.created["releases"] == 0 and again.created["contacts"] == 0
    assert len(list_releases(database)) == 1


def test_a_contact_block_laid_out_as_a_word_table(tmp_path: Path) -> None:
    body = (
        _paragraph("ABC推出新服務")
        + _paragraph("")
        + _paragraph("（香港，2023年12月1日）— ABC公司今日推出新服務。")
        + _paragraph("傳媒查詢")
        + _table(
            [
                ["姓名", "職位", "電話", "電郵"],
                ["陳大文", "傳訊經理", "2123 4567", "tm.chan@abc.com.hk"],
                ["李小玲", "公關主任", "9123 4567", "sl.lee@abc.com.hk"],
            ]
        )
        # A manual line break inside a paragraph is a line of its own; deleted text is not text.
        + "<w:p><w:r><w:t>ABC公司</w:t></w:r><w:r><w:br/><w:t>網址：www.abc.com.hk</w:t></w:r>"
        "<w:del><w:r><w:delText>刪去的字</w:delText></w:r></w:del></w:p>"
    )
    decoded = read_release_document(_docx(tmp_path / "abc.docx", body))
    assert "陳大文\t傳訊經理\t2123 4567\ttm.chan@abc.com.hk" in decoded.text.split("\n")
    assert "ABC公司\n網址：www.abc.com.hk" in decoded.text
    assert "刪去的字" not in decoded.text
    release = parse_release(decoded.text, source="abc.docx")
    assert [
        (c.name_zh, c.title_zh, [p.text for p in c.phones]) for c in release.media_contacts
    ] == [
        ("陳大文", "傳訊經理", ["2123 4567"]),
        ("李小玲", "公關主任", ["9123 4567"]),
    ]


@pytest.mark.parametrize(
    ("document", "says"),
    [
        ("<w:document", "damaged Word document (ParseError)"),
        ("", "no text in it"),
    ],
)
def test_a_damaged_or_empty_word_document_is_refused_and_nothing_written(
    database: Database, tmp_path: Path, document: str, says: str
) -> None:
    path = tmp_path / "bad.docx"
    if document:
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("word/document.xml", document)
    else:
        _docx(path, _paragraph("") + _paragraph("   "))
    with pytest.raises(InputRejected, match=r"bad\.docx") as refused:
        import_release_file(database, path)
    assert says in refused.value.message
    assert list_releases(database) == []
