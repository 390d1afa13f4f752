"""How a typed query becomes index terms (db.search.plan_query)."""

from __future__ import annotations

from db.search import QueryPlan, Term, _mixed_tokens, _text_tokens, phone_tokens, plan_query


def test_two_or_more_digits_search_phone_digits() -> None:
    assert plan_query("69") == QueryPlan((), (Term("69", prefix=True),))
    assert plan_query("6986-5822") == QueryPlan((), (Term("69865822", prefix=True),))
    assert plan_query("852 9") == QueryPlan((), (Term("8529", prefix=True),))


def test_one_digit_is_a_word_until_a_second_is_typed() -> None:
    # No prefix index answers one digit in the phone index; as a word it is one look-up.
    assert plan_query("6") == QueryPlan((Term("6", prefix=True),), ())
    assert plan_query(" 6 ") == QueryPlan((Term("6", prefix=True),), ())


def test_a_number_read_as_a_phone_uses_its_e164_digits() -> None:
    assert plan_query("6986 5822", "+85269865822") == QueryPlan(
        (), (Term("85269865822", prefix=True),)
    )


def test_a_number_is_indexed_whole_and_from_its_national_number_on() -> None:
    """Every run of digits a user types is a prefix of one token, except runs that start
    inside the country code."""
    assert phone_tokens("+85291234567") == [
        "85291234567",
        "91234567",
        "1234567",
        "234567",
        "34567",
        "4567",
        "567",
    ]
    assert phone_tokens("+8613512345678")[:3] == ["8613512345678", "13512345678", "3512345678"]
    assert phone_tokens("+14155550100")[:2] == ["14155550100", "4155550100"]
    number = "+442079460000"
    tokens = phone_tokens(number)
    digits = number[1:]
    for start in [0, *range(2, len(digits) - 2)]:
        for end in range(start + 3, len(digits) + 1):
            typed = digits[start:end]
            assert any(token.startswith(typed) for token in tokens), typed
    assert not any(token.startswith("42079") for token in tokens)


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
