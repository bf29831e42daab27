"""The one place that opens databases and sets SQLite up (PostgreSQL needs only its URL).

``open_database`` resolves where the database lives (``--db``, ``FACTCHECK_DB``, ``./factcheck.db``;
a path or a full SQLAlchemy URL), refuses files that are not factcheck databases before touching
them, and brings the schema to the newest Alembic revision. A file that this process cannot write
(or whose folder it cannot write: SQLite needs it for its journal) is opened read-only through
SQLite's ``mode=ro`` URI, so it can still be read; a change then fails with ``ReadOnlyDatabaseError``.
Nothing here runs at import time.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session

from db.dialect import is_permission_refusal
from factcheck.errors import (
    DatabaseLockedError,
    NotAFactcheckDatabase,
    NotAllowedError,
    ReadOnlyDatabaseError,
    SchemaVersionError,
    StorageError,
)

__all__ = [
    "DEFAULT_DB",
    "Database",
    "connect_read_only",
    "database_url",
    "display_name",
    "is_read_only",
    "open_database",
]

DEFAULT_DB = "factcheck.db"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000  # how long a writer waits for another one before giving up
_OUR_TABLES = {"article", "claim", "factcheck_meta"}


def database_url(db: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from ``db``, else ``FACTCHECK_DB``, else ``./factcheck.db``."""
    target = str(db) if db is not None else os.environ.get("FACTCHECK_DB") or DEFAULT_DB
    if "://" in target:
        return target
    if target == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(target).expanduser()}"


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _check_file(path: Path) -> None:
    """Refuse a file that is not SQLite, or SQLite without our tables, before any write."""
    if not path.exists():
        if not path.parent.exists():
            raise StorageError(f"{path}: the folder {path.parent} does not exist")
        return
    if path.is_dir():
        raise NotAFactcheckDatabase(f"{path}: is a directory, not a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as exc:
        raise StorageError(f"{path}: cannot read the database file ({exc.strerror})") from exc
    if not header:
        return  # an empty file is a new database
    if header != SQLITE_HEADER:
        raise NotAFactcheckDatabase(f"{path}: not a factcheck database (not an SQLite file)")
    try:
        conn = connect_read_only(path, timeout=2)
        try:
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            raise DatabaseLockedError(f"{path}: the database is locked by another program") from exc
        raise NotAFactcheckDatabase(f"{path}: not a readable SQLite database ({exc})") from exc
    except sqlite3.DatabaseError as exc:
        raise NotAFactcheckDatabase(f"{path}: not a factcheck database ({exc})") from exc
    if names and not names >= _OUR_TABLES:
        raise NotAFactcheckDatabase(
            f"{path}: an SQLite database, but not a factcheck one (tables: {', '.join(sorted(names)[:5])})"
        )


def is_read_only(path: Path) -> bool:
    """Can this process not write the database file, or the folder where SQLite keeps its journal?"""
    if not path.exists():
        return False
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def connect_read_only(path: Path, *, timeout: float = BUSY_TIMEOUT_MS / 1000) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``). A WAL database in a folder nobody may write has no
    ``-shm`` file to share, so it is then opened as ``immutable`` (nobody can be changing it)."""
    base = f"file:{quote(str(path.resolve()))}?mode=ro"
    conn = sqlite3.connect(base, uri=True, timeout=timeout, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if os.access(path.parent, os.W_OK):
            raise
    return sqlite3.connect(f"{base}&immutable=1", uri=True, timeout=timeout, check_same_thread=False)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()


class Database:
    """An open database: the engine plus session and transaction helpers."""

    def __init__(self, engine: Engine, url: str, *, read_only: bool = False) -> None:
        self.engine = engine
        self.url = url
        self.read_only = read_only  # opened with mode=ro: reading works, every change is refused

    @property
    def path(self) -> Path | None:
        return _sqlite_path(self.url)

    @property
    def where(self) -> str:
        """How messages name this database: the file, or the server URL without its password."""
        return display_name(self.url)

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One session, committed on success and rolled back on any error."""
        with translate_errors(self.where), self.session() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def translate_errors(place: Path | str | None) -> Iterator[None]:
    """Turn driver errors about locks and foreign files into our own one-line errors."""
    where = str(place) if place else "database"
    try:
        yield
    except OperationalError as exc:
        text = str(exc.orig)
        if "readonly" in text or "read-only" in text:
            raise ReadOnlyDatabaseError(
                f"{where}: the database is read-only (the file or its folder cannot be written); "
                "reading works, changes cannot be saved"
            ) from exc
        if "locked" in text or "busy" in text:
            raise DatabaseLockedError(
                f"{where}: the database is locked by another program; try again when it is done"
            ) from exc
        if "no such table" in text:
            raise NotAFactcheckDatabase(f"{where}: not a factcheck database ({text})") from exc
        raise StorageError(f"{where}: {' '.join(text.split())}") from exc
    except DatabaseError as exc:
        if is_permission_refusal(exc.orig):
            raise NotAllowedError(f"{where}: {refusal_message(exc)}") from exc
        raise StorageError(f"{where}: {' '.join(str(exc.orig).split())}") from exc


