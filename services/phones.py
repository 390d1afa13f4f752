"""Phone numbers as press officers type them: check, normalise, split and label.

Every value is read with ``phonenumbers``. Nothing here changes what the user typed:
each correction is reported as a :class:`~services.problems.Problem` with the fixed
value in ``suggestion``, and the caller decides whether to apply it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, NamedTuple

import phonenumbers as pn
from phonenumbers import (
    CountryCodeSource,
    NumberParseException,
    PhoneMetadata,
    PhoneNumberFormat,
    PhoneNumberType,
    ValidationResult,
)

from services.phrases import QT_TRANSLATE_NOOP, Phrase, phrase
from services.problems import Problem, Severity

PHONE_TYPES: tuple[str, ...] = ("work", "mobile", "fax", "home", "team", "other")

_TYPE_NAMES: dict[int, str] = {
    PhoneNumberType.FIXED_LINE: "fixed_line",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium_rate",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal_number",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail",
    PhoneNumberType.UNKNOWN: "unknown",
}

_STYLES: dict[str, int] = {
    "international": PhoneNumberFormat.INTERNATIONAL,
    "national": PhoneNumberFormat.NATIONAL,
    "e164": PhoneNumberFormat.E164,
    "rfc3966": PhoneNumberFormat.RFC3966,
}

# Labels seen on Hong Kong name cards and press releases. Longer words come first so
# that the alternation does not stop at a prefix ("tel" inside "telephone").
_ASCII_LABELS = (
    r"telephone|tel|phone|ph|office|direct\s+line|direct|dir|dl|mobile|mob|cellphone|cell"
    r"|handphone|hp|whatsapp|wechat|signal|facsimile|fax|home|hotline|switchboard|main|work"
)
_SHORT_LABELS = r"[tmfohdw]"
_CJK_LABELS = (
    "聯絡電話|查詢電話|手提電話|流動電話|移動電話|辦公室電話|辦公電話|直線電話|住宅電話|電話號碼"
    "|電話|电话|手提|手機|手机|流動|流动|傳真|传真|直線|直线|辦公室|办公室|辦公|住宅|熱線|热线"
    "|總機|总机|查詢|查询|電|话|話|手|傳|辦|宅"
)
_LABEL = rf"(?:(?:{_ASCII_LABELS})(?:\s*(?:no|nos|number|num)\.?)?|{_SHORT_LABELS}|{_CJK_LABELS})"
_LABELS = rf"{_LABEL}(?:\s*[/&]\s*{_LABEL})*"

# A label before a number: a colon or full stop after it, or a space before the digits;
# after a Chinese label nothing is needed ("電話2629 2329").
_LEAD_LABEL = re.compile(
    rf"\s*(?P<label>{_LABELS})(?:\s*[:.][\s:.]*|\s+(?=[+\d(])|(?<=[^\x00-\x7f])\s*)", re.IGNORECASE
)
# A label in a parenthesis or word after the number: "6986 5822 (mobile)", "2629 2329 直線".
_TRAIL_LABEL = re.compile(
    rf"(?:\s*[(\[]\s*(?P<bracketed>{_LABELS})\s*[)\]]"
    rf"|\s+(?P<word>(?:{_ASCII_LABELS}))|\s*(?P<cjk>{_CJK_LABELS}))\s*\Z",
    re.IGNORECASE,
)
# Where one number ends and the next begins. A label with a colon in the middle of the
# text starts a new number too ("Tel: 2629 2329 Fax: 2629 2330"); ";ext=" belongs to a
# tel: URI and is not a separator.
_SPLIT = re.compile(
    rf"(?P<label>(?:(?<![A-Za-z0-9])(?:{_ASCII_LABELS}|{_SHORT_LABELS})|{_CJK_LABELS})"
    rf"(?:\s*(?:no|nos|number|num)\.?)?(?:\s*[/&]\s*{_LABEL})*\s*:)"
    r"|(?P<sep>\s*(?:[/,|&、\n\r]|;(?!\s*(?:ext|isub|phone-context)=)|或者|或|及)\s*"
    r"|\s+(?:or|and)\s+)",
    re.IGNORECASE,
)
# Anything that may start a second number or hold a label; absent, the text is one piece.
_MAYBE_SEVERAL = re.compile(r"[/,;|&、\n\r或及:]|[A-Za-z]\s|[^\x00-\x7f]")
# Only what a single plain number is made of: the fast path skips every other step.
_PLAIN = re.compile(r"[ \t]*\+?[\d \t\-.()]+\Z")
_EXTENSION = re.compile(
    r"\s*[,;]?\s*\(?\s*(?:extension|extn|ext|;?ext=|x|#|轉|转|內線|内线|分機|分机)\s*[.:]?\s*"
    r"(?P<ext>\d{1,7})\s*#?\s*\)?\s*\Z",
    re.IGNORECASE,
)
_EXTENSION_ONLY = re.compile(
    r"\s*\(?\s*(?:extension|extn|ext|x|#|轉|转|內線|内线|分機|分机)\s*[.:]?\s*\d{1,7}\s*#?\s*\)?\s*\Z",
    re.IGNORECASE,
)
_AREA_CODE_ONLY = re.compile(r"\s*\(?0\d{1,4}\)?\s*\Z")
_SHORT_DIGITS = re.compile(r"\s*\d{1,4}\s*\Z")
_LETTERS = re.compile(r"[A-Za-z]")
_NOT_NUMBER_TEXT = re.compile(r"[^0-9+\s\-.()\[\]~/\u2010-\u2015\u2212\u2053\u30fc]+")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_NON_DIGITS = re.compile(r"[^0-9]+")
_MAINLAND_MOBILE = re.compile(r"1[3-9]\d{9}")
# How people write the international prefix instead of "+"; the first reading that
# gives a valid number wins, so "0011" is tried before "001" and "00".
_IDD_PREFIXES = ("0011", "001", "011", "00")
# Typed letters that are nearly always a digit in disguise.
_LOOKALIKE_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})

_FAX_WORDS = ("fax", "facsimile", "傳真", "传真", "傳")
_MOBILE_WORDS = (
    "mobile", "mob", "cell", "handphone", "hp", "whatsapp", "wechat", "signal",
    "手提", "流動", "流动", "手機", "手机", "移動", "手",
)  # fmt: skip
_HOME_WORDS = ("home", "住宅", "宅")


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """One number found in the input.

    Attributes:
        input: the piece of the input this number came from, as typed (labels removed).
        valid: whether ``phonenumbers`` accepts it as a real number.
        e164: the stored form ("+85269865822"), None when invalid.
        international: display form ("+852 6986 5822"), None when invalid.
        national: display form inside the country ("6986 5822"), None when invalid.
        type: phonenumbers' number type in snake case ("mobile", "fixed_line", ...).
        region: ISO region code of the number ("HK"), None when invalid.
        extension: the extension digits, if one was typed.
        label: the label typed before or after the number ("傳真", "Mobile"), or "".
        fixed: for an invalid number, the valid number it obviously stands for, if any.
    """

    input: str
    valid: bool
    e164: str | None
    international: str | None
    national: str | None
    type: str | None
    region: str | None
    extension: str | None
    label: str = ""
    # An invalid number's obvious fix (an international prefix typed for "+", a mainland
    # mobile without +86): what an importer may store instead, saying so.
    fixed: PhoneNumber | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form used by the command line and the reports."""
        return {
            "input": self.input,
            "valid": self.valid,
            "e164": self.e164,
            "international": self.international,
            "national": self.national,
            "type": self.type,
            "region": self.region,
            "extension": self.extension,
        }


