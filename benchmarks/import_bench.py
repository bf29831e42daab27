"""Import storage rate against raw ``sqlite3.executemany`` of the same rows, measured in one run.

Budget (shared PERFORMANCE.md): the import path stores at ≥ 0.2× the raw rate. Extraction and matching
are timed separately: this measures what the storage layer adds.

    python benchmarks/import_bench.py [--articles 2000] [--claims-per-article 12]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import filler_sentences

import db.store
from db.engine import open_database
from db.store import claim_row, content_hash, store_articles
from db.types import utcnow
from factcheck.model import ClaimKind, DateSlot, ExtractedClaim, PlaceSlot, Slots
from sources.readers import ArticleRecord

BUDGET = 0.2


def make_corpus(n: int, claims_per_article: int, seed: int = 7) -> list[tuple[ArticleRecord, list[ExtractedClaim]]]:
    rng = random.Random(seed)
    corpus = []
    for i in range(n):
        sentences = filler_sentences(rng, i, claims_per_article)
        body = "\n\n".join(sentences)
        claims, offset = [], 0
        for k, sentence in enumerate(sentences):
            slots = Slots(
                dates=(
                    DateSlot("9 مارس", (date(2025, 1, 1) + timedelta(days=k)).isoformat(), "day", offset, offset + 6),
                ),
                places=(PlaceSlot("الأردن", "Jordan", "JO", "country", offset + 7, offset + 13),),
            )
            claims.append(ExtractedClaim(sentence, offset, offset + len(sentence), ClaimKind.EVENT, 0.7, False, slots))
            offset += len(sentence) + 2
        record = ArticleRecord(body=body, title=f"Article {i}", language="ar", published=date(2025, 3, 11))
        corpus.append((record, claims))
    return corpus


def raw_executemany(path: Path, corpus: list[tuple[ArticleRecord, list[ExtractedClaim]]]) -> float:
    """The reference: the same rows through sqlite3 directly, one transaction, WAL, synchronous=NORMAL."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    now = utcnow().replace(tzinfo=None).isoformat(sep=" ")
    # Rows are built before the clock starts: the reference is the database work alone.
    article_rows = [
        (r.title, r.outlet, r.url, r.language, r.published.isoformat() if r.published else None, r.body,
         content_hash(r.body), None, "utf-8", now)
        for r, _ in corpus
    ]  # fmt: skip
    first_id = 1 + (conn.execute("SELECT max(id) FROM article").fetchone()[0] or 0)
    claim_rows = []
    for n, (_, claims) in enumerate(corpus):
        for c in claims:
            row: dict[str, Any] = claim_row(first_id + n, c, "rules", utcnow())
            claim_rows.append(
                (row["article_id"], row["text"], row["norm_text"], row["start"], row["end"], row["kind"],
                 row["checkworthiness"], row["negated"], json.dumps(row["slots"], ensure_ascii=False), "new",
                 "extracted", "rules", 1, now, now)
            )  # fmt: skip
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO article(title, outlet, url, language, published, body, content_hash, source_path, encoding, "
        "imported_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        article_rows,
    )
    conn.executemany(
        'INSERT INTO claim(article_id, text, norm_text, start, "end", kind, checkworthiness, negated, slots, '
        "status, origin, extractor, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        claim_rows,
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--claims-per-article", type=int, default=12)
    args = parser.parse_args()
    corpus = make_corpus(args.articles, args.claims_per_article)
    claims_by_body = {record.body: claims for record, claims in corpus}
    rows = len(corpus) + sum(len(c) for _, c in corpus)

    with tempfile.TemporaryDirectory() as tmp:
        ref_db = open_database(Path(tmp) / "ref.db")
        ref_db.dispose()
        raw = raw_executemany(Path(tmp) / "ref.db", corpus)

        database = open_database(Path(tmp) / "bench.db")
        db.store.after_claims_stored = lambda session, ids: None  # storage only; matching is timed elsewhere
        start = time.perf_counter()
        report = store_articles(database, (r for r, _ in corpus), extract=lambda a: claims_by_body[a.body])
        ours = time.perf_counter() - start
        database.dispose()
        assert report.count("imported") == len(corpus)

    raw_rate, our_rate = rows / raw, rows / ours
    ratio = our_rate / raw_rate
    print(f"rows: {rows} ({len(corpus)} articles, {rows - len(corpus)} claims)")
    print(f"raw sqlite3.executemany : {raw_rate:12,.0f} rows/s  ({raw:.3f} s)")
    print(f"factcheck import store  : {our_rate:12,.0f} rows/s  ({ours:.3f} s)")
    print(f"ratio                   : {ratio:.2f}x  (budget >= {BUDGET}x) {'OK' if ratio >= BUDGET else 'OVER BUDGET'}")


if __name__ == "__main__":
    main()
