"""Train the prior fact-check re-ranker (``factcheck/data/prior_model.json``) on CLEF 2020 Task 2.

Follows the matcher's training conventions (``scripts/train_matcher.py``): scikit-learn with a fixed
seed, the *train* split only for fitting, thresholds chosen on *dev*, the test queries never read.
Two logistic models are fitted on the candidates of the train queries as the workbench's own
candidate step produces them (label: the candidate verifies the query): ``vectors`` for claims with a
sentence vector and ``lexical`` for claims without one yet (the import's fast pass). Each badge
threshold is then chosen on dev: the lowest score at which at least 95 % of the dev queries whose best
candidate crosses it are right; it is folded into the model's intercept so both badge at 0.5.

    .venv/bin/pip install -e '.[dev]'
    python scripts/train_prior.py [--c 1.0] [--cv] [--out factcheck/data/prior_model.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from clef_claims import CACHE, Archive, build_archive, candidate_features, dataset_dir, load_qrels, load_queries  # noqa: E402

from factcheck.prior.features import FEATURES, LEXICAL_FEATURES, TWEET_FEATURES  # noqa: E402
from factcheck.prior.model import BADGE, PriorModel, Scorer, design  # noqa: E402

SEED = 20200
FOLDS = 5
DRAWS = 3  # draws of the folds in --cv
# Which features each model sees, chosen by 5-fold cross-validation on train (``--cv``; never on dev):
# the poster and date of a tweet help the lexical model (MAP@5 0.855 → 0.864) but not the one with
# sentence vectors (0.891 without them, 0.883 with).
MODEL_FEATURES = {
    True: tuple(f for f in FEATURES if f not in TWEET_FEATURES),
    False: LEXICAL_FEATURES,
}
TARGET_PRECISION = 0.95
Labelled = list[tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]]


def labelled(archive: Archive, folder: Path, split: str, *, vectors: bool) -> Labelled:
    """Each query's candidate feature rows and whether each candidate verifies it."""
    queries = load_queries(folder, split)
    qrels = load_qrels(folder, split)
    rows = candidate_features(archive.database, [text for _, text in queries], vectors=vectors)
    out = []
    for (qid, _), (ids, x) in zip(queries, rows, strict=True):
        relevant = {archive.by_external[v] for v in qrels.get(qid, ()) if v in archive.by_external}
        out.append((np.asarray(x, dtype=np.float64), np.array([i in relevant for i in ids], dtype=bool)))
    return out


def evaluate(scorer: Scorer, data: Labelled) -> dict[str, float]:
    """MAP@5 (one relevant per query, as nearly all are), Recall@1, Recall@5 and the candidates' recall."""
    ap = r1 = r5 = pool = 0.0
    for x, y in data:
        if not y.any():
            continue
        pool += 1
        top = np.argsort(-scorer.logits(x), kind="stable")[:5]
        hits = [bool(y[i]) for i in top]
        ap += next((1.0 / (i + 1) for i, h in enumerate(hits) if h), 0.0)
        r1 += hits[0]
        r5 += any(hits)
    n = len(data)
    return {"map@5": round(ap / n, 4), "recall@1": round(r1 / n, 4), "recall@5": round(r5 / n, 4),
            "candidate_recall": round(pool / n, 4)}  # fmt: skip


def choose_threshold(scorer: Scorer, data: Labelled) -> tuple[float, float, float]:
    """(logit threshold, precision, share badged) on ``data``: the lowest with precision ≥ the target."""
    tops = []
    for x, y in data:
        if len(y):
            z = scorer.logits(x)
            best = int(np.argmax(z))
            tops.append((float(z[best]), bool(y[best])))
    tops.sort(reverse=True)
    chosen = (tops[0][0] + 1.0 if tops else 0.0, 1.0, 0.0)
    right = 0
    for count, (score, ok) in enumerate(tops, 1):
        right += ok
        if count < len(tops) and tops[count][0] == score:
            continue
        if right / count >= TARGET_PRECISION:
            chosen = (score, right / count, count / len(data))
    return chosen


