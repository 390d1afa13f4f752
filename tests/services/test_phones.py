"""Tests for services.phones: reading, checking and labelling phone numbers."""

from __future__ import annotations

import phonenumbers as pn
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.phones import (
    PHONE_TYPES,
    PhoneCheck,
    PhoneNumber,
    check_phone,
    format_phone,
    guess_phone_label,
    normalize_phone,
    phone_digits,
)
from services.problems import Problem, Severity

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def only_number(check: PhoneCheck) -> PhoneNumber:
    assert len(check.numbers) == 1, check
    return check.numbers[0]


# --- the media-contact block of the seed release -------------------------------------


def test_seed_hkstp_number_is_a_hong_kong_fixed_line() -> None:
    check = check_phone("+852 2629 2329")

    assert check.valid
    assert check.problems == []
    assert check.numbers == [
        PhoneNumber(
            input="+852 2629 2329",
            valid=True,
            e164="+85226292329",
            international="+852 2629 2329",
            national="2629 2329",
            type="fixed_line",
            region="HK",
            extension=None,
        )
    ]


def test_seed_edelman_field_holds_two_numbers_sharing_the_country_code() -> None:
    check = check_phone("電話：+852 3756 8623／6986 5822", where="release.txt line 120")

    assert check.valid
    assert [n.input for n in check.numbers] == ["+852 3756 8623", "6986 5822"]
    assert [n.e164 for n in check.numbers] == ["+85237568623", "+85269865822"]
    assert [n.type for n in check.numbers] == ["fixed_line", "mobile"]
    assert [n.label for n in check.numbers] == ["電話", "電話"]
    # The second number has no country code, but Hong Kong is both the default
    # region and the first number's: nothing to report.
    assert check.problems == []


def test_seed_horizon_number_is_a_mainland_mobile() -> None:
    number = only_number(check_phone("+86 15120049549"))

    assert number.valid
    assert number.e164 == "+8615120049549"
    assert number.international == "+86 151 2004 9549"
    assert number.national == "151 2004 9549"
    assert number.type == "mobile"
    assert number.region == "CN"


def test_full_width_number_is_read_and_kept_as_typed() -> None:
    check = check_phone("６９８６ ５８２２")

    number = only_number(check)
    assert number.input == "６９８６ ５８２２"
    assert number.e164 == "+85269865822"
    assert number.type == "mobile"
    assert check.problems == []


@pytest.mark.parametrize(
    "text",
    [
        "＋８５２　６９８６－５８２２",  # full-width plus, ideographic space, full-width hyphen
        "（８５２）６９８６ ５８２２",
        "+852 6986 5822",
        "+852-6986-5822",
        "+852.6986.5822",
    ],
)
def test_full_width_and_punctuated_forms_are_one_valid_number(text: str) -> None:
    check = check_phone(text)

    assert check.valid
    assert only_number(check).e164 == "+85269865822"
    assert only_number(check).input == text.strip()
    assert check.problems == []


# --- normalize_phone: every form a caller's number is typed in -----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("69865822", "+85269865822"),
        ("+852 6986-5822", "+85269865822"),
        ("６９８６ ５８２２", "+85269865822"),
        ("(852) 6986 5822", "+85269865822"),
        ("00852 69865822", "+85269865822"),
        ("852-6986-5822", "+85269865822"),
        ("tel:+85269865822", "+85269865822"),
        ("15120049549", "+8615120049549"),
        ("+86 15120049549", "+8615120049549"),
        ("0086 151 2004 9549", "+8615120049549"),
        ("Mobile: 6986 5822", "+85269865822"),
        ("電話：2629 2329", "+85226292329"),
        ("2629 2329 ext. 12", "+85226292329"),
        ("  69865822  ", "+85269865822"),
        ("010-6512 3456", "+861065123456"),  # a Beijing landline as written in Beijing
        ("(02) 2345-6789", "+886223456789"),  # a Taipei landline as written in Taipei
    ],
)
def test_normalize_phone_accepts_every_typed_form(text: str, expected: str) -> None:
    assert normalize_phone(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "abc", "2629 232", "2629 23299", "+852 3756 8623／6986 5822", "電話："],
)
def test_normalize_phone_returns_none_without_exactly_one_number(text: str) -> None:
    assert normalize_phone(text) is None


