"""Fit the claim matcher (``factcheck/data/matcher_model.json``) on the shared research sets, reproducibly.

Training pairs come from the ``*_train`` splits (see the datasets README for what each label means
for the product): ANS ``agree``/``disagree`` are one claim (a paraphrase, or the same story with one
fact changed: linked so that the change can be flagged), ``other`` is not; ArbTEDS ``1`` is one claim
across two outlets, ``0`` is not; SICK and Arabic SICK ``entailment``/``contradiction`` describe one
scene, ``neutral`` does not (Arabic SICK also gives Arabic ↔ English pairs through its English
columns). On top, *cross-story* negatives: every candidate pair the run-time candidate step proposes
between texts of different stories (a shared country and event word, shared rare terms…), so the
model learns that topic-mates are not links, in the proportion the run time meets them.

Each text is turned into a claim as the run time sees it: the extractor's slots of the sentence
(``factcheck.extraction.extract_claims``), ``features_of``, the stemmed terms, the sentence vector
(``factcheck.text.encoder``; cached outside the repository, ``--cache``). Pair features are
``factcheck.matching.pair_features``, the same code that scores candidates at run time.

Two logistic regressions (scikit-learn, fixed seed): one with the encoder's cosine and one without
(for claims stored without vectors). Each gets a link cut per language group (both Arabic, one other
language, two languages), chosen on the ``*_dev`` pairs: the highest cut at which every label that
asks to be linked is linked at least as often as the plain baseline links it (``--f1``: the cut with
the best F1 over the dev pairs and their cross-story negatives instead); across languages, where the
baseline links nothing, the cut with the best F1 over all dev sets.
Prints the dev figures per label beside the plain baseline (``token_set_ratio >= 70`` on folded
text)::

    .venv/bin/pip install -e '.[dev]'
    python scripts/train_matcher.py [--datasets DIR] [--cache DIR] [--check]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz, process  # noqa: E402

from factcheck.extraction import extract_claims  # noqa: E402
from factcheck.matching.blocking import candidate_pairs  # noqa: E402
from factcheck.matching.context import merge_slots  # noqa: E402
from factcheck.matching.features import ClaimFeatures, MatchClaim, features_of  # noqa: E402
from factcheck.matching.model import LANGUAGE_GROUPS, MODEL_FILE, language_group, model_of  # noqa: E402
from factcheck.matching.pair_features import FEATURES, LEXICAL_FEATURES, ClaimTable, pair_features  # noqa: E402
from factcheck.model import ArticleText  # noqa: E402
from factcheck.text.normalize import matching_words  # noqa: E402

SEED = 20261207
BASELINE = 70
OUT = ROOT / "factcheck" / "data" / MODEL_FILE
# Labels whose product requirement is "link them" (the datasets README); SICK contradictions are one
# scene too (positives in training) but what they ask for is a flag, so they set no recall floor.
LINK_LABELS = ("agree", "disagree", "1", "entailment")
# Pairs at or above this probability get the polarity checks even when not linked: the model's own
# even odds (its classes are weighted equally in training); the checks themselves demand agreement.
CHECK_CUT = 0.5


@dataclass(frozen=True, slots=True)
class Pair:
    a: tuple[str, str]  # (text, language)
    b: tuple[str, str]
    label: str  # the set's own label, or "cross-story"
    same: bool


def _datasets(arg: str | None) -> Path:
    return Path(arg or os.environ.get("FACTCHECK_DATASETS") or ROOT.parent / "shared" / "datasets")


def _read(root: Path, split: str) -> dict[str, list[Pair]]:
    sets: dict[str, list[Pair]] = defaultdict(list)
    with open(root / "ans" / f"stance_{split}.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            sets["ANS"].append(Pair((row["s1"], "ar"), (row["s2"], "ar"), row["stance"], row["stance"] != "other"))
    with open(root / "arabic_nli" / f"arbteds_{split}.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            sets["ArbTEDS"].append(Pair((row["t"], "ar"), (row["h"], "ar"), row["label"], row["label"] == "1"))
    sick = {"0": "neutral", "1": "entailment", "2": "contradiction"}
    with open(root / "arabic_nli" / f"arsick_{split}.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            label = sick[row["label"]]
            same = label != "neutral"
            sets["ArSICK"].append(Pair((row["t"], "ar"), (row["h"], "ar"), label, same))
            sets["ArSICK ar-en"].append(Pair((row["t"], "ar"), (row["sentence_h_en"], "en"), label, same))
    with open(root / "sick_en" / f"sick_{split}.txt", encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 5 and parts[0].isdigit():
                label = parts[4].lower()
                sets["SICK"].append(Pair((parts[1], "en"), (parts[2], "en"), label, label != "neutral"))
    return {
        name: [
            Pair((p.a[0].strip(), p.a[1]), (p.b[0].strip(), p.b[1]), p.label, p.same)
            for p in pairs
            if p.a[0].strip() and p.b[0].strip()
        ]
        for name, pairs in sets.items()
    }


def _claim(key: int, text: str, language: str) -> MatchClaim:
    """The text as one claim with every slot the extractor finds in it (the run time's view of a sentence)."""
    extracted = extract_claims(ArticleText(body=text, language=language))
    slots = merge_slots([c.slots for c in extracted])
    return MatchClaim(key, key, text, language, slots, negated=any(c.negated for c in extracted))


class Vectors:
    """Sentence vectors by text, cached in ``cache`` (encoding 20k sentences takes several minutes)."""

    def __init__(self, cache: Path) -> None:
        cache.mkdir(parents=True, exist_ok=True)
        self.path = cache / "vectors.npz"
        self.known: dict[str, np.ndarray] = {}
        if self.path.exists():
            data = np.load(self.path, allow_pickle=False)
            self.known = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))

    def of(self, texts: list[str]) -> list[np.ndarray]:
        missing = sorted({t for t in texts if t not in self.known})
        if missing:
            from factcheck.text.encoder import encode

            print(f"encoding {len(missing):,} sentences (cached in {self.path.parent})…", flush=True)
            self.known.update(zip(missing, encode(missing), strict=True))
            np.savez(self.path, texts=np.array(list(self.known)), vectors=np.stack(list(self.known.values())))
        return [self.known[t] for t in texts]


