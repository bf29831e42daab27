"""The features an import's workers prepare are those of the stored claims, read back from the database.

An import matches claims on features computed in the extraction workers (``prepared``), never on the
stored rows; these must be equal, field by field, to ``features_of`` of each claim as
``load_match_claims`` reads it from the database, or an import would decide differently from
``factcheck match``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from db.links import CLAIMS, load_match_claims
from db.store import store_articles
from factcheck.extraction import extract_claims
from factcheck.matching import features_of
from factcheck.matching.prepared import prepare, rebuild
from factcheck.model import ArticleText
from factcheck.text.normalize import matching_words
from sources.readers import ArticleDefaults, read_articles


def test_prepared_features_equal_those_of_the_stored_claims(database: Any, corpus_dir: Path) -> None:
    records = [r for r in read_articles([corpus_dir], ArticleDefaults()) if not hasattr(r, "error")]
    report = store_articles(database, records, match=False)
    assert report.count("imported") == len(records) >= 4
    with database.session() as session:
        stored = {c.id: c for c in load_match_claims(session)}
        ids = session.execute(select(CLAIMS.c.id, CLAIMS.c.article_id).order_by(CLAIMS.c.id)).all()
    article_of = {item.where: item.article_id for item in report.items}
    rebuilt = []
    claim_ids = iter(ids)
    for record in records:  # stored in this order, each article's claims in extraction order
        article_id = article_of[record.where]
        assert article_id is not None
        article = ArticleText(record.body, record.language, record.published, record.title)
        claims = extract_claims(article)
        for claim, ready in zip(claims, prepare(record.body, record.language, claims), strict=True):
            claim_id, owner = next(claim_ids)
            assert owner == article_id
            rebuilt.append(
                rebuild(claim_id, article_id, claim.text, claim.negated, record.language, ready, record.published)
            )
    assert len(rebuilt) == len(stored) > 20
    assert any(f.frame is not None and f.claim.context for f in rebuilt)
    for features in rebuilt:
        assert features == features_of(stored[features.claim.id])


def test_a_sentence_folds_to_the_words_of_its_parts() -> None:
    """The frame's words are the claim's then its sentence's (``features_of`` folds the sentence once)."""
    texts = ["وزيرًا", "ٱلاجتماع", " \u0651x", "Ⅻ ﬁ", "", "a_b", "الوزير\u0640", "\u064bا", "٣٫٥", "ﷺ", "وللدول"]
    for a in texts:
        for b in texts:
            assert matching_words(f"{a} {b}") == matching_words(a) + matching_words(b)
