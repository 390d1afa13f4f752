"""``pressdesk export``: every format from the command line, JSON out, clean refusals."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cli.main import EXIT_OK, EXIT_REJECTED, run
from tests.conftest import REPO, SEED_RELEASE


def _export(capsys: pytest.CaptureFixture[str], db_url: str, *args: str) -> tuple[int, Any, str]:
    code = run(["--db", db_url, "export", *args])
    out, err = capsys.readouterr()
    data = json.loads(out) if "--json" in args and out.strip() else out
    return code, data, err


@pytest.fixture
def seeded(db_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert run(["--db", db_url, "import", str(SEED_RELEASE), "--json"]) == EXIT_OK
    capsys.readouterr()
    return db_url


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "vcf"])
def test_export_each_format_as_json(
    capsys: pytest.CaptureFixture[str], seeded: str, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"release.{fmt}"
    code, data, err = _export(
        capsys, seeded, "--format", fmt, "--release", "1", "-o", str(path), "--json"
    )
    assert code == EXIT_OK, err
    assert data == {"path": str(path), "format": fmt, "contacts": 4, "skipped_opt_out": 0}
    assert path.stat().st_size > 0


def test_export_csv_of_a_search_reads_back(
    capsys: pytest.CaptureFixture[str], seeded: str, tmp_path: Path
) -> None:
    path = tmp_path / "wong.csv"
    code, out, _ = _export(capsys, seeded, "--format", "csv", "--query", "黃嘉", "-o", str(path))
    assert code == EXIT_OK
    assert out.strip() == f"Exported 1 contacts to {path}."
    with path.open(encoding="utf-8-sig", newline="") as stream:
        (row,) = list(csv.DictReader(stream))
    assert row["Name (Chinese)"] == "黃嘉琪"
    assert [row["Phone 1"], row["Phone 2"]] == ["+85237568623", "+85269865822"]


def test_export_vcard_40(capsys: pytest.CaptureFixture[str], seeded: str, tmp_path: Path) -> None:
    path = tmp_path / "all.vcf"
    code, data, _ = _export(
        capsys, seeded, "--format", "vcf", "--vcard-version", "4.0", "-o", str(path), "--json"
    )
    assert code == EXIT_OK and data["contacts"] == 7
    assert path.read_text(encoding="utf-8").count("VERSION:4.0") == 7


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "csv", "--release", "99"], "There is no release 99."),
        (["--format", "docx"], "'docx' is not an export format."),
        (["--format", "vcf", "--vcard-version", "2.1"], "vCard 2.1 cannot be written."),
        (["--format", "csv", "--organization", "99"], "There is no organisation 99."),
    ],
)
def test_refusals_go_to_stderr_with_exit_1_and_no_file(
    capsys: pytest.CaptureFixture[str],
    seeded: str,
    tmp_path: Path,
    args: list[str],
    message: str,
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, data, err = _export(capsys, seeded, *args, "-o", str(out_dir / "sheet"), "--json")
    assert code == EXIT_REJECTED
    assert data["error"] == message
    assert data["problems"][0]["severity"] == "error" and data["problems"][0]["suggestion"]
    assert err.startswith(f"pressdesk: {message}")
    assert "Traceback" not in err
    assert list(out_dir.iterdir()) == []


def test_unwritable_path(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "sheet.csv"
    code, _, err = _export(capsys, sqlite_url, "--format", "csv", "-o", str(target))
    assert code == EXIT_REJECTED
    assert "cannot be written" in err and "Traceback" not in err
    assert not target.parent.exists()


def test_pdf_from_the_command_line_in_a_fresh_process(sqlite_url: str, tmp_path: Path) -> None:
    """No QApplication exists in a CLI process: the PDF writer starts one, offscreen."""
    path = tmp_path / "release.pdf"
    env_run = [sys.executable, str(REPO / "main.py"), "--db", sqlite_url]
    subprocess.run([*env_run, "import", str(SEED_RELEASE)], check=True, capture_output=True)
    result = subprocess.run(
        [*env_run, "export", "--format", "pdf", "--release", "1", "-o", str(path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == EXIT_OK, result.stderr
    assert json.loads(result.stdout)["contacts"] == 4
    assert path.read_bytes().startswith(b"%PDF-")


# --- imports: every encoding and vCard version in; every malformed file refused ----------

CONTACT_FILES = REPO / "tests" / "services" / "data" / "contacts"


def _import(capsys: pytest.CaptureFixture[str], db_url: str, path: Path) -> tuple[int, Any]:
    code = run(["--db", db_url, "import", str(path), "--json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, json.loads(out)


def _roster(capsys: pytest.CaptureFixture[str], db_url: str) -> list[Any]:
    assert run(["--db", db_url, "contacts", "--json"]) == EXIT_OK
    return list(json.loads(capsys.readouterr().out))


@pytest.mark.parametrize(
    ("name", "who"),
    [
        ("media_list.utf8.csv", "黃嘉琪"),
        ("media_list.utf8-bom.csv", "黃嘉琪"),
        ("media_list.utf16.txt", "黃嘉琪"),
        ("media_list.big5hkscs.csv", "黃嘉琪"),
        ("nokia_21.vcf", "黃嘉琪"),
        ("apple_30.vcf", "Angela Wan"),
        ("thunderbird_40.vcf", "Miaomiao Xiong"),
    ],
)
def test_import_csv_in_each_encoding_and_each_vcard_version(
    capsys: pytest.CaptureFixture[str], db_url: str, name: str, who: str
) -> None:
    code, report = _import(capsys, db_url, CONTACT_FILES / name)
    assert code == EXIT_OK, report["problems"]
    assert report["written"] and report["created"]["contacts"] >= 1
    assert run(["--db", db_url, "contacts", who, "--json"]) == EXIT_OK
    found = json.loads(capsys.readouterr().out)
    assert any(who in (c["name_zh"], c["name_en"]) for c in found)


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("no_header.csv", "no_header.csv line 1"),
        ("ragged.csv", "ragged.csv line 3"),  # after a good record was read
        ("unclosed_quote.csv", "unclosed_quote.csv line 2"),
        ("not_a_workbook.xlsx", "not_a_workbook.xlsx"),
        ("no_begin.vcf", "no_begin.vcf line 1"),
        ("no_end.vcf", "no_end.vcf card 1"),
    ],
)
def test_a_malformed_file_of_each_kind_is_refused_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], seeded: str, name: str, where: str
) -> None:
    before = _roster(capsys, seeded)
    code, report = _import(capsys, seeded, CONTACT_FILES / name)
    assert code == EXIT_REJECTED
    assert not report["written"]
    (problem,) = report["problems"]
    assert (problem["severity"], problem["where"]) == ("error", where)
    assert problem["message"] and problem["suggestion"]
    assert _roster(capsys, seeded) == before


def test_a_bad_record_late_in_a_large_file_writes_nothing(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Path
) -> None:
    # Thousands of good rows are validated (and merged in batches) before the bad one.
    lines = ["Name,Mobile Phone,E-mail Address"]
    lines += [f"記者{n},+852 6{n:07d},reporter{n}@example.com" for n in range(5000)]
    lines.append('Wong, June,+852 6986 5822,june@example.com,"one too many"')
    path = tmp_path / "late.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    code, report = _import(capsys, sqlite_url, path)
    assert code == EXIT_REJECTED and not report["written"]
    assert report["problems"][-1]["where"] == "late.csv line 5002"
    assert _roster(capsys, sqlite_url) == []


def test_import_and_export_start_the_helper_server_before_the_database_opens(
    capsys: pytest.CaptureFixture[str],
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fork server loads while the database opens (services.processes): a large file's
    reader and workers then start without waiting for it. Other commands never start it."""
    import cli.main

    calls: list[str] = []
    opening = cli.main.open_database
    monkeypatch.setattr(cli.main, "start_helper_server", lambda: calls.append("server"))
    monkeypatch.setattr(
        cli.main,
        "open_database",
        lambda url, **options: calls.append("database") or opening(url, **options),
    )
    assert run(["--db", db_url, "import", str(SEED_RELEASE), "--json"]) == EXIT_OK
    assert calls == ["server", "database"]
    code, _, err = _export(capsys, db_url, "--format", "csv", "-o", str(tmp_path / "a.csv"))
    assert code == EXIT_OK, err
    assert run(["--db", db_url, "contacts", "--json"]) == EXIT_OK
    assert calls == ["server", "database"] * 2 + ["database"]


