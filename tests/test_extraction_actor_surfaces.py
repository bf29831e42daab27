"""Organisation names end before a word carrying a preposition («وزارة الدفاع» then «بالعاصمة»)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factcheck.extraction import extract_claims
from factcheck.model import ArticleText, ExtractedClaim

_PREPOSITIONAL = ("بال", "فال", "كال")


def _claims(corpus_dir: Path, manifest: dict[str, dict[str, Any]], name: str) -> tuple[str, list[ExtractedClaim]]:
    entry = manifest[name]
    body = (corpus_dir / name).read_text(encoding="utf-8")
    return body, extract_claims(ArticleText(body=body, language=entry["language"], published=entry["published"]))


def test_ministry_name_stops_before_the_capital(corpus_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    body, claims = _claims(corpus_dir, manifest, "004_0960fe732d95aff5.txt")
    headquarters = body.index("في مقر وزارة الدفاع") + len("في مقر ")
    actors = [a for c in claims for a in c.slots.actors if a.start == headquarters]
    assert [(a.surface, a.kind, a.end) for a in actors] == [
        ("وزارة الدفاع", "ministry", headquarters + len("وزارة الدفاع"))
    ]


def test_li_al_continues_an_official_name() -> None:
    """«لل» is part of many official names, unlike «بال»."""
    body = "وأعلنت الوكالة الدولية للطاقة الذرية أن المفتشين وصلوا إلى دمشق يوم 3 مارس."
    [claim] = extract_claims(ArticleText(body=body, language="ar"))
    assert "الوكالة الدولية للطاقة الذرية" in [a.surface for a in claim.slots.actors]


def test_no_organisation_runs_into_a_prepositional_word(corpus_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    seen = 0
    for name, entry in manifest.items():
        if entry["language"] != "ar":
            continue
        _, claims = _claims(corpus_dir, manifest, name)
        for actor in (a for c in claims for a in c.slots.actors if a.kind in ("ministry", "organisation")):
            seen += 1
            rest = actor.surface.split()[1:]
            assert not [w for w in rest if w.startswith(_PREPOSITIONAL)], actor.surface
    assert seen >= 5


def test_quoted_channel_name_keeps_its_closing_quote(corpus_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    _, claims = _claims(corpus_dir, manifest, "004_0960fe732d95aff5.txt")
    channels = [a for c in claims for a in c.slots.actors if a.surface.startswith("قناة")]
    assert [(a.surface, a.key) for a in channels] == [("قناة “الإخبارية السورية”", "قناه اخباريه سوريه")]
    for actor in (a for c in claims for a in c.slots.actors):
        assert actor.surface.count("“") == actor.surface.count("”"), actor.surface
