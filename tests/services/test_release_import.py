"""Importing the seed release: the exact roster of PRODUCT.md, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db.engine import Database
from db.models import Contact, ContactEmail, ContactPhone, Organization, Release
from services.problems import InputRejected, Severity
from services.release_import import import_release_file, import_release_text
from services.roster import list_releases, lookup_number, search_contacts
from tests.conftest import SEED_RELEASE


def _counts(database: Database) -> dict[str, int]:
    with database.session(write=False) as s:
        return {
            model.__name__: s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Organization, Contact, ContactPhone, ContactEmail, Release)
        }


def _by_name(contacts: list[dict[str, Any]], name_zh: str) -> dict[str, Any]:
    return next(c for c in contacts if c["name_zh"] == name_zh)


def test_seed_release_gives_the_roster_of_the_product_brief(database: Database) -> None:
    report = import_release_file(database, SEED_RELEASE)
    assert report.written
    assert report.created["releases"] == 1
    contacts = search_contacts(database)

    wan = _by_name(contacts, "溫安怡")
    assert wan["organization"]["name_zh"] == "香港科技園公司"
    assert [p["e164"] for p in wan["phones"]] == ["+85226292329"]
    assert [e["address"] for e in wan["emails"]] == ["angela.wan@hkstp.org"]

    wong = _by_name(contacts, "黃嘉琪")
    assert wong["organization"]["name_zh"] == "愛德曼國際公關公司"
    assert wong["organization"]["kind"] == "agency"
    assert [p["e164"] for p in wong["phones"]] == ["+85237568623", "+85269865822"]
    assert [e["address"] for e in wong["emails"]] == ["June.Wong@edelman.com"]
    assert wong["emails"][0]["raw"] == "June.Wong@edelman.com/"

    mailbox = next(c for c in contacts if c["kind"] == "mailbox")
    assert [e["address"] for e in mailbox["emails"]] == ["Edelmanhkstppr@edelman.com"]
    assert mailbox["organization"]["id"] == wong["organization"]["id"]

    xiong = _by_name(contacts, "熊苗苗")
    assert xiong["organization"]["name_zh"] == "地平線"
    assert [p["e164"] for p in xiong["phones"]] == ["+8615120049549"]
    assert [e["address"] for e in xiong["emails"]] == ["miaomiao.xiong@horizon.cc"]

    slash = [
        p for p in report.problems if p.field == "email" and p.value == "June.Wong@edelman.com/"
    ]
    assert slash and slash[0].severity == Severity.FIXED
    assert slash[0].suggestion == "June.Wong@edelman.com"

    (release,) = list_releases(database)
    assert release["issued_on"] == "2023-12-01"
    assert release["title_zh"] == "香港科技園公司與地平線簽署合作備忘錄"
    assert release["place"] == "香港"
    assert [o["name_zh"] for o in release["issuers"]] == ["香港科技園公司", "地平線"]
    assert [c["name_zh"] for c in release["media_contacts"] if c["kind"] == "person"] == [
        "溫安怡",
        "黃嘉琪",
        "熊苗苗",
    ]
    speakers = {s["name_zh"]: s for s in release["spokespeople"]}
    assert set(speakers) == {"孫東", "查毅超", "余凱"}
    assert speakers["孫東"]["title_zh"] == "創新科技及工業局局長"
    assert speakers["查毅超"]["title_zh"] == "香港科技園公司主席"
    assert speakers["余凱"]["title_zh"] == "地平線始創人兼首席執行官"


def test_a_second_import_changes_nothing(database: Database) -> None:
    import_release_file(database, SEED_RELEASE)
    before = _counts(database)
    again = import_release_file(database, SEED_RELEASE)
    assert not again.written
    assert sum(again.created.values()) == 0
    assert _counts(database) == before
    assert any("imported before" in p.message for p in again.problems)


def test_dry_run_reports_and_writes_nothing(database: Database) -> None:
    report = import_release_file(database, SEED_RELEASE, dry_run=True)
    assert not report.written
    assert report.created["releases"] == 1
    assert report.created["contacts"] >= 7
    assert _counts(database) == dict.fromkeys(
        ("Organization", "Contact", "ContactPhone", "ContactEmail", "Release"), 0
    )


@pytest.mark.parametrize(
    "typed", ["69865822", "+852 6986-5822", "６９８６ ５８２２", "(852) 69865822"]
)
def test_lookup_finds_the_agency_contact_from_any_form(database: Database, typed: str) -> None:
    import_release_file(database, SEED_RELEASE)
    found = lookup_number(database, typed)
    assert [c["name_zh"] for c in found] == ["黃嘉琪"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("黃嘉", {"黃嘉琪"}),
        ("嘉琪", {"黃嘉琪"}),
        ("熊", {"熊苗苗"}),
        ("edelman.com", {"黃嘉琪", None}),
        ("hkstp", {"溫安怡", "查毅超"}),
        ("5822", {"黃嘉琪"}),
        ("地平線", {"熊苗苗", "余凱"}),
    ],
)
def test_search_covers_names_organisations_emails_and_digits(
    database: Database, query: str, expected: set[str | None]
) -> None:
    import_release_file(database, SEED_RELEASE)
    found = {c["name_zh"] for c in search_contacts(database, query)}
    assert expected <= found, (query, found)


def test_text_that_is_not_a_release_writes_nothing(database: Database) -> None:
    with pytest.raises(InputRejected):
        import_release_text(database, "eggs\nmilk\nbread\n", source="shopping.txt")
    assert sum(_counts(database).values()) == 0


def test_an_edit_through_the_orm_keeps_search_in_step(database: Database) -> None:
    import_release_file(database, SEED_RELEASE)
    with database.session() as s:
        contact = s.scalars(select(Contact).where(Contact.name_zh == "熊苗苗")).one()
        contact.name_en = "Miaomiao Xiong Renamed"
    assert [c["name_zh"] for c in search_contacts(database, "renamed")] == ["熊苗苗"]
    with database.session() as s:
        org = s.scalars(select(Organization).where(Organization.name_zh == "地平線")).one()
        org.name_en = "Horizon Robotics"
    assert {c["name_zh"] for c in search_contacts(database, "robotics")} >= {"熊苗苗", "余凱"}


def test_invalid_numbers_are_kept_on_the_contact(database: Database, tmp_path: Path) -> None:
    text = SEED_RELEASE.read_text(encoding="utf-8").replace("+86 15120049549", "+86 1512004")
    report = import_release_text(database, text, source="broken.txt")
    assert report.written
    errors = [p for p in report.problems if p.severity == Severity.ERROR and p.field == "phone"]
    assert errors and errors[0].value.strip() == "+86 1512004"
    assert "line" in errors[0].where
    xiong = next(c for c in search_contacts(database, "熊苗苗"))
    assert xiong["phones"] == []
    assert "+86 1512004" in xiong["notes"]
