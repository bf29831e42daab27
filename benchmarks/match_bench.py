"""Cross-article matching against brute-force ``cdist``, measured side by side in one run.

Budgets (shared PERFORMANCE.md): matching one new ≈30-claim article against N ≥ 20k stored claims in
≤ 1/20 of brute force over the same store; a full re-match in ≤ 1/100 of the brute-force time at 20k
claims and ≤ 1/1,000 at 100k; same-cluster recall ≥ 0.98.

The store is synthetic: events (a person, an event verb, a city in a country, a date, a counted
number, topic words) each reported by 2–6 articles in paraphrase, with slots dropped or blurred
(month instead of day) at random, plus as many one-off claims. Cluster membership is known, so
recall is measured against the truth, not against brute force. Synthetic recall is not quality on
real news, so the run ends with the link precision on real pairs: the ANS development pairs through
the real import (``quality_bench.py``'s counting), when ``../shared/datasets`` is present. Brute force is
``rapidfuzz.process.cdist(texts, texts, scorer=token_set_ratio, workers=2)``: measured directly for
the incremental case, and on a slice of rows then extrapolated to all N² pairs for the re-match.
Both sides use the machine's two cores: cdist through ``workers=2``, the re-match by verifying its
candidate pairs in two forked processes (``factcheck match --all`` does the same).

    python benchmarks/match_bench.py [--small 20000] [--large 100000] [--skip-large] [--skip-real] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz, process

from factcheck.contradictions import detect_contradictions, rematch
from factcheck.matching import MatchClaim, MatchIndex, clusters, features_of, match_new
from factcheck.model import ActorSlot, DateSlot, NumberSlot, PlaceSlot, Slots

INCREMENTAL_BUDGET = 1 / 20
REMATCH_BUDGET = {20_000: 1 / 100, 100_000: 1 / 1_000}
RECALL_BUDGET = 0.98
ARTICLE_SIZE = 30
WORKERS = 2

SYLLABLES = [c + v for c in "bdfghjklmnprstvz" for v in "aeiou"] + ["sha", "kha", "qa", "al", "ur", "im"]
EVENTS = ["visited", "met", "agreed with", "attacked", "received", "thanked", "elected", "established"]
UNITS = ["people", "times", "countries", "soldiers", "villages", "tonnes", "schools"]
COUNTRIES = ["TR", "SY", "JO", "IQ", "LB", "EG", "SA", "AE", "QA", "IR", "RU", "US", "FR", "DE", "GB", "YE",
             "LY", "TN", "DZ", "MA", "SD", "PS", "IL", "KW", "BH", "OM", "CN", "IN", "PK", "AF"]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
FILLER = ["the", "a", "said", "on", "in", "after", "with", "officials", "reports", "according", "to", "its",
          "local", "sources", "statement", "late", "new", "also"]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Event:
    person: str
    verb: str
    city: str
    country: str
    day: date
    number: int
    unit: str
    topic: tuple[str, ...]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def _event(rng: random.Random, vocabulary: list[str]) -> Event:
    return Event(
        person=f"{_word(rng, 2).title()} {_word(rng, 3).title()}",
        verb=rng.choice(EVENTS),
        city=_word(rng, 3).title(),
        country=rng.choice(COUNTRIES),
        day=date(2019, 1, 1) + timedelta(days=rng.randrange(2400)),
        number=rng.randrange(2, 500),
        unit=rng.choice(UNITS),
        topic=tuple(rng.sample(vocabulary, 6)),
    )


def _report(rng: random.Random, event: Event, claim_id: int, article_id: int) -> MatchClaim:
    """One outlet's sentence about ``event``: reworded, with some slots left out or blurred."""
    month_only = rng.random() < 0.15
    when = f"{MONTHS[event.day.month - 1]} {event.day.year}" if month_only else event.day.strftime("%d %B %Y")
    keep = {slot: rng.random() > 0.15 for slot in ("person", "date", "place", "number")}
    if sum(keep.values()) < 2:
        keep["person"] = keep["date"] = True
    pieces = [
        event.person if keep["person"] else "the official",
        event.verb,
        f"{event.city}" if keep["place"] else "the city",
        f"on {when}" if keep["date"] else "",
        f"with {event.number} {event.unit}" if keep["number"] else "",
        *rng.sample(event.topic, 4),
        *rng.sample(FILLER, 3),
    ]
    text = " ".join(p for p in pieces if p)
    slots = Slots(
        dates=(DateSlot(when, event.day.isoformat()[: 7 if month_only else 10], "day", 0, 1),) if keep["date"] else (),
        numbers=(NumberSlot(f"{event.number} {event.unit}", event.number, event.unit, 0, 1),) if keep["number"] else (),
        places=(PlaceSlot(event.city, event.city, event.country, "city", 0, 1),) if keep["place"] else (),
        actors=(ActorSlot(event.person, event.person, "person", 0, 1),) if keep["person"] else (),
    )  # fmt: skip
    return MatchClaim(id=claim_id, article_id=article_id, text=text, language="en", slots=slots)


