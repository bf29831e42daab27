"""The learned check-worthiness model: its data file, plain-Python scoring, and the order it gives claims."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from factcheck.extraction import extract_claims, worth
from factcheck.model import ArticleText, ClaimKind, ExtractedClaim

DATA = files("factcheck.data") / "checkworthiness.json"


def ranked(body: str, language: str) -> list[ExtractedClaim]:
    claims = extract_claims(ArticleText(body, language, date(2025, 10, 17)))
    return sorted(claims, key=lambda c: -c.checkworthiness)


def test_data_files_are_small_and_complete() -> None:
    raw = DATA.read_bytes()
    data = json.loads(raw)
    assert data["languages"] == ["ar"] and data["bits"] == worth.BITS
    for part in ("lexical", "slots_only"):
        assert set(data[part]["dense"]) == set(worth.DENSE_FEATURES)
    assert len((files("factcheck.data") / "checkworthiness.npz").read_bytes()) < 2_000_000
    arrays = worth.load_arrays()
    assert sorted(arrays) == ["article", "idf", "terms"]
    for name, values in arrays.items():
        assert values.shape == (1 << worth.BITS,) and values.dtype == np.float16, name
        assert np.isfinite(values).all(), name
    # Fitted, not empty: most buckets carry a weight, and the IDF of a seen bucket is below an unseen one's.
    assert np.count_nonzero(arrays["terms"]) > 50_000 and np.count_nonzero(arrays["article"]) > 50_000
    assert arrays["idf"].min() >= 1.0 and arrays["idf"].min() < arrays["idf"].max()


def test_hashing_is_the_same_in_every_process() -> None:
    """Buckets are CRC-32, not the salted ``hash()``: two processes with different hash seeds agree."""
    code = "from factcheck.extraction import worth; print(worth.chunk_buckets('الصحة:') + [worth.bucket('covid')])"
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "random")
    }
    assert len(outs) == 1
    assert json.loads(outs.pop()) == [*worth.chunk_buckets("الصحة:"), worth.bucket("covid")]
    assert all(0 <= b < 1 << worth.BITS for b in worth.chunk_buckets("https://t.co/xyz"))


def test_scoring_needs_no_scikit_learn() -> None:
    code = (
        "import sys\n"
        "from factcheck.extraction import extract_claims\n"
        "from factcheck.model import ArticleText\n"
        "c = extract_claims(ArticleText('أعلنت وزارة الصحة تسجيل 120 إصابة جديدة اليوم.', 'ar'))\n"
        "assert c and 0 < c[0].checkworthiness < 1, c\n"
        "print(sorted(m for m in ('sklearn', 'scipy') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _article_logit(body: str, data: dict[str, Any]) -> float:
    """The article part the long way: sublinear TF × IDF over the opening n-grams, L2 norm, dot product."""
    arrays = worth.load_arrays()
    counts: dict[int, int] = {}
    for chunk in body.split()[: worth.ARTICLE_CHUNKS]:
        for gram in worth.chunk_features(chunk):
            b = worth.bucket(gram)
            counts[b] = counts.get(b, 0) + 1
    tf = {b: 1.0 + np.log(n) for b, n in counts.items()}
    norm = sum((float(arrays["idf"][b]) * t) ** 2 for b, t in tf.items()) ** 0.5
    return float(data["article_intercept"]) + sum(float(arrays["article"][b]) * t for b, t in tf.items()) / norm


def _plain_logit(text: str, claim: ExtractedClaim, body: str, heading: bool, language: str) -> float:
    """The model's logit written out the long way, from the data files (guards the unrolled runtime)."""
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    lexical = language in data["languages"]
    part = data["lexical" if lexical else "slots_only"]
    z = float(part["intercept"])
    if lexical:
        terms = worth.load_arrays()["terms"]
        grams = [g for chunk in text.split() for g in worth.chunk_features(chunk)]
        z += sum(float(terms[worth.bucket(g)]) for g in grams) / len(grams) ** 0.5
        z += float(part["article"]) * _article_logit(body, data)
    n_words = len(text.split())
    dense = worth.dense_features(claim.kind, claim.slots, negated=claim.negated, heading=heading, n_words=n_words)
    weights = {name: part["dense"][name] + data.get("policy", {}).get(name, 0.0) for name in worth.DENSE_FEATURES}
    return z + sum(weights[name] * x for name, x in zip(worth.DENSE_FEATURES, dense, strict=True))


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("قال وزير الصحة إن 120 إصابة جديدة سجلت أمس في عمان.", "ar"),
        ("الحكومة تؤجل رفع أسعار الوقود", "ar"),
        ("The health minister said 120 new cases were recorded in Amman yesterday.", "en"),
        ("Talks continue between the unions and the employers.", "en"),
    ],
)
def test_runtime_score_is_the_logistic_of_the_fitted_weights(body: str, language: str) -> None:
    (claim,) = extract_claims(ArticleText(body, language, date(2025, 10, 17)))
    heading = "\n" not in body and not body.endswith(".")
    z = _plain_logit(claim.text, claim, body, heading, language)
    assert claim.checkworthiness == pytest.approx(1 / (1 + 2.718281828459045**-z), abs=2e-3)


