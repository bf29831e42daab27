"""fact-check archive and prior matches

Revision ID: 0003_factcheck_archive
Revises: 0001
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import db.types

revision: str = "0003_factcheck_archive"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STR = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "factcheck",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("rating", _STR(), nullable=False),
        sa.Column("rating_original", _STR(), nullable=True),
        sa.Column("fact_checker", _STR(), nullable=True),
        sa.Column("url", _STR(), nullable=True),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("language", _STR(), nullable=False),
        sa.Column("external_id", _STR(), nullable=True),
        sa.Column("origin", _STR(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("dedup_key", _STR(), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("title_terms", sa.Text(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=True),
        sa.Column("imported_at", db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dedup_key"),
        sa.UniqueConstraint("url"),
    )
    with op.batch_alter_table("factcheck", schema=None) as batch_op:
        batch_op.create_index("ix_factcheck_claim", ["claim_id"], unique=True)

    op.create_table(
        "prior_match",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("factcheck_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("features", sa.JSON(), nullable=False),
        sa.Column("status", _STR(), nullable=False),
        sa.Column("reviewer", _STR(), nullable=True),
        sa.Column("decided_at", db.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", db.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["factcheck_id"], ["factcheck.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("claim_id", "factcheck_id", name="uq_prior_match_pair"),
    )
    with op.batch_alter_table("prior_match", schema=None) as batch_op:
        batch_op.create_index("ix_prior_match_factcheck", ["factcheck_id"], unique=False)

    # The candidate step: BM25 over the stemmed content terms (already folded, so no further folding).
    # PostgreSQL: a GIN index over the same terms' tsvector ('simple': no stemming, no stop words).
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_factcheck_terms_tsv ON factcheck "
            "USING gin (to_tsvector('simple'::regconfig, terms || ' ' || title_terms))"
        )
        return
    op.execute(
        "CREATE VIRTUAL TABLE factcheck_fts USING fts5(terms, title_terms, content='factcheck', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
    )
    op.execute(
        "CREATE TRIGGER factcheck_fts_ai AFTER INSERT ON factcheck BEGIN "
        "INSERT INTO factcheck_fts(rowid, terms, title_terms) VALUES (new.id, new.terms, new.title_terms); END"
    )
    op.execute(
        "CREATE TRIGGER factcheck_fts_ad AFTER DELETE ON factcheck BEGIN "
        "INSERT INTO factcheck_fts(factcheck_fts, rowid, terms, title_terms) "
        "VALUES ('delete', old.id, old.terms, old.title_terms); END"
    )
    op.execute(
        "CREATE TRIGGER factcheck_fts_au AFTER UPDATE OF terms, title_terms ON factcheck BEGIN "
        "INSERT INTO factcheck_fts(factcheck_fts, rowid, terms, title_terms) "
        "VALUES ('delete', old.id, old.terms, old.title_terms); "
        "INSERT INTO factcheck_fts(rowid, terms, title_terms) VALUES (new.id, new.terms, new.title_terms); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_factcheck_terms_tsv")
    for trigger in ("factcheck_fts_au", "factcheck_fts_ad", "factcheck_fts_ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS factcheck_fts")
    with op.batch_alter_table("prior_match", schema=None) as batch_op:
        batch_op.drop_index("ix_prior_match_factcheck")
    op.drop_table("prior_match")
    with op.batch_alter_table("factcheck", schema=None) as batch_op:
        batch_op.drop_index("ix_factcheck_claim")
    op.drop_table("factcheck")
