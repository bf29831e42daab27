"""The sentence around each claim: which event an atomic claim belongs to.

The extractor splits «عُقد في 9 مارس اجتماع وزاري … حيث تم الاتفاق بين الدول الخمس …» into atomic
claims; "the five states" and "9 March" belong to the same meeting only through their sentence. Each
claim gets that sentence's text and the slots of the other claims inside it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.model import Slots
from factcheck.text.sentences import sentence_spans

__all__ = ["ClaimSpan", "merge_slots", "sentence_contexts", "sentence_spans"]


@dataclass(frozen=True, slots=True)
class ClaimSpan:
    id: int
    start: int
    end: int
    slots: Slots


def merge_slots(slots: Sequence[Slots]) -> Slots:
    """All slots of several claims in one (attribution is not merged)."""
    return Slots(
        dates=tuple(d for s in slots for d in s.dates),
        numbers=tuple(n for s in slots for n in s.numbers),
        places=tuple(p for s in slots for p in s.places),
        actors=tuple(a for s in slots for a in s.actors),
        participants=tuple(dict.fromkeys(p for s in slots for p in s.participants)),
    )


def sentence_contexts(body: str, claims: Sequence[ClaimSpan]) -> dict[int, tuple[str, Slots]]:
    """For each claim id: its sentence (whitespace folded) and the slots of its sibling claims."""
    spans = sentence_spans(body)
    starts = [s for s, _ in spans]
    groups: dict[int, list[ClaimSpan]] = {}
    for claim in claims:
        index = bisect_right(starts, claim.start) - 1  # spans are sorted and do not overlap
        if index >= 0 and not claim.start < spans[index][1]:
            index = -1
        groups.setdefault(index, []).append(claim)
    out: dict[int, tuple[str, Slots]] = {}
    for index, members in groups.items():
        text = " ".join(body[spans[index][0] : spans[index][1]].split()) if index >= 0 else ""
        for claim in members:
            siblings = [m.slots for m in members if m.id != claim.id]
            out[claim.id] = (text, merge_slots(siblings))
    return out