def test_normalize_phone_uses_the_region_for_local_numbers() -> None:
    assert normalize_phone("138 0013 8000", "CN") == "+8613800138000"
    assert normalize_phone("138 0013 8000", "cn") == "+8613800138000"
    assert normalize_phone("2345 6789", "MO") is None  # not a Macau number range
    # A region whose own numbers take a trunk 0 reads a leading 0 as its own, or as nothing.
    assert normalize_phone("010 1234 5678", "GB") is None
    assert normalize_phone("020 7946 0000", "GB") == "+442079460000"


def test_unknown_region_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown phone region 'XX'"):
        check_phone("69865822", "XX")
    with pytest.raises(ValueError, match="unknown phone region"):
        normalize_phone("69865822", "")


# --- several numbers in one field ----------------------------------------------------


@pytest.mark.parametrize(
    "separator",
    [
        "／",
        "/",
        " / ",
        ",",
        "，",
        ";",
        "；",
        "、",
        " 或 ",
        "或",
        " or ",
        " OR ",
        " and ",
        " | ",
        "\n",
    ],
)
def test_several_numbers_are_split_on_each_separator(separator: str) -> None:
    check = check_phone(f"6986 5822{separator}2629 2329")

    assert check.valid
    assert [n.e164 for n in check.numbers] == ["+85269865822", "+85226292329"]
    assert [n.input for n in check.numbers] == ["6986 5822", "2629 2329"]


@pytest.mark.parametrize("text", ["+852 6986 5822", "+852-6986-5822", "6986-5822", "6986 5822"])
def test_spaces_and_hyphens_inside_a_number_do_not_split_it(text: str) -> None:
    assert len(check_phone(text).numbers) == 1


def test_area_code_and_number_around_a_slash_are_one_number() -> None:
    # "030/1234567" is how Germans write an area code and a subscriber number.
    check = check_phone("030/1234567", "DE")

    assert only_number(check).e164 == "+49301234567"
    assert check.problems == []


def test_labels_in_the_middle_start_a_new_number_and_are_kept() -> None:
    check = check_phone("Tel: 2629 2329 Fax: 2629 2330")

    assert [(n.e164, n.label) for n in check.numbers] == [
        ("+85226292329", "Tel"),
        ("+85226292330", "Fax"),
    ]
    assert [guess_phone_label(n) for n in check.numbers] == ["work", "fax"]


def test_a_compound_label_is_not_split() -> None:
    number = only_number(check_phone("Tel/Fax: 2629 2329"))

    assert number.label == "Tel/Fax"
    assert number.e164 == "+85226292329"


def test_trailing_separator_adds_no_number() -> None:
    check = check_phone("6986 5822 / ")

    assert check.valid
    assert [n.e164 for n in check.numbers] == ["+85269865822"]


def test_second_number_takes_the_country_code_of_the_first_when_invalid_in_default() -> None:
    # With a mainland default region "6986 5822" is no number; the +852 before it says
    # where it is.
    check = check_phone(
        "+852 3756 8623／6986 5822", "CN", field="phones", where="release.txt line 120"
    )

    assert check.valid
    assert [n.e164 for n in check.numbers] == ["+85237568623", "+85269865822"]
    assert check.problems == [
        Problem(
            Severity.FIXED,
            "release.txt line 120",
            "phones",
            "6986 5822",
            "'6986 5822' has no country code; took +852 from the number before it "
            "(+852 3756 8623).",
            "+852 6986 5822",
        )
    ]


def test_second_number_takes_a_foreign_country_code_even_when_valid_in_default() -> None:
    # "2833 5678" is a valid Hong Kong number too, but follows a Macau number.
    check = check_phone("+853 2833 1234 / 2833 5678")

    assert [n.e164 for n in check.numbers] == ["+85328331234", "+85328335678"]
    (problem,) = check.problems
    assert problem.severity is Severity.FIXED
    assert problem.value == "2833 5678"
    assert problem.suggestion == "+853 2833 5678"
    assert "no country code" in problem.message
    assert "+853" in problem.message


