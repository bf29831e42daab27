"""Two claims' terms aligned up to a change of polarity: a word put for its opposite, a negation added.

A rewrite that changes one fact by its polarity («تراجع التضخم في مصر» / «ارتفاع التضخم في مصر»,
«الاستخبارات تقتنص مهاجم» / «المخابرات تفشل في اقتناص مهاجم») reports the same event as the text it
rewrites, and the contradiction checks can flag it only once matching has kept the pair. Compared
term by term, the two opposite words are two words only one side has, the sign of two stories, and
a negation word one side adds lowers the share of words the two texts have in common. So the pair
features (``pair_features``) and the evidence gate (``evidence``) align the terms with the
contradiction lexicon (``factcheck.text.contradiction_lexicon``):

- a term only one side has that stands on one side of a scale of opposites (rise/fall, arrest/release
  …) is aligned with a term only the other side has that stands on the other side of that scale: both
  count as shared;
- a negation cue or denying word only one side has («تفشل», «ترفض», "failed") is not content: it is
  left out of that side's weight, as a stop word is.

Only between short texts (headlines, short statements: ``SHORT_TERMS`` content terms at most on both
sides): a headline rewritten with one word for its opposite is one story, while two long sentences of
a real archive that differ by a pair of opposites are most often two measurements («وهبط سعر الخام
… 74 سنتا» / «وزاد سعر الخام … تسعة سنتات»: two sessions) or two acts of one event («أقال قادة
الجيش» / «يعين قادة عسكريين جددا»), sharing the rest of a template.

Whether the two texts then disagree is for the contradiction checks to say; here they only count as
one statement. Terms are coded once per vocabulary (a bit per scale side), so a pair costs one numpy
comparison, as the exact match does.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from factcheck.text.contradiction_lexicon import lexicon
from factcheck.text.terms import stem_word

__all__ = ["align", "term_codes"]

_SIDE_A = 0x5555_5555_5555_5555  # the even bits: side "a" of each scale
# The rest of the two texts must agree: after the alignment, the text with fewer unaligned terms has at
# most this many (0: one text holds the other; 1: a rewrite may change one more word, «تراجع نسبة البطالة
# في مصر» / «البطالة لأعلى مستوى في مصر»). Headlines of two stories on one market share a scale word and
# little else. 0 gains nothing on ANS train; any number lets gold-against-dollar headlines through.
MAX_RESIDUAL = 1
SHORT_TERMS = 10  # content terms beyond which a text is a sentence, not a headline (as the polarity checks read it)


@cache
def _negation_keys() -> frozenset[str]:
    """Negation cues and denying verbs, folded and stemmed (a term is a stem)."""
    lex = lexicon()
    words = lex.negation_cues | lex.denials
    return frozenset(words | {stem_word(w) for w in words if len(stem_word(w)) >= 3})


@cache
def _scale_bits() -> dict[str, int]:
    """Every listed word of a scale (folded and stemmed) → its sides as bits: bit ``2g`` for side "a" of
    scale ``g``, ``2g + 1`` for side "b" (a word may stand on several scales: «خسارة» loses a game and money)."""
    scales = lexicon().opposites
    if len(scales) > 31:
        raise ValueError("contradiction lexicon: more than 31 scales of opposites do not fit the term codes")
    bits: dict[str, int] = {}
    for group, scale in enumerate(scales):
        for side, words in ((0, scale.a), (1, scale.b)):
            for word in words:
                bits[word] = bits.get(word, 0) | 1 << (2 * group + side)
    return bits


def term_codes(vocabulary: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """For each term of ``vocabulary``: its scale bits (int64) and whether it is a negation word."""
    bits, negation = _scale_bits(), _negation_keys()
    return (
        np.fromiter((bits.get(t, 0) for t in vocabulary), dtype=np.int64, count=len(vocabulary)),
        np.fromiter((t in negation for t in vocabulary), dtype=bool, count=len(vocabulary)),
    )


def _opposite_bits(bits: np.ndarray) -> np.ndarray:
    """Each scale side's bit moved to the other side of its scale."""
    return np.asarray(((bits & _SIDE_A) << 1) | ((bits >> 1) & _SIDE_A))


