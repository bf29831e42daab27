"""Run-together hashtags split by the archive's own vocabulary."""

from __future__ import annotations

from factcheck.prior.segment import joined_words, split_joined
from factcheck.text.terms import content_terms

ARCHIVE = (
    "Kellogg's Corn Flakes were invented to curb appetites",
    "The Fyre Festival descended into chaos in the Bahamas",
    "Instagram model Kristyna Martelli died in surgery",
    "A protest at El Paso drew AOC on assignment",
)
KNOWN = {t for text in ARCHIVE for t in content_terms(text)}


def known(term: str) -> bool:
    return term in KNOWN


def test_a_hashtag_splits_into_known_stems() -> None:
    assert split_joined("cornflakes", known) == tuple(content_terms("corn flakes"))
    assert split_joined("fyrefestival", known) == tuple(content_terms("fyre festival"))


def test_stop_words_glue_pieces_and_are_dropped() -> None:
    assert split_joined("elpasoaoconassignment", known) == tuple(content_terms("el paso aoc assignment"))


def test_one_unknown_piece_is_allowed_for_a_name_spelt_otherwise() -> None:
    assert split_joined("krystinamartelli", known) == ("krystina", "martelli")


def test_known_unsplittable_and_short_words_stay_whole() -> None:
    assert split_joined("festival", known) == ()  # its own stem is known
    assert split_joined("qwzxvbnmtr", known) == ()  # no known piece
    assert split_joined("corn", known) == ()  # too short to be two words
    assert split_joined("zzzzzel", known) == ()  # the only known piece is too short to vouch for a split


def test_joined_words_are_long_lowercase_latin_words_once() -> None:
    text = "rip krystinamartelli krystinamartelli — cornflakes are big, عاجل"
    assert joined_words(text) == ("krystinamartelli", "cornflakes")