@dataclass(frozen=True, slots=True)
class PhoneCheck:
    """The numbers read from one phone field, and what was fixed or is wrong."""

    numbers: list[PhoneNumber]
    problems: list[Problem]

    @property
    def valid(self) -> bool:
        """True when at least one number was found and every number is valid."""
        return bool(self.numbers) and all(n.valid for n in self.numbers)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready form used by the command line and the reports."""
        return {
            "numbers": [n.to_dict() for n in self.numbers],
            "problems": [p.to_dict() for p in self.problems],
        }


@dataclass(frozen=True, slots=True)
class _Piece:
    """One number's worth of the input, before it is parsed."""

    typed: str  # the original characters, for messages and PhoneNumber.input
    text: str  # NFKC form, label and extension removed
    label: str
    extension: str | None
    note: str  # text that is not part of a number and was left out ("黃小姐")


@dataclass(frozen=True, slots=True)
class _Reading:
    """What one piece was read as: the parsed number, or why it is not one."""

    number: pn.PhoneNumber | None
    type_code: int
    error: str

    @property
    def valid_number(self) -> pn.PhoneNumber | None:
        """The number when it is valid, else None."""
        return self.number if self.type_code != PhoneNumberType.UNKNOWN else None


_FROM_DEFAULT = CountryCodeSource.FROM_DEFAULT_COUNTRY
# A piece of the normalised text: start, end, its label, the separator before it.
_Span = tuple[int, int, str, str]


