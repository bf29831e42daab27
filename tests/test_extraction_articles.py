"""Extraction on whole corpus articles: the English report, the Jordan report, atomic claims."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factcheck.extraction import extract_claims
from factcheck.model import ArticleText, ClaimKind, ExtractedClaim


def _claims(corpus_dir: Path, manifest: dict[str, dict[str, Any]], name: str) -> list[ExtractedClaim]:
    entry = manifest[name]
    body = (corpus_dir / name).read_text(encoding="utf-8")
    return extract_claims(ArticleText(body=body, language=entry["language"], published=entry["published"]))


def _claim_with(claims: list[ExtractedClaim], fragment: str) -> ExtractedClaim:
    found = [c for c in claims if fragment in " ".join(c.text.split())]
    assert found, f"no claim contains {fragment!r}"
    return found[0]


def test_english_article(corpus_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    claims = _claims(corpus_dir, manifest, "en_defence_delegation.txt")
    received = _claim_with(claims, "received a high-level Turkish military delegation")
    assert [d.value for d in received.slots.dates] == ["2025-10-17"]  # "on Friday", published Friday
    assert {p.country for p in received.slots.places if p.surface == "Damascus"} == {"SY"}
    assert {"Murhaf Abu Qasra", "Ilkay Altindag"} <= {a.surface for a in received.slots.actors}

    visit = _claim_with(claims, "visited Ankara on October 13")
    assert [d.value for d in visit.slots.dates] == ["2025-10-13"]
    assert [(p.surface, p.country) for p in visit.slots.places] == [("Ankara", "TR")]
    assert {"Abu Qasra", "Asaad al-Shaibani", "Hussein al-Salama"} <= {a.surface for a in visit.slots.actors}
    assert visit.slots.participants == ("asaad al shaibani", "hussein al salama")

    august = _claim_with(claims, "visited Turkey three times")
    assert [(n.value, n.unit) for n in august.slots.numbers] == [(3.0, "times")]
    assert [d.value for d in august.slots.dates] == ["2025-08"]

    thanks = _claim_with(claims, "thanked his Turkish counterpart")
    assert "Yasar Guler" in {a.surface for a in thanks.slots.actors}
    assert thanks.kind is ClaimKind.QUOTE
    assert thanks.slots.attribution is not None and thanks.slots.attribution.speaker == "Abu Qasra"


def test_jordan_report(corpus_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    claims = _claims(corpus_dir, manifest, "ar_jordan_meeting_report.txt")
    meeting = _claim_with(claims, "عُقد في العاصمة عمّان يوم 10 مارس")
    assert [d.value for d in meeting.slots.dates] == ["2025-03-10"]
    amman = [p for p in meeting.slots.places if p.surface == "عمّان"]
    assert amman and {(p.name, p.country, p.kind) for p in amman} == {("Amman", "JO", "city")}

    four = _claim_with(claims, "بمشاركة أربع دول")
    assert [(n.value, n.unit) for n in four.slots.numbers] == [(4.0, "دول")]
    assert four.slots.participants == ("TR", "IQ", "SY", "JO")
    assert four.kind is ClaimKind.QUANTITY

    not_agreed = _claim_with(claims, "ولم يتم الاتفاق على إنشاء مركز عمليات مشترك")
    assert not_agreed.negated
    assert not_agreed.kind is ClaimKind.QUOTE  # «بحسب مصدر دبلوماسي»
    assert all(not c.negated for c in claims if c is not not_agreed)

    minister = _claim_with(claims, "وقال وزير الخارجية الأردني أيمن الصفدي")
    assert minister.kind is ClaimKind.QUOTE
    assert minister.slots.attribution is not None
    assert "أيمن الصفدي" in (minister.slots.attribution.speaker or "")
    title = _claim_with(claims, "اجتماع عمّان: أربع دول")
    assert {p.country for p in title.slots.places} >= {"JO", "SY"}


def test_claims_are_atomic(corpus_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    claims = _claims(corpus_dir, manifest, "000_f1042223d0777276.txt")
    meeting = _claim_with(claims, "عُقد في 9 مارس الماضي اجتماع وزاري في الأردن")
    members = _claim_with(claims, "ضم تركيا والعراق وسوريا ولبنان والأردن")
    agreed = _claim_with(claims, "تم الاتفاق بين الدول الخمس على")
    assert len({id(meeting), id(members), id(agreed)}) == 3
    assert meeting.end <= members.start and members.end <= agreed.start
    assert "ضم" not in meeting.text and "الخمس" not in members.text
    assert [d.value for d in meeting.slots.dates] == ["2025-03-09"]
    assert not members.slots.dates
    assert members.slots.participants == ("TR", "IQ", "SY", "LB", "JO")
    assert [n.value for n in agreed.slots.numbers] == [5.0]


def test_word_numerals_and_duals(corpus_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    claims = _claims(corpus_dir, manifest, "004_0960fe732d95aff5.txt")
    twice = _claim_with(claims, "تركيا مرتين")
    assert [(n.value, n.unit) for n in twice.slots.numbers] == [(2.0, "مرة")]
    delegation = _claim_with(claims, "وفدًا عسكريًا تركيًا")
    turkish = [p for p in delegation.slots.places if p.surface == "تركيًا"]
    assert turkish and turkish[0].kind == "demonym"  # "Turkish", not the country


def test_headings_and_boilerplate(corpus_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    claims = _claims(corpus_dir, manifest, "000_f1042223d0777276.txt")
    assert claims[0].text.startswith("“تركيا وسوريا تؤسسان")
    assert claims[0].kind is not ClaimKind.QUOTE  # a quoted headline is not reported speech
    texts = " ".join(c.text for c in claims)
    for boilerplate in ("صوت كوردستان", "اترك تعليقاً", "بريدك الإلكتروني"):
        assert boilerplate not in texts
    # Headings without any slot («أهداف المركز المشترك») are not claims.
    assert not [c for c in claims if c.text == "أهداف المركز المشترك"]


def test_checkworthiness_ranks_facts_above_opinion(corpus_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    claims = _claims(corpus_dir, manifest, "000_f1042223d0777276.txt")
    fact = _claim_with(claims, "عُقد في 9 مارس الماضي")
    expected = _claim_with(claims, "من المتوقع أن يكون للمركز")
    considered = _claim_with(claims, "يُعتبر سد تشرين من أهم")
    assert expected.kind is ClaimKind.OPINION and considered.kind is ClaimKind.OPINION
    assert fact.checkworthiness > max(expected.checkworthiness, considered.checkworthiness)
    context = _claim_with(claims, "تأتي هذه الخطوة في ظل التقارب الملحوظ")
    assert context.kind is ClaimKind.BACKGROUND
    assert fact.checkworthiness > context.checkworthiness
    quote = _claim_with(claims, "الموارد والإمكانات الموجودة في سوريا")
    assert quote.slots.attribution is not None
    assert quote.slots.attribution.speaker == "مصادر في وزارة الدفاع التركية"
