"""What every contradiction check reads (a pair of claims) and returns (the two conflicting values)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from factcheck.matching.features import ClaimFeatures
from factcheck.quick_init import quick_init

__all__ = ["Conflict", "Pair"]


@quick_init
@dataclass(frozen=True, slots=True)
class Pair:
    """Two claims the matcher judged to report one event; ``a`` has the smaller claim id.

    ``linked``: the matcher judged them the same claim (a stored link). ``same_event``: their
    sentences share the event's evidence (an event word plus a person, place, country or date).
    ``close``: the model scores them near a link (a rewrite of one statement, worth a polarity check).
    """

    a: ClaimFeatures
    b: ClaimFeatures
    linked: bool
    same_event: bool
    close: bool = False


@quick_init
@dataclass(frozen=True, slots=True)
class Conflict:
    """Two values that cannot both be true, JSON-ready, and the words the explanation quotes."""

    value_a: Any
    value_b: Any
    quoted: dict[str, str] = field(default_factory=dict)
