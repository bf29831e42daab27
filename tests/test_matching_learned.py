"""The learned matcher's contract: the fitted model file, the generic term index, boilerplate, stored vectors."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
from matching_corpus import ARTICLE_IDS, store_hand_claims
from sqlmodel import select

from db.claim_vectors import run_vectors
from db.engine import Database
from db.links import load_match_claims
from db.models import Claim, ClaimVector
from db.pipeline import after_claims_stored
from factcheck.contradictions import findings
from factcheck.matching import Candidate, MatchClaim, MatchResult, features_of, match_all, slot_agreement, verify
from factcheck.matching.candidates import MAX_DF, TermIndex
from factcheck.matching.model import MODEL_FILE, load
from factcheck.matching.pair_features import FEATURES, LEXICAL_FEATURES, ClaimTable, pair_features
from factcheck.model import Slots
from factcheck.text.terms import content_terms


def test_the_model_file_names_known_features_and_a_probability_threshold() -> None:
    data = json.loads((files("factcheck.data") / MODEL_FILE).read_text(encoding="utf-8"))
    assert data["trained_by"] == "scripts/train_matcher.py"
    matcher = load()
    assert set(matcher.with_vector.features) == set(FEATURES)
    assert set(matcher.lexical.features) == set(LEXICAL_FEATURES)
    for model in (matcher.with_vector, matcher.lexical):
        assert 0 < model.threshold < 1
        assert len(model.coef) == len(model.mean) == len(model.scale) == len(model.features)
        assert (model.scale > 0).all()


def test_term_index_ranks_any_corpus_by_shared_rare_terms() -> None:
    """The index knows nothing of claims: a fact-check archive uses it the same way."""
    archive = [
        "Photo shows flooding in Jeddah airport terminal",
        "Video of flooding in Riyadh streets is from 2015",
        "Minister denies fuel price increase in Jeddah",
        "Flooding closes schools in Riyadh",
    ]
    index = TermIndex(top_k=2)
    for n, text in enumerate(archive):
        index.add(content_terms(text), group=n)
    best = index.query(content_terms("Jeddah airport terminal flooding photo"))
    assert [position for position, _ in best] == [0, 2]
    assert best[0][1] > best[1][1] > 0
    assert index.query(content_terms("Jeddah airport terminal flooding photo"), group=0)[0][0] == 2  # own group skipped


def test_boilerplate_shared_by_many_articles_never_links() -> None:
    """A line every article carries has only common terms: no candidate, so no link, however equal."""
    line = "Follow the link to read the full story on our website"
    claims = [MatchClaim(id=n + 1, article_id=n, text=line, language="en", slots=Slots()) for n in range(MAX_DF + 5)]
    assert match_all(claims).links == []
    few = match_all(claims[:3])  # three equal lines are rare enough to be compared, and are one claim
    assert {(k.claim_a_id, k.claim_b_id) for k in few.links} == {(1, 2), (1, 3), (2, 3)}


def test_vectors_are_stored_once_for_claims_with_candidates(
    database: Database, corpus_dir: Path, manifest: dict[str, dict[str, Any]]
) -> None:
    for n, name in enumerate(ARTICLE_IDS):
        with database.session() as session:
            before = len(session.exec(select(ClaimVector)).all())
        with database.transaction() as session:
            after_claims_stored(session, store_hand_claims(session, corpus_dir, manifest, [name]))
        with database.session() as session:  # the import itself encodes nothing: the vectors pass does
            assert len(session.exec(select(ClaimVector)).all()) == before
        run_vectors(database)
        if n == 0:  # alone in the store, the first article's claims have no candidates: nothing encoded
            with database.session() as session:
                assert session.exec(select(ClaimVector)).all() == []
    with database.session() as session:
        stored = {v.claim_id: v for v in session.exec(select(ClaimVector))}
        claims = {c.id: c for c in session.exec(select(Claim))}
        loaded = {c.id: c for c in load_match_claims(session)}
    assert stored and set(stored) <= set(claims)
    assert all(len(v.vector) == 512 * 2 and v.version == claims[v.claim_id].version for v in stored.values())
    assert {i for i, c in loaded.items() if c.vector is not None} == set(stored)
    with database.transaction() as session:  # an edit makes the vector stale: it is no longer read
        claim = session.get(Claim, next(iter(stored)))
        assert claim is not None
        claim.version += 1
        session.add(claim)
    with database.session() as session:
        assert {c.id for c in load_match_claims(session) if c.vector is not None} == set(stored) - {claim.id}


def test_a_pair_close_to_a_link_is_checked_for_polarity_and_a_flag_links_it() -> None:
    """Below the link threshold but above the check threshold: no link of its own, yet a negation
    between two near-identical statements is flagged, and the flag brings a link a reviewer can reject."""
    said = MatchClaim(1, 1, "The talks between the two ministers continued in Geneva", "en", Slots())
    denied = MatchClaim(2, 2, "The talks between the two ministers did not continue in Geneva", "en", Slots())
    a, b = features_of(said), features_of(denied)
    matcher = load()
    x, both, _ = pair_features(ClaimTable.of([a, b]), np.array([0]), np.array([1]))
    cut, check = float(matcher.threshold(x, both)[0]), float(matcher.check_threshold(x, both)[0])
    assert 0 < check <= cut < 1
    scored = verify([(a, b)], keep_all=True)[0]
    assert scored.close == (scored.probability >= check)
    assert (scored.link is not None) == (scored.probability >= cut)
    close = Candidate(a, b, scored.text_score, slot_agreement(a, b), None, None, scored.probability, close=True)
    found = findings(MatchResult(links=[], kept=[close], candidates=1))
    assert [f.kind for f in found.flags] == ["negation"]
    assert [(k.claim_a_id, k.claim_b_id) for k in found.links] == [(1, 2)]
    assert found.links[0].method.startswith("close to a link")
    far = Candidate(a, b, scored.text_score, slot_agreement(a, b), None, None, scored.probability, close=False)
    assert findings(MatchResult(links=[], kept=[far], candidates=1)).flags == []
