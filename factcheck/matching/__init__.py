"""Cross-article claim matching as four steps: candidates → features → model → decision, and clusters.

``candidates``/``blocking`` (bounded candidate pairs), ``pair_features`` (what the model reads of a
pair, in bulk), ``model`` (the logistic regression fitted by ``scripts/train_matcher.py``, read from
``factcheck/data/matcher_model.json``), ``decide`` (links and their explanations); ``matcher`` runs
them for a full re-match or for new claims. ``features`` computes each claim's normalised features
once. Pure domain code: no database, no interface. ``db.link_store`` stores what this finds.
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
