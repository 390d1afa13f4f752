"""What an import did (or, in a dry run, would do), in the shape every importer reports."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from services.problems import InputRejected, Problem, Severity

COUNTED = (
    "releases",
    "organizations",
    "contacts",
    "phones",
    "emails",
    "media_contacts",
    "spokespeople",
    "merged",
)
MAX_LISTED_MERGES = 1000


@dataclass
class ImportReport:
    """The outcome of one import: whether it was written, what was created, every problem."""

    source: str
    written: bool = False
    created: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    release_id: int | None = None
    merged: list[str] = field(default_factory=list)
    cancelled: bool = False

    @property
    def has_errors(self) -> bool:
        """True when at least one value was rejected."""
        return any(p.severity == Severity.ERROR for p in self.problems)

    def note_merge(self, description: str) -> None:
        """Record that an incoming contact was merged into an existing one."""
        self.created["merged"] += 1
        if len(self.merged) < MAX_LISTED_MERGES:
            self.merged.append(description)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the command line's ``import``."""
        return {
            "written": self.written,
            "created": {key: self.created.get(key, 0) for key in COUNTED},
            "problems": [p.to_dict() for p in self.problems],
            "release_id": self.release_id,
            "merged": self.merged,
            "cancelled": self.cancelled,
        }


def rejection_report(source: str, error: InputRejected) -> ImportReport:
    """The report of an import refused as a whole (nothing written)."""
    problems = error.problems or [
        Problem(Severity.ERROR, source, "file", source, error.message, None)
    ]
    return ImportReport(source=source, problems=list(problems))
