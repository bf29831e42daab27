"""The pure review rules: rating scale, workflow transitions, stances and span helpers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.errors import InvalidValueError, WorkflowError
from factcheck.model import ClaimStatus
from factcheck.review import (
    DEFAULT_SCALE,
    RatingScale,
    Stance,
    check_edit_allowed,
    check_status_change,
    check_verdict_allowed,
    find_span,
    parse_stance,
    parse_status,
    quote_found,
    slots_within,
    split_point,
    trim_span,
)

S = ClaimStatus


def test_default_scale_has_the_seven_ratings_in_order() -> None:
    assert DEFAULT_SCALE.labels == (
        "True",
        "Mostly true",
        "Half true",
        "Mostly false",
        "False",
        "Misleading",
        "Unverifiable",
    )
    truth = [DEFAULT_SCALE.lookup(n).value for n in ("True", "Mostly true", "Half true", "Mostly false", "False")]
    assert truth == sorted(truth, reverse=True)
    assert truth[0] == DEFAULT_SCALE.best and truth[-1] == DEFAULT_SCALE.worst


@pytest.mark.parametrize("typed", ["mostly true", "  MOSTLY   True ", "mostly-true", "Mostly_TRUE"])
def test_rating_lookup_ignores_case_and_spacing(typed: str) -> None:
    rating = DEFAULT_SCALE.lookup(typed)
    assert rating.label == "Mostly true"
    assert rating.textual_rating == "Mostly True"


def test_unknown_rating_lists_the_valid_ones() -> None:
    with pytest.raises(InvalidValueError) as info:
        DEFAULT_SCALE.lookup("Pants on fire")
    message = str(info.value)
    assert "Pants on fire" in message
    for label in DEFAULT_SCALE.labels:
        assert label in message


def test_scale_json_round_trip_and_validation() -> None:
    assert RatingScale.from_dict(json.loads(json.dumps(DEFAULT_SCALE.to_dict()))) == DEFAULT_SCALE
    custom = RatingScale.from_dict(
        {"best": 3, "worst": 1, "ratings": [{"label": "Correct", "value": 3}, {"label": "Wrong", "value": 1}]}
    )
    assert custom.lookup("correct").textual_rating == "Correct"
    with pytest.raises(InvalidValueError, match="appears twice"):
        RatingScale.from_dict(
            {"best": 2, "worst": 1, "ratings": [{"label": "A", "value": 1}, {"label": "a", "value": 2}]}
        )
    with pytest.raises(InvalidValueError, match="best"):
        RatingScale.from_dict({"best": 1, "worst": 1, "ratings": [{"label": "A", "value": 1}]})
    with pytest.raises(InvalidValueError, match="ratings"):
        RatingScale.from_dict(["True"])
    with pytest.raises(InvalidValueError, match="whole-number"):
        RatingScale.from_dict({"best": 2, "worst": 1, "ratings": [{"label": "A", "value": "high"}]})


def test_stances() -> None:
    assert parse_stance(" Refutes ") is Stance.REFUTES
    with pytest.raises(InvalidValueError, match="supports, refutes, context"):
        parse_stance("agrees")


def test_parse_status_accepts_spellings_and_lists_valid_ones() -> None:
    assert parse_status("in review") is S.IN_REVIEW
    assert parse_status("IN-REVIEW") is S.IN_REVIEW
    assert parse_status("dismissed") is S.DISMISSED
    with pytest.raises(InvalidValueError, match="new, in_review, drafted, published, dismissed"):
        parse_status("closed")


def test_the_happy_path_and_reopening() -> None:
    assert check_status_change(S.NEW, S.IN_REVIEW, has_verdict=False, source_count=0).action == "claim.status"
    assert check_verdict_allowed(S.IN_REVIEW).after is S.DRAFTED
    assert check_verdict_allowed(S.NEW).after is S.DRAFTED
    assert check_verdict_allowed(S.DRAFTED).after is S.DRAFTED  # a new verdict replaces the draft
    publish = check_status_change(S.DRAFTED, S.PUBLISHED, has_verdict=True, source_count=1)
    assert publish.action == "claim.publish"
    reopen = check_status_change(S.PUBLISHED, S.IN_REVIEW, has_verdict=True, source_count=1)
    assert reopen.action == "claim.reopen"


def test_publishing_needs_a_source_and_a_verdict() -> None:
    with pytest.raises(WorkflowError, match="at least one source"):
        check_status_change(S.DRAFTED, S.PUBLISHED, has_verdict=True, source_count=0)
    with pytest.raises(WorkflowError, match="without a verdict"):
        check_status_change(S.IN_REVIEW, S.PUBLISHED, has_verdict=False, source_count=2)


@pytest.mark.parametrize(
    ("current", "target", "words"),
    [
        (S.NEW, S.DRAFTED, "setting a verdict"),
        (S.PUBLISHED, S.DISMISSED, "reopen it first"),
        (S.PUBLISHED, S.NEW, "reopen it first"),
        (S.DISMISSED, S.PUBLISHED, "without a verdict"),
        (S.NEW, S.NEW, "already new"),
    ],
)
def test_forbidden_changes_say_why(current: S, target: S, words: str) -> None:
    with pytest.raises(WorkflowError, match=words):
        check_status_change(current, target, has_verdict=False, source_count=0)


def test_verdicts_and_edits_on_closed_claims_are_refused() -> None:
    with pytest.raises(WorkflowError, match="reopen"):
        check_verdict_allowed(S.PUBLISHED)
    with pytest.raises(WorkflowError, match="dismissed"):
        check_verdict_allowed(S.DISMISSED)
    with pytest.raises(WorkflowError, match="reopen"):
        check_edit_allowed(S.PUBLISHED)
    check_edit_allowed(S.DRAFTED)


def test_find_span_crosses_hard_wraps_and_prefers_the_nearest(corpus_dir: Path) -> None:
    body = "Talks began.\nThe minister said the\ntalks would resume. Later: the minister said the talks would resume."
    start, end = find_span(body, "the minister said the talks would resume.", near=60)
    assert body[start:end] == "the minister said the talks would resume."
    start, end = find_span(body, "The minister said the talks would resume.")
    assert body[start:end] == "The minister said the\ntalks would resume."
    with pytest.raises(InvalidValueError, match="does not occur"):
        find_span(body, "the talks collapsed")
    arabic = (corpus_dir / "ar_jordan_meeting_report.txt").read_text(encoding="utf-8")
    words = arabic.split()[5:12]
    start, end = find_span(arabic, " ".join(words))
    assert arabic[start:end].split() == words


def test_trim_and_split() -> None:
    body = "  عقد الاجتماع في عمان، وحضره خمسة وزراء.  "
    start, end = trim_span(body, 0, len(body))
    assert body[start:end] == "عقد الاجتماع في عمان، وحضره خمسة وزراء."
    text = body[start:end]
    at = split_point(text, before="وحضره")
    first = trim_span(body, start, start + at)
    assert body[first[0] : first[1]] == "عقد الاجتماع في عمان"
    assert split_point("abc def", at=3) == 3
    with pytest.raises(InvalidValueError):
        split_point("abc", at=0)
    with pytest.raises(InvalidValueError):
        split_point("abc", before="xyz")
    with pytest.raises(InvalidValueError, match="only spaces"):
        trim_span(body, 0, 2)
    with pytest.raises(InvalidValueError, match="outside"):
        trim_span(body, 5, 500)


def test_slots_within_keeps_only_slots_inside_the_span() -> None:
    slots = {
        "dates": [{"surface": "Monday", "start": 2, "end": 8}],
        "places": [
            {"surface": "Amman", "country": "JO", "start": 12, "end": 17},
            {"surface": "Ankara", "country": "TR", "start": 40, "end": 46},
        ],
        "actors": [],
        "participants": ["JO", "TR"],
        "attribution": None,
    }
    kept = slots_within(slots, 10, 30)
    assert kept["dates"] == []
    assert [p["surface"] for p in kept["places"]] == ["Amman"]
    assert kept["participants"] == ["JO"]


def test_quote_found_after_normalisation() -> None:
    page = "قال الوزيرُ إنّ الاجتماع عُقد في «عمّان» يوم ٩ آذار."
    assert quote_found("الاجتماع عقد في عمان", page)
    assert quote_found("يوم 9 آذار", page)
    assert not quote_found("الاجتماع عقد في دمشق", page)
    assert not quote_found("جتماع", page)  # whole words only
    assert not quote_found("  ", page)
