"""Files written for the user get the mode a Save gives them, not mkstemp's 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.engine import Database
from services.exports import export_contact_sheet
from services.mail import Mailbox, build_message, save_eml
from services.reports import write_csv
from services.saved_files import current_umask, saved_mode

pytestmark = pytest.mark.skipif(os.name == "nt", reason="file modes are POSIX")


@pytest.fixture
def umask() -> Iterator[None]:
    """Restore the process's umask after a test that sets its own."""
    previous = os.umask(0o022)
    os.umask(previous)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _write_each(database: Database, folder: Path) -> list[Path]:
    """A contact sheet, an e-mail draft and a report, as the user saves them."""
    sheet = export_contact_sheet(database, "csv", folder / "sheet.csv").path
    draft = save_eml(
        build_message(
            sender=Mailbox("angela.wan@hkstp.org", "溫安怡"),
            to=[Mailbox("june.wong@edelman.com", "黃嘉琪")],
            subject="回覆：查詢",
            body_text="您好",
            language="zh-HK",
        ),
        folder / "reply.eml",
    )
    report = folder / "report.csv"
    write_csv(report, ["Release", "Inquiries"], [["孫東", 3]])
    return [sheet, draft, report]


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077])
def test_the_umask_is_read_as_the_process_has_it(umask: None, mask: int) -> None:
    os.umask(mask)
    assert current_umask() == mask
    assert os.umask(mask) == mask  # reading it left it as it was


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_new_files_get_the_mode_creating_them_would_give(
    database: Database, tmp_path: Path, umask: None, mask: int, expected: int
) -> None:
    os.umask(mask)
    out = tmp_path / "out"
    out.mkdir()
    for path in _write_each(database, out):
        assert _mode(path) == expected, path.name
    assert sorted(p.name for p in out.iterdir()) == ["reply.eml", "report.csv", "sheet.csv"]


@pytest.mark.parametrize("existing", [0o600, 0o664])
def test_a_replaced_file_keeps_its_mode(
    database: Database, tmp_path: Path, umask: None, existing: int
) -> None:
    os.umask(0o022)
    for name in ("sheet.csv", "reply.eml", "report.csv"):
        (tmp_path / name).write_text("older")
        (tmp_path / name).chmod(existing)
    for path in _write_each(database, tmp_path):
        assert path.read_text(encoding="utf-8", errors="replace") != "older"
        assert _mode(path) == existing, path.name


def test_a_folder_or_a_missing_file_under_the_name_gives_the_umask_mode(
    tmp_path: Path, umask: None
) -> None:
    os.umask(0o022)
    assert saved_mode(tmp_path / "missing.csv") == 0o644
    assert saved_mode(tmp_path) == 0o644  # not a file: its mode is not a file's
