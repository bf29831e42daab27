"""Claim text search: the user's words against ``claim.norm_text``, the same on both backends.

The query is folded with ``normalize_for_matching`` (the folding of the indexed column: harakat,
alef forms, digits, case) and every word must occur; the backend's own index does the work
(``db.dialect.matches_search``), and the words only ever travel as a bound parameter.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false
from sqlmodel import col

from db.dialect import matches_search, search_terms
from db.models import Claim

__all__ = ["claim_search_condition"]


def claim_search_condition(search: str) -> ColumnElement[bool] | None:
    """The claims matching a search box, None for an empty box, nothing for a box of only punctuation."""
    if not search.strip():
        return None
    if not search_terms(search):
        return false()
    return matches_search(col(Claim.id), col(Claim.norm_text), search)
