"""A market's rise and fall reported on two days are two readings, through the real import.

The week of Saudi papers held three opposite flags, all of one kind: «دفعت الشركات العقارية سوق الأسهم
في دبي للصعود» in Tuesday's paper against «تراجع طفيف في سوق دبي» in Friday's. A movement is true of a
moment; without a date in either claim, two publication days are two moments. On one day the same two
headlines do contradict each other.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import select

from db.links import match_all
from db.models import Contradiction
from db.store import store_articles
from factcheck.records import ArticleRecord

RISE = "سهم أرامكو يرتفع في تداولات البورصة"
FALL = "سهم أرامكو يتراجع في تداولات البورصة"


def _opposites(
    database: Any, published_a: date, published_b: date, *, rematch: bool = False, rise: str = RISE
) -> list[tuple[str, str]]:
    records = [
        ArticleRecord(body=rise, title=None, language="ar", outlet="alyaum", published=published_a),
        ArticleRecord(body=FALL, title=None, language="ar", outlet="okaz", published=published_b),
    ]
    store_articles(database, records, match=not rematch)
    if rematch:  # ``factcheck match --all`` reads the claims back from the database
        with database.transaction() as session:
            match_all(session, vectors=False)
    with database.session() as session:
        rows = session.exec(select(Contradiction)).all()
        return [(row.value_a, row.value_b) for row in rows if row.kind == "opposite"]


def test_a_rise_and_a_fall_on_one_day_are_flagged(database: Any) -> None:
    assert len(_opposites(database, date(2015, 7, 21), date(2015, 7, 21))) == 1


def test_a_rise_and_a_fall_on_two_days_are_two_readings(database: Any) -> None:
    assert _opposites(database, date(2015, 7, 21), date(2015, 7, 24)) == []


def test_a_rematch_reads_the_publication_dates_too(database: Any) -> None:
    assert _opposites(database, date(2015, 7, 21), date(2015, 7, 24), rematch=True) == []


def test_a_rematch_still_flags_one_day(database: Any) -> None:
    assert len(_opposites(database, date(2015, 7, 21), date(2015, 7, 21), rematch=True)) == 1


def test_yesterday_against_a_later_paper_is_two_readings(database: Any) -> None:
    rise = RISE.replace("يرتفع", "ارتفع أمس")
    assert _opposites(database, date(2015, 7, 21), date(2015, 7, 24), rise=rise) == []


def test_yesterday_against_the_same_days_paper_is_flagged(database: Any) -> None:
    rise = RISE.replace("يرتفع", "ارتفع أمس")
    assert len(_opposites(database, date(2015, 7, 21), date(2015, 7, 21), rise=rise)) == 1
