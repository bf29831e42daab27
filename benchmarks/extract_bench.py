"""Extraction speed as a ratio against a minimal regex extractor measured in the same run (R-extract).

The reference splits sentences with one regex, runs a handful of slot regexes (digits, month
names, capitalised words, reporting verbs, a few country names) over each sentence and keeps the
matches as one record per sentence: the least any extractor must do.
Budget (shared PERFORMANCE.md): the rule-based extractor reaches at least 0.25x of the reference,
in Arabic and in English. Both sides are timed on the same text; sentences are counted by the
reference splitter for both, so the ratio is a ratio of times.

    .venv/bin/python benchmarks/extract_bench.py [--repeat 9] [--sentences 2000]

Each language's articles are repeated until they hold about ``--sentences`` sentences, so that both
languages are timed over passes of the same size (one English article alone is too short a pass to
time steadily).

Two figures per language: "warm" is the steady state of a long import (word lookups memoised),
"cold" clears every memo of the rule engine (words, chunks, name readings, place choices) before
each pass, as for the first article of a fresh process.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.extraction import clear_caches, extract_claims  # noqa: E402
from factcheck.model import ArticleText  # noqa: E402

BUDGET = 0.25
SHARED = ROOT.parent / "shared" / "corpus"
CORPUS = SHARED if SHARED.is_dir() else ROOT / "sources" / "sample_corpus"

_SENTENCE_RE = re.compile(r"(?<=[.!?؟…])\s+|\n\s*\n")
_SLOT_RES = [
    re.compile(r"\d+(?:[.,]\d+)?"),
    re.compile(
        r"\b(?:يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|آذار|تشرين|"
        r"January|February|March|April|May|June|July|August|September|October|November|December)\b"
    ),
    re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*"),
    re.compile(r"\b(?:قال|أكد|أشار|ذكرت|بحسب|said|according to|told)\b"),
    re.compile(r"\b(?:تركيا|سوريا|الأردن|العراق|لبنان|دمشق|أنقرة|Turkey|Syria|Jordan|Iraq|Damascus|Ankara)\b"),
]


def reference(body: str) -> list[dict[str, object]]:
    """Minimal regex extraction: split, run every slot regex over every sentence, keep what matched."""
    records: list[dict[str, object]] = []
    for sentence in _SENTENCE_RE.split(body):
        if sentence.strip():
            slots = [pattern.findall(sentence) for pattern in _SLOT_RES]
            records.append({"text": sentence, "slots": slots})
    return records


def load(language: str, sentences: int) -> list[ArticleText]:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    articles = []
    for entry in manifest:
        if entry["language"] != language:
            continue
        body = (CORPUS / entry["file"]).read_text(encoding="utf-8")
        published = date.fromisoformat(entry["published"]) if entry.get("published") else None
        articles.append(ArticleText(body=body, language=language, published=published))
    per_copy = sum(len(reference(a.body)) for a in articles)
    return articles * max(1, -(-sentences // per_copy))


def best_times(runs: list[Callable[[], object]], repeat: int, before: list[Callable[[], None] | None]) -> list[float]:
    """Best wall time of each run, the runs interleaved so that machine noise hits them alike."""
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for k, run in enumerate(runs):
            prepare = before[k]
            if prepare is not None:
                prepare()
            start = time.perf_counter()
            run()
            best[k] = min(best[k], time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="passes; the best of each is kept")
    parser.add_argument("--sentences", type=int, default=2000, help="sentences per pass and language")
    args = parser.parse_args()
    ok = True
    print(f"R-extract budget: rule-based extraction >= {BUDGET}x the minimal regex extractor")
    for language in ("ar", "en"):
        articles = load(language, args.sentences)
        sentences = sum(len(reference(a.body)) for a in articles)
        extract_claims(articles[0])  # load CLDR names and the gazetteer outside the timing

        def run_reference(articles: list[ArticleText] = articles) -> None:
            for article in articles:
                reference(article.body)

        def run_rules(articles: list[ArticleText] = articles) -> None:
            for article in articles:
                extract_claims(article)

        ref, warm, cold = best_times([run_reference, run_rules, run_rules], args.repeat, [None, None, clear_caches])
        ratio_warm, ratio_cold = ref / warm, ref / cold
        verdict = "ok" if ratio_warm >= BUDGET else "BELOW BUDGET"
        ok = ok and ratio_warm >= BUDGET
        print(
            f"{language}: {sentences} sentences | reference {sentences / ref:,.0f} sent/s | "
            f"rules warm {sentences / warm:,.0f} sent/s ({ratio_warm:.2f}x) | "
            f"cold {sentences / cold:,.0f} sent/s ({ratio_cold:.2f}x) | {verdict}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