def test_mainland_second_number_takes_plus_86() -> None:
    check = check_phone("+86 151 2004 9549 / 138 0013 8000")

    assert [n.e164 for n in check.numbers] == ["+8615120049549", "+8613800138000"]
    assert [(p.severity, p.value, p.suggestion) for p in check.problems] == [
        (Severity.FIXED, "138 0013 8000", "+86 138 0013 8000")
    ]


def test_second_number_invalid_with_the_first_country_code_is_read_locally_with_warning() -> None:
    check = check_phone("+86 15120049549 / 6986 5822")

    assert check.valid
    assert [n.e164 for n in check.numbers] == ["+8615120049549", "+85269865822"]
    (problem,) = check.problems
    assert problem.severity is Severity.WARNING
    assert problem.value == "6986 5822"
    assert problem.suggestion == "+852 6986 5822"
    assert "+86" in problem.message
    assert "HK number" in problem.message


def test_number_with_its_own_country_code_is_not_changed_by_the_one_before() -> None:
    check = check_phone("+86 15120049549 / +852 6986 5822")

    assert [n.e164 for n in check.numbers] == ["+8615120049549", "+85269865822"]
    assert check.problems == []


# --- extensions and labels ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2629 2329 ext. 123",
        "2629 2329 ext 123",
        "2629 2329 x123",
        "2629 2329 X 123",
        "2629 2329 轉123",
        "2629 2329 轉 123",
        "2629 2329 內線 123",
        "2629 2329 #123",
        "2629 2329 分機123",
        "2629 2329, ext. 123",
        "2629 2329 (ext. 123)",
        "tel:+852-2629-2329;ext=123",
        "２６２９ ２３２９ 轉１２３",
    ],
)
def test_extension_is_kept_apart_from_the_number(text: str) -> None:
    check = check_phone(text)

    number = only_number(check)
    assert number.valid
    assert number.extension == "123"
    assert number.e164 == "+85226292329"
    assert number.international == "+852 2629 2329 ext. 123"
    assert check.problems == []


@pytest.mark.parametrize(
    ("text", "label", "guessed"),
    [
        ("電話：2629 2329", "電話", "work"),
        ("Tel: 2629 2329", "Tel", "work"),
        ("T: 2629 2329", "T", "work"),
        ("Tel. 2629 2329", "Tel", "work"),
        ("Tel No.: 2629 2329", "Tel No.", "work"),
        ("Mobile: 2629 2329", "Mobile", "mobile"),
        ("手提：2629 2329", "手提", "mobile"),
        ("流動電話：2629 2329", "流動電話", "mobile"),
        ("傳真：2629 2330", "傳真", "fax"),
        ("Fax: 2629 2330", "Fax", "fax"),
        ("F: 2629 2330", "F", "work"),
        ("tel:+85226292329", "tel", "work"),
        ("TEL：２６２９ ２３２９", "TEL", "work"),
        ("2629 2329 (Fax)", "Fax", "fax"),
        ("2629 2329 直線", "直線", "work"),
        ("住宅：2629 2329", "住宅", "home"),
    ],
)
def test_label_is_stripped_and_remembered(text: str, label: str, guessed: str) -> None:
    check = check_phone(text)

    number = only_number(check)
    assert number.valid
    assert number.label == label
    assert number.input in ("2629 2329", "2629 2330", "+85226292329", "２６２９ ２３２９")
    assert guess_phone_label(number) == guessed
    assert check.problems == []


@pytest.mark.parametrize(
    ("text", "label_text", "expected"),
    [
        ("6986 5822", "", "mobile"),  # a Hong Kong mobile number
        ("2629 2329", "", "work"),
        ("2629 2329", "傳真", "fax"),
        ("2629 2329", "Fax", "fax"),
        ("6986 5822", "Fax", "fax"),  # the label wins over the number's type
        ("2629 2329", "手提", "mobile"),
        ("2629 2329", "流動", "mobile"),
        ("2629 2329", "Cell", "mobile"),
        ("2629 2329", "Mobile phone", "mobile"),
        ("2629 2329", "Office", "work"),
        ("+1 650 253 0000", "", "work"),  # fixed_line_or_mobile: not known to be mobile
    ],
)
def test_guess_phone_label(text: str, label_text: str, expected: str) -> None:
    label = guess_phone_label(only_number(check_phone(text)), label_text)

    assert label == expected
    assert label in PHONE_TYPES


