"""Read queries behind the lists: keyset pages agree with a plain ORDER BY, filters, search, triage."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from test_tui_helpers import bulk_claims

from db.details import claim_detail, contradiction_page, count_contradictions
from db.dialect import fts_query
from db.engine import Database
from db.queries import ClaimFilter, article_page, claim_page, count_claims, next_unreviewed
from factcheck.errors import NotFoundError

pytestmark = pytest.mark.both_backends


@pytest.fixture
def bulk_db(database: Database) -> Database:
    bulk_claims(database, 1_000)
    return database


def ids_in_sql_order(database: Database, where: str, order: str) -> list[int]:
    with database.session() as session:
        sql = f"SELECT claim.id FROM claim JOIN article ON article.id = claim.article_id {where} ORDER BY {order}"
        return [row[0] for row in session.connection().execute(text(sql))]


def walk(database: Database, flt: ClaimFilter, limit: int) -> list[int]:
    seen: list[int] = []
    after = None
    with database.session() as session:
        while True:
            page = claim_page(session=session, flt=flt, after=after, limit=limit)
            seen.extend(row.id for row in page.rows)
            if not page.has_more:
                return seen
            after = page.rows[-1].key


@pytest.mark.parametrize(
    ("flt", "where", "order"),
    [
        (ClaimFilter(), "", "checkworthiness DESC, claim.id DESC"),
        (ClaimFilter(status="new"), "WHERE status = 'new'", "checkworthiness DESC, claim.id DESC"),
        (ClaimFilter(sort="published"), "", "COALESCE(CAST(published AS TEXT), '') DESC, claim.id DESC"),
        (ClaimFilter(sort="position", kind="quote"), "WHERE kind = 'quote'", "article_id, start, claim.id"),
        (
            ClaimFilter(min_checkworthiness=0.5, status="drafted"),
            "WHERE checkworthiness >= 0.5 AND status = 'drafted'",
            "checkworthiness DESC, claim.id DESC",
        ),
    ],
)
def test_keyset_pages_walk_exactly_the_sql_order(bulk_db: Database, flt: ClaimFilter, where: str, order: str) -> None:
    expected = ids_in_sql_order(bulk_db, where, order)
    assert expected
    assert walk(bulk_db, flt, limit=97) == expected
    with bulk_db.session() as session:
        assert count_claims(session=session, flt=flt) == len(expected)


def test_previous_page_is_the_page_before(bulk_db: Database) -> None:
    flt = ClaimFilter(status="new")
    with bulk_db.session() as session:
        first = claim_page(session=session, flt=flt, limit=50)
        second = claim_page(session=session, flt=flt, after=first.rows[-1].key, limit=50)
        back = claim_page(session=session, flt=flt, after=second.rows[0].key, direction="prev", limit=50)
    assert [r.id for r in back.rows] == [r.id for r in first.rows]
    assert not back.has_more


def test_status_page_is_served_by_the_composite_index(bulk_db: Database, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("reads the output of SQLite's EXPLAIN QUERY PLAN")
    with bulk_db.session() as session:
        plan = " ".join(
            str(row[-1])
            for row in session.connection().execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT id FROM claim WHERE status = 'new' "
                    "AND (checkworthiness, id) < (0.5, 100) ORDER BY checkworthiness DESC, id DESC LIMIT 50"
                )
            )
        )
    assert "ix_claim_status_cw" in plan
    assert "TEMP B-TREE" not in plan


def test_search_is_normalised_and_user_input_is_never_fts_syntax(corpus_db: Database) -> None:
    assert fts_query('  الأُردن AND "x ') == '"الاردن" "and" "x"'
    assert fts_query("؟!") is None
    with corpus_db.session() as session:
        # hamza and harakat in the query fold like the indexed text does
        hits = claim_page(session=session, flt=ClaimFilter(search="الأُرْدن")).rows
        assert hits and all("الأردن" in row.text or "الاردن" in row.text for row in hits)
        assert claim_page(session=session, flt=ClaimFilter(search="Ankara")).rows
        assert claim_page(session=session, flt=ClaimFilter(search='NEAR( "')).rows == []
        assert count_claims(session=session, flt=ClaimFilter(search="...")) == 0


def test_flagged_filter_and_article_counts(corpus_db: Database) -> None:
    with corpus_db.session() as session:
        flagged = claim_page(session=session, flt=ClaimFilter(has_contradiction=True)).rows
        articles = article_page(session=session).rows
        flags = contradiction_page(session=session).rows
        assert count_contradictions(session=session) == len(flags) > 0
    flagged_ids = {row.id for row in flagged}
    assert flagged_ids == {f.side_a.claim_id for f in flags} | {f.side_b.claim_id for f in flags}
    assert all(row.contradictions > 0 for row in flagged)
    # every open flag is counted once in each of its two articles
    per_article = {a.id: a.open_contradictions for a in articles}
    for flag in flags:
        assert per_article[flag.side_a.article_id] > 0 and per_article[flag.side_b.article_id] > 0
    assert [a.published for a in articles] == sorted((a.published for a in articles), reverse=True)


def test_next_unreviewed_walks_new_claims_by_checkworthiness_and_wraps(bulk_db: Database) -> None:
    expected = ids_in_sql_order(bulk_db, "WHERE status = 'new'", "checkworthiness DESC, claim.id DESC")
    with bulk_db.session() as session:
        key = next_unreviewed(session=session)
        assert key is not None and key[1] == expected[0]
        key = next_unreviewed(session=session, after=key)
        assert key is not None and key[1] == expected[1]
        last = next_unreviewed(session=session, after=(-1.0, 0))
        assert last is not None and last[1] == expected[0]  # past the end: back to the top


def test_claim_detail_gathers_links_and_flags(corpus_db: Database) -> None:
    with corpus_db.session() as session:
        flag = contradiction_page(session=session).rows[0]
        detail = claim_detail(session=session, claim_id=flag.side_a.claim_id)
        assert any(c.id == flag.id for c in detail.contradictions)
        assert detail.article.id == flag.side_a.article_id
        with pytest.raises(NotFoundError, match="no claim with id 999999"):
            claim_detail(session=session, claim_id=999_999)
