"""Matching on a database for ``team_bench.py``: ``match_bench.py``'s synthetic events stored as articles
and claims through the import's own bulk insert, then the import's matching hook and a full re-match
timed on that backend (lexical model: sentence vectors cost the same on both and are left out)."""

from __future__ import annotations

import time
from functools import cache
from typing import Any

__all__ = ["match_figures"]


@cache
def _rows(n: int) -> tuple[list[dict[str, Any]], list[list[dict[str, Any]]]]:
    """Article rows and, per article, its claim rows (``article_id`` filled in when stored)."""
    from match_bench import generate

    from db.types import utcnow
    from factcheck.text import normalize_for_matching

    claims, _ = generate(n, 7)
    by_article: dict[int, list[Any]] = {}
    for claim in claims:
        by_article.setdefault(claim.article_id, []).append(claim)
    now = utcnow()
    articles, claim_rows = [], []
    for article_id, members in sorted(by_article.items()):
        body, rows = "", []
        for claim in members:
            start = len(body)
            body += claim.text + ". "
            rows.append(
                {
                    "text": claim.text, "norm_text": normalize_for_matching(claim.text), "start": start,
                    "end": start + len(claim.text), "kind": "event", "checkworthiness": 0.5, "negated": False,
                    "slots": claim.slots.to_dict(), "status": "new", "origin": "extracted", "extractor": "rules",
                    "version": 1, "created_at": now, "updated_at": now,
                }
            )  # fmt: skip
        articles.append(
            {"title": f"Event article {article_id}", "outlet": f"Outlet {article_id % 11}", "url": None,
             "language": "en", "published": None, "body": body, "content_hash": f"event-{article_id}",
             "source_path": None, "encoding": "utf-8", "imported_at": now}
        )  # fmt: skip
        claim_rows.append(rows)
    return articles, claim_rows


def _store(session: Any, articles: list[dict[str, Any]], claims: list[list[dict[str, Any]]]) -> list[int]:
    from sqlmodel import SQLModel

    from db.bulk import insert_returning_ids
    from db.store import CLAIMS

    ids = insert_returning_ids(session, SQLModel.metadata.tables["article"], articles)
    rows = [{**row, "article_id": article_id} for article_id, group in zip(ids, claims, strict=True) for row in group]
    return insert_returning_ids(session, CLAIMS, rows)


def match_figures(target: str, n: int, *, full: bool) -> dict[str, float]:
    """Seconds of matching on the database at ``target`` holding ``n`` generated claims."""
    from sqlalchemy import select

    from db.engine import open_database
    from db.links import match_all, match_new_claims
    from db.store import CLAIMS

    articles, claims = _rows(n)
    database = open_database(target)
    figures: dict[str, float] = {}
    try:
        with database.transaction() as session:
            _store(session, articles[:-1], claims[:-1])
        if database.engine.dialect.name == "sqlite":  # the store's WAL folded in now, not in a timed commit
            with database.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        if full:
            started = time.perf_counter()
            with database.transaction() as session:
                match_all(session, vectors=False)
            figures["full re-match"] = time.perf_counter() - started
            return figures
        with database.session() as session:  # the last stored article plays the new one, index built from the db
            last = session.execute(select(CLAIMS.c.article_id).order_by(CLAIMS.c.id.desc()).limit(1)).scalar_one()
            new = list(session.execute(select(CLAIMS.c.id).where(CLAIMS.c.article_id == last)).scalars())
        started = time.perf_counter()
        with database.transaction() as session:
            match_new_claims(session, new, vectors=False)
        figures["incremental, index from the database"] = time.perf_counter() - started
        started = time.perf_counter()  # the next import: store one more article, match it on the cached index
        with database.transaction() as session:
            match_new_claims(session, _store(session, articles[-1:], claims[-1:]), vectors=False)
        figures["incremental, index cached"] = time.perf_counter() - started
    finally:
        database.dispose()
    return figures