ARABIC = """\
وزارة الصحة تعلن تسجيل 120 إصابة جديدة بفيروس كورونا

أعلنت وزارة الصحة اليوم الجمعة تسجيل 120 إصابة جديدة بفيروس كورونا و3 وفيات خلال الساعات الأربع والعشرين الماضية.

وقال وزير الصحة إن نسبة الإشغال في المستشفيات بلغت 40 بالمئة.

الوضع صعب والله يحفظ الجميع من كل شر.

نتمنى لكم يوما سعيدا مع متابعة أخبارنا.
"""


def test_arabic_facts_outrank_wishes_and_chatter() -> None:
    order = [c.text for c in ranked(ARABIC, "ar")]
    assert len(order) == 5
    facts = {order.index(c) for c in order if "120" in c or "40" in c}
    chatter = {order.index(c) for c in order if c.startswith(("الوضع صعب", "نتمنى لكم"))}
    assert max(facts) < min(chatter), order


ENGLISH_CHATTER = """\
Ministry reports 120 new cases and three deaths

The health ministry said on Friday that 120 new cases and three deaths were recorded in Amman.

Everyone should stay safe and look after each other.

It was a long week for all of us.
"""


def test_english_slot_less_claims_rank_below_stated_facts() -> None:
    order = ranked(ENGLISH_CHATTER, "en")
    assert order[0].slots.numbers and order[0].slots.dates
    lowest = order[-2:]
    assert all(not (c.slots.numbers or c.slots.dates or c.slots.places) for c in lowest), [c.text for c in order]


def test_english_sample_article_puts_dated_and_counted_claims_first(corpus_dir: Path) -> None:
    body = (corpus_dir / "en_defence_delegation.txt").read_text(encoding="utf-8")
    order = ranked(body, "en")
    top = order[: max(2, len(order) // 3)]
    assert all(c.slots.dates or c.slots.numbers or c.slots.actors for c in top), [c.text for c in order]
    assert all(c.kind is not ClaimKind.OPINION for c in top)
    slotless = [c for c in order if not (c.slots.dates or c.slots.numbers or c.slots.places or c.slots.actors)]
    if slotless:
        assert order.index(slotless[0]) >= len(order) // 2


def test_a_stated_fact_scores_above_boilerplate_in_both_layouts() -> None:
    """A dated, counted report outranks a greeting and a "follow us" line, alone (a tweet) or in an article."""
    fact = "أعلنت وزارة الصحة اليوم الجمعة تسجيل 120 إصابة جديدة بفيروس كورونا و3 وفيات في عمان."
    boiler = [
        "شكرا لكل من تابعنا هذا المساء وإلى اللقاء في حلقة قادمة.",
        "لا تنسوا الاشتراك في القناة وتفعيل زر الجرس.",
    ]
    (alone,) = extract_claims(ArticleText(fact, "ar"))
    for line in boiler:
        (other,) = extract_claims(ArticleText(line, "ar"))
        assert alone.checkworthiness > other.checkworthiness + 0.1, (alone, other)
    order = [c.text for c in ranked("\n\n".join([*boiler, fact]), "ar")]
    assert fact.startswith(order[0]), order
