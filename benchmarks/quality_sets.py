"""One labelled set through the pipeline and the plain baseline, counted the same way for both.

Each side of a pair is its own article from its own outlet (``<set>-a`` / ``<set>-b``), all on one
publication date. The baseline is ``token_set_ratio >= 70`` on ``normalize_for_matching`` text of the
very texts the importer stored, over the same pairs and the same pool.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

from quality_counting import (
    BASELINE_CUTOFF,
    Pair,
    baseline_pair_scores,
    baseline_pool_links,
    cross_story,
    label_stats,
    roc_auc,
    stories,
    text_links,
)
from quality_data import PairSet, Tweets
from quality_pipeline import Article, import_texts

from factcheck.text import normalize_for_matching

__all__ = ["SAMPLE", "evaluate_pairs", "evaluate_tweets"]

SAMPLE = 30
_SHOWN = 300  # characters of each text in the printed samples


def _slug(name: str) -> str:
    return "-".join(name.lower().split())


def _story_links(links: set[tuple[int, int]], story: dict[int, int]) -> dict[str, Any]:
    cross = cross_story(links, story)
    return {"links": len(links), "cross_story": len(cross), "cross_share": len(cross) / len(links) if links else 0.0}


def evaluate_pairs(pair_set: PairSet, workdir: Path, *, seed: int, rematch: bool) -> dict[str, Any]:
    """Import the set's texts, count per label for the engine and the baseline, and sample cross-story links."""
    slug = _slug(pair_set.name)
    articles = [
        Article(text, f"{slug}-{side}", pair_set.language)
        for a, b, _ in pair_set.pairs
        for text, side in ((a, "a"), (b, "b"))
    ]
    stored, ids = import_texts(articles, workdir, name=slug, rematch=rematch)
    pairs = [
        Pair(a, b, label)
        for (a, b), (_, _, label) in zip(zip(ids[::2], ids[1::2], strict=True), pair_set.pairs, strict=True)
        if a is not None and b is not None
    ]
    engine_links = text_links(stored.article_links())
    engine = label_stats(pairs, engine_links, stored.article_flags(), stored.claims)

    start = time.perf_counter()
    norm = {article: normalize_for_matching(body) for article, body in stored.bodies.items()}
    base_scores = baseline_pair_scores(pairs, norm)
    base_linked = {key for key, score in base_scores.items() if score >= BASELINE_CUTOFF}
    baseline = label_stats(pairs, base_linked)
    base_pool = baseline_pool_links(norm)
    stored.seconds["baseline"] = time.perf_counter() - start

    story = stories(stored.bodies, [(p.a, p.b) for p in pairs if p.label in pair_set.related])
    engine_cross = cross_story(engine_links, story)
    rng = random.Random(seed)
    sample = rng.sample(engine_cross, min(SAMPLE, len(engine_cross)))
    positives = [p.label in pair_set.link for p in pairs]
    keys = [(min(p.a, p.b), max(p.a, p.b)) for p in pairs]
    return {
        "name": pair_set.name,
        "pairs": len(pairs),
        "pairs_not_imported": len(pair_set.pairs) - len(pairs),
        "texts": len(stored.bodies),
        "claims": sum(stored.claims.values()),
        "labels": list(pair_set.labels),
        "link_labels": sorted(pair_set.link),
        "engine": {label: stats.to_dict() for label, stats in engine.items()},
        "baseline": {label: {"pairs": s.pairs, "linked": s.share(s.linked)} for label, s in baseline.items()},
        "engine_links": _story_links(set(engine_links), story),
        "baseline_links": _story_links(base_pool, story),
        "auc": {
            "engine": roc_auc([engine_links.get(k, 0.0) for k in keys], positives),
            "baseline": roc_auc([base_scores.get(k, 0.0) for k in keys], positives),
        },
        "cross_story_sample": [
            {"score": engine_links[(a, b)], "a": stored.bodies[a][:_SHOWN], "b": stored.bodies[b][:_SHOWN]}
            for a, b in sample
        ],
        "seconds": stored.seconds,
    }


def _tfidf_baseline(train: Tweets, test: Tweets, *, same_split: bool, seed: int) -> list[float] | None:
    """Character n-gram TF-IDF + logistic regression: fitted on ``train``, scores for ``test``.

    When both are the train split the scores are 5-fold out-of-fold predictions, never in-sample ones.
    None when scikit-learn (the ``dev`` extra) is not installed.
    """
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold, cross_val_predict
        from sklearn.pipeline import make_pipeline
    except ImportError:
        return None
    model = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        LogisticRegression(max_iter=2000, random_state=seed),
    )
    x_train = [normalize_for_matching(t) for t, _ in train.rows]
    y_train = [label == "1" for _, label in train.rows]
    if same_split:
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
        return [float(p) for p in cross_val_predict(model, x_train, y_train, cv=folds, method="predict_proba")[:, 1]]
    model.fit(x_train, y_train)
    return [float(p) for p in model.predict_proba([normalize_for_matching(t) for t, _ in test.rows])[:, 1]]


def evaluate_tweets(tweets: Tweets, train: Tweets, workdir: Path, *, seed: int, same_split: bool) -> dict[str, Any]:
    """Share of tweets with a claim per label, and ROC AUC of each tweet's best check-worthiness."""
    articles = [Article(text, "checkthat", tweets.language) for text, _ in tweets.rows]
    stored, ids = import_texts(articles, workdir, name="checkthat")
    per_label: dict[str, dict[str, float]] = {}
    for label in ("1", "0"):
        rows = [a for a, (_, lab) in zip(ids, tweets.rows, strict=True) if lab == label]
        with_claim = sum(1 for a in rows if a is not None and stored.claims.get(a, 0) > 0)
        per_label[label] = {"tweets": len(rows), "with_claim": with_claim / len(rows) if rows else 0.0}
    worth = [stored.best_worth.get(a, 0.0) if a is not None else 0.0 for a in ids]
    positives = [label == "1" for _, label in tweets.rows]
    start = time.perf_counter()
    tfidf = _tfidf_baseline(train, tweets, same_split=same_split, seed=seed)
    stored.seconds["baseline"] = time.perf_counter() - start
    return {
        "name": tweets.name,
        "tweets": len(tweets.rows),
        "claims": sum(stored.claims.values()),
        "labels": per_label,
        "auc": roc_auc(worth, positives),
        "baseline_auc": roc_auc(tfidf, positives) if tfidf is not None else None,
        "baseline": "TF-IDF char 2-5-grams + logistic regression, "
        + ("5-fold out-of-fold on train" if same_split else "trained on train")
        if tfidf is not None
        else "scikit-learn not installed (pip install -e '.[dev]')",
        "seconds": stored.seconds,
    }
