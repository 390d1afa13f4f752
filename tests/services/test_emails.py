"""Tests for services.emails: checking, suggesting, splitting and classifying addresses."""

from __future__ import annotations

import re

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.emails import (
    EMAIL_TYPES,
    EmailCheck,
    check_email,
    email_key,
    looks_like_team_mailbox,
    normalize_email,
    split_emails,
)
from services.problems import Problem, Severity

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


# --- the media-contact block of the seed release -------------------------------------


@pytest.mark.parametrize(
    "address",
    ["angela.wan@hkstp.org", "Edelmanhkstppr@edelman.com", "miaomiao.xiong@horizon.cc"],
)
def test_seed_addresses_are_valid_as_typed(address: str) -> None:
    assert check_email(address) == EmailCheck(address, True, address, [], None, False)


def test_seed_trailing_slash_is_an_error_with_an_obvious_fix() -> None:
    check = check_email("June.Wong@edelman.com/", field="email", where="release.txt line 122")

    assert not check.valid
    assert check.normalized is None
    assert check.suggestion == "June.Wong@edelman.com"
    assert check.obvious_fix
    assert check.problems == [
        Problem(
            Severity.ERROR,
            "release.txt line 122",
            "email",
            "June.Wong@edelman.com/",
            "'June.Wong@edelman.com/' is not a valid e-mail address: it ends with '/'. "
            "Did you mean June.Wong@edelman.com?",
            "June.Wong@edelman.com",
        )
    ]


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("angela.wan＠hkstp.org", "angela.wan@hkstp.org"),
        ("angela.wan＠hkstp．org", "angela.wan@hkstp.org"),
        ("ａｎｇｅｌａ.wan@hkstp.org", "angela.wan@hkstp.org"),
        ("angela.wan@hkstp。org", "angela.wan@hkstp.org"),  # an input method's full stop
    ],
)
def test_full_width_characters_are_accepted_and_reported_as_fixed(typed: str, read_as: str) -> None:
    check = check_email(typed, field="email", where="form")

    assert check.valid
    assert check.normalized == read_as
    assert check.suggestion is None
    assert check.problems == [
        Problem(
            Severity.FIXED,
            "form",
            "email",
            typed,
            f"{typed!r} was typed with full-width characters; read as {read_as!r}.",
            read_as,
        )
    ]


def test_domain_is_lower_cased_and_local_part_case_kept() -> None:
    check = check_email("June.Wong@EDELMAN.COM")

    assert check.valid
    assert check.normalized == "June.Wong@edelman.com"
    assert check.problems == []


def test_surrounding_whitespace_is_not_a_problem() -> None:
    # The seed line "電郵：angela.wan@hkstp.org  " ends with spaces.
    check = check_email("  angela.wan@hkstp.org  \u3000")

    assert check.valid
    assert check.normalized == "angela.wan@hkstp.org"
    assert check.problems == []


def test_internationalised_domain_is_valid() -> None:
    check = check_email("info@例子.香港")

    assert check.valid
    assert check.normalized == "info@例子.香港"


@pytest.mark.parametrize("text", ["", "   ", "\u3000"])
def test_empty_input_is_a_clear_error(text: str) -> None:
    check = check_email(text, where="form")

    assert check == EmailCheck(
        text,
        False,
        None,
        [Problem(Severity.ERROR, "form", "email", text, "no e-mail address given")],
        None,
        False,
    )


# --- packaging: the suggestion only removes what cannot be part of an address ---------


