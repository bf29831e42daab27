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
    if op.get_bind().dialect.name == "postgresql":
        # Live refresh (db/live.py): one NOTIFY per statement that writes history; identical payloads
        # within a transaction are folded into one by PostgreSQL. SQLite uses PRAGMA data_version instead.
        op.execute(
            "CREATE FUNCTION factcheck_notify_change() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN PERFORM pg_notify('factcheck_changes', ''); RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_notify AFTER INSERT ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION factcheck_notify_change()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_notify ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS factcheck_notify_change()")
    op.drop_index("ix_claim_assignee", table_name="claim")
    with op.batch_alter_table("claim") as batch_op:
        batch_op.drop_column("assignee")
