"""fact-check title vectors: the sentence vector of a fact-check's title, beside its claim's

Revision ID: 0007_factcheck_title_vector
Revises: 0006_history_insert_only
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_factcheck_title_vector"
down_revision: str | None = "0006_history_insert_only"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("factcheck") as batch:
        batch.add_column(sa.Column("title_vector", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("factcheck") as batch:
        batch.drop_column("title_vector")
