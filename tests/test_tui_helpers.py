"""Data for the workbench tests: the sample corpus through the real importer, and bulk claim stores.

Links and contradictions come from the matcher when it runs on import; where it does not (yet), the
pairs of ``cross_article.json`` are stored directly so the screens have something real to show.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlmodel import SQLModel

from db.engine import Database
from db.models import Claim, ClaimLink, Contradiction
from factcheck.model import ArticleText, ClaimKind, ExtractedClaim
from factcheck.text import normalize_for_matching

FIXED = datetime(2025, 11, 1, 9, 30, tzinfo=UTC)
_SENTENCE_RE = re.compile(r"[^.!?؟\n]+[.!?؟]?")


def _fallback_extract(article: ArticleText) -> list[ExtractedClaim]:
    """Sentences as claims: only used while the real extractor is not in this build."""
    out = []
    for match in _SENTENCE_RE.finditer(article.body):
        text = match.group().strip()
        if len(text.split()) < 4:
            continue
        start = article.body.index(text, match.start())
        score = round(min(0.99, 0.2 + len(text) / 300), 2)
        out.append(ExtractedClaim(text, start, start + len(text), ClaimKind.EVENT, score))
    return out


def _extract() -> Any:
    try:
        from factcheck.extraction import extract_claims
    except ImportError:
        return _fallback_extract
    return extract_claims


def import_corpus(database: Database, corpus_dir: Path) -> None:
    from db.store import store_articles
    from sources.readers import ArticleDefaults, read_articles

    report = store_articles(database, read_articles([corpus_dir], ArticleDefaults()), extract=_extract())
    assert not report.failed, [item.error for item in report.items if item.error]


def _folded(text: str) -> str:
    return " ".join(text.split())


def find_claim(database: Database, file_name: str, evidence: str) -> int:
    """The id of the claim whose span overlaps ``evidence`` in the article imported from ``file_name``."""
    from db.models import Article

    with database.session() as session:
        article = session.exec(select(Article).where(Article.source_path.like(f"%{file_name}"))).one()[0]
        pattern = r"\s+".join(re.escape(word) for word in _folded(evidence).split())
        found = re.search(pattern, article.body)
        assert found, f"{evidence!r} not in {file_name}"
        claims = session.exec(select(Claim).where(Claim.article_id == article.id).order_by(Claim.start)).all()
        for (claim,) in claims:
            if claim.start < found.end() and found.start() < claim.end:
                return int(claim.id)
    raise AssertionError(f"no claim overlaps {evidence!r} in {file_name}")


def ensure_cross_article(database: Database, cross_article: dict[str, Any]) -> None:
    """Store the fixture's links and contradictions if the import did not produce them."""
    with database.session() as session:
        links = session.exec(select(func.count()).select_from(ClaimLink)).one()[0]
        flags = session.exec(select(func.count()).select_from(Contradiction)).one()[0]
    with database.transaction() as session:
        if not links:
            for pair in cross_article["matches"]:
                a, b = sorted((find_claim(database, *pair["a"]), find_claim(database, *pair["b"])))
                session.add(ClaimLink(claim_a_id=a, claim_b_id=b, score=0.9, method="fixture", created_at=FIXED))
        if not flags:
            seen: set[tuple[int, int, str]] = set()
            for item in cross_article["contradictions"]:
                a = find_claim(database, *item["a"])
                b = find_claim(database, *item["b"])
                values = item.get("values") or [None, None]
                if a > b:
                    a, b, values = b, a, values[::-1]
                if (a, b, item["kind"]) in seen or a == b:
                    continue
                seen.add((a, b, item["kind"]))
                session.add(
                    Contradiction(
                        claim_a_id=a,
                        claim_b_id=b,
                        kind=item["kind"],
                        value_a=values[0],
                        value_b=values[1],
                        created_at=FIXED,
                    )
                )


