"""drop ix_contact_organization_id (a prefix of ix_contact_organization_live_name)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

Every query that used the single-column index can use the composite one of 0003, whose
first column is the same; keeping both made every contact insert pay for two indexes
(the bulk importer's largest cost after full-text indexing).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_contact_organization_id", table_name="contact")


def downgrade() -> None:
    op.create_index("ix_contact_organization_id", "contact", ["organization_id"], unique=False)
