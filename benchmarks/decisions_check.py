"""Matching decisions as data: the links and contradiction flags an import stores, to compare across a change.

A speed-up of matching must not change what it decides. This imports the package's sample corpus and a
generated news archive (``news_archive.py``) through the real import path (workers, batches, matching,
flags), then runs ``factcheck match --all`` (lexical) on the archive, and optionally the vectors pass over
its first claims; it writes every stored link (pair, scores, method) and flag (pair, kind, values) of
each stage as JSON. ``--compare`` reads a file written before the change and lists what differs.

    python benchmarks/decisions_check.py --write before.json [--articles 500] [--vectors-claims 0] [--match-window N]
    python benchmarks/decisions_check.py --compare before.json [--articles 500] [--vectors-claims 0] [--match-window N]

``--match-window`` scales the import's candidate window down, so that a short run goes past it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from news_archive import write_archive

from db.engine import Database, open_database
from db.store import import_workers, store_articles
from sources.readers import ArticleDefaults, read_articles

SAMPLE = Path(__file__).resolve().parent.parent / "sources" / "sample_corpus"


def snapshot(database: Database) -> dict[str, Any]:
    """Every link and flag stored, in a stable order, with the scores as stored (rounded to 4 places)."""
    with database.session() as session:
        run = session.connection().exec_driver_sql
        claims = run("SELECT count(*) FROM claim").scalar()
        links = run(
            "SELECT claim_a_id, claim_b_id, round(score, 4), round(text_score, 4), round(slot_score, 4), method, "
            "status FROM claim_link ORDER BY claim_a_id, claim_b_id"
        ).all()
        flags = run(
            "SELECT claim_a_id, claim_b_id, kind, value_a, value_b, explanation, status FROM contradiction "
            "ORDER BY claim_a_id, claim_b_id, kind"
        ).all()
    return {"claims": claims, "links": [list(r) for r in links], "flags": [list(r) for r in flags]}


def run(articles: int, vectors_claims: int, window: int) -> dict[str, Any]:
    import db.links
    from db.claim_vectors import run_vectors
    from db.links import match_all

    if window:
        db.links.MATCH_WINDOW = window

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, paths in (("sample", [SAMPLE]), ("archive", None)):
            if paths is None:
                archive = Path(tmp) / "archive.jsonl"
                write_archive(archive, articles)
                paths = [archive]
            database = open_database(Path(tmp) / f"{name}.db")
            start = time.perf_counter()
            entries = read_articles(paths, ArticleDefaults())
            store_articles(database, entries, keep_items=False, workers=import_workers())
            print(f"{name}: imported in {time.perf_counter() - start:.1f} s", file=sys.stderr)
            out[f"{name}_import"] = snapshot(database)
            if name == "archive":
                with database.transaction() as session:
                    match_all(session, vectors=False)
                out["archive_rematch"] = snapshot(database)
                if vectors_claims:
                    run_vectors(database, max_claims=vectors_claims)
                    out["archive_vectors"] = snapshot(database)
            database.dispose()
    return out


def compare(before: dict[str, Any], after: dict[str, Any]) -> int:
    """Print what differs per stage; the number of differences."""
    differences = 0
    for stage in sorted(set(before) | set(after)):
        old, new = before.get(stage), after.get(stage)
        if new is None:
            print(f"{stage}: not run this time")
            continue
        if old is None:
            print(f"{stage}: not in the decisions written before")
            differences += 1
            continue
        for part in ("links", "flags"):
            a = {json.dumps(r[:2] + ([r[2]] if part == "flags" else [])): r for r in old[part]}
            b = {json.dumps(r[:2] + ([r[2]] if part == "flags" else [])): r for r in new[part]}
            gone, added = sorted(set(a) - set(b)), sorted(set(b) - set(a))
            changed = [k for k in sorted(set(a) & set(b)) if a[k] != b[k]]
            differences += len(gone) + len(added) + len(changed)
            print(
                f"{stage} {part}: {len(old[part]):,} before, {len(new[part]):,} after; "
                f"{len(gone)} gone, {len(added)} added, {len(changed)} changed"
            )
            for key in (gone[:3], added[:3]):
                for k in key:
                    print(f"   {k}: {a.get(k) or b.get(k)}")
            for k in changed[:3]:
                print(f"   {k}:\n     before {a[k]}\n     after  {b[k]}")
        if old["claims"] != new["claims"]:
            print(f"{stage}: {old['claims']} claims before, {new['claims']} after")
            differences += 1
    return differences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--write", type=Path, metavar="PATH", help="write the decisions to PATH")
    what.add_argument("--compare", type=Path, metavar="PATH", help="compare with decisions written before")
    parser.add_argument("--articles", type=int, default=500, help="articles in the generated archive")
    parser.add_argument("--vectors-claims", type=int, default=0, help="then the vectors pass over this many claims")
    parser.add_argument("--match-window", type=int, default=0, metavar="N", help="candidate window, in claims")
    args = parser.parse_args()
    got = run(args.articles, args.vectors_claims, args.match_window)
    if args.write:
        args.write.write_text(json.dumps(got, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"decisions written to {args.write}")
        return 0
    differences = compare(json.loads(args.compare.read_text(encoding="utf-8")), got)
    print("the same decisions" if not differences else f"{differences} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
