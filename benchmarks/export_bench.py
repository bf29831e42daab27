"""Exporting a reviewed database of 10k claims in every format, against the 2 s budget and a reference.

Budget (issue 7): gathering the record from SQLite and rendering it takes ≤ 2 s for 10k claims, per
format. Because absolute times move ±30 % on this machine, the run also measures a reference side by
side: ``json.dumps`` of the same rows already in memory as plain dicts (read once with raw
``sqlite3``), i.e. the cost of serialising the data with no model, no summary and no escaping.

    python benchmarks/export_bench.py [--claims 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert
from synthetic import filler_sentences

from db.engine import Database, open_database
from db.models import Article, AuditEntry, Claim, ClaimLink, ClaimSource, Contradiction, Source, SourceSnapshot, Verdict
from db.report_data import gather_record, load_record
from factcheck.reports import FORMATS, build_report, parse_record, render_report

BUDGET_S = 2.0
CLAIMS_PER_ARTICLE = 20
RATINGS = ["True", "Mostly true", "Half true", "Mostly false", "False", "Misleading", "Unverifiable"]
TABLES = ["article", "claim", "claim_link", "contradiction", "source", "source_snapshot", "claim_source", "verdict",
          "audit_log"]  # fmt: skip


def _table(model: Any) -> Any:
    return model.__table__


def populate(database: Database, n_claims: int, seed: int = 11) -> None:
    """A review record shaped like a busy desk's: links, contradictions, sources, verdicts, audit."""
    rng = random.Random(seed)
    now = datetime(2025, 10, 20, tzinfo=UTC)
    n_articles = max(1, n_claims // CLAIMS_PER_ARTICLE)
    articles, claims = [], []
    for a in range(1, n_articles + 1):
        sentences = filler_sentences(rng, a, CLAIMS_PER_ARTICLE)
        body = "\n\n".join(sentences)
        articles.append(
            {
                "id": a,
                "title": f"مقال {a}",
                "outlet": f"Outlet {a % 12}",
                "url": f"https://news.example/{a}",
                "language": "ar" if a % 3 else "en",
                "published": date(2025, 1, 1) + timedelta(days=a % 300),
                "body": body,
                "content_hash": f"{a:064x}",
                "source_path": None,
                "encoding": "utf-8",
                "imported_at": now,
            }
        )
        offset = 0
        for sentence in sentences:
            cid = len(claims) + 1
            status = rng.choice(["new", "new", "in_review", "drafted", "published", "dismissed"])
            claims.append(
                {
                    "id": cid,
                    "article_id": a,
                    "text": sentence,
                    "norm_text": sentence,
                    "start": offset,
                    "end": offset + len(sentence),
                    "kind": "event",
                    "checkworthiness": rng.random(),
                    "negated": False,
                    "slots": {
                        "dates": [
                            {
                                "surface": "9 مارس",
                                "value": "2025-03-09",
                                "precision": "day",
                                "start": 0,
                                "end": 6,
                                "relative": False,
                            }
                        ],
                        "participants": ["JO", "TR"],
                    },
                    "status": status,
                    "origin": "extracted",
                    "extractor": "rules",
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            offset += len(sentence) + 2
    n = len(claims)
    pairs = {tuple(sorted(rng.sample(range(1, n + 1), 2))) for _ in range(n // 5)}
    links = [
        {
            "id": i,
            "claim_a_id": a,
            "claim_b_id": b,
            "score": 90.0,
            "text_score": 88.0,
            "slot_score": 1.0,
            "method": "slots",
            "status": rng.choice(["suggested", "confirmed", "rejected"]),
            "reviewer": "R",
            "decided_at": now,
            "created_at": now,
        }
        for i, (a, b) in enumerate(sorted(pairs), 1)
    ]
    contradictions = [
        {
            "id": i,
            "claim_a_id": a,
            "claim_b_id": b,
            "kind": "date",
            "value_a": "2025-03-09",
            "value_b": "2025-03-10",
            "explanation": "dates differ",
            "status": rng.choice(["open", "confirmed", "dismissed"]),
            "reason": None,
            "reviewer": None,
            "decided_at": None,
            "created_at": now,
        }
        for i, (a, b) in enumerate(sorted(pairs)[: n // 20], 1)
    ]
    sources = [
        {
            "id": i,
            "url": f"https://source.example/{i}",
            "final_url": f"https://source.example/{i}",
            "http_status": 200,
            "content_type": "text/html",
            "title": f"مصدر {i}",
            "text": "نص " * 200,
            "sha256": f"{i:064x}",
            "fetched_at": now,
            "error": None,
            "created_at": now,
        }
        for i in range(1, n // 10 + 1)
    ]
    snapshots = [
        {
            k: s[k]
            for k in ("final_url", "http_status", "content_type", "title", "text", "sha256", "error", "fetched_at")
        }
        | {"id": s["id"], "source_id": s["id"]}
        for s in sources
    ]
    reviewed = [c["id"] for c in claims if c["status"] in ("drafted", "published")]
    claim_sources = [
        {
            "id": i,
            "claim_id": cid,
            "source_id": rng.randint(1, len(sources)),
            "stance": "supports",
            "quote": "نص",
            "quote_found": True,
            "note": None,
            "reviewer": "R",
            "created_at": now,
        }
        for i, cid in enumerate(reviewed, 1)
    ]
    verdicts = [
        {
            "id": i,
            "claim_id": cid,
            "rating": rng.choice(RATINGS),
            "rationale": "سبب " * 20,
            "reviewer": "R",
            "created_at": now,
        }
        for i, cid in enumerate(reviewed, 1)
    ]
    audit = [
        {
            "id": i,
            "at": now,
            "reviewer": "R",
            "action": "verdict.set",
            "entity": "verdict",
            "entity_id": v["id"],
            "claim_id": v["claim_id"],
            "before": None,
            "after": {"rating": v["rating"]},
        }
        for i, v in enumerate(verdicts, 1)
    ]
    with database.transaction() as session:
        for model, rows in (
            (Article, articles), (Claim, claims), (ClaimLink, links), (Contradiction, contradictions),
            (Source, sources), (SourceSnapshot, snapshots), (ClaimSource, claim_sources), (Verdict, verdicts),
            (AuditEntry, audit),
        ):  # fmt: skip
            if rows:
                session.execute(insert(_table(model)), rows)


def reference_rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of the review tables as plain dicts, read with raw sqlite3 (not timed)."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return {t: [dict(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY id")] for t in TABLES}
    finally:
        conn.close()


def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        database = open_database(path)
        populate(database, args.claims)
        rows = reference_rows(path)
        ref_s, ref_text = best_of(args.repeat, lambda: json.dumps(rows, ensure_ascii=False, default=str))
        print(f"{args.claims} claims; reference json.dumps of the same rows: {ref_s * 1000:.0f} ms")
        print(f"{'format':<12} {'time':>8} {'vs 2 s budget':>14} {'vs reference':>13} {'size':>9}")
        failed = False
        json_text = ""
        for fmt in FORMATS:

            def export(fmt: str = fmt) -> str:
                with database.session() as session:
                    report = build_report(gather_record(session))
                return render_report(report, fmt, generated_at=datetime.now(UTC))

            seconds, text = best_of(args.repeat, export)
            if fmt == "json":
                json_text = text
            failed |= seconds > BUDGET_S
            print(
                f"{fmt:<12} {seconds * 1000:>6.0f} ms {seconds / BUDGET_S:>13.2f}× {seconds / ref_s:>12.1f}×"
                f" {len(text.encode()) / 1e6:>7.1f} MB"
            )
        database.dispose()
        copy = open_database(Path(tmp) / "copy.db")
        start = time.perf_counter()
        record = parse_record(json_text)
        with copy.transaction() as session:
            load_record(session, record)
        load_s = time.perf_counter() - start
        copy.dispose()
        print(
            f"load of the JSON export into an empty database: {load_s * 1000:.0f} ms (reference {len(ref_text)} chars)"
        )
        print("within budget" if not failed else "OVER BUDGET")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
