"""Every command, its JSON shape, its exit code, and bad input refused with nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cli.main import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, run
from tests.conftest import REPO, SEED_RELEASE


def _run(capsys: pytest.CaptureFixture[str], db_url: str, *args: str) -> tuple[int, Any, str]:
    code = run(["--db", db_url, *args])
    out, err = capsys.readouterr()
    data = json.loads(out) if "--json" in args and out.strip() else out
    return code, data, err


def test_import_then_contacts_lookup_and_releases(
    capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    code, report, _ = _run(capsys, db_url, "import", str(SEED_RELEASE), "--json")
    assert code == EXIT_OK
    assert report["written"] is True
    assert report["created"]["releases"] == 1
    assert {p["severity"] for p in report["problems"]} <= {"fixed", "warning", "error"}
    assert set(report["problems"][0]) == {
        "severity",
        "where",
        "field",
        "value",
        "message",
        "suggestion",
    }

    code, contacts, _ = _run(capsys, db_url, "contacts", "--json")
    assert code == EXIT_OK
    names = {c["name_zh"] for c in contacts}
    assert {"溫安怡", "黃嘉琪", "熊苗苗", "孫東", "查毅超", "余凱"} <= names
    wong = next(c for c in contacts if c["name_zh"] == "黃嘉琪")
    assert set(wong) >= {
        "id",
        "kind",
        "name_zh",
        "name_en",
        "title",
        "organization",
        "phones",
        "emails",
    }
    assert set(wong["organization"]) >= {"id", "name_zh", "name_en", "short_name"}
    assert set(wong["phones"][0]) >= {"e164", "type", "raw"}
    assert set(wong["emails"][0]) >= {"address", "type", "raw"}

    for typed in ("69865822", "+852 6986-5822", "６９８６ ５８２２"):
        code, found, _ = _run(capsys, db_url, "lookup", typed, "--json")
        assert code == EXIT_OK
        assert [c["name_zh"] for c in found] == ["黃嘉琪"], typed

    code, found, _ = _run(capsys, db_url, "contacts", "黃嘉", "--json")
    assert [c["name_zh"] for c in found] == ["黃嘉琪"]

    code, releases, _ = _run(capsys, db_url, "releases", "--json")
    assert code == EXIT_OK
    (release,) = releases
    assert release["issued_on"] == "2023-12-01"
    assert set(release["spokespeople"][0]) >= {
        "name_zh",
        "name_en",
        "title_zh",
        "title_en",
        "organization",
    }

    code, again, _ = _run(capsys, db_url, "import", str(SEED_RELEASE), "--json")
    assert code == EXIT_OK and again["written"] is False
    assert sum(again["created"].values()) == 0


def test_readable_output_without_json(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    assert run(["--db", sqlite_url, "import", str(SEED_RELEASE)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Imported" in out and "June.Wong@edelman.com/" in out
    assert run(["--db", sqlite_url, "contacts"]) == EXIT_OK
    table = capsys.readouterr().out
    assert "黃嘉琪" in table and "+85269865822" in table
    assert run(["--db", sqlite_url, "releases"]) == EXIT_OK
    assert "孫東" in capsys.readouterr().out
    assert run(["--db", sqlite_url, "lookup", "12345678"]) == EXIT_OK
    assert "Nobody" in capsys.readouterr().out


def test_check_phone_and_email(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    code, data, _ = _run(capsys, sqlite_url, "check-phone", "+852 3756 8623／6986 5822", "--json")
    assert code == EXIT_OK
    assert [n["e164"] for n in data["numbers"]] == ["+85237568623", "+85269865822"]
    assert set(data["numbers"][0]) == {
        "input",
        "valid",
        "e164",
        "international",
        "national",
        "type",
        "region",
        "extension",
    }
    code, data, _ = _run(capsys, sqlite_url, "check-phone", "15120049549", "--json")
    assert code == EXIT_REJECTED
    assert data["problems"][0]["suggestion"].replace(" ", "") == "+8615120049549"
    code, data, _ = _run(capsys, sqlite_url, "check-phone", "2629 2329", "--region", "hk", "--json")
    assert code == EXIT_OK and data["numbers"][0]["region"] == "HK"

    code, data, _ = _run(capsys, sqlite_url, "check-email", "June.Wong@edelman.com/", "--json")
    assert code == EXIT_REJECTED
    assert data["valid"] is False and data["normalized"] is None
    assert data["problems"][0]["suggestion"] == "June.Wong@edelman.com"
    code, data, _ = _run(capsys, sqlite_url, "check-email", "angela.wan@hkstp.org", "--json")
    assert code == EXIT_OK and data == {**data, "valid": True, "normalized": "angela.wan@hkstp.org"}


def test_inquiries_add_and_list(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    _run(capsys, db_url, "import", str(SEED_RELEASE), "--json")
    code, inquiry, _ = _run(
        capsys,
        db_url,
        "inquiries",
        "add",
        "--release",
        "1",
        "--journalist",
        "陳大文",
        "--outlet",
        "明報",
        "--channel",
        "phone",
        "--question",
        "投資額幾多？",
        "--phone",
        "９１２３ ４５６７",
        "--email",
        "tm.chan@mingpao.com",
        "--deadline",
        "2023-12-01T17:00:00+08:00",
        "--json",
    )
    assert code == EXIT_OK
    assert inquiry["journalist"] == "陳大文" and inquiry["outlet"] == "明報"
    assert inquiry["phone"] == "+85291234567" and inquiry["status"] == "new"
    assert inquiry["deadline"].startswith("2023-12-01T09:00:00")
    assert set(inquiry) >= {
        "id",
        "release_id",
        "received_at",
        "channel",
        "journalist",
        "outlet",
        "phone",
        "email",
        "question",
        "deadline",
        "status",
        "owner",
    }
    code, rows, _ = _run(capsys, db_url, "inquiries", "--release", "1", "--json")
    assert [r["id"] for r in rows] == [inquiry["id"]]
    code, rows, _ = _run(capsys, db_url, "inquiries", "--status", "answered", "--json")
    assert rows == []
    # The journalist is in the roster now, findable by the number they called from.
    code, found, _ = _run(capsys, db_url, "lookup", "91234567", "--json")
    assert [c["name_zh"] for c in found] == ["陳大文"]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--phone", "12"], "phone"),
        (["--email", "chan@mingpao"], "email"),
        (["--release", "99"], "release"),
        (["--deadline", "tomorrow"], "deadline"),
    ],
)
def test_inquiries_add_refuses_bad_values(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, args: list[str], field: str
) -> None:
    code, data, _ = _run(
        capsys,
        sqlite_url,
        "inquiries",
        "add",
        "--journalist",
        "Ann",
        "--outlet",
        "RTHK",
        "--channel",
        "email",
        "--question",
        "When?",
        *args,
        "--json",
    )
    assert code == EXIT_REJECTED
    assert data["written"] is False
    assert data["problems"][0]["field"] == field
    code, rows, _ = _run(capsys, sqlite_url, "inquiries", "--json")
    assert rows == []


def _bad_file(kind: str, tmp_path: Path) -> Path:
    path = tmp_path / f"{kind}.txt"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    elif kind == "not-a-release":
        path.write_text("def main():\n    return 42\n", encoding="utf-8")
    elif kind == "undecodable":
        path.write_bytes(b"\xff\xfe\xfa" * 10 + "香港".encode() + b"\x81\xff\xc0" * 50)
    elif kind == "huge":
        path.write_bytes(b"a" * (6 * 1024 * 1024))
    return path


@pytest.mark.parametrize("kind", ["empty", "binary", "not-a-release", "undecodable", "huge"])
def test_import_refuses_bad_files(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path, kind: str
) -> None:
    path = _bad_file(kind, tmp_path)
    code, report, _ = _run(capsys, sqlite_url, "import", str(path), "--json")
    assert code == EXIT_REJECTED
    assert report["written"] is False
    assert report["problems"] and report["problems"][0]["severity"] == "error"
    assert report["problems"][0]["message"]
    code, contacts, _ = _run(capsys, sqlite_url, "contacts", "--json")
    assert contacts == []
    code, releases, _ = _run(capsys, sqlite_url, "releases", "--json")
    assert releases == []


def test_missing_file_is_refused(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path
) -> None:
    code, _, err = _run(capsys, sqlite_url, "import", str(tmp_path / "nope.txt"))
    assert code == EXIT_REJECTED
    assert "nope.txt" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    assert run(["--db", sqlite_url, "frobnicate"]) == EXIT_USAGE
    assert run(["--db", sqlite_url, "inquiries", "add", "--journalist", "x"]) == EXIT_USAGE
    assert run(["--db", "mysql://x@y/z", "contacts"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "Traceback" not in err and "mysql" in err


def test_bad_input_in_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    bad = _bad_file("binary", tmp_path)
    env = {**os.environ, "PRESSDESK_DB": str(tmp_path / "db.sqlite")}
    result = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "import", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == EXIT_REJECTED
    assert "Traceback" not in result.stderr
    assert "PNG" in result.stderr or "binary" in result.stderr.lower()


def test_an_older_database_is_upgraded_with_a_word_on_standard_error(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    """The command line upgrades an older schema first and says so (a large roster takes
    a minute); the command's own output is unchanged, and a current database says nothing."""
    from tests.helpers.older_schema import database_at

    database_at(sqlite_url, "0007")
    code, found, err = _run(capsys, sqlite_url, "lookup", "69865822", "--json")
    assert code == EXIT_OK and [c["name_zh"] for c in found] == ["黃嘉琪"]
    assert "upgrading the database" in err
    code, _, err = _run(capsys, sqlite_url, "lookup", "69865822", "--json")
    assert code == EXIT_OK and "upgrading" not in err
