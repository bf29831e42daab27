"""Typed contradiction flags between claims judged to report the same event.

The kinds, their checks and their explanations are the table in ``kinds``; this module runs that
table over the pairs the matcher kept (``MatchResult.kept``) and turns what it finds into flags.

What the matcher must hand over, per kept pair (a ``Candidate``): the two claims' ``ClaimFeatures``
(whose ``claim`` carries the claim ``text``, ``language``, ``slots`` and ``negated``), ``link`` (not
``None`` when the pair is judged the same claim) and ``same_event`` (a reason when the two sentences
report one event, else ``None``). A pair with neither is never checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from factcheck.contradictions.kinds import KINDS, ContradictionKind, KindRule
from factcheck.contradictions.pair import Pair
from factcheck.matching.matcher import Candidate, Link, MatchResult
from factcheck.quick_init import quick_init

__all__ = ["ContradictionFlag", "ContradictionKind", "Findings", "detect_contradictions", "findings", "flags_for"]


@quick_init
@dataclass(frozen=True, slots=True)
class ContradictionFlag:
    """One conflict; values are JSON-ready and ordered like the claim ids."""

    claim_a_id: int
    claim_b_id: int
    kind: ContradictionKind
    value_a: Any
    value_b: Any
    explanation: str


def _pair(candidate: Candidate) -> Pair:
    a, b = candidate.a, candidate.b
    if a.claim.id > b.claim.id:
        a, b = b, a
    return Pair(
        a, b, linked=candidate.link is not None, same_event=candidate.same_event is not None, close=candidate.close
    )


def flags_for(candidate: Candidate, *, core_similarity: float = 0.0) -> list[ContradictionFlag]:
    """Contradictions between the two claims of one kept pair.

    ``core_similarity`` is accepted for older callers and no longer used: the polarity checks align
    the two texts themselves.
    """
    del core_similarity
    pair = _pair(candidate)
    flags: list[ContradictionFlag] = []
    for rule in _admitted(pair.linked, pair.same_event, pair.close):
        if flags and any(f.kind == rule.kind for f in flags):
            continue
        for conflict in rule.check(pair):
            text = rule.explanation.format(value_a=conflict.value_a, value_b=conflict.value_b, **conflict.quoted)
            flags.append(
                ContradictionFlag(pair.a.claim.id, pair.b.claim.id, rule.kind, conflict.value_a, conflict.value_b, text)
            )
    return flags


@lru_cache(maxsize=8)
def _admitted(linked: bool, same_event: bool, close: bool) -> tuple[KindRule, ...]:
    """The rows of ``KINDS`` whose gate admits a pair with this evidence, in order: the gates depend on
    these three alone, so each of the eight combinations is worked out once, not once per pair."""
    return tuple(rule for rule in KINDS if rule.gate.allows(linked=linked, same_event=same_event, close=close))


def detect_contradictions(kept: Sequence[Candidate]) -> list[ContradictionFlag]:
    """Flags for every kept pair that is linked or reports the same event."""
    return [flag for candidate in kept for flag in flags_for(candidate)]


@dataclass(frozen=True, slots=True)
class Findings:
    links: list[Link]
    flags: list[ContradictionFlag]


def findings(result: MatchResult) -> Findings:
    """Links and flags to store: a same-event pair with a flag becomes a link too, so that every
    contradiction sits on a link a reviewer can reject ("not the same event")."""
    flags = detect_contradictions(result.kept)
    flagged = {(f.claim_a_id, f.claim_b_id) for f in flags}
    links = list(result.links)
    if flagged:
        for candidate in result.kept:
            if candidate.link is None:
                a, b = candidate.a.claim.id, candidate.b.claim.id
                if ((a, b) if a < b else (b, a)) in flagged:
                    links.append(candidate.event_link())
    return Findings(links=links, flags=flags)
