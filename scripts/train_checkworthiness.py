"""Fit the check-worthiness model (factcheck/data/checkworthiness.{json,npz}) on CheckThat! 2022 Arabic tweets.

Two steps, both on ``claim_train.tsv`` only. First the article part: a document classifier over each
tweet's hashed character n-grams (sublinear TF × IDF, L2-normalised, logistic regression). Then every
tweet is run through the real extractor; each claim it yields is one row, labelled with its tweet's
label (1: the tweet holds a verifiable factual claim), with the features ``factcheck.extraction.worth``
computes at run time: the article part's logit (out-of-fold for training, so the claim model does not
learn to trust an over-fitted score), the claim's own hashed character n-grams, its slots and kind.
Every regularisation strength (and the n-gram block's scale) is chosen by 5-fold cross-validation on
train (grouped by tweet for claims; the score of a tweet is its highest claim's), never on dev. The
fitted numbers go to JSON, the hashed weights to a float16 .npz; then the dev figures are measured
through the real extractor reading those files, beside a TF-IDF character n-gram logistic regression
trained on the same split:

    .venv/bin/python scripts/train_checkworthiness.py [--datasets DIR] [--check]

``--check`` measures the stored model on dev without refitting. Needs the ``dev`` extra
(scikit-learn). Datasets come from ``--datasets``, ``FACTCHECK_DATASETS`` or ``../shared/datasets``.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from scipy.sparse import csr_matrix, hstack  # noqa: E402
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.model_selection import GroupKFold, StratifiedKFold  # noqa: E402

from factcheck.extraction import extract_claims, worth  # noqa: E402
from factcheck.extraction.lexicon import tokenize  # noqa: E402
from factcheck.extraction.segment import split_sentences  # noqa: E402
from factcheck.model import ArticleText, ExtractedClaim  # noqa: E402

SEED = 20221
DATA = ROOT / "factcheck" / "data"
OUT = DATA / "checkworthiness.json"
ARRAYS = DATA / "checkworthiness.npz"
ARTICLE_C_GRID = (1.0, 3.0, 10.0)
NB_BETAS = (0.0, 0.5, 1.0)
CLAIM_C_GRID = (0.1, 0.3, 1.0)
CLAIM_SCALES = (0.1, 0.3, 1.0)  # the claim n-gram block's scale (a per-block regularisation)
SLOTS_C_GRID = (1.0, 3.0, 10.0)
# Product policy added to the fitted slot weights at run time (not fitted): the tweet labels do not
# teach that a prediction or judgement, or a statement with no slot at all, is less worth checking
# than a dated, counted, named fact, and a reviewer's triage order must say so.
POLICY = {"kind_opinion": -1.5, "kind_background": -0.5, "no_slot": -0.7}
N_BUCKETS = 1 << worth.BITS


def datasets_dir(given: str | None) -> Path:
    return Path(given or os.environ.get("FACTCHECK_DATASETS") or ROOT.parent / "shared" / "datasets")


def load(path: Path) -> list[tuple[str, int]]:
    csv.field_size_limit(10**7)
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["tweet_text"], int(row["class_label"])) for row in rows]


def counts(rows: list[list[int]], *, sqrt_norm: bool) -> csr_matrix:
    """Bucket counts per row (repeats add up), divided by the root of the row's total when ``sqrt_norm``."""
    data: list[float] = []
    cols: list[int] = []
    ptr = [0]
    for ids in rows:
        norm = math.sqrt(len(ids)) if sqrt_norm and ids else 1.0
        cols.extend(ids)
        data.extend([1.0 / norm] * len(ids))
        ptr.append(len(cols))
    x = csr_matrix((data, cols, ptr), shape=(len(rows), N_BUCKETS))
    x.sum_duplicates()
    return x


def buckets_of(chunks: list[str]) -> list[int]:
    return [b for chunk in chunks for b in worth.chunk_buckets(chunk)]


def _logistic(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, solver="liblinear", random_state=SEED)


def _liblinear(x: csr_matrix) -> csr_matrix:
    x = x.tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)  # liblinear wants 32-bit
    return x


