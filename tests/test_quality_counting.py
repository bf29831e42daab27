"""The quality benchmark's own counting, on tiny hand-made inputs (no data set is read here)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from quality_counting import (
    Pair,
    baseline_pair_scores,
    baseline_pool_links,
    cross_story,
    label_stats,
    roc_auc,
    stories,
    text_links,
)
from quality_saudi import judged_precision, write_samples


def test_stories_join_chains_of_related_pairs_and_leave_the_rest_apart() -> None:
    story = stories([1, 2, 3, 4, 5], [(1, 2), (3, 2), (4, 4)])
    assert story[1] == story[2] == story[3]
    assert len({story[1], story[4], story[5]}) == 3


def test_stories_take_texts_only_named_in_pairs() -> None:
    story = stories([], [(7, 8)])
    assert story[7] == story[8]


def test_text_links_keep_the_best_claim_score_and_drop_links_inside_one_text() -> None:
    claim_links = [(3, 1, 0.4), (1, 3, 0.9), (1, 3, 0.6), (2, 2, 1.0), (2, 4, 0.5)]
    assert text_links(claim_links) == {(1, 3): 0.9, (2, 4): 0.5}


def test_a_reused_headline_counts_each_pair_by_its_own_two_texts() -> None:
    # Text 1 is one headline reused in two pairs; only its link to text 2 exists.
    pairs = [Pair(1, 2, "agree"), Pair(1, 3, "disagree"), Pair(4, 5, "other"), Pair(6, 6, "agree")]
    links = {(1, 2): 0.8, (4, 5): 0.7}
    flags = {(1, 2): {"number"}, (1, 3): {"negation", "date"}, (6, 6): {"date"}}
    claims = {1: 2, 2: 1, 3: 0, 4: 1, 5: 1}
    stats = label_stats(pairs, links, flags, claims)
    agree, disagree, other = stats["agree"], stats["disagree"], stats["other"]
    assert (agree.pairs, agree.linked, agree.flagged, agree.with_claims) == (2, 2, 1, 1)  # 6=6: one stored text
    assert agree.kinds == {"number": 1}
    assert (disagree.linked, disagree.flagged, disagree.with_claims) == (0, 1, 0)
    assert disagree.kinds == {"negation": 1, "date": 1}
    assert other.linked == 1
    assert agree.to_dict()["linked"] == 1.0
    assert disagree.to_dict()["with_claims"] == 0.0


def test_links_are_cross_story_only_between_texts_no_related_pair_joins() -> None:
    pairs = [Pair(1, 2, "agree"), Pair(1, 3, "disagree"), Pair(1, 4, "other")]
    story = stories([1, 2, 3, 4, 9], [(p.a, p.b) for p in pairs if p.label != "other"])
    links = [(2, 3), (4, 1), (9, 2)]
    assert cross_story(links, story) == [(1, 4), (2, 9)]


@pytest.mark.parametrize(
    ("scores", "positives", "expected"),
    [
        ([0.1, 0.2, 0.8, 0.9], [False, False, True, True], 1.0),
        ([0.9, 0.8, 0.2, 0.1], [False, False, True, True], 0.0),
        ([0.5, 0.5, 0.5], [True, False, True], 0.5),
        # positives 0.5 and 0.9 against negatives 0.5 and 0.1: wins 1 + 1 + 1, one tie: 3.5 / 4
        ([0.5, 0.9, 0.5, 0.1], [True, True, False, False], 0.875),
        ([0.1, 0.4, 0.35, 0.8], [False, False, True, True], 0.75),
    ],
)
def test_roc_auc_counts_ties_as_half(scores: list[float], positives: list[bool], expected: float) -> None:
    assert roc_auc(scores, positives) == pytest.approx(expected)


def test_roc_auc_needs_both_classes() -> None:
    assert roc_auc([0.3, 0.4], [True, True]) is None
    assert roc_auc([], []) is None


def test_baseline_links_pairs_and_pool_with_the_same_ratio() -> None:
    norm = {
        1: "الذهب يتراجع مع صعود الدولار",
        2: "الذهب يتراجع مع صعود الدولار اليوم",
        3: "مقتل روسيين في ضربات جوية",
        4: "",
    }
    scores = baseline_pair_scores([Pair(1, 2, "agree"), Pair(3, 1, "other"), Pair(4, 4, "agree")], norm)
    assert scores[(1, 2)] == 100.0
    assert scores[(1, 3)] < 70
    assert baseline_pool_links(norm) == {(1, 2)}
    assert baseline_pool_links({1: "one text"}) == set()


def test_judged_samples_are_never_overwritten_and_give_precision(tmp_path: Path) -> None:
    columns = ["link", "claim_a", "claim_b", "judgement"]
    rows = [{"link": str(n), "claim_a": "a", "claim_b": "b", "judgement": ""} for n in range(1, 5)]
    target = tmp_path / "judged_sample_links.tsv"
    assert write_samples(rows, columns, target) == target
    assert judged_precision(target)["precision"] is None
    text = target.read_text(encoding="utf-8").splitlines()
    marks = ["", "y", "n", "yes", ""]
    target.write_text("\n".join(line + mark for line, mark in zip(text, marks, strict=True)) + "\n", encoding="utf-8")
    figures = judged_precision(target)
    assert (figures["right"], figures["wrong"], figures["unjudged"]) == (2, 1, 1)
    assert figures["precision"] == pytest.approx(2 / 3)
    again = write_samples(rows, columns, target)
    assert again == tmp_path / "judged_sample_links.new.tsv"
    assert judged_precision(target)["right"] == 2
