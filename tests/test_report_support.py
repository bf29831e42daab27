"""A scripted review of the sample corpus, shared by the report and export tests.

The corpus goes in through the real importer (``store_articles``) with an extractor that returns the
claims the test data fixtures name, so the claims are the same whatever the rule-based extractor finds.
The review goes through the real reviewer functions (``db.review``, ``db.link_review``), each change with
its audit entry: links and contradictions decided, sources attached, verdicts given and published.
A hostile article carries every injection case the renderers must defuse.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, select

from db.engine import Database
from db.link_review import decide_contradiction, decide_link
from db.models import Article, Claim, ClaimLink, Contradiction, Verdict
from db.review import attach_source, set_status, set_verdict
from db.store import store_articles
from factcheck.model import ArticleText, ClaimKind, ClaimStatus, ExtractedClaim
from factcheck.records import ArticleRecord, FetchResult
from factcheck.review import Stance
from factcheck.review.spans import find_span
from sources.readers import ArticleDefaults, read_articles

HOSTILE_SCRIPT = "<script>document.body.setAttribute('data-pwned','1')</script>"
HOSTILE_IMG = "<img src=x onerror=\"document.title='pwned'\">"
HOSTILE_FORMULA = '=HYPERLINK("http://evil","x")'
HOSTILE_MARKUP = "[bold red]x[/]"
HOSTILE_ANSI = "\x1b[31mred\x1b[0m"
HOSTILE_BODY = (
    f"Hostile page {HOSTILE_SCRIPT} for tests.\n\n"
    f"The minister met {HOSTILE_MARKUP} officials {HOSTILE_ANSI} and {HOSTILE_IMG} on 9 March.\n\n"
    f"{HOSTILE_FORMULA} is what the report says."
)
HOSTILE_CLAIMS = (
    f"The minister met {HOSTILE_MARKUP} officials {HOSTILE_ANSI} and {HOSTILE_IMG} on 9 March.",
    f"{HOSTILE_FORMULA} is what the report says.",
)

# name -> (file, evidence): claims of the scripted review, found in the corpus by their text.
CLAIMS: dict[str, tuple[str, str]] = {
    "meeting_9": ("000_f1042223d0777276.txt", "عُقد في 9 مارس الماضي اجتماع وزاري في الأردن"),
    "support_5": (
        "000_f1042223d0777276.txt",
        "تم الاتفاق بين الدول الخمس على تقديم الدعم الكامل لدمشق في مواجهة الإرهاب",
    ),
    "centre_agreed": ("000_f1042223d0777276.txt", "تم الاتفاق على إنشاء مركز العمليات المشترك"),
    "meeting_10": ("ar_jordan_meeting_report.txt", "اجتماعًا وزاريًا عُقد في العاصمة عمّان يوم 10 مارس"),
    "support_states": (
        "ar_jordan_meeting_report.txt",
        "اتفقت الدول المشاركة على دعم الحكومة السورية في مواجهة تنظيم داعش",
    ),
    "four_states": ("ar_jordan_meeting_report.txt", "بمشاركة أربع دول"),
    "centre_not_agreed": ("ar_jordan_meeting_report.txt", "ولم يتم الاتفاق على إنشاء مركز عمليات مشترك"),
    "delegation_ar": (
        "004_0960fe732d95aff5.txt",
        "استقبل وزير الدفاع السوري مرهف أبو قصرة، اليوم الجمعة، وفدًا عسكريًا تركيًا رفيع المستوى",
    ),
    "visit_12": ("004_0960fe732d95aff5.txt", "زيارة الوزير أبو قصرة إلى تركيا في 12 أكتوبر/تشرين الأول الجاري"),
    "visits_2": ("004_0960fe732d95aff5.txt", "زار وفد من وزارة الدفاع السورية تركيا مرتين"),
    "delegation_en": (
        "en_defence_delegation.txt",
        "Syria's Defence Minister Murhaf Abu Qasra received a high-level Turkish military delegation "
        "in Damascus on Friday",
    ),
    "visit_13": ("en_defence_delegation.txt", "Abu Qasra visited Ankara on October 13"),
    "visits_3": (
        "en_defence_delegation.txt",
        "a delegation from the Syrian defence ministry visited Turkey three times",
    ),
    "hostile_met": ("hostile.txt", HOSTILE_CLAIMS[0]),
    "hostile_formula": ("hostile.txt", HOSTILE_CLAIMS[1]),
}
URLS = {
    "000_f1042223d0777276.txt": "https://news.example/kurdistan/ministerial-meeting",
    "ar_jordan_meeting_report.txt": "https://fixture.example/amman-meeting",
    "en_defence_delegation.txt": "https://fixture.example/en/defence-delegation",
    "hostile.txt": "javascript:alert(1)",
}
T0 = datetime(2025, 10, 20, 9, 0, tzinfo=UTC)  # when the sources were fetched
REVIEWER = "Amira"


def _fixture_extractor(records: dict[str, ArticleRecord]) -> Any:
    """An extractor that returns the scripted claims of whichever article it is given."""
    by_body = {record.body: Path(record.source_path or "").name for record in records.values()}

    def extract(article: ArticleText) -> list[ExtractedClaim]:
        name = by_body[article.body]
        found = []
        for file, evidence in CLAIMS.values():
            if file == name:
                start, end = find_span(article.body, evidence)
                found.append(ExtractedClaim(article.body[start:end], start, end, ClaimKind.EVENT, checkworthiness=0.8))
        return sorted(found, key=lambda c: c.start)

    return extract


def _records(corpus_dir: Path) -> dict[str, ArticleRecord]:
    records: dict[str, ArticleRecord] = {}
    for item in read_articles([corpus_dir], ArticleDefaults()):
        assert isinstance(item, ArticleRecord), item
        name = Path(item.source_path or "").name
        records[name] = replace(item, url=URLS.get(name))
    records["hostile.txt"] = ArticleRecord(
        body=HOSTILE_BODY,
        title=f"{HOSTILE_SCRIPT} {HOSTILE_MARKUP}",
        language="en",
        outlet=HOSTILE_FORMULA,
        url=URLS["hostile.txt"],
        published=date(2025, 3, 12),
        source_path="hostile.txt",
    )
    return records


def _claim_ids(session: Session) -> dict[str, int]:
    ids: dict[str, int] = {}
    articles = {a.id: Path(a.source_path or "").name for a in session.exec(select(Article))}
    claims = list(session.exec(select(Claim)))
    for name, (file, evidence) in CLAIMS.items():
        folded = " ".join(evidence.split())
        ids[name] = next(
            c.id for c in claims if articles[c.article_id] == file and " ".join(c.text.split()) == folded and c.id
        )
    return ids


def _pair(session: Session, model: Any, a: int, b: int, **extra: Any) -> Any:
    """The stored row joining ``a`` and ``b`` (either order), if the matcher or a reviewer made one."""
    query = select(model).where(
        or_(
            (model.claim_a_id == a) & (model.claim_b_id == b),
            (model.claim_a_id == b) & (model.claim_b_id == a),
        ),
        *(getattr(model, k) == v for k, v in extra.items()),
    )
    return session.exec(query).first()


def _link(session: Session, a: int, b: int, *, decision: str | None) -> None:
    """Make sure ``a`` and ``b`` are linked (as a reviewer pairing them by hand), then decide the link."""
    link = _pair(session, ClaimLink, a, b)
    if link is None:
        link = ClaimLink(
            claim_a_id=min(a, b), claim_b_id=max(a, b), score=88.5, text_score=81.0, slot_score=1.0, method="manual"
        )
        session.add(link)
        session.flush()
    if decision:
        decide_link(session, link.id, decision=decision, reviewer=REVIEWER)


def _contradiction(
    session: Session, a: int, b: int, kind: str, values: tuple[Any, Any], *, decision: str | None, reason: str = ""
) -> None:
    """Make sure the fixture's contradiction is flagged with the fixture's values, then decide it."""
    row = _pair(session, Contradiction, a, b, kind=kind)
    if row is None:
        row = Contradiction(claim_a_id=a, claim_b_id=b, kind=kind, explanation=f"the articles give different {kind}s")
    # Claims carry no slots here, so the values are the fixture's (what slot comparison would give).
    row.value_a, row.value_b = values if row.claim_a_id == a else values[::-1]
    session.add(row)
    session.flush()
    if decision:
        decide_contradiction(session, row.id, decision=decision, reason=reason, reviewer=REVIEWER)


def _clear_suggestions(session: Session, keep_links: set[frozenset[int]], keep_flags: set[frozenset[int]]) -> None:
    """The reviewer rejects the matcher's other suggestions, so the scripted record is the same whatever
    the matcher proposes for these slot-less claims."""
    for link in session.exec(select(ClaimLink).where(ClaimLink.status == "suggested")).all():
        if frozenset((link.claim_a_id, link.claim_b_id)) not in keep_links:
            decide_link(session, link.id, decision="reject", reviewer=REVIEWER)
    for row in session.exec(select(Contradiction).where(Contradiction.status == "open")).all():
        if frozenset((row.claim_a_id, row.claim_b_id)) not in keep_flags:
            decide_contradiction(session, row.id, decision="dismiss", reason="different_event", reviewer=REVIEWER)


def _fetched(url: str, title: str, text: str) -> FetchResult:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return FetchResult(
        url=url, final_url=url, http_status=200, content_type="text/html; charset=utf-8", title=title, text=text,
        sha256=digest, encoding="utf-8", fetched_at=T0,
    )  # fmt: skip


def _attach(session: Session, claim_id: int, page: FetchResult, stance: str, quote: str | None) -> None:
    attach_source(
        session=session, claim_id=claim_id, url=page.url, reviewer=REVIEWER, stance=Stance(stance), quote=quote,
        fetched=page,
    )  # fmt: skip


def _verdict(session: Session, claim_id: int, rating: str, rationale: str, *, publish: bool = False) -> None:
    claim = session.get(Claim, claim_id)
    assert claim is not None
    if claim.status == "new":
        set_status(session=session, claim_ids=[claim_id], status=ClaimStatus.IN_REVIEW, reviewer=REVIEWER)
    set_verdict(session=session, claim_id=claim_id, rating=rating, rationale=rationale, reviewer=REVIEWER)
    if publish:
        set_status(session=session, claim_ids=[claim_id], status=ClaimStatus.PUBLISHED, reviewer=REVIEWER)


def scripted_review(database: Database, corpus_dir: Path) -> dict[str, int]:
    """Import the corpus and the hostile article, then review them; returns claim ids by name."""
    records = _records(corpus_dir)
    report = store_articles(database, list(records.values()), extract=_fixture_extractor(records))
    assert not report.failed and report.count("imported") == len(records)
    with database.transaction() as session:
        ids = _claim_ids(session)
        links = [
            ("support_5", "support_states", "confirm"),
            ("meeting_9", "meeting_10", "confirm"),
            ("delegation_ar", "delegation_en", "confirm"),
            ("visit_12", "visit_13", None),
            ("centre_agreed", "hostile_met", "reject"),
        ]
        flags: list[tuple[str, str, str, tuple[Any, Any], str | None, str]] = [
            ("meeting_9", "meeting_10", "date", ("2025-03-09", "2025-03-10"), "confirm", "real_conflict"),
            ("support_5", "four_states", "number", (5, 4), None, ""),
            ("centre_agreed", "centre_not_agreed", "negation", (True, False), None, ""),
            ("meeting_9", "hostile_met", "place", ("JO", f"{HOSTILE_MARKUP} {HOSTILE_ANSI}"), None, ""),
            ("visits_2", "visits_3", "number", (2, 3), "dismiss", "different_period"),
        ]
        _clear_suggestions(
            session,
            {frozenset((ids[a], ids[b])) for a, b, _ in links},
            {frozenset((ids[a], ids[b])) for a, b, *_ in flags},
        )
        for a, b, decision in links:
            _link(session, ids[a], ids[b], decision=decision)
        for a, b, kind, values, decision, reason in flags:
            _contradiction(session, ids[a], ids[b], kind, values, decision=decision, reason=reason)
        ministry = _fetched(
            "https://mod.example.jo/statements/2025-03-09", "بيان وزارة الخارجية الأردنية",
            "عقد في عمان يوم 9 مارس 2025 اجتماع وزاري لدول الجوار السوري",
        )  # fmt: skip
        hostile = _fetched(
            "https://evil.example/page", f"{HOSTILE_FORMULA} {HOSTILE_SCRIPT}", f"{HOSTILE_MARKUP} quoted text"
        )
        _attach(session, ids["meeting_9"], ministry, "supports", "اجتماع وزاري لدول الجوار السوري")
        _attach(session, ids["meeting_10"], ministry, "refutes", "يوم 9 مارس 2025")
        _attach(session, ids["hostile_met"], hostile, "context", HOSTILE_MARKUP)
        _verdict(session, ids["meeting_9"], "Half true", "First look: the place is right.")
        _verdict(session, ids["meeting_9"], "True", "The Jordanian foreign ministry dates the meeting 9 March.",
                 publish=True)  # fmt: skip
        _verdict(session, ids["meeting_10"], "False", "The meeting was on 9 March, not 10 March.", publish=True)
        _verdict(session, ids["hostile_met"], "Misleading", f"Rationale with {HOSTILE_SCRIPT} {HOSTILE_MARKUP}",
                 publish=True)  # fmt: skip
        _verdict(session, ids["delegation_ar"], "Mostly true", "Matches the English report.")
    return ids


def test_scripted_review_is_what_the_exports_expect(database: Database, corpus_dir: Path) -> None:
    ids = scripted_review(database, corpus_dir)
    assert len(ids) == len(CLAIMS) == len(set(ids.values()))
    with database.session() as session:
        published = session.exec(select(Claim.id).where(Claim.status == "published")).all()
        assert set(published) == {ids["meeting_9"], ids["meeting_10"], ids["hostile_met"]}
        claim = session.get(Claim, ids["meeting_10"])
        assert claim is not None and "10 مارس" in claim.text
        article = session.get(Article, claim.article_id)
        assert article is not None and article.body[claim.start : claim.end] == claim.text
        verdicts = session.exec(select(Verdict).where(Verdict.claim_id == ids["meeting_9"])).all()
        assert [v.rating for v in verdicts] == ["Half true", "True"]
