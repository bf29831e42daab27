"""Prior fact-checks for stored claims: the candidate step (SQL) and the stored ranking.

Candidates are the union of BM25 over the archive's stemmed terms (the ``factcheck_fts`` FTS5 index)
and the nearest sentence vectors (``db.vector_cache``); ``factcheck.prior`` ranks them. Each claim
keeps its best ``TOP_K`` as ``prior_match`` rows; a reviewer's "not the same claim" (``rejected``)
and an applied verdict (``applied``) survive every recomputation.

To move onto the shared candidate index of the matching work, only ``candidates`` changes: it must
return ``Candidate`` objects with BM25 values for the archive's rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import text
from sqlmodel import Session, col, delete, select

from db.models import Claim, FactCheck, PriorMatch
from db.vector_cache import nearest, vectors_of
from factcheck.prior.clean import clean_text
from factcheck.prior.features import Candidate, Query
from factcheck.prior.model import PriorModel, default_model
from factcheck.prior.ranking import TOP_K, Ranked, rank_candidates
from factcheck.text.terms import content_terms

__all__ = [
    "BM25_CANDIDATES",
    "DENSE_CANDIDATES",
    "PriorQuery",
    "candidates",
    "make_queries",
    "refresh_priors",
    "retrieve",
]

BM25_CANDIDATES = 50
DENSE_CANDIDATES = 50
_TITLE_WEIGHT = 0.6  # of the title column in the combined BM25, as measured on the train split
_MAX_QUERY_TERMS = 64


@dataclass(frozen=True, slots=True)
class PriorQuery:
    """A text to look up, cleaned, with its retrieval form."""

    text: str
    query: Query


def make_queries(texts: Sequence[str], *, vectors: bool = True) -> list[PriorQuery]:
    """Clean each text (tweet tails, links, handles), take its terms and (batched) sentence vectors."""
    cleaned = [clean_text(t) for t in texts]
    encoded: list[np.ndarray | None] = [None] * len(cleaned)
    if vectors and cleaned:
        from factcheck.text.encoder import encode

        encoded = list(encode(cleaned).astype(np.float32))
    return [PriorQuery(c, Query(tuple(content_terms(c)), v)) for c, v in zip(cleaned, encoded, strict=True)]


def _fts_match(terms: Sequence[str]) -> str | None:
    unique = list(dict.fromkeys(terms))[:_MAX_QUERY_TERMS]
    if not unique:
        return None
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in unique)


def candidates(session: Session, query: Query) -> list[Candidate]:
    """The bounded candidate set: BM25 top ``BM25_CANDIDATES`` ∪ vector top ``DENSE_CANDIDATES``."""
    scores: dict[int, tuple[float, float, float]] = {}
    match = _fts_match(query.terms)
    if match is not None and session.get_bind().dialect.name == "postgresql":
        scores = _pg_candidates(session, query.terms)
    elif match is not None:
        rows = session.connection().execute(
            text(
                "SELECT rowid, -bm25(factcheck_fts, 1.0, 0.0), -bm25(factcheck_fts, 0.0, 1.0), "
                f"-bm25(factcheck_fts, 1.0, {_TITLE_WEIGHT}) FROM factcheck_fts WHERE factcheck_fts MATCH :m "
                f"ORDER BY bm25(factcheck_fts, 1.0, {_TITLE_WEIGHT}) LIMIT :k"
            ),
            {"m": match, "k": BM25_CANDIDATES},
        )
        scores = {int(r[0]): (float(r[1]), float(r[2]), float(r[3])) for r in rows}
    if query.vector is not None:
        for fid in nearest(session, query.vector, DENSE_CANDIDATES):
            scores.setdefault(fid, (0.0, 0.0, 0.0))
    if not scores:
        return []
    ids = sorted(scores)
    terms = {
        r[0]: (tuple(r[1].split()), tuple(r[2].split()))
        for r in session.exec(
            select(FactCheck.id, FactCheck.terms, FactCheck.title_terms).where(col(FactCheck.id).in_(ids))
        ).all()
    }
    vectors = vectors_of(session, ids) if query.vector is not None else {}
    return [Candidate(fid, *terms[fid], *scores[fid], vector=vectors.get(fid)) for fid in ids if fid in terms]


_PG_VECTOR = "to_tsvector('simple'::regconfig, {})"


def _pg_candidates(session: Session, terms: Sequence[str]) -> dict[int, tuple[float, float, float]]:
    """PostgreSQL's stand-in for FTS5 BM25: ``ts_rank`` over the GIN-indexed terms (migration 0003).

    The re-ranker was trained on BM25 values, so rankings on PostgreSQL are less good than on SQLite.
    """
    both = _PG_VECTOR.format("terms || ' ' || title_terms")
    rows = session.connection().execute(
        text(
            f"SELECT id, ts_rank({_PG_VECTOR.format('terms')}, q), ts_rank({_PG_VECTOR.format('title_terms')}, q), "
            f"ts_rank({both}, q) AS r FROM factcheck, websearch_to_tsquery('simple', :m) AS q "
            f"WHERE {both} @@ q ORDER BY r DESC LIMIT :k"
        ),
        {"m": " or ".join(dict.fromkeys(terms)).replace('"', " "), "k": BM25_CANDIDATES},
    )
    return {int(r[0]): (float(r[1]), float(r[2]), float(r[3])) for r in rows}


def retrieve(
    session: Session,
    query: Query,
    *,
    model: PriorModel | None = None,
    k: int = TOP_K,
    exclude: Sequence[int] = (),
) -> list[Ranked]:
    """The ``k`` most likely prior fact-checks of one query, best first."""
    return rank_candidates(query, candidates(session, query), model or default_model(), k=k, exclude=set(exclude))


def _excluded(session: Session, claim_id: int) -> set[int]:
    """Never suggest a claim's own verdict back to it, nor what a reviewer rejected or already applied."""
    own = session.exec(select(FactCheck.id).where(col(FactCheck.claim_id) == claim_id)).all()
    decided = session.exec(
        select(PriorMatch.factcheck_id).where(
            col(PriorMatch.claim_id) == claim_id, col(PriorMatch.status) != "suggested"
        )
    ).all()
    return {i for i in own if i is not None} | set(decided)


