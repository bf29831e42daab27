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
from operator import attrgetter
from typing import Any, NamedTuple

from factcheck.extraction.lexicon import fold
from factcheck.model import ClaimKind, Slots

__all__ = [
    "ARTICLE_CHUNKS",
    "ARTICLE_SCALE",
    "DENSE_FEATURES",
    "article_chunks",
    "chunk_features",
    "clear_caches",
    "context",
    "dense_features",
    "score",
]

GRAM_SIZES = (2, 3, 4, 5)
_DIGIT_RE = re.compile(r"\d")
_LONGEST = 32  # characters of a chunk that count
# The article's n-gram counts are divided by their total times this (about the root of a tweet's total),
# so a tweet weighs as its claims do and a long article no more than a short one.
ARTICLE_SCALE = 20.0
# Only the article's opening chunks count (a tweet whole, a news article's headline and lead): its
# cost per article stays constant, and the lead is what says what kind of text it is.
ARTICLE_CHUNKS = 64
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
    kinds: dict[ClaimKind, float]  # the kind_* weights of ``dense`` by kind, for one lookup
    terms: dict[str, float]  # the claim's own n-grams
    context: dict[str, float]  # n-grams of the whole article (a prior shared by its claims)


class _Model(NamedTuple):
    lexical: _Linear  # n-grams and slots (languages in ``languages``)
    slots_only: _Linear  # slots alone (every other language)
    languages: frozenset[str]


def _linear(data: dict[str, Any], policy: dict[str, float]) -> _Linear:
    dense = data["dense"]
    weights = tuple(float(dense[name]) + float(policy.get(name, 0.0)) for name in DENSE_FEATURES)
    kinds = {
        kind: weights[DENSE_FEATURES.index(f"kind_{kind}")] for kind in ClaimKind if f"kind_{kind}" in DENSE_FEATURES
    }
    return _Linear(
        float(data["intercept"]),
        weights,
        kinds,
        data.get("terms", {}),
        data.get("context", {}),
    )


_MODEL: _Model | None = None


def _load() -> _Model:
    global _MODEL
    _MODEL = _model()
    return _MODEL


@cache
def _model() -> _Model:
    data = json.loads((files("factcheck.data") / "checkworthiness.json").read_text(encoding="utf-8"))
    policy = data.get("policy", {})
    return _Model(_linear(data["lexical"], policy), _linear(data["slots_only"], policy), frozenset(data["languages"]))


# Memos by chunk: its claim weight, its article weight, its n-gram count. Three flat dicts, so that
# a claim's sums are ``sum(map(dict.__getitem__, chunks))``, in C.
_CLAIM_W: dict[str, float] = {}
_ARTICLE_W: dict[str, float] = {}
_COUNT: dict[str, int] = {}


def _learn(chunks: list[str], linear: _Linear) -> None:
    """Fill the memos for the chunks not seen yet."""
    if len(_COUNT) >= _MEMO_LIMIT:
        clear_caches()
    terms, context = linear.terms.get, linear.context.get
    for chunk in chunks:
        if chunk not in _COUNT:
            feats = chunk_features(chunk)
            _CLAIM_W[chunk] = sum(terms(f, 0.0) for f in feats)
            _ARTICLE_W[chunk] = sum(context(f, 0.0) for f in feats)
            _COUNT[chunk] = len(feats)


def _sums(chunks: list[str], weights: dict[str, float], linear: _Linear) -> tuple[float, int]:
    """Summed weight and n-gram count of ``chunks``, learning the chunks met for the first time."""
    try:
        return sum(map(weights.__getitem__, chunks)), sum(map(_COUNT.__getitem__, chunks))
    except KeyError:
        _learn(chunks, linear)
        return sum(map(weights.__getitem__, chunks)), sum(map(_COUNT.__getitem__, chunks))


def article_chunks(body: str) -> list[str]:
    """The chunks of ``body`` whose n-grams make the article's share of the score."""
    return body.split(None, ARTICLE_CHUNKS)[:ARTICLE_CHUNKS]


def context(body: str, language: str) -> float:
    """The article's share of each of its claims' scores (0 for languages without n-gram weights).

    A mean over the article's n-grams, so that a long article weighs no more than a short one.
    """
    model = _model()
    if language not in model.languages:
        return 0.0
    total, count = _sums(article_chunks(body), _ARTICLE_W, model.lexical)
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
    model = _MODEL or _load()
    if language in model.languages:
        linear = model.lexical
        chunks = text.split()
        try:
            total = sum(map(_CLAIM_W.__getitem__, chunks))
            count = sum(map(_COUNT.__getitem__, chunks))
        except KeyError:
            total, count = _sums(chunks, _CLAIM_W, linear)
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
    actors, places = slots.actors, slots.places
    actor = bool(actors) and any(map(_NOT_COUNTRY, map(_KIND_OF, actors)))
    place = bool(places) and any(map(_NOT_DEMONYM, map(_KIND_OF, places)))
    z += (w[2] if actor else 0.0) + (w[3] if place else 0.0)
    if slots.attribution is not None:
        z += w[4]
    elif not (slots.dates or slots.numbers or actor or place):
        z += w[7]
    z += (w[5] if negated else 0.0) + (w[6] if heading else 0.0)
    z += w[8] if n_words < 6 else w[9] if n_words > 30 else 0.0
    z += linear.kinds.get(kind, 0.0)
    if z < -30.0 or z > 30.0:
        z = -30.0 if z < 0 else 30.0
    return int(1000.0 / (1.0 + math.exp(-z)) + 0.5) / 1000  # three decimals, faster than round()


_KIND_OF = attrgetter("kind")
_NOT_COUNTRY = "country".__ne__
_NOT_DEMONYM = "demonym".__ne__


def clear_caches() -> None:
    """Forget the memoised chunk weights (a fresh process's speed, for the cold benchmark)."""
    _CLAIM_W.clear()
    _ARTICLE_W.clear()
    _COUNT.clear()