def check_phone(
    text: str, region: str = "HK", *, field: str = "phone", where: str = ""
) -> PhoneCheck:
    """Read every phone number in a field and report what was fixed or is wrong.

    Args:
        text: the field as typed; may hold several numbers, labels and extensions.
        region: the region assumed for a number typed without a country code.
        field: the field name put in each problem.
        where: the place put in each problem ("contacts.csv line 4").

    Returns:
        The numbers found, in order, and the problems. Invalid numbers are kept with
        ``valid=False`` and an error problem; the input is never changed silently.

    Raises:
        ValueError: ``region`` is not a region phonenumbers knows.
    """
    region = _region(region)
    pieces = _split(text)
    if not pieces:
        given = phrase(QT_TRANSLATE_NOOP("Validation", "no phone number given"))
        problem = Problem(Severity.ERROR, where, field, text, str(given), None, given)
        return PhoneCheck([], [problem])
    home_cc = pn.country_code_for_region(region)
    numbers: list[PhoneNumber] = []
    problems: list[Problem] = []
    context: pn.PhoneNumber | None = None  # the last number typed with its own country code
    previous: pn.PhoneNumber | None = None  # the last valid number
    for piece in pieces:
        reading = _read(piece.text, region, piece.extension)
        number = reading.valid_number
        if (
            context is not None
            and _cc(context) != home_cc
            and (number is None or number.country_code_source == _FROM_DEFAULT)
        ):
            reading, taken = _with_country_code_of(context, piece, reading, region)
            if taken is not None:
                problems.append(_at(taken, field, where))
            number = reading.valid_number
        if number is None:
            guess = _suggest(piece, reading, region, previous)
            numbers.append(_invalid_number(piece, guess))
            problems.append(_at(_invalid_problem(piece, reading, guess), field, where))
            continue
        numbers.append(_valid_number(piece, number, reading.type_code))
        if piece.note:
            message = phrase(
                QT_TRANSLATE_NOOP(
                    "Validation", "%1 has other text in it (%2); it was left out of the number."
                ),
                repr(piece.typed),
                repr(piece.note),
            )
            problem = _problem(Severity.WARNING, piece, message, _international(number))
            problems.append(_at(problem, field, where))
        if number.country_code_source != _FROM_DEFAULT:
            context = number
        previous = number
    return PhoneCheck(numbers, problems)


def normalize_phone(text: str, region: str = "HK") -> str | None:
    """Return the E.164 form of the single number in ``text``, or None.

    Made for look-ups: any way a press officer types the number of a caller finds the
    same contact, so the most likely correction is applied when the number as typed is
    not valid (a mainland mobile without +86, ``00852`` for ``+852``).

    Args:
        text: one number in any common form ("６９８６ ５８２２", "tel:+85269865822").
        region: the region assumed for a number typed without a country code.
    """
    region = _region(region)
    pieces = _split(text)
    if len(pieces) != 1:
        return None
    piece = pieces[0]
    reading = _read(piece.text, region, None)
    if reading.valid_number is not None:
        return pn.format_number(reading.valid_number, PhoneNumberFormat.E164)
    guess = _suggest(piece, reading, region, None)
    return None if guess is None else pn.format_number(guess.number, PhoneNumberFormat.E164)


def phone_digits(text: str) -> str:
    """Return only the ASCII digits of ``text`` after NFKC (full-width digits count)."""
    return _NON_DIGITS.sub("", unicodedata.normalize("NFKC", text))


