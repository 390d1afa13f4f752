"""Tests for services.text_files: every encoding we accept, every input we refuse."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from services.problems import InputRejected
from services.text_files import MAX_TEXT_BYTES, DecodedText, decode_text, read_text_file

RELEASES = Path(__file__).parent / "data" / "releases"

TRADITIONAL = (
    "香港科技園公司與地平線簽署合作備忘錄，設創新研發中心及招聘上百人團隊，"
    "推動香港微電子及智能汽車產業發展。傳媒查詢，請聯絡溫安怡。\n"
)
HKSCS = "佢話部𨋢壞咗，啱啱先整好，喺鰂魚涌嗰邊。\n"  # 𨋢 嘅 咗 啱 鰂: HKSCS-only characters
SIMPLIFIED = (
    "香港科技园公司与地平线签署合作备忘录，设创新研发中心及招聘上百人团队，"
    "推动香港微电子及智能汽车产业发展。媒体查询，请联络温安怡。\n"
)
ENGLISH = "HONG KONG, 1 December 2023 – HKSTP and Horizon today signed an MoU.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def rejection(path: Path, **kwargs: int) -> str:
    with pytest.raises(InputRejected) as caught:
        read_text_file(path, **kwargs)
    return caught.value.message


# ----------------------------------------------------------------------------- encodings


def test_utf8_without_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "release.txt", (TRADITIONAL + ENGLISH).encode("utf-8"))
    assert read_text_file(path) == DecodedText(TRADITIONAL + ENGLISH, "utf-8", False)


def test_utf8_with_bom_drops_the_mark(tmp_path: Path) -> None:
    path = write(tmp_path, "release.txt", TRADITIONAL.encode("utf-8-sig"))
    decoded = read_text_file(path)
    assert decoded == DecodedText(TRADITIONAL, "utf-8", True)
    assert not decoded.text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("codec", "expected"), [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")]
)
def test_utf16_with_bom(tmp_path: Path, codec: str, expected: str) -> None:
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    path = write(tmp_path, "release.txt", bom + (TRADITIONAL + HKSCS).encode(codec))
    assert read_text_file(path) == DecodedText(TRADITIONAL + HKSCS, expected, True)


def test_utf16_without_bom_is_recognised_by_its_nul_pattern(tmp_path: Path) -> None:
    text = ENGLISH * 5 + "溫安怡\n"
    path = write(tmp_path, "release.txt", text.encode("utf-16-le"))
    assert read_text_file(path) == DecodedText(text, "utf-16-le", False)
    path = write(tmp_path, "release-be.txt", text.encode("utf-16-be"))
    assert read_text_file(path) == DecodedText(text, "utf-16-be", False)


def test_big5_hkscs_keeps_hong_kong_characters(tmp_path: Path) -> None:
    text = TRADITIONAL + HKSCS
    path = write(tmp_path, "release.txt", text.encode("big5hkscs"))
    decoded = read_text_file(path)
    assert decoded == DecodedText(text, "big5hkscs", False)
    assert "𨋢" in decoded.text and "啱" in decoded.text and "鰂" in decoded.text


def test_short_big5_name_in_english_text_is_big5(tmp_path: Path) -> None:
    text = "Media enquiries: 溫安怡 Angela Wan, +852 2629 2329\n"
    path = write(tmp_path, "release.txt", text.encode("big5hkscs"))
    assert read_text_file(path) == DecodedText(text, "big5hkscs", False)


def test_gb18030_for_mainland_text(tmp_path: Path) -> None:
    path = write(tmp_path, "release.txt", SIMPLIFIED.encode("gb18030"))
    assert read_text_file(path) == DecodedText(SIMPLIFIED, "gb18030", False)


def test_windows_1252_english_from_word(tmp_path: Path) -> None:
    text = "“We are delighted,” said Dr Sunny Chai – Chairman of HKSTP. Café…\n"
    path = write(tmp_path, "release.txt", text.encode("cp1252"))
    assert read_text_file(path) == DecodedText(text, "cp1252", False)


def test_encoded_fixture_copies_read_back_to_the_same_text() -> None:
    utf8 = read_text_file(RELEASES / "seed_hkstp_horizon.txt")
    big5 = read_text_file(RELEASES / "seed_hkstp_horizon.big5hkscs.txt")
    utf16 = read_text_file(RELEASES / "seed_hkstp_horizon.utf16be.txt")
    assert (big5.encoding, big5.had_bom) == ("big5hkscs", False)
    assert (utf16.encoding, utf16.had_bom) == ("utf-16-be", True)
    assert big5.text == utf8.text
    assert utf16.text == utf8.text  # its CRLF line breaks came back as "\n"


def test_line_breaks_become_newlines_and_nothing_else_changes(tmp_path: Path) -> None:
    raw = "標題\r\n（香港，２０２３年１２月１日）\rＡＢＣ\u2028next\u2029last\n"
    path = write(tmp_path, "release.txt", raw.encode("utf-8"))
    # Full-width digits and letters stay as written: no NFKC here.
    assert read_text_file(path).text == "標題\n（香港，２０２３年１２月１日）\nＡＢＣ\nnext\nlast\n"


def test_decode_text_names_the_source_in_its_message() -> None:
    with pytest.raises(InputRejected) as caught:
        decode_text(b"", source="pasted text")
    assert caught.value.message.startswith("pasted text is empty")


# ----------------------------------------------------------------------------- refusals


def test_missing_file(tmp_path: Path) -> None:
    message = rejection(tmp_path / "nowhere.txt")
    assert "nowhere.txt was not found" in message
    assert "Check the file name" in message


def test_directory(tmp_path: Path) -> None:
    message = rejection(tmp_path)
    assert f"{tmp_path} is a folder, not a file" in message


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "locked.txt", b"text")

    def refuse(*args: object, **kwargs: object) -> io.BytesIO:
        raise PermissionError(13, "Permission denied")

    # The suite may run as root, where chmod 000 does not stop a read.
    monkeypatch.setattr(Path, "open", refuse)
    message = rejection(path)
    assert "locked.txt cannot be read: permission denied" in message


def test_empty_file(tmp_path: Path) -> None:
    message = rejection(write(tmp_path, "empty.txt", b""))
    assert "empty.txt is empty (0 bytes)" in message


@pytest.mark.parametrize(
    "blank", [b"   \n\n\t \r\n", "\u3000\u3000\n".encode(), b"\xef\xbb\xbf  \n"]
)
def test_whitespace_only_file(tmp_path: Path, blank: bytes) -> None:
    message = rejection(write(tmp_path, "blank.txt", blank))
    assert "blank.txt contains only blank space and no text" in message


def test_too_large_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "huge.txt", b"a" * 2048)

    def must_not_open(*args: object, **kwargs: object) -> io.BytesIO:
        raise AssertionError("the file was opened although stat() already said it is too big")

    monkeypatch.setattr(Path, "open", must_not_open)
    message = rejection(path, max_bytes=1024)
    assert "huge.txt is too large: 2.0 KB (2,048 bytes)" in message
    assert "the limit is 1.0 KB (1,024 bytes)" in message


def test_default_limit_is_five_megabytes(tmp_path: Path) -> None:
    assert MAX_TEXT_BYTES == 5 * 1024 * 1024
    path = tmp_path / "sparse.txt"
    with path.open("wb") as stream:
        stream.truncate(MAX_TEXT_BYTES + 1)
    message = rejection(path)
    assert (
        "is too large: 5.0 MB (5,242,881 bytes); the limit is 5.0 MB (5,242,880 bytes)" in message
    )


def test_decode_text_also_checks_the_size() -> None:
    with pytest.raises(InputRejected) as caught:
        decode_text(b"x" * 11, source="paste", max_bytes=10)
    assert "paste is too large: 11 bytes; the limit is 10 bytes" in caught.value.message


def test_png_is_named(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40)
    message = rejection(write(tmp_path, "logo.txt", data))
    assert "logo.txt is a PNG image, not a text file" in message
    assert "plain text (.txt, UTF-8)" in message


def test_pdf_is_named(tmp_path: Path) -> None:
    message = rejection(write(tmp_path, "release.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"))
    assert "release.txt is a PDF document, not a text file" in message


def test_xlsx_is_named(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    message = rejection(write(tmp_path, "contacts.csv", buffer.getvalue()))
    assert "contacts.csv is an Excel workbook (XLSX), not a text file" in message
    assert "CSV in UTF-8" in message


def test_zip_is_named(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("release.txt", "text")
    message = rejection(write(tmp_path, "release.zip", buffer.getvalue()))
    assert "release.zip is a ZIP archive, not a text file" in message
    assert "Unpack it" in message


def test_nul_bytes(tmp_path: Path) -> None:
    message = rejection(write(tmp_path, "data.bin", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00text"))
    assert "data.bin is not a text file: it contains NUL bytes" in message


def test_control_bytes(tmp_path: Path) -> None:
    data = bytes(range(1, 32)) * 20 + b"some text"
    message = rejection(write(tmp_path, "data.bin", data))
    assert "data.bin is not a text file" in message
    assert "control codes" in message


def test_undecodable_bytes(tmp_path: Path) -> None:
    # 0x81 is undefined in Windows-1252 and cannot start a Big5 or GB18030 character
    # when a space follows it.
    message = rejection(write(tmp_path, "odd.txt", b"Press release \x81 text\n"))
    assert "odd.txt could not be read as text" in message
    assert "UTF-8, UTF-16, Big5-HKSCS or GB18030" in message
    assert "save it as UTF-8" in message


def test_gb18030_mojibake_is_not_accepted(tmp_path: Path) -> None:
    # Every pair of these bytes is a valid GB18030 character, but rare ones in no order:
    # not Chinese text. Big5-HKSCS cannot decode them at all.
    data = bytes(b for pair in zip(range(0x81, 0xA0), range(0x80, 0x9F), strict=True) for b in pair)
    message = rejection(write(tmp_path, "noise.txt", data * 10))
    assert "noise.txt could not be read as text" in message


def test_damaged_utf16_with_bom(tmp_path: Path) -> None:
    data = b"\xff\xfe" + "溫安怡".encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate
    message = rejection(write(tmp_path, "cut.txt", data))
    assert "cut.txt starts with a UTF-16-LE byte-order mark" in message