def refresh_priors(
    session: Session,
    claim_ids: Sequence[int],
    *,
    vectors: bool = True,
    model: PriorModel | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Recompute the suggested prior fact-checks of ``claim_ids``; returns how many were stored.

    Without ``vectors`` the look-up is lexical only (an import; the vectors pass looks up again)."""
    from db.factchecks import sync_workbench_verdicts

    if not claim_ids:
        return 0
    sync_workbench_verdicts(session)
    if session.exec(select(FactCheck.id).limit(1)).first() is None:
        return 0
    model = model or default_model()
    stored = 0
    for start in range(0, len(claim_ids), 64):
        chunk = list(claim_ids[start : start + 64])
        claims = session.exec(select(Claim.id, Claim.text).where(col(Claim.id).in_(chunk))).all()
        queries = make_queries([t for _, t in claims], vectors=vectors)
        session.exec(
            delete(PriorMatch).where(col(PriorMatch.claim_id).in_(chunk), col(PriorMatch.status) == "suggested")
        )
        for (claim_id, _), prior in zip(claims, queries, strict=True):
            assert claim_id is not None
            ranked = retrieve(session, prior.query, model=model, exclude=sorted(_excluded(session, claim_id)))
            for place, item in enumerate(ranked, 1):
                session.add(
                    PriorMatch(
                        claim_id=claim_id,
                        factcheck_id=item.factcheck_id,
                        rank=place,
                        score=item.score,
                        features=item.features,
                    )
                )
            stored += len(ranked)
        session.flush()
        if on_batch is not None:
            on_batch(len(chunk))
    return stored
