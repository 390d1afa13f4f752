"""The command line's only way to write to the terminal: JSON or a readable table."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, TextIO


def emit_json(data: Any, stream: TextIO | None = None) -> None:
    """Write ``data`` as JSON (UTF-8, Chinese kept as Chinese)."""
    out = stream or sys.stdout
    out.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    out.write("\n")


def emit_line(text: str = "", stream: TextIO | None = None) -> None:
    """Write one line of human-readable output."""
    print(text, file=stream or sys.stdout)


def emit_error(text: str) -> None:
    """Write a message for the user to standard error."""
    print(f"pressdesk: {text}", file=sys.stderr)


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def emit_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    stream: TextIO | None = None,
) -> None:
    """Write rows as an aligned table; ``columns`` pairs a key with its heading."""
    if not rows:
        emit_line("(none)", stream)
        return
    cells = [
        [("" if row.get(key) is None else str(row.get(key))) for key, _ in columns] for row in rows
    ]
    widths = [
        max(display_width(heading), *(display_width(c[i]) for c in cells))
        for i, (_, heading) in enumerate(columns)
    ]
    emit_line(
        "  ".join(_pad(h, w) for (_, h), w in zip(columns, widths, strict=True)).rstrip(), stream
    )
    emit_line("  ".join("-" * w for w in widths), stream)
    for row_cells in cells:
        emit_line(
            "  ".join(_pad(c, w) for c, w in zip(row_cells, widths, strict=True)).rstrip(), stream
        )
