"""Resolving an edit conflict without Qt: theirs re-read beside mine, saved over the newer
version, audited, and refused again when yet another save lands first."""

from __future__ import annotations

import pytest

from db.engine import Database
from db.models import Release
from services.audit import history, set_officer
from services.conflicts import CONFLICTS, KINDS, reread, save_resolution
from services.contacts import create_contact, create_organization, get_contact, update_contact
from services.inquiries import InquiryForm, create_inquiry, get_inquiry, update_inquiry
from services.releases import ReleaseChanges, get_release, update_release
from services.roster import list_releases


def _contact(database: Database) -> dict:
    org = create_organization(database, {"name_zh": "明報", "kind": "media"})
    return create_contact(
        database,
        {
            "name_zh": "溫安怡",
            "title_en": "Reporter",
            "organization_id": org["id"],
            "phones": [{"text": "2629 2329", "type": "work"}],
            "emails": [{"text": "on@mingpao.com", "type": "work"}],
        },
    )


# What the contact editor's form gives (ContactData.changes()).
FORM = (
    *("kind", "name_zh", "name_en", "romanisation", "honorific", "title_zh", "title_en"),
    *("organization_id", "preferred_language", "notes", "opt_out", "phones", "emails", "tags"),
)


def _mine(loaded: dict, **changes: object) -> dict:
    """The contact editor's values for ``loaded`` with ``changes`` typed in."""
    values = KINDS["contact"].values(loaded)
    return {**{key: values[key] for key in FORM}, **changes}


def test_a_conflict_shows_only_the_fields_that_differ_and_who_changed_them(
    database: Database,
) -> None:
    loaded = _contact(database)
    update_contact(database, loaded["id"], {"title_en": "Editor"}, loaded["version"])
    mine = _mine(loaded, notes="Call after 6pm", phones=[{"text": "9123 4567", "type": "mobile"}])
    conflict = reread(database, "contact", loaded["id"], mine, loaded)
    assert conflict.version == loaded["version"] + 1
    assert conflict.differing() == ["title_en", "notes", "phones"]
    rows = {row.name: row for row in conflict.fields}
    assert not rows["title_en"].changed_by_me and rows["notes"].changed_by_me
    assert rows["organization_id"].theirs_shown == "明報" and not rows["organization_id"].differs
    assert rows["title_en"].theirs_shown == "Editor" and rows["title_en"].mine_shown == "Reporter"


def test_keep_mine_saves_over_the_newer_version_and_is_audited(database: Database) -> None:
    set_officer(database, "Amy")
    loaded = _contact(database)
    update_contact(database, loaded["id"], {"title_en": "Editor"}, loaded["version"])
    conflict = reread(database, "contact", loaded["id"], _mine(loaded, notes="mine"), loaded)
    saved = save_resolution(database, conflict, conflict.mine())
    assert (saved["title_en"], saved["notes"]) == ("Reporter", "mine")
    assert saved["version"] == conflict.version + 1
    fields = {(e["field"], e["old"], e["new"]) for e in history(database, "contact", loaded["id"])}
    assert ("title_en", "Editor", "Reporter") in fields and ("notes", None, "mine") in fields


def test_a_merge_takes_each_field_from_the_side_chosen(database: Database) -> None:
    loaded = _contact(database)
    update_contact(database, loaded["id"], {"title_en": "Editor"}, loaded["version"])
    conflict = reread(database, "contact", loaded["id"], _mine(loaded, notes="mine"), loaded)
    saved = save_resolution(database, conflict, conflict.values({"notes"}))
    assert (saved["title_en"], saved["notes"]) == ("Editor", "mine")


def test_a_third_save_meanwhile_is_refused_again(database: Database) -> None:
    loaded = _contact(database)
    update_contact(database, loaded["id"], {"title_en": "Editor"}, loaded["version"])
    conflict = reread(database, "contact", loaded["id"], _mine(loaded, notes="mine"), loaded)
    update_contact(database, loaded["id"], {"title_en": "Chief"}, conflict.version)
    with pytest.raises(CONFLICTS):
        save_resolution(database, conflict, conflict.mine())
    assert get_contact(database, loaded["id"])["title_en"] == "Chief"


def test_inquiries_and_releases_resolve_the_same_way(database: Database) -> None:
    loaded_contact = _contact(database)
    inquiry = create_inquiry(
        database,
        InquiryForm(journalist_id=loaded_contact["id"], question="幾時生效？"),
        user="Amy",
    )
    update_inquiry(database, inquiry["id"], InquiryForm(notes="theirs"), 1, user="Ben")
    mine = InquiryForm(question="幾時正式生效？", notes=None)
    conflict = reread(
        database, "inquiry", inquiry["id"], mine.model_dump(include=mine.model_fields_set), inquiry
    )
    assert conflict.differing() == ["question", "notes"]
    saved = save_resolution(database, conflict, conflict.values({"question"}), user="Amy")
    assert (saved["question"], saved["notes"]) == ("幾時正式生效？", "theirs")
    assert get_inquiry(database, inquiry["id"])["version"] == 3

    with database.session() as session:
        session.add(Release(title_zh="合作備忘錄", place="香港"))
    release = get_release(database, list_releases(database)[0]["id"])
    update_release(database, release["id"], {"place": "沙田"}, release["version"])
    changes = ReleaseChanges(title_zh="合作備忘錄", place="香港科學園")
    conflict = reread(
        database,
        "release",
        release["id"],
        changes.model_dump(include=changes.model_fields_set),
        release,
    )
    assert conflict.differing() == ["place"]
    saved = save_resolution(database, conflict, conflict.mine())
    assert saved["place"] == "香港科學園"