# --- invalid numbers: what is wrong, and the most likely fix -------------------------


@pytest.mark.parametrize(
    ("text", "region", "suggestion", "words"),
    [
        # a mainland mobile typed without +86
        ("15120049549", "HK", "+86 151 2004 9549", ["too long for a number in HK", "+86"]),
        ("151 2004 9549", "HK", "+86 151 2004 9549", ["mainland China mobile"]),
        ("+852 15120049549", "HK", "+86 151 2004 9549", ["mainland China mobile"]),
        # an international prefix where phonenumbers read something else
        ("00852 69865822", "HK", "+852 6986 5822", ["'00'", "international prefix", "as typed"]),
        ("0086 15120049549", "HK", "+86 151 2004 9549", ["'00'"]),
        ("011 852 2629 2329", "HK", "+852 2629 2329", ["'011'", "not a valid number as typed"]),
        ("0011 852 2629 2329", "HK", "+852 2629 2329", ["'0011'"]),
        ("001 852 2629 2329", "CN", "+852 2629 2329", ["'001'"]),
        ("+00852 6986 5822", "HK", "+852 6986 5822", ["'00'"]),
        # "+" missing before a valid country code
        ("85226292329", "CN", "+852 2629 2329", ["+852 without the '+'"]),
        ("852 6986 5822", "US", "+852 6986 5822", ["+852 without the '+'"]),
        # a mainland or Taiwan number with its trunk 0 and area code, written at home
        ("010-1234 5678", "HK", "+86 10 1234 5678", ["mainland China number with its area"]),
        ("(010) 12345678", "HK", "+86 10 1234 5678", ["without +86"]),
        ("0755-8888 1234", "HK", "+86 755 8888 1234", ["mainland China number"]),
        ("020 8888 1234", "MO", "+86 20 8888 1234", ["mainland China number"]),
        ("02 2345 6789", "HK", "+886 2 2345 6789", ["Taiwan number with its area code"]),
        ("07 123 4567", "SG", "+886 7 123 4567", ["without +886"]),
        # the letter O for a zero
        ("6986 58O2", "HK", "+852 6986 5802", ["letters in it (O)"]),
        ("2629 232l", "HK", "+852 2629 2321", ["letters in it (l)"]),
    ],
)
def test_invalid_number_gets_the_likely_correction(
    text: str, region: str, suggestion: str, words: list[str]
) -> None:
    check = check_phone(text, region, field="phone", where="contacts.csv line 7")

    assert not check.valid
    number = only_number(check)
    assert (number.input, number.valid, number.e164, number.type) == (text, False, None, None)
    (problem,) = check.problems
    assert problem.severity is Severity.ERROR
    assert (problem.where, problem.field, problem.value) == ("contacts.csv line 7", "phone", text)
    assert problem.suggestion == suggestion
    assert problem.message.startswith(repr(text))
    for word in words:
        assert word in problem.message
    assert check_phone(suggestion).valid


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2629 232", ["too short", "7 digits", "HK numbers have 8"]),  # a digit too few
        ("2629 23299", ["too long", "9 digits", "HK numbers have 8"]),  # a digit too many
        ("12", ["too short"]),
        ("+852 3000 0000", ["not a number in region HK"]),
        ("+999 1234 5678", ["invalid country code"]),
        ("call me", ["letters in it (calme)"]),
        ("+852 6986 58XX", ["letters in it (X)"]),
        ("+", ["not a phone number"]),
        ("()", ["not a phone number"]),
        ("+852 1", ["too short"]),
        ("1234567890123456789", ["too long"]),
        ("0123", ["too short"]),  # a 0 before too few digits for an area code and number
    ],
)
def test_invalid_number_without_a_guess(text: str, words: list[str]) -> None:
    check = check_phone(text)

    (problem,) = check.problems
    assert not check.valid
    assert problem.severity is Severity.ERROR
    assert problem.value == text
    assert problem.suggestion is None
    for word in words:
        assert word in problem.message


