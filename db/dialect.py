"""Every difference between the SQLite and PostgreSQL backends, one function or construct each.

The rest of ``db/`` writes one query for both; where the SQL must differ, it uses a construct from
here that compiles per dialect (SQLAlchemy's ``@compiles``), or calls a function that asks which
backend it is talking to. Migrations keep their own dialect branches (a revision is frozen in time).

- Text search: SQLite has the ``claim_fts`` FTS5 table (unicode61 tokens over ``claim.norm_text``);
  PostgreSQL has a GIN index over ``to_tsvector('factcheck_search', norm_text)`` (the 'simple'
  configuration plus ``unaccent``, as FTS5's ``remove_diacritics`` folds accents). Both are fed the same
  ``normalize_for_matching`` text, and the user's words are a bound parameter on both: FTS5 gets each
  token quoted as a phrase, PostgreSQL gets ``plainto_tsquery``, so input is never query syntax.
- A nullable date as a sort key: SQLite compares ``coalesce(published, '')`` as text; PostgreSQL
  needs the date cast to text first.
- Explicit ids: PostgreSQL's identity sequences do not see rows written with their own ids.
- The insert-only history (migration 0006): triggers on both; replacing a whole database
  (``db copy --force``) pauses them inside its own transaction, which SQLite does by dropping and
  re-creating them and PostgreSQL by disabling them (the table owner's right).
- Permission refusals: PostgreSQL's ``insufficient_privilege`` (a desk role's grant or trigger).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    String,
    Table,
    bindparam,
    cast,
    column,
    func,
    literal,
    literal_column,
    select,
    table,
)
from sqlalchemy.dialects.postgresql import REGCONFIG
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import Boolean
from sqlmodel import Session

from factcheck.text import normalize_for_matching

__all__ = [
    "SEARCH_CONFIG",
    "TextKey",
    "fts_query",
    "history_guard_paused",
    "is_permission_refusal",
    "matches_search",
    "search_terms",
    "sync_id_sequence",
]

SEARCH_CONFIG = "factcheck_search"  # PostgreSQL (migration 0001): 'simple' plus unaccent; no stemming, no stop words
_FTS = table("claim_fts", column("rowid"), column("norm_text"))  # SQLite's FTS5 index of claim.norm_text


def search_terms(search: str) -> list[str]:
    """The user's search box as normalised tokens (the same folding as ``claim.norm_text``)."""
    return normalize_for_matching(search).split()


def fts_query(search: str) -> str | None:
    """The FTS5 MATCH expression for a user's search box, or None when nothing searchable is left."""
    tokens = search_terms(search)
    if not tokens:
        return None
    return " ".join('"' + token.replace('"', '""') + '"' for token in tokens)


class _ClaimMatches(ColumnElement[bool]):
    """``claim`` row matches every normalised token of a search (compiled per backend)."""

    type = Boolean()
    inherit_cache = False

    def __init__(self, claim_id: Any, norm_text: Any, search: str) -> None:
        self.claim_id = claim_id
        self.norm_text = norm_text
        self.search = search


@compiles(_ClaimMatches, "sqlite")
def _claim_matches_sqlite(element: _ClaimMatches, compiler: Any, **kw: Any) -> str:
    match = fts_query(element.search) or ""
    inner = select(_FTS.c.rowid).where(_FTS.c.norm_text.op("MATCH")(bindparam("fts_match", match, unique=True)))
    return str(compiler.process(element.claim_id.in_(inner), **kw))


@compiles(_ClaimMatches, "postgresql")
def _claim_matches_postgresql(element: _ClaimMatches, compiler: Any, **kw: Any) -> str:
    text = " ".join(search_terms(element.search))
    # A constant, not a bound parameter: only the very expression of the index lets the planner use it
    # (a bound config made every search walk all claims: 1.2 s instead of 3 ms at 100k).
    config = literal_column(f"'{SEARCH_CONFIG}'::regconfig", REGCONFIG)
    condition = func.to_tsvector(config, element.norm_text).op("@@")(
        func.plainto_tsquery(config, bindparam("ts_query", text, unique=True))
    )
    return str(compiler.process(condition, **kw))


def matches_search(claim_id: Any, norm_text: Any, search: str) -> ColumnElement[bool]:
    """The claims whose normalised text holds every word of ``search``; a search with no words
    matches nothing (callers check ``search_terms`` first)."""
    return _ClaimMatches(claim_id, norm_text, search)


class TextKey(FunctionElement[str]):
    """A nullable date as a text sort key: ``''`` sorts before every ISO date on both backends."""

    type = String()
    inherit_cache = True
    name = "text_key"


@compiles(TextKey, "sqlite")
def _text_key_sqlite(element: TextKey, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return str(compiler.process(func.coalesce(column, literal("")), **kw))


@compiles(TextKey, "postgresql")
def _text_key_postgresql(element: TextKey, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return str(compiler.process(func.coalesce(cast(column, String), literal("")), **kw))


def sync_id_sequence(session: Session, table: Table) -> None:
    """After rows were written with their own ids, move PostgreSQL's id sequence past them.

    SQLite needs nothing: ``AUTOINCREMENT`` already continues after the largest id.
    """
    if session.get_bind().dialect.name != "postgresql" or "id" not in table.c:
        return
    name = table.name
    sequence = func.pg_get_serial_sequence(name, "id")
    largest = select(func.coalesce(func.max(table.c.id), 0)).scalar_subquery()
    session.execute(select(func.setval(sequence, func.greatest(largest, 1), largest > 0)))


_SQLITE_GUARDS = {
    "audit_log_no_update": "BEFORE UPDATE ON audit_log BEGIN SELECT "
    "RAISE(ABORT, 'the history is insert-only: changing it is not allowed'); END",
    "audit_log_no_delete": "BEFORE DELETE ON audit_log BEGIN SELECT "
    "RAISE(ABORT, 'the history is insert-only: deleting from it is not allowed'); END",
}
_PG_GUARDS = ("audit_log_insert_only", "audit_log_no_truncate")


@contextmanager
def history_guard_paused(connection: Connection) -> Iterator[None]:
    """The insert-only triggers of ``audit_log`` off for the block, in the caller's transaction."""
    if connection.dialect.name == "postgresql":
        listed = "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal"
        alter = "ALTER TABLE audit_log {} TRIGGER {}"
        guards = {name: (alter.format("DISABLE", name), alter.format("ENABLE", name)) for name in _PG_GUARDS}
    else:
        listed = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
        guards = {n: (f"DROP TRIGGER {n}", f"CREATE TRIGGER {n} {body}") for n, body in _SQLITE_GUARDS.items()}
    present = set(connection.exec_driver_sql(listed).scalars().all())
    paused = [pair for name, pair in guards.items() if name in present]
    for pause, _ in paused:
        connection.exec_driver_sql(pause)
    yield
    for _, resume in paused:
        connection.exec_driver_sql(resume)


def is_permission_refusal(error: object) -> bool:
    """A driver error meaning the connected role may not do this (a grant or a desk-role trigger)."""
    return getattr(error, "sqlstate", None) == "42501"
