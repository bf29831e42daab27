"""The sample corpus end to end: import with the real extractor, then check cross_article.json.

Articles go through ``db.store.store_articles`` (extraction with the manifest's dates, and the
matching hook after each batch), so this is what a user gets from ``factcheck import``. Fixture text
is found in the whitespace-folded stored body; "the claim" is any claim whose span overlaps it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from matching_corpus import candidate_ids, locate
from sqlmodel import select

from db.claim_vectors import run_vectors
from db.engine import Database
from db.links import load_match_claims, match_all
from db.models import Article, Claim, ClaimLink, Contradiction
from db.store import store_articles
from sources.readers import ArticleDefaults, read_articles

REAL = ("000_f1042223d0777276.txt", "004_0960fe732d95aff5.txt")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Iterator[dict[str, Any]]:
    from db.engine import open_database

    database: Database = open_database(tmp_path_factory.mktemp("corpus") / "factcheck.db")
    # One article per call, so each later article is matched incrementally against the earlier ones.
    for path in sorted(corpus_dir.glob("*.txt")):
        report = store_articles(
            database, read_articles([path], ArticleDefaults(), manifest=corpus_dir / "manifest.json")
        )
        assert not report.failed
    run_vectors(database)  # as ``factcheck import`` runs it after importing
    with database.session() as session:
        articles = {Path(a.source_path or "").name: a for a in session.exec(select(Article))}
        claims = list(session.exec(select(Claim)))
        links = list(session.exec(select(ClaimLink)))
        flags = list(session.exec(select(Contradiction)))
    yield {"database": database, "articles": articles, "claims": claims, "links": links, "flags": flags}
    database.dispose()


def _claims_at(imported: dict[str, Any], ref: list[str]) -> set[int]:
    name, text = ref
    article = imported["articles"][name]
    start, end = locate(article.body, text)
    return {c.id for c in imported["claims"] if c.article_id == article.id and c.start < end and start < c.end}


def _pairs(imported: dict[str, Any], entry: dict[str, Any]) -> set[tuple[int, int]]:
    a, b = _claims_at(imported, entry["a"]), _claims_at(imported, entry["b"])
    assert a and b, entry
    return {(min(x, y), max(x, y)) for x in a for y in b}


def _fixture_matches_hold(
    imported: dict[str, Any], cross_article: dict[str, Any], linked: set[tuple[int, int]]
) -> None:
    """Linked, or (same language) at least a candidate pair: see test_matching_core."""
    with imported["database"].session() as session:
        proposed = candidate_ids(load_match_claims(session))
    for entry in cross_article["matches"]:
        if entry.get("cross_lingual"):
            assert _pairs(imported, entry) & linked, entry
        else:
            assert _pairs(imported, entry) & (linked | proposed), entry


def test_every_fixture_match_is_linked_or_proposed(imported: dict[str, Any], cross_article: dict[str, Any]) -> None:
    _fixture_matches_hold(imported, cross_article, {(k.claim_a_id, k.claim_b_id) for k in imported["links"]})


def test_every_fixture_contradiction_is_flagged(imported: dict[str, Any], cross_article: dict[str, Any]) -> None:
    for entry in cross_article["contradictions"]:
        pairs = _pairs(imported, entry)
        flags = [f for f in imported["flags"] if (f.claim_a_id, f.claim_b_id) in pairs and f.kind == entry["kind"]]
        assert flags, entry
        if "values" in entry:
            a_side = _claims_at(imported, entry["a"])
            values = {(f.value_a, f.value_b) if f.claim_a_id in a_side else (f.value_b, f.value_a) for f in flags}
            assert tuple(entry["values"]) in values, (entry, values)


def test_no_fixture_not_contradiction_is_flagged(imported: dict[str, Any], cross_article: dict[str, Any]) -> None:
    for entry in cross_article["not_contradictions"]:
        pairs = _pairs(imported, entry)
        assert not [f for f in imported["flags"] if (f.claim_a_id, f.claim_b_id) in pairs and f.kind == entry["kind"]]


def test_the_two_real_articles_raise_no_contradiction(imported: dict[str, Any]) -> None:
    real = {imported["articles"][name].id for name in REAL}
    article_of = {c.id: c.article_id for c in imported["claims"]}
    assert not [f for f in imported["flags"] if {article_of[f.claim_a_id], article_of[f.claim_b_id]} == real]


def test_a_full_rematch_agrees_with_the_import_hook(imported: dict[str, Any], cross_article: dict[str, Any]) -> None:
    """Term weights are counted over the store as it is, so a re-match may decide a pair near the
    threshold differently from the import hook, which counted them over the store as it was: it keeps
    nearly all links and every fixture match, and a second re-match changes nothing."""
    with imported["database"].transaction() as session:
        summary = match_all(session)
    assert summary.links_added + summary.links_dropped <= 0.05 * len(imported["links"])
    with imported["database"].transaction() as session:
        again = match_all(session)
        linked = {(k.claim_a_id, k.claim_b_id) for k in session.exec(select(ClaimLink))}
    assert (again.links_added, again.links_dropped, again.links_updated) == (0, 0, 0)
    assert (again.contradictions_added, again.contradictions_dropped) == (0, 0)
    _fixture_matches_hold(imported, cross_article, linked)
