"""Review rules, free of storage: the rating scale, the claim workflow, stances and span helpers."""

from factcheck.review.scale import DEFAULT_SCALE, Rating, RatingScale
from factcheck.review.spans import find_span, merge_slots, quote_found, slots_within, split_point, trim_span
from factcheck.review.stance import Stance, parse_stance
from factcheck.review.workflow import (
    StatusChange,
    check_edit_allowed,
    check_status_change,
    check_verdict_allowed,
    parse_status,
)

__all__ = [
    "DEFAULT_SCALE",
    "Rating",
    "RatingScale",
    "Stance",
    "StatusChange",
    "check_edit_allowed",
    "check_status_change",
    "check_verdict_allowed",
    "find_span",
    "merge_slots",
    "parse_stance",
    "parse_status",
    "quote_found",
    "slots_within",
    "split_point",
    "trim_span",
]
