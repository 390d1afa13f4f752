"""What the command line does before it imports anything heavy.

``main.py`` imports the command line (SQLAlchemy, the models, the services: ~0.7 s) only
after this has run, so that work which can go on beside those imports starts first.
"""

from __future__ import annotations

from collections.abc import Sequence

# Commands whose large files run in helper processes (services/processes.py).
HELPER_COMMANDS = frozenset({"import", "export"})


def start_helpers_early(argv: Sequence[str]) -> None:
    """Start the helper processes' fork server when the command may need it.

    It imports what the helpers run (~0.7 s) in a process of its own; started here, it
    does so while this process imports the command line and opens the database, and an
    import's file reader and workers start at once instead of waiting for it. Any word of
    the command line that names such a command counts (an option's value or a search
    word too): a server started for nothing only sits idle until the command ends.
    """
    if HELPER_COMMANDS.intersection(argv):
        from services.processes import start_helper_server  # noqa: PLC0415 - only when needed

        start_helper_server()