@pytest.mark.parametrize(
    ("text", "suggestion", "words"),
    [
        ("June.Wong@edelman.com/", "June.Wong@edelman.com", "ends with '/'"),
        ("angela.wan@hkstp.org.", "angela.wan@hkstp.org", "ends with '.'"),
        ("angela.wan@hkstp.org,", "angela.wan@hkstp.org", "ends with ','"),
        ("angela.wan@hkstp.org;", "angela.wan@hkstp.org", "ends with ';'"),
        ("angela.wan@hkstp.org)", "angela.wan@hkstp.org", "brackets around it"),
        ("(angela.wan@hkstp.org)", "angela.wan@hkstp.org", "brackets around it"),
        ("<angela.wan@hkstp.org>", "angela.wan@hkstp.org", "<> around the address"),
        ('"angela.wan@hkstp.org"', "angela.wan@hkstp.org", "quotes or brackets"),
        ("mailto:angela.wan@hkstp.org", "angela.wan@hkstp.org", "starts with 'mailto:'"),
        ("MAILTO:angela.wan@hkstp.org", "angela.wan@hkstp.org", "starts with 'mailto:'"),
        ("Angela Wan <angela.wan@hkstp.org>", "angela.wan@hkstp.org", "a name or <>"),
        ("溫安怡 <angela.wan@hkstp.org>", "angela.wan@hkstp.org", "a name or <>"),
        ("Angela <mailto:angela.wan@hkstp.org>", "angela.wan@hkstp.org", "mailto:"),
        ("angela.wan@hkstp.org\u200b", "angela.wan@hkstp.org", "invisible character"),
        ("angela.wan\u3000@hkstp.org", "angela.wan@hkstp.org", "full-width space"),
        ("電郵：angela.wan@hkstp.org", "angela.wan@hkstp.org", "the label '電郵:'"),
        ("Email: angela.wan@hkstp.org", "angela.wan@hkstp.org", "the label 'Email:'"),
        ("E-mail:angela.wan@hkstp.org", "angela.wan@hkstp.org", "the label"),
        ("June.Wong＠edelman.com/", "June.Wong@edelman.com", "ends with '/'"),
        ("mailto:June.Wong@edelman.com/", "June.Wong@edelman.com", "mailto:"),
    ],
)
def test_packaging_gives_an_obvious_fix(text: str, suggestion: str, words: str) -> None:
    check = check_email(text, where="sheet 1 row 2")

    assert not check.valid
    assert check.normalized is None
    assert check.suggestion == suggestion
    assert check.obvious_fix
    (problem,) = check.problems
    assert problem.severity is Severity.ERROR
    assert (problem.where, problem.field, problem.value) == ("sheet 1 row 2", "email", text)
    assert problem.suggestion == suggestion
    assert words in problem.message
    assert check_email(suggestion).valid


# --- guesses: likely, but a person should see them -----------------------------------


@pytest.mark.parametrize(
    ("text", "suggestion", "words"),
    [
        ("angela.wan(at)hkstp.org", "angela.wan@hkstp.org", "'at' instead of @"),
        ("angela.wan [at] hkstp.org", "angela.wan@hkstp.org", "'at' instead of @"),
        ("angela.wan at hkstp.org", "angela.wan@hkstp.org", "'at' instead of @"),
        ("angela.wan at hkstp dot org", "angela.wan@hkstp.org", "'dot' instead of '.'"),
        ("angela.wan @ hkstp.org", "angela.wan@hkstp.org", "space in it"),
        ("a@@hkstp.org", "a@hkstp.org", "two @ in a row"),
        ("a@hkstp,org", "a@hkstp.org", "',' instead of '.'"),
        ("a@hkstp..org", "a@hkstp.org", "two dots in a row"),
        ("angela..wan@hkstp.org", "angela.wan@hkstp.org", "two dots in a row"),
        ("angela...wan@hkstp..org", "angela.wan@hkstp.org", "two dots in a row"),
        ("someone@gmial.com", "someone@gmail.com", "'gmial.com' looks like a misspelling"),
        ("someone@gamil.com", "someone@gmail.com", "of 'gmail.com'"),
        ("someone@gmail.com.hk", "someone@gmail.com", "misspelling of 'gmail.com'"),
        ("someone@hotmial.com", "someone@hotmail.com", "misspelling of 'hotmail.com'"),
        ("someone@yahooo.com", "someone@yahoo.com", "misspelling of 'yahoo.com'"),
        ("someone@yahooo.com.hk", "someone@yahoo.com.hk", "misspelling of 'yahoo.com.hk'"),
        ("someone@outlok.com", "someone@outlook.com", "misspelling of 'outlook.com'"),
        ("June.Wong@edelman.con", "June.Wong@edelman.com", "'edelman.con'"),
        ("June.Wong@edelman.cmo", "June.Wong@edelman.com", "misspelling"),
        ("June.Wong@edelman.comm", "June.Wong@edelman.com", "misspelling"),
        ("June.Wong@edelman.ocm", "June.Wong@edelman.com", "misspelling"),
        ("angela.wan@hkstp.ogr", "angela.wan@hkstp.org", "misspelling"),
        ("press@abc.com.hl", "press@abc.com.hk", "misspelling of 'abc.com.hk'"),
        ("someone@gmial.con", "someone@gmail.com", "misspelling of 'gmail.com'"),
        ("Angela.Wan@GMIAL.COM", "Angela.Wan@gmail.com", "misspelling"),
        ("mailto:someone@gmial.com", "someone@gmail.com", "mailto:"),
    ],
)
def test_guessed_fix_is_not_obvious(text: str, suggestion: str, words: str) -> None:
    check = check_email(text)

    assert not check.valid
    assert check.suggestion == suggestion
    assert not check.obvious_fix
    (problem,) = check.problems
    assert problem.severity is Severity.ERROR
    assert problem.suggestion == suggestion
    assert words in problem.message
    assert check_email(suggestion).valid


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("angela.wan@hkstporg", "no top-level part"),  # where would the dot go?
        ("angela.wanhkstp.org", "has no @"),
        ("a@b@hkstp.org", "two @"),
        # Several addresses pasted into one field: said so, not "a space" or "two @".
        ("angela.wan@hkstp.org;june@edelman.com", "it holds two addresses"),
        ("a@hkstp.org, b@hkstp.org c@edelman.com", "it holds three addresses"),
        ("Angela <angela.wan@hkstp.org> June <june@edelman.com>", "it holds two addresses"),
        ("angela wan@hkstp.org", "space in it"),
        ("angela\u3000wan@hkstp.org", "space in it"),
        ("@hkstp.org", "nothing comes before the @"),
        ("angela@", "nothing comes after the @"),
        ("a.@hkstp.org", "period immediately before the @-sign"),
        ("a@hk_stp.org", "invalid characters"),
        ("a@hkstp.test", "special-use or reserved name"),
        ("mailto:a.@hkstp.org", "starts with 'mailto:'; an email address cannot have a period"),
        ("just text", "has no @"),
    ],
)
def test_error_without_a_guess(text: str, words: str) -> None:
    check = check_email(text)

    assert not check.valid
    assert check.suggestion is None
    assert not check.obvious_fix
    (problem,) = check.problems
    assert problem.severity is Severity.ERROR
    assert problem.suggestion is None
    assert problem.value == text
    assert problem.message.startswith(f"{text!r} is not a valid e-mail address: ")
    assert words in problem.message


