"""Alembic, driven from code: every open brings the schema to head, never losing data.

Before upgrading, the database's recorded revision is checked against the ones this version knows:
a revision written by a newer factcheck, or an empty revision table beside existing tables, is a
clear ``StorageError`` instead of an Alembic traceback or "table article already exists".
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from factcheck.errors import SchemaVersionError

__all__ = ["alembic_config", "check_revision", "head_revision", "upgrade"]

MIGRATIONS = Path(__file__).with_name("migrations")
_OUR_TABLES = {"article", "claim"}


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def check_revision(connection: Connection, where: str) -> tuple[str, ...]:
    """The database's current revisions, refused when this factcheck cannot work with them."""
    script = ScriptDirectory.from_config(alembic_config())
    known = {revision.revision for revision in script.walk_revisions()}
    current = tuple(MigrationContext.configure(connection).get_current_heads())
    unknown = [revision for revision in current if revision not in known]
    if unknown:
        raise SchemaVersionError(
            f"{where}: this database was written by a newer factcheck (schema revision {', '.join(unknown)}; "
            f"this version knows up to {script.get_current_head()}); upgrade factcheck to open it"
        )
    tables = set(inspect(connection).get_table_names())
    if not current and tables & _OUR_TABLES:
        state = "empty" if "alembic_version" in tables else "missing"
        raise SchemaVersionError(
            f"{where}: the schema revision record (alembic_version) is {state} although the factcheck tables "
            "exist, so it is unknown which schema this is; restore the file from a backup"
        )
    return current


def upgrade(engine: Engine, revision: str = "head", *, where: str = "database") -> None:
    config = alembic_config()
    with engine.begin() as connection:
        check_revision(connection, where)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