def generate(n: int, seed: int) -> tuple[list[MatchClaim], dict[int, int]]:
    """``n`` claims in articles of ``ARTICLE_SIZE``; returns the claims and claim id → event id."""
    rng = random.Random(seed)
    vocabulary = sorted({_word(rng, rng.choice((2, 3))) for _ in range(4000)})
    members: list[int] = []  # event id per claim slot, clustered events and one-offs mixed
    event_id = 0
    while len(members) < n:
        size = 1 if rng.random() < 0.35 else rng.randint(2, 6)
        members.extend([event_id] * size)
        event_id += 1
    members = members[:n]
    events = [_event(rng, vocabulary) for _ in range(event_id)]
    # Spread each event's reports over different articles: shuffle, then deal into articles.
    order = list(range(n))
    rng.shuffle(order)
    claims: list[MatchClaim] = []
    truth: dict[int, int] = {}
    for position, slot in enumerate(order):
        claim_id = position + 1
        article = position // ARTICLE_SIZE + 1
        claims.append(_report(rng, events[members[slot]], claim_id, article))
        truth[claim_id] = members[slot]
    return claims, truth


def _true_pairs(claims: list[MatchClaim], truth: dict[int, int]) -> set[tuple[int, int]]:
    by_event: defaultdict[int, list[MatchClaim]] = defaultdict(list)
    for claim in claims:
        by_event[truth[claim.id]].append(claim)
    return {
        (a.id, b.id) for group in by_event.values() for a, b in combinations(group, 2) if a.article_id != b.article_id
    }


def _brute_rows(texts: list[str], rows: list[str]) -> float:
    start = time.perf_counter()
    process.cdist(rows, texts, scorer=fuzz.token_set_ratio, workers=WORKERS)
    return time.perf_counter() - start


def _norms(claims: list[MatchClaim]) -> list[str]:
    return [features_of(c).norm for c in claims]


def bench_incremental(claims: list[MatchClaim], repeats: int = 3) -> tuple[float, float]:
    """Seconds to match one article against the rest, and brute-force cdist of the same, best of runs."""
    last_article = claims[-1].article_id
    ours, brute = [], []
    for offset in range(repeats):
        article = last_article - offset
        new = [c for c in claims if c.article_id == article]
        store = [c for c in claims if c.article_id != article]
        index = MatchIndex()
        index.extend(features_of(c) for c in store)
        start = time.perf_counter()
        result = match_new(index, new)
        detect_contradictions(result.kept)
        ours.append(time.perf_counter() - start)
        brute.append(_brute_rows(_norms(store), _norms(new)))
    return min(ours), min(brute)


