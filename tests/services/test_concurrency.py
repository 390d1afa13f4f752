"""Two independent processes on one database: nothing lost, nothing silently overwritten.

Each test starts real child processes against the same SQLite file, and against one
PostgreSQL database: they log inquiries and calls at the same moment (no write is lost
and nobody sees "database is locked"), edit the same contact and inquiry from the same
stale version (one save wins, the other gets the conflict error, the winner's edit is
what is stored), and one sees the other's new inquiry through ChangeWatcher within two
seconds, polling every 500 ms as the GUI's timer does.

Children start together: each writes a "ready" file and waits for the "go" file.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from db.engine import Database, open_database
from db.models import Contact, InquiryChannel
from services.inquiries import InquiryCreate, add_inquiry
from tests.services.test_crash_safety import start_child, stop, wait_for_file

WRITES_PER_PROCESS = 100

# The start of every child: the database, the barrier, and the application's listeners.
_START = """
import json, sys, time
from pathlib import Path
import services.changes  # as in the application: commits announce themselves
from db.engine import open_database

url, folder, name = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
database = open_database(url, upgrade=False)

def ready_then_wait():
    (folder / f"ready-{name}").write_text("ready")
    while not (folder / "go").exists():
        time.sleep(0.002)
"""

LOGGING_CHILD = (
    _START
    + f"""
from services.calls import CallForm, log_call
from services.inquiries import InquiryCreate, add_inquiry

errors = []
ready_then_wait()
for n in range({WRITES_PER_PROCESS}):
    try:
        if n % 2:
            log_call(
                database,
                CallForm(
                    new_name=f"Reporter {{name}}",
                    outlet_name=f"Outlet {{name}}",
                    number=f"+852 9123 {{4000 + n}}",
                    summary=f"{{name}}: call {{n}}",
                    create_inquiry=True,
                ),
                user=name,
            )
        else:
            add_inquiry(
                database,
                InquiryCreate(
                    journalist=f"Reporter {{name}}",
                    outlet=f"Outlet {{name}}",
                    channel="phone",
                    question=f"{{name}}: inquiry {{n}}",
                ),
                user=name,
            )
    except Exception as exc:
        errors.append(repr(exc))
print(json.dumps({{"errors": errors}}))
"""
)

EDITING_CHILD = (
    _START
    + """
from services.contacts import ContactConflict, update_contact
from services.inquiries import InquiryConflict, InquiryForm, get_inquiry, update_inquiry
from db.models import Contact, InquiryChannel

contact_id, inquiry_id = int(sys.argv[4]), int(sys.argv[5])
# The edit dialogs load both records, then the officer types for a while.
with database.session(write=False) as session:
    contact_version = session.get(Contact, contact_id).version
inquiry_version = get_inquiry(database, inquiry_id)["version"]
ready_then_wait()
outcome = {}
try:
    update_contact(database, contact_id, {"title_en": f"Edited by {name}"}, contact_version)
    outcome["contact"] = "saved"
except ContactConflict:
    outcome["contact"] = "conflict"
try:
    update_inquiry(database, inquiry_id, InquiryForm(notes=f"Edited by {name}"), inquiry_version)
    outcome["inquiry"] = "saved"
except InquiryConflict:
    outcome["inquiry"] = "conflict"
print(json.dumps(outcome))
"""
)

WATCHING_CHILD = (
    _START
    + """
from sqlalchemy import select
from db.models import Inquiry
from services.changes import ChangeWatcher

question = sys.argv[4]
with ChangeWatcher(database) as watcher:
    ready_then_wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        time.sleep(0.5)  # the GUI's QTimer
        if watcher.poll():
            with database.session(write=False) as session:
                found = session.scalars(select(Inquiry.id).where(Inquiry.question == question)).first()
            if found is not None:
                print(json.dumps({"seen_at": time.time(), "inquiry_id": found}))
                sys.exit(0)
print(json.dumps({"seen_at": None}))
"""
)

WRITING_CHILD = (
    _START
    + """
from services.inquiries import InquiryCreate, add_inquiry

