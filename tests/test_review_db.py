"""The review record on a real SQLite file: verdicts, workflow, sources, edits, history, stale edits."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from db import review
from db.engine import Database, open_database
from db.models import Article, AuditEntry, Claim, ClaimSource, Source, SourceSnapshot, Verdict
from db.queries import ClaimFilter, claim_page
from db.reextract import reextract
from db.store import store_articles
from factcheck.errors import InvalidValueError, NotFoundError, StaleEditError, WorkflowError
from factcheck.model import ArticleText, ClaimKind, ClaimStatus, ExtractedClaim
from factcheck.records import FetchResult
from factcheck.review import RatingScale, Stance
from factcheck.text import normalize_for_matching
from sources.readers import ArticleDefaults, read_articles

_SENTENCE_RE = re.compile(r"[^\n.!?؟]+[.!?؟]")

pytestmark = pytest.mark.both_backends


def sentence_claims(article: ArticleText) -> list[ExtractedClaim]:
    """A stand-in extractor: every sentence is a claim (the real one is tested elsewhere)."""
    claims = []
    for match in _SENTENCE_RE.finditer(article.body):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        claims.append(ExtractedClaim(match.group().strip(), start, match.end(), ClaimKind.EVENT, 0.5))
    return claims


def import_corpus(database: Database, corpus_dir: Path) -> dict[str, list[int]]:
    """Import the sample corpus through the real importer; claim ids per file name, in text order."""
    store_articles(database, read_articles([corpus_dir], ArticleDefaults()), extract=sentence_claims)
    out: dict[str, list[int]] = {}
    with database.session() as session:
        for article in session.exec(select(Article)).all():
            assert article.source_path is not None
            ids = session.exec(select(Claim.id).where(Claim.article_id == article.id).order_by(Claim.start)).all()
            out[Path(article.source_path).name] = [i for i in ids if i is not None]
    return out


@pytest.fixture
def claims(database: Database, corpus_dir: Path) -> dict[str, list[int]]:
    return import_corpus(database, corpus_dir)


@pytest.fixture
def en(claims: dict[str, list[int]]) -> list[int]:
    return claims["en_defence_delegation.txt"]


def _claim(database: Database, claim_id: int) -> Claim:
    with database.session() as session:
        return review.get_claim(session=session, claim_id=claim_id)


def _fetched(url: str, text: str, sha: str = "a" * 64) -> FetchResult:
    return FetchResult(url=url, final_url=url, http_status=200, content_type="text/html", text=text, sha256=sha)


def _attach(database: Database, claim_id: int, url: str = "https://example.org/a", **kw: Any) -> review.AttachOutcome:
    with database.transaction() as session:
        return review.attach_source(session=session, claim_id=claim_id, url=url, reviewer="alice", **kw)


def _verdict(database: Database, claim_id: int, rating: str = "mostly TRUE", **kw: Any) -> Verdict:
    kw.setdefault("reviewer", "alice")
    with database.transaction() as session:
        return review.set_verdict(session=session, claim_id=claim_id, rating=rating, rationale="Checked.", **kw)


def _status(database: Database, ids: list[int], status: ClaimStatus, **kw: Any) -> list[review.StatusOutcome]:
    with database.transaction() as session:
        return review.set_status(session=session, claim_ids=ids, status=status, reviewer="bob", **kw)


# ----------------------------------------------------------------------------------------- verdicts


def test_verdict_drafts_the_claim_and_verdicts_are_append_only(database: Database, en: list[int]) -> None:
    first = _verdict(database, en[0])
    assert first.rating == "Mostly true"
    assert _claim(database, en[0]).status == "drafted"
    _verdict(database, en[0], "False", reviewer="bob")
    with database.session() as session:
        history = review.verdicts_for_claim(session=session, claim_id=en[0])
        assert [v.rating for v in history] == ["Mostly true", "False"]
        current = review.current_verdict(session=session, claim_id=en[0])
        assert current is not None and current.reviewer == "bob"
        entries = review.claim_history(session=session, claim_id=en[0])
    assert [e.action for e in entries] == ["verdict.set", "verdict.set"]
    assert entries[1].before == {"rating": "Mostly true", "status": "drafted"}
    assert entries[1].after["rating"] == "False" and entries[1].reviewer == "bob"
    assert _claim(database, en[0]).version == 3


def test_bad_rating_is_refused_with_the_valid_ones_and_nothing_changes(database: Database, en: list[int]) -> None:
    with pytest.raises(InvalidValueError, match="Mostly true, Half true"):
        _verdict(database, en[0], "Pants on fire")
    with pytest.raises(InvalidValueError, match="rationale"), database.transaction() as session:
        review.set_verdict(session=session, claim_id=en[0], rating="True", rationale="  ", reviewer="a")
    claim = _claim(database, en[0])
    assert (claim.status, claim.version) == ("new", 1)
    with database.session() as session:
        assert session.exec(select(Verdict)).all() == []
        assert session.exec(select(AuditEntry)).all() == []


def test_scale_is_configurable_per_database(database: Database, en: list[int]) -> None:
    scale = RatingScale.from_dict(
        {"best": 2, "worst": 1, "ratings": [{"label": "Correct", "value": 2}, {"label": "Wrong", "value": 1}]}
    )
    with database.transaction() as session:
        review.save_scale(session=session, scale=scale, reviewer="editor")
    assert _verdict(database, en[0], "correct").rating == "Correct"
    with pytest.raises(InvalidValueError, match="Correct, Wrong"):
        _verdict(database, en[0], "True")
    with database.session() as session:
        assert review.load_scale(session=session) == scale


# ----------------------------------------------------------------------------------------- workflow


def test_publish_needs_a_source_then_reopen_is_recorded(database: Database, en: list[int]) -> None:
    _verdict(database, en[0])
    with pytest.raises(WorkflowError, match="at least one source"):
        _status(database, [en[0]], ClaimStatus.PUBLISHED)
    _attach(database, en[0])
    assert _status(database, [en[0]], ClaimStatus.PUBLISHED)[0].after == "published"
    with pytest.raises(WorkflowError, match="reopen"):
        _verdict(database, en[0])
    reopened = _status(database, [en[0]], ClaimStatus.IN_REVIEW)
    assert reopened[0].before == "published"
    with database.session() as session:
        actions = [e.action for e in review.claim_history(session=session, claim_id=en[0])]
    assert actions == ["verdict.set", "source.attach", "claim.publish", "claim.reopen"]


def test_bulk_status_is_all_or_nothing(database: Database, en: list[int]) -> None:
    _status(database, [en[1]], ClaimStatus.DISMISSED)
    outcomes = _status(database, [en[0], en[1], en[2]], ClaimStatus.DISMISSED)
    assert [(o.claim_id, o.changed) for o in outcomes] == [(en[0], True), (en[1], False), (en[2], True)]
    with pytest.raises(WorkflowError) as info:
        _status(database, [en[3], en[0]], ClaimStatus.PUBLISHED)
    assert f"claim {en[3]}:" in str(info.value) and f"claim {en[0]}:" in str(info.value)
    assert _claim(database, en[3]).status == "new"
    with pytest.raises(NotFoundError, match="no claim with id 99999"):
        _status(database, [en[3], 99999], ClaimStatus.IN_REVIEW)
    assert _claim(database, en[3]).status == "new"


# ------------------------------------------------------------------------------------------ sources


def test_attach_fetched_source_checks_the_quote(database: Database, en: list[int]) -> None:
    page = "The Syrian defence minister received a Turkish military delegation in Damascus on Friday."
    outcome = _attach(
        database, en[0], stance=Stance.SUPPORTS, quote="received a TURKISH military  delegation",
        fetched=_fetched("https://example.org/a", page),
    )  # fmt: skip
    assert outcome.created and outcome.quote_found is True
    assert outcome.fetch is not None and outcome.fetch.changed is None
    missed = _attach(
        database, en[1], quote="visited Ankara on October 12", fetched=_fetched("https://example.org/a", page)
    )
    assert missed.quote_found is False
    assert missed.source_id == outcome.source_id  # one source, two claims
    with database.session() as session:
        rows = review.sources_for_claim(session=session, claim_id=en[0])
        assert [(link.stance, link.quote_found, source.text) for link, source in rows] == [("supports", True, page)]
        assert len(review.snapshots(session=session, source_id=outcome.source_id)) == 2


def test_failed_fetch_keeps_the_attachment_and_retry_finds_it(database: Database, en: list[int]) -> None:
    failed = FetchResult(url="https://gone.example/x", error="DNS lookup failed for gone.example")
    outcome = _attach(database, en[0], url="https://gone.example/x", quote="anything", fetched=failed)
    assert outcome.quote_found is None and outcome.fetch is not None
    assert outcome.fetch.error == "DNS lookup failed for gone.example"
    _attach(database, en[1], url="https://offline.example/y")  # offline: not fetched, not failed
    with database.session() as session:
        retry = review.sources_to_retry(session=session)
        assert [s.url for s in retry] == ["https://gone.example/x"]
        assert len(review.sources_for_claim(session=session, claim_id=en[0])) == 1
        named = review.sources_to_retry(session=session, source_ids=[retry[0].id or 0, outcome.source_id + 1])
        assert [s.url for s in named] == ["https://gone.example/x", "https://offline.example/y"]
        with pytest.raises(NotFoundError, match="no source with id 777"):
            review.sources_to_retry(session=session, source_ids=[777])


def test_refetch_keeps_snapshots_and_reports_change(database: Database, en: list[int]) -> None:
    url = "https://example.org/page"
    _attach(database, en[0], url=url, fetched=_fetched(url, "First text.", "1" * 64))

    def refetch(result: FetchResult) -> review.FetchOutcome:
        with database.transaction() as session:
            source = review.sources_to_retry(session=session, source_ids=[1])[0]
            return review.record_fetch(session=session, source=source, result=result, reviewer="carol")

    assert refetch(_fetched(url, "First text.", "1" * 64)).changed is False
    assert refetch(_fetched(url, "Second text.", "2" * 64)).changed is True
    failure = refetch(FetchResult(url=url, error="server error (HTTP 503 Service Unavailable)"))
    assert failure.changed is None
    with database.session() as session:
        source = session.exec(select(Source)).one()
        assert source.error == "server error (HTTP 503 Service Unavailable)"
        assert source.text == "Second text."  # a failed refetch keeps the last good text
        texts = [s.text for s in session.exec(select(SourceSnapshot).order_by(SourceSnapshot.id)).all()]
        assert texts == ["First text.", "First text.", "Second text.", None]
        fetches = [e for e in review.claim_history(session=session, claim_id=en[0]) if e.action == "source.fetch"]
        assert [e.after["changed"] for e in fetches] == [None, False, True, None]
        listing = review.list_sources(session=session, claim_id=en[0])
        assert [(row.claim_ids, row.snapshot_count) for row in listing] == [([en[0]], 4)]


def test_attaching_again_updates_stance_and_is_audited(database: Database, en: list[int]) -> None:
    first = _attach(database, en[0], stance=Stance.SUPPORTS, note="primary")
    second = _attach(database, en[0], stance=Stance.REFUTES, note="read again")
    assert first.link_id == second.link_id and not second.created
    with database.session() as session:
        link = session.exec(select(ClaimSource)).one()
        assert (link.stance, link.note) == ("refutes", "read again")
        update = review.claim_history(session=session, claim_id=en[0])[-1]
    assert update.action == "source.update"
    assert update.before == {"stance": "supports", "quote": None, "note": "primary"}


# -------------------------------------------------------------------------------------- claim edits


def _article_body(database: Database, claim_id: int) -> str:
    with database.session() as session:
        article = session.get(Article, _claim(database, claim_id).article_id)
        assert article is not None
        return article.body


def test_edit_by_text_and_by_span_keeps_the_article_link(database: Database, en: list[int]) -> None:
    body = _article_body(database, en[1])
    with database.transaction() as session:
        claim = review.edit_claim(
            session=session, claim_id=en[1], reviewer="alice", text="Syria's Defence Minister Murhaf Abu Qasra"
        )
    assert body[claim.start : claim.end] == claim.text == "Syria's Defence Minister Murhaf Abu Qasra"
    assert claim.norm_text == normalize_for_matching(claim.text)
    assert claim.origin == "edited" and claim.version == 2
    with database.transaction() as session:
        claim = review.edit_claim(
            session=session, claim_id=en[1], reviewer="alice", start=claim.start, end=claim.end + 9
        )
    assert claim.text.endswith("received")
    with pytest.raises(InvalidValueError, match="does not occur"), database.transaction() as session:
        review.edit_claim(session=session, claim_id=en[1], reviewer="alice", text="Abu Qasra resigned")
    with database.session() as session:
        found = claim_page(session=session, flt=ClaimFilter(search="murhaf")).rows
        assert en[1] in {row.id for row in found}  # the search index follows the edit
        edits = review.claim_history(session=session, claim_id=en[1])
    assert [e.action for e in edits] == ["claim.edit", "claim.edit"]
    assert edits[0].before["start"] != edits[0].after["start"]


def test_split_and_merge(database: Database, claims: dict[str, list[int]]) -> None:
    ar = claims["ar_jordan_meeting_report.txt"]
    original = _claim(database, ar[1])
    body = _article_body(database, ar[1])
    words = original.text.split()
    with database.transaction() as session:
        first, second = review.split_claim(session=session, claim_id=ar[1], reviewer="alice", before=words[3])
    assert first.id == ar[1] and second.id not in ar
    assert first.text == body[first.start : first.end] and second.text == body[second.start : second.end]
    assert first.start == original.start and second.end == original.end
    assert second.text.startswith(words[3])
    assert second.origin == first.origin == "split"
    assert second.id is not None
    with database.transaction() as session:
        merged = review.merge_claims(session=session, claim_ids=[second.id, ar[1]], reviewer="bob")
    assert merged.id == ar[1] and (merged.start, merged.end) == (original.start, original.end)
    assert merged.text == original.text and merged.origin == "merged"
    absorbed = _claim(database, second.id)
    assert absorbed.status == "dismissed"  # kept, not deleted
    with database.session() as session:
        actions = [e.action for e in review.claim_history(session=session, claim_id=second.id)]
    assert actions == ["claim.split", "claim.merge"]


def test_merge_carries_sources_and_refuses_other_articles(database: Database, claims: dict[str, list[int]]) -> None:
    en, ar = claims["en_defence_delegation.txt"], claims["ar_jordan_meeting_report.txt"]
    _attach(database, en[2], url="https://example.org/evidence")
    with database.transaction() as session:
        review.merge_claims(session=session, claim_ids=[en[1], en[2]], reviewer="bob")
    with database.session() as session:
        assert [s.url for _, s in review.sources_for_claim(session=session, claim_id=en[1])] == [
            "https://example.org/evidence"
        ]
    with pytest.raises(InvalidValueError, match="different articles"), database.transaction() as session:
        review.merge_claims(session=session, claim_ids=[en[3], ar[0]], reviewer="bob")


def test_add_claim_by_hand(database: Database, en: list[int]) -> None:
    article_id = _claim(database, en[0]).article_id
    body = _article_body(database, en[0])
    with database.transaction() as session:
        added = review.add_claim(session=session, article_id=article_id, reviewer="alice", text="three times")
        by_span = review.add_claim(session=session, article_id=article_id, reviewer="alice", start=0, end=9)
    assert body[added.start : added.end] == "three times" and added.origin == "manual"
    assert by_span.text == body[:9]
    with pytest.raises(InvalidValueError, match="does not match"), database.transaction() as session:
        review.add_claim(session=session, article_id=article_id, reviewer="a", text="nine", start=0, end=9)
    with pytest.raises(InvalidValueError, match="claim kind"), database.transaction() as session:
        review.add_claim(session=session, article_id=article_id, reviewer="a", text="three times", kind="rumour")
    with pytest.raises(NotFoundError, match="no article"), database.transaction() as session:
        review.add_claim(session=session, article_id=999, reviewer="a", text="x")


def test_edits_of_published_claims_are_refused(database: Database, en: list[int]) -> None:
    _verdict(database, en[0])
    _attach(database, en[0])
    _status(database, [en[0]], ClaimStatus.PUBLISHED)
    before = _claim(database, en[0])
    with pytest.raises(WorkflowError, match="reopen"), database.transaction() as session:
        review.split_claim(session=session, claim_id=en[0], reviewer="a", at=5)
    with pytest.raises(WorkflowError, match="reopen"), database.transaction() as session:
        review.edit_claim(session=session, claim_id=en[0], reviewer="a", start=0, end=5)
    after = _claim(database, en[0])
    assert (after.text, after.version) == (before.text, before.version)


def test_reimport_and_reextraction_keep_review_work(database: Database, corpus_dir: Path, en: list[int]) -> None:
    _verdict(database, en[0])
    _attach(database, en[1])
    with database.transaction() as session:
        review.edit_claim(session=session, claim_id=en[2], reviewer="alice", text="In August")
        article_id = _claim(database, en[0]).article_id
        added = review.add_claim(session=session, article_id=article_id, reviewer="alice", text="three times")
    import_corpus(database, corpus_dir)
    report = reextract(database, extract=sentence_claims, article_ids=[article_id])
    assert report.kept == 4
    with database.session() as session:
        assert review.current_verdict(session=session, claim_id=en[0]) is not None
        assert len(review.sources_for_claim(session=session, claim_id=en[1])) == 1
        assert review.get_claim(session=session, claim_id=en[2]).text == "In August"
        assert review.get_claim(session=session, claim_id=added.id or 0).origin == "manual"
        assert session.get(Claim, en[3]) is None  # untouched extracted claims may be replaced


# --------------------------------------------------------------------------------- concurrent edits


def test_stale_edit_from_a_second_database_is_refused(database: Database, db_url: str, en: list[int]) -> None:
    other = open_database(db_url)
    try:
        seen = _claim(database, en[0]).version  # alice reads the claim
        with other.transaction() as session:  # bob, in another connection, saves first
            review.set_verdict(
                session=session, claim_id=en[0], rating="False", rationale="Wrong date.", reviewer="bob",
                expected_version=seen,
            )  # fmt: skip
        with pytest.raises(StaleEditError) as info:
            _verdict(database, en[0], expected_version=seen)
    finally:
        other.dispose()
    message = str(info.value)
    assert "changed by bob at" in message and "(verdict.set)" in message
    assert f"you saw version {seen}, it is now version {seen + 1}" in message
    with database.session() as session:
        assert [v.reviewer for v in review.verdicts_for_claim(session=session, claim_id=en[0])] == ["bob"]


def test_interleaved_transactions_cannot_both_win(database: Database, db_url: str, en: list[int]) -> None:
    other = open_database(db_url)
    try:
        with database.transaction() as mine:
            claim = review.get_claim(session=mine, claim_id=en[0])  # read inside an open transaction
            with other.transaction() as theirs:
                review.edit_claim(session=theirs, claim_id=en[0], reviewer="bob", text="Abu Qasra")
            with pytest.raises(StaleEditError, match="changed by bob"):
                review.edit_claim(session=mine, claim_id=en[0], reviewer="alice", text="Damascus", expected_version=1)
            assert claim.id == en[0]
    finally:
        other.dispose()
    assert _claim(database, en[0]).text == "Abu Qasra"


def test_racing_threads_one_wins_one_is_told(database: Database, db_url: str, en: list[int]) -> None:
    databases = [database, open_database(db_url)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def worker(db: Database, name: str) -> None:
        barrier.wait()
        try:
            with db.transaction() as session:
                review.set_verdict(
                    session=session, claim_id=en[0], rating="True", rationale=name, reviewer=name, expected_version=1
                )
            outcomes.append("saved")
        except StaleEditError:
            outcomes.append("stale")

    threads = [threading.Thread(target=worker, args=(db, n)) for db, n in zip(databases, ("ann", "ben"), strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    databases[1].dispose()
    assert sorted(outcomes) == ["saved", "stale"]
    with database.session() as session:
        assert len(review.verdicts_for_claim(session=session, claim_id=en[0])) == 1


def test_bulk_status_with_a_stale_claim_is_refused_as_stale(database: Database, en: list[int]) -> None:
    _verdict(database, en[1], reviewer="carol")
    with pytest.raises(StaleEditError) as info:
        _status(database, [en[0], en[1]], ClaimStatus.DISMISSED, expected_versions={en[0]: 1, en[1]: 1})
    assert str(info.value).startswith("nothing was changed: claim") and "changed by carol" in str(info.value)
    assert (_claim(database, en[0]).status, _claim(database, en[1]).status) == ("new", "drafted")