def nb_factors(x: csr_matrix, y: np.ndarray, beta: float) -> np.ndarray:
    """Per-bucket scale |r|**beta, r the smoothed log-count ratio of presence in 1 vs 0 tweets (NB-SVM's
    weighting, Wang & Manning 2012); beta 0 is plain TF-IDF. Applied after the L2 norm, so the runtime
    folds it into the weights."""
    if beta == 0.0:
        return np.ones(x.shape[1])
    present = (x > 0).astype(np.float64)
    p = np.asarray(present[y == 1].sum(axis=0)).ravel() + 1.0
    q = np.asarray(present[y == 0].sum(axis=0)).ravel() + 1.0
    return np.asarray(np.abs(np.log((p / p.sum()) / (q / q.sum()))) ** beta)


class Article:
    """The article part fitted on some tweets: TF-IDF, NB factors, logistic regression."""

    def __init__(self, x: csr_matrix, y: np.ndarray, c: float, beta: float) -> None:
        self.tfidf = TfidfTransformer(sublinear_tf=True).fit(x)
        self.factors = nb_factors(x, y, beta)
        self.model = _logistic(c).fit(self._features(x), y)

    def _features(self, x: csr_matrix) -> csr_matrix:
        return _liblinear(self.tfidf.transform(x).multiply(self.factors[None, :]))

    def logits(self, x: csr_matrix) -> np.ndarray:
        return np.asarray(self.model.decision_function(self._features(x)))

    def weights(self) -> np.ndarray:
        """Weight by bucket of sublinear TF before the L2 norm (fitted weight × NB factor × IDF)."""
        return np.asarray(self.model.coef_[0] * self.factors * self.tfidf.idf_)


def fit_article(texts: list[str], y: np.ndarray) -> tuple[Article, np.ndarray, str]:
    """The article part at the (C, beta) with the best 5-fold train AUC, and its out-of-fold logits."""
    x = counts([buckets_of(worth.article_chunks(t)) for t in texts], sqrt_norm=False)
    folds = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED).split(x, y))
    best: tuple[float, float, float, np.ndarray] = (-1.0, 0.0, 0.0, np.zeros(0))
    for beta in NB_BETAS:
        for c in ARTICLE_C_GRID:
            oof = np.zeros(len(y))
            for train, test in folds:
                oof[test] = Article(x[train], y[train], c, beta).logits(x[test])
            auc = float(roc_auc_score(y, oof))
            print(f"  C={c:<5} NB beta {beta:<4} 5-fold train tweet AUC {auc:.3f}")
            if auc > best[0]:
                best = (auc, c, beta, oof)
    _, c, beta, oof = best
    return Article(x, y, c, beta), oof, f"C={c}, NB beta {beta}"


Row = tuple[int, list[int], list[float]]  # tweet, claim n-gram buckets, slot features


def claim_rows(texts: list[str]) -> list[Row]:
    """Features of each claim the extractor finds in each tweet, as ``worth.score`` computes them."""
    out: list[Row] = []
    for t, text in enumerate(texts):
        headings = [(s.start, s.end) for s in split_sentences(text) if s.kind == "heading"]
        for claim in extract_claims(ArticleText(text, "ar")):
            n_words = len(tokenize(claim.text))
            heading = any(s <= claim.start and claim.end <= e for s, e in headings)
            dense = worth.dense_features(
                claim.kind, claim.slots, negated=claim.negated, heading=heading, n_words=n_words
            )
            out.append((t, buckets_of(claim.text.split()), dense))
    return out


def tweet_auc(scores: np.ndarray, groups: np.ndarray, labels: np.ndarray, n_tweets: int) -> float:
    best = np.full(n_tweets, -np.inf)
    np.maximum.at(best, groups, scores)
    return float(roc_auc_score(labels, best))


