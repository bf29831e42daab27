"""history insert-only; on PostgreSQL the desk roles' history names the connected role, publishing needs an editor

Revision ID: 0006_history_insert_only
Revises: 0005_claim_vectors
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006_history_insert_only"
down_revision: str | None = "0005_claim_vectors"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Both backends: UPDATE and DELETE on audit_log are refused for everyone (``factcheck db copy --force``
# pauses these triggers inside its own transaction, db.dialect.history_guard_paused).
SQLITE = [
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'the history is insert-only: changing it is not allowed'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'the history is insert-only: deleting from it is not allowed'); END",
]

# A member of a desk role (``factcheck db roles``) is a checker unless also an editor. The roles may not
# exist yet: the functions look them up by name at run time.
# (A superuser counts as a member of every role, so it is left out: the owner's declared name is kept.)
_DESK = (
    "SELECT 1 FROM pg_roles r, pg_roles u WHERE u.rolname = session_user AND NOT u.rolsuper "
    "AND r.rolname = ANY({}) AND pg_has_role(u.oid, r.oid, 'MEMBER')"
)
_ANY_DESK = _DESK.format("ARRAY['factcheck_checker', 'factcheck_editor']")
_CHECKER = _DESK.format("ARRAY['factcheck_checker']")
_EDITOR = _DESK.format("ARRAY['factcheck_editor']")
POSTGRESQL = [
    "CREATE FUNCTION factcheck_history_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "RAISE EXCEPTION 'the history is insert-only: % on audit_log is not allowed', TG_OP "
    "USING ERRCODE = 'insufficient_privilege'; END $$",
    "CREATE TRIGGER audit_log_insert_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION factcheck_history_insert_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION factcheck_history_insert_only()",
    # Who did what: a desk login cannot write another name into the history, a verdict or a source link.
    "CREATE FUNCTION factcheck_history_reviewer() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"IF EXISTS ({_ANY_DESK}) THEN "
    "NEW.reviewer := session_user; END IF; RETURN NEW; END $$",
    *(
        f"CREATE TRIGGER {table}_reviewer BEFORE INSERT ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION factcheck_history_reviewer()"
        for table in ("audit_log", "verdict", "claim_source")
    ),
    # Publishing is an editor's step; column grants cannot tell one status value from another.
    "CREATE FUNCTION factcheck_publish_needs_editor() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"IF EXISTS ({_CHECKER}) "
    f"AND NOT EXISTS ({_EDITOR}) THEN "
    "RAISE EXCEPTION 'publishing a claim needs the factcheck_editor role' "
    "USING ERRCODE = 'insufficient_privilege'; END IF; RETURN NEW; END $$",
    "CREATE TRIGGER claim_publish_needs_editor BEFORE UPDATE OF status ON claim FOR EACH ROW "
    "WHEN (NEW.status = 'published' AND OLD.status IS DISTINCT FROM 'published') "
    "EXECUTE FUNCTION factcheck_publish_needs_editor()",
]


def upgrade() -> None:
    for statement in POSTGRESQL if op.get_bind().dialect.name == "postgresql" else SQLITE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS claim_publish_needs_editor ON claim")
        for table in ("verdict", "claim_source"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_reviewer ON {table}")
        for name in ("audit_log_reviewer", "audit_log_no_truncate", "audit_log_insert_only"):
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON audit_log")
        for name in ("publish_needs_editor", "history_reviewer", "history_insert_only"):
            op.execute(f"DROP FUNCTION IF EXISTS factcheck_{name}()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
