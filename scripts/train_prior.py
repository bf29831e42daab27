"""Train the prior fact-check re-ranker (``factcheck/data/prior_model.json``) on CLEF 2020 Task 2.

Fits a logistic model (scikit-learn, fixed seed) on the candidates of the *train* queries, as the
workbench's own candidate step produces them (label: the candidate verifies the query). The badge
threshold is then chosen on *dev*: the lowest probability at which at least 95 % of the dev queries
whose best candidate crosses it are right. The test queries are never read.

    python scripts/train_prior.py [--c 1.0] [--out factcheck/data/prior_model.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from clef_claims import CACHE, build_archive, candidate_features, dataset_dir, load_qrels, load_queries  # noqa: E402

from factcheck.prior.features import FEATURES  # noqa: E402
from factcheck.prior.model import PriorModel, design  # noqa: E402

SEED = 20200
TARGET_PRECISION = 0.95


def labelled(archive, folder: Path, split: str) -> list[tuple[np.ndarray, np.ndarray]]:  # type: ignore[no-untyped-def]
    queries = load_queries(folder, split)
    qrels = load_qrels(folder, split)
    rows = candidate_features(archive.database, [text for _, text in queries])
    out = []
    for (qid, _), (ids, x) in zip(queries, rows, strict=True):
        relevant = {archive.by_external[v] for v in qrels.get(qid, ()) if v in archive.by_external}
        out.append((np.asarray(x, dtype=np.float64), np.array([i in relevant for i in ids], dtype=bool)))
    return out


def evaluate(model: PriorModel, data: list[tuple[np.ndarray, np.ndarray]]) -> dict[str, float]:
    ap = r1 = r5 = 0.0
    for x, y in data:
        if len(y) == 0:
            continue
        top = np.argsort(-model.probabilities(x), kind="stable")[:5]
        hits = [bool(y[i]) for i in top]
        ap += next((1.0 / (i + 1) for i, h in enumerate(hits) if h), 0.0)
        r1 += hits[0]
        r5 += any(hits)
    n = len(data)
    return {"map@5": round(ap / n, 4), "recall@1": round(r1 / n, 4), "recall@5": round(r5 / n, 4)}


def choose_threshold(model: PriorModel, data: list[tuple[np.ndarray, np.ndarray]]) -> tuple[float, float, float]:
    """(threshold, precision, share badged) on ``data``: the lowest with precision ≥ the target."""
    tops = []
    for x, y in data:
        if len(y):
            p = model.probabilities(x)
            best = int(np.argmax(p))
            tops.append((float(p[best]), bool(y[best])))
    tops.sort(reverse=True)
    chosen = (1.0, 1.0, 0.0)
    right = 0
    for count, (score, ok) in enumerate(tops, 1):
        right += ok
        nxt = tops[count][0] if count < len(tops) else -1.0
        if nxt == score:
            continue
        if right / count >= TARGET_PRECISION:
            chosen = (score, right / count, count / len(data))
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--out", type=Path, default=ROOT / "factcheck" / "data" / "prior_model.json")
    args = parser.parse_args()
    folder = dataset_dir()
    if folder is None:
        print("CLEF 2020 claim retrieval data not found (set FACTCHECK_DATASETS); nothing trained.")
        return 0
    from sklearn.linear_model import LogisticRegression

    CACHE.mkdir(parents=True, exist_ok=True)
    archive = build_archive(folder, CACHE / "train_archive.db")
    train = labelled(archive, folder, "train")
    x = design(np.vstack([x for x, _ in train]))
    y = np.concatenate([y for _, y in train])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    fit = LogisticRegression(C=args.c, max_iter=5000, random_state=SEED).fit((x - mean) / scale, y)
    model = PriorModel(FEATURES, mean, scale, fit.coef_[0].astype(np.float64), float(fit.intercept_[0]), 0.5, {})
    dev = labelled(archive, folder, "dev")
    threshold, precision, share = choose_threshold(model, dev)
    info = {
        "trained_on": "CLEF 2020 CheckThat! Task 2 train queries (scripts/train_prior.py)",
        "seed": SEED,
        "C": args.c,
        "train_pairs": len(y),
        "train_positive": int(y.sum()),
        "train": evaluate(model, train),
        "dev": evaluate(model, dev),
        "threshold_chosen_on": "dev",
        "dev_badge_precision": round(precision, 4),
        "dev_badge_share": round(share, 4),
    }
    model = PriorModel(FEATURES, mean, scale, model.coef, model.intercept, round(threshold, 6), info)
    args.out.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(json.dumps(info, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
