"""Texts through the real import path into a fresh SQLite file, and what it stored read back.

This is ``factcheck import FILE.jsonl --db TMP`` done in-process: the texts are written as a JSONL file
(one article a line with its outlet, date and language), read by ``sources.readers.read_articles`` and
stored by ``db.store.store_articles`` — extraction, storage, matching and contradiction flags in the
same transactions as the CLI's. Only the extractor is wrapped, to time it; it is the one the CLI's import
uses.
``rematch=True`` adds what ``factcheck match --all`` does afterwards.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text as sql

__all__ = ["Article", "Stored", "import_files", "import_texts"]

PUBLISHED = date(2025, 3, 11)  # every side of a pair: one publication date


@dataclass(frozen=True, slots=True)
class Article:
    """One text to import as its own article."""

    text: str
    outlet: str
    language: str
    published: date = PUBLISHED
    title: str | None = None
    url: str | None = None


@dataclass(slots=True)
class Stored:
    """What the import stored, keyed by article id; ``article_at["file:line"]`` is that input's article."""

    article_at: dict[str, int | None]
    bodies: dict[int, str]
    meta: dict[int, dict[str, Any]]  # article → outlet, published, title
    claims: dict[int, int]  # article → number of claims
    best_worth: dict[int, float]  # article → highest check-worthiness of its claims
    claim_text: dict[int, str]
    claim_article: dict[int, int]
    links: list[dict[str, Any]]  # claim_a, claim_b, article_a, article_b, score, method
    flags: list[dict[str, Any]]  # claim_a, claim_b, article_a, article_b, kind, value_a, value_b, explanation
    seconds: dict[str, float] = field(default_factory=dict)
    failed: int = 0

    def article_links(self) -> list[tuple[int, int, float]]:
        return [(link["article_a"], link["article_b"], float(link["score"])) for link in self.links]

    def article_flags(self) -> dict[tuple[int, int], set[str]]:
        out: defaultdict[tuple[int, int], set[str]] = defaultdict(set)
        for flag in self.flags:
            a, b = flag["article_a"], flag["article_b"]
            if a != b:
                out[(min(a, b), max(a, b))].add(str(flag["kind"]))
        return dict(out)


