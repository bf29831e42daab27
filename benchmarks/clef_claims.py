"""The CLEF 2020 CheckThat! Task 2 data (English tweets → Snopes fact-checks), for the prior
fact-check benchmark and the re-ranker's training script. Only train and dev are read here.

The archive is built through the project's own TSV importer into an SQLite file; sentence vectors
(minutes to compute) are kept in ``.cache/prior/`` and copied into a fresh archive by the fact-check's
identity, so a second run re-imports and re-times the import but does not re-encode 10,000 claims.
"""

from __future__ import annotations

import csv
import hashlib
import os
import sqlite3
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.engine import Database, open_database  # noqa: E402
from db.factchecks import embed_missing, import_factchecks  # noqa: E402
from db.priors import PriorQuery  # noqa: E402
from factcheck.prior.records import FactCheckRecord, dedup_key  # noqa: E402
from sources.factcheck_readers import read_factchecks  # noqa: E402

__all__ = [
    "Archive",
    "build_archive",
    "candidate_features",
    "dataset_dir",
    "load_qrels",
    "load_queries",
    "prior_queries",
]

FOLDER = "clef2020_claim_retrieval"
COLUMNS = {"id": "#1", "claim": "vclaim", "title": "title"}
CACHE = ROOT / ".cache" / "prior"
csv.field_size_limit(10_000_000)


def dataset_dir() -> Path | None:
    """``$FACTCHECK_DATASETS/clef2020_claim_retrieval`` (default ``../shared/datasets``), if present."""
    base = Path(os.environ.get("FACTCHECK_DATASETS") or ROOT.parent / "shared" / "datasets")
    folder = base / FOLDER
    return folder if (folder / "verified_claims.tsv").is_file() else None


def load_queries(folder: Path, split: str) -> list[tuple[str, str]]:
    """``(query id, tweet)`` of ``split`` (train or dev)."""
    assert split in {"train", "dev"}, "the test split is kept apart"
    with (folder / f"queries_{split}.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))[1:]
    return [(r[0], r[1]) for r in rows]


def load_qrels(folder: Path, split: str) -> dict[str, set[str]]:
    """Query id → the verified-claim ids that verify it."""
    assert split in {"train", "dev"}, "the test split is kept apart"
    out: dict[str, set[str]] = defaultdict(set)
    for line in (folder / f"qrels_{split}.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3:
            out[parts[0]].add(parts[2])
    return out


@dataclass(slots=True)
class Archive:
    database: Database
    by_external: dict[str, int]  # verified-claim id → archived fact-check id (duplicates share one)
    import_seconds: float
    imported: int
    embed_seconds: float | None  # None: vectors came from the cache
    embedded: int


def _copy_cached_vectors(path: Path, cache: Path) -> int:
    if not cache.exists():
        return 0
    conn = sqlite3.connect(path)
    try:
        conn.execute("ATTACH DATABASE ? AS cache", (str(cache),))
        same = "c.dedup_key = factcheck.dedup_key AND c.claim = factcheck.claim"
        cur = conn.execute(
            f"UPDATE factcheck SET vector = (SELECT c.vector FROM cache.factcheck c WHERE {same}) WHERE vector IS NULL"
        )
        columns = {row[1] for row in conn.execute("PRAGMA cache.table_info(factcheck)")}
        if "title_vector" in columns:  # a cache written before titles had vectors has none
            conn.execute(
                f"UPDATE factcheck SET title_vector = (SELECT c.title_vector FROM cache.factcheck c WHERE {same} "
                "AND c.title IS factcheck.title) WHERE title_vector IS NULL"
            )
        conn.execute("UPDATE factcheck_meta SET value = value + 1 WHERE key = 'factcheck_archive_version'")
        conn.commit()
        return cur.rowcount
    finally:
        conn.close()


def build_archive(folder: Path, path: Path, *, progress: bool = True) -> Archive:
    """Import the verified claims into a new archive at ``path`` and give every one its vector."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    database = open_database(path)
    source = folder / "verified_claims.tsv"
    started = time.perf_counter()
    report = import_factchecks(database, read_factchecks(source, columns=COLUMNS))
    import_seconds = time.perf_counter() - started
    cache = CACHE / "clef2020_archive.db"
    _copy_cached_vectors(path, cache)

    def tick(done: int, total: int) -> None:
        if progress:
            print(f"\r  embedding fact-checks: {done}/{total}", end="", file=sys.stderr, flush=True)

    started = time.perf_counter()
    embedded = embed_missing(database, on_batch=tick)
    embed_seconds = time.perf_counter() - started if embedded else None
    if progress and embedded:
        print(file=sys.stderr)
    if embedded:
        CACHE.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path)
        try:
            conn.execute("VACUUM INTO ?", (str(cache) + ".tmp",))
        finally:
            conn.close()
        os.replace(str(cache) + ".tmp", cache)
    by_key = {}
    with database.session() as session:
        from sqlmodel import select

        from db.models import FactCheck

        by_key = {k: i for k, i in session.exec(select(FactCheck.dedup_key, FactCheck.id)).all() if i is not None}
    by_external = {}
    for record in read_factchecks(source, columns=COLUMNS):
        if not isinstance(record, FactCheckRecord):
            continue
        fid = by_key.get(dedup_key(record.claim, record.fact_checker))
        if fid is not None and record.external_id is not None:
            by_external[record.external_id] = fid
    return Archive(database, by_external, import_seconds, report.added + report.present, embed_seconds, embedded)


def prior_queries(texts: list[str], *, vectors: bool = True) -> list[PriorQuery]:
    """``db.priors.make_queries`` of ``texts``, their sentence vectors kept in ``.cache/prior/queries.npz``
    (by the cleaned text's hash), so a second run does not encode the tweets again."""
    from db.priors import make_queries

    lexical = make_queries(texts, vectors=False)
    if not vectors:
        return lexical
    path = CACHE / "queries.npz"
    cached = dict(np.load(path)) if path.exists() else {}
    keys = [hashlib.sha256(q.text.encode()).hexdigest() for q in lexical]
    missing = sorted({k: q.text for k, q in zip(keys, lexical, strict=True) if k not in cached}.items())
    if missing:
        from factcheck.text.encoder import encode

        for (key, _), vector in zip(missing, encode([t for _, t in missing]), strict=True):
            cached[key] = vector
        CACHE.mkdir(parents=True, exist_ok=True)
        np.savez(path, **cached)
    return [
        PriorQuery(q.text, replace(q.query, vector=cached[k].astype(np.float32)))
        for q, k in zip(lexical, keys, strict=True)
    ]


def candidate_features(
    database: Database, texts: list[str], *, vectors: bool = True
) -> list[tuple[list[int], npt.NDArray[np.float64]]]:
    """For each text, the candidate fact-check ids and their feature rows, as the workbench sees them."""
    from db.priors import candidates_from, expand_query
    from db.vector_cache import archive_index
    from factcheck.prior.features import feature_matrix

    queries = prior_queries(texts, vectors=vectors)
    out: list[tuple[list[int], npt.NDArray[np.float64]]] = []
    with database.session() as session:
        index = archive_index(session, vectors=vectors)
        for prior in queries:
            query = expand_query(index, prior.query)
            found = candidates_from(index, query)
            out.append(([c.factcheck_id for c in found], feature_matrix(query, found, index.idf)))
    return out
