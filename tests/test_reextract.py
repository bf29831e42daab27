"""Re-extraction replaces untouched claims and keeps every claim a reviewer has worked on."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from db.models import Claim, Verdict
from db.reextract import reextract
from db.store import store_articles
from factcheck.model import ArticleText, ClaimKind, ExtractedClaim
from sources.readers import ArticleDefaults, read_articles

pytestmark = pytest.mark.both_backends


def _sentences(pattern: str) -> Any:
    def extract(article: ArticleText) -> list[ExtractedClaim]:
        return [
            ExtractedClaim(m.group(), m.start(), m.end(), ClaimKind.EVENT, 0.5)
            for m in re.finditer(pattern, article.body)
            if m.group().strip()
        ]

    return extract


def test_reextract_keeps_touched_claims(database: Any, corpus_dir: Path) -> None:
    path = corpus_dir / "ar_jordan_meeting_report.txt"
    store_articles(database, read_articles([path], ArticleDefaults()), extract=_sentences(r"[^\n]+"))
    with database.transaction() as session:
        claims = list(session.exec(select(Claim).order_by(Claim.id)).all())
        assert len(claims) == 5
        touched, verdicted = claims[1], claims[3]
        touched.status = "in_review"
        session.add(touched)
        assert verdicted.id is not None
        session.add(Verdict(claim_id=verdicted.id, rating="False", rationale="checked", reviewer="rana"))
    kept_ids = {touched.id, verdicted.id}
    old_ids = {c.id for c in claims}

    # a finer extractor: one claim per clause
    report = reextract(database, extract=_sentences(r"[^\n،,.]+"))
    assert report.kept == 2 and report.removed == 3
    with database.session() as session:
        after = list(session.exec(select(Claim).order_by(Claim.start)).all())
    assert kept_ids <= {c.id for c in after}
    kept = [c for c in after if c.id in kept_ids]
    assert [c.status for c in kept] == ["in_review", "new"]
    new = [c for c in after if c.id not in kept_ids]
    assert report.added == len(new) == 3
    assert not {c.id for c in new} & old_ids
    for claim in new:  # no new claim overlaps a kept one
        assert all(claim.end <= k.start or k.end <= claim.start for k in kept)
