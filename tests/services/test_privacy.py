"""PDPO: everything held about a person, and erasing it while keeping the inquiries."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel, col

from cli.main import EXIT_OK, EXIT_USAGE, run
from db.engine import Database
from db.models import (
    AuditEntry,
    CallLog,
    Contact,
    ContactEmail,
    ContactPhone,
    ContactTag,
    Inquiry,
    Organization,
    Release,
    ReleaseMediaContact,
    SentEmail,
)
from services.audit import history, set_officer
from services.privacy import (
    ERASED,
    PLACEHOLDER_NAME_EN,
    PLACEHOLDER_NAME_ZH,
    erase_person,
    export_person,
)
from services.problems import InputRejected
from services.roster import lookup_number, search_contacts

# Everything that identifies June, in the forms people type it.
JUNE = (
    "黃嘉琪",
    "June Wong",
    "Wong Ka Kei",
    "june.wong@mingpao.com",
    "91234567",
    "9123 4567",
    "9123-4567",
)


@dataclass
class Seeded:
    june: int
    peter: int
    release: int
    inquiry: int
    peter_inquiry: int
    call: int
    reply: int
    cc_reply: int


def _seed(database: Database) -> Seeded:
    set_officer(database, "溫安怡")
    with database.session() as s:
        org = Organization(name_zh="明報", name_en="Ming Pao", kind="media")
        s.add(org)
        s.flush()
        june = Contact(
            name_zh="黃嘉琪",
            name_en="June Wong",
            romanisation="Wong Ka Kei",
            honorific="Ms",
            title_en="Reporter",
            organization_id=org.id,
            notes="黃嘉琪 prefers WhatsApp",
        )
        peter = Contact(name_zh="陳大文", name_en="Peter Chan", organization_id=org.id)
        s.add_all([june, peter])
        s.flush()
        assert june.id is not None and peter.id is not None
        s.add(ContactPhone(contact_id=june.id, e164="+85291234567", raw="9123 4567", type="mobile"))
        s.add(
            ContactEmail(
                contact_id=june.id,
                address="june.wong@mingpao.com",
                address_key="june.wong@mingpao.com",
            )
        )
        s.add(ContactTag(contact_id=june.id, tag="tech desk"))
        s.add(ContactPhone(contact_id=peter.id, e164="+85298765432", raw="98765432"))
        release = Release(title_zh="合作備忘錄", body="傳媒查詢：黃嘉琪 June Wong 電話 9123 4567")
        s.add(release)
        s.flush()
        assert release.id is not None
        s.add(ReleaseMediaContact(release_id=release.id, contact_id=june.id))
        inquiry = Inquiry(
            journalist_id=june.id,
            outlet_id=org.id,
            release_id=release.id,
            phone="+85291234567",
            email="june.wong@mingpao.com",
            question="June Wong (9123-4567) asks when the MOU is signed",
            notes="Call 黃嘉琪 back on +852 9123 4567 before 5 pm",
        )
        peter_inquiry = Inquiry(
            journalist_id=peter.id, phone="+85298765432", question="Peter Chan asks about jobs"
        )
        s.add_all([inquiry, peter_inquiry])
        s.flush()
        call = CallLog(
            contact_id=june.id,
            inquiry_id=inquiry.id,
            number="+85291234567",
            summary="June Wong asked about the ceremony",
        )
        reply = SentEmail(
            inquiry_id=inquiry.id,
            to_addresses="June Wong <june.wong@mingpao.com>",
            subject="Re: June Wong's question",
            body_text="Dear Ms Wong Ka Kei,\nThe MOU is signed today.",
        )
        cc_reply = SentEmail(
            inquiry_id=peter_inquiry.id,
            to_addresses="Peter Chan <peter.chan@mingpao.com>",
            cc_addresses="June.Wong@mingpao.com",
            subject="Jobs",
            body_text="Dear Peter,\nAbout 100 jobs.",
        )
        s.add_all([call, reply, cc_reply])
        s.flush()
        ids = Seeded(
            june.id,
            peter.id,
            release.id or 0,
            inquiry.id or 0,
            peter_inquiry.id or 0,
            call.id or 0,
            reply.id or 0,
            cc_reply.id or 0,
        )
    with database.session() as s:
        stored = s.get(Contact, ids.june)
        assert stored is not None
        stored.title_en = "Senior Reporter"  # an audit entry with old and new values
    return ids


def _all_text(database: Database) -> str:
    """Every value of every table, as one string.

    Left out: the published release text, and the audit trail of releases (which holds
    that text as it was imported); erasure does not change published documents.
    """
    parts: list[str] = []
    with database.session(write=False) as session:
        for table in SQLModel.metadata.sorted_tables:
            columns = [c for c in table.columns if (table.name, c.name) != ("release", "body")]
            for row in session.execute(select(*columns)):
                if table.name == "audit_entry" and row.entity == "release":
                    continue
                parts.extend(str(value) for value in row)
    return "\n".join(parts)


def _held(text: str) -> list[str]:
    return [value for value in JUNE if value.lower() in text.lower()]


def test_export_holds_everything_about_the_person(database: Database) -> None:
    ids = _seed(database)
    data = export_person(database, ids.june)

    assert data["contact"]["name_zh"] == "黃嘉琪"
    assert data["contact"]["notes"] == "黃嘉琪 prefers WhatsApp"
    assert data["organization"]["name_en"] == "Ming Pao"
    assert [p["e164"] for p in data["phones"]] == ["+85291234567"]
    assert [e["address"] for e in data["emails"]] == ["june.wong@mingpao.com"]
    assert data["tags"] == ["tech desk"]
    assert [(r["role"], r["release_id"]) for r in data["releases"]] == [
        ("media contact", ids.release)
    ]
    assert [i["id"] for i in data["inquiries"]] == [ids.inquiry]
    assert [c["id"] for c in data["calls"]] == [ids.call]
    assert [m["id"] for m in data["sent_emails"]] == [ids.reply, ids.cc_reply]
    assert ("title_en", "Reporter", "Senior Reporter") in [
        (a["field"], a["old"], a["new"]) for a in data["audit"]
    ]
    assert {a["entity"] for a in data["audit"]} == {"contact", "inquiry", "call_log"}
    text = json.dumps(data, ensure_ascii=False)  # JSON-ready as it is
    assert "Peter Chan asks" not in text  # nobody else's inquiries
    with pytest.raises(InputRejected, match="There is no contact 9999"):
        export_person(database, 9999)


def test_erase_removes_the_person_and_keeps_their_inquiries_anonymised(
    database: Database,
) -> None:
    ids = _seed(database)
    with database.session(write=False) as s:
        june_before, inquiry_before = s.get(Contact, ids.june), s.get(Inquiry, ids.inquiry)
        assert june_before is not None and inquiry_before is not None
        versions = {"contact": june_before.version, "inquiry": inquiry_before.version}
    assert _held(_all_text(database))

    report = erase_person(database, ids.june, user="溫安怡")

    assert report == {
        "contact_id": ids.june,
        "removed": {
            "phones": 1,
            "emails": 1,
            "tags": 1,
            "media_contact_links": 1,
            "spokesperson_links": 0,
        },
        "inquiries_anonymised": 1,
        "calls_anonymised": 1,
        "sent_emails_redacted": 2,
        "audit_entries_redacted": report["audit_entries_redacted"],
        "releases_naming_them": [ids.release],
    }
    assert report["audit_entries_redacted"] > 5
    assert _held(_all_text(database)) == []
    with database.session(write=False) as s:
        june = s.get(Contact, ids.june)
        assert june is not None
        assert (june.name_zh, june.name_en, june.romanisation, june.notes, june.title_en) == (
            PLACEHOLDER_NAME_ZH,
            PLACEHOLDER_NAME_EN,
            None,
            None,
            None,
        )
        assert june.deleted_at is not None and june.opt_out
        assert june.version == versions["contact"] + 1  # an open edit dialog now conflicts
        inquiry = s.get(Inquiry, ids.inquiry)
        assert inquiry is not None
        assert inquiry.journalist_id == ids.june  # linked to the placeholder
        assert (inquiry.phone, inquiry.email) == (None, None)
        assert inquiry.question == f"{ERASED} ({ERASED}) asks when the MOU is signed"
        assert inquiry.notes == f"Call {ERASED} back on {ERASED} before 5 pm"
        assert inquiry.version == versions["inquiry"] + 1
        call = s.get(CallLog, ids.call)
        assert call is not None
        assert (call.number, call.summary) == (None, f"{ERASED} asked about the ceremony")
        reply = s.get(SentEmail, ids.reply)
        assert reply is not None
        assert reply.to_addresses == f"{ERASED} <{ERASED}>"
        assert reply.body_text == f"Dear Ms {ERASED},\nThe MOU is signed today."
        cc_reply = s.get(SentEmail, ids.cc_reply)
        assert cc_reply is not None
        assert (cc_reply.to_addresses, cc_reply.cc_addresses) == (
            "Peter Chan <peter.chan@mingpao.com>",
            ERASED,
        )
        # Nobody else is touched.
        peter = s.get(Contact, ids.peter)
        assert peter is not None and peter.name_en == "Peter Chan" and peter.deleted_at is None
        peter_inquiry = s.get(Inquiry, ids.peter_inquiry)
        assert peter_inquiry is not None
        assert (peter_inquiry.question, peter_inquiry.phone) == (
            "Peter Chan asks about jobs",
            "+85298765432",
        )
        release = s.get(Release, ids.release)
        assert release is not None and "黃嘉琪" in (release.body or "")  # published text kept
        erase_entry = s.scalars(select(AuditEntry).where(col(AuditEntry.action) == "erase")).one()
        assert (erase_entry.user, erase_entry.entity, erase_entry.entity_id) == (
            "溫安怡",
            "contact",
            ids.june,
        )
        assert "phones 1" in (erase_entry.new_value or "")
    contact_history = history(database, "contact", ids.june)
    assert {e["old"] for e in contact_history} <= {None, ERASED}
    assert {e["new"] for e in contact_history if e["action"] != "erase"} <= {None, ERASED}
    # Gone from the roster and the search index.
    assert all(c["id"] != ids.june for c in search_contacts(database, "黃嘉琪"))
    assert all(c["id"] != ids.june for c in search_contacts(database, "Erased"))
    assert lookup_number(database, "9123 4567") == []
    assert _held(json.dumps(export_person(database, ids.june), ensure_ascii=False)) == []


def test_erasing_someone_who_does_not_exist_changes_nothing(database: Database) -> None:
    _seed(database)
    before = _all_text(database)
    with pytest.raises(InputRejected, match="There is no contact 9999"):
        erase_person(database, 9999, user="溫安怡")
    assert _all_text(database) == before


def test_privacy_commands(
    database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _seed(database)
    url = database.url.render_as_string(hide_password=False)
    out_file = tmp_path / "june.json"

    assert run(["--db", url, "privacy", "export", str(ids.june), "-o", str(out_file)]) == EXIT_OK
    out, _ = capsys.readouterr()
    assert f"Wrote everything held about contact {ids.june} to {out_file}." in out
    exported: dict[str, Any] = json.loads(out_file.read_text(encoding="utf-8"))
    assert exported["contact"]["name_zh"] == "黃嘉琪"

    before = _all_text(database)
    assert run(["--db", url, "privacy", "erase", str(ids.june)]) == EXIT_USAGE
    _, err = capsys.readouterr()
    assert "cannot be undone" in err and "--yes" in err
    assert _all_text(database) == before

    assert run(["--db", url, "privacy", "erase", str(ids.june), "--yes", "--json"]) == EXIT_OK
    out, _ = capsys.readouterr()
    assert json.loads(out)["inquiries_anonymised"] == 1
    assert _held(_all_text(database)) == []
    assert run(["--db", url, "history", "contact", str(ids.june), "--json"]) == EXIT_OK
    out, _ = capsys.readouterr()
    assert json.loads(out)[0]["action"] == "erase"
