"""Import: storage rate against raw ``sqlite3.executemany``, peak memory as the archive grows, and
end-to-end articles/s on a generated news archive.

1. Storage (shared PERFORMANCE.md): the import path stores at ≥ 0.2× the raw rate of the same rows,
   measured in the same run. Extraction and matching are left out: this is what the storage layer adds.
2. Memory: peak RSS of importing a generated JSONL archive of 10k and of 40k articles (read, extract in
   the worker processes, store), each in a fresh child process, without matching and with it (the
   candidate index holds the newest ``MATCH_WINDOW`` claims; ``--match-window`` scales it down so that
   small runs go past it); the 40k figure should be within 1.2× of the 10k one.
3. Throughput: a generated 30k-article archive (``news_archive.py``: 300–800 words, Arabic and English,
   several outlets, repeated stories) imported end to end — read, extract, store, match, flag — in a
   child process, as articles/s against the target of 150 articles/s on a 2-core machine; beside it
   the CPU seconds of the importer and of its extraction workers, and the rate the same CPU work
   gives on two idle cores. Then the vectors pass (``db.claim_vectors``, run by ``factcheck import``
   after the import) over the archive's first ``--vectors-claims`` claims, as its own rate.

The machine these run on is usually shared: absolute figures move with the load (the script prints
the load average beside them).

    python benchmarks/import_bench.py [--quick] [--articles 2000] [--claims-per-article 12]
        [--rss-sizes 10000 40000] [--archive 30000] [--match-window N] [--vectors-claims 1000]
        [--skip storage|rss|rss-match|archive ...]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from news_archive import write_archive
from synthetic import filler_sentences

from db.engine import open_database
from db.store import ImportItem, claim_row, content_hash, import_workers, store_articles
from db.types import utcnow
from factcheck.model import ClaimKind, DateSlot, ExtractedClaim, PlaceSlot, Slots
from factcheck.records import ArticleRecord

BUDGET = 0.2
RSS_BUDGET = 1.2
TARGET_ARTICLES_PER_S = 150
CURVE_STEP = 5000  # the importer's peak memory is also printed every this many articles: its growth curve


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


def storage(args: argparse.Namespace) -> None:
    corpus = make_corpus(args.articles, args.claims_per_article)
    claims_by_body = {record.body: claims for record, claims in corpus}
    rows = len(corpus) + sum(len(c) for _, c in corpus)

    with tempfile.TemporaryDirectory() as tmp:
        ref_db = open_database(Path(tmp) / "ref.db")
        ref_db.dispose()
        raw = raw_executemany(Path(tmp) / "ref.db", corpus)

        database = open_database(Path(tmp) / "bench.db")
        start = time.perf_counter()
        report = store_articles(  # storage only; matching is timed in section 3 and match_bench.py
            database, (r for r, _ in corpus), extract=lambda a: claims_by_body[a.body], match=False
        )
        ours = time.perf_counter() - start
        database.dispose()
        assert report.count("imported") == len(corpus)

    raw_rate, our_rate = rows / raw, rows / ours
    ratio = our_rate / raw_rate
    print(f"rows: {rows} ({len(corpus)} articles, {rows - len(corpus)} claims)")
    print(f"raw sqlite3.executemany : {raw_rate:12,.0f} rows/s  ({raw:.3f} s)")
    print(f"factcheck import store  : {our_rate:12,.0f} rows/s  ({ours:.3f} s)")
    print(f"ratio                   : {ratio:.2f}x  (budget >= {BUDGET}x) {'OK' if ratio >= BUDGET else 'OVER BUDGET'}")


def child(mode: str, archive: Path, target: Path, window: int, vectors_claims: int) -> None:
    """One import in this (fresh) process; prints what it did and its peak memory as JSON. With
    ``vectors_claims``, then the vectors pass over that many claims."""
    import db.links
    from db.claim_vectors import run_vectors
    from sources.readers import ArticleDefaults, read_articles

    if window:
        db.links.MATCH_WINDOW = window
    database = open_database(target)
    start, cpu = time.perf_counter(), _cpu()
    entries = read_articles([archive], ArticleDefaults())
    imported: list[int] = [0]
    # Every CURVE_STEP articles: (articles, the importer's peak so far in MB, seconds, its CPU seconds),
    # also printed at once on stderr, so that a long run shows its growth curve as it goes.
    curve: list[tuple[int, float, float, float]] = []

    def on_item(item: ImportItem) -> None:
        imported[0] += item.status == "imported"
        if item.status == "imported" and imported[0] % CURVE_STEP == 0:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            point = (imported[0], peak, time.perf_counter() - start, _cpu()[0] - cpu[0])
            curve.append(point)
            print(
                f"    {point[0]:,} articles: importer peak {peak:,.0f} MB, {point[0] / point[2]:,.1f} articles/s, "
                f"importer CPU {1000 * point[3] / point[0]:.1f} ms/article (load {os.getloadavg()[0]:.1f})",
                file=sys.stderr,
                flush=True,
            )

    report = store_articles(
        database, entries, keep_items=False, match=mode == "full", workers=import_workers(), on_item=on_item
    )
    seconds, (own_cpu, workers_cpu) = time.perf_counter() - start, (b - a for a, b in zip(cpu, _cpu(), strict=True))
    with database.session() as session:
        counts = [session.connection().exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in _TABLES]
    own, workers = (resource.getrusage(who).ru_maxrss / 1024 for who in _WHO)
    result: dict[str, Any] = {
        "seconds": seconds,
        "imported": report.count("imported"),
        "failed": report.count("failed"),
    }
    result |= {"cpu_s": own_cpu, "workers_cpu_s": workers_cpu, "load": os.getloadavg()[0]}
    if vectors_claims:
        passed = run_vectors(database, max_claims=vectors_claims)
        result |= {"vectors_claims": passed.claims, "vectors_encoded": passed.encoded, "vectors_s": passed.seconds}
    database.dispose()
    result |= {"rss_mb": own, "workers_rss_mb": workers, "curve": curve}
    print(json.dumps({**result, **dict(zip(_TABLES, counts, strict=True))}))


_TABLES = ("claim", "claim_link", "contradiction")
_WHO = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)


def _cpu() -> tuple[float, float]:
    """CPU seconds (user and system) of this process and of its finished children."""
    return tuple(sum(getattr(resource.getrusage(who), f) for f in ("ru_utime", "ru_stime")) for who in _WHO)  # type: ignore[return-value]


def _run_child(mode: str, archive: Path, tmp: Path, *, window: int = 0, vectors_claims: int = 0) -> dict[str, Any]:
    target = tmp / f"{mode}-{archive.stem}.db"
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(archive), str(target), str(window), str(vectors_claims)],
        check=True, stdout=subprocess.PIPE, text=True,  # its stderr (progress) goes straight through
    )  # fmt: skip
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _archive(tmp: Path, count: int) -> Path:
    path = tmp / f"archive-{count}.jsonl"
    start = time.perf_counter()
    size = write_archive(path, count)
    print(f"  generated {count:,} articles, {size / 2**20:,.0f} MiB in {time.perf_counter() - start:.0f} s")
    return path


def memory(sizes: list[int], *, match: bool, window: int) -> None:
    how = "without matching" if not match else f"with matching ({_window(window)})"
    print(f"peak memory, importing {how} (load average {os.getloadavg()[0]:.1f}):")
    peaks = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in sizes:
            archive = _archive(Path(tmp), count)
            got = _run_child("full" if match else "stream", archive, Path(tmp), window=window)
            archive.unlink()
            peaks.append(got["rss_mb"])
            print(
                f"  {count:>7,} articles: importer {got['rss_mb']:6.0f} MB, worker {got['workers_rss_mb']:5.0f} MB; "
                f"{got['imported'] / got['seconds']:5.0f} articles/s, {got['claim'] / got['seconds']:6.0f} claims/s "
                f"(load then {got['load']:.1f})"
            )

    ratio = peaks[-1] / peaks[0]
    verdict = "OK" if ratio <= RSS_BUDGET else "OVER BUDGET"
    print(f"  {sizes[-1]:,} against {sizes[0]:,}: {ratio:.2f}x (budget <= {RSS_BUDGET}x) {verdict}")


def _window(window: int) -> str:
    from db.links import MATCH_WINDOW

    return f"candidate window {window or MATCH_WINDOW:,} claims{'' if not window else ', scaled down'}"


def throughput(count: int, *, window: int, vectors_claims: int) -> None:
    print(f"end to end: read, extract, store, match, flag (load average {os.getloadavg()[0]:.1f}, {_window(window)}):")
    with tempfile.TemporaryDirectory() as tmp:
        archive = _archive(Path(tmp), count)
        got = _run_child("full", archive, Path(tmp), window=window, vectors_claims=vectors_claims)
    rate = got["imported"] / got["seconds"]
    print(
        f"  {got['imported']:,} articles, {got['claim']:,} claims, {got['claim_link']:,} links, "
        f"{got['contradiction']:,} contradictions in {got['seconds']:.0f} s; importer peak {got['rss_mb']:.0f} MB"
    )
    verdict = "OK" if rate >= TARGET_ARTICLES_PER_S else "BELOW TARGET"
    print(f"  {rate:,.1f} articles/s, {got['claim'] / got['seconds']:,.0f} claims/s "
          f"(target >= {TARGET_ARTICLES_PER_S} articles/s) {verdict}; load average then {got['load']:.1f}")  # fmt: skip
    # What the same work gives on two idle cores: the importer is one core; the workers share the other
    # and whatever the importer leaves of its own.
    own, workers = got["cpu_s"], got["workers_cpu_s"]
    idle = got["imported"] / max(own, (own + workers) / 2)
    print(
        f"  CPU: importer {own:,.0f} s ({1000 * own / got['imported']:.1f} ms/article), extraction workers "
        f"{workers:,.0f} s ({1000 * workers / got['imported']:.1f} ms/article): "
        f"{idle:,.0f} articles/s on two idle cores"
    )
    if vectors_claims:
        spent = max(got["vectors_s"], 1e-9)
        per_s = got["vectors_claims"] / spent
        print(
            f"  vectors pass (after the import): {got['vectors_claims']:,} claims, {got['vectors_encoded']:,} "
            f"encoded, in {spent:.0f} s: {per_s:,.1f} claims/s, {got['vectors_encoded'] / spent:,.1f} encoded/s; "
            f"the whole archive at that rate: {got['claim'] / per_s / 3600:,.1f} h"
        )


def main() -> None:
    if len(sys.argv) == 7 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes: 1k and 4k for memory, 1k end to end")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--claims-per-article", type=int, default=12)
    parser.add_argument("--rss-sizes", type=int, nargs=2, metavar="N")
    parser.add_argument("--archive", type=int, metavar="N", help="articles in the end-to-end archive")
    parser.add_argument("--match-window", type=int, default=0, metavar="N", help="candidate window, in claims")
    parser.add_argument(
        "--vectors-claims", type=int, default=1000, metavar="N", help="claims the vectors pass runs over"
    )
    parser.add_argument("--skip", nargs="*", choices=["storage", "rss", "rss-match", "archive"], default=[])
    args = parser.parse_args()
    sizes = args.rss_sizes or ([1000, 4000] if args.quick else [10_000, 40_000])
    archive = args.archive or (1000 if args.quick else 30_000)
    window = args.match_window or (10_000 if args.quick else 0)
    if "storage" not in args.skip:
        storage(args)
    if "rss" not in args.skip:
        memory(sizes, match=False, window=window)
    if "rss-match" not in args.skip:
        memory(sizes, match=True, window=window)
    if "archive" not in args.skip:
        throughput(archive, window=window, vectors_claims=args.vectors_claims)


if __name__ == "__main__":
    main()