def fit_claims(
    x: csr_matrix, y: np.ndarray, groups: np.ndarray, tweet_labels: np.ndarray, grid: list[tuple[float, float]]
) -> tuple[LogisticRegression, float, float]:
    """The claim model at the (C, n-gram scale) with the best grouped 5-fold train tweet AUC.

    ``x``'s n-gram columns are those after the first (the article logit) and before the last
    ``len(DENSE_FEATURES)``; the scale multiplies them.
    """
    n_dense = len(worth.DENSE_FEATURES)
    folds = list(GroupKFold(n_splits=5).split(x, y, groups))
    best: tuple[float, float, float] = (-1.0, grid[0][0], grid[0][1])
    for c, scale in grid:
        xs = _scaled(x, scale, n_dense)
        scores = np.zeros(len(y))
        for train, test in folds:
            scores[test] = _logistic(c).fit(xs[train], y[train]).decision_function(xs[test])
        auc = tweet_auc(scores, groups, tweet_labels, len(tweet_labels))
        print(f"  C={c:<5} n-gram scale {scale:<4} grouped 5-fold train tweet AUC {auc:.3f}")
        if auc > best[0]:
            best = (auc, c, scale)
    _, c, scale = best
    return _logistic(c).fit(_scaled(x, scale, n_dense), y), c, scale


def _scaled(x: csr_matrix, scale: float, n_dense: int) -> csr_matrix:
    if scale == 1.0 or x.shape[1] == n_dense:
        return x
    factors = np.ones(x.shape[1])
    factors[1 : x.shape[1] - n_dense] = scale
    return _liblinear(x.multiply(factors[None, :]))


def dense_json(model: LogisticRegression, offset: int) -> dict[str, Any]:
    coef = model.coef_[0]
    return {
        "intercept": round(float(model.intercept_[0]), 5),
        "dense": {name: round(float(w), 5) for name, w in zip(worth.DENSE_FEATURES, coef[offset:], strict=True)},
    }


def train(rows: list[tuple[str, int]]) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    texts = [text for text, _ in rows]
    tweet_labels = np.array([label for _, label in rows])
    print(f"train: {len(rows)} tweets; article part (hashed n-grams, 2**{worth.BITS} buckets):")
    article, oof, c_article = fit_article(texts, tweet_labels)
    # The extractor scores as it goes; its scores are not features, so a zero model stands in (the
    # data files may be from another layout, or missing).
    blank = {"intercept": 0.0, "dense": dict.fromkeys(worth.DENSE_FEATURES, 0.0)}
    zeros = np.zeros(N_BUCKETS, dtype=np.float16)
    worth._MODEL = worth.build(
        {"languages": ["ar"], "article_intercept": 0.0, "lexical": blank, "slots_only": blank},
        {"terms": zeros, "article": zeros, "idf": zeros + 1},
        {},
    )
    feats = claim_rows(texts)
    g = np.array([t for t, _, _ in feats])
    y = tweet_labels[g]
    print(f"{len(feats)} claims; claim model (article logit, n-grams, slots):")
    # Tweets without a claim have no row; the cross-validated AUC is over the tweets with one.
    covered = np.unique(g)
    g_local = np.searchsorted(covered, g)
    dense = csr_matrix(np.array([d for _, _, d in feats], dtype=float).reshape(len(feats), len(worth.DENSE_FEATURES)))
    grams = counts([ids for _, ids, _ in feats], sqrt_norm=True)
    x = _liblinear(hstack([csr_matrix(oof[g][:, None]), grams, dense]))
    grid = [(c, s) for c in CLAIM_C_GRID for s in CLAIM_SCALES]
    lexical, c_lex, scale = fit_claims(x, y, g_local, tweet_labels[covered], grid)
    print("slots-only model (other languages):")
    slots_only, c_slots, _ = fit_claims(
        _liblinear(dense), y, g_local, tweet_labels[covered], [(c, 1.0) for c in SLOTS_C_GRID]
    )
    coef = lexical.coef_[0]
    lexical_json = dense_json(lexical, 1 + N_BUCKETS)
    lexical_json["article"] = round(float(coef[0]), 5)
    arrays = {
        "terms": (coef[1 : 1 + N_BUCKETS] * scale).astype(np.float16),
        "article": article.weights().astype(np.float16),
        "idf": article.tfidf.idf_.astype(np.float16),
    }
    data = {
        "about": (
            "Check-worthiness weights fitted by scripts/train_checkworthiness.py on CheckThat! 2022 "
            f"Task 1B Arabic claim_train (seed {SEED}; article part {c_article}; claim model C={c_lex}, "
            f"n-gram scale {scale}; slots-only C={c_slots}; all chosen by 5-fold CV on train). Hashed "
            "n-gram weights in checkworthiness.npz. Read by factcheck/extraction/worth.py."
        ),
        "languages": ["ar"],
        "bits": worth.BITS,
        "policy": POLICY,
        "article_intercept": round(float(article.model.intercept_[0]), 5),
        "lexical": lexical_json,
        "slots_only": dense_json(slots_only, 0),
    }
    return data, arrays