# Tables format the numbers of every row they paint, again at each repaint; parsing one
# costs ~50 µs. Bounded: a screenful of rows is a few dozen numbers.
@functools.lru_cache(maxsize=4096)
def format_phone(e164: str, style: str = "international") -> str:
    """Format a stored number for display.

    Args:
        e164: the stored number ("+85269865822"); an extension may follow.
        style: "international", "national", "e164" or "rfc3966".

    Returns:
        The formatted number, or ``e164`` unchanged when it cannot be read, so a
        display never fails on a stored value.

    Raises:
        ValueError: ``style`` is not one of the styles above.
    """
    if style not in _STYLES:
        raise ValueError(f"unknown phone style {style!r}; use one of {', '.join(_STYLES)}")
    try:
        number = pn.parse(e164, None)
    except NumberParseException:
        return e164
    return pn.format_number(number, _STYLES[style])


def guess_phone_label(number: PhoneNumber, label_text: str = "") -> str:
    """Choose the user-facing label (one of :data:`PHONE_TYPES`) of a number.

    Args:
        number: the number as read by :func:`check_phone`.
        label_text: the label typed next to the number, if it came from elsewhere
            (a column header); the label typed in the field itself is also used.

    Returns:
        "fax" when the label says fax or 傳真, "mobile" for a mobile number or a
        mobile label (手提, 流動, cell), "home" for a home label, else "work".
    """
    label = f"{label_text} {number.label}".lower()
    if any(word in label for word in _FAX_WORDS):
        return "fax"
    if number.type == "mobile" or any(word in label for word in _MOBILE_WORDS):
        return "mobile"
    if any(word in label for word in _HOME_WORDS):
        return "home"
    return "work"


def _region(region: str) -> str:
    """Return ``region`` upper-cased, or raise ValueError for an unknown one."""
    code = region.upper()
    if code not in pn.SUPPORTED_REGIONS:
        raise ValueError(f"unknown phone region {region!r}")
    return code


def _main_region(country_code: int) -> str:
    """Return the region to parse a number in when it shares ``country_code``."""
    return pn.region_code_for_country_code(country_code)


def _normalise(text: str) -> tuple[str, list[int] | None]:
    """NFKC ``text`` one character at a time, keeping where each character came from.

    Returns:
        The normalised text and, for non-ASCII input, the index in ``text`` of each of
        its characters (so a piece can be shown as it was typed).
    """
    if text.isascii():
        return text, None
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        norm = char if char.isascii() else unicodedata.normalize("NFKC", char)
        out.append(norm)
        origin.extend([i] * len(norm))
    return "".join(out), origin


def _split(text: str) -> list[_Piece]:
    """Cut a field into one piece per number, with its label and extension."""
    norm, origin = _normalise(text)
    if _PLAIN.match(norm):
        stripped = text.strip()
        return [_Piece(stripped, norm.strip(), "", None, "")] if stripped else []
    # A label before everything ("Tel/Fax: ...") applies to every number after it until
    # another label; it is taken first so that its "/" is not read as a separator.
    start = 0
    label = ""
    match = _LEAD_LABEL.match(norm)
    if match:
        label = match.group("label")
        start = match.end()
    spans: list[_Span] = []
    separator = ""
    if _MAYBE_SEVERAL.search(norm, start):
        for found in _SPLIT.finditer(norm, start):
            spans.append((start, found.start(), label, separator))
            start = found.end()
            if found.group("label"):
                label = found.group("label").rstrip(": \t").strip()
                separator = ""
            else:
                separator = found.group("sep").strip()
    spans.append((start, len(norm), label, separator))
    spans = _merge(norm, spans)
    pieces: list[_Piece] = []
    for span in spans:
        piece = _piece(text, norm, origin, span)
        if piece is not None:
            pieces.append(piece)
    return pieces


