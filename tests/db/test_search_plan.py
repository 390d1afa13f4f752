"""How a typed query becomes index terms (db.search.plan_query)."""

from __future__ import annotations

from db.search import QueryPlan, Term, plan_query


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