def dev_scores(dev_rows: list[tuple[str, int]]) -> tuple[list[int], list[float], dict[int, list[int]]]:
    """Labels, each tweet's highest claim check-worthiness (-1 without a claim), claim counts by label."""
    labels, best, with_claim = [], [], {0: [0, 0], 1: [0, 0]}
    for text, label in dev_rows:
        claims: list[ExtractedClaim] = extract_claims(ArticleText(text, "ar"))
        labels.append(label)
        best.append(max((c.checkworthiness for c in claims), default=-1.0))
        with_claim[label][0] += 1
        with_claim[label][1] += bool(claims)
    return labels, best, with_claim


def evaluate(train_rows: list[tuple[str, int]], dev_rows: list[tuple[str, int]]) -> None:
    """Dev figures through the real extractor, beside the TF-IDF baseline trained on the same split."""
    labels, best, with_claim = dev_scores(dev_rows)
    auc = roc_auc_score(labels, best)
    data = json.loads(OUT.read_text(encoding="utf-8"))
    plain = worth.build(data, worth.load_arrays(), {})
    saved, worth._MODEL = worth._MODEL, plain
    try:
        auc_plain = roc_auc_score(labels, dev_scores(dev_rows)[1])
    finally:
        worth._MODEL = saved
    tfidf = TfidfVectorizer(analyzer="char", ngram_range=(2, 5), sublinear_tf=True, min_df=2)
    x_train = tfidf.fit_transform([t for t, _ in train_rows])
    baseline = LogisticRegression(max_iter=2000, random_state=SEED).fit(x_train, [y for _, y in train_rows])
    base_auc = roc_auc_score(labels, baseline.decision_function(tfidf.transform([t for t, _ in dev_rows])))
    share1 = with_claim[1][1] / with_claim[1][0]
    share0 = with_claim[0][1] / with_claim[0][0]
    print(f"dev ({len(dev_rows)} tweets): ROC AUC of each tweet's highest claim check-worthiness (1 vs 0)")
    print(f"  extractor + learned model   {auc:.3f}   (target >= 0.90 and above the baseline)")
    print(f"    fitted weights alone      {auc_plain:.3f}   (without the policy offsets {data.get('policy', {})})")
    print(f"  TF-IDF char 2-5 gram LR     {base_auc:.3f}   (same train split, same run)")
    print(f"  tweets with >= 1 claim: label 1 {share1:.3f} (target >= 0.95), label 0 {share0:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", help="folder holding checkthat2022_ar/ (default: FACTCHECK_DATASETS)")
    parser.add_argument("--check", action="store_true", help="measure the stored model on dev, do not refit")
    args = parser.parse_args()
    folder = datasets_dir(args.datasets) / "checkthat2022_ar"
    if not (folder / "claim_train.tsv").is_file() or not (folder / "claim_dev.tsv").is_file():
        print(f"CheckThat! 2022 Arabic data not found in {folder}: nothing to train (set FACTCHECK_DATASETS).")
        return 0
    train_rows, dev_rows = load(folder / "claim_train.tsv"), load(folder / "claim_dev.tsv")
    if not args.check:
        data, arrays = train(train_rows)
        OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        np.savez_compressed(ARRAYS, **arrays)  # type: ignore[arg-type]
        print(f"wrote {OUT.relative_to(ROOT)} and {ARRAYS.relative_to(ROOT)} ({ARRAYS.stat().st_size / 1e6:.2f} MB)")
        worth._model.cache_clear()
        worth._MODEL = None
        worth.clear_caches()
    evaluate(train_rows, dev_rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
