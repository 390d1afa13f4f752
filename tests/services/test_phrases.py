"""Validation messages kept as phrases: the English text is exactly the phrase filled in."""

from __future__ import annotations

import pickle

import pytest

from services.emails import check_email
from services.phones import check_phone
from services.phrases import Phrase, phrase
from services.problems import Problem, Severity

PHONES = [
    "",
    "6986582",
    "698658221",
    "15120049549",
    "0085269865822",
    "85269865822",
    "+999 1234",
    "6986 582O",
    "phone: abc",
    "+86 151 2004 9549 / 138 0013 8000",
    "+86 151 2004 9549 / 6986 5822",
    "3756 8623 (office)",
    "+852 3756 8623 / 23",
]
EMAILS = [
    "",
    "june.wong@edelman.com/",
    "ｊｕｎｅ＠ｅｄｅｌｍａｎ．ｃｏｍ",
    "mailto:June.Wong@edelman.com",
    "June Wong <june.wong@edelman.com>",
    "june.wong@gmial.com",
    "june.wong@edelman,com",
    "june..wong@edelman..com",
    "june.wong at edelman dot com",
    "june@@edelman.com",
    "a@b@c@d",
    "june wong@edelman.com",
    "@edelman.com",
    "june@",
    "june@hkstporg",
    "no address here",
]


def _problems() -> list[Problem]:
    found = [p for text in PHONES for p in check_phone(text, "HK").problems]
    found += [p for text in EMAILS for p in check_email(text).problems]
    return found


def test_every_phone_and_email_problem_carries_its_message_as_a_phrase() -> None:
    problems = _problems()
    assert len(problems) > 20
    for problem in problems:
        assert problem.phrase is not None, problem
        assert str(problem.phrase) == problem.message


def test_a_translated_phrase_fills_nested_phrases_and_keeps_values_as_typed() -> None:
    reason = phrase("too short for a number in %1 (%2)", "HK", phrase("%1 digits", "7"))
    message = phrase("%1 is %2.", "'69%1'", reason)
    chinese = {
        "%1 is %2.": "%1 %2。",
        "too short for a number in %1 (%2)": "作為 %1 號碼太短（%2）",
        "%1 digits": "%1 位數字",
    }
    assert str(message) == "'69%1' is too short for a number in HK (7 digits)."
    assert message.render(chinese.__getitem__) == "'69%1' 作為 HK 號碼太短（7 位數字）。"
    assert Phrase("%1 and %2", ("only one",)).render(str) == "only one and %2"


@pytest.mark.parametrize("text", ["6986582", "june.wong@edelman.com/"])
def test_problems_with_phrases_compare_pickle_and_serialise_as_before(text: str) -> None:
    check = check_phone(text, "HK") if "@" not in text else check_email(text)
    problem = check.problems[0]
    plain = Problem(
        problem.severity, "", problem.field, problem.value, problem.message, problem.suggestion
    )
    assert problem == plain
    assert pickle.loads(pickle.dumps(problem)).phrase == problem.phrase
    assert "phrase" not in problem.to_dict()
    assert problem.located("line 3").phrase == problem.phrase
    assert problem.severity == Severity.ERROR


def test_every_problem_of_a_release_is_a_phrase_that_reads_as_its_message() -> None:
    from services.release_parser import parse_release
    from tests.conftest import SEED_RELEASE

    text = SEED_RELEASE.read_text(encoding="utf-8")
    broken = "\n".join(line for line in text.splitlines() if "2023年12月1日" not in line)
    for parsed in (parse_release(text), parse_release(broken)):
        assert parsed.problems
        for problem in parsed.problems:
            assert problem.phrase is not None, problem
            assert str(problem.phrase) == problem.message
