"""The mode of a file written for the user (an export, a draft, a report), as a Save gives it.

Such files are written beside their target with :func:`tempfile.mkstemp` and renamed into
place when complete. mkstemp makes its files readable by their owner alone (0600): renamed
as they are, a contact sheet exported to a shared folder could be opened by no colleague.
A new file gets what creating it with ``open()`` would give (0666 less the umask, usually
0644); a file replaced keeps the mode it had. Standard library only.
"""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from pathlib import Path

_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask: read from /proc where there is one (Linux), else by setting a
    private one for an instant and putting it back (the only portable way to read it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    with _UMASK_LOCK:
        mask = os.umask(0o077)  # the most private meanwhile, should another thread create a file
        os.umask(mask)
    return mask


def saved_mode(target: Path) -> int:
    """The mode for a file about to be written under ``target``'s name."""
    with contextlib.suppress(OSError):
        existing = os.stat(target).st_mode
        if stat.S_ISREG(existing):
            return stat.S_IMODE(existing)
    return 0o666 & ~current_umask()


def give_saved_mode(temporary: Path | str, target: Path) -> None:
    """Give the finished temporary file the mode ``target`` should have (before renaming
    it into place). Where modes mean little (Windows), or cannot be set, it is left as is."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        os.chmod(temporary, saved_mode(target))
