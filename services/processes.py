"""Where the helper processes of imports and exports come from.

Never plain fork: forking a process that runs Qt threads can deadlock the child. A fork
server is a clean single-threaded process that imports the modules helpers run once
(~1 s) and then forks each helper ready to run; it stays for the next import or export.
Where there is none (Windows), spawn: every helper imports for itself.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context

# What helper processes run: imported once by the fork server, not by each helper.
HELPER_MODULES = ["services.contact_import", "services.exports"]


def helper_context() -> multiprocessing.context.BaseContext:
    """The multiprocessing context for helper processes (fork server, else spawn)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(HELPER_MODULES)
    return context
