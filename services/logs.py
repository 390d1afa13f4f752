"""Where the application writes its log, and how a bug is recorded."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from platformdirs import user_log_path

LOGGER_NAME = "pressdesk"


def log_file_path() -> Path:
    """The log file a crash dialog points the user to."""
    return user_log_path("PressDesk", appauthor=False) / "pressdesk.log"


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to a rotating file in the user's log folder (once per process); return its path."""
    path = log_file_path()
    logger = logging.getLogger(LOGGER_NAME)
    if any(getattr(h, "_pressdesk", False) for h in logger.handlers):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._pressdesk = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)
    return path
