"""Finding and merging duplicate contacts, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from db.engine import Database
from services.contacts import count_contacts, create_contact, create_organization, get_contact
from services.duplicates import (
    duplicate_pairs_with_contacts,
    find_duplicate_pairs,
    merge_contacts,
    pair_details,
)
from services.problems import InputRejected
from services.roster import lookup_number, search_contacts


def _contact(database: Database, **data: Any) -> int:
    return int(create_contact(database, data)["id"])


@pytest.fixture
def roster(database: Database) -> dict[str, int]:
    edelman = create_organization(database, {"name_en": "Edelman", "kind": "agency"})["id"]
    rthk = create_organization(database, {"name_zh": "香港電台", "kind": "media"})["id"]
    ids = {
        "june": _contact(
            database,
            name_zh="黃嘉琪",
            organization_id=edelman,
            phones=["+852 6986 5822"],
            emails=["June.Wong@edelman.com"],
            tags=["agency"],
        ),
        # Same address in other case, a second number, an English name only.
        "june_again": _contact(
            database,
            name_en="June Wong",
            title_en="Account Director",
            phones=["+852 3756 8623", "+852 6986 5822"],
            emails=["june.wong@EDELMAN.com", "june@home.hk"],
            tags=["tech desk"],
            notes="met at CES",
        ),
        # Same number as nobody, same Chinese name in the same organisation as chan_2.
        "chan": _contact(database, name_zh="陳大文", organization_id=rthk),
        "chan_2": _contact(database, name_zh="陳大文", organization_id=rthk, phones=["9123 4567"]),
        # Same name, another organisation: not a duplicate.
        "chan_elsewhere": _contact(database, name_zh="陳大文", organization_id=edelman),
        # Same English name in other case, same organisation.
        "lee": _contact(database, name_en="Lee Siu Ling", organization_id=rthk),
        "lee_2": _contact(database, name_en="LEE SIU LING", organization_id=rthk),
        "alone": _contact(database, name_en="Someone Else", emails=["else@example.com"]),
    }
    return ids


def test_finds_each_rule_once_a_pair(database: Database, roster: dict[str, int]) -> None:
    pairs = {(p.left_id, p.right_id): p for p in find_duplicate_pairs(database)}
    june = pairs.pop((roster["june"], roster["june_again"]))
    assert june.reasons == ["email", "phone"]
    assert june.keys == ["june.wong@edelman.com", "+85269865822"]
    chan = pairs.pop((roster["chan"], roster["chan_2"]))
    assert chan.reasons == ["name"] and chan.keys == ["陳大文"]
    lee = pairs.pop((roster["lee"], roster["lee_2"]))
    assert lee.reasons == ["name"] and lee.keys == ["lee siu ling"]
    assert pairs == {}
    assert [c["id"] for c in pair_details(database, roster["chan"], roster["chan_2"])] == [
        roster["chan"],
        roster["chan_2"],
    ]


def test_limit_and_deleted_contacts(database: Database, roster: dict[str, int]) -> None:
    assert len(find_duplicate_pairs(database, limit=1)) == 1
    merge_contacts(database, roster["lee"], roster["lee_2"])
    found = {(p.left_id, p.right_id) for p in find_duplicate_pairs(database)}
    assert (roster["lee"], roster["lee_2"]) not in found  # the soft-deleted one is gone


def test_merge_keeps_every_phone_and_email(database: Database, roster: dict[str, int]) -> None:
    before = count_contacts(database)
    kept = merge_contacts(database, roster["june"], roster["june_again"])
    assert [p["e164"] for p in kept["phones"]] == ["+85269865822", "+85237568623"]
    assert [e["address"] for e in kept["emails"]] == ["June.Wong@edelman.com", "june@home.hk"]
    assert kept["tags"] == ["agency", "tech desk"]
    # Empty fields filled, nothing overwritten.
    assert kept["name_zh"] == "黃嘉琪" and kept["name_en"] == "June Wong"
    assert kept["title_en"] == "Account Director"
    assert kept["organization"]["name_en"] == "Edelman"
    assert kept["notes"] == "met at CES"
    assert count_contacts(database) == before - 1
    assert [c["id"] for c in lookup_number(database, "3756 8623")] == [roster["june"]]
    assert [c["id"] for c in search_contacts(database, "june@home.hk")] == [roster["june"]]
    assert find_duplicate_pairs(database, limit=10)[0].left_id != roster["june"]


def test_merge_refuses_what_cannot_be_merged(database: Database, roster: dict[str, int]) -> None:
    with pytest.raises(InputRejected):
        merge_contacts(database, roster["chan"], roster["chan"])
    merge_contacts(database, roster["chan"], roster["chan_2"])
    with pytest.raises(InputRejected, match="no longer exists"):
        merge_contacts(database, roster["chan"], roster["chan_2"])
    assert get_contact(database, roster["chan"])["phones"][0]["e164"] == "+85291234567"


def test_pairs_with_contacts(database: Database, roster: dict[str, int]) -> None:
    (first, *_rest) = duplicate_pairs_with_contacts(database)
    assert first["left"]["id"] == first["left_id"] == roster["june"]
    assert first["right"]["name_en"] == "June Wong"
    assert first["reasons"] == ["email", "phone"]