def _merge(norm: str, spans: list[_Span]) -> list[_Span]:
    """Join pieces the separators cut wrongly: an extension or an area code."""
    merged: list[_Span] = []
    for span in spans:
        begin, end, _, separator = span
        if merged and separator and _EXTENSION_ONLY.match(norm, begin, end):
            # "2629 2329, ext. 12": the extension belongs to the number before it.
            prev = merged.pop()
            merged.append((prev[0], end, prev[2], prev[3]))
            continue
        if (
            merged
            and separator == "/"
            and merged[-1][1] > merged[-1][0]
            and _AREA_CODE_ONLY.match(norm, merged[-1][0], merged[-1][1])
        ):
            # "030/1234567": an area code and its subscriber number, one number.
            prev = merged.pop()
            merged.append((prev[0], end, prev[2], prev[3]))
            continue
        merged.append(span)
    return merged


def _piece(text: str, norm: str, origin: list[int] | None, span: _Span) -> _Piece | None:
    """Build the piece for one span of ``norm``, or None when it holds nothing."""
    begin, end, label, _ = span
    match = _LEAD_LABEL.match(norm, begin, end)
    if match:
        label = match.group("label")
        begin = match.end()
    trail = _TRAIL_LABEL.search(norm, begin, end)
    if trail:
        label = label or trail.group("bracketed") or trail.group("word") or trail.group("cjk")
        end = trail.start()
    while begin < end and norm[begin].isspace():
        begin += 1
    while end > begin and norm[end - 1].isspace():
        end -= 1
    if begin >= end:
        return None
    typed = text[begin:end] if origin is None else text[origin[begin] : origin[end - 1] + 1]
    body = norm[begin:end]
    extension = None
    ext = _EXTENSION.search(body)
    if ext and ext.start() > 0:
        extension = ext.group("ext")
        body = body[: ext.start()]
    note = ""
    if not _LETTERS.search(body):
        extra = _NOT_NUMBER_TEXT.findall(body)
        if extra:
            note = " ".join(extra)
            body = _EMPTY_BRACKETS.sub(" ", _NOT_NUMBER_TEXT.sub(" ", body)).strip()
    return _Piece(typed, body, label.strip(), extension, note)


def _read(text: str, region: str, extension: str | None) -> _Reading:
    """Parse one piece once; ``type_code`` is UNKNOWN exactly when it is not valid."""
    if _LETTERS.search(text):
        return _Reading(None, PhoneNumberType.UNKNOWN, "letters")
    try:
        number = pn.parse(text, region, keep_raw_input=True)
    except NumberParseException as exc:
        return _Reading(
            None, PhoneNumberType.UNKNOWN, _PARSE_ERRORS.get(exc.error_type, "not a number")
        )
    if extension:
        number.extension = extension
    # number_type() does the whole of is_valid_number()'s work and returns UNKNOWN for
    # an invalid number, so one call answers both questions.
    return _Reading(number, pn.number_type(number), "")


_PARSE_ERRORS: dict[int, str] = {
    NumberParseException.INVALID_COUNTRY_CODE: "invalid country code",
    NumberParseException.NOT_A_NUMBER: "not a number",
    NumberParseException.TOO_SHORT_AFTER_IDD: "too short",
    NumberParseException.TOO_SHORT_NSN: "too short",
    NumberParseException.TOO_LONG: "too long",
}


def _international(number: pn.PhoneNumber) -> str:
    """Return the display form used in suggestions ("+852 6986 5822", "… ext. 12").

    The extension is written as " ext. N" whatever the country: phonenumbers would use
    the country's own word (Peru's "Anexo"), which our reader then rejects as letters.
    """
    if not number.extension:
        return pn.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    bare = pn.PhoneNumber()
    bare.merge_from(number)
    bare.extension = None
    return f"{pn.format_number(bare, PhoneNumberFormat.INTERNATIONAL)} ext. {number.extension}"


def _valid_number(piece: _Piece, number: pn.PhoneNumber, type_code: int) -> PhoneNumber:
    """Build the result for a valid number with all its display forms."""
    region = pn.region_code_for_number(number)
    international = pn.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    return PhoneNumber(
        input=piece.typed,
        valid=True,
        e164=pn.format_number(number, PhoneNumberFormat.E164),
        international=international,
        national=_national(number, international, region),
        type=_TYPE_NAMES.get(type_code, "unknown"),
        region=region,
        extension=number.extension or None,
        label=piece.label,
    )


