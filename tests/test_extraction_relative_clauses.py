"""Predictive relative clauses and evaluative frames become claims of their own, on corpus text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factcheck.extraction import extract_claims
from factcheck.model import ArticleText, ClaimKind, ExtractedClaim


def _claims(corpus_dir: Path, manifest: dict[str, dict[str, Any]], name: str) -> list[ExtractedClaim]:
    entry = manifest[name]
    body = (corpus_dir / name).read_text(encoding="utf-8")
    return extract_claims(ArticleText(body=body, language=entry["language"], published=entry["published"]))


def _folded(claim: ExtractedClaim) -> str:
    return " ".join(claim.text.split())


def _only(claims: list[ExtractedClaim], fragment: str) -> ExtractedClaim:
    found = [c for c in claims if fragment in _folded(c)]
    assert len(found) == 1, f"{len(found)} claims contain {fragment!r}"
    return found[0]


def _apart(
    corpus_dir: Path, manifest: dict[str, dict[str, Any]], name: str, fact: str, aside: str
) -> tuple[ExtractedClaim, ExtractedClaim]:
    """The claims holding ``fact`` and ``aside``, which must be two different claims."""
    claims = _claims(corpus_dir, manifest, name)
    pair = _only(claims, fact), _only(claims, aside)
    assert pair[0] is not pair[1]
    assert pair[0].end <= pair[1].start
    return pair


def test_agreement_stands_apart_from_what_the_centre_will_be(
    corpus_dir: Path, manifest: dict[str, dict[str, Any]]
) -> None:
    fact, prediction = _apart(
        corpus_dir, manifest, "000_f1042223d0777276.txt", "تم الاتفاق على إنشاء مركز العمليات المشترك", "سيشكل نواة"
    )
    assert _folded(fact).endswith("تم الاتفاق على إنشاء مركز العمليات المشترك")
    assert fact.kind is ClaimKind.EVENT and not fact.negated
    assert _folded(prediction) == "الذي سيشكل نواة للتنسيق بين الأطراف المعنية"
    assert prediction.kind is ClaimKind.OPINION
    assert fact.checkworthiness > prediction.checkworthiness


def test_reception_stands_apart_from_its_evaluative_frame(
    corpus_dir: Path, manifest: dict[str, dict[str, Any]]
) -> None:
    reception, frame = _apart(
        corpus_dir, manifest, "004_0960fe732d95aff5.txt", "استقبل وزير الدفاع السوري مرهف أبو قصرة", "في أحدث مؤشر على"
    )
    assert "في مقر وزارة الدفاع بالعاصمة دمشق" in _folded(reception)
    assert "مؤشر" not in _folded(reception)
    assert {"مرهف أبو قصرة", "إلكاي آلتينداج"} <= {a.surface for a in reception.slots.actors}
    assert [d.value for d in reception.slots.dates] == ["2025-10-17"]
    assert reception.kind is ClaimKind.EVENT
    assert _folded(frame).startswith("في أحدث مؤشر")
    assert frame.kind is ClaimKind.BACKGROUND
    assert {p.country for p in frame.slots.places} == {"TR", "SY"}  # «أنقرة ودمشق» belong to the frame


def _texts(body: str, language: str) -> list[tuple[str, ClaimKind]]:
    return [(c.text, c.kind) for c in extract_claims(ArticleText(body=body, language=language))]


def test_english_relative_clause_that_predicts() -> None:
    body = "Turkey and Syria agreed on Friday to set up a joint operations centre, which will coordinate the work."
    assert _texts(body, "en") == [
        ("Turkey and Syria agreed on Friday to set up a joint operations centre", ClaimKind.EVENT),
        ("which will coordinate the work", ClaimKind.OPINION),
    ]


def test_relative_clause_that_reports_stays_whole() -> None:
    ar = "افتتحت الوزارة المستشفى الجديد في دمشق، التي زارها الوزير أمس."
    en = "The minister met the envoy, who arrived in Damascus on Monday."
    assert len(_texts(ar, "ar")) == 1
    assert len(_texts(en, "en")) == 1


def test_relative_clause_in_reported_speech_keeps_the_speaker() -> None:
    body = "وقال الوزير إن الحكومة وقعت الاتفاق، الذي سيدخل حيز التنفيذ الشهر المقبل."
    claims = extract_claims(ArticleText(body=body, language="ar"))
    assert len(claims) == 2
    assert [c.slots.attribution.speaker if c.slots.attribution else None for c in claims] == ["الوزير", "الوزير"]