def open_database(db: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Database:
    """Open (and create or upgrade) the factcheck database at ``db``; read-only if it cannot be written."""
    url = database_url(db)
    path = _sqlite_path(url)
    if path is not None:
        _check_file(path)
        if is_read_only(path):
            return _open_read_only(url, path)
    engine = _create_engine(url)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    database = Database(engine, url)
    with translate_errors(database.where):
        if engine.dialect.name == "sqlite" and path is not None:
            with engine.connect() as conn:  # WAL once, outside any transaction
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        if migrate:
            from db.migrate import upgrade

            upgrade(engine, where=database.where)
        elif not set(inspect(engine).get_table_names()) >= _OUR_TABLES:
            raise NotAFactcheckDatabase(f"{database.where}: not a factcheck database")
    return database


def display_name(url: str) -> str:
    """A database as messages name it: an SQLite file's path, else the URL with its password hidden."""
    path = _sqlite_path(url)
    if path is not None:
        return str(path)
    return make_url(url).render_as_string(hide_password=True)


def _create_engine(url: str) -> Engine:
    """An engine for ``url``; a server URL whose driver is not installed is one clear error."""
    if make_url(url).get_backend_name() == "sqlite":
        return create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    try:
        return create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise StorageError(
            f"{display_name(url)}: the database driver {exc.name!r} is not "
            "installed; for PostgreSQL install factcheck[postgres] (psycopg 3)"
        ) from exc


def _open_read_only(url: str, path: Path) -> Database:
    """A database this process cannot write: opened with ``mode=ro``; its schema must already be current."""
    from db.migrate import check_revision, head_revision

    engine = create_engine(url, creator=lambda: connect_read_only(path))  # the URL picks the pool; ro connects
    database = Database(engine, url, read_only=True)
    with translate_errors(path), engine.connect() as conn:
        if not set(inspect(conn).get_table_names()) >= _OUR_TABLES:
            raise NotAFactcheckDatabase(f"{path}: not a factcheck database")
        current = check_revision(conn, str(path))
        if current != (head_revision(),):
            raise SchemaVersionError(
                f"{path}: the database needs a schema upgrade, which a read-only file cannot take; "
                "copy it somewhere writable and open the copy"
            )
    return database


def refusal_message(exc: DatabaseError) -> str:
    """What the role was refused, in the desk's words (a checker assigning, publishing; history edits)."""
    diag = getattr(exc.orig, "diag", None)
    message = str(getattr(diag, "message_primary", None) or exc.orig).strip()
    statement = " ".join(str(exc.statement or "").split()).lower()
    if "editor" in message:
        return f"not allowed for a checker: {message}"
    if "assignee" in statement:
        return "not allowed for a checker: assigning claims needs the factcheck_editor role"
    if "audit_log" in statement and (statement.startswith(("update", "delete", "truncate"))):
        return "not allowed for any role: the history is insert-only (no change or deletion)"
    return f"not allowed for this database role: {message}"
