"""``db.bulk.insert_returning_ids`` (the import's inserts; ``COPY`` on PostgreSQL) stores exactly what a
plain SQLAlchemy ``INSERT`` of the same rows stores, and hands back the new ids in the rows' order."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import insert, select
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers the tables)
from db.bulk import insert_returning_ids
from db.engine import Database

pytestmark = pytest.mark.both_backends

ARTICLES = SQLModel.metadata.tables["article"]
CLAIMS = SQLModel.metadata.tables["claim"]
AWKWARD = "tab\there, newline\nthere, back\\slash, quote \" and ' , NUL-free \u202e bidi, قال الوزير"


def _article(n: int) -> dict[str, Any]:
    return {
        "title": f"{AWKWARD} {n}",
        "outlet": None if n % 2 else "Outlet",
        "url": None,
        "language": "ar",
        "published": date(2025, 3, 1 + n) if n % 3 else None,
        "body": f"{AWKWARD}\n\nbody {n}",
        "content_hash": f"hash-{n}",
        "source_path": None,
        "encoding": "utf-8",
        "imported_at": datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
    }


def _claim(article_id: int, n: int) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "text": f"{AWKWARD} {n}",
        "norm_text": f"قال الوزير {n}",
        "start": n,
        "end": n + 10,
        "kind": "event",
        "checkworthiness": n / 7,
        "negated": bool(n % 2),
        "slots": {"dates": [{"text": "9 مارس", "value": "2025-03-09"}], "numbers": [], "nested": {"a": None}},
        "status": "new",
        "origin": "extracted",
        "extractor": "rules",
        "version": 1,
        "created_at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        "updated_at": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    }


def _stored(database: Database, table: Any, ids: list[int]) -> list[dict[str, Any]]:
    with database.session() as session:
        rows = session.execute(select(table).where(table.c.id.in_(ids)).order_by(table.c.id)).mappings()
        return [{k: v for k, v in row.items() if k not in ("id", "content_hash")} for row in rows]


def test_bulk_rows_equal_plain_inserts_and_ids_come_in_order(database: Database) -> None:
    with database.transaction() as session:
        bulk_articles = insert_returning_ids(session, ARTICLES, [_article(n) for n in range(5)])
        plain_articles = [
            int(i)
            for i in session.execute(
                insert(ARTICLES).returning(ARTICLES.c.id, sort_by_parameter_order=True),
                [{**_article(n), "content_hash": f"plain-{n}"} for n in range(5)],
            ).scalars()
        ]
        bulk_claims = insert_returning_ids(session, CLAIMS, [_claim(bulk_articles[n % 5], n) for n in range(12)])
        plain_claims = [
            int(i)
            for i in session.execute(
                insert(CLAIMS).returning(CLAIMS.c.id, sort_by_parameter_order=True),
                [_claim(plain_articles[n % 5], n) for n in range(12)],
            ).scalars()
        ]
        assert insert_returning_ids(session, CLAIMS, []) == []

    assert bulk_articles == sorted(bulk_articles) and len(set(bulk_articles)) == 5
    assert bulk_claims == sorted(bulk_claims) and len(set(bulk_claims)) == 12
    assert _stored(database, ARTICLES, bulk_articles) == _stored(database, ARTICLES, plain_articles)
    by_article = dict(zip(plain_articles, bulk_articles, strict=True))
    plain = [{**row, "article_id": by_article[row["article_id"]]} for row in _stored(database, CLAIMS, plain_claims)]
    assert _stored(database, CLAIMS, bulk_claims) == plain
    # A left-out column with a client-side default is filled as an INSERT fills it; ids keep counting.
    with database.transaction() as session:
        row = {k: v for k, v in _claim(bulk_articles[0], 99).items() if k != "created_at"}
        (later,) = insert_returning_ids(session, CLAIMS, [row])
        created = session.execute(select(CLAIMS.c.created_at).where(CLAIMS.c.id == later)).scalar_one()
    assert later > max(plain_claims) and created is not None
    with database.session() as session:  # the claims are searchable: the search index was fed too
        from db.queries import ClaimFilter, count_claims

        assert count_claims(session=session, flt=ClaimFilter(search="الوزير 7")) == 2
