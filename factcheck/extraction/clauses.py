"""Sentences into atomic clauses, at coordinators and where a list of participants begins.

«عُقد في 9 مارس الماضي اجتماع وزاري في الأردن ضم تركيا والعراق …، حيث تم الاتفاق بين الدول الخمس …»
is three facts: the meeting, who took part, what was agreed. Splits are conservative: a wrong cut
loses a slot's context, a missed cut only makes a claim longer.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.extraction.lexicon import Token, words

__all__ = ["Clause", "split_clauses"]

MIN_TOKENS = 3

# Connectors that open a new fact; the connector itself is left out of the claim.
_CONNECTORS_AR = frozenset({"حيث", "بينما", "فيما", "كما"})
_CONNECTORS_EN = frozenset({"while", "whereas", "where"})
# Participles that continue a report: the clause keeps the previous clause's speaker.
_CONTINUATIONS = words("مشيرا مشيره مضيفا مضيفه موكدا موكده لافتا لافته موضحا موضحه معتبرا معتبره")
# A list of participants starts here: «ضم تركيا والعراق …», «بمشاركة أربع دول …».
_PARTICIPANT_CUES = frozenset({"ضم", "يضم", "تضم", "ضمت", "بمشاركه", "بحضور", "شارك", "شاركت"})
_PARTICIPANT_CUES_EN = frozenset({"alongside", "including"})
# After a comma, a clause opened by one of these is a new statement («، ولم يتم …», «، وقال …»).
_NEW_STATEMENT = words("لم لن قال اكد اشار اضاف اوضح شدد اعلن ذكر نفى")


@dataclass(frozen=True, slots=True)
class Clause:
    first: int  # token index
    last: int  # exclusive token index
    continues_report: bool
    participants_from: int | None  # token index where a list of participants starts


def split_clauses(text: str, tokens: list[Token]) -> list[Clause]:
    n = len(tokens)
    if n == 0:
        return []
    cuts: list[tuple[int, int, bool]] = []  # (cut index, first token of the new clause, continues)
    for k in range(1, n):
        tok = tokens[k]
        between = text[tokens[k - 1].end : tok.start]
        comma = "،" in between or "," in between
        key = tok.key
        if "؛" in between or ";" in between:
            cuts.append((k, k, False))
            continue
        if tok.raw.isascii():
            if comma and key in _CONNECTORS_EN:
                cuts.append((k, k + 1, False))
            continue
        if key in _CONNECTORS_AR and (comma or key == "حيث"):
            cuts.append((k, k + 1, False))
        elif key == "في" and comma and k + 1 < n and tokens[k + 1].key == "حين":
            cuts.append((k, k + 2, False))
        elif comma and key in _CONTINUATIONS:
            cuts.append((k, k, True))
        elif (key in _PARTICIPANT_CUES and k >= 2) or (comma and key.startswith("و") and key[1:] in _NEW_STATEMENT):
            cuts.append((k, k, False))
    clauses: list[Clause] = []
    start = 0
    continues = False
    for cut, next_first, next_continues in cuts:
        if cut - start < MIN_TOKENS or n - next_first < MIN_TOKENS:
            continue
        clauses.append(Clause(start, cut, continues, _participants_from(tokens, start, cut)))
        start, continues = next_first, next_continues
    clauses.append(Clause(start, n, continues, _participants_from(tokens, start, n)))
    return clauses


def _participants_from(tokens: list[Token], first: int, last: int) -> int | None:
    for k in range(first, last):
        key = tokens[k].key
        if key in _PARTICIPANT_CUES or key in _PARTICIPANT_CUES_EN:
            return k + 1
        if key == "هي" and k > first and k + 1 < last:
            return k + 1  # «أربع دول هي تركيا والعراق …»
    return None
