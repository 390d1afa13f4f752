"""Read a text file a press officer hands us, whatever its encoding, or say plainly why not.

Press releases and contact lists reach a Hong Kong press office as UTF-8, UTF-16 (Excel's
"Unicode text"), Big5-HKSCS (older Traditional Chinese Windows machines), GB18030
(mainland partners) and, for English-only material saved from Word, Windows-1252. This
module finds the encoding, normalises line breaks to ``"\\n"`` and otherwise returns the text
exactly as written. Anything that is not text, too large, empty or undecodable is refused
with an :class:`~services.problems.InputRejected` whose message names the file, says what
is wrong and what to do.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from services.phrases import QT_TRANSLATE_NOOP, Phrase, phrase
from services.problems import InputRejected

MAX_TEXT_BYTES = 5 * 1024 * 1024
"""A release or CSV larger than this is refused: real ones are a few hundred kilobytes."""

_SAMPLE_BYTES = 64 * 1024
"""Binary and encoding checks look at this much; enough to judge, cheap on a 5 MB file."""

_SAMPLE_CHARS = 20_000

_CONTROL_SHARE_LIMIT = 0.02
"""Text never has more than a stray control byte; binary formats have plenty."""

# Control bytes a text file may legitimately hold: tab, LF, VT, FF, CR, and Ctrl-Z (an
# end-of-file mark some old DOS editors still append).
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1a")

# UTF-32 first: its little-endian mark starts with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SAVE_AS_TEXT = phrase(
    QT_TRANSLATE_NOOP("Validation", "Save the release as plain text (.txt, UTF-8) and try again.")
)
_OFFICE_HINT = phrase(
    QT_TRANSLATE_NOOP(
        "Validation",
        "Open it and save (or export) it as plain text (.txt) or CSV in UTF-8, then try again.",
    )
)
_UNPACK = phrase(QT_TRANSLATE_NOOP("Validation", "Unpack it and choose the text file inside."))
_CHOOSE_RELEASE = phrase(QT_TRANSLATE_NOOP("Validation", "Choose the release text file instead."))
_RESAVE_AS_UTF8 = phrase(
    QT_TRANSLATE_NOOP("Validation", "Open it in a text editor, save it as UTF-8 and try again.")
)

# (magic bytes, what the file is, what to do). Checked before anything else, so a picture
# or a workbook is named instead of being reported as "undecodable".
_MAGIC: tuple[tuple[bytes, str, Phrase], ...] = (
    (b"\x89PNG\r\n\x1a\n", QT_TRANSLATE_NOOP("Validation", "a PNG image"), _SAVE_AS_TEXT),
    (b"\xff\xd8\xff", QT_TRANSLATE_NOOP("Validation", "a JPEG image"), _SAVE_AS_TEXT),
    (b"GIF87a", QT_TRANSLATE_NOOP("Validation", "a GIF image"), _SAVE_AS_TEXT),
    (b"GIF89a", QT_TRANSLATE_NOOP("Validation", "a GIF image"), _SAVE_AS_TEXT),
    (b"II*\x00", QT_TRANSLATE_NOOP("Validation", "a TIFF image"), _SAVE_AS_TEXT),
    (b"MM\x00*", QT_TRANSLATE_NOOP("Validation", "a TIFF image"), _SAVE_AS_TEXT),
    (b"%PDF-", QT_TRANSLATE_NOOP("Validation", "a PDF document"),
     phrase(QT_TRANSLATE_NOOP("Validation", "Copy the text out of the PDF into a plain-text file (UTF-8)."))),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", QT_TRANSLATE_NOOP("Validation", "an old Microsoft Office file (.doc/.xls)"),
     _OFFICE_HINT),
    (b"{\\rtf", QT_TRANSLATE_NOOP("Validation", "an RTF document"), _OFFICE_HINT),
    (b"\x1f\x8b", QT_TRANSLATE_NOOP("Validation", "a gzip archive"), _UNPACK),
    (b"7z\xbc\xaf\x27\x1c", QT_TRANSLATE_NOOP("Validation", "a 7-Zip archive"), _UNPACK),
    (b"Rar!\x1a\x07", QT_TRANSLATE_NOOP("Validation", "a RAR archive"), _UNPACK),
    (b"SQLite format 3\x00", QT_TRANSLATE_NOOP("Validation", "an SQLite database"), _CHOOSE_RELEASE),
    (b"\x7fELF", QT_TRANSLATE_NOOP("Validation", "a program (ELF executable)"), _CHOOSE_RELEASE),
    (b"RIFF", QT_TRANSLATE_NOOP("Validation", "a media file (RIFF: WAV, AVI or WebP)"), _SAVE_AS_TEXT),
    (b"ID3", QT_TRANSLATE_NOOP("Validation", "an MP3 audio file"), _SAVE_AS_TEXT),
)  # fmt: skip

# A ZIP is also the container of every modern Office file; its member names say which.
_ZIP_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"xl/", QT_TRANSLATE_NOOP("Validation", "an Excel workbook (XLSX)")),
    (b"word/", QT_TRANSLATE_NOOP("Validation", "a Word document (DOCX)")),
    (b"ppt/", QT_TRANSLATE_NOOP("Validation", "a PowerPoint presentation (PPTX)")),
    (
        b"mimetypeapplication/vnd.oasis.opendocument",
        QT_TRANSLATE_NOOP("Validation", "an OpenDocument file (ODT/ODS)"),
    ),
)

# Frequent Han characters, traditional and simplified. Real Chinese prose draws about half
# its characters from these; text decoded with the wrong Chinese codec draws a few percent.
_COMMON_HAN = frozenset(
    "的一是不了在人有我他這个們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下"
    "自之年過發後作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其"
    "些主樣理心她本前開但因只從想實日者意無力它與長把機十民第公此已工使情明性知全三又關點正業"
    "外將兩高間由問很最重並物手應向頭文體政美相見被利什二等產或新己制身果加西月話合回特代內信"
    "表化老給世位次度門任常先海通教原東聲提立及比員解水名真論處走義各入幾口認條平系氣題活更別"
    "打女變四神總何電數安少報才結反受目太量再感建務做接必場件計管期市直資命山金指許統區保至隊"
    "形社便空決治展科司五基眼書非則聽白界達光放強即像難且權思王象完設式色路記南品住告類求據程"
    "北邊張該交規萬取格望覺術領共確傳師觀清今切院讓識候帶導爭運改收根造言聯持組每濟車親極林服"
    "快辦議往元英士證近失轉令準布始存未遠台單影具字愛流備連調深商算質團集百需價花華城石級整府"
    "離況亞請技際約示復病息究線似官火斷精滿支視消越器容照須九增研寫稱企八功包片史委查易早曾除"
    "找裝廣顯李標談圖念六引歷首醫局專費號另周較注語僅考落青隨選列紅響雖推勢參希古眾構房半節土"
    "投案維劃致陳律足態護七興派驗責營星夠章音跟志底站嚴例防族供效續施留講型料終答緊黃絕察段依"
    "批群項故按河米圍江織害雙境客紀舉攻密低朝友止細願千值仍男錢破網熱助育屬限船職速刻樂否剛球"
    "般普校創假久錯承印晚試股拿腦預益陽若微繼送急血傷素藥適波夜省初喜衛源食險待述陸習置居勞財"
    "環排福納歡獲模充負停木遊龍樹層冷洲略範室異激漢村策演簡卡判擔退既衣您宗積餘差富協角配修勝"
    "降階審堅善席藝港園區創科園發展智能駕駛汽車微電子香港研發中心合作備忘錄簽署公司集團宣布"
    "这们来为国说时会对发后过经么学现当没动还进开从实无与长机关点业将两间问应头体见产话内给东"
    "声员论处义几认条气题别变总电数报结务计场资许统区队书则听达强难权设记类据边张该规万觉术领"
    "确传师观让识带导争运组济车亲极办议远单爱备连调质团价华级离况请际约复断满视须写称装广显标"
    "谈图历医专费号较语仅随选红响虽势参众构节维划态护兴验责营够严续讲终紧黄绝项围织双纪举苏细"
    "愿钱网热属职乐刚创错试预阳继伤药适卫险陆习劳财环欢获负游龙树层范异汉简担积余协胜阶审坚艺"
    "园区发展智驾驶电备忘录签署团宣"
)
_MIN_HAN_TO_JUDGE = 20
_MIN_COMMON_SHARE = 0.15

# Windows-1252 is accepted only for Western text: letters and typographic punctuation, in
# runs of at most two non-ASCII bytes ("é…"); Chinese in a double-byte code makes longer runs.
_WESTERN_EXTRA = frozenset("‘’“”–—…•€™©®°£¥·«»§¶ ")
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]{3,}")


@dataclass(frozen=True)
class DecodedText:
    """Text read from a file, with how it was encoded.

    Attributes:
        text: the text, with every line break turned into ``"\\n"`` and no byte-order mark.
        encoding: the Python codec name that decoded it ("utf-8", "utf-16-le",
            "big5hkscs", "gb18030", "cp1252", ...).
        had_bom: True when the file started with a byte-order mark.
    """

    text: str
    encoding: str
    had_bom: bool


def read_text_file(path: Path | str, *, max_bytes: int = MAX_TEXT_BYTES) -> DecodedText:
    """Read and decode a text file, refusing anything that is not a usable text file.

    The size is checked with ``stat`` before a byte is read, so a huge file is refused at
    once without filling memory.

    Args:
        path: the file to read.
        max_bytes: the largest file accepted.

    Returns:
        The decoded text.

    Raises:
        InputRejected: the file is missing, a folder, unreadable, too large, empty,
            binary or in an encoding that cannot be decoded.
    """
    file = Path(path)
    name = str(path)
    try:
        info = file.stat()
    except FileNotFoundError:
        raise InputRejected(
            phrase(
                QT_TRANSLATE_NOOP(
                    "Validation",
                    "%1 was not found. Check the file name and the folder, and try again.",
                ),
                name,
            )
        ) from None
    except OSError as error:
        raise InputRejected(_unreadable_message(name, error)) from None
    if file.is_dir():
        raise InputRejected(
            phrase(
                QT_TRANSLATE_NOOP(
                    "Validation",
                    "%1 is a folder, not a file. Choose the text file inside it and try again.",
                ),
                name,
            )
        )
    if not file.is_file():
        raise InputRejected(
            phrase(QT_TRANSLATE_NOOP("Validation", "%1 is not a regular file (it is a device, pipe or socket). "
                   "Choose a text file and try again."), name)
        )  # fmt: skip
    _check_size(name, info.st_size, max_bytes)
    try:
        with file.open("rb") as stream:
            # One byte more than allowed: a file that grew since stat() is still caught.
            data = stream.read(max_bytes + 1)
    except OSError as error:
        raise InputRejected(_unreadable_message(name, error)) from None
    return decode_text(data, source=name, max_bytes=max_bytes)


def decode_text(data: bytes, *, source: str, max_bytes: int = MAX_TEXT_BYTES) -> DecodedText:
    """Decode the bytes of a text file, detecting the encoding.

    Tried in this order: a byte-order mark (UTF-8, UTF-16, UTF-32), UTF-16 without a mark
    when the pattern of NUL bytes leaves no doubt, UTF-8, Windows-1252 for Western-only
    text, then Big5-HKSCS and GB18030, keeping whichever of the two reads as real Chinese.

    Args:
        data: the file's bytes.
        source: how to name the file in a message (usually its path).
        max_bytes: the largest input accepted.

    Returns:
        The text with line breaks normalised to ``"\\n"``, otherwise untouched.

    Raises:
        InputRejected: the data is too large, empty, binary, blank or undecodable.
    """
    _check_size(source, len(data), max_bytes)
    if not data:
        raise InputRejected(
            phrase(QT_TRANSLATE_NOOP("Validation", "%1 is empty (0 bytes). Choose the file that contains the text "
                   "and try again."), source)
        )  # fmt: skip
    _refuse_known_binary(data, source)
    decoded = _decode_with_bom(data, source) or _decode_utf16_without_bom(data, source)
    if decoded is None:
        _refuse_binary_bytes(data, source)
        decoded = _decode_plain(data, source)
    text = _normalise_newlines(decoded.text)
    _refuse_control_characters(text, source)
    if not text.replace("\u200b", "").replace("\ufeff", "").strip():
        raise InputRejected(
            phrase(QT_TRANSLATE_NOOP("Validation", "%1 contains only blank space and no text. Choose the file that "
                   "contains the text and try again."), source)
        )  # fmt: skip
    return DecodedText(text, decoded.encoding, decoded.had_bom)


def _check_size(source: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputRejected(
            phrase(QT_TRANSLATE_NOOP("Validation", "%1 is too large: %2; the limit is %3. A press release or contact "
                   "list is far smaller, so check that this is the right file, or split it "
                   "into smaller files."), source, _format_size(size), _format_size(max_bytes))
        )  # fmt: skip


def _format_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB ({size:,} bytes)"
    if size >= 1024:
        return f"{size / 1024:.1f} KB ({size:,} bytes)"
    return f"{size:,} bytes"


def _unreadable_message(name: str, error: OSError) -> Phrase:
    if isinstance(error, PermissionError):
        return phrase(
            QT_TRANSLATE_NOOP(
                "Validation",
                "%1 cannot be read: permission denied. Ask for access to the "
                "file, or copy it to a folder you can read, and try again.",
            ),
            name,
        )
    reason = error.strerror or str(error)
    return phrase(QT_TRANSLATE_NOOP("Validation", "%1 cannot be read: %2. Check the file and try again."), name,
                  reason)  # fmt: skip


def _refuse_known_binary(data: bytes, source: str) -> None:
    kind, hint = _binary_kind(data)
    if kind is not None:
        raise InputRejected(
            phrase(
                QT_TRANSLATE_NOOP("Validation", "%1 is %2, not a text file. %3"),
                source,
                phrase(kind),
                hint,
            )
        )


def _binary_kind(data: bytes) -> tuple[str | None, Phrase]:
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        for marker, kind in _ZIP_KINDS:
            if marker in data:
                return kind, _OFFICE_HINT
        return QT_TRANSLATE_NOOP("Validation", "a ZIP archive"), _UNPACK
    for magic, kind, hint in _MAGIC:
        if data.startswith(magic):
            return kind, hint
    return None, _SAVE_AS_TEXT


def _decode_with_bom(data: bytes, source: str) -> DecodedText | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise InputRejected(
                    phrase(QT_TRANSLATE_NOOP("Validation", "%1 starts with a %2 byte-order mark but the rest is "
                           "not valid in that encoding (the file may be damaged or cut short)."
                           " %3"), source, codec.upper(), _RESAVE_AS_UTF8)
                ) from None  # fmt: skip
            return DecodedText(text, codec, True)
    return None


def _decode_utf16_without_bom(data: bytes, source: str) -> DecodedText | None:
    codec = _utf16_by_nul_pattern(data[:_SAMPLE_BYTES])
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise InputRejected(
            phrase(QT_TRANSLATE_NOOP("Validation", "%1 looks like UTF-16 text without a byte-order mark, but it "
                   "does not decode as UTF-16 (the file may be cut short). %2"), source,
                   _RESAVE_AS_UTF8)
        ) from None  # fmt: skip
    return DecodedText(text, codec, False)


def _utf16_by_nul_pattern(sample: bytes) -> str | None:
    """Name the UTF-16 byte order when NULs sit in every other byte, else None.

    ASCII text in UTF-16 has a NUL in each character's high byte; a binary file has NULs
    scattered on both sides, so the lopsided pattern is what makes it unmistakable.
    """
    half = len(sample) // 2
    if half < 2:
        return None
    even_nuls = sample[0 : half * 2 : 2].count(0) / half
    odd_nuls = sample[1 : half * 2 : 2].count(0) / half
    if odd_nuls >= 0.4 and even_nuls <= 0.02:
        return "utf-16-le"
    if even_nuls >= 0.4 and odd_nuls <= 0.02:
        return "utf-16-be"
    return None


def _refuse_binary_bytes(data: bytes, source: str) -> None:
    sample = data[:_SAMPLE_BYTES]
    if 0 in data:
        raise InputRejected(
            phrase(QT_TRANSLATE_NOOP("Validation", "%1 is not a text file: it contains NUL bytes, which only binary "
                   "files (programs, images, databases, office documents) have. %2"), source,
                   _SAVE_AS_TEXT)
        )  # fmt: skip
    controls = sum(1 for byte in sample if byte < 0x20 and byte not in _TEXT_CONTROLS)
    if controls / len(sample) > _CONTROL_SHARE_LIMIT:
        raise InputRejected(
            phrase(QT_TRANSLATE_NOOP("Validation", "%1 is not a text file: %2 of its first %3 bytes are control "
                   "codes, as in a binary file. %4"), source, str(controls), f"{len(sample):,}",
                   _SAVE_AS_TEXT)
        )  # fmt: skip


def _decode_plain(data: bytes, source: str) -> DecodedText:
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    western = _decode_western(data)
    if western is not None:
        return DecodedText(western, "cp1252", False)
    chinese = _decode_chinese(data)
    if chinese is not None:
        return chinese
    raise InputRejected(
        phrase(QT_TRANSLATE_NOOP("Validation", "%1 could not be read as text: it is not valid UTF-8, UTF-16, "
               "Big5-HKSCS or GB18030, nor plain Western (Windows-1252) text. %2"), source,
               _RESAVE_AS_UTF8)
    )  # fmt: skip


def _decode_western(data: bytes) -> str | None:
    """Decode Western Windows-1252 text, or None when the bytes look like anything else."""
    if _NON_ASCII_RUN.search(data[:_SAMPLE_BYTES]):
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    for char in text[:_SAMPLE_CHARS]:
        if ord(char) < 0x80 or char in _WESTERN_EXTRA:
            continue
        if not ("\u00c0" <= char <= "\u024f" and char.isalpha()):
            return None
    return text


def _decode_chinese(data: bytes) -> DecodedText | None:
    """Decode Big5-HKSCS or GB18030, whichever reads as real Chinese, or None.

    Each codec happily decodes the other's bytes into nonsense, so both are tried and the
    one whose characters are common Chinese characters wins; Big5-HKSCS wins a tie because
    this is a Hong Kong product.
    """
    best: tuple[tuple[bool, float], str, str] | None = None
    # cp950 is Windows' Big5: Big5-HKSCS but for a few symbols (€ at A3E1), which make
    # Big5-HKSCS refuse a file Excel saved on a Traditional-Chinese Windows.
    for codec in ("big5hkscs", "cp950", "gb18030"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        han, common, non_ascii, private = _chinese_counts(text[:_SAMPLE_CHARS])
        if han >= _MIN_HAN_TO_JUDGE and common < _MIN_COMMON_SHARE * han:
            continue
        # Private-use characters are what a wrong codec produces, not what people write.
        score = (private == 0, common / non_ascii if non_ascii else 0.0)
        if best is None or score > best[0]:
            best = (score, codec, text)
    if best is None:
        return None
    return DecodedText(best[2], best[1], False)


def _chinese_counts(text: str) -> tuple[int, int, int, int]:
    """Han characters, common ones among them, non-ASCII characters, private-use ones."""
    non_ascii = [char for char in text if char > "\x7f"]
    han = [char for char in non_ascii if "\u4e00" <= char <= "\u9fff"]
    common = sum(1 for char in han if char in _COMMON_HAN)
    private = sum(1 for char in non_ascii if "\ue000" <= char <= "\uf8ff")
    return len(han), common, len(non_ascii), private


def _normalise_newlines(text: str) -> str:
    # U+2028/U+2029 are what Word pastes for a manual line or paragraph break.
    return (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n")
    )


def _refuse_control_characters(text: str, source: str) -> None:
    # Catches binary data that slipped through a permissive codec (UTF-16 decodes anything
    # of even length).
    sample = text[:_SAMPLE_CHARS]
    controls = sum(1 for char in sample if char < " " and char not in "\t\n\x0b\x0c\x1a")
    if sample and controls / len(sample) > _CONTROL_SHARE_LIMIT:
        raise InputRejected(
            phrase(QT_TRANSLATE_NOOP("Validation", "%1 is not a text file: it is full of control codes, as in a "
                   "binary file. %2"), source, _SAVE_AS_TEXT)
        )  # fmt: skip
