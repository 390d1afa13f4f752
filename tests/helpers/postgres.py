"""A throw-away PostgreSQL server for the test run (initdb + pg_ctl on 127.0.0.1)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass
class PostgresServer:
    """A running server the tests may create databases on."""

    host: str
    port: int
    user: str
    data_dir: Path | None = None
    pg_ctl: str | None = None
    run_as: list[str] | None = None

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"

    def stop(self) -> None:
        if self.data_dir is None or self.pg_ctl is None:
            return
        subprocess.run(
            [
                *(self.run_as or []),
                self.pg_ctl,
                "-D",
                str(self.data_dir),
                "-m",
                "immediate",
                "stop",
            ],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def _find_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_postgres() -> tuple[PostgresServer | None, str]:
    """Start a private server; return it, or None and the reason it could not start."""
    initdb, pg_ctl = _find_binary("initdb"), _find_binary("pg_ctl")
    if not initdb or not pg_ctl:
        return None, "no initdb/pg_ctl on this machine (Debian: apt-get install postgresql)"
    run_as: list[str] = []
    user = os.environ.get("USER") or "postgres"
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root; run the cluster as the postgres user.
        if shutil.which("runuser") is None:
            return None, "running as root and no runuser to switch to the postgres user"
        run_as = ["runuser", "-u", "postgres", "--"]
        user = "postgres"
    base = Path(tempfile.mkdtemp(prefix="pressdesk-pg-"))
    data_dir = base / "data"
    if run_as:
        shutil.chown(base, user="postgres")
        base.chmod(0o755)
    port = _free_port()
    init = subprocess.run(
        [
            *run_as,
            initdb,
            "-D",
            str(data_dir),
            "-U",
            user,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if init.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        return None, f"initdb failed: {init.stderr.strip()[-500:]}"
    options = f"-h 127.0.0.1 -p {port} -k {base} -c fsync=off -c max_connections=200"
    start = subprocess.run(
        [
            *run_as,
            pg_ctl,
            "-D",
            str(data_dir),
            "-o",
            options,
            "-l",
            str(base / "log"),
            "-w",
            "start",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if start.returncode != 0:
        log = (base / "log").read_text(errors="replace") if (base / "log").exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        return None, f"pg_ctl start failed: {start.stderr.strip()[-300:]} {log[-500:]}"
    return PostgresServer("127.0.0.1", port, user, data_dir, pg_ctl, run_as), ""
