"""a contact's phones and e-mails indexed in their order: (contact_id, position) replaces
(contact_id)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06

Exports read a page's phones and e-mails by a contact id range, in each contact's order
(position, then id). With contact_id alone indexed, SQLite sorted every page's rows in a
temporary B-tree; with the position in the index (and the row id after it, as in every
SQLite index) the rows come in that order. At 100 000 contacts that was ~30 % of reading
the values (220 -> 145 ms for the phones, 148 -> 90 ms for the e-mails). A look-up by
contact alone still uses the index (its first column), so nothing needed the old ones.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("contact_phone", "contact_email"):
        op.drop_index(f"ix_{table}_contact_id", table_name=table)
        op.create_index(f"ix_{table}_contact_position", table, ["contact_id", "position"])


def downgrade() -> None:
    for table in ("contact_phone", "contact_email"):
        op.drop_index(f"ix_{table}_contact_position", table_name=table)
        op.create_index(f"ix_{table}_contact_id", table, ["contact_id"])
