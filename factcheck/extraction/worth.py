"""Learned check-worthiness: a logistic model over a claim's article, its character n-grams and its slots.

The weights are fitted by ``scripts/train_checkworthiness.py`` on the CheckThat! 2022 Arabic claim
tweets; the small numbers are in ``factcheck/data/checkworthiness.json`` and the n-gram weights, hashed
into ``2**BITS`` buckets (zlib's CRC-32, the same in every process), in ``checkworthiness.npz``
(float16). Text features are the character n-grams (2 to 5) of each space-delimited chunk, folded.

Two text parts. The article's part is a document classifier over the n-grams of its opening chunks
(a tweet whole, a news article's headline and lead): sublinear TF × IDF, L2-normalised, its logit
weighted by the claim model, computed once per article and shared by all its claims (a chatty post
ranks below a news report). The claim's own n-grams are counted and divided by the square root of
the count; a chunk's share is memoised, so scoring costs one lookup per chunk. The slot features
(date, number, named actor, place, attribution, kind, negation, heading, no slot at all) carry the
rest, plus a fixed ``policy`` offset stored beside the fitted weights: tweets labelled "has a
verifiable claim" do not teach that a prediction («من المتوقع»), a judgement or a bare statement with
no slot is less worth a reviewer's time, so the product says it.

Only Arabic has n-gram weights (the labels are Arabic): other languages are scored by a second model
fitted on the slot features alone, so their order rests on what the claim states, not on letters the
model never saw.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from array import array
from functools import cache
from importlib.resources import files
from io import BytesIO
from operator import attrgetter
from typing import Any, NamedTuple

import numpy as np

from factcheck.extraction.lexicon import fold
from factcheck.model import ClaimKind, Slots

__all__ = [
    "ARTICLE_CHUNKS",
    "BITS",
    "DENSE_FEATURES",
    "article_chunks",
    "bucket",
    "chunk_buckets",
    "chunk_features",
    "clear_caches",
    "context",
    "dense_features",
    "score",
]

GRAM_SIZES = (2, 3, 4, 5)
BITS = 18  # n-grams are hashed into 2**BITS buckets
_MASK = (1 << BITS) - 1
_DIGIT_RE = re.compile(r"\d")
_LONGEST = 32  # characters of a chunk that count
# Only the article's opening chunks count (a tweet whole, a news article's headline and lead): its
# cost per article stays constant, and the lead is what says what kind of text it is.
ARTICLE_CHUNKS = 64
_MEMO_LIMIT = 300_000  # chunks remembered; past that the memo starts again (a long import stays bounded)
_BUCKET_LIMIT = 100_000  # chunks whose bucket ids are remembered (for the article part)
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


def bucket(gram: str) -> int:
    """The bucket of one n-gram: CRC-32 of its UTF-8 bytes (not ``hash()``, which is salted per process)."""
    return zlib.crc32(gram.encode("utf-8")) & _MASK


def chunk_buckets(chunk: str) -> list[int]:
    """The buckets of a chunk's n-grams, one per n-gram (repeats kept: they are counts)."""
    return [zlib.crc32(g.encode("utf-8")) & _MASK for g in chunk_features(chunk)]


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
    article: float  # weight of the article's document logit


class _Article(NamedTuple):
    """The document classifier over an article's opening n-grams (sublinear TF-IDF, L2, logistic)."""

    intercept: float
    weights: np.ndarray  # fitted weight × IDF by bucket (float64)
    idf: np.ndarray  # IDF by bucket (float64)


class _Model(NamedTuple):
    lexical: _Linear  # article, n-grams and slots (languages in ``languages``)
    slots_only: _Linear  # slots alone (every other language)
    languages: frozenset[str]
    terms: array[float]  # the claim's own n-gram weights by bucket (the memo reads single items; 2 MB, not 8)
    article: _Article


