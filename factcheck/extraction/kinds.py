"""Claim kind and check-worthiness: dated, numbered, named, placed facts first; opinion last."""

from __future__ import annotations

from operator import attrgetter

from factcheck.extraction.lexicon import FLAGS, KEY, KIND, Token, register, words
from factcheck.model import Attribution, ClaimKind, Slots

__all__ = ["checkworthiness", "classify", "predicts"]

_OPINION_AR = words("""
    يتوقع المتوقع المرجح يعتبر تعتبر يعد اهم ابرز مهمه مهم لافتا لافت محوري محوريا ربما سيكون ستكون
    سيشكل ستشكل سيسهم ستسهم يمكن يجب ينبغي نوعيه استراتيجيه
    """)
_OPINION_EN = words(
    "expected likely could may might would should will considered important significant crucial believed"
)
_BACKGROUND_AR = frozenset({"منذ", "خلفيه", "اطار", "ظل", "سنوات", "الرغم", "تاتي", "ياتي", "وتاتي", "وياتي"})
_BACKGROUND_EN = frozenset({"amid", "since", "came", "comes", "years", "background"})
_MODAL_AR = frozenset({"قد", "فقد", "وقد"})
_OPINION = _OPINION_AR | _OPINION_EN
_BACKGROUND = _BACKGROUND_AR | _BACKGROUND_EN
register(KIND, lambda: _OPINION | _BACKGROUND | _MODAL_AR)


def classify(
    tokens: list[Token],
    slots: Slots,
    attribution: Attribution | None,
    quoted: bool,
    candidates: list[int] | None = None,
) -> ClaimKind:
    if attribution is not None or quoted:
        return ClaimKind.QUOTE
    background = False
    for k in range(len(tokens)) if candidates is None else candidates:
        tok = tokens[k]
        if not tok[FLAGS] & KIND:
            continue
        key = tok[KEY]
        if key in _OPINION:
            return ClaimKind.OPINION
        # «فقد تفتح الباب» (may open): a modal before an imperfect verb predicts, it does not report.
        if key in _MODAL_AR and k + 1 < len(tokens):
            following = tokens[k + 1][KEY]
            if following[:1] in ("ي", "ت") and len(following) > 3:
                return ClaimKind.OPINION
        background = background or key in _BACKGROUND
    if background and not slots.dates and not slots.numbers:
        return ClaimKind.BACKGROUND
    if slots.numbers and not slots.dates:
        return ClaimKind.QUANTITY
    return ClaimKind.EVENT


_LEAD_INS = frozenset({"من", "is", "are", "was", "were", "be"})  # «من المتوقع», "is expected"


def predicts(tokens: list[Token], k: int) -> bool:
    """Whether the words from ``k`` open a prediction or a judgement («سيشكل», «من المتوقع», "will").

    Lets a relative clause that predicts («، الذي سيشكل نواة …») stand apart from the fact it follows.
    """
    if k < len(tokens) and tokens[k][KEY] in _LEAD_INS:
        k += 1
    if k >= len(tokens):
        return False
    key = tokens[k][KEY]
    if key in _OPINION:
        return True
    # The future prefix «سـ» on an imperfect verb: «سيشكل», «ستكون», «سنعمل».
    if len(key) >= 4 and key[0] == "س" and key[1] in "يتنا":
        return True
    following = tokens[k + 1][KEY] if k + 1 < len(tokens) else ""
    return key in _MODAL_AR and following[:1] in ("ي", "ت") and len(following) > 3


def checkworthiness(kind: ClaimKind, slots: Slots, *, negated: bool, heading: bool) -> float:
    score = 0.25
    if slots.dates:
        score += 0.2
    if slots.numbers:
        score += 0.15
    if slots.actors and any(map(_NOT_COUNTRY, map(_KIND_OF, slots.actors))):
        score += 0.15
    if slots.places and any(map(_NOT_DEMONYM, map(_KIND_OF, slots.places))):
        score += 0.1
    if negated:
        score += 0.05
    if kind is _QUOTE:
        score += 0.05
    elif kind is _OPINION_KIND:
        score *= 0.5
    elif kind is _BACKGROUND_KIND:
        score *= 0.7
    if heading:
        score *= 0.8
    rounded = _ROUNDED.get(score)
    if rounded is None:  # a few hundred sums and products are possible: round each once (it is slow)
        rounded = _ROUNDED[score] = round(min(1.0, max(0.0, score)), 3)
    return rounded


_ROUNDED: dict[float, float] = {}
_KIND_OF = attrgetter("kind")
_NOT_COUNTRY = "country".__ne__
_NOT_DEMONYM = "demonym".__ne__
_QUOTE, _OPINION_KIND, _BACKGROUND_KIND = ClaimKind.QUOTE, ClaimKind.OPINION, ClaimKind.BACKGROUND
