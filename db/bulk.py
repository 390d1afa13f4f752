"""Fast bulk inserts for importers: one driver-level executemany per batch.

SQLAlchemy Core's ``executemany`` builds a parameter dict per row in Python (~20 µs a
row here); an importer that must keep pace with validation cannot afford that. This
applies each column's own bind processor (so values are stored exactly as the ORM would
store them, e.g. UTC timestamps) and hands plain tuples to the driver.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table


def bulk_insert(
    connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (tuples in ``columns`` order) into ``table`` in one executemany."""
    if not rows:
        return
    dialect = connection.dialect
    processors = [table.c[name].type.bind_processor(dialect) for name in columns]
    if any(processors):
        rows = [
            tuple(
                p(v) if p is not None and v is not None else v
                for p, v in zip(processors, row, strict=True)
            )
            for row in rows
        ]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join([mark] * len(columns))})"
    )
    connection.exec_driver_sql(sql, list(rows))