def test_to_dict_has_the_documented_shape() -> None:
    data = check_email("June.Wong@edelman.com/", where="w").to_dict()

    assert data == {
        "valid": False,
        "normalized": None,
        "problems": [
            {
                "severity": "error",
                "where": "w",
                "field": "email",
                "value": "June.Wong@edelman.com/",
                "message": "'June.Wong@edelman.com/' is not a valid e-mail address: "
                "it ends with '/'. Did you mean June.Wong@edelman.com?",
                "suggestion": "June.Wong@edelman.com",
            }
        ],
        "suggestion": "June.Wong@edelman.com",
    }
    assert check_email("angela.wan@hkstp.org").to_dict() == {
        "valid": True,
        "normalized": "angela.wan@hkstp.org",
        "problems": [],
        "suggestion": None,
    }


# --- look-ups -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("angela.wan@hkstp.org", "angela.wan@hkstp.org"),
        (" Angela.Wan@HKSTP.org ", "Angela.Wan@hkstp.org"),
        ("angela.wan＠hkstp.org", "angela.wan@hkstp.org"),
        ("June.Wong@edelman.com/", "June.Wong@edelman.com"),  # packaging only
        ("Angela Wan <angela.wan@hkstp.org>", "angela.wan@hkstp.org"),
        ("mailto:angela.wan@hkstp.org", "angela.wan@hkstp.org"),
        ("someone@gmial.com", None),  # a guess is not applied
        ("angela.wan(at)hkstp.org", None),
        ("angela.wan@hkstporg", None),
        ("", None),
        ("   ", None),
    ],
)
def test_normalize_email(text: str, expected: str | None) -> None:
    assert normalize_email(text) == expected


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("June.Wong@Edelman.com", "june.wong@edelman.com"),
        ("june.wong@edelman.com", "june.wong@edelman.com"),
        (" ANGELA.WAN＠HKSTP.ORG ", "angela.wan@hkstp.org"),
    ],
)
def test_email_key_finds_duplicates_whatever_the_case(address: str, key: str) -> None:
    assert email_key(address) == key


