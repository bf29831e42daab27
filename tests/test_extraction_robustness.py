"""Malformed and hostile text: zero or some claims, never an exception, spans always valid."""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from factcheck.errors import InvalidValueError
from factcheck.extraction import extract_claims, get_extractor
from factcheck.model import ArticleText, ExtractedClaim

_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإةىًٌٍَُِّْـ"
    '0123456789٠١٢٣٤٥٦٧٨٩٫٬ .,،؛:!؟?…\n\n\t“”"«»()/-–—%*•'
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "\x00\x07\x1b\u200f\u202eЖ中ß"
)


def _check(body: str, published: date | None = date(2025, 10, 17)) -> list[ExtractedClaim]:
    claims = extract_claims(ArticleText(body=body, language="ar", published=published))
    for claim in claims:
        assert body[claim.start : claim.end] == claim.text
        assert claim.text.strip()
        assert 0.0 <= claim.checkworthiness <= 1.0
        slots = claim.slots
        spans = [(s.start, s.end, s.surface) for s in slots.dates] + [
            (s.start, s.end, s.surface) for s in slots.numbers
        ]
        spans += [(s.start, s.end, s.surface) for s in slots.places] + [
            (s.start, s.end, s.surface) for s in slots.actors
        ]
        for start, end, surface in spans:
            assert body[start:end] == surface
    return claims


@pytest.mark.parametrize(
    "body",
    [
        "",
        "   \n\n\t  ",
        "...!!!؟؟،،،---***",
        "." * 5000,
        "\x00\x01\x02\x1b[31mتركيا\x07 وسوريا\r\n\r\n9 مارس",
        "Привет мир. 你好世界。 Γειά σου κόσμε. שלום עולם.",
        "تركيا Ankara 中文 9 مارس 2024 October 13 ٣ دول",
        "\u202eمرحبا\u202c بالعالم\u200f.",
        "1.\n2.\n3.\n•\n•",
        "“" * 1000 + "”" * 1000,
        "9 " * 5000,
        "مارس " * 3000,
        "في ² مارس 2025 زار ³⁴ مرتين ⅷ ①② 𝟗 مارس",  # digits that are not decimal, and ones that are
    ],
)
def test_malformed_text_never_raises(body: str) -> None:
    _check(body)


def test_megabyte_without_a_full_stop(corpus_dir: Path) -> None:
    article = (corpus_dir / "004_0960fe732d95aff5.txt").read_text(encoding="utf-8")
    words = article.replace(".", " ").replace("\n", " ") + " "
    body = (words * (1_000_000 // len(words) + 1))[:1_000_000]
    claims = _check(body)
    assert claims  # cut into bounded pieces, not one megabyte-long claim
    assert max(len(c.text) for c in claims) <= 600


def test_megabyte_without_spaces() -> None:
    assert _check("ب" * 1_000_000) == []


@pytest.mark.parametrize("seed", range(8))
def test_random_text(seed: int) -> None:
    rnd = random.Random(seed)
    body = "".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(1, 20_000)))
    _check(body, None if seed % 2 else date(2025, 1, 1))


@pytest.mark.parametrize("seed", range(4))
def test_shuffled_corpus_words(seed: int) -> None:
    """Real words in random order exercise the detectors' edges (names at the end, cues at the start)."""
    rnd = random.Random(seed)
    text = (
        "وزير الدفاع السوري مرهف أبو قصرة في 12 أكتوبر/تشرين الأول الجاري ضم تركيا والعراق "
        "بحسب مصدر قال إن لم يتم الدول الخمس مرتين العاصمة عمّان شهر أغسطس/آب الماضي اليوم "
        "الجمعة Foreign Minister Asaad al-Shaibani on Friday three times said “ ” . ، ؛"
    )
    words = text.split()
    body = " ".join(rnd.choice(words) for _ in range(3000))
    _check(body)


def test_unknown_engine_is_a_clear_error() -> None:
    with pytest.raises(InvalidValueError, match="unknown extractor 'llm'"):
        get_extractor("llm")
    assert get_extractor("rules").name == "rules"


def test_importing_extraction_is_cheap() -> None:
    """Data (CLDR names, the gazetteer) loads on the first extraction, not at import."""
    code = (
        "import sys, factcheck.extraction as e; "
        "assert 'babel' not in sys.modules, 'babel imported'; "
        "assert 'factcheck.extraction.places' not in sys.modules, 'gazetteer module imported'; "
        "print('ok')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
