"""Hostile article text and HTML through the real import: no runaway work, no RecursionError."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from cli import main
from factcheck.extraction import extract_claims
from factcheck.extraction.segment import MAX_SENTENCE
from factcheck.matching.context import ClaimSpan, sentence_contexts
from factcheck.model import MAX_ARTICLE_CHARS, ArticleText
from factcheck.text.sentences import MAX_SPAN, sentence_spans
from sources.html_text import html_to_text

WORDS = ["the", "minister", "said", "government", "forces", "met", "officials", "in", "the", "capital", "on", "monday"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _unpunctuated(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(WORDS)
        out.append(word)
        length += len(word) + 1
    return " ".join(out)


def test_a_line_without_stops_gives_bounded_sentences_claims_and_contexts() -> None:
    body = _unpunctuated(300_000)
    spans = sentence_spans(body)
    assert len(spans) > 150 and max(e - s for s, e in spans) <= MAX_SPAN
    assert "".join(body[s:e] for s, e in spans) == body  # cut, nothing lost or repeated
    claims = extract_claims(ArticleText(body=body, language="en"))
    assert claims and max(c.end - c.start for c in claims) <= MAX_SENTENCE
    contexts = sentence_contexts(body, [ClaimSpan(i, c.start, c.end, c.slots) for i, c in enumerate(claims)])
    assert len(contexts) == len(claims)
    assert max(len(text) for text, _ in contexts.values()) <= MAX_SPAN


def test_an_over_long_run_is_cut_at_a_comma_when_there_is_one() -> None:
    body = ("word " * 300 + ", ") * 20
    spans = sentence_spans(body)
    assert all(body[s:e].rstrip().endswith(",") for s, e in spans[:-1])


def test_a_long_line_imports_and_an_article_over_the_limit_is_refused_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "long.txt").write_text(_unpunctuated(100_000), encoding="utf-8")
    (tmp_path / "huge.txt").write_text(_unpunctuated(MAX_ARTICLE_CHARS + 10, seed=2), encoding="utf-8")
    db = str(tmp_path / "f.db")
    code, out, _ = _run(capsys, "--db", db, "import", str(tmp_path / "long.txt"), str(tmp_path / "huge.txt"), "--json")
    assert code == 1
    items = {Path(i["where"]).name: i for i in json.loads(out)["items"]}
    assert items["long.txt"]["status"] == "imported" and items["long.txt"]["claims"] > 50
    assert items["huge.txt"]["status"] == "failed"
    assert "article text is" in items["huge.txt"]["error"] and f"{MAX_ARTICLE_CHARS:,}" in items["huge.txt"]["error"]


def _deep_html(depth: int) -> str:
    body = "<div>" * depth + "The ministers met in Amman." + "</div>" * depth
    return f"<html><head><title>Deep</title></head><body>{body}</body></html>"


def test_html_nested_100000_deep_gives_its_text() -> None:
    document = html_to_text(_deep_html(100_000))
    assert document.title == "Deep" and document.text == "The ministers met in Amman."
    unclosed = html_to_text("<body>" + "<div><p><b>" * 30_000 + "Still text.")
    assert unclosed.text == "Still text."


def test_deep_html_imports_and_attaches_offline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "deep.html"
    page.write_text(_deep_html(20_000), encoding="utf-8")  # far past the recursion limit
    db = str(tmp_path / "f.db")
    code, out, err = _run(capsys, "--db", db, "import", str(page), "--json")
    assert code == 0, err
    assert [(i["status"], i["claims"]) for i in json.loads(out)["items"]] == [("imported", 1)]
    code, out, err = _run(capsys, "--db", db, "source", "add", "1", str(page), "--offline", "--json")
    assert code == 0, err
    assert '"title": "Deep"' in out and '"status": "ok"' in out