def _linear(data: dict[str, Any], policy: dict[str, float]) -> _Linear:
    dense = data["dense"]
    weights = tuple(float(dense[name]) + float(policy.get(name, 0.0)) for name in DENSE_FEATURES)
    kinds = {
        kind: weights[DENSE_FEATURES.index(f"kind_{kind}")] for kind in ClaimKind if f"kind_{kind}" in DENSE_FEATURES
    }
    return _Linear(float(data["intercept"]), weights, kinds, float(data.get("article", 0.0)))


def load_arrays() -> dict[str, np.ndarray]:
    """The hashed weights of ``checkworthiness.npz``: ``terms``, ``article`` and ``idf``, float16, 2**BITS each."""
    raw = (files("factcheck.data") / "checkworthiness.npz").read_bytes()
    with np.load(BytesIO(raw)) as npz:
        return {name: npz[name] for name in npz.files}


_MODEL: _Model | None = None


def _load() -> _Model:
    global _MODEL
    _MODEL = _model()
    return _MODEL


@cache
def _model() -> _Model:
    data = json.loads((files("factcheck.data") / "checkworthiness.json").read_text(encoding="utf-8"))
    return build(data, load_arrays(), data.get("policy", {}))


def build(data: dict[str, Any], arrays: dict[str, np.ndarray], policy: dict[str, float]) -> _Model:
    """The model from the JSON numbers and the hashed arrays (``policy``: the offsets to apply)."""
    article = _Article(
        float(data["article_intercept"]), arrays["article"].astype(np.float64), arrays["idf"].astype(np.float64)
    )
    return _Model(
        _linear(data["lexical"], policy),
        _linear(data["slots_only"], policy),
        frozenset(data["languages"]),
        array("d", arrays["terms"].astype(np.float64).tobytes()),
        article,
    )


# Memos by chunk: its claim weight, its n-gram count. Flat dicts, so that a claim's sums are
# ``sum(map(dict.__getitem__, chunks))``, in C. And its bucket ids as int32 bytes, for the article part.
_CLAIM_W: dict[str, float] = {}
_COUNT: dict[str, int] = {}
_BUCKETS: dict[str, bytes] = {}


def _learn(chunks: list[str], terms: array[float]) -> None:
    """Fill the memos for the chunks not seen yet."""
    if len(_COUNT) >= _MEMO_LIMIT:
        _CLAIM_W.clear()
        _COUNT.clear()
    for chunk in chunks:
        if chunk not in _COUNT:
            ids = chunk_buckets(chunk)
            _CLAIM_W[chunk] = sum(map(terms.__getitem__, ids))
            _COUNT[chunk] = len(ids)


def _bucket_bytes(chunk: str) -> bytes:
    ids = _BUCKETS.get(chunk)
    if ids is None:
        if len(_BUCKETS) >= _BUCKET_LIMIT:
            _BUCKETS.clear()
        ids = _BUCKETS[chunk] = np.array(chunk_buckets(chunk), dtype=np.int32).tobytes()
    return ids


def article_chunks(body: str) -> list[str]:
    """The chunks of ``body`` whose n-grams make the article's share of the score."""
    return body.split(None, ARTICLE_CHUNKS)[:ARTICLE_CHUNKS]


def article_logit(body: str, article: _Article) -> float:
    """The document classifier's logit of ``body``: sublinear TF × IDF over its opening n-grams, L2-normalised."""
    ids = np.frombuffer(b"".join(map(_bucket_bytes, article_chunks(body))), dtype=np.int32)
    if not ids.size:
        return article.intercept
    found, counts = np.unique(ids, return_counts=True)
    tf = 1.0 + np.log(counts)
    norm = math.sqrt(float(np.dot(article.idf[found] * tf, article.idf[found] * tf)))
    return article.intercept + float(np.dot(article.weights[found], tf)) / norm


def context(body: str, language: str) -> float:
    """The article's share of each of its claims' scores (0 for languages without n-gram weights)."""
    model = _MODEL or _load()
    if language not in model.languages:
        return 0.0
    return model.lexical.article * article_logit(body, model.article)


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
            _learn(chunks, model.terms)
            total = sum(map(_CLAIM_W.__getitem__, chunks))
            count = sum(map(_COUNT.__getitem__, chunks))
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
    _COUNT.clear()
    _BUCKETS.clear()
