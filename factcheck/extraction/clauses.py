"""Sentences into atomic clauses, at coordinators and where a list of participants begins.

«عُقد في 9 مارس الماضي اجتماع وزاري في الأردن ضم تركيا والعراق …، حيث تم الاتفاق بين الدول الخمس …»
is three facts: the meeting, who took part, what was agreed. Splits are conservative: a wrong cut
loses a slot's context, a missed cut only makes a claim longer.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from factcheck.extraction.kinds import predicts
from factcheck.extraction.lexicon import (
    CLAUSE,
    END,
    FLAGS,
    KEY,
    NUMBER,
    NUMERIC,
    RAW,
    START,
    START_OF,
    Token,
    register,
    words,
)
from factcheck.quick_init import quick_init

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
# «، كما قالت مصادر لـ«الشرق الأوسط»» closes a sentence with its source ("as sources told …"): no
# new fact unless something is reported after it («كما أكد الوزير أن …»).
_SAYS = words("قال قالت ذكر ذكرت افاد افادت اوضح اوضحت اعلن اعلنت اكد اكدت نقل نقلت اورد اوردت")
_THAT = words("ان انه انها انهم")
_TRAILING_SOURCE = 8  # tokens: «كما» and a short source

# «، الذي سيشكل …», ", which will …": a relative clause that predicts or judges is its own claim.
# «، في أحدث مؤشر على …», «، في خطوة تعكس …»: «في» + one of these frames what came before
# (evaluative background); the frame is its own claim and does not dilute the fact.
# Both are found with one search of the raw text: flagging words as common as «التي» would lengthen
# every detector's candidate list.
_RELATIVES = words("الذي التي الذين which who")
_COMMA_CUE_RE = re.compile(
    r"[،,]\s*(?:(?P<relative>الذي|التي|الذين|which|who)|(?P<frame>في)\s+(?:أحدث|احدث|مؤشر|دلالة|خطوة))(?!\w)"
)  # not «في إشارة إلى …» ("referring to …"): it only says whom the clause before meant


register(
    CLAUSE,
    lambda: (
        _CONNECTORS_AR
        | _CONNECTORS_EN
        | _CONTINUATIONS
        | _PARTICIPANT_CUES
        | _PARTICIPANT_CUES_EN
        | {"حين"}
        | {"و" + word for word in _NEW_STATEMENT}
    ),
)


@quick_init
@dataclass(frozen=True, slots=True)
class Clause:
    first: int  # token index
    last: int  # exclusive token index
    continues_report: bool
    participants_from: int | None  # token index where a list of participants starts
    framing: bool = False  # «في أحدث مؤشر على …»: background that frames the clause before it


def split_clauses(
    text: str, tokens: list[Token], candidates: list[int] | None = None, mask: int = CLAUSE
) -> list[Clause]:
    """Clauses of one sentence; ``mask`` (the flags present) lets a sentence without cues pass at once."""
    n = len(tokens)
    if n == 0:
        return []
    begin, stop = tokens[0][START], tokens[-1][END]
    semicolons = text.find(";", begin, stop) >= 0 or text.find("؛", begin, stop) >= 0
    commas = _comma_positions(text, begin, stop)
    frames: set[int] = set()  # first tokens of framing clauses
    cues = _comma_cues(text, tokens, commas, stop, frames) if commas else []
    if not mask & CLAUSE and not semicolons and not cues:
        whole = _WHOLE.get(n)
        if whole is None:
            whole = _WHOLE[n] = Clause(0, n, False, None)  # frozen: one per length serves every sentence
        return [whole]
    cuts: list[tuple[int, int, bool]] = []  # (cut index, first token of the new clause, continues)
    visit = range(1, n) if semicolons or candidates is None else [k for k in candidates if k > 0]
    for k in visit:
        tok = tokens[k]
        if not (tok[FLAGS] & CLAUSE or semicolons):
            continue
        between = text[tokens[k - 1][END] : tok[START]]
        if "؛" in between or ";" in between:
            cuts.append((k, k, False))
            continue
        if not tok[FLAGS] & CLAUSE:
            continue
        if tok[KEY] == "حين":
            # «، في حين»: the comma stands before «في», the word before «حين».
            if k >= 2 and tokens[k - 1][KEY] == "في" and _has_comma(text[tokens[k - 2][END] : tokens[k - 1][START]]):
                cuts.append((k - 1, k + 1, False))
            continue
        found = _cut_at(tokens, k, _has_comma(between))
        if found is not None:
            cuts.append(found)
    if cues:
        cuts = sorted(cuts + cues)
    clauses: list[Clause] = []
    start = 0
    continues = False
    for cut, next_first, next_continues in cuts:
        if cut - start < MIN_TOKENS or n - next_first < MIN_TOKENS:
            continue
        clauses.append(
            Clause(start, cut, continues, _participants_from(tokens, start, cut, candidates), start in frames)
        )
        start, continues = next_first, next_continues
    clauses.append(Clause(start, n, continues, _participants_from(tokens, start, n, candidates), start in frames))
    return clauses


_WHOLE: dict[int, Clause] = {}


def _comma_positions(text: str, begin: int, stop: int) -> list[int]:
    """Where the commas of ``text[begin:stop]`` are: a few per sentence, found at C speed."""
    found: list[int] = []
    for comma in ("،", ","):
        at = text.find(comma, begin, stop)
        while at >= 0:
            found.append(at)
            at = text.find(comma, at + 1, stop)
    found.sort()
    return found


def _comma_cues(
    text: str, tokens: list[Token], commas: list[int], stop: int, frames: set[int]
) -> list[tuple[int, int, bool]]:
    """Cuts before a predicting relative clause or a framing «في أحدث مؤشر»; framing starts go in ``frames``.

    The cue pattern is tried at each comma: a search over the whole sentence tests every character.
    """
    cuts: list[tuple[int, int, bool]] = []
    for comma in commas:
        match = _COMMA_CUE_RE.match(text, comma, stop)
        if match is None:
            continue
        relative = match.start("relative")
        at = relative if relative >= 0 else match.start("frame")
        k = bisect_left(tokens, at, key=START_OF)
        if k < 2 or k >= len(tokens) or tokens[k][START] != at:
            continue
        if relative < 0:
            cuts.append((k, k, False))
            frames.add(k)
        elif tokens[k][KEY] in _RELATIVES and predicts(tokens, k + 1):
            cuts.append((k, k, True))  # the relative clause keeps the speaker of the statement it sits in
    return cuts


def _cut_at(tokens: list[Token], k: int, comma: bool) -> tuple[int, int, bool] | None:
    tok = tokens[k]
    key = tok[KEY]
    if tok[RAW].isascii():
        return (k, k + 1, False) if comma and key in _CONNECTORS_EN else None
    if key in _CONNECTORS_AR and (comma or key == "حيث"):
        if key == "حيث" and tokens[k - 1][KEY] == "من":
            return None  # «من حيث» is "in terms of", not "where"
        if key == "كما" and _trailing_source(tokens, k):
            return None
        return k, k + 1, False
    if comma and key in _CONTINUATIONS:
        return k, k, True
    if key in _PARTICIPANT_CUES and k >= 2:
        return k, k, False
    if comma and key.startswith("و") and key[1:] in _NEW_STATEMENT:
        return k, k, False
    return None


def _trailing_source(tokens: list[Token], k: int) -> bool:
    """«، كما قالت مصادر سورية لـ«الشرق الأوسط»» at the end of a sentence: a source, not a fact."""
    rest = tokens[k + 1 :]
    return 0 < len(rest) < _TRAILING_SOURCE and rest[0][KEY] in _SAYS and not any(tok[KEY] in _THAT for tok in rest[1:])


def _has_comma(between: str) -> bool:
    return "،" in between or "," in between


def _participants_from(tokens: list[Token], first: int, last: int, candidates: list[int] | None) -> int | None:
    # Only flagged tokens can start a list: the candidates (in order) spare a walk over every word.
    for k in range(first, last) if candidates is None else candidates:
        if k < first:
            continue
        if k >= last:
            break
        flags = tokens[k][FLAGS]
        if flags & CLAUSE and (tokens[k][KEY] in _PARTICIPANT_CUES or tokens[k][KEY] in _PARTICIPANT_CUES_EN):
            return k + 1
        if flags & (NUMBER | NUMERIC):
            # «أربع دول هي تركيا والعراق …», «الدول الخمس هي …»
            for j in (k + 1, k + 2):
                if j + 1 < last and tokens[j][KEY] == "هي":
                    return j + 1
    return None
