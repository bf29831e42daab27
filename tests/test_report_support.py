"""A scripted review of the sample corpus, shared by the report and export tests.

The corpus goes in through the real importer (``store_articles``) with an extractor that returns the
claims the shared fixtures name, so the claims are the same whatever the rule-based extractor finds.
The review (links, contradictions, sources, verdicts, statuses) is written as a reviewer would leave
it, each change with its audit entry. A hostile article carries every injection case the renderers
must defuse.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from db import audit
from db.engine import Database
from db.models import Article, Claim, ClaimLink, ClaimSource, Contradiction, Source, SourceSnapshot, Verdict
from db.store import store_articles
from factcheck.model import ArticleText, ClaimKind, ExtractedClaim
from factcheck.review.spans import find_span
from sources.readers import ArticleDefaults, ArticleRecord, read_articles

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
T0 = datetime(2025, 10, 20, 9, 0, tzinfo=UTC)


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


def _link(session: Session, a: int, b: int, *, status: str, at: datetime) -> None:
    low, high = min(a, b), max(a, b)
    link = session.exec(select(ClaimLink).where(ClaimLink.claim_a_id == low, ClaimLink.claim_b_id == high)).first()
    if link is None:
        link = ClaimLink(claim_a_id=low, claim_b_id=high, score=88.5, text_score=81.0, slot_score=1.0, method="slots")
    before = link.status
    link.status, link.reviewer, link.decided_at = status, "Amira", at
    session.add(link)
    session.flush()
    if status != "suggested":
        audit.record(
            session, reviewer="Amira", action=f"link.{status}", entity="claim_link", entity_id=link.id,
            claim_id=low, before={"status": before}, after={"status": status},
        )  # fmt: skip


def _contradiction(
    session: Session, a: int, b: int, kind: str, values: tuple[Any, Any], *, status: str, reason: str | None = None
) -> None:
    row = session.exec(
        select(Contradiction).where(
            Contradiction.claim_a_id == a, Contradiction.claim_b_id == b, Contradiction.kind == kind
        )
    ).first()
    if row is None:
        row = Contradiction(
            claim_a_id=a, claim_b_id=b, kind=kind, value_a=values[0], value_b=values[1],
            explanation=f"the articles give different {kind}s",
        )  # fmt: skip
    row.status, row.reason = status, reason
    if status != "open":
        row.reviewer, row.decided_at = "Amira", T0
    session.add(row)
    session.flush()
    if status != "open":
        audit.record(
            session, reviewer="Amira", action=f"contradiction.{status}", entity="contradiction", entity_id=row.id,
            claim_id=a, before={"status": "open"}, after={"status": status, "reason": reason},
        )  # fmt: skip


def _source(session: Session, url: str, title: str, text: str, at: datetime) -> Source:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = Source(
        url=url, final_url=url, http_status=200, content_type="text/html; charset=utf-8", title=title,
        text=text, sha256=digest, fetched_at=at,
    )  # fmt: skip
    session.add(source)
    session.flush()
    assert source.id is not None
    session.add(
        SourceSnapshot(
            source_id=source.id, final_url=url, http_status=200, content_type=source.content_type, title=title,
            text=text, sha256=digest, fetched_at=at,
        )
    )  # fmt: skip
    return source


def _attach(session: Session, claim_id: int, source: Source, stance: str, quote: str | None, at: datetime) -> None:
    assert source.id is not None
    row = ClaimSource(
        claim_id=claim_id, source_id=source.id, stance=stance, quote=quote,
        quote_found=None if quote is None else quote in (source.text or ""), reviewer="Amira", created_at=at,
    )  # fmt: skip
    session.add(row)
    session.flush()
    audit.record(
        session, reviewer="Amira", action="source.attach", entity="claim_source", entity_id=row.id,
        claim_id=claim_id, after={"url": source.url, "stance": stance, "quote": quote},
    )  # fmt: skip


def _verdict(session: Session, claim_id: int, rating: str, rationale: str, status: str, at: datetime) -> None:
    claim = session.get(Claim, claim_id)
    assert claim is not None
    verdict = Verdict(claim_id=claim_id, rating=rating, rationale=rationale, reviewer="Amira", created_at=at)
    session.add(verdict)
    session.flush()
    audit.record(
        session, reviewer="Amira", action="verdict.set", entity="verdict", entity_id=verdict.id,
        claim_id=claim_id, after={"rating": rating, "rationale": rationale},
    )  # fmt: skip
    if claim.status != status:
        audit.record(
            session, reviewer="Amira", action="claim.status", entity="claim", entity_id=claim_id,
            claim_id=claim_id, before={"status": claim.status}, after={"status": status},
        )  # fmt: skip
        claim.status, claim.version, claim.updated_at = status, claim.version + 1, at
        session.add(claim)


def scripted_review(database: Database, corpus_dir: Path) -> dict[str, int]:
    """Import the corpus and the hostile article, then review them; returns claim ids by name."""
    records = _records(corpus_dir)
    report = store_articles(database, list(records.values()), extract=_fixture_extractor(records))
    assert not report.failed and report.count("imported") == len(records)
    with database.transaction() as session:
        ids = _claim_ids(session)
        day = timedelta(days=1)
        _link(session, ids["support_5"], ids["support_states"], status="confirmed", at=T0)
        _link(session, ids["meeting_9"], ids["meeting_10"], status="confirmed", at=T0)
        _link(session, ids["delegation_ar"], ids["delegation_en"], status="confirmed", at=T0)
        _link(session, ids["visit_12"], ids["visit_13"], status="suggested", at=T0)
        _link(session, ids["centre_agreed"], ids["hostile_met"], status="rejected", at=T0)
        _contradiction(session, ids["meeting_9"], ids["meeting_10"], "date", ("2025-03-09", "2025-03-10"),
                       status="confirmed", reason="real_conflict")  # fmt: skip
        _contradiction(session, ids["support_5"], ids["four_states"], "number", (5, 4), status="open")
        _contradiction(session, ids["centre_agreed"], ids["centre_not_agreed"], "negation", (True, False),
                       status="open")  # fmt: skip
        hostile_place = f"{HOSTILE_MARKUP} {HOSTILE_ANSI}"
        _contradiction(session, ids["meeting_9"], ids["hostile_met"], "place", ("JO", hostile_place), status="open")
        _contradiction(session, ids["visits_2"], ids["visits_3"], "number", (2, 3), status="dismissed",
                       reason="different_period")  # fmt: skip
        ministry = _source(
            session, "https://mod.example.jo/statements/2025-03-09", "بيان وزارة الخارجية الأردنية",
            "عقد في عمان يوم 9 مارس 2025 اجتماع وزاري لدول الجوار السوري", T0,
        )  # fmt: skip
        hostile = _source(
            session, "https://evil.example/page", f"{HOSTILE_FORMULA} {HOSTILE_SCRIPT}",
            f"{HOSTILE_MARKUP} {HOSTILE_ANSI} quoted text", T0,
        )  # fmt: skip
        _attach(session, ids["meeting_9"], ministry, "supports", "اجتماع وزاري لدول الجوار السوري", T0)
        _attach(session, ids["meeting_10"], ministry, "refutes", "يوم 9 مارس 2025", T0)
        _attach(session, ids["hostile_met"], hostile, "context", HOSTILE_MARKUP, T0)
        _verdict(session, ids["meeting_9"], "Half true", "First look: the place is right.", "drafted", T0)
        _verdict(session, ids["meeting_9"], "True", "The Jordanian foreign ministry dates the meeting 9 March.",
                 "published", T0 + day)  # fmt: skip
        _verdict(session, ids["meeting_10"], "False", "The meeting was on 9 March, not 10 March.", "published",
                 T0 + day)  # fmt: skip
        _verdict(session, ids["hostile_met"], "Misleading", f"Rationale with {HOSTILE_SCRIPT} {HOSTILE_MARKUP}",
                 "published", T0 + 2 * day)  # fmt: skip
        _verdict(session, ids["delegation_ar"], "Mostly true", "Matches the English report.", "drafted", T0)
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