question = sys.argv[4]
ready_then_wait()
time.sleep(1.2)  # the watcher is polling by now
inquiry = add_inquiry(
    database,
    InquiryCreate(journalist="黃嘉琪", outlet="明報", channel="phone", question=question),
)
print(json.dumps({"committed_at": time.time(), "inquiry_id": inquiry["id"]}))
"""
)


def _run_together(folder: Path, url: str, children: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """Start the children, release them at once, return each one's JSON output."""
    started = {
        name: start_child(code, url, str(folder), name, *args)
        for name, (code, *args) in children.items()
    }
    try:
        for name, child in started.items():
            wait_for_file(folder / f"ready-{name}", child)
        (folder / "go").write_text("go")
        results = {}
        for name, child in started.items():
            out, err = child.communicate(timeout=120)
            assert child.returncode == 0, err
            assert "database is locked" not in err
            results[name] = json.loads(out.strip().splitlines()[-1])
        return results
    finally:
        for child in started.values():
            stop(child)


def _count(database: Database, table: str, where: str = "") -> int:
    with database.engine.connect() as connection:
        return int(
            connection.execute(sa.text(f"SELECT count(*) FROM {table} {where}")).scalar_one()
        )


def test_two_processes_logging_at_once_lose_nothing(db_url: str, tmp_path: Path) -> None:
    database = open_database(db_url)
    try:
        results = _run_together(tmp_path, db_url, {"A": (LOGGING_CHILD,), "B": (LOGGING_CHILD,)})
        assert results == {"A": {"errors": []}, "B": {"errors": []}}
        assert _count(database, "inquiry") == 2 * WRITES_PER_PROCESS
        assert _count(database, "call_log") == WRITES_PER_PROCESS
        for name in "AB":
            assert (
                _count(database, "inquiry", f"WHERE question LIKE '{name}: %'")
                == WRITES_PER_PROCESS
            )
            assert _count(database, "contact", f"WHERE name_en = 'Reporter {name}'") == 1
    finally:
        database.dispose()


def test_concurrent_edits_from_one_version_conflict_and_never_lose_an_update(
    db_url: str, tmp_path: Path
) -> None:
    database = open_database(db_url)
    try:
        inquiry = add_inquiry(
            database,
            InquiryCreate(
                journalist="黃嘉琪",
                outlet="明報",
                channel=InquiryChannel.PHONE,
                question="When is the MOU signed?",
            ),
        )
        contact_id = inquiry["journalist_id"]
        with database.session(write=False) as session:
            contact = session.get(Contact, contact_id)
            assert contact is not None
            contact_version = contact.version
        ids = (str(contact_id), str(inquiry["id"]))

        results = _run_together(
            tmp_path, db_url, {"A": (EDITING_CHILD, *ids), "B": (EDITING_CHILD, *ids)}
        )

        for record in ("contact", "inquiry"):
            outcomes = sorted(result[record] for result in results.values())
            assert outcomes == ["conflict", "saved"], results
        contact_winner = next(n for n, r in results.items() if r["contact"] == "saved")
        inquiry_winner = next(n for n, r in results.items() if r["inquiry"] == "saved")
        with database.session(write=False) as session:
            contact = session.get(Contact, contact_id)
            assert contact is not None
            assert contact.title_en == f"Edited by {contact_winner}"
            assert contact.version == contact_version + 1
            notes, version = session.execute(
                sa.text("SELECT notes, version FROM inquiry WHERE id = :id"), {"id": inquiry["id"]}
            ).one()
        assert notes == f"Edited by {inquiry_winner}"
        assert version == inquiry["version"] + 1
    finally:
        database.dispose()


def test_a_second_process_sees_a_new_inquiry_within_two_seconds(
    db_url: str, tmp_path: Path
) -> None:
    database = open_database(db_url)
    database.dispose()
    question = f"Live roster check {time.time_ns()}"

    results = _run_together(
        tmp_path,
        db_url,
        {"watcher": (WATCHING_CHILD, question), "writer": (WRITING_CHILD, question)},
    )

    seen, written = results["watcher"], results["writer"]
    assert seen["seen_at"] is not None, "the watcher never saw the new inquiry"
    assert seen["inquiry_id"] == written["inquiry_id"]
    assert seen["seen_at"] - written["committed_at"] < 2.0