def _national(number: pn.PhoneNumber, international: str, region: str | None) -> str:
    """Return the national format, cut from the international one where that is exact.

    Each format_number call costs about a tenth of reading a clean number; in countries
    without a trunk prefix or special international patterns (Hong Kong, Macau,
    Singapore...) the national form is the international one without "+852 ".
    """
    prefix = f"+{_cc(number)} "
    if _national_is_international(_cc(number), region) and international.startswith(prefix):
        return international[len(prefix) :]
    return pn.format_number(number, PhoneNumberFormat.NATIONAL)


@functools.cache
def _national_is_international(country_code: int, region: str | None) -> bool:
    """Whether national formatting is international formatting without the "+CC "."""
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, region or "")
    # A region without formats of its own (Antigua, Guernsey) borrows its main
    # country's, which may have a trunk prefix: take the slow, exact path there.
    if metadata is None or not metadata.number_format or metadata.intl_number_format:
        return False
    return not any(f.national_prefix_formatting_rule for f in metadata.number_format)


def _with_country_code_of(
    context: pn.PhoneNumber, piece: _Piece, reading: _Reading, region: str
) -> tuple[_Reading, Problem | None]:
    """Read a number without country code after one typed with another country code.

    "+86 151 2004 9549 / 138 0013 8000": the second number is mainland China's too,
    whatever the default region, when it is valid there.
    """
    inherited = _read(piece.text, _main_region(_cc(context)), piece.extension)
    number = inherited.valid_number
    if number is not None:
        message = phrase(
            QT_TRANSLATE_NOOP(
                "Validation", "%1 has no country code; took +%2 from the number before it (%3)."
            ),
            repr(piece.typed),
            str(_cc(context)),
            _international(context),
        )
        return inherited, _problem(Severity.FIXED, piece, message, _international(number))
    if reading.valid_number is None:
        return reading, None
    message = phrase(
        QT_TRANSLATE_NOOP(
            "Validation",
            "%1 has no country code and is not a valid number with +%2 of the number before "
            "it; it was read as a %3 number.",
        ),
        repr(piece.typed),
        str(_cc(context)),
        region,
    )
    return reading, _problem(Severity.WARNING, piece, message, _international(reading.valid_number))


class _Guess(NamedTuple):
    """The most likely valid number for an invalid piece, and why it is likely."""

    number: pn.PhoneNumber
    hint: Phrase
    # Nothing else could have been meant: an importer may store it (saying so).
    obvious: bool = False
    # The hint says all that is wrong; the parser's reason would only confuse (it reads
    # "00852…" dialled from Hong Kong as carrier prefix 008, then +52, Mexico).
    explains: bool = False


def _invalid_problem(piece: _Piece, reading: _Reading, guess: _Guess | None) -> Problem:
    """Say in plain words why a piece is not a valid number, with the likely fix."""
    if guess is None:
        reason = _reason(piece, reading)
        message = phrase(QT_TRANSLATE_NOOP("Validation", "%1 is %2."), repr(piece.typed), reason)
        return _problem(Severity.ERROR, piece, message, None)
    reason = (
        phrase(QT_TRANSLATE_NOOP("Validation", "not a valid number as typed"))
        if guess.explains
        else _reason(piece, reading)
    )
    suggestion = _international(guess.number)
    message = phrase(
        QT_TRANSLATE_NOOP("Validation", "%1 is %2; %3: %4?"),
        repr(piece.typed),
        reason,
        guess.hint,
        suggestion,
    )
    return _problem(Severity.ERROR, piece, message, suggestion)


def _problem(severity: Severity, piece: _Piece, message: Phrase, suggestion: str | None) -> Problem:
    """Make a problem about ``piece``; check_phone fills in where and field."""
    return Problem(severity, "", "", piece.typed, str(message), suggestion, message)


def _at(problem: Problem, field: str, where: str) -> Problem:
    """Return ``problem`` placed in ``field`` at ``where``."""
    return Problem(
        problem.severity,
        where,
        field,
        problem.value,
        problem.message,
        problem.suggestion,
        problem.phrase,
    )


def _cc(number: pn.PhoneNumber) -> int:
    """Return the country calling code (phonenumbers types it as optional)."""
    return number.country_code or 0


