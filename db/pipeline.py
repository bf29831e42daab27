"""What runs after new claims are stored, inside the same transaction as the import.

Kept in one place so each capability plugs in here rather than into the importer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlmodel import Session

if TYPE_CHECKING:
    from factcheck.matching import ClaimFeatures

__all__ = ["after_claim_vectors", "after_claims_changed", "after_claims_stored"]


def after_claims_stored(
    session: Session, claim_ids: list[int], features: Sequence[ClaimFeatures] | None = None
) -> None:
    """Match the new claims against the stored ones and flag contradictions, on lexical features: the
    sentence vectors come afterwards, in the vectors pass (``db.claim_vectors``). ``features``: the
    claims' matching features when the caller has them (an import's workers computed them)."""
    if not claim_ids:
        return
    from db.links import match_new_claims  # imported here: db.links imports the matching core

    match_new_claims(session, claim_ids, vectors=False, features=features)
    after_claims_changed(session, claim_ids)


def after_claims_changed(session: Session, claim_ids: list[int], *, vectors: bool = False) -> None:
    """New or edited claim text: look its prior fact-checks up again (nothing when the archive is empty).

    Lexically unless ``vectors``: callers hold the write lock, and encoding would load the sentence
    encoder (seconds) under it, so another reviewer's save would time out as "locked". The vectors
    pass, which encodes outside any reviewer's edit, looks them up again with vectors."""
    from db.priors import refresh_priors

    refresh_priors(session, claim_ids, vectors=vectors)


def after_claim_vectors(session: Session, claim_ids: list[int]) -> None:
    """The vectors pass stored what these claims need: prior fact-checks are looked up again with vectors."""
    after_claims_changed(session, claim_ids, vectors=True)
