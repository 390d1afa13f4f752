"""contact name indexes with the organisation: (name_zh, organization_id) and
(lower(name_en), organization_id) replace the name-only ones

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

An import matches an incoming contact by its name within its organisation. With the
name alone indexed, a common name ("陳志", hundreds of contacts in a large roster) made
every look-up read every contact of that name in every organisation; with the
organisation in the index it reads the one it wants. A query by name alone still uses
the index (its first column), so nothing else needed the old ones.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_contact_name_zh", table_name="contact")
    op.drop_index("ix_contact_name_en_lower", table_name="contact")
    op.create_index("ix_contact_name_zh_organization", "contact", ["name_zh", "organization_id"])
    op.create_index(
        "ix_contact_name_en_lower_organization",
        "contact",
        [sa.text("lower(name_en)"), "organization_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_contact_name_en_lower_organization", table_name="contact")
    op.drop_index("ix_contact_name_zh_organization", table_name="contact")
    op.create_index("ix_contact_name_en_lower", "contact", [sa.text("lower(name_en)")])
    op.create_index("ix_contact_name_zh", "contact", ["name_zh"])
