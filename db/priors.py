"""Prior fact-checks for stored claims: the candidate step and the stored ranking.

Candidates are the union of BM25 over the archive's stemmed terms and the nearest sentence vectors,
both from the in-memory index (``db.vector_cache``, built on the matching work's ``TermIndex``), the
same on SQLite and PostgreSQL; ``factcheck.prior`` ranks them. Each claim keeps its best ``TOP_K`` as
``prior_match`` rows; a reviewer's "not the same claim" (``rejected``) and an applied verdict
(``applied``) survive every recomputation.

Two passes: an import looks its claims up lexically (``refresh_priors(..., vectors=False)``, a few
milliseconds a claim, no sentence encoding); once the claims have sentence vectors,
``refresh_with_vectors`` looks them up again with the vector half and the fuller model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from db.models import Claim, ClaimVector, FactCheck, PriorMatch
from db.types import utcnow
from db.vector_cache import archive_index
from factcheck.prior.clean import clean_text, posted, signature
from factcheck.prior.features import Candidate, Query
from factcheck.prior.index import ArchiveIndex
from factcheck.prior.model import PriorModel, default_model
from factcheck.prior.ranking import TOP_K, Ranked, rank_candidates
from factcheck.prior.segment import joined_words, split_joined
from factcheck.text.terms import content_terms

__all__ = [
    "BM25_CANDIDATES",
    "DENSE_CANDIDATES",
    "PriorQuery",
    "candidates",
    "candidates_from",
    "expand_query",
    "make_queries",
    "refresh_priors",
    "refresh_with_vectors",
    "retrieve",
]

BM25_CANDIDATES = 100  # with the nearest 100: 99 % of the train queries have their fact-check among them
DENSE_CANDIDATES = 100
_CHUNK = 256


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
    return [PriorQuery(c, _query(t, c, v)) for t, c, v in zip(texts, cleaned, encoded, strict=True)]


def _query(text: str, cleaned: str, vector: np.ndarray | None) -> Query:
    """The retrieval form of ``text`` (cleaned as ``cleaned``), with its sentence vector if any."""
    terms = tuple(content_terms(cleaned))
    poster = signature(text)
    author = tuple(content_terms(poster))
    return Query(terms, vector, author, posted(text), joined_words(cleaned.casefold()), joined_words(poster.casefold()))


def _pieces(index: ArchiveIndex, words: Sequence[str], present: Sequence[str]) -> tuple[str, ...]:
    pieces = [stem for word in words for stem in split_joined(word, index.known)]
    return tuple(p for p in dict.fromkeys(pieces) if p not in present)


def expand_query(index: ArchiveIndex, query: Query) -> Query:
    """``query`` with the pieces of its run-together words that the archive knows ("cornflakes" → corn,
    flake; ``factcheck.prior.segment``) added to its terms, and those of the poster's ("pnbrock" → pnb,
    rock) to the poster's."""
    extra = _pieces(index, query.joined, query.terms)
    by = _pieces(index, query.author_joined, query.author)
    if not extra and not by:
        return query
    return replace(query, terms=query.terms + extra, author=query.author + by)


def candidates(session: Session, query: Query, *, exclude: Sequence[int] = ()) -> list[Candidate]:
    """The bounded candidate set: BM25 top ``BM25_CANDIDATES`` ∪ vector top ``DENSE_CANDIDATES``."""
    index = archive_index(session, vectors=query.vector is not None)
    return candidates_from(index, expand_query(index, query), exclude)


def candidates_from(index: ArchiveIndex, query: Query, exclude: Sequence[int] = ()) -> list[Candidate]:
    """``candidates`` from an index already at hand (a batch of look-ups, the training script)."""
    if not len(index):
        return []
    hits = index.lexical(query.search_terms, BM25_CANDIDATES, exclude)
    columns = (hits.positions.tolist(), hits.claim.tolist(), hits.title.tolist(), hits.combined.tolist())
    found = {p: (c, t, b) for p, c, t, b in zip(*columns, strict=True)}
    cosines: dict[int, tuple[float, float]] = {}
    if query.vector is not None and index.vectors is not None:
        vector = query.vector.astype(np.float32)
        for p in index.nearest(vector, DENSE_CANDIDATES).tolist():
            found.setdefault(p, (0.0, 0.0, 0.0))
        positions = np.fromiter(found, dtype=np.int64, count=len(found))
        claim_cos = index.vectors.cosines(positions, vector).tolist()
        title_cos = index.vectors.title_cosines(positions, vector).tolist()
        cosines = dict(zip(positions.tolist(), zip(claim_cos, title_cos, strict=True), strict=True))
    skip = set(exclude)
    return [
        Candidate(
            int(index.ids[p]),
            index.terms[p],
            index.title_terms[p],
            *scores,
            cosine=cosines[p][0] if p in cosines else None,
            title_cosine=cosines[p][1] if p in cosines else None,
            idf_mass=index.idf_mass(p),
        )
        for p, scores in sorted(found.items())
        if int(index.ids[p]) not in skip
    ]


