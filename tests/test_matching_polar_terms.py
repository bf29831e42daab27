"""Two headlines that differ by one word put for its opposite, or by a negation, are one statement for
matching (``factcheck.matching.polar_terms``): the contradiction checks can then read them."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.contradictions import ContradictionKind, findings
from factcheck.extraction import extract_claims
from factcheck.matching import MatchClaim, features_of, match_all
from factcheck.matching.evidence import has_evidence
from factcheck.matching.pair_features import FEATURES, ClaimTable, pair_features
from factcheck.model import ArticleText, Slots

# Headlines written for this test in the style of Arabic news sites: a rewrite that turns one fact
# around, a rewrite that adds a negation, and pairs that only look alike.
SWAPPED = ("ارتفاع البطالة في مصر", "تراجع البطالة في مصر")
RELEASED = ("الشرطة تعتقل الناشط سامي العبد", "الشرطة تفرج عن الناشط سامي العبد")
FAILED = ("الجيش يستعيد السيطرة على مطار المدينة", "الجيش يفشل في استعادة السيطرة على مطار المدينة")
# Each names both sides of one scale: they compare two things and are no one-word change of each other.
TWO_THINGS = ("الذهب يرتفع مع هبوط الدولار", "الذهب يهبط مع صعود الدولار")
# The opposite words come with another subject on each side: gold against the dollar, two statements.
OTHER_SUBJECT = ("الذهب يرتفع بدعم النزاع التجاري", "النزاع التجاري يهبط بالدولار الأمريكي")


def _claim(claim_id: int, text: str) -> MatchClaim:
    """The headline as one claim with the slots the extractor reads in it (its places among them)."""
    claims = extract_claims(ArticleText(body=text, language="ar"))
    slots = claims[0].slots if claims else Slots()
    return MatchClaim(id=claim_id, article_id=claim_id, text=text, language="ar", slots=slots)


def _features(*pairs: tuple[str, str]) -> tuple[ClaimTable, np.ndarray, np.ndarray]:
    claims = [features_of(_claim(n + 1, text)) for n, text in enumerate(t for pair in pairs for t in pair)]
    left = np.arange(0, 2 * len(pairs), 2, dtype=np.int64)
    return ClaimTable.of(claims), left, left + 1


def _column(name: str, *pairs: tuple[str, str]) -> list[float]:
    table, left, right = _features(*pairs)
    x, _, _ = pair_features(table, left, right)
    return [round(float(v), 3) for v in x[:, FEATURES.index(name)]]


def test_an_opposite_word_is_aligned_with_the_word_it_replaces() -> None:
    assert _column("opposite_aligned", SWAPPED, RELEASED) == [1.0, 1.0]
    # nothing is left on either side: the pair reads as one statement said twice
    assert _column("unshared_more", SWAPPED) == [0.0]
    assert _column("idf_overlap", SWAPPED) == [1.0]


def test_a_negation_word_one_side_adds_is_left_out() -> None:
    assert _column("negation_word", FAILED) == [1.0]
    assert _column("opposite_aligned", FAILED) == [0.0]


@pytest.mark.parametrize("pair", [TWO_THINGS, OTHER_SUBJECT])
def test_texts_that_differ_by_more_than_the_change_are_not_aligned(pair: tuple[str, str]) -> None:
    assert _column("opposite_aligned", pair) == [0.0]


def test_a_rewrite_with_one_fact_turned_around_is_evidence_of_one_event() -> None:
    """«مصر» is a place, so the two headlines share one content word and its opposite: without the
    alignment they would fall under the evidence a link or a polarity check needs. Unemployment up
    and tourism down share only the scale."""
    table, left, right = _features(SWAPPED, ("ارتفاع البطالة في مصر", "تراجع السياحة في مصر"))
    assert [bool(v) for v in has_evidence(table, left, right)] == [True, False]


def test_the_pipeline_flags_the_opposite_it_now_keeps() -> None:
    flags = findings(match_all([_claim(1, SWAPPED[0]), _claim(2, SWAPPED[1])])).flags
    assert [(f.kind, f.value_a, f.value_b) for f in flags] == [(ContradictionKind.OPPOSITE, "ارتفاع", "تراجع")]


def test_long_sentences_are_not_aligned() -> None:
    """Two long sentences of a market report that differ by «وهبط»/«وزاد» are two sessions."""
    fell = "وهبط سعر خام برنت في العقود الآجلة عند التسوية 52 سنتا إلى 57.10 دولارا للبرميل في بورصة لندن أمس"
    rose = "وزاد سعر خام برنت في العقود الآجلة عند التسوية ثمانية سنتات إلى 57.70 دولار للبرميل في بورصة لندن أمس"
    assert _column("opposite_aligned", (fell, rose)) == [0.0]
