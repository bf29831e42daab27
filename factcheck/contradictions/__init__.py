"""Typed contradiction flags (date, number, place, negation, participants) between linked claims.

Pure domain code; ``db.link_store`` stores the flags and ``db.link_review`` the reviewers' decisions on them.
"""

from factcheck.contradictions.detect import (
    ContradictionFlag,
    ContradictionKind,
    Findings,
    detect_contradictions,
    findings,
    flags_for,
)
from factcheck.contradictions.rematch import rematch

__all__ = [
    "ContradictionFlag",
    "ContradictionKind",
    "Findings",
    "detect_contradictions",
    "findings",
    "flags_for",
    "rematch",
]
