"""claim assignee: who on the desk a claim is assigned to (NULL when nobody)

Revision ID: 0004_assignment
Revises: 0003_factcheck_archive
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_assignment"
down_revision: str | None = "0003_factcheck_archive"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain nullable ADD COLUMN: no table rebuild on SQLite, no rewrite on PostgreSQL.
    op.add_column("claim", sa.Column("assignee", sa.String(), nullable=True))
    op.create_index("ix_claim_assignee", "claim", ["assignee", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_claim_assignee", table_name="claim")
    with op.batch_alter_table("claim") as batch_op:
        batch_op.drop_column("assignee")
