"""How a typed query becomes index terms (db.search.plan_query)."""

from __future__ import annotations

from db.search import (
    QueryPlan,
    SearchDocument,
    Term,
    _mixed_tokens,
    _text_tokens,
    extend_document,
    phone_tokens,
    plan_query,
    search_document,
    token_conditions,
)


def test_two_or_more_digits_search_phone_digits() -> None:
    # Up to four digits: one term, a prefix of a window.
    assert plan_query("69") == QueryPlan((), (Term("69", prefix=True),))
    assert plan_query("852 9") == QueryPlan((), (Term("8529", prefix=False),))
    # Longer: every window, and the whole run confirmed against the stored numbers.
    assert plan_query("6986-5822") == QueryPlan(
        (),
        tuple(Term(w, prefix=False) for w in ("6986", "9865", "8658", "6582", "5822")),
        "69865822",
    )
    # A national number's trunk 0 is not stored; a window repeated is one term.
    assert plan_query("020 0000 0000") == QueryPlan(
        (), (Term("2000", prefix=False), Term("0000", prefix=False)), "2000000000"
    )
    assert plan_query("0000") == QueryPlan((), (Term("0000", prefix=False),))


def test_one_digit_is_a_word_until_a_second_is_typed() -> None:
    # No prefix index answers one digit in the phone index; as a word it is one look-up.
    assert plan_query("6") == QueryPlan((Term("6", prefix=True),), ())
    assert plan_query(" 6 ") == QueryPlan((Term("6", prefix=True),), ())


def test_a_number_read_as_a_phone_uses_its_e164_digits() -> None:
    plan = plan_query("6986 5822", "+85269865822")
    assert plan.digits == "85269865822"
    windows = ["8526", "5269", "2698", "6986", "9865", "8658", "6582", "5822"]
    assert [t.token for t in plan.phones] == windows


def test_a_number_is_indexed_by_its_runs_of_four_digits() -> None:
    """Every run of two digits or more a user types starts with one of the tokens (or is
    one), wherever it is in the number, the country code included."""
    assert phone_tokens("+85291234567") == [
        "8529",
        "5291",
        "2912",
        "9123",
        "1234",
        "2345",
        "3456",
        "4567",
        "567",
        "67",
    ]
    assert phone_tokens("+85222222222")[:4] == ["8522", "5222", "2222", "2222"]
    assert (
        search_document([], phones=["+85222222222"]).phones
        == "8522 5222 2222 2222 2222 2222 2222 2222 222 22"
    )
    for number in ("+442079460000", "+8613512345678", "+14155550100"):
        tokens = phone_tokens(number)
        digits = number[1:]
        for start in range(len(digits) - 1):
            for end in range(start + 2, len(digits) + 1):
                typed = digits[start:end]
                windows = plan_query(typed).phones if typed[0] != "0" or len(typed) < 5 else ()
                assert all(
                    any(
                        token.startswith(t.token) if t.prefix else token == t.token
                        for token in tokens
                    )
                    for t in windows
                ), typed


def test_chinese_text_is_tokenised_alike_with_or_without_folding() -> None:
    """Han-only text skips folding (NFKC leaves unified ideographs as they are): the same
    tokens as the folding path, in every Han block; compatibility ideographs, which NFKC
    changes, still fold."""
    samples = [
        "黃嘉琪",
        "歐陽詠詩",
        "高級記者",
        "\u3400\u4db5",  # Extension A
        "\U00020000\U0002a6d6𠮷",  # Extension B
        "\U00030000\U0003134a",  # Extension G
        "陳" * 12,
    ]
    for text in samples:
        assert _text_tokens(text) == _mixed_tokens(text), text
    assert _text_tokens("黃嘉") == ["黃", "嘉", "黃嘉"]
    # U+F900 (豈, a compatibility ideograph) folds to U+8C48: found by the unified one.
    assert _text_tokens("\uf900文") == ["\u8c48", "文", "\u8c48文"]
    assert _text_tokens("陳Chan") == ["陳", "chan"]


def test_a_document_is_extended_with_organisation_words_addresses_and_numbers() -> None:
    document = SearchDocument("june wong", "85269865822")
    assert extend_document(document) == document
    assert extend_document(document, organization="edelman 愛") == SearchDocument(
        "june wong edelman 愛", "85269865822"
    )
    assert extend_document(SearchDocument("", ""), organization="edelman") == SearchDocument(
        "edelman", ""
    )
    extended = extend_document(document, ["j.wong@edelman.com"], ["+85237568623"], "edelman")
    assert extended.words.split() == ["june", "wong", "edelman", "j", "wong", "edelman", "com"]
    assert extended.phones.split()[:2] == ["85269865822", "8523"]
    assert set(phone_tokens("+85237568623")) <= set(extended.phones.split())


def test_the_token_table_looks_a_long_run_up_by_its_last_window() -> None:
    """PostgreSQL: a window at the start of a number lists most of the roster (8526); the
    last one, about a thousand contacts at a million, and the numbers confirm the run."""
    conditions, params = token_conditions(plan_query("6986 5822"))
    assert conditions == ["token = :t0"] and params == {"t0": "#5822"}
    conditions, params = token_conditions(plan_query("嘉欣 69"), "q")
    assert conditions == ["token = :q0", "token LIKE :q1 ESCAPE '\\'"]
    assert params == {"q0": "嘉欣", "q1": "69%"}  # with words, digits are a word