# --- cells holding several addresses -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("a@x.com, b@y.com", ["a@x.com", "b@y.com"]),
        ("a@x.com; b@y.com;", ["a@x.com", "b@y.com"]),
        ("a@x.com／b@y.com", ["a@x.com", "b@y.com"]),
        ("a@x.com/b@y.com", ["a@x.com", "b@y.com"]),
        ("a@x.com、b@y.com", ["a@x.com", "b@y.com"]),
        ("a@x.com，b@y.com；c@z.com", ["a@x.com", "b@y.com", "c@z.com"]),
        ("a@x.com b@y.com\tc@z.com", ["a@x.com", "b@y.com", "c@z.com"]),
        ("a@x.com\nb@y.com\r\nc@z.com", ["a@x.com", "b@y.com", "c@z.com"]),
        ("a@x.com\u3000b@y.com", ["a@x.com", "b@y.com"]),
        (
            "June.Wong@edelman.com/  \nEdelmanhkstppr@edelman.com",
            ["June.Wong@edelman.com/", "Edelmanhkstppr@edelman.com"],
        ),
        ("電郵：June.Wong@edelman.com/", ["June.Wong@edelman.com/"]),
        ("電郵： miaomiao.xiong@horizon.cc ", ["miaomiao.xiong@horizon.cc"]),
        (
            "Angela Wan <angela.wan@hkstp.org>, June Wong <june.wong@edelman.com>",
            ["Angela Wan <angela.wan@hkstp.org>", "June Wong <june.wong@edelman.com>"],
        ),
        (
            '"Wong, June" <june.wong@edelman.com>; a@x.com',
            ['"Wong, June" <june.wong@edelman.com>', "a@x.com"],
        ),
        ("<a@x.com> <b@y.com>", ["<a@x.com>", "<b@y.com>"]),
        ("angela.wan(at)hkstp.org, a@x.com", ["angela.wan(at)hkstp.org", "a@x.com"]),
        ("", []),
        (" ,; / ", []),
    ],
)
def test_split_emails(text: str, pieces: list[str]) -> None:
    assert split_emails(text) == pieces


def test_split_then_check_reports_the_seed_slash() -> None:
    checks = [check_email(p) for p in split_emails("電郵：June.Wong@edelman.com/")]

    assert [(c.valid, c.suggestion, c.obvious_fix) for c in checks] == [
        (False, "June.Wong@edelman.com", True)
    ]


# --- team mailboxes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "names", "expected"),
    [
        ("Edelmanhkstppr@edelman.com", ["June Wong"], True),
        ("Edelmanhkstppr@edelman.com", [], True),
        ("June.Wong@edelman.com", ["June Wong"], False),
        ("June.Wong@edelman.com", [], False),
        ("angela.wan@hkstp.org", ["Angela Wan"], False),
        ("miaomiao.xiong@horizon.cc", ["Xiong Miaomiao"], False),
        ("pr@hkstp.org", [], True),
        ("press@hkstp.org", [], True),
        ("PRESS@hkstp.org", [], True),
        ("media@hkstp.org", [], True),
        ("media.enquiries@hkstp.org", [], True),
        ("mediaenquiries@hkstp.org", [], True),
        ("info@hkstp.org", [], True),
        ("news@scmp.com", [], True),
        ("newsroom@rthk.hk", [], True),
        ("comms@hkstp.org", [], True),
        ("enquiries@hkstp.org", [], True),
        ("hello@startup.io", [], True),
        ("contact@startup.io", [], True),
        ("team@startup.io", [], True),
        ("hkstp@hkstp.org", [], True),  # a mailbox named after the organisation
        ("hkstpmedia@hkstp.org", [], True),
        ("prhkstp@hkstp.org", [], True),
        ("jwong@edelman.com", ["June Wong"], False),
        ("wongj@edelman.com", ["June Wong"], False),
        ("junewong@edelman.com", ["June Wong"], False),
        ("kk.wong@edelman.com", ["Wong Ka Kei"], False),
        ("april.chan@hkstp.org", [], False),  # "pr" inside a first name is no role
        ("prudence@hkstp.org", [], False),
        ("not-an-address", [], False),
    ],
)
def test_looks_like_team_mailbox(address: str, names: list[str], expected: bool) -> None:
    assert looks_like_team_mailbox(address, names) is expected


def test_email_types_include_team() -> None:
    assert EMAIL_TYPES == ("work", "personal", "team", "other")


# --- properties ---------------------------------------------------------------------


def _email_validator_accepts(address: str) -> bool:
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


