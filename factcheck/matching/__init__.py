"""Cross-article claim matching: blocking on canonical slot keys, bulk fuzzy verification, clusters.

Pure domain code: no database, no interface. ``db.links`` stores what this finds.
"""

from factcheck.matching.agreement import Agreement, dates_compatible, slot_agreement
from factcheck.matching.blocking import MatchIndex
from factcheck.matching.clusters import clusters
from factcheck.matching.features import ClaimFeatures, MatchClaim, features_of
from factcheck.matching.matcher import Candidate, Link, MatchResult, match_all, match_new, verify

__all__ = [
    "Agreement",
    "Candidate",
    "ClaimFeatures",
    "Link",
    "MatchClaim",
    "MatchIndex",
    "MatchResult",
    "clusters",
    "dates_compatible",
    "features_of",
    "match_all",
    "match_new",
    "slot_agreement",
    "verify",
]