def test_invalid_number_is_kept_with_its_extension() -> None:
    number = only_number(check_phone("2629 232 ext. 5"))

    assert number == PhoneNumber("2629 232 ext. 5", False, None, None, None, None, None, "5")


def test_short_tail_after_a_slash_suggests_the_sibling_number() -> None:
    check = check_phone("2629 2329/30")

    assert [n.valid for n in check.numbers] == [True, False]
    (problem,) = check.problems
    assert problem.severity is Severity.ERROR
    assert problem.value == "30"
    assert problem.suggestion == "+852 2629 2330"
    assert "last digits of the number before it" in problem.message


def test_one_bad_number_makes_the_field_invalid_but_keeps_the_good_one() -> None:
    check = check_phone("6986 5822 / 2629 232")

    assert not check.valid
    assert [(n.e164, n.valid) for n in check.numbers] == [("+85269865822", True), (None, False)]
    assert [p.value for p in check.problems] == ["2629 232"]


def test_text_beside_the_number_is_left_out_with_a_warning() -> None:
    check = check_phone("6986 5822（黃小姐）")

    number = only_number(check)
    assert number.valid
    assert number.e164 == "+85269865822"
    assert number.input == "6986 5822（黃小姐）"
    (problem,) = check.problems
    assert problem.severity is Severity.WARNING
    assert problem.suggestion == "+852 6986 5822"
    assert "黃小姐" in problem.message
    assert "left out" in problem.message


@pytest.mark.parametrize("text", ["", "   ", "\u3000", "\n", "電話：", "Tel: ", " / "])
def test_empty_input_is_one_error(text: str) -> None:
    check = check_phone(text, field="phone", where="form")

    assert check.numbers == []
    assert not check.valid
    assert check.problems == [
        Problem(Severity.ERROR, "form", "phone", text, "no phone number given", None)
    ]


def test_valid_number_of_an_unusual_type_needs_no_problem() -> None:
    check = check_phone("+852 800 123 456")

    assert only_number(check).type == "toll_free"
    assert check.valid
    assert check.problems == []


def test_number_with_country_code_but_no_plus_is_valid_in_its_own_region() -> None:
    # In Hong Kong "852" before eight digits can only be the country code.
    check = check_phone("85226292329")

    assert only_number(check).e164 == "+85226292329"
    assert check.problems == []


# --- results as data ----------------------------------------------------------------


def test_to_dict_has_the_documented_shape() -> None:
    check = check_phone("+852 2629 2329 / 2629 232", where="w")

    data = check.to_dict()

    assert data["numbers"][0] == {
        "input": "+852 2629 2329",
        "valid": True,
        "e164": "+85226292329",
        "international": "+852 2629 2329",
        "national": "2629 2329",
        "type": "fixed_line",
        "region": "HK",
        "extension": None,
    }
    assert data["numbers"][1]["valid"] is False
    assert data["problems"] == [
        {
            "severity": "error",
            "where": "w",
            "field": "phone",
            "value": "2629 232",
            "message": data["problems"][0]["message"],
            "suggestion": None,
        }
    ]
    assert "too short" in data["problems"][0]["message"]


def test_valid_needs_at_least_one_number() -> None:
    assert not PhoneCheck([], []).valid


# --- helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("６９８６ ５８２２", "69865822"),
        ("+852 (2629)-2329", "85226292329"),
        ("電話：2629 2329 轉 12", "2629232912"),
        ("", ""),
        ("abc", ""),
    ],
)
def test_phone_digits(text: str, digits: str) -> None:
    assert phone_digits(text) == digits


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("international", "+86 151 2004 9549"),
        ("national", "151 2004 9549"),
        ("e164", "+8615120049549"),
        ("rfc3966", "tel:+86-151-2004-9549"),
    ],
)
def test_format_phone_styles(style: str, expected: str) -> None:
    assert format_phone("+8615120049549", style) == expected


