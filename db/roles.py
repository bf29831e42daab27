"""The desk's PostgreSQL roles: ``factcheck_checker`` and ``factcheck_editor``, and logins in them.

A checker imports, edits claims, proposes verdicts and attaches sources; an editor also assigns and
publishes. The grants say what each may write: no role may UPDATE or DELETE the history, a checker
may update every claim column but ``assignee``, and migration 0006's triggers refuse publishing to a
checker, refuse any change to the history, and record the connected role as the reviewer of every
history row a desk login writes. Run ``factcheck db roles`` again after a migration adds a table or
a column, so the grants cover it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlmodel import Session

from db.engine import Database
from factcheck.errors import InvalidValueError, NotAllowedError, StorageError

__all__ = ["CHECKER", "EDITOR", "ROLES", "RolesOutcome", "add_login", "create_roles", "desk_role", "require_editor"]

CHECKER = "factcheck_checker"
EDITOR = "factcheck_editor"
ROLES = {"checker": CHECKER, "editor": EDITOR}
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_EDITOR_ONLY_COLUMNS = {"assignee"}
_READ_ONLY_TABLES = {"alembic_version"}


@dataclass(frozen=True, slots=True)
class RolesOutcome:
    created: list[str]
    tables: int


def _postgresql(database: Database) -> None:
    if database.engine.dialect.name != "postgresql":
        raise InvalidValueError(
            f"{database.where}: desk roles need a PostgreSQL database (an SQLite file has no roles; "
            "the reviewer name is what --reviewer says)"
        )


def _ensure_role(conn: Connection, name: str, *, login: bool = False) -> bool:
    if conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(n)s", {"n": name}).first():
        return False
    conn.exec_driver_sql(f'CREATE ROLE "{name}" {"LOGIN" if login else "NOLOGIN"}')
    return True


def create_roles(database: Database) -> RolesOutcome:
    """Create both roles if missing and (re)grant them every table of the database, in one transaction."""
    _postgresql(database)
    with database.engine.begin() as conn:
        created = [name for name in (CHECKER, EDITOR) if _ensure_role(conn, name)]
        tables = list(
            conn.exec_driver_sql(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
            ).scalars()
        )
        both = f"{CHECKER}, {EDITOR}"
        conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA {_schema(conn)} TO {both}")
        conn.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {_schema(conn)} TO {both}")
        for table in tables:
            quoted = f'"{table}"'
            conn.exec_driver_sql(f"REVOKE ALL ON {quoted} FROM {both}")
            if table in _READ_ONLY_TABLES:
                conn.exec_driver_sql(f"GRANT SELECT ON {quoted} TO {both}")
            elif table == "audit_log":  # the history: read and append, nothing else
                conn.exec_driver_sql(f"GRANT SELECT, INSERT ON {quoted} TO {both}")
            elif table == "claim":
                conn.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {quoted} TO {EDITOR}")
                conn.exec_driver_sql(f"GRANT SELECT, INSERT, DELETE ON {quoted} TO {CHECKER}")
                columns = ", ".join(f'"{c}"' for c in _columns(conn, table) if c not in _EDITOR_ONLY_COLUMNS)
                conn.exec_driver_sql(f"GRANT UPDATE ({columns}) ON {quoted} TO {CHECKER}")
            else:
                conn.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {quoted} TO {both}")
    return RolesOutcome(created=created, tables=len(tables))


def add_login(database: Database, name: str, role: str, *, password: str | None = None) -> bool:
    """A login for one reviewer in ``role`` (checker or editor); True when the login was new."""
    _postgresql(database)
    if role not in ROLES:
        raise InvalidValueError(f"unknown role {role!r}; choose checker or editor")
    if not _NAME.fullmatch(name) or name.startswith("pg_") or name in ROLES.values():
        raise InvalidValueError(
            f"{name!r} cannot be a login name: use lower-case letters, digits and _ (up to 63), not pg_…"
        )
    with database.engine.begin() as conn:
        if not conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(n)s", {"n": ROLES[role]}).first():
            raise StorageError(f"{database.where}: the desk roles do not exist yet; run `factcheck db roles` first")
        created = _ensure_role(conn, name, login=True)
        for other in ROLES.values():
            if other != ROLES[role]:
                conn.exec_driver_sql(f'REVOKE {other} FROM "{name}"')
        conn.exec_driver_sql(f'GRANT {ROLES[role]} TO "{name}"')
        if password is not None:
            literal = "'" + password.replace("'", "''") + "'"  # standard_conforming_strings is on since 9.1
            conn.exec_driver_sql(f'ALTER ROLE "{name}" PASSWORD {literal}'.replace("%", "%%"))
    return created


def desk_role(session: Session) -> str | None:
    """``editor`` or ``checker`` for a desk login on PostgreSQL; None for the owner, a superuser, SQLite."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    row = session.execute(
        text(
            "SELECT u.rolsuper, pg_has_role(u.oid, e.oid, 'MEMBER'), pg_has_role(u.oid, c.oid, 'MEMBER') "
            "FROM pg_roles u, pg_roles e, pg_roles c "
            "WHERE u.rolname = session_user AND e.rolname = :editor AND c.rolname = :checker"
        ),
        {"editor": EDITOR, "checker": CHECKER},
    ).first()
    if row is None or row[0]:  # no desk roles in this cluster, or a superuser
        return None
    return "editor" if row[1] else "checker" if row[2] else None


def require_editor(session: Session, action: str) -> None:
    """Refuse ``action`` to a checker's login (a step the grants cannot tell apart from reading)."""
    if desk_role(session) == "checker":
        raise NotAllowedError(f"not allowed for a checker: {action} needs the factcheck_editor role")


def _schema(conn: Connection) -> str:
    return f'"{conn.exec_driver_sql("SELECT current_schema()").scalar_one()}"'


def _columns(conn: Connection, table: str) -> list[str]:
    return list(
        conn.exec_driver_sql(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %(t)s ORDER BY ordinal_position",
            {"t": table},
        ).scalars()
    )
