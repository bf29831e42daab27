"""Extraction's fast paths agree with the plain definitions they stand in for, on generated text."""

from __future__ import annotations

import random
import re

from factcheck.extraction.actor_words import PARTICLE_RE, RUN_RE
from factcheck.extraction.clauses import _COMMA_CUE_RE, _comma_positions
from factcheck.extraction.segment import _ONE_MARK_STOP_RE, _STOP_RE


def _spans(pattern: re.Pattern[str], text: str, pos: int, endpos: int) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, pos, endpos)]


def test_one_mark_stop_patterns_find_what_the_general_one_finds() -> None:
    rng = random.Random(3)
    for mark, pattern in _ONE_MARK_STOP_RE.items():
        alphabet = [mark, mark, " ", "\n", "\t", "a", "ب", "”", '"', "'", ")", "]", "»"]
        for _ in range(5000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
            pos = rng.randint(0, len(text))
            endpos = rng.randint(pos, len(text))
            assert _spans(pattern, text, pos, endpos) == _spans(_STOP_RE, text, pos, endpos), (mark, text)


def test_name_run_pattern_matches_its_word_boundary_definition() -> None:
    plain = re.compile(rf"\b[A-Z][A-Za-z]*(?:(?: (?:{PARTICLE_RE})[ -]| )[A-Z][A-Za-z]*)+")
    rng = random.Random(1)
    alphabet = "AaBZz -_1éÉقal binX.'\ndveio"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        pos = rng.randint(0, len(text))
        endpos = rng.randint(pos, len(text))
        assert _spans(RUN_RE, text, pos, endpos) == _spans(plain, text, pos, endpos), text


def test_cues_tried_at_commas_are_the_cues_a_search_finds() -> None:
    rng = random.Random(5)
    pieces = ["،", ",", " ", "  ", "الذي", "التي", "which", "who", "في", "أحدث", "خطوة", "مؤشر", "x", "ب", "\n"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        begin = rng.randint(0, len(text))
        stop = rng.randint(begin, len(text))
        tried = [_COMMA_CUE_RE.match(text, at, stop) for at in _comma_positions(text, begin, stop)]
        assert [m.span() for m in tried if m] == _spans(_COMMA_CUE_RE, text, begin, stop), text
