"""A database for screenshots and demos, filled through the services as a user would.

The bundled release (its issuers, media contacts and spokespeople), the four inquiries
of the GUI tests (overdue, due today, answered, new), the newest inquiry from a
journalist new to the roster with an e-mail address (the reply and template previews
use the newest), a logged call, and an edit of June Wong's card by a named officer (so
the history view has something to show)::

    python -m tests.helpers.demo_database /tmp/demo.sqlite
    python main.py --db sqlite:////tmp/demo.sqlite --lang zh_HK --screenshot shots/
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from db.engine import open_database
from services.audit import set_officer
from services.calls import CallForm, log_call
from services.contacts import get_contact, update_contact
from services.first_run import import_bundled_release_once
from services.inquiries import InquiryForm, create_inquiry
from tests.desktop.inquiry_fixtures import seed_inquiries


def build(path: Path) -> None:
    """Create the demo database at ``path`` (which must not exist yet)."""
    if path.exists():
        raise SystemExit(f"{path} exists already; give a new file")
    database = open_database(f"sqlite:///{path}")
    try:
        import_bundled_release_once(database)
        people, _ = seed_inquiries(database)
        now = datetime.now(UTC)
        create_inquiry(
            database,
            InquiryForm(
                release_id=1,
                journalist_name="李小玲 Lee Siu Ling",
                outlet_name="香港電台",
                channel="email",
                email="siuling.lee@rthk.hk",
                question="研發中心預計何時啟用？可否提供簽署儀式的相片？",
                received_at=now - timedelta(minutes=10),
                deadline=now + timedelta(hours=5),
                owner_id=people["溫安怡"]["id"],
            ),
        )
        log_call(
            database,
            CallForm(
                contact_id=people["黃嘉琪"]["id"],
                release_id=1,
                summary="Asked for photos of the signing",
                duration_seconds=95,
            ),
        )
        set_officer(database, "溫安怡 Angela Wan")
        june = get_contact(database, people["黃嘉琪"]["id"])
        update_contact(
            database,
            june["id"],
            {
                "title_en": "Senior Account Director",
                "title_zh": "高級客戶總監",
                "tags": ["tech desk"],
            },
            expected_version=june["version"],
        )
    finally:
        database.dispose()


if __name__ == "__main__":
    build(Path(sys.argv[1]))
