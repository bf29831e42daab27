"""Fit the check-worthiness model (factcheck/data/checkworthiness.json) on CheckThat! 2022 Arabic tweets.

Every tweet of ``claim_train.tsv`` is run through the real extractor; each claim it yields is one
training row, labelled with its tweet's label (1: the tweet holds a verifiable factual claim). The
features are those ``factcheck.extraction.worth`` computes at run time (words, stems and character
n-grams of the claim, its slots and kind). The regularisation strength is chosen by grouped 5-fold
cross-validation on train (the score of a tweet is its highest claim's), never on dev. The fitted
coefficients are written as JSON, then the dev figures are measured through the real extractor
reading that file, beside a TF-IDF character n-gram logistic regression trained on the same split:

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
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from scipy.sparse import csr_matrix, hstack  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

from factcheck.extraction import extract_claims, worth  # noqa: E402
from factcheck.extraction.lexicon import tokenize  # noqa: E402
from factcheck.extraction.segment import split_sentences  # noqa: E402
from factcheck.model import ArticleText, ExtractedClaim  # noqa: E402

SEED = 20221
OUT = ROOT / "factcheck" / "data" / "checkworthiness.json"
C_GRID = (1.0, 3.0, 10.0)
MIN_DF = 2  # text features seen in fewer training claims are dropped
# Product policy added to the fitted slot weights at run time (not fitted): the tweet labels do not
# teach that a prediction or judgement, or a statement with no slot at all, is less worth checking
# than a dated, counted, named fact, and a reviewer's triage order must say so.
POLICY = {"kind_opinion": -1.5, "kind_background": -0.5, "no_slot": -0.7}
PRUNE = 0.003  # smaller weights are left out of the data file (they change no score visibly)


def datasets_dir(given: str | None) -> Path:
    return Path(given or os.environ.get("FACTCHECK_DATASETS") or ROOT.parent / "shared" / "datasets")


def load(path: Path) -> list[tuple[str, int]]:
    csv.field_size_limit(10**7)
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["tweet_text"], int(row["class_label"])) for row in rows]


Row = tuple[Counter[str], Counter[str], list[float]]  # claim n-grams, article n-grams, slot features


def grams_of(chunks: list[str]) -> Counter[str]:
    grams: Counter[str] = Counter()
    for chunk in chunks:
        grams.update(worth.chunk_features(chunk))
    return grams


def claim_rows(text: str) -> list[Row]:
    """Features of each claim the extractor finds in one tweet, as ``worth.score`` computes them."""
    headings = [(s.start, s.end) for s in split_sentences(text) if s.kind == "heading"]
    article = grams_of(worth.article_chunks(text))
    out: list[Row] = []
    for claim in extract_claims(ArticleText(text, "ar")):
        n_words = len(tokenize(claim.text))
        heading = any(s <= claim.start and claim.end <= e for s, e in headings)
        dense = worth.dense_features(claim.kind, claim.slots, negated=claim.negated, heading=heading, n_words=n_words)
        out.append((grams_of(claim.text.split()), article, dense))
    return out


def _normalised(rows: list[Counter[str]], vocab: dict[str, int], *, mean: bool = False) -> csr_matrix:
    """Counts over the root of the total (a claim) or over the total (``mean``: an article)."""
    data: list[float] = []
    cols: list[int] = []
    ptr = [0]
    for grams in rows:
        total = sum(grams.values())
        norm = (total / worth.ARTICLE_SCALE if mean else math.sqrt(total)) if total else 1.0
        for gram, count in grams.items():
            col = vocab.get(gram)
            if col is not None:
                cols.append(col)
                data.append(count / norm)
        ptr.append(len(cols))
    return csr_matrix((data, cols, ptr), shape=(len(rows), len(vocab)))


def matrix(rows: list[Row], vocab: dict[str, int] | None) -> csr_matrix:
    """Claim n-grams, article n-grams (both over ``vocab``; none when None), then slot features."""
    dense = csr_matrix(np.array([d for _, _, d in rows], dtype=float).reshape(len(rows), len(worth.DENSE_FEATURES)))
    if vocab is None:
        x = dense
    else:
        x = hstack(
            [_normalised([c for c, _, _ in rows], vocab), _normalised([a for _, a, _ in rows], vocab, mean=True), dense]
        )
    x = x.tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)  # liblinear wants 32-bit
    return x


def tweet_auc(scores: np.ndarray, groups: np.ndarray, labels: np.ndarray, n_tweets: int) -> float:
    best = np.zeros(n_tweets)
    np.maximum.at(best, groups, scores)
    return float(roc_auc_score(labels, best))


def fit(x: csr_matrix, y: np.ndarray, groups: np.ndarray, tweet_labels: np.ndarray) -> tuple[LogisticRegression, float]:
    """The model at the C with the best grouped cross-validated tweet AUC on train."""
    best_c, best_auc = C_GRID[0], -1.0
    for c in C_GRID:
        scores = np.zeros(len(y))
        for train, test in GroupKFold(n_splits=5).split(x, y, groups):
            model = _logistic(c).fit(x[train], y[train])
            scores[test] = model.decision_function(x[test])
        auc = tweet_auc(scores, groups, tweet_labels, len(tweet_labels))
        print(f"  C={c:<5} grouped 5-fold train tweet AUC {auc:.3f}")
        if auc > best_auc:
            best_c, best_auc = c, auc
    return _logistic(best_c).fit(x, y), best_c


def _logistic(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, solver="liblinear", random_state=SEED)


def linear_json(model: LogisticRegression, vocab: dict[str, int] | None) -> dict[str, Any]:
    coef = model.coef_[0]
    n = len(vocab) if vocab else 0
    out: dict[str, Any] = {
        "intercept": round(float(model.intercept_[0]), 5),
        "dense": {name: round(float(w), 5) for name, w in zip(worth.DENSE_FEATURES, coef[2 * n :], strict=True)},
    }
    if vocab:
        for field, offset in (("terms", 0), ("context", n)):
            out[field] = {
                gram: round(float(coef[offset + col]), 4)
                for gram, col in sorted(vocab.items())
                if abs(coef[offset + col]) >= PRUNE
            }
    return out


def train(rows: list[tuple[str, int]]) -> dict[str, Any]:
    feats: list[Row] = []
    groups: list[int] = []
    for t, (text, _) in enumerate(rows):
        found = claim_rows(text)
        feats.extend(found)
        groups.extend([t] * len(found))
    g = np.array(groups)
    tweet_labels = np.array([label for _, label in rows])
    y = tweet_labels[g]
    df: Counter[str] = Counter()
    for claim, _, _ in feats:
        df.update(claim.keys())
    vocab = {gram: k for k, gram in enumerate(sorted(gram for gram, n in df.items() if n >= MIN_DF))}
    print(f"train: {len(rows)} tweets, {len(feats)} claims, {len(vocab)} n-grams")
    # Tweets without a claim have no row; the cross-validated AUC is over the tweets with one.
    covered = np.unique(g)
    remap = {t: k for k, t in enumerate(covered)}
    g_local = np.array([remap[t] for t in g])
    print("lexical model (n-grams and slots):")
    lexical, c_lex = fit(matrix(feats, vocab), y, g_local, tweet_labels[covered])
    print("slots-only model (other languages):")
    slots_only, c_slots = fit(matrix(feats, None), y, g_local, tweet_labels[covered])
    return {
        "about": (
            "Check-worthiness weights fitted by scripts/train_checkworthiness.py on CheckThat! 2022 "
            f"Task 1B Arabic claim_train (seed {SEED}; C={c_lex} lexical, C={c_slots} slots-only, "
            "chosen by grouped 5-fold CV on train). Read by factcheck/extraction/worth.py."
        ),
        "languages": ["ar"],
        "policy": POLICY,
        "lexical": linear_json(lexical, vocab),
        "slots_only": linear_json(slots_only, None),
    }


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
    plain = worth._Model(
        worth._linear(data["lexical"], {}), worth._linear(data["slots_only"], {}), frozenset(data["languages"])
    )
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
        data = train(train_rows)
        OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size / 1e6:.2f} MB)")
        worth._model.cache_clear()
        worth._MODEL = None
        worth.clear_caches()
    evaluate(train_rows, dev_rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