def align(
    equal: np.ndarray,
    present_a: np.ndarray,
    present_b: np.ndarray,
    poles_a: np.ndarray,
    poles_b: np.ndarray,
    negation_a: np.ndarray,
    negation_b: np.ndarray,
    short: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per pair of claims (rows) and term slot (columns): which terms of each side are aligned (shared,
    or an opposite of a term only the other side has) and which are negation words left out.

    ``equal`` is (pairs, slots a, slots b): the terms compared as the caller compares them (ids, or
    spelling keys); ``present_*`` the slots that count (a term, and content); ``poles_*`` the slots'
    scale bits, ``negation_*`` their negation flags; ``short`` (per pair) whether both texts are short
    enough to be aligned (``SHORT_TERMS``; the caller also leaves out pairs in two languages, whose words
    never compare equal). Also returns, per pair, whether an opposite was aligned.

    Only the short pairs with a term on a scale or a negation word can align anything: the rest keep
    their shared terms as they are, and the (pairs, slots, slots) work is done for the few that can.
    """
    shared_a = (equal & present_b[:, None, :]).any(axis=2) & present_a
    shared_b = (equal & present_a[:, :, None]).any(axis=1) & present_b
    active = short & (
        ((poles_a != 0) & present_a).any(axis=1)
        | ((poles_b != 0) & present_b).any(axis=1)
        | (negation_a & present_a).any(axis=1)
        | (negation_b & present_b).any(axis=1)
    )
    aligned_a, aligned_b = shared_a.copy(), shared_b.copy()
    out_a, out_b = np.zeros_like(present_a), np.zeros_like(present_b)
    opposite = np.zeros(len(short), dtype=bool)
    rows = np.flatnonzero(active)
    if rows.size:
        parts = (equal, present_a, present_b, poles_a, poles_b, negation_a, negation_b, shared_a, shared_b)
        got = _align_rows(tuple(part[rows] for part in parts))
        aligned_a[rows], aligned_b[rows], out_a[rows], out_b[rows], opposite[rows] = got
    return aligned_a, aligned_b, out_a, out_b, opposite


def _align_rows(parts: tuple[np.ndarray, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``align`` of pairs that are all short, with their shared terms already found (``parts``: the
    arrays ``align`` takes, ``short`` left out, then the shared terms of each side)."""
    equal, present_a, present_b, poles_a, poles_b, negation_a, negation_b, shared_a, shared_b = parts
    short = np.ones(len(equal), dtype=bool)
    poles_a, poles_b = _one_sided(poles_a, present_a, short), _one_sided(poles_b, present_b, short)
    only_a, only_b = present_a & ~shared_a, present_b & ~shared_b
    flipped = (np.where(only_a, poles_a, 0)[:, :, None] & _opposite_bits(np.where(only_b, poles_b, 0))[:, None, :]) != 0
    aligned_a, aligned_b = shared_a | flipped.any(axis=2), shared_b | flipped.any(axis=1)
    out_a, out_b = negation_a & present_a & ~aligned_a, negation_b & present_b & ~aligned_b
    residual = np.minimum((present_a & ~aligned_a & ~out_a).sum(axis=1), (present_b & ~aligned_b & ~out_b).sum(axis=1))
    keep = (residual <= MAX_RESIDUAL)[:, None]
    opposite = (flipped.any(axis=2) & keep).any(axis=1)
    return (
        np.where(keep, aligned_a, shared_a),
        np.where(keep, aligned_b, shared_b),
        out_a & keep,
        out_b & keep,
        opposite,
    )


def _one_sided(poles: np.ndarray, present: np.ndarray, short: np.ndarray) -> np.ndarray:
    """The scale bits of the texts' terms, without the scales on which a text takes both sides («الذهب
    يتراجع مع صعود الدولار» compares two things: it is no one-word change of the other text); none for
    texts that are not ``short``."""
    poles = np.where(present & short[:, None], poles, 0)
    text = np.bitwise_or.reduce(poles, axis=1)
    both = text & (text >> 1) & _SIDE_A
    return np.asarray(poles & ~(both | both << 1)[:, None])