def test_format_phone_defaults_to_international_and_keeps_unreadable_values() -> None:
    assert format_phone("+85226292329") == "+852 2629 2329"
    assert format_phone("not a number") == "not a number"


def test_format_phone_rejects_an_unknown_style() -> None:
    with pytest.raises(ValueError, match="unknown phone style 'fancy'"):
        format_phone("+85226292329", "fancy")


def _example_numbers() -> list[pn.PhoneNumber]:
    numbers = []
    for region in sorted(pn.SUPPORTED_REGIONS):
        for number_type in (pn.PhoneNumberType.FIXED_LINE, pn.PhoneNumberType.MOBILE):
            example = pn.example_number_for_type(region, number_type)
            if example is not None:
                numbers.append(example)
    return numbers


def test_fields_agree_with_phonenumbers_for_every_region() -> None:
    # check_phone cuts the national form out of the international one where that is
    # exact, and takes validity from the number type: both must match phonenumbers.
    for example in _example_numbers():
        e164 = pn.format_number(example, pn.PhoneNumberFormat.E164)
        number = only_number(check_phone(e164))
        assert number.valid == pn.is_valid_number(example), e164
        assert number.national == pn.format_number(example, pn.PhoneNumberFormat.NATIONAL), e164
        assert number.international == pn.format_number(example, pn.PhoneNumberFormat.INTERNATIONAL)


# --- properties ---------------------------------------------------------------------

_digit_runs = st.text(alphabet="0123456789", min_size=1, max_size=14)
_typed_number = st.builds(
    lambda prefix, digits, ext: f"{prefix}{digits}{ext}",
    st.sampled_from(["", "+", "+852 ", "+86 ", "00", "001", "011", "852", "(852) ", "tel:"]),
    _digit_runs,
    st.sampled_from(["", " ext. 12", " 轉 3", " x9"]),
)
_field = st.lists(_typed_number, min_size=1, max_size=3).flatmap(
    lambda parts: st.sampled_from(["／", " / ", ", ", " or ", "\n"]).map(lambda s: s.join(parts))
)


def _assert_consistent(check: PhoneCheck, text: str) -> None:
    assert isinstance(check, PhoneCheck)
    assert check.valid == (bool(check.numbers) and all(n.valid for n in check.numbers))
    assert all(p.field == "f" and p.where == "w" for p in check.problems)
    for number in check.numbers:
        assert (number.e164 is not None) == number.valid
        if number.valid:
            assert number.e164 is not None
            assert normalize_phone(number.e164) == number.e164
    for problem in check.problems:
        if problem.suggestion is not None:
            fixed = check_phone(problem.suggestion)
            assert fixed.valid, (text, problem)
            assert len(fixed.numbers) == 1
    if not check.numbers:
        assert [p.message for p in check.problems] == ["no phone number given"]


@PROPERTY_SETTINGS
@given(st.text(max_size=60))
def test_any_text_gives_a_check_never_an_exception(text: str) -> None:
    _assert_consistent(check_phone(text, field="f", where="w"), text)
    result = normalize_phone(text)
    assert result is None or result.startswith("+")


@PROPERTY_SETTINGS
@given(_field, st.sampled_from(["HK", "CN", "US", "MO"]))
def test_typed_fields_give_consistent_checks_and_valid_suggestions(text: str, region: str) -> None:
    _assert_consistent(check_phone(text, region, field="f", where="w"), text)


@PROPERTY_SETTINGS
@given(st.sampled_from(_example_numbers()), st.sampled_from(["HK", "CN", "GB"]))
def test_every_valid_number_round_trips_through_its_display_forms(
    example: pn.PhoneNumber, region: str
) -> None:
    e164 = pn.format_number(example, pn.PhoneNumberFormat.E164)
    international = format_phone(e164)

    assert normalize_phone(international, region) == e164
    assert only_number(check_phone(international, region)).e164 == e164
    assert phone_digits(international) == e164[1:]