def _story_groups(pairs: list[Pair]) -> dict[tuple[str, str], int]:
    """Texts joined by a pair (directly or through a repeated text) are one story: union-find."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        ra, rb = find(p.a), find(p.b)
        if ra != rb:
            parent[ra] = rb
    roots: dict[tuple[str, str], int] = {}
    return {text: roots.setdefault(find(text), len(roots)) for text in list(parent)}


@dataclass(frozen=True, slots=True)
class SetData:
    name: str
    x: np.ndarray  # FEATURES of each pair
    same: np.ndarray
    labels: list[str]
    baseline: np.ndarray  # token_set_ratio on folded text, 0-100

    @property
    def cross_lingual(self) -> bool:
        return self.name.endswith("ar-en")


def _cross_lingual_negatives(
    texts: list[tuple[str, str]], groups: np.ndarray, rng: random.Random, count: int
) -> list[tuple[int, int]]:
    """Pairs in two languages from different stories, drawn at random (the nearest by cosine are no
    use as negatives here: SICK describes one scene in many pairs, so they are mostly the same claim)."""
    arabic = [i for i, (_, lang) in enumerate(texts) if lang == "ar"]
    english = np.array([i for i, (_, lang) in enumerate(texts) if lang == "en"], dtype=np.int64)
    if not arabic or not english.size:
        return []
    rng.shuffle(arabic)
    out: list[tuple[int, int]] = []
    for i in arabic[:count]:
        other = int(english[rng.randrange(len(english))])
        if groups[other] != groups[i]:
            out.append((i, other))
    return out


def _features(name: str, pairs: list[Pair], vectors: Vectors, rng: random.Random) -> SetData:
    """Feature rows of the set's labelled pairs and of cross-story negatives among the same texts."""
    texts = list(dict.fromkeys(t for p in pairs for t in (p.a, p.b)))
    row = {t: i for i, t in enumerate(texts)}
    vecs = vectors.of([t for t, _ in texts])
    claims = [_claim(i, t, lang) for i, (t, lang) in enumerate(texts)]
    feats: list[ClaimFeatures] = [
        features_of(MatchClaim(c.id, c.article_id, c.text, c.language, c.slots, c.negated, vector=v))
        for c, v in zip(claims, vecs, strict=True)
    ]
    table = ClaimTable.of(feats)
    group = _story_groups(pairs)
    # Negatives are what the run time proposes: every candidate pair (slot-atom blocks and the term
    # index, ``candidate_pairs``) between texts of different stories, each story as its own article.
    by_story = [replace(f, claim=replace(f.claim, article_id=group[t])) for f, t in zip(feats, texts, strict=True)]
    left, right = candidate_pairs(by_story)
    cross = [(a, b) for a, b in zip(left.tolist(), right.tolist(), strict=True) if texts[a][0] != texts[b][0]]
    cross += _cross_lingual_negatives(texts, np.array([group[t] for t in texts]), rng, sum(p.same for p in pairs))
    lefts = [row[p.a] for p in pairs] + [a for a, _ in cross]
    rights = [row[p.b] for p in pairs] + [b for _, b in cross]
    x, _, _ = pair_features(table, np.array(lefts, dtype=np.int64), np.array(rights, dtype=np.int64))
    folded = [" ".join(matching_words(t)) for t, _ in texts]
    baseline = process.cpdist(
        [folded[i] for i in lefts], [folded[i] for i in rights], scorer=fuzz.token_set_ratio, workers=2
    )
    return SetData(
        name=name,
        x=x,
        same=np.array([p.same for p in pairs] + [False] * len(cross)),
        labels=[p.label for p in pairs] + ["cross-story"] * len(cross),
        baseline=np.asarray(baseline, dtype=float),
    )


