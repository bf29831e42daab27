"""The sentence around a claim, as `factcheck show` prints it."""

from __future__ import annotations

from factcheck.text.sentences import sentence_around


def test_sentence_around_keeps_decimals_quotes_and_hard_wraps() -> None:
    body = 'First one. He said "growth was 3.5 percent." Then the\nminister left.\n\nNext para.'
    start = body.index("growth")
    left, right = sentence_around(body, start, start + len("growth was 3.5 percent"))
    assert body[left:right] == 'He said "growth was 3.5 percent."'
    start = body.index("minister")
    left, right = sentence_around(body, start, start + len("minister"))
    assert body[left:right] == "Then the\nminister left."


def test_span_across_two_sentences_shows_both() -> None:
    body = "وعقد الاجتماع في عمّان. واتفقت الدول على الدعم؟ نعم."
    start, end = body.index("عمّان"), body.index("الدعم") + len("الدعم")
    left, right = sentence_around(body, start, end)
    assert body[left:right] == "وعقد الاجتماع في عمّان. واتفقت الدول على الدعم؟"