def bulk_claims(database: Database, n: int, *, per_article: int = 30, arabic_every: int = 3) -> None:
    """``n`` claims in articles of ``per_article``, stored with Core bulk inserts (one transaction)."""
    articles = SQLModel.metadata.tables["article"]
    claims = SQLModel.metadata.tables["claim"]
    n_articles = max(1, -(-n // per_article))
    statuses = ["new", "new", "new", "in_review", "drafted", "published", "dismissed"]
    kinds = [str(k) for k in ClaimKind]
    with database.transaction() as session:
        session.execute(
            insert(articles),
            [
                {
                    "id": i + 1,
                    "title": f"Generated article {i + 1}",
                    "outlet": f"Outlet {i % 17}",
                    "language": "ar" if i % arabic_every == 0 else "en",
                    "published": date(2025, 1 + i % 12, 1 + i % 28),
                    "body": "generated",
                    "content_hash": f"generated-{i}",
                    "imported_at": FIXED,
                }
                for i in range(n_articles)
            ],
        )
        rows = []
        for i in range(n):
            arabic = (i // per_article) % arabic_every == 0
            text = (
                f"قالت الوزارة إن {i % 97} شخصا شاركوا في الاجتماع رقم {i}"
                if arabic
                else f"The ministry said {i % 97} people attended meeting number {i}"
            )
            rows.append(
                {
                    "article_id": i // per_article + 1,
                    "text": text,
                    "norm_text": normalize_for_matching(text),
                    "start": 0,
                    "end": len(text),
                    "kind": kinds[i % len(kinds)],
                    "checkworthiness": ((i * 7919) % 1000) / 1000,
                    "negated": False,
                    "slots": {},
                    "status": statuses[i % len(statuses)],
                    "origin": "extracted",
                    "version": 1,
                    "created_at": FIXED,
                    "updated_at": FIXED,
                }
            )
            if len(rows) == 5000:
                session.execute(insert(claims), rows)
                rows = []
        if rows:
            session.execute(insert(claims), rows)


def snapshot_db(database: Database, corpus_dir: Path, cross_article: dict[str, Any]) -> None:
    """The corpus with claims cut by the sentence splitter above and the fixture's links and flags.

    Independent of the extractor and matcher on purpose: screenshots should change when the screens
    change, not when extraction improves.
    """
    import json

    from db.models import Article

    manifest = {e["file"]: e for e in json.loads((corpus_dir / "manifest.json").read_text(encoding="utf-8"))}
    with database.transaction() as session:
        for index, name in enumerate(sorted(manifest), start=1):
            entry = manifest[name]
            body = (corpus_dir / name).read_text(encoding="utf-8").strip()
            title = body.split("\n", 1)[0][:120] if entry["outlet"] else None
            session.add(
                Article(
                    id=index,
                    title=title,
                    outlet=entry["outlet"],
                    language=entry["language"],
                    published=date.fromisoformat(entry["published"]),
                    body=body,
                    content_hash=f"snapshot-{index}",
                    source_path=name,
                    imported_at=FIXED,
                )
            )
            session.flush()
            text = ArticleText(body=body, language=entry["language"])
            for claim in _fallback_extract(text):
                session.add(
                    Claim(
                        article_id=index,
                        text=claim.text,
                        norm_text=normalize_for_matching(claim.text),
                        start=claim.start,
                        end=claim.end,
                        kind=str(claim.kind),
                        checkworthiness=claim.checkworthiness,
                        created_at=FIXED,
                        updated_at=FIXED,
                    )
                )
    ensure_cross_article(database, cross_article)


def copy_database(template: Path, target: Path) -> Database:
    """A fresh, migrated copy of a prepared database file (cheaper than importing again per test)."""
    import shutil

    from db.engine import open_database

    shutil.copyfile(template, target)
    return open_database(target)


def prepared(folder: Path, build: Any) -> Path:
    """Build a database once into ``folder`` (``build(database)``) and return its file, WAL folded in."""
    from db.engine import open_database

    path = folder / "template.db"
    database = open_database(path)
    build(database)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path
