"""inquiry log indexes: pages in display order straight off an index

The inquiry log is read newest first, filtered by one column (status, release,
journalist, outlet, owner). Single-column indexes made the database sort every match
before returning a page, which is slow over 1 000 000 inquiries; each composite index
holds the filter column, then (received_at, id). (status, deadline) answers "overdue"
and "due today". They are partial (live inquiries only, as every query asks), so a page
of ids is read from the index alone. The single-column indexes they replace are dropped
(each is a prefix of a composite one), so writes do not pay for both.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (name, columns) of the indexes this revision adds.
_COMPOSITE = (
    ("ix_inquiry_received", ["received_at", "id"]),
    ("ix_inquiry_status_received", ["status", "received_at", "id"]),
    ("ix_inquiry_status_deadline", ["status", "deadline"]),
    ("ix_inquiry_release_received", ["release_id", "received_at", "id"]),
    ("ix_inquiry_journalist_received", ["journalist_id", "received_at", "id"]),
    ("ix_inquiry_outlet_received", ["outlet_id", "received_at", "id"]),
    ("ix_inquiry_owner_received", ["owner_id", "received_at", "id"]),
)
# (name, column) of the single-column indexes of 0001 that the composites replace.
_REPLACED = (
    ("ix_inquiry_received_at", "received_at"),
    ("ix_inquiry_status", "status"),
    ("ix_inquiry_release_id", "release_id"),
    ("ix_inquiry_journalist_id", "journalist_id"),
    ("ix_inquiry_outlet_id", "outlet_id"),
    ("ix_inquiry_owner_id", "owner_id"),
)


def upgrade() -> None:
    for name, _ in _REPLACED:
        op.drop_index(name, table_name="inquiry")
    live = sa.text("deleted_at IS NULL")
    for name, columns in _COMPOSITE:
        op.create_index(
            name, "inquiry", columns, unique=False, sqlite_where=live, postgresql_where=live
        )


def downgrade() -> None:
    for name, _ in _COMPOSITE:
        op.drop_index(name, table_name="inquiry")
    for name, column in _REPLACED:
        op.create_index(name, "inquiry", [column], unique=False)