def _weights(sets: list[SetData]) -> np.ndarray:
    """Every set weighs the same in total, and within a set both classes weigh the same."""
    out = []
    for s in sets:
        w = np.where(s.same, 0.5 / max(1, s.same.sum()), 0.5 / max(1, (~s.same).sum()))
        out.append(w * len(s.same))
    weights = np.concatenate(out)
    return np.asarray(weights / weights.mean())


def _fit(sets: list[SetData], names: tuple[str, ...]) -> dict[str, object]:
    from sklearn.linear_model import LogisticRegression

    columns = [FEATURES.index(n) for n in names]
    x = np.concatenate([s.x[:, columns] for s in sets])
    y = np.concatenate([s.same for s in sets])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=1.0, max_iter=5000, random_state=SEED)
    model.fit((x - mean) / scale, y, sample_weight=_weights(sets))
    return {
        "features": list(names),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
    }


def _probability(fitted: dict[str, object], x: np.ndarray) -> np.ndarray:
    columns = [FEATURES.index(str(n)) for n in fitted["features"]]  # type: ignore[attr-defined]
    z = (x[:, columns] - np.array(fitted["mean"])) / np.array(fitted["scale"])
    return np.asarray(1 / (1 + np.exp(-(z @ np.array(fitted["coef"]) + float(fitted["intercept"])))))  # type: ignore[arg-type]


def _threshold(fitted: dict[str, object], dev: list[SetData], *, floor: bool) -> float:
    """The probability cut with the best F1 of "same claim" on dev, averaged over the sets (each set's
    negatives are its negative labels and every cross-story candidate pair).

    With ``floor``: the highest cut at which every label that asks to be linked (``LINK_LABELS``) of
    every dev set with a baseline is linked at least as often as the plain baseline links it, so that
    precision is as high as that recall allows (F1 when no set has a baseline or no cut reaches it)."""
    scores = [_probability(fitted, s.x) for s in dev]
    cuts = np.round(np.arange(0.05, 0.96, 0.01), 2).tolist()
    floored = [(p, s) for p, s in zip(scores, dev, strict=True) if not s.cross_lingual]
    reaching = (
        floor
        and floored
        and [
            cut
            for cut in cuts
            if all(
                (p[mask] >= cut).mean() >= (s.baseline[mask] >= BASELINE).mean()
                for p, s in floored
                for label in LINK_LABELS
                if (mask := np.array(s.labels) == label).any()
            )
        ]
    )
    if reaching:
        return float(max(reaching))
    f1 = [float(np.mean([_f1(p >= cut, s.same) for p, s in zip(scores, dev, strict=True)])) for cut in cuts]
    return float(cuts[int(np.argmax(f1))])


