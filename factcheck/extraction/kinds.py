"""Claim kind: event, quantity, quote, background or opinion (check-worthiness is learned: ``worth``)."""

from __future__ import annotations

from factcheck.extraction.lexicon import FLAGS, KEY, KIND, Token, register, words
from factcheck.extraction.tense import future_verb
from factcheck.model import Attribution, ClaimKind, Slots

__all__ = ["classify", "predicts"]

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
    if future_verb(key):
        return True
    following = tokens[k + 1][KEY] if k + 1 < len(tokens) else ""
    return key in _MODAL_AR and following[:1] in ("ي", "ت") and len(following) > 3