def bench_rematch(claims: list[MatchClaim], truth: dict[int, int]) -> dict[str, float]:
    start = time.perf_counter()
    found, candidates = rematch(claims, workers=WORKERS)
    ours = time.perf_counter() - start

    texts = _norms(claims)
    sample = texts[:: max(1, len(texts) // 400)][:400]
    brute = _brute_rows(texts, sample) * len(texts) / len(sample)

    truth_pairs = _true_pairs(claims, truth)
    linked = {(link.claim_a_id, link.claim_b_id) for link in found.links}
    cluster_of = {cid: n for n, group in enumerate(clusters(linked)) for cid in group}
    same_cluster = sum(1 for a, b in truth_pairs if a in cluster_of and cluster_of.get(a) == cluster_of.get(b))
    return {
        "ours": ours,
        "brute": brute,
        "candidates": candidates,
        "links": len(linked),
        "pair_recall": len(linked & truth_pairs) / len(truth_pairs),
        "cluster_recall": same_cluster / len(truth_pairs),
        "precision": len(linked & truth_pairs) / max(1, len(linked)),
    }


def real_pair_precision(seed: int) -> None:
    """Link precision on real news pairs (ANS dev, imported as ``factcheck import`` does), beside the baseline."""
    from quality_data import datasets_dir, load_ans
    from quality_sets import evaluate_pairs

    root = datasets_dir()
    if not (root / "ans" / "stance_dev.csv").is_file():
        print(f"== real pairs: no datasets at {root} (FACTCHECK_DATASETS); link precision on real news not measured")
        return
    with tempfile.TemporaryDirectory(prefix="factcheck-match-") as tmp:
        r = evaluate_pairs(load_ans(root, "dev"), Path(tmp), seed=seed, rematch=False)
    e, b = r["engine_links"], r["baseline_links"]
    linked = {
        side: {label: r[side][label]["linked"] for label in ("agree", "disagree")} for side in ("engine", "baseline")
    }
    print(f"== real pairs: ANS dev, {r['pairs']:,} headline pairs, {r['texts']:,} texts through the import")
    print(
        f"link precision (share of text links within one story; a lower bound, ANS repeats stories under other ids): "
        f"{1 - e['cross_share']:.2f} of {e['links']:,} links; baseline token_set_ratio >= 70: "
        f"{1 - b['cross_share']:.2f} of {b['links']:,}"
    )
    print(
        f"linked pairs: agree {linked['engine']['agree']:.2f} / disagree {linked['engine']['disagree']:.2f}; "
        f"baseline {linked['baseline']['agree']:.2f} / {linked['baseline']['disagree']:.2f} "
        "(make quality for every set and the targets)"
    )


def bench_vectors(claims: list[MatchClaim]) -> dict[str, float]:
    """What sentence vectors cost an import: the new article's claims that have candidates are encoded
    once, in one batch (stored claims were encoded when they came in). Not part of the ratios above."""
    from factcheck.text.encoder import encode

    last = claims[-1].article_id
    new = [c for c in claims if c.article_id == last]
    index = MatchIndex()
    index.extend(features_of(c) for c in claims if c.article_id != last)
    with_candidates = [c for c in new if index.candidates(features_of(c))]
    encode(["warm-up"])  # the model loads once per process
    start = time.perf_counter()
    vectors = encode([c.text for c in with_candidates])
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    match_new(index, [replace(c, vector=v) for c, v in zip(with_candidates, vectors, strict=True)])
    scored = time.perf_counter() - start
    return {"claims": len(new), "encoded": len(with_candidates), "seconds": seconds, "scored": scored}


def _verdict(ok: bool) -> str:
    return "ok" if ok else "OVER BUDGET"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=20_000, help="claims in the first store (default 20000)")
    parser.add_argument("--large", type=int, default=100_000, help="claims in the second store (default 100000)")
    parser.add_argument("--skip-large", action="store_true", help="skip the large store (takes a few minutes)")
    parser.add_argument("--skip-real", action="store_true", help="skip the link precision on real ANS pairs")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    failed = False
    sizes = [args.small] + ([] if args.skip_large else [args.large])
    for n in sizes:
        claims, truth = generate(n, args.seed)
        events = len(set(truth.values()))
        print(f"== {n:,} claims in {n // ARTICLE_SIZE:,} articles, {events:,} events (clusters of 1-6)")
        if n == args.small:
            ours, brute = bench_incremental(claims)
            ratio = ours / brute
            ok = ratio <= INCREMENTAL_BUDGET
            failed |= not ok
            print(
                f"incremental: one {ARTICLE_SIZE}-claim article vs {n - ARTICLE_SIZE:,} stored: "
                f"{ours * 1000:.1f} ms; brute-force cdist {brute * 1000:.0f} ms; "
                f"ratio 1/{brute / ours:,.0f} (budget 1/{1 / INCREMENTAL_BUDGET:.0f}) {_verdict(ok)}"
            )
        r = bench_rematch(claims, truth)
        budget = REMATCH_BUDGET.get(n, 1 / 1_000 if n >= 100_000 else 1 / 100)
        ratio = r["ours"] / r["brute"]
        ok_time = ratio <= budget
        ok_recall = r["cluster_recall"] >= RECALL_BUDGET
        failed |= not (ok_time and ok_recall)
        print(
            f"full re-match: {r['ours']:.2f} s for {r['candidates']:,} candidate pairs; brute force "
            f"(extrapolated from {min(400, n)} rows) {r['brute']:,.0f} s; ratio 1/{r['brute'] / r['ours']:,.0f} "
            f"(budget 1/{1 / budget:,.0f}) {_verdict(ok_time)}"
        )
        print(
            f"recall: same-cluster {r['cluster_recall']:.4f} (budget {RECALL_BUDGET}) {_verdict(ok_recall)}; "
            f"linked pairs {r['pair_recall']:.4f}; link precision {r['precision']:.4f}; links {r['links']:,}"
        )
    v = bench_vectors(generate(args.small, args.seed)[0])
    print(
        f"sentence vectors (not in the ratios above): {v['encoded']:.0f} of one article's {v['claims']:.0f} claims "
        f"have candidates and are encoded once: {v['seconds']:.2f} s ({v['encoded'] / v['seconds']:.0f} "
        f"sentences/s, 1 KiB each as float16); matching them with vectors {v['scored'] * 1000:.0f} ms; "
        f"an import that encodes every claim with candidates is capped near "
        f"{1 / max(v['seconds'], 1e-9):.1f} articles/s of this size (the lexical model needs no vectors)"
    )
    if not args.skip_real:
        real_pair_precision(args.seed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
