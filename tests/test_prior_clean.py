"""Tweets made ready for retrieval: the poster's tail, links and handles are not the claim."""

from __future__ import annotations

from factcheck.prior.clean import clean_text, posted, signature


def test_signature_tail_and_links_go() -> None:
    tweet = (
        "How are butterflies surviving the #AustralianFires? Footage by Julie Favell "
        "pic.twitter.com/0eJtwJyS1J — Center for Bio Div (@CenterForBioDiv) January 14, 2020"
    )
    assert clean_text(tweet) == "How are butterflies surviving the Australian Fires? Footage by Julie Favell"


def test_link_glued_to_a_hashtag_and_reply_prefix() -> None:
    tweet = "RT @news: CBC deletes Trump #DefundTheCBChttps://t.co/CsHG8R9cHp"
    assert clean_text(tweet) == "CBC deletes Trump Defund The CBC"


def test_mentions_inside_the_text_keep_their_words() -> None:
    assert clean_text("Ask @realDonaldTrump about the wall") == "Ask real Donald Trump about the wall"


def test_plain_claims_and_arabic_are_untouched() -> None:
    for text in ("Four states attended the meeting in Amman.", "عقد اجتماع وزاري في عمّان - بمشاركة أربع دول"):
        assert clean_text(text) == text


def test_a_dash_without_a_handle_is_not_a_tail() -> None:
    assert clean_text("Prices rose 5% — the highest in a decade") == "Prices rose 5% — the highest in a decade"


def test_the_tail_is_kept_apart_as_the_signature() -> None:
    tweet = "I ain't dead — PNBROCK (@pnbrock) December 11, 2019"
    assert clean_text(tweet) == "I ain't dead"
    assert signature(tweet) == "PNBROCK pnbrock"
    assert signature("Only fools — Donald J. Trump (@realDonaldTrump) April 2, 2018") == (
        "Donald J. Trump real Donald Trump"
    )
    assert signature("Prices rose 5% — the highest in a decade") == ""


def test_the_tail_dates_the_tweet() -> None:
    assert posted("I ain't dead — PNBROCK (@pnbrock) December 11, 2019") == (2019, 12)
    assert posted("I ain't dead — PNBROCK (@pnbrock)") is None
    assert posted("Four states attended the meeting in Amman.") is None


def test_a_leading_mention_is_the_subject_but_a_retweet_prefix_is_not() -> None:
    assert clean_text("@JoeBiden lives in the biggest mansion") == "Joe Biden lives in the biggest mansion"
    assert clean_text("RT @news: Joe Biden lives in a mansion") == "Joe Biden lives in a mansion"


def test_a_link_glued_to_the_tail_does_not_swallow_it() -> None:
    tweet = "BOOM! Wikileaks confirms it. https://t.co/qLXGf7QlFg— Ricardo Szemat (@ricardoszemat) October 12, 2016"
    assert clean_text(tweet) == "BOOM! Wikileaks confirms it."
    assert signature(tweet) == "Ricardo Szemat ricardoszemat"
    assert posted(tweet) == (2016, 10)


def test_a_quoted_tweets_tail_goes_and_its_poster_joins_the_signature() -> None:
    tweet = (
        "Happy birthday to the US Navy! — Brian Mast (@BrianMastFL) October 13, 2019 "
        "That's the Russian battlecruiser Pyotr Velikiy — Dave Brown (@dave_brown24) November 2, 2019"
    )
    assert clean_text(tweet) == "Happy birthday to the US Navy! That's the Russian battlecruiser Pyotr Velikiy"
    assert signature(tweet) == "Brian Mast Brian Mast FL Dave Brown dave brown 24"
    assert posted(tweet) == (2019, 11)  # the tweet's own date, not the quoted one's
    undated = "Prices rose — say analysts (@markets) in a note"  # no date: not a quoted tweet's tail
    assert clean_text(undated) == "Prices rose — say analysts (markets) in a note"
