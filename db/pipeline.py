"""What runs after new claims are stored, inside the same transaction as the import.

Kept in one place so each capability plugs in here rather than into the importer.
"""

from __future__ import annotations

from sqlmodel import Session

__all__ = ["after_claims_changed", "after_claims_stored"]


def after_claims_stored(session: Session, claim_ids: list[int]) -> None:
    """Match the new claims against everything stored and flag contradictions."""
    if not claim_ids:
        return
    from db.links import match_new_claims  # imported here: db.links imports the matching core

    match_new_claims(session, claim_ids)
    after_claims_changed(session, claim_ids)


def after_claims_changed(session: Session, claim_ids: list[int]) -> None:
    """New or edited claim text: look its prior fact-checks up again (nothing when the archive is empty)."""
    from db.priors import refresh_priors

    refresh_priors(session, claim_ids)