def _invalid_number(piece: _Piece, guess: _Guess | None) -> PhoneNumber:
    """Build the result for a piece that is not a valid number."""
    fixed = None
    if guess is not None and guess.obvious:
        fixed = _valid_number(piece, guess.number, pn.number_type(guess.number))
    return PhoneNumber(
        piece.typed, False, None, None, None, None, None, piece.extension, piece.label, fixed
    )


def _reason(piece: _Piece, reading: _Reading) -> Phrase:
    """Say why a piece is not valid, to follow "'...' is"."""
    if reading.error == "letters":
        letters = "".join(dict.fromkeys(_LETTERS.findall(piece.text)))
        return phrase(
            QT_TRANSLATE_NOOP("Validation", "not a phone number: it has letters in it (%1)"),
            letters,
        )
    if reading.error == "invalid country code":
        return phrase(QT_TRANSLATE_NOOP("Validation", "not a phone number: invalid country code"))
    if reading.error == "not a number":
        return phrase(QT_TRANSLATE_NOOP("Validation", "not a phone number"))
    if reading.error == "too short":
        return phrase(QT_TRANSLATE_NOOP("Validation", "too short"))
    if reading.error:
        return phrase(QT_TRANSLATE_NOOP("Validation", "too long"))
    number = reading.number
    assert number is not None  # a reading without error has a number
    cc = _cc(number)
    region = _main_region(cc)
    place = f"+{cc}" if region == pn.REGION_CODE_FOR_NON_GEO_ENTITY else region
    why = pn.is_possible_number_with_reason(number)
    if why == ValidationResult.INVALID_COUNTRY_CODE:
        return phrase(
            QT_TRANSLATE_NOOP("Validation", "not a phone number: invalid country code +%1"), str(cc)
        )
    digits = len(pn.national_significant_number(number))
    usual = _usual_lengths(cc, region)
    # phonenumbers calls a 7-digit Hong Kong number "possible" (short codes have 7), but
    # to a person it is one digit short of an ordinary 8-digit number.
    if usual and digits < usual[0]:
        why = ValidationResult.TOO_SHORT
    elif usual and digits > usual[-1]:
        why = ValidationResult.TOO_LONG
    have = (
        phrase(
            QT_TRANSLATE_NOOP("Validation", "%1 digits, %2 numbers have %3"),
            str(digits),
            place,
            _or(usual),
        )
        if usual
        else phrase(QT_TRANSLATE_NOOP("Validation", "%1 digits"), str(digits))
    )
    if why == ValidationResult.TOO_SHORT:
        return phrase(
            QT_TRANSLATE_NOOP("Validation", "too short for a number in %1 (%2)"), place, have
        )
    if why == ValidationResult.TOO_LONG:
        return phrase(
            QT_TRANSLATE_NOOP("Validation", "too long for a number in %1 (%2)"), place, have
        )
    if why == ValidationResult.INVALID_LENGTH:
        return phrase(
            QT_TRANSLATE_NOOP("Validation", "the wrong length for a number in %1 (%2)"), place, have
        )
    return phrase(
        QT_TRANSLATE_NOOP(
            "Validation", "not a number in region %1 (+%2): no such number range there"
        ),
        place,
        str(cc),
    )


def _usual_lengths(country_code: int, region: str) -> list[int]:
    """Return the sorted lengths of ordinary (fixed or mobile) numbers, or [] if many."""
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)
    if metadata is None:
        return []
    found: set[int] = set()
    for desc in (metadata.fixed_line, metadata.mobile):
        if desc is not None:
            found.update(n for n in desc.possible_length if n > 0)
    return sorted(found) if len(found) <= 4 else []


def _or(lengths: list[int]) -> str | Phrase:
    """Return "8" or "10 or 11"."""
    words = [str(n) for n in lengths]
    return (
        words[0]
        if len(words) == 1
        else phrase(QT_TRANSLATE_NOOP("Validation", "%1 or %2"), ", ".join(words[:-1]), words[-1])
    )


def _valid_from(text: str, region: str | None, extension: str | None) -> pn.PhoneNumber | None:
    """Parse a candidate correction; return it only when it is a valid number."""
    try:
        number = pn.parse(text, region)
    except NumberParseException:
        return None
    if extension:
        number.extension = extension
    return number if pn.is_valid_number(number) else None


