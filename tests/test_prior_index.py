"""The archive's in-memory retrieval index: BM25 as SQLite FTS5 computes it, nearest vectors as brute force."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import numpy as np

from factcheck.prior.index import REDUCED, TITLE_WEIGHT, ArchiveIndex, VectorIndex
from factcheck.text.terms import content_terms

DATA = Path(__file__).resolve().parent / "data" / "factchecks"


def archive_terms() -> list[tuple[str, ...]]:
    """The test archive's claims and titles as stemmed terms, each term once (FTS5 counts repeats, the
    index does not)."""
    with (DATA / "archive.csv").open(encoding="utf-8", newline="") as handle:
        claims = [text for row in csv.DictReader(handle) for text in (row["Claim"], row["Title"])]
    return [tuple(dict.fromkeys(content_terms(c))) for c in claims]


def test_bm25_is_fts5_bm25() -> None:
    terms = archive_terms()
    assert len(terms) >= 3
    index = ArchiveIndex(range(1, len(terms) + 1), terms, [() for _ in terms])
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(terms)")
    conn.executemany("INSERT INTO t(rowid, terms) VALUES (?, ?)", [(i, " ".join(t)) for i, t in enumerate(terms, 1)])
    for query in filter(None, terms):
        match = " OR ".join(f'"{t}"' for t in query)
        expected = dict(conn.execute("SELECT rowid, -bm25(t) FROM t WHERE t MATCH ?", (match,)).fetchall())
        hits = index.lexical(query, k=len(terms))
        got = {int(index.ids[p]): s for p, s in zip(hits.positions, hits.claim, strict=True)}
        assert got.keys() == expected.keys()
        for fid, score in expected.items():
            assert abs(got[fid] - score) < 1e-6 * max(1.0, abs(score))
        assert list(hits.combined) == sorted(hits.combined, reverse=True)


def test_titles_count_and_excluded_fact_checks_are_never_offered() -> None:
    other = [("vaccin",), ("tax",), ("flood",), ("elect",)]
    index = ArchiveIndex(
        [10, 20, 30, 40, 50, 60], [("moon", "land"), ("moon",), *other], [(), ("land", "studio"), (), (), (), ()]
    )
    hits = index.lexical(("moon", "land", "studio"), k=5)
    found = {int(index.ids[p]): i for i, p in enumerate(hits.positions)}
    assert set(found) == {10, 20}
    assert hits.title[found[20]] > 0 and hits.title[found[10]] == 0
    assert np.allclose(hits.combined, hits.claim + TITLE_WEIGHT * hits.title)
    assert [int(index.ids[p]) for p in index.lexical(("moon",), k=5, exclude=[10]).positions] == [20]


def test_nearest_through_the_projection_finds_the_exact_neighbours() -> None:
    rng = np.random.default_rng(7)
    latent = rng.normal(size=(3000, 24)) @ rng.normal(size=(24, 512))  # sentence vectors live near a subspace
    rows = latent + rng.normal(scale=0.3, size=latent.shape)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    present = np.ones(len(rows), dtype=bool)
    present[5] = False  # a fact-check not embedded yet is never near
    index = VectorIndex(rows.astype(np.float16), present)
    assert index.projection is not None and index.reduced.shape == (3000, REDUCED)
    for q in (0, 17, 2999):
        query = rows[q].astype(np.float32)
        exact = rows.astype(np.float16).astype(np.float32) @ query
        exact[~present] = -np.inf
        assert set(index.nearest(query, 10).tolist()) == set(np.argsort(-exact)[:10].tolist())
        assert index.nearest(query, 10)[0] == q
    assert 5 not in index.nearest(rows[5].astype(np.float32), 50).tolist()


def test_a_run_together_hashtag_finds_its_fact_check() -> None:
    from db.priors import expand_query, make_queries

    terms = archive_terms()
    index = ArchiveIndex(range(1, len(terms) + 1), terms, [() for _ in terms])
    query = make_queries(["Nobody believes the #moonlanding"], vectors=False)[0].query
    assert index.lexical(query.search_terms, k=5).positions.tolist() == []
    expanded = expand_query(index, query)
    assert set(content_terms("moon landing")) <= set(expanded.terms)
    hits = index.lexical(expanded.search_terms, k=5).positions.tolist()
    assert hits and "moon" in terms[hits[0]]


def test_a_run_together_handle_in_the_tail_splits_into_the_posters_words() -> None:
    from db.priors import expand_query, make_queries

    terms = archive_terms()
    index = ArchiveIndex(range(1, len(terms) + 1), terms, [() for _ in terms])
    query = make_queries(["It is all fake — MOONLANDING (@moonlanding) July 20, 2019"], vectors=False)[0].query
    assert "moon" not in query.author
    expanded = expand_query(index, query)
    assert set(content_terms("moon landing")) <= set(expanded.author)
    assert not set(content_terms("moon landing")) & set(expanded.terms)  # the poster stays apart from the claim
