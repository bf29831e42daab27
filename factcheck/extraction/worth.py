"""Learned check-worthiness: a logistic model over a claim's character n-grams, its article and its slots.

The weights are fitted by ``scripts/train_checkworthiness.py`` on the CheckThat! 2022 Arabic claim
tweets and stored in ``factcheck/data/checkworthiness.json``; here they are only read, in plain
Python. Text features are the character n-grams (2 to 5) of each space-delimited chunk, folded, counted
and divided by the square root of the count (a length normalisation that training reproduces
exactly); a chunk's share of the score is memoised, so scoring costs one lookup per chunk. The same
n-grams over the whole article add one prior shared by all its claims (a chatty post ranks below a
news report). The slot features (date, number, named actor, place, attribution, kind, negation,
heading, no slot at all) carry the rest, plus a fixed ``policy`` offset stored beside the fitted
weights: tweets labelled "has a verifiable claim" do not teach that a prediction («من المتوقع»), a
judgement or a bare statement with no slot is less worth a reviewer's time, so the product says it.

Only Arabic has n-gram weights (the labels are Arabic): other languages are scored by a second model
fitted on the slot features alone, so their order rests on what the claim states, not on letters the
model never saw.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib.resources import files
from operator import itemgetter
from typing import Any, NamedTuple

from factcheck.extraction.lexicon import fold
from factcheck.model import ClaimKind, Slots

__all__ = ["ARTICLE_SCALE", "DENSE_FEATURES", "chunk_features", "clear_caches", "context", "dense_features", "score"]

GRAM_SIZES = (2, 3, 4, 5)
_DIGIT_RE = re.compile(r"\d")
_LONGEST = 32  # characters of a chunk that count
# The article's n-gram counts are divided by their total times this (about the root of a tweet's total),
# so a tweet weighs as its claims do and a long article no more than a short one.
ARTICLE_SCALE = 20.0
_MEMO_LIMIT = 300_000  # chunks remembered; past that the memo starts again (a long import stays bounded)
DENSE_FEATURES = (
    "date",
    "number",
    "actor",
    "place",
    "attribution",
    "negated",
    "heading",
    "no_slot",
    "short",
    "long",
    "kind_quantity",
    "kind_quote",
    "kind_background",
    "kind_opinion",
)


def chunk_features(chunk: str) -> list[str]:
    """Text features of one space-delimited chunk (a word with its punctuation, a hashtag, a link):
    the character n-grams of its folded form, digits read as 0, padded with a space on each side."""
    padded = f" {_DIGIT_RE.sub('0', fold(chunk[:_LONGEST]))} "  # past that: a link or garbage
    return [padded[k : k + size] for size in GRAM_SIZES for k in range(len(padded) - size + 1)]


def dense_features(kind: ClaimKind, slots: Slots, *, negated: bool, heading: bool, n_words: int) -> list[float]:
    """Slot features in the order of ``DENSE_FEATURES``."""
    actor = any(a.kind != "country" for a in slots.actors)
    place = any(p.kind != "demonym" for p in slots.places)
    no_slot = not (slots.dates or slots.numbers or actor or place or slots.attribution)
    return [
        float(bool(slots.dates)),
        float(bool(slots.numbers)),
        float(actor),
        float(place),
        float(slots.attribution is not None),
        float(negated),
        float(heading),
        float(no_slot),
        float(n_words < 6),
        float(n_words > 30),
        float(kind is ClaimKind.QUANTITY),
        float(kind is ClaimKind.QUOTE),
        float(kind is ClaimKind.BACKGROUND),
        float(kind is ClaimKind.OPINION),
    ]


class _Linear(NamedTuple):
    intercept: float
    dense: tuple[float, ...]
    terms: dict[str, float]  # the claim's own n-grams
    context: dict[str, float]  # n-grams of the whole article (a prior shared by its claims)


class _Model(NamedTuple):
    lexical: _Linear  # n-grams and slots (languages in ``languages``)
    slots_only: _Linear  # slots alone (every other language)
    languages: frozenset[str]


def _linear(data: dict[str, Any], policy: dict[str, float]) -> _Linear:
    dense = data["dense"]
    return _Linear(
        float(data["intercept"]),
        tuple(float(dense[name]) + float(policy.get(name, 0.0)) for name in DENSE_FEATURES),
        data.get("terms", {}),
        data.get("context", {}),
    )


@cache
def _model() -> _Model:
    data = json.loads((files("factcheck.data") / "checkworthiness.json").read_text(encoding="utf-8"))
    policy = data.get("policy", {})
    return _Model(_linear(data["lexical"], policy), _linear(data["slots_only"], policy), frozenset(data["languages"]))


_CHUNKS: dict[str, tuple[float, float, int]] = {}


def _chunk(chunk: str, linear: _Linear) -> tuple[float, float, int]:
    """(claim weight, article weight, n-gram count) of one chunk, memoised: chunks repeat a lot."""
    found = _CHUNKS.get(chunk)
    if found is None:
        if len(_CHUNKS) >= _MEMO_LIMIT:
            _CHUNKS.clear()
        feats = chunk_features(chunk)
        terms, context = linear.terms.get, linear.context.get
        found = _CHUNKS[chunk] = (sum(terms(f, 0.0) for f in feats), sum(context(f, 0.0) for f in feats), len(feats))
    return found


def _sums(text: str, linear: _Linear) -> tuple[float, float, int]:
    claim = article = 0.0
    count = 0
    get = _CHUNKS.get
    for chunk in text.split():
        found = get(chunk) or _chunk(chunk, linear)
        claim += found[0]
        article += found[1]
        count += found[2]
    return claim, article, count


def context(body: str, language: str) -> float:
    """The article's share of each of its claims' scores (0 for languages without n-gram weights).

    A mean over the article's n-grams, so that a long article weighs no more than a short one.
    """
    model = _model()
    if language not in model.languages:
        return 0.0
    _, total, count = _sums(body, model.lexical)
    return ARTICLE_SCALE * total / count if count else 0.0


def score(
    text: str,
    n_words: int,
    kind: ClaimKind,
    slots: Slots,
    *,
    negated: bool,
    heading: bool,
    language: str,
    article: float = 0.0,
) -> float:
    """Check-worthiness in [0, 1] of a claim's ``text`` and slots; ``article`` is ``context(body)``."""
    model = _model()
    if language in model.languages:
        linear = model.lexical
        total, _, count = _sums(text, linear)
        z = linear.intercept + article + (total / math.sqrt(count) if count else 0.0)
    else:
        linear = model.slots_only
        z = linear.intercept
    # dense_features, unrolled: this runs for every claim of every article.
    w = linear.dense
    if slots.dates:
        z += w[0]
    if slots.numbers:
        z += w[1]
    actor = any(a.kind != "country" for a in slots.actors) if slots.actors else False
    place = any(p.kind != "demonym" for p in slots.places) if slots.places else False
    z += (w[2] if actor else 0.0) + (w[3] if place else 0.0)
    if slots.attribution is not None:
        z += w[4]
    elif not (slots.dates or slots.numbers or actor or place):
        z += w[7]
    z += (w[5] if negated else 0.0) + (w[6] if heading else 0.0)
    z += w[8] if n_words < 6 else w[9] if n_words > 30 else 0.0
    z += _KIND_WEIGHT.get(kind, _NO_WEIGHT)(w)
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 3)


def _no_weight(_: tuple[float, ...]) -> float:
    return 0.0


_NO_WEIGHT = _no_weight
_KIND_WEIGHT = {
    ClaimKind.QUANTITY: itemgetter(10),
    ClaimKind.QUOTE: itemgetter(11),
    ClaimKind.BACKGROUND: itemgetter(12),
    ClaimKind.OPINION: itemgetter(13),
}


def clear_caches() -> None:
    """Forget the memoised chunk weights (a fresh process's speed, for the cold benchmark)."""
    _CHUNKS.clear()
