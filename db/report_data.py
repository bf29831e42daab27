"""The review record in and out of the database: ``gather_record`` for reports, ``load_record`` to rebuild.

Both go through SQLAlchemy Core (no ORM objects) because a report may cover every claim stored.
A filtered record (one article, a status, a date) also carries the claims its claims are linked to or
contradict, with their articles, so that it is complete on its own and loads without dangling ids.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Select,
    String,
    Table,
    cast,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    type_coerce,
    union,
)
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session

from db.dialect import sync_id_sequence
from db.models import (
    Article,
    AuditEntry,
    Claim,
    ClaimLink,
    ClaimSource,
    Contradiction,
    Meta,
    Source,
    SourceSnapshot,
    Verdict,
)
from db.review import load_scale
from db.types import UTCDateTime
from factcheck.errors import NotFoundError, StorageError
from factcheck.reports.record import ROW_TABLES, ReviewRecord, Selection

__all__ = ["gather_record", "load_record"]


def _table(model: Any) -> Table:
    return model.__table__  # type: ignore[no-any-return]


ARTICLE, CLAIM, LINK, CONTRADICTION = _table(Article), _table(Claim), _table(ClaimLink), _table(Contradiction)
SOURCE, SNAPSHOT, CLAIM_SOURCE = _table(Source), _table(SourceSnapshot), _table(ClaimSource)
VERDICT, AUDIT, META = _table(Verdict), _table(AuditEntry), _table(Meta)
TABLES: dict[str, Table] = {
    "article": ARTICLE,
    "claim": CLAIM,
    "claim_link": LINK,
    "contradiction": CONTRADICTION,
    "source": SOURCE,
    "source_snapshot": SNAPSHOT,
    "claim_source": CLAIM_SOURCE,
    "verdict": VERDICT,
    "audit_log": AUDIT,
}


def _selected(article_id: int | None, status: str | None, since: date | None) -> Select[Any]:
    query = select(CLAIM.c.id)
    if article_id is not None:
        query = query.where(CLAIM.c.article_id == article_id)
    if status is not None:
        query = query.where(CLAIM.c.status == status)
    if since is not None:
        start = datetime(since.year, since.month, since.day, tzinfo=UTC)
        recent_verdict = exists().where(VERDICT.c.claim_id == CLAIM.c.id, VERDICT.c.created_at >= start)
        query = query.where(or_(CLAIM.c.updated_at >= start, recent_verdict))
    return query


def _to_datetime(value: Any) -> Any:
    if isinstance(value, str):  # SQLite keeps naive UTC text (db.types.UTCDateTime)
        return datetime.fromisoformat(value + "+00:00")
    return value if value is None or value.tzinfo else value.replace(tzinfo=UTC)


def _to_date(value: Any) -> Any:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _to_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _to_bool(value: Any) -> Any:
    return value if value is None else bool(value)


def _reader(table: Table, cls: type[Any]) -> tuple[list[ColumnElement[Any]], list[tuple[int, Any]]]:
    """Columns in field order, with the typed ones read as raw driver values and converted here.

    SQLAlchemy's per-value result processors (regex date parsing, then the UTC decorator) cost more than
    the query itself at 10k rows; ``fromisoformat`` and ``json.loads`` do the same work in C.
    """
    columns: list[ColumnElement[Any]] = []
    converters: list[tuple[int, Any]] = []
    for index, f in enumerate(fields(cls)):
        column = table.c[f.name]
        kind = column.type
        convert = (
            _to_json if isinstance(kind, JSON)
            else _to_datetime if isinstance(kind, UTCDateTime | DateTime)
            else _to_date if isinstance(kind, Date)
            else _to_bool if isinstance(kind, Boolean)
            else None
        )  # fmt: skip
        if convert is None:
            columns.append(column)
        elif convert is _to_json:  # the JSON text itself on both backends (psycopg would decode a json value)
            columns.append(cast(column, String()).label(f.name))
            converters.append((index, convert))
        else:
            columns.append(type_coerce(column, String()).label(f.name))
            converters.append((index, convert))
    return columns, converters


def _rows(session: Session, table: Table, cls: type[Any], where: ColumnElement[bool] | None) -> tuple[Any, ...]:
    columns, converters = _reader(table, cls)
    query = select(*columns).order_by(table.c.id)
    if where is not None:
        query = query.where(where)
    out = []
    for row in session.execute(query).all():
        values = list(row)
        for index, convert in converters:
            values[index] = convert(values[index])
        out.append(cls(*values))
    return tuple(out)


def gather_record(
    session: Session,
    *,
    article_id: int | None = None,
    status: str | None = None,
    since: date | None = None,
) -> ReviewRecord:
    """The review record of the claims matching every filter given (all claims when none is)."""
    found = select(ARTICLE.c.id).where(ARTICLE.c.id == article_id)
    if article_id is not None and session.execute(found).first() is None:
        raise NotFoundError(f"no article with id {article_id}")
    everything = article_id is None and status is None and since is None
    selected = _selected(article_id, status, since)
    claim_ids = tuple(session.execute(selected.order_by(CLAIM.c.id)).scalars())
    where: dict[str, ColumnElement[bool] | None] = dict.fromkeys(TABLES)
    if not everything:
        inner = selected.scalar_subquery()
        linked = union(
            selected,
            select(LINK.c.claim_b_id).where(LINK.c.claim_a_id.in_(inner)),
            select(LINK.c.claim_a_id).where(LINK.c.claim_b_id.in_(inner)),
            select(CONTRADICTION.c.claim_b_id).where(CONTRADICTION.c.claim_a_id.in_(inner)),
            select(CONTRADICTION.c.claim_a_id).where(CONTRADICTION.c.claim_b_id.in_(inner)),
        ).subquery()
        claims = select(linked.c[0])
        sources = select(CLAIM_SOURCE.c.source_id).where(CLAIM_SOURCE.c.claim_id.in_(claims))
        where.update(
            article=ARTICLE.c.id.in_(select(CLAIM.c.article_id).where(CLAIM.c.id.in_(claims))),
            claim=CLAIM.c.id.in_(claims),
            claim_link=LINK.c.claim_a_id.in_(claims) & LINK.c.claim_b_id.in_(claims),
            contradiction=CONTRADICTION.c.claim_a_id.in_(claims) & CONTRADICTION.c.claim_b_id.in_(claims),
            source=SOURCE.c.id.in_(sources),
            source_snapshot=SNAPSHOT.c.source_id.in_(sources),
            claim_source=CLAIM_SOURCE.c.claim_id.in_(claims),
            verdict=VERDICT.c.claim_id.in_(claims),
            audit_log=AUDIT.c.claim_id.in_(claims),
        )
    tables = {key: _rows(session, TABLES[name], cls, where[name]) for key, name, cls in ROW_TABLES}
    meta = {str(key): str(value) for key, value in session.execute(select(META.c.key, META.c.value))}
    return ReviewRecord(
        meta=meta,
        scale=load_scale(session=session),
        selection=Selection(article_id=article_id, status=status, since=since, claim_ids=claim_ids),
        **tables,
    )


def _count_rows(session: Session) -> dict[str, int]:
    count = func.count()
    return {name: int(session.execute(select(count).select_from(table)).scalar_one()) for name, table in TABLES.items()}


def load_record(session: Session, record: ReviewRecord) -> dict[str, int]:
    """Write ``record`` into an empty database, keeping every id; returns the rows written per table.

    Refuses a database that holds any review data: merging two records could silently renumber or
    overwrite reviewer work. Meta keys (the rating scale, say) are taken from the record.
    """
    present = {name: n for name, n in _count_rows(session).items() if n}
    if present:
        held = ", ".join(f"{n} {name} rows" for name, n in present.items())
        raise StorageError(f"the database is not empty ({held}); load a record only into a new, empty database")
    written: dict[str, int] = {}
    if record.meta:
        session.execute(delete(META).where(META.c.key.in_(list(record.meta))))
        session.execute(insert(META), [{"key": k, "value": v} for k, v in record.meta.items()])
    for key, name, cls in ROW_TABLES:
        names = [f.name for f in fields(cls)]
        rows = [{name: getattr(row, name) for name in names} for row in getattr(record, key)]
        if rows:
            session.execute(insert(TABLES[name]), rows)
            sync_id_sequence(session, TABLES[name])
        written[name] = len(rows)
    return written
