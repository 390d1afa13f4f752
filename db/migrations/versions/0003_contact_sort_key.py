"""contact name sort key (zh-HK collation order) and live-roster indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

``sort_key`` orders names as Qt's zh-HK collator does (stroke count), see
``db/name_order.py``. A roster page in name order (a partial index over live contacts),
or an organisation's contacts and their count, is read from an index alone.

The key is left NULL here: computing it needs the application's collation table, and
``db.name_order.fill_missing_sort_keys`` fills it (in the background) before the roster
is first sorted by name.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LIVE = sa.text("deleted_at IS NULL")


def upgrade() -> None:
    op.add_column("contact", sa.Column("sort_key", sa.LargeBinary(), nullable=True))
    op.create_index(
        "ix_contact_live_name",
        "contact",
        ["sort_key", "id"],
        sqlite_where=_LIVE,
        postgresql_where=_LIVE,
    )
    op.create_index(
        "ix_contact_organization_live_name",
        "contact",
        ["organization_id", "deleted_at", "sort_key", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_contact_organization_live_name", table_name="contact")
    op.drop_index("ix_contact_live_name", table_name="contact")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("sort_key")
