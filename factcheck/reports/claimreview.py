"""schema.org ClaimReview JSON-LD: one object per published verdict, as search engines read them.

The claim's appearances are its article and the articles of every claim linked to it; the first
appearance is the earliest published of them. ``<`` is written as ``\\u003c`` so the JSON can be
pasted into an HTML ``<script type="application/ld+json">`` block without closing it.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from factcheck.reports.record import ArticleRow, ClaimRow
from factcheck.reports.summary import Report
from factcheck.text import strip_control

__all__ = ["claim_reviews", "render_claimreview"]

CONTEXT = "https://schema.org"


def _clean(text: str) -> str:
    return " ".join(strip_control(text).split())


def _work(article: ArticleRow) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if article.url:
        work["url"] = article.url
    if article.title:
        work["headline"] = _clean(article.title)
    if article.published:
        work["datePublished"] = article.published.isoformat()
    if article.outlet:
        work["author"] = {"@type": "Organization", "name": _clean(article.outlet)}
    return work


def _review_url(base_url: str | None, claim: ClaimRow) -> str:
    """Where the review lives: under ``base_url``, else the claim's anchor in the HTML report."""
    return f"{base_url.rstrip('/')}/claims/{claim.id}" if base_url else f"#claim-{claim.id}"


def _claim_review(report: Report, claim: ClaimRow, base_url: str | None, publisher: str | None) -> dict[str, Any]:
    verdict = report.verdict(claim.id)
    assert verdict is not None
    rating = report.rating(claim.id)
    scale = report.record.scale
    review_rating: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": rating.textual_rating if rating else _clean(verdict.rating),
        "bestRating": scale.best,
        "worstRating": scale.worst,
    }
    if rating is not None:
        review_rating["ratingValue"] = rating.value
    if verdict.rationale.strip():
        review_rating["ratingExplanation"] = _clean(verdict.rationale)
    article = report.article_of(claim)
    seen: dict[int, ArticleRow] = {article.id: article}
    for other in report.others_in_cluster(claim.id):
        seen.setdefault(other.article_id, report.article_of(other))
    appearances = sorted(seen.values(), key=lambda a: (a.published or date.max, a.id))
    item: dict[str, Any] = {"@type": "Claim"}
    if article.outlet:
        item["author"] = {"@type": "Organization", "name": _clean(article.outlet)}
    if article.published:
        item["datePublished"] = article.published.isoformat()
    item["appearance"] = [_work(a) for a in appearances]
    item["firstAppearance"] = _work(appearances[0])
    author = (
        {"@type": "Organization", "name": _clean(publisher)}
        if publisher
        else {"@type": "Person", "name": _clean(verdict.reviewer)}
    )
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": _review_url(base_url, claim),
        "claimReviewed": _clean(claim.text),
        "datePublished": verdict.created_at.date().isoformat(),
        "author": author,
        "reviewRating": review_rating,
        "itemReviewed": item,
    }


def claim_reviews(report: Report, *, base_url: str | None = None, publisher: str | None = None) -> list[dict[str, Any]]:
    """ClaimReview objects for the selected claims that are published and have a verdict."""
    return [
        _claim_review(report, claim, base_url, publisher)
        for claim in report.claims
        if claim.status == "published" and report.verdict(claim.id) is not None
    ]


def render_claimreview(report: Report, *, base_url: str | None = None, publisher: str | None = None) -> str:
    reviews = claim_reviews(report, base_url=base_url, publisher=publisher)
    return json.dumps(reviews, ensure_ascii=False, indent=2).replace("<", "\\u003c") + "\n"