def retrieve(
    session: Session,
    query: Query,
    *,
    model: PriorModel | None = None,
    k: int = TOP_K,
    exclude: Sequence[int] = (),
) -> list[Ranked]:
    """The ``k`` most likely prior fact-checks of one query, best first."""
    index = archive_index(session, vectors=query.vector is not None)
    query = expand_query(index, query)
    found = candidates_from(index, query, exclude)
    return rank_candidates(query, found, model or default_model(), k=k, exclude=set(exclude), idf=index.idf)


def _excluded(session: Session, claim_ids: Sequence[int]) -> dict[int, set[int]]:
    """Never suggest a claim's own verdict back to it, nor what a reviewer rejected or already applied."""
    out: dict[int, set[int]] = {i: set() for i in claim_ids}
    own = session.exec(
        select(FactCheck.claim_id, FactCheck.id).where(col(FactCheck.claim_id).in_(list(claim_ids)))
    ).all()
    decided = session.exec(
        select(PriorMatch.claim_id, PriorMatch.factcheck_id).where(
            col(PriorMatch.claim_id).in_(list(claim_ids)), col(PriorMatch.status) != "suggested"
        )
    ).all()
    for claim_id, fid in [*own, *decided]:
        if claim_id is not None and fid is not None:
            out[claim_id].add(fid)
    return out


def _claim_queries(session: Session, claims: Sequence[tuple[int, str, int]], *, vectors: bool) -> list[Query]:
    """Each claim's query; with ``vectors``, its stored sentence vector when current (encoding the rest,
    in one batch, and storing those of claims whose text needed no cleaning)."""
    cleaned = [clean_text(t) for _, t, _ in claims]
    if not vectors:
        return [_query(t, c, None) for (_, t, _), c in zip(claims, cleaned, strict=True)]
    ids = [i for i, _, _ in claims]
    version = {i: v for i, _, v in claims}
    stored = {
        int(r[0]): np.frombuffer(r[1], dtype="<f2").astype(np.float32)
        for r in session.exec(
            select(ClaimVector.claim_id, ClaimVector.vector, ClaimVector.version).where(
                col(ClaimVector.claim_id).in_(ids)
            )
        ).all()
        if r[2] == version[int(r[0])]
    }
    missing = [p for p, (i, t, _) in enumerate(claims) if i not in stored or cleaned[p] != t]
    if missing:
        from factcheck.text.encoder import encode, to_bytes

        fresh = encode([cleaned[p] for p in missing])
        keep = [(claims[p][0], v) for p, v in zip(missing, fresh, strict=True) if cleaned[p] == claims[p][1]]
        if keep:
            session.exec(delete(ClaimVector).where(col(ClaimVector.claim_id).in_([i for i, _ in keep])))
            session.execute(
                insert(ClaimVector), [{"claim_id": i, "version": version[i], "vector": to_bytes(v)} for i, v in keep]
            )
        for p, v in zip(missing, fresh, strict=True):
            stored[ids[p]] = v.astype(np.float32)
    return [_query(t, c, stored[i]) for (i, t, _), c in zip(claims, cleaned, strict=True)]


def refresh_priors(
    session: Session,
    claim_ids: Sequence[int],
    *,
    vectors: bool = True,
    model: PriorModel | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Recompute the suggested prior fact-checks of ``claim_ids``; returns how many were stored.

    Without ``vectors`` the look-up is lexical only (the import's pass: no encoding, no vector scan)."""
    from db.factchecks import sync_workbench_verdicts

    if not claim_ids:
        return 0
    sync_workbench_verdicts(session)
    if session.exec(select(FactCheck.id).limit(1)).first() is None:
        return 0
    model = model or default_model()
    index = archive_index(session, vectors=vectors)
    stored = 0
    for start in range(0, len(claim_ids), _CHUNK):
        chunk = list(claim_ids[start : start + _CHUNK])
        claims = [
            (int(i), t, int(v))
            for i, t, v in session.exec(
                select(Claim.id, Claim.text, Claim.version).where(col(Claim.id).in_(chunk))
            ).all()
            if i is not None
        ]
        queries = _claim_queries(session, claims, vectors=vectors)
        excluded = _excluded(session, [i for i, _, _ in claims])
        session.exec(
            delete(PriorMatch).where(col(PriorMatch.claim_id).in_(chunk), col(PriorMatch.status) == "suggested")
        )
        now = utcnow()
        rows = []
        for (claim_id, _, _), query in zip(claims, queries, strict=True):
            skip = sorted(excluded[claim_id])
            query = expand_query(index, query)
            found = candidates_from(index, query, skip)
            ranked = rank_candidates(query, found, model, exclude=set(skip), idf=index.idf)
            rows += [
                {
                    "claim_id": claim_id,
                    "factcheck_id": item.factcheck_id,
                    "rank": place,
                    "score": item.score,
                    "features": item.features,
                    "status": "suggested",
                    "created_at": now,
                }
                for place, item in enumerate(ranked, 1)
            ]
        if rows:
            session.execute(insert(PriorMatch), rows)
        stored += len(rows)
        if on_batch is not None:
            on_batch(len(chunk))
    return stored


def refresh_with_vectors(session: Session, claim_ids: Sequence[int]) -> int:
    """Look ``claim_ids`` up again with sentence vectors: for the vectors pass after an import (it uses the
    claims' stored ``claim_vector`` rows and encodes only those missing); returns the rows stored."""
    return refresh_priors(session, claim_ids, vectors=True)
