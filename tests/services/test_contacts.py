"""Editing contacts and organisations: validation, optimistic locking, soft delete, listing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlmodel import col

from db.engine import Database
from db.models import Contact, ContactPhone
from services import contacts
from services.contacts import (
    ContactConflict,
    OrganizationConflict,
    add_email,
    add_phone,
    count_contacts,
    create_contact,
    create_organization,
    delete_contact,
    delete_organization,
    fill_sort_keys,
    get_contact,
    get_organization,
    list_contacts,
    list_organizations,
    list_tags,
    organization_choices,
    phone_regions,
    remove_email,
    remove_phone,
    reorder_emails,
    reorder_phones,
    restore_contact,
    restore_organization,
    search_is_broad,
    set_tags,
    sort_keys_missing,
    update_contact,
    update_organization,
)
from services.problems import InputRejected
from services.roster import lookup_number, search_contacts


def _edelman(database: Database) -> dict[str, Any]:
    return create_organization(
        database,
        {
            "name_zh": "愛德曼國際公關公司",
            "name_en": "Edelman",
            "kind": "agency",
            "phone_region": "HK",
        },
    )


def _june(database: Database, **extra: Any) -> dict[str, Any]:
    org = _edelman(database)
    data = {
        "name_zh": "黃嘉琪",
        "name_en": "June Wong",
        "organization_id": org["id"],
        "phones": [
            {"text": "+852 3756 8623", "type": "work"},
            {"text": "6986 5822", "type": "mobile"},
        ],
        "emails": [{"text": "June.Wong@edelman.com", "type": "work"}],
        "tags": "tech desk， embargo list",
    }
    data.update(extra)
    return create_contact(database, data)


def _count(database: Database) -> int:
    with database.session(write=False) as session:
        return int(session.scalar(select(func.count()).select_from(Contact)) or 0)


def test_a_new_contact_is_stored_normalised_and_found(database: Database) -> None:
    june = _june(database)
    assert [p["e164"] for p in june["phones"]] == ["+85237568623", "+85269865822"]
    assert [p["raw"] for p in june["phones"]] == ["+852 3756 8623", "6986 5822"]
    assert june["emails"][0]["address"] == "June.Wong@edelman.com"
    assert june["tags"] == ["embargo list", "tech desk"]
    assert june["version"] == 1
    assert [c["id"] for c in lookup_number(database, "６９８６ ５８２２")] == [june["id"]]
    assert [c["id"] for c in search_contacts(database, "嘉琪")] == [june["id"]]
    assert [c["id"] for c in search_contacts(database, "edelman")] == [june["id"]]


def test_invalid_phone_and_email_are_refused_with_suggestions_and_nothing_is_written(
    database: Database,
) -> None:
    with pytest.raises(InputRejected) as caught:
        create_contact(
            database,
            {
                "name_zh": "黃嘉琪",
                "phones": ["852 6986 58222", "15120049549"],
                "emails": ["June.Wong@edelman.com/"],
            },
        )
    problems = caught.value.problems
    assert [p.field for p in problems] == ["phone 1", "phone 2", "e-mail 1"]
    assert "too long" in problems[0].message
    assert problems[1].suggestion == "+86 151 2004 9549"
    assert problems[2].suggestion == "June.Wong@edelman.com"
    assert "not saved" in caught.value.message
    assert _count(database) == 0


def test_two_numbers_in_one_phone_entry_are_refused(database: Database) -> None:
    with pytest.raises(InputRejected, match="2 numbers; give each number its own line"):
        create_contact(database, {"name_zh": "黃嘉琪", "phones": ["3756 8623 ／ 6986 5822"]})


def test_a_contact_needs_a_name_or_an_address(database: Database) -> None:
    with pytest.raises(InputRejected, match="Chinese or English name, or an e-mail"):
        create_contact(database, {"name_zh": "  ", "phones": ["6986 5822"]})
    mailbox = create_contact(
        database,
        {"kind": "mailbox", "emails": [{"text": "Edelmanhkstppr@edelman.com", "type": "team"}]},
    )
    assert mailbox["emails"][0]["type"] == "team"


def test_the_organisations_phone_region_reads_numbers_without_country_code(
    database: Database,
) -> None:
    london = create_organization(database, {"name_en": "Reuters London", "phone_region": "GB"})
    beijing = create_organization(database, {"name_zh": "地平線", "phone_region": "CN"})
    reporter = create_contact(
        database,
        {"name_en": "Ann Lee", "organization_id": london["id"], "phones": ["020 7946 0000"]},
    )
    assert reporter["phones"][0]["e164"] == "+442079460000"
    xiong = create_contact(
        database,
        {"name_zh": "熊苗苗", "organization_id": beijing["id"], "phones": ["151 2004 9549"]},
    )
    assert xiong["phones"][0]["e164"] == "+8615120049549"
    with pytest.raises(InputRejected):  # the same digits are no Hong Kong number
        create_contact(database, {"name_en": "Ann Lee", "phones": ["020 7946 0000"]})


def test_update_saves_and_bumps_the_version(database: Database) -> None:
    june = _june(database)
    saved = update_contact(
        database,
        june["id"],
        {"title_en": "Account Director", "phones": [{"text": "6986 5822", "type": "mobile"}]},
        expected_version=1,
    )
    assert saved["version"] == 2
    assert saved["title_en"] == "Account Director"
    assert [p["e164"] for p in saved["phones"]] == ["+85269865822"]
    assert lookup_number(database, "3756 8623") == []


def test_a_colleagues_newer_save_is_never_overwritten(database: Database) -> None:
    june = _june(database)
    update_contact(database, june["id"], {"title_en": "Director (colleague)"}, expected_version=1)
    with pytest.raises(ContactConflict) as caught:
        update_contact(database, june["id"], {"title_en": "Mine"}, expected_version=1)
    assert "changed by someone else" in caught.value.message
    assert "not saved" in caught.value.message
    assert get_contact(database, june["id"])["title_en"] == "Director (colleague)"
    with pytest.raises(ContactConflict):  # a phone-only save is checked too
        update_contact(database, june["id"], {"phones": []}, expected_version=1)
    assert len(get_contact(database, june["id"])["phones"]) == 2


def test_soft_delete_hides_and_restore_brings_back(database: Database) -> None:
    june = _june(database)
    deleted = delete_contact(database, june["id"], expected_version=1)
    assert deleted.label == "黃嘉琪 June Wong"
    assert search_contacts(database, "嘉琪") == []
    assert lookup_number(database, "6986 5822") == []
    assert list_contacts(database) == []
    with pytest.raises(InputRejected, match="no longer exists"):
        get_contact(database, june["id"])
    with pytest.raises(InputRejected):
        update_contact(database, june["id"], {"title_en": "x"}, expected_version=2)
    restored = restore_contact(database, june["id"])
    assert restored["name_zh"] == "黃嘉琪"
    assert [c["id"] for c in search_contacts(database, "嘉琪")] == [june["id"]]
    assert [c["id"] for c in lookup_number(database, "+852 6986-5822")] == [june["id"]]


def test_phones_and_emails_are_added_removed_and_reordered(database: Database) -> None:
    june = _june(database)
    june = add_phone(database, june["id"], "2629 2330", "fax", expected_version=1)
    assert [p["type"] for p in june["phones"]] == ["work", "mobile", "fax"]
    june = reorder_phones(database, june["id"], [2, 0, 1], expected_version=june["version"])
    assert [p["e164"] for p in june["phones"]] == ["+85226292330", "+85237568623", "+85269865822"]
    june = remove_phone(database, june["id"], 1, expected_version=june["version"])
    assert [p["e164"] for p in june["phones"]] == ["+85226292330", "+85269865822"]
    june = add_email(
        database, june["id"], "Edelmanhkstppr@edelman.com", "team", expected_version=june["version"]
    )
    june = reorder_emails(database, june["id"], [1, 0], expected_version=june["version"])
    assert [e["type"] for e in june["emails"]] == ["team", "work"]
    june = remove_email(database, june["id"], 0, expected_version=june["version"])
    assert [e["address"] for e in june["emails"]] == ["June.Wong@edelman.com"]
    with pytest.raises(InputRejected, match="no phone 9"):
        remove_phone(database, june["id"], 8, expected_version=june["version"])
    with pytest.raises(InputRejected, match="each of the 2"):
        reorder_phones(database, june["id"], [0, 0], expected_version=june["version"])
    with pytest.raises(InputRejected, match="mailto"):
        add_email(database, june["id"], "mailto:june@edelman.com", expected_version=june["version"])


def test_tags_filter_the_roster(database: Database) -> None:
    june = _june(database)
    other = create_contact(database, {"name_zh": "溫安怡", "tags": ["TV"]})
    assert list_tags(database) == ["TV", "embargo list", "tech desk"]
    assert [c["id"] for c in list_contacts(database, tag="TV")] == [other["id"]]
    set_tags(database, june["id"], ["TV"], expected_version=1)
    assert [c["id"] for c in list_contacts(database, tag="TV")] == [june["id"], other["id"]]
    assert count_contacts(database, tag="TV") == 2
    assert count_contacts(database, organization_id=june["organization"]["id"]) == 1


def test_names_sort_by_stroke_count_not_code_point(database: Database) -> None:
    for name in ("黃偉明", "陳嘉欣", "張家俊", "李美玲", "Alice Chan"):
        create_contact(
            database,
            {
                "name_zh": None if name.isascii() else name,
                "name_en": name if name.isascii() else None,
            },
        )
    by_name = [c["name_zh"] or c["name_en"] for c in list_contacts(database, order="name")]
    # Code point order would be 張 李 陳 黃; zh-HK is by strokes: 李 7, 張 11, 陳 11, 黃 12.
    assert by_name == ["李美玲", "張家俊", "陳嘉欣", "黃偉明", "Alice Chan"]
    reverse = [
        c["name_zh"] or c["name_en"] for c in list_contacts(database, order="name", descending=True)
    ]
    assert reverse == by_name[::-1]
    assert [c["name_zh"] for c in list_contacts(database, query="嘉欣", order="name")] == ["陳嘉欣"]


@pytest.mark.parametrize("small_match_set", [100, 0])
def test_search_with_filters_and_name_order(
    database: Database, monkeypatch: pytest.MonkeyPatch, small_match_set: int
) -> None:
    # Both strategies: a short match list sorted and filtered; a broad match (more than
    # SMALL_MATCH_SET) in the order added, filtered against every match read once; and a
    # tag read from its index or looked up row by row.
    monkeypatch.setattr(contacts, "SMALL_MATCH_SET", small_match_set)
    broad = small_match_set == 0
    hk01 = create_organization(database, {"name_zh": "香港01", "kind": "media"})
    for name in ("黃嘉欣", "陳嘉欣", "李嘉欣", "張嘉欣"):
        create_contact(database, {"name_zh": name, "organization_id": hk01["id"]})
    create_contact(database, {"name_zh": "何嘉欣"})
    assert search_is_broad(database, "嘉欣") is broad
    names = [c["name_zh"] for c in list_contacts(database, query="嘉欣", order="name")]
    by_name = ["何嘉欣", "李嘉欣", "張嘉欣", "陳嘉欣", "黃嘉欣"]
    assert names == (["黃嘉欣", "陳嘉欣", "李嘉欣", "張嘉欣", "何嘉欣"] if broad else by_name)
    in_org = list_contacts(
        database, query="嘉欣", organization_id=hk01["id"], order="name", limit=2, offset=1
    )
    assert [c["name_zh"] for c in in_org] == (
        ["陳嘉欣", "李嘉欣"] if broad else ["張嘉欣", "陳嘉欣"]
    )
    added = list_contacts(database, query="嘉欣", organization_id=hk01["id"])
    assert [c["name_zh"] for c in added] == ["黃嘉欣", "陳嘉欣", "李嘉欣", "張嘉欣"]
    assert list_contacts(database, query="nobody", order="name") == []
    tagged = list_contacts(database, organization_id=hk01["id"])
    for contact in tagged[:2]:
        set_tags(database, contact["id"], ["TV"], expected_version=contact["version"])
    with_tag = list_contacts(database, query="嘉欣", tag="TV", order="name")
    assert [c["name_zh"] for c in with_tag] == (
        ["黃嘉欣", "陳嘉欣"] if broad else ["陳嘉欣", "黃嘉欣"]
    )
    assert [c["name_zh"] for c in list_contacts(database, tag="TV", order="name")] == [
        "陳嘉欣",
        "黃嘉欣",
    ]
    assert count_contacts(database, tag="TV") == 2


def test_search_folds_case_accents_and_width_and_keeps_every_script_whole(
    database: Database,
) -> None:
    """Search finds a name whatever case, accents or width it is typed in, and a word of
    any script by its start; the index holds the same folded tokens a query is cut into
    (db/search.py), so what the FTS5 tokenizer does with them must change nothing."""
    ids = {
        name: create_contact(database, {"name_en": name, **extra})["id"]
        for name, extra in (
            ("José Müller", {}),
            ("ZOË CHAN", {"title_en": "Straße Reporter"}),
            ("Nguyễn Văn An", {}),
            ("Αλέξης Παππάς", {}),
            ("たなか はなこ", {}),
            ("김민수", {}),
            ("Ｗｏｎｇ Ｋａ Ｙａｎ", {}),
            ("O'Neil-Smith", {"emails": [{"text": "o.neil@ＲＴＨＫ.hk", "type": "work"}]}),
        )
    }

    def found(query: str) -> set[str]:
        return {c["name_en"] for c in list_contacts(database, query=query)}

    for query, names in (
        ("jose", {"José Müller"}),
        ("JOSÉ müll", {"José Müller"}),
        ("muller", {"José Müller"}),
        ("zoe", {"ZOË CHAN"}),
        ("strasse", {"ZOË CHAN"}),
        ("STRASSE rep", {"ZOË CHAN"}),
        ("straße", {"ZOË CHAN"}),
        ("nguyen van", {"Nguyễn Văn An"}),
        ("văn", {"Nguyễn Văn An"}),
        ("αλέξ", {"Αλέξης Παππάς"}),
        ("ΑΛΕΞΗΣ", {"Αλέξης Παππάς"}),
        ("たな", {"たなか はなこ"}),
        ("はなこ", {"たなか はなこ"}),
        ("김민", {"김민수"}),
        ("wong ka", {"Ｗｏｎｇ Ｋａ Ｙａｎ"}),
        ("Ｗｏｎｇ", {"Ｗｏｎｇ Ｋａ Ｙａｎ"}),
        ("o'neil", {"O'Neil-Smith"}),
        ("neil smith", {"O'Neil-Smith"}),
        ("rthk.hk", {"O'Neil-Smith"}),
        ("an", {"Nguyễn Văn An"}),
        ("josé-müller", {"José Müller"}),
        ("kim", set()),
    ):
        assert found(query) == names, query
    assert len(ids) == 8


@pytest.mark.parametrize("small_match_set", [100, 0])
def test_phone_digits_are_found_anywhere_in_a_number_and_only_in_one_piece(
    database: Database, monkeypatch: pytest.MonkeyPatch, small_match_set: int
) -> None:
    """The phone index holds runs of four digits; a longer run typed must be in one number.

    Kwok's two numbers hold every four-digit run of 6986 5822 between them, but neither
    holds it whole: a search for it must not find him.
    """
    monkeypatch.setattr(contacts, "SMALL_MATCH_SET", small_match_set)

    def person(name: str, *numbers: str) -> int:
        phones = [{"text": number, "type": "mobile"} for number in numbers]
        return int(create_contact(database, {"name_en": name, "phones": phones})["id"])

    wong = person("June Wong", "+852 6986 5822")
    kwok = person("Kwok", "+852 6986 5800", "+852 6582 2000")
    chan = person("Chan", "+44 20 7946 0000")

    def found(query: str) -> list[int]:
        by_search = [c["id"] for c in search_contacts(database, query)]
        listed = [c["id"] for c in list_contacts(database, query=query, order="name")]
        assert sorted(listed) == by_search, query
        return by_search

    assert found("69865822") == [wong]
    assert found("+852 6986 5822") == [wong]
    assert found("6986 58") == [wong, kwok]
    assert found("5822") == [wong, kwok]  # four digits: one run of the index
    assert found("822") == [wong, kwok]  # shorter: the start of a run, or the last three
    assert found("22") == [wong, kwok]
    assert found("865800") == [kwok]
    assert found("85269") == [wong, kwok]  # with the country code
    assert found("85265") == [kwok]
    assert found("4420") == [chan]
    assert found("7946000") == [chan]
    assert found("79460001") == []
    assert found("58225") == []


def test_keys_missing_after_a_bulk_write_are_filled(database: Database) -> None:
    for name in ("黃偉明", "李美玲"):
        create_contact(database, {"name_zh": name})
    with database.session() as session:
        session.execute(update(Contact).values(sort_key=None))
    assert sort_keys_missing(database)
    calls: list[int] = []
    assert fill_sort_keys(database, lambda done, _total: calls.append(done) or True) == 2
    assert calls == [2]
    assert not sort_keys_missing(database)
    assert [c["name_zh"] for c in list_contacts(database, order="name")] == ["李美玲", "黃偉明"]


def test_organisations_are_edited_with_locking_and_counted(database: Database) -> None:
    org = _june(database)["organization"]
    listed = list_organizations(database, "edel")
    assert [(o["label"], o["contact_count"]) for o in listed] == [("愛德曼國際公關公司 Edelman", 1)]
    saved = update_organization(
        database, org["id"], {"short_name": "Edelman HK", "phone_region": "cn"}, 1
    )
    assert (saved["short_name"], saved["phone_region"], saved["version"]) == ("Edelman HK", "CN", 2)
    assert [c["name_zh"] for c in search_contacts(database, "Edelman HK")] == ["黃嘉琪"]
    with pytest.raises(OrganizationConflict, match="changed by someone else"):
        update_organization(database, org["id"], {"website": "edelman.com"}, 1)
    assert get_organization(database, org["id"])["website"] is None
    with pytest.raises(InputRejected, match="not a phone region"):
        update_organization(database, org["id"], {"phone_region": "XX"}, 2)
    with pytest.raises(InputRejected, match="kind of organisation"):
        create_organization(database, {"name_en": "X", "kind": "club"})
    with pytest.raises(InputRejected, match="Chinese or English name"):
        create_organization(database, {"website": "example.com"})
    assert ("HK", 852) in phone_regions()


def test_deleting_an_organisation_detaches_its_contacts_and_undo_reattaches(
    database: Database,
) -> None:
    june = _june(database)
    org_id = june["organization"]["id"]
    deleted = delete_organization(database, org_id)
    assert deleted.detached == (june["id"],)
    assert get_contact(database, june["id"])["organization"] is None
    assert all(o["id"] != org_id for o in organization_choices(database))
    assert search_contacts(database, "愛德曼") == []
    restored = restore_organization(database, org_id, deleted.detached)
    assert restored["contact_count"] == 1
    assert [c["id"] for c in search_contacts(database, "愛德曼")] == [june["id"]]
    with pytest.raises(InputRejected, match="no longer exists"):
        create_contact(database, {"name_en": "X", "organization_id": 9999})


def test_invalid_values_leave_the_contact_unchanged(database: Database) -> None:
    june = _june(database)
    with pytest.raises(InputRejected):
        update_contact(
            database,
            june["id"],
            {"name_en": "Changed", "emails": ["june(at)edelman"]},
            expected_version=1,
        )
    with database.session(write=False) as session:
        assert session.scalar(select(col(Contact.name_en))) == "June Wong"
        assert session.scalar(select(func.count()).select_from(ContactPhone)) == 2
    with pytest.raises(InputRejected, match="zh-HK or en"):
        update_contact(database, june["id"], {"preferred_language": "fr"}, expected_version=1)
