"""The quality benchmark's counting: pure functions over text ids, no database and no dataset files.

The importer stores a text once (ANS reuses one headline in several pairs), so everything here works on
*texts* (one stored article each): a claim link becomes a link between the two texts holding its claims,
a pair counts as linked when its two texts are linked, and a link is "cross-story" only when its two
texts are not joined by any chain of related pairs (``stories``) — the same story told twice under two
ids still counts, which is why the benchmark prints a sample of those links for reading.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from factcheck.matching import clusters

__all__ = [
    "BASELINE_CUTOFF",
    "LabelStats",
    "Pair",
    "baseline_pair_scores",
    "baseline_pool_links",
    "cross_story",
    "label_stats",
    "roc_auc",
    "stories",
    "text_links",
]

_ROWS = 512
BASELINE_CUTOFF = 70  # rapidfuzz token_set_ratio on normalised text: the plain baseline of issue 15


@dataclass(frozen=True, slots=True)
class Pair:
    """One labelled pair of the data set, as the two stored texts (article ids) it became."""

    a: int
    b: int
    label: str


def _key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a <= b else (b, a)


def stories(texts: Iterable[int], related: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Each text's story (its smallest text id): texts joined by a chain of related pairs share one.

    The grouping is the matcher's own union-find (``clusters``) over the related pairs.
    """
    story = {t: t for t in texts}
    for group in clusters(related):
        for t in group:
            story[t] = group[0]
    return story


def text_links(claim_links: Iterable[tuple[int, int, float]]) -> dict[tuple[int, int], float]:
    """Claim links given as (article a, article b, score) → text links with their best score.

    A link between two claims of one text is not a link between texts and is left out.
    """
    out: dict[tuple[int, int], float] = {}
    for a, b, score in claim_links:
        if a == b:
            continue
        key = _key(a, b)
        if score > out.get(key, float("-inf")):
            out[key] = score
    return out


def cross_story(links: Iterable[tuple[int, int]], story: Mapping[int, int]) -> list[tuple[int, int]]:
    """The links whose two texts belong to different stories (a text with no story is its own)."""
    return sorted(_key(a, b) for a, b in links if story.get(a, a) != story.get(b, b))


@dataclass(slots=True)
class LabelStats:
    """Per-label shares for one side (engine or baseline)."""

    pairs: int = 0
    linked: int = 0
    flagged: int = 0
    with_claims: int = 0
    kinds: Counter[str] = field(default_factory=Counter)

    def share(self, count: int) -> float:
        return count / self.pairs if self.pairs else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs,
            "linked": self.share(self.linked),
            "flagged": self.share(self.flagged),
            "with_claims": self.share(self.with_claims),
            "flag_kinds": dict(sorted(self.kinds.items())),
        }


def label_stats(
    pairs: Sequence[Pair],
    linked: Mapping[tuple[int, int], Any] | set[tuple[int, int]],
    flags: Mapping[tuple[int, int], set[str]] | None = None,
    claims: Mapping[int, int] | None = None,
) -> dict[str, LabelStats]:
    """Per label: pairs, pairs whose texts are linked, flagged (and by kind), with a claim on both sides.

    A pair whose two sides are one stored text (identical texts) counts as linked and not flagged.
    """
    out: defaultdict[str, LabelStats] = defaultdict(LabelStats)
    for pair in pairs:
        stats = out[pair.label]
        stats.pairs += 1
        key = _key(pair.a, pair.b)
        if pair.a == pair.b or key in linked:
            stats.linked += 1
        kinds = (flags or {}).get(key, set())
        if kinds and pair.a != pair.b:
            stats.flagged += 1
            stats.kinds.update(kinds)
        if claims is not None and claims.get(pair.a, 0) > 0 and claims.get(pair.b, 0) > 0:
            stats.with_claims += 1
    return dict(sorted(out.items()))


def roc_auc(scores: Sequence[float], positives: Sequence[bool]) -> float | None:
    """Area under the ROC curve (Mann-Whitney U, ties counted half); None without both classes."""
    n_pos = sum(1 for p in positives if p)
    n_neg = len(positives) - n_pos
    if n_pos == 0 or n_neg == 0:
        return None
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    rank_sum = 0.0
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        average_rank = (i + j) / 2 + 1  # ranks i+1 … j+1 share their mean
        rank_sum += average_rank * sum(1 for k in order[i : j + 1] if positives[k])
        i = j + 1
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def baseline_pair_scores(pairs: Sequence[Pair], norm: Mapping[int, str]) -> dict[tuple[int, int], float]:
    """The baseline's score (token_set_ratio, 0–100) for each pair's two normalised texts."""
    keys = sorted({_key(p.a, p.b) for p in pairs})
    if not keys:
        return {}
    scores = process.cpdist(
        [norm.get(a, "") for a, _ in keys], [norm.get(b, "") for _, b in keys], scorer=fuzz.token_set_ratio, workers=-1
    )
    return {key: float(s) for key, s in zip(keys, scores, strict=True)}


def baseline_pool_links(norm: Mapping[int, str], cutoff: int = BASELINE_CUTOFF) -> set[tuple[int, int]]:
    """Every pair of texts in the pool the baseline would link (all pairs, ``cdist`` with a cutoff)."""
    ids = sorted(norm)
    if len(ids) < 2:
        return set()
    texts = [norm[i] for i in ids]
    out: set[tuple[int, int]] = set()
    for start in range(0, len(texts), _ROWS):  # row blocks keep a 10k-text pool within a few MB
        block = process.cdist(
            texts[start : start + _ROWS], texts, scorer=fuzz.token_set_ratio, score_cutoff=cutoff, workers=-1
        )
        rows, cols = (block >= cutoff).nonzero()
        out.update((ids[start + r], ids[c]) for r, c in zip(rows.tolist(), cols.tolist(), strict=True) if start + r < c)
    return out