def fit(train: Labelled, features: tuple[str, ...], c: float) -> Scorer:
    from sklearn.linear_model import LogisticRegression

    columns = [FEATURES.index(f) for f in features]
    x = design(np.vstack([x[:, columns] for x, _ in train]))
    y = np.concatenate([y for _, y in train])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED).fit((x - mean) / scale, y)
    return Scorer(features, mean, scale, model.coef_[0].astype(np.float64), float(model.intercept_[0]))


def train_one(archive: Archive, folder: Path, *, vectors: bool, c: float) -> tuple[Scorer, dict[str, object]]:
    """One scorer fitted on train, its badge threshold chosen on dev and folded into the intercept."""
    features = MODEL_FEATURES[vectors]
    train = labelled(archive, folder, "train", vectors=vectors)
    dev = labelled(archive, folder, "dev", vectors=vectors)
    scorer = fit(train, features, c)
    threshold, precision, share = choose_threshold(scorer, dev)
    badge_logit = float(np.log(BADGE / (1 - BADGE)))
    centred = Scorer(features, scorer.mean, scorer.scale, scorer.coef, scorer.intercept - threshold + badge_logit)
    info = {
        "train_pairs": int(sum(len(y) for _, y in train)),
        "train_positive": int(sum(int(y.sum()) for _, y in train)),
        "train": evaluate(scorer, train),
        "dev": evaluate(scorer, dev),
        "dev_badge_precision": round(precision, 4),
        "dev_badge_share": round(share, 4),
    }
    return centred, info


def cross_validated(data: Labelled, features: tuple[str, ...], c: float) -> dict[str, float]:
    """MAP@5, Recall@1 and Recall@5 over ``DRAWS`` draws of ``FOLDS`` folds (by query, seeds from ``SEED``):
    one draw moves with which tweets share a fold, so a change is judged by the mean of three."""
    totals = {"map@5": 0.0, "recall@1": 0.0, "recall@5": 0.0}
    for draw in range(DRAWS):
        folds = np.random.default_rng(SEED + draw).integers(0, FOLDS, len(data))
        for k in range(FOLDS):
            held = [d for d, f in zip(data, folds, strict=True) if f == k]
            scorer = fit([d for d, f in zip(data, folds, strict=True) if f != k], features, c)
            found = evaluate(scorer, held)
            for key in totals:
                totals[key] += found[key] * len(held)
    return {key: round(value / (DRAWS * len(data)), 4) for key, value in totals.items()}


def cross_validate(archive: Archive, folder: Path, c: float) -> None:
    """Train-split cross-validation of each model with and without the tweet features."""
    for vectors in (True, False):
        train = labelled(archive, folder, "train", vectors=vectors)
        every = FEATURES if vectors else LEXICAL_FEATURES
        for name, features in (("with", every), ("without", tuple(f for f in every if f not in TWEET_FEATURES))):
            found = cross_validated(train, features, c)
            model = "vectors" if vectors else "lexical"
            print(f"{model} model, {name} the tweet features: cross-validated {found}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--cv", action="store_true", help="only cross-validate the feature sets on train")
    parser.add_argument("--out", type=Path, default=ROOT / "factcheck" / "data" / "prior_model.json")
    args = parser.parse_args()
    folder = dataset_dir()
    if folder is None:
        print("CLEF 2020 claim retrieval data not found (set FACTCHECK_DATASETS); nothing trained.")
        return 0
    CACHE.mkdir(parents=True, exist_ok=True)
    archive = build_archive(folder, CACHE / "train_archive.db")
    if args.cv:
        cross_validate(archive, folder, args.c)
        return 0
    with_vectors, vectors_info = train_one(archive, folder, vectors=True, c=args.c)
    lexical, lexical_info = train_one(archive, folder, vectors=False, c=args.c)
    info = {
        "trained_on": "CLEF 2020 CheckThat! Task 2 train queries (scripts/train_prior.py)",
        "seed": SEED,
        "C": args.c,
        "threshold_chosen_on": "dev",
        "vectors": vectors_info,
        "lexical": lexical_info,
    }
    model = PriorModel(with_vectors, lexical, BADGE, info)
    args.out.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(json.dumps(info, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
