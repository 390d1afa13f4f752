"""Editing releases: fields, issuers, ordered media contacts, spokespeople, conflicts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import col

from db.engine import Database
from db.models import AuditEntry, Contact, Organization
from services.problems import InputRejected
from services.release_import import import_release_file
from services.releases import (
    ReleaseChanges,
    ReleaseConflict,
    SpokespersonLink,
    add_media_contact,
    get_release,
    issuer_choices,
    move_media_contact,
    remove_media_contact,
    update_release,
)
from services.roster import list_releases
from tests.conftest import SEED_RELEASE


def _seed(database: Database) -> dict[str, Any]:
    report = import_release_file(database, SEED_RELEASE)
    assert report.release_id is not None
    return get_release(database, report.release_id)


def _media_names(release: dict[str, Any]) -> list[str | None]:
    return [c["name_zh"] or c["emails"][0]["address"] for c in release["media_contacts"]]


def test_get_release_has_what_the_editor_shows(database: Database) -> None:
    release = _seed(database)
    assert release["title_zh"] == "香港科技園公司與地平線簽署合作備忘錄"
    assert isinstance(release["version"], int)
    assert release["embargo_until"] is None
    assert _media_names(release) == ["溫安怡", "黃嘉琪", "Edelmanhkstppr@edelman.com", "熊苗苗"]
    with pytest.raises(InputRejected, match="no release 999"):
        get_release(database, 999)


def test_update_changes_only_the_fields_given(database: Database) -> None:
    release = _seed(database)
    embargo = datetime(2023, 12, 1, 2, 0, tzinfo=UTC)
    saved = update_release(
        database,
        release["id"],
        {"title_en": "HKSTP and Horizon sign MoU", "embargo_until": embargo, "place": " 沙田 "},
        release["version"],
        user="june",
    )
    assert saved["version"] == release["version"] + 1
    assert saved["title_en"] == "HKSTP and Horizon sign MoU"
    assert saved["title_zh"] == release["title_zh"]
    assert saved["place"] == "沙田"
    assert saved["embargo_until"] == embargo.isoformat()
    assert saved["issued_on"] == "2023-12-01"
    with database.session(write=False) as session:
        fields = set(
            session.scalars(
                select(col(AuditEntry.field_name)).where(col(AuditEntry.entity) == "release")
            )
        )
    assert {"title_en", "embargo_until", "place"} <= fields


def test_a_stale_version_is_a_conflict_and_writes_nothing(database: Database) -> None:
    release = _seed(database)
    update_release(database, release["id"], {"place": "九龍"}, release["version"])
    with pytest.raises(ReleaseConflict) as error:
        update_release(database, release["id"], {"place": "沙田"}, release["version"])
    assert "changed by a colleague" in error.value.message
    assert error.value.current_version == release["version"] + 1
    assert get_release(database, release["id"])["place"] == "九龍"


def test_a_release_keeps_a_title(database: Database) -> None:
    release = _seed(database)
    with pytest.raises(InputRejected, match="needs a title"):
        update_release(database, release["id"], {"title_zh": "  "}, release["version"])
    assert get_release(database, release["id"])["version"] == release["version"]


def test_invalid_values_are_refused_with_the_field(database: Database) -> None:
    release = _seed(database)
    with pytest.raises(InputRejected) as error:
        update_release(database, release["id"], {"issued_on": "1st Dec"}, release["version"])
    assert error.value.problems[0].field == "issued_on"
    with pytest.raises(InputRejected, match="no contact 12345"):
        update_release(database, release["id"], {"media_contact_ids": [12345]}, release["version"])


def test_media_contacts_add_move_remove_persist_in_order(database: Database) -> None:
    release = _seed(database)
    ids = [c["id"] for c in release["media_contacts"]]
    xiong = ids[3]
    moved = move_media_contact(database, release["id"], xiong, -3, release["version"])
    assert [c["id"] for c in moved["media_contacts"]] == [xiong, *ids[:3]]
    moved = move_media_contact(database, release["id"], xiong, 10, moved["version"])
    assert [c["id"] for c in moved["media_contacts"]] == ids  # stops at the end
    removed = remove_media_contact(database, release["id"], ids[0], moved["version"])
    assert [c["id"] for c in removed["media_contacts"]] == ids[1:]
    added = add_media_contact(database, release["id"], ids[0], removed["version"])
    assert [c["id"] for c in added["media_contacts"]] == [*ids[1:], ids[0]]
    (listed,) = list_releases(database)
    assert [c["id"] for c in listed["media_contacts"]] == [*ids[1:], ids[0]]
    with pytest.raises(InputRejected, match="already a media contact"):
        add_media_contact(database, release["id"], ids[0], added["version"])
    with pytest.raises(ReleaseConflict):
        move_media_contact(database, release["id"], ids[0], -1, release["version"])


def test_issuers_and_spokespeople_are_replaced_in_order(database: Database) -> None:
    release = _seed(database)
    with database.session() as session:
        bureau = session.scalars(
            select(Organization).where(col(Organization.name_zh) == "創新科技及工業局")
        ).one()
        spokesperson = Contact(name_zh="黃嘉琪")
        session.add(spokesperson)
        session.flush()
        assert bureau.id is not None and spokesperson.id is not None
        bureau_id, new_id = bureau.id, spokesperson.id
    issuers = [o["id"] for o in release["issuers"]]
    speakers = [
        SpokespersonLink(contact_id=new_id, title_zh="客戶總監", title_en="Account Director"),
        *[
            SpokespersonLink(contact_id=s["contact_id"], title_zh=s["title_zh"])
            for s in release["spokespeople"][:1]
        ],
    ]
    saved = update_release(
        database,
        release["id"],
        ReleaseChanges(issuer_ids=[bureau_id, *issuers, bureau_id], spokespeople=speakers),
        release["version"],
    )
    assert [o["id"] for o in saved["issuers"]] == [bureau_id, *issuers]
    assert [(s["name_zh"], s["title_en"]) for s in saved["spokespeople"]] == [
        ("黃嘉琪", "Account Director"),
        ("孫東", None),
    ]
    assert saved["spokespeople"][1]["title_zh"] == "創新科技及工業局局長"


def test_issuer_choices_put_issuers_first(database: Database) -> None:
    _seed(database)
    choices = issuer_choices(database)
    assert choices[0]["kind"] == "issuer"
    assert [c["name_zh"] for c in issuer_choices(database, "hkstp")] == ["香港科技園公司"]
    assert [c["name_zh"] for c in issuer_choices(database, "地平")] == ["地平線"]


def test_issued_on_can_be_cleared(database: Database) -> None:
    release = _seed(database)
    saved = update_release(database, release["id"], {"issued_on": None}, release["version"])
    assert saved["issued_on"] is None
    saved = update_release(
        database, release["id"], {"issued_on": date(2023, 12, 2)}, saved["version"]
    )
    assert saved["issued_on"] == "2023-12-02"
