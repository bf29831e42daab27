"""Copy a whole factcheck database to another one, SQLite ↔ PostgreSQL, keeping every id.

Generic on purpose: every table the two (migrated) databases share is copied, in foreign-key order
(``MetaData.sorted_tables``), so tables added by later migrations travel without changes here.
Tables this code knows a model for are read and written through the model's types (aware UTC times,
JSON); any other table through its reflected columns. Not copied: ``alembic_version`` (each side
records its own migrations) and SQLite's FTS5 index (``claim_fts`` and its shadow tables), which is
rebuilt from ``claim.norm_text`` at the end; PostgreSQL's search index follows its table by itself.

All of the destination is written in one transaction: a failure leaves it as it was. At the end the
rows of every table are counted on both sides, and any difference is an error naming the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, MetaData, Table, delete, func, insert, select, text
from sqlmodel import Session, SQLModel

import db.models  # noqa: F401  (registers the model tables in SQLModel.metadata)
from db.dialect import history_guard_paused, sync_id_sequence
from db.engine import Database
from factcheck.errors import InvalidValueError, StorageError

__all__ = ["BATCH", "CopyResult", "Progress", "copied_tables", "copy_database", "fts5_tables"]

BATCH = 2_000
Progress = Callable[[str, int, int], None]  # (table, rows copied so far, rows in the table)
_SKIPPED = {"alembic_version"}
_FTS5_SHADOWS = ("", "_data", "_idx", "_content", "_docsize", "_config")
_META = "factcheck_meta"  # settings: the source's values replace the destination's (it has its own defaults)


@dataclass(frozen=True, slots=True)
class CopyResult:
    rows: dict[str, int]  # table → rows copied (and found in the destination afterwards)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _reflect(connection: Connection) -> MetaData:
    metadata = MetaData()
    metadata.reflect(bind=connection)
    return metadata


def fts5_tables(connection: Connection) -> list[str]:
    """SQLite's FTS5 indexes (``claim_fts``, and any a later migration adds); none on PostgreSQL."""
    if connection.dialect.name != "sqlite":
        return []
    found = connection.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%fts5%'"))
    return [name for name, sql in found if "VIRTUAL TABLE" in sql.upper()]


def _skipped(*connections: Connection) -> set[str]:
    """Tables never copied: the migration record, and every FTS5 index with its shadow tables."""
    fts = [name for c in connections for name in fts5_tables(c)]
    return _SKIPPED | {name + suffix for name in fts for suffix in _FTS5_SHADOWS}


def copied_tables(source: Connection, destination: Connection) -> list[tuple[Table, Table]]:
    """(read-as, write-as) per table both databases hold, parents before children."""
    skipped = _skipped(source, destination)

    def _wanted(name: str) -> bool:
        return name not in skipped and not name.startswith("sqlite_")

    src, dst = _reflect(source), _reflect(destination)
    missing = sorted(name for name in src.tables if _wanted(name) and name not in dst.tables)
    if missing:
        raise StorageError(
            f"the destination has no table {', '.join(missing)}: open it with the same factcheck version first"
        )
    models = SQLModel.metadata.tables
    out = []
    for table in dst.sorted_tables:
        if not _wanted(table.name) or table.name not in src.tables:
            continue
        known = models.get(table.name)
        if known is not None and set(known.c.keys()) == set(src.tables[table.name].c.keys()):
            out.append((known, known))
        else:  # a table (or a column) this version has no model for
            out.append((src.tables[table.name], table))
    return out


def _count(connection: Connection, table: Table) -> int:
    return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def _order(table: Table) -> list[ColumnElement[Any]]:
    return list(table.primary_key.columns) or list(table.c)


def copy_database(
    source: Database, destination: Database, *, replace: bool = False, progress: Progress | None = None
) -> CopyResult:
    """Copy every row of ``source`` into ``destination``; refused when the destination holds data,
    unless ``replace`` (then its rows are deleted first, in the same transaction)."""
    if source.url == destination.url:
        raise InvalidValueError("the source and the destination are the same database")
    if destination.read_only:
        raise StorageError(f"{destination.where} cannot be written")
    rows: dict[str, int] = {}
    with source.engine.connect() as src, destination.engine.begin() as dst:
        if src.dialect.name == "postgresql":  # one consistent snapshot of a database others may be writing
            src.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
        tables = copied_tables(src, dst)
        held = {write.name: n for _, write in tables if write.name != _META and (n := _count(dst, write))}
        if held and not replace:
            shown = ", ".join(f"{n} {name} rows" for name, n in held.items())
            raise StorageError(
                f"{destination.where} is not empty ({shown}); copy into an empty database, "
                "or pass --force to replace what it holds"
            )
        with history_guard_paused(dst):  # replacing a whole database is the one time history goes
            for _, write in reversed(tables):  # children first
                if write.name in held or write.name == _META:
                    dst.execute(delete(write))
        for read, write in tables:
            rows[write.name] = _copy_table(src, dst, read, write, progress)
        with Session(bind=dst) as session:  # joins the copy's transaction
            for _, write in tables:
                sync_id_sequence(session, write)
        for name in fts5_tables(dst):  # each from its content table (the triggers fed it already; be sure)
            dst.execute(text(f'INSERT INTO "{name}"("{name}") VALUES (\'rebuild\')'))
        mismatched = [
            f"{name}: {n} copied, {found} found"
            for name, n in rows.items()
            if (found := _count(dst, next(w for _, w in tables if w.name == name))) != n
        ]
        if mismatched:
            raise StorageError("the copy does not match its source, nothing was kept: " + "; ".join(mismatched))
    return CopyResult(rows)


def _copy_table(src: Connection, dst: Connection, read: Table, write: Table, progress: Progress | None) -> int:
    total = _count(src, read)
    if progress is not None:
        progress(write.name, 0, total)
    names = [c.name for c in read.c if c.name in write.c]
    query = select(*(read.c[n] for n in names)).order_by(*_order(read))
    done = 0
    result = src.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    for batch in result.partitions(BATCH):
        dst.execute(insert(write), [dict(zip(names, row, strict=True)) for row in batch])
        done += len(batch)
        if progress is not None:
            progress(write.name, done, total)
    if done != total:  # rows written to the source while we read it (SQLite has no snapshot across queries)
        raise StorageError(f"{write.name}: {total} rows counted but {done} read; copy again when nobody is writing")
    return done
