"""The contradiction kinds as one table: what each checks, which pairs it needs, how it explains itself.

A newcomer reads this table first. Each row names a kind, the function that finds it (one per kind,
in ``slot_checks`` and ``polarity``), the evidence the pair must carry before the check is worth
running (``Gate``), and the English sentence shown to reviewers, with the two reports' own words
quoted. The words the polarity checks use (negation cues, opposite predicates, word-numeral ranges)
are data, in ``factcheck/data/contradiction_lexicon.json``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from factcheck.contradictions.pair import Conflict, Pair
from factcheck.contradictions.polarity import negation_conflict, opposite_conflict
from factcheck.contradictions.slot_checks import (
    date_conflict,
    number_conflicts,
    participants_conflict,
    place_conflict,
)
from factcheck.contradictions.swaps import date_swap, number_swap, place_swap

__all__ = ["KINDS", "ContradictionKind", "Gate", "KindRule"]


class ContradictionKind(StrEnum):
    DATE = "date"
    NUMBER = "number"
    PLACE = "place"
    NEGATION = "negation"
    PARTICIPANTS = "participants"
    OPPOSITE = "opposite"


class Gate(StrEnum):
    """The evidence a pair needs before a kind is checked (see ``Pair``)."""

    SAME_EVENT = "same_event"  # the sentences report one event
    LINKED_SAME_EVENT = "linked_same_event"  # ... and the claims are linked
    EITHER = "either"  # linked, or the sentences report one event
    CLOSE = "close"  # ... or the model scores the pair close to a link (the check itself demands agreement)

    def admits(self, pair: Pair) -> bool:
        return self.allows(linked=pair.linked, same_event=pair.same_event, close=pair.close)

    def allows(self, *, linked: bool, same_event: bool, close: bool) -> bool:
        """``admits`` of a pair with this evidence."""
        if self is Gate.SAME_EVENT:
            return same_event
        if self is Gate.LINKED_SAME_EVENT:
            return same_event and linked
        if self is Gate.CLOSE:
            return same_event or linked or close
        return same_event or linked


@dataclass(frozen=True, slots=True)
class KindRule:
    kind: ContradictionKind
    check: Callable[[Pair], list[Conflict]]
    gate: Gate
    explanation: str  # str.format template: {value_a}, {value_b} and the conflict's quoted words


# The last three rows are near-duplicates (``swaps``): the same words with one value changed. A kind
# already found between a pair is not looked for again (``detect.flags_for``).
KINDS: tuple[KindRule, ...] = (
    KindRule(
        ContradictionKind.DATE,
        date_conflict,
        Gate.SAME_EVENT,
        'The date disagrees: "{surface_a}" ({value_a}) in one report, "{surface_b}" ({value_b}) in the other.',
    ),
    KindRule(
        ContradictionKind.NUMBER,
        number_conflicts,
        Gate.SAME_EVENT,
        'The number of "{unit}" disagrees: "{surface_a}" ({value_a}) in one report, '
        '"{surface_b}" ({value_b}) in the other.',
    ),
    KindRule(
        ContradictionKind.PLACE,
        place_conflict,
        Gate.LINKED_SAME_EVENT,
        'The place disagrees: "{surface_a}" ({country_a}) in one report, "{surface_b}" ({country_b}) '
        "in the other, and neither contains the other.",
    ),
    KindRule(
        ContradictionKind.PARTICIPANTS,
        participants_conflict,
        Gate.SAME_EVENT,
        "The participants disagree: {detail}.",
    ),
    KindRule(
        ContradictionKind.NEGATION,
        negation_conflict,
        Gate.CLOSE,
        'The negation disagrees: one report says "{value_a}", the other "{value_b}"; one denies what the other states.',
    ),
    KindRule(
        ContradictionKind.OPPOSITE,
        opposite_conflict,
        Gate.CLOSE,
        'Opposite predicates: one report says "{value_a}", the other "{value_b}" ({scale}), about the same thing.',
    ),
    KindRule(
        ContradictionKind.NUMBER,
        number_swap,
        Gate.CLOSE,
        'The number disagrees between two reports in the same words: "{surface_a}" ({value_a}) in one, '
        '"{surface_b}" ({value_b}) in the other.',
    ),
    KindRule(
        ContradictionKind.DATE,
        date_swap,
        Gate.CLOSE,
        'The date disagrees between two reports in the same words: "{surface_a}" ({value_a}) in one, '
        '"{surface_b}" ({value_b}) in the other.',
    ),
    KindRule(
        ContradictionKind.PLACE,
        place_swap,
        Gate.CLOSE,
        'The place disagrees between two reports in the same words: "{surface_a}" ({country_a}) in one, '
        '"{surface_b}" ({country_b}) in the other.',
    ),
)