# Regions whose numbers are written with a trunk 0 and an area code at home, most likely
# first for a Hong Kong press office, with why a number is taken for one of theirs.
_TRUNK_ZERO_GUESSES = (
    (
        "CN",
        QT_TRANSLATE_NOOP(
            "Validation", "it looks like a mainland China number with its area code, without +86"
        ),
    ),
    (
        "TW",
        QT_TRANSLATE_NOOP(
            "Validation", "it looks like a Taiwan number with its area code, without +886"
        ),
    ),
)


def _trunk_prefix(region: str) -> bool:
    """Whether numbers of ``region`` are dialled at home with a trunk prefix (0 in the UK)."""
    metadata = pn.PhoneMetadata.metadata_for_region(region.upper())
    return metadata is None or bool(metadata.national_prefix)


def _suggest(
    piece: _Piece, reading: _Reading, region: str, previous: pn.PhoneNumber | None
) -> _Guess | None:
    """Find the most likely valid number for an invalid piece, with why it is likely.

    Only runs for invalid pieces, so it may try several readings. A number with a
    digit too many or too few gets no guess: any digit could be the wrong one.
    """
    text = piece.text
    ext = piece.extension
    if reading.error == "letters":
        fixed = text.translate(_LOOKALIKE_DIGITS)
        if not _LETTERS.search(fixed):
            number = _valid_from(fixed, region, ext)
            if number is not None:
                return _Guess(
                    number,
                    phrase(
                        QT_TRANSLATE_NOOP(
                            "Validation", "letters O, I or l look like typed for digits 0 and 1"
                        )
                    ),
                )
        return None
    digits = _NON_DIGITS.sub("", text)
    explicit = text.lstrip().startswith("+")
    local = digits
    if explicit and digits[:3] in ("852", "853"):
        local = digits[3:]
    if _MAINLAND_MOBILE.fullmatch(local) and (not explicit or local != digits):
        number = _valid_from("+86" + local, None, ext)
        if number is not None:
            return _Guess(
                number,
                phrase(
                    QT_TRANSLATE_NOOP(
                        "Validation", "it looks like a mainland China mobile number without +86"
                    )
                ),
                obvious=True,
            )
    # "+00852 ...": both the plus and a prefix were typed; otherwise a plus means none.
    idd_digits = digits if not explicit or digits.startswith("00") else ""
    for prefix in _IDD_PREFIXES:
        if idd_digits.startswith(prefix) and len(idd_digits) > len(prefix):
            number = _valid_from("+" + idd_digits[len(prefix) :], None, ext)
            if number is not None:
                return _Guess(
                    number,
                    phrase(
                        QT_TRANSLATE_NOOP(
                            "Validation", "%1 looks like an international prefix written for '+'"
                        ),
                        repr(prefix),
                    ),
                    obvious=True,
                    explains=True,
                )
    if not explicit and digits[:1] == "0" and digits[:2] != "00" and not _trunk_prefix(region):
        # Where numbers have no trunk prefix (Hong Kong, Macau), a leading 0 is another
        # place's: an area code dialled from within the mainland or Taiwan (010-..., 02 ...).
        for elsewhere, why in _TRUNK_ZERO_GUESSES:
            number = _valid_from(text, elsewhere, ext)
            if number is not None:
                return _Guess(number, phrase(why))
    if not explicit and not digits.startswith("0") and len(digits) >= 10:
        number = _valid_from("+" + digits, None, ext)
        if number is not None:
            return _Guess(
                number,
                phrase(
                    QT_TRANSLATE_NOOP(
                        "Validation", "it looks like country code +%1 without the '+'"
                    ),
                    str(number.country_code),
                ),
                obvious=True,
            )
    if previous is not None and not explicit and _SHORT_DIGITS.match(text):
        head = pn.national_significant_number(previous)
        if len(digits) < len(head):
            candidate = f"+{_cc(previous)}{head[: -len(digits)]}{digits}"
            number = _valid_from(candidate, None, ext)
            if number is not None:
                return _Guess(
                    number,
                    phrase(
                        QT_TRANSLATE_NOOP(
                            "Validation", "it looks like the last digits of the number before it"
                        )
                    ),
                )
    return None
