"""Bulk inserts that hand back the new rows' ids: the import's hot path, fast on both backends.

SQLite takes the first row through ``INSERT … RETURNING`` and the rest, with the ids that follow,
in one ``executemany`` on the driver's cursor. On PostgreSQL a multi-row ``INSERT`` is slow on the
client: psycopg parses every 1,000-row ``VALUES`` text in Python, which halved the import rate.
There the ids are drawn from the table's own sequence in one query and the rows go through ``COPY``
with them. On both, values are converted by each column's SQLAlchemy type exactly as an ``INSERT``
would bind them. Both paths run in the caller's transaction and return the ids in the
order of ``rows``, increasing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any

from sqlalchemy import Column, Table, func, insert, select
from sqlalchemy.engine import Dialect
from sqlmodel import Session

__all__ = ["insert_returning_ids"]


def insert_returning_ids(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], *, json_text: Collection[str] = ()
) -> list[int]:
    """Insert ``rows`` (dicts with the same keys, no ``id``) into ``table``; their new ids, in order.

    ``json_text``: JSON columns whose values are given already serialised (``json.dumps``, as the
    column's type would serialise them): an import's workers serialise each claim's slots, which cost
    the importing process more than SQLite took to store them."""
    if not rows:
        return []
    if session.get_bind().dialect.name != "postgresql":
        return _sqlite_with_ids(session, table, rows, json_text)
    return _copy_with_ids(session, table, rows, json_text)


def _sqlite_with_ids(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], json_text: Collection[str]
) -> list[int]:
    """The first row through ``INSERT … RETURNING``, the rest with the ids that follow it in one
    ``executemany`` on the driver's cursor, values converted by each column's SQLAlchemy type as an
    ``INSERT`` would bind them (SQLAlchemy's own ``executemany`` spent more time building each row's
    parameters than SQLite took to store it). SQLAlchemy cannot order a multi-row RETURNING on SQLite
    and sent one statement per row. The first insert takes SQLite's one write lock, so nobody else can
    take the next ids."""
    first_row = rows[0]
    if json_text:  # as the column's type takes it: the Python value
        first_row = {**first_row, **{name: json.loads(first_row[name]) for name in json_text}}
    first = int(session.execute(insert(table).returning(table.c.id), [first_row]).scalar_one())
    ids = list(range(first, first + len(rows)))
    if len(rows) > 1:
        connection = session.connection()
        names, values = _bound_rows(table, connection.dialect, ids[1:], rows[1:], json_text)
        marks = ", ".join("?" * (len(names) - 1))
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(f"INSERT INTO {names[0]} ({', '.join(names[1:])}) VALUES ({marks})", values)
        finally:
            cursor.close()
    return ids


def _copy_with_ids(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], json_text: Collection[str]
) -> list[int]:
    sequence = func.pg_get_serial_sequence(table.name, "id")
    drawn = select(func.nextval(sequence)).select_from(func.generate_series(1, len(rows)))
    ids = sorted(int(i) for i in session.execute(drawn).scalars())
    connection = session.connection()
    names, values = _bound_rows(table, connection.dialect, ids, rows, json_text)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY {names[0]} ({', '.join(names[1:])}) FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)
    return ids


def _bound_rows(
    table: Table, dialect: Dialect, ids: Sequence[int], rows: Sequence[dict[str, Any]], json_text: Collection[str] = ()
) -> tuple[list[str], Iterator[list[Any]]]:
    """The quoted table name then its quoted column names (id, the rows' keys, then the columns with a
    client-side default), and each row's values as an ``INSERT`` would bind them (``json_text``
    columns: as given). A value repeated from the row before (a batch's one timestamp) is converted once."""
    given = list(rows[0])
    columns = [table.c.id, *(table.c[name] for name in given), *_defaulted(table, given)]
    filled = [_default_of(column) for column in columns[1 + len(given) :]]
    convert = [None if column.name in json_text else _bind(column, dialect) for column in columns]
    quote = dialect.identifier_preparer.quote
    names = [dialect.identifier_preparer.format_table(table), *(quote(column.name) for column in columns)]

    def bound() -> Iterator[list[Any]]:
        last: list[Any] = [_NOTHING] * len(columns)
        done: list[Any] = [None] * len(columns)
        for row_id, row in zip(ids, rows, strict=True):
            values = [row_id, *(row[name] for name in given), *(fill() for fill in filled)]
            for n, (fn, value) in enumerate(zip(convert, values, strict=True)):
                if fn is not None:
                    if value is not last[n]:
                        last[n], done[n] = value, fn(value)
                    values[n] = done[n]
            yield values

    return names, bound()


_NOTHING = object()


def _defaulted(table: Table, given: list[str]) -> list[Column[Any]]:
    """Columns the rows leave out that SQLAlchemy would fill from a client-side default."""
    return [c for c in table.columns if c.name != "id" and c.name not in given and c.default is not None]


def _default_of(column: Column[Any]) -> Callable[[], Any]:
    default: Any = column.default
    if default.is_callable:
        return lambda: default.arg(None)
    if default.is_scalar:
        return lambda: default.arg
    raise ValueError(f"{column}: a default that bulk inserts cannot compute")


def _bind(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """How an ``INSERT`` would convert a Python value for this column (None when it passes as is)."""
    return column.type._cached_bind_processor(dialect)  # the one SQLAlchemy's own INSERT uses