def _cuts(fitted: dict[str, object], dev: list[SetData], *, floor: bool) -> dict[str, object]:
    """``thresholds`` per language group (``LANGUAGE_GROUPS``) that has a baseline (the floor, or F1);
    ``threshold``, for the groups without one (two languages), the best mean F1 over all dev sets
    (F1 over the cross-lingual set alone ends at the top of the range: SICK repeats its scenes, so its
    cross-story pairs in two languages are often one scene); and the polarity ``check_threshold``."""
    groups: dict[str, list[SetData]] = defaultdict(list)
    for s in dev:
        if not s.cross_lingual:
            groups[LANGUAGE_GROUPS[int(language_group(s.x[:1])[0])]].append(s)
    return {
        "threshold": _threshold(fitted, dev, floor=False),
        "thresholds": {g: _threshold(fitted, sets, floor=floor) for g, sets in groups.items()},
        "check_threshold": CHECK_CUT,
    }


def _f1(linked: np.ndarray, same: np.ndarray) -> float:
    hits = float((linked & same).sum())
    return 2 * hits / max(1.0, float(linked.sum() + same.sum()))


def _auc(scores: np.ndarray, positive: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(positive, scores))


def _linked(fitted: dict[str, dict[str, object]], name: str, x: np.ndarray) -> np.ndarray:
    """Which pairs the run time links with the named coefficient set (its cut per language group)."""
    model = model_of(name, fitted[name])
    return np.asarray(model.probability(x) >= model.cuts(x))


def _report(dev: list[SetData], fitted: dict[str, dict[str, object]]) -> None:
    print("\ndev: share of pairs linked, per label (model with the encoder cosine / without it / baseline "
          f"token_set_ratio >= {BASELINE})")  # fmt: skip
    for s in dev:
        with_vector, lexical = (_linked(fitted, name, s.x) for name in ("with_vector", "lexical"))
        base = s.baseline >= BASELINE
        labels = np.array(s.labels)
        print(f"  {s.name}")
        for label in dict.fromkeys(s.labels):
            mask = labels == label
            print(f"    {label:<14} n={mask.sum():>5}  model {with_vector[mask].mean():.3f}  "
                  f"lexical {lexical[mask].mean():.3f}  baseline {base[mask].mean():.3f}")  # fmt: skip
        if s.name == "ArbTEDS":
            labelled = labels != "cross-story"
            positive = s.same[labelled]
            model_auc = _auc(_probability(fitted["with_vector"], s.x)[labelled], positive)
            lexical_auc = _auc(_probability(fitted["lexical"], s.x)[labelled], positive)
            print(f"    ROC AUC (1 vs 0): model {model_auc:.3f}  lexical {lexical_auc:.3f}  "
                  f"baseline {_auc(s.baseline[labelled], positive):.3f}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--datasets", help="the shared datasets folder (default $FACTCHECK_DATASETS or ../shared/datasets)"
    )
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "factcheck-matcher-vectors"))
    parser.add_argument("--check", action="store_true", help="print the figures, do not write the model file")
    parser.add_argument(
        "--f1", action="store_true", help="link cuts by the best mean F1 on dev, not by the baseline's recall"
    )
    args = parser.parse_args(argv)
    root = _datasets(args.datasets)
    if not (root / "ans" / "stance_train.csv").exists():
        print(f"train_matcher: no datasets at {root} (set FACTCHECK_DATASETS); nothing to do")
        return 0
    vectors = Vectors(Path(args.cache))
    rng = random.Random(SEED)
    data = {split: [_features(name, pairs, vectors, rng) for name, pairs in sorted(_read(root, split).items())]
            for split in ("train", "dev")}  # fmt: skip
    fitted: dict[str, dict[str, object]] = {}
    for name, features in (("with_vector", FEATURES), ("lexical", LEXICAL_FEATURES)):
        # Without vectors a pair in two languages has no text feature at all: the lexical model is
        # fitted and tuned on same-language pairs only, and links across languages on slots alone.
        train = [s for s in data["train"] if name == "with_vector" or not s.cross_lingual]
        dev = [s for s in data["dev"] if name == "with_vector" or not s.cross_lingual]
        fitted[name] = _fit(train, features)
        fitted[name].update(_cuts(fitted[name], dev, floor=not args.f1))
    _report(data["dev"], fitted)
    if args.check:
        return 0
    digest = hashlib.sha256(json.dumps(fitted, sort_keys=True).encode()).hexdigest()[:12]
    OUT.write_text(
        json.dumps({"trained_by": "scripts/train_matcher.py", "seed": SEED, "digest": digest, **fitted}, indent=1)
        + "\n",
        encoding="utf-8",
    )
    print(f"\nwrote {OUT.relative_to(ROOT)} ({digest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