def _write_jsonl(path: Path, articles: Iterable[Article]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            record = {
                "text": article.text,
                "outlet": article.outlet,
                "language": article.language,
                "published": article.published.isoformat(),
            }
            if article.title:
                record["title"] = article.title
            if article.url:
                record["url"] = article.url
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _timed(extract: Callable[[Any], Any], clock: list[float]) -> Callable[[Any], Any]:
    def run(article: Any) -> Any:
        start = time.perf_counter()
        try:
            return extract(article)
        finally:
            clock[0] += time.perf_counter() - start

    return run


def import_texts(
    articles: list[Article], workdir: Path, *, name: str = "set", rematch: bool = False, chunk: int = 2000
) -> tuple[Stored, list[int | None]]:
    """Import ``articles`` (in order) into ``workdir/name.db``; what it stored, and each input's article id
    (None when it failed to import). JSONL files hold ``chunk`` articles each (the reader's limit is 20 MiB).
    """
    start = time.perf_counter()
    paths: list[Path] = []
    keys: list[str] = []
    for n in range(0, len(articles), chunk):
        path = workdir / f"{name}-{n // chunk:04d}.jsonl"
        part = articles[n : n + chunk]
        _write_jsonl(path, part)
        paths.append(path)
        keys.extend(f"{path}:{line}" for line in range(1, len(part) + 1))
    written = time.perf_counter() - start
    stored = import_files(paths, workdir / f"{name}.db", rematch=rematch)
    stored.seconds = {"write input": written, **stored.seconds}
    return stored, [stored.article_at.get(key) for key in keys]


def import_files(
    paths: list[Path],
    db_path: Path,
    *,
    rematch: bool = False,
    on_item: Callable[[int], None] | None = None,
    vectors: bool = True,
) -> Stored:
    """``factcheck --db DB_PATH import PATHS…`` in-process, then read back what it stored;
    ``vectors=False`` is ``import --no-vectors`` (no sentence-vector pass after it)."""
    import db.store
    from db.claim_vectors import run_vectors
    from db.engine import open_database
    from db.store import ImportItem, store_articles
    from factcheck.extraction import extract_claims
    from sources.readers import ArticleDefaults, read_articles

    # The extractor ``store_articles`` picks when the CLI passes none, wrapped only to time it.
    default_extract = getattr(db.store, "_default_extract", None)
    extract = default_extract() if default_extract is not None else extract_claims

    seconds: dict[str, float] = {}
    database = open_database(db_path)
    article_at: dict[str, int | None] = {}
    failed = 0

    def seen(item: ImportItem) -> None:
        nonlocal failed
        failed += item.status == "failed"
        article_at[item.where] = None if item.status == "failed" else item.article_id
        if on_item is not None:
            on_item(len(article_at))

    extract_clock = [0.0]
    start = time.perf_counter()
    try:
        store_articles(
            database,
            read_articles(paths, ArticleDefaults()),
            extract=_timed(extract, extract_clock),
            on_item=seen,
        )
        total = time.perf_counter() - start
        seconds["extract"] = extract_clock[0]
        seconds["store + match + flag"] = total - extract_clock[0]
        # What ``factcheck import`` runs next unless told not to: sentence vectors, pairs decided again.
        if vectors:
            start = time.perf_counter()
            run_vectors(database)
            seconds["vectors pass"] = time.perf_counter() - start
        if rematch:
            from db.links import match_all

            start = time.perf_counter()
            with database.transaction() as session:
                match_all(session, workers=2)
            seconds["match --all"] = time.perf_counter() - start
        start = time.perf_counter()
        stored = _read_back(database, article_at, failed)
        seconds["read back"] = time.perf_counter() - start
    finally:
        database.dispose()
    stored.seconds = seconds
    return stored


def _read_back(database: Any, article_at: dict[str, int | None], failed: int) -> Stored:
    with database.engine.connect() as conn:
        bodies: dict[int, str] = {}
        meta: dict[int, dict[str, Any]] = {}
        for row in conn.execute(sql("SELECT id, body, outlet, published, title FROM article")):
            bodies[row.id] = row.body
            meta[row.id] = {"outlet": row.outlet, "published": row.published, "title": row.title}
        claims: defaultdict[int, int] = defaultdict(int)
        best: dict[int, float] = {}
        claim_text: dict[int, str] = {}
        claim_article: dict[int, int] = {}
        for row in conn.execute(sql("SELECT id, article_id, text, checkworthiness FROM claim")):
            claims[row.article_id] += 1
            best[row.article_id] = max(best.get(row.article_id, 0.0), float(row.checkworthiness or 0.0))
            claim_text[row.id] = row.text
            claim_article[row.id] = row.article_id
        links = [
            {
                "claim_a": row.claim_a_id,
                "claim_b": row.claim_b_id,
                "article_a": claim_article[row.claim_a_id],
                "article_b": claim_article[row.claim_b_id],
                "score": float(row.score),
                "method": row.method,
            }
            for row in conn.execute(sql("SELECT claim_a_id, claim_b_id, score, method FROM claim_link ORDER BY id"))
        ]
        flags = [
            {
                "claim_a": row.claim_a_id,
                "claim_b": row.claim_b_id,
                "article_a": claim_article[row.claim_a_id],
                "article_b": claim_article[row.claim_b_id],
                "kind": row.kind,
                "value_a": _json(row.value_a),
                "value_b": _json(row.value_b),
                "explanation": row.explanation,
            }
            for row in conn.execute(
                sql("SELECT claim_a_id, claim_b_id, kind, value_a, value_b, explanation FROM contradiction ORDER BY id")
            )
        ]
    return Stored(article_at, bodies, meta, dict(claims), best, claim_text, claim_article, links, flags, failed=failed)


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value