def test_main_py_starts_the_helper_server_before_it_imports_the_command_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """For an import or an export, wherever the command stands among the options; for
    other commands, never."""
    import services.processes
    from cli.startup import start_helpers_early

    calls: list[str] = []
    monkeypatch.setattr(services.processes, "start_helper_server", lambda: calls.append("x"))
    start_helpers_early(["--db", "sqlite:///a.sqlite", "import", "big.csv", "--json"])
    start_helpers_early(["export", "--format", "csv", "-o", "out.csv"])
    assert calls == ["x", "x"]
    for argv in (["contacts", "wong"], ["lookup", "69865822"], [], ["--help"]):
        start_helpers_early(argv)
    assert calls == ["x", "x"]
    # What main.py runs first: cli.startup, light enough to come before everything else.
    main_py = (REPO / "main.py").read_text(encoding="utf-8")
    assert main_py.index("start_helpers_early(") < main_py.index("from cli.main import run")
    startup = (REPO / "cli" / "startup.py").read_text(encoding="utf-8")
    assert "import sqlalchemy" not in startup and "from db" not in startup


@pytest.mark.skipif(sys.platform == "win32", reason="no fork server on Windows (spawn)")
def test_the_helper_server_is_running_once_started() -> None:
    import multiprocessing.forkserver

    from services.processes import start_helper_server

    start_helper_server()
    start_helper_server()  # a second call finds it running
    server = multiprocessing.forkserver._forkserver  # type: ignore[attr-defined]
    assert server._forkserver_pid is not None
    assert Path(f"/proc/{server._forkserver_pid}").exists() or sys.platform != "linux"
