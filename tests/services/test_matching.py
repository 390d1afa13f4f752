"""Matching an incoming contact to one already known: a shared number is not a person."""

from __future__ import annotations

import pytest

from db.engine import Database
from db.models import Contact, ContactEmail, ContactPhone
from services.matching import find_contact, names_agree


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (("陳大文", None), ("陳大文", None), True),
        (("陳大文", None), ("李嘉欣", None), False),
        # 「陳小姐」 gives the surname alone: it may be 陳大文's.
        (("陳", None), ("陳大文", None), True),
        ((None, "Tai Man Chan"), (None, "Chan Tai Man"), True),
        ((None, "June Wong"), (None, "Wong Ka Kei June"), True),
        ((None, "Tai Man Chan"), (None, "Ka Yan Lee"), False),
        ((None, "june WONG"), (None, "June  Wong"), True),
        # A name in one script never disagrees with a name in the other.
        (("黃嘉琪", None), (None, "June Wong"), True),
        # Either side without a name (a team mailbox) agrees with anyone.
        ((None, None), ("黃嘉琪", "June Wong"), True),
        # Both scripts given: each must agree.
        (("黃嘉琪", "June Wong"), ("黃嘉琪", "Kelly Wong"), False),
    ],
)
def test_names_agree(
    a: tuple[str | None, str | None], b: tuple[str | None, str | None], agree: bool
) -> None:
    assert names_agree(*a, *b) is agree
    assert names_agree(*b, *a) is agree


def test_a_shared_switchboard_or_mailbox_finds_only_the_person_of_that_name(
    database: Database,
) -> None:
    with database.session() as session:
        chan = Contact(name_zh="陳大文", name_en="Chan Tai Man")
        lee = Contact(name_zh="李嘉欣")
        session.add_all([chan, lee])
        session.flush()
        for person in (chan, lee):
            session.add(ContactPhone(contact_id=person.id, e164="+85225953111", raw="2595 3111"))
            session.add(
                ContactEmail(
                    contact_id=person.id,
                    address="news@mingpao.com",
                    address_key="news@mingpao.com",
                    raw="news@mingpao.com",
                )
            )
        session.flush()
        chan_id, lee_id = chan.id, lee.id

        def found(**names: str | None) -> tuple[int | None, str]:
            contact, why = find_contact(
                session, email_keys=["news@mingpao.com"], phones=["+85225953111"], **names
            )
            return (contact.id if contact else None), why

        assert found(name_zh="陳大文") == (chan_id, "e-mail")
        # The second contact sharing them is found past the first, whose name differs.
        assert found(name_zh="李嘉欣") == (lee_id, "e-mail")
        assert found(name_zh="張小明", name_en="Cheung Siu Ming") == (None, "")
        # No name to tell them apart: the shared mailbox decides, as before.
        assert found() == (chan_id, "e-mail")