_atom = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789_-+", min_size=1, max_size=8
)
_local = st.lists(_atom, min_size=1, max_size=3).map(".".join)
_label = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)
_domain = st.builds(
    lambda labels, tld: ".".join([*labels, tld]),
    st.lists(_label, min_size=1, max_size=2),
    st.sampled_from(["com", "org", "hk", "com.hk", "org.hk", "cc", "net", "cn"]),
)
_address = st.builds(lambda local, domain: f"{local}@{domain}", _local, _domain).filter(
    _email_validator_accepts
)
_packaging = st.sampled_from(
    [
        "{}/",
        "{}.",
        "{},",
        "{};",
        "{})",
        "<{}>",
        '"{}"',
        "mailto:{}",
        "Angela Wan <{}>",
        "\u200b{}",
        "{}\u200b",
        "電郵：{}",
        "Email: {}",
        "mailto:{}/",
    ]
)


def _assert_consistent(check: EmailCheck) -> None:
    assert isinstance(check, EmailCheck)
    assert all(p.field == "f" and p.where == "w" for p in check.problems)
    if check.valid:
        assert check.normalized is not None
        assert all(p.severity is Severity.FIXED for p in check.problems)
        assert check.suggestion is None
    else:
        assert check.normalized is None
        assert [p.severity for p in check.problems] == [Severity.ERROR]
        assert check.problems[0].suggestion == check.suggestion
    if check.obvious_fix:
        assert check.suggestion is not None
    if check.suggestion is not None:
        assert check_email(check.suggestion).valid, check


@PROPERTY_SETTINGS
@given(st.text(max_size=60))
def test_any_text_gives_a_check_never_an_exception(text: str) -> None:
    _assert_consistent(check_email(text, field="f", where="w"))
    normalize_email(text)
    assert isinstance(split_emails(text), list)
    assert isinstance(looks_like_team_mailbox(text, [text]), bool)


@PROPERTY_SETTINGS
@given(st.text(alphabet="ab.@ ,;/<>:()＠．。\u3000\u200bmailto", max_size=30))
def test_address_like_text_gives_consistent_checks(text: str) -> None:
    _assert_consistent(check_email(text, field="f", where="w"))


@PROPERTY_SETTINGS
@given(_address, _packaging)
def test_packaged_address_is_suggested_exactly_and_obviously(address: str, wrap: str) -> None:
    check = check_email(wrap.format(address), field="f", where="w")

    _assert_consistent(check)
    assert check.suggestion == address
    assert check.obvious_fix


@PROPERTY_SETTINGS
@given(_address)
def test_valid_address_is_kept_and_found_again(address: str) -> None:
    check = check_email(address)

    assert check.valid
    assert check.problems == []
    assert check.normalized is not None
    assert check.normalized.rpartition("@")[0] == address.rpartition("@")[0]  # case kept
    assert normalize_email(address) == check.normalized
    assert split_emails(f"{address}, {address}") == [address, address]
    assert email_key(address) == address.lower()


@PROPERTY_SETTINGS
@given(
    st.one_of(
        st.text(alphabet='ab.@ ,;/<>:()[]"“”＠、，；／：\u3000\t\nmailtoe-電郵', max_size=30),
        _address,
        _address.map(lambda address: f"電郵：{address}"),
        st.text(max_size=30),
    )
)
def test_one_plain_address_is_split_as_the_full_rules_split_it(text: str) -> None:
    """The shortcut for a cell holding one address alone gives what the rules give."""
    from services import emails

    shortcut = split_emails(text)
    taken = emails._ONE_ADDRESS
    emails._ONE_ADDRESS = re.compile(r"(?!)")  # never taken
    try:
        assert shortcut == split_emails(text)
    finally:
        emails._ONE_ADDRESS = taken


def test_the_shortcut_takes_one_plain_address_only() -> None:
    from services import emails

    for one in ("June.Wong@edelman.com", "陳大文@例子.香港", "a+b@x.co"):
        assert emails._ONE_ADDRESS.match(one) and split_emails(one) == [one]
    for more in ("a@x.com,b@x.com", "a@x.com b@x.com", "June <j@x.com>", "a@x.com/",
                 "電郵：a@x.com", "a(at)x.com", "a@x.com\n"):  # fmt: skip
        assert not emails._ONE_ADDRESS.match(more)


def test_a_fault_found_in_both_parts_is_said_once() -> None:
    (problem,) = check_email("angela...wan@hkstp..org").problems
    assert problem.message.count("two dots in a row") == 1
    assert problem.suggestion == "angela.wan@hkstp.org"
