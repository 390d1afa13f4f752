"""Fast pickling for the small value classes that cross process boundaries in bulk.

A bulk import sends every row to a validation worker and every validated row back. A
``slots`` dataclass pickles through a generic ``__getstate__`` that builds a dict per
object (~100 µs for a validated contact here); reducing to the constructor and a tuple
of field values is several times faster and keeps the importer's main process free to
write.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T", bound=type)


def fast_pickle(cls: T) -> T:
    """Class decorator (put above ``@dataclass(slots=True)``): pickle as ``cls(*fields)``."""
    names = tuple(f.name for f in dataclasses.fields(cls))  # the __init__ arguments, in order

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:  # noqa: N807 - pickle protocol
        return cls, tuple([getattr(self, name) for name in names])

    cls.__reduce__ = __reduce__  # type: ignore[assignment, method-assign]
    return cls
