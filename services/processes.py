"""Where the helper processes of imports and exports come from.

Never plain fork: forking a process that runs Qt threads can deadlock the child. A fork
server is a clean single-threaded process that imports the modules helpers run once
(~1 s) and then forks each helper ready to run; it stays for the next import or export.
Where there is none (Windows), spawn: every helper imports for itself.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.context
import sys
from typing import Any

# What helper processes run: imported once by the fork server, not by each helper. The
# contact-file readers too: imported by the reader process itself, they held its first
# rows back ~0.11 s (the writer and the workers waiting) on every file import.
HELPER_MODULES = ["services.contact_import", "services.contact_files", "services.exports"]


def helper_context() -> multiprocessing.context.BaseContext:
    """The multiprocessing context for helper processes (fork server, else spawn)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(HELPER_MODULES)
    return context


def start_helper_server() -> None:
    """Start the fork server now, so that the import or export about to come finds it ready.

    It imports what helpers run (~0.6 s here) before it forks the first one; started when
    a large import begins, that made the file reader's first rows wait for it (a fresh
    process: first rows after 1.1 s instead of 0.5 s for 100 000 CSV rows). Returns at
    once (the server loads in its own process); nothing to do where there is no fork
    server, or when it runs already.
    """
    context = helper_context()
    if context.get_start_method() == "forkserver":
        import multiprocessing.forkserver  # noqa: PLC0415 - only where there is one

        multiprocessing.forkserver.ensure_running()


# What a pipe between helpers and this process holds: Linux's most for a process without
# privileges (/proc/sys/fs/pipe-max-size), instead of 64 KiB.
PIPE_BYTES = 1 << 20


def widen_pipe(connection: Any) -> None:
    """Let the pipe of this multiprocessing connection hold a whole batch (Linux).

    A helper's batch (~0.35 MB of rows going out, ~1.1 MB of outcomes coming back for
    2 000 rows) crossed a 64 KiB pipe in 6-17 writes, each waiting for the other side to
    read; the side in this process is a thread that needs the interpreter lock for each
    read, which the writing thread holds. Elsewhere, or when the system refuses, the pipe
    stays as it is (only slower).
    """
    if sys.platform == "win32":
        return
    import fcntl  # noqa: PLC0415 - Unix only

    setting = getattr(fcntl, "F_SETPIPE_SZ", None)
    if setting is None:
        return
    with contextlib.suppress(OSError, ValueError):
        fcntl.fcntl(connection.fileno(), setting, PIPE_BYTES)
