"""Extraction over the sample corpus against the hand-made expectations in seed_claims.json."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from factcheck.extraction import extract_claims
from factcheck.model import ArticleText, ExtractedClaim
from factcheck.text import match_key

_WS = re.compile(r"\s+")


def fold_with_offsets(body: str) -> tuple[str, list[int]]:
    """``body`` with whitespace runs folded to one space, and each folded character's offset in ``body``."""
    chars: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _WS.finditer(body):
        for k in range(pos, m.start()):
            chars.append(body[k])
            offsets.append(k)
        chars.append(" ")
        offsets.append(m.start())
        pos = m.end()
    for k in range(pos, len(body)):
        chars.append(body[k])
        offsets.append(k)
    return "".join(chars), offsets


def locate(body: str, needle: str) -> tuple[int, int]:
    """Span of the whitespace-folded ``needle`` in ``body`` (whose lines may be hard-wrapped)."""
    folded, offsets = fold_with_offsets(body)
    needle = " ".join(needle.split())
    at = folded.find(needle)
    assert at >= 0, f"evidence not in the article: {needle!r}"
    return offsets[at], offsets[at + len(needle) - 1] + 1


def article(corpus_dir: Path, manifest: dict[str, dict[str, Any]], name: str) -> ArticleText:
    entry = manifest[name]
    body = (corpus_dir / name).read_text(encoding="utf-8")
    return ArticleText(body=body, language=entry["language"], published=entry["published"])


def mismatch(claim: ExtractedClaim, expect: dict[str, Any]) -> str | None:
    """Why ``claim`` does not carry the expected slots, or None when it does."""
    slots = claim.slots
    if "countries" in expect and not set(expect["countries"]) <= {p.country for p in slots.places}:
        return f"countries {sorted({p.country or '' for p in slots.places})}"
    if "places" in expect:
        keys = {match_key(p.surface) for p in slots.places}
        if not {match_key(p) for p in expect["places"]} <= keys:
            return f"places {[p.surface for p in slots.places]}"
    if "actors" in expect:
        keys = {match_key(a.surface) for a in slots.actors}
        if not {match_key(a) for a in expect["actors"]} <= keys:
            return f"actors {[a.surface for a in slots.actors]}"
    if "numbers" in expect and not {float(v) for v in expect["numbers"]} <= {n.value for n in slots.numbers}:
        return f"numbers {[n.value for n in slots.numbers]}"
    if "dates" in expect:
        values = {d.value for d in slots.dates}
        if expect["dates"] == [] and slots.dates:
            return f"dates {sorted(v or '' for v in values)} where none were expected"
        if not set(expect["dates"]) <= values:
            return f"dates {sorted(v or '' for v in values)}"
    if "kind" in expect and str(claim.kind) != expect["kind"]:
        return f"kind {claim.kind}"
    return None


def test_seed_claims_all_found(
    corpus_dir: Path, manifest: dict[str, dict[str, Any]], seed_claims: dict[str, Any], request: pytest.FixtureRequest
) -> None:
    failures: list[str] = []
    total = hits = 0
    for name, spec in seed_claims["articles"].items():
        art = article(corpus_dir, manifest, name)
        claims = extract_claims(art)
        for entry in spec["claims"]:
            total += 1
            start, end = locate(art.body, entry["evidence"])
            overlapping = [c for c in claims if c.start < end and start < c.end]
            reasons = [mismatch(c, entry["expect"]) for c in overlapping]
            if overlapping and None in reasons:
                hits += 1
            else:
                failures.append(f"{name}: {entry['evidence'][:50]}… → {reasons or 'no overlapping claim'}")
    line = f"seed claims: {hits}/{total} found with their slots ({hits / total:.0%})"
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if capture is not None:
        with capture.global_and_fixture_disabled():
            print(f"\n{line}")
    else:
        print(line)
    assert not failures, "\n".join(failures)
    assert hits == total == 22


def test_no_claims_in_boilerplate_and_no_dates_in_traps(
    corpus_dir: Path, manifest: dict[str, dict[str, Any]], seed_claims: dict[str, Any]
) -> None:
    checked = 0
    for name, spec in seed_claims["articles"].items():
        art = article(corpus_dir, manifest, name)
        claims = extract_claims(art)
        for text in spec["no_claims_in"]:
            start, end = locate(art.body, text)
            assert not [c.text for c in claims if c.start < end and start < c.end], text
            checked += 1
        for text in spec["not_dates"]:
            folded, _ = fold_with_offsets(art.body)
            assert folded.count(" ".join(text.split())) >= 1
            for claim in claims:
                for d in claim.slots.dates:
                    assert text not in d.surface, (text, d)
            start, end = locate(art.body, text)
            dated = [d for c in claims for d in c.slots.dates if d.start < end and start < d.end]
            assert not dated, dated
            checked += 1
    assert checked == 4


def test_spans_index_the_body(corpus_dir: Path, manifest: dict[str, dict[str, Any]]) -> None:
    for name in manifest:
        art = article(corpus_dir, manifest, name)
        claims = extract_claims(art)
        assert claims, name
        for claim in claims:
            assert art.body[claim.start : claim.end] == claim.text
            assert 0.0 <= claim.checkworthiness <= 1.0
            slots = claim.slots
            spans = [(s.start, s.end, s.surface) for s in slots.dates]
            spans += [(s.start, s.end, s.surface) for s in slots.numbers]
            spans += [(s.start, s.end, s.surface) for s in slots.places]
            spans += [(s.start, s.end, s.surface) for s in slots.actors]
            for start, end, surface in spans:
                assert art.body[start:end] == surface
                assert claim.start <= start and end <= claim.end
            for actor in slots.actors:
                assert actor.key == match_key(actor.surface)
        assert [c.start for c in claims] == sorted(c.start for c in claims)
